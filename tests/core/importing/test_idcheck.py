"""The import's fast ID check gives exactly what `parse_id` gives: the same number, type, birth date,
gender and notices for a valid number, the same error (code and parameters) for an invalid one."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ruankao_desktop.core.domain.ids import IdType, parse_id
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.importing.idcheck import IdChecker
from ruankao_desktop.core.services.demo_people import PeopleFactory
from tests.helpers import TODAY

CHECKER = IdChecker(TODAY)


def outcome(fast: bool, text: str, id_type: IdType | None = None) -> object:
    try:
        number = CHECKER.check(text, id_type) if fast else parse_id(text, id_type=id_type, today=TODAY)
    except InvalidInput as problem:
        return ("error", problem.code, problem.params)
    return (number.value, number.id_type, number.birth_date, number.gender, number.notices)


def same(text: str, id_type: IdType | None = None) -> None:
    assert outcome(True, text, id_type) == outcome(False, text, id_type), text


def mutations(number: str, rng: random.Random) -> list[str]:
    position = rng.randrange(18)
    digit = str((int(number[position]) + 1) % 10) if number[position].isdigit() else "1"
    return [
        number,
        number[:position] + digit + number[position + 1 :],  # one digit wrong
        number[:17] + ("X" if number[17] != "X" else "0"),  # the check character wrong
        number.lower(),
        number[:6] + "19000230" + number[14:],  # no such birth date
        number[:6] + "20991231" + number[14:],  # born in the future
        "99" + number[2:],  # no such province
        number[:6] + number[8:17],  # the 15-digit form
        number[:10] + number[11:],  # a digit short
        number + "1",
        " " + number,
        number.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
    ]


def test_generated_and_spoiled_numbers() -> None:
    rng = random.Random(17)
    factory = PeopleFactory(rng)
    fast = 0
    for _ in range(3000):
        person = factory.person()
        spoiled = mutations(person.id_number, rng) if len(person.id_number) == 18 else [person.id_number]
        for text in spoiled:
            fast += CHECKER.fast(text) is not None
            same(text)
            same(text, IdType.RESIDENT)
            same(text, IdType.HMT)
            same(text, IdType.PASSPORT)
    assert fast > 3000  # the valid numbers and their lower-case forms took the fast path


def test_counties_created_after_the_birth_year_give_the_same_notice() -> None:
    # 110112 (通州区) exists since 1997; someone born in 1990 registered there carries a warning.
    body = "11011219900307123"
    from stdnum.cn import ric

    number = body + ric.calc_check_digit(body + "0")
    same(number)
    assert CHECKER.check(number).notices[0].code == "id.unknown_county"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789Xx", min_size=17, max_size=19))
def test_any_string_of_digits(text: str) -> None:
    same(text)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1899, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 999))
def test_any_birth_date(born: date, sequence: int) -> None:
    from stdnum.cn import ric

    body = f"110105{born:%Y%m%d}{sequence:03d}"
    same(body + ric.calc_check_digit(body + "0"))
