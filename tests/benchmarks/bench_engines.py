"""Benchmark of the two engines on the same data: SQLite beside PostgreSQL, then eight desks on one server.

What it does
------------
1. **The same data on both engines.** Seeds ``DIR/engines-N.db`` (``--count`` certificates, default
   1,000,000) with ``DemoSeeder`` as ``demo seed`` does, or reuses it. Each run works on a fresh copy of
   it (``DIR/run.db``) and copies that, with ``db copy-to`` (``copying.copy_database``: every table, the
   row counts and a checksum per table compared), into a new database on the ``--server`` (dropped at the
   end unless ``--keep``). The copy's time is printed.
2. **Each search form.** The 17 query forms of ``bench_search.py`` (exact ID number / 证书编号 / 管理号,
   full name, surname, 复姓, surname + given, pinyin full and partial, initials, mixed, ID tails of 4 and
   6, surname + tail, 证书编号 prefix, a mistyped 证书编号, three words), ``--queries`` real queries each
   drawn from the SQLite file. One fresh child process per engine runs
   ``LookupService.search(q, limit=50, counts=False)`` for every query after a warm-up pass over a few of
   each form's, on one kept connection (the window's way), and returns the timings and each answer (the
   total, the ids on the first page, the suggested ids). Printed per form: median and p95 on each engine,
   PostgreSQL / SQLite, and how many of the answers were the same on both engines; and the least cost of
   a statement on each (``SELECT 1``: on PostgreSQL the round trip to the server).
3. **Print a copy.** In the same children, ``PrintingService.render_copy`` (the lookup, the signed QR
   code, the PDF, the print record, the verification code and the audit event in one transaction) for
   ``--print-samples`` certificates after one warm-up: median and p95 per engine.
4. **Import.** A ``--import-rows`` list (default 200,000 rows, ``bench_import.write_csv``: new people,
   a few of them clashing with the demo's, which the import skips as ``--skip-invalid``) imported with
   ``ImportService.run`` into each engine's 1,000,000-certificate database, in a fresh child process
   each: seconds, rows/s and the import's phases.
5. **Desks.** ``--desks`` processes (default 8), each a desk with its own data folder, started together
   against one database and working for ``--desk-seconds`` (default 60): 90 % lookups (an exact ID
   number, a 证书编号, a full name, pinyin or a surname, as the window searches, the audit event queued
   and then written), 10 % writes, half of them handovers in person (``record_self_pickup`` with the
   version just read, on certificates drawn from one shared pool of certificates waiting for pickup, so
   that desks collide) and half printed copies. Each desk counts what it was told: a handover
   acknowledged, refused because another desk recorded it first (``AlreadyHandedOver``), or any other
   error. Afterwards the parent counts the handovers in the database, certificates with two handovers,
   and verifies the audit chain. Printed: operations/s, lookup median and p95 (the answer, and the
   whole call with the event written), and errors, handovers acknowledged vs recorded. On PostgreSQL (the
   issue's figure) and, as the baseline, on the SQLite file (``--desk-engines``).

Targets (issue 12): every form, the copy and the import on PostgreSQL within 3× of SQLite; the desks:
zero errors and every acknowledged handover recorded, none twice. It reports PASS/FAIL and does not
assert. The data, log and config folders point to a temporary folder under ``--dir``.

How to run (from the project root, with ``-m``: it reuses bench_search.py and bench_import.py)::

    scripts/pg-test-server start      # prints the URL of a local test server
    .venv/bin/python -m tests.benchmarks.bench_engines --server "$(scripts/pg-test-server url)"
    .venv/bin/python -m tests.benchmarks.bench_engines --server URL --count 100000 --queries 20 \\
        --import-rows 20000 --desk-seconds 10                                          # quick check
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_import import write_csv
from tests.benchmarks.bench_lookup import certificate_count, checkpoint
from tests.benchmarks.bench_search import PAGE, WARMUP, draw_all, seed

DEFAULT_DIR = Path(tempfile.gettempdir()) / "ruankao-bench-engines"
TARGET_RATIO = 3.0
POOL = 5_000  # certificates waiting for pickup that the desks share
ROUND_TRIPS = 200  # `SELECT 1`s: a statement's least cost on each engine, the floor of an exact look-up
TODAY = date.today()
MODULE = "tests.benchmarks.bench_engines"


def ms(ns: float) -> float:
    return ns / 1e6


def pct(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def desk_environment(args: argparse.Namespace, name: str) -> dict[str, str]:
    """A desk's own data folder, holding the centre's audit key (as every desk sharing a database must:
    the admin guide's Backups), for a child process."""
    data = args.data / name
    shutil.copytree(args.home / "keys", data / "keys", dirs_exist_ok=True)
    return dict(os.environ, RUANKAO_DATA_DIR=str(data), RUANKAO_LOG_DIR=str(data))


def in_child(args: argparse.Namespace, name: str, *argv: str, module: str = MODULE) -> dict[str, Any]:
    """Run `argv` as a child of `module` in a fresh process, as the desk `name`; its JSON."""
    result = subprocess.run(
        [sys.executable, "-m", module, "child", *argv],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        env=desk_environment(args, name),
    )
    payload: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return payload


# ------------------------------------------------------------------------------------------- data


def prepare_sqlite(args: argparse.Namespace) -> Path:
    """The seeded file (made once, kept) and this run's working copy of it."""
    seeded = args.dir / f"engines-{args.count}.db"
    os.environ["RUANKAO_DATA_DIR"] = str(args.home)  # the key its audit events are keyed with stays
    if certificate_count(seeded):
        checkpoint(seeded)
        print(f"reusing {seeded}: {certificate_count(seeded):,} certificates")
    else:
        figures = seed(seeded, count=args.count, demo_seed=args.seed)
        print(f"seeded {figures['certificates']:,} certificates in {figures['seconds']:.1f} s")
    working: Path = args.dir / "run.db"
    for leftover in args.dir.glob("run.db*"):
        leftover.unlink()
    shutil.copyfile(seeded, working)
    os.environ["RUANKAO_DATA_DIR"] = str(args.data)
    return working


def copy_to_server(source: Path, target: str) -> dict[str, Any]:
    """Child: `db copy-to` of the working file into the new server database."""
    from ruankao_desktop.core.services.audit import Actor
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.copying import copy_database

    centre = open_centre(str(source))
    try:
        started = time.perf_counter()
        report = copy_database(centre.opened, target, Actor("bench", "copy"))
        seconds = time.perf_counter() - started
    finally:
        centre.close()
    rows = sum(table.rows for table in report.tables)
    return {"seconds": seconds, "ok": report.ok, "rows": rows, "tables": len(report.tables)}


def server_database(server: str, name: str) -> str:
    """A new, empty database `name` on the server (any old one of that name dropped); its URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return _with_database(server, name)


def drop_server_database(server: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _with_database(server: str, name: str) -> str:
    from urllib.parse import urlparse, urlunparse

    return urlunparse(urlparse(server)._replace(path=f"/{name}"))


def server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


# ---------------------------------------------------------------------------------------- queries


def draw_forms(path: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The queries of every form, drawn from the SQLite file (the same for both engines)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        drawn, samples = draw_all(connection, args.queries, random.Random(args.seed))
    finally:
        connection.close()
    forms = [{"label": form.label, "queries": queries.queries} for form, queries in drawn]
    certificates = [s.certificate_id for s in samples[: args.print_samples + 1]]
    return [*forms, {"label": "print", "certificates": certificates}]


def answer_of(result: Any) -> list[Any]:
    """What must be the same on both engines: the total, the first page, the suggestions."""
    return [
        result.total,
        [hit.summary.certificate_id for hit in result.hits],
        [suggestion.summary.certificate_id for suggestion in result.suggestions],
    ]


def child_forms(database: str, plan_file: Path) -> dict[str, Any]:
    """Child: every form's queries on one engine, then printed copies."""
    from ruankao_desktop.core.services.audit import Actor
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.lookup import LookupService
    from ruankao_desktop.core.services.printing import PrintingService

    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    centre = open_centre(database)
    clock = time.perf_counter_ns
    out: dict[str, Any] = {"forms": {}}
    try:
        service = LookupService(centre.settings)
        LookupService.warm_up()
        for form in plan:
            if "queries" not in form:
                continue
            queries = form["queries"]
            for query in queries[:WARMUP]:
                service.search(query, limit=PAGE, counts=False)
            timings, answers = [], []
            for query in queries:
                start = clock()
                result = service.search(query, limit=PAGE, counts=False)
                timings.append(clock() - start)
                answers.append(answer_of(result))
            out["forms"][form["label"]] = {"ns": timings, "answers": answers}
        trips = []
        for _ in range(ROUND_TRIPS):
            start = clock()
            centre.opened.database.execute_sql("SELECT 1").fetchall()
            trips.append(clock() - start)
        out["round_trip_ns"] = trips
        printing = PrintingService(centre.settings)
        actor = Actor("bench", "desk-1")
        certificates = plan[-1]["certificates"]
        printing.render_copy(certificates[0], actor, expected_version=None)
        copies = []
        for certificate_id in certificates[1:]:
            start = clock()
            printing.render_copy(certificate_id, actor, expected_version=None)
            copies.append(clock() - start)
        out["print_ns"] = copies
    finally:
        centre.close()
    return out


def report_forms(plan: list[dict[str, Any]], sqlite: dict[str, Any], server: dict[str, Any]) -> bool:
    header = (
        f"{'form':<28} {'n':>4} {'SQLite med':>10} {'p95':>7} {'PG med':>8} {'p95':>7} "
        f"{'PG/SQLite':>9} {'same':>9}  verdict"
    )
    print(header)
    print("-" * len(header))
    all_ok: bool = True
    for form in plan:
        if "queries" not in form:
            continue
        label = form["label"]
        a, b = sqlite["forms"][label], server["forms"][label]
        same = sum(x == y for x, y in zip(a["answers"], b["answers"], strict=True))
        med_a, med_b = statistics.median(a["ns"]), statistics.median(b["ns"])
        ratio = med_b / med_a
        ok = ratio <= TARGET_RATIO and same == len(a["answers"])
        all_ok &= ok
        print(
            f"{label:<28} {len(a['ns']):>4} {ms(med_a):>10.2f} {ms(pct(a['ns'], 0.95)):>7.2f} "
            f"{ms(med_b):>8.2f} {ms(pct(b['ns'], 0.95)):>7.2f} {ratio:>8.2f}× "
            f"{same:>4}/{len(a['answers']):<4}  {verdict(ok)}"
        )
    for label in [f["label"] for f in plan if "queries" in f]:
        a, b = sqlite["forms"][label]["answers"], server["forms"][label]["answers"]
        for query, x, y in zip(next(f for f in plan if f["label"] == label)["queries"], a, b, strict=True):
            if x != y:
                print(f"  {label}: {query!r} differs: SQLite total {x[0]}, PostgreSQL total {y[0]}")
                break
    trip_a, trip_b = statistics.median(sqlite["round_trip_ns"]), statistics.median(server["round_trip_ns"])
    print(
        f"\na statement's least cost (SELECT 1, median of {ROUND_TRIPS}): SQLite {ms(trip_a) * 1000:.0f} µs, "
        f"PostgreSQL {ms(trip_b) * 1000:.0f} µs (the round trip to the server); an exact look-up is one "
        "statement, a search 5 to 10"
    )
    copy_a, copy_b = statistics.median(sqlite["print_ns"]), statistics.median(server["print_ns"])
    ok = copy_b / copy_a <= TARGET_RATIO
    all_ok &= ok
    print(
        f"render_copy, {len(sqlite['print_ns'])} copies warm: SQLite median {ms(copy_a):.1f} ms "
        f"(p95 {ms(pct(sqlite['print_ns'], 0.95)):.1f}), PostgreSQL median {ms(copy_b):.1f} ms "
        f"(p95 {ms(pct(server['print_ns'], 0.95)):.1f}), {copy_b / copy_a:.2f}× {verdict(ok)}"
    )
    return all_ok


# ----------------------------------------------------------------------------------------- import


def child_import(database: str, source: Path) -> dict[str, Any]:
    from ruankao_desktop.core.services.audit import Actor
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.importing import ImportService

    centre = open_centre(database)
    try:
        started = time.perf_counter()
        report = ImportService(centre.settings, today=lambda: TODAY).run(
            source, actor=Actor("bench", "import"), skip_invalid=True
        )
        seconds = time.perf_counter() - started
    finally:
        centre.close()
    return {
        "seconds": seconds,
        "rows": report.rows,
        "created": report.created,
        "rejected": report.rejected_rows,
        "timings": report.timings,
    }


def describe_import(label: str, run: dict[str, Any]) -> str:
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in run["timings"].items())
    return (
        f"  {label:<10} {run['seconds']:6.1f} s, {run['rows'] / run['seconds']:,.0f} rows/s, created "
        f"{run['created']:,}, skipped {run['rejected']:,}; phases: {phases}"
    )


