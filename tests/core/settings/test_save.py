"""Saving settings: atomic, with the previous file kept as settings.toml.bak."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.settings import Settings, load_settings, save_settings
from desktop.core.settings import personal as personal_module


def test_save_creates_the_folder_and_reads_back(tmp_path: Path):
    path = tmp_path / "new" / "settings.toml"
    save_settings(Settings().with_value("sender.name", "Priya"), path)
    assert load_settings(path).settings["sender.name"] == "Priya"
    assert not path.with_name("settings.toml.bak").exists()


def test_save_keeps_the_previous_file_as_bak(tmp_path: Path):
    path = tmp_path / "settings.toml"
    save_settings(Settings().with_value("sender.name", "First"), path)
    save_settings(Settings().with_value("sender.name", "Second"), path)
    backup = path.with_name("settings.toml.bak")
    assert load_settings(backup).settings["sender.name"] == "First"
    assert load_settings(path).settings["sender.name"] == "Second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml", "settings.toml.bak"]


def test_a_save_interrupted_part_way_leaves_the_old_file_whole(tmp_path: Path, monkeypatch):
    path = tmp_path / "settings.toml"
    save_settings(Settings().with_value("sender.name", "Kept"), path)
    before = path.read_bytes()

    class Interrupted(Settings):
        def to_toml(self) -> str:
            raise KeyboardInterrupt  # as if the process stopped while writing

    with pytest.raises(KeyboardInterrupt):
        save_settings(Interrupted(), path)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".part"]
    assert personal_module.BACKUP_SUFFIX == ".bak"
