"""Benchmark of the staff window: event-loop stalls while typing, time to the first page of results, and
start-up time against a bare PySide6 window.

What it does
------------
The database is ``--db PATH``, a file already seeded by ``bench_lookup.py`` (1,000,000 certificates take
~90 s: ``.venv/bin/python tests/benchmarks/bench_lookup.py --db PATH --samples 10``). A file at an older
schema version is opened once first and so migrated, after the backup the application writes beside it
(~600 MB for a million certificates; that happens once and is timed and reported apart). The data,
configuration and log folders (``RUANKAO_DATA_DIR``, ``RUANKAO_CONFIG``, ``RUANKAO_LOG_DIR``) point to
a temporary folder, so the user's ``window.ini`` is neither read nor written (``RUANKAO_DATA_DIR`` only
unless it is set: a database whose audit trail was written from another data folder needs its key).
``QT_QPA_PLATFORM`` is ``offscreen`` unless already set. Times are ``time.perf_counter``
(CLOCK_MONOTONIC on Linux, so the parent and its children share one clock).

The window is ``create_main_window(db, lang="zh")``, shown, and driven through its real widgets while
its own event loop runs (a ``QEventLoop``; never ``QTest.qWait``, which sleeps in 10 ms steps). A
precise ``QTimer`` ticks every 5 ms and records each tick; a *stall* is the gap between two ticks minus
those 5 ms. Keys go to ``LookupPane.input`` as ``QTest.keyClicks`` of one character (ASCII) or as a
``QInputMethodEvent`` commit (Chinese: what an input method sends), each from a precise single-shot
``QTimer`` at a fixed offset, as a person types at a steady pace whatever the program does.

1. Stalls while typing (target: longest stall ≤ 50 ms). Baseline first: the ticker alone in the idle
   window for ``--idle`` seconds (the machine's own jitter). Then queries typed one key every 110 ms,
   each into an empty field: an existing holder's 18-digit ID number, a 证书编号, the pinyin ``zhangwei``
   and ``wangfang``, and the names 张伟 and 王芳 as progressive input-method commits (张, then 伟); then
   ``zhangwei`` once more at 350 ms a key, slower than the debounce, so that a search runs after every
   key and results arrive while typing (``zh`` alone finds ~7,000 certificates by the initials). The
   loop keeps running until the last keystroke's debounced search (300 ms later) shows real data in row 0
   of the results, and 150 ms more so that the painting of those rows is measured too. Per query: the
   longest stall, the 99th percentile (nearest rank) and what happened during the longest one (events
   of the timeline, full garbage collections included). All of it ``--passes`` times (default 3), as
   the stalls worth finding are rare ones; the very first typed query is also the window's first search
   (first-use costs included, as for the operator).
2. First page of results (target: ≤ 100 ms after the debounce, every search). From the debounce
   timer's timeout (an event filter on ``LookupPane._debounce`` sees its timer event just before
   ``timeout`` is emitted) to the moment ``model.index(0, 0)`` holds real data instead of the
   placeholder (checked at the search's ``modelReset``, which comes with the first page's rows, and on
   every ``dataChanged`` after it). Measured for the typed
   queries of (1) and for ``--samples`` ID numbers and 证书编号, three common names (~500 hits each in
   the 1M set), their pinyin, and three pinyin initials (``zw``, ``wf``, ``zh``: 2,400 to 7,000 hits;
   ``zh`` is what the slow typist of (1) searches for on the way). The field is filled but for its last
   character, which is then typed (→ the debounced search), and the same text is searched again with
   Enter (→ ``search_now``, timed from the key press; each Enter also records an audit event in the
   database, as in the application). Per search, from its start: when its first page reaches the
   model (``modelReset``), row 0's data (the target) and the next paint of the results viewport, and
   the longest stall meanwhile (the rest of the ids and the counts per state, ``LookupService.more``,
   follow in a second task and are not waited for). Baselines for the same query, alternating before
   and after the GUI measurements: *raw*, the SQL the first page's search runs (every statement that
   ``LookupService.search(query, counts=False)`` executes, recorded once: those of the hits, then the
   first page's rows, the SQL of ``rows_for_ids``) executed and fetched on a plain ``sqlite3``
   connection kept open with the application's ``cache_size``; and *service*, the worker code itself
   (``search(query, counts=False)``, which returns the first page with its rows, followed by closing the
   thread's connection as ``TaskRunner`` does) run on the main thread while the window is idle.
3. Start-up (target: median ≤ 1.5 s and ≤ 2.5 × a bare window's). Fresh ``sys.executable -c``
   processes, ``--runs`` of each kind after one untimed warm-up of each, alternating which kind goes
   first: (a) the application: import ``ruankao_desktop.app``, ``create_main_window(db, lang="zh")``,
   ``show()``, and from ``QTimer.singleShot(0, …)`` print a marker line and quit; (b) a bare window:
   import ``PySide6.QtWidgets``, ``QApplication``, ``QMainWindow().show()``, the same marker. Wall time
   is measured in the parent from ``Popen`` to reading the marker; the child also reports its stages
   (interpreter start-up until its first line, imports, window built, ``show()``, first loop turn).
   Compiled modules are cached for the children under a private ``PYTHONPYCACHEPREFIX`` (written by the
   warm-ups), as in an installed application, even where ``PYTHONDONTWRITEBYTECODE`` is set.

It reports and does not assert: the exit code is 0 unless something fails with an error.

How to run (from the project root; see tests/benchmarks/README.md)::

    .venv/bin/python tests/benchmarks/bench_gui.py --db /tmp/ruankao-bench-1m.db
    .venv/bin/python tests/benchmarks/bench_gui.py --db /tmp/ruankao-bench-1m.db --runs 10 --samples 10
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from peewee import Database
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ruankao_desktop.app import create_application, create_main_window
from ruankao_desktop.core.services import lookup as lookup_module
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.lookup import LookupService
from ruankao_desktop.core.services.search_plan import Detected
from ruankao_desktop.core.store.database import SQLITE_PRAGMAS, db, inspect_sqlite_file
from ruankao_desktop.core.store.migrations import LATEST_VERSION
from ruankao_desktop.ui.main_window import MainWindow
from ruankao_desktop.ui.models.results_model import PLACEHOLDER
from ruankao_desktop.ui.panes.lookup_pane import DEBOUNCE_MS, LookupPane
from ruankao_desktop.ui.workers import TaskRunner

TARGET_STALL_MS = 50.0
TARGET_FIRST_PAGE_MS = 100.0
TARGET_START_S = 1.5
TARGET_START_RATIO = 2.5

TICK_MS = 5
KEY_GAP_MS = 110
SLOW_KEY_GAP_MS = 350  # slower than the debounce: a search after every key, results arriving mid-typing
LEAD_IN_MS = 200  # ticker running before the first key
TAIL_MS = 150  # ticker still running after row 0 shows data: its painting is measured too
SEARCH_TIMEOUT_MS = 20_000
SETTLE_TIMEOUT_S = 30.0
CONNECT_SAMPLES = 20
NAMES = ("张伟", "王芳", "李娜")
PINYINS = ("zhangwei", "wangfang", "lina")
INITIALS = ("zw", "wf", "zh")  # name initials: ~2,400, ~3,400 and ~7,000 certificates in the 1M set
MARKER = "BENCH-READY"

APP_CHILD = f"""
import sys, time
begun = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ruankao_desktop.app import create_main_window
imported = time.perf_counter()
window = create_main_window(sys.argv[1], lang="zh")
created = time.perf_counter()
window.show()
shown = time.perf_counter()
def ready():
    now = time.perf_counter()
    print("{MARKER}", begun, imported - begun, created - imported, shown - created, now - shown, flush=True)
    QApplication.quit()
