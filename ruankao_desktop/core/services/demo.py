"""`demo seed`: fill an empty database with realistic certificates in every state, deterministic per seed.

Everything random comes from one `random.Random(seed)`; dates derive from the seed's sessions, not from
the clock, so the same seed gives the same rows on any day (only the audit event carries today's time).
Rows go in with prepared `executemany` statements inside one transaction: a failure leaves nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from ruankao_desktop.core.domain.ids import IdType
from ruankao_desktop.core.domain.names import pinyin_keys
from ruankao_desktop.core.domain.status import HandoverMethod
from ruankao_desktop.core.errors import KnownError, UsageError
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.changes import Changed, ChangeKind
from ruankao_desktop.core.services.demo_people import PeopleFactory, Person
from ruankao_desktop.core.services.demo_rows import (
    CertificateRow,
    DistributionRow,
    HolderRow,
    IdentityRow,
    RowWriter,
    SessionRow,
)
from ruankao_desktop.core.store import search_index
from ruankao_desktop.core.store.database import (
    bulk_insert,
    db,
    refresh_statistics,
    reset_sequences,
    write_transaction,
)
from ruankao_desktop.core.store.models import Certificate, ExamSession, Holder, Qualification

ISSUER = "人力资源和社会保障部、工业和信息化部"
FIRST_YEAR = 2015
# The brief's "valid for 3 years", applied in the demo to one qualification so that 已过期 can be seen;
# real databases keep the catalogue's long-term default (docs/domain.md "Validity").
DEMO_TERM_QUALIFICATION = "it_support_engineer"
DEMO_TERM_YEARS = 3
PROGRESS_STEP = 10_000
# The first holder is always this person, so that the README's examples find something in a demo database.
SHOWCASE = Person(
    name="张伟",
    id_type=IdType.RESIDENT,
    id_number="110105199003071239",
    birth_date=date(1990, 3, 7),
    gender="M",
    phone="13800138000",
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SeedReport:
    certificates: int
    holders: int
    sessions: int
    distributions: int
    identities: int
    changed: Changed = field(compare=False)

    def counts(self) -> dict[str, int]:
        return {name: value for name, value in asdict(self).items() if isinstance(value, int)}


@dataclass(frozen=True)
class _Session:
    id: int
    code: str
    name: str
    exam_date: date
    results_date: date
    expected_arrival: date
    actual_arrival: date | None
    pickup_deadline: date | None


def _sessions(today: date) -> list[_Session]:
    """Two sittings a year from FIRST_YEAR up to the latest one held before `today`."""
    sessions: list[_Session] = []
    for year in range(FIRST_YEAR, today.year + 1):
        for half, exam_date in ((1, date(year, 5, 20)), (2, date(year, 11, 5))):
            if exam_date > today:
                continue
            # Results some six weeks after the exam, certificates some seven months after it; a centre
            # keeps them for collection for about ten months.
            results = exam_date + timedelta(days=40)
            expected = exam_date + timedelta(days=200)
            arrived = expected + timedelta(days=5) if expected + timedelta(days=5) <= today else None
            deadline = arrived + timedelta(days=300) if arrived else None
            code = f"{year}H{half}"
            name = f"{year}年{'上' if half == 1 else '下'}半年"
            sessions.append(
                _Session(
                    id=len(sessions) + 1,
                    code=code,
                    name=name,
                    exam_date=exam_date,
                    results_date=results,
                    expected_arrival=expected,
                    actual_arrival=arrived,
                    pickup_deadline=deadline,
                )
            )
    return sessions


def _session_notes(session: _Session) -> str:
    if session.actual_arrival is None:
        return f"{session.name}证书预计 {session.expected_arrival:%Y年%m月} 到达本考点，届时另行通知。"
    return (
        f"{session.name}证书已于 {session.actual_arrival:%Y年%m月%d日} 到达，"
        f"请于 {session.pickup_deadline:%Y年%m月%d日} 前领取。"
    )


def _stamp(day: date, hour: int = 9) -> str:
    return datetime(day.year, day.month, day.day, hour).isoformat(sep=" ")


def _arrival(certificate_id: int, day: date) -> DistributionRow:
    return DistributionRow(
        certificate_id=certificate_id,
        event="arrival",
        method=None,
        recipient_name=None,
        recipient_id_number=None,
        address=None,
        tracking_no=None,
        operator="demo",
        terminal="demo",
        at=_stamp(day),
    )


class DemoSeeder:
    def __init__(self, *, count: int, seed: int, today: date) -> None:
        if count < 1:
            raise UsageError("demo.bad_count")
        self._count = count
        self._rng = random.Random(seed)
        self._people = PeopleFactory(self._rng)
        self._today = today
        self._sessions = _sessions(today)
        arrived = [s for s in self._sessions if s.actual_arrival is not None]
        self._latest_arrived = arrived[-1] if arrived else None
        self._writer = RowWriter()
        self._serials: dict[tuple[str, str], int] = {}

    def run(self, actor: audit.Actor, progress: Progress | None = None) -> SeedReport:
        existing = Certificate.select().count()
        if existing or Holder.select().exists() or ExamSession.select().exists():
            raise KnownError("demo.not_empty", count=existing)
        qualifications = list(Qualification.select().where(Qualification.successor.is_null()))
        with write_transaction() as database:
            Qualification.update(validity_years=DEMO_TERM_YEARS).where(
                Qualification.code == DEMO_TERM_QUALIFICATION
            ).execute()
            self._write_sessions()
            self._write_certificates(qualifications, progress)
            search_index.rebuild(database)
            reset_sequences(database, ("holder", "certificate", "exam_session"))
            report = SeedReport(
                certificates=self._writer.counts[CertificateRow],
                holders=self._writer.counts[HolderRow],
                sessions=len(self._sessions),
                distributions=self._writer.counts[DistributionRow],
                identities=self._writer.counts[IdentityRow],
                changed=Changed.of(ChangeKind.SEED, actor, everything=True),
            )
            audit.record(actor, "demo.seed", "database", report.counts())
        refresh_statistics()
        return report

    def _write_sessions(self) -> None:
        rows = [
            SessionRow(
                id=s.id,
                code=s.code,
                name=s.name,
                exam_date=s.exam_date.isoformat(),
                results_date=s.results_date.isoformat(),
                expected_arrival=s.expected_arrival.isoformat(),
                actual_arrival=s.actual_arrival.isoformat() if s.actual_arrival else None,
                pickup_deadline=s.pickup_deadline.isoformat() if s.pickup_deadline else None,
                notes=_session_notes(s),
            )
            for s in self._sessions
        ]
        bulk_insert(db.obj, "exam_session", SessionRow._fields, rows)

    def _write_certificates(self, qualifications: list[Qualification], progress: Progress | None) -> None:
        rng = self._rng
        # Recent sessions are larger; a session whose results are not out yet has no certificates.
        weights = [
            (1.0 + 0.08 * index) if session.results_date <= self._today else 0.0
            for index, session in enumerate(self._sessions)
        ]
        holders: list[tuple[int, Person]] = []
        certificate_id = 0
        while certificate_id < self._count:
            if holders and rng.random() < 0.15:
                holder_id, person = rng.choice(holders)  # a second qualification for the same person
            else:
                person = self._people.person() if holders else self._people.reserve(SHOWCASE)
                holder_id = len(holders) + 1
                holders.append((holder_id, person))
                self._add_holder(holder_id, person)
            session = rng.choices(self._sessions, weights)[0]
            qualification = rng.choice(qualifications)
            certificate_id += 1
            reissued = self._add_certificate(certificate_id, holder_id, session, qualification)
            if reissued and session.actual_arrival and certificate_id < self._count:
                certificate_id += 1
                self._add_reissue(certificate_id, holder_id, session, session.actual_arrival, qualification)
            if certificate_id % PROGRESS_STEP == 0 or certificate_id >= self._count:
                self._writer.flush()
                if progress:
                    progress(min(certificate_id, self._count), self._count)
        self._writer.flush()

    def _add_holder(self, holder_id: int, person: Person) -> None:
        full, initials = pinyin_keys(person.name)
        created = _stamp(self._sessions[0].exam_date)
        self._writer.add(
            HolderRow(
                id=holder_id,
                name=person.name,
                id_type=person.id_type.value,
                id_number=person.id_number,
                birth_date=person.birth_date.isoformat() if person.birth_date else None,
                gender=person.gender,
                phone=person.phone,
                name_pinyin=full,
                name_initials=initials,
                id_tail=person.id_number[-4:],
                created_at=created,
            )
        )
        roll = self._rng.random()
        if roll < 0.01:
            former = self._people.chinese_name()
            self._writer.add(
                IdentityRow(
                    holder_id=holder_id,
                    kind="name",
                    value=former,
                    id_type=None,
                    id_tail=None,
                    recorded_at=created,
                    note="曾用名",
                )
            )
        elif roll < 0.015 and person.birth_date:
            former_id = self._people.resident_id(born=person.birth_date, gender=person.gender)
            self._writer.add(
                IdentityRow(
                    holder_id=holder_id,
                    kind="id_number",
                    value=former_id,
                    id_type=IdType.RESIDENT.value,
                    id_tail=former_id[-4:],
                    recorded_at=created,
                    note="户籍迁移前的号码",
                )
            )

    def _serial(self, session: _Session, prefix: str) -> int:
        key = (session.code, prefix)
        self._serials[key] = self._serials.get(key, 0) + 1
        return self._serials[key]

    def _numbers(self, session: _Session, qualification: Qualification, prefix: str) -> tuple[str, str]:
        level = {"junior": 1, "intermediate": 2, "senior": 3}[qualification.level]
        serial = self._serial(session, prefix)
        half = session.code[-1]
        cert_no = f"{prefix}{session.code[2:4]}{half}{level}{serial:07d}"
        management_no = f"{session.code[:4]}{half}{level}{'1' if prefix == 'C' else '2'}{serial:09d}"
        return cert_no, management_no

    def _add_certificate(
        self, certificate_id: int, holder_id: int, session: _Session, qualification: Qualification
    ) -> bool:
        """One certificate with its distribution history; True when it gets a reissued successor."""
        rng = self._rng
        cert_no, management_no = self._numbers(session, qualification, "C")
        approved = session.results_date + timedelta(days=30)
        arrived = session.actual_arrival
        handover: str | None = None
        revoked_at = reason = None
        reissue_pending = False
        reissued = False
        if arrived is not None:
            self._writer.add(_arrival(certificate_id, arrived))
            latest = session is self._latest_arrived
            roll = rng.random()
            if roll < 0.004:
                revoked_at, reason = _stamp(arrived + timedelta(days=200)), "考试违纪，成绩无效"
            elif roll < 0.012 and not latest:
                reissued = True
                handover = HandoverMethod.SELF.value
            elif roll < 0.018:
                reissue_pending = True
                handover = HandoverMethod.SELF.value
            elif roll < (0.45 if latest else 0.88):
                handover = rng.choices(
                    [HandoverMethod.SELF, HandoverMethod.PROXY, HandoverMethod.MAIL], [0.75, 0.13, 0.12]
                )[0].value
            if handover is not None:
                picked_up = arrived + timedelta(days=rng.randrange(1, 60))
                self._add_handover(certificate_id, HandoverMethod(handover), picked_up)
        created = _stamp(approved)
        self._writer.add(
            CertificateRow(
                id=certificate_id,
                cert_no=cert_no,
                management_no=management_no,
                qualification_id=qualification.id,
                session_id=session.id,
                holder_id=holder_id,
                approved_on=approved.isoformat(),
                issuer=ISSUER,
                arrived_on=arrived.isoformat() if arrived else None,
                handover=handover,
                reissue_pending=reissue_pending,
                revoked_at=revoked_at,
                revocation_reason=reason,
                supersedes_id=None,
                version=1,
                created_at=created,
                updated_at=created,
            )
        )
        return reissued

    def _add_reissue(
        self,
        certificate_id: int,
        holder_id: int,
        session: _Session,
        first_arrival: date,
        qualification: Qualification,
    ) -> None:
        """A 补发 certificate superseding the one written just before it; arrived later, maybe collected."""
        cert_no, management_no = self._numbers(session, qualification, "B")
        arrived = first_arrival + timedelta(days=300)
        approved = arrived - timedelta(days=60)
        handover = None
        self._writer.add(_arrival(certificate_id, arrived))
        if arrived + timedelta(days=30) < self._today and self._rng.random() < 0.7:
            handover = HandoverMethod.SELF.value
            self._add_handover(certificate_id, HandoverMethod.SELF, arrived + timedelta(days=30))
        created = _stamp(approved)
        self._writer.add(
            CertificateRow(
                id=certificate_id,
                cert_no=cert_no,
                management_no=management_no,
                qualification_id=qualification.id,
                session_id=session.id,
                holder_id=holder_id,
                approved_on=approved.isoformat(),
                issuer=ISSUER,
                arrived_on=arrived.isoformat(),
                handover=handover,
                reissue_pending=False,
                revoked_at=None,
                revocation_reason=None,
                supersedes_id=certificate_id - 1,
                version=1,
                created_at=created,
                updated_at=created,
            )
        )

    def _add_handover(self, certificate_id: int, method: HandoverMethod, day: date) -> None:
        name = id_number = address = tracking = courier = phone = None
        if method is HandoverMethod.PROXY:
            name = self._people.chinese_name()
            id_number = self._people.resident_id()
        elif method is HandoverMethod.MAIL:
            district = self._rng.choice(("北京市海淀区", "上海市浦东新区", "广州市天河区", "成都市武侯区"))
            address = f"{district}{self._rng.randrange(1, 300)}号"
            tracking = f"SF{self._rng.randrange(10**12):012d}"
            courier, phone = "顺丰速运", f"139{tracking[-8:]}"  # no draw: the seed stays the same
        self._writer.add(
            DistributionRow(
                certificate_id=certificate_id,
                event="handover",
                method=method.value,
                recipient_name=name,
                recipient_id_number=id_number,
                address=address,
                tracking_no=tracking,
                operator="demo",
                terminal="demo",
                at=_stamp(day, 10),
                courier=courier,
                phone=phone,
            )
        )
