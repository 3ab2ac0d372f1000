"""The font chain with the real Debian fonts, real ReportLab output and the real poppler tools.

What a user would notice: names print in fonts that are embedded; the text layer of the PDF (copy/paste,
pdftotext) holds every name exactly, CJK Extension B included; a character no font has stops printing
with a message naming it instead of printing a blank; no font at all says what to install.
"""

from __future__ import annotations

import io
import pickle
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.pdf import tounicode
from ruankao_desktop.core.pdf.fonts import (
    FontChain,
    NoUsableFont,
    UncoveredCharacter,
    default_chain,
)

TRUETYPE = Path("/usr/share/fonts/truetype")
WENKAI = TRUETYPE / "lxgw-wenkai" / "LXGWWenKai-Regular.ttf"
ZENHEI = TRUETYPE / "wqy" / "wqy-zenhei.ttc"
BABELSTONE = TRUETYPE / "babelstone" / "BabelStoneHan.ttf"
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

needs_debian_fonts = pytest.mark.skipif(
    not all(path.is_file() for path in (WENKAI, ZENHEI, BABELSTONE)),
    reason="needs the Debian packages fonts-lxgw-wenkai, fonts-wqy-zenhei and fonts-babelstone-han "
    "(scripts/bootstrap.sh installs them)",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftotext") is None,
    reason="needs poppler-utils (pdffonts, pdftotext; scripts/bootstrap.sh installs them)",
)
pytestmark = needs_debian_fonts

# 𪚥 U+2A6A5 and 𠮷 U+20BB7 are CJK Extension B, 䶮 U+4DAE Extension A.
NAMES = ("张伟", "欧阳娜娜", "阿依古丽·买买提", "李𪚥", "王丽𠮷", "刘䶮")
EXTENSION_B_NAMES = ("李𪚥", "王丽𠮷")


def uncovered_character(chain: FontChain) -> str:
    """A character no face of `chain` has: 𮯰 (CJK Extension I, Unicode 15.1), else a private-use one."""
    for char in ("\U0002ebf0", "\U0010fffd"):
        if all(ord(char) not in face.coverage for face in chain.faces):
            return char
    pytest.fail("the installed fonts cover every candidate character: choose another one")


def draw_with_canvas(chain: FontChain, lines: Sequence[str]) -> bytes:
    chain.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=chain.faces[0].name, invariant=1)
    for number, line in enumerate(lines):
        chain.draw_string(canvas, 72, 760 - 28 * number, line, 16)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_with_paragraphs(chain: FontChain, lines: Sequence[str]) -> bytes:
    chain.register()
    buffer = io.BytesIO()
    style = ParagraphStyle("name", fontName=chain.faces[0].name, fontSize=16, leading=24)
    document = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=chain.faces[0].name, invariant=1)
    document.build([Paragraph(chain.paragraph_markup(line), style) for line in lines])
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[FontChain, Sequence[str]], bytes]] = {
    "canvas": draw_with_canvas,
    "paragraph": draw_with_paragraphs,
}


def pdftotext(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "printed.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return [line.strip() for line in result.stdout.decode("utf-8").splitlines() if line.strip()]


def pdffonts(pdf: bytes, tmp_path: Path) -> list[dict[str, str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60)
    rows = []
    for line in result.stdout.splitlines()[2:]:  # a header and a rule
        fields = line.split()
        # name, type (may hold a space), encoding, then emb sub uni object generation
        rows.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4], "uni": fields[-3]})
    return rows


@pytest.fixture(scope="module")
def chain() -> FontChain:
    return FontChain.discover()


# Discovery and order


def test_the_system_chain_starts_with_a_body_font_and_ends_with_extension_plane_fonts(
    chain: FontChain,
) -> None:
    assert chain.faces[0].path == WENKAI.resolve()
    assert chain.faces[0].family == "LXGW WenKai"
    extension = chain.face_for("𪚥")
    assert extension is not None
    assert chain.faces.index(extension) > 0
    assert chain.faces[-1].path == BABELSTONE.resolve()
    assert len({face.name for face in chain.faces}) == len(chain.faces)


def test_only_truetype_outline_fonts_are_in_the_chain(chain: FontChain) -> None:
    assert all(face.path.suffix.lower() in {".ttf", ".ttc"} for face in chain.faces)
    assert not any("noto" in str(face.path).lower() for face in chain.faces)


def test_configured_fonts_come_first_and_are_not_repeated() -> None:
    chain = FontChain.discover(configured=[BABELSTONE])
    assert chain.faces[0].path == BABELSTONE.resolve()
    assert [face.path for face in chain.faces].count(BABELSTONE.resolve()) == 1
    assert chain.face_for("张") == chain.faces[0]


def test_shipped_fonts_come_after_configured_ones_and_before_the_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "90-BabelStoneHan.ttf").symlink_to(BABELSTONE)
    monkeypatch.setenv("RUANKAO_RESOURCES", str(tmp_path))
    assert FontChain.discover().faces[0].name == "BabelStoneHan"
    assert [face.name for face in FontChain.discover(configured=[ZENHEI]).faces[:2]] == [
        "WenQuanYiZenHei",
        "BabelStoneHan",
    ]


