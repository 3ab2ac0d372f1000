"""Texts of the front desk: advanced search, no-match guidance, certificate details and handover."""

TEXTS: dict[str, tuple[str, str]] = {}
