"""The one audit call: an append-only, keyed chain of every action on a person's data, anchored outside
the database (docs/architecture.md "The audit trail").

Each event's hash covers its fields and the previous event's hash. Two schemes, recorded per event in
`scheme` (migration 4):

- 1, `LEGACY`: SHA-256 of the fields, as written before migration 4. Those events keep their hash and
  verify by that rule; a legacy event after a keyed one is a rewrite.
- 2, `KEYED`: HMAC-SHA256 with the audit key in the data folder (`audit_anchor.key_file()`), which the
  database does not hold, so that nobody with the database file alone can recompute the chain.

The anchor (`audit_anchor.Anchor`), signed with the same key, holds the chain's head outside the database,
so that removing the newest events shows too. `record` runs inside the caller's transaction and cannot see
its commit, hence the rule:

- an event recorded by a transaction that `record` itself began is anchored right after the commit, as
  `floor` and `head`. A crash between the commit and the anchor write leaves the anchor one event behind:
  `verify_trail` reports "anchor behind by 1 event" as a warning, never as tampering;
- an event recorded inside a caller's transaction is anchored at once, as `head` only: the transaction
  may still roll back. `floor` is then the chain's head when that transaction appended its first event
  (committed, since nothing else appends while it holds the write lock);
- events missing below `floor`, or an event at the floor's place with another hash, are tampering; a
  database whose head lies between `floor` and `head` rolled its last transaction back;
- an anchor whose `floor` no longer holds is never moved forward by a write: the evidence stays until a
  restore.

A restore keeps the events it replaces in `audit_archive` (core/services/backup.py) and re-anchors the
chain at its own `db.restore` event.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import socket
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from peewee import Database, SqliteDatabase

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Notice
from ruankao_desktop.core.services import audit_anchor
from ruankao_desktop.core.services.audit_anchor import EMPTY, Anchor, AnchorInvalid, Head
from ruankao_desktop.core.store.database import db, serialise_appends, write_transaction
from ruankao_desktop.core.store.models import AuditArchive, AuditChain, AuditEvent

GENESIS = "0" * 64
LEGACY = 1
KEYED = 2

# The database's id and its newest event in one statement, on every engine: the first thing each record
# reads.
_HEAD_SQL = (
    "SELECT c.database_id, e.id, e.hash, e.at, e.scheme FROM audit_chain c LEFT JOIN "
    "(SELECT id, hash, at, scheme FROM audit_event ORDER BY id DESC LIMIT 1) e ON 1 = 1"
)

# The outermost transactions that have appended an event: their later events must not move the floor
# onto an event of their own, which a rollback could still take away.
_APPENDING: weakref.WeakKeyDictionary[object, bool] = weakref.WeakKeyDictionary()


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


def at_text(at: datetime) -> str:
    return at.isoformat(sep=" ", timespec="microseconds")


def event_hash(
    *,
    scheme: int,
    key: bytes | None,
    prev_hash: str,
    at: datetime,
    user: str,
    terminal: str,
    action: str,
    target: str,
    details: str,
) -> str | None:
    """The hash an event must carry under `scheme`; None when it cannot be known (keyed, no key)."""
    payload = json.dumps(
        [prev_hash, at_text(at), user, terminal, action, target, details], ensure_ascii=False
    ).encode("utf-8")
    if scheme == LEGACY:
        return hashlib.sha256(payload).hexdigest()
    if scheme == KEYED and key is not None:
        return hmac.new(key, payload, hashlib.sha256).hexdigest()
    return None


def database_id() -> str:
    return str(AuditChain.select(AuditChain.database_id).scalar())


def record(
    actor: Actor,
    action: str,
    target: str,
    details: Mapping[str, Any] | None = None,
    *,
    reanchor: bool = False,
) -> AuditEvent:
    """Append one event. Call inside the write transaction of the change it describes. `reanchor` (a
    restore only) starts the anchor afresh at this event."""
    text = json.dumps(dict(details or {}), ensure_ascii=False, sort_keys=True, default=str)
    began = not db.in_transaction()
    with write_transaction() as database:
        # Two desks appending at once must not both chain onto the same previous event.
        serialise_appends(database, "audit_event")
        event, anchor, key = _append(database, actor, action, target, text, began=began, reanchor=reanchor)
        path = _anchor_path(anchor.database_id)
        if not began:
            audit_anchor.write_anchor(path, anchor, key)
            return event
    audit_anchor.write_anchor(path, anchor, key)  # committed: a crash here leaves the anchor behind
    return event


def _append(
    database: Database, actor: Actor, action: str, target: str, text: str, *, began: bool, reanchor: bool
) -> tuple[AuditEvent, Anchor, bytes]:
    """Insert the event; the anchor to write for it, and the key."""
    identity, *newest = database.execute_sql(_HEAD_SQL).fetchone()
    last = None if newest[0] is None else (newest[0], newest[1], newest[2])
    key = audit_anchor.load_key()
    if key is None:
        if last is not None and newest[3] == KEYED:
            raise KnownError("audit.key_missing", path=str(audit_anchor.key_file()))
        key = audit_anchor.create_key()
    previous = None if reanchor else _readable_anchor(identity, key)
    prev_hash = last[1] if last else GENESIS
    before = _head_before(last, previous)
    outermost = _outermost_transaction(database)
    first_of_transaction = outermost not in _APPENDING
    if previous is not None and not _holds(previous, before):
        floor = previous.floor  # the trail lost events: the evidence stays
    elif first_of_transaction or previous is None:
        floor = before
    else:
        floor = previous.floor
    at = datetime.now()
    event = AuditEvent.create(
        at=at,
        actor=actor.user,
        terminal=actor.terminal,
        action=action,
        target=target,
        details=text,
        prev_hash=prev_hash,
        scheme=KEYED,
        hash=event_hash(
            scheme=KEYED,
            key=key,
            prev_hash=prev_hash,
            at=at,
            user=actor.user,
            terminal=actor.terminal,
            action=action,
            target=target,
            details=text,
        ),
    )
    _APPENDING[outermost] = True
    head = Head(before.count + 1, event.id, event.hash, at_text(at))
    if began and floor == before:
        floor = head  # anchored after the commit, which makes it committed
    return event, Anchor(identity, floor, head), key


def _outermost_transaction(database: Database) -> object:
    """The transaction every nested block of this thread belongs to. peewee keeps the stack per thread
    and names only its top (`top_transaction`); the bottom is what tells one transaction from the next."""
    stack: list[object] = database._state.transactions  # type: ignore[attr-defined]
    return stack[0]


def _anchor_path(identity: str) -> Path:
    """Where the open database's anchor is: beside the file when it is a backup (a backup shares its
    database id with the live database, and must neither be judged by nor move the live one's anchor),
    else in the data folder."""
    name = getattr(db.obj, "database", None)
    if isinstance(db.obj, SqliteDatabase) and isinstance(name, str):
        beside = audit_anchor.sidecar_file(Path(name))
        if beside.exists():
            return beside
    return audit_anchor.anchor_file(identity)


def _readable_anchor(identity: str, key: bytes) -> Anchor | None:
    """The database's anchor; one that does not verify is replaced (`verify_trail` reports it first)."""
    try:
        return audit_anchor.read_anchor(_anchor_path(identity), key)
    except AnchorInvalid:
        return None