QTimer.singleShot(0, ready)
QApplication.exec()
"""

BARE_CHILD = f"""
import sys, time
begun = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
imported = time.perf_counter()
app = QApplication(sys.argv[:1])
window = QMainWindow()
created = time.perf_counter()
window.show()
shown = time.perf_counter()
def ready():
    now = time.perf_counter()
    print("{MARKER}", begun, imported - begun, created - imported, shown - created, now - shown, flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""
STAGES = ("interpreter", "imports", "window", "show", "1st turn")


def nearest_rank(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def shown_value(value: str) -> str:
    """ID numbers shortened in the report (they are synthetic, but the habit is worth keeping)."""
    return f"{value[:6]}…{value[-4:]}" if len(value) == 18 and value[:17].isdigit() else value


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


# Driving the window ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """Something the operator does, `offset_ms` after the ticker starts."""

    offset_ms: int
    name: str
    perform: Callable[[], None]


@dataclass
class Trace:
    """What one stretch of the event loop recorded (perf_counter seconds)."""

    label: str
    ticks: list[float] = field(default_factory=list)
    events: list[tuple[float, str]] = field(default_factory=list)
    last_input: float | None = None
    start: float | None = None  # the debounce firing (typed) or the Enter key (explicit) of the final search
    reset: float | None = None  # the final search's ids reached the model (modelReset)
    ready: float | None = None  # row 0 of the final search's results holds real data
    painted: float | None = None  # the results viewport starts painting after `ready`
    count: int | None = None  # results of the final search
    timed_out: bool = False

    def gaps(self) -> list[tuple[float, float, float]]:
        """(stall ms, gap start, gap end) between consecutive ticks."""
        return [((b - a) * 1000 - TICK_MS, a, b) for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    @property
    def max_stall(self) -> float:
        return max((gap[0] for gap in self.gaps()), default=math.nan)

    @property
    def p99_stall(self) -> float:
        stalls = [gap[0] for gap in self.gaps()]
        return nearest_rank(stalls, 0.99) if stalls else math.nan

    def worst_during(self) -> str:
        """What happened inside the longest gap between ticks."""
        gaps = self.gaps()
        if not gaps:
            return "-"
        _, begun, ended = max(gaps)
        inside = [name for moment, name in self.events if begun <= moment <= ended]
        if inside:
            return ", ".join(dict.fromkeys(inside))
        before = [name for moment, name in self.events if moment < begun]
        return f"(after {before[-1]})" if before else "(before any input)"

    def since_start_ms(self, moment: float | None) -> float | None:
        return None if self.start is None or moment is None else (moment - self.start) * 1000

    def first_page_ms(self) -> float | None:
        return self.since_start_ms(self.ready)


class _EventHook(QObject):
    """Calls back when `target` is about to handle an event of `kind` (the event goes on as usual)."""

    def __init__(self, target: QObject, kind: QEvent.Type, callback: Callable[[], None]) -> None:
        super().__init__(target)
        self._kind = kind
        self._callback = callback
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == self._kind:
            self._callback()
        return False


class Probe(QObject):
    """Watches the lookup pane while the event loop runs: the 5 ms ticker, the debounce timer firing, the
    search finishing, row 0 receiving its data and the results viewport painting."""

    def __init__(self, pane: LookupPane) -> None:
        super().__init__()
        self._pane = pane
        self._trace = Trace("")
        self._active = False
        self._armed = False  # the last action has been performed
        self._needs_debounce = False
        self._reset_seen = False  # the final search has reset the model
        self._stopping = False
        self._loop: QEventLoop | None = None
        self._timers: list[QTimer] = []
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._hooks = [
            _EventHook(pane._debounce, QEvent.Type.Timer, self._debounce_fired),
            _EventHook(pane.results.viewport(), QEvent.Type.Paint, self._painting),
        ]
        pane.model.modelReset.connect(self._model_reset)
        pane.model.dataChanged.connect(lambda *_args: self._data_changed())
        pane.search_finished.connect(self._search_finished)
        self._gc_started = 0.0
        gc.callbacks.append(self._collecting)

    def close(self) -> None:
        gc.callbacks.remove(self._collecting)

    def _collecting(self, phase: str, info: dict[str, int]) -> None:
        """Full collections hold the GIL, on whichever thread runs them: they are named in the timeline."""
        if not self._active or info.get("generation") != 2:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self._note(f"gc gen 2 ({(time.perf_counter() - self._gc_started) * 1000:.0f} ms)")

    def drive(
        self,
        label: str,
        actions: Sequence[Action],
        *,
        needs_debounce: bool = True,
        idle_ms: int | None = None,
    ) -> Trace:
        """Run the event loop, performing `actions` on time, until the final search's first page is shown
        (then `TAIL_MS` more), or for `idle_ms` when given."""
        self._trace = trace = Trace(label)
        self._armed = self._reset_seen = self._stopping = False
        self._needs_debounce = needs_debounce
        self._loop = loop = QEventLoop()
        self._timers = []
        for index, action in enumerate(actions):
            self._later(action.offset_ms, partial(self._perform, action, index == len(actions) - 1))
        if idle_ms is not None:
            self._later(idle_ms, loop.quit)
        else:
            self._later((actions[-1].offset_ms if actions else 0) + SEARCH_TIMEOUT_MS, self._time_out)
        self._active = True
        self._ticker.start()
        loop.exec()
        self._ticker.stop()
        self._active = False
        for timer in self._timers:
            timer.stop()
            timer.deleteLater()
        self._timers = []
        self._loop = None
        return trace

    def _later(self, ms: int, callback: Callable[[], None]) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(ms)
        timer.timeout.connect(callback)
        timer.start()
        self._timers.append(timer)

    def _note(self, name: str) -> float:
        now = time.perf_counter()
        self._trace.events.append((now, name))
        return now

    def _tick(self) -> None:
        self._trace.ticks.append(time.perf_counter())

    def _perform(self, action: Action, last: bool) -> None:
        now = self._note(action.name)
        if last:
            self._armed = True
            self._trace.last_input = now
            if not self._needs_debounce:
                self._trace.start = now
        action.perform()

    def _debounce_fired(self) -> None:
        if not self._active:
            return
        now = self._note("debounce")
        if self._armed and self._needs_debounce:
            self._trace.start = now
            self._trace.reset = None
            self._reset_seen = False

    def _model_reset(self) -> None:
        if self._active and self._trace.start is not None:
            self._trace.reset = self._note("model reset")
            self._reset_seen = True
            self._data_changed()  # the first page comes with its rows

    def _data_changed(self) -> None:
        trace = self._trace
        if not (self._active and self._reset_seen and trace.ready is None):
            return
        model = self._pane.model
        if model.rowCount() and model.index(0, 0).data() != PLACEHOLDER:
            trace.ready = self._note("row 0 data")
            self._finish()

    def _painting(self) -> None:
        if self._active and self._trace.ready is not None and self._trace.painted is None:
            self._trace.painted = self._note("paint")

    def _search_finished(self, count: int) -> None:
        if not self._active:
            return
        self._note(f"search done ({count})")
        if self._trace.start is not None and self._reset_seen:
            self._trace.count = count
            if count == 0:
                self._finish()

    def _finish(self) -> None:
        if not self._stopping and self._loop is not None:
            self._stopping = True
            self._later(TAIL_MS, self._loop.quit)

    def _time_out(self) -> None:
        self._trace.timed_out = True
        if self._loop is not None:
            self._loop.quit()


def settle(runner: TaskRunner) -> None:
    """Let the event loop run until no background task is in flight."""
    deadline = time.perf_counter() + SETTLE_TIMEOUT_S
    loop = QEventLoop()

    def check() -> None:
        if not runner.busy() or time.perf_counter() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if runner.busy():
        raise RuntimeError("background tasks still running after 30 s")


def commit(widget: QWidget, text: str) -> None:
    """Chinese arrives from an input method as committed text, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def keystroke(pane: LookupPane, piece: str) -> tuple[str, Callable[[], None]]:
    """One key (ASCII) or one input-method commit (anything else), named for the report."""
    if piece.isascii():
        return f"key {piece}", partial(QTest.keyClicks, pane.input, piece)
    return f"commit {piece}", partial(commit, pane.input, piece)


def prepare(window: MainWindow, text: str) -> None:
    settle(window.desk.runner)
    pane = window.lookup_pane
    pane.input.setFocus()
    pane.input.setText(text)  # no textEdited: no search


def typed(probe: Probe, window: MainWindow, label: str, pieces: Sequence[str], gap_ms: int) -> Trace:
    """Type `pieces` into the empty field, one every `gap_ms`."""
    prepare(window, "")
    actions = []
    for index, piece in enumerate(pieces):
        name, perform = keystroke(window.lookup_pane, piece)
        actions.append(Action(LEAD_IN_MS + index * gap_ms, name, perform))
    return probe.drive(label, actions)


def last_key(probe: Probe, window: MainWindow, query: str) -> Trace:
    """The field holds all of `query` but its last character, which is then typed."""
    prepare(window, query[:-1])
    name, perform = keystroke(window.lookup_pane, query[-1])
    return probe.drive(query, [Action(LEAD_IN_MS, name, perform)])


def enter(probe: Probe, window: MainWindow, query: str) -> Trace:
    prepare(window, query)
    press = partial(QTest.keyClick, window.lookup_pane.input, Qt.Key.Key_Return)
    return probe.drive(query, [Action(LEAD_IN_MS, "Enter", press)], needs_debounce=False)


# Baselines -----------------------------------------------------------------------------------------------


def close_thread_connection() -> None:
    if db.obj is not None and not db.is_closed():
        db.close()


def service_ms(lookup: LookupService, query: str) -> float:
    """The worker code of a search's first page, on this thread, closing its connection as `TaskRunner`
    does."""
    begun = time.perf_counter()
    try:
        lookup.search(query, counts=False)
    finally:
        close_thread_connection()
    return (time.perf_counter() - begun) * 1000


@dataclass(frozen=True)
class Raw:
    ids_ms: float
    page_ms: float
    rows: int

    @property
    def total_ms(self) -> float:
        return self.ids_ms + self.page_ms


@contextmanager
def recorded_sql() -> Iterator[list[tuple[str, str, tuple[Any, ...]]]]:
    """Every statement run meanwhile on this thread, as (phase, sql, params): "page" for the first
    page's rows (`rows_for_ids`), "ids" for the rest."""
    statements: list[tuple[str, str, tuple[Any, ...]]] = []
    phase = ["ids"]
    execute_sql: Callable[..., Any] = Database.execute_sql
    names = vars(lookup_module)  # where `search` finds `rows_for_ids`
    rows_for_ids = names["rows_for_ids"]

    def recording(self: Database, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        statements.append((phase[0], sql, tuple(params or ())))
        return execute_sql(self, sql, params, *args, **kwargs)

    def page_rows(database: Database, ids: Sequence[int]) -> Any:
        phase[0] = "page"
        try:
            return rows_for_ids(database, ids)
        finally:
            phase[0] = "ids"

    Database.execute_sql = recording  # type: ignore[method-assign]
    names["rows_for_ids"] = page_rows
    try:
        yield statements
    finally:
        Database.execute_sql = execute_sql  # type: ignore[method-assign]
        names["rows_for_ids"] = rows_for_ids


def raw_first_page(connection: sqlite3.Connection, lookup: LookupService, query: str) -> Raw:
    """The SQL of the search and of its first page's rows, recorded once, then run on bare sqlite3."""
    with recorded_sql() as statements:
        try:
            total = lookup.search(query, counts=False).total
        finally:
            close_thread_connection()
    spent = {"ids": 0.0, "page": 0.0}
    for phase, sql, params in statements:
        begun = time.perf_counter()
        connection.execute(sql, params).fetchall()
        spent[phase] += time.perf_counter() - begun
    return Raw(spent["ids"] * 1000, spent["page"] * 1000, total)


def connect_ms() -> float:
    """Median of opening (with the application's pragmas) and closing a peewee connection: every
    background task pays it, since each closes its thread's connection when it ends."""
    timings = []
    for _ in range(CONNECT_SAMPLES):
        begun = time.perf_counter()
        db.connect(reuse_if_open=True)
        db.close()
        timings.append((time.perf_counter() - begun) * 1000)
    return statistics.median(timings)


# Samples -------------------------------------------------------------------------------------------------


def pick(
    connection: sqlite3.Connection,
    sql: str,
    *,
    table: str,
    wanted: int,
    accept: Callable[[str], bool],
    seed: int,
) -> list[str]:
    """`wanted` distinct values of `sql` (one ? for a rowid) from random rows of `table` that `accept`."""
    rng = random.Random(seed)
    low, high = connection.execute(f'SELECT MIN(rowid), MAX(rowid) FROM "{table}"').fetchone()
    found: dict[str, None] = {}
    for _ in range(wanted * 50):
        if len(found) >= wanted:
            break
        row = connection.execute(sql, (rng.randint(low, high),)).fetchone()
        if row is not None and row[0] and accept(str(row[0])):
            found[str(row[0])] = None
    if len(found) < wanted:
        raise SystemExit(f"only {len(found)} usable values in {table}")
    return list(found)


def samples(path: Path, lookup: LookupService, wanted: int, seed: int) -> tuple[list[str], list[str]]:
    """ID numbers of holders with certificates (valid, so looked up as such) and 证书编号."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:

        def detected(value: str) -> Detected | None:
            """What the search took `value` for, when it found something by it and broke no rule."""
            try:
                result = lookup.search(value, limit=1, counts=False)
            finally:
                close_thread_connection()
            return result.detected if result.problem is None and result.total else None

        def is_id(value: str) -> bool:
            return detected(value) is Detected.ID_NUMBER

        def is_cert(value: str) -> bool:
            return value == value.strip().upper() and detected(value) is Detected.CERT_NO

        holders = (
            'SELECT h."id_number" FROM "holder" h WHERE h.rowid = ? '
            'AND EXISTS (SELECT 1 FROM "certificate" c WHERE c."holder_id" = h."id")'
        )
        certificates = 'SELECT "cert_no" FROM "certificate" WHERE rowid = ?'
        ids = pick(connection, holders, table="holder", wanted=wanted, accept=is_id, seed=seed)
        certs = pick(connection, certificates, table="certificate", wanted=wanted, accept=is_cert, seed=seed)
    finally:
        connection.close()
    return ids, certs


# The in-process part (targets 1 and 2) ----------------------------------------------------------------------


@dataclass
class Case:
    kind: str
    query: str
    typed: Trace | None = None
    entered: Trace | None = None
    service: float = math.nan
    raw: Raw | None = None


def text_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - text_width(text))


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def print_stalls(idle: Trace, typings: dict[str, list[Trace]]) -> tuple[bool, str]:
    passes = len(next(iter(typings.values())))
    print(
        f"\n[1] Event-loop stalls while typing (5 ms ticker; one key every {KEY_GAP_MS} ms unless said; "
        f"{passes} pass{'es' if passes > 1 else ''}; target: longest stall ≤ {TARGET_STALL_MS:.0f} ms)"
    )
    header = (
        f"{pad('query', 22)} {'inputs':>6} {'ticks':>6} {'max ms':>7} {'p99 ms':>7} {'rows':>5} "
        f"{'debounce→row 0 med/max':>22}  longest stall during"
    )
    print(header)
    print("-" * text_width(header))
    print(
        f"{pad(idle.label, 22)} {'-':>6} {len(idle.ticks):>6} {idle.max_stall:>7.1f} {idle.p99_stall:>7.1f} "
        f"{'-':>5} {'-':>22}  {idle.worst_during()}"
    )
    for label, traces in typings.items():
        inputs = sum(1 for _, name in traces[0].events if name.startswith(("key", "commit")))
        stalls = [gap[0] for trace in traces for gap in trace.gaps()]
        pages = [elapsed for trace in traces if (elapsed := trace.first_page_ms()) is not None]
        page = f"{statistics.median(pages):.1f} / {max(pages):.1f}" if pages else "-"
        if any(trace.timed_out for trace in traces):
            page = "timeout"
        number, worst = max(enumerate(traces, 1), key=lambda pair: pair[1].max_stall)
        where = f"(pass {number}) " if passes > 1 else ""
        count = traces[-1].count
        print(
            f"{pad(label, 22)} {inputs:>6} {sum(len(t.ticks) for t in traces):>6} {max(stalls):>7.1f} "
            f"{nearest_rank(stalls, 0.99):>7.1f} {count if count is not None else '-':>5} {page:>22}  "
            f"{where}{worst.worst_during()}"
        )
    everything = [trace for traces in typings.values() for trace in traces]
    stalls = [gap[0] for trace in everything for gap in trace.gaps()]
    worst = max(everything, key=lambda trace: trace.max_stall)
    passed = worst.max_stall <= TARGET_STALL_MS and not any(trace.timed_out for trace in everything)
    print(
        f"{pad('all typed queries', 22)} {'':>6} {len(stalls) + len(everything):>6} {worst.max_stall:>7.1f} "
        f"{nearest_rank(stalls, 0.99):>7.1f}  → {verdict(passed)} "
        f"(idle baseline: max {idle.max_stall:.1f} ms, p99 {idle.p99_stall:.1f} ms)"
    )
    summary = (
        f"typing stall max {worst.max_stall:.0f} ms in '{worst.label}' (≤ {TARGET_STALL_MS:.0f}; "
        f"idle {idle.max_stall:.0f} ms) {verdict(passed)}"
    )
    return passed, summary


def trace_columns(trace: Trace) -> str:
    """ids, row 0, paint (ms from the start of the search) and the trace's longest stall."""
    return (
        f"{ms(trace.since_start_ms(trace.reset)):>6} {ms(trace.first_page_ms()):>6} "
        f"{ms(trace.since_start_ms(trace.painted)):>6} {trace.max_stall:>6.1f}"
    )


def print_cases(cases: Sequence[Case]) -> None:
    print(f"{'':<38}{pad('last key → debounce →', 29)}Enter →")
    header = (
        f"{'kind':<10} {'query':<18} {'rows':>6}  "
        f"{'ids':>6} {'row 0':>6} {'paint':>6} {'stall':>6}  {'ids':>6} {'row 0':>6} {'paint':>6} "
        f"{'stall':>6}  {'service':>7} {'raw ids+page':>13}"
    )
    print(header + "  (ms)")
    print("-" * len(header))
    for case in cases:
        assert case.typed is not None and case.entered is not None and case.raw is not None
        raw = case.raw
        print(
            f"{case.kind:<10} {pad(shown_value(case.query), 18)} {raw.rows:>6}  {trace_columns(case.typed)}  "
            f"{trace_columns(case.entered)}  {case.service:>7.1f} {f'{raw.ids_ms:.1f}+{raw.page_ms:.1f}':>13}"
        )
        for trace in (case.typed, case.entered):
            if trace.timed_out or trace.first_page_ms() is None:
                problem = "timeout" if trace.timed_out else "no rows"
                print(f"  WARNING: {trace.label}: no first page ({problem}); events: {trace.events}")


def print_latency(cases: Sequence[Case], typed_traces: Sequence[Trace], connect: float) -> tuple[bool, str]:
    print(
        f"\n[2] First page of results (debounce {DEBOUNCE_MS} ms → row 0 holds data; "
        f"target: ≤ {TARGET_FIRST_PAGE_MS:.0f} ms every time)"
    )
    print_cases(cases)
    print(
        "ids = the search's ids reach the model, row 0 = its first page is in the model, paint = the "
        "table starts painting; stall = the longest event-loop stall meanwhile"
    )
    print(
        f"service = the same worker code on the main thread, idle window (a connection opened and closed "
        f"per task as TaskRunner does; open+close alone: {connect:.2f} ms); raw = the same SQL on one open "
        f"sqlite3 connection"
    )
    print()
    header = (
        f"{'kind':<14} {'n':>3} {'debounce med':>12} {'max':>7} {'Enter med':>10} {'max':>7} "
        f"{'service med':>11} {'raw med':>8}  verdict (debounce)"
    )
    print(header)
    print("-" * len(header))
    groups: dict[str, list[Case]] = {}
    for case in cases:
        groups.setdefault(case.kind, []).append(case)
    typed_pages = [page for trace in typed_traces if (page := trace.first_page_ms()) is not None]
    everything: list[float] = list(typed_pages)
    entered_all: list[float] = []
    for kind, members in groups.items():
        debounced = [p for c in members if c.typed and (p := c.typed.first_page_ms()) is not None]
        entered = [p for c in members if c.entered and (p := c.entered.first_page_ms()) is not None]
        everything += debounced
        entered_all += entered
        complete = len(debounced) == len(members)
        print(
            f"{kind:<14} {len(members):>3} {statistics.median(debounced):>12.1f} {max(debounced):>7.1f} "
            f"{statistics.median(entered):>10.1f} {max(entered):>7.1f} "
            f"{statistics.median(c.service for c in members):>11.1f} "
            f"{statistics.median(c.raw.total_ms for c in members if c.raw):>8.1f}  "
            f"{verdict(complete and max(debounced) <= TARGET_FIRST_PAGE_MS)}"
        )
    print(
        f"{'typed in [1]':<14} {len(typed_pages):>3} {statistics.median(typed_pages):>12.1f} "
        f"{max(typed_pages):>7.1f} {'':>10} {'':>7} {'':>11} {'':>8}  "
        f"{verdict(len(typed_pages) == len(typed_traces) and max(typed_pages) <= TARGET_FIRST_PAGE_MS)}"
    )
    passed = len(everything) == len(cases) + len(typed_traces) and max(everything) <= TARGET_FIRST_PAGE_MS
    print(
        f"all {len(everything)} debounced searches: median {statistics.median(everything):.1f} ms, "
        f"max {max(everything):.1f} ms → {verdict(passed)}; "
        f"Enter: median {statistics.median(entered_all):.1f} ms, max {max(entered_all):.1f} ms "
        f"(the same {TARGET_FIRST_PAGE_MS:.0f} ms, for information: "
        f"{'met' if max(entered_all) <= TARGET_FIRST_PAGE_MS else 'not met'})"
    )
    summary = (
        f"first page median {statistics.median(everything):.0f} ms, max {max(everything):.0f} ms "
        f"(≤ {TARGET_FIRST_PAGE_MS:.0f}) {verdict(passed)}"
    )
    return passed, summary


def gui_benchmarks(args: argparse.Namespace, path: Path) -> tuple[bool, str, bool, str]:
    create_application()
    window = create_main_window(str(path), lang="zh")
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    pane = window.lookup_pane
    lookup = window.desk.lookup
    probe = Probe(pane)
    settle(window.desk.runner)  # the advanced form's choices
    id_numbers, cert_numbers = samples(path, lookup, args.samples, args.seed)
    print(
        f"\nwindow up; {len(id_numbers)} ID numbers and {len(cert_numbers)} 证书编号 sampled "
        f"(seed {args.seed})",
        flush=True,
    )

    idle = probe.drive(f"idle ({args.idle:.1f} s)", [], idle_ms=round(args.idle * 1000))
    typings = (
        (f"ID {shown_value(id_numbers[0])}", list(id_numbers[0]), KEY_GAP_MS),
        (f"证书编号 {cert_numbers[0]}", list(cert_numbers[0]), KEY_GAP_MS),
        ("pinyin zhangwei", list("zhangwei"), KEY_GAP_MS),
        ("pinyin wangfang", list("wangfang"), KEY_GAP_MS),
        ("IME 张 伟", ["张", "伟"], KEY_GAP_MS),
        ("IME 王 芳", ["王", "芳"], KEY_GAP_MS),
        (f"zhangwei, {SLOW_KEY_GAP_MS} ms/key", list("zhangwei"), SLOW_KEY_GAP_MS),
    )
    by_label: dict[str, list[Trace]] = {}
    for number in range(args.passes):
        for label, pieces, gap_ms in typings:
            by_label.setdefault(label, []).append(typed(probe, window, label, pieces, gap_ms))
        print(f"  typing pass {number + 1}/{args.passes} done", flush=True)
    stalls_passed, stall_summary = print_stalls(idle, by_label)
    typed_traces = [trace for traces in by_label.values() for trace in traces]

    cases = [Case("id_number", value) for value in id_numbers]
    cases += [Case("cert_no", value) for value in cert_numbers]
    cases += [Case("name", name) for name in NAMES]
    cases += [Case("pinyin", pinyin) for pinyin in PINYINS]
    cases += [Case("initials", initials) for initials in INITIALS]
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA cache_size = {SQLITE_PRAGMAS['cache_size']}")
        print(f"\ntiming {len(cases)} queries: last key → debounce, Enter, service, raw …", flush=True)
        for index, case in enumerate(cases):

            def baselines(case: Case = case) -> None:
                settle(window.desk.runner)
                case.service = service_ms(lookup, case.query)
                case.raw = raw_first_page(connection, lookup, case.query)

            if index % 2 == 0:
                baselines()
            case.typed = last_key(probe, window, case.query)
            case.entered = enter(probe, window, case.query)
            if index % 2 == 1:
                baselines()
        settle(window.desk.runner)
        connect = connect_ms()
    finally:
        connection.close()
    latency_passed, latency_summary = print_latency(cases, typed_traces, connect)
    probe.close()
    window.close()
    return stalls_passed, stall_summary, latency_passed, latency_summary


# Start-up (target 3) ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    total_s: float
    stages: tuple[float, ...]  # as STAGES, in s


def start_once(code: str, arguments: Sequence[str], environment: dict[str, str]) -> Start:
    begun = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *arguments],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    marker = ""
    for line in process.stdout:
        if line.startswith(MARKER):
            marker = line
            break
    total = time.perf_counter() - begun
    _, errors = process.communicate(timeout=60)
    if not marker:
        raise RuntimeError(f"no {MARKER} line (exit code {process.returncode}):\n{errors[-2000:]}")
    if process.returncode != 0:
        print(f"  WARNING: child exited with {process.returncode}: {errors.strip()[-300:]}")
    child_begun, *stages = (float(part) for part in marker.split()[1:])
    return Start(total, (child_begun - begun, *stages))


def startup_benchmark(runs: int, path: Path, home: Path) -> tuple[bool, str]:
    kinds = {"application": (APP_CHILD, [str(path)]), "bare PySide6": (BARE_CHILD, [])}
    print(
        f"\n[3] Start-up to an interactive window ({runs} fresh processes of each after 1 warm-up; "
        f"target: median ≤ {TARGET_START_S} s and ≤ {TARGET_START_RATIO}× bare)",
        flush=True,
    )
    # Compiled modules cached (in a private folder, the source tree untouched), as in an installed
    # application, even where PYTHONDONTWRITEBYTECODE is set: the warm-up runs write the cache.
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(home / "pycache")}
    if environment.pop("PYTHONDONTWRITEBYTECODE", None):
        print(
            "PYTHONDONTWRITEBYTECODE is set here: the children cache bytecode under a private prefix anyway"
        )
    warm = {
        kind: start_once(code, arguments, environment).total_s for kind, (code, arguments) in kinds.items()
    }
    print("warm-up (not counted): " + ", ".join(f"{kind} {seconds:.3f} s" for kind, seconds in warm.items()))
    results: dict[str, list[Start]] = {kind: [] for kind in kinds}
    for run in range(runs):
        order = list(kinds) if run % 2 == 0 else list(reversed(kinds))
        for kind in order:
            code, arguments = kinds[kind]
            results[kind].append(start_once(code, arguments, environment))
    header = (
        f"{'window':<14} {'median s':>9} {'min s':>7} {'max s':>7}   "
        + " ".join(f"{stage:>11}" for stage in STAGES)
        + "  (stage medians, s)"
    )
    print(header)
    print("-" * len(header))
    medians: dict[str, float] = {}
    for kind, starts in results.items():
        totals = [start.total_s for start in starts]
        medians[kind] = statistics.median(totals)
        stages = [statistics.median(start.stages[i] for start in starts) for i in range(len(STAGES))]
        print(
            f"{kind:<14} {medians[kind]:>9.3f} {min(totals):>7.3f} {max(totals):>7.3f}   "
            + " ".join(f"{stage:>11.3f}" for stage in stages)
        )
    app, bare = medians["application"], medians["bare PySide6"]
    ratio = app / bare
    passed = app <= TARGET_START_S and ratio <= TARGET_START_RATIO
    print(
        f"application {app:.3f} s (≤ {TARGET_START_S} s: {'yes' if app <= TARGET_START_S else 'no'}), "
        f"{ratio:.2f}× bare {bare:.3f} s (≤ {TARGET_START_RATIO}×: "
        f"{'yes' if ratio <= TARGET_START_RATIO else 'no'}) → {verdict(passed)}"
    )
    summary = (
        f"start {app:.2f} s, {ratio:.1f}× bare {bare:.2f} s (≤ {TARGET_START_S} s, ≤ {TARGET_START_RATIO}×) "
        f"{verdict(passed)}"
    )
    return passed, summary


# Main -------------------------------------------------------------------------------------------------------


def quiet_qt_messages() -> None:
    """Drop what the offscreen platform says for every top-level window (not about the application)."""

    def handler(_mode: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def certificate_count(path: Path) -> int:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM certificate").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def prepare_database(path: Path) -> None:
    if not path.is_file() or not certificate_count(path):
        raise SystemExit(
            f"{path} holds no certificates; seed it first: "
            f".venv/bin/python tests/benchmarks/bench_lookup.py --db {path} --samples 10"
        )
    found = inspect_sqlite_file(path)
    mb = path.stat().st_size / 1e6
    print(f"database {path}: {certificate_count(path):,} certificates, {mb:,.1f} MB, schema {found}")
    if found is not None and found < LATEST_VERSION:
        print(
            f"migrating to schema {LATEST_VERSION} (the application backs the file up beside it) …",
            flush=True,
        )
        begun = time.perf_counter()
        open_centre(str(path)).close()
        print(f"migrated in {time.perf_counter() - begun:.1f} s (once; not part of any timing below)")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, required=True, help="a seeded database file (see bench_lookup.py)")
    parser.add_argument("--runs", type=int, default=5, help="start-up processes of each kind (default 5)")
    parser.add_argument(
        "--samples",
        type=int,
        default=5,
        help="ID numbers and 证书编号 each in the first-page timing (default 5)",
    )
    parser.add_argument("--seed", type=int, default=7, help="picks the sampled values (default 7)")
    parser.add_argument("--idle", type=float, default=3.0, help="seconds of the idle baseline (default 3)")
    parser.add_argument(
        "--passes", type=int, default=3, help="times the typed queries are typed (default 3): rare stalls"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if min(args.runs, args.samples, args.passes) < 1 or args.idle <= 0:
        raise SystemExit("--runs, --samples, --passes and --idle must be positive")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = args.db.expanduser().absolute()
    with tempfile.TemporaryDirectory(prefix="ruankao-bench-gui-") as folder:
        home = Path(folder)
        # A database whose audit trail was written from another data folder needs that folder's key.
        os.environ.setdefault("RUANKAO_DATA_DIR", str(home / "data"))
        os.environ["RUANKAO_CONFIG"] = str(home / "config.toml")
        os.environ["RUANKAO_LOG_DIR"] = str(home / "logs")
        print(
            f"Python {platform.python_version()}, PySide6 {pyside_version} (Qt {qVersion()}), "
            f"SQLite {sqlite3.sqlite_version}, peewee {version('peewee')}, {platform.machine()} "
            f"{platform.system()}, {os.cpu_count()} CPUs, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}"
        )
        prepare_database(path)
        quiet_qt_messages()
        stalls_passed, stall_summary, latency_passed, latency_summary = gui_benchmarks(args, path)
        start_passed, start_summary = startup_benchmark(args.runs, path, home)
    met = sum((stalls_passed, latency_passed, start_passed))
    print(
        f"\nSUMMARY: {verdict(met == 3)} ({met}/3 targets met) — [1] {stall_summary}; [2] {latency_summary}; "
        f"[3] {start_summary}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
