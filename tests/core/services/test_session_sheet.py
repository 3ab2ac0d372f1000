"""A session as the desk works through it, on a real seeded database: its counts per state are the
overview's for that session and what each state filter finds in it; a page narrowed to a state or to
what was typed holds only the session's certificates; a search is audited; the session being worked
through is the one chosen first."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import InvalidInput
from ruankao_desktop.core.services import audit_spool
from ruankao_desktop.core.services.arrival import ArrivalService
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.lookup import Criteria, LookupService
from ruankao_desktop.core.services.overview import OverviewService
from ruankao_desktop.core.services.session_sheet import SessionSheetService, working_session
from ruankao_desktop.core.store.models import AuditEvent, Certificate, ExamSession
from tests.helpers import TEST_ACTOR, TODAY


def _sheets(centre: Centre) -> SessionSheetService:
    return SessionSheetService(centre.settings, today=lambda: TODAY)


def test_each_session_s_counts_are_the_overview_s_and_the_filters(demo_centre: Centre) -> None:
    overview = OverviewService(demo_centre.settings, today=lambda: TODAY).overview()
    lookup = LookupService(demo_centre.settings, today=lambda: TODAY)
    sheets = _sheets(demo_centre)
    for counted in overview.sessions:
        sheet = sheets.sheet(counted.session_id)
        assert sheet.counts == counted.counts, counted.code
        assert sheet.total == counted.total == len(sheet.rows)  # a demo session fits on one page
    busiest = max(overview.sessions, key=lambda s: s.counts[CertificateState.OVERDUE])
    for state in CertificateState:
        found = lookup.search_ids(Criteria(session_id=busiest.session_id, state=state), limit=10_000).ids
        assert sheets.sheet(busiest.session_id, state=state).counts[state] == len(found), state


def test_a_page_narrowed_to_a_state_holds_only_that_state_of_the_session(demo_centre: Centre) -> None:
    session = ExamSession.get(ExamSession.code == "2025H2")
    sheet = _sheets(demo_centre).sheet(session.id, state=CertificateState.AWAITING_PICKUP)
    assert sheet.total == sheet.counts[CertificateState.AWAITING_PICKUP] > 0
    assert {row.state for row in sheet.rows} == {CertificateState.AWAITING_PICKUP}
    assert {row.session for row in sheet.rows} == {session.name}
    assert all("*" in row.id_masked for row in sheet.rows)  # masked as on any staff screen
    assert (sheet.dates.code, sheet.dates.actual_arrival) == ("2025H2", date(2026, 5, 29))


def test_a_short_page_says_how_many_there_are(demo_centre: Centre) -> None:
    session = ExamSession.get(ExamSession.code == "2025H2")
    sheet = _sheets(demo_centre).sheet(session.id, limit=10)
    assert len(sheet.rows) == 10
    assert sheet.total == sum(sheet.counts.values()) > 10
    assert sheet.truncated


def test_what_is_typed_finds_the_person_in_the_session_only(demo_centre: Centre) -> None:
    session = ExamSession.get(ExamSession.code == "2025H2")
    person = Certificate.select().where(Certificate.session == session.id).first()
    surname = person.holder.name[0]
    sheets = _sheets(demo_centre)
    sheet = sheets.sheet(session.id, query=surname, actor=TEST_ACTOR)
    assert person.id in {row.certificate_id for row in sheet.rows}
    assert {row.session for row in sheet.rows} == {session.name}
    assert all(row.name.startswith(surname) for row in sheet.rows)
    assert sheet.total == len(sheet.rows)
    by_digits = sheets.sheet(session.id, query=f"{surname} {person.holder.id_number[-4:]}")
    assert person.id in {row.certificate_id for row in by_digits.rows}
    audit_spool.drain()
    lookups = AuditEvent.select().where(AuditEvent.action == "lookup").order_by(AuditEvent.id)
    # The search typed is audited (its query masked like every lookup's); the one without an actor is not.
    assert [json.loads(event.details)["results"] for event in lookups] == [sheet.total]


def test_a_query_that_breaks_a_rule_says_so(demo_centre: Centre) -> None:
    session = ExamSession.get(ExamSession.code == "2025H2")
    with pytest.raises(InvalidInput) as caught:
        _sheets(demo_centre).sheet(session.id, query="11010519900307123X")  # wrong check digit
    assert caught.value.code == "id.bad_check"


def test_a_session_that_is_gone_is_refused(demo_centre: Centre) -> None:
    with pytest.raises(InvalidInput) as caught:
        _sheets(demo_centre).sheet(99_999)
    assert "找不到考试批次" in caught.value.message()


def test_the_session_being_worked_through_comes_first(demo_centre: Centre) -> None:
    h1 = ExamSession.get(ExamSession.code == "2026H1")
    assert working_session() == h1.id  # 2026H2 has no certificates yet; 2026H1's are all still to come
    ArrivalService(today=lambda: TODAY).mark_arrived(h1.id, TODAY, TEST_ACTOR)
    assert working_session() == h1.id  # arrived, still to be handed over
    Certificate.update(handover="in_person").where(Certificate.session == h1.id).execute()
    older = ExamSession.get(ExamSession.code == "2025H2")
    assert working_session() == older.id  # the newest all handed over: the next one with work left
    # Revoked ones and those with a reissue running are not the desk's to hand over.
    Certificate.update(revoked_at=TODAY.isoformat()).where(
        (Certificate.session == older.id) & Certificate.handover.is_null()
    ).execute()
    assert working_session() != older.id
    Certificate.update(handover="in_person").where(Certificate.handover.is_null()).execute()
    assert working_session() == h1.id  # nothing left anywhere: the newest with certificates


def test_no_session_has_certificates_in_an_empty_database(empty_centre: Centre) -> None:
    assert working_session() is None
