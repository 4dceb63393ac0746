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
