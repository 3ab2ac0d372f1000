"""The finder's shortcuts on the seeded demo database (3,000 certificates over several sessions): a first
page read session by session is exactly the start of all the hits in rank order, and every total summed
from `search_count` is the number of hits counted one by one, over all sessions or one."""

from __future__ import annotations

import pytest

from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.database import db
from ruankao_desktop.core.store.finder import Filters, Finder
from ruankao_desktop.core.store.models import Certificate, ExamSession, Holder, Qualification, SearchCount
from tests.core.store.search_truth import page_differs, query_of, wrong_counts

QUERIES = ("王", "李", "张", "欧阳", "wang", "w", "zh", "l", "wf", "li", "王f", "w芳", "z华", "王 1")
MIXED = ("wx秀", "王x华", "欧y")  # initials then characters: a LIKE on the keys


def numbers() -> tuple[str, ...]:
    """The start of a 证书编号 and the end of an ID number of the demo data."""
    certificate = Certificate.select().order_by(Certificate.id).first()
    assert certificate is not None
    return certificate.cert_no[:7], certificate.holder.id_number[-4:]


@pytest.mark.parametrize("size", [1, 7, 50, 400])
def test_the_first_page_is_the_start_of_every_hit_in_rank_order(demo_centre: Centre, size: int) -> None:
    differences = [page_differs(db.obj, typed, size) for typed in (*QUERIES, *MIXED, *numbers())]
    assert [d for d in differences if d] == []


def test_a_page_of_a_common_surname_runs_from_the_newest_session(demo_centre: Centre) -> None:
    page = Finder(db.obj).page(query_of(db.obj, "王"), 150).rows
    day_of = dict(
        db.obj.execute_sql(
            "SELECT c.id, s.exam_date FROM certificate c JOIN exam_session s ON s.id = c.session_id "
            f"WHERE c.id IN ({', '.join(str(row.certificate_id) for row in page)})"
        ).fetchall()
    )
    days = [day_of[row.certificate_id] for row in page]
    assert len(page) == 150 and len(set(days)) > 1  # the page really crosses sessions
    assert days == sorted(days, reverse=True)


def test_every_counted_total_is_the_number_of_hits(demo_centre: Centre) -> None:
    assert SearchCount.select().count() > 100
    assert wrong_counts(db.obj) == []


def test_a_counted_total_within_a_session_is_that_session_s_hits(demo_centre: Centre) -> None:
    newest = ExamSession.select().order_by(ExamSession.exam_date.desc()).first()
    assert newest is not None
    assert wrong_counts(db.obj, Filters(session_ids=(newest.id,))) == []


def test_a_filter_on_a_qualification_or_a_level_is_tested_on_the_keys(demo_centre: Centre) -> None:
    renamed = Qualification.select().where(Qualification.successor.is_null(False)).first()
    assert renamed is not None
    successor = renamed.successor  # its filter takes the certificates of the old name too
    finder = Finder(db.obj)
    cases = (
        (Filters(qualification_ids=(successor.id,)), f"id = {successor.id} OR successor_id = {successor.id}"),
        (Filters(levels=("senior",)), "level = 'senior'"),
    )
    for filters, allows in cases:
        query = query_of(db.obj, "王", filters)
        assert not query.total_is_counted()  # counted per session only: these are counted on the keys
        ids = finder.ids(query, 10_000)
        assert ids and finder.total(query) == len(ids)
        shown = {
            row[0]
            for row in db.obj.execute_sql(
                f"SELECT qualification_id FROM certificate WHERE id IN ({', '.join(map(str, ids))})"
            )
        }
        allowed = {row[0] for row in db.obj.execute_sql(f"SELECT id FROM qualification WHERE {allows}")}
        assert shown <= allowed


def test_a_surname_s_total_is_read_from_the_counts(demo_centre: Centre) -> None:
    query = query_of(db.obj, "王")
    assert query.counted == "n:王" and query.total_is_counted()
    wangs = Holder.select().where(Holder.name.startswith("王")).count()
    assert wangs > 0 and Finder(db.obj).total(query) >= wangs  # a holder may have several certificates
