"""The printing font chain as an administrator checks it (`fonts check`): which fonts print, in which
order, and which of them prints each character of a text (docs/architecture.md "Printing and fonts")."""

from __future__ import annotations

from typing import NamedTuple

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.pdf.fonts import FontChain, FontFace, NoUsableFont, codepoint

__all__ = ["CharacterFont", "FontChain", "FontFace", "character_fonts", "fresh_chain"]


class CharacterFont(NamedTuple):
    """One distinct character of a text, its code point (U+4E2D), and the font that prints it, if any."""

    char: str
    codepoint: str
    font: str | None


def fresh_chain(settings: Settings) -> FontChain:
    """The chain discovered now, not the cached one printing uses: a font just installed or configured
    shows up. Raises `NoUsableFont` when no font can print at all."""
    chain = FontChain.discover(configured=settings.fonts)
    if not chain.faces:
        raise NoUsableFont()
    return chain


def character_fonts(chain: FontChain, text: str) -> list[CharacterFont]:
    """Each distinct character of `text` (whitespace aside), in order, with the font that prints it."""
    found = []
    for char in dict.fromkeys(text):
        if char.isspace():
            continue
        face = chain.face_for(char)
        found.append(CharacterFont(char, codepoint(char), face.name if face else None))
    return found
