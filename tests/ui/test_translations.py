"""The English translation is complete and in step with the code: every tr() string of the interface is
in resources/translations/ruankao_en.ts, translated."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import ruankao_desktop
from ruankao_desktop.ui.i18n import translations_dir

ROOT = Path(ruankao_desktop.__file__).resolve().parent.parent


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in tree.iter("context")
        for message in context.iter("message")
    }


def test_every_interface_string_is_in_the_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ruankao_desktop" / "ui").rglob("*.py"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    assert set(_messages(fresh)) == set(_messages(translations_dir() / "ruankao_en.ts")), (
        "run scripts/build-translations and translate the new strings"
    )


def test_every_string_is_translated() -> None:
    for key, message in _messages(translations_dir() / "ruankao_en.ts").items():
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in {"unfinished", "obsolete"}, key
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        assert all(forms), key
