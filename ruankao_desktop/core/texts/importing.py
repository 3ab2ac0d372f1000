"""Texts of importing official certificate lists and exporting reports."""

TEXTS: dict[str, tuple[str, str]] = {}
