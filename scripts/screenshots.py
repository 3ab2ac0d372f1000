"""Regenerate the README's screenshots from a demo database, without a screen:

    .venv/bin/python scripts/screenshots.py

Writes docs/screenshots/*.png. The demo data is synthetic and IDs on screen are masked, so the pictures are
safe to commit.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ruankao_desktop.app import create_main_window
from ruankao_desktop.core.services.audit import Actor
from ruankao_desktop.core.services.centre import open_centre
from ruankao_desktop.core.services.demo import DemoSeeder

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "demo.db"
        centre = open_centre(str(database))
        DemoSeeder(count=2000, seed=2026, today=date.today()).run(Actor("demo", "desk-1"))
        centre.close()
        window = create_main_window(str(database))
        window.resize(1366, 768)
        window.show()
        window.grab().save(str(OUT / "main-window.png"))
    sys.stdout.write(f"screenshots written to {OUT}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
