"""Benchmark of the near-miss suggestions (issue 11): `near_identifiers` against a full scan in Python.

What it does
------------
1. Seeds a SQLite database with ``--count`` demo certificates in a temporary folder, or reuses ``--db
   PATH`` when that file already holds certificates (a ``--db`` that does not exist yet is seeded and
   kept), as ``bench_lookup.py`` does and with its helpers.
2. Picks ``--samples`` random certificates with a fixed random seed and damages each one's 证书编号 and
   管理号 by one slip of a random kind (wrong, missing, extra or swapped digit) in its serial digits: the
   typed values that find nothing exactly and ask for suggestions.
3. Times per call (``time.perf_counter_ns``), after ``WARMUP_CALLS`` warm-up calls, ``near_identifiers``
   on the application's own connection for every damaged 证书编号 and 管理号, and prints the median and
   p95 in µs, with the candidates and statements per call and the suggestions found.
4. As the baseline, times on ``--naive-samples`` of the damaged 证书编号 the naive way: read every
   ``cert_no`` (``SELECT id, cert_no FROM certificate`` on the same connection) and keep those at
   optimal-string-alignment distance 1, computed in Python. Prints its median and p95 in ms, the speed-up
   of ``near_identifiers`` over it (medians), and whether both found the same certificates by cert_no.

It reports and does not assert: the exit code is 0 unless something fails with an error.

How to run (from the project root; see tests/benchmarks/README.md)::

    .venv/bin/python -m tests.benchmarks.bench_near_miss                              # 100,000 certificates
    .venv/bin/python -m tests.benchmarks.bench_near_miss --db /tmp/bench-1m.db         # reuse a seeded file
    .venv/bin/python -m tests.benchmarks.bench_near_miss --count 20000 --samples 200   # a quick check
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

from peewee import Database

from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.store.near_miss import CHUNK, FIELDS, Edit, near_identifiers, one_edit_candidates
from tests.benchmarks.bench_lookup import certificate_count, checkpoint, file_mb, p95_us, seed

WARMUP_CALLS = 50
SERIAL_DIGITS = 7  # the demo's numbers end in a serial of at least this many digits
EVERYTHING = 1_000_000  # a `limit` that cuts nothing, to compare with the full scan


def damage(stored: str, rng: random.Random) -> str:
    """`stored` with one slip of a random kind at a random place in its serial digits."""
    edit = rng.choice(list(Edit))
    position = rng.randrange(len(stored) - SERIAL_DIGITS, len(stored) - 1)
    other = rng.choice([digit for digit in "0123456789" if digit != stored[position]])
    head, tail = stored[:position], stored[position + 1 :]
    return {
        Edit.WRONG: head + other + tail,
        Edit.MISSING: head + tail,
        Edit.EXTRA: head + other + stored[position:],
        Edit.SWAPPED: head + stored[position + 1] + stored[position] + stored[position + 2 :],
    }[edit]


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (substitutions, deletions, insertions, adjacent swaps)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def naive_scan(database: Database, typed: str) -> set[int]:
    """The certificates whose cert_no is one edit from `typed`, by reading and comparing every one."""
    rows = database.execute_sql("SELECT id, cert_no FROM certificate").fetchall()
    return {int(row[0]) for row in rows if osa_distance(typed, str(row[1])) == 1}


def timed(call: Callable[[str], object], values: Sequence[str]) -> list[int]:
    clock = time.perf_counter_ns
    samples: list[int] = []
    for value in values:
        start = clock()
        call(value)
        samples.append(clock() - start)
    return samples


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=100_000, help="certificates to seed (default 100,000)")
    parser.add_argument("--seed", type=int, default=7, help="demo seed, also picks the samples (default 7)")
    parser.add_argument("--db", type=Path, help="a database file to reuse when seeded, else to seed and keep")
    parser.add_argument("--samples", type=int, default=1000, help="damaged numbers per field (default 1000)")
    parser.add_argument(
        "--naive-samples", type=int, default=5, help="damaged 证书编号 timed with the full scan (default 5)"
    )
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
    else:
        seed(path, count=args.count, seed=args.seed)

    rng = random.Random(args.seed)
    centre = open_centre(str(path))
    try:
        database = centre.opened.database
        rows = database.execute_sql("SELECT cert_no, management_no FROM certificate").fetchall()
        picked = rng.sample(rows, min(args.samples, len(rows)))
        typed = {
            field: [damage(str(row[index]), rng) for row in picked] for index, field in enumerate(FIELDS)
        }

        def suggest(value: str) -> object:
            return near_identifiers(database, value)

        for value in typed["cert_no"][:WARMUP_CALLS]:
            suggest(value)
        print(f"\n{len(picked):,} damaged numbers per field, {WARMUP_CALLS} warm-up calls")
        header = (
            f"{'typed':<14} {'median µs':>10} {'p95 µs':>10} {'candidates':>11} {'statements':>11} "
            f"{'suggestions':>12}"
        )
        print(header)
        print("-" * len(header))
        medians: dict[str, float] = {}
        for field in FIELDS:
            samples = timed(suggest, typed[field])
            medians[field] = statistics.median(samples) / 1000
            candidates = [len(one_edit_candidates(value)) for value in typed[field]]
            statements = statistics.mean(2 * math.ceil(count / CHUNK) for count in candidates)
            suggestions = statistics.mean(len(near_identifiers(database, value)) for value in typed[field])
            print(
                f"{field:<14} {medians[field]:>10.1f} {p95_us(samples):>10.1f} "
                f"{statistics.median(candidates):>11.0f} {statements:>11.2f} {suggestions:>12.2f}"
            )

        naive_ns: list[int] = []
        agree = 0
        for value in typed["cert_no"][: args.naive_samples]:
            start = time.perf_counter_ns()
            scanned = naive_scan(database, value)
            naive_ns.append(time.perf_counter_ns() - start)
            suggested = near_identifiers(database, value, limit=EVERYTHING)
            agree += scanned == {near.certificate_id for near in suggested if near.field == "cert_no"}
        naive_median_ms = statistics.median(naive_ns) / 1e6
        print(
            f"\nnaive baseline (every cert_no read, OSA distance in Python), {len(naive_ns)} samples: "
            f"median {naive_median_ms:,.1f} ms, p95 {p95_us(naive_ns) / 1000:,.1f} ms; "
            f"near_identifiers on cert_no is {naive_median_ms * 1000 / medians['cert_no']:,.0f}× faster "
            f"(medians); same certificates found: {agree}/{len(naive_ns)}"
        )
    finally:
        centre.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.count < 1 or args.samples < 1 or args.naive_samples < 1:
        raise SystemExit("--count, --samples and --naive-samples must be positive")
    if args.db is not None:
        run(args, args.db.expanduser().absolute())
        return 0
    with tempfile.TemporaryDirectory(prefix="ruankao-bench-") as folder:
        run(args, Path(folder) / "bench.db")
    return 0


if __name__ == "__main__":
    sys.exit(main())
