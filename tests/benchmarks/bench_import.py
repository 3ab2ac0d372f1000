"""Benchmark of importing official lists: a large CSV and a large workbook, against raw sqlite3 baselines.

What it does
------------
1. Writes a list CSV of ``--rows`` rows (default 1,000,000) the way official lists look: a title row, the
   header (序号, 姓名, 身份证号码, 证书编号, 管理号, 资格名称, 考试批次, 批准日期), UTF-8 with BOM. People
   come from the demo people factory (``PeopleFactory``): valid resident ID numbers with real county codes,
   one distinct person per row (a session's list names each candidate once), names with 复姓, minority names
   and rare characters. ``--csv PATH`` keeps the file for the next run.
2. Imports it into a fresh database (schema and catalogue, nothing else) with ``ImportService.run`` —
   full validation, all or nothing, one transaction, ``synchronous=FULL`` — and prints the time, rows/s,
   the time per phase (read+validate+stage, analyse, apply, commit) and the peak RSS of that process
   (``ru_maxrss``; each measurement runs in a fresh child process, so the figure is the import's own).
   Then imports the same file again (every row unchanged) and prints the same.
3. Baselines, in the same run, on the same machine, each in a fresh child process:
   * **raw-write**: plain ``sqlite3``, the very holder and certificate rows the import wrote (read back
     from its database), ``executemany`` into a fresh database with the same schema, indexes and pragmas,
     one transaction. What writing these rows costs without any checking at all.
   * **raw-write, bulk**: the same, dropping and rebuilding the indexes the import rebuilds for a large
     load: what writing these rows costs at best in this schema.
   * **raw-rows**: plain ``sqlite3``, the CSV's rows as text tuples straight from ``csv.reader``,
     ``executemany`` into one table without indexes, one transaction, same pragmas: the floor of getting
     the file's rows into SQLite.
   * **floor, no checks**: the least any import of this file into this schema does — ``csv.reader``
     straight into ``holder`` and ``certificate`` (two ``executemany``, values as the file has them, no
     validation, no pinyin, no matching), every secondary index dropped and rebuilt with the import's
     sorter settings, one transaction. What this machine can reach at all.
   Prints them and the ratios import / baseline.
4. Writes a ``--xlsx-rows`` row workbook (default 200,000; openpyxl write-only) and imports it the same
   way: the time of a large workbook and its peak memory.

Targets (the issue's): CSV ≥ 100,000 rows/s with full validation; within 3× of a raw ``executemany`` of
the same rows; peak memory under 300 MB. It reports PASS/FAIL per target and does not assert: the exit
code is 0 unless something fails with an error. ``--profile`` adds a cProfile of the first import.

How to run (from the project root; see tests/benchmarks/README.md)::

    .venv/bin/python tests/benchmarks/bench_import.py                              # 1,000,000 + 200,000
    .venv/bin/python tests/benchmarks/bench_import.py --csv /tmp/list-1m.csv       # keep the CSV
    .venv/bin/python tests/benchmarks/bench_import.py --rows 50000 --xlsx-rows 10000   # a quick check
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import json
import platform
import pstats
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

TARGET_ROWS_PER_S = 100_000
TARGET_RATIO = 3.0
TARGET_RSS_MB = 300
TODAY = date(2026, 11, 29)
HEADER = ("序号", "姓名", "身份证号码", "证书编号", "管理号", "资格名称", "考试批次", "批准日期")
QUALIFICATIONS = (
    "软件设计师",
    "网络工程师",
    "系统分析师",
    "信息系统项目管理师",
    "程序员（初级）",
    "数据库系统工程师",
    "系统集成项目管理工程师",
    "信息安全工程师",
)
PROFILE_TOP = 25
FLOOR_BATCH = 5_000


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def list_rows(count: int, seed: int) -> Iterator[list[Any]]:
    from ruankao_desktop.core.services.demo_people import PeopleFactory

    rng = random.Random(seed)
    factory = PeopleFactory(rng)
    for index in range(count):
        person = factory.person()
        yield [
            index + 1,
            person.name,
            person.id_number,
            f"C2611{index:07d}",
            f"2026111{index:09d}",
            rng.choice(QUALIFICATIONS),
            "2026年上半年",
            "2026/7/1",
        ]


def write_csv(path: Path, count: int, seed: int) -> None:
    started = time.perf_counter()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["2026年上半年计算机技术与软件专业技术资格（水平）考试合格人员名单"])
        writer.writerow(HEADER)
        writer.writerows(list_rows(count, seed))
    elapsed = time.perf_counter() - started
    print(
        f"wrote {count:,} rows to {path} in {elapsed:.1f} s ({path.stat().st_size / 1e6:,.0f} MB)", flush=True
    )


def write_xlsx(path: Path, count: int, seed: int) -> None:
    from openpyxl import Workbook

    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("合格名单")
    sheet.append(["2026年上半年计算机技术与软件专业技术资格（水平）考试合格人员名单"])
    sheet.append(list(HEADER))
    for row in list_rows(count, seed):
        sheet.append(row)
    workbook.save(str(path))
    elapsed = time.perf_counter() - started
    print(
        f"wrote {count:,} rows to {path} in {elapsed:.1f} s ({path.stat().st_size / 1e6:,.0f} MB)", flush=True
    )


# ------------------------------------------------------------------------------- child processes


def child_import(database: Path, source: Path, *, profile: bool, times: int) -> dict[str, Any]:
    """Run in a fresh process: import `source` `times` times into `database` (created here)."""
    from ruankao_desktop.core.services.audit import Actor
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.importing import ImportService

    centre = open_centre(str(database))
    runs = []
    try:
        service = ImportService(centre.settings, today=lambda: TODAY)
        for attempt in range(times):
            profiler = cProfile.Profile() if profile and attempt == 0 else None
            started = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            report = service.run(source, actor=Actor("bench", "bench"))
            if profiler is not None:
                profiler.disable()
            elapsed = time.perf_counter() - started
            runs.append(
                {
                    "seconds": elapsed,
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "rejected": report.rejected_rows,
                    "timings": report.timings,
                    "rss_mb": peak_rss_mb(),
                }
            )
            if profiler is not None:
                print_profile(profiler, report.rows)
    finally:
        centre.close()
    return {"runs": runs}


def print_profile(profiler: cProfile.Profile, rows: int) -> None:
    # pstats keeps (untyped) {(file, line, function): (primitive calls, calls, own s, cumulative s, callers)}
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = vars(pstats.Stats(profiler))[
        "stats"
    ]
    scale = 1e6 / max(rows, 1)
    print(
        f"\n--- cProfile of the first import: per row, profiler-inflated ({rows:,} rows) ---", file=sys.stderr
    )
    print(f"{'own µs':>8} {'cum µs':>8} {'calls':>8}  function", file=sys.stderr)
    ranked = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)
    for (file, line, function), (_, calls, own, cumulative, _) in ranked[:PROFILE_TOP]:
        where = f"{Path(file).name}:{line} {function}" if file != "~" else function
        print(
            f"{own * scale:>8.2f} {cumulative * scale:>8.2f} {calls / rows:>8.3f}  {where}", file=sys.stderr
        )


def _connect(path: Path) -> sqlite3.Connection:
    """A raw connection with the application's pragmas (WAL, foreign keys, synchronous FULL, cache)."""
    from ruankao_desktop.core.store.database import SQLITE_PRAGMAS

    connection = sqlite3.connect(path, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        connection.execute(f"PRAGMA {name} = {value}")
    return connection


def child_raw_write(imported: Path, target: Path, *, bulk: bool) -> dict[str, Any]:
    """Run in a fresh process: the holder and certificate rows the import wrote, executemany'd into a
    fresh database of the same schema (built here, with the catalogue and the session). With `bulk`,
    the indexes the import drops for a large load are dropped first and rebuilt after, as it does."""
    from ruankao_desktop.core.services.centre import open_centre

    open_centre(str(target)).close()
    source = sqlite3.connect(f"{imported.as_uri()}?mode=ro", uri=True)
    connection = _connect(target)
    connection.executemany(
        "INSERT INTO exam_session VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        source.execute("SELECT * FROM exam_session"),
    )
    tables = {}
    for table in ("holder", "certificate"):
        columns = [row[1] for row in source.execute(f'PRAGMA table_info("{table}")')]
        tables[table] = (columns, f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    rebuild = []
    if bulk:
        rebuild = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND (tbl_name = 'holder' OR name = 'certificate_management_no')"
        ).fetchall()
        for name, _ in rebuild:
            connection.execute(f'DROP INDEX "{name}"')
    for table, (columns, select) in tables.items():
        marks = ", ".join("?" * len(columns))
        connection.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", source.execute(select)
        )
    for _, sql in rebuild:
        connection.execute(sql)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    rows = connection.execute("SELECT COUNT(*) FROM certificate").fetchone()[0]
    connection.close()
    source.close()
    return {"seconds": elapsed, "rows": rows, "rss_mb": peak_rss_mb()}


