"""The built-in examples load, and every shipped template renders every one of them."""

from __future__ import annotations

import csv
import io

import pytest

from desktop import paths
from desktop.core.document import Salutation, SignOff
from desktop.core.draft_file import load_draft
from desktop.core.model import Kind
from desktop.core.templates import TemplateCatalogue, missing_fields
from desktop.core.writers.docx import write_docx
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text
from tests.helpers.readback import words_of_docx, words_of_html, words_of_text

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
EXAMPLES = sorted(paths.examples_dir().glob("*.amends"))
TEMPLATE_IDS = CATALOGUE.ids()


def test_the_three_sample_situations_are_shipped():
    names = {path.stem for path in EXAMPLES}
    assert {"rrsp-withdrawal", "renewal-email", "community-redesign"} <= names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_example_fills_everything_its_template_needs(example):
    draft = load_draft(example)
    template = CATALOGUE.get(draft.template)
    assert template.kind is draft.kind
    assert missing_fields(draft, template) == []
    assert draft.letter_date is not None, "examples carry a fixed date so they render the same every day"


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
