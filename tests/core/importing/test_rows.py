"""Checking one row of a list with the domain rules: every field, every way a cell can hold it, and the
fast path agreeing with the full check."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import datetime

import pytest

from ruankao_desktop.core.config import Settings
from ruankao_desktop.core.domain.sessions import SessionRef
from ruankao_desktop.core.importing.columns import build_header
from ruankao_desktop.core.importing.lookups import load_catalogue
from ruankao_desktop.core.importing.readers import CellError, Formula
from ruankao_desktop.core.importing.report import ProblemLog, Rejection
from ruankao_desktop.core.importing.rows import RowValidator, StagedRow
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.models import Qualification
from tests.core.importing.builders import people
from tests.helpers import TODAY

HEADER = ("姓名", "身份证号码", "证书编号", "管理号", "资格名称", "级别", "考试批次", "批准日期", "联系电话")
PERSON = people(1, seed=4)[0]
GOOD = {
    "姓名": PERSON.name,
    "身份证号码": PERSON.id_number,
    "证书编号": "C26110000001",
    "管理号": "2026111000000001",
    "资格名称": "软件设计师",
    "级别": "",
    "考试批次": "2026年上半年",
    "批准日期": "2026/7/1",
    "联系电话": "",
}


class Checker:
    def __init__(self, header: Sequence[str] = HEADER, settings: Settings | None = None) -> None:
        self.sessions: list[SessionRef] = []
        self.validator = RowValidator(
            build_header(2, list(header)),
            settings=settings or Settings(),
            catalogue=load_catalogue(),
            session_lookup=self._session,
            today=TODAY,
        )
        self.header = header

    def _session(self, reference: SessionRef) -> tuple[int, str]:
        self.sessions.append(reference)
        return 7, reference.exam_date.isoformat()

    def row(self, **changes: object) -> tuple[StagedRow | None, ProblemLog]:
        cells = {**GOOD, **changes}
        log = ProblemLog()
        staged = self.validator.validate(3, [cells.get(name, "") for name in self.header], log)
        return staged, log

    def staged(self, **changes: object) -> dict[str, object]:
        from ruankao_desktop.core.importing.rows import STAGE_COLUMNS

        staged, log = self.row(**changes)
        assert staged is not None, [r.message() for r in log.rejections]
        return dict(zip(STAGE_COLUMNS, staged, strict=True))

    def rejected(self, **changes: object) -> list[Rejection]:
        staged, log = self.row(**changes)
        assert staged is None
        assert log.rejected_rows == 1
        return log.rejections


@pytest.fixture
def checker(empty_centre: Centre) -> Checker:
    return Checker()


def test_a_good_row_is_staged_with_normalised_values(checker: Checker) -> None:
    staged = checker.staged()
    assert staged["id_number"] == PERSON.id_number
    assert staged["id_type"] == "resident"
    assert staged["birth_date"] == PERSON.birth_date.isoformat() if PERSON.birth_date else None
    assert staged["gender"] == PERSON.gender
    assert staged["session_id"] == 7
    assert staged["approved_on"] == "2026-07-01"
    software_designer = Qualification.get(Qualification.code == "software_designer")
    assert staged["qualification_id"] == software_designer.id
    assert staged["line_no"] == 3


def test_every_problem_of_a_row_is_reported(checker: Checker) -> None:
    rejections = checker.rejected(姓名="", 证书编号="C2611#1", 批准日期="2026/2/30")
    assert [(r.column, r.code) for r in rejections] == [
        ("姓名", "import.cell_empty"),
        ("证书编号", "import.cert_no_bad"),
        ("批准日期", "date.impossible"),
    ]
    assert rejections[0].message() == render("import.cell_empty", column="姓名")
    assert rejections[1].message() == render("import.cert_no_bad", char="#", codepoint="U+0023")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (" 110105 19900307 1239 ", "110105199003071239"),
        ("１１０１０５１９９００３０７１２３９", "110105199003071239"),
        ("11010519900307123x".replace("123x", "1239"), "110105199003071239"),
        ("'110105199003071239", "110105199003071239"),
        ('="110105199003071239"', "110105199003071239"),
        (Formula('="110105199003071239"'), "110105199003071239"),
        (110105199003071239, "110105199003071239"),  # an integer cell keeps every digit
    ],
)
def test_id_numbers_however_the_list_holds_them(checker: Checker, typed: object, expected: str) -> None:
    assert checker.staged(身份证号码=typed)["id_number"] == expected


def test_a_lowercase_x_becomes_upper_case(checker: Checker) -> None:
    holder = next(p for p in people(400, seed=9) if p.id_number.endswith("X"))
    assert checker.staged(身份证号码=holder.id_number.lower())["id_number"] == holder.id_number


def test_a_fifteen_digit_number_is_converted_with_a_note(checker: Checker) -> None:
    staged, log = checker.row(身份证号码="110105900307123")
    assert staged is not None and staged[9] == "110105199003071239"
    assert [note.message() for note in log.notes] == [render("id.converted_15", masked="110105********1239")]


def test_an_id_number_in_scientific_notation_is_refused(checker: Checker) -> None:
    [rejection] = checker.rejected(身份证号码="1.10105E+17")
    assert rejection.code == "id.scientific"
    assert rejection.message() == render("id.scientific", value="1.10105E+17")


def test_an_id_number_stored_as_a_floating_point_number_has_lost_digits(checker: Checker) -> None:
    """Excel keeps 15 significant digits: 110105199003071239 typed into a number cell is stored as
    1.10105199003071E+17, and no rounding can bring the last digits back."""
    [rejection] = checker.rejected(身份证号码=1.10105199003071e17)
    assert rejection.code == "import.digits_lost"
    assert rejection.message() == render("import.digits_lost")
    assert "110105199003071239" not in rejection.value_masked


def test_a_fifteen_digit_number_in_a_number_cell_is_exact(checker: Checker) -> None:
    assert checker.staged(身份证号码=110105900307123.0)["id_number"] == "110105199003071239"


def test_a_wrong_check_character_is_refused_and_masked(checker: Checker) -> None:
    [rejection] = checker.rejected(身份证号码="11010519900307123X")
    assert (rejection.code, rejection.value_masked) == ("id.bad_check", "110105********123X")
    assert rejection.message() == render("id.bad_check", expected="9", actual="X")


def test_a_formula_is_refused_with_what_to_do(checker: Checker) -> None:
    [rejection] = checker.rejected(管理号=Formula("=A3&B3"))
    assert rejection.code == "import.cell_formula"
    assert rejection.message() == render("import.cell_formula")
    assert "选择性粘贴" in rejection.message()


@pytest.mark.parametrize("value", [CellError("#REF!"), "#N/A"])
def test_an_error_value_is_refused(checker: Checker, value: object) -> None:
    [rejection] = checker.rejected(批准日期=value)
    assert rejection.code == "import.cell_error"


def test_a_management_number_in_a_number_cell(checker: Checker) -> None:
    [rejection] = checker.rejected(管理号=2026111000000001.0)
    assert rejection.code == "import.digits_lost"
    assert checker.staged(管理号=2026111000000001)["management_no"] == "2026111000000001"


def test_identifiers_are_normalised(checker: Checker) -> None:
    full_width = "2026111000000001".translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    staged = checker.staged(证书编号=" c2611 0000001 ", 管理号=full_width)
    assert (staged["cert_no"], staged["management_no"]) == ("C26110000001", "2026111000000001")


def test_identifier_patterns_from_the_settings_only_decide_what_is_noted(empty_centre: Centre) -> None:
    import re

    settings = Settings(cert_no_pattern=re.compile(r"RK\d{4}"))
    checker = Checker(settings=settings)
    staged, log = checker.row(证书编号="RK1234")
    assert staged is not None and staged.cert_no == "RK1234"
    assert log.notes == []
    staged, log = checker.row()
    assert staged is not None and staged.cert_no == GOOD["证书编号"]
    [note] = log.notes
    assert note.message() == render(
        "import.cert_no_unusual", count=1, value=GOOD["证书编号"], pattern=r"RK\d{4}"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  张  伟 ", "张伟"),
        ("买买提・艾尔肯", "买买提·艾尔肯"),
        ("吉𠮷", "吉𠮷"),
        ("John Smith", "John Smith"),
    ],
)
def test_names_are_normalised(checker: Checker, name: str, expected: str) -> None:
    assert checker.staged(姓名=name)["name"] == expected


def test_a_name_with_a_digit_is_refused(checker: Checker) -> None:
    [rejection] = checker.rejected(姓名="张伟2")
    assert rejection.code == "name.bad_character"
    assert rejection.value_masked == "张**"


@pytest.mark.parametrize(
    ("written", "session", "code"),
    [
        ("软件设计师", "2026年上半年", "software_designer"),
        ("软件设计师（中级）", "2026年上半年", "software_designer"),
        ("中级 软件设计师", "2026年上半年", "software_designer"),
        ("系统架构师", "2026年上半年", "systems_architect"),
        ("程序员", "2026年上半年", "programmer"),
        ("程序员", "2001年上半年", "programmer_pre2004"),
        ("高级程序员", "1999年下半年", "senior_programmer_pre2004"),
        ("系统分析员", "2003年下半年", "systems_analyst_pre2004"),
    ],
)
def test_qualifications_current_historical_and_aliases(
    checker: Checker, written: str, session: str, code: str
) -> None:
    staged = checker.staged(资格名称=written, 考试批次=session, 批准日期="")
    assert staged["qualification_id"] == Qualification.get(Qualification.code == code).id


def test_a_level_column_decides(checker: Checker) -> None:
    staged = checker.staged(资格名称="程序员", 级别="初级", 考试批次="2026H1")
    assert staged["qualification_id"] == Qualification.get(Qualification.code == "programmer").id
    [rejection] = checker.rejected(资格名称="程序员", 级别="高级")
    assert rejection.message() == render(
        "import.qualification_level", value="程序员", level="高级", expected="中级、初级"
    )


@pytest.mark.parametrize(
    ("written", "session", "code", "params"),
    [
        ("软件工程师", "2026H1", "import.qualification_unknown", {"value": "软件工程师"}),
        (
            "高级程序员",
            "2026H1",
            "import.qualification_years",
            {"value": "高级程序员", "first": 1991, "last": 2003, "year": 2026},
        ),
    ],
)
def test_unknown_or_out_of_time_qualifications(
    checker: Checker, written: str, session: str, code: str, params: dict[str, object]
) -> None:
    [rejection] = checker.rejected(资格名称=written, 考试批次=session)
    assert rejection.message() == render(code, **params)


def test_approval_dates(checker: Checker) -> None:
    assert checker.staged(批准日期=datetime(2026, 7, 1))["approved_on"] == "2026-07-01"
    assert checker.staged(批准日期=46204)["approved_on"] == "2026-07-01"
    assert checker.staged(批准日期="")["approved_on"] is None
    [future] = checker.rejected(批准日期="2027-01-01")
    assert future.message() == render("import.date_future", date="2027-01-01")


def test_phone_numbers(checker: Checker) -> None:
    assert checker.staged(联系电话="138 0013 8000")["phone"] == "13800138000"
    [rejection] = checker.rejected(联系电话="12345")
    assert (rejection.code, rejection.value_masked) == ("import.phone_bad", "*****")


def test_an_unknown_session_is_refused(checker: Checker) -> None:
    [rejection] = checker.rejected(考试批次="明年")
    assert rejection.message() == render("session.bad", value="明年")


def test_id_types_from_a_column(empty_centre: Centre) -> None:
    checker = Checker(header=(*HEADER, "证件类型"))
    staged = checker.staged(证件类型="护照", 身份证号码="E12345678")
    assert (staged["id_type"], staged["birth_date"]) == ("passport", None)
    [rejection] = checker.rejected(证件类型="驾驶证")
    assert rejection.message() == render("import.id_type_unknown", value="驾驶证")


# --------------------------------------------------------------------------------- fast path


FAST_HEADER = ("姓名", "身份证号码", "证书编号", "管理号", "资格名称", "考试批次", "批准日期")


def messy_rows(count: int, seed: int) -> Iterator[list[object]]:
    """Mostly clean rows, with every kind of mess a list has mixed in."""
    rng = random.Random(seed)
    for index, person in enumerate(people(count, seed=seed)):
        row: list[object] = [
            person.name,
            person.id_number,
            f"C2611{index:07d}",
            f"2026111{index:09d}",
            rng.choice(["软件设计师", "程序员", "系统架构师", "网络工程师", "软件工程师"]),
            rng.choice(["2026年上半年", "2026H1", "2025年下半年", "2026年5月", " 2026上半年 "]),
            rng.choice(["2026/7/1", "2026-07-01", "2026年7月1日", "", "2026/2/30", "2027/1/1"]),
        ]
        spoil = rng.random()
        if spoil < 0.05:
            row[1] = row[1][:-1] + ("0" if row[1][-1] != "0" else "1")  # type: ignore[index]
        elif spoil < 0.08:
            row[1] = str(row[1]).lower() + " "
        elif spoil < 0.1:
            row[0] = row[0] + "·" + "阿依古丽"  # type: ignore[operator]
        elif spoil < 0.12:
            row[2] = str(row[2]).lower()
        elif spoil < 0.14:
            row[3] = ""
        elif spoil < 0.16:
            row[1] = "１" + str(row[1])[1:]
        yield row


def test_the_fast_path_agrees_with_the_full_check(empty_centre: Centre) -> None:
    fast = Checker(header=FAST_HEADER)
    slow = Checker(header=FAST_HEADER)
    slow.validator._fast_off = True  # every row through `_check_all`
    used_fast = 0
    for number, row in enumerate(messy_rows(3000, seed=21), start=3):
        fast_log, slow_log = ProblemLog(), ProblemLog()
        if fast.validator._fast(number, row, ProblemLog()) is not None:
            used_fast += 1
        assert fast.validator.validate(number, row, fast_log) == slow.validator.validate(
            number, row, slow_log
        )
        assert fast_log.rejections == slow_log.rejections
        assert fast_log.notes == slow_log.notes
    assert used_fast > 1000  # the comparison would prove little if the fast path were never taken
