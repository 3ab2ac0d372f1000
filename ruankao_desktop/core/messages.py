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
    """The message for `code` in `lang`, with `params` filled in. A parameter with a `text(lang)` method
    (a certificate state, a reissue kind) is put in the same language as the message."""
    zh, en = CATALOGUE[code]
    template = en if lang == "en" else zh
    if not params:
        return template
    localised = {name: _in_language(value, lang) for name, value in params.items()}
    return template.format(**localised)


def _in_language(value: Any, lang: Language) -> Any:
    text = getattr(value, "text", None)
    return text(lang) if callable(text) else value


def known_codes() -> frozenset[str]:
    return frozenset(CATALOGUE)


@dataclass(frozen=True)
class Notice:
    """A non-fatal remark attached to a result (a warning the user should read, not an error)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Language = "zh") -> str:
        return render(self.code, lang, **self.params)
