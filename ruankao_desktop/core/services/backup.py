"""Backing the database up, restoring it, and checking it — each leaving its audit event here, whichever
face asked (docs/architecture.md "The audit trail").

A backup carries the chain's anchor beside it (`<backup>.anchor.json`, signed with the audit key). A
restore never loses history: the events the live trail holds beyond the backup's last event (all of them
when the backup's chain is another one), and the archived events the backup lacks, are read before the
content is replaced and kept afterwards in `audit_archive`, bound to the `db.restore` event, which
records their number, the hash they chained onto and the last one's hash, and re-anchors the chain.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import DatabaseError

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.messages import Notice
from ruankao_desktop.core.services import audit, audit_anchor
from ruankao_desktop.core.services.audit_anchor import Anchor, Head
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store.database import read_only_uri, write_transaction, write_transaction_if_free
from ruankao_desktop.core.store.lifecycle import (
    CheckReport,
    OpenDatabase,
    backup_to,
    check_database,
    open_for_check,
    restore_from,
)
from ruankao_desktop.core.store.migrations import current_version
from ruankao_desktop.core.store.models import AuditArchive, AuditEvent

__all__ = ["BackupService", "CheckReport", "Restored", "check_target"]


BUSY_PROBE_MS = 500


@dataclass(frozen=True)
class Restored:
    """The restore is done; the content it replaced was kept in `safety_copy`."""

    safety_copy: Path
    changed: Changed


class BackupService:
    def __init__(self, opened: OpenDatabase) -> None:
        self._opened = opened

    def backup(self, target: Path, actor: audit.Actor) -> Changed:
        """A consistent copy of the live database in the new file `target`, then its audit event (so a
        read-only database is refused first: the copy could be made, its event could not)."""
        if self._opened.read_only:
            raise StoreError("db.read_only")
        target = target.expanduser().absolute()
        with write_transaction_if_free(wait_ms=BUSY_PROBE_MS):
            pass  # another desk writing (an import) is said at once, before anything is copied
        backup_to(self._opened, target)
        try:  # the copy, its anchor and its event belong together: all of them or none
            write_sidecar(target)
            audit.record(actor, "db.backup", "database", {"file": target.name})
        except BaseException:
            for made in (target, audit_anchor.sidecar_file(target)):
                made.unlink(missing_ok=True)
            raise
        return Changed.of(ChangeKind.BACKUP, actor)

    def restore(self, source: Path, actor: audit.Actor) -> Restored:
        """Replace the content with the backup `source` (after a safety copy); the restored database then
        keeps the live events the backup lacks in the archive and records who restored it from which
        file, as the next event of its chain."""
        later = _events_beyond(source.expanduser().absolute())
        safety = restore_from(self._opened, source)
        live = [row for row in later if row["restore_hash"] is None]
        details: dict[str, Any] = {"file": source.name, "safety_copy": safety.name, "archived": len(live)}
        if live:
            details.update(archived_after=live[0]["prev_hash"], archived_head=live[-1]["hash"])
        with write_transaction():
            event = audit.record(actor, "db.restore", "database", details, reanchor=True)
            for row in later:
                AuditArchive.create(**{**row, "restore_hash": row["restore_hash"] or event.hash})
        return Restored(safety, Changed.of(ChangeKind.RESTORE, actor, everything=True))

    def schema_version(self) -> int:
        return current_version(self._opened.database)

    def check(self) -> CheckReport:
        """Integrity, tables and columns, schema version and the audit chain (reads only)."""
        report = check_database(self._opened)
        if "audit_event" in report.damaged_tables or report.schema_version != report.latest_version:
            return report  # an older trail is verified once `db migrate` has brought it up to date
        try:
            trail = audit.verify_trail()
        except DatabaseError as exc:  # a damaged page under the audit trail
            return report.with_problems([Notice("db.check.audit_unreadable", {"reason": str(exc)})])
        return report.with_problems(trail.problems)


def _events_beyond(source: Path) -> list[dict[str, Any]]:
    """What a restore from `source` would lose, read before anything is replaced: the live events after
    the backup's last one (every live event when that one is not in the live chain), then the archived
    events the backup does not hold (`restore_hash` set). A backup whose trail no longer ends where its
    signed head beside it says is refused."""
    last, archived = _backup_trail(source)
    _check_sidecar(source, last)
    fork = AuditEvent.select(AuditEvent.id).where(AuditEvent.hash == last).scalar() if last else None
    query = AuditEvent.select().order_by(AuditEvent.id)
    if fork is not None:
        query = query.where(AuditEvent.id > fork)
    rows = [{**_archived_fields(event, event.id), "restore_hash": None} for event in query.iterator()]
    for kept in AuditArchive.select().order_by(AuditArchive.id).iterator():
        if kept.hash not in archived:
            rows.append({**_archived_fields(kept, kept.original_id), "restore_hash": kept.restore_hash})
    return rows


def _archived_fields(event: AuditEvent | AuditArchive, original_id: int) -> dict[str, Any]:
    names = ("at", "actor", "terminal", "action", "target", "details", "prev_hash", "hash", "scheme")
    return {"original_id": original_id, **{name: getattr(event, name) for name in names}}


def _backup_trail(source: Path) -> tuple[str | None, frozenset[str]]:
    """The hash of the backup's last event, and the hashes of the events it keeps archived (none in a
    backup older than migration 4). The file was checked by then: `restore_from` refuses a bad one."""
    try:
        connection = sqlite3.connect(read_only_uri(source), uri=True)
    except sqlite3.Error:
        return None, frozenset()
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "audit_event" not in tables:
            return None, frozenset()
        row = connection.execute("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
        archived: frozenset[str] = frozenset()
        if "audit_archive" in tables:
            archived = frozenset(item[0] for item in connection.execute("SELECT hash FROM audit_archive"))
        return (row[0] if row else None), archived
    except sqlite3.DatabaseError:
        return None, frozenset()
    finally:
        connection.close()


def _check_sidecar(source: Path, last_hash: str | None) -> None:
    """The backup's trail must end with the event its signed head names (a backup without one, made
    before migration 4, is taken as it is; the restored trail is verified like any other)."""
    key = audit_anchor.load_key()
    if key is None:
        return
    path = audit_anchor.sidecar_file(source)
    try:
        anchor = audit_anchor.read_anchor(path, key)
    except audit_anchor.AnchorInvalid:
        raise StoreError("audit.backup_head_invalid", path=str(path)) from None
    if anchor is not None and anchor.head.count and anchor.head.last_hash != last_hash:
        raise StoreError("audit.backup_trail_cut", path=str(source), event=anchor.head.last_id)


def write_sidecar(target: Path) -> None:
    """The backup's own head, signed, beside it: what its trail must still reach when it is restored or
    examined."""
    connection = sqlite3.connect(read_only_uri(target), uri=True)
    try:
        identity = connection.execute("SELECT database_id FROM audit_chain").fetchone()[0]
        count = connection.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
        last = connection.execute("SELECT id, hash, at FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        connection.close()
    head = Head(count, last[0], last[1], str(last[2])) if last else audit_anchor.EMPTY
    key = audit_anchor.load_key() or audit_anchor.create_key()
    audit_anchor.write_anchor(audit_anchor.sidecar_file(target), Anchor(identity, head, head), key)


def check_target(target: str) -> CheckReport:
    """`db check`: the database at `target` examined as it is — read-only, never migrated, so that a
    damaged file or one on a read-only medium is reported rather than refused or changed."""
    opened = open_for_check(target)
    try:
        return BackupService(opened).check()
    finally:
        opened.close()
