"""Nothing is renamed silently: a list that would change a holder's name or ID number lists the change
(masked) in the preview and the report, and the rows of that person are written only when the operator
confirmed the changes — otherwise they are held back (not written, not counted) and the rest imports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ruankao_desktop.core.domain.masking import STAFF_POLICY, mask_id
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.changes import ChangeKind
from ruankao_desktop.core.services.importing import (
    IdentityChange,
    IdentityChangeKind,
    ImportPreview,
    ImportRejected,
    ImportService,
)
from ruankao_desktop.core.store.models import AuditEvent, Certificate, ExamSession, Holder, HolderIdentity
from tests.core.importing.builders import HEADER, ListRow, list_rows, people, write_csv
from tests.engines import database_dump, target_of
from tests.helpers import TEST_ACTOR, TODAY

CHANGE_FIELDS = {"row", "kind", "holder_id", "cert_no", "old", "new", "rows", "held_back"}


def service(centre: Centre) -> ImportService:
    return ImportService(centre.settings, today=lambda: TODAY)


def dump(centre: Centre) -> list[tuple[object, ...]]:
    return database_dump(target_of(centre.opened.location))


def accounted(result: ImportPreview) -> int:
    """Every row is exactly one of created, updated, unchanged, rejected or held back."""
    return result.created + result.updated + result.unchanged + result.rejected_rows + result.held_back


def cert_nos() -> set[str]:
    return {c.cert_no for c in Certificate.select(Certificate.cert_no)}


@pytest.fixture
def known(empty_centre: Centre, tmp_path: Path) -> list[ListRow]:
    """Three holders already in the database, the first of them 张伟."""
    rows = list_rows(3)
    rows[0] = replace(rows[0], name="张伟")
    service(empty_centre).run(write_csv(tmp_path / "first.csv", rows), actor=TEST_ACTOR)
    return rows


def renaming_list(tmp_path: Path, known: list[ListRow]) -> tuple[Path, list[ListRow]]:
    """A new list: 张伟's ID number under the name 赵六 (row 3), and two new people (rows 4, 5)."""
    fresh = list_rows(3, seed=5, prefix="C2612", start=1)
    rows = [replace(fresh[0], name="赵六", id_number=known[0].id_number), fresh[1], fresh[2]]
    return write_csv(tmp_path / "second.csv", rows), rows


