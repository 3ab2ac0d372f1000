"""The audit trail: events chain by hash, and any edit breaks the chain where it was made."""

from __future__ import annotations

from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.store.models import AuditEvent
from tests.helpers import TEST_ACTOR


def test_events_chain_and_verify(empty_centre: Centre) -> None:
    first = audit.record(TEST_ACTOR, "lookup", "id_number", {"query": "110105********1239"})
    second = audit.record(TEST_ACTOR, "lookup", "name", {"results": 2})
    assert first.prev_hash == audit.GENESIS
    assert second.prev_hash == first.hash
    assert list(audit.verify_chain()) == []


def test_an_edited_event_breaks_the_chain_there(empty_centre: Centre) -> None:
    audit.record(TEST_ACTOR, "lookup", "id_number", {"results": 1})
    edited = audit.record(TEST_ACTOR, "lookup", "id_number", {"results": 0})
    audit.record(TEST_ACTOR, "lookup", "name", {"results": 3})
    AuditEvent.update(details='{"results": 5}').where(AuditEvent.id == edited.id).execute()
    breaks = list(audit.verify_chain())
    assert [b.event_id for b in breaks] == [edited.id]


def test_a_deleted_event_breaks_the_chain_after_it(empty_centre: Centre) -> None:
    audit.record(TEST_ACTOR, "a", "t")
    removed = audit.record(TEST_ACTOR, "b", "t")
    last = audit.record(TEST_ACTOR, "c", "t")
    AuditEvent.delete().where(AuditEvent.id == removed.id).execute()
    assert [b.event_id for b in audit.verify_chain()] == [last.id]
