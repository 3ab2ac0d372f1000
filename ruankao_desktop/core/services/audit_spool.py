"""The audit spool: an audit event kept durably on this machine until the database takes it, so that a
lookup answers while another desk holds the write lock (docs/architecture.md "The audit trail").

One file per event, in a folder per database under the data folder. A file is written under a temporary
name, flushed, fsynced and renamed, so a crash leaves the whole event or nothing, and queueing never
competes with a drain in another process. Each event carries a uuid, stored in its audit details
(`SPOOL_ID`) with the time the action happened (`OCCURRED_AT`; the event's own `at` is when it was
written). A drain writes the events oldest first, skips one the trail already holds, and deletes a file
only after its event has committed: whichever process drains and wherever it stops, no event is lost
and none is written twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from peewee import PostgresqlDatabase, fn

from ruankao_desktop.core.config import data_dir
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.store.database import WriteLockBusy, db, write_transaction_if_free
from ruankao_desktop.core.store.models import AuditEvent

SPOOL_ID = "spool_id"
OCCURRED_AT = "occurred_at"
# Long enough for another desk's handover to commit, short enough that nobody notices the wait.
LOCK_WAIT_MS = 100

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpooledEvent:
    """One queued event. `after_id` is the newest audit event when it was queued: once written, it can
    only be after that one, which keeps the "already written?" check to the events since."""

    spool_id: str
    occurred_at: datetime
    actor: audit.Actor
    action: str
    target: str
    details: dict[str, Any]
    after_id: int

    def as_json(self) -> dict[str, Any]:
        return {
            "spool_id": self.spool_id,
            "occurred_at": self.occurred_at.isoformat(),
            "user": self.actor.user,
            "terminal": self.actor.terminal,
            "action": self.action,
            "target": self.target,
            "details": self.details,
            "after_id": self.after_id,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SpooledEvent:
        return cls(
            spool_id=str(raw["spool_id"]),
            occurred_at=datetime.fromisoformat(raw["occurred_at"]),
            actor=audit.Actor(user=str(raw["user"]), terminal=str(raw["terminal"])),
            action=str(raw["action"]),
            target=str(raw["target"]),
            details=dict(raw["details"]),
            after_id=int(raw["after_id"]),
        )


def spool_folder() -> Path:
    """This database's spool: `audit-spool/<hash of where the database lives>` in the data folder."""
    real = db.obj
    if isinstance(real, PostgresqlDatabase):
        params = real.connect_params
        where = f"postgresql://{params.get('host', '')}:{params.get('port', '')}/{real.database}"
    else:
        where = str(Path(str(real.database).removeprefix("file:").split("?", 1)[0]).resolve())
    key = hashlib.sha256(where.encode("utf-8")).hexdigest()[:16]
    return data_dir() / "audit-spool" / key


def queue(actor: audit.Actor, action: str, target: str, details: dict[str, Any]) -> SpooledEvent:
    """Keep one event on disk (fsynced) before anyone is told the action happened. Reads the database
    (the newest event's id) but never writes it, so it never waits for another desk."""
    after_id = AuditEvent.select(fn.MAX(AuditEvent.id)).scalar() or 0
    event = SpooledEvent(uuid.uuid4().hex, datetime.now(), actor, action, target, details, after_id)
    folder = spool_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{event.occurred_at:%Y%m%dT%H%M%S%f}-{event.spool_id}"
    temporary = folder / f"{name}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(event.as_json(), handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(folder / f"{name}.json")
    _sync_folder(folder)
    return event


def pending() -> list[Path]:
    """The queued events' files, oldest first."""
    folder = spool_folder()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def drain(*, wait_ms: int = LOCK_WAIT_MS) -> int:
    """Write the queued events in order, each in its own transaction; stop, leaving the rest queued, when
    another desk holds the write lock for more than `wait_ms`. Returns how many were written."""
    written = 0
    for path in pending():
        try:
            event = SpooledEvent.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            continue  # another process drained it meanwhile
        try:
            with write_transaction_if_free(wait_ms=wait_ms):
                if not _already_written(event):
                    details = {
                        **event.details,
                        SPOOL_ID: event.spool_id,
                        OCCURRED_AT: event.occurred_at.isoformat(),
                    }
                    audit.record(event.actor, event.action, event.target, details)
                    written += 1
        except WriteLockBusy:
            log.info("audit spool: the write lock is busy, %d event(s) stay queued", len(pending()))
            return written
        path.unlink(missing_ok=True)
    return written


def _already_written(event: SpooledEvent) -> bool:
    return bool(
        AuditEvent.select(AuditEvent.id)
        .where(AuditEvent.id > event.after_id)
        .where(AuditEvent.action == event.action)
        .where(AuditEvent.details.contains(event.spool_id))
        .exists()
    )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
