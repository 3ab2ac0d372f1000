"""Personal names (`core.domain.names`): normalisation, validation messages, pinyin keys, CJK detection.

Covers the middle-dot look-alikes of minority names, spaces between ideographs, rare characters from
the CJK extension planes (lengths count code points), the exact messages for bad names, and
hypothesis properties: normalisation is idempotent and long names with Extension B characters pass.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruankao_desktop.core.domain.names import (
    _SURNAME_READINGS,
    MAX_NAME_LENGTH,
    contains_cjk,
    normalise_name,
    pinyin_keys,
    validate_name,
)
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.messages import render

MIDDLE_DOT = "\u00b7"
LOOKALIKES = ("\u30fb", "\u2022", "\u2027", "\uff65")  # ・ • ‧ ･ (docs/domain.md "Names and privacy")
EXT_B = "𠮷"  # U+20BB7, CJK Unified Ideographs Extension B


def rejected(text: str) -> InvalidInput:
    """The error `validate_name` raises for `text`; fails the test if it accepts it."""
    with pytest.raises(InvalidInput) as caught:
        validate_name(text)
    return caught.value


# ---------------------------------------------------------------------------------------------------------
# normalise_name


@pytest.mark.parametrize("lookalike", LOOKALIKES)
def test_middle_dot_lookalikes_become_u00b7(lookalike: str) -> None:
    assert normalise_name(f"买买提{lookalike}艾力") == "买买提·艾力"


@pytest.mark.parametrize("stop", [".", "\uff0e", "\u3002"])
def test_full_stop_between_ideographs_becomes_a_middle_dot(stop: str) -> None:
    assert normalise_name(f"买买提{stop}艾力") == "买买提·艾力"


def test_full_stop_between_latin_letters_is_kept() -> None:
    assert normalise_name("Zhang.Wei") == "Zhang.Wei"


def test_spaces_around_the_middle_dot_are_removed() -> None:
    assert normalise_name("买买提 · 艾力") == "买买提·艾力"
    assert normalise_name("买买提 ・ 艾力") == "买买提·艾力"


def test_spaces_between_ideographs_are_removed() -> None:
    assert normalise_name("张 伟") == "张伟"
    assert normalise_name("张\u3000伟") == "张伟"
    assert normalise_name(f"张 {EXT_B}") == f"张{EXT_B}"


def test_latin_names_keep_a_single_space() -> None:
    assert normalise_name("  Zhang \t  Wei  ") == "Zhang Wei"


def test_normalise_name_composes_to_nfc() -> None:
    assert normalise_name("Rene\u0301") == "Ren\u00e9"


# ---------------------------------------------------------------------------------------------------------
# validate_name: accepted


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("张伟", "张伟"),
        (" 欧阳 娜娜 ", "欧阳娜娜"),
        ("买买提・艾力", "买买提·艾力"),
        ("O'Brien", "O'Brien"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        (f"张{EXT_B}", f"张{EXT_B}"),
    ],
)
def test_valid_names_are_accepted_normalised(typed: str, stored: str) -> None:
    assert validate_name(typed) == stored


def test_ideographic_zero_is_accepted_in_a_name() -> None:
    # 〇 (U+3007) is written in real names and is one of the ideographs this module's own CJK range lists.
    assert validate_name("李〇") == "李〇"


def test_name_of_fifty_characters_with_extension_b_is_accepted() -> None:
    name = ("张" + EXT_B) * 25
    assert len(name) == 50
    assert validate_name(name) == name


def test_name_of_max_length_is_accepted_and_one_more_is_too_long() -> None:
    assert validate_name(EXT_B * MAX_NAME_LENGTH) == EXT_B * MAX_NAME_LENGTH
    error = rejected(EXT_B * (MAX_NAME_LENGTH + 1))
    assert error.code == "name.too_long"
    zh = error.message("zh")
    assert zh == render("name.too_long", "zh", length=MAX_NAME_LENGTH + 1, max=MAX_NAME_LENGTH)
    assert f"共 {MAX_NAME_LENGTH + 1} 个字" in zh
    assert f"最多 {MAX_NAME_LENGTH} 个字" in zh


def test_name_field_holds_at_least_fifty_characters() -> None:
    assert MAX_NAME_LENGTH >= 50


# ---------------------------------------------------------------------------------------------------------
# validate_name: rejected with the exact message


@pytest.mark.parametrize("blank", ["", "   ", "\u3000\t"])
def test_empty_name_is_rejected(blank: str) -> None:
    error = rejected(blank)
    assert error.code == "name.empty"
    assert error.message("zh") == render("name.empty", "zh")
    assert "姓名为空" in error.message("zh")


@pytest.mark.parametrize(
    ("name", "char", "codepoint"),
    [
        ("张3", "3", "U+0033"),
        ("张@伟", "@", "U+0040"),
        ("张😀", "😀", "U+1F600"),
        ("张\u200b伟", "\u200b", "U+200B"),
        ("张\ue000", "\ue000", "U+E000"),
        ("Zhang.Wei", ".", "U+002E"),
    ],
)
def test_bad_character_names_the_character_and_code_point(name: str, char: str, codepoint: str) -> None:
    error = rejected(name)
    assert error.code == "name.bad_character"
    assert error.params == {"char": char, "codepoint": codepoint}
    zh = error.message("zh")
    assert zh == render("name.bad_character", "zh", char=char, codepoint=codepoint)
    assert f"（{codepoint}）" in zh
    assert "不能用在姓名里" in zh


@pytest.mark.parametrize("name", ["·张伟", "张伟·", "张··伟", "・张伟", "张・・伟"])
def test_separator_only_between_two_parts(name: str) -> None:
    error = rejected(name)
    assert error.code == "name.bad_separator"
    zh = error.message("zh")
    assert zh == render("name.bad_separator", "zh")
    assert "间隔号“·”" in zh


# ---------------------------------------------------------------------------------------------------------
# pinyin_keys and contains_cjk


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("张伟", ("zhangwei", "zw")),
        ("欧阳娜娜", ("ouyangnana", "oynn")),
        ("曾国藩", ("zengguofan", "zgf")),
        ("单雄信", ("shanxiongxin", "sxx")),
        ("买买提·艾力", ("maimaitiaili", "mmtal")),
    ],
)
def test_pinyin_keys(name: str, keys: tuple[str, str]) -> None:
    assert pinyin_keys(name) == keys


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("尉迟恭", ("yuchigong", "ycg")),
        ("长孙无忌", ("zhangsunwuji", "zswj")),
        ("万俟卨", ("moqixie", "mqx")),
    ],
)
def test_compound_surname_initials_have_one_letter_per_syllable(name: str, keys: tuple[str, str]) -> None:
    # Like 欧阳娜娜 → "oynn": someone searching 长孙无忌 by initials types "zswj".
    assert pinyin_keys(name) == keys


def test_pinyin_keys_keep_characters_pypinyin_does_not_know() -> None:
    full, initials = pinyin_keys(f"张{EXT_B}")
    assert full == f"zhang{EXT_B}"
    assert initials == f"z{EXT_B}"


def _reference_keys(name: str) -> tuple[str, str]:
    """`pinyin_keys` as pypinyin gives it for the whole name at once (what the fast path must match);
    Latin letters a syllable per word."""
    from pypinyin import Style, lazy_pinyin

    surname: tuple[str, ...] = ()
    for known, readings in sorted(_SURNAME_READINGS.items(), key=lambda item: len(item[0]), reverse=True):
        if name.startswith(known):
            surname, name = readings, name[len(known) :]
            break
    syllables = [word.lower() for s in lazy_pinyin(name, style=Style.NORMAL) for word in s.split()]
    syllables = [*surname, *(s for s in syllables if s != MIDDLE_DOT)]
    return "".join(syllables).replace(" ", ""), "".join(s[0] for s in syllables)


def test_pinyin_keys_agree_with_pypinyin_on_a_list_of_people() -> None:
    from ruankao_desktop.core.services.demo_people import PeopleFactory

    factory = PeopleFactory(random.Random(11))
    names = {factory.person().name for _ in range(20_000)}
    differing = [name for name in names if pinyin_keys(name) != _reference_keys(name)]
    assert differing == []


@pytest.mark.parametrize("name", ["王长江", "李重庆", "张银行", "刘长长", "赵朝阳", "陈行长"])
def test_a_name_holding_a_word_takes_the_words_reading(name: str) -> None:
    # 长江 is cháng jiāng as a word; read a character at a time, 长 alone may be read otherwise.
    assert pinyin_keys(name) == _reference_keys(name)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=10))
def test_pinyin_keys_agree_with_pypinyin_on_any_ideographs(name: str) -> None:
    assert pinyin_keys(name) == _reference_keys(name)


def test_contains_cjk() -> None:
    assert contains_cjk("张伟")
    assert contains_cjk(f"Li {EXT_B}")
    assert contains_cjk("〇")
    assert contains_cjk("\U00031350")  # Extension H
    assert not contains_cjk("Zhang Wei")
    assert not contains_cjk("・•‧･·")
    assert not contains_cjk("")


# ---------------------------------------------------------------------------------------------------------
# Properties

CJK = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # Extension B
)
NAME_ALPHABET = st.one_of(
    CJK,
    st.sampled_from([" ", "\u3000", "\t", ".", "。", "．", MIDDLE_DOT, *LOOKALIKES]),
    st.characters(min_codepoint=ord("A"), max_codepoint=ord("z")),
    st.sampled_from(["-", "'", "e", "\u0301"]),
)


@given(st.text(NAME_ALPHABET, max_size=60))
def test_normalise_name_is_idempotent_on_name_like_text(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(st.text())
def test_normalise_name_is_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(st.text(NAME_ALPHABET, max_size=60))
def test_normalised_name_has_no_lookalike_dots_and_no_edge_spaces(text: str) -> None:
    name = normalise_name(text)
    assert not any(lookalike in name for lookalike in LOOKALIKES)
    assert name == name.strip()
    assert "  " not in name


@given(st.lists(CJK, min_size=49, max_size=49), st.integers(min_value=0, max_value=49))
def test_fifty_ideographs_with_extension_b_are_accepted(chars: list[str], at: int) -> None:
    chars.insert(at, EXT_B)
    name = "".join(chars)
    assert len(name) == 50  # code points, not UTF-16 units
    assert validate_name(name) == name


PARTS = st.lists(CJK, min_size=1, max_size=10)


@given(PARTS, PARTS, st.sampled_from(LOOKALIKES))
def test_minority_name_with_any_lookalike_is_stored_with_u00b7(
    first: list[str], second: list[str], dot: str
) -> None:
    given_name, family_name = "".join(first), "".join(second)
    assert validate_name(f"{given_name}{dot}{family_name}") == f"{given_name}{MIDDLE_DOT}{family_name}"
