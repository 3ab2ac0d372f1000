"""The front desk's work on the command line: certificates arriving, a session's pickup deadline, a
certificate handed over or revoked, the certificates expiring soon (docs/architecture.md "The command
line")."""

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
from ruankao_desktop.core.domain.handover import ByMail, ByProxy, ByUnit, Handover, InPerson
from ruankao_desktop.core.errors import KnownError, UsageError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.arrival import ArrivalService
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.handover import HandoverService, scan_at
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.overview import OverviewService
from ruankao_desktop.core.services.revocation import RevocationService
from ruankao_desktop.core.services.validity import ValidityService


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
    arrive = commands.add_parser(
        "arrive",
        help="mark a session's certificates (all not yet arrived, or those a list file names) as arrived",
    )
    arrive.add_argument("--session", required=True, type=non_empty, help="its code (2026H1) or name")
    arrive.add_argument("--date", required=True, type=day, metavar="YYYY-MM-DD", help="the day they arrived")
    arrive.add_argument(
        "--file",
        type=file_path,
        metavar="FILE",
        help="an arrival list (CSV, text or .xlsx): a 证书编号 column, or one number a line",
    )
    arrive.add_argument("--json", action="store_true", help="stable JSON on standard output")
    arrive.set_defaults(handler=cmd_arrive)

    deadline = commands.add_parser("deadline", help="change a session's pickup deadline, with a reason")
    deadline.add_argument("--session", required=True, type=non_empty, help="its code (2026H1) or name")
    deadline.add_argument("--date", required=True, type=day, metavar="YYYY-MM-DD", help="the new deadline")
    deadline.add_argument("--reason", required=True, help="why it changes (kept in the audit trail)")
    deadline.set_defaults(handler=cmd_deadline)

    handover = commands.add_parser(
        "handover",
        help="record that a certificate was handed over (in person, by proxy, to the employer, by mail)",
    )
    handover.add_argument("cert_no", type=non_empty, help="证书编号 of the certificate")
    how = handover.add_mutually_exclusive_group(required=True)
    how.add_argument("--in-person", action="store_true", help="本人: the holder, showing their ID card")
    how.add_argument("--proxy", action="store_true", help="代领: someone else, with the holder's 委托书")
    how.add_argument("--unit", metavar="NAME", help="单位代领: the employer's name")
    how.add_argument("--mail", action="store_true", help="邮寄: sent by courier")
    how.add_argument("--undo", action="store_true", help="take back the last handover, with --reason")
    handover.add_argument("--id", dest="id_number", metavar="ID", help="本人: the number on the card shown")
    handover.add_argument("--proxy-name", metavar="NAME", default="", help="代领: the proxy's name")
    handover.add_argument("--proxy-id", metavar="ID", default="", help="代领: the proxy's ID number")
    handover.add_argument(
        "--authorisation", type=file_path, metavar="FILE", help="代领: the signed 委托书 (PDF, JPG or PNG)"
    )
    handover.add_argument(
        "--id-copy-seen", action="store_true", help="代领: the holder's ID copy was checked"
    )
    handover.add_argument("--contact", metavar="NAME", default="", help="单位代领: who came for it")
    handover.add_argument(
        "--letter", type=file_path, metavar="FILE", help="单位代领: the employer's letter (PDF, JPG or PNG)"
    )
    handover.add_argument("--address", metavar="TEXT", default="", help="邮寄: the address")
    handover.add_argument("--phone", metavar="PHONE", default="", help="邮寄: the recipient's phone")
    handover.add_argument("--courier", metavar="NAME", default="", help="邮寄: the courier")
    handover.add_argument("--tracking", metavar="NO", default="", help="邮寄: the tracking number")
    handover.add_argument("--reason", default="", help="--undo: why (kept in the audit trail)")
    handover.add_argument("--json", action="store_true", help="stable JSON on standard output")
    handover.set_defaults(handler=cmd_handover)

    revoke = commands.add_parser("revoke", help="mark a certificate 已撤销, with the reason")
    revoke.add_argument("cert_no", type=non_empty, help="证书编号 of the certificate")
    revoke.add_argument(
        "--reason", required=True, help="why, e.g. the exam office's notice (kept in the trail)"
    )
    revoke.add_argument("--json", action="store_true", help="stable JSON on standard output")
    revoke.set_defaults(handler=cmd_revoke)

    overview = commands.add_parser("overview", help="certificates per state and session, and today's work")
    overview.add_argument("--json", action="store_true", help="stable JSON on standard output")
    overview.set_defaults(handler=cmd_overview)

    expiring = commands.add_parser("expiring", help="certificates whose validity term ends within N days")
    expiring.add_argument("--within", type=positive_int, default=90, metavar="DAYS", help="days ahead (90)")
    expiring.add_argument("--limit", type=positive_int, default=1000, metavar="N", help="at most N (1000)")
    expiring.add_argument("--json", action="store_true", help="stable JSON on standard output")
    expiring.set_defaults(handler=cmd_expiring)