# ------------------------------------------------------------------------------------------ desks


def child_pool(database: str, size: int, seed_value: int) -> dict[str, Any]:
    """Child: up to `size` random certificates waiting for pickup, with their holder's ID number."""
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.handover import HANDOVER_ALLOWED
    from ruankao_desktop.core.services.lookup import LookupService
    from ruankao_desktop.core.store.models import Certificate, Holder

    centre = open_centre(database)
    rng = random.Random(seed_value)
    try:
        top = Certificate.select(Certificate.id).order_by(Certificate.id.desc()).scalar()
        candidates = sorted(rng.sample(range(1, top + 1), min(top, size * 10)))
        waiting = []
        service = LookupService(centre.settings)
        for start in range(0, len(candidates), 500):
            for summary in service.summaries(candidates[start : start + 500]):
                if summary.state in HANDOVER_ALLOWED:
                    waiting.append(summary.certificate_id)
        waiting = waiting[:size]
        holders: dict[int, str] = {}
        chosen = Certificate.select(Certificate, Holder).join(Holder).where(Certificate.id.in_(waiting))
        for certificate in chosen:
            holders[certificate.id] = certificate.holder.id_number
    finally:
        centre.close()
    return {"pool": [[certificate_id, holders[certificate_id]] for certificate_id in waiting]}