def child_floor(imported: Path, source: Path, target: Path) -> dict[str, Any]:
    """Run in a fresh process: the least any import of this file into this schema does, with no checks
    at all — the CSV's rows through ``csv.reader`` straight into ``holder`` and ``certificate`` with two
    ``executemany`` (values taken as the file has them; the qualification by a dict, the pinyin keys
    left empty), every secondary index of both tables dropped first and rebuilt after with the
    import's sorter settings, one transaction, the application's pragmas."""
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.store.database import SQLITE_PRAGMAS

    open_centre(str(target)).close()
    connection = _connect(target)
    sessions = sqlite3.connect(f"{imported.as_uri()}?mode=ro", uri=True).execute("SELECT * FROM exam_session")
    connection.executemany("INSERT INTO exam_session VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions)
    session_id = connection.execute("SELECT MAX(id) FROM exam_session").fetchone()[0]
    ids = dict(connection.execute("SELECT name, id FROM qualification"))
    qualifications = {name: ids[name.split("（")[0]] for name in QUALIFICATIONS}
    stamp = "2026-11-29 12:00:00"
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    rebuild = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('holder', 'certificate')"
    ).fetchall()
    for name, _ in rebuild:
        connection.execute(f'DROP INDEX "{name}"')
    holders: list[tuple[Any, ...]] = []
    certificates: list[tuple[Any, ...]] = []
    holder_sql = (
        "INSERT INTO holder (id, name, id_type, id_number, birth_date, gender, name_pinyin, name_initials, "
        "id_tail, created_at) VALUES (?, ?, 'resident', ?, ?, ?, '', '', ?, ?)"
    )
    certificate_sql = (
        "INSERT INTO certificate (cert_no, management_no, qualification_id, session_id, holder_id, "
        "approved_on, issuer, reissue_pending, version, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, '', 0, 1, ?, ?)"
    )
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        next(reader)
        for number, (_, name, id_number, cert_no, management_no, qualification, _, approved) in enumerate(
            reader, start=1
        ):
            born = f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}"
            holders.append((number, name, id_number, born, id_number[16:17], id_number[-4:], stamp))
            certificates.append(
                (
                    cert_no,
                    management_no,
                    qualifications[qualification],
                    session_id,
                    number,
                    approved,
                    stamp,
                    stamp,
                )
            )
            if len(holders) == FLOOR_BATCH:
                connection.executemany(holder_sql, holders)
                connection.executemany(certificate_sql, certificates)
                holders.clear()
                certificates.clear()
    connection.executemany(holder_sql, holders)
    connection.executemany(certificate_sql, certificates)
    connection.execute("PRAGMA cache_size = -2048")
    connection.execute("PRAGMA threads = 2")
    for _, sql in rebuild:
        connection.execute(sql)
    connection.execute(f"PRAGMA cache_size = {SQLITE_PRAGMAS['cache_size']}")
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    rows = connection.execute("SELECT COUNT(*) FROM certificate").fetchone()[0]
    connection.close()
    return {"seconds": elapsed, "rows": rows, "rss_mb": peak_rss_mb()}


