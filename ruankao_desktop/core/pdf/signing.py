"""Signing the payload of a certificate copy's QR code (Ed25519, `cryptography`), and the keys.

Each installation creates its own signing key on first use, in the data folder (never in the repository).
The public keys of other centres whose copies this desk should accept are PEM files in `keys/trusted/`;
the administrator exports this centre's key and imports the others' (`ruankao-desktop keys …`).

The QR text is `RKV1.<fields>.<check>.<signature>` (base64url): `fields` is compact JSON; `check` is the
first 8 bytes of SHA-256 of fields and signature, unsigned. It lets a reader tell a copy whose text was
altered after it was printed (any changed character breaks the check: tampered) from one that is
internally consistent but carries no genuine signature of the key it names (forged).

The centre's own key cannot be impersonated: its label (本考点, "this centre") is reserved, and importing
its own public key, a key already trusted or a name another key carries is refused. Writing the files is
all this module does; `core/services/keys.py` records each change in the audit trail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render

PREFIX = "RKV1"
_LOCK = threading.Lock()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _digest(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 8 bytes of SHA-256 of its raw bytes, in hex."""
    return _digest(public_key)[:16]


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """The whole SHA-256 of the raw public key, in groups of four, to compare with the other centre by
    telephone before trusting its key; it starts with the key id."""
    digest = _digest(public_key)
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def _comparable(name: str) -> str:
    """A name as two people would read it: full-width folded, case and punctuation ignored."""
    return "".join(c for c in unicodedata.normalize("NFKC", name).casefold() if c.isalnum())


RESERVED_NAMES = frozenset(_comparable(render("keys.own", lang)) for lang in ("zh", "en"))


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    name: str
    public_key: Ed25519PublicKey
    own: bool = False

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def public_pem(self) -> bytes:
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


