"""Benchmark of the forgiving one-field search (issue 11): every query form against a LIKE scan, per size.

What it does
------------
For each size in ``--sizes`` (default 1,000,000 and 5,000,000 certificates):

1. Seeds ``DIR/search-N.db`` with ``DemoSeeder`` (as ``demo seed`` does, search keys included), or reuses
   it when it already holds certificates. Seeding prints its time and the time of ``search_index.rebuild``
   within it, and keeps both in ``DIR/search-N.db.seed.json`` so that a reuse still reports them. With
   ``--rebuild`` the keys are also rebuilt once more on the kept file, timed alone.
2. Draws ``--queries`` (default 200) real, varied queries per form from random seeded certificates
   (through bare sqlite3): exact ID number, 证书编号, 管理号; full name, surname alone, a 复姓 alone,
   surname + the start of the given name; full pinyin, partial pinyin (``wang``/``wangf``), initials;
   mixed (``王f`` / ``wx明`` / ``w芳``); the ID number's last 4 and 6 characters alone; surname + the last
   4; the first 8 characters of a 证书编号; a 证书编号 with one digit changed so that nothing matches
   exactly; three words (surname + session code + qualification name). A form with fewer distinct
   values than asked for in the data repeats them (weighted as the data has them): the ``distinct``
   column says how many there were.
3. Times ``LookupService.search(q, limit=50, counts=False)`` (the first page and the exact total) per
   query, in this process on one kept connection, after a warm-up pass over a few of the form's queries;
   prints median and p95 and the hit totals (median and max). For the exact forms it alternates each call
   with the very SQL the service runs (``core.store.search.statement``, as ``find`` runs it with the
   page's limit) on bare sqlite3 and prints service / bare. The bare calls run on a connection of their
   own, opened after the draw with the application's cache size and warmed up with the same queries, so
   that neither side finds the sample rows already in its page cache.
4. Checks every answer outside the timing: an exact form and a mistyped number must find (or suggest)
   the certificate the query came from; every other form must find something; and every hit on the first
   page must really match each word (a name or former name starting with the name word; a pinyin word
   spelled by some reading of the name, each character as itself, its syllable or its initial; an ID
   number or a former one ending with a tail; a number starting with a prefix; the session and the
   qualification of the three-word form). Failures are counted per form and the first few printed.
5. Baseline, same run, same file, bare sqlite3 with the application's cache size: a full scan with
   ``LIKE '%word%'`` over holder.name, holder.name_pinyin, holder.id_number, certificate.cert_no and
   certificate.management_no (every word ANDed), with the joins certificate → holder → exam_session, the
   page ``ORDER BY exam_date DESC LIMIT 50`` and the exact ``COUNT(*)``, on the first ``--scan-samples``
   queries of each form. Speed-up = scan median / search median over those same queries.
6. ``LookupService.more(q)`` (every id and the counts per state) for surname alone and initials, on the
   first ``--more-samples`` queries: median, p95 and the ids returned.
7. The file's size and the bytes of the search tables and their indexes (``dbstat``, else
   a copy with the tables dropped and vacuumed): with and without them.

Then, once (unless ``--import-rows 0``): a ``--import-rows`` CSV list (``bench_import.write_csv``, kept as
``DIR/list-N.csv``) imported into an empty database with ``ImportService.run`` in fresh child processes,
alternately with the search-key upkeep and without it (``Writer._index`` replaced by a no-op: the only
work the import does for search), ``--import-repeats`` times each; prints the medians and the ratio.

Targets, printed beside the figures: exact forms ≤ 1 ms median and ≤ 2× bare; every other form ≤ 20 ms
p95 (the issue's figure is at 5,000,000) and ≥ 50× faster than the scan; import with / without ≤ 1.15.
It reports and does not assert: the exit code is 0 unless something fails with an error. The data folder
(``RUANKAO_DATA_DIR``) points to a temporary folder under ``--dir``, so the user's is never touched.

How to run (from the project root, with ``-m``: it reuses bench_import.py; see tests/benchmarks/README.md)::

    .venv/bin/python -m tests.benchmarks.bench_search                                 # 1M and 5M
    .venv/bin/python -m tests.benchmarks.bench_search --sizes 1000000 --import-rows 1000000
    .venv/bin/python -m tests.benchmarks.bench_search --sizes 100000 --queries 50 --import-rows 50000
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_lookup import certificate_count, checkpoint

DEFAULT_DIR = Path(tempfile.gettempdir()) / "ruankao-bench-search"
PAGE = 50
WARMUP = 20
TARGET_EXACT_MEDIAN_MS = 1.0
TARGET_EXACT_RATIO = 2.0
TARGET_P95_MS = 20.0
TARGET_SPEEDUP = 50.0
TARGET_IMPORT_RATIO = 1.15
SHOWN_FAILURES = 3
SCAN_COLUMNS = ("h.name", "h.name_pinyin", "h.id_number", "c.cert_no", "c.management_no")
_RESIDENT_TAIL = re.compile(r"\d{3,6}X?")


# ------------------------------------------------------------------------------------------- files


def file_bytes(path: Path) -> int:
    """The database's size on disk, its -wal file included."""
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".seed.json")