def child_raw_rows(source: Path, target: Path) -> dict[str, Any]:
    """Run in a fresh process: the CSV's rows as text tuples into one table without indexes."""
    connection = _connect(target)
    connection.execute(f"CREATE TABLE raw_row ({', '.join(f'c{i} TEXT' for i in range(len(HEADER)))})")
    started = time.perf_counter()
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        next(reader)
        connection.execute("BEGIN IMMEDIATE")
        marks = ", ".join("?" * len(HEADER))
        connection.executemany(f"INSERT INTO raw_row VALUES ({marks})", reader)
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    rows = connection.execute("SELECT COUNT(*) FROM raw_row").fetchone()[0]
    connection.close()
    return {"seconds": elapsed, "rows": rows, "rss_mb": peak_rss_mb()}


def in_child(*argv: str) -> dict[str, Any]:
    """Run this script's `child` command in a fresh interpreter; its last output line is JSON."""
    result = subprocess.run(
        [sys.executable, __file__, "child", *argv], stdout=subprocess.PIPE, text=True, check=True
    )
    payload: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return payload


# ----------------------------------------------------------------------------------------- report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def describe_run(label: str, run: dict[str, Any]) -> str:
    rate = run["rows"] / run["seconds"]
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in run["timings"].items())
    counts = f"created {run['created']:,}, updated {run['updated']:,}, unchanged {run['unchanged']:,}"
    return (
        f"{label:<22} {run['rows']:>10,} rows  {run['seconds']:7.1f} s  {rate:>9,.0f} rows/s  "
        f"peak RSS {run['rss_mb']:5.0f} MB\n{'':<24}{counts}; phases: {phases}"
    )


