"""Benchmark of a session's certificates arriving, and of a handover, on 1,000,000 certificates.

What it does
------------
1. Seeds ``DIR/engines-N.db`` (``--count``, default 1,000,000) as ``bench_engines.py`` does, or reuses it
   (with its data folder ``DIR/home``, whose audit key its events are keyed with), and works on a fresh
   copy of it (``DIR/arrival.db``).
2. ``ArrivalService.mark_arrived`` of the newest session whose certificates have not arrived (at a million
   demo certificates about 64,000 of them): the whole call, one transaction with its audit event, in a
   fresh process. Baseline in the same run, on another fresh copy: the very statements it runs (the
   temporary table, the certificates' day and version, the ``distribution`` rows, the session's day)
   on bare sqlite3 with the application's pragmas, without the service or the audit event.
3. ``HandoverService.record_self_pickup`` on ``--handovers`` certificates of that session, now waiting
   (each one transaction with its audit event, ``synchronous=FULL``): median and p95. Baseline: the bare
   transaction of one ``distribution`` row and one certificate update with the same pragmas.
4. ``HandoverService.record`` by proxy on as many more, each with a 1 MB 委托书 (a PDF) kept in the
   database: median and p95, the scan's check and its row included.

Targets (issue 13): the session marked ≤ 5 s in one transaction; a handover ≤ 20 ms with its audit event.
It reports PASS/FAIL and does not assert. The data and log folders point to a temporary folder.

    .venv/bin/python -m tests.benchmarks.bench_arrival
    .venv/bin/python -m tests.benchmarks.bench_arrival --count 100000 --handovers 50   # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_engines import in_child, in_folders
from tests.benchmarks.bench_lookup import certificate_count, checkpoint
from tests.benchmarks.bench_search import seed

DEFAULT_DIR = Path(tempfile.gettempdir()) / "ruankao-bench-engines"
TARGET_ARRIVAL_S = 5.0
TARGET_HANDOVER_MS = 20.0
MODULE = "tests.benchmarks.bench_arrival"
_WAITING_SESSION = (
    "SELECT s.id, s.code, COUNT(*) FROM certificate c JOIN exam_session s ON s.id = c.session_id "
    "WHERE c.arrived_on IS NULL GROUP BY s.id, s.code ORDER BY s.exam_date DESC LIMIT 1"
)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def fresh_copy(seeded: Path, name: str) -> Path:
    copy = seeded.with_name(name)
    for leftover in seeded.parent.glob(name + "*"):
        leftover.unlink()
    shutil.copyfile(seeded, copy)
    return copy


def child_service(database: str, handovers: int) -> dict[str, Any]:
    """Child: the session marked, then `handovers` of its certificates handed over, timed."""
    from ruankao_desktop.core.domain.handover import Attachment, ByProxy
    from ruankao_desktop.core.services.arrival import ArrivalService
    from ruankao_desktop.core.services.audit import Actor
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.handover import HandoverService
    from ruankao_desktop.core.store.models import Certificate, Holder

    centre = open_centre(database)
    actor = Actor("bench", "desk-1")
    try:
        session_id, code, waiting = centre.opened.database.execute_sql(_WAITING_SESSION).fetchone()
        started = time.perf_counter()
        report = ArrivalService().mark_arrived(code, date.today(), actor)
        arrival_s = time.perf_counter() - started
        chosen = (
            Certificate.select(Certificate, Holder)
            .join(Holder)
            .where(Certificate.session == session_id)
            .order_by(Certificate.id)
            .limit(2 * handovers + 1)
        )
        service = HandoverService(centre.settings)
        times, proxy_times = [], []
        scan = Attachment("委托书.pdf", b"%PDF-1.7\n" + os.urandom(1_000_000) + b"\n%%EOF\n")
        proxy_id = "110105199003071239"
        for index, certificate in enumerate(chosen):
            started = time.perf_counter()
            if index <= handovers:
                service.record_self_pickup(
                    certificate.id,
                    presented_id=certificate.holder.id_number,
                    expected_version=certificate.version,
                    actor=actor,
                )
                times.append(time.perf_counter() - started)
                continue
            proxy = ByProxy("李四", proxy_id, scan, holder_id_copy=True)
            service.record(certificate.id, proxy, expected_version=certificate.version, actor=actor)
            proxy_times.append(time.perf_counter() - started)
    finally:
        centre.close()
    return {
        "code": code,
        "waiting": waiting,
        "arrived": report.arrived,
        "arrival_s": arrival_s,
        "handover_ms": [t * 1000 for t in times[1:]],
        "proxy_ms": [t * 1000 for t in proxy_times],
    }


def child_bare(database: str, handovers: int) -> dict[str, Any]:
    """Child: the same statements on bare sqlite3, without the service or the audit trail."""
    from ruankao_desktop.core.store.database import SQLITE_PRAGMAS

    connection = sqlite3.connect(database, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        connection.execute(f"PRAGMA {name} = {value}")
    session_id, _, waiting = connection.execute(_WAITING_SESSION).fetchone()
    now, day = datetime.now().isoformat(" "), date.today().isoformat()
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("CREATE TEMP TABLE arrival_target (certificate_id INTEGER PRIMARY KEY)")
    connection.execute(
        "INSERT INTO arrival_target SELECT id FROM certificate WHERE session_id = ? AND arrived_on IS NULL",
        (session_id,),
    )
    connection.execute(
        "UPDATE certificate SET arrived_on = ?, version = version + 1, updated_at = ? "
        "WHERE id IN (SELECT certificate_id FROM arrival_target)",
        (day, now),
    )
    connection.execute(
        "INSERT INTO distribution (certificate_id, event, operator, terminal, at) "
        "SELECT certificate_id, 'arrival', 'bench', 'desk-1', ? FROM arrival_target",
        (now,),
    )
    connection.execute("UPDATE exam_session SET actual_arrival = ? WHERE id = ?", (day, session_id))
    connection.execute("DROP TABLE arrival_target")
    connection.execute("COMMIT")
    arrival_s = time.perf_counter() - started
    ids = [
        row[0]
        for row in connection.execute(
            "SELECT id FROM certificate WHERE session_id = ? ORDER BY id LIMIT ?", (session_id, handovers)
        )
    ]
    times = []
    for certificate_id in ids:
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO distribution (certificate_id, event, method, operator, terminal, at) "
            "VALUES (?, 'handover', 'self', 'bench', 'desk-1', ?)",
            (certificate_id, now),
        )
        connection.execute(
            "UPDATE certificate SET handover = 'self', version = version + 1 WHERE id = ?", (certificate_id,)
        )
        connection.execute("COMMIT")
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return {"waiting": waiting, "arrival_s": arrival_s, "handover_ms": times}


def run(args: argparse.Namespace) -> None:
    seeded = args.dir / f"engines-{args.count}.db"
    os.environ["RUANKAO_DATA_DIR"] = str(args.home)
    if certificate_count(seeded):
        checkpoint(seeded)
        print(f"reusing {seeded}: {certificate_count(seeded):,} certificates")
    else:
        seed(seeded, count=args.count, demo_seed=args.seed)
    os.environ["RUANKAO_DATA_DIR"] = str(args.data)
    copies = {what: str(fresh_copy(seeded, f"arrival-{what}.db")) for what in ("service", "bare")}
    service, bare = (
        in_child(args, what, what, copies[what], str(args.handovers), module=MODULE) for what in copies
    )
    for leftover in args.dir.glob("arrival*.db*"):
        leftover.unlink()
    ratio = service["arrival_s"] / bare["arrival_s"]
    print(
        f"session {service['code']}: {service['arrived']:,} of {service['waiting']:,} certificates marked "
        f"arrived in {service['arrival_s']:.2f} s (one transaction, its audit event); bare sqlite3, the "
        f"same statements: {bare['arrival_s']:.2f} s ({ratio:.2f}×); target ≤ {TARGET_ARRIVAL_S:.0f} s "
        f"{verdict(service['arrival_s'] <= TARGET_ARRIVAL_S)}"
    )
    times, raw = service["handover_ms"], bare["handover_ms"]
    p95 = sorted(times)[int(0.95 * (len(times) - 1))]
    print(
        f"handover in person, {len(times)} after one warm-up: median {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms (synchronous=FULL, with its audit event); bare sqlite3 transaction "
        f"{statistics.median(raw):.1f} ms; target ≤ {TARGET_HANDOVER_MS:.0f} ms "
        f"{verdict(statistics.median(times) <= TARGET_HANDOVER_MS)}"
    )
    proxies = service["proxy_ms"]
    if proxies:
        p95 = sorted(proxies)[int(0.95 * (len(proxies) - 1))]
        print(
            f"handover by proxy with a 1 MB 委托书 kept in the database, {len(proxies)}: median "
            f"{statistics.median(proxies):.1f} ms, p95 {p95:.1f} ms; target ≤ {TARGET_HANDOVER_MS:.0f} ms "
            f"{verdict(statistics.median(proxies) <= TARGET_HANDOVER_MS)}"
        )


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"where the data goes ({DEFAULT_DIR})")
    parser.add_argument("--count", type=int, default=1_000_000, help="certificates (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=7, help="demo seed (default 7)")
    parser.add_argument("--handovers", type=int, default=100, help="handovers timed (default 100)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["child"]:
        what, database, handovers = argv[1:4]
        work = child_service if what == "service" else child_bare
        print(json.dumps(work(database, int(handovers))))
        return 0
    in_folders(parse_args(argv), run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
