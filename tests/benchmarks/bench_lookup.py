"""Benchmark of the exact certificate look-ups: the service layer against the same SQL run with bare sqlite3.

What it does
------------
1. Seeds a SQLite database with ``--count`` demo certificates (``DemoSeeder``, as ``demo seed`` does) in a
   temporary folder, or reuses ``--db PATH`` when that file already holds certificates (seeding a million
   takes a minute or two; a ``--db`` that does not exist yet is seeded and kept for the next run). Prints
   the seeding time, certificates per second and the file size (after ``PRAGMA wal_checkpoint(TRUNCATE)``,
   plus whatever ``-wal`` file is left).
2. Picks ``--samples`` random existing holder ID numbers, certificate numbers (证书编号) and management
   numbers (管理号) with a fixed random seed, through a raw ``sqlite3`` connection.
3. For each kind, times per call (``time.perf_counter_ns``) the service look-up
   (``LookupService.by_id_number`` / ``by_cert_no`` / ``by_management_no``) and the very same SQL text
   (``core.store.search.statement``, which ``find`` runs) executed on a plain
   ``sqlite3`` connection to the same file with ``cursor.execute(sql, params).fetchall()``. Both are warmed
   up first, and the two alternate call by call (which one goes first alternates too) so that the page
   cache favours neither. The raw connection gets the application's ``cache_size`` so that only the Python
   layers differ.
4. Prints, per kind, the median and p95 in µs of both, the ratio service median / raw median and
   PASS/FAIL against the targets (service median ≤ 1000 µs, ratio ≤ 5.0), then a one-line summary.
   As a baseline it also times a holder query that cannot use the index (``id_number || '' = ?``) on
   ~20 samples, to show what the index is worth. ``--profile`` adds a cProfile of the service loops.

It reports and does not assert: the exit code is 0 unless something fails with an error.

How to run (from the project root; see tests/benchmarks/README.md)::

    .venv/bin/python tests/benchmarks/bench_lookup.py                        # 1,000,000 certificates
    .venv/bin/python tests/benchmarks/bench_lookup.py --db /tmp/bench-1m.db   # seed once, then reuse
    .venv/bin/python tests/benchmarks/bench_lookup.py --count 20000 --samples 500   # a quick check
"""

from __future__ import annotations

import argparse
import cProfile
import math
import platform
import pstats
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from peewee import Database

from ruankao_desktop.core.services.centre import Centre, open_centre
from ruankao_desktop.core.services.demo import DemoSeeder
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.store.database import SQLITE_PRAGMAS
from ruankao_desktop.core.store.search import MatchField, statement

TARGET_MEDIAN_US = 1000.0
TARGET_RATIO = 5.0
NAIVE_SAMPLES = 20
WARMUP_CALLS = 200
PROFILE_TOP = 15


@dataclass(frozen=True)
class Kind:
    label: str
    match: MatchField
    table: str
    column: str
    method: str  # the LookupService method


KINDS = (
    Kind("id_number", MatchField.ID_NUMBER, "holder", "id_number", "by_id_number"),
    Kind("cert_no", MatchField.CERT_NO, "certificate", "cert_no", "by_cert_no"),
    Kind("management_no", MatchField.MANAGEMENT_NO, "certificate", "management_no", "by_management_no"),
)


@dataclass(frozen=True)
class Result:
    kind: Kind
    service_ns: list[int]
    raw_ns: list[int]
    mismatches: int  # values where the service and the raw query found a different number of rows
    rows: int  # rows found by the raw query over all samples

    @property
    def service_median(self) -> float:
        return statistics.median(self.service_ns) / 1000

    @property
    def raw_median(self) -> float:
        return statistics.median(self.raw_ns) / 1000

    @property
    def ratio(self) -> float:
        return self.service_median / self.raw_median

    @property
    def passed(self) -> bool:
        return self.service_median <= TARGET_MEDIAN_US and self.ratio <= TARGET_RATIO


def p95_us(samples_ns: Sequence[int]) -> float:
    """The 95th percentile by nearest rank, in µs."""
    ordered = sorted(samples_ns)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] / 1000


def file_mb(path: Path) -> float:
    """The database's size on disk in MB (10^6 bytes), its -wal file included."""
    total = 0
    for candidate in (path, path.with_name(path.name + "-wal")):
        if candidate.exists():
            total += candidate.stat().st_size
    return total / 1e6