def _head_before(last: tuple[Any, ...] | None, anchor: Anchor | None) -> Head:
    """The chain's head before this append, its count taken from the anchor when it knows that head."""
    if last is None:
        return EMPTY
    for known in (anchor.head, anchor.floor) if anchor else ():
        if (known.last_id, known.last_hash) == (last[0], last[1]):
            return known
    at = last[2] if isinstance(last[2], str) else at_text(last[2])
    return Head(int(AuditEvent.select().count()), last[0], last[1], at)


def _holds(anchor: Anchor, before: Head) -> bool:
    """Whether the anchored floor is still in the trail: it is when the trail ends at the anchored floor
    or head (an event rewritten below them breaks the chain, which `verify_trail` finds); otherwise the
    floor's event is looked up."""
    floor = anchor.floor
    if floor.count == 0 or before in (floor, anchor.head):
        return True
    found = AuditEvent.select(AuditEvent.hash).where(AuditEvent.id == floor.last_id).scalar()
    return bool(found == floor.last_hash)


@dataclass(frozen=True)
class TrailReport:
    """What `verify_trail` found: the events counted, the head, problems (tampering, or what stops the
    check) and warnings (an anchor behind, no anchor yet), each a message with its parameters."""

    count: int
    head: Head
    archived: int
    problems: tuple[Notice, ...]
    warnings: tuple[Notice, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_trail() -> TrailReport:
    """Every event recomputed by its scheme and chained onto the one before, the head compared with the
    anchor, and the archived events; the first bad event is named."""
    key = audit_anchor.load_key()
    path = _anchor_path(database_id())
    anchor: Anchor | None = None
    anchor_problems: list[Notice] = []
    if key is not None:
        try:
            anchor = audit_anchor.read_anchor(path, key)
        except AnchorInvalid:
            anchor_problems.append(Notice("audit.anchor_invalid", {"path": str(path)}))
    watched = {anchor.floor.last_id, anchor.head.last_id} if anchor else set()
    chain = _walk_live_chain(key, watched)
    problems = list(chain.problems)
    warnings: list[Notice] = []
    if chain.keyed and key is None:
        problems.insert(0, Notice("audit.key_missing", {"path": str(audit_anchor.key_file())}))
    elif anchor_problems:
        problems += anchor_problems
    elif not problems:  # a broken chain is named where it breaks, not again at its head
        problems += _compare_with_anchor(chain, anchor, path, warnings)
    archived, archive_problems = _verify_archive(key)
    return TrailReport(chain.count, chain.head, archived, (*problems, *archive_problems), tuple(warnings))


@dataclass
class _Walk:
    """The live chain walked once: its count and head, whether it holds keyed events, the first problem,
    and the hashes of the events the anchor names, by id."""

    count: int = 0
    head: Head = EMPTY
    keyed: bool = False
    problems: tuple[Notice, ...] = ()
    seen: dict[int, str] = field(default_factory=dict)


def _walk_live_chain(key: bytes | None, watched: set[int]) -> _Walk:
    walk = _Walk()
    last: tuple[int, str, datetime] | None = None
    problems: list[Notice] = []
    expected_prev = GENESIS
    columns = (
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.actor,
        AuditEvent.terminal,
        AuditEvent.action,
        AuditEvent.target,
        AuditEvent.details,
        AuditEvent.prev_hash,
        AuditEvent.hash,
        AuditEvent.scheme,
    )
    query = AuditEvent.select(*columns).order_by(AuditEvent.id).tuples()
    for event_id, at, user, terminal, action, target, details, prev_hash, hashed, scheme in query.iterator():
        walk.count += 1
        problem = check_event(
            key=key,
            keyed_before=walk.keyed,
            expected_prev=expected_prev,
            fields=(event_id, at, user, terminal, action, target, details, prev_hash, hashed, scheme),
        )
        if problem is not None and not problems:
            problems.append(problem)
        walk.keyed = walk.keyed or scheme == KEYED
        expected_prev = hashed
        last = (event_id, hashed, at)
        if event_id in watched:
            walk.seen[event_id] = hashed
    if last is not None:
        walk.head = Head(walk.count, last[0], last[1], at_text(last[2]))
    walk.problems = tuple(problems)
    return walk


def check_event(
    *, key: bytes | None, keyed_before: bool, expected_prev: str, fields: tuple[Any, ...]
) -> Notice | None:
    """What is wrong with one event, or None: out of place, rewritten in the old scheme, or altered."""
    event_id, at, user, terminal, action, target, details, prev_hash, hashed, scheme = fields
    where = {"event": event_id, "at": at_text(at)}
    if prev_hash != expected_prev:
        return Notice("audit.event_out_of_place", where)
    if scheme == LEGACY and keyed_before:
        return Notice("audit.event_downgraded", where)
    if key is None and scheme == KEYED:
        return None  # reported once, as the missing key
    recomputed = event_hash(
        scheme=scheme,
        key=key,
        prev_hash=prev_hash,
        at=at,
        user=user,
        terminal=terminal,
        action=action,
        target=target,
        details=details,
    )
    if recomputed is None or recomputed != hashed:
        return Notice("audit.event_altered", where)
    return None


def _compare_with_anchor(
    chain: _Walk, anchor: Anchor | None, path: Path, warnings: list[Notice]
) -> list[Notice]:
    """Missing events below the anchored floor are tampering; events beyond the anchor a warning. No
    anchor: tampering when keyed events exist, else a database not yet anchored since its upgrade."""
    if anchor is None:
        if chain.keyed:
            return [Notice("audit.anchor_missing", {"path": str(path)})]
        if chain.count:
            warnings.append(Notice("audit.no_anchor_yet"))
        return []
    seen = chain.seen
    floor = anchor.floor
    if floor.count and floor.last_id not in seen:
        if chain.head.last_id < floor.last_id:
            missing = max(floor.count - chain.count, 1)
            return [Notice("audit.events_missing", {"count": missing, "after": chain.head.last_id})]
        return [Notice("audit.anchor_mismatch", {"event": floor.last_id, "at": floor.at})]
    if floor.count and seen[floor.last_id] != floor.last_hash:
        return [Notice("audit.anchor_mismatch", {"event": floor.last_id, "at": floor.at})]
    reference = anchor.head if seen.get(anchor.head.last_id) == anchor.head.last_hash else floor
    if chain.count > reference.count:
        warnings.append(
            Notice(
                "audit.anchor_behind",
                {"count": chain.count - reference.count, "event": chain.head.last_id, "at": chain.head.at},
            )
        )
    return []


def _verify_archive(key: bytes | None) -> tuple[int, list[Notice]]:
    """Each restore's archived events: as many as its `db.restore` event says, ending with the hash it
    names, each recomputed and chained onto the one before. Returns the number archived and problems."""
    groups: dict[str, list[AuditArchive]] = {}
    for row in AuditArchive.select().order_by(AuditArchive.id).iterator():
        groups.setdefault(row.restore_hash, []).append(row)
    restores = [
        (event.id, event.at, event.hash, event.details)
        for event in AuditEvent.select().where(AuditEvent.action == "db.restore").iterator()
    ]
    restores += [
        (row.original_id, row.at, row.hash, row.details)
        for group in groups.values()
        for row in group
        if row.action == "db.restore"
    ]
    problems: list[Notice] = []
    bound: set[str] = set()
    for event_id, at, hashed, details in restores:
        facts = json.loads(details)
        expected = int(facts.get("archived", 0))
        if not expected:
            continue
        bound.add(hashed)
        group = groups.get(hashed, [])
        where = {"event": event_id, "at": at_text(at), "expected": expected, "found": len(group)}
        if len(group) != expected or group[-1].hash != facts.get("archived_head"):
            problems.append(Notice("audit.archive_incomplete", where))
        elif _group_problem(group, key, str(facts.get("archived_after"))) is not None:
            problems.append(Notice("audit.archive_altered", where))
    problems += [
        Notice("audit.archive_unbound", {"count": len(group), "event": group[0].original_id})
        for restore_hash, group in groups.items()
        if restore_hash not in bound
    ]
    return sum(len(group) for group in groups.values()), problems


def _group_problem(group: list[AuditArchive], key: bytes | None, after: str) -> Notice | None:
    expected_prev, keyed = after, False
    for row in group:
        fields = (row.original_id, row.at, row.actor, row.terminal, row.action, row.target, row.details)
        problem = check_event(
            key=key,
            keyed_before=keyed,
            expected_prev=expected_prev,
            fields=(*fields, row.prev_hash, row.hash, row.scheme),
        )
        if problem is not None:
            return problem
        keyed, expected_prev = keyed or row.scheme == KEYED, row.hash
    return None
