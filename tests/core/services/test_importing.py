"""Importing lists into a real SQLite file: counts, all-or-nothing, idempotence, holders matched and
changed, bad files refused with the exact message — and, whenever something is refused, cancelled or
fails, the database exactly as it was (schema, every row and the audit trail)."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.domain.names import pinyin_keys
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing import writer
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.importing import (
    ImportCancelled,
    ImportRejected,
    ImportService,
    save_report_xlsx,
)
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.models import (
    AuditEvent,
    Certificate,
    ExamSession,
    Holder,
    HolderIdentity,
    Qualification,
)
from tests.core.importing.builders import (
    HEADER,
    ListRow,
    list_rows,
    people,
    store_as_integer,
    write_csv,
    write_xlsx,
)
from tests.engines import database_dump, sqlite_only, target_of
from tests.helpers import TEST_ACTOR, TODAY


def service(centre: Centre) -> ImportService:
    return ImportService(centre.settings, today=lambda: TODAY)


def dump(centre: Centre) -> list[tuple[object, ...]]:
    return database_dump(target_of(centre.opened.location))


@pytest.fixture
def unchanged(empty_centre: Centre) -> Iterator[None]:
    """The test's refusals must leave the empty centre's database exactly as it was."""
    before = dump(empty_centre)
    yield
    assert dump(empty_centre) == before


def test_a_preview_counts_and_writes_nothing(empty_centre: Centre, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", list_rows(5))
    before = dump(empty_centre)
    preview = service(empty_centre).preview(path)
    assert dump(empty_centre) == before
    assert (preview.rows, preview.created, preview.updated, preview.unchanged) == (5, 5, 0, 0)
    assert preview.ok
    assert [s.message() for s in preview.new_sessions] == [
        render("import.new_session_provisional", code="2026H1", name="2026年上半年", date="2026-05-01")
    ]
    assert preview.to_json() == {
        "file": str(path),
        "encoding": "UTF-8 (BOM)",
        "sheet": None,
        "rows": 5,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "rejected": [],
        "ignored_columns": ["序号"],
        "identity_changes": [],
    }


@sqlite_only("SQLite's database-wide write lock, which PostgreSQL does not have")
def test_other_desks_can_write_while_a_preview_reads(empty_centre: Centre, tmp_path: Path) -> None:
    # The admin guide says a preview only reads: another connection takes the write lock meanwhile
    # (during an import it could not: the same check there finds the database locked).
    assert empty_centre.opened.location.path is not None
    database = empty_centre.opened.location.path
    path = write_csv(tmp_path / "list.csv", list_rows(12_000))
    outcomes: list[str] = []

    def write_from_another_desk(done: int, total: int | None) -> None:
        other = sqlite3.connect(database, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            outcomes.append("written")
        except sqlite3.OperationalError as exc:
            outcomes.append(str(exc))
        finally:
            other.close()

    service(empty_centre).preview(path, progress=write_from_another_desk)
    assert outcomes and set(outcomes) == {"written"}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    empty_centre: Centre, tmp_path: Path
) -> None:
    rows = list_rows(6)
    path = write_csv(tmp_path / "list.csv", rows)
    first = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert (first.created, first.updated, first.unchanged, first.written) == (6, 0, 0, True)
    assert Certificate.select().count() == 6
    assert ExamSession.get(ExamSession.code == "2026H1").name == "2026年上半年"
    after_first = dump(empty_centre)
    second = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 6)
    assert second.new_sessions == ()
    events = list(AuditEvent.select().where(AuditEvent.action == "import").order_by(AuditEvent.id))
    assert len(events) == 2
    details = json.loads(events[1].details)
    assert details["sha256"] == first.sha256
    assert (details["created"], details["updated"], details["unchanged"]) == (0, 0, 6)
    # Apart from the second audit event, nothing changed.
    [added] = [row for row in dump(empty_centre) if row not in after_first]
    assert added[0] == events[1].id
    assert added[4] == "import"


def test_new_holders_get_their_search_keys(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(4)
    service(empty_centre).run(write_csv(tmp_path / "list.csv", rows), actor=TEST_ACTOR)
    for row in rows:
        holder = Holder.get(Holder.id_number == row.id_number)
        assert holder.name == row.name
        assert (holder.name_pinyin, holder.name_initials) == pinyin_keys(row.name)
        assert holder.id_tail == row.id_number[-4:]
        assert (
            str(holder.birth_date) == f"{row.id_number[6:10]}-{row.id_number[10:12]}-{row.id_number[12:14]}"
        )
        found = LookupService(empty_centre.settings, today=lambda: TODAY).by_id_number(row.id_number)
        assert [summary.cert_no for summary in found] == [row.cert_no]
        assert found[0].id_masked == mask_id(row.id_number, STAFF_POLICY)


def test_a_workbook_is_imported_like_a_csv(empty_centre: Centre, tmp_path: Path) -> None:
    report = service(empty_centre).run(write_xlsx(tmp_path / "list.xlsx", list_rows(3)), actor=TEST_ACTOR)
    assert (report.kind, report.sheet, report.encoding, report.created) == ("xlsx", "合格名单", None, 3)


def test_ten_thousand_rows_with_one_bad_row_at_the_end(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(10_000)
    rows[-1] = replace(
        rows[-1], id_number=rows[-1].id_number[:17] + ("0" if rows[-1].id_number[17] != "0" else "1")
    )
    path = write_csv(tmp_path / "list.csv", rows)
    before = dump(empty_centre)
    with pytest.raises(ImportRejected) as caught:
        service(empty_centre).run(path, actor=TEST_ACTOR)
    assert dump(empty_centre) == before
    assert caught.value.message() == render("import.rejected", rows=1, total=10_000)
    [rejection] = caught.value.report.rejected
    assert (rejection.row, rejection.column, rejection.code) == (10_002, "身份证号码", "id.bad_check")
    assert rejection.value_masked == mask_id(rows[-1].id_number, STAFF_POLICY)
    assert caught.value.report.written is False

    report = service(empty_centre).run(path, actor=TEST_ACTOR, skip_invalid=True)
    assert (report.created, report.rejected_rows, report.written) == (9_999, 1, True)
    assert Certificate.select().count() == 9_999
    assert not Certificate.select().where(Certificate.cert_no == rows[-1].cert_no).exists()


def empty(path: Path) -> None:
    path.write_bytes(b"")


def random_bytes(path: Path) -> None:
    path.write_bytes(b"\x00" + random.Random(1).randbytes(3000))


def pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" * 30)


def encrypted(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(2).randbytes(4096))


def big5(path: Path) -> None:
    rows = [["陳大文", "110105199003071239", "C26110000001", "軟體設計師", "2026年上半年"]] * 10
    header = ["姓名", "身份證號碼", "證書編號", "資格名稱", "考試批次"]
    write_csv(path, rows, header=header, title="合格人員名單", encoding="big5")


def header_only(path: Path) -> None:
    write_csv(path, [], blank_tail=3)


@pytest.mark.parametrize(
    ("name", "make", "code", "params"),
    [
        ("empty.csv", empty, "import.file_empty", {"file": "empty.csv"}),
        ("noise.csv", random_bytes, "import.not_spreadsheet", {"file": "noise.csv"}),
        ("noise.xlsx", random_bytes, "import.not_spreadsheet", {"file": "noise.xlsx"}),
        ("scan.xlsx", pdf, "import.not_spreadsheet_kind", {"file": "scan.xlsx", "kind": "PDF"}),
        ("locked.xlsx", encrypted, "import.encrypted", {"file": "locked.xlsx"}),
        ("big5.csv", big5, "import.csv_garbled", {"file": "big5.csv", "encoding": "GB18030"}),
        ("header.csv", header_only, "import.no_rows", {"file": "header.csv", "row": 2}),
    ],
)
def test_files_that_cannot_be_imported_are_refused_and_change_nothing(
    *,
    empty_centre: Centre,
    unchanged: None,
    tmp_path: Path,
    name: str,
    make: Callable[[Path], None],
    code: str,
    params: dict[str, object],
) -> None:
    path = tmp_path / name
    make(path)
    importer = service(empty_centre)
    with pytest.raises(KnownError) as caught:
        importer.preview(path)
    assert caught.value.message() == render(code, **params)
    for skip_invalid in (False, True):
        with pytest.raises(KnownError) as caught:
            importer.run(path, actor=TEST_ACTOR, skip_invalid=skip_invalid)
        assert caught.value.message() == render(code, **params)


def test_a_formula_cell_is_rejected_and_nothing_is_written(
    empty_centre: Centre, unchanged: None, tmp_path: Path
) -> None:
    rows = [row.cells(i) for i, row in enumerate(list_rows(2), start=1)]
    rows[1][4] = "=2026111000000000+2"
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    with pytest.raises(ImportRejected) as caught:
        service(empty_centre).run(path, actor=TEST_ACTOR)
    [rejection] = caught.value.report.rejected
    assert (rejection.row, rejection.column, rejection.value_masked) == (4, "管理号", "=2026111000000000+2")
    assert rejection.message() == render("import.cell_formula")


def test_id_numbers_in_number_cells(empty_centre: Centre, tmp_path: Path) -> None:
    """A number cell written as an exact integer keeps all 18 digits and is accepted; a floating-point
    cell of 16 digits or more (what Excel itself stores: 15 significant digits) has lost its last digits,
    like the text Excel shows for it, 1.10105E+17: both are refused, never guessed."""
    rows = [row for row in list_rows(12) if not row.id_number.endswith("X")][:3]
    cells = [row.cells(i) for i, row in enumerate(rows, start=1)]
    cells[1][2] = float(rows[1].id_number)
    cells[2][2] = "1.10105E+17"
    path = write_xlsx(tmp_path / "list.xlsx", cells)
    store_as_integer(path, "C3")
    preview = service(empty_centre).preview(path)
    assert preview.created == 1
    assert [(r.row, r.code) for r in preview.rejected] == [(4, "import.digits_lost"), (5, "id.scientific")]
    assert preview.rejected[0].message() == render("import.digits_lost")
    assert preview.rejected[1].message() == render("id.scientific", value="1.10105E+17")
    report = service(empty_centre).run(path, actor=TEST_ACTOR, skip_invalid=True)
    assert Holder.get().id_number == rows[0].id_number
    assert report.created == 1


def test_a_changed_row_updates_its_certificate(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(4)
    service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    versions = {c.cert_no: c.version for c in Certificate.select()}
    rows[0] = replace(rows[0], qualification="网络规划设计师")
    rows[1] = replace(rows[1], management_no="2026119999999999", approved="2026年8月1日")
    report = service(empty_centre).run(write_csv(tmp_path / "b.csv", rows), actor=TEST_ACTOR)
    assert (report.created, report.updated, report.unchanged) == (0, 2, 2)
    first = Certificate.get(Certificate.cert_no == rows[0].cert_no)
    assert first.qualification.code == "network_planner"
    assert first.version == versions[rows[0].cert_no] + 1
    second = Certificate.get(Certificate.cert_no == rows[1].cert_no)
    assert (second.management_no, str(second.approved_on)) == ("2026119999999999", "2026-08-01")
    assert Certificate.get(Certificate.cert_no == rows[2].cert_no).version == versions[rows[2].cert_no]


def test_a_certificate_number_of_someone_else_is_refused_with_both_names_masked(
    empty_centre: Centre, tmp_path: Path
) -> None:
    rows = list_rows(2)
    service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    stranger = people(1, seed=99)[0]
    rows[1] = replace(rows[1], name=stranger.name, id_number=stranger.id_number)
    before = dump(empty_centre)
    with pytest.raises(ImportRejected) as caught:
        service(empty_centre).run(write_csv(tmp_path / "b.csv", rows), actor=TEST_ACTOR)
    assert dump(empty_centre) == before
    [rejection] = caught.value.report.rejected
    assert rejection.message() == render(
        "import.conflict_holder",
        cert_no=rows[1].cert_no,
        name=stranger.name[0] + "*" * (len(stranger.name) - 1),
        holder=list_rows(2)[1].name[0] + "*" * (len(list_rows(2)[1].name) - 1),
    )
    assert stranger.name not in rejection.message()


def test_a_confirmed_new_id_number_of_the_same_holder_is_kept_as_a_former_number(
    empty_centre: Centre, tmp_path: Path
) -> None:
    rows = list_rows(2)
    service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    old_number = rows[0].id_number
    new_number = people(1, seed=77)[0].id_number
    rows[0] = replace(rows[0], id_number=new_number)
    path = write_csv(tmp_path / "b.csv", rows)
    preview = service(empty_centre).preview(path)
    assert [(c.kind, c.cert_no, c.old, c.new) for c in preview.identity_changes] == [
        ("id_number", rows[0].cert_no, mask_id(old_number, STAFF_POLICY), mask_id(new_number, STAFF_POLICY))
    ]
    holders = Holder.select().count()
    report = service(empty_centre).run(path, actor=TEST_ACTOR, accept_identity_changes=True)
    assert (report.updated, report.unchanged, report.identities_added) == (1, 1, 1)
    assert Holder.select().count() == holders
    holder = Holder.get(Holder.name == rows[0].name)
    assert holder.id_number == new_number
    former = HolderIdentity.get(HolderIdentity.holder == holder.id)
    assert (former.kind, former.value) == ("id_number", old_number)
    lookup = LookupService(empty_centre.settings, today=lambda: TODAY)
    assert [s.cert_no for s in lookup.by_id_number(old_number)] == [rows[0].cert_no]
    again = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert (again.updated, again.unchanged, again.identity_changes) == (0, 2, ())


def test_a_former_id_number_in_a_list_finds_the_holder(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(1)
    service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    holder = Holder.get()
    old = people(1, seed=55)[0].id_number
    HolderIdentity.create(holder=holder, kind="id_number", value=old, id_type="resident", recorded_at=TODAY)
    more = list_rows(1, seed=2, start=50)
    more[0] = replace(more[0], name=holder.name, id_number=old)
    report = service(empty_centre).run(write_csv(tmp_path / "b.csv", more), actor=TEST_ACTOR)
    assert (report.created, report.holders_created) == (1, 0)
    assert Certificate.get(Certificate.cert_no == more[0].cert_no).holder.id == holder.id


def test_a_confirmed_new_name_becomes_the_current_one_and_the_old_a_former_name(
    empty_centre: Centre, tmp_path: Path
) -> None:
    rows = list_rows(1)
    service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    renamed = replace(list_rows(1, seed=2, start=80)[0], name="李思思", id_number=rows[0].id_number)
    report = service(empty_centre).run(
        write_csv(tmp_path / "b.csv", [renamed]), actor=TEST_ACTOR, accept_identity_changes=True
    )
    assert (report.created, report.holders_created, report.identities_added) == (1, 0, 1)
    holder = Holder.get(Holder.id_number == rows[0].id_number)
    assert (holder.name, holder.name_pinyin) == ("李思思", "lisisi")
    assert HolderIdentity.get(HolderIdentity.holder == holder.id).value == rows[0].name
    assert [(c.kind, c.old, c.new, c.held_back) for c in report.identity_changes] == [
        ("rename", rows[0].name, "李思思", False)
    ]


def test_a_confirmed_name_from_an_older_session_is_kept_as_a_former_name(
    empty_centre: Centre, tmp_path: Path
) -> None:
    rows = list_rows(1)
    service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    older = replace(
        list_rows(1, seed=3, start=90)[0],
        name="李思思",
        id_number=rows[0].id_number,
        session="2020年上半年",
        approved="2020/7/1",
    )
    report = service(empty_centre).run(
        write_csv(tmp_path / "b.csv", [older]), actor=TEST_ACTOR, accept_identity_changes=True
    )
    holder = Holder.get(Holder.id_number == rows[0].id_number)
    assert holder.name == rows[0].name
    assert HolderIdentity.get(HolderIdentity.holder == holder.id).value == "李思思"
    assert [(c.kind, c.old, c.new) for c in report.identity_changes] == [
        ("former_name", rows[0].name, "李思思")
    ]


def test_repeats_within_a_file(empty_centre: Centre, unchanged: None, tmp_path: Path) -> None:
    rows = list_rows(4)
    repeated = rows[0]
    same_number = replace(rows[1], qualification="网络工程师")
    renamed = replace(rows[3], name="王小二", cert_no="C26119999999", management_no="2026119999999999")
    path = write_csv(tmp_path / "list.csv", [*rows, repeated, same_number, renamed])
    preview = service(empty_centre).preview(path)
    assert (preview.rows, preview.created, preview.rejected_rows) == (7, 4, 3)
    assert [(r.row, r.code, r.params) for r in preview.rejected] == [
        (7, "import.duplicate_row", {"first_row": 3}),
        (8, "import.duplicate_cert_no", {"first_row": 4}),
        (
            9,
            "import.person_two_names",
            {"first_row": 6, "name": "王**", "first_name": preview.rejected[2].params["first_name"]},
        ),
    ]
    assert preview.rejected[2].params["first_name"] == rows[3].name[0] + "*" * (len(rows[3].name) - 1)


def test_cancelling_rolls_everything_back(
    empty_centre: Centre, unchanged: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ruankao_desktop.core.services.importing.BATCH", 10)
    path = write_csv(tmp_path / "list.csv", list_rows(50))
    calls: list[int] = []

    def progress(done: int, total: int | None) -> None:
        calls.append(done)

    with pytest.raises(ImportCancelled) as caught:
        service(empty_centre).run(
            path, actor=TEST_ACTOR, progress=progress, cancelled=lambda: len(calls) >= 2
        )
    assert caught.value.message() == render("import.cancelled")
    assert calls == [10, 20]


def test_progress_says_when_every_row_is_read_and_only_then(
    empty_centre: Centre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wizard turns its bar busy ("checking and writing") when done reaches total, so while rows are
    # being read, done stays below total; then one call says all are read, before anything is written.
    monkeypatch.setattr("ruankao_desktop.core.services.importing.BATCH", 5)
    path = write_csv(tmp_path / "list.csv", list_rows(12))
    calls: list[tuple[int, int | None, int]] = []

    def progress(done: int, total: int | None) -> None:
        calls.append((done, total, Certificate.select().count()))  # this connection sees its own writes

    service(empty_centre).run(path, actor=TEST_ACTOR, progress=progress)
    reading = calls[:2]
    assert [done for done, _, _ in reading] == [5, 10]
    assert all(total is not None and total > done for done, total, _ in reading)
    assert calls[2:] == [(12, 12, 0), (12, 12, 12)]


def test_an_exception_from_the_progress_callback_mid_import_rolls_back(
    empty_centre: Centre, unchanged: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ruankao_desktop.core.services.importing.BATCH", 10)
    path = write_csv(tmp_path / "list.csv", list_rows(50))

    def progress(done: int, total: int | None) -> None:
        assert total is not None and total >= done
        if done >= 30:
            raise RuntimeError("the worker was killed")

    with pytest.raises(RuntimeError):
        service(empty_centre).run(path, actor=TEST_ACTOR, progress=progress)


def test_a_failure_while_writing_rolls_back(
    empty_centre: Centre, unchanged: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Holders are in, then writing the certificates fails (a full disk, a killed process)."""
    monkeypatch.setattr(writer, "BULK_MIN_ROWS", 1)  # the indexes are dropped too: they must come back

    def fail(self: writer.Writer, stamp: str) -> int:
        assert Holder.select().count() == 20
        raise OSError("disk full")

    monkeypatch.setattr(writer.Writer, "_insert_certificates", fail)
    with pytest.raises(OSError, match="disk full"):
        service(empty_centre).run(write_csv(tmp_path / "list.csv", list_rows(20)), actor=TEST_ACTOR)


