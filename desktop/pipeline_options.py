"""The pipeline a subcommand judges letters with, built from its options.

`check`, `render` and `merge` take the same `--rules` and `--template-dir` and build their
Composer here, from the settings' templates and rule files and then those options, so the
three can never reach different verdicts on one draft through different set-ups.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.core.compose import Composer
from desktop.core.templates import TemplateCatalogue
from desktop.settings_options import settings_checker, settings_compliance_dirs, settings_template_dirs

if TYPE_CHECKING:
    from desktop.core.profiles import ProfileCatalogue

RULES_HELP = "an extra rule file, as for amends check (may be repeated)"


class MissingRuleFile(Exception):
    """A --rules file that is not there; printed as one line, exit status 2."""


def add_rules_option(parser: argparse.ArgumentParser, help_text: str = RULES_HELP) -> None:
    parser.add_argument("--rules", type=Path, action="append", default=[], metavar="FILE", help=help_text)


def catalogue(args: argparse.Namespace) -> TemplateCatalogue:
    """The built-in templates, the team's and the user's (unless --no-settings), then --template-dir."""
    extra_dirs = list(getattr(args, "template_dir", None) or [])
    return TemplateCatalogue(paths.builtin_templates_dir(), [*settings_template_dirs(args), *extra_dirs])


def composer(args: argparse.Namespace) -> Composer:
    """The settings' templates and rule files, then --template-dir and --rules, which must exist."""
    rules = list(getattr(args, "rules", None) or [])
    for path in rules:
        if not path.is_file():
            raise MissingRuleFile(f"{path}: no such rule file")
    load_language_model()
    return Composer(catalogue(args), settings_checker(args, rules), profile_catalogue(args))


def profile_catalogue(args: argparse.Namespace) -> ProfileCatalogue:
    """The built-in compliance profiles, then the team's and the user's (unless --no-settings)."""
    from desktop.core.profiles import ProfileCatalogue

    return ProfileCatalogue(paths.builtin_profiles_dir(), settings_compliance_dirs(args))


def load_language_model() -> None:
    """A command checks with the parsed sentences from its first letter, so it waits for the
    model; without one (a damaged install) it says so and checks with the word rules."""
    from desktop.core.language import ModelUnavailable
    from desktop.core.language.shared import shared_parses

    try:
        shared_parses().model.load()
    except ModelUnavailable as error:
        print(f"amends: warning: {error}; checking with word rules only", file=sys.stderr)
