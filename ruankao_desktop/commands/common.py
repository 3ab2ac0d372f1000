"""What every command shares: where it writes, in which language, and the exit codes (docs/architecture.md
"The command line")."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.services.centre import Centre

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_PROBLEM, EXIT_NOT_FOUND = 0, 1, 2, 3, 4

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
