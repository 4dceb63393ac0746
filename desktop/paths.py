"""Where the shipped data lives: a source checkout, an installed wheel, or a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from desktop.core.places import Places

APP_NAME = "Amends"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return checkout_root() or _PACKAGE_DIR  # a wheel installs the data inside the package


def checkout_root() -> Path | None:
    """The top of the source checkout this code runs from, if it runs from one."""
    if getattr(sys, "frozen", False):
        return None
    checkout = _PACKAGE_DIR.parent
    return checkout if (checkout / "letter_templates").is_dir() else None


def installation() -> str:
    """How this copy was installed, in the words support would use."""
    if getattr(sys, "frozen", False):
        return "Application bundle"
    return "Source checkout" if checkout_root() else "Installed package"


def resources_dir() -> Path:
    return _data_root() / "resources"


def builtin_templates_dir() -> Path:
    return _data_root() / "letter_templates"


def builtin_profiles_dir() -> Path:
    """The shipped compliance profiles: what the law asks of breach notices and final responses."""
    return resources_dir() / "profiles"


def examples_dir() -> Path:
    return resources_dir() / "examples"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def site_settings_file() -> Path:
    """This computer's settings.toml, which IT writes once for everyone who uses it (the team
    profile's folder, the holiday calendar): /etc/xdg/Amends on Linux, C:\\ProgramData\\Amends
    on Windows, /Library/Application Support/Amends on macOS."""
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def documents_dir() -> Path:
    """Where exports go until the user picks a folder: an "Amends" folder in their Documents."""
    return Path(platformdirs.user_documents_dir()) / APP_NAME


def places() -> Places:
    """Everything the core needs to be told, found here once for the whole program."""
    return Places(
        builtin_rules=resources_dir() / "rules",
        user_data=user_data_dir(),
        site_settings=site_settings_file(),
    )
