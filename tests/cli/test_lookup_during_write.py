"""`lookup` answers while another desk holds the write lock, and its audit event is never lost: not when
the lock frees later, not when the process is killed right after it answered (docs/architecture.md
"The audit trail")."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ruankao_desktop.core.messages import render
from ruankao_desktop.core.services import audit_spool
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.store.models import AuditEvent
from tests.cli.conftest import Run
from tests.write_lock import write_lock_held

SHOWCASE_ID = "110105199003071239"
ANSWER_WITHIN_S = 2.0  # generous; tests/benchmarks/bench_lookup_during_import.py measures it


def _lookup_events(database: Path) -> list[dict[str, object]]:
    centre = open_centre(str(database))
    try:
        return [
            json.loads(event.details)
            for event in AuditEvent.select().where(AuditEvent.action == "lookup").order_by(AuditEvent.id)
        ]
    finally:
        centre.close()


def test_a_lookup_during_another_desks_write_prints_its_results(demo_db: Path, run: Run) -> None:
    with write_lock_held(demo_db):
        started = time.perf_counter()
        code, out, err = run("--db", str(demo_db), "lookup", SHOWCASE_ID, "--json")
        elapsed = time.perf_counter() - started
        assert code == 0, err
        assert elapsed < ANSWER_WITHIN_S
        assert err == ""
        assert json.loads(out)["results"][0]["name"] == "张伟"
    [details] = _lookup_events(demo_db)  # written by the next start
    assert details["query"] == "110105********1239"
    assert details["results"] == json.loads(out)["count"]
    code, _, err = run("--db", str(demo_db), "audit", "verify")  # the drained event is in the chain
    assert code == 0, err


def test_a_lookup_that_finds_nothing_during_a_write_still_says_so(demo_db: Path, run: Run) -> None:
    with write_lock_held(demo_db):
        code, _, err = run("--db", str(demo_db), "lookup", "C99990009999")
        assert code == 4
        assert render("lookup.none", kind=render("kind.cert_no")) in err
    assert [details["results"] for details in _lookup_events(demo_db)] == [0]


def test_a_lookup_killed_right_after_it_answered_is_recorded_at_the_next_start(demo_db: Path) -> None:
    with write_lock_held(demo_db):
        process = subprocess.Popen(
            [sys.executable, "-m", "ruankao_desktop", "--db", str(demo_db), "lookup", SHOWCASE_ID],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"},
        )
        assert process.stdout is not None and process.stderr is not None
        shown = b""
        while b"110105********1239" not in shown:  # the answer's table row is out
            line = process.stdout.readline()
            assert line, process.stderr.read().decode("utf-8")
            shown += line
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        process.stdout.close()
        process.stderr.close()
        assert len(audit_spool_files(demo_db)) == 1
    [details] = _lookup_events(demo_db)
    assert details["query"] == "110105********1239"
    assert _lookup_events(demo_db) == [details]  # a second start writes nothing more
    assert audit_spool_files(demo_db) == []


def audit_spool_files(database: Path) -> list[Path]:
    """The spooled events of `database`, looked at without starting the program (which would drain)."""
    from ruankao_desktop.core.store.database import connect, db, parse_location

    engine = connect(parse_location(str(database)))
    db.initialize(engine)
    try:
        return audit_spool.pending()
    finally:
        engine.close()
