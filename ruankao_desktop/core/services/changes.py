"""What a committed write changed, as the operation itself reports it (docs/architecture.md "The change
broadcast").

Every service write returns a `Changed` — on its own, or as the `changed` field of a richer result — and
the window's one background-op helper broadcasts it once the write has committed. Panes decide from it
whether what they show is affected; no pane announces a change by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ruankao_desktop.core.services.audit import Actor


class ChangeKind(StrEnum):
    HANDOVER = "handover"
    ARRIVAL = "arrival"
    SESSION = "session"
    REVOKE = "revoke"
    ANNOUNCEMENT = "announcement"
    ENQUIRY = "enquiry"
    REISSUE_DRAFT = "reissue.draft"
    REISSUE_SUBMIT = "reissue.submit"
    REISSUE_STEP = "reissue.step"  # reviewed, returned, reported, its new certificate
    REVEAL = "reveal"
    PRINT = "print"
    PRINT_OUTPUT = "print.output"
    IMPORT = "import"
    EXPORT = "export"
    LOOKUP = "lookup"
    BACKUP = "backup"
    RESTORE = "restore"
    SEED = "seed"
    KEYS = "keys"
    REINDEX = "reindex"


@dataclass(frozen=True)
class Changed:
    """Which certificates, holders and sessions one write changed, what kind of change it was, and who
    made it. `everything` stands for a change too wide to list (an import, a restore)."""

    kind: ChangeKind
    actor: Actor
    certificates: frozenset[int] = frozenset()
    holders: frozenset[int] = frozenset()
    sessions: frozenset[int] = frozenset()
    everything: bool = False

    @classmethod
    def of(
        cls,
        kind: ChangeKind,
        actor: Actor,
        *,
        certificates: Iterable[int] = (),
        holders: Iterable[int] = (),
        sessions: Iterable[int] = (),
        everything: bool = False,
    ) -> Changed:
        return cls(
            kind,
            actor,
            frozenset(certificates),
            frozenset(holders),
            frozenset(sessions),
            everything,
        )

    def touches_certificate(self, certificate_id: int | None) -> bool:
        return certificate_id is not None and (self.everything or certificate_id in self.certificates)

    @property
    def alters_certificates(self) -> bool:
        """True when what lists show of a certificate (its state, its fields) may now differ; False for
        writes that only add to a certificate's history (a draft, a print, a reveal, a lookup)."""
        return self.kind in _ALTERING


_ALTERING = frozenset(
    {
        ChangeKind.HANDOVER,
        ChangeKind.ARRIVAL,
        ChangeKind.SESSION,
        ChangeKind.REVOKE,
        ChangeKind.REISSUE_SUBMIT,
        ChangeKind.REISSUE_STEP,
        ChangeKind.IMPORT,
        ChangeKind.RESTORE,
        ChangeKind.SEED,
    }
)


def change_of(result: object) -> Changed | None:
    """The change a service call reported: the result itself, or its `changed` field."""
    if isinstance(result, Changed):
        return result
    changed = getattr(result, "changed", None)
    return changed if isinstance(changed, Changed) else None
