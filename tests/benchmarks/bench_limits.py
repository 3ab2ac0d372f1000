"""Benchmark of refusing hostile list files: how long the refusal takes and how much memory it needs.

What it does
------------
Builds, in a temporary folder, the files of tests/core/importing/test_limits.py — a shared-strings bomb
(20 million strings declared and held, under 1 MB on disk), a zip bomb (a part of 256 MB of zeros), a
sheet of 1,048,576 empty rows (by its dimension, by row entries, by one last row), a 10 MB CSV of one
line — and opens each with ``open_table`` in a fresh child process, reading every row, as an import would.
Prints, per file, its size on disk, the message code it is refused with, the wall time from the call to the
refusal, and the child's peak RSS (``VmHWM``, Linux) beside the RSS of a child that only imports the reader.
The issue's target: each refused within one second and under 100 MB. It does not assert.

How to run (from the project root)::

    .venv/bin/python tests/benchmarks/bench_limits.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.core.importing.builders import (  # noqa: E402
    list_rows,
    rewrite_xlsx,
    shared_strings_xlsx,
    sheet_xml,
    write_xlsx,
)
from tests.core.importing.test_limits import EXCEL_ROWS, ROWS, repeated  # noqa: E402

CHILD = """
import json, sys, time
from pathlib import Path
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.importing.readers import open_table
path = Path(sys.argv[1])
code = None
started = time.perf_counter()
if path.name != "-":
    try:
        with open_table(path) as table:
            for _ in table.rows():
                pass
    except KnownError as error:
        code = error.code
elapsed = time.perf_counter() - started
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
status = Path("/proc/self/status").read_text().splitlines()
peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "seconds": elapsed, "rss": peak}))
"""


def build(folder: Path) -> dict[str, Path]:
    files: dict[str, Callable[[Path], Path]] = {
        "shared-strings bomb, 20,000,000 strings": lambda p: shared_strings_xlsx(
            p, ROWS, declared=20_000_000, extra=repeated(b"<si/>", 20_000_000)
        ),
        "zip bomb, a 256 MB part of zeros": lambda p: rewrite_xlsx(
            write_xlsx(p, list_rows(3)), {"xl/media/image1.png": repeated(b"\0", 256 * 1024 * 1024)}
        ),
        "1,048,576 rows by the dimension": lambda p: shared_strings_xlsx(
            p, ROWS, sheet=sheet_xml(ROWS, dimension=f"A1:H{EXCEL_ROWS}")
        ),
        "1,048,576 empty row entries": lambda p: shared_strings_xlsx(
            p, ROWS, sheet=sheet_xml(ROWS, tail="".join(f'<row r="{r}"/>' for r in range(5, EXCEL_ROWS + 1)))
        ),
        "one row numbered 1,048,576": lambda p: shared_strings_xlsx(
            p, ROWS, sheet=sheet_xml(ROWS, tail=f'<row r="{EXCEL_ROWS}"/>')
        ),
    }
    made = {what: make(folder / f"{index}.xlsx") for index, (what, make) in enumerate(files.items())}
    line = folder / "line.csv"
    line.write_bytes("姓名,证件号码,证书编号,".encode() + b"x" * 10_000_000)
    made["a 10 MB CSV of one line"] = line
    return made


def measure(path: str) -> tuple[str | None, float, int]:
    """(the code it is refused with, seconds, peak RSS in MB) of opening `path` in a fresh process."""
    found = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, check=True)
    result = json.loads(found.stdout)
    return result["code"], float(result["seconds"]), int(result["rss"]) // 1024


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ruankao-bench-limits-") as folder:
        files = build(Path(folder))
        print(f"child that only imports the reader: peak RSS {measure('-')[2]} MB")
        for what, path in files.items():
            code, seconds, peak = measure(str(path))
            size = path.stat().st_size / 1024
            print(
                f"{what:42} {size:>9,.0f} KB  {code!s:32} {seconds * 1000:>7,.0f} ms  peak RSS {peak:>4} MB"
            )


if __name__ == "__main__":
    main()
