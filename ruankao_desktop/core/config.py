"""Settings a centre may change without a new release, read from a TOML file (`config_file()`), and where
things live: the bundled resources and the per-user data, config and log folders.

    [masking.staff]
    id = "6+4"          # 前6后4
    [masking.kiosk]
    id = "3+2"
    names = true        # 张*
    [identifiers]
    cert_no = '[A-Z]{1,3}\\d{6,20}'
    management_no = '\\d{16}'
    [printing]
    copy_valid_days = 90
    fonts = ["D:/fonts/SimSun-ExtB.ttf"]   # tried before the system's fonts
    printer = "Front desk"                 # print without a dialog (kiosks)
    [handover]
    proxies = false     # this centre hands certificates to the holder only (no 代领, no 单位代领)

A missing file means the defaults; a malformed one is a known error naming the file and the problem.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import PlatformDirs

from ruankao_desktop.core.domain.masking import DEFAULT_POLICIES, MaskPolicy, Surface
from ruankao_desktop.core.errors import KnownError

# No authoritative published format exists for these (docs/domain.md "Identifiers"): patterns are settings.
DEFAULT_CERT_NO_PATTERN = r"[A-Z]{1,3}\d{6,20}"
DEFAULT_MANAGEMENT_NO_PATTERN = r"\d{16}"
# How long the verification code on a printed copy stays valid (docs/domain.md "Verification").
DEFAULT_COPY_VALID_DAYS = 90


@dataclass(frozen=True)
class Settings:
    masking: dict[Surface, MaskPolicy] = field(default_factory=lambda: dict(DEFAULT_POLICIES))
    cert_no_pattern: re.Pattern[str] = re.compile(DEFAULT_CERT_NO_PATTERN)
    management_no_pattern: re.Pattern[str] = re.compile(DEFAULT_MANAGEMENT_NO_PATTERN)
    copy_valid_days: int = DEFAULT_COPY_VALID_DAYS
    fonts: tuple[Path, ...] = ()
    printer: str = ""  # a fixed printer for silent printing (kiosks); empty: ask
    proxies_allowed: bool = True  # 代领 and 单位代领 (docs/domain.md "Handing certificates over")

    def mask_policy(self, surface: Surface) -> MaskPolicy:
        return self.masking[surface]


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    try:
        raw: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        masking = dict(DEFAULT_POLICIES)
        for surface_name, spec in raw.get("masking", {}).items():
            surface = Surface(surface_name)
            default = DEFAULT_POLICIES[surface]
            id_spec = spec.get("id", f"{default.id_head}+{default.id_tail}")
            names = spec.get("names", default.mask_names)
            if not isinstance(names, bool):
                raise ValueError(f"masking.{surface_name}.names must be true or false, not {names!r}")
            masking[surface] = MaskPolicy.parse(id_spec, mask_names=names)
        identifiers = raw.get("identifiers", {})
        printing = raw.get("printing", {})
        valid_days = printing.get("copy_valid_days", DEFAULT_COPY_VALID_DAYS)
        if not isinstance(valid_days, int) or isinstance(valid_days, bool) or not 1 <= valid_days <= 3650:
            raise ValueError(
                f"printing.copy_valid_days must be a whole number of days (1–3650), not {valid_days!r}"
            )
        proxies = raw.get("handover", {}).get("proxies", True)
        if not isinstance(proxies, bool):
            raise ValueError(f"handover.proxies must be true or false, not {proxies!r}")
        return Settings(
            masking=masking,
            cert_no_pattern=re.compile(identifiers.get("cert_no", DEFAULT_CERT_NO_PATTERN)),
            management_no_pattern=re.compile(identifiers.get("management_no", DEFAULT_MANAGEMENT_NO_PATTERN)),
            copy_valid_days=valid_days,
            fonts=tuple(Path(str(font)).expanduser() for font in printing.get("fonts", [])),
            printer=str(printing.get("printer", "")),
            proxies_allowed=proxies,
        )
    except (tomllib.TOMLDecodeError, ValueError, TypeError, re.error, AttributeError) as exc:
        raise KnownError("config.invalid", path=str(path), problem=str(exc)) from exc


# Where things live: the bundled resources, and the per-user data, config and log folders (platformdirs).
APP_NAME = "ruankao-desktop"
_DIRS = PlatformDirs(APP_NAME, appauthor=False)


def resources_dir() -> Path:
    """`resources/`: next to the package in a checkout, inside it in a wheel, in `_MEIPASS` when frozen."""
    override = os.environ.get("RUANKAO_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    package = Path(__file__).resolve().parent.parent
    for candidate in (
        Path(frozen) / "resources" if frozen else None,
        package / "resources",
        package.parent / "resources",
    ):
        if candidate is not None and candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resources folder not found near {package}")


def data_dir() -> Path:
    return Path(os.environ.get("RUANKAO_DATA_DIR") or _DIRS.user_data_dir)


def config_file() -> Path:
    return Path(os.environ.get("RUANKAO_CONFIG") or Path(_DIRS.user_config_dir) / "config.toml")


def log_dir() -> Path:
    return Path(os.environ.get("RUANKAO_LOG_DIR") or _DIRS.user_log_dir)


def default_database_path() -> Path:
    return data_dir() / "centre.db"


def demo_database_path() -> Path:
    return data_dir() / "demo.db"
