"""Test setup shared by every suite: Qt runs offscreen, GUI tests are marked by folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_GUI_DIR = Path(__file__).parent / "gui"


def _tell_the_core_its_folders() -> None:
    """What desktop.cli.main does where the program starts (desktop.core.places)."""
    from desktop import paths
    from desktop.core import places

    places.use(paths.places())


_tell_the_core_its_folders()  # for what test modules read while they are collected


def _load_the_language_model() -> None:
    """The window loads it on a thread once it shows, and checks with word rules alone until
    then; tests load it first, so every check in them sees the sentences parsed."""
    from desktop.core.language.shared import shared_parses

    shared_parses().model.load()


_load_the_language_model()


def _register_hypothesis_profiles() -> None:
    """Property tests run a few dozen examples in the suite; HYPOTHESIS_PROFILE=fuzz runs
    them for as long as one cares to wait (see tests/core/test_hostile_drafts.py)."""
    from hypothesis import HealthCheck, settings

    settings.register_profile("default", max_examples=60, deadline=None)
    settings.register_profile(
        "fuzz", max_examples=10_000_000, deadline=None, suppress_health_check=list(HealthCheck)
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


_register_hypothesis_profiles()


@pytest.fixture(autouse=True)
def own_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings, templates and history of whoever runs the tests, and their computer's
    settings, stay out of every test: the app and the command line read them by default."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(home / "site-config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # crash reports land here
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    _tell_the_core_its_folders()  # now the test's own folders


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _GUI_DIR in Path(item.fspath).parents:
            item.add_marker(pytest.mark.gui)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Empty the clipboard while Python still runs. Qt's offscreen platform keeps the last
    QMimeData a test copied in a static that is destroyed after Python has finalized, and
    PySide's wrapper then crashes the process at exit (status 139) after every test passed.
    A real desktop's clipboard (xcb) does not do this."""
    import sys

    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is not None:
            QGuiApplication.clipboard().clear()
