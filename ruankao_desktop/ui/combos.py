"""Choice lists that are filled again (after a language change, or when the catalogue changed)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, any_text: str, items: Iterable[tuple[Any, str]]) -> None:
    """`any_text` (standing for no choice) and then `items` (value, text), keeping what was chosen."""
    current = combo.currentData()
    combo.clear()
    combo.addItem(any_text, None)
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
