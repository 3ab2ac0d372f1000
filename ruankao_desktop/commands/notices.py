"""Announcements (通知) on the command line: `notice add`, `notice list`, `notice withdraw`
(docs/architecture.md "The command line")."""

from __future__ import annotations

import argparse
from datetime import date

from ruankao_desktop.commands.common import (
    EXIT_OK,
    Output,
    Subparsers,
    day,
    format_table,
    positive_int,
)
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services.announcements import AnnouncementService, Audience, Shown
from ruankao_desktop.core.services.centre import Centre


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
    notice = commands.add_parser("notice", help="announcements shown at the desks and on the kiosk")
    actions = notice.add_subparsers(dest="notice_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="post an announcement for a span of days")
    add.add_argument("text", help="what it says, at most 200 characters")
    add.add_argument(
        "--for",
        dest="audience",
        choices=[a.value for a in Audience],
        default=Audience.BOTH.value,
        help="who sees it: desk, kiosk or both (default both)",
    )
    add.add_argument("--from", dest="starts", type=day, metavar="YYYY-MM-DD", help="first day (today)")
    add.add_argument("--until", dest="ends", type=day, required=True, metavar="YYYY-MM-DD", help="last day")
    add.add_argument("--json", action="store_true", help="stable JSON on standard output")
    add.set_defaults(handler=cmd_notice_add)
    listing = actions.add_parser("list", help="the current and coming announcements")
    listing.add_argument("--all", action="store_true", help="past and withdrawn ones too")
    listing.add_argument("--json", action="store_true", help="stable JSON on standard output")
    listing.set_defaults(handler=cmd_notice_list)
    withdraw = actions.add_parser("withdraw", help="stop showing an announcement")
    withdraw.add_argument("id", type=positive_int, help="its number, as `notice list` shows it")
    withdraw.set_defaults(handler=cmd_notice_withdraw)


def _as_json(shown: Shown) -> dict[str, object]:
    return {
        "id": shown.id,
        "text": shown.text,
        "audience": shown.audience.value,
        "from": shown.starts_on.isoformat(),
        "until": shown.ends_on.isoformat(),
        "withdrawn": shown.withdrawn,
    }


def cmd_notice_add(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    """Exit 0 posted; 3 refused (empty, too long, dates that never show it)."""
    posted = AnnouncementService().add(
        args.text, Audience(args.audience), args.starts or date.today(), args.ends, centre.actor
    )
    if out.as_json:
        out.json(_as_json(posted.shown))
    else:
        out.say("cli.notice_added", id=posted.shown.id, until=posted.shown.ends_on.isoformat())
    return EXIT_OK


def cmd_notice_list(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    listed = AnnouncementService().listed(everything=args.all)
    if out.as_json:
        out.json({"count": len(listed), "notices": [_as_json(shown) for shown in listed]})
        return EXIT_OK
    if not listed:
        out.say("cli.notice_none")
        return EXIT_OK
    names = ("id", "from", "until", "audience", "text")
    headers = [render(f"cli.notice_column.{name}", out.lang) for name in names]
    rows = [
        [
            str(s.id),
            s.starts_on.isoformat(),
            s.ends_on.isoformat(),
            render(f"notice.audience.{s.audience.value}", out.lang)
            + (render("notice.withdrawn", out.lang) if s.withdrawn else ""),
            s.text,
        ]
        for s in listed
    ]
    print(format_table(headers, rows))
    return EXIT_OK


def cmd_notice_withdraw(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    AnnouncementService().withdraw(args.id, centre.actor)
    out.say("cli.notice_withdrawn", id=args.id)
    return EXIT_OK
