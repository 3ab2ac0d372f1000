"""Where things live: the bundled resources, and the per-user data, config and log folders (platformdirs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

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
