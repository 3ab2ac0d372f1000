"""The file a clerk picks to bring a list in: an arrival list, a list of new certificates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


def open_list_file(parent: QWidget, title: str) -> Path | None:
    """A CSV, text or Excel list chosen in the file dialog titled `title`, or None when cancelled."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, title, str(Path.home()), QCoreApplication.translate("Files", "清单 (*.xlsx *.csv *.txt)")
    )
    return Path(path) if path else None