def run(args: argparse.Namespace, folder: Path) -> None:
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, peewee {version('peewee')}, "
        f"openpyxl {version('openpyxl')}, {platform.machine()} {platform.system()}"
    )
    source = args.csv or folder / "list.csv"
    if args.csv is None or not args.csv.exists():
        write_csv(source, args.rows, args.seed)
    else:
        print(f"reusing {source} ({source.stat().st_size / 1e6:,.0f} MB)")

    imported = folder / "import.db"
    flags = ["--profile"] if args.profile else []
    result = in_child("import", str(imported), str(source), "--times", "2", *flags)
    first, second = result["runs"]
    raw_write = in_child("raw-write", str(imported), str(folder / "raw-write.db"))
    raw_bulk = in_child("raw-write", str(imported), str(folder / "raw-bulk.db"), "--bulk")
    raw_rows = in_child("raw-rows", str(source), str(folder / "raw-rows.db"))
    floor = in_child("floor", str(imported), str(folder / "floor.db"), "--source", str(source))

    print()
    print(describe_run("CSV import (new)", first))
    print(describe_run("CSV import (again)", second))
    baselines = (
        ("raw-write baseline", raw_write),
        ("raw-write, bulk", raw_bulk),
        ("raw-rows baseline", raw_rows),
        ("floor, no checks", floor),
    )
    for label, baseline in baselines:
        print(
            f"{label:<22} {baseline['rows']:>10,} rows  {baseline['seconds']:7.1f} s  "
            f"{baseline['rows'] / baseline['seconds']:>9,.0f} rows/s  peak RSS {baseline['rss_mb']:5.0f} MB"
        )
    rate = first["rows"] / first["seconds"]
    ratio_write = first["seconds"] / raw_write["seconds"]
    ratio_bulk = first["seconds"] / raw_bulk["seconds"]
    ratio_rows = first["seconds"] / raw_rows["seconds"]
    ratio_floor = first["seconds"] / floor["seconds"]
    print(
        f"\nratio import / raw-write (the same holder and certificate rows, same schema): {ratio_write:.2f}\n"
        f"ratio import / raw-write with the import's index rebuild:                      {ratio_bulk:.2f}\n"
        f"ratio import / raw-rows (the CSV's rows into one bare table):                 {ratio_rows:.2f}\n"
        f"ratio import / floor (the rows into this schema without any check):           {ratio_floor:.2f}"
    )

    xlsx_run = None
    if args.xlsx_rows:
        workbook = folder / "list.xlsx"
        write_xlsx(workbook, args.xlsx_rows, args.seed + 1)
        xlsx_run = in_child("import", str(folder / "xlsx.db"), str(workbook), "--times", "1")["runs"][0]
        print(describe_run("xlsx import (new)", xlsx_run))

    peak = max(run["rss_mb"] for run in (first, second, *([xlsx_run] if xlsx_run else [])))
    lines = [
        (rate >= TARGET_ROWS_PER_S, f"CSV import {rate:,.0f} rows/s (target ≥ {TARGET_ROWS_PER_S:,})"),
        (ratio_write <= TARGET_RATIO, f"{ratio_write:.2f}× raw-write (target ≤ {TARGET_RATIO:.0f}×)"),
        (ratio_bulk <= TARGET_RATIO, f"{ratio_bulk:.2f}× raw-write, bulk (target ≤ {TARGET_RATIO:.0f}×)"),
        (ratio_rows <= TARGET_RATIO, f"{ratio_rows:.2f}× raw-rows (target ≤ {TARGET_RATIO:.0f}×)"),
        (ratio_floor <= TARGET_RATIO, f"{ratio_floor:.2f}× floor, no checks (target ≤ {TARGET_RATIO:.0f}×)"),
        (peak < TARGET_RSS_MB, f"peak RSS {peak:.0f} MB (target < {TARGET_RSS_MB} MB)"),
    ]
    print("\nSUMMARY")
    for ok, text in lines:
        print(f"  {verdict(ok)}  {text}")
    floor_rate = floor["rows"] / floor["seconds"]
    print(f"  info  floor, no checks: {floor_rate:,.0f} rows/s, the most an import into this schema reaches")
    if xlsx_run:
        rows, seconds = xlsx_run["rows"], xlsx_run["seconds"]
        print(f"  info  xlsx import of {rows:,} rows: {seconds:.1f} s, {rows / seconds:,.0f} rows/s")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the CSV (default 1,000,000)")
    parser.add_argument("--xlsx-rows", type=int, default=200_000, help="rows of the workbook; 0: none")
    parser.add_argument("--seed", type=int, default=7, help="seed of the people factory (default 7)")
    parser.add_argument("--csv", type=Path, help="a CSV to reuse when it exists, else to write and keep")
    parser.add_argument("--profile", action="store_true", help="cProfile the first import (to stderr)")
    return parser.parse_args(argv)


def child_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("import", "raw-write", "raw-rows", "floor"))
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--times", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--bulk", action="store_true")
    parser.add_argument("--source", type=Path)
    args = parser.parse_args(argv)
    if args.what == "import":
        payload = child_import(args.first, args.second, profile=args.profile, times=args.times)
    elif args.what == "floor":
        payload = child_floor(args.first, args.source, args.second)
    elif args.what == "raw-write":
        payload = child_raw_write(args.first, args.second, bulk=args.bulk)
    else:
        payload = child_raw_rows(args.first, args.second)
    print(json.dumps(payload))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["child"]:
        return child_main(argv[1:])
    args = parse_args(argv)
    if args.rows < 1 or args.xlsx_rows < 0:
        raise SystemExit("--rows must be positive and --xlsx-rows not negative")
    with tempfile.TemporaryDirectory(prefix="ruankao-bench-import-") as folder:
        run(args, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
