"""Backing the database up, restoring it, and checking it — each leaving its audit event here, whichever
face asked (docs/architecture.md "The audit trail")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store.lifecycle import (
    CheckReport,
    OpenDatabase,
    backup_to,
    check_database,
    restore_from,
)

__all__ = ["BackupService", "CheckReport", "Restored"]


@dataclass(frozen=True)
class Restored:
    """The restore is done; the content it replaced was kept in `safety_copy`."""

    safety_copy: Path
    changed: Changed


class BackupService:
    def __init__(self, opened: OpenDatabase) -> None:
        self._opened = opened

    def backup(self, target: Path, actor: audit.Actor) -> Changed:
        """A consistent copy of the live database in the new file `target`, then its audit event."""
        backup_to(self._opened, target)
        audit.record(actor, "db.backup", "database", {"file": target.name})
        return Changed.of(ChangeKind.BACKUP, actor)

    def restore(self, source: Path, actor: audit.Actor) -> Restored:
        """Replace the content with the backup `source` (after a safety copy); the restored database then
        records who restored it from which file."""
        safety = restore_from(self._opened, source)
        audit.record(actor, "db.restore", "database", {"file": source.name, "safety_copy": safety.name})
        return Restored(safety, Changed.of(ChangeKind.RESTORE, actor, everything=True))

    def check(self) -> CheckReport:
        """Integrity and schema version (reads only)."""
        return check_database(self._opened)
