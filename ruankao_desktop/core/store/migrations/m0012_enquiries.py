"""Migration 12: the enquiry log (docs/domain.md "Enquiries"): phone, e-mail and walk-in enquiries with
their answer and follow-up. A frozen copy of the table as it shipped."""

from __future__ import annotations

from peewee import CharField, Database, DateField, DateTimeField, ForeignKeyField, Model, TextField

VERSION = 12
NAME = "enquiries"


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class Certificate(Frozen):
        pass

    class Enquiry(Frozen):
        at = DateTimeField(index=True)
        channel = CharField()  # phone / email / walk_in
        who = CharField()
        contact = CharField()
        question = TextField()
        certificate = ForeignKeyField(Certificate, null=True, on_delete="RESTRICT")
        answer = TextField()
        state = CharField(index=True)  # open / answered / closed
        due_on = DateField(null=True, index=True)
        created_by = CharField()
        terminal = CharField()
        updated_at = DateTimeField()

    with database.bind_ctx([Enquiry, Certificate]):
        database.create_tables([Enquiry])
