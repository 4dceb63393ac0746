"""The shipped profile folder, and a way to write small profile files for a test."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core import places
from desktop.core.model import Draft
from desktop.core.profiles import LetterUnderCheck


def builtin_profiles_dir() -> Path:
    """resources/profiles, beside the rule files the test setup points the core at."""
    return places.current().builtin_rules.parent / "profiles"


MINIMAL = """\
[profile]
id = "{id}"
name = "Test profile"
letter_type = "breach-notice"
jurisdictions = ["GB"]
source = "Test Act s. 1"
checked = 2026-12-04
verified = "Nothing; a test."

[[element]]
id = "contact"
label = "a contact"
clause = "s. 1(a)"
patterns = ['''\\bcontact\\b''']
"""


@pytest.fixture
def write_profile(tmp_path: Path) -> Callable[..., Path]:
    """Writes `text` (dedented; "{id}" filled in) as ID.toml in a folder of its own."""

    def write(text: str = MINIMAL, profile_id: str = "test-profile", folder: str = "team") -> Path:
        directory = tmp_path / folder
        directory.mkdir(exist_ok=True)
        path = directory / f"{profile_id}.toml"
        path.write_text(textwrap.dedent(text).replace("{id}", profile_id), encoding="utf-8")
        return path

    return write


def letter(
    text: str,
    *,
    headings: tuple[str, ...] = (),
    title: str = "",
    draft: Draft | None = None,
    body_font_pt: float | None = None,
    today: dt.date = dt.date(2026, 12, 4),
) -> LetterUnderCheck:
    return LetterUnderCheck(
        draft=draft or Draft(),
        text=text,
        headings=headings,
        title=title,
        body_font_pt=body_font_pt,
        today=today,
    )


ANNEX = (
    "You have the right to refer your complaint to the Financial Ombudsman Service, free of charge – "
    "but you must do so within six months of the date of this letter.\n\n"
    "If you do not refer your complaint in time, the Ombudsman will not have our permission to consider "
    "your complaint and so will only be able to do so in very limited circumstances. For example, if the "
    "Ombudsman believes that the delay was as a result of exceptional circumstances."
)
"""DISP 1 Annex 3R (1), as the FCA prints it, without its quotation marks."""

SHIPPED = {
    "gdpr-art34",
    "us-ca-breach",
    "us-ma-breach",
    "hipaa-breach",
    "uk-fca-final-response",
    "ca-bank-final-response",
}
"""The profiles Amends ships, one file each in resources/profiles."""
