"""`fonts check`: the printing font chain and what each of its fonts covers (docs/architecture.md
"Printing and fonts")."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ruankao_desktop.commands.common import EXIT_OK, EXIT_PROBLEM, Output, Subparsers, format_table
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services.centre import Centre

if TYPE_CHECKING:
    from ruankao_desktop.core.services.fonts import CharacterFont, FontChain


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
    _register_fonts(commands)


# `fonts check [TEXT] [--json]` ---------------------------------------------------------------------------


def _register_fonts(commands: Subparsers) -> None:
    fonts = commands.add_parser("fonts", help="the fonts printed documents use")
    actions = fonts.add_subparsers(dest="fonts_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="list the font chain; with TEXT, which font prints each character (exit 3: one is missing)",
    )
    check.add_argument("text", nargs="?", metavar="TEXT", help="text to check, e.g. a holder's name")
    check.add_argument("--json", action="store_true", help="stable JSON on standard output")
    check.set_defaults(handler=cmd_fonts_check)


def cmd_fonts_check(args: argparse.Namespace, centre: Centre, out: Output) -> int:
    # Imported here: ReportLab is only needed by the commands that print, not at every start.
    from ruankao_desktop.core.services.fonts import character_fonts, fresh_chain

    chain = fresh_chain(centre.settings)
    text: str | None = args.text
    characters = character_fonts(chain, text or "")
    missing = [item for item in characters if item.font is None]
    if out.as_json:
        out.json(
            {
                "fonts": [
                    {
                        "name": face.name,
                        "family": face.family,
                        "file": str(face.path),
                        "subfont_index": face.subfont_index,
                        "code_points": len(face.coverage),
                    }
                    for face in chain.faces
                ],
                "text": text,
                "characters": [item._asdict() for item in characters],
                "missing": [{"char": item.char, "codepoint": item.codepoint} for item in missing],
                "ok": not missing,
            }
        )
    else:
        out.say("font.chain")
        print(_chain_table(chain, out.lang))
        if text is not None:
            print()
            print(_characters_table(characters, out.lang))
            if not missing:
                out.say("font.check.ok", count=len(characters))
    if missing:
        chars = ("、" if out.lang == "zh" else ", ").join(
            f"{item.char} ({item.codepoint})" for item in missing
        )
        out.warn(render("font.check.missing", out.lang, count=len(missing), chars=chars))
        return EXIT_PROBLEM
    return EXIT_OK


def _chain_table(chain: FontChain, lang: Language) -> str:
    headers = [
        render(f"font.column.{name}", lang) for name in ("position", "name", "family", "code_points", "file")
    ]
    rows = [
        [
            str(position),
            face.name,
            face.family,
            str(len(face.coverage)),
            _file_text(face.path, face.subfont_index),
        ]
        for position, face in enumerate(chain.faces, start=1)
    ]
    return format_table(headers, rows)


def _characters_table(characters: list[CharacterFont], lang: Language) -> str:
    headers = [render(f"font.column.{name}", lang) for name in ("char", "codepoint", "font")]
    rows = [[item.char, item.codepoint, item.font or render("font.missing", lang)] for item in characters]
    return format_table(headers, rows)


def _file_text(path: Path, index: int) -> str:
    return f"{path} #{index}" if path.suffix.lower() == ".ttc" else str(path)
