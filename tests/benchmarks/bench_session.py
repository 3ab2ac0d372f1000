"""Benchmark of a session's view (到证与领取) on 1,000,000 certificates.

What it does
------------
1. Seeds ``DIR/engines-N.db`` (``--count``, default 1,000,000) as ``bench_engines.py`` does, or reuses it.
2. In a fresh process, on the session with the most certificates arrived: ``SessionSheetService.sheet`` — the
   session's dates, its counts per state and its first page of 500 — with every state, narrowed to
   待领取, and narrowed to a common surname typed in the session; first call and the median and max of
   ``--runs`` more of each.
3. Baselines in the same run, each in a fresh process: bare sqlite3 with the application's pragmas
   reading the session's first 500 certificates and counting its certificates by handover (what the
   view needs at the least); and the naive way, one state filter per state for that session
   (``LookupService.search_ids``), counting what each finds.

No target is set for this view; the figures go in the closing note. It does not assert.

    .venv/bin/python -m tests.benchmarks.bench_session
    .venv/bin/python -m tests.benchmarks.bench_session --count 100000 --runs 3   # quick check
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from tests.benchmarks.bench_engines import in_child
from tests.benchmarks.bench_lookup import certificate_count, checkpoint
from tests.benchmarks.bench_overview import dispatch
from tests.benchmarks.bench_search import seed

MODULE = "tests.benchmarks.bench_session"
# The session with the most certificates that have arrived (a desk hands those over).
_BIGGEST = (
    "SELECT session_id, COUNT(*) FROM certificate WHERE arrived_on IS NOT NULL "
    "GROUP BY session_id ORDER BY 2 DESC LIMIT 1"
)
_SURNAME = "王"


def _timed(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def child_service(database: str, runs: int) -> dict[str, Any]:
    from ruankao_desktop.core.domain.status import CertificateState
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.session_sheet import SessionSheetService
    from ruankao_desktop.core.store.database import db

    centre = open_centre(database)
    try:
        session_id, size = db.obj.execute_sql(_BIGGEST).fetchone()
        sheets = SessionSheetService(centre.settings)
        every = sheets.sheet(session_id)
        waiting = sheets.sheet(session_id, state=CertificateState.AWAITING_PICKUP)
        surname = sheets.sheet(session_id, query=_SURNAME)
        return {
            "session_size": size,
            "counted": sum(every.counts.values()),
            "waiting": waiting.total,
            "surname": surname.total,
            "every": _timed(lambda: sheets.sheet(session_id), runs),
            "state": _timed(lambda: sheets.sheet(session_id, state=CertificateState.AWAITING_PICKUP), runs),
            "query": _timed(lambda: sheets.sheet(session_id, query=_SURNAME), runs),
        }
    finally:
        centre.close()


def child_naive(database: str, runs: int) -> dict[str, Any]:
    from ruankao_desktop.core.domain.status import CertificateState
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.lookup import Criteria, LookupService
    from ruankao_desktop.core.store.database import db

    centre = open_centre(database)
    try:
        session_id, _size = db.obj.execute_sql(_BIGGEST).fetchone()
        lookup = LookupService(centre.settings)
        started = time.perf_counter()
        total = sum(
            len(lookup.search_ids(Criteria(session_id=session_id, state=state), limit=10_000_000).ids)
            for state in CertificateState
        )
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        centre.close()
    return {"times": [elapsed], "total": total}


def child_bare(database: str, runs: int) -> dict[str, Any]:
    from ruankao_desktop.core.store.database import SQLITE_PRAGMAS

    connection = sqlite3.connect(database)
    for name, value in SQLITE_PRAGMAS.items():
        connection.execute(f"PRAGMA {name} = {value}")
    session_id, _size = connection.execute(_BIGGEST).fetchone()

    def read() -> None:
        connection.execute(
            "SELECT c.cert_no, h.name, h.id_number, c.qualification_id FROM certificate c "
            "JOIN holder h ON h.id = c.holder_id WHERE c.session_id = ? ORDER BY c.id LIMIT 500",
            (session_id,),
        ).fetchall()
        connection.execute(
            "SELECT handover, COUNT(*) FROM certificate WHERE session_id = ? GROUP BY handover", (session_id,)
        ).fetchall()

    times = _timed(read, runs)
    connection.close()
    return {"times": times}


def _line(name: str, times: list[float]) -> str:
    warm = times[1:]
    return (
        f"{name}: first {times[0]:.0f} ms, then median {statistics.median(warm):.0f} ms, "
        f"max {max(warm):.0f} ms ({len(warm)} runs)"
    )


def run(args: argparse.Namespace) -> None:
    seeded = args.dir / f"engines-{args.count}.db"
    os.environ["RUANKAO_DATA_DIR"] = str(args.home)
    if certificate_count(seeded):
        checkpoint(seeded)
        print(f"reusing {seeded}: {certificate_count(seeded):,} certificates")
    else:
        seed(seeded, count=args.count, demo_seed=args.seed)
    results = {
        what: in_child(args, what, what, str(seeded), str(args.runs), module=MODULE)
        for what in ("service", "bare", "naive")
    }
    service, bare, naive = results["service"], results["bare"], results["naive"]
    print(
        f"the biggest arrived session: {service['session_size']:,} certificates arrived "
        f"({service['waiting']:,} 待领取, {service['surname']:,} named {_SURNAME}…); counted per state: "
        f"{service['counted']:,}"
    )
    print(_line("the view, every state, first 500", service["every"]))
    print(_line("the view narrowed to 待领取, first 500", service["state"]))
    print(_line(f"the view with “{_SURNAME}” typed", service["query"]))
    print(_line("bare sqlite3, 500 rows and a count by handover", bare["times"]))
    print(
        f"naive, one state filter per state in the session: {naive['times'][0]:.0f} ms "
        f"({naive['times'][0] / statistics.median(service['every'][1:]):.1f}× the view); the same total: "
        f"{naive['total'] == service['counted']}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    return dispatch(argv, {"service": child_service, "naive": child_naive, "bare": child_bare}, run)


if __name__ == "__main__":
    sys.exit(main())
