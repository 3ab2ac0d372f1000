"""The reissue workflow on the command line: `reissue list`, `approve`, `return`, `report`, `arrived`
(docs/architecture.md "The command line")."""

from __future__ import annotations

import argparse

from ruankao_desktop.commands.common import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    Output,
    Subparsers,
    day,
    file_path,
    format_table,
    non_empty,
    positive_int,
)
from ruankao_desktop.core.domain.reissue import ReissueKind, ReissueStatus
from ruankao_desktop.core.errors import UsageError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.reissue_workflow import QueueRow, ReissueWorkflow, Stepped

_SUBMITTED = [s.value for s in ReissueStatus if s is not ReissueStatus.DRAFT]


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
    reissue = commands.add_parser(
        "reissue", help="the reissue workflow: review, send upstream, the new certificate"
    )
    actions = reissue.add_subparsers(dest="reissue_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="submitted applications, oldest step first, with counts")
    listing.add_argument("--status", choices=_SUBMITTED, help="at this step only")
    listing.add_argument("--kind", choices=[k.value for k in ReissueKind], help="of this kind only")
    listing.add_argument("--session", type=non_empty, help="of this session (code or name) only")
    listing.add_argument(
        "--older-than", type=positive_int, metavar="DAYS", help="at their step for at least DAYS days"
    )
    listing.add_argument("--json", action="store_true", help="stable JSON on standard output")
    listing.set_defaults(handler=cmd_reissue_list)
    approve = actions.add_parser("approve", help="已提交 → 已审核: complete, for the next batch")
    approve.add_argument("tracking_no", type=non_empty, help="受理编号 (BF…)")
    approve.add_argument("--json", action="store_true", help="stable JSON on standard output")
    approve.set_defaults(handler=cmd_reissue_approve)
    back = actions.add_parser("return", help="→ 已退回, with the reason the applicant is told")
    back.add_argument("tracking_no", type=non_empty, help="受理编号 (BF…)")
    back.add_argument("--reason", required=True, help="what is wrong, for the applicant")
    back.add_argument("--json", action="store_true", help="stable JSON on standard output")
    back.set_defaults(handler=cmd_reissue_return)
    report = actions.add_parser(
        "report", help="every approved application (or those named) in a batch sent upstream: 已上报"
    )
    report.add_argument("tracking_nos", nargs="*", metavar="TRACKING_NO", help="only these")
    report.add_argument(
        "-o", "--output", required=True, type=file_path, metavar="FOLDER", help="where the batch's files go"
    )
    report.add_argument("--json", action="store_true", help="stable JSON on standard output")
    report.set_defaults(handler=cmd_reissue_report)
    arrived = actions.add_parser(
        "arrived",
        help="已上报 → 新证已到: the new certificate came, with its number (or a list of them from a file)",
    )
    arrived.add_argument("tracking_no", nargs="?", type=non_empty, help="受理编号 (BF…)")
    arrived.add_argument("--new-cert-no", type=non_empty, metavar="NO", help="新证书编号")
    arrived.add_argument(
        "--file",
        type=file_path,
        metavar="LIST",
        help="a CSV or Excel list: 受理编号 (or 原证书编号) and 新证书编号 columns; all or nothing",
    )
    arrived.add_argument("--date", type=day, metavar="YYYY-MM-DD", help="the day they arrived (today)")
    arrived.add_argument("--json", action="store_true", help="stable JSON on standard output")
    arrived.set_defaults(handler=cmd_reissue_arrived)


def _row_json(row: QueueRow) -> dict[str, object]:
    return {
        "tracking_no": row.tracking_no,
        "kind": row.kind.value,
        "status": row.status.value,
        "cert_no": row.cert_no,
        "name": row.name,
        "session": row.session,
        "submitted_at": row.submitted_at.isoformat(timespec="seconds") if row.submitted_at else None,
        "days": row.days,
        "batch_no": row.batch_no,
        "new_cert_no": row.new_cert_no,
        "return_reason": row.return_reason,
    }


def cmd_reissue_list(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 listed, 4 none matched."""
    queue = ReissueWorkflow(centre.settings).queue(
        status=ReissueStatus(args.status) if args.status else None,
        kind=ReissueKind(args.kind) if args.kind else None,
        session=args.session,
        older_than_days=args.older_than,
    )
    counts = {status.value: count for status, count in queue.counts.items()}
    if out.as_json:
        out.json(
            {
                "total": queue.total,
                "count": len(queue.rows),
                "counts_by_status": counts,
                "results": [_row_json(row) for row in queue.rows],
            }
        )
        return EXIT_OK if queue.rows else EXIT_NOT_FOUND
    summary = " · ".join(f"{status.text(out.lang)} {count}" for status, count in queue.counts.items())
    print(summary)
    if not queue.rows:
        out.say("cli.reissue_none")
        return EXIT_NOT_FOUND
    names = ("tracking_no", "status", "kind", "cert_no", "name", "days", "more")
    headers = [render(f"cli.reissue_column.{name}", out.lang) for name in names]
    rows = [
        [
            row.tracking_no,
            row.status.text(out.lang),
            row.kind.text(out.lang),
            row.cert_no,
            row.name,
            str(row.days),
            row.new_cert_no or row.batch_no or row.return_reason or "",
        ]
        for row in queue.rows
    ]
    print(format_table(headers, rows))
    return EXIT_OK


def _stepped(stepped: Stepped, out: Output) -> int:
    if out.as_json:
        out.json({"tracking_no": stepped.tracking_no, "status": stepped.status.value})
    else:
        out.say("cli.reissue_stepped", tracking_no=stepped.tracking_no, status=stepped.status)
    return EXIT_OK


def cmd_reissue_approve(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 approved; 3 no such application, or not 已提交."""
    return _stepped(ReissueWorkflow(centre.settings).approve(args.tracking_no, centre.actor), out)


def cmd_reissue_return(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 returned; 3 no reason, no such application, or past review."""
    workflow = ReissueWorkflow(centre.settings)
    return _stepped(workflow.send_back(args.tracking_no, args.reason, centre.actor), out)


def cmd_reissue_report(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 batch written; 3 nothing approved, a named one not approved, or a file that exists."""
    batch = ReissueWorkflow(centre.settings).report(
        args.output, centre.actor, tracking_nos=args.tracking_nos, lang=out.lang
    )
    if out.as_json:
        out.json(
            {
                "batch_no": batch.batch_no,
                "requests": batch.requests,
                "workbook": str(batch.workbook),
                "photos": str(batch.photos),
            }
        )
    else:
        out.say(
            "cli.reissue_reported",
            batch_no=batch.batch_no,
            requests=batch.requests,
            workbook=str(batch.workbook),
            photos=str(batch.photos),
        )
    return EXIT_OK


def cmd_reissue_arrived(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 recorded; 2 neither or both of a number and a list; 3 no such application, not 已上报, a
    number that is invalid or taken, or (for a list) any row that cannot be recorded — nothing is."""
    workflow = ReissueWorkflow(centre.settings)
    single = args.tracking_no is not None or args.new_cert_no is not None
    if args.file is None and (args.tracking_no is None or args.new_cert_no is None):
        raise UsageError("cli.arrived_usage")
    if args.file is not None and single:
        raise UsageError("cli.arrived_usage")
    if args.file is None:
        stepped = workflow.new_certificate(
            args.tracking_no, args.new_cert_no, centre.actor, arrived_on=args.date
        )
        return _stepped(stepped, out)
    listed = workflow.new_certificates_from_list(args.file, centre.actor, arrived_on=args.date)
    if out.as_json:
        out.json(
            {
                "recorded": len(listed.tracking_nos),
                "tracking_nos": list(listed.tracking_nos),
                "status": ReissueStatus.NEW_ARRIVED.value,
                "date": listed.day.isoformat(),
            }
        )
    else:
        out.say("cli.reissue_listed", count=len(listed.tracking_nos), day=listed.day.isoformat())
    return EXIT_OK
