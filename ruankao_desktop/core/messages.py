"""The words the product says to people, in Chinese (default) and English, keyed by a stable code.

Core code raises or returns a code with parameters; the CLI and GUI render it in the chosen language.
Parameters never carry a full ID number (see `core.domain.masking`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ruankao_desktop.core.texts import CATALOGUE

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


def render(code: str, lang: Language = "zh", /, **params: Any) -> str:
    """The message for `code` in `lang`, with `params` filled in."""
    zh, en = CATALOGUE[code]
    template = en if lang == "en" else zh
    return template.format(**params) if params else template


def known_codes() -> frozenset[str]:
    return frozenset(CATALOGUE)


@dataclass(frozen=True)
class Notice:
    """A non-fatal remark attached to a result (a warning the user should read, not an error)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Language = "zh") -> str:
        return render(self.code, lang, **self.params)
