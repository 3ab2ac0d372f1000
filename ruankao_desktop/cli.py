"""The command line (docs/architecture.md "The command line"): parses, calls the services, prints. No
business rules here.

Exit codes: 0 ok / found, 1 unexpected failure (short message, details in the log), 2 usage error,
3 invalid input or a problem found, 4 nothing found; 141 when the reader of the output went away
(`… | head`), as for a program ended by SIGPIPE.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruankao_desktop import __version__
from ruankao_desktop.commands import copies, desk, enquiries, importing, notices, printing, reissues
from ruankao_desktop.commands.common import (
    EXIT_BROKEN_PIPE,
    EXIT_FAILURE,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    Output,
    file_path,
    format_table,
    positive_int,
    whole_number,
)
from ruankao_desktop.core.config import demo_database_path
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.errors import KnownError, StoreError, UsageError
from ruankao_desktop.core.messages import LANGUAGES, Language, render
from ruankao_desktop.core.services import audit
from ruankao_desktop.core.services.backup import BackupService, CheckReport, check_target
from ruankao_desktop.core.services.centre import (
    Centre,
    known_problem,
    open_centre,
    resolve_database_target,
)
from ruankao_desktop.core.services.copying import copy_database
from ruankao_desktop.core.services.lookup import DEFAULT_LIMIT, LookupService, SearchResult
from ruankao_desktop.core.services.reindex import reindex
from ruankao_desktop.logsetup import configure_logging

LANG_ENV = "RUANKAO_LANG"
DEMO_COUNT = 20_000
DEMO_SEED = 2026

if TYPE_CHECKING:
    from ruankao_desktop.core.services.demo import SeedReport

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ruankao-desktop",
        description="软考证书服务台 / certificate desk for 软考 exam centres. "
        "Without a command: start the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database: a file path, sqlite:///…, postgresql://… "
        "(default: $RUANKAO_DB, else centre.db in the user data folder)",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language of messages (default: $RUANKAO_LANG or zh)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the demo database in the user data folder, seeded on first use (instead of --db)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    lookup = commands.add_parser(
        "lookup", help="find certificates by ID number, 证书编号, 管理号, name or pinyin"
    )
    lookup.add_argument("query", help="what to look for; its kind is detected")
    lookup.add_argument("--json", action="store_true", help="stable JSON on standard output")
    lookup.add_argument(
        "--limit", type=positive_int, default=DEFAULT_LIMIT, help="at most this many results for a name"
    )
    lookup.set_defaults(handler=cmd_lookup)

    database = commands.add_parser("db", help="create, check, back up, restore or migrate the database")
    db_commands = database.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("init", help="create the database (or bring it up to date)").set_defaults(
        handler=cmd_db_init
    )
    db_commands.add_parser("migrate", help="bring the schema up to date (after a backup)").set_defaults(
        handler=cmd_db_init
    )
    check = db_commands.add_parser(
        "check", help="integrity, tables, schema version and audit chain (reads only; names backups)"
    )
    check.add_argument("--json", action="store_true")
    check.set_defaults(examine=cmd_db_check)
    backup = db_commands.add_parser("backup", help="copy the live database to a new file")
    backup.add_argument("path", type=file_path)
    backup.set_defaults(handler=cmd_db_backup)
    restore = db_commands.add_parser(
        "restore", help="replace the database with a backup (keeps a safety copy)"
    )
    restore.add_argument("path", type=file_path)
    restore.set_defaults(handler=cmd_db_restore)
    copy_to = db_commands.add_parser(
        "copy-to", help="copy the whole database into an empty one (a SQLite file or a PostgreSQL database)"
    )
    copy_to.add_argument("target", help="a new SQLite file, or postgresql://… of an empty database")
    copy_to.add_argument("--json", action="store_true")
    copy_to.set_defaults(handler=cmd_db_copy_to)
    reindex = db_commands.add_parser("reindex", help="rebuild the search keys of every certificate")
    reindex.add_argument("--json", action="store_true")
    reindex.set_defaults(handler=cmd_db_reindex)

    demo = commands.add_parser("demo", help="demo data")
    demo_commands = demo.add_subparsers(dest="demo_command", metavar="ACTION", required=True)
    seed = demo_commands.add_parser("seed", help="fill an empty database with realistic demo certificates")
    seed.add_argument(
        "--count",
        type=positive_int,
        default=DEMO_COUNT,
        help=f"certificates to create (default {DEMO_COUNT})",
    )
    seed.add_argument(
        "--seed", type=whole_number, default=DEMO_SEED, help="random seed: the same seed gives the same data"
    )
    seed.set_defaults(handler=cmd_demo_seed)

    audit_parser = commands.add_parser("audit", help="the audit trail")
    audit_commands = audit_parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify_trail = audit_commands.add_parser(
        "verify", help="check the keyed chain of the audit trail against its anchor and archive"
    )
    verify_trail.add_argument("--json", action="store_true")
    verify_trail.set_defaults(handler=cmd_audit_verify)
    importing.register(commands)
    desk.register(commands)
    notices.register(commands)
    reissues.register(commands)
    enquiries.register(commands)
    printing.register(commands)
    copies.register(commands)
    return parser


def cmd_lookup(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    if centre.opened.read_only:  # its audit event could never be written
        raise StoreError("db.read_only")
    service = LookupService(centre.settings)
    # The audit event is on disk before the answer is shown and written after it, so another desk's
    # import never holds the answer up.
    result = service.search(args.query, limit=args.limit, actor=centre.actor)
    if result.problem is not None:
        raise result.problem
    if out.as_json:
        out.json(_lookup_json(result, out.lang))
    else:
        for notice in result.notices:
            out.warn(notice.message(out.lang))
        if result.hits:
            print(_lookup_table(result, out.lang))
            if result.truncated:
                out.say("cli.truncated", shown=f"{len(result.hits):,}", total=f"{result.total:,}")
        for suggestion in result.suggestions:
            out.warn(suggestion.reason(out.lang))
    if not result.hits and not result.suggestions:
        out.warn(render("lookup.none", out.lang, kind=result.detected_text(out.lang)))
    service.write_queued(centre.actor)
    return EXIT_OK if result.hits or result.suggestions else EXIT_NOT_FOUND


def _lookup_json(result: SearchResult, lang: Language) -> dict[str, Any]:
    counts = result.counts_by_state or {}
    return {
        "detected": result.detected.value,
        "count": len(result.hits),
        "total": result.total,
        "truncated": result.truncated,
        "counts_by_state": {state.value: counts[state] for state in CertificateState if state in counts},
        "notices": [notice.message(lang) for notice in result.notices],
        "results": [hit.as_json(lang) for hit in result.hits],
        "suggestions": [suggestion.as_json(lang) for suggestion in result.suggestions],
    }


def _lookup_table(result: SearchResult, lang: Language) -> str:
    headers = [
        render(f"cli.column.{name}", lang)
        for name in (
            "cert_no",
            "name",
            "id",
            "qualification",
            "level",
            "session",
            "state",
            "valid_until",
            "management_no",
            "matched",
        )
    ]
    rows = [
        [
            s.cert_no,
            s.name,
            s.id_masked,
            s.qualification,
            s.level_text(lang),
            s.session,
            s.state_text(lang) + (f" → {s.superseded_by}" if s.superseded_by else ""),
            s.valid_until_text(lang),
            s.management_no,
            hit.matched.text(lang),
        ]
        for hit in result.hits
        for s in (hit.summary,)
    ]
    return format_table(headers, rows)


def cmd_db_init(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    version = BackupService(centre.opened).schema_version()
    out.say("cli.db_ready", location=centre.opened.location.display(), version=version)
    return EXIT_OK


def cmd_db_check(args: argparse.Namespace, target: str, out: Output) -> int:
    """Examines the database as it is, without opening it as a centre: a damaged file is reported with
    what to restore, never refused or migrated."""
    report = check_target(target)
    if out.as_json:
        out.json(
            {
                "location": report.location,
                "schema_version": report.schema_version,
                "latest_version": report.latest_version,
                "ok": report.ok,
                "damaged": report.damaged,
                "problems": [problem.message(out.lang) for problem in report.problems],
                "backups": [str(path) for path in report.backups],
            }
        )
    else:
        out.say(
            "cli.db_check",
            location=report.location,
            version=report.schema_version,
            latest=report.latest_version,
        )
        for problem in report.problems:
            out.warn(problem.message(out.lang))
        out.say("cli.db_ok" if report.ok else "cli.db_not_ok")
        if report.damaged:
            _restore_advice(report, out)
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _restore_advice(report: CheckReport, out: Output) -> None:
    if not report.backups:
        out.say("cli.db_no_backup", folder=str(Path(report.location).parent))
        return
    out.say("cli.db_backups")
    for path in report.backups:
        print(f"  {path}")
    out.say(
        "cli.db_restore_advice", db=shlex.quote(report.location), backup=shlex.quote(str(report.backups[0]))
    )


def cmd_db_backup(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    BackupService(centre.opened).backup(args.path, centre.actor)
    out.say("cli.backup_done", path=str(args.path.expanduser().absolute()))
    return EXIT_OK


def cmd_db_restore(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    restored = BackupService(centre.opened).restore(args.path, centre.actor)
    out.say("cli.restore_done", path=str(args.path), safety=str(restored.safety_copy))
    return EXIT_OK


def cmd_db_copy_to(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    report = copy_database(centre.opened, args.target, centre.actor)
    if out.as_json:
        out.json(
            {
                "target": report.target,
                "ok": report.ok,
                "tables": [
                    {
                        "table": t.table,
                        "rows": t.rows,
                        "copied_rows": t.copied_rows,
                        "checksum": t.checksum,
                        "copied_checksum": t.copied_checksum,
                        "same": t.same,
                    }
                    for t in report.tables
                ],
            }
        )
        return EXIT_OK if report.ok else EXIT_PROBLEM
    for t in report.tables:
        verdict = (
            render("cli.copy_same", out.lang)
            if t.same
            else render("cli.copy_different", out.lang, rows=t.copied_rows, checksum=t.copied_checksum[:16])
        )
        out.say("cli.copy_table", table=t.table, rows=t.rows, checksum=t.checksum[:16], verdict=verdict)
    if not report.ok:
        out.warn(render("cli.copy_differs", out.lang, target=report.target))
        return EXIT_PROBLEM
    out.say("cli.copy_done", target=report.target, tables=len(report.tables))
    return EXIT_OK


def cmd_db_reindex(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    def progress(done: int, total: int) -> None:
        out.warn(render("cli.reindex_progress", out.lang, done=done, total=total))

    done = reindex(centre.actor, progress)
    if out.as_json:
        out.json({"certificates": done.certificates, "keys": done.keys})
    else:
        out.say("cli.reindex_done", certificates=done.certificates, keys=done.keys)
    return EXIT_OK


def cmd_demo_seed(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    report = seed_demo(centre, count=args.count, seed=args.seed, out=out)
    out.say(
        "cli.seed_done", certificates=report.certificates, holders=report.holders, sessions=report.sessions
    )
    return EXIT_OK


def seed_demo(centre: Centre, *, count: int, seed: int, out: Output) -> SeedReport:
    # Imported here: Faker's data is only needed when seeding, and the window should start without it.
    from ruankao_desktop.core.services.demo import DemoSeeder

    def progress(done: int, total: int) -> None:
        out.warn(render("cli.seed_progress", out.lang, done=done, total=total))

    return DemoSeeder(count=count, seed=seed, today=date.today()).run(centre.actor, progress)


def cmd_audit_verify(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 with the count and the head when the trail is intact; 3 naming the first bad event, the
    missing events or what stops the check (the key, the anchor)."""
    report = audit.verify_trail()
    head = report.head
    if out.as_json:
        out.json(
            {
                "ok": report.ok,
                "count": report.count,
                "head": {"event": head.last_id, "hash": head.last_hash, "at": head.at},
                "archived": report.archived,
                "problems": [problem.message(out.lang) for problem in report.problems],
                "warnings": [warning.message(out.lang) for warning in report.warnings],
            }
        )
        return EXIT_OK if report.ok else EXIT_PROBLEM
    for notice in (*report.problems, *report.warnings):
        out.warn(notice.message(out.lang))
    if not report.ok:
        out.say("audit.broken")
        return EXIT_PROBLEM
    if report.count:
        out.say("audit.intact", count=report.count, event=head.last_id, at=head.at, head=head.last_hash[:16])
    else:
        out.say("audit.intact_empty")
    if report.archived:
        out.say("audit.archived", count=report.archived)
    return EXIT_OK


