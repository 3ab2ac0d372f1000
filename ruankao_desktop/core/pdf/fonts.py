"""The one font chain every printed document uses (docs/architecture.md "Printing and fonts").

ReportLab embeds only TrueType-outline fonts and draws a character its font lacks as a blank, without any
error. So printing goes through a `FontChain`: an ordered list of TrueType faces, each with the set of code
points it has a glyph for. Text is split into runs, each character in the first face that covers it
(`runs`, `draw_string`, `paragraph_markup`); a character that no face covers stops printing with
`UncoveredCharacter`, naming the character and its code point, rather than leaving a blank in a name.

Where the faces come from, in this order (`FontChain.discover`):

1. fonts the caller passes as `configured` (from the centre's settings; a file that is missing or not a
   TrueType-outline font is an error, not skipped);
2. fonts shipped with the build in `resources/fonts/*.ttf|*.ttc` (none are committed; README there);
3. the system's fonts: on Windows 宋体 (simsun.ttc), 微软雅黑 (msyh.ttc), SimSun-ExtB (simsunb.ttf) and
   SimSun-ExtG; elsewhere whatever fontconfig (`fc-list`) knows that covers Chinese or CJK Extension B/G,
   TrueType outlines only (CFF-based OpenType such as Noto CJK cannot be embedded), one face per font
   file and per family (the regular weight), known body fonts (a Kai or Song face before a Hei face)
   before the extension-plane fonts (Hanazono, BabelStone Han). A system face that adds no character the
   faces before it lack is left out.

Reading a font's cmap is ReportLab's own parser (the faces are the `TTFont` objects that are registered
later, so coverage and drawing never disagree); parsed faces are cached per file for the process.

Documents should create their canvas or doc template with `initialFontName=chain.faces[0].name` (after
`chain.register()`), otherwise ReportLab adds an unembedded Helvetica as the page's initial font.
"""

from __future__ import annotations

import functools
import logging
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ruankao_desktop.core.config import resources_dir
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import Language, render
from ruankao_desktop.core.pdf import tounicode

log = logging.getLogger(__name__)

FONT_SUFFIXES = (".ttf", ".ttc")
# Windows ships these in %WINDIR%\Fonts: the Song body face first, then YaHei, then the extension planes.
WINDOWS_FONTS = ("simsun.ttc", "msyh.ttc", "simsunb.ttf", "SimsunExtG.ttf")
# fontconfig families we know, best first (lower case). Unknown Chinese fonts come after the body fonts,
# unknown extension-plane fonts last.
BODY_FAMILIES = (
    "lxgw wenkai",
    "ar pl uming",
    "ar pl ukai",
    "wenquanyi zen hei",
    "wenquanyi micro hei",
    "droid sans fallback",
)
EXTENSION_FAMILIES = ("hanamina", "hanaminb", "babelstone han", "simsun-extb", "simsun-extg")
# The first code points of CJK Extension B and G: a font with either serves the extension planes.
EXTENSION_PROBES = ("20000", "30000")
REGULAR_WEIGHT = 80.0  # fontconfig's FC_WEIGHT_REGULAR
_FC_FORMAT = "%{file}\t%{index}\t%{family[0]}\t%{weight}\t%{slant}\n"
# What a broken or unsuitable font file makes ReportLab's parser raise.
_FONT_ERRORS = (TTFError, OSError, ValueError, LookupError, struct.error)


class UncoveredCharacter(KnownError):
    """A character that no font in the chain has: printing stops instead of printing a blank.

    `code` is always "font.uncovered"; the message names the text's field when one was given."""

    def __init__(self, char: str, field: str = "") -> None:
        super().__init__("font.uncovered", char=char, codepoint=codepoint(char), field=field)
        self.args = (self.message("zh"),)

    def message(self, lang: Language = "zh") -> str:
        code = "font.uncovered.in_field" if self.params["field"] else "font.uncovered"
        return render(code, lang, **self.params)


class NoUsableFont(KnownError):
    """The chain is empty: no TrueType font that covers Chinese was found."""

    def __init__(self) -> None:
        super().__init__("font.none")


def codepoint(char: str) -> str:
    """How messages and `fonts check` name a character: U+5F20, U+2A6A5."""
    return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class FontFace:
    """One TrueType face of the chain."""

    name: str  # the name it is registered under with ReportLab (its PostScript name)
    path: Path
    subfont_index: int
    family: str
    coverage: frozenset[int] = field(repr=False, compare=False)  # code points with a glyph


@dataclass(frozen=True)
class _Parsed:
    font: Any  # reportlab.pdfbase.ttfonts.TTFont (ReportLab is untyped)
    face: FontFace


_PARSE_LOCK = threading.Lock()


