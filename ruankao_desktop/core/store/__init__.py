"""Storage: the peewee models, the database proxy opened from a URL, migrations and backups."""
