"""The one audit call: an append-only, hash-chained record of every action on a person's data.

Details never hold a full ID number; callers pass masked values. `verify_chain` recomputes every hash, so
an edited or deleted event breaks the chain at that point.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import socket
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ruankao_desktop.core.store.database import serialise_appends, write_transaction
from ruankao_desktop.core.store.models import AuditEvent

GENESIS = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who acts, and from which terminal."""

    user: str
    terminal: str

    @classmethod
    def from_environment(cls) -> Actor:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(user=user, terminal=socket.gethostname() or "unknown")


def _digest(*, prev_hash: str, at: datetime, actor: Actor, action: str, target: str, details: str) -> str:
    payload = json.dumps(
        [
            prev_hash,
            at.isoformat(sep=" ", timespec="microseconds"),
            actor.user,
            actor.terminal,
            action,
            target,
            details,
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(actor: Actor, action: str, target: str, details: Mapping[str, Any] | None = None) -> AuditEvent:
    """Append one event. Call inside the write transaction of the change it describes."""
    with write_transaction() as database:
        # Two desks appending at once must not both chain onto the same previous event.
        serialise_appends(database, "audit_event")
        last = AuditEvent.select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1).scalar()
        prev_hash = last or GENESIS
        at = datetime.now()
        text = json.dumps(dict(details or {}), ensure_ascii=False, sort_keys=True, default=str)
        return AuditEvent.create(
            at=at,
            actor=actor.user,
            terminal=actor.terminal,
            action=action,
            target=target,
            details=text,
            prev_hash=prev_hash,
            hash=_digest(prev_hash=prev_hash, at=at, actor=actor, action=action, target=target, details=text),
        )


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain() -> Iterator[ChainBreak]:
    """Every place where the chain does not hold, oldest first."""
    expected_prev = GENESIS
    for event in AuditEvent.select().order_by(AuditEvent.id).iterator():
        actor = Actor(event.actor, event.terminal)
        if event.prev_hash != expected_prev:
            yield ChainBreak(event.id, "previous hash does not match")
        recomputed = _digest(
            prev_hash=event.prev_hash,
            at=event.at,
            actor=actor,
            action=event.action,
            target=event.target,
            details=event.details,
        )
        if recomputed != event.hash:
            yield ChainBreak(event.id, "hash does not match the event's fields")
        expected_prev = event.hash
