"""证书编号 and 管理号 are data, not a pattern (docs/domain.md "Identifiers"): an import stores any
number of letters, digits, - and / (1–64 of them) as the list gives it, notes once per file a format
other than the setting's, and refuses only a cell that is no such number."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ruankao_desktop.core.importing.report import report_sheets
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.importing import ImportRejected, ImportService
from ruankao_desktop.core.store.models import Certificate, Holder
from tests.core.importing.builders import list_rows, write_csv
from tests.engines import database_dump, target_of
from tests.helpers import TEST_ACTOR, TODAY


def service(centre: Centre) -> ImportService:
    return ImportService(centre.settings, today=lambda: TODAY)


def dump(centre: Centre) -> list[tuple[object, ...]]:
    return database_dump(target_of(centre.opened.location))


def stored() -> list[tuple[str, str]]:
    return [
        (c.cert_no, c.management_no)
        for c in Certificate.select(Certificate.cert_no, Certificate.management_no).order_by(Certificate.id)
    ]


CERT_NOTE_ZH = (
    "有 2 个证书编号（如 2025-RK/000123）的格式与设置 [identifiers] cert_no（[A-Z]{1,3}\\d{6,20}）不同，"
    "已按名单原样导入。该设置只决定查询时输入的内容被当作哪种编号。"
)
MANAGEMENT_NOTE_ZH = (
    "有 3 个管理号（如 M000000005029）的格式与设置 [identifiers] management_no（\\d{16}）不同，"
    "已按名单原样导入。该设置只决定查询时输入的内容被当作哪种编号。"
)
MANAGEMENT_NOTE_EN = (
    "Management numbers in another format than the settings' ([identifiers] management_no, \\d{16}): 3, "
    "such as M000000005029. They were imported as the list gives them; the setting only decides what a "
    "typed query is taken for."
)


def test_numbers_of_another_format_are_imported_as_the_list_gives_them(
    empty_centre: Centre, tmp_path: Path
) -> None:
    numbers = [
        ("2025-RK/000123", "M000000005029"),
        ("rk2026000123", "M000000005030"),  # fits the default pattern once upper-cased
        ("2025-RK/000124", "M000000005031"),
    ]
    rows = [
        replace(row, cert_no=cert_no, management_no=management_no)
        for row, (cert_no, management_no) in zip(list_rows(3), numbers, strict=True)
    ]
    path = write_csv(tmp_path / "list.csv", rows)
    preview = service(empty_centre).preview(path)
    assert preview.ok
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert (report.created, report.rejected_rows) == (3, 0)
    # Stored as given; letters upper-cased, as every 证书编号 and 管理号 is.
    assert stored() == [
        ("2025-RK/000123", "M000000005029"),
        ("RK2026000123", "M000000005030"),
        ("2025-RK/000124", "M000000005031"),
    ]
    for result in (preview, report):
        # Once per file and field, at the first row concerned: not once per row.
        assert [(n.row, n.column, n.message()) for n in result.notes] == [
            (3, "证书编号", CERT_NOTE_ZH),
            (3, "管理号", MANAGEMENT_NOTE_ZH),
        ]
        assert result.notes_total == 2
    assert report.notes[1].message("en") == MANAGEMENT_NOTE_EN
    notes_sheet = report_sheets(report, "en")[2]
    assert [row[2] for row in notes_sheet.rows][1] == MANAGEMENT_NOTE_EN


def test_numbers_of_the_settings_format_leave_no_note(empty_centre: Centre, tmp_path: Path) -> None:
    report = service(empty_centre).run(write_csv(tmp_path / "list.csv", list_rows(3)), actor=TEST_ACTOR)
    assert report.created == 3
    assert report.notes == ()


@pytest.mark.parametrize(
    ("numbers", "column", "messages"),
    [
        (
            # A zero-width space: visible spaces are removed (cells.identifier), this one is not.
            ("RK2026\u200b000123", "M000000005029"),
            "证书编号",
            (
                "证书编号含有不允许的字符“\u200b”（U+200B）：证书编号只能由字母、数字、“-”和“/”组成，"
                "最多 64 个字符。请按原始名单核对并改正。",
                "The certificate number holds the character “\u200b” (U+200B), which is not allowed: a "
                "certificate number consists of letters, digits, “-” and “/” only, at most 64 of them. Check "
                "it against the original list and correct it.",
            ),
        ),
        (
            ("RK2026号000123", "M000000005029"),
            "证书编号",
            (
                "证书编号含有不允许的字符“号”（U+53F7）：证书编号只能由字母、数字、“-”和“/”组成，"
                "最多 64 个字符。请按原始名单核对并改正。",
                "The certificate number holds the character “号” (U+53F7), which is not allowed: a "
                "certificate number consists of letters, digits, “-” and “/” only, at most 64 of them. Check "
                "it against the original list and correct it.",
            ),
        ),
        (
            ("ｒｋ２０２６号０００１２３", "M000000005029"),  # the character named is the one not allowed
            "证书编号",
            (
                "证书编号含有不允许的字符“号”（U+53F7）：证书编号只能由字母、数字、“-”和“/”组成，"
                "最多 64 个字符。请按原始名单核对并改正。",
                "The certificate number holds the character “号” (U+53F7), which is not allowed: a "
                "certificate number consists of letters, digits, “-” and “/” only, at most 64 of them. Check "
                "it against the original list and correct it.",
            ),
        ),
        (
            ("RK" + "1" * 63, "M000000005029"),
            "证书编号",
            (
                "证书编号过长：共 65 个字符，最多 64 个。请按原始名单核对并改正。",
                "The certificate number is too long: 65 characters, at most 64 are allowed. Check it against "
                "the original list and correct it.",
            ),
        ),
        (
            ("RK2026000123🎓", "M000000005029"),
            "证书编号",
            (
                "证书编号含有不允许的字符“🎓”（U+1F393）：证书编号只能由字母、数字、“-”和“/”组成，"
                "最多 64 个字符。请按原始名单核对并改正。",
                "The certificate number holds the character “🎓” (U+1F393), which is not allowed: a "
                "certificate number consists of letters, digits, “-” and “/” only, at most 64 of them. Check "
                "it against the original list and correct it.",
            ),
        ),
        (
            ("RK2026000123", "M000000005029（补）"),  # full-width brackets become ( and )
            "管理号",
            (
                "管理号含有不允许的字符“(”（U+0028）：管理号只能由字母、数字、“-”和“/”组成，"
                "最多 64 个字符。请按原始名单核对并改正。",
                "The management number holds the character “(” (U+0028), which is not allowed: a management "
                "number consists of letters, digits, “-” and “/” only, at most 64 of them. Check it against "
                "the original list and correct it.",
            ),
        ),
    ],
)
def test_a_cell_that_is_no_number_rejects_its_row(
    empty_centre: Centre, tmp_path: Path, numbers: tuple[str, str], column: str, messages: tuple[str, str]
) -> None:
    cert_no, management_no = numbers
    good, bad = list_rows(2)
    bad = replace(bad, cert_no=cert_no, management_no=management_no)
    path = write_csv(tmp_path / "list.csv", [good, bad])
    before = dump(empty_centre)
    with pytest.raises(ImportRejected) as refused:
        service(empty_centre).run(path, actor=TEST_ACTOR)
    assert dump(empty_centre) == before
    [rejection] = refused.value.report.rejected
    assert (rejection.row, rejection.column) == (4, column)
    assert (rejection.message(), rejection.message("en")) == messages

    report = service(empty_centre).run(path, actor=TEST_ACTOR, skip_invalid=True)
    assert (report.created, report.rejected_rows) == (1, 1)
    assert stored() == [(good.cert_no, good.management_no)]
    assert [h.id_number for h in Holder.select()] == [good.id_number]
