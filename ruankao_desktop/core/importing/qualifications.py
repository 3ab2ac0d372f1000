"""Which qualification a list means: current names, historical (pre-2004) names and their aliases.

A list writes 软件设计师, 软件设计师（中级）, 中级 软件设计师, or the old 高级程序员. The same name can
mean two qualifications: 程序员 was 中级 until 2003 and is 初级 since 2004 (docs/domain.md "Qualifications"),
so the session year (and a 级别 column, where there is one) decides. A certificate is stored as issued: an old
name maps to the historical qualification, never to today's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ruankao_desktop.core.errors import InvalidInput

LEVELS = {"初级": "junior", "中级": "intermediate", "高级": "senior"}
_LEVEL_WORD = "(初级|中级|高级)"
_LEVEL_FIRST = re.compile(f"{_LEVEL_WORD}(?:资格)?[/·:\\-]?(.+)")
_LEVEL_LAST = re.compile(f"(.+?)[/·:\\-]?\\({_LEVEL_WORD}(?:资格)?\\)")
_LEVEL_IN_TEXT = re.compile("([初中高])级")
_NOISE = re.compile(r"\s+")


def normalise_qualification_name(text: str) -> str:
    """NFKC (full-width brackets become ASCII ones), without spaces."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


def parse_level(text: str) -> str:
    """初级 / 中级 / 高级 (also 中级资格 …) → junior / intermediate / senior."""
    match = _LEVEL_IN_TEXT.search(normalise_qualification_name(text))
    if match is None:
        raise InvalidInput("import.level_bad", value=text.strip())
    return LEVELS[match[1] + "级"]


@dataclass(frozen=True)
class QualificationEntry:
    id: int
    name: str
    level: str
    first_year: int | None
    last_year: int | None
    aliases: tuple[str, ...] = ()

    @property
    def historical(self) -> bool:
        return self.last_year is not None

    def in_use(self, year: int) -> bool:
        return (self.first_year is None or self.first_year <= year) and (
            self.last_year is None or year <= self.last_year
        )


class QualificationCatalogue:
    """Resolves a qualification cell (plus the level and the session year) to a qualification id."""

    def __init__(self, entries: Iterable[QualificationEntry]) -> None:
        self._by_name: dict[str, list[QualificationEntry]] = {}
        for entry in entries:
            for name in {entry.name, *entry.aliases}:
                self._by_name.setdefault(normalise_qualification_name(name), []).append(entry)

    def resolve(self, text: str, *, level: str | None, year: int | None) -> int:
        """The id of the qualification `text` names; raises `InvalidInput` when it is unknown, its level
        contradicts `level`, it was not awarded in `year`, or it stays ambiguous."""
        shown = text.strip()
        key = normalise_qualification_name(text)
        candidates = self._by_name.get(key)
        written_level: str | None = None
        if candidates is None:
            match = _LEVEL_FIRST.fullmatch(key)
            name, word = (match[2], match[1]) if match else (None, None)
            if match is None and (match := _LEVEL_LAST.fullmatch(key)):
                name, word = match[1], match[2]
            if name is not None and word is not None:
                candidates = self._by_name.get(name)
                written_level = LEVELS[word]
        if not candidates:
            raise InvalidInput("import.qualification_unknown", value=shown)
        for wanted in {given for given in (level, written_level) if given is not None}:
            fitting = [entry for entry in candidates if entry.level == wanted]
            if not fitting:
                raise InvalidInput(
                    "import.qualification_level",
                    value=shown,
                    level=_level_word(wanted),
                    expected="、".join(sorted({_level_word(e.level) for e in candidates})),
                )
            candidates = fitting
        if year is not None:
            candidates = self._in_year(candidates, shown, year)
        if len(candidates) > 1:
            raise InvalidInput("import.qualification_ambiguous", value=shown)
        return candidates[0].id

    @staticmethod
    def _in_year(candidates: list[QualificationEntry], shown: str, year: int) -> list[QualificationEntry]:
        """A qualification with years of use fits the years it was in use; one without (today's
        catalogue) fits when no historical candidate does."""
        dated = [entry for entry in candidates if entry.historical and entry.in_use(year)]
        if dated:
            return dated
        undated = [entry for entry in candidates if not entry.historical and entry.in_use(year)]
        if undated:
            return undated
        first = min(entry.first_year or 0 for entry in candidates)
        last = max(entry.last_year or year for entry in candidates)
        raise InvalidInput("import.qualification_years", value=shown, first=first, last=last, year=year)


def _level_word(level: str) -> str:
    return {code: word for word, code in LEVELS.items()}[level]