def seed(path: Path, *, count: int, demo_seed: int) -> dict[str, float]:
    """Seed `path` as `demo seed` does; the seeding time and that of `search_index.rebuild` within it."""
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.demo import DemoSeeder
    from ruankao_desktop.core.store import search_index

    print(f"seeding {count:,} certificates (seed {demo_seed}) into {path} …", flush=True)
    rebuild_seconds: list[float] = []
    original = search_index.rebuild

    def timed_rebuild(database: Any, **kwargs: Any) -> int:
        started = time.perf_counter()
        try:
            return original(database, **kwargs)
        finally:
            rebuild_seconds.append(time.perf_counter() - started)

    step = max(count // 5, 1)
    begun = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % step < 10_000 or done == total:
            print(f"  {done:>10,} / {total:,}  {time.perf_counter() - begun:7.1f} s", flush=True)

    centre = open_centre(str(path))
    search_index.rebuild = timed_rebuild
    try:
        begun = time.perf_counter()
        DemoSeeder(count=count, seed=demo_seed, today=date.today()).run(centre.actor, progress)
        elapsed = time.perf_counter() - begun
    finally:
        search_index.rebuild = original
        centre.close()
    checkpoint(path)
    figures = {"seconds": elapsed, "rebuild_seconds": sum(rebuild_seconds), "certificates": count}
    sidecar(path).write_text(json.dumps(figures))
    return figures


def rebuild_alone(path: Path) -> tuple[float, int]:
    """`search_index.rebuild` once more on the seeded file, in its own transaction: seconds and keys."""
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.store import search_index
    from ruankao_desktop.core.store.database import write_transaction

    centre = open_centre(str(path))
    try:
        started = time.perf_counter()
        with write_transaction() as database:
            keys = search_index.rebuild(database)
        elapsed = time.perf_counter() - started
    finally:
        centre.close()
    checkpoint(path)
    return elapsed, keys


SEARCH_TABLES = ("search_certificate", "search_key", "search_name", "search_count")


def key_bytes(path: Path) -> tuple[int, str]:
    """Bytes of the search tables (`SEARCH_TABLES`) and their indexes, and how they were measured."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in connection.execute(
                f"SELECT name FROM sqlite_master WHERE tbl_name IN ({', '.join('?' * len(SEARCH_TABLES))}) "
                "AND type IN ('table', 'index')",
                SEARCH_TABLES,
            )
        ]
        try:
            total = 0
            for name in names:
                row = connection.execute("SELECT SUM(pgsize) FROM dbstat WHERE name = ?", (name,)).fetchone()
                total += int(row[0] or 0)
            return total, f"dbstat over {', '.join(names)}"
        except sqlite3.OperationalError:
            pass
    finally:
        connection.close()
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        copy = Path(folder) / "copy.db"
        shutil.copyfile(path, copy)
        connection = sqlite3.connect(copy, isolation_level=None)
        try:
            for table in SEARCH_TABLES:
                connection.execute(f"DROP TABLE {table}")
            connection.execute("VACUUM")
        finally:
            connection.close()
        return file_bytes(path) - file_bytes(copy), "a copy without the search tables, vacuumed"


# ----------------------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Sample:
    """A seeded certificate and its holder, as the queries are made from them."""

    certificate_id: int
    name: str
    id_number: str
    cert_no: str
    management_no: str
    session_code: str
    qualification: str

    @property
    def surname(self) -> str:
        from ruankao_desktop.core.domain.search_keys import surname_of

        return surname_of(self.name)

    @property
    def syllables(self) -> tuple[str, ...]:
        """The usual reading, one syllable a character; () for a name not read so."""
        from ruankao_desktop.core.domain.search_keys import readings

        found = readings(self.name)
        return found[0] if found and len(found[0]) == len(self.name) else ()


Maker = Callable[[Sample, int], str | None]


@dataclass(frozen=True)
class QueryForm:
    label: str
    make: Maker
    exact: str | None = None  # the MatchField name the service runs for an exact identifier
    finds_source: bool = False  # the query's certificate must be among the hits
    suggests_source: bool = False  # nothing matches: the query's certificate must be suggested


def _name_start(s: Sample, _: int) -> str | None:
    given = len(s.name) - len(s.surname)
    return s.name[: len(s.surname) + 1] if s.surname and given >= 2 else None


def _full_pinyin(s: Sample, _: int) -> str | None:
    return "".join(s.syllables) or None


def _partial_pinyin(s: Sample, index: int) -> str | None:
    if not s.syllables or not s.surname:
        return None
    head = "".join(s.syllables[: len(s.surname)])
    return head if index % 2 == 0 else head + s.syllables[len(s.surname)][0]


def _initials(s: Sample, _: int) -> str | None:
    return "".join(syllable[0] for syllable in s.syllables) or None


def _mixed(s: Sample, index: int) -> str | None:
    if not s.syllables or not s.surname:
        return None
    split = len(s.surname)
    if index % 3 == 0:  # 王f, 欧阳xm: the surname, the given name's initials
        return s.surname + "".join(syllable[0] for syllable in s.syllables[split:])
    if index % 3 == 1 and len(s.name) > split + 1:  # wx明, oyx明: initials, then the rest in characters
        return "".join(syllable[0] for syllable in s.syllables[: split + 1]) + s.name[split + 1 :]
    return "".join(syllable[0] for syllable in s.syllables[:split]) + s.name[split:]  # w芳


def _tail(length: int) -> Maker:
    def make(s: Sample, _: int) -> str | None:
        tail = s.id_number[-length:]
        return tail if len(s.id_number) >= 15 and _RESIDENT_TAIL.fullmatch(tail) else None

    return make


def _surname_tail(s: Sample, _: int) -> str | None:
    tail = _tail(4)(s, 0)
    return f"{s.surname} {tail}" if s.surname and tail else None


def _mistyped(rng: random.Random) -> Maker:
    def make(s: Sample, _: int) -> str | None:
        digits = [i for i, char in enumerate(s.cert_no) if char.isdigit()]
        if not digits:
            return None
        at = rng.choice(digits)
        other = rng.choice([d for d in "0123456789" if d != s.cert_no[at]])
        return s.cert_no[:at] + other + s.cert_no[at + 1 :]

    return make


def query_forms(rng: random.Random) -> list[QueryForm]:
    return [
        QueryForm("ID number", lambda s, _: s.id_number, "ID_NUMBER", finds_source=True),
        QueryForm("证书编号", lambda s, _: s.cert_no, "CERT_NO", finds_source=True),
        QueryForm("管理号", lambda s, _: s.management_no, "MANAGEMENT_NO", finds_source=True),
        QueryForm("full name 王芳", lambda s, _: s.name),
        QueryForm("surname 王", lambda s, _: s.surname or None),
        QueryForm("复姓 欧阳", lambda s, _: s.surname if len(s.surname) == 2 else None),
        QueryForm("surname+given 王小", _name_start),
        QueryForm("pinyin wangfang", _full_pinyin),
        QueryForm("pinyin wang/wangf", _partial_pinyin),
        QueryForm("initials wf", _initials),
        QueryForm("mixed 王f/wx明/w芳", _mixed),
        QueryForm("ID tail 4", _tail(4)),
        QueryForm("ID tail 6", _tail(6)),
        QueryForm("surname+tail 王 1239", _surname_tail),
        QueryForm("证书编号 prefix 8", lambda s, _: s.cert_no[:8]),
        QueryForm("mistyped 证书编号", _mistyped(rng), suggests_source=True),
        QueryForm(
            "3 words 王 2024H1 软件设计师",
            lambda s, _: f"{s.surname} {s.session_code} {s.qualification}" if s.surname else None,
        ),
    ]


_SAMPLE_SQL = (
    "SELECT c.id, h.name, h.id_number, c.cert_no, c.management_no, s.code, q.name FROM certificate c "
    "JOIN holder h ON h.id = c.holder_id JOIN exam_session s ON s.id = c.session_id "
    "JOIN qualification q ON q.id = c.qualification_id WHERE c.id = ?"
)


def draw_samples(connection: sqlite3.Connection, wanted: int, rng: random.Random) -> list[Sample]:
    """`wanted` random certificates (by id), with what the queries are made of."""
    low, high = connection.execute("SELECT MIN(id), MAX(id) FROM certificate").fetchone()
    samples: dict[int, Sample] = {}
    while len(samples) < wanted:
        row = connection.execute(_SAMPLE_SQL, (rng.randint(low, high),)).fetchone()
        if row is not None:
            samples[row[0]] = Sample(*row)
    return list(samples.values())


def compound_samples(connection: sqlite3.Connection, wanted: int, rng: random.Random) -> list[Sample]:
    """Certificates of holders with a 复姓 (rare among random ones), one holder each at most."""
    from ruankao_desktop.core.domain.search_keys import COMPOUND_SURNAMES

    found: list[Sample] = []
    for surname in sorted(COMPOUND_SURNAMES):
        upper = surname[:-1] + chr(ord(surname[-1]) + 1)
        ids = [
            row[0]
            for row in connection.execute(
                "SELECT c.id FROM holder h JOIN certificate c ON c.holder_id = h.id "
                "WHERE h.name >= ? AND h.name < ? LIMIT 50",
                (surname, upper),
            )
        ]
        for certificate_id in rng.sample(ids, min(len(ids), max(1, wanted // 10))):
            found.append(Sample(*connection.execute(_SAMPLE_SQL, (certificate_id,)).fetchone()))
    rng.shuffle(found)
    return found


def draw_all(
    connection: sqlite3.Connection, wanted: int, rng: random.Random
) -> tuple[list[tuple[QueryForm, Drawn]], list[Sample]]:
    """Every form's `wanted` queries, drawn from the file's random certificates (and those with a 复姓);
    and the random ones."""
    samples = draw_samples(connection, wanted * 3, rng)
    compound = compound_samples(connection, wanted, rng)

    def exists(value: str) -> bool:
        row = connection.execute(
            "SELECT EXISTS (SELECT 1 FROM certificate WHERE cert_no = ?1 OR management_no = ?1) "
            "OR EXISTS (SELECT 1 FROM holder WHERE id_number = ?1)",
            (value,),
        ).fetchone()
        return bool(row[0])

    drawn = []
    for form in query_forms(rng):
        pool = compound if form.label.startswith("复姓") else samples
        queries = make_queries(form, pool, wanted, rng, exists)
        if queries.queries:
            drawn.append((form, queries))
    return drawn, samples


@dataclass
class Drawn:
    queries: list[str]
    sources: list[int]  # the certificate each query was made from
    distinct: int


def make_queries(
    form: QueryForm, samples: Sequence[Sample], wanted: int, rng: random.Random, exists: Callable[[str], bool]
) -> Drawn:
    """`wanted` queries of `form`, distinct while the data has enough; then repeats, weighted."""
    seen: dict[str, int] = {}
    made: list[tuple[str, int]] = []
    for index, sample in enumerate(samples):
        query = form.make(sample, index)
        if query is None or (form.suggests_source and exists(query)):
            continue
        made.append((query, sample.certificate_id))
        seen.setdefault(query, sample.certificate_id)
    chosen = list(seen.items())[:wanted]
    distinct = len(chosen)
    while made and len(chosen) < wanted:
        chosen.append(rng.choice(made))
    return Drawn([q for q, _ in chosen], [i for _, i in chosen], distinct)


# ------------------------------------------------------------------------------------ verification

_HIT_SQL = (
    "SELECT c.id, h.name, h.id_number, c.cert_no, c.management_no, s.code, q.name, "
    "(SELECT group_concat(value, char(31)) FROM holder_identity i "
    "WHERE i.holder_id = h.id AND i.kind = 'name'), "
    "(SELECT group_concat(value, char(31)) FROM holder_identity i "
    "WHERE i.holder_id = h.id AND i.kind = 'id_number') "
    "FROM certificate c JOIN holder h ON h.id = c.holder_id JOIN exam_session s ON s.id = c.session_id "
    "JOIN qualification q ON q.id = c.qualification_id WHERE c.id IN ({marks})"
)


@dataclass(frozen=True)
class HitFacts:
    names: tuple[str, ...]
    id_numbers: tuple[str, ...]
    numbers: tuple[str, ...]  # 证书编号, 管理号
    session_code: str
    qualification: str


def hit_facts(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, HitFacts]:
    if not ids:
        return {}
    sql = _HIT_SQL.format(marks=", ".join("?" * len(ids)))
    facts = {}
    for row in connection.execute(sql, tuple(ids)):
        names = (row[1], *(row[7].split("\x1f") if row[7] else ()))
        id_numbers = (row[2], *(row[8].split("\x1f") if row[8] else ()))
        facts[row[0]] = HitFacts(names, id_numbers, (row[3], row[4]), row[5], row[6])
    return facts


def spelled_by(text: str, name: str) -> bool:
    """Whether `text` is the start of `name` written with each character as itself, its syllable or its
    initial, in some reading of the name (a Latin name: each word, or its initial); a superset of what
    the search keys allow: a hit failing this matches in no way at all."""
    from ruankao_desktop.core.domain.names import contains_cjk
    from ruankao_desktop.core.domain.search_keys import name_key, readings

    compact = name_key(name)
    for spelled in readings(compact if contains_cjk(compact) else name):
        syllables = tuple(s.replace("-", "").replace("'", "") for s in spelled)  # Min-jun is typed minjun
        chars: Sequence[str | None] = compact if len(syllables) == len(compact) else [None] * len(syllables)
        reachable = {0}
        for char, syllable in zip(chars, syllables, strict=True):
            following = set()
            for at in reachable:
                if at == len(text):
                    return True
                if contains_cjk(text[at]):  # an ideograph typed: this one, or one read the same
                    if text[at] == char or syllable in _syllables_of(text[at]):
                        following.add(at + 1)
                    continue
                for piece in (syllable.lower(), syllable[0].lower()):
                    if text.startswith(piece, at):
                        following.add(at + len(piece))
                    elif piece.startswith(text[at:]):
                        return True  # the text ends inside this piece
            reachable = following
            if not reachable:
                break
        if len(text) in reachable:
            return True
    return False


@cache
def _syllables_of(char: str) -> frozenset[str]:
    """Every reading of one ideograph (as a surname too)."""
    from ruankao_desktop.core.domain.search_keys import readings

    return frozenset(reading[0] for reading in readings(char) if len(reading) == 1)


def word_matches(word: Any, facts: HitFacts) -> bool:
    """Whether one word of a query (`core.domain.query.Word`) matches a hit in some way it may."""
    from ruankao_desktop.core.domain.query import Form
    from ruankao_desktop.core.domain.search_keys import name_key

    typed = "".join(word.typed.split()).upper()
    if typed == facts.session_code.upper() or word.typed == facts.qualification:
        return True
    if word.form is Form.NAME:
        return any(name_key(n).startswith(name_key(word.text)) for n in facts.names)
    if word.form in (Form.PINYIN, Form.MIXED):
        return any(spelled_by(word.text, n) for n in facts.names)
    if word.form is Form.TAIL and any(number.endswith(word.text) for number in facts.id_numbers):
        return True
    return any(number.startswith(word.text) for number in (*facts.numbers, *facts.id_numbers))


# ------------------------------------------------------------------------------------------ timing


def pad(text: str, width: int) -> str:
    """`text` left-aligned in `width` terminal columns (an ideograph takes two)."""
    shown = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - shown)


def pct(values_ns: Sequence[int], q: float) -> float:
    """The q-th quantile by nearest rank, in ms."""
    ordered = sorted(values_ns)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] / 1e6


def median_ms(values_ns: Sequence[int]) -> float:
    return statistics.median(values_ns) / 1e6


def scan_sql(words: Sequence[str]) -> tuple[str, str, list[str]]:
    """The LIKE scan's page and count SQL for these words, and their parameters."""
    tests = []
    params: list[str] = []
    for word in words:
        tests.append("(" + " OR ".join(f"{column} LIKE ?" for column in SCAN_COLUMNS) + ")")
        params.extend(["%" + word + "%"] * len(SCAN_COLUMNS))
    base = (
        "FROM certificate c JOIN holder h ON h.id = c.holder_id JOIN exam_session s ON s.id = c.session_id "
        f"WHERE {' AND '.join(tests)}"
    )
    page = f"SELECT c.id {base} ORDER BY s.exam_date DESC, c.id LIMIT {PAGE}"
    return page, f"SELECT COUNT(*) {base}", params


@dataclass
class FormResult:
    form: QueryForm
    drawn: Drawn
    search_ns: list[int] = field(default_factory=list)
    bare_ns: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    scan_ns: list[int] = field(default_factory=list)
    scan_totals: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    failed_queries: int = 0
    source_suggested: int = 0  # mistyped numbers whose certificate is among the (at most 10) suggestions

    @property
    def search_median(self) -> float:
        return median_ms(self.search_ns)

    @property
    def speedup(self) -> float | None:
        if not self.scan_ns:
            return None
        return median_ms(self.scan_ns) / median_ms(self.search_ns[: len(self.scan_ns)])

    @property
    def bare_ratio(self) -> float | None:
        return self.search_median / median_ms(self.bare_ns) if self.bare_ns else None

    def passed(self) -> bool:
        if self.form.exact is not None:
            ratio = self.bare_ratio or 0.0
            return self.search_median <= TARGET_EXACT_MEDIAN_MS and ratio <= TARGET_EXACT_RATIO
        speedup = self.speedup
        fast = pct(self.search_ns, 0.95) <= TARGET_P95_MS
        return fast and (speedup is None or speedup >= TARGET_SPEEDUP)


def check(
    result: FormResult, query: str, source: int, answer: Any, connection: sqlite3.Connection
) -> list[str]:
    """What is wrong with one answer (empty when nothing)."""
    from ruankao_desktop.core.domain.query import words_of

    form = result.form
    problems = []
    if answer.problem is not None:
        return [f"{query!r}: problem {answer.problem!r}"]
    ids = [hit.summary.certificate_id for hit in answer.hits]
    if form.suggests_source:
        suggested = [s.summary.certificate_id for s in answer.suggestions]
        result.source_suggested += source in suggested
        if answer.total or not suggested:
            problems.append(f"{query!r}: total {answer.total}, suggestions {suggested} (source {source})")
        return problems
    if not answer.total:
        return [f"{query!r}: nothing found (source certificate {source})"]
    if form.finds_source and source not in (answer.exact_ids or ()):
        problems.append(f"{query!r}: source {source} not among {answer.exact_ids}")
    facts = hit_facts(connection, ids)
    words = words_of(query)
    for certificate_id in ids:
        hit = facts.get(certificate_id)
        wrong = [w.typed for w in words if hit is None or not word_matches(w, hit)]
        if wrong:
            problems.append(f"{query!r}: hit {certificate_id} {hit} does not match {wrong}")
            break
    return problems


def measure_form(
    result: FormResult,
    service: Any,
    database: Any,
    connection: sqlite3.Connection,
    bare_connection: sqlite3.Connection,
    *,
    scan_samples: int,
) -> None:
    from ruankao_desktop.core.store.search import MatchField, statement

    queries, sources = result.drawn.queries, result.drawn.sources
    clock = time.perf_counter_ns
    bare: list[tuple[str, tuple[Any, ...]]] = []
    if result.form.exact is not None:
        match = MatchField[result.form.exact]
        for query in queries:
            sql, params = statement(database, match, query, limit=PAGE)
            bare.append((sql, tuple(params)))
    for index, query in enumerate(queries[:WARMUP]):
        service.search(query, limit=PAGE, counts=False)
        if bare:
            bare_connection.execute(*bare[index]).fetchall()
    for index, query in enumerate(queries):
        if bare and index % 2:
            start = clock()
            bare_connection.execute(*bare[index]).fetchall()
            result.bare_ns.append(clock() - start)
        start = clock()
        answer = service.search(query, limit=PAGE, counts=False)
        result.search_ns.append(clock() - start)
        if bare and not index % 2:
            start = clock()
            bare_connection.execute(*bare[index]).fetchall()
            result.bare_ns.append(clock() - start)
        result.totals.append(answer.total)
        problems = check(result, query, sources[index], answer, connection)
        if problems:
            result.failed_queries += 1
            result.failures.extend(problems[: SHOWN_FAILURES - len(result.failures)])
    for query in queries[:scan_samples]:
        page_sql, count_sql, params = scan_sql(query.split())
        start = clock()
        connection.execute(page_sql, params).fetchall()
        total = connection.execute(count_sql, params).fetchone()[0]
        result.scan_ns.append(clock() - start)
        result.scan_totals.append(int(total))


def print_search_table(results: Sequence[FormResult]) -> None:
    header = (
        f"{'form':<28} {'n':>4} {'dist':>4} {'med ms':>7} {'p95 ms':>7} {'hits med':>8} {'hits max':>9} "
        f"{'bare ms':>7} {'×bare':>5} {'scan ms':>8} {'speed-up':>8} {'wrong':>5}  verdict"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        bare = f"{median_ms(r.bare_ns):7.3f}" if r.bare_ns else f"{'':>7}"
        ratio = f"{r.bare_ratio:5.2f}" if r.bare_ratio is not None else f"{'':>5}"
        scan = f"{median_ms(r.scan_ns):8.1f}" if r.scan_ns else f"{'':>8}"
        speedup = f"{r.speedup:7.0f}×" if r.speedup is not None else f"{'':>8}"
        print(
            f"{pad(r.form.label, 28)} {len(r.search_ns):>4} {r.drawn.distinct:>4} {r.search_median:>7.2f} "
            f"{pct(r.search_ns, 0.95):>7.2f} {statistics.median(r.totals):>8,.0f} {max(r.totals):>9,} "
            f"{bare} {ratio} {scan} {speedup} {r.failed_queries:>5}  {'PASS' if r.passed() else 'FAIL'}"
        )
    print(
        f"targets: exact forms median ≤ {TARGET_EXACT_MEDIAN_MS:.0f} ms and "
        f"≤ {TARGET_EXACT_RATIO:.0f}× bare; "
        f"every other form p95 ≤ {TARGET_P95_MS:.0f} ms (at 5M) and ≥ {TARGET_SPEEDUP:.0f}× the scan. "
        "speed-up = scan median / search median over the scanned queries; 'wrong' = queries whose answer "
        "failed a check"
    )
    for r in results:
        for failure in r.failures:
            print(f"  WRONG {r.form.label}: {failure}")


def explain_slowest(result: FormResult, service: Any, connection: sqlite3.Connection) -> None:
    """For a form over its p95 target: the statements its slowest query runs (caught by wrapping
    `db.obj.execute_sql`; until the first row), each statement again on bare sqlite3 to the last row, and
    the query plan of the slowest."""
    from ruankao_desktop.core.store.database import db

    slowest = max(range(len(result.search_ns)), key=result.search_ns.__getitem__)
    query = result.drawn.queries[slowest]
    database = db.obj
    original = database.execute_sql
    captured: list[tuple[str, tuple[Any, ...]]] = []

    def capturing(sql: str, params: Any = None) -> Any:
        captured.append((sql, tuple(params or ())))
        return original(sql, params)

    database.execute_sql = capturing
    try:
        service.search(query, limit=PAGE, counts=False)
    finally:
        del database.execute_sql
    print(
        f"\n  {result.form.label}: slowest query {query!r} took {result.search_ns[slowest] / 1e6:.1f} ms; "
        "its statements on bare sqlite3:"
    )
    timed = []
    for sql, params in captured:
        start = time.perf_counter_ns()
        rows = len(connection.execute(sql, params).fetchall())
        timed.append((time.perf_counter_ns() - start, sql, params, rows))
    for elapsed, sql, _, rows in timed:
        print(f"    {elapsed / 1e6:8.2f} ms {rows:>7,} rows  {sql[:150]}{'…' if len(sql) > 150 else ''}")
    print(f"    {sum(item[0] for item in timed) / 1e6:8.2f} ms in all")
    elapsed, sql, params, _ = max(timed, key=lambda item: item[0])
    shown = f"{params[:8]}…" if len(params) > 8 else str(params)
    text = f"{sql[:700]}…" if len(sql) > 700 else sql
    print(f"    slowest statement ({elapsed / 1e6:.2f} ms), {len(params)} params {shown}:\n      {text}")
    print("    EXPLAIN QUERY PLAN:")
    for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params):
        print(f"      {row[0]:>3} {row[1]:>3}  {row[3]}")


def measure_more(
    service: Any, forms: Sequence[FormResult], samples: int
) -> list[tuple[str, list[int], list[int]]]:
    rows = []
    for result in forms:
        queries = result.drawn.queries[:samples]
        service.more(queries[0])
        timings: list[int] = []
        sizes: list[int] = []
        for query in queries:
            start = time.perf_counter_ns()
            more = service.more(query)
            timings.append(time.perf_counter_ns() - start)
            sizes.append(len(more.ids))
        rows.append((result.form.label, timings, sizes))
    return rows


# ------------------------------------------------------------------------------------------- sizes


def prepare(args: argparse.Namespace, path: Path, count: int) -> None:
    """Seed the file or reuse it; print the seeding and rebuild times and the sizes."""
    existing = certificate_count(path)
    if existing:
        checkpoint(path)
        figures = json.loads(sidecar(path).read_text()) if sidecar(path).exists() else None
        print(f"reusing {path}: {existing:,} certificates (not re-seeded)")
    else:
        figures = seed(path, count=count, demo_seed=args.seed)
    if figures:
        rate = figures["certificates"] / figures["seconds"]
        print(
            f"seeding {figures['certificates']:,} certificates: {figures['seconds']:.1f} s ({rate:,.0f}/s), "
            f"of which search_index.rebuild {figures['rebuild_seconds']:.1f} s"
            + (" (measured when the file was seeded)" if existing else "")
        )
    if args.rebuild:
        seconds, keys = rebuild_alone(path)
        print(f"search_index.rebuild alone on the seeded file: {seconds:.1f} s, {keys:,} keys")

    total_bytes = file_bytes(path)
    keys_bytes, how = key_bytes(path)
    print(
        f"file {total_bytes / 1e6:,.1f} MB with the search keys, {(total_bytes - keys_bytes) / 1e6:,.1f} MB "
        f"without: the search tables {keys_bytes / 1e6:,.1f} MB "
        f"({100 * keys_bytes / total_bytes:.0f} % of the file; {how})"
    )


def run_size(args: argparse.Namespace, count: int) -> None:
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.lookup import LookupService
    from ruankao_desktop.core.store.database import SQLITE_PRAGMAS

    path = args.dir / f"search-{count}.db"
    print(f"\n=== {count:,} certificates: {path} ===")
    prepare(args, path, count)

    rng = random.Random(args.seed)
    connection = sqlite3.connect(path, isolation_level=None)
    centre = open_centre(str(path))
    try:
        connection.execute(f"PRAGMA cache_size = {SQLITE_PRAGMAS['cache_size']}")
        drawn, _ = draw_all(connection, args.queries, rng)
        # The bare timings get a connection of their own, opened after the draw: the drawing connection has
        # the sample rows in its page cache, the service's has not; both now start cold and warm up alike.
        bare_connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        bare_connection.execute(f"PRAGMA cache_size = {SQLITE_PRAGMAS['cache_size']}")
        results = [FormResult(form, queries) for form, queries in drawn]
        service = LookupService(centre.settings)
        print(
            f"\nsearch(q, limit={PAGE}, counts=False), {args.queries} queries per form in this process "
            f"(one kept connection, {WARMUP} warm-up calls per form); bare sqlite3 for the same exact SQL "
            f"and the LIKE scan on the first {args.scan_samples} queries of each form",
            flush=True,
        )
        for result in results:
            measure_form(
                result,
                service,
                centre.opened.database,
                connection,
                bare_connection,
                scan_samples=args.scan_samples,
            )
            print(f"  measured {result.form.label}", flush=True)
        print()
        print_search_table(results)
        for result in results:
            if result.form.suggests_source:
                print(
                    f"{result.form.label}: the certificate the number came from is among the suggestions "
                    f"for {result.source_suggested} of {len(result.search_ns)} (at most 10 are offered)"
                )
        for result in results:
            if result.form.exact is None and pct(result.search_ns, 0.95) > TARGET_P95_MS:
                explain_slowest(result, service, connection)

        big = [r for r in results if r.form.label.startswith(("surname 王", "initials"))]
        print(f"\nmore(q): every id (at most 100,000) and the counts per state, {args.more_samples} queries")
        for label, timings, sizes in measure_more(service, big, args.more_samples):
            print(
                f"  {pad(label, 20)} median {median_ms(timings):8.1f} ms  p95 {pct(timings, 0.95):8.1f} ms  "
                f"ids median {statistics.median(sizes):,.0f}, max {max(sizes):,}"
            )
        bare_connection.close()
    finally:
        centre.close()
        connection.close()


# ------------------------------------------------------------------------------------------ import


def child_import(database: Path, source: Path, *, index: bool) -> dict[str, Any]:
    """Run in a fresh process: one import of `source` into a new `database`, the search keys kept or not."""
    from ruankao_desktop.core.importing.writer import Writer
    from tests.benchmarks import bench_import

    if not index:
        Writer._index = lambda self, outcome: None  # type: ignore[method-assign]
    return bench_import.child_import(database, source, profile=False, times=1)["runs"][0]  # type: ignore[no-any-return]


def in_child(*argv: str) -> dict[str, Any]:
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_search", "child", *argv],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    payload: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return payload


def run_import(args: argparse.Namespace) -> None:
    from tests.benchmarks import bench_import

    source = args.dir / f"list-{args.import_rows}.csv"
    print(f"\n=== import of a {args.import_rows:,}-row CSV into an empty database ===")
    if source.exists():
        print(f"reusing {source} ({source.stat().st_size / 1e6:,.0f} MB)")
    else:
        bench_import.write_csv(source, args.import_rows, args.seed)
    runs: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
    for attempt in range(args.import_repeats):
        for index in (True, False) if attempt % 2 == 0 else (False, True):
            target = args.dir / f"import-{'with' if index else 'without'}.db"
            for leftover in args.dir.glob(target.name + "*"):
                leftover.unlink()
            run = in_child("import", str(target), str(source), *(() if index else ("--no-index",)))
            runs[index].append(run)
            print(
                f"  {'with   ' if index else 'without'} search keys: {run['seconds']:6.1f} s, "
                f"{run['rows'] / run['seconds']:,.0f} rows/s, created {run['created']:,}, "
                f"file {file_bytes(target) / 1e6:,.0f} MB, peak RSS {run['rss_mb']:.0f} MB; phases: "
                + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in run["timings"].items()),
                flush=True,
            )
            for leftover in args.dir.glob(target.name + "*"):
                leftover.unlink()
    with_s = statistics.median(r["seconds"] for r in runs[True])
    without_s = statistics.median(r["seconds"] for r in runs[False])
    ratio = with_s / without_s
    verdict = "PASS" if ratio <= TARGET_IMPORT_RATIO else "FAIL"
    print(
        f"import medians of {args.import_repeats}: with the search keys {with_s:.1f} s, without "
        f"(Writer._index a no-op) {without_s:.1f} s, ratio {ratio:.3f} "
        f"(target ≤ {TARGET_IMPORT_RATIO}) {verdict}"
    )


