"""From the words of a query to a search the finder runs (docs/architecture.md "Search"), and from a hit
back to why it matched.

Each word becomes the ways it may match (`finder.Part`s, ranked by their codes). Words that name a
session (2026H1, 2026年上半年), a qualification (软件设计师) or a level (中级) narrow the others, so they
count only beside a word that searches. Of the searching words, the one likely to match fewest lists the
hits (an ID number's end before a name, a name before a lone surname) and every other word is tested on
each hit, through an index.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cache
from itertools import product
from typing import Any

from peewee import Database

from ruankao_desktop.core.domain.names import name_syllables
from ruankao_desktop.core.domain.query import MAX_WORDS, MIN_IDENTIFIER_PREFIX, Form, Word, pinyin_text
from ruankao_desktop.core.domain.search_keys import (
    CHARACTERS,
    COMPOUND_SURNAMES,
    COUNTED_NAME,
    COUNTED_PINYIN,
    INITIALS,
    MIXED,
    NAME,
    PINYIN,
    initials_pattern,
    mixed_matches,
    name_key,
    name_keys,
    pinyin_tags,
    readings,
    spelled_in_full,
    surname_of,
)
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.store.finder import Filters, Query
from ruankao_desktop.core.store.models import ExamSession, Qualification, QualificationAlias
from ruankao_desktop.core.store.search_parts import Code, Part, identifier_part, key_part, tail_part

LEVEL_WORDS = {"初级": "junior", "中级": "intermediate", "高级": "senior"}
_CJK_RUN = re.compile(r"[^a-z]+")
_LATIN_RUN = re.compile(r"[a-z]+")
# The mixes the `c:` keys hold as typed: a surname's initials and then the given name's characters (w芳,
# oy娜), or a surname and then the given name's pinyin or initials (王f, 王fang, 王xm, 欧阳n).
_INITIAL_THEN_CHARACTERS = re.compile(r"[a-z][^a-z]+")
_SURNAME_THEN_LETTERS = re.compile(r"([^a-z]{1,2})[a-z]+")


class Detected(StrEnum):
    """What a query was taken for (`lookup --json` "detected")."""

    ID_NUMBER = "id_number"
    CERT_NO = "cert_no"
    MANAGEMENT_NO = "management_no"
    IDENTIFIER = "identifier"  # a number that may be any of the three, or the start of one
    NAME = "name"
    PINYIN = "pinyin"
    MIXED = "mixed"
    ID_TAIL = "id_tail"
    COMBINED = "combined"  # several words

    def text(self, lang: Language = "zh") -> str:
        return render(f"kind.{self.value}", lang)


_DETECTED = {
    Form.NAME: Detected.NAME,
    Form.PINYIN: Detected.PINYIN,
    Form.MIXED: Detected.MIXED,
    Form.TAIL: Detected.ID_TAIL,
    Form.IDENTIFIER: Detected.IDENTIFIER,
}


@dataclass(frozen=True)
class Vocabulary:
    """The sessions, qualifications and levels a word may name, by their normalised names."""

    sessions: Mapping[str, int] = field(default_factory=dict)
    qualifications: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        sessions: dict[str, int] = {}
        for session in ExamSession.select(ExamSession.id, ExamSession.code, ExamSession.name):
            for spelling in (session.code, session.name, session.name.replace("年", "")):
                sessions[_vocabulary_key(spelling)] = session.id
        qualifications: dict[str, set[int]] = {}
        for qualification in Qualification.select(Qualification.id, Qualification.name):
            qualifications.setdefault(_vocabulary_key(qualification.name), set()).add(qualification.id)
        for alias in QualificationAlias.select(QualificationAlias.name, QualificationAlias.qualification):
            qualifications.setdefault(_vocabulary_key(alias.name), set()).add(alias.qualification_id)
        return cls(sessions, {name: tuple(sorted(ids)) for name, ids in qualifications.items()})

    def narrow(self, word: Word, filters: Filters) -> Filters | None:
        """`filters` narrowed by `word` when it names a session, a qualification or a level."""
        key = _vocabulary_key(word.typed)
        if key in self.sessions:
            return replace(filters, session_ids=(*filters.session_ids, self.sessions[key]))
        if key in self.qualifications:
            return replace(filters, qualification_ids=(*filters.qualification_ids, *self.qualifications[key]))
        if word.typed in LEVEL_WORDS:
            return replace(filters, levels=(*filters.levels, LEVEL_WORDS[word.typed]))
        return None


def _vocabulary_key(text: str) -> str:
    return "".join(text.split()).upper()


@dataclass(frozen=True)
class Plan:
    """A query ready for the finder (None when nothing is left to search), and what it was taken for."""

    detected: Detected
    query: Query | None
    driver: Word | None = None  # the word whose parts list the hits


def plan_search(
    database: Database,
    words: Sequence[Word],
    *,
    filters: Filters,
    vocabulary: Vocabulary | None,
    today: date,
    cutoffs: Mapping[int, date],
) -> Plan:
    """The search for `words` (the vocabulary tells filter words apart; None for a single word)."""
    searching: list[Word] = []
    narrowing = False
    for word in words:
        narrowed = vocabulary.narrow(word, filters) if vocabulary is not None and len(words) > 1 else None
        previous = searching[-1] if searching else None
        if narrowed is not None:
            filters, narrowing = narrowed, True
        elif previous is not None and previous.form is Form.NAME and word.form is Form.NAME:
            # 张 伟 is one name typed with a space, as Zhang Wei is one pinyin word.
            searching[-1] = Word(Form.NAME, previous.text + word.text, f"{previous.typed} {word.typed}")
        else:
            searching.append(word)
    if len(searching) > MAX_WORDS:
        raise InvalidInput("lookup.too_many_words", count=len(searching), max=MAX_WORDS)
    if not searching:
        return Plan(Detected.COMBINED, None)
    detected = _DETECTED[searching[0].form] if len(searching) == 1 and not narrowing else Detected.COMBINED
    alone = len(searching) == 1
    groups: list[tuple[Part, ...]] = []
    ordered = sorted(searching, key=_selectivity)
    for word in ordered:
        parts, required = word_parts(database, word, alone=alone)
        if not parts:  # a number too short to be the start of one: it can match nothing
            return Plan(detected, None)
        groups.append(parts)
        groups.extend(required)
    counted = _counted(ordered[0]) if len(groups) == 1 else None
    query = Query(groups[0], tuple(_as_test(group) for group in groups[1:]), filters, today, cutoffs, counted)
    return Plan(detected, query, ordered[0])


def _as_test(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """A word's parts as a test of each hit (`Query.others`), where only whether one matches counts:
    without an exact key that a range of the same word holds (`n:刘` is in the range of names starting
    with 刘, `p:liu` in that of pinyin starting with liu), one probe less for most hits."""
    ranges = {part.code for part in parts}
    return tuple(part for part in parts if _WITHIN.get(part.code) not in ranges)


# An exact key, and the range of keys starting with it that a word has beside it.
_WITHIN = {Code.NAME: Code.NAME_PREFIX, Code.PINYIN: Code.PINYIN_PREFIX}


def _counted(word: Word) -> str | None:
    """The `search_count` word whose count is the number of hits of `word` alone, if it has one."""
    if word.form is Form.NAME and len(key := name_key(word.text)) <= COUNTED_NAME:
        return NAME + key
    if word.form is Form.PINYIN and len(word.text) <= COUNTED_PINYIN:
        return PINYIN + word.text
    return None


def _selectivity(word: Word) -> int:
    """Which word lists the hits: the one likely to match fewest certificates."""
    if word.form is Form.NAME:
        return 2 if len(word.text) > 1 else 5
    return {Form.IDENTIFIER: 0, Form.TAIL: 1, Form.MIXED: 3, Form.PINYIN: 4}[word.form]


def word_parts(
    database: Database, word: Word, *, alone: bool
) -> tuple[tuple[Part, ...], tuple[tuple[Part, ...], ...]]:
    """The ways `word` may match, and the words it also requires (a mixed word's leading ideographs)."""
    text = word.text
    if word.form is Form.NAME:
        key = NAME + name_key(text)
        return (
            key_part(database, Code.NAME, key, prefix=False),
            key_part(database, Code.NAME_PREFIX, key, prefix=True),
        ), ()
    if word.form is Form.PINYIN:
        return tuple(_pinyin_parts(database, text)), ()
    if word.form is Form.MIXED:
        return _mixed_parts(database, text)
    if word.form is Form.TAIL:
        parts = [tail_part(database, text, former=False), tail_part(database, text, former=True)]
        if alone and len(text) >= MIN_IDENTIFIER_PREFIX:
            parts += _identifier_prefix_parts(database, text)
        return tuple(parts), ()
    exact = [
        identifier_part(database, code, text) for code in (Code.CERT_NO, Code.MANAGEMENT_NO, Code.ID_NUMBER)
    ]
    exact.append(identifier_part(database, Code.FORMER_ID_NUMBER, text))
    prefix = _identifier_prefix_parts(database, text) if len(text) >= MIN_IDENTIFIER_PREFIX else []
    return tuple(prefix if alone else exact + prefix), ()


def _mixed_parts(database: Database, text: str) -> tuple[tuple[Part, ...], tuple[tuple[Part, ...], ...]]:
    """A mix of characters and letters: by the `c:` keys as typed, and, where it may be another mix
    (wx明: 王小明; 王x明), by the `i:` keys of its initials with its characters at their places; where
    its letters may also spell syllables in full (wang明), by its spellings and the characters it starts
    with, each hit of those then checked syllable by syllable (`search_keys.mixed_matches`)."""
    typed = key_part(database, Code.CHARACTERS, CHARACTERS + text, prefix=True)
    surname = _SURNAME_THEN_LETTERS.fullmatch(text)
    if _INITIAL_THEN_CHARACTERS.fullmatch(text) or (
        surname is not None and _unambiguous(surname.group(1), text[len(surname.group(1))])
    ):
        return (typed,), ()
    by_initials = [
        key_part(database, Code.INITIALS, INITIALS + each, prefix=True, like=initials_pattern(text, each))
        for each in sorted(set(_spellings(text, initials=True)))
    ]
    if not spelled_in_full(text):
        return (typed, *by_initials), ()  # each of them has the characters typed
    spelled = [
        part for spelling in _spellings(text) for part in _pinyin_parts(database, spelling, mixed=True)
    ]
    leading = _CJK_RUN.match(text)
    required: tuple[tuple[Part, ...], ...] = ()
    if leading is not None:  # which the spellings have not
        required = ((key_part(database, Code.NAME_PREFIX, NAME + name_key(leading.group(0)), prefix=True),),)
    return (typed, *by_initials, *spelled), required


def _unambiguous(characters: str, letter: str) -> bool:
    """Whether characters typed before letters can only be a whole surname: 欧y may be 欧阳 and a y
    (欧阳's second syllable starts with y), 欧n only 欧 and an n."""
    if len(characters) == 1:
        return letter not in _compound_starts().get(characters, "")
    return characters in COMPOUND_SURNAMES


@cache
def _compound_starts() -> dict[str, str]:
    """The first character of each two-character surname, with the initials its second syllable may
    have (worked out on first use: it reads pinyin)."""
    starts: dict[str, str] = {}
    for surname in sorted(COMPOUND_SURNAMES):
        for reading in readings(surname + "某"):
            starts[surname[0]] = starts.get(surname[0], "") + reading[1][:1]
    return starts


def _identifier_prefix_parts(database: Database, text: str) -> list[Part]:
    return [
        identifier_part(database, Code.CERT_NO_PREFIX, text),
        identifier_part(database, Code.MANAGEMENT_NO_PREFIX, text),
    ]


def _pinyin_parts(database: Database, text: str, *, mixed: bool = False) -> list[Part]:
    parts = [
        key_part(database, Code.PINYIN, PINYIN + text, prefix=False),
        key_part(database, Code.PINYIN_PREFIX, PINYIN + text, prefix=True),
    ]
    tags = (PINYIN, MIXED) if mixed else pinyin_tags(text)
    if INITIALS in tags:
        parts.append(key_part(database, Code.INITIALS, INITIALS + text, prefix=True))
    if MIXED in tags:
        parts.append(key_part(database, Code.MIXED, MIXED + text, prefix=True))
    return parts


def _spellings(text: str, *, initials: bool = False) -> list[str]:
    """A mixed word in Latin letters only, its ideographs read as pinyin (or, with `initials`, as
    their syllables' initials: wx明 is the start of wxm): a leading run (a surname) in each of its
    readings, the others in their usual one."""
    runs: list[tuple[str, ...]] = []

    def spelled(syllables: tuple[str, ...]) -> str:
        return "".join(s[:1] for s in syllables) if initials else "".join(syllables)

    for index, match in enumerate(re.finditer(r"[a-z]+|[^a-z]+", text)):
        run = match.group(0)
        if _LATIN_RUN.fullmatch(run):
            runs.append((run,))
        elif index == 0:
            runs.append(tuple(spelled(syllables) for syllables in readings(run)) or (run,))
        else:
            runs.append((spelled(tuple(name_syllables(run))),))
    return [pinyin_text("".join(choice)) for choice in product(*runs)]


@dataclass(frozen=True)
class Matched:
    """Why a hit matched: which field, in which form, and the part of the query that matched it."""

    field: str  # name, former_name, pinyin, initials, id_number, former_id_number, cert_no, management_no
    form: str  # exact, surname, prefix, full, partial, initials, mixed, tail
    part: str

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "form": self.form}

    def text(self, lang: Language = "zh") -> str:
        """In words, e.g. 姓名（姓氏）, for the results view."""
        return render(
            "matched.text",
            lang,
            field=render(f"matched.field.{self.field}", lang),
            form=render(f"matched.form.{self.form}", lang),
        )