def _language(args: argparse.Namespace) -> Language:
    chosen = args.lang or os.environ.get(LANG_ENV, "zh")
    return "en" if chosen == "en" else "zh"


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # the packaged build's batch-printing workers start here
    args = build_parser().parse_args(argv)
    lang = _language(args)
    out = Output(lang, as_json=bool(getattr(args, "json", False)))
    log_file = configure_logging()
    try:
        code = _run(args, out, log_file)
        if sys.stdout is not None:
            sys.stdout.flush()  # a reader that went away is found here, not in the flush at exit
        return code
    except BrokenPipeError:
        # Python's advice (docs of `signal`, "Note on SIGPIPE"): point standard output at devnull, so
        # that the interpreter's own flush at exit does not fail again and print a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _run(args: argparse.Namespace, out: Output, log_file: Path | None) -> int:
    lang = out.lang
    try:
        if args.command is None:
            from ruankao_desktop.app import check_display, run_gui

            check_display()
            target = open_target(args, out)
            return run_gui(target, lang=args.lang)
        examine: Callable[[argparse.Namespace, str, Output], int] | None = getattr(args, "examine", None)
        if examine is not None:
            return examine(args, open_target(args, out), out)
        handler: Callable[[argparse.Namespace, Centre, Output], int] = args.handler
        centre = open_centre(open_target(args, out))
        try:
            return handler(args, centre, out)
        finally:
            centre.close()
    except KnownError as problem:
        return _refuse(problem, out)
    except BrokenPipeError:
        raise
    except Exception as error:
        known = known_problem(error)
        if known is not None:
            return _refuse(known, out)
        log.exception("unexpected failure in %s", args.command or "gui")
        out.warn(render("cli.unexpected", lang, log=str(log_file) if log_file else "-"))
        return EXIT_FAILURE


def _refuse(problem: KnownError, out: Output) -> int:
    """A known error's message, as JSON when asked; its exit code."""
    if out.as_json:
        out.json({"error": problem.code, "message": problem.message(out.lang)})
    else:
        out.warn(problem.message(out.lang))
    return EXIT_USAGE if isinstance(problem, UsageError) else problem.exit_code


def open_target(args: argparse.Namespace, out: Output) -> str:
    """The database to use. With --demo it is the demo database, seeded here on first use, so that the
    GUI (which must not write on its thread) and every command find data in it."""
    if not args.demo:
        return resolve_database_target(args.db)
    path = demo_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.command != "demo":
        centre = open_centre(str(path))
        try:
            if not centre.has_certificates():
                out.warn(render("cli.demo_preparing", out.lang, count=DEMO_COUNT))
                seed_demo(centre, count=DEMO_COUNT, seed=DEMO_SEED, out=out)
        finally:
            centre.close()
    return str(path)
