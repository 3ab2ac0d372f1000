"""The Qt binding itself: a version that gets reference counting wrong aborts the window at random, long
after the call that did the damage, so it is caught here, where it is cheap to see."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

UNSET_ROLE = Qt.ItemDataRole.UserRole + 99


def test_reading_a_role_without_a_value_leaves_none_alone() -> None:
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("王芳"))
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(1_000):  # PySide6 6.12.0 loses one reference to None each time
        assert index.data(UNSET_ROLE) is None
        assert model.data(index, UNSET_ROLE) is None
    assert sys.getrefcount(None) >= before - 50  # other threads may drop a few of their own
