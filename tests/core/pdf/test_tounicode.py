"""The ToUnicode fix at the level of the CMap ReportLab writes for one font subset.

That the fix matters in a real PDF (pdftotext before and after) is tested in test_fonts.py; here: what
ReportLab writes without it, what it writes with it, that applying it twice changes nothing, and that it
refuses to apply when ReportLab no longer looks the way it relies on.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from reportlab.pdfbase import ttfonts

from ruankao_desktop.core.pdf import tounicode

# A subset as ReportLab builds one: .notdef, 张 (BMP), 𠮷 U+20BB7 and 𪚥 U+2A6A5 (Extension B), 䶮 (Ext A).
SUBSET = [0, 0x5F20, 0x20BB7, 0x2A6A5, 0x4DAE]


def bfchar_lines(cmap: str, count: int) -> list[str]:
    lines = cmap.split("\n")
    first = lines.index(f"{count} beginbfchar") + 1
    return lines[first : first + count]


@pytest.fixture
def fixed() -> None:
    tounicode.apply()


def test_reportlab_alone_writes_code_points_beyond_the_bmp_as_five_hex_digits(fixed: None) -> None:
    # The bug the fix exists for. When this fails, ReportLab has fixed it and tounicode.py can go.
    original = ttfonts.makeToUnicodeCMap.__wrapped__
    assert bfchar_lines(original("F", SUBSET), len(SUBSET))[2:4] == ["<02> <20BB7>", "<03> <2A6A5>"]


def test_the_fixed_cmap_writes_utf16_surrogate_pairs(fixed: None) -> None:
    assert bfchar_lines(ttfonts.makeToUnicodeCMap("F", SUBSET), len(SUBSET)) == [
        "<00> <0000>",
        "<01> <5F20>",
        "<02> <D842DFB7>",
        "<03> <D869DEA5>",
        "<04> <4DAE>",
    ]


def test_everything_else_in_the_cmap_is_reportlabs(fixed: None) -> None:
    original = ttfonts.makeToUnicodeCMap.__wrapped__
    bmp_only = [0, 0x5F20, 0x4F1F, 0x20]
    assert ttfonts.makeToUnicodeCMap("F", bmp_only) == original("F", bmp_only)
    changed = [
        (before, after)
        for before, after in zip(
            original("F", SUBSET).split("\n"), ttfonts.makeToUnicodeCMap("F", SUBSET).split("\n"), strict=True
        )
        if before != after
    ]
    assert changed == [("<02> <20BB7>", "<02> <D842DFB7>"), ("<03> <2A6A5>", "<03> <D869DEA5>")]


def test_applying_twice_wraps_once(fixed: None) -> None:
    patched = ttfonts.makeToUnicodeCMap
    tounicode.apply()
    assert ttfonts.makeToUnicodeCMap is patched
    assert tounicode.is_applied()
    assert not hasattr(patched.__wrapped__, "__wrapped__")


def test_utf16be_hex() -> None:
    assert tounicode.utf16be_hex(0x5F20) == "5F20"
    assert tounicode.utf16be_hex(0x20BB7) == "D842DFB7"
    assert tounicode.utf16be_hex(0x10FFFD) == "DBFFDFFD"


# ReportLab changing under the fix: these stand in for a future ReportLab, which is the point of the test.


def test_refuses_when_reportlab_writes_another_format(monkeypatch: pytest.MonkeyPatch) -> None:
    def other_format(fontname: str, subset: Sequence[int]) -> str:
        lines = [f"{len(subset)} beginbfchar"] + [f"<{i:04X}> <{v:08X}>" for i, v in enumerate(subset)]
        return "\n".join([*lines, "endbfchar"])

    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", other_format)
    with pytest.raises(tounicode.ReportLabChanged, match="no longer writes"):
        tounicode.apply()
    assert ttfonts.makeToUnicodeCMap is other_format


def test_refuses_when_the_function_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(ttfonts, "makeToUnicodeCMap")
    with pytest.raises(tounicode.ReportLabChanged, match="is gone"):
        tounicode.apply()


def test_refuses_when_fonts_no_longer_call_it(fixed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def add_objects(self: object, doc: object) -> None:
        """A TTFont.addObjects that builds its CMap some other way."""

    monkeypatch.setattr(ttfonts.TTFont, "addObjects", add_objects)
    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", ttfonts.makeToUnicodeCMap.__wrapped__)
    with pytest.raises(tounicode.ReportLabChanged, match="no longer calls"):
        tounicode.apply()


def test_leaves_a_reportlab_that_writes_surrogate_pairs_alone(
    fixed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrected = ttfonts.makeToUnicodeCMap

    def upstream(fontname: str, subset: Sequence[int]) -> str:
        return str(corrected(fontname, subset))

    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", upstream)
    tounicode.apply()
    assert ttfonts.makeToUnicodeCMap is upstream
