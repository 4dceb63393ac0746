"""The settings the app runs with, key by key: the user's own, then this computer's (set
by IT for everyone who uses it), then the team profile, then the built-in defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from desktop.core import places
from desktop.core.settings.personal import SETTINGS_FILE, Settings, load_settings
from desktop.core.settings.problems import Problem
from desktop.core.settings.profile import TeamProfile, load_profile
from desktop.core.settings.schema import GROUPS, PERSONAL, TEAM, Setting

PERSONAL_SOURCE = "personal"
SITE_SOURCE = "site"
TEAM_SOURCE = "team"
DEFAULT_SOURCE = "default"
PROFILE_KEY = "team.profile"
_ALL = MappingProxyType({setting.key: setting for setting in (*PERSONAL, *TEAM)})


@dataclass(frozen=True)
class EffectiveSettings:
    values: Mapping[str, object]
    sources: Mapping[str, str]
    """Where each value came from: "personal", "site", "team" or "default" (for the settings dialog)."""
    user_dir: Path
    """The user data folder: the user's own templates/ and rules/ live there."""
    profile: TeamProfile | None = None
    problems: tuple[Problem, ...] = ()
    """Everything wrong in the settings file and the profile, to show once at start-up."""
    declared: Mapping[str, Setting] = field(default_factory=lambda: _ALL, repr=False, compare=False)
    site: Settings | None = None
    """This computer's settings file, when one was read (for the settings dialog)."""

    def __getitem__(self, key: str) -> object:
        return self.values[key]

    @property
    def profile_dir(self) -> Path | None:
        return self.profile.folder if self.profile else None


def merge(
    personal: Settings,
    profile: TeamProfile | None,
    user_dir: Path,
    problems: tuple[Problem, ...] = (),
    site: Settings | None = None,
) -> EffectiveSettings:
    """Each key from the first of personal settings, this computer's settings, team profile,
    built-in default that sets it."""
    layers: list[tuple[str, Settings | TeamProfile]] = [(PERSONAL_SOURCE, personal)]
    layers += [(SITE_SOURCE, site)] if site else []
    layers += [(TEAM_SOURCE, profile)] if profile else []
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    for key, setting in _ALL.items():
        group = next((g for g in GROUPS if key in g), (key,))
        source, layer = next(
            ((name, layer) for name, layer in layers if any(_sets(layer, k) for k in group)),
            (DEFAULT_SOURCE, None),
        )
        values[key] = layer[key] if layer is not None and key in layer.declared else setting.default
        sources[key] = source
    return EffectiveSettings(
        MappingProxyType(values), MappingProxyType(sources), user_dir, profile, problems, site=site
    )


def _sets(layer: Settings | TeamProfile, key: str) -> bool:
    return key in layer.declared and layer.is_set(key)


def load_effective(
    user_dir: Path | None = None, settings_path: Path | None = None, site_path: Path | None = None
) -> EffectiveSettings:
    """Read the user's settings, this computer's, and the team profile they point to, and
    merge them.

    Never raises for a bad file. `user_dir` defaults to the platform's user data folder,
    looked up now rather than at import, so tests and a portable install can pass their own.
    This computer's settings file is read for the real user (no `user_dir` given) or from
    `site_path`; a test's own user folder never picks up the machine it runs on.
    """
    if user_dir is None:
        user_dir = places.current().user_data
        site_path = site_path or places.current().site_settings
    loaded = load_settings(settings_path or user_dir / SETTINGS_FILE)
    site = load_settings(site_path) if site_path else None
    folder = profile_folder(loaded.settings, site.settings if site else None)
    profile = load_profile(folder) if folder else None
    problems = (*loaded.problems, *(site.problems if site else ()), *(profile.problems if profile else ()))
    return merge(loaded.settings, profile, user_dir, problems, site.settings if site else None)


def profile_folder(personal: Settings, site: Settings | None) -> Path | None:
    """The team profile the user chose, or else the one this computer names."""
    for layer in (personal, site):
        if layer is not None and layer.is_set(PROFILE_KEY):
            folder = layer[PROFILE_KEY]
            if isinstance(folder, Path):
                return folder
    return None
