"""The qualification catalogue (resources/data/qualifications.json), loaded into an empty database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ruankao_desktop.core.config import resources_dir
from ruankao_desktop.core.store.database import write_transaction
from ruankao_desktop.core.store.models import Qualification, QualificationAlias


def catalogue_file() -> Path:
    return resources_dir() / "data" / "qualifications.json"


def ensure_catalogue(path: Path | None = None) -> int:
    """Load the catalogue when the database has no qualifications yet; returns how many were added."""
    if Qualification.select().exists():
        return 0
    data: dict[str, Any] = json.loads((path or catalogue_file()).read_text(encoding="utf-8"))
    with write_transaction():
        by_code: dict[str, Qualification] = {}
        for order, entry in enumerate(data["current"] + data["historical"]):
            successor = by_code[entry["successor"]] if entry.get("successor") else None
            qualification = Qualification.create(
                code=entry["code"],
                name=entry["name"],
                level=entry["level"],
                category=entry["category"],
                successor=successor,
                first_year=entry.get("first_year"),
                last_year=entry.get("last_year"),
                validity_years=entry.get("validity_years"),
                sort_order=order,
            )
            by_code[entry["code"]] = qualification
            QualificationAlias.insert_many(
                [{"name": alias, "qualification": qualification} for alias in entry.get("aliases", [])]
            ).execute()
    return len(by_code)
