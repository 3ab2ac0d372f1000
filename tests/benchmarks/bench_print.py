"""Benchmark of printed copies: one copy cold and warm, a batch of 1,000, against a bare ReportLab page.

What it does
------------
1. Seeds a demo database (``--count`` certificates, default 2,000) in a temporary folder.
2. Cold copy: in a fresh process, the time from nothing loaded to the first copy rendered and recorded
   (font discovery, registration, signing key, ReportLab imports included).
3. Warm copy: ``--samples`` copies in this process after one warm-up, timed two ways: the document alone
   (``build_copy`` with its font checks) and the whole service call (``render_copy``: lookup, signing, PDF,
   PrintRecord + VerificationCode + audit event in one transaction). Median and p95 in ms.
4. Baseline in the same run: a bare ReportLab canvas page in the same font, carrying the same texts
   (title, fields, code, footer), without QR code, watermark or tables.
5. A batch of ``--batch`` copies (default 1,000) into one PDF through ``render_copies`` (two worker
   processes on this machine), with its size.

Targets (issue 4): one copy ≤ 20 ms after the fonts are loaded; a batch of 1,000 ≤ 20 s on two cores. It
reports and does not assert.

    .venv/bin/python tests/benchmarks/bench_print.py
    .venv/bin/python tests/benchmarks/bench_print.py --samples 200 --batch 1000
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET_COPY_MS = 20.0
TARGET_BATCH_S = 20.0

COLD_SCRIPT = """
import time
start = time.perf_counter()
from ruankao_desktop.core.services.audit import Actor
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.printing import PrintingService
centre = open_centre({database!r})
PrintingService(centre.settings).render_copy(1, Actor("bench", "desk-1"), expected_version=None)
print(time.perf_counter() - start)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bare_page(chain_name: str, texts: list[str]) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=chain_name)
    canvas.setFont(chain_name, 12)
    for line, text in enumerate(texts):
        canvas.drawString(60, 780 - 22 * line, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-print-"))
    os.environ["RUANKAO_DATA_DIR"] = str(folder / "data")

    from ruankao_desktop.core.pdf.documents.copy import build_copy
    from ruankao_desktop.core.pdf.fonts import default_chain
    from ruankao_desktop.core.services.audit import Actor
    from ruankao_desktop.core.services.centre import open_centre
    from ruankao_desktop.core.services.demo import DemoSeeder
    from ruankao_desktop.core.services.printing import PrintingService

    database = folder / "bench.db"
    centre = open_centre(str(database))
    DemoSeeder(count=max(args.count, args.batch + 10), seed=7, today=date.today()).run(
        Actor("bench", "desk-1")
    )
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; demo database {database}")

    cold = [
        float(
            subprocess.run(
                [sys.executable, "-c", COLD_SCRIPT.format(database=str(database))],
                capture_output=True,
                text=True,
                check=True,
                env=os.environ,
            ).stdout.strip()
        )
        for _ in range(3)
    ]
    actor = Actor("bench", "desk-1")
    service = PrintingService(centre.settings)
    service.render_copy(1, actor, expected_version=None)  # warm: fonts registered, key loaded
    chain = default_chain(centre.settings.fonts)
    service_ms, document_ms, bare_ms = [], [], []
    for index in range(args.samples):
        certificate_id = 2 + index % (args.count - 2)
        started = time.perf_counter()
        document = service.render_copy(certificate_id, actor, expected_version=None)
        service_ms.append((time.perf_counter() - started) * 1000)
        pending = service._prepare_copy(
            certificate_id, actor, "zh", expected_version=None
        )  # the document alone
        started = time.perf_counter()
        for field, text in pending.content.texts():
            chain.check(text, field=field)
        build_copy(pending.content, chain)
        document_ms.append((time.perf_counter() - started) * 1000)
        content = pending.content
        texts = [
            content.holder_name,
            content.id_masked,
            content.qualification,
            content.level,
            content.cert_no,
            content.management_no,
            content.approved_on,
            content.issuer,
            content.state,
            content.code,
            f"{content.serial} {content.terminal} {content.operator}",
        ]
        started = time.perf_counter()
        bare_page(chain.faces[0].name, texts)
        bare_ms.append((time.perf_counter() - started) * 1000)
    print(f"last copy: {len(document.pdf) / 1024:.0f} KB")

    target = folder / "batch.pdf"
    started = time.perf_counter()
    service.render_copies(list(range(2, 2 + args.batch)), actor, target)
    batch_s = time.perf_counter() - started

    median_document = statistics.median(document_ms)
    print()
    print(f"{'measure':44} {'median':>10} {'p95':>10}")
    print("-" * 66)
    print(f"{'cold: first copy in a fresh process (s)':44} {statistics.median(cold):10.2f} {max(cold):10.2f}")
    print(f"{'warm: copy document (ms)':44} {median_document:10.1f} {percentile(document_ms, 0.95):10.1f}")
    print(
        f"{'warm: render_copy incl. records (ms)':44} {statistics.median(service_ms):10.1f} "
        f"{percentile(service_ms, 0.95):10.1f}"
    )
    print(
        f"{'baseline: bare ReportLab page (ms)':44} {statistics.median(bare_ms):10.1f} "
        f"{percentile(bare_ms, 0.95):10.1f}"
    )
    print(
        f"{'batch of ' + str(args.batch) + ' copies into one PDF (s)':44} {batch_s:10.1f}"
        f"   ({target.stat().st_size / 1e6:.1f} MB)"
    )
    copy_ok = statistics.median(service_ms) <= TARGET_COPY_MS
    batch_ok = batch_s <= TARGET_BATCH_S
    ratio = median_document / statistics.median(bare_ms)
    print()
    print(
        f"SUMMARY: copy {'PASS' if copy_ok else 'FAIL'} "
        f"({statistics.median(service_ms):.1f} ms ≤ {TARGET_COPY_MS} ms, "
        f"document {ratio:.1f}× a bare page); batch {'PASS' if batch_ok else 'FAIL'} "
        f"({batch_s:.1f} s ≤ {TARGET_BATCH_S} s for {args.batch})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
