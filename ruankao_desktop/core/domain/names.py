"""Personal names: normalisation, validation and pinyin search keys.

Names may hold characters from any plane of Unicode (GB 18030-2022), so lengths count code points and
nothing here assumes the Basic Multilingual Plane.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from functools import cache, lru_cache, partial

from ruankao_desktop.core.domain.masking import NAME_SEPARATOR
from ruankao_desktop.core.errors import InvalidInput

MAX_NAME_LENGTH = 100
# Look-alikes people type for the middle dot of minority names: katakana middle dot, bullet, hyphenation
# point, half-width katakana middle dot, Greek ano teleia, bullet and dot operators.
_DOT_LOOKALIKES = re.compile("[\u30fb\u2022\u2027\uff65\u0387\u2219\u22c5]")
_WHITESPACE = re.compile(r"\s+")
# CJK unified ideographs (BMP, Extension A and Extensions B–I), compatibility ideographs and 〇.
_CJK = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002ebef\U0002ebf0-\U0002ee5f\U00030000-\U000323af"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
# A full stop typed between two ideographs is a middle dot that the keyboard could not produce.
_STOP_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[.\uff0e\u3002](?=[{_CJK}])")
_SPACE_AROUND_DOT = re.compile(f" ?{NAME_SEPARATOR} ?")
# Names converted a character at a time (`_syllables`): ideographs of the basic block, not too many.
_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
_MAX_FAST_PINYIN = 8
# Surnames whose reading differs from the character's most common one.
_SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",),
    "单": ("shan",),
    "解": ("xie",),
    "区": ("ou",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "盖": ("ge",),
    "乐": ("yue",),
    "繁": ("po",),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
}

_SURNAMES_LONGEST_FIRST = tuple(
    sorted(_SURNAME_READINGS.items(), key=lambda item: len(item[0]), reverse=True)
)


def contains_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


def normalise_name(text: str) -> str:
    """NFC, trimmed, single spaces, no spaces between ideographs, one kind of middle dot (U+00B7)."""
    name = unicodedata.normalize("NFC", text)
    name = _DOT_LOOKALIKES.sub(NAME_SEPARATOR, name)
    name = _WHITESPACE.sub(" ", name).strip()
    name = _SPACE_BETWEEN_CJK.sub("", name)
    name = _STOP_BETWEEN_CJK.sub(NAME_SEPARATOR, name)
    return _SPACE_AROUND_DOT.sub(NAME_SEPARATOR, name)


def validate_name(text: str) -> str:
    """The normalised name, or `InvalidInput` saying what is wrong with it."""
    name = normalise_name(text)
    if not name:
        raise InvalidInput("name.empty")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput("name.too_long", length=len(name), max=MAX_NAME_LENGTH)
    for char in name:
        if _CJK_CHAR.match(char):
            continue  # 〇 is a number (Nl) to Unicode but a character in names
        category = unicodedata.category(char)
        if category[0] in "CNS" or (category[0] == "P" and char not in f"{NAME_SEPARATOR}-'"):
            raise InvalidInput("name.bad_character", char=char, codepoint=f"U+{ord(char):04X}")
    if name.startswith(NAME_SEPARATOR) or name.endswith(NAME_SEPARATOR) or NAME_SEPARATOR * 2 in name:
        raise InvalidInput("name.bad_separator")
    return name


@lru_cache(maxsize=65536)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower-case without separators: 张伟 → ("zhangwei", "zw").

    Characters pypinyin does not know (rare ones, Latin letters) are kept as they are.
    """
    syllables = name_syllables(name)
    return "".join(syllables), "".join(s[0] for s in syllables)


@lru_cache(maxsize=65536)
def name_syllables(name: str) -> tuple[str, ...]:
    """The syllables of a name, lower-case, its surname read as a surname (单 shan, not dan); a run of
    Latin letters is a syllable per word. pypinyin is imported on first use, not at the top: loading its
    dictionaries takes longer than the whole window's start."""
    surname_syllables: tuple[str, ...] = ()
    for surname, readings in _SURNAMES_LONGEST_FIRST:
        if name.startswith(surname):
            surname_syllables, name = readings, name[len(surname) :]
            break
    syllables = [word.lower() for part in _syllables(name) for word in part.split()]
    return (*surname_syllables, *(s for s in syllables if s != NAME_SEPARATOR))


def _syllables(text: str) -> list[str]:
    """pypinyin's `lazy_pinyin(text)` (style NORMAL), taken a character at a time when that gives the
    same: ideographs only, and no two or more of them together forming a word of pypinyin's phrase
    dictionary (whose readings can differ from the characters' own, 长江 → cháng jiāng). That is nearly
    every name, at a fifth of the time (measured 6.6 against 33.7 µs a name) — an import of a million
    names spends many seconds here otherwise.
    A test compares both on many names."""
    whole, phrases = _pypinyin()
    if len(text) > _MAX_FAST_PINYIN or _HAN_RUN.fullmatch(text) is None:
        return whole(text)
    end = len(text)
    for start in range(end - 1):
        for stop in range(start + 2, end + 1):
            if text[start:stop] in phrases:
                return whole(text)
    return [_character_syllable(char) for char in text]


@cache  # bounded by the ideographs of the basic block
def _character_syllable(char: str) -> str:
    return _pypinyin()[0](char)[0]


@lru_cache(maxsize=1)
def _pypinyin() -> tuple[Callable[[str], list[str]], Container[str]]:
    """pypinyin's conversion (style NORMAL) and its phrase dictionary, imported on first use."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    return partial(lazy_pinyin, style=Style.NORMAL), PHRASES_DICT