def test_a_large_load_rebuilds_the_indexes_it_dropped(
    empty_centre: Centre, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "BULK_MIN_ROWS", 1)
    schema = [row for row in dump(empty_centre) if row[0] in {"index", "table"} and len(row) == 3]
    rows = list_rows(30)
    service(empty_centre).run(write_csv(tmp_path / "list.csv", rows), actor=TEST_ACTOR)
    assert [row for row in dump(empty_centre) if row[0] in {"index", "table"} and len(row) == 3] == schema
    lookup = LookupService(empty_centre.settings, today=lambda: TODAY)
    assert [s.cert_no for s in lookup.by_management_no(rows[7].management_no)] == [rows[7].cert_no]
    assert lookup.by_name(rows[3].name)


def test_a_session_named_only_by_rejected_rows_is_not_created(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(3)
    rows[2] = replace(rows[2], session="2019年下半年", id_number="11010519900307123X")
    report = service(empty_centre).run(
        write_csv(tmp_path / "list.csv", rows), actor=TEST_ACTOR, skip_invalid=True
    )
    assert [s.code for s in report.new_sessions] == ["2026H1"]
    assert [s.code for s in ExamSession.select()] == ["2026H1"]


def test_the_audit_event_holds_the_fingerprint_and_counts_but_no_id_number(
    empty_centre: Centre, tmp_path: Path
) -> None:
    rows = list_rows(3)
    path = write_csv(tmp_path / "list.csv", rows)
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    event = AuditEvent.select().where(AuditEvent.action == "import").get()
    details = json.loads(event.details)
    assert details["sha256"] == report.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
    assert (details["rows"], details["created"], details["new_sessions"]) == (3, 3, ["2026H1"])
    assert (event.actor, event.terminal, event.target) == ("tester", "desk-1", "file:list.csv")
    assert not any(row.id_number in event.details for row in rows)


def test_reimporting_certificates_of_a_seeded_database(demo_centre: Centre, tmp_path: Path) -> None:
    certificates = list(
        Certificate.select().join(Qualification).where(Qualification.successor.is_null()).limit(5)
    )
    rows = [
        ListRow(
            name=c.holder.name,
            id_number=c.holder.id_number,
            cert_no=c.cert_no,
            management_no=c.management_no,
            qualification=c.qualification.name,
            session=c.session.name,
            approved=str(c.approved_on),
        )
        for c in certificates
    ]
    before = {c.cert_no: c.version for c in certificates}
    report = service(demo_centre).run(write_csv(tmp_path / "list.csv", rows), actor=TEST_ACTOR)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert {
        c.cert_no: c.version for c in Certificate.select().where(Certificate.cert_no.in_(list(before)))
    } == before


def test_the_report_can_be_saved_as_a_workbook(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(3)
    rows[1] = replace(
        rows[1], id_number=rows[1].id_number[:17] + ("0" if rows[1].id_number[17] != "0" else "1")
    )
    preview = service(empty_centre).preview(write_csv(tmp_path / "list.csv", rows))
    target = tmp_path / "report.xlsx"
    save_report_xlsx(preview, target)
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["有问题的行", "概要", "提示", "身份变更"]
    problems = [[cell.value for cell in row] for row in workbook["有问题的行"].iter_rows()]
    assert problems[0] == ["行号", "列", "值（已脱敏）", "代码", "原因"]
    assert problems[1][:4] == [4, "身份证号码", mask_id(rows[1].id_number, STAFF_POLICY), "id.bad_check"]
    text = "".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row)
    assert not any(row.id_number in text for row in rows)


def test_a_phone_number_in_the_list_updates_the_holder(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(2)
    header = (*HEADER, "联系电话")
    first = [[*row.cells(i), ""] for i, row in enumerate(rows, start=1)]
    service(empty_centre).run(write_csv(tmp_path / "a.csv", first, header=header), actor=TEST_ACTOR)
    second = [[*row.cells(i), "138-0013-8000" if i == 1 else ""] for i, row in enumerate(rows, start=1)]
    report = service(empty_centre).run(write_csv(tmp_path / "b.csv", second, header=header), actor=TEST_ACTOR)
    assert (report.updated, report.unchanged) == (1, 1)
    assert Holder.get(Holder.id_number == rows[0].id_number).phone == "13800138000"
    assert Holder.get(Holder.id_number == rows[1].id_number).phone is None


def test_one_new_id_number_cannot_go_to_two_holders(empty_centre: Centre, tmp_path: Path) -> None:
    rows = list_rows(2)
    rows[1] = replace(rows[1], name=rows[0].name)  # two people of the same name
    service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    new_number = people(1, seed=66)[0].id_number
    changed = [replace(row, id_number=new_number) for row in rows]
    preview = service(empty_centre).preview(write_csv(tmp_path / "b.csv", changed))
    assert [(c.row, c.kind) for c in preview.identity_changes] == [(3, "id_number")]
    assert [(r.row, r.code) for r in preview.rejected] == [(4, "import.conflict_holder")]


def test_refusals_survive_being_passed_between_processes(empty_centre: Centre, tmp_path: Path) -> None:
    import pickle

    rows = list_rows(2)
    rows[1] = replace(rows[1], id_number="1.10105E+17")
    with pytest.raises(ImportRejected) as caught:
        service(empty_centre).run(write_csv(tmp_path / "a.csv", rows), actor=TEST_ACTOR)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.message("en") == caught.value.message("en")
    assert copy.report.rejected == caught.value.report.rejected
    header = ("姓名", "证书编号", "资格名称", "考试批次")
    with pytest.raises(KnownError) as missing:
        service(empty_centre).preview(write_csv(tmp_path / "b.csv", [], header=header))
    assert pickle.loads(pickle.dumps(missing.value)).message("en") == missing.value.message("en")