def test_default_chain_is_discovered_once_for_all_threads() -> None:
    chains: list[FontChain] = []
    threads = [threading.Thread(target=lambda: chains.append(default_chain())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(chains) == 8
    assert all(found is default_chain() for found in chains)
    assert default_chain([BABELSTONE]).faces[0].name == "BabelStoneHan"


# Runs


def test_runs_put_each_character_in_the_first_font_that_has_it() -> None:
    chain = FontChain.discover(configured=[ZENHEI, BABELSTONE], system=False)
    assert chain.face_for("𠮷") == chain.faces[1]  # Zen Hei has no 𠮷
    assert chain.runs("王丽𠮷") == [("WenQuanYiZenHei", "王丽"), ("BabelStoneHan", "𠮷")]
    assert chain.runs("𠮷王") == [("BabelStoneHan", "𠮷"), ("WenQuanYiZenHei", "王")]


def test_whitespace_stays_with_the_current_run() -> None:
    chain = FontChain.discover(configured=[ZENHEI, BABELSTONE], system=False)
    assert chain.runs("王丽 𠮷 张\u3000伟") == [
        ("WenQuanYiZenHei", "王丽 "),
        ("BabelStoneHan", "𠮷 "),
        ("WenQuanYiZenHei", "张\u3000伟"),
    ]


def test_the_system_chain_prints_an_extension_b_name_in_two_fonts(chain: FontChain) -> None:
    (body, given), (extension, rare) = chain.runs("李𪚥")
    assert (body, given) == (chain.faces[0].name, "李")
    assert rare == "𪚥"
    assert extension != body


def test_paragraph_markup_escapes_the_text(chain: FontChain) -> None:
    body = chain.faces[0].name
    assert chain.paragraph_markup("A<b>&C") == f'<font name="{body}">A&lt;b&gt;&amp;C</font>'


def test_string_width_adds_up_the_runs_and_draw_string_ends_there(chain: FontChain) -> None:
    text = "王丽𠮷 李𪚥"
    expected = sum(pdfmetrics.stringWidth(run, name, 12) for name, run in chain.runs(text))
    assert chain.string_width(text, 12) == pytest.approx(expected)
    assert expected > 0
    canvas = Canvas(io.BytesIO(), initialFontName=chain.faces[0].name)
    assert chain.draw_string(canvas, 50, 700, text, 12) == pytest.approx(50 + expected)


# The PDF: embedded fonts and a correct text layer


@needs_poppler
@pytest.mark.parametrize("renderer", RENDERERS)
def test_every_font_is_embedded_as_a_subset(chain: FontChain, renderer: str, tmp_path: Path) -> None:
    fonts = pdffonts(RENDERERS[renderer](chain, NAMES), tmp_path)
    assert fonts
    assert all((row["emb"], row["sub"], row["uni"]) == ("yes", "yes", "yes") for row in fonts), fonts
    used = {row["name"].split("+", 1)[1] for row in fonts}
    assert used <= {face.name for face in chain.faces}
    assert len(used) >= 2  # the body font and an extension-plane font


@needs_poppler
@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_text_layer_holds_every_name_exactly(chain: FontChain, renderer: str, tmp_path: Path) -> None:
    assert pdftotext(RENDERERS[renderer](chain, NAMES), tmp_path) == list(NAMES)


@needs_poppler
def test_without_the_tounicode_fix_extension_b_names_come_out_wrong(
    chain: FontChain, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain.register()
    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", ttfonts.makeToUnicodeCMap.__wrapped__)
    lines = pdftotext(draw_with_canvas(chain, NAMES), tmp_path)
    assert lines[:3] == list(NAMES[:3])
    assert not set(EXTENSION_B_NAMES) & set(lines)
    assert "李" in lines[3]


def tounicode_cmaps(pdf: bytes) -> str:
    """The ToUnicode CMaps of the first page's fonts, as written in the PDF."""
    resources = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    fonts = resources["/Font"].get_object()
    assert isinstance(fonts, DictionaryObject)
    cmaps = []
    for reference in fonts.values():
        font = reference.get_object()
        assert isinstance(font, DictionaryObject)
        cmap = font["/ToUnicode"].get_object()
        assert isinstance(cmap, StreamObject)
        cmaps.append(cmap.get_data().decode("ascii"))
    return "\n".join(cmaps)


def test_the_pdfs_tounicode_cmap_holds_surrogate_pairs(chain: FontChain) -> None:
    cmaps = tounicode_cmaps(draw_with_canvas(chain, EXTENSION_B_NAMES))
    assert "<D869DEA5>" in cmaps  # 𪚥 U+2A6A5
    assert "2A6A5" not in cmaps


# Characters no font has


def test_missing_lists_the_distinct_uncovered_characters_in_order(chain: FontChain) -> None:
    rare = uncovered_character(chain)
    assert chain.missing(f"张{rare}伟{rare} 李𪚥") == [rare]
    assert chain.missing("欧阳娜娜 阿依古丽·买买提") == []


def test_check_refuses_a_character_no_font_has(chain: FontChain) -> None:
    rare = uncovered_character(chain)
    code = f"U+{ord(rare):04X}"
    with pytest.raises(UncoveredCharacter) as raised:
        chain.check(f"王{rare}")
    assert raised.value.code == "font.uncovered"
    assert raised.value.params == {"char": rare, "codepoint": code, "field": ""}
    assert str(raised.value) == render("font.uncovered", "zh", char=rare, codepoint=code)
    assert raised.value.message("en") == render("font.uncovered", "en", char=rare, codepoint=code)
    assert raised.value.exit_code == 3
    assert code in str(raised.value)


def test_check_names_the_field(chain: FontChain) -> None:
    rare = uncovered_character(chain)
    code = f"U+{ord(rare):04X}"
    with pytest.raises(UncoveredCharacter) as raised:
        chain.check(f"王{rare}", field="姓名")
    assert str(raised.value) == render(
        "font.uncovered.in_field", "zh", char=rare, codepoint=code, field="姓名"
    )
    assert raised.value.message("en") == render(
        "font.uncovered.in_field", "en", char=rare, codepoint=code, field="姓名"
    )


def test_the_refusal_survives_a_trip_to_another_process(chain: FontChain) -> None:
    rare = uncovered_character(chain)
    with pytest.raises(UncoveredCharacter) as raised:
        chain.check(f"王{rare}", field="姓名")
    copied = pickle.loads(pickle.dumps(raised.value))
    assert (copied.code, copied.params, str(copied)) == (
        raised.value.code,
        raised.value.params,
        str(raised.value),
    )
    assert str(pickle.loads(pickle.dumps(NoUsableFont()))) == render("font.none")


@needs_poppler
def test_drawing_an_uncovered_character_draws_nothing(chain: FontChain, tmp_path: Path) -> None:
    rare = uncovered_character(chain)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=chain.faces[0].name)
    with pytest.raises(UncoveredCharacter):
        chain.draw_string(canvas, 72, 700, f"王{rare}丽", 12)
    with pytest.raises(UncoveredCharacter):
        chain.paragraph_markup(f"王{rare}丽")
    with pytest.raises(UncoveredCharacter):
        chain.string_width(f"王{rare}丽", 12)
    canvas.showPage()
    canvas.save()
    assert pdftotext(buffer.getvalue(), tmp_path) == []


# No fonts, and fonts that cannot be used


def test_a_chain_without_fonts_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUANKAO_RESOURCES", str(tmp_path))  # no shipped fonts either
    chain = FontChain.discover(system=False)
    assert chain.faces == ()
    assert chain.face_for("张") is None
    uses: list[Callable[[], object]] = [
        lambda: chain.check("张伟"),
        lambda: chain.runs("张伟"),
        chain.register,
        lambda: chain.paragraph_markup("张伟"),
        lambda: chain.string_width("张伟", 12),
        lambda: chain.draw_string(Canvas(io.BytesIO()), 0, 0, "张伟", 12),
    ]
    for use in uses:
        with pytest.raises(NoUsableFont) as raised:
            use()
        assert raised.value.code == "font.none"
        assert str(raised.value) == render("font.none")
        assert "fonts-babelstone-han" in str(raised.value)


def test_a_configured_font_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "SimSun-ExtB.ttf"
    with pytest.raises(KnownError) as raised:
        FontChain.discover(configured=[missing])
    assert raised.value.code == "font.not_found"
    assert str(raised.value) == render("font.not_found", path=str(missing))


@pytest.mark.skipif(not NOTO_CFF.is_file(), reason="needs fonts-noto-cjk (a CFF font ReportLab cannot embed)")
def test_a_configured_cff_font_is_refused() -> None:
    with pytest.raises(KnownError) as raised:
        FontChain.discover(configured=[NOTO_CFF])
    assert raised.value.code == "font.unusable"
    assert raised.value.params["path"] == str(NOTO_CFF)
    assert "postscript outlines" in raised.value.params["problem"]


def test_a_configured_file_that_is_no_font_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "notes.ttf"
    fake.write_text("not a font", encoding="utf-8")
    with pytest.raises(KnownError) as raised:
        FontChain.discover(configured=[fake])
    assert raised.value.code == "font.unusable"


# Registration


def test_register_is_idempotent_and_safe_from_many_threads(chain: FontChain) -> None:
    fresh = FontChain.discover()
    errors: list[BaseException] = []

    def register() -> None:
        try:
            fresh.register()
        except BaseException as problem:  # collected for the assertion below
            errors.append(problem)

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fresh.register()
    assert errors == []
    assert tounicode.is_applied()
    registered = set(pdfmetrics.getRegisteredFontNames())
    assert {face.name for face in fresh.faces} <= registered
    for face in fresh.faces:
        assert Path(pdfmetrics.getFont(face.name).face.filename) == face.path