def child_desk(database: str, desk: int, plan_file: Path, start_at: float, seconds: float) -> dict[str, Any]:
    """Child: one desk's mix of lookups (90 %), handovers and prints (5 % each) from `start_at`."""
    from ruankao_desktop.core.errors import AlreadyHandedOver
    from ruankao_desktop.core.services.audit import Actor
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.handover import HandoverService
    from ruankao_desktop.core.services.lookup import LookupService
    from ruankao_desktop.core.services.printing import PrintingService
    from ruankao_desktop.core.store.models import Certificate

    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    rng = random.Random(1000 + desk)
    queries, pool, printable = plan["queries"], plan["pool"], plan["printable"]
    rng.shuffle(pool)
    centre = open_centre(database)
    actor = Actor("bench", f"desk-{desk}")
    clock = time.perf_counter_ns
    answers, calls, writes = [], [], []
    handed: list[int] = []
    refused = prints = 0
    errors: list[str] = []
    try:
        lookup = LookupService(centre.settings)
        handover = HandoverService(centre.settings)
        printing = PrintingService(centre.settings)
        LookupService.warm_up()
        printing.render_copy(printable[desk % len(printable)], actor, expected_version=None)
        time.sleep(max(0.0, start_at - time.time()))
        stop = time.time() + seconds
        while time.time() < stop:
            roll = rng.random()
            start = clock()
            try:
                if roll < 0.9:
                    lookup.search(rng.choice(queries), actor=actor)
                    answered = clock()
                    lookup.write_queued(actor)
                    answers.append(answered - start)
                    calls.append(clock() - start)
                    continue
                if roll < 0.95 and pool:
                    certificate_id, id_number = pool.pop()
                    seen = Certificate.get_by_id(certificate_id).version
                    try:
                        handover.record_self_pickup(
                            certificate_id, presented_id=id_number, expected_version=seen, actor=actor
                        )
                        handed.append(certificate_id)
                    except AlreadyHandedOver:
                        refused += 1
                else:
                    printing.render_copy(rng.choice(printable), actor, expected_version=None)
                    prints += 1
                writes.append(clock() - start)
            except Exception as failure:  # counted and reported: the target is none
                errors.append(f"{type(failure).__name__}: {failure}"[:200])
    finally:
        centre.close()
    return {
        "answer_ns": answers,
        "call_ns": calls,
        "write_ns": writes,
        "handed": handed,
        "refused": refused,
        "prints": prints,
        "errors": errors,
    }


