"""The team profile: a folder a lead shares (often on a shared drive) with the team's letterhead,
defaults, checker rules and templates.

    profile.toml     company, sign-off, template, page, logo, holidays (see schema.TEAM)
    rules/*.toml     rule files in the checker's own format ([[rule]], [override.ID])
    templates/*.j2   the team's own letter templates
    logo.png         named by logo.file in profile.toml
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from desktop.core.settings.problems import Problem
from desktop.core.settings.schema import TEAM, Setting, by_key, validate
from desktop.core.settings.tomltext import key_line, parse

PROFILE_FILE = "profile.toml"
RULES_DIR = "rules"
TEMPLATES_DIR = "templates"
COMPLIANCE_DIR = "compliance"
"""The team's own compliance profiles (house rules for regulated letters), beside its rules."""
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
_DECLARED = MappingProxyType(by_key(TEAM))


@dataclass(frozen=True)
class TeamProfile:
    folder: Path
    values: Mapping[str, object] = field(default_factory=dict)
    """The values profile.toml sets explicitly (valid ones only)."""
    problems: tuple[Problem, ...] = ()
    declared: Mapping[str, Setting] = field(default_factory=lambda: _DECLARED, repr=False, compare=False)

    def __getitem__(self, key: str) -> object:
        if key not in self.declared:
            raise KeyError(f"no team setting called {key!r}")
        return self.values.get(key, self.declared[key].default)

    def is_set(self, key: str) -> bool:
        return key in self.values

    @property
    def rules_dir(self) -> Path:
        return self.folder / RULES_DIR

    @property
    def templates_dir(self) -> Path:
        return self.folder / TEMPLATES_DIR

    @property
    def compliance_dir(self) -> Path:
        return self.folder / COMPLIANCE_DIR

    @property
    def logo(self) -> Path | None:
        name = self.values.get("logo.file")
        return self.folder / str(name) if name else None

    def rule_files(self) -> list[Path]:
        return sorted(self.rules_dir.glob("*.toml")) if self.rules_dir.is_dir() else []


def load_profile(folder: Path) -> TeamProfile:
    """The profile in `folder`; never raises: what is wrong is listed in `problems`."""
    path = folder / PROFILE_FILE
    if not folder.is_dir():
        return TeamProfile(folder, problems=(Problem(folder, "", "the team profile folder is not there"),))
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return TeamProfile(
            folder, problems=(Problem(path, "", "the team profile folder has no profile.toml"),)
        )
    except (OSError, UnicodeDecodeError) as exc:
        return TeamProfile(folder, problems=(Problem(path, "", f"cannot read the team profile ({exc})"),))
    return read_profile(raw, path, folder)


def read_profile(raw: str, path: Path, folder: Path) -> TeamProfile:
    """A profile from the text of its profile.toml; `folder` is where its logo should be."""
    data, problem = parse(raw, path)
    if problem:
        return TeamProfile(folder, problems=(problem,))
    values, problems = validate(data, _DECLARED, path, raw)
    logo_problem = _logo_problem(values.get("logo.file"), folder)
    if logo_problem:
        values.pop("logo.file")
        problems.append(Problem(path, "logo.file", logo_problem, key_line(raw, "logo.file")))
    return TeamProfile(folder, values, tuple(problems))


def _logo_problem(name: object, folder: Path) -> str | None:
    if not name:
        return None
    if "/" in str(name):
        return f"the logo must sit in the profile folder itself (so it travels in an export), not {name!r}"
    if not str(name).lower().endswith(LOGO_SUFFIXES):
        return f"the logo must be a PNG or JPEG file, not {name!r}"
    if not (folder / str(name)).is_file():
        return f"there is no file {name!r} in the profile folder"
    return None
