"""The built-in examples load, and every shipped template renders every one of them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from desktop import paths
from desktop.core.checker import Checker
from desktop.core.compose import Composer, describe
from desktop.core.document import Salutation, SignOff
from desktop.core.draft_file import load_draft
from desktop.core.model import FollowUpMode, Kind
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import write_docx
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text
from tests.helpers.readback import words_of_docx, words_of_html, words_of_text

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
EXAMPLES = sorted(paths.examples_dir().glob("*.amends"))
TEMPLATE_IDS = CATALOGUE.ids()


@pytest.fixture(scope="module")
def composer() -> Composer:
    return Composer(CATALOGUE, Checker.from_files())


def test_the_three_sample_situations_are_shipped():
    names = {path.stem for path in EXAMPLES}
    assert {"rrsp-withdrawal", "renewal-email", "community-redesign"} <= names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_fills_everything_its_template_needs(example):
    draft = load_draft(example)
    template = CATALOGUE.get(draft.template)
    assert template.kind is draft.kind


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("days_from_now", [0, 1, 400, 3000])
def test_an_example_is_ready_to_send_on_any_day_it_is_opened(example, days_from_now, composer):
    """Examples carry no letter date and promise follow-ups in business days, so they never
    go stale: a date fixed in the file would be in the past a week after it shipped."""
    draft = load_draft(example)
    assert draft.letter_date is None
    assert draft.follow_up.mode is not FollowUpMode.DATE
    today = dt.date.today() + dt.timedelta(days=days_from_now)
    composed = composer.compose(draft, today=today)
    assert composed.document is not None
    assert [describe(f) for f in composed.blocking] == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_template_renders_every_example(example, template_id):
    draft = load_draft(example)
    document = CATALOGUE.render(draft, template_id)
    salutation = next(b for b in document.blocks if isinstance(b, Salutation))
    assert salutation.text.startswith(("Dear", "Hello", "To "))
    assert isinstance(document.blocks[-1], SignOff)
    text = to_text(document)
    assert draft.incident.what.split(".")[0] in text
    buffer = io.BytesIO()
    write_docx(document, buffer)
    words = words_of_text(text)
    assert words_of_html(to_html_page(document)) == words
    assert words_of_docx(buffer.getvalue()) == words


def test_the_renewal_notice_comes_with_a_recipient_list():
    draft = load_draft(paths.examples_dir() / "renewal-email.amends")
    assert draft.kind is Kind.NOTICE
    with open(paths.examples_dir() / "renewal-email-recipients.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 25
    assert {"first_name", "last_name", "email"} <= set(rows[0])
    assert all(row["first_name"] and "@" in row["email"] for row in rows)
    assert len({row["email"].lower() for row in rows}) == len(rows)
