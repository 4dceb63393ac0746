"""The command line reads the same settings as the app: personal, this computer's and the
team profile's templates, rule files, paper and logo, so a letter rendered or merged in a
script comes out as it would from the window. `--no-settings` leaves them all out, for
output that depends on nothing but the command line.

A broken settings or profile file is named on stderr and the command goes on without it,
as the app starts with the rest; only what the command line names itself is strict.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.settings import (
    EffectiveSettings,
    compliance_dirs,
    docx_layout,
    known_words,
    load_effective,
    rule_files,
    template_dirs,
    usable_checker,
)
from desktop.core.writers.docx import DocxLayout

if TYPE_CHECKING:  # the checker is imported only by the command that checks
    from desktop.core.checker import Checker


def add_settings_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-settings",
        action="store_true",
        help="ignore the personal settings, this computer's and the team profile (their templates, "
        "rule files, paper and logo)",
    )


def effective_settings(args: argparse.Namespace) -> EffectiveSettings | None:
    """The settings, read once per command and their problems said once; None with --no-settings."""
    if getattr(args, "no_settings", False):
        return None
    cached = getattr(args, "_effective_settings", None)
    if cached is None:
        cached = load_effective()
        for problem in cached.problems:
            print(f"amends: settings: {problem} (left out)", file=sys.stderr)
        args._effective_settings = cached
    return cached


def settings_compliance_dirs(args: argparse.Namespace) -> list[Path]:
    """The team's and the user's own compliance profile folders."""
    effective = effective_settings(args)
    return compliance_dirs(effective) if effective else []


def settings_template_dirs(args: argparse.Namespace) -> list[Path]:
    """The team's and the user's own template folders, before any --template-dir."""
    effective = effective_settings(args)
    return template_dirs(effective) if effective else []


def settings_layout(args: argparse.Namespace) -> DocxLayout | None:
    """Paper, margins and logo from the settings, which --page-size, --margins and --logo override."""
    effective = effective_settings(args)
    return docx_layout(effective) if effective else None


def settings_checker(args: argparse.Namespace, extra_files: list[Path]) -> Checker:
    """The checker with the team's and the user's rule files that load (a broken one is named
    and left out), then `extra_files`, which must load. Built once when there are no extras:
    vetting the settings' files already compiled it."""
    from desktop.core.checker import Checker

    effective = effective_settings(args)
    if effective is None:
        return Checker.from_files(extra_files)
    checker, usable, problems = usable_checker(rule_files(effective))
    words, word_problems = known_words(effective)
    for problem in [*problems, *word_problems]:
        print(f"amends: settings: {problem} (left out)", file=sys.stderr)
    checker = Checker.from_files([*usable, *extra_files]) if extra_files else checker
    checker.known_words = words
    return checker