@functools.cache
def _parse(path: Path, index: int, stamp: tuple[int, int]) -> _Parsed:
    """The ReportLab font for one face of a file; `stamp` (mtime, size) makes a changed file parse again."""
    font = TTFont(path.stem, str(path), subfontIndex=index)
    if "glyf" not in font.face.table:
        raise TTFError("no TrueType outlines (glyf table)")
    name = font.face.name.decode("ascii")  # ReportLab has checked the PostScript name is printable ASCII
    # Registered under its PostScript name: ReportLab keys TrueType faces by that name anyway.
    font.fontName = name
    family = getattr(font.face.familyName, "ustr", None) or name
    coverage = frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)
    return _Parsed(font, FontFace(name, path, index, family, coverage))


def _load(path: Path, index: int) -> _Parsed:
    resolved = path.resolve()
    status = resolved.stat()
    with _PARSE_LOCK:  # one parse per file even when two threads discover at once
        return _parse(resolved, index, (status.st_mtime_ns, status.st_size))


class FontChain:
    """Ordered TrueType faces with per-character fallback; see the module documentation."""

    def __init__(self, faces: Iterable[FontFace] = ()) -> None:
        self.faces: tuple[FontFace, ...] = tuple(faces)
        self._fonts: dict[str, Any] = {
            face.name: _load(face.path, face.subfont_index).font for face in self.faces
        }
        self._registered = False

    def __repr__(self) -> str:
        return f"FontChain({[face.name for face in self.faces]})"

    @classmethod
    def discover(cls, *, configured: Sequence[Path] = (), system: bool = True) -> FontChain:
        """Configured fonts, then the shipped ones, then (with `system`) the operating system's."""
        required = [Path(path) for path in configured] + _shipped_fonts()
        candidates = [(path, 0, True) for path in required]
        if system:
            candidates += [(path, index, False) for path, index in _system_fonts()]
        faces: list[FontFace] = []
        covered: set[int] = set()
        for path, index, is_required in candidates:
            face = _usable_face(path, index, required=is_required)
            if face is None or any(face.name == chosen.name for chosen in faces):
                continue  # the same face again (a symlink, a second copy): the first one wins
            if not is_required and face.coverage <= covered:
                log.debug("font %s adds no characters to the chain; left out", path)
                continue
            faces.append(face)
            covered |= face.coverage
        return cls(faces)

    def face_for(self, char: str) -> FontFace | None:
        code = ord(char)
        for face in self.faces:
            if code in face.coverage:
                return face
        return None

    def missing(self, text: str) -> list[str]:
        """The distinct characters of `text` that no face covers, in order (whitespace needs no glyph)."""
        seen: dict[str, None] = {}
        for char in text:
            if char not in seen and not char.isspace() and self.face_for(char) is None:
                seen[char] = None
        return list(seen)

    def check(self, text: str, *, field: str = "") -> None:
        """Raise `UncoveredCharacter` for the first character no face covers (`NoUsableFont` if empty)."""
        self._require_faces()
        missing = self.missing(text)
        if missing:
            raise UncoveredCharacter(missing[0], field=field)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` as (registered font name, run) pairs: each character in the first face that covers it,
        neighbours in the same face joined; whitespace stays in the current run if that face has it."""
        self.check(text)
        runs: list[tuple[FontFace, list[str]]] = []
        for char in text:
            current = runs[-1][0] if runs else None
            if char.isspace() and current is not None and ord(char) in current.coverage:
                face = current
            else:
                face = self.face_for(char) or current or self.faces[0]  # only whitespace has no face
            if face is current:
                runs[-1][1].append(char)
            else:
                runs.append((face, [char]))
        return [(face.name, "".join(chars)) for face, chars in runs]

    def register(self) -> None:
        """Register every face with ReportLab, once, after applying the ToUnicode fix (`tounicode`)."""
        self._require_faces()
        if self._registered:
            return
        with _REGISTER_LOCK:
            if self._registered:
                return
            tounicode.apply()
            for face in self.faces:
                font = self._fonts[face.name]
                pdfmetrics.registerFont(font)  # a no-op when the name is registered already
                registered = pdfmetrics.getFont(face.name).face
                if _identity(registered) != _identity(font.face):
                    raise RuntimeError(
                        f"font name {face.name!r} is registered with ReportLab for another file "
                        f"({getattr(registered, 'filename', '?')}), not for {face.path}"
                    )
            self._registered = True

    def paragraph_markup(self, text: str) -> str:
        """`text` escaped, each run in a `<font name="...">` tag, for `reportlab.platypus.Paragraph`."""
        self.register()
        return "".join(f'<font name="{name}">{escape(run)}</font>' for name, run in self.runs(text))

    def draw_string(self, canvas: Any, x: float, y: float, text: str, size: float) -> float:
        """Draw `text` (one line) at (x, y) on a ReportLab canvas, run after run; return the end x.

        The canvas's font is left as it was, in ReportLab and in the PDF's graphics state."""
        self.register()
        runs = self.runs(text)  # raises before anything is drawn
        text_object = canvas.beginText(x, y)
        for name, run in runs:
            text_object.setFont(name, size)
            text_object.textOut(run)
        # The PDF keeps the last Tf after the text object ends; q/Q keeps it from leaking to later text.
        canvas.saveState()
        canvas.drawText(text_object)
        canvas.restoreState()
        return float(text_object.getX())

    def string_width(self, text: str, size: float) -> float:
        return float(sum(self._fonts[name].stringWidth(run, size) for name, run in self.runs(text)))

    def _require_faces(self) -> None:
        if not self.faces:
            raise NoUsableFont()


def _identity(face: Any) -> tuple[str, bytes]:
    """Which file and face of a .ttc a ReportLab typeface was read from."""
    return (str(getattr(face, "filename", "")), getattr(face, "subfontNameX", b""))


_REGISTER_LOCK = threading.Lock()
_DEFAULT_LOCK = threading.Lock()


@functools.cache
def _discover_default(configured: tuple[Path, ...]) -> FontChain:
    return FontChain.discover(configured=configured)


def default_chain(configured: Sequence[Path] = ()) -> FontChain:
    """The chain of the `configured`, shipped and system fonts, discovered once per process (per list of
    configured fonts). Raises like `FontChain.discover` when a configured font is unusable."""
    with _DEFAULT_LOCK:
        return _discover_default(tuple(Path(path) for path in configured))


def _usable_face(path: Path, index: int, *, required: bool) -> FontFace | None:
    """The face, or None for an unusable system font; an unusable required font is an error."""
    if required and not path.is_file():
        raise KnownError("font.not_found", path=str(path))
    try:
        return _load(path, index).face
    except _FONT_ERRORS as problem:
        if required:
            raise KnownError("font.unusable", path=str(path), problem=str(problem)) from problem
        log.info("font %s (face %d) is not usable for printing: %s", path, index, problem)
        return None


def _shipped_fonts() -> list[Path]:
    try:
        folder = resources_dir() / "fonts"
    except FileNotFoundError:
        return []
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in FONT_SUFFIXES)


def _system_fonts() -> list[tuple[Path, int]]:
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        return [(folder / name, 0) for name in WINDOWS_FONTS if (folder / name).is_file()]
    return _fontconfig_fonts()


@dataclass(frozen=True)
class _Listed:
    """A face as `fc-list` describes it."""

    path: Path
    index: int
    family: str
    weight: float
    slant: int
    chinese: bool

    def rank(self) -> tuple[int, int, str, str]:
        family = self.family.lower()
        if family in BODY_FAMILIES:
            return (0, BODY_FAMILIES.index(family), family, str(self.path))
        if family in EXTENSION_FAMILIES:
            return (2, EXTENSION_FAMILIES.index(family), family, str(self.path))
        return (1 if self.chinese else 3, 0, family, str(self.path))

    def closeness_to_regular(self) -> tuple[float, int, int, str]:
        return (abs(self.weight - REGULAR_WEIGHT), self.slant != 0, self.index, str(self.path))


def _fontconfig_fonts() -> list[tuple[Path, int]]:
    """TrueType faces fontconfig lists for Chinese or the extension planes, one per file and family."""
    listed: dict[tuple[Path, int], _Listed] = {}
    for probe in EXTENSION_PROBES:
        for item in _fc_list(f":charset={probe}:fontformat=TrueType", chinese=False):
            listed[(item.path, item.index)] = item
    for item in _fc_list(":lang=zh:fontformat=TrueType", chinese=True):
        listed[(item.path, item.index)] = item
    per_file: dict[Path, _Listed] = {}
    for item in sorted(listed.values(), key=lambda item: item.index):
        per_file.setdefault(item.path, item)  # the other faces of a .ttc share its glyphs
    per_family: dict[str, _Listed] = {}
    for item in sorted(per_file.values(), key=_Listed.closeness_to_regular):
        per_family.setdefault(item.family.lower(), item)
    return [(item.path, item.index) for item in sorted(per_family.values(), key=_Listed.rank)]


def _fc_list(pattern: str, *, chinese: bool) -> list[_Listed]:
    try:
        result = subprocess.run(
            ["fc-list", "--format", _FC_FORMAT, pattern],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as problem:
        log.info("fontconfig not available (%s): no system fonts from it", problem)
        return []
    items = []
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0]:
            continue
        file, index, family, weight, slant = parts
        try:
            items.append(
                _Listed(
                    path=Path(file).resolve(),
                    index=int(index or 0),
                    family=family,
                    weight=_number(weight, REGULAR_WEIGHT),
                    slant=int(_number(slant, 0)),
                    chinese=chinese,
                )
            )
        except ValueError:
            log.info("unexpected fc-list line %r", line)
    return items


def _number(text: str, default: float) -> float:
    """A fontconfig number; a variable font's range ("[0 210]") or nothing gives the default."""
    try:
        return float(text)
    except ValueError:
        return default
