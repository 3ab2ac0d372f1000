"""Texts of printed copies, verification and the font chain."""

TEXTS: dict[str, tuple[str, str]] = {}
