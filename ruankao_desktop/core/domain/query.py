"""What was typed into the one search field, made safe and split into words, each recognised as the form
it is written in (docs/domain.md "Finding a certificate").

Anything may be typed or pasted: the text is capped before it is read, invisible and control characters
are dropped, full-width letters and digits become half-width. Several words are ANDed; consecutive Latin
words are one pinyin word (`Wang Fang`, `zhang w`). Nothing here touches the database: the words that may
name a session, a qualification or a level are told apart by the caller, who knows them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from ruankao_desktop.core.domain.masking import NAME_SEPARATOR
from ruankao_desktop.core.domain.names import contains_cjk, normalise_name
from ruankao_desktop.core.errors import InvalidInput, UsageError

# What is read of a query at most (characters), and how many words it may have.
MAX_READ = 1000
MAX_QUERY = 200
MAX_WORDS = 6
MIN_IDENTIFIER_PREFIX = 6
TAIL_LENGTHS = range(4, 7)

_TAIL = re.compile(r"\d{3,6}X?")
_IDENTIFIER = re.compile(r"[A-Z0-9/-]{1,64}")
# Latin letters, with the hyphens and apostrophes of names such as Min-jun or O'Brien inside.
_LATIN = re.compile(r"[a-zA-ZüÜ]+(?:['-][a-zA-ZüÜ]+)*")
_NAME_MARKS = re.compile(r"['-]")
_WORD_SPLIT = re.compile(r"[\s,，;；、]+")
# A middle dot (or what people type for it) with spaces around it, between ideographs: 买买提 · 艾力.
_DOT_BETWEEN = re.compile(
    "(?<=[\u3400-\u9fff])\\s*[\u00b7\u30fb\u2022\u2027\uff65.\u3002\uff0e]\\s*(?=[\u3400-\u9fff])"
)
_CJK_OR_DOT = re.compile(f"[{NAME_SEPARATOR}\u3007\u3400-\u9fff\uf900-\ufaff\U00020000-\U000323af]+")


class Form(StrEnum):
    """How a word is written."""

    NAME = "name"  # ideographs: a full name, a surname or the start of a name
    PINYIN = "pinyin"  # Latin letters: full or partial pinyin, initials
    MIXED = "mixed"  # ideographs and Latin letters: 王f, w芳
    TAIL = "id_tail"  # the last 4–6 characters of an ID number
    IDENTIFIER = "identifier"  # an ID number, 证书编号 or 管理号, whole or its start


@dataclass(frozen=True)
class Word:
    form: Form
    text: str  # normalised: a name as `normalise_name` gives it, pinyin lower-case, numbers upper-case
    typed: str  # the word as typed (cleaned), for messages and session or qualification names


def clean(text: str) -> str:
    """The query without what cannot be meant: control and format characters (zero-width, direction
    marks), lone surrogates, private-use characters; capped at `MAX_QUERY` characters."""
    head = text[:MAX_READ]
    if head.isascii() and head.isprintable():  # a number typed or scanned: nothing to drop
        return head.strip()[:MAX_QUERY]
    kept = "".join(char for char in head if unicodedata.category(char)[0] != "C" or char in "\t\n\r")
    return unicodedata.normalize("NFC", kept).strip()[:MAX_QUERY]


def words_of(text: str) -> list[Word]:
    """The words of a query, each with its form. `UsageError` when nothing is left to search for;
    `InvalidInput` for a word that cannot be any form (the message names it). How many words may be
    combined is the planner's to say, once it has joined a name typed with spaces."""
    cleaned = _DOT_BETWEEN.sub(NAME_SEPARATOR, clean(text))
    raw = [part for part in _WORD_SPLIT.split(cleaned) if part]
    if not raw:
        raise UsageError("lookup.empty")
    words: list[Word] = []
    for part in raw:
        word = _word(part)
        previous = words[-1] if words else None
        if previous is not None and word.form is Form.PINYIN and previous.form is Form.PINYIN:
            words[-1] = Word(Form.PINYIN, previous.text + word.text, f"{previous.typed} {word.typed}")
        else:
            words.append(word)
    return words


def _word(part: str) -> Word:
    half = unicodedata.normalize("NFKC", part) if not contains_cjk(part) else _half_width(part)
    if _LATIN.fullmatch(half):
        return Word(Form.PINYIN, pinyin_text(half), part)
    if contains_cjk(half):
        name = normalise_name(half)  # a full stop between ideographs becomes the middle dot
        rest = _CJK_OR_DOT.sub("", name)
        if not rest:
            return Word(Form.NAME, name, part)
        if _LATIN.fullmatch(rest):
            return Word(Form.MIXED, pinyin_text(name), part)
        raise InvalidInput("lookup.unrecognised", value=_shown(part))
    upper = half.upper()
    if _TAIL.fullmatch(upper) and len(upper) in TAIL_LENGTHS:
        return Word(Form.TAIL, upper, part)
    if _IDENTIFIER.fullmatch(upper) and any(char.isdigit() for char in upper):
        return Word(Form.IDENTIFIER, upper, part)
    raise InvalidInput("lookup.unrecognised", value=_shown(part))


def pinyin_text(latin: str) -> str:
    """Pinyin as the keys hold it: lower-case, ü written v, no hyphens or apostrophes."""
    return _NAME_MARKS.sub("", latin.lower().replace("ü", "v"))


def _half_width(text: str) -> str:
    """Full-width Latin letters and digits made half-width; ideographs left exactly as typed."""
    return "".join(
        unicodedata.normalize("NFKC", char) if "\uff01" <= char <= "\uff5e" else char for char in text
    )


def _shown(part: str) -> str:
    """A word as a message may repeat it: never a long run of digits in full."""
    digits = sum(char.isdigit() for char in part)
    shown = part if digits < 7 else f"{part[:3]}…{part[-2:]}"
    return shown[:40]