_CODE_MATCH: dict[Code, tuple[str, str]] = {
    Code.CERT_NO: ("cert_no", "exact"),
    Code.MANAGEMENT_NO: ("management_no", "exact"),
    Code.ID_NUMBER: ("id_number", "exact"),
    Code.FORMER_ID_NUMBER: ("former_id_number", "exact"),
    Code.NAME: ("name", "exact"),
    Code.NAME_PREFIX: ("name", "prefix"),
    Code.PINYIN: ("pinyin", "full"),
    Code.CERT_NO_PREFIX: ("cert_no", "prefix"),
    Code.MANAGEMENT_NO_PREFIX: ("management_no", "prefix"),
    Code.PINYIN_PREFIX: ("pinyin", "partial"),
    Code.INITIALS: ("initials", "initials"),
    Code.MIXED: ("pinyin", "mixed"),
    Code.CHARACTERS: ("pinyin", "mixed"),
    Code.ID_TAIL: ("id_number", "tail"),
    Code.FORMER_ID_TAIL: ("former_id_number", "tail"),
}
_NAME_FORMS = frozenset(
    {Code.NAME, Code.NAME_PREFIX, Code.PINYIN, Code.PINYIN_PREFIX, Code.INITIALS, Code.MIXED, Code.CHARACTERS}
)
_NAME_CODES = {Code.NAME: NAME, Code.NAME_PREFIX: NAME, Code.PINYIN: PINYIN, Code.PINYIN_PREFIX: PINYIN}


