"""The user's own settings file: loading it without ever failing, and saving it without ever tearing it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from desktop.core.atomic import atomic_write
from desktop.core.settings.problems import Problem, SettingValueError
from desktop.core.settings.schema import PERSONAL, Setting, by_key, validate
from desktop.core.settings.tomltext import dumps, parse

SETTINGS_FILE = "settings.toml"
BACKUP_SUFFIX = ".bak"
_DECLARED = MappingProxyType(by_key(PERSONAL))


@dataclass(frozen=True)
class Settings:
    """The values a file sets explicitly; every other key reads as its default.

    Only explicit values are kept (and saved), so a key the user never set keeps following
    the team profile when the lead changes it.
    """

    values: Mapping[str, object] = field(default_factory=dict)
    declared: Mapping[str, Setting] = field(default_factory=lambda: _DECLARED, repr=False, compare=False)

    def __getitem__(self, key: str) -> object:
        if key not in self.declared:
            raise KeyError(f"no setting called {key!r}")
        return self.values.get(key, self.declared[key].default)

    def is_set(self, key: str) -> bool:
        return key in self.values

    def with_value(self, key: str, value: object) -> Settings:
        """A copy with `key` set; SettingValueError (naming the key) if the value is refused."""
        if key not in self.declared:
            raise SettingValueError(key, "no such setting")
        converted = self.declared[key].convert(value)
        return Settings({**self.values, key: converted}, self.declared)

    def without(self, key: str) -> Settings:
        """A copy where `key` is unset again: it follows the team profile or the default."""
        return Settings({k: v for k, v in self.values.items() if k != key}, self.declared)

    def to_toml(self) -> str:
        ordered = {
            key: setting.kind.to_toml(self.values[key])
            for key, setting in self.declared.items()
            if key in self.values and self.values[key] is not None
        }
        return dumps(ordered)


@dataclass(frozen=True)
class LoadResult:
    settings: Settings
    problems: list[Problem]


def load_settings(path: Path) -> LoadResult:
    """The settings in `path`; a missing file is no problem, a broken one is a list of problems.

    Never raises for a bad file: the app must start with defaults and show what was wrong.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadResult(Settings(), [])
    except (OSError, UnicodeDecodeError) as exc:
        return LoadResult(Settings(), [Problem(path, "", f"cannot read the settings file ({exc})")])
    return read_settings(raw, path)


def read_settings(raw: str, path: Path | None = None) -> LoadResult:
    data, problem = parse(raw, path)
    if problem:
        return LoadResult(Settings(), [problem])
    values, problems = validate(data, _DECLARED, path, raw)
    return LoadResult(Settings(values), problems)


def save_settings(settings: Settings, path: Path) -> None:
    """Write `settings` atomically, keeping the file it replaces as settings.toml.bak.

    Raises OSError (read-only folder, full disk) for the caller to show; the old file is
    then still whole, because the new one only replaces it once completely written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        previous = path.read_bytes()
        with atomic_write(path.with_name(path.name + BACKUP_SUFFIX)) as handle:
            handle.write(previous)
    with atomic_write(path, binary=False) as handle:
        handle.write(settings.to_toml())
