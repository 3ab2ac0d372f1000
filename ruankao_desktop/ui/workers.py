"""Background work for the GUI (docs/architecture.md "Threads"): the GUI thread only paints.

`TaskRunner.run(fn, on_success, on_failure)` runs `fn` on a worker thread and calls back on the GUI
thread. When the result reports a change (`core.services.changes.change_of`), the runner broadcasts it on
`changed` right after `on_success`: the write has committed by then, and every pane hears of it the same
way, whichever pane started it (docs/architecture.md "The change broadcast").

Reads share a small pool; writes go through a pool of one, so writes never race each other.
A read keeps its thread's database connection for the next read: a fresh SQLite connection reads the
schema and starts with an empty page cache, which costs more than an exact lookup itself (the search
benchmark). It holds no lock between tasks, and sees every commit (a restore too: it is written into the
same file). A write closes its connection when it ends. A failure that is a `KnownError` reaches
`on_failure` as it is; anything else is a bug: it is logged with its traceback and reaches `on_failure`
as a `KnownError("ui.unexpected")` pointing at the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.services.centre import (
    close_thread_connection,
    keep_thread_connection,
    known_problem,
    lost_server,
    resume_thread_connection,
)
from ruankao_desktop.core.services.changes import Changed, change_of
from ruankao_desktop.logsetup import log_file

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[KnownError], None]


class _Delivery(QObject):
    """Lives on the GUI thread; its signals, emitted from a worker, are delivered there (queued)."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Success,
        on_failure: Failure,
        done: Callable[[_Delivery], None],
        broadcast: Callable[[Changed], None],
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self._done = done
        self._broadcast = broadcast
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self._done(self)
        change = change_of(result)
        try:
            self._on_success(result)
        finally:  # the write has committed: the other panes hear of it even if the caller's slot failed
            if change is not None:
                self._broadcast(change)

    @Slot(object)
    def _deliver_failure(self, problem: object) -> None:
        self._done(self)
        assert isinstance(problem, KnownError)
        self._on_failure(problem)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], delivery: _Delivery, *, write: bool) -> None:
        super().__init__()
        self._fn = fn
        self._delivery = delivery
        self._write = write

    def run(self) -> None:
        if not self._write:
            resume_thread_connection()
        try:
            result = self._attempt()
        except KnownError as problem:
            self._delivery.failed.emit(problem)
        except Exception as error:
            known = known_problem(error)
            if known is None:
                log.exception("background task failed")
            self._delivery.failed.emit(known or KnownError("ui.unexpected", log=str(log_file())))
        else:
            self._delivery.succeeded.emit(result)
        finally:
            if self._write:
                close_thread_connection()
            else:
                keep_thread_connection()

    def _attempt(self) -> Any:
        """The task; a read whose connection the server dropped (a restart) is run once more on a new
        connection, unseen by the clerk. A write is never repeated: it may have been done."""
        try:
            return self._fn()
        except Exception as error:
            if self._write or not lost_server(error):
                raise
            log.info("the database server dropped the connection: reconnecting for a read")
            close_thread_connection()
            return self._fn()


class TaskRunner(QObject):
    """The one way the GUI runs database and document work, and the one broadcast of what it changed."""

    changed = Signal(object)  # Changed, after every write that reports one

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._reads.setExpiryTimeout(-1)  # the read threads, and the connections kept for them, stay
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._in_flight: set[_Delivery] = set()
        self._shut_down = False

    def run(
        self,
        fn: Callable[[], Any],
        *,
        on_success: Success,
        on_failure: Failure,
        write: bool = False,
    ) -> None:
        if self._shut_down:
            return  # the window is closing: a late result's follow-up must not start anything now
        delivery = _Delivery(on_success, on_failure, self._in_flight.discard, self.changed.emit)
        self._in_flight.add(delivery)
        (self._writes if write else self._reads).start(_Task(fn, delivery, write=write))

    def busy(self) -> bool:
        return bool(self._in_flight)

    def shut_down(self, msecs: int = 10_000) -> bool:
        """Start nothing more and wait for what runs (the window is closing); later calls of `run` are
        ignored, so that a result delivered meanwhile cannot start work on a database being closed."""
        self._shut_down = True
        return self.wait_for_done(msecs)

    def wait_for_done(self, msecs: int = 10_000) -> bool:
        """Block until the worker threads are idle (shutdown and tests); results still arrive as events."""
        return self._reads.waitForDone(msecs) and self._writes.waitForDone(msecs)
