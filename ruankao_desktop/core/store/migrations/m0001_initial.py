"""Migration 1: the foundation tables. A frozen copy of the models as they were when it shipped."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

VERSION = 1
NAME = "initial"


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class SchemaMigration(Frozen):
        version = IntegerField(unique=True)
        name = CharField()
        applied_at = DateTimeField()

    class Qualification(Frozen):
        code = CharField(unique=True)
        name = CharField(index=True)
        level = CharField()
        category = CharField()
        successor = ForeignKeyField("self", null=True, on_delete="RESTRICT")
        first_year = IntegerField(null=True)
        last_year = IntegerField(null=True)
        validity_years = IntegerField(null=True)
        sort_order = IntegerField(default=0)

    class QualificationAlias(Frozen):
        name = CharField(unique=True)
        qualification = ForeignKeyField(Qualification, on_delete="CASCADE")

    class ExamSession(Frozen):
        code = CharField(unique=True)
        name = CharField()
        exam_date = DateField()
        results_date = DateField(null=True)
        expected_arrival = DateField(null=True)
        actual_arrival = DateField(null=True)
        pickup_deadline = DateField(null=True)
        notes = TextField(default="")

    class Holder(Frozen):
        name = CharField(index=True)
        id_type = CharField()
        id_number = CharField()
        birth_date = DateField(null=True)
        gender = CharField(null=True)
        phone = CharField(null=True)
        name_pinyin = CharField(index=True)
        name_initials = CharField(index=True)
        id_tail = CharField(index=True)
        created_at = DateTimeField()

        class Meta:
            indexes = ((("id_number", "id_type"), True),)

    class HolderIdentity(Frozen):
        holder = ForeignKeyField(Holder, on_delete="CASCADE")
        kind = CharField()
        value = CharField(index=True)
        id_type = CharField(null=True)
        recorded_at = DateTimeField()
        note = TextField(default="")

    class Certificate(Frozen):
        cert_no = CharField(unique=True)
        management_no = CharField(index=True)
        qualification = ForeignKeyField(Qualification, on_delete="RESTRICT")
        session = ForeignKeyField(ExamSession, on_delete="RESTRICT")
        holder = ForeignKeyField(Holder, on_delete="RESTRICT")
        approved_on = DateField(null=True)
        issuer = CharField()
        arrived_on = DateField(null=True)
        handover = CharField(null=True)
        reissue_pending = BooleanField(default=False)
        revoked_at = DateTimeField(null=True)
        revocation_reason = TextField(null=True)
        supersedes = ForeignKeyField("self", null=True, unique=True, on_delete="RESTRICT")
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()

    class Distribution(Frozen):
        certificate = ForeignKeyField(Certificate, on_delete="RESTRICT")
        event = CharField()
        method = CharField(null=True)
        recipient_name = CharField(null=True)
        recipient_id_number = CharField(null=True)
        address = TextField(null=True)
        tracking_no = CharField(null=True)
        operator = CharField()
        terminal = CharField()
        at = DateTimeField()

    class AuditEvent(Frozen):
        at = DateTimeField()
        actor = CharField()
        terminal = CharField()
        action = CharField(index=True)
        target = CharField(index=True)
        details = TextField()
        prev_hash = CharField()
        hash = CharField(unique=True)

    tables = [
        SchemaMigration,
        Qualification,
        QualificationAlias,
        ExamSession,
        Holder,
        HolderIdentity,
        Certificate,
        Distribution,
        AuditEvent,
    ]
    with database.bind_ctx(tables):
        database.create_tables(tables)
