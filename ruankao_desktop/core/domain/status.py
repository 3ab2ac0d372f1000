"""Certificate states (docs/domain.md "Certificate states"), derived from facts rather than stored, with
their plain words.

Which state wins when several facts hold: a revoked certificate is revoked whatever else is true; one
that was reissued points to its successor; a running reissue comes next; then an expired term (the
candidate must renew, even if they hold the paper); then where the paper is; then whether it arrived.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from ruankao_desktop.core.messages import Language, render


class HandoverMethod(StrEnum):
    SELF = "self"  # 本人
    PROXY = "proxy"  # 代领
    UNIT = "unit"  # 单位代领
    MAIL = "mail"  # 邮寄

    def text(self, lang: Language = "zh") -> str:
        return render(f"handover.method.{self.value}", lang)


class CertificateState(StrEnum):
    NOT_ARRIVED = "not_arrived"
    AWAITING_PICKUP = "awaiting_pickup"
    COLLECTED = "collected"
    COLLECTED_BY_PROXY = "collected_by_proxy"
    MAILED = "mailed"
    OVERDUE = "overdue"
    REISSUE_IN_PROGRESS = "reissue_in_progress"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"
    EXPIRED = "expired"

    def text(self, lang: Language = "zh") -> str:
        return render(f"state.{self.value}", lang)

    def explanation(self, lang: Language = "zh", **params: Any) -> str:
        return render(f"state.{self.value}.explain", lang, **params)

    def next_step(self, lang: Language = "zh", **params: Any) -> str:
        return render(f"state.{self.value}.next", lang, **params)


_HANDED_OVER = {
    HandoverMethod.SELF: CertificateState.COLLECTED,
    HandoverMethod.PROXY: CertificateState.COLLECTED_BY_PROXY,
    HandoverMethod.UNIT: CertificateState.COLLECTED_BY_PROXY,
    HandoverMethod.MAIL: CertificateState.MAILED,
}


class CertificateFacts(NamedTuple):
    """What the records say about one certificate, as far as its state is concerned (a named tuple, not a
    dataclass: one is made for every row a search shows, and a frozen dataclass takes four times as long
    to make)."""

    arrived: bool
    handover: HandoverMethod | None = None
    pickup_deadline: date | None = None
    revoked: bool = False
    superseded: bool = False
    reissue_pending: bool = False
    valid_until: date | None = None


def derive_state(facts: CertificateFacts, today: date) -> CertificateState:
    if facts.revoked:
        return CertificateState.REVOKED
    if facts.superseded:
        return CertificateState.SUPERSEDED
    if facts.reissue_pending:
        return CertificateState.REISSUE_IN_PROGRESS
    if facts.valid_until is not None and today > facts.valid_until:
        return CertificateState.EXPIRED
    if facts.handover is not None:
        return _HANDED_OVER[facts.handover]
    if not facts.arrived:
        return CertificateState.NOT_ARRIVED
    if facts.pickup_deadline is not None and today > facts.pickup_deadline:
        return CertificateState.OVERDUE
    return CertificateState.AWAITING_PICKUP
