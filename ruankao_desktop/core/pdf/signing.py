"""Signing the payload of a certificate copy's QR code (Ed25519, `cryptography`), and the keys.

Each installation creates its own signing key on first use, in the data folder (never in the repository).
The public keys of other centres whose copies this desk should accept are PEM files in `keys/trusted/`;
the administrator exports this centre's key and imports the others' (`ruankao-desktop keys …`).

The QR text is `RKV1.<fields>.<check>.<signature>` (base64url): `fields` is compact JSON; `check` is the
first 8 bytes of SHA-256 of fields and signature, unsigned. It lets a reader tell a copy whose text was
altered after it was printed (any changed character breaks the check: tampered) from one that is
internally consistent but carries no genuine signature of the key it names (forged).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ruankao_desktop.core.errors import KnownError

PREFIX = "RKV1"
_LOCK = threading.Lock()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 8 bytes of SHA-256 of its raw bytes, in hex."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    name: str
    public_key: Ed25519PublicKey
    own: bool = False


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
        try:
            public = serialization.load_pem_public_key(source.read_bytes())
        except (OSError, ValueError) as exc:
            raise KnownError("keys.bad_file", path=str(source)) from exc
        if not isinstance(public, Ed25519PublicKey):
            raise KnownError("keys.bad_file", path=str(source))
        identifier = key_id(public)
        self.trusted_folder.mkdir(parents=True, exist_ok=True)
        label = "".join(c for c in name if c.isalnum() or c in "-_") or identifier
        (self.trusted_folder / f"{identifier}.pem").write_bytes(
            public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
        (self.trusted_folder / f"{identifier}.name").write_text(label, encoding="utf-8")
        return identifier

    def trusted(self) -> dict[str, TrustedKey]:
        """Every key whose signatures this desk accepts, by id; its own key included."""
        own = self.signing_key().public_key()
        keys = {key_id(own): TrustedKey(key_id(own), "this centre", own, own=True)}
        if self.trusted_folder.is_dir():
            for pem in sorted(self.trusted_folder.glob("*.pem")):
                public = serialization.load_pem_public_key(pem.read_bytes())
                if isinstance(public, Ed25519PublicKey):
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
