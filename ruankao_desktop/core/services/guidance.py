"""Why a search found nothing (the brief's "信息不匹配"): the likely causes, most specific first.

The front desk reads these to the candidate: a typing error with the exact field problem, a session
whose certificates have not arrived yet (with its expected date), a name written with a homophone, a
former name or ID number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruankao_desktop.core.domain.names import contains_cjk, normalise_name, pinyin_keys
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.store.models import ExamSession, Holder
from ruankao_desktop.core.store.search import as_date

SIMILAR_NAMES = 6


@dataclass(frozen=True)
class Hint:
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    problem: KnownError | None = None

    def message(self, lang: Language = "zh") -> str:
        if self.problem is not None:
            return render(self.code, lang, problem=self.problem.message(lang))
        return render(self.code, lang, **self.params)


def no_match_hints(query: str, *, by_name: bool, problem: KnownError | None) -> list[Hint]:
    """What may explain an empty result for `query` (searched by name when `by_name`, or refused with
    `problem`)."""
    hints: list[Hint] = []
    if problem is not None:
        hints.append(Hint("guide.input", problem=problem))
    pending = (
        ExamSession.select()
        .where(ExamSession.actual_arrival.is_null())
        .order_by(ExamSession.exam_date.desc())
    )
    for session in pending:
        expected = as_date(session.expected_arrival)
        shown = f"{expected:%Y-%m}" if expected else "—"
        hints.append(Hint("guide.pending_session", {"session": session.name, "expected": shown}))
    if by_name and contains_cjk(query):
        name = normalise_name(query)
        full, _ = pinyin_keys(name)
        similar = [
            holder.name
            for holder in Holder.select(Holder.name)
            .where((Holder.name_pinyin == full) & (Holder.name != name))
            .distinct()
            .limit(SIMILAR_NAMES)
        ]
        if similar:
            hints.append(Hint("guide.similar_names", {"names": "、".join(similar)}))
    hints.append(Hint("guide.former_identity"))
    hints.append(Hint("guide.contact"))
    return hints
