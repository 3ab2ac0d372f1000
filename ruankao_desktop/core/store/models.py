"""The current peewee models, bound to the `db` proxy (docs/architecture.md "The data model").

Schema changes never edit a released table here alone: each ships as a numbered migration in
`store/migrations/` holding a frozen copy of what it creates.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from ruankao_desktop.core.store.database import db


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = db
        legacy_table_names = False


class SchemaMigration(BaseModel):
    version = IntegerField(unique=True)
    name = CharField()
    applied_at = DateTimeField()


class Qualification(BaseModel):
    code = CharField(unique=True)
    name = CharField(index=True)
    level = CharField()  # junior / intermediate / senior
    category = CharField()
    successor = ForeignKeyField("self", null=True, backref="predecessors", on_delete="RESTRICT")
    first_year = IntegerField(null=True)
    last_year = IntegerField(null=True)
    validity_years = IntegerField(null=True)  # NULL: long-term
    sort_order = IntegerField(default=0)


class QualificationAlias(BaseModel):
    name = CharField(unique=True)
    qualification = ForeignKeyField(Qualification, backref="aliases", on_delete="CASCADE")
    qualification_id: int  # the foreign key's raw value, set by peewee; declared for type checkers


class ExamSession(BaseModel):
    code = CharField(unique=True)  # 2026H1
    name = CharField()  # 2026年上半年
    exam_date = DateField()
    results_date = DateField(null=True)
    expected_arrival = DateField(null=True)
    actual_arrival = DateField(null=True)
    pickup_deadline = DateField(null=True)
    notes = TextField(default="")


class Holder(BaseModel):
    name = CharField(index=True)
    id_type = CharField()
    id_number = CharField()
    birth_date = DateField(null=True)
    gender = CharField(null=True)
    phone = CharField(null=True)
    name_pinyin = CharField(index=True)
    name_initials = CharField(index=True)
    id_tail = CharField()
    created_at = DateTimeField()

    class Meta:
        indexes = ((("id_number", "id_type"), True), (("id_tail", "id_number"), False))


class HolderIdentity(BaseModel):
    """A former name or ID number of a holder, so that an old identifier still finds them."""

    holder = ForeignKeyField(Holder, backref="identities", on_delete="CASCADE")
    kind = CharField()  # name / id_number
    value = CharField(index=True)
    id_type = CharField(null=True)
    id_tail = CharField(null=True, index=True)  # a former ID number's last four characters
    recorded_at = DateTimeField()
    note = TextField(default="")


class Certificate(BaseModel):
    cert_no = CharField(unique=True)
    management_no = CharField(index=True)
    qualification = ForeignKeyField(Qualification, on_delete="RESTRICT")
    session = ForeignKeyField(ExamSession, on_delete="RESTRICT")
    holder = ForeignKeyField(Holder, backref="certificates", on_delete="RESTRICT", index=False)
    approved_on = DateField(null=True)
    issuer = CharField()
    arrived_on = DateField(null=True)
    handover = CharField(null=True)  # self / proxy / mail, summary of the last Distribution handover
    reissue_pending = BooleanField(default=False)
    revoked_at = DateTimeField(null=True)
    revocation_reason = TextField(null=True)
    supersedes = ForeignKeyField("self", null=True, unique=True, backref="successors", on_delete="RESTRICT")
    version = IntegerField(default=1)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    # The foreign keys' raw values, set by peewee; declared for type checkers.
    holder_id: int
    session_id: int

    class Meta:
        indexes = ((("holder", "session"), False),)  # a holder's certificates with their sessions


class SearchName(Model):
    """A name a certificate can be found by (its holder's, or a former one), once however many have it.
    Kept by `store.search_index` on every write that adds a certificate or changes a holder's name."""

    name = CharField(unique=True)

    class Meta:
        database = db
        legacy_table_names = False


class SearchKey(Model):
    """One search key of a name (`core.domain.search_keys`): what a word typed is looked up in."""

    key = CharField()
    name = ForeignKeyField(SearchName, on_delete="CASCADE")
    name_id: int

    class Meta:
        database = db
        legacy_table_names = False
        primary_key = CompositeKey("key", "name")
        indexes = ((("name", "key"), False),)


class SearchCertificate(Model):
    """A certificate under one of its names, with its session's date and qualification: a name's keys
    lead to its certificates, newest session first, and a filter on session or qualification is tested
    here."""

    name = ForeignKeyField(SearchName, on_delete="CASCADE")
    session_day = DateField()
    certificate = ForeignKeyField(Certificate, on_delete="CASCADE")
    qualification_id = IntegerField()
    several = IntegerField()  # 1 when its holder has a former name: it may have rows under other names
    name_id: int
    certificate_id: int

    class Meta:
        database = db
        legacy_table_names = False
        primary_key = CompositeKey("name", "session_day", "certificate")


class SearchCount(Model):
    """How many certificates of one session a search for a short word alone finds
    (`core.domain.search_keys.counted_words`): the exact total of a surname without counting its hits.
    Kept by `store.search_index` with the keys."""

    word = CharField()
    session_day = DateField()
    n = IntegerField()

    class Meta:
        database = db
        legacy_table_names = False
        primary_key = CompositeKey("word", "session_day")


class HandoverAttachment(BaseModel):
    """A scanned 委托书 or unit letter kept with its handover (docs/domain.md "Handing certificates over"):
    in the database, so that every desk of a centre sees it, with the SHA-256 of its bytes."""

    file_name = CharField()
    media_type = CharField()  # application/pdf, image/jpeg, image/png
    size = IntegerField()
    sha256 = CharField(index=True)
    data = BlobField()
    created_at = DateTimeField()


class Distribution(BaseModel):
    """One event in a certificate's way to its holder: arrival at the centre, or a handover. A handover
    that was undone keeps its row, marked with who undid it, when and why."""

    certificate = ForeignKeyField(Certificate, backref="distributions", on_delete="RESTRICT")
    event = CharField()  # arrival / handover
    method = CharField(null=True)  # self / proxy / unit / mail
    recipient_name = CharField(null=True)  # the holder, the proxy, or the unit's contact
    recipient_id_number = CharField(null=True)  # the proxy's
    address = TextField(null=True)
    tracking_no = CharField(null=True)
    operator = CharField()
    terminal = CharField()
    at = DateTimeField(index=True)
    unit_name = CharField(null=True)
    phone = CharField(null=True)
    courier = CharField(null=True)
    id_copy_checked = BooleanField(null=True)
    attachment = ForeignKeyField(HandoverAttachment, null=True, on_delete="RESTRICT")
    undone_at = DateTimeField(null=True)
    undone_by = CharField(null=True)
    undone_terminal = CharField(null=True)
    undo_reason = TextField(null=True)


class ReissueBatch(BaseModel):
    """A batch of approved applications sent upstream (已上报): its workbook and photos ZIP, by SHA-256."""

    batch_no = CharField(unique=True)  # SB202612030001
    requests = IntegerField()
    workbook_sha256 = CharField()
    photos_sha256 = CharField()
    created_by = CharField()
    terminal = CharField()
    created_at = DateTimeField()


class ReissueRequest(BaseModel):
    """An application to reissue one certificate (补发 / 换发 / 更新 / 未收到): a draft until submitted,
    then it carries a tracking number and goes through the workflow (`ReissueStatus`). Holds contact data
    and the photo, never an ID number."""

    certificate = ForeignKeyField(Certificate, backref="reissue_requests", on_delete="RESTRICT")
    certificate_id: int  # the foreign key's raw value, set by peewee; declared for type checkers
    kind = CharField()  # ReissueKind
    status = CharField(index=True)  # ReissueStatus
    applicant_name = CharField()
    phone = CharField(default="")
    email = CharField(default="")
    address = TextField(default="")
    reason = TextField(default="")
    documents = TextField(default="[]")  # JSON list of Document codes
    photo = BlobField(null=True)
    photo_sha256 = CharField(null=True)
    tracking_no = CharField(unique=True, null=True)
    operator = CharField()
    terminal = CharField()
    created_at = DateTimeField()
    updated_at = DateTimeField()
    submitted_at = DateTimeField(null=True)
    step_at = DateTimeField(null=True)  # when it reached its status
    reviewed_at = DateTimeField(null=True)
    reviewed_by = CharField(null=True)
    return_reason = TextField(null=True)  # what the applicant is told
    batch = ForeignKeyField(ReissueBatch, null=True, backref="requests_in", on_delete="RESTRICT")
    new_certificate = ForeignKeyField(
        Certificate, null=True, unique=True, backref="reissued_from", on_delete="RESTRICT"
    )
    new_certificate_id: int | None


class PrintRecord(BaseModel):
    """One printed (or saved) document: what it was, for which certificate or application, and a digest
    of the exact bytes, so that a copy can later be matched to what the desk produced."""

    serial = CharField(unique=True)
    kind = CharField(index=True)  # copy / application_form / receipt
    certificate = ForeignKeyField(Certificate, null=True, backref="print_records", on_delete="RESTRICT")
    reissue_request = ForeignKeyField(
        ReissueRequest, null=True, backref="print_records", on_delete="RESTRICT"
    )
    sha256 = CharField()
    pages = IntegerField()
    operator = CharField()
    terminal = CharField()
    printed_at = DateTimeField()


class VerificationCode(BaseModel):
    """The 16-character code printed on a copy: valid until `expires_at` unless revoked."""

    code = CharField(unique=True)
    certificate = ForeignKeyField(Certificate, backref="verification_codes", on_delete="RESTRICT")
    certificate_id: int  # the foreign key's raw value, set by peewee; declared for type checkers
    print_record = ForeignKeyField(PrintRecord, on_delete="RESTRICT")
    issued_at = DateTimeField()
    expires_at = DateTimeField()
    revoked_at = DateTimeField(null=True)


class AuditEvent(BaseModel):
    """Append-only and chained: each event's hash covers its fields and the previous hash, keyed by the
    audit key outside the database (`scheme` 2) or, for events written before migration 4, unkeyed (1)."""

    at = DateTimeField()
    actor = CharField()
    terminal = CharField()
    action = CharField(index=True)
    target = CharField(index=True)
    details = TextField()  # JSON, never a full ID number
    prev_hash = CharField()
    hash = CharField(unique=True)
    scheme = IntegerField(default=2)  # core/services/audit.py: LEGACY = 1, KEYED = 2


class AuditChain(BaseModel):
    """One row: the database's own id, which names its anchor file in the data folder."""

    database_id = CharField()


class AuditArchive(BaseModel):
    """Events a restore took out of the live trail, kept as they were; `restore_hash` is the hash of the
    `db.restore` event that archived them, whose details give their number and last hash."""

    restore_hash = CharField(index=True)
    original_id = IntegerField()
    at = DateTimeField()
    actor = CharField()
    terminal = CharField()
    action = CharField()
    target = CharField()
    details = TextField()
    prev_hash = CharField()
    hash = CharField()
    scheme = IntegerField()


class Announcement(BaseModel):
    """An announcement (通知) for the desks, the kiosk or both, shown from `starts_on` to `ends_on`
    (inclusive) unless withdrawn."""

    text = TextField()
    audience = CharField()  # desk / kiosk / both (core/services/announcements.py: Audience)
    starts_on = DateField(index=True)
    ends_on = DateField(index=True)
    created_by = CharField()
    terminal = CharField()
    created_at = DateTimeField()
    withdrawn_at = DateTimeField(null=True)


class Enquiry(BaseModel):
    """A phone, e-mail or walk-in enquiry: who asked, how to reach them, the question, the certificate it
    is about, the answer, and whether it needs following up (by `due_on`)."""

    at = DateTimeField(index=True)
    channel = CharField()  # phone / email / walk_in
    who = CharField()
    contact = CharField()  # a phone number or an e-mail address, shown masked
    question = TextField()
    certificate = ForeignKeyField(Certificate, null=True, backref="enquiries", on_delete="RESTRICT")
    certificate_id: int | None
    answer = TextField()
    state = CharField(index=True)  # open / answered / closed
    due_on = DateField(null=True, index=True)
    created_by = CharField()
    terminal = CharField()
    updated_at = DateTimeField()


ALL_MODELS: tuple[type[Model], ...] = (
    SchemaMigration,
    Qualification,
    QualificationAlias,
    ExamSession,
    Holder,
    HolderIdentity,
    Certificate,
    SearchCount,
    SearchName,
    SearchKey,
    SearchCertificate,
    HandoverAttachment,
    Distribution,
    ReissueBatch,
    ReissueRequest,
    PrintRecord,
    VerificationCode,
    AuditEvent,
    AuditChain,
    AuditArchive,
    Announcement,
    Enquiry,
)