# -------------------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        default="1000000,5000000",
        help="certificates per database, comma-separated (default 1000000,5000000; '': the import only)",
    )
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"where the data goes ({DEFAULT_DIR})")
    parser.add_argument("--seed", type=int, default=7, help="demo seed, also picks the queries (default 7)")
    parser.add_argument("--queries", type=int, default=200, help="queries per form (default 200)")
    parser.add_argument("--scan-samples", type=int, default=10, help="queries per form scanned (default 10)")
    parser.add_argument("--more-samples", type=int, default=20, help="queries per form for more() (20)")
    parser.add_argument("--rebuild", action="store_true", help="also time search_index.rebuild alone")
    parser.add_argument("--import-rows", type=int, default=1_000_000, help="CSV rows to import; 0: none")
    parser.add_argument("--import-repeats", type=int, default=2, help="imports each way (default 2)")
    parser.add_argument("--prepare-only", action="store_true", help="seed the databases and stop")
    return parser.parse_args(argv)


def child_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("import",))
    parser.add_argument("database", type=Path)
    parser.add_argument("source", type=Path)
    parser.add_argument("--no-index", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(child_import(args.database, args.source, index=not args.no_index)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["child"]:
        return child_main(argv[1:])
    args = parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    if (sizes and min(sizes) < 1) or args.queries < 1 or args.import_rows < 0:
        raise SystemExit("--sizes and --queries must be positive, --import-rows not negative")
    args.dir = args.dir.expanduser().absolute()
    args.dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="data-", dir=args.dir) as data:
        os.environ["RUANKAO_DATA_DIR"] = data
        os.environ["RUANKAO_LOG_DIR"] = data
        os.environ["RUANKAO_CONFIG"] = str(Path(data) / "config.toml")
        print(
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
            f"peewee {version('peewee')}, {platform.machine()} {platform.system()}; data under {args.dir}"
        )
        for count in sizes:
            if args.prepare_only:
                path = args.dir / f"search-{count}.db"
                if not certificate_count(path):
                    figures = seed(path, count=count, demo_seed=args.seed)
                    seconds, rebuild = figures["seconds"], figures["rebuild_seconds"]
                    print(f"seeded in {seconds:.1f} s (rebuild {rebuild:.1f} s)")
                continue
            run_size(args, count)
        if args.import_rows and not args.prepare_only:
            run_import(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
