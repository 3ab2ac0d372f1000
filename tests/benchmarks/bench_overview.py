"""Benchmark of the overview (概览) on 1,000,000 certificates.

What it does
------------
1. Seeds ``DIR/engines-N.db`` (``--count``, default 1,000,000) as ``bench_engines.py`` does, or reuses it.
2. In a fresh process: ``OverviewService.overview()`` — the counts per state and session, today's
   handovers, reissues per step, expiring certificates, open enquiries — first call (cold page cache of
   that process) and the median and max of ``--runs`` more.
3. Baselines in the same run, each in a fresh process: the overview's statement that reads every
   certificate (grouped by session and handover) alone on bare sqlite3 with the application's pragmas;
   and the naive way, a state filter per state (``LookupService.search_ids``
   with ``Criteria(state=…)``, the advanced search's path), counting what each finds.

Target (issue 13): the overview opens in ≤ 300 ms. It reports PASS/FAIL and does not assert.

    .venv/bin/python -m tests.benchmarks.bench_overview
    .venv/bin/python -m tests.benchmarks.bench_overview --count 100000 --runs 3   # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from tests.benchmarks.bench_arrival import DEFAULT_DIR, verdict
from tests.benchmarks.bench_engines import in_child, in_folders
from tests.benchmarks.bench_lookup import certificate_count, checkpoint
from tests.benchmarks.bench_search import seed

TARGET_MS = 300.0
MODULE = "tests.benchmarks.bench_overview"
# The overview's one statement that reads every certificate (off the index by session and handover).
_GROUPED = "SELECT session_id, handover, COUNT(*) FROM certificate GROUP BY session_id, handover"


def child_service(database: str, runs: int) -> dict[str, Any]:
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.overview import OverviewService

    centre = open_centre(database)
    try:
        service = OverviewService(centre.settings)
        times = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            overview = service.overview()
            times.append((time.perf_counter() - started) * 1000)
    finally:
        centre.close()
    return {"times": times, "total": overview.total, "sessions": len(overview.sessions)}


def child_naive(database: str, runs: int) -> dict[str, Any]:
    from ruankao_desktop.core.domain.status import CertificateState
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.lookup import Criteria, LookupService

    centre = open_centre(database)
    try:
        lookup = LookupService(centre.settings)
        started = time.perf_counter()
        total = sum(
            len(lookup.search_ids(Criteria(state=state), limit=10_000_000).ids) for state in CertificateState
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
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        rows = connection.execute(_GROUPED).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return {"times": times, "total": sum(row[-1] for row in rows)}


def run(args: argparse.Namespace) -> None:
    seeded = args.dir / f"engines-{args.count}.db"
    os.environ["RUANKAO_DATA_DIR"] = str(args.home)
    if certificate_count(seeded):
        checkpoint(seeded)
        print(f"reusing {seeded}: {certificate_count(seeded):,} certificates")
    else:
        seed(seeded, count=args.count, demo_seed=args.seed)
    # The service first: it upgrades a file seeded by an older schema before the others read it.
    results = {
        what: in_child(args, what, what, str(seeded), str(args.runs), module=MODULE)
        for what in ("service", "bare", "naive")
    }
    service, bare, naive = results["service"], results["bare"], results["naive"]
    first, warm = service["times"][0], service["times"][1:]
    print(
        f"overview of {service['total']:,} certificates in {service['sessions']} sessions: first call "
        f"{first:.0f} ms, then median {statistics.median(warm):.0f} ms, max {max(warm):.0f} ms "
        f"({len(warm)} runs); target ≤ {TARGET_MS:.0f} ms {verdict(max(first, *warm) <= TARGET_MS)}"
    )
    print(
        f"bare sqlite3, the statement over every certificate alone: first {bare['times'][0]:.0f} ms, median "
        f"{statistics.median(bare['times'][1:]):.0f} ms"
    )
    print(
        f"naive, one state filter per state (the advanced search's path): {naive['times'][0]:.0f} ms "
        f"({naive['times'][0] / statistics.median(warm):.0f}× the overview); the same total: "
        f"{naive['total'] == service['total']}"
    )


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dir", type=type(DEFAULT_DIR), default=DEFAULT_DIR, help=f"data ({DEFAULT_DIR})")
    parser.add_argument("--count", type=int, default=1_000_000, help="certificates (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=7, help="demo seed (default 7)")
    parser.add_argument("--runs", type=int, default=5, help="warm runs timed (default 5)")
    return parser.parse_args(argv)


Child = Callable[[str, int], dict[str, Any]]


def dispatch(
    argv: Sequence[str] | None, children: dict[str, Child], work: Callable[[argparse.Namespace], None]
) -> int:
    """A benchmark's entry point: `child WHAT DATABASE RUNS` runs one of `children` and prints its JSON,
    anything else runs `work` with the options."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["child"]:
        what, database, runs = argv[1:4]
        print(json.dumps(children[what](database, int(runs))))
        return 0
    in_folders(parse_args(argv), work)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return dispatch(argv, {"service": child_service, "naive": child_naive, "bare": child_bare}, run)


if __name__ == "__main__":
    sys.exit(main())
