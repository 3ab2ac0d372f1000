"""The search keys of a name: what the one search field can find a holder by (docs/domain.md "Finding a
certificate").

Every key is a tagged string, so that one sorted index answers every form by a range:

- `n:` the name without spaces or middle dots (`n:王芳`): the full name exactly, a surname or the start of
  a name by prefix;
- `p:` the full pinyin (`p:wangfang`): exactly, or partially by prefix (`wang`, `wangf`);
- `i:` the initials (`i:wf`), by prefix for longer names; for a name written in characters, one to a
  syllable, followed by the name itself (`i:wxm/王小明`), so that a mix typed with letters before
  characters (`wx明`, `王x明`) is tested on the key, character by character (`initials_pattern`);
- `m:` a mix of a surname's initials and the given name in full, or the surname in full and the given
  name's initials (`m:wfang`, `m:wangxm`): what `王xm` becomes once its characters are read;
- `c:` a mix as typed: the surname's initials and the given name's characters (`c:w芳`), or the surname's
  characters and the given name's pinyin or initials (`c:王fang`, `c:王xm`).

A surname with several readings (单 shan/dan, 曾 zeng/ceng, …) gets the keys of every reading, and a
syllable with ü gets them with `v` and with `u` (吕 lv, lu), so that each is found however it is typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from ruankao_desktop.core.domain.masking import NAME_SEPARATOR
from ruankao_desktop.core.domain.names import contains_cjk, name_syllables

NAME, PINYIN, INITIALS, MIXED, CHARACTERS = "n:", "p:", "i:", "m:", "c:"
# Between the initials of an `i:` key and the name they are of. It sorts below every letter, so that
# the keys keep the initials' order (`i:wx/…` before `i:wxm/…`).
WRITTEN = "/"
# Initials are this long at most (a name of six syllables); a longer Latin word is pinyin only.
MAX_INITIALS = 6
# How long a word is at most whose hits are counted ahead (`counted_words`): a surname or a surname
# and one character; a pinyin word up to the longest syllable a surname has (zhuang, shuang).
COUNTED_NAME = 2
COUNTED_PINYIN = 6
# Readings beyond the one `names.pinyin_keys` gives a surname: people type the common reading of the
# character as often as the surname's own.
OTHER_SURNAME_READINGS: dict[str, tuple[tuple[str, ...], ...]] = {
    "单": (("dan",),),
    "曾": (("ceng",),),
    "解": (("jie",),),
    "区": (("qu",),),
    "仇": (("chou",),),
    "查": (("cha",),),
    "朴": (("pu",),),
    "盖": (("gai",),),
    "乐": (("le",),),
    "繁": (("fan",),),
    "尉迟": (("wei", "chi"),),
    "万俟": (("wan", "si"),),
    "长孙": (("chang", "sun"),),
}
# Two-character surnames, so that `欧阳` is a surname and `ouyn` (surname in full, given name's initials)
# a mixed form. The most common ones; a rarer one is still found by every other form.
_COMPOUND = (
    "欧阳 司马 诸葛 上官 东方 皇甫 令狐 慕容 夏侯 公孙 宇文 长孙 尉迟 司徒 澹台 端木 独孤 南宫 呼延 轩辕 "
    "百里 万俟 申屠 闻人 太史 东郭 钟离 赫连 濮阳 西门 第五 公冶 宗政 仲孙 司空 左丘 谷梁 拓跋"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND.split())
MAX_READINGS = 4
# The syllables with ü, which pinyin writes with v when typed (吕 lv, 女 nv, 略 lve, 虐 nve).
_U_UMLAUT = frozenset({"lv", "nv", "lve", "nve"})
_NOT_KEY = re.compile(f"[\\s{NAME_SEPARATOR}]")
_NAME_MARKS = re.compile(r"['-]")  # inside Latin names (Min-jun, O'Brien): not typed in a search
_VOWEL_AFTER_FIRST = re.compile(r".[aeiouv]")


def name_key(name: str) -> str:
    """The `n:` form of a normalised name or query: no spaces, no middle dots."""
    return _NOT_KEY.sub("", name)


def surname_of(name: str) -> str:
    """The surname of a Chinese name (compound ones included); "" for a name without ideographs."""
    if not name or not contains_cjk(name[0]):
        return ""
    return name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[0]


@lru_cache(maxsize=65536)
def name_keys(name: str) -> frozenset[str]:
    """Every key of a normalised name (see the module's docstring)."""
    characters = name_key(name)
    keys = {NAME + characters}
    surname = surname_of(name)
    for spelled in readings(name):
        syllables = tuple(_NAME_MARKS.sub("", s) for s in spelled)
        keys.add(PINYIN + "".join(syllables))
        initials = "".join(s[0] for s in syllables if s)
        one_each = len(syllables) == len(characters)
        keys.add(INITIALS + initials + (WRITTEN + characters if surname and one_each else ""))
        split = len(surname)
        if surname and 0 < split < len(syllables):
            head, given = syllables[:split], syllables[split:]
            keys.add(MIXED + "".join(s[0] for s in head) + "".join(given))
            if len(given) > 1:  # with one syllable it is the start of the full pinyin: found by that
                keys.add(MIXED + "".join(head) + "".join(s[0] for s in given))
            if one_each:
                keys.add(CHARACTERS + "".join(s[0] for s in head) + characters[split:])
                keys.add(CHARACTERS + surname + "".join(given))
                if len(given) > 1:
                    keys.add(CHARACTERS + surname + "".join(s[0] for s in given))
    return frozenset(key for key in keys if len(key) > len(NAME))


@lru_cache(maxsize=65536)  # every start of every name's keys asks, when the counts are made
def pinyin_tags(text: str) -> tuple[str, ...]:
    """The kinds of key a word of Latin letters is looked up in: the full pinyin always, the initials
    when it is short enough to be some, and the mixed keys unless it has only consonants after its first
    letter (then they add nothing)."""
    tags = [PINYIN]
    if len(text) <= MAX_INITIALS:
        tags.append(INITIALS)
    if _VOWEL_AFTER_FIRST.match(text):
        tags.append(MIXED)
    return tuple(tags)


def counted_words(keys: Iterable[str]) -> set[str]:
    """The words whose hits are counted ahead (`search_count`), for a certificate with these keys: each
    start of its name of up to `COUNTED_NAME` characters (`n:王`, `n:王小`), and each start of up to
    `COUNTED_PINYIN` letters of a key a pinyin word of those letters is looked up in (`p:wang`, `p:wf`:
    see `pinyin_tags`). A word is counted once however many of the keys start with it, so the count of a
    word is exactly how many certificates a search for it alone finds."""
    words: set[str] = set()
    for key in keys:
        tag, text = key[: len(NAME)], key[len(NAME) :]
        if tag == INITIALS:
            text = text.partition(WRITTEN)[0]
        if tag == NAME and contains_cjk(text[0]):  # a Latin name is searched as pinyin
            words.update(NAME + text[:length] for length in range(1, min(COUNTED_NAME, len(text)) + 1))
        elif tag in (PINYIN, INITIALS, MIXED):
            for length in range(1, min(COUNTED_PINYIN, len(text)) + 1):
                start = text[:length]
                if tag in pinyin_tags(start):
                    words.add(PINYIN + start)
    return words


@lru_cache(maxsize=65536)
def readings(name: str) -> tuple[tuple[str, ...], ...]:
    """The syllables of a name in each way it may be read: the usual one first, then another reading of
    its surname, and every syllable with ü as `v` and as `u`. At most `MAX_READINGS`."""
    usual = tuple(name_syllables(name))
    if not usual:
        return ()
    choices: list[tuple[str, ...]] = [usual]
    surname = next((s for s in OTHER_SURNAME_READINGS if name.startswith(s)), None)
    if surname is not None:
        rest = usual[len(OTHER_SURNAME_READINGS[surname][0]) :]
        choices += [(*other, *rest) for other in OTHER_SURNAME_READINGS[surname]]
    found: list[tuple[str, ...]] = []
    for choice in choices:
        spellings = [(s, s.replace("v", "u")) if s in _U_UMLAUT else (s,) for s in choice]
        for spelled in product(*spellings):
            if spelled not in found:
                found.append(spelled)
    return tuple(found[:MAX_READINGS])


_RUN = re.compile(r"[a-z]+|[^a-z]")
_LATIN = re.compile(r"[a-z]+")


def initials_pattern(word: str, initials: str) -> str:
    """The SQL `LIKE` pattern (escaped with a backslash) of the `i:` keys that fit a mixed word read
    one syllable to a letter, as `initials` (wx明 as wxm): those initials first, then the name with each
    character typed at its place (`i:wxm%/__明%`). Whatever is typed matches only itself: `%`, `_` and
    the backslash are escaped."""
    written = "".join(
        "_" if "a" <= char <= "z" else "\\" + char if char in "\\%_" else char for char in name_key(word)
    )
    return f"{INITIALS}{initials}%{WRITTEN}{written}%"


# Two letters that may begin a syllable of more than one letter: a consonant and a vowel, zh ch sh, and
# the starts of the syllables that begin with a vowel (ai an ao ei en er ou).
_LONGER_SYLLABLE = re.compile(r"[bpmfdtnlgkhjqxrzcsyw][aeiouv]|[zcs]h|a[ino]|e[inr]|ou")


def spelled_in_full(word: str) -> bool:
    """Whether a Latin run of a mixed word may spell a syllable in full (王x明 and oy英 may not: each of
    their letters can only be a syllable's initial, or a syllable of one letter)."""
    return any(_LONGER_SYLLABLE.search(run) for run in _LATIN.findall(word))


def needs_alignment(word: str) -> bool:
    """Whether a mixed word has an ideograph after a Latin letter (`w芳`, `z华`): its keys are looked up by
    prefix, so `z华` (z + hua) would also find 邹欢 (z + huan) — each hit is then checked with
    `mixed_matches`."""
    return re.search(r"[a-z][^a-z]", word) is not None


def mixed_matches(word: str, name: str) -> bool:
    """Whether a name fits a mixed word syllable by syllable: each ideograph typed is the name's own at
    its place, each Latin run spells the next syllables in full or by their initials (the very last
    one may be cut short)."""
    characters = name_key(name)
    tokens = _RUN.findall(word)
    for syllables in readings(name):
        plain = tuple(_NAME_MARKS.sub("", s) for s in syllables)
        if len(plain) == len(characters) and _Alignment(tokens, characters, plain).fits(0, 0):
            return True
    return False


@dataclass(frozen=True)
class _Alignment:
    """The typed runs against one reading of a name (one syllable per character)."""

    tokens: list[str]
    characters: str
    syllables: tuple[str, ...]

    def fits(self, at: int, place: int) -> bool:
        """Whether the runs from `at` on fit the name from syllable `place` on."""
        if at == len(self.tokens):
            return True  # the rest of the name is not typed: a word matches the start of a name
        token = self.tokens[at]
        if not token.isascii():
            same = place < len(self.characters) and self.characters[place] == token
            return same and self.fits(at + 1, place + 1)
        return self.spells(token, at, place)

    def spells(self, letters: str, at: int, place: int) -> bool:
        """Whether `letters` (what is left of run `at`) spell the syllables from `place` on, each in
        full or by its initial."""
        if not letters:
            return self.fits(at + 1, place)
        if place >= len(self.syllables):
            return False
        syllable = self.syllables[place]
        if at == len(self.tokens) - 1 and syllable.startswith(letters):
            return True  # the end of what was typed: a syllable may be cut short
        return any(
            way and letters.startswith(way) and self.spells(letters[len(way) :], at, place + 1)
            for way in {syllable, syllable[:1]}
        )