def child_tally(database: str, pool_file: Path) -> dict[str, Any]:
    """Child: the handovers in the database on the pool's certificates, and the audit chain's state."""
    from ruankao_desktop.core.services.audit import verify_trail
    from ruankao_desktop.core.services.centre import open_centre

    pool = [certificate_id for certificate_id, _ in json.loads(pool_file.read_text())["pool"]]
    centre = open_centre(database)
    try:
        connection = centre.opened.database
        marks = ", ".join([connection.param] * len(pool))
        handovers = connection.execute_sql(
            "SELECT COUNT(*) FROM distribution WHERE event = 'handover' "
            f"AND certificate_id IN ({marks}) GROUP BY certificate_id",
            pool,
        )
        counts = [int(n) for (n,) in handovers.fetchall()]
        trail = verify_trail()
    finally:
        centre.close()
    chain = f"{trail.count:,} events, " + (
        "verified" if trail.ok else "problems: " + ", ".join(p.code for p in trail.problems)
    )
    return {"recorded": sum(counts), "twice": sum(1 for n in counts if n > 1), "chain": chain, "ok": trail.ok}


def run_desks(args: argparse.Namespace, label: str, database: str, plan_file: Path) -> bool:
    start_at = time.time() + 10 + args.desks  # every desk started, warmed up and waiting
    children = []
    for desk in range(1, args.desks + 1):
        environment = desk_environment(args, f"{label}-desk-{desk}")
        argv = [sys.executable, "-m", MODULE, "child", "desk", database, str(desk), str(plan_file)]
        argv += [str(start_at), str(args.desk_seconds)]
        children.append(subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=environment))
    results = []
    for child in children:
        stdout, _ = child.communicate()
        if child.returncode:
            raise SystemExit(f"a desk failed (exit {child.returncode})")
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    # verified at the first desk, whose anchor (behind the others' events) is checked too
    tally = in_child(args, f"{label}-desk-1", "tally", database, str(plan_file))
    answers = [ns for r in results for ns in r["answer_ns"]]
    calls = [ns for r in results for ns in r["call_ns"]]
    writes = [ns for r in results for ns in r["write_ns"]]
    handed = [c for r in results for c in r["handed"]]
    refused = sum(r["refused"] for r in results)
    prints = sum(r["prints"] for r in results)
    errors = [e for r in results for e in r["errors"]]
    operations = len(answers) + len(writes)
    print(
        f"\n{label}: {args.desks} desks for {args.desk_seconds:.0f} s: {operations:,} operations, "
        f"{operations / args.desk_seconds:,.0f}/s ({len(answers):,} lookups, {len(handed) + refused:,} "
        f"handovers tried, {prints:,} prints)"
    )
    print(
        f"  lookup answer median {ms(statistics.median(answers)):.1f} ms, "
        f"p95 {ms(pct(answers, 0.95)):.1f} ms;"
        f" with its event written median {ms(statistics.median(calls)):.1f} ms, "
        f"p95 {ms(pct(calls, 0.95)):.1f} ms"
    )
    if writes:
        print(
            f"  handover or print median {ms(statistics.median(writes)):.1f} ms, "
            f"p95 {ms(pct(writes, 0.95)):.1f} ms"
        )
    lost = len(handed) - tally["recorded"]
    print(
        f"  handovers acknowledged {len(handed):,}, recorded {tally['recorded']:,} (lost {lost}), "
        f"refused as already recorded {refused:,}, certificates handed over twice {tally['twice']}; "
        f"errors {len(errors)}; audit chain: {tally['chain']}"
    )
    for error in sorted(set(errors))[:5]:
        print(f"    error: {error}")
    ok = not errors and lost == 0 and tally["twice"] == 0 and len(set(handed)) == len(handed) and tally["ok"]
    print(f"  target: zero errors, zero lost updates, the chain verified: {verdict(ok)}")
    return ok


