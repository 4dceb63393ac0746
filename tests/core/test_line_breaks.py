"""Enter in a prose field starts a paragraph of the letter, Shift+Enter (a U+2028 line separator
in the field) a line break within one: in the document and in every output written from it."""

from __future__ import annotations

import email
import email.policy
import io

import pytest

from desktop import paths
from desktop.core.checker import Checker
from desktop.core.compose import Composer
from desktop.core.document import Paragraph, Run
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.clipboard import clipboard_payload
from desktop.core.writers.docx import write_docx
from desktop.core.writers.email import email_message
from desktop.core.writers.html import to_html_page
from desktop.core.writers.plain import to_text
from tests.helpers.readback import docx_paragraphs, words_of_docx, words_of_html, words_of_text

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
FIRST = "I cancelled your appointment on 10 March in error."
SECOND = "You arrived to find no one free,"
THIRD = "and waited an hour for nothing."
TYPED = f"{FIRST}\n{SECOND}\u2028{THIRD}"
"""Enter after the first sentence, Shift+Enter inside the second paragraph."""


@pytest.fixture
def document(draft):
    draft.incident.what = TYPED
    return CATALOGUE.render(draft)


def test_the_document_has_two_paragraphs_and_a_line_break_in_the_second(document):
    first = document.blocks.index(Paragraph((Run(FIRST),)))
    assert document.blocks[first + 1] == Paragraph((Run(f"{SECOND}\n{THIRD}"),))


def test_html_breaks_the_line_and_parts_the_paragraphs(document):
    page = to_html_page(document)
    assert f"<p>{FIRST}</p>\n<p>{SECOND}<br>{THIRD}</p>" in page


def test_plain_text_parts_paragraphs_by_a_blank_line_and_breaks_a_line_by_a_newline(document):
    assert f"\n\n{FIRST}\n\n{SECOND}\n{THIRD}\n\n" in to_text(document)


def test_docx_has_two_paragraphs_and_a_line_break(document):
    buffer = io.BytesIO()
    write_docx(document, buffer)
    paragraphs = docx_paragraphs(buffer.getvalue())
    first = paragraphs.index(FIRST)
    assert paragraphs[first + 1] == f"{SECOND}\n{THIRD}"
    assert words_of_docx(buffer.getvalue()) == words_of_text(to_text(document))


def test_email_and_clipboard_carry_the_break_in_both_parts(document):
    message = email.message_from_bytes(
        email_message(document, "tunde@example.org").as_bytes(), policy=email.policy.default
    )
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content().replace("\r\n", "\n")
    assert f"{FIRST}\n\n{SECOND}\n{THIRD}\n\n" in text
    assert f"<p>{FIRST}</p>\n<p>{SECOND}<br>{THIRD}</p>" in html
    assert words_of_html(html) == words_of_text(text)

    payload = clipboard_payload(document)
    assert f"{FIRST}\n\n{SECOND}\n{THIRD}\n\n" in payload.text
    assert f"<p>{FIRST}</p>\n<p>{SECOND}<br>{THIRD}</p>" in payload.html


def test_checker_offsets_in_a_field_count_the_line_separator_as_one_character(draft):
    draft.cause = (
        "Both branches share one screen.\u2028Our courier lost the first parcel, so I sent a second one."
    )
    composed = Composer(CATALOGUE, Checker.from_files()).compose(draft, today=draft.letter_date)
    finding = next(f for f in composed.findings if f.rule == "blame-third-party")
    assert finding.field == "cause"
    assert draft.cause[finding.start : finding.end] == finding.matched
    assert finding.matched.startswith("Our courier lost")
    assert Paragraph(
        (Run("Both branches share one screen.\nOur courier lost the first parcel, so I sent a second one."),)
    ) in (composed.document.blocks)
