"""Rebuilding the search keys (`db reindex`): after the rules that derive them change, or to repair them.
One transaction: a failure leaves the keys as they were."""

from __future__ import annotations

from dataclasses import dataclass

from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store import search_index
from ruankao_desktop.core.store.database import refresh_statistics, write_transaction
from ruankao_desktop.core.store.models import Certificate


@dataclass(frozen=True)
class Reindexed:
    certificates: int
    keys: int
    changed: Changed


def reindex(actor: audit.Actor, progress: search_index.Progress | None = None) -> Reindexed:
    """Every certificate's search keys anew; `progress(done, total)` counts the names worked out."""
    with write_transaction() as database:
        keys = search_index.rebuild(database, progress=progress)
        certificates = int(Certificate.select().count())
        audit.record(actor, "db.reindex", "database", {"certificates": certificates, "keys": keys})
    refresh_statistics()
    return Reindexed(certificates, keys, Changed.of(ChangeKind.REINDEX, actor, everything=True))
