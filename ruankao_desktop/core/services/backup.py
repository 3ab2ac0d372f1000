"""Backing the database up, restoring it, and checking it — each leaving its audit event here, whichever
face asked (docs/architecture.md "The audit trail")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.messages import Notice
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store.lifecycle import (
    CheckReport,
    OpenDatabase,
    backup_to,
    check_database,
    open_for_check,
    restore_from,
)
from ruankao_desktop.core.store.migrations import current_version

__all__ = ["BackupService", "CheckReport", "Restored", "check_target"]


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
        backup_to(self._opened, target)
        audit.record(actor, "db.backup", "database", {"file": target.name})
        return Changed.of(ChangeKind.BACKUP, actor)

    def restore(self, source: Path, actor: audit.Actor) -> Restored:
        """Replace the content with the backup `source` (after a safety copy); the restored database then
        records who restored it from which file."""
        safety = restore_from(self._opened, source)
        audit.record(actor, "db.restore", "database", {"file": source.name, "safety_copy": safety.name})
        return Restored(safety, Changed.of(ChangeKind.RESTORE, actor, everything=True))

    def schema_version(self) -> int:
        return current_version(self._opened.database)

    def check(self) -> CheckReport:
        """Integrity, tables and columns, schema version and the audit chain (reads only)."""
        report = check_database(self._opened)
        if "audit_event" in report.damaged_tables:
            return report
        try:
            breaks = list(audit.verify_chain())
        except DatabaseError as exc:  # a damaged page under the audit trail
            return report.with_problems([Notice("db.check.audit_unreadable", {"reason": str(exc)})])
        return report.with_problems(
            [Notice("cli.audit_break", {"event": item.event_id, "reason": item.reason}) for item in breaks]
        )


def check_target(target: str) -> CheckReport:
    """`db check`: the database at `target` examined as it is — read-only, never migrated, so that a
    damaged file or one on a read-only medium is reported rather than refused or changed."""
    opened = open_for_check(target)
    try:
        return BackupService(opened).check()
    finally:
        opened.close()
