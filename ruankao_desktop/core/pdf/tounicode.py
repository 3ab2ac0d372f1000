"""A correct PDF text layer for characters beyond U+FFFF: a targeted fix of ReportLab's ToUnicode CMap.

The bug. ReportLab embeds a TrueType font as 256-character subsets; for each subset it writes a ToUnicode
CMap so that copy/paste, search and `pdftotext` can map the one-byte codes in the page back to Unicode.
`reportlab.pdfbase.ttfonts.makeToUnicodeCMap(fontname, subset)` writes one `bfchar` line per code as

    "<%02X> <%04X>" % (code, code_point)

which is right only inside the BMP. The PDF specification (ISO 32000-1, 9.10.3) wants the destination as
UTF-16BE, so a code point beyond U+FFFF must be written as a surrogate pair: 𠮷 (U+20BB7) as
`<D842DFB7>`, not `<20BB7>`. Readers take the odd-length `<20BB7>` for U+20BB followed by garbage, so a
name such as 王丽𠮷 or 李𪚥 prints correctly but comes out of the PDF as 王丽₻ or 李⩪.

The fix. `apply()` replaces the module attribute `ttfonts.makeToUnicodeCMap` with a wrapper that calls
ReportLab's own function and rewrites only the `bfchar` lines of code points beyond U+FFFF, as UTF-16BE
surrogate pairs. `TTFont.addObjects` (which writes each subset's font objects when a document is saved)
looks the function up by that global name at call time, so every document saved afterwards gets the
corrected CMap. The wrapper keeps the original as `__wrapped__`, which is how the tests render a PDF
without the fix to show the bug.

Failing loudly. `apply()` checks, before and after patching, that ReportLab still looks the way this fix
assumes: the function exists and is called by name from `TTFont.addObjects`, and it still writes
`<02> <20BB7>` for a probe subset. If any of that changed, it raises `ReportLabChanged` rather than
printing PDFs whose text layer might be wrong. If a future ReportLab writes surrogate pairs itself, the
fix is not needed and is not applied (the tests then say so, and this module can go).

`apply()` is idempotent and thread-safe; `core.pdf.fonts.FontChain.register()` calls it before any font
is registered.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence

from reportlab.pdfbase import ttfonts

CMapMaker = Callable[[str, Sequence[int]], str]

_MARK = "_ruankao_non_bmp_fix"
_LOCK = threading.Lock()
# A subset as ReportLab builds one: code 0 is .notdef, then a BMP character and one beyond U+FFFF.
_PROBE_SUBSET = (0, 0x5F20, 0x20BB7)
_PROBE_BUGGY_LINE = "<02> <20BB7>"
_PROBE_FIXED_LINE = "<02> <D842DFB7>"


class ReportLabChanged(RuntimeError):
    """ReportLab's internals no longer match what the ToUnicode fix relies on."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"cannot apply the ToUnicode fix for characters beyond U+FFFF: {detail}. ReportLab changed; "
            "review ruankao_desktop/core/pdf/tounicode.py against reportlab/pdfbase/ttfonts.py."
        )


def utf16be_hex(code_point: int) -> str:
    """The code point as a CMap destination: UTF-16BE in upper-case hex (a surrogate pair beyond U+FFFF)."""
    return chr(code_point).encode("utf-16-be").hex().upper()


def _fixed(original: CMapMaker) -> CMapMaker:
    @functools.wraps(original)
    def make_to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
        cmap = original(fontname, subset)
        if all(code_point <= 0xFFFF for code_point in subset):
            return cmap
        lines = cmap.split("\n")
        try:
            first = lines.index(f"{len(subset)} beginbfchar") + 1
        except ValueError:
            raise ReportLabChanged("the CMap has no 'beginbfchar' line for the subset") from None
        for code, code_point in enumerate(subset):
            if code_point > 0xFFFF:
                line = f"<{code:02X}> <{code_point:04X}>"  # what ReportLab writes: "<%02X> <%04X>"
                if first + code >= len(lines) or lines[first + code] != line:
                    raise ReportLabChanged(f"expected the bfchar line {line!r} in the CMap")
                lines[first + code] = f"<{code:02X}> <{utf16be_hex(code_point)}>"
        return "\n".join(lines)

    setattr(make_to_unicode_cmap, _MARK, True)
    return make_to_unicode_cmap


def is_applied() -> bool:
    return bool(getattr(getattr(ttfonts, "makeToUnicodeCMap", None), _MARK, False))


def apply() -> None:
    """Make ReportLab write UTF-16BE surrogate pairs for characters beyond U+FFFF (see the module doc).

    Raises `ReportLabChanged` if ReportLab no longer matches what the fix relies on."""
    with _LOCK:
        if is_applied():
            return
        original = getattr(ttfonts, "makeToUnicodeCMap", None)
        if not callable(original):
            raise ReportLabChanged("reportlab.pdfbase.ttfonts.makeToUnicodeCMap is gone")
        add_objects = getattr(getattr(ttfonts, "TTFont", None), "addObjects", None)
        if "makeToUnicodeCMap" not in getattr(getattr(add_objects, "__code__", None), "co_names", ()):
            raise ReportLabChanged("TTFont.addObjects no longer calls makeToUnicodeCMap")
        probe = original("PROBE", list(_PROBE_SUBSET)).split("\n")
        if _PROBE_FIXED_LINE in probe:
            return  # ReportLab writes surrogate pairs itself: nothing to fix.
        if _PROBE_BUGGY_LINE not in probe:
            raise ReportLabChanged(f"makeToUnicodeCMap no longer writes {_PROBE_BUGGY_LINE!r} for U+20BB7")
        fixed = _fixed(original)
        if _PROBE_FIXED_LINE not in fixed("PROBE", list(_PROBE_SUBSET)).split("\n"):
            raise ReportLabChanged("the corrected CMap does not hold the surrogate pair")
        ttfonts.makeToUnicodeCMap = fixed
