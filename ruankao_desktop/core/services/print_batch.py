"""Rendering the PDFs of many copies: in this process for a few, on one worker process per core for many
(ReportLab holds the interpreter lock, so threads would not help). Order is kept; cancelling stops early.
Recording them is the printing service's business; this module only turns contents into bytes."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ruankao_desktop.core.pdf.documents.copy import CopyContent, build_copy
from ruankao_desktop.core.pdf.fonts import FontChain, default_chain

Progress = Callable[[int, int], None]
# Batches at least this large are rendered on worker processes, at most this many.
PARALLEL_FROM = 40
MAX_WORKERS = 4


def render_content(content: CopyContent, chain: FontChain, invariant: bool) -> bytes:
    """One copy's PDF; a character no font of `chain` has raises `UncoveredCharacter` first."""
    for field, text in content.texts():
        chain.check(text, field=field)
    return build_copy(content, chain, invariant=invariant)


def render_contents(
    contents: Sequence[CopyContent],
    *,
    chain: Callable[[], FontChain],
    fonts: tuple[Path, ...],
    invariant: bool,
    progress: Progress | None,
    stop_if_cancelled: Callable[[], None],
) -> list[bytes]:
    """The PDFs of `contents`, in order. `chain` gives this process's font chain; worker processes
    discover theirs from the configured `fonts`."""
    total = len(contents)
    if total < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        pdfs = []
        for index, content in enumerate(contents):
            stop_if_cancelled()
            pdfs.append(render_content(content, chain(), invariant))
            if progress is not None:
                progress(index + 1, total)
        return pdfs
    workers = min(os.cpu_count() or 2, MAX_WORKERS)
    context = multiprocessing.get_context("spawn")  # no fork of a process that runs Qt threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_render_in_worker, content, fonts, invariant) for content in contents]
        try:
            for done, _future in enumerate(as_completed(futures), start=1):
                stop_if_cancelled()
                if progress is not None:
                    progress(done, total)
            return [future.result() for future in futures]
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _render_in_worker(content: CopyContent, fonts: tuple[Path, ...], invariant: bool) -> bytes:
    """A copy rendered in a worker process of a batch (its font chain is discovered once per process)."""
    return render_content(content, default_chain(fonts), invariant)