# ------------------------------------------------------------------------------------------- main


def run(args: argparse.Namespace) -> None:
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, peewee {version('peewee')}, "
        f"psycopg {version('psycopg')}, PostgreSQL {server_version(args.server)}, "
        f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs; data under {args.dir}"
    )
    working = prepare_sqlite(args)
    sqlite_url = str(working)
    name = f"ruankao_bench_engines_{os.getpid()}"
    server = server_database(args.server, name)
    try:
        copied = in_child(args, "copy", "copy", str(working), server)
        print(
            f"db copy-to PostgreSQL: {copied['rows']:,} rows in {copied['tables']} tables, "
            f"{copied['seconds']:.1f} s, every table's count and checksum the same: {copied['ok']}"
        )
        plan = draw_forms(working, args)
        plan_file = args.data / "forms.json"
        plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        print(f"\nsearch(q, limit={PAGE}, counts=False), {args.queries} queries per form, a child per engine")
        on_sqlite = in_child(args, "forms-sqlite", "forms", sqlite_url, str(plan_file))
        on_server = in_child(args, "forms-server", "forms", server, str(plan_file))
        forms_ok = report_forms(plan, on_sqlite, on_server)

        import_ok = True
        if args.import_rows:
            source = args.dir / f"list-{args.import_rows}.csv"
            if not source.exists():
                write_csv(source, args.import_rows, args.seed)
            print(f"\nimport of a {args.import_rows:,}-row list into each {args.count:,}-certificate file")
            runs = {}
            for label, database in (("SQLite", sqlite_url), ("PostgreSQL", server)):
                runs[label] = in_child(args, f"import-{label}", "import", database, str(source))
                print(describe_import(label, runs[label]), flush=True)
            ratio = runs["PostgreSQL"]["seconds"] / runs["SQLite"]["seconds"]
            import_ok = ratio <= TARGET_RATIO
            print(f"  PostgreSQL / SQLite {ratio:.2f}× (target ≤ {TARGET_RATIO}×) {verdict(import_ok)}")

        desks_ok = True
        if args.desks:
            pool = in_child(args, "pool", "pool", sqlite_url, str(POOL), str(args.seed))["pool"]
            queries = [q for form in plan if form.get("label") in DESK_FORMS for q in form["queries"]]
            desk_plan = {"queries": queries, "pool": pool, "printable": plan[-1]["certificates"]}
            desk_file = args.data / "desks.json"
            desk_file.write_text(json.dumps(desk_plan, ensure_ascii=False), encoding="utf-8")
            print(f"\ndesks: {len(queries)} lookup queries, a pool of {len(pool):,} certificates waiting")
            engines = {"PostgreSQL": server, "SQLite": sqlite_url}
            for label in args.desk_engines:
                desks_ok &= run_desks(args, label, engines[label], desk_file)
        print(
            f"\nsummary: forms and print {verdict(forms_ok)}, import {verdict(import_ok)}, "
            f"desks {verdict(desks_ok)}"
        )
    finally:
        if args.keep:
            print(f"kept {server.split('@')[-1]}")
        else:
            drop_server_database(args.server, name)


