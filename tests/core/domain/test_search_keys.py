"""The search keys of a name, and how a mixed word (characters and pinyin) is checked against a name
syllable by syllable."""

from __future__ import annotations

import pytest

from ruankao_desktop.core.domain.search_keys import (
    counted_words,
    initials_pattern,
    mixed_matches,
    name_keys,
    needs_alignment,
    pinyin_tags,
    readings,
    spelled_in_full,
)


def test_the_keys_of_a_two_character_name() -> None:
    assert name_keys("王芳") == {"n:王芳", "p:wangfang", "i:wf/王芳", "m:wfang", "c:w芳", "c:王fang"}


def test_the_initials_of_a_name_in_characters_carry_the_name_those_of_a_latin_name_do_not() -> None:
    assert "i:oynn/欧阳娜娜" in name_keys("欧阳娜娜")
    assert {"i:sxx/单雄信", "i:dxx/单雄信"} <= name_keys("单雄信")  # every reading
    assert "i:mg" in name_keys("Maria Garcia")


@pytest.mark.parametrize(
    ("word", "initials", "pattern"),
    [
        ("wx明", "wxm", "i:wxm%/__明%"),
        ("王x明", "wxm", "i:wxm%/王_明%"),
        ("oy英", "oyy", "i:oyy%/__英%"),
        ("阿依·古丽", "ayg", "i:ayg%/阿依古丽%"),  # the middle dot is not in the key
        ("w%_\\明", "w", "i:w%/_\\%\\_\\\\明%"),  # escaped: each matches only itself
    ],
)
def test_the_pattern_of_a_mixed_word_s_initials_puts_its_characters_at_their_places(
    word: str, initials: str, pattern: str
) -> None:
    assert initials_pattern(word, initials) == pattern


def test_a_compound_surname_and_a_three_character_given_part() -> None:
    assert {"m:oynana", "m:ouyangnn", "p:ouyangnana"} <= name_keys("欧阳娜娜")
    assert {"c:oy娜娜", "c:欧阳nana", "c:欧阳nn"} <= name_keys("欧阳娜娜")  # mixes as typed


def test_the_characters_typed_after_a_surname_s_initials_are_keys_by_every_reading() -> None:
    assert {"c:s雄信", "c:d雄信"} <= name_keys("单雄信")
    assert not any(key.startswith("c:") for key in name_keys("Maria Garcia"))  # no characters to keep


def test_a_pinyin_word_is_looked_up_in_the_initials_while_short_and_the_mixed_keys_with_a_vowel() -> None:
    assert pinyin_tags("wf") == ("p:", "i:")
    assert pinyin_tags("wang") == ("p:", "i:", "m:")
    assert pinyin_tags("wangxiao") == ("p:", "m:")


def test_the_words_counted_ahead_are_the_short_starts_a_search_for_them_would_find() -> None:
    words = counted_words(name_keys("王小明"))
    assert {"n:王", "n:王小", "p:w", "p:wang", "p:wangxi", "p:wx", "p:wxm", "p:wangxm"} <= words
    assert "n:王小明" not in words  # three characters: counted when searched
    assert "p:wangxia" not in words  # seven letters: likewise
    assert not any(word.startswith(("i:", "m:", "c:")) for word in words)  # pinyin words, one tag
    assert not any("/" in word for word in words)  # the initials without the name they are of

    assert not any(word.startswith("n:") for word in counted_words(name_keys("Maria Garcia")))


@pytest.mark.parametrize(
    ("word", "full"),
    [
        ("wx明", False),  # w and x begin no longer syllable: initials
        ("oy英", False),  # o is a syllable of one letter
        ("王x明", False),
        ("欧y", False),
        ("wang明", True),
        ("an明", True),  # 安明: a syllable that begins with a vowel
        ("zh明", True),
        ("ou娜", True),
        ("王xi", True),
    ],
)
def test_whether_a_mixed_word_may_spell_a_syllable_in_full(word: str, full: bool) -> None:
    assert spelled_in_full(word) is full


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("单雄信", {("shan", "xiong", "xin"), ("dan", "xiong", "xin")}),
        ("尉迟恭", {("yu", "chi", "gong"), ("wei", "chi", "gong")}),
        ("吕布", {("lv", "bu"), ("lu", "bu")}),
        ("张伟", {("zhang", "wei")}),
    ],
)
def test_every_reading_of_a_name(name: str, expected: set[tuple[str, ...]]) -> None:
    assert set(readings(name)) == expected


def test_the_middle_dot_and_spaces_are_not_in_the_name_key() -> None:
    assert "n:买买提艾力" in name_keys("买买提·艾力")


@pytest.mark.parametrize(
    ("word", "name", "fits"),
    [
        ("z华", "张华", True),
        ("z华", "张华明", True),
        ("z华", "邹欢", False),  # 欢 huan starts with hua, but 华 was typed
        ("z瑜", "张云", False),
        ("w芳", "王芳芳", True),
        ("w芳", "王方", False),  # the same pinyin, another character
        ("wang芳", "王芳", True),
        ("wx明", "王小明", True),
        ("wxiao明", "王小明", True),
        ("w明", "王小明", False),
        ("oy娜", "欧阳娜娜", True),
        ("ou娜", "欧阳娜娜", False),
        ("dan雄", "单雄信", True),
        ("lu布", "吕布", True),
    ],
)
def test_a_mixed_word_fits_a_name_syllable_by_syllable(word: str, name: str, fits: bool) -> None:
    assert needs_alignment(word)
    assert mixed_matches(word, name) is fits


def test_characters_then_letters_need_no_alignment() -> None:
    assert not needs_alignment("王f")
    assert not needs_alignment("王xm")
