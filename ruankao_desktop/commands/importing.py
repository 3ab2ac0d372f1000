"""`import` and `export`: official certificate lists in, reports out (issue 5)."""

from __future__ import annotations

from ruankao_desktop.commands.common import Subparsers


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
