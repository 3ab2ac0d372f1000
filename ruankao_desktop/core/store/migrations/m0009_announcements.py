"""Migration 9: announcements (通知) shown at the desks and on the kiosk for a span of days
(docs/domain.md "Announcements"). A frozen copy of the table as it shipped."""

from __future__ import annotations

from peewee import CharField, Database, DateField, DateTimeField, Model, TextField

VERSION = 9
NAME = "announcements"


def apply(database: Database) -> None:
    class Frozen(Model):
        class Meta:
            legacy_table_names = False

    class Announcement(Frozen):
        text = TextField()
        audience = CharField()  # desk / kiosk / both
        starts_on = DateField(index=True)
        ends_on = DateField(index=True)
        created_by = CharField()
        terminal = CharField()
        created_at = DateTimeField()
        withdrawn_at = DateTimeField(null=True)

    with database.bind_ctx([Announcement]):
        database.create_tables([Announcement])
