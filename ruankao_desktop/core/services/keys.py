"""The keys whose copies this desk accepts: listing them with their fingerprints, exporting this centre's
public key, and trusting, renaming and no longer trusting another centre's key. Each change to the trust
list leaves an audit event (`keys.import`, `keys.rename`, `keys.remove`), written in the transaction that
makes the change; if that transaction does not commit, the key files are put back as they were."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf.signing import KeyStore, TrustedKey
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.printing import key_store
from ruankao_desktop.core.store.database import write_transaction


@dataclass(frozen=True)
class KeyInfo:
    """One key as the list shows it."""

    key_id: str
    name: str
    fingerprint: str
    own: bool

    def label(self, lang: Language = "zh") -> str:
        return render("keys.own", lang) if self.own else self.name


@dataclass(frozen=True)
class KeyChange:
    """The key a change was about, under the name it now has (or had, once removed)."""

    key_id: str
    name: str
    changed: Changed


class KeyService:
    def __init__(self, keys: KeyStore | None = None) -> None:
        self._keys = keys or key_store()

    def list(self) -> list[KeyInfo]:
        """This centre's key first, then the trusted ones by name."""
        keys = sorted(self._keys.trusted().values(), key=lambda k: (not k.own, k.name, k.key_id))
        return [KeyInfo(k.key_id, k.name, k.fingerprint, k.own) for k in keys]

    def export_public(self, target: Path) -> str:
        return self._keys.export_public(target)

    def import_key(self, source: Path, *, name: str, actor: audit.Actor) -> KeyChange:
        key = self._keys.prepare_import(source, name=name)
        self._recorded(
            actor,
            "keys.import",
            key,
            {"name": key.name, "fingerprint": key.fingerprint, "file": source.name},
            change=lambda: self._keys.add(key),
            undo=lambda: self._keys.remove(key.key_id),
        )
        return KeyChange(key.key_id, key.name, Changed.of(ChangeKind.KEYS, actor))

    def rename(self, key_id: str, *, name: str, actor: audit.Actor) -> KeyChange:
        key = self._keys.foreign(key_id)
        label = self._keys.checked_name(key.key_id, name)
        self._recorded(
            actor,
            "keys.rename",
            key,
            {"from": key.name, "to": label},
            change=lambda: self._keys.rename(key.key_id, name=label),
            undo=lambda: self._keys.rename(key.key_id, name=key.name),
        )
        return KeyChange(key.key_id, label, Changed.of(ChangeKind.KEYS, actor))

    def remove(self, key_id: str, *, actor: audit.Actor) -> KeyChange:
        key = self._keys.foreign(key_id)
        self._recorded(
            actor,
            "keys.remove",
            key,
            {"name": key.name, "fingerprint": key.fingerprint},
            change=lambda: self._keys.remove(key.key_id),
            undo=lambda: self._keys.add(key),
        )
        return KeyChange(key.key_id, key.name, Changed.of(ChangeKind.KEYS, actor))

    @staticmethod
    def _recorded(
        actor: audit.Actor,
        action: str,
        key: TrustedKey,
        details: dict[str, str],
        *,
        change: Callable[[], None],
        undo: Callable[[], None],
    ) -> None:
        """The audit event first, the files last: a refused write changes no file; a transaction that
        fails to commit after the files changed has them put back."""
        changed = False
        try:
            with write_transaction():
                audit.record(actor, action, f"key:{key.key_id}", details)
                change()
                changed = True
        except BaseException:
            if changed:
                undo()
            raise
