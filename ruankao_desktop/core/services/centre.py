"""The composition root of the core: one open database, the settings and the acting user.

The CLI and the GUI each open one `Centre` and hand it to the services they use; what else they need of
the store (telling an environment failure from a bug, closing a worker thread's connection) they get here,
so that neither face imports the store (docs/architecture.md "Layers").
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ruankao_desktop.core.config import Settings, config_file, default_database_path, load_settings
from ruankao_desktop.core.errors import UsageError
from ruankao_desktop.core.services import audit_spool
from ruankao_desktop.core.services.audit import Actor
from ruankao_desktop.core.services.catalogue import ensure_catalogue
from ruankao_desktop.core.store.connections import (
    WINDOW_CACHE_KIB,
    close_thread_connection,
    keep_thread_connection,
    limit_page_cache,
    release_page_cache,
    resume_thread_connection,
)
from ruankao_desktop.core.store.database import known_problem, lost_server
from ruankao_desktop.core.store.lifecycle import OpenDatabase, open_database
from ruankao_desktop.core.store.models import Certificate

__all__ = [
    "DB_ENV",
    "WINDOW_CACHE_KIB",
    "Centre",
    "close_thread_connection",
    "keep_thread_connection",
    "known_problem",
    "limit_page_cache",
    "lost_server",
    "open_centre",
    "release_page_cache",
    "resolve_database_target",
    "resume_thread_connection",
]

DB_ENV = "RUANKAO_DB"


def resolve_database_target(explicit: str | None) -> str:
    """`--db`, else `RUANKAO_DB`, else the centre database in the user data folder (created if needed).

    An empty `--db` or `RUANKAO_DB` is refused, not taken as "the default": a script whose variable came
    out empty must not import into the centre's real database."""
    if explicit is not None and not explicit.strip():
        raise UsageError("db.empty_option")
    target = explicit if explicit is not None else os.environ.get(DB_ENV)
    if target is not None and not target.strip():
        raise UsageError("db.empty_env", variable=DB_ENV)
    if target:
        return target
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


@dataclass
class Centre:
    opened: OpenDatabase
    settings: Settings = field(default_factory=Settings)
    actor: Actor = field(default_factory=Actor.from_environment)

    def close(self) -> None:
        self.opened.close()

    def has_certificates(self) -> bool:
        return bool(Certificate.select().exists())


def open_centre(target: str | None = None, *, settings: Settings | None = None) -> Centre:
    """Open (creating and migrating as needed) the database, make sure the catalogue is there, and write
    the audit events left queued, unless another desk holds the write lock (they stay queued)."""
    opened = open_database(resolve_database_target(target))
    try:
        ensure_catalogue()
        if not opened.read_only:
            # Audit events a crash or another desk's long write left queued (docs "The audit trail").
            audit_spool.drain()
    except BaseException:
        opened.close()
        raise
    return Centre(opened, settings or load_settings(config_file()))
