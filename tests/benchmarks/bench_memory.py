"""Benchmark of the window's memory with a big database open (issue 11: < 300 MB with 5,000,000 certificates).

What it does
------------
1. Starts the desk window (``create_main_window``, ``QT_QPA_PLATFORM=offscreen`` unless set) in a fresh
   child process on ``--db`` and waits until its background tasks are done: the resident set at rest.
2. Searches, by Enter in the search field as a clerk does, each of ``--queries`` (default: eight common
   surnames, each of which finds the 100,000 ids the window keeps at most with 5M certificates), waiting
   each time for the pane's ``search_completed`` (the first page, then every id and the counts per state),
   and reads ``/proc/self/status`` right then: ``VmRSS``, of it ``RssAnon`` (the heap) and ``RssFile``.
3. After the last search, waits ``--settle`` seconds (default 2) and reads it again; then the peak over the
   whole run (``VmHWM``).
4. Baseline, same run, fresh child: a bare PySide6 window with a ``QTableView`` and a bare sqlite3
   connection with the application's cache size, which reads the same queries' ids (names starting with
   the surname, newest session first, at most 100,000) and keeps the last list, as the window keeps its
   model's ids. It prints the same figures.

Target, printed beside the figures: the window's peak (``VmHWM``) < 300 MB. Linux only (``/proc``). It
reports and does not assert: the exit code is 0 unless something fails with an error. The data,
configuration and log folders point to a temporary folder, so the user's are never touched.

How to run (from the project root; see tests/benchmarks/README.md)::

    .venv/bin/python tests/benchmarks/bench_memory.py --db /tmp/ruankao-bench-search/search-5000000.db
    .venv/bin/python tests/benchmarks/bench_memory.py --db … --queries 王,李,wf --settle 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

TARGET_MB = 300
DEFAULT_QUERIES = "王,李,张,刘,陈,杨,赵,黄"
MARKER = "BENCH-MEMORY"

STATUS = """
def status():
    fields = {}
    with open("/proc/self/status") as lines:
        for line in lines:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
                fields[key] = int(value.split()[0]) // 1024
    return fields
"""

APP_CHILD = (
    STATUS
    + f"""
import json, sys, time
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from ruankao_desktop.app import create_main_window

window = create_main_window(sys.argv[1], lang="zh")
window.show()
runner, pane = window.desk.runner, window.lookup_pane


def run_until(done, timeout_s=120):
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: (done() or time.monotonic() > deadline) and loop.quit())
    timer.start(20)
    loop.exec()
    timer.stop()
    if not done():
        raise RuntimeError("the window did not finish within " + str(timeout_s) + " s")


run_until(lambda: not runner.busy())
samples = [dict(label="at rest", rows=0, **status())]
for query in sys.argv[3].split(","):
    finished = []
    pane.search_completed.connect(finished.append)
    pane.input.setFocus()
    pane.input.setText(query)
    QTest.keyClick(pane.input, Qt.Key.Key_Return)
    run_until(lambda: bool(finished) and not runner.busy())
    pane.search_completed.disconnect(finished.append)
    samples.append(dict(label=query, rows=pane.model.rowCount(), **status()))
waited = []
QTimer.singleShot(int(float(sys.argv[2]) * 1000), lambda: waited.append(True))
run_until(lambda: bool(waited))
samples.append(dict(label="settled", rows=pane.model.rowCount(), **status()))
print("{MARKER}", json.dumps(samples), flush=True)
"""
)

BARE_CHILD = (
    STATUS
    + f"""
import json, sqlite3, sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
from ruankao_desktop.core.store.database import SQLITE_PRAGMAS

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.show()
app.processEvents()
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA cache_size = " + str(SQLITE_PRAGMAS["cache_size"]))
samples = [dict(label="at rest", rows=0, **status())]
kept = []
for query in sys.argv[3].split(","):
    kept = [
        row[0]
        for row in connection.execute(
            "SELECT c.id FROM certificate c JOIN holder h ON h.id = c.holder_id "
            "JOIN exam_session s ON s.id = c.session_id WHERE h.name LIKE ? "
            "ORDER BY s.exam_date DESC, c.id DESC LIMIT 100000",
            (query + "%",),
        )
    ]
    samples.append(dict(label=query, rows=len(kept), **status()))
samples.append(dict(label="settled", rows=len(kept), **status()))
print("{MARKER}", json.dumps(samples), flush=True)
"""
)


def run_child(
    code: str, db: Path, settle_s: float, queries: str, environment: dict[str, str]
) -> list[dict[str, Any]]:
    completed = subprocess.run(
        [sys.executable, "-c", code, str(db), str(settle_s), queries],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    for line in completed.stdout.splitlines():
        if line.startswith(MARKER):
            samples: list[dict[str, Any]] = json.loads(line[len(MARKER) :])
            return samples
    raise RuntimeError(f"child failed ({completed.returncode}):\n{completed.stderr[-3000:]}")


def print_samples(kind: str, samples: list[dict[str, Any]]) -> int:
    print(f"\n{kind}")
    print(f"  {'after':<10}{'rows':>9}{'VmRSS':>8}{'RssAnon':>9}{'RssFile':>9}   (MB)")
    for sample in samples:
        print(
            f"  {sample['label']:<10}{sample['rows']:>9,}{sample['VmRSS']:>8}{sample['RssAnon']:>9}"
            f"{sample['RssFile']:>9}"
        )
    peak = int(samples[-1]["VmHWM"])
    print(f"  peak (VmHWM) {peak} MB")
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, required=True, help="a SQLite file (bench_search seeds one)")
    parser.add_argument("--queries", default=DEFAULT_QUERIES, help="comma-separated searches, in order")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds to wait after the last search")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("bench_memory reads /proc: Linux only")
        return 0
    with tempfile.TemporaryDirectory(prefix="ruankao-bench-memory-") as folder:
        home = Path(folder)
        environment = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "RUANKAO_DATA_DIR": str(home / "data"),
            "RUANKAO_CONFIG": str(home / "config.toml"),
            "RUANKAO_LOG_DIR": str(home / "logs"),
        }
        print(f"{platform.system()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {args.db}")
        samples = run_child(APP_CHILD, args.db, args.settle, args.queries, environment)
        window = print_samples("window", samples)
        bare = print_samples(
            "baseline: bare PySide6 window + sqlite3 holding the same ids",
            run_child(BARE_CHILD, args.db, args.settle, args.queries, environment),
        )
    verdict = "PASS" if window < TARGET_MB else "FAIL"
    print(f"\n{verdict} window peak {window} MB (target < {TARGET_MB} MB); baseline peak {bare} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
