"""Copying a whole database into an empty one on the other engine (or the same): a centre moving its SQLite
file onto a PostgreSQL server, or a server's database saved as a standalone file (docs/architecture.md
"Storage engines").

The copy is the source's content exactly — every table, the audit trail with its hashes and the chain's
id (so the anchor in the data folder still vouches for it), the search index — written in one transaction
on the target, which must be empty: a new or empty SQLite file, or a database on a server without tables.
Afterwards each table is read back from the target in the order of its key and compared with the source,
row count and SHA-256 over its values; a difference rolls nothing back (the copy is committed) but is
reported, and the command exits 3. The copy's audit event is recorded in the source first, so the target
carries it too. A copy into a file gets its own anchor beside it, as a backup does (it is a standalone
copy); a copy onto a server shares the data folder's anchor with the source: it is where the centre's
chain goes on, and the source should no longer be written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from peewee import AutoField, CompositeKey, Database, Model

from ruankao_desktop.core.errors import StoreError
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.backup import write_sidecar
from ruankao_desktop.core.store.database import (
    DatabaseLocation,
    bulk_insert,
    check_sqlite_folder,
    connect,
    inspect_sqlite_file,
    parse_location,
    refresh_statistics,
    reset_sequences,
    write_transaction,
)
from ruankao_desktop.core.store.lifecycle import OpenDatabase, connected
from ruankao_desktop.core.store.migrations import LATEST_VERSION, current_version, migrate
from ruankao_desktop.core.store.models import ALL_MODELS

BATCH = 2000
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class TableCopy:
    """One table as copied: its rows and the SHA-256 of its values, on each side."""

    table: str
    rows: int
    copied_rows: int
    checksum: str
    copied_checksum: str

    @property
    def same(self) -> bool:
        return self.rows == self.copied_rows and self.checksum == self.copied_checksum


@dataclass(frozen=True)
class CopyReport:
    target: str  # as shown: a path, or a server URL without its password
    tables: tuple[TableCopy, ...]

    @property
    def ok(self) -> bool:
        return all(table.same for table in self.tables)


def copy_database(
    source: OpenDatabase,
    target_text: str,
    actor: audit.Actor,
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy the open database (bound to the proxy) into the empty database `target_text`; see the module's
    docstring. `progress(table, rows)` is called after each table."""
    if current_version(source.database) != LATEST_VERSION:
        raise StoreError("db.copy_old_source", version=current_version(source.database))
    location = parse_location(target_text)
    if location.url == source.location.url or (
        location.path is not None and location.path == source.location.path
    ):
        raise StoreError("db.copy_same", target=location.display())
    new_file = location.path is not None and not location.path.exists()
    target = _open_empty(location)
    try:
        audit.record(actor, "db.copy_to", location.display(), {"target": location.display()})
        with write_transaction(target):
            _clear(target)  # what the migrations put in: the copy brings its own
            for model in ALL_MODELS:
                rows = _copy_table(model, target)
                if progress is not None:
                    progress(model._meta.table_name, rows)
            reset_sequences(target, [m._meta.table_name for m in ALL_MODELS if _has_serial_id(m)])
        refresh_statistics(target)
        tables = tuple(_compared(model, target) for model in ALL_MODELS)
    except BaseException:
        target.close()
        if new_file and location.path is not None:  # a file this copy made goes, so it can be tried again
            for made in (
                location.path,
                *(location.path.with_name(location.path.name + s) for s in _SIDE_FILES),
            ):
                made.unlink(missing_ok=True)
        raise
    target.close()
    if location.path is not None:
        write_sidecar(location.path)  # a standalone copy: its own anchor beside it, as a backup's
    return CopyReport(location.display(), tables)


def _open_empty(location: DatabaseLocation) -> Database:
    """The target, refused unless it holds nothing, then given the current schema (not bound to the
    proxy: the source stays bound)."""
    if location.path is not None:
        check_sqlite_folder(location.path)
        if inspect_sqlite_file(location.path) is not None:
            raise StoreError("db.copy_not_empty", target=location.display())
    database = connected(connect(location), location)
    try:
        if database.get_tables():
            raise StoreError("db.copy_not_empty", target=location.display())
        migrate(database, backup=lambda version: None)
    except BaseException:
        database.close()
        raise
    return database


def _clear(target: Database) -> None:
    with target.bind_ctx(ALL_MODELS):
        for model in reversed(ALL_MODELS):
            model.delete().execute()


def _copy_table(model: type[Model], target: Database) -> int:
    """Read from the source (the proxy's) a batch at a time, each value in the form its column stores,
    written to the target with `bulk_insert` (`COPY` into a server); the rows copied."""
    fields = model._meta.sorted_fields
    columns = [f.column_name for f in fields]
    stored = [f.db_value for f in fields]
    copied = 0
    for batch in _batches(_rows(model)):
        values = ([to_db(value) for to_db, value in zip(stored, row, strict=True)] for row in batch)
        bulk_insert(target, model._meta.table_name, columns, values)
        copied += len(batch)
    return copied


def _rows(model: type[Model]) -> Iterator[tuple[Any, ...]]:
    """Every row of the table in the order of its key, as Python values (dates as dates on both engines)."""
    return iter(model.select(*model._meta.sorted_fields).order_by(*_key(model)).tuples().iterator())


def _key(model: type[Model]) -> list[Any]:
    primary = model._meta.primary_key
    if isinstance(primary, CompositeKey):
        return [model._meta.fields[name] for name in primary.field_names]
    return [primary]


def _has_serial_id(model: type[Model]) -> bool:
    return isinstance(model._meta.primary_key, AutoField)


def _batches(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _compared(model: type[Model], target: Database) -> TableCopy:
    rows, checksum = _summed(_rows(model))
    with target.bind_ctx([model]):
        copied_rows, copied_checksum = _summed(_rows(model))
    return TableCopy(model._meta.table_name, rows, copied_rows, checksum, copied_checksum)


def _summed(rows: Iterator[tuple[Any, ...]]) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)).encode())
        count += 1
    return count, digest.hexdigest()