DESK_FORMS = ("ID number", "证书编号", "full name 王芳", "pinyin wangfang", "surname 王")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--server",
        default=os.environ.get("RUANKAO_TEST_DB", ""),
        help="a PostgreSQL URL whose role may create databases (default: $RUANKAO_TEST_DB)",
    )
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"where the data goes ({DEFAULT_DIR})")
    parser.add_argument("--count", type=int, default=1_000_000, help="certificates (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=7, help="demo seed, also picks the queries (default 7)")
    parser.add_argument("--queries", type=int, default=100, help="queries per form (default 100)")
    parser.add_argument("--print-samples", type=int, default=30, help="copies printed per engine (30)")
    parser.add_argument("--import-rows", type=int, default=200_000, help="list rows to import; 0: none")
    parser.add_argument("--desks", type=int, default=8, help="desk processes (default 8; 0: none)")
    parser.add_argument("--desk-seconds", type=float, default=60.0, help="how long they work (60)")
    parser.add_argument(
        "--desk-engines",
        default="PostgreSQL,SQLite",
        type=lambda text: [e for e in text.split(",") if e],
        help="where the desks run, in order (default PostgreSQL,SQLite)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the server database afterwards")
    args = parser.parse_args(argv)
    if not args.server.startswith(("postgres://", "postgresql://")):
        parser.error("--server postgresql://… is needed (scripts/pg-test-server start prints one)")
    if set(args.desk_engines) - {"PostgreSQL", "SQLite"}:
        parser.error("--desk-engines takes PostgreSQL and SQLite")
    return args


def child_main(argv: Sequence[str]) -> int:
    what, *rest = argv
    if what == "copy":
        out = copy_to_server(Path(rest[0]), rest[1])
    elif what == "forms":
        out = child_forms(rest[0], Path(rest[1]))
    elif what == "import":
        out = child_import(rest[0], Path(rest[1]))
    elif what == "pool":
        out = child_pool(rest[0], int(rest[1]), int(rest[2]))
    elif what == "desk":
        out = child_desk(rest[0], int(rest[1]), Path(rest[2]), float(rest[3]), float(rest[4]))
    elif what == "tally":
        out = child_tally(rest[0], Path(rest[1]))
    else:
        raise SystemExit(f"unknown child {what!r}")
    print(json.dumps(out))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["child"]:
        return child_main(argv[1:])
    in_folders(parse_args(argv), run)
    return 0


def in_folders(args: argparse.Namespace, work: Callable[[argparse.Namespace], None]) -> None:
    """`work(args)` with `args.dir` made, `args.home` the data folder the seeded file was made with (kept
    beside it), and `args.data` a temporary folder that the data, log and config folders point to."""
    args.dir = args.dir.expanduser().absolute()
    args.dir.mkdir(parents=True, exist_ok=True)
    args.home = args.dir / "home"
    with tempfile.TemporaryDirectory(prefix="data-", dir=args.dir) as data:
        args.data = Path(data)
        os.environ["RUANKAO_DATA_DIR"] = data
        os.environ["RUANKAO_LOG_DIR"] = data
        os.environ["RUANKAO_CONFIG"] = str(Path(data) / "config.toml")
        work(args)


if __name__ == "__main__":
    sys.exit(main())