def matched(code: Code, word: Word, holder_name: str) -> Matched:
    """Why a hit found by `word` with `code` matched; a name form the holder's current name does not
    have matched a former name."""
    field_name, form = _CODE_MATCH[code]
    if word.form is Form.MIXED:  # however its keys found it (`i:` keys for wx明), the form is a mix
        field_name, form = _CODE_MATCH[Code.MIXED]
    if code in _NAME_FORMS:
        if not _current_name_matches(code, word, holder_name):
            field_name = "former_name"
        elif code is Code.NAME_PREFIX and word.text == surname_of(holder_name):
            form = "surname"
    return Matched(field_name, form, word.text)


def _current_name_matches(code: Code, word: Word, holder_name: str) -> bool:
    if word.form is Form.NAME:  # by the characters alone: no pinyin to work out
        wanted, current = name_key(word.text), name_key(holder_name)
        return current == wanted if code is Code.NAME else current.startswith(wanted)
    if word.form is Form.MIXED and code is not Code.CHARACTERS:  # found by initials or spellings, checked
        return mixed_matches(word.text, holder_name)
    keys = name_keys(holder_name)
    tags = {Code.INITIALS: INITIALS, Code.MIXED: MIXED, Code.CHARACTERS: CHARACTERS}
    tag = _NAME_CODES.get(code, tags.get(code, PINYIN))
    wanted = tag + word.text
    return any(k == wanted if code is Code.PINYIN else k.startswith(wanted) for k in keys)
