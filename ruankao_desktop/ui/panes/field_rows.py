"""Labelled form rows with their problems beside them: each field has a red line under it that says, in
the core's words, what is wrong with it (core.domain.reissue.FieldProblem), and the field is marked
invalid for the stylesheet."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ruankao_desktop.core.domain.reissue import FieldProblem
from ruankao_desktop.core.messages import Language


class FieldRows:
    """The rows of `widgets` (field name → widget, in order) in one form layout."""

    def __init__(self, widgets: Mapping[str, QWidget]) -> None:
        self.layout = QFormLayout()
        self.layout.setVerticalSpacing(4)
        self._widgets = dict(widgets)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.problems: list[FieldProblem] = []
        for field, widget in self._widgets.items():
            label = QLabel()
            label.setObjectName("fieldLabel")
            label.setBuddy(widget)
            error = QLabel()
            error.setObjectName("errorText")
            error.setWordWrap(True)
            error.hide()
            self.labels[field], self.errors[field] = label, error
            self.layout.addRow(label, widget)
            self.layout.addRow("", error)

    def name(self, names: Mapping[str, str]) -> None:
        for field, text in names.items():
            self.labels[field].setText(text)

    def show(self, problems: Sequence[FieldProblem], lang: Language) -> None:
        """Each problem under its field; fields without one are clear again."""
        self.problems = list(problems)
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message(lang))
        for field, label in self.errors.items():
            messages = by_field.get(field, [])
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
            widget = self._widgets[field]
            widget.setProperty("invalid", bool(messages))
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def texts(self) -> dict[str, str]:
        """What is shown under each field that has a problem."""
        return {field: label.text() for field, label in self.errors.items() if label.text()}
