"""The message catalogue (`core.messages`) and the errors that carry its codes (`core.errors`).

Every code renders in Chinese and English, without a KeyError and without a leftover placeholder, given
the parameters its call sites in the source pass (listed in CODE_PARAMS for the foundation's codes,
stand-ins derived from the template for the rest);
both languages use the same placeholders; the two texts differ; the Chinese text is Chinese and the
English text holds no CJK outside a quoted example. Also `KnownError` / `InvalidInput` / `Notice`.
"""

from __future__ import annotations

import re
import string

import pytest

from ruankao_desktop.core.errors import InvalidInput, KnownError, StoreError, UsageError
from ruankao_desktop.core.messages import LANGUAGES, Language, Notice, known_codes, render

_PATH = "/srv/centre/ruankao.sqlite"

# The parameters each code is rendered with, as its call sites in ruankao_desktop pass them (values are
# ASCII stand-ins, distinct enough to find in the text).
CODE_PARAMS: dict[str, dict[str, object]] = {
    "id.empty": {},
    "id.scientific": {"value": "1.10105E+17"},
    "id.wrong_length": {"length": 17},
    "id.bad_character": {"position": 5, "char": "O"},
    "id.unknown_province": {"code": "99"},
    "id.bad_birth_date": {"digits": "19900230"},
    "id.birth_date_out_of_range": {"date": "2030-01-01"},
    "id.bad_check": {"expected": "7", "actual": "X"},
    "id.unknown_county": {"code": "110199"},
    "id.converted_15": {"masked": "110105********1239"},
    "id_type.resident": {},
    "id_type.hmt": {},
    "id_type.passport": {},
    "id_type.other": {},
    "id.bad_shape.hmt": {"value": "H1****67"},
    "id.bad_shape.passport": {"value": "A***2"},
    "id.bad_shape.other": {"value": "AB*****45"},
    "name.empty": {},
    "name.too_long": {"length": 101, "max": 100},
    "name.bad_character": {"char": "@", "codepoint": "U+0040"},
    "name.bad_separator": {},
    "lookup.empty": {},
    "lookup.unrecognised": {"value": "qq#1"},
    "lookup.none": {"kind": "kind-text"},
    "kind.id_number": {},
    "kind.cert_no": {},
    "kind.management_no": {},
    "kind.name": {},
    "kind.pinyin": {},
    "validity.long_term": {},
    "state.not_arrived": {},
    "state.not_arrived.explain": {},
    "state.not_arrived.next": {},
    "state.awaiting_pickup": {},
    "state.awaiting_pickup.explain": {},
    "state.awaiting_pickup.next": {},
    "state.collected": {},
    "state.collected.explain": {},
    "state.collected.next": {},
    "state.collected_by_proxy": {},
    "state.collected_by_proxy.explain": {},
    "state.collected_by_proxy.next": {},
    "state.mailed": {},
    "state.mailed.explain": {},
    "state.mailed.next": {},
    "state.overdue": {},
    "state.overdue.explain": {},
    "state.overdue.next": {},
    "state.reissue_in_progress": {},
    "state.reissue_in_progress.explain": {},
    "state.reissue_in_progress.next": {},
    "state.superseded": {},
    "state.superseded.explain": {},
    "state.superseded.next": {"successor": "RK2026000123"},
    "state.revoked": {},
    "state.revoked.explain": {"reason": "forged-record"},
    "state.revoked.next": {},
    "state.expired": {},
    "state.expired.explain": {"valid_until": "2024-05-19"},
    "state.expired.next": {},
    "db.folder_missing": {"folder": "/srv/missing-folder"},
    "db.folder_read_only": {"folder": "/srv/read-only-folder"},
    "db.not_a_database": {"path": _PATH},
    "db.too_new": {"path": _PATH, "found": 42, "supported": 7},
    "db.bad_url": {"url": "mysql://nobody@host/db"},
    "db.unavailable": {"path": _PATH, "reason": "disk-I/O-error"},
    "db.backup_exists": {"path": "/srv/backup-1.sqlite"},
    "db.backup_folder_missing": {"folder": "/srv/backups-gone"},
    "db.restore_missing": {"path": "/srv/backup-2.sqlite"},
    "db.restore_same": {},
    "db.not_sqlite": {},
    "config.invalid": {"path": "/etc/ruankao.toml", "problem": "Invalid value (at line 1, column 5)"},
    "level.junior": {},
    "level.intermediate": {},
    "level.senior": {},
    "category.software": {},
    "category.network": {},
    "category.application": {},
    "category.information_systems": {},
    "category.information_services": {},
    "cli.column.cert_no": {},
    "cli.column.name": {},
    "cli.column.id": {},
    "cli.column.qualification": {},
    "cli.column.level": {},
    "cli.column.session": {},
    "cli.column.state": {},
    "cli.column.valid_until": {},
    "cli.column.management_no": {},
    "cli.truncated": {"shown": 50, "total": 80123},
    "cli.db_ready": {"location": _PATH, "version": 3},
    "cli.db_check": {"location": _PATH, "version": 3, "latest": 4},
    "cli.db_ok": {},
    "cli.db_not_ok": {},
    "cli.backup_done": {"path": "/srv/backup-3.sqlite"},
    "cli.restore_done": {"path": "/srv/backup-4.sqlite", "safety": "/srv/safety-copy.sqlite"},
    "cli.seed_progress": {"done": 250, "total": 1000},
    "cli.seed_done": {"certificates": 1000, "holders": 870, "sessions": 12},
    "cli.demo_preparing": {"count": 2000},
    "cli.unexpected": {"log": "/var/log/ruankao.log"},
    "demo.not_empty": {"count": 5},
    "demo.bad_count": {},
    "gui.no_display": {},
}
# Parameters a call site passes that the text does not use.
UNUSED_PARAMS: dict[str, set[str]] = {}

CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
QUOTED = re.compile("“[^”]*”")
CODES = sorted(known_codes())


def placeholders(code: str, lang: Language) -> set[str]:
    """The names in the template of `code` (render without parameters returns the template as it is)."""
    return {name for _, name, _, _ in string.Formatter().parse(render(code, lang)) if name is not None}


def params_for(code: str) -> dict[str, object]:
    """The parameters listed for `code`, or distinct stand-ins for every placeholder of its template
    (texts added by later features need no entry here to be checked)."""
    if code in CODE_PARAMS:
        return CODE_PARAMS[code]
    return {name: f"<{name}>" for name in placeholders(code, "zh") | placeholders(code, "en")}


def test_code_params_names_only_known_codes() -> None:
    assert set(CODE_PARAMS) <= known_codes()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", CODES)
def test_every_code_renders_with_its_params(code: str, lang: Language) -> None:
    params = params_for(code)
    text = render(code, lang, **params)
    assert text.strip()
    assert "{" not in text
    assert "}" not in text
    for name in placeholders(code, lang):
        assert str(params[name]) in text


@pytest.mark.parametrize("code", CODES)
def test_both_languages_use_the_same_placeholders(code: str) -> None:
    expected = set(params_for(code)) - UNUSED_PARAMS.get(code, set())
    assert placeholders(code, "zh") == expected
    assert placeholders(code, "en") == expected


@pytest.mark.parametrize("code", CODES)
def test_chinese_and_english_differ(code: str) -> None:
    assert render(code, "zh") != render(code, "en")


@pytest.mark.parametrize("code", CODES)
def test_chinese_text_is_chinese(code: str) -> None:
    assert CJK.search(render(code, "zh")) is not None


@pytest.mark.parametrize("code", CODES)
def test_english_text_has_no_cjk_outside_quoted_examples(code: str) -> None:
    template = render(code, "en")
    # Only a quoted literal (“…” without a placeholder) may show a Chinese example.
    literal_quotes = [q for q in QUOTED.findall(template) if "{" not in q]
    unquoted = template
    for quote in literal_quotes:
        unquoted = unquoted.replace(quote, "")
    assert CJK.search(unquoted) is None, unquoted


def test_render_defaults_to_chinese() -> None:
    assert render("id.empty") == "证件号码为空：请输入证件号码。"
    assert render("id.empty", "en") == "The ID number is empty: please enter it."


def test_render_fills_in_params() -> None:
    assert render("name.too_long", "zh", length=101, max=100) == "姓名过长：共 101 个字，最多 100 个字。"
    assert render("name.too_long", "en", length=101, max=100) == (
        "The name is too long: 101 characters, at most 100 are allowed."
    )


def test_unknown_code_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        render("no.such.code")


def test_invalid_input_carries_code_params_and_both_messages() -> None:
    error = InvalidInput("id.bad_check", expected="9", actual="X")
    assert isinstance(error, KnownError)
    assert error.code == "id.bad_check"
    assert error.params == {"expected": "9", "actual": "X"}
    assert error.message() == render("id.bad_check", "zh", expected="9", actual="X")
    assert error.message("zh") == str(error)
    assert error.message("en") == render("id.bad_check", "en", expected="9", actual="X")
    assert "“9”" in error.message("en")


@pytest.mark.parametrize("code", ["id.unknown_province", "id.unknown_county"])
def test_a_parameter_called_code_reaches_the_text(code: str) -> None:
    error = InvalidInput(code, code="99")
    assert error.params == {"code": "99"}
    assert "“99”" in error.message("zh") or " 99 " in error.message("zh")


def test_exit_codes() -> None:
    assert InvalidInput("id.empty").exit_code == 3
    assert StoreError("db.not_sqlite").exit_code == 3
    assert UsageError("lookup.empty").exit_code == 2


def test_notice_renders_in_both_languages() -> None:
    notice = Notice("id.converted_15", {"masked": "110105********1239"})
    assert notice.message() == "提示：15 位旧证号码已转换为 18 位：110105********1239。"
    assert notice.message("en") == (
        "Note: the 15-digit legacy number was converted to 18 digits: 110105********1239."
    )


def test_notice_without_params() -> None:
    assert Notice("validity.long_term").message("zh") == "长期有效"
    assert Notice("validity.long_term").message("en") == "long-term"
