"""Ways to damage a copy of a real SQLite file, as a disk, a crash or a careless hand would, and ways to
run the command line where the medium is read-only or full."""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engines import Target, database_dump, execute


def sha256(target: Target) -> str:
    """A SQLite file's bytes, or a server database's content, as one hash: equal hashes, unchanged."""
    if str(target).startswith("postgres"):
        return hashlib.sha256(repr(database_dump(target)).encode()).hexdigest()
    return hashlib.sha256(Path(target).read_bytes()).hexdigest()


def corrupt_table(path: Path, table: str) -> None:
    """Overwrite the root page of `table` with garbage, as a failing disk would."""
    with sqlite3.connect(path) as connection:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def drop_table(target: Target, table: str) -> None:
    """On either engine: a table gone, whatever referred to it."""
    if str(target).startswith("postgres"):
        execute(target, f'DROP TABLE "{table}" CASCADE')
        return
    with sqlite3.connect(target) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(f'DROP TABLE "{table}"')
    connection.close()


def drop_column(target: Target, table: str, column: str) -> None:
    execute(target, f'ALTER TABLE "{table}" DROP COLUMN "{column}"')


def private_mounts_available() -> bool:
    """Whether this run may mount in a private mount namespace (root with `unshare`, as in CI's
    container): a read-only bind and a tiny tmpfs are then real, not simulated."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        timeout=30,
        check=False,
    )
    return probe.returncode == 0


needs_private_mounts = pytest.mark.skipif(
    not private_mounts_available(), reason="needs root and unshare to mount a read-only or full medium"
)


def cli_command(*argv: str) -> str:
    """`python -m ruankao_desktop ARGV` as a shell command."""
    return " ".join(shlex.quote(part) for part in (sys.executable, "-m", "ruankao_desktop", *argv))


def in_private_mounts(script: str) -> subprocess.CompletedProcess[str]:
    """Run the shell `script` in a private mount namespace: what it mounts is gone with it."""
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def cli_with_mounts(setup: list[str], *argv: str) -> subprocess.CompletedProcess[str]:
    """The command line run after the shell commands `setup` (mounts), in a private mount namespace."""
    return in_private_mounts(" && ".join([*setup, f"exec {cli_command(*argv)}"]))


def read_only_bind(source: Path, target: Path) -> list[str]:
    """Shell commands that show `source` at `target` read-only."""
    return [
        f"mount --bind {shlex.quote(str(source))} {shlex.quote(str(target))}",
        f"mount -o remount,bind,ro {shlex.quote(str(target))}",
    ]


def tiny_disk(target: Path, size: str) -> list[str]:
    return [f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(str(target))}"]