class KeyStore:
    """This installation's signing key and the public keys it trusts, in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._private: Ed25519PrivateKey | None = None

    @property
    def private_file(self) -> Path:
        return self.folder / "signing-key.pem"

    @property
    def trusted_folder(self) -> Path:
        return self.folder / "trusted"

    def signing_key(self) -> Ed25519PrivateKey:
        """The centre's key, created (mode 0600) the first time it is needed."""
        with _LOCK:
            if self._private is None:
                if not self.private_file.exists():
                    self.folder.mkdir(parents=True, exist_ok=True)
                    key = Ed25519PrivateKey.generate()
                    pem = key.private_bytes(
                        serialization.Encoding.PEM,
                        serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption(),
                    )
                    descriptor = os.open(self.private_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                    with os.fdopen(descriptor, "wb") as handle:
                        handle.write(pem)
                loaded = serialization.load_pem_private_key(self.private_file.read_bytes(), password=None)
                if not isinstance(loaded, Ed25519PrivateKey):
                    raise KnownError("keys.bad_file", path=str(self.private_file))
                self._private = loaded
            return self._private

    def own_key_id(self) -> str:
        return key_id(self.signing_key().public_key())

    def export_public(self, target: Path) -> str:
        """Write this centre's public key to `target` (PEM) for other centres to import; returns its id."""
        if target.exists():
            raise KnownError("keys.target_exists", path=str(target))
        public = self.signing_key().public_key()
        target.write_bytes(
            public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
        return key_id(public)

    def import_public(self, source: Path, *, name: str) -> str:
        """Trust the centre whose public key is in `source` (PEM); returns its id."""
        key = self.prepare_import(source, name=name)
        self.add(key)
        return key.key_id

    def prepare_import(self, source: Path, *, name: str) -> TrustedKey:
        """The key in `source` under the label `name`, checked but not yet trusted: a bad file, this
        centre's own key, a key already trusted and a reserved or taken name are refused."""
        try:
            public = serialization.load_pem_public_key(source.read_bytes())
        except (OSError, ValueError) as exc:
            raise KnownError("keys.bad_file", path=str(source)) from exc
        if not isinstance(public, Ed25519PublicKey):
            raise KnownError("keys.bad_file", path=str(source))
        identifier = key_id(public)
        trusted = self.trusted()
        known = trusted.get(identifier)
        if known is not None and known.own:
            raise KnownError("keys.own_key", path=str(source))
        if known is not None:
            raise KnownError("keys.already_trusted", key_id=identifier, name=known.name)
        return TrustedKey(identifier, self._label(name, trusted, identifier), public)

    def add(self, key: TrustedKey) -> None:
        """Trust `key`. Its name is written before the key itself: a key file is what makes it trusted."""
        self.trusted_folder.mkdir(parents=True, exist_ok=True)
        (self.trusted_folder / f"{key.key_id}.name").write_text(key.name, encoding="utf-8")
        (self.trusted_folder / f"{key.key_id}.pem").write_bytes(key.public_pem)

    def foreign(self, identifier: str) -> TrustedKey:
        """The trusted key `identifier` of another centre; this centre's own key and unknown ids are
        refused."""
        identifier = identifier.strip().lower()
        key = self.trusted().get(identifier)
        if key is None:
            raise KnownError("keys.unknown", key_id=identifier)
        if key.own:
            raise KnownError("keys.own_key_fixed", key_id=identifier)
        return key

    def checked_name(self, identifier: str, name: str) -> str:
        """The label `name` would be stored under for the key `identifier`, refused if reserved or taken."""
        return self._label(name, self.trusted(), identifier)

    def rename(self, identifier: str, *, name: str) -> None:
        (self.trusted_folder / f"{identifier}.name").write_text(name, encoding="utf-8")

    def remove(self, identifier: str) -> None:
        """Stop trusting `identifier`: the key file goes first, so a half-done removal trusts nothing."""
        (self.trusted_folder / f"{identifier}.pem").unlink(missing_ok=True)
        (self.trusted_folder / f"{identifier}.name").unlink(missing_ok=True)

    @staticmethod
    def _label(name: str, trusted: dict[str, TrustedKey], identifier: str) -> str:
        label = "".join(c for c in name.strip() if c.isalnum() or c in "-_")
        if not _comparable(label):
            raise KnownError("keys.bad_name", name=name)
        if _comparable(label) in RESERVED_NAMES:
            raise KnownError("keys.reserved_name", name=name)
        for other in trusted.values():
            if other.key_id != identifier and not other.own and _comparable(other.name) == _comparable(label):
                raise KnownError("keys.name_taken", name=name, key_id=other.key_id)
        return label

    def trusted(self) -> dict[str, TrustedKey]:
        """Every key whose signatures this desk accepts, by id; its own key included."""
        own = self.signing_key().public_key()
        keys = {key_id(own): TrustedKey(key_id(own), "this centre", own, own=True)}
        if self.trusted_folder.is_dir():
            for pem in sorted(self.trusted_folder.glob("*.pem")):
                try:
                    public = serialization.load_pem_public_key(pem.read_bytes())
                except (OSError, ValueError) as exc:
                    raise KnownError("keys.bad_file", path=str(pem)) from exc
                if isinstance(public, Ed25519PublicKey) and key_id(public) not in keys:
                    label_file = pem.with_suffix(".name")
                    name = label_file.read_text(encoding="utf-8") if label_file.exists() else pem.stem
                    keys[key_id(public)] = TrustedKey(key_id(public), name, public)
        return keys


def encode_fields(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def sign_payload(fields: dict[str, Any], key: Ed25519PrivateKey) -> str:
    """The QR text for `fields` (which must name the signing key as `k`)."""
    body = encode_fields(fields)
    signature = key.sign(body)
    check = hashlib.sha256(body + signature).digest()[:8]
    return ".".join((PREFIX, _b64(body), _b64(check), _b64(signature)))


@dataclass(frozen=True)
class OpenedPayload:
    """A QR text taken apart: its fields and what the signature check found."""

    fields: dict[str, Any]
    consistent: bool  # the unsigned check still matches (False: the text was altered after printing)
    signature_valid: bool | None  # None: the key it names is not trusted here
    trusted_key: TrustedKey | None


class NotAPayload(ValueError):
    """The text is not a copy's QR content at all."""


def open_payload(text: str, trusted: dict[str, TrustedKey]) -> OpenedPayload:
    """Take a QR text apart. Raises `NotAPayload` only when it does not have the shape of one; a text
    of the right shape whose parts no longer decode was damaged or altered and comes back inconsistent."""
    parts = text.strip().split(".")
    if len(parts) != 4 or parts[0] != PREFIX:
        raise NotAPayload(text[:20])
    try:
        body, check, signature = (_unb64(part) for part in parts[1:])
        fields = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return OpenedPayload({}, False, None, None)
    # A changed last character can leave the decoded bytes as they were (base64's spare bits): the text
    # must be exactly what was printed, so anything but the canonical encoding counts as altered.
    canonical = [_b64(body), _b64(check), _b64(signature)] == parts[1:]
    if not isinstance(fields, dict):
        return OpenedPayload({}, False, None, None)
    consistent = canonical and hashlib.sha256(body + signature).digest()[:8] == check
    key = trusted.get(str(fields.get("k", "")))
    if key is None:
        return OpenedPayload(fields, consistent, None, None)
    try:
        key.public_key.verify(signature, body)
    except InvalidSignature:
        return OpenedPayload(fields, consistent, False, key)
    return OpenedPayload(fields, consistent, True, key)
