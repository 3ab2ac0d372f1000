"""The enquiry log on the command line: `enquiry log`, `enquiry list`, `enquiry answer`
(docs/architecture.md "The command line")."""

from __future__ import annotations

import argparse

from ruankao_desktop.commands.common import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    Output,
    Subparsers,
    day,
    format_table,
    non_empty,
    positive_int,
)
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.centre import Centre
from ruankao_desktop.core.services.enquiries import Channel, EnquiryRow, EnquiryService, FollowUp


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
    enquiry = commands.add_parser("enquiry", help="the log of phone, e-mail and walk-in enquiries")
    actions = enquiry.add_subparsers(dest="enquiry_command", metavar="ACTION", required=True)
    log = actions.add_parser("log", help="log an enquiry")
    log.add_argument("--channel", required=True, choices=[c.value for c in Channel], help="how it came")
    log.add_argument("--who", required=True, help="who asked")
    log.add_argument("--contact", required=True, help="a phone number or an e-mail address")
    log.add_argument("--question", required=True, help="what was asked")
    log.add_argument(
        "--cert", dest="cert_no", default="", metavar="CERT_NO", help="the certificate it is about"
    )
    log.add_argument("--answer", default="", help="the answer, if given at once")
    log.add_argument("--due", type=day, metavar="YYYY-MM-DD", help="follow it up by this day")
    log.add_argument("--json", action="store_true", help="stable JSON on standard output")
    log.set_defaults(handler=cmd_enquiry_log)
    listing = actions.add_parser("list", help="enquiries, newest first")
    listing.add_argument(
        "--search", default="", help="in the name, question, answer, 证书编号, contact's end"
    )
    listing.add_argument("--state", choices=[s.value for s in FollowUp], help="in this state only")
    listing.add_argument("--due", action="store_true", help="only open ones due today or before")
    listing.add_argument("--json", action="store_true", help="stable JSON on standard output")
    listing.set_defaults(handler=cmd_enquiry_list)
    answer = actions.add_parser("answer", help="record the answer given (and close it)")
    answer.add_argument("id", type=positive_int, help="its number, as `enquiry list` shows it")
    answer.add_argument("--answer", required=True, type=non_empty, help="what was answered")
    answer.add_argument("--close", action="store_true", help="nothing more to follow up")
    answer.add_argument("--due", type=day, metavar="YYYY-MM-DD", help="follow it up again by this day")
    answer.add_argument("--json", action="store_true", help="stable JSON on standard output")
    answer.set_defaults(handler=cmd_enquiry_answer)


def _as_json(row: EnquiryRow) -> dict[str, object]:
    return {
        "id": row.id,
        "at": row.at.isoformat(timespec="seconds"),
        "channel": row.channel.value,
        "who": row.who,
        "contact": row.contact_masked,
        "question": row.question,
        "cert_no": row.cert_no,
        "answer": row.answer,
        "state": row.state.value,
        "due_on": row.due_on.isoformat() if row.due_on else None,
        "overdue": row.overdue,
    }


def cmd_enquiry_log(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 logged; 3 refused (a detail missing or wrong, an unknown 证书编号)."""
    logged = EnquiryService().log(
        channel=Channel(args.channel),
        who=args.who,
        contact=args.contact,
        question=args.question,
        cert_no=args.cert_no,
        answer=args.answer,
        due_on=args.due,
        actor=centre.actor,
    )
    if out.as_json:
        out.json(_as_json(logged.row))
    else:
        out.say("cli.enquiry_logged", id=logged.row.id, state=logged.row.state)
    return EXIT_OK


def cmd_enquiry_list(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 listed, 4 none."""
    rows = EnquiryService().listed(
        text=args.search, state=FollowUp(args.state) if args.state else None, due_only=args.due
    )
    if out.as_json:
        out.json({"count": len(rows), "results": [_as_json(row) for row in rows]})
        return EXIT_OK if rows else EXIT_NOT_FOUND
    if not rows:
        out.say("cli.enquiry_none")
        return EXIT_NOT_FOUND
    names = ("id", "at", "channel", "who", "contact", "cert_no", "state", "question")
    headers = [render(f"cli.enquiry_column.{name}", out.lang) for name in names]
    table = [
        [
            str(row.id),
            f"{row.at:%Y-%m-%d %H:%M}",
            row.channel.text(out.lang),
            row.who,
            row.contact_masked,
            row.cert_no or "",
            row.state.text(out.lang) + (f" ({row.due_on})" if row.due_on else ""),
            row.question[:40],
        ]
        for row in rows
    ]
    print(format_table(headers, table))
    return EXIT_OK


def cmd_enquiry_answer(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 recorded; 3 no such enquiry, closed already, no answer, a follow-up day in the past."""
    logged = EnquiryService().answer(
        args.id, answer=args.answer, close=args.close, due_on=args.due, actor=centre.actor
    )
    if out.as_json:
        out.json(_as_json(logged.row))
    else:
        out.say("cli.enquiry_answered", id=logged.row.id, state=logged.row.state)
    return EXIT_OK
