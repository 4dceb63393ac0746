"""Where the shipped data lives: a source checkout, an installed wheel, or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "Amends"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    checkout = _PACKAGE_DIR.parent
    if (checkout / "letter_templates").is_dir():
        return checkout
    return _PACKAGE_DIR  # a wheel installs the data inside the package (see pyproject.toml)


def resources_dir() -> Path:
    return _data_root() / "resources"


def builtin_templates_dir() -> Path:
    return _data_root() / "letter_templates"


def examples_dir() -> Path:
    return resources_dir() / "examples"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"
