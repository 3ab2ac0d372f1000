"""`ruankao-desktop fonts check [TEXT] [--json]` as an administrator meets it: the chain, the font of each
character, the message and exit code 3 when a character or every font is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ruankao_desktop.core.config import resources_dir
from ruankao_desktop.core.messages import render
from ruankao_desktop.core.pdf.fonts import FontChain
from tests.cli.conftest import Run

TRUETYPE = Path("/usr/share/fonts/truetype")
WENKAI = TRUETYPE / "lxgw-wenkai" / "LXGWWenKai-Regular.ttf"
BABELSTONE = TRUETYPE / "babelstone" / "BabelStoneHan.ttf"

pytestmark = pytest.mark.skipif(
    not (WENKAI.is_file() and BABELSTONE.is_file()),
    reason="needs the Debian packages fonts-lxgw-wenkai and fonts-babelstone-han (scripts/bootstrap.sh)",
)


def uncovered_character() -> str:
    """A character no installed font has: 𮯰 (CJK Extension I), else a private-use one."""
    chain = FontChain.discover()
    for char in ("\U0002ebf0", "\U0010fffd"):
        if chain.face_for(char) is None:
            return char
    pytest.fail("the installed fonts cover every candidate character: choose another one")


@pytest.fixture
def no_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without fonts: fontconfig with no font folders, and resources without shipped fonts."""
    config = tmp_path / "fonts.conf"
    config.write_text("<?xml version='1.0'?>\n<fontconfig></fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    resources = tmp_path / "resources"
    (resources / "fonts").mkdir(parents=True)
    for item in resources_dir().iterdir():
        if item.name != "fonts":
            (resources / item.name).symlink_to(item)
    monkeypatch.setenv("RUANKAO_RESOURCES", str(resources))


def test_lists_the_chain_in_order(run: Run) -> None:
    code, out, err = run("fonts", "check")
    lines = out.splitlines()
    assert code == 0
    assert err == ""
    assert lines[0] == render("font.chain")
    assert lines[1].split() == ["序号", "字体名称", "字族", "字数", "文件"]
    first = lines[3].split()
    assert first[:2] == ["1", "LXGWWenKai-Regular"]
    assert first[-1] == str(WENKAI)
    assert str(BABELSTONE) in out
    assert "Noto" not in out


def test_says_which_font_prints_each_character(run: Run) -> None:
    code, out, err = run("fonts", "check", "王丽𠮷 李𪚥")
    rows = {
        line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith(tuple("王丽𠮷李𪚥"))
    }
    assert code == 0
    assert err == ""
    assert rows["王"] == ["U+738B", "LXGWWenKai-Regular"]
    assert rows["𪚥"][0] == "U+2A6A5"
    assert rows["𪚥"][1] != "LXGWWenKai-Regular"
    assert len(rows) == 5
    assert out.splitlines()[-1] == render("font.check.ok", count=5)


def test_a_missing_character_is_named_and_exits_3(run: Run) -> None:
    rare = uncovered_character()
    code, out, err = run("fonts", "check", f"王{rare}")
    assert code == 3
    assert [f"{rare}", f"U+{ord(rare):04X}", "缺字"] in [line.split() for line in out.splitlines()]
    assert err.strip() == render("font.check.missing", count=1, chars=f"{rare} (U+{ord(rare):04X})")


def test_english(run: Run) -> None:
    rare = uncovered_character()
    code, out, err = run("--lang", "en", "fonts", "check", f"王{rare}")
    assert code == 3
    assert out.splitlines()[0] == "Printing fonts (in the order they are tried):"
    assert [f"{rare}", f"U+{ord(rare):04X}", "MISSING"] in [line.split() for line in out.splitlines()]
    assert err.strip() == render("font.check.missing", "en", count=1, chars=f"{rare} (U+{ord(rare):04X})")


def test_json(run: Run) -> None:
    rare = uncovered_character()
    code, out, err = run("fonts", "check", f"李𪚥{rare}", "--json")
    payload = json.loads(out)
    assert code == 3
    assert set(payload) == {"fonts", "text", "characters", "missing", "ok"}
    assert payload["fonts"][0] == {
        "name": "LXGWWenKai-Regular",
        "family": "LXGW WenKai",
        "file": str(WENKAI),
        "subfont_index": 0,
        "code_points": payload["fonts"][0]["code_points"],
    }
    assert payload["fonts"][0]["code_points"] > 20_000
    assert payload["text"] == f"李𪚥{rare}"
    assert [item["char"] for item in payload["characters"]] == ["李", "𪚥", rare]
    assert payload["characters"][0]["font"] == "LXGWWenKai-Regular"
    assert payload["characters"][1]["codepoint"] == "U+2A6A5"
    assert payload["characters"][2]["font"] is None
    assert payload["missing"] == [{"char": rare, "codepoint": f"U+{ord(rare):04X}"}]
    assert payload["ok"] is False
    assert rare in err


def test_json_without_text(run: Run) -> None:
    code, out, _ = run("fonts", "check", "--json")
    payload = json.loads(out)
    assert code == 0
    assert payload["text"] is None
    assert payload["characters"] == payload["missing"] == []
    assert payload["ok"] is True


def test_configured_fonts_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[printing]\nfonts = ["{BABELSTONE}"]\n', encoding="utf-8")
    monkeypatch.setenv("RUANKAO_CONFIG", str(config))
    code, out, _ = run("fonts", "check", "--json")
    assert code == 0
    assert json.loads(out)["fonts"][0]["name"] == "BabelStoneHan"


def test_a_configured_font_that_is_gone_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    gone = tmp_path / "SimSun-ExtB.ttf"
    config = tmp_path / "config.toml"
    config.write_text(f'[printing]\nfonts = ["{gone}"]\n', encoding="utf-8")
    monkeypatch.setenv("RUANKAO_CONFIG", str(config))
    code, out, err = run("fonts", "check")
    assert code == 3
    assert out == ""
    assert err.strip() == render("font.not_found", path=str(gone))


def test_no_usable_font_exits_3_and_says_what_to_install(no_fonts: None, run: Run) -> None:
    code, out, err = run("fonts", "check", "张伟")
    assert code == 3
    assert out == ""
    assert err.strip() == render("font.none")


def test_no_usable_font_as_json(no_fonts: None, run: Run) -> None:
    code, out, _ = run("--lang", "en", "fonts", "check", "--json")
    assert code == 3
    assert json.loads(out) == {"error": "font.none", "message": render("font.none", "en")}
