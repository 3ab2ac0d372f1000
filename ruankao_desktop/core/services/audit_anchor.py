"""The audit key and the chain's anchor: what lives outside the database so that a person who can write
the database file alone cannot rewrite the trail (docs/architecture.md "The audit trail").

The key (`keys/audit.key` in the data folder, 32 random bytes in hex, mode 0600) is created the first
time an event is recorded. The anchor (`audit/<database id>.anchor.json`) holds two heads of the chain,
each its count, last id, last hash and time, signed with the key: `floor`, a head known to be committed,
and `head`, the head after the newest event recorded, which may still be inside a transaction that has
not committed. A backup carries the same file beside it (`<backup>.anchor.json`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ruankao_desktop.core.config import data_dir
from ruankao_desktop.core.errors import KnownError

_KEY_BYTES = 32
_LOCK = threading.Lock()


def key_file() -> Path:
    return data_dir() / "keys" / "audit.key"


def anchor_file(database_id: str) -> Path:
    return data_dir() / "audit" / f"{database_id}.anchor.json"


def sidecar_file(backup: Path) -> Path:
    """The anchor a backup carries beside it."""
    return backup.with_name(f"{backup.name}.anchor.json")


def load_key() -> bytes | None:
    """The audit key, or None when this data folder has none."""
    path = key_file()
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise KnownError("audit.key_unreadable", path=str(path)) from exc


def create_key() -> bytes:
    """A new audit key, written once (mode 0600); an existing one is never replaced."""
    path = key_file()
    with _LOCK:
        existing = load_key()
        if existing is not None:
            return existing
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(_KEY_BYTES)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(key.hex())
        return key


def event_mac(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Head:
    """Where the chain ends: how many events, the last one's id, hash and time (ISO text)."""

    count: int
    last_id: int
    last_hash: str
    at: str


EMPTY = Head(0, 0, "", "")


@dataclass(frozen=True)
class Anchor:
    database_id: str
    floor: Head
    head: Head

    def _signed_text(self) -> bytes:
        body = {"database_id": self.database_id, "floor": asdict(self.floor), "head": asdict(self.head)}
        return b"anchor\n" + json.dumps(body, sort_keys=True).encode("utf-8")

    def to_json(self, key: bytes) -> str:
        body: dict[str, Any] = {
            "database_id": self.database_id,
            "floor": asdict(self.floor),
            "head": asdict(self.head),
            "mac": event_mac(key, self._signed_text()),
        }
        return json.dumps(body, indent=2)


class AnchorInvalid(Exception):
    """The anchor file exists but is not one this key signed."""


def read_anchor(path: Path, key: bytes) -> Anchor | None:
    """The anchor in `path`, None when there is none; `AnchorInvalid` when it is not signed by `key`."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        anchor = Anchor(str(raw["database_id"]), Head(**raw["floor"]), Head(**raw["head"]))
        mac = str(raw["mac"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnchorInvalid(str(path)) from exc
    if not hmac.compare_digest(mac, event_mac(key, anchor._signed_text())):
        raise AnchorInvalid(str(path))
    return anchor


def write_anchor(path: Path, anchor: Anchor, key: bytes) -> None:
    """Replace the anchor at once (a reader sees the old file or the new, never half of one). Not synced
    to disk: after a power cut the anchor may be behind the database, which verification reports as a
    warning, never as tampering."""
    # One temporary file per process and thread: two writers never share one.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    text = anchor.to_json(key)
    try:
        temporary.write_text(text, encoding="utf-8")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
