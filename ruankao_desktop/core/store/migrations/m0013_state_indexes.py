"""Migration 13: indexes the overview counts the certificates' states with (docs/architecture.md
"Overview"): every certificate by session and handover, read in index order; those not arrived, revoked
or with a reissue running, read off indexes of their own; those of a qualification approved before a
day (its term over), grouped off a covering index."""

from __future__ import annotations

from peewee import Database

VERSION = 13
NAME = "state_indexes"

INDEXES = (
    "CREATE INDEX certificate_session_handover ON certificate (session_id, handover)",
    "CREATE INDEX certificate_not_arrived ON certificate (session_id, handover) WHERE arrived_on IS NULL",
    "CREATE INDEX certificate_revoked ON certificate (revoked_at) WHERE revoked_at IS NOT NULL",
    "CREATE INDEX certificate_reissue_pending ON certificate (reissue_pending)",
    # Covering: the certificates past their term are grouped by these facts off the index alone.
    "CREATE INDEX certificate_qualification_approved ON certificate "
    "(qualification_id, approved_on, session_id, handover, reissue_pending, revoked_at, arrived_on)",
)


def apply(database: Database) -> None:
    for statement in INDEXES:
        database.execute_sql(statement)
