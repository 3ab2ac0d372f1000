"""Settings from the TOML configuration file (`core.config.load_settings`).

Covers: a missing file means the defaults; masking policies and identifier patterns are read per surface,
surfaces not mentioned keep their defaults; every kind of bad file (TOML syntax, unknown surface, bad
policy notation, bad regular expression, values of the wrong type) is a `KnownError` "config.invalid" whose
message names the file and the problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ruankao_desktop.core.config import (
    DEFAULT_CERT_NO_PATTERN,
    DEFAULT_MANAGEMENT_NO_PATTERN,
    Settings,
    load_settings,
)
from ruankao_desktop.core.domain.masking import DEFAULT_POLICIES, MaskPolicy, Surface
from ruankao_desktop.core.errors import KnownError
from ruankao_desktop.core.messages import render


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def invalid(path: Path) -> KnownError:
    """The error `load_settings` raises for `path`; fails the test if it loads."""
    with pytest.raises(KnownError) as caught:
        load_settings(path)
    return caught.value


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "absent.toml")
    assert settings.masking == DEFAULT_POLICIES
    assert settings.cert_no_pattern.pattern == DEFAULT_CERT_NO_PATTERN
    assert settings.management_no_pattern.pattern == DEFAULT_MANAGEMENT_NO_PATTERN
    assert settings.mask_policy(Surface.STAFF) == MaskPolicy(6, 4)


def test_empty_file_means_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, ""))
    assert settings.masking == DEFAULT_POLICIES
    assert settings.cert_no_pattern.pattern == DEFAULT_CERT_NO_PATTERN


def test_default_patterns() -> None:
    settings = Settings()
    assert settings.cert_no_pattern.fullmatch("RK2026000123")
    assert not settings.cert_no_pattern.fullmatch("2026000123")
    assert settings.management_no_pattern.fullmatch("1234567890123456")
    assert not settings.management_no_pattern.fullmatch("123456789012345")


def test_file_overrides_masking_per_surface(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[masking.staff]\nid = "4+4"\n\n[masking.kiosk]\nid = "2+2"\nnames = false\n',
    )
    settings = load_settings(path)
    assert settings.mask_policy(Surface.STAFF) == MaskPolicy(4, 4, mask_names=False)
    assert settings.mask_policy(Surface.KIOSK) == MaskPolicy(2, 2, mask_names=False)
    assert settings.mask_policy(Surface.PRINT) == DEFAULT_POLICIES[Surface.PRINT]
    assert settings.mask_policy(Surface.EXPORT) == DEFAULT_POLICIES[Surface.EXPORT]


def test_surface_without_id_keeps_its_default_policy(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "[masking.kiosk]\n[masking.print]\nnames = true\n"))
    assert settings.mask_policy(Surface.KIOSK) == MaskPolicy(3, 2, mask_names=True)
    assert settings.mask_policy(Surface.PRINT) == MaskPolicy(6, 4, mask_names=True)


def test_file_overrides_identifier_patterns(tmp_path: Path) -> None:
    path = write(tmp_path, "[identifiers]\ncert_no = '\\d{15}'\nmanagement_no = 'M\\d{8}'\n")
    settings = load_settings(path)
    assert settings.cert_no_pattern.fullmatch("202600000000123")
    assert not settings.cert_no_pattern.fullmatch("RK2026000123")
    assert settings.management_no_pattern.fullmatch("M12345678")


def test_loading_does_not_change_the_default_policies(tmp_path: Path) -> None:
    before = dict(DEFAULT_POLICIES)
    load_settings(write(tmp_path, '[masking.staff]\nid = "1+1"\n'))
    assert before == DEFAULT_POLICIES


@pytest.mark.parametrize(
    ("text", "problem_words"),
    [
        ("[masking.staff\nid = '6+4'\n", ""),  # TOML syntax
        ("x = \n", "line 1"),
        ("[masking.foo]\nid = '1+1'\n", "foo"),  # unknown surface
        ("[masking.staff]\nid = '6-4'\n", "6-4"),  # bad notation
        ("[masking.staff]\nid = 64\n", ""),  # a number, not "HEAD+TAIL"
        ("[masking]\nstaff = '6+4'\n", ""),  # a value where a table belongs
        ("masking = [1, 2]\n", ""),
        ("identifiers = 'x'\n", ""),
        ("[identifiers]\ncert_no = '['\n", ""),  # not a regular expression
    ],
)
def test_bad_file_is_a_known_error_naming_file_and_problem(
    tmp_path: Path, text: str, problem_words: str
) -> None:
    path = write(tmp_path, text)
    error = invalid(path)
    assert error.code == "config.invalid"
    assert error.params["path"] == str(path)
    problem = error.params["problem"]
    assert isinstance(problem, str)
    assert problem
    assert problem_words in problem
    zh = error.message("zh")
    assert zh == render("config.invalid", "zh", path=str(path), problem=problem)
    assert f"配置文件 {path} 有误" in zh
    assert "删除它以使用默认设置" in zh
    assert str(path) in error.message("en")


def test_file_that_is_not_utf8_is_a_known_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes("[masking.staff]\nid = '六+四'\n".encode("gb18030"))
    assert invalid(path).code == "config.invalid"


def test_pattern_of_the_wrong_type_is_a_known_error(tmp_path: Path) -> None:
    error = invalid(write(tmp_path, "[identifiers]\ncert_no = 5\n"))
    assert error.code == "config.invalid"


def test_names_flag_that_is_not_a_boolean_is_a_known_error(tmp_path: Path) -> None:
    # names = "false" must not silently mean "mask names": a string is not a boolean.
    error = invalid(write(tmp_path, '[masking.staff]\nnames = "false"\n'))
    assert error.code == "config.invalid"
