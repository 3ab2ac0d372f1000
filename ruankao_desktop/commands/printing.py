"""`print`, `verify` and `fonts check`: verifiable copies and the font chain (issue 4)."""

from __future__ import annotations

from ruankao_desktop.commands.common import Subparsers


def register(commands: Subparsers) -> None:
    """Add this feature's subcommands."""
