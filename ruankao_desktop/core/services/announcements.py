"""Announcements (通知) the centre shows at the desks, on the kiosk or both, for a span of days —
"2026年上半年证书已到达，请携带身份证原件到2号窗口领取" (docs/domain.md "Announcements"). Adding and
withdrawing one is audited; what is current on a day is read by the surface that shows it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ruankao_desktop.core.domain.masking import stated_text
from ruankao_desktop.core.errors import InvalidInput, KnownError
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import Announcement

MAX_TEXT = 200
MAX_DAYS = 366  # an announcement is for a season, not for ever


class Audience(StrEnum):
    DESK = "desk"
    KIOSK = "kiosk"
    BOTH = "both"


@dataclass(frozen=True)
class Shown:
    id: int
    text: str
    audience: Audience
    starts_on: date
    ends_on: date
    withdrawn: bool


@dataclass(frozen=True)
class Posted:
    shown: Shown
    changed: Changed


class AnnouncementService:
    def __init__(self, *, today: Callable[[], date] = date.today) -> None:
        self._today = today

    def add(
        self, text: str, audience: Audience, starts_on: date, ends_on: date, actor: audit.Actor
    ) -> Posted:
        """A new announcement. Refused: empty or over 200 characters, an end before its start or in the
        past, a span of more than 366 days."""
        text = stated_text(text)
        if not text:
            raise InvalidInput("announcement.empty")
        if len(text) > MAX_TEXT:
            raise InvalidInput("announcement.too_long", limit=MAX_TEXT, length=len(text))
        if ends_on < starts_on:
            raise InvalidInput("announcement.ends_before_start", starts=starts_on, ends=ends_on)
        if ends_on < self._today():
            raise InvalidInput("announcement.ended", ends=ends_on)
        if (ends_on - starts_on).days >= MAX_DAYS:
            raise InvalidInput("announcement.too_long_span", limit=MAX_DAYS)
        with write_transaction():
            made = Announcement.create(
                text=text,
                audience=audience.value,
                starts_on=starts_on,
                ends_on=ends_on,
                created_by=actor.user,
                terminal=actor.terminal,
                created_at=datetime.now(),
            )
            audit.record(
                actor,
                "announcement.add",
                f"announcement:{made.id}",
                {"audience": audience.value, "from": starts_on.isoformat(), "until": ends_on.isoformat()},
            )
        shown = Shown(made.id, text, audience, starts_on, ends_on, withdrawn=False)
        return Posted(shown, Changed.of(ChangeKind.ANNOUNCEMENT, actor))

    def withdraw(self, announcement_id: int, actor: audit.Actor) -> Changed:
        """Stop showing it (it stays in the list, withdrawn)."""
        with write_transaction():
            found = Announcement.get_or_none(Announcement.id == announcement_id)
            if found is None:
                raise KnownError("announcement.missing", id=announcement_id)
            if found.withdrawn_at is not None:
                raise KnownError("announcement.withdrawn_already", id=announcement_id)
            Announcement.update(withdrawn_at=datetime.now()).where(
                Announcement.id == announcement_id
            ).execute()
            audit.record(actor, "announcement.withdraw", f"announcement:{announcement_id}", {})
        return Changed.of(ChangeKind.ANNOUNCEMENT, actor)

    def current(self, audience: Audience) -> list[Shown]:
        """What `audience` (the desk or the kiosk) shows today, newest first."""
        today = self._today()
        shown_to = [audience.value, Audience.BOTH.value]
        query = (
            Announcement.select()
            .where(
                Announcement.audience.in_(shown_to)
                & (Announcement.starts_on <= today)
                & (Announcement.ends_on >= today)
                & Announcement.withdrawn_at.is_null()
            )
            .order_by(Announcement.starts_on.desc(), Announcement.id.desc())
        )
        return [_shown(row) for row in query]

    def listed(self, *, everything: bool = False) -> list[Shown]:
        """Every announcement that is current or still to come (`everything`: past and withdrawn too),
        newest first."""
        query = Announcement.select().order_by(Announcement.starts_on.desc(), Announcement.id.desc())
        if not everything:
            query = query.where((Announcement.ends_on >= self._today()) & Announcement.withdrawn_at.is_null())
        return [_shown(row) for row in query]


def _shown(row: Announcement) -> Shown:
    starts, ends = (date.fromisoformat(str(day)[:10]) for day in (row.starts_on, row.ends_on))
    return Shown(row.id, row.text, Audience(row.audience), starts, ends, row.withdrawn_at is not None)
