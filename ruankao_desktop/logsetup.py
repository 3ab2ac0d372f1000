"""Logging to a rotating file in the user log folder, with ID numbers redacted before anything is written.

The redaction is a safety net: code never logs a full ID number on purpose (docs/domain.md "Names and
privacy"), and this filter makes sure an accidental one (inside an exception text, say) is masked.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from ruankao_desktop.core.config import log_dir
from ruankao_desktop.core.domain.masking import redact_ids


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact_ids(super().format(record))


def log_file() -> Path:
    """Where the log is written (what a message about an unexpected error points to)."""
    return log_dir() / "ruankao-desktop.log"


def configure_logging() -> Path | None:
    """Send log records to `log_file()`; returns the file, or None if it cannot be
    written (the program then runs without a log rather than failing)."""
    try:
        path = log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, RotatingFileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
