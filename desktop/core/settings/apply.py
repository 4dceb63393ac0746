"""What the rest of the app takes from the settings: a new draft, a DOCX layout, and where
templates and rule files are found."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from desktop.core.model import Compensation, Draft, FollowUp, Sender
from desktop.core.settings.effective import EffectiveSettings
from desktop.core.settings.problems import Problem
from desktop.core.writers.docx import DocxLayout
from desktop.core.writers.docx_parts import PageSetup

if TYPE_CHECKING:
    from desktop.core.checker.engine import Checker

USER_RULES_DIR = "rules"
USER_TEMPLATES_DIR = "templates"
USER_COMPLIANCE_DIR = "compliance"


def new_draft_defaults(effective: EffectiveSettings) -> Draft:
    """An empty draft with the sender, sign-off, template, locale, currency and holiday calendar filled in."""
    return Draft(
        template=str(effective["letter.template"]),
        locale=str(effective["letter.locale"]),
        sender=Sender(
            name=str(effective["sender.name"]),
            role=str(effective["sender.role"]),
            company=str(effective["company.name"]),
            email=str(effective["sender.email"]),
            address="\n".join(_lines(effective["company.address"])),
            contact=str(effective["sender.contact"]),
            sign_off=str(effective["letter.sign_off"]),
            signature="\n".join(_lines(effective["sender.signature"])),
        ),
        compensation=Compensation(currency=str(effective["letter.currency"]).upper()),
        follow_up=FollowUp(
            country=str(effective["holidays.country"]).upper(),
            subdivision=str(effective["holidays.subdivision"]).upper(),
        ),
    )


def docx_layout(effective: EffectiveSettings) -> DocxLayout:
    """Paper, margins and the team's logo for the DOCX writer.

    With page.size "auto" and the built-in margins the page is left to the writer, which
    picks Letter or A4 per letter from its locale; auto with margins of one's own takes the
    paper of the default locale.
    """
    size = str(effective["page.size"])
    # Values come out as `object` but were converted by their kind (settings/kinds.py) when
    # read: MARGINS makes four floats, NUMBER a float.
    margins = cast(tuple[float, float, float, float], effective["page.margins_mm"])
    page: PageSetup | None = None
    if size != "auto":
        page = PageSetup(size=size, margins_mm=margins)
    elif margins != effective.declared["page.margins_mm"].default:
        paper = PageSetup.for_locale(str(effective["letter.locale"])).size
        page = PageSetup(size=paper, margins_mm=margins)
    logo = effective.profile.logo if effective.profile else None
    width = cast(float, effective["logo.width_mm"])
    return DocxLayout(page=page, logo=logo, logo_width_mm=float(width))


def template_dirs(effective: EffectiveSettings) -> list[Path]:
    """The folders of templates beyond the built-in ones, team first, then the user's own.

    TemplateCatalogue lets a later folder replace a template of the same id, so a user's own
    template wins over the team's, as personal settings win over the profile.
    """
    team = [effective.profile.templates_dir] if effective.profile else []
    return [*team, effective.user_dir / USER_TEMPLATES_DIR]


def compliance_dirs(effective: EffectiveSettings) -> list[Path]:
    """Compliance profiles beyond the built-in ones: the team's, then the user's own."""
    team = [effective.profile.compliance_dir] if effective.profile else []
    return [*team, effective.user_dir / USER_COMPLIANCE_DIR]


def rule_files(effective: EffectiveSettings) -> list[Path]:
    """Rule files for Checker.from_files: the team's, then the user's (whose overrides win)."""
    team = effective.profile.rule_files() if effective.profile else []
    user_dir = effective.user_dir / USER_RULES_DIR
    return [*team, *(sorted(user_dir.glob("*.toml")) if user_dir.is_dir() else [])]


WORD_LIST = "words.txt"
"""Beside the rule files, team's and user's: names the spelling check must never flag."""


def word_lists(effective: EffectiveSettings) -> list[Path]:
    """The team's word list, then the user's, those that exist."""
    folders = [effective.profile.rules_dir] if effective.profile else []
    folders.append(effective.user_dir / USER_RULES_DIR)
    return [folder / WORD_LIST for folder in folders if (folder / WORD_LIST).is_file()]


def known_words(effective: EffectiveSettings) -> tuple[list[str], list[Problem]]:
    """The words of every readable word list, and a problem naming each one that is not."""
    from desktop.core.spelling import WordListError, read_word_list

    words: list[str] = []
    problems: list[Problem] = []
    for path in word_lists(effective):
        try:
            words += read_word_list(path)
        except WordListError as exc:
            problems.append(Problem(exc.path, "", exc.reason, exc.line))
    return words, problems


def usable_rule_files(
    files: Iterable[Path], builtin_dir: Path | None = None
) -> tuple[list[Path], list[Problem]]:
    """The files the checker can load together, and a problem for each one left out."""
    _checker, usable, problems = usable_checker(files, builtin_dir)
    return usable, problems


def usable_checker(
    files: Iterable[Path], builtin_dir: Path | None = None
) -> tuple[Checker, list[Path], list[Problem]]:
    """(checker, the files it was built from, a problem for each file left out).

    The checker stops at the first broken rule file; a typo in the team's rules must not
    stop the app, so the broken file is set aside (and named) and the rest still load.
    The checker that proves the files load is the one returned: building it compiles every
    pattern, which is a large part of the app's start.
    """
    from desktop.core.checker.engine import Checker
    from desktop.core.checker.loader import RuleFileError

    usable = list(files)
    problems: list[Problem] = []
    while True:
        try:
            return Checker.from_files(usable, builtin_dir), usable, problems
        except RuleFileError as exc:
            if exc.path not in usable:
                raise  # the built-in rules are broken: a bug of ours, not the team's
            usable.remove(exc.path)
            problems.append(Problem(exc.path, "", exc.reason, exc.line))


def _lines(value: object) -> tuple[str, ...]:
    return tuple(str(line) for line in value) if isinstance(value, list | tuple) else ()
