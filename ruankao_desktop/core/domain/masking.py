"""The one place that masks ID numbers, names and phone numbers for display (docs/domain.md "Names and
privacy").

Each surface (staff screens, the kiosk, printed copies, exports) has a policy; the defaults below can be
overridden from the configuration file (`core.config`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MASK_CHAR = "*"
NAME_SEPARATOR = "\u00b7"
_POLICY_SPEC = re.compile(r"(\d+)\+(\d+)")


class Surface(StrEnum):
    STAFF = "staff"
    KIOSK = "kiosk"
    PRINT = "print"
    EXPORT = "export"


@dataclass(frozen=True)
class MaskPolicy:
    """How much of an identifier stays visible: the first `id_head` and last `id_tail` characters.

    `mask_names` hides all but the first character of a name (张伟 → 张*), for screens strangers can see.
    """

    id_head: int
    id_tail: int
    mask_names: bool = False

    @classmethod
    def parse(cls, spec: str, *, mask_names: bool = False) -> MaskPolicy:
        """A policy from the configuration's "HEAD+TAIL" notation, e.g. "6+4" for 前6后4."""
        match = _POLICY_SPEC.fullmatch(spec.strip())
        if match is None:
            raise ValueError(f"mask policy must look like 6+4, got {spec!r}")
        return cls(int(match[1]), int(match[2]), mask_names)


STAFF_POLICY = MaskPolicy(6, 4)
DEFAULT_POLICIES: dict[Surface, MaskPolicy] = {
    Surface.STAFF: STAFF_POLICY,
    Surface.KIOSK: MaskPolicy(3, 2, mask_names=True),
    Surface.PRINT: STAFF_POLICY,
    Surface.EXPORT: STAFF_POLICY,
}


def mask_id(value: str, policy: MaskPolicy) -> str:
    """`110105199003071239` → `110105********1239` under 前6后4.

    At least eight characters, or half of a short identifier, stay hidden whatever the policy says, so
    that a passport number is never shown whole.
    """
    head, tail = policy.id_head, policy.id_tail
    budget = max(len(value) - 8, len(value) // 2)
    if head + tail > budget:
        tail = min(tail, budget // 2)
        head = min(head, budget - tail)
    return value[:head] + MASK_CHAR * (len(value) - head - tail) + value[len(value) - tail :]


_ID_LIKE = re.compile(r"(?<![0-9])(?:\d{17}[\dXx]|\d{15})(?![0-9])")


def redact_ids(text: str) -> str:
    """Free text with anything shaped like a resident ID number masked (前6后4): a safety net for logs
    and for reasons people type."""
    return _ID_LIKE.sub(lambda match: mask_id(match.group(0), STAFF_POLICY), text)


def stated_text(text: str) -> str:
    """Text a person typed to be kept (a reason, an announcement): trimmed, each run of whitespace one
    space, anything shaped like an ID number masked (`redact_ids`) — what the audit trail and the kiosk
    may hold."""
    return redact_ids(" ".join(text.split()))


def mask_name(name: str, policy: MaskPolicy) -> str:
    """`张伟` → `张*`, `欧阳娜娜` → `欧***`; the separator of minority names stays visible."""
    if not policy.mask_names or len(name) <= 1:
        return name
    return name[0] + "".join(c if c == NAME_SEPARATOR else MASK_CHAR for c in name[1:])


PHONE_HEAD, PHONE_TAIL, PHONE_HIDDEN = 3, 4, 4
PHONE_SHORT = 7  # a number this short or shorter is hidden whole: any digit shown would be too many


def mask_phone(phone: str) -> str:
    """`13800138000` → `138****8000`. At least four digits stay hidden, so a landline loses its head
    first (`62345678` → `****5678`); a number of seven digits or fewer is hidden whole."""
    phone = "".join(phone.split())
    if len(phone) <= PHONE_SHORT:
        return MASK_CHAR * len(phone)
    tail = PHONE_TAIL
    head = min(PHONE_HEAD, len(phone) - PHONE_HIDDEN - tail)
    return phone[:head] + MASK_CHAR * (len(phone) - head - tail) + phone[len(phone) - tail :]
