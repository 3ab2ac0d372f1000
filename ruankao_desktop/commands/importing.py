"""`import` and `export`: official certificate lists in, reports out (docs/architecture.md "The command
line").

    ruankao-desktop import FILE [--dry-run] [--skip-invalid] [--accept-identity-changes] [--json]
                                [--sheet NAME] [--report FILE.xlsx]
    ruankao-desktop export pickup --session 2026H1 [--state awaiting_pickup|overdue] -o FILE.xlsx|csv
    ruankao-desktop export reissues [--since 2026-01-01] -o FILE
    ruankao-desktop export lookup QUERY -o FILE

`import` exits

- 0 when every row was imported (or, with --dry-run, would be);
- 3 when rows were rejected (nothing is written, or with --skip-invalid the valid rows are), when the file
  was refused, or when rows were held back: a row that would change a holder's name or ID number is not
  written without --accept-identity-changes, while the rest of the list is. Like a rejected row, a held-back
  row is work left for the operator — check the listed changes, then import again with the flag — so a
  script must not take the import for complete; and it is not an error of the command (1) or of its use (2).

`--json` prints the stable fields of `ImportPreview.to_json` (README "CLI"), `identity_changes` among them;
a dry run lists them too, held back or not as the same options would import them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ruankao_desktop.commands.common import (
    EXIT_OK,
    EXIT_PROBLEM,
    Output,
    Subparsers,
    day,
    file_path,
    format_table,
    non_empty,
)
from ruankao_desktop.core.domain.status import CertificateState
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.exporting import PICKUP_STATES, ExportService
from ruankao_desktop.core.services.importing import (
    ImportPreview,
    ImportRejected,
    ImportReport,
    ImportService,
    row_list,
)
from ruankao_desktop.core.services.lookup import LookupService

SHOWN_PROBLEMS = 100
SHOWN_NOTES = 20
PROGRESS_EVERY = 100_000


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
    importing = commands.add_parser(
        "import", help="import an official certificate list (.xlsx or .csv): all valid rows or nothing"
    )
    importing.add_argument("file", type=file_path, help="the list: .xlsx, or .csv in UTF-8 or GB18030/GBK")
    importing.add_argument("--dry-run", action="store_true", help="check and count only; write nothing")
    importing.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows and report the rejected ones"
    )
    importing.add_argument(
        "--accept-identity-changes",
        action="store_true",
        help="also import rows that change a holder's name or ID number (check the listed changes first); "
        "without it those rows are held back",
    )
    importing.add_argument("--json", action="store_true", help="stable JSON on standard output")
    importing.add_argument(
        "--sheet", type=non_empty, help="the worksheet to read (default: the first one with a header)"
    )
    importing.add_argument(
        "--report", type=file_path, metavar="FILE", help="also save the full report (.xlsx or .csv)"
    )
    importing.set_defaults(handler=cmd_import)

    export = commands.add_parser("export", help="export lists to .xlsx or .csv (ID numbers masked)")
    what = export.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    pickup = what.add_parser("pickup", help="a session's certificates awaiting pickup, or overdue")
    pickup.add_argument(
        "--session", required=True, type=non_empty, help="session code (2026H1) or name (2026年上半年)"
    )
    pickup.add_argument(
        "--state",
        choices=[state.value for state in PICKUP_STATES],
        default=CertificateState.AWAITING_PICKUP.value,
        help="awaiting_pickup (待领取, default) or overdue (逾期未领)",
    )
    pickup.add_argument("-o", "--output", type=file_path, required=True, metavar="FILE", help=".xlsx or .csv")
    pickup.set_defaults(handler=cmd_export_pickup)
    reissues = what.add_parser("reissues", help="submitted reissue applications, for sending upstream")
    reissues.add_argument("--since", type=day, metavar="YYYY-MM-DD", help="only those submitted since")
    reissues.add_argument(
        "-o", "--output", type=file_path, required=True, metavar="FILE", help=".xlsx or .csv"
    )
    reissues.set_defaults(handler=cmd_export_reissues)
    lookup = what.add_parser("lookup", help="the certificates a lookup finds")
    lookup.add_argument("query", help="ID number, 证书编号, 管理号, name or pinyin")
    lookup.add_argument("-o", "--output", type=file_path, required=True, metavar="FILE", help=".xlsx or .csv")
    lookup.set_defaults(handler=cmd_export_lookup)


def cmd_import(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    service = ImportService(centre.settings)
    progress = ImportProgress(out) if not out.as_json and sys.stderr.isatty() else None
    try:
        if args.dry_run:
            result: ImportPreview = service.preview(
                args.file,
                sheet=args.sheet,
                accept_identity_changes=args.accept_identity_changes,
                progress=progress,
            )
        else:
            result = service.run(
                args.file,
                actor=centre.actor,
                skip_invalid=args.skip_invalid,
                accept_identity_changes=args.accept_identity_changes,
                sheet=args.sheet,
                progress=progress,
            )
    except ImportRejected as rejected:
        _show(rejected.report, out, dry_run=False)
        if not out.as_json:
            out.warn(rejected.message(out.lang))
        _save_report(args, centre, rejected.report, out)
        return EXIT_PROBLEM
    _show(result, out, dry_run=args.dry_run)
    held_back = _held_back(result, out, dry_run=args.dry_run)
    if held_back and not out.as_json:
        out.warn(held_back)
    _save_report(args, centre, result, out)
    return EXIT_OK if result.ok and not held_back else EXIT_PROBLEM


def _held_back(result: ImportPreview, out: Output, *, dry_run: bool) -> str | None:
    """What the operator is told about rows held back for unconfirmed identity changes, if any."""
    if not result.held_back:
        return None
    code = "import.cli.held_back_preview" if dry_run else "import.cli.held_back"
    return render(code, out.lang, rows=result.held_back, changes=result.identity_changes_total)


class ImportProgress:
    """Prints how far the reading got, now and then, on a terminal."""

    def __init__(self, out: Output) -> None:
        self._out = out
        self._next = PROGRESS_EVERY

    def __call__(self, done: int, total: int | None) -> None:
        if done >= self._next:
            self._next = done + PROGRESS_EVERY
            self._out.warn(render("import.cli.progress", self._out.lang, done=done))


def _show(result: ImportPreview, out: Output, *, dry_run: bool) -> None:
    if out.as_json:
        out.json(result.to_json(out.lang))
        return
    lang = out.lang
    if result.kind == "csv":
        out.say("import.cli.source_csv", file=result.file, encoding=result.encoding, row=result.header_row)
    else:
        out.say("import.cli.source_xlsx", file=result.file, sheet=result.sheet, row=result.header_row)
    counts = {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "rejected": result.rejected_rows,
    }
    written = isinstance(result, ImportReport) and result.written
    if written or dry_run:
        out.say("import.cli.counts_done" if written else "import.cli.counts_preview", **counts)
    for session in result.new_sessions:
        print(session.message(lang, created=written))
    if result.ignored_columns:
        out.say("import.cli.ignored", columns="、".join(result.ignored_columns))
    if result.rejected:
        out.say("import.cli.problems")
        headers = [
            render(f"import.report.column.{name}", lang) for name in ("row", "column", "value", "reason")
        ]
        shown = result.rejected[:SHOWN_PROBLEMS]
        rows = [[str(r.row), r.column, r.value_masked, r.message(lang)] for r in shown]
        print(format_table(headers, rows))
        hidden = result.rejections_total - len(shown)
        if hidden > 0:
            out.say("import.cli.more", count=hidden)
    if result.identity_changes:
        _show_identity_changes(result, out)
    if result.notes:
        out.say("import.cli.notes")
        for note in result.notes[:SHOWN_NOTES]:
            print(f"  {note.row}  {note.column}  {note.message(lang)}")
        if result.notes_total > SHOWN_NOTES:
            out.say("import.cli.more", count=result.notes_total - SHOWN_NOTES)


def _show_identity_changes(result: ImportPreview, out: Output) -> None:
    lang = out.lang
    out.say("import.cli.identity_changes")
    headers = [
        render(f"import.report.column.{name}", lang) for name in ("row", "change", "old", "new", "cert_no")
    ]
    shown = result.identity_changes[:SHOWN_PROBLEMS]
    rows = [[row_list(c.rows, lang), c.kind_text(lang), c.old, c.new, c.cert_no] for c in shown]
    print(format_table(headers, rows))
    hidden = result.identity_changes_total - len(shown)
    if hidden > 0:
        out.say("import.cli.more", count=hidden)


def _save_report(args: argparse.Namespace, centre: Centre, result: ImportPreview, out: Output) -> None:
    if args.report is None:
        return
    ExportService(centre.settings).import_errors(result, path=args.report, actor=centre.actor, lang=out.lang)
    if not out.as_json:
        out.say("import.cli.report_saved", path=str(args.report))


def cmd_export_pickup(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    exported = ExportService(centre.settings).pickup_list(
        args.session,
        path=args.output,
        actor=centre.actor,
        state=CertificateState(args.state),
        lang=out.lang,
    )
    return _exported(out, exported.rows, args.output)


def cmd_export_reissues(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    exported = ExportService(centre.settings).reissue_requests(
        path=args.output, actor=centre.actor, since=args.since, lang=out.lang
    )
    return _exported(out, exported.rows, args.output)


def cmd_export_lookup(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    lookup = LookupService(centre.settings)
    found = lookup.search(args.query, counts=False)
    if found.problem is not None:
        raise found.problem
    ids = lookup.more(args.query).ids if found.truncated else found.ids
    exported = ExportService(centre.settings).lookup_results(
        ids, path=args.output, actor=centre.actor, lang=out.lang
    )
    return _exported(out, exported.rows, args.output)


def _exported(out: Output, count: int, path: Path) -> int:
    out.say("export.done", rows=count, path=str(path))
    return EXIT_OK