def cmd_arrive(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 with the counts; 3 (nothing written) for an unknown session, a wrong date, a list that
    cannot be read or names numbers that are not the session's."""
    report = ArrivalService().mark_arrived(args.session, args.date, centre.actor, list_file=args.file)
    if out.as_json:
        out.json(
            {
                "session": report.session,
                "date": report.day.isoformat(),
                "arrived": report.arrived,
                "already": report.already,
            }
        )
    else:
        out.say(
            "cli.arrived",
            session=report.session,
            day=report.day.isoformat(),
            arrived=report.arrived,
            already=report.already,
        )
    return EXIT_OK


def cmd_deadline(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    ArrivalService().set_pickup_deadline(args.session, args.date, args.reason, centre.actor)
    out.say("cli.deadline_set", session=args.session, day=args.date.isoformat())
    return EXIT_OK


def cmd_handover(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 recorded (or undone); 2 an option missing; 3 refused with the reason: no such certificate,
    not waiting at the centre, a detail missing or wrong (the card not the holder's, a proxy's invalid ID
    number, an attachment that is not a whole PDF or picture or is too big), proxies forbidden here,
    already handed over (to whom, how, when), or nothing to undo."""
    service = HandoverService(centre.settings)
    if args.undo:
        recorded = service.undo_of(args.cert_no, reason=args.reason, actor=centre.actor)
    else:
        recorded = service.record_of(args.cert_no, _handover_of(args), actor=centre.actor)
    at = recorded.at.isoformat(timespec="seconds") if recorded.at else None
    if out.as_json:
        out.json(
            {
                "cert_no": recorded.cert_no,
                "method": recorded.method.value,
                "undone": bool(args.undo),
                "at": at,
                "operator": recorded.operator,
                "terminal": recorded.terminal,
            }
        )
    else:
        code = "cli.handover_undone" if args.undo else "cli.handed_over"
        out.say(code, cert_no=recorded.cert_no, method=recorded.method, at=(at or "").replace("T", " "))
    return EXIT_OK


def _handover_of(args: argparse.Namespace) -> Handover:
    """The handover the options describe; `UsageError` for the one option a kind cannot do without."""
    if args.in_person:
        if not args.id_number:
            raise UsageError("handover.id_needed")
        return InPerson(args.id_number)
    if args.proxy:
        return ByProxy(
            name=args.proxy_name,
            id_number=args.proxy_id,
            authorisation=scan_at(args.authorisation, "authorisation") if args.authorisation else None,
            holder_id_copy=args.id_copy_seen,
        )
    if args.unit is not None:
        return ByUnit(
            unit=args.unit,
            contact=args.contact,
            letter=scan_at(args.letter, "letter") if args.letter else None,
        )
    return ByMail(address=args.address, phone=args.phone, courier=args.courier, tracking_no=args.tracking)


def cmd_overview(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0."""
    overview = OverviewService(centre.settings).overview()
    if out.as_json:
        out.json(
            {
                "date": overview.today.isoformat(),
                "total": overview.total,
                "states": {state.value: count for state, count in overview.states.items()},
                "sessions": [
                    {
                        "code": session.code,
                        "name": session.name,
                        "total": session.total,
                        "states": {state.value: count for state, count in session.counts.items()},
                    }
                    for session in overview.sessions
                ],
                "handed_over_today": overview.handed_over_today,
                "overdue": overview.overdue,
                "reissues": {status.value: count for status, count in overview.reissues.items()},
                "expiring_90_days": overview.expiring,
                "open_enquiries": overview.open_enquiries,
                "due_enquiries": overview.due_enquiries,
            }
        )
        return EXIT_OK
    lang = out.lang
    print(" · ".join(f"{state.text(lang)} {count:,}" for state, count in overview.states.items() if count))
    out.say(
        "cli.overview",
        total=f"{overview.total:,}",
        today=f"{overview.handed_over_today:,}",
        overdue=f"{overview.overdue:,}",
        expiring=f"{overview.expiring:,}",
        enquiries=f"{overview.open_enquiries:,}",
    )
    headers = [render("cli.overview_session", lang), *(state.text(lang) for state in overview.states)]
    rows = [
        [session.name, *(f"{count:,}" for count in session.counts.values())] for session in overview.sessions
    ]
    print(format_table(headers, rows))
    return EXIT_OK


def cmd_revoke(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 revoked; 3 refused: no such certificate, no reason, revoked already (when and why)."""
    found = LookupService(centre.settings).by_cert_no(args.cert_no.upper())
    if not found:
        raise KnownError("revoke.no_certificate", cert_no=args.cert_no)
    RevocationService().revoke(
        found[0].certificate_id, reason=args.reason, expected_version=None, actor=centre.actor
    )
    if out.as_json:
        out.json({"cert_no": found[0].cert_no, "state": "revoked"})
    else:
        out.say("cli.revoked", cert_no=found[0].cert_no)
    return EXIT_OK


def cmd_expiring(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 with the list, soonest first; 4 when none ends within the window."""
    found = ValidityService(centre.settings).expiring(args.within, limit=args.limit)
    if out.as_json:
        out.json(
            {
                "within": args.within,
                "count": len(found),
                "results": [{**e.summary.as_json(out.lang), "days_left": e.days_left} for e in found],
            }
        )
    elif found:
        headers = [
            render(f"cli.column.{n}", out.lang) for n in ("cert_no", "name", "qualification", "valid_until")
        ]
        headers.append(render("cli.column.days_left", out.lang))
        rows = [
            [
                e.summary.cert_no,
                e.summary.name,
                e.summary.qualification,
                e.valid_until.isoformat(),
                str(e.days_left),
            ]
            for e in found
        ]
        print(format_table(headers, rows))
    else:
        out.say("cli.none_expiring", within=args.within)
    return EXIT_OK if found else EXIT_NOT_FOUND
