"""ID numbers (`core.domain.ids`): normalising what people type, 居民身份证 numbers, other ID types.

Covers every bad input named in docs/domain.md "Identifiers" with the exact message the user sees (checked
against `render` and against key words of the Chinese text), the 15 → 18 conversion, unknown counties as
warnings, and hypothesis properties over generated valid numbers (round trip, idempotent normalisation,
single-character changes always rejected).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

from ruankao_desktop.core.domain.ids import (
    IdNumber,
    IdType,
    _known_county,
    convert_15_to_18,
    is_scientific_notation,
    looks_like_resident_number,
    normalise_id,
    parse_id,
)
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.messages import LANGUAGES, render

TODAY = date(2026, 5, 23)
VALID = "110105199003071239"  # 北京市朝阳区, born 1990-03-07, sequence 123 (male), check 9

# County codes stdnum knows without a year range: never a warning, whatever the birth year.
STABLE_COUNTIES = ("110101", "110105", "110108", "120101", "310101", "310104", "440300")
# County codes stdnum only knows from a given year on: a person born earlier gets a warning, not a rejection.
YOUNG_COUNTIES = {"440106": 1985, "510104": 1990, "330102": 1983}


def with_check(body17: str) -> str:
    """An 18-character number whose check character is right for `body17`."""
    assert len(body17) == 17
    return body17 + ric.calc_check_digit(body17 + "0")


def rejected(text: str, id_type: IdType | None = None) -> InvalidInput:
    """The error `parse_id` raises for `text`; fails the test if it accepts it."""
    with pytest.raises(InvalidInput) as caught:
        parse_id(text, id_type=id_type, today=TODAY)
    return caught.value


# ---------------------------------------------------------------------------------------------------------
# normalise_id and the shape helpers


def test_normalise_id_turns_full_width_digits_into_ascii() -> None:
    assert normalise_id("１１０１０５１９９００３０７１２３９") == VALID


def test_normalise_id_removes_every_kind_of_space_and_upper_cases() -> None:
    assert normalise_id(" 110105 1990\u30000307\t123x \u00a0") == "11010519900307123X"


def test_normalise_id_turns_full_width_x_into_ascii_upper_case() -> None:
    assert normalise_id("11010519900307123ｘ") == "11010519900307123X"


def test_is_scientific_notation_recognises_excel_display() -> None:
    assert is_scientific_notation("1.10105E+17")
    assert is_scientific_notation("1.10105e+17")
    assert is_scientific_notation("1E17")
    assert not is_scientific_notation(VALID)
    assert not is_scientific_notation("11010519900307123X")


def test_looks_like_resident_number() -> None:
    assert looks_like_resident_number(VALID)
    assert looks_like_resident_number("11010519900307123x")
    assert looks_like_resident_number("１１０１０５")
    assert not looks_like_resident_number("")
    assert not looks_like_resident_number("   ")
    assert not looks_like_resident_number("E12345678")
    assert not looks_like_resident_number("C22120000001")
    # A letter slipped into a number of the right length is still someone typing an ID number.
    assert looks_like_resident_number("1101X5199003071239")
    assert looks_like_resident_number("1101O51990O3071239")


# ---------------------------------------------------------------------------------------------------------
# Valid resident numbers


def test_valid_number_is_accepted_with_birth_date_and_gender() -> None:
    parsed = parse_id(VALID, today=TODAY)
    assert parsed == IdNumber(VALID, IdType.RESIDENT, date(1990, 3, 7), "M", ())
    assert not parsed.converted_from_15


def test_even_sequence_digit_means_female() -> None:
    parsed = parse_id(with_check("11010519900307124"), today=TODAY)
    assert parsed.gender == "F"


def test_full_width_digits_are_accepted_after_normalisation() -> None:
    parsed = parse_id("１１０１０５１９９００３０７１２３９", today=TODAY)
    assert parsed.value == "110105199003071239"
    assert parsed.notices == ()


def test_lowercase_x_check_character_is_accepted() -> None:
    body = "11010519900307101"
    assert ric.calc_check_digit(body + "0") == "X"  # the premise of this test
    parsed = parse_id(body + "x", today=TODAY)
    assert parsed.value == body + "X"


def test_spaces_inside_the_number_are_ignored() -> None:
    assert parse_id("110105 19900307 1239", today=TODAY).value == VALID
    assert parse_id(" 1101 0519 9003 0712 39 ", today=TODAY).value == VALID


def test_residence_permit_of_hong_kong_resident_is_an_hmt_document() -> None:
    number = with_check("81000019900101123")
    parsed = parse_id(number, today=TODAY)
    assert parsed.id_type is IdType.HMT
    assert parsed.value == number
    assert parsed.birth_date == date(1990, 1, 1)


def test_birth_date_today_is_accepted() -> None:
    number = with_check("110105" + TODAY.strftime("%Y%m%d") + "123")
    assert parse_id(number, today=TODAY).birth_date == TODAY


# ---------------------------------------------------------------------------------------------------------
# Bad resident numbers: exact messages


def test_empty_input_is_rejected() -> None:
    error = rejected("  \u3000 ")
    assert error.code == "id.empty"
    assert error.message("zh") == render("id.empty", "zh")
    assert "为空" in error.message("zh")


def test_bad_check_character_says_which_one_is_expected() -> None:
    error = rejected("11010519900307123X")
    assert error.code == "id.bad_check"
    assert error.params == {"expected": "9", "actual": "X"}
    zh = error.message("zh")
    assert zh == render("id.bad_check", "zh", expected="9", actual="X")
    assert "校验位" in zh
    assert "应为“9”" in zh
    assert "输入的是“X”" in zh
    assert "“9”" in error.message("en")


def test_bad_check_digit_lowercase_input_reports_upper_case_x() -> None:
    error = rejected("11010519900307123x")
    assert error.params == {"expected": "9", "actual": "X"}


def test_seventeen_digits_is_wrong_length() -> None:
    error = rejected("11010519900307123")
    assert error.code == "id.wrong_length"
    zh = error.message("zh")
    assert zh == render("id.wrong_length", "zh", length=17)
    assert "位数不对" in zh
    assert "输入了 17 位" in zh
    assert "18 位" in zh


def test_nineteen_digits_is_wrong_length() -> None:
    error = rejected(VALID + "1")
    assert error.code == "id.wrong_length"
    assert error.params == {"length": 19}


def test_scientific_notation_says_the_digits_are_lost() -> None:
    error = rejected("1.10105E+17")
    assert error.code == "id.scientific"
    zh = error.message("zh")
    assert zh == render("id.scientific", "zh", value="1.10105E+17")
    assert "科学计数法" in zh
    assert "丢失" in zh
    assert "无法还原" in zh


def test_impossible_date_with_correct_check_digit_names_the_date() -> None:
    number = with_check("11010519900230123")
    assert ric.calc_check_digit(number) == number[-1]  # only the date is wrong
    error = rejected(number)
    assert error.code == "id.bad_birth_date"
    zh = error.message("zh")
    assert zh == render("id.bad_birth_date", "zh", digits="19900230")
    assert "“19900230”" in zh
    assert "不存在" in zh
    assert "第 7–14 位" in zh


def test_unknown_province_is_rejected() -> None:
    number = with_check("99010519900307123")
    error = rejected(number)
    assert error.code == "id.unknown_province"
    zh = error.message("zh")
    assert zh == render("id.unknown_province", "zh", code="99")
    assert "“99”" in zh
    assert "省级行政区划代码" in zh


def test_birth_date_in_the_future_is_rejected() -> None:
    tomorrow = TODAY + timedelta(days=1)
    number = with_check("110105" + tomorrow.strftime("%Y%m%d") + "123")
    error = rejected(number)
    assert error.code == "id.birth_date_out_of_range"
    zh = error.message("zh")
    assert zh == render("id.birth_date_out_of_range", "zh", date=tomorrow.isoformat())
    assert tomorrow.isoformat() in zh
    assert "晚于今天" in zh


def test_birth_date_before_1900_is_rejected() -> None:
    error = rejected(with_check("11010518991231123"))
    assert error.code == "id.birth_date_out_of_range"
    assert error.params == {"date": "1899-12-31"}


def test_letter_inside_the_number_names_its_position() -> None:
    error = rejected("1101O5199003071239", IdType.RESIDENT)  # a letter O typed for a zero
    assert error.code == "id.bad_character"
    zh = error.message("zh")
    assert zh == render("id.bad_character", "zh", position=5, char="O")
    assert "第 5 位" in zh
    assert "“O”" in zh


def test_x_anywhere_but_the_end_is_a_bad_character() -> None:
    error = rejected("1101051990030712X9", IdType.RESIDENT)
    assert error.code == "id.bad_character"
    assert error.params == {"position": 17, "char": "X"}


def test_hyphenated_number_is_a_bad_character_at_the_hyphen() -> None:
    error = rejected("110105-19900307-1239", IdType.RESIDENT)
    assert error.code == "id.bad_character"
    assert error.params == {"position": 7, "char": "-"}


def test_a_letter_typed_for_a_digit_is_named_with_its_position() -> None:
    # The letter O typed for the digit 0: the message points at it rather than calling it a passport.
    error = rejected("1101O5199003071239")
    assert error.code == "id.bad_character"
    assert error.params == {"position": 5, "char": "O"}
    assert error.message("zh") == "证件号码第 5 位的“O”无效：居民身份证号码只能由数字和末位的 X 组成。"


def test_fifteen_digits_ending_in_x_is_invalid_input() -> None:
    # Legacy 15-digit numbers have no check character, so a final X is a bad character, not a crash.
    error = rejected("11010590030712X")
    assert error.code == "id.bad_character"
    assert error.params == {"position": 15, "char": "X"}


def test_messages_of_the_error_never_carry_the_full_number() -> None:
    error = rejected("11010519900307123X")
    for lang in LANGUAGES:
        assert "11010519900307123" not in error.message(lang)
    assert "11010519900307123" not in str(error)


# ---------------------------------------------------------------------------------------------------------
# 15-digit legacy numbers


def test_fifteen_digit_number_converts_to_eighteen() -> None:
    assert convert_15_to_18("110105900307123") == "110105199003071239"


def test_fifteen_digit_number_is_accepted_with_a_conversion_notice() -> None:
    parsed = parse_id("110105900307123", today=TODAY)
    assert parsed.value == "110105199003071239"
    assert parsed.birth_date == date(1990, 3, 7)
    assert parsed.converted_from_15
    assert [n.code for n in parsed.notices] == ["id.converted_15"]
    notice = parsed.notices[0]
    assert notice.params == {"masked": "110105********1239"}
    assert notice.message("zh") == render("id.converted_15", "zh", masked="110105********1239")
    assert "15 位旧证号码已转换为 18 位" in notice.message("zh")
    assert "110105199003071239" not in notice.message("zh")


def test_fifteen_digit_number_with_impossible_date_is_rejected() -> None:
    error = rejected("110105900230123")
    assert error.code == "id.bad_birth_date"
    assert error.params == {"digits": "19900230"}


# ---------------------------------------------------------------------------------------------------------
# Unknown counties: a warning, never a rejection


def test_county_code_unknown_to_stdnum_in_a_known_province_is_a_warning() -> None:
    number = with_check("11019919900307123")  # 北京市, county 0199 does not exist
    parsed = parse_id(number, today=TODAY)
    assert parsed.value == number
    assert [n.code for n in parsed.notices] == ["id.unknown_county"]
    assert parsed.notices[0].params == {"code": "110199"}
    assert "区划代码 110199" in parsed.notices[0].message("zh")


def test_county_created_after_the_birth_year_is_a_warning() -> None:
    number = with_check("44010619700101123")  # 天河区 has existed since 1985
    parsed = parse_id(number, today=TODAY)
    assert parsed.value == number
    assert [n.code for n in parsed.notices] == ["id.unknown_county"]
    zh = parsed.notices[0].message("zh")
    assert zh == render("id.unknown_county", "zh", code="440106")
    assert zh.startswith("提示：")
    assert "仍可使用" in zh


def test_county_abolished_before_the_birth_year_is_a_warning() -> None:
    number = with_check("11022920200101123")  # 延庆县 became 延庆区 in 2015
    parsed = parse_id(number, today=TODAY)
    assert [n.code for n in parsed.notices] == ["id.unknown_county"]


def test_existing_county_has_no_notice() -> None:
    assert parse_id(with_check("44010619900101123"), today=TODAY).notices == ()


# ---------------------------------------------------------------------------------------------------------
# Other ID types: accepted by shape


@pytest.mark.parametrize(
    ("text", "id_type", "value"),
    [
        ("E12345678", None, "E12345678"),
        ("e1234 5678", None, "E12345678"),
        ("G12345678", IdType.PASSPORT, "G12345678"),
        ("H12345678", IdType.HMT, "H12345678"),
        ("M1234567890", IdType.HMT, "M1234567890"),
        ("12345678", IdType.HMT, "12345678"),
        ("AB-1234", IdType.OTHER, "AB-1234"),
    ],
)
def test_other_documents_are_accepted_by_shape(text: str, id_type: IdType | None, value: str) -> None:
    parsed = parse_id(text, id_type=id_type, today=TODAY)
    assert parsed.value == value
    assert parsed.id_type is (id_type or IdType.PASSPORT)
    assert parsed.birth_date is None
    assert parsed.gender is None
    assert parsed.notices == ()


@pytest.mark.parametrize(
    ("text", "id_type", "masked"),
    [
        ("AB-12", IdType.PASSPORT, "A***2"),
        ("E1234567890ABCDEF12", IdType.PASSPORT, "E12345*********EF12"),
        ("H1234567", IdType.HMT, "H1****67"),
        ("X1234567890", IdType.HMT, "X12******90"),
        ("A B", IdType.OTHER, "A*"),
        ("ABC_12345", IdType.OTHER, "AB*****45"),
    ],
)
def test_bad_shape_message_shows_the_number_masked(text: str, id_type: IdType, masked: str) -> None:
    error = rejected(text, id_type=id_type)
    code = f"id.bad_shape.{id_type.value}"
    assert error.code == code
    assert error.params == {"value": masked}
    zh = error.message("zh")
    assert zh == render(code, "zh", value=masked)
    assert f"“{masked}”" in zh
    value = normalise_id(text)
    for message in (zh, error.message("en"), str(error)):
        assert value not in message


def test_bad_shape_of_passport_says_what_a_passport_number_looks_like() -> None:
    zh = rejected("AB-12", id_type=IdType.PASSPORT).message("zh")
    assert "护照号码" in zh
    assert "5–17 位字母和数字" in zh


def test_resident_number_given_as_passport_is_rejected_masked() -> None:
    error = rejected(VALID, id_type=IdType.PASSPORT)
    assert error.params == {"value": "110105********1239"}


def test_invalid_input_is_a_known_error() -> None:
    assert isinstance(rejected("1.10105E+17"), KnownError)


# ---------------------------------------------------------------------------------------------------------
# Properties


@st.composite
def birth_dates(draw: st.DrawFn, *, low: date = date(1950, 1, 1), high: date = date(2005, 12, 31)) -> date:
    return draw(st.dates(min_value=low, max_value=high))


@st.composite
def valid_ids(draw: st.DrawFn) -> tuple[str, date, int]:
    county = draw(st.sampled_from(STABLE_COUNTIES))
    born = draw(birth_dates())
    sequence = draw(st.integers(min_value=0, max_value=999))
    return with_check(f"{county}{born:%Y%m%d}{sequence:03d}"), born, sequence


@given(valid_ids())
def test_generated_valid_ids_are_accepted_and_round_trip(case: tuple[str, date, int]) -> None:
    number, born, sequence = case
    parsed = parse_id(number, today=TODAY)
    assert parsed.value == number
    assert parsed.id_type is IdType.RESIDENT
    assert parsed.birth_date == born
    assert parsed.gender == ("M" if sequence % 2 else "F")
    assert parsed.notices == ()
    assert parse_id(parsed.value, today=TODAY) == parsed


@given(valid_ids())
def test_generated_valid_ids_are_accepted_full_width_lowercase_spaced(case: tuple[str, date, int]) -> None:
    number = case[0]
    typed = " ".join(number[i : i + 4] for i in range(0, 18, 4)).lower()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in typed if c != " ")
    assert parse_id(typed, today=TODAY).value == number
    assert parse_id(full_width, today=TODAY).value == number


@given(st.sampled_from(sorted(YOUNG_COUNTIES)), birth_dates(), st.integers(min_value=0, max_value=999))
def test_young_county_is_a_warning_only_before_it_existed(county: str, born: date, sequence: int) -> None:
    number = with_check(f"{county}{born:%Y%m%d}{sequence:03d}")
    parsed = parse_id(number, today=TODAY)
    assert parsed.value == number
    expected = ["id.unknown_county"] if born.year < YOUNG_COUNTIES[county] else []
    assert [n.code for n in parsed.notices] == expected


@given(st.text(alphabet="0123456789xX １２３９ｘＸ\u3000\t-Ee"))
def test_normalise_id_is_idempotent_on_what_people_type(text: str) -> None:
    once = normalise_id(text)
    assert normalise_id(once) == once


@example("A\u00b4")  # NFKC turns the acute accent into space + U+0301, which joins A once the space goes
@given(st.text())
def test_normalise_id_is_idempotent(text: str) -> None:
    once = normalise_id(text)
    assert normalise_id(once) == once


@given(valid_ids(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_rejected(
    case: tuple[str, date, int], position: int, new: str
) -> None:
    number = case[0]
    if number[position] == new:
        return
    changed = number[:position] + new + number[position + 1 :]
    error = rejected(changed, IdType.RESIDENT)
    if new == "X" and position < 17:
        allowed = {"id.bad_character"}
    elif position < 2:
        allowed = {"id.unknown_province", "id.bad_check"}
    elif 6 <= position < 14:
        allowed = {"id.bad_birth_date", "id.birth_date_out_of_range", "id.bad_check"}
    else:  # county, sequence or check character: only the checksum can tell
        allowed = {"id.bad_check"}
    assert error.code in allowed


@given(valid_ids(), st.integers(min_value=0, max_value=16))
def test_adjacent_transposition_is_rejected(case: tuple[str, date, int], position: int) -> None:
    number = case[0]
    a, b = number[position], number[position + 1]
    if b in (a, "X"):
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    with pytest.raises(InvalidInput):
        parse_id(swapped, today=TODAY)


@given(
    st.sampled_from(STABLE_COUNTIES),
    birth_dates(low=date(1900, 1, 1), high=date(1999, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
def test_fifteen_to_eighteen_yields_a_valid_number(county: str, born: date, sequence: int) -> None:
    legacy = f"{county}{born:%y%m%d}{sequence:03d}"
    converted = convert_15_to_18(legacy)
    assert len(converted) == 18
    assert converted[:17] == f"{county}{born:%Y%m%d}{sequence:03d}"
    assert ric.is_valid(converted)
    parsed = parse_id(legacy, today=TODAY)
    assert parsed.value == converted
    assert parsed.birth_date == born
    assert parsed.converted_from_15


def test_the_county_check_agrees_with_stdnum_for_every_code_and_many_years() -> None:
    """The counties' years are read once, from stdnum's tree; the answer must be stdnum's own
    (`get_birth_place`), for every code it lists and for codes it does not."""
    table = numdb.get("cn/loc")
    codes = [
        province + county
        for _, province, _, _, counties in table.prefixes
        for _, county, _, _, _ in counties
        if len(province) == 2 and len(county) == 4
    ]
    assert len(codes) > 3000
    for code in [*codes, "110199", "119999", "460000", "990101", "000000"]:
        for year in ("1950", "1985", "1999", "2005", "2010", "2011", "2020"):
            try:
                ric.get_birth_place(f"{code}{year}0101" + "0000")
                expected = True
            except (InvalidComponent, KeyError):
                expected = False
            assert _known_county(code, year) is expected, (code, year)