def checkpoint(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        connection.close()


def certificate_count(path: Path) -> int:
    """Certificates already in the file; 0 for a missing, empty or not yet migrated file."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM certificate").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def seed(path: Path, *, count: int, seed: int) -> None:
    print(f"seeding {count:,} certificates (seed {seed}) into {path} …", flush=True)
    step = max(count // 10, 1)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % step < 10_000 or done == total:
            print(f"  {done:>10,} / {total:,}  {time.perf_counter() - started:7.1f} s", flush=True)

    centre = open_centre(str(path))
    try:
        begun = time.perf_counter()
        report = DemoSeeder(count=count, seed=seed, today=date.today()).run(centre.actor, progress)
        elapsed = time.perf_counter() - begun
    finally:
        centre.close()
    checkpoint(path)
    print(
        f"seeded {report.certificates:,} certificates, {report.holders:,} holders, "
        f"{report.distributions:,} distribution events in {elapsed:.1f} s "
        f"= {report.certificates / elapsed:,.0f} certificates/s; file {file_mb(path):,.1f} MB"
    )


def sample_values(
    connection: sqlite3.Connection, table: str, column: str, wanted: int, rng: random.Random
) -> list[str]:
    """`wanted` distinct values of `column` from random rows (by rowid) of `table`."""
    low, high = connection.execute(f'SELECT MIN(rowid), MAX(rowid) FROM "{table}"').fetchone()
    if low is None:
        raise SystemExit(f"table {table} is empty: nothing to look up")
    found: dict[str, None] = {}
    attempts = 0
    while len(found) < wanted and attempts < wanted * 20:
        attempts += 1
        row = connection.execute(
            f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rng.randint(low, high),)
        ).fetchone()
        if row is not None and row[0] is not None:
            found[str(row[0])] = None
    return list(found)


def measure(
    kind: Kind,
    values: Sequence[str],
    *,
    service_call: Callable[[str], Sequence[object]],
    connection: sqlite3.Connection,
    database: Database,
) -> Result:
    statements = [statement(database, kind.match, value) for value in values]
    sql = statements[0][0]
    params = [tuple(parameters) for _, parameters in statements]
    clock = time.perf_counter_ns
    for index in range(min(WARMUP_CALLS, len(values))):
        service_call(values[index])
        connection.execute(sql, params[index]).fetchall()
    service_ns: list[int] = []
    raw_ns: list[int] = []
    mismatches = rows = 0
    for index, value in enumerate(values):
        if index % 2 == 0:
            start = clock()
            found = service_call(value)
            middle = clock()
            raw = connection.execute(sql, params[index]).fetchall()
            end = clock()
            service_ns.append(middle - start)
            raw_ns.append(end - middle)
        else:
            start = clock()
            raw = connection.execute(sql, params[index]).fetchall()
            middle = clock()
            found = service_call(value)
            end = clock()
            raw_ns.append(middle - start)
            service_ns.append(end - middle)
        rows += len(raw)
        mismatches += len(found) != len(raw)
    return Result(kind, service_ns, raw_ns, mismatches, rows)


def naive_scan_ms(connection: sqlite3.Connection, values: Sequence[str]) -> tuple[float, float]:
    """Median ms of a holder query by ID number that cannot use the index, and of the indexed one."""
    naive = 'SELECT "id", "name", "id_number" FROM "holder" WHERE "id_number" || \'\' = ?'
    indexed = 'SELECT "id", "name", "id_number" FROM "holder" WHERE "id_number" = ?'
    plan = " / ".join(str(row[-1]) for row in connection.execute(f"EXPLAIN QUERY PLAN {naive}", ("",)))
    print(f"naive scan query plan: {plan}")
    timings: dict[str, list[int]] = {naive: [], indexed: []}
    for sql in (naive, indexed):
        connection.execute(sql, (values[0],)).fetchall()  # warm-up
        for value in values:
            start = time.perf_counter_ns()
            if not connection.execute(sql, (value,)).fetchall():
                raise RuntimeError(f"{value!r} not found by {sql}")
            timings[sql].append(time.perf_counter_ns() - start)
    return statistics.median(timings[naive]) / 1e6, statistics.median(timings[indexed]) / 1e6


def profile_service(kind: Kind, values: Sequence[str], service_call: Callable[[str], object]) -> None:
    """cProfile one loop of service look-ups; prints the functions with the most own time, per look-up."""
    profiler = cProfile.Profile()
    profiler.enable()
    for value in values:
        service_call(value)
    profiler.disable()
    # pstats keeps (untyped) {(file, line, function): (primitive calls, calls, own s, cumulative s, callers)}
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = vars(pstats.Stats(profiler))[
        "stats"
    ]
    scale = 1e6 / len(values)
    print(
        f"\n--- cProfile, {len(values):,} × LookupService.{kind.method}: per look-up, profiler-inflated ---"
    )
    print(f"{'own µs':>8} {'cum µs':>8} {'calls':>6}  function")
    ranked = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)
    for (file, line, function), (_, calls, own, cumulative, _) in ranked[:PROFILE_TOP]:
        where = f"{Path(file).name}:{line} {function}" if file != "~" else function
        print(f"{own * scale:>8.2f} {cumulative * scale:>8.2f} {calls / len(values):>6.2f}  {where}")
    total = sum(entry[2] for entry in raw.values())
    print(f"{total * scale:>8.2f} µs per look-up in all, under the profiler")


def print_table(results: Sequence[Result]) -> None:
    header = (
        f"{'kind':<14} {'service med µs':>14} {'service p95 µs':>14} {'raw med µs':>11} "
        f"{'raw p95 µs':>11} {'ratio':>6}  verdict"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        verdict = "PASS" if result.passed else "FAIL"
        print(
            f"{result.kind.label:<14} {result.service_median:>14.1f} {p95_us(result.service_ns):>14.1f} "
            f"{result.raw_median:>11.1f} {p95_us(result.raw_ns):>11.1f} {result.ratio:>6.2f}  {verdict}"
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--count", type=int, default=1_000_000, help="certificates to seed (default 1,000,000)"
    )
    parser.add_argument("--seed", type=int, default=7, help="demo seed, also picks the samples (default 7)")
    parser.add_argument("--db", type=Path, help="a database file to reuse when seeded, else to seed and keep")
    parser.add_argument("--samples", type=int, default=2000, help="values looked up per kind (default 2000)")
    parser.add_argument("--profile", action="store_true", help="also cProfile the service look-up loops")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, path: Path) -> None:
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, peewee {version('peewee')}, "
        f"{platform.machine()} {platform.system()}"
    )
    existing = certificate_count(path)
    if existing:
        checkpoint(path)
        print(f"reusing {path}: {existing:,} certificates, file {file_mb(path):,.1f} MB (not re-seeded)")
        if existing != args.count:
            print(f"  note: --count {args.count:,} ignored, the file holds {existing:,}")
    else:
        seed(path, count=args.count, seed=args.seed)

    rng = random.Random(args.seed)
    centre: Centre = open_centre(str(path))
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA cache_size = {SQLITE_PRAGMAS['cache_size']}")
        samples = {
            kind.label: sample_values(connection, kind.table, kind.column, args.samples, rng)
            for kind in KINDS
        }
        service = LookupService(centre.settings)
        results: list[Result] = []
        print(f"\n{args.samples:,} samples per kind, {WARMUP_CALLS} warm-up calls; service and raw alternate")
        for kind in KINDS:
            call: Callable[[str], Sequence[object]] = getattr(service, kind.method)
            results.append(
                measure(
                    kind,
                    samples[kind.label],
                    service_call=call,
                    connection=connection,
                    database=centre.opened.database,
                )
            )
        print()
        print_table(results)
        for result in results:
            if result.mismatches:
                print(f"WARNING: {result.kind.label}: {result.mismatches} values gave a different row count")
        print(
            "rows per look-up: " + ", ".join(f"{r.kind.label} {r.rows / len(r.raw_ns):.2f}" for r in results)
        )

        naive_ms, indexed_ms = naive_scan_ms(connection, samples["id_number"][:NAIVE_SAMPLES])
        id_raw_ms = results[0].raw_median / 1000
        print(
            f"naive scan baseline (holder WHERE id_number || '' = ?, {NAIVE_SAMPLES} samples): "
            f"median {naive_ms:,.2f} ms vs {indexed_ms * 1000:,.1f} µs with the index on the same query "
            f"and {id_raw_ms * 1000:,.1f} µs for the full ID look-up ({naive_ms / id_raw_ms:,.0f}× slower)"
        )

        if args.profile:
            for kind in KINDS:
                profile_service(kind, samples[kind.label], getattr(service, kind.method))
    finally:
        connection.close()
        centre.close()

    failed = [r for r in results if not r.passed]
    verdict = "PASS" if not failed else "FAIL"
    detail = "; ".join(
        f"{r.kind.label} median {r.service_median:.0f} µs, ratio {r.ratio:.2f}" for r in (failed or results)
    )
    print(
        f"\nSUMMARY: {verdict} ({len(results) - len(failed)}/{len(results)} kinds meet service median ≤ "
        f"{TARGET_MEDIAN_US:.0f} µs and ratio ≤ {TARGET_RATIO:.1f}) — {detail}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.count < 1 or args.samples < 1:
        raise SystemExit("--count and --samples must be positive")
    if args.db is not None:
        run(args, args.db.expanduser().absolute())
        return 0
    with tempfile.TemporaryDirectory(prefix="ruankao-bench-") as folder:
        run(args, Path(folder) / "bench.db")
    return 0


if __name__ == "__main__":
    sys.exit(main())