def test_a_rename_is_listed_and_its_row_held_back_without_confirmation(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    path, rows = renaming_list(tmp_path, known)
    zhang = Holder.get(Holder.id_number == known[0].id_number)
    preview = service(empty_centre).preview(path)
    assert preview.identity_changes == (
        IdentityChange(
            row=3,
            kind=IdentityChangeKind.RENAME,
            holder_id=zhang.id,
            cert_no=rows[0].cert_no,
            old="张伟",
            new="赵六",
            rows=(3,),
            held_back=True,
        ),
    )
    assert (preview.created, preview.held_back, preview.identity_changes_total) == (2, 1, 1)

    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert (report.rows, report.created, report.updated, report.held_back) == (3, 2, 0, 1)
    assert accounted(report) == report.rows
    assert report.identities_added == 0
    assert Holder.get_by_id(zhang.id).name == "张伟"
    assert not HolderIdentity.select().exists()
    assert rows[0].cert_no not in cert_nos()
    assert {rows[1].cert_no, rows[2].cert_no} <= cert_nos()
    assert [c.held_back for c in report.identity_changes] == [True]


def test_a_confirmed_rename_is_imported(empty_centre: Centre, known: list[ListRow], tmp_path: Path) -> None:
    path, rows = renaming_list(tmp_path, known)
    zhang = Holder.get(Holder.id_number == known[0].id_number)
    preview = service(empty_centre).preview(path, accept_identity_changes=True)
    assert (preview.created, preview.held_back) == (3, 0)
    report = service(empty_centre).run(path, actor=TEST_ACTOR, accept_identity_changes=True)
    assert (report.created, report.held_back, report.identities_added) == (3, 0, 1)
    assert [(c.kind, c.old, c.new, c.held_back) for c in report.identity_changes] == [
        ("rename", "张伟", "赵六", False)
    ]
    assert Holder.get_by_id(zhang.id).name == "赵六"
    assert [i.value for i in HolderIdentity.select()] == ["张伟"]
    assert Certificate.get(Certificate.cert_no == rows[0].cert_no).holder.id == zhang.id


def test_a_new_id_number_is_listed_masked_and_held_back_without_confirmation(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    old_number = known[1].id_number
    new_number = people(1, seed=77)[0].id_number
    newcomer = list_rows(1, seed=6, prefix="C2613")[0]
    rows = [known[0], replace(known[1], id_number=new_number), known[2], newcomer]
    path = write_csv(tmp_path / "second.csv", rows)
    holder = Holder.get(Holder.id_number == old_number)
    version = Certificate.get(Certificate.cert_no == known[1].cert_no).version

    preview = service(empty_centre).preview(path)
    [change] = preview.identity_changes
    assert (change.row, change.kind, change.holder_id, change.cert_no) == (
        4,
        "id_number",
        holder.id,
        known[1].cert_no,
    )
    assert (change.old, change.new) == (mask_id(old_number, STAFF_POLICY), mask_id(new_number, STAFF_POLICY))
    as_json = str(preview.to_json())
    assert old_number not in as_json and new_number not in as_json

    before = dump(empty_centre)
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert (report.created, report.updated, report.unchanged, report.held_back) == (1, 0, 2, 1)
    assert Holder.get_by_id(holder.id).id_number == old_number
    assert not HolderIdentity.select().exists()
    certificate = Certificate.get(Certificate.cert_no == known[1].cert_no)
    assert (certificate.holder.id, certificate.version) == (holder.id, version)
    assert newcomer.cert_no in cert_nos()
    assert dump(empty_centre) != before  # the newcomer was written all the same

    accepted = service(empty_centre).run(path, actor=TEST_ACTOR, accept_identity_changes=True)
    assert (accepted.updated, accepted.unchanged, accepted.held_back) == (1, 3, 0)
    assert Holder.get_by_id(holder.id).id_number == new_number
    assert [(i.kind, i.value) for i in HolderIdentity.select()] == [("id_number", old_number)]


def test_a_former_name_from_an_older_list_needs_confirmation_too(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    older = replace(
        list_rows(1, seed=3, prefix="C2014")[0],
        name="张卫",
        id_number=known[0].id_number,
        session="2020年上半年",
        approved="2020/7/1",
    )
    path = write_csv(tmp_path / "older.csv", [older])
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert [(c.kind, c.old, c.new) for c in report.identity_changes] == [("former_name", "张伟", "张卫")]
    assert (report.created, report.held_back) == (0, 1)
    assert not HolderIdentity.select().exists()
    assert older.cert_no not in cert_nos()
    # The session only the held-back row names is not created either.
    assert [s.code for s in ExamSession.select()] == ["2026H1"]
    assert report.new_sessions == ()

    accepted = service(empty_centre).run(path, actor=TEST_ACTOR, accept_identity_changes=True)
    assert (accepted.created, accepted.held_back) == (1, 0)
    assert Holder.get(Holder.id_number == known[0].id_number).name == "张伟"
    assert [(i.kind, i.value) for i in HolderIdentity.select()] == [("name", "张卫")]


def test_every_row_of_a_renamed_person_is_held_back_with_it(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    fresh = list_rows(3, seed=5, prefix="C2612")
    first = replace(fresh[0], name="赵六", id_number=known[0].id_number)
    second = replace(fresh[2], name="赵六", id_number=known[0].id_number, qualification="网络工程师")
    path = write_csv(tmp_path / "second.csv", [first, fresh[1], second])
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    [change] = report.identity_changes
    assert (change.row, change.rows) == (3, (3, 5))
    assert (report.created, report.held_back) == (1, 2)
    assert not {first.cert_no, second.cert_no} & cert_nos()


def test_a_rename_with_a_rejected_cell_is_rejected_and_renames_nobody(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    fresh = list_rows(2, seed=5, prefix="C2612")
    bad = replace(fresh[0], name="赵六", id_number=known[0].id_number, approved="2026年13月1日")
    path = write_csv(tmp_path / "second.csv", [bad, fresh[1]])
    before = dump(empty_centre)
    with pytest.raises(ImportRejected) as caught:
        service(empty_centre).run(path, actor=TEST_ACTOR, accept_identity_changes=True)
    assert dump(empty_centre) == before
    refused = caught.value.report
    assert ([r.row for r in refused.rejected], refused.identity_changes) == ([3], ())
    report = service(empty_centre).run(
        path, actor=TEST_ACTOR, skip_invalid=True, accept_identity_changes=True
    )
    assert (report.created, report.rejected_rows, report.identities_added) == (1, 1, 0)
    assert Holder.get(Holder.id_number == known[0].id_number).name == "张伟"


def test_a_held_back_person_whose_number_comes_again_with_a_third_name(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    # Row 3 renames 张伟 to 赵六; row 5 gives the same ID number as 王五: rejected as before, while
    # row 3 is held back — each row is accounted for once.
    fresh = list_rows(3, seed=5, prefix="C2612")
    renamed = replace(fresh[0], name="赵六", id_number=known[0].id_number)
    third = replace(fresh[2], name="王五", id_number=known[0].id_number)
    path = write_csv(tmp_path / "second.csv", [renamed, fresh[1], third])
    preview = service(empty_centre).preview(path)
    assert [(r.row, r.code) for r in preview.rejected] == [(5, "import.person_two_names")]
    assert [(c.row, c.rows) for c in preview.identity_changes] == [(3, (3,))]
    assert (preview.created, preview.rejected_rows, preview.held_back) == (1, 1, 1)
    assert accounted(preview) == preview.rows == 3


def test_a_list_renaming_many_holders_writes_none_of_them_unconfirmed(
    empty_centre: Centre, tmp_path: Path
) -> None:
    rows = list_rows(300)
    service(empty_centre).run(write_csv(tmp_path / "first.csv", rows), actor=TEST_ACTOR)
    names = {h.id: h.name for h in Holder.select()}
    renamed = [
        replace(row, name="改" + row.name[1:] if row.name[0] != "改" else "另" + row.name[1:]) for row in rows
    ]
    path = write_csv(tmp_path / "renamed.csv", renamed)
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert (report.unchanged, report.updated, report.held_back, report.identity_changes_total) == (
        0,
        0,
        300,
        300,
    )
    assert [c.row for c in report.identity_changes] == list(range(3, 303))
    assert {h.id: h.name for h in Holder.select()} == names
    accepted = service(empty_centre).run(path, actor=TEST_ACTOR, accept_identity_changes=True)
    assert (accepted.updated, accepted.held_back, accepted.identities_added) == (300, 0, 300)
    assert {h.name for h in Holder.select()} == {row.name for row in renamed}


def test_the_phone_number_of_a_held_back_row_is_not_taken(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    header = (*HEADER, "联系电话")
    renamed = replace(known[0], name="赵六")
    path = write_csv(tmp_path / "second.csv", [[*renamed.cells(1), "13800138000"]], header=header)
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert report.held_back == 1
    assert Holder.get(Holder.id_number == known[0].id_number).phone is None


def test_the_json_lists_the_changes_with_stable_fields(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    path, rows = renaming_list(tmp_path, known)
    payload = service(empty_centre).preview(path).to_json()
    [entry] = payload["identity_changes"]
    assert set(entry) == CHANGE_FIELDS
    assert entry == {
        "row": 3,
        "kind": "rename",
        "holder_id": Holder.get(Holder.id_number == known[0].id_number).id,
        "cert_no": rows[0].cert_no,
        "old": "张伟",
        "new": "赵六",
        "rows": [3],
        "held_back": True,
    }


def test_the_report_says_what_changed_for_the_broadcast_and_the_audit_counts_held_rows(
    empty_centre: Centre, known: list[ListRow], tmp_path: Path
) -> None:
    path, _ = renaming_list(tmp_path, known)
    report = service(empty_centre).run(path, actor=TEST_ACTOR)
    assert report.changed is not None
    assert (report.changed.kind, report.changed.actor, report.changed.everything) == (
        ChangeKind.IMPORT,
        TEST_ACTOR,
        True,
    )
    assert report.changed.sessions == {ExamSession.get(ExamSession.code == "2026H1").id}
    assert "changed" not in report.to_json()
    event = AuditEvent.select().where(AuditEvent.action == "import").order_by(AuditEvent.id.desc()).get()
    assert '"held_back": 1' in event.details
    assert known[0].id_number not in event.details
