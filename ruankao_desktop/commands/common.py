"""What every command shares: where it writes, in which language, and the exit codes (docs/architecture.md
"The command line")."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeAlias

from ruankao_desktop.core.messages import LANGUAGES, Language, render
from ruankao_desktop.core.services.centre import Centre

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_PROBLEM, EXIT_NOT_FOUND = 0, 1, 2, 3, 4
# What a shell reports for a program ended by SIGPIPE (128 + 13): the reader of its output went away.
EXIT_BROKEN_PIPE = 141

# What a command module's `register(commands)` receives, and what its handlers look like.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Handler = Callable[[argparse.Namespace, Centre, "Output"], int]


class Output:
    """Where a command writes, in the chosen language."""

    def __init__(self, lang: Language, *, as_json: bool = False) -> None:
        self.lang = lang
        self.as_json = as_json

    def say(self, code: str, /, **params: Any) -> None:
        print(render(code, self.lang, **params))

    def warn(self, text: str) -> None:
        print(text, file=sys.stderr)

    def json(self, payload: dict[str, Any]) -> None:
        print(json.dumps(payload, ensure_ascii=False, indent=2))


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned for a terminal, counting wide (CJK) characters as two cells."""
    widths = [max(_display_width(cell) for cell in column) for column in zip(headers, *rows, strict=False)]
    lines = []
    for row in (headers, *rows):
        cells = [cell + " " * (width - _display_width(cell)) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# Option types: `add_argument(..., type=positive_int)`. A value they refuse is argparse's usage error,
# exit 2, before any database is opened. The language is not known yet while argparse converts values
# (--lang may come later), so the message is given in both.


def _refused(code: str, /, **params: Any) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(" / ".join(render(code, lang, **params) for lang in LANGUAGES))


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise _refused("option.whole_number", value=text) from None


def positive_int(text: str) -> int:
    """A count or a limit: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise _refused("option.positive_int", value=text)
    return value


def day(text: str) -> date:
    """A date as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise _refused("option.day", value=text) from None


def non_empty(text: str) -> str:
    """A name or code (a session, a sheet): not empty, without surrounding blanks."""
    if not text.strip():
        raise _refused("option.empty")
    return text.strip()


def file_path(text: str) -> Path:
    """A file to read or write: an empty path would otherwise mean the current folder."""
    return Path(non_empty(text))
