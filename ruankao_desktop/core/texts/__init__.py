"""Every text the core shows people, in (Chinese, English), one module per feature, merged here.

A code may be defined once only: the merge refuses duplicates, so two features cannot silently disagree.
"""

from __future__ import annotations

from ruankao_desktop.core.texts import audit, base, copies, desk, importing, printing, reissue


def _merge(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"text codes defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


CATALOGUE = _merge(
    base.TEXTS, desk.TEXTS, reissue.TEXTS, importing.TEXTS, printing.TEXTS, copies.TEXTS, audit.TEXTS
)
