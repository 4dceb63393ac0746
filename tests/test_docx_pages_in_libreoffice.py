"""DOCX letters on paper, as LibreOffice prints them: the page counts the PDF has, every letter
of a combined file on pages of its own, sign-offs never apart from their letters, and the
continuation header ("recipient, date ... Page N of M") on pages 2 and after only.

Needs LibreOffice (`soffice`) and poppler: skipped without them, except in CI (.ci/run
installs both and sets AMENDS_REQUIRE_TOOLS=1, where a missing one fails the run).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest

from desktop import paths
from desktop.core.document import AddressBlock, DateLine, Document, Paragraph, Run, Salutation, SignOff
from desktop.core.draft_file import load_draft
from desktop.core.merge import MergeRequest, OutputKind, run_merge
from desktop.core.recipients import read_recipients
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxWriter
from desktop.core.writers.pdf import PdfWriter
from tests.helpers.libreoffice import convert_to_pdf
from tests.helpers.pdf_tools import pdf_pages_text
from tests.helpers.tools import require_tool

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
EXAMPLES = paths.examples_dir()
SENTENCE = "We are sorry that the statement we sent you last month showed a charge you never made. "


def _convert(files: list[Path], workdir: Path) -> dict[str, list[str]]:
    """Each file's pages as LibreOffice prints them."""
    require_tool("pdftotext", "poppler-utils")
    return {name: pdf_pages_text(pdf) for name, pdf in convert_to_pdf(files, workdir).items()}


def _three_page_letter() -> Document:
    """A letter the page layout (the PDF's) puts on exactly three pages."""
    for paragraphs in range(10, 80):
        blocks = (
            DateLine("4 December 2026"),
            AddressBlock(("Ms Amira Haddad", "12 Quay Street", "Bristol BS1 4DJ")),
            Salutation("Dear Ms Haddad,"),
            *(Paragraph((Run(f"Paragraph {n}. " + SENTENCE * 5),)) for n in range(1, paragraphs + 1)),
            Paragraph((Run("With my apologies once more."),)),
            SignOff("Yours sincerely,", ("Harriet Lowe", "Customer Care")),
        )
        document = Document(blocks=blocks, title="Your statement", author="Harriet Lowe")
        if len(PdfWriter().pages(document).pages) == 3:
            return document
    raise AssertionError("no paragraph count gives three pages")


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[str]]:
    work = tmp_path_factory.mktemp("docx-pages")
    notice = load_draft(EXAMPLES / "renewal-email.amends")
    table = read_recipients(EXAMPLES / "renewal-email-recipients.csv")
    run_merge(MergeRequest(notice, CATALOGUE, table, OutputKind.DOCX, work / "renewal.docx"))
    run_merge(
        MergeRequest(notice, CATALOGUE, table, OutputKind.DOCX_EACH, work / "each", name_pattern="{account}")
    )
    alone = sorted((work / "each").glob("*.docx"))[0]

    rrsp = load_draft(EXAMPLES / "rrsp-withdrawal.amends")
    rrsp.letter_date = dt.date(2026, 11, 20)
    rrsp_letter = CATALOGUE.render(rrsp)
    DocxWriter().write(rrsp_letter, work / "rrsp.docx")
    PdfWriter().write(rrsp_letter, work / "rrsp-amends.pdf")

    DocxWriter().write(_three_page_letter(), work / "three.docx")
    pages = _convert([work / "renewal.docx", alone, work / "rrsp.docx", work / "three.docx"], work)
    pages["alone"] = pages.pop(alone.name)
    pages["rrsp-amends.pdf"] = pdf_pages_text(work / "rrsp-amends.pdf")
    return pages


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def _body(page: str) -> list[str]:
    """The page's lines below its continuation header, if it has one."""
    lines = _lines(page)
    for n, line in enumerate(lines[:3]):
        if re.fullmatch(r"(.*\s)?Page \d+ of \d+", line):
            return lines[n + 1 :]
    return lines


def test_the_combined_notice_has_each_letters_pages_and_no_more(printed):
    one = len(printed["alone"])
    assert one >= 1
    assert len(printed["renewal.docx"]) == 36 * one


def test_every_letter_of_the_combined_notice_starts_on_a_new_page(printed):
    pages = printed["renewal.docx"]
    one = len(printed["alone"])
    subject = _lines(printed["alone"][0])[0]
    starts = [n for n, page in enumerate(pages) if _lines(page)[0] == subject]
    assert starts == list(range(0, 36 * one, one))
    for start in starts:  # a letter's first page has no continuation header
        assert "Page 1 of" not in pages[start]
        assert sum("Dear " in line for line in _lines(pages[start])) == 1


def test_no_sign_off_is_separated_from_its_letter(printed):
    closing, name = "Kind regards,", "Inês Carvalho"
    pages = printed["renewal.docx"]
    assert sum(closing in page for page in pages) == 36
    for page in pages:
        body = _body(page)
        assert body[0] not in (closing, name), "a page starts with the sign-off"
        if closing in body:
            assert name in body, "the signature left its closing"
            assert body.index(closing) > 0
        if name in body:
            assert closing in body, "the signature left its closing"


def test_continuation_pages_of_the_combined_notice_are_numbered_per_letter(printed):
    pages = printed["renewal.docx"]
    one = len(printed["alone"])
    assert one == 2, "the renewal notice runs to two pages, in DOCX as in the PDF"
    second_pages = pages[1::one]
    assert all(f"Page 2 of {one}" in page for page in second_pages)
    assert "Amara Okafor" in second_pages[0]  # the letter's own recipient, written per letter


def test_the_rrsp_letter_is_one_page_in_docx_and_in_pdf(printed):
    assert len(printed["rrsp.docx"]) == 1
    assert len(printed["rrsp-amends.pdf"]) == 1
    assert "Marc Okafor" in printed["rrsp.docx"][0]


def test_a_three_page_letter_shows_page_2_of_3_on_its_second_page_only(printed):
    pages = printed["three.docx"]
    assert len(pages) == 3
    assert "Page" not in pages[0].replace("Paragraph", "")
    header = _lines(pages[1])
    assert "Page 2 of 3" in pages[1]
    assert any(line.startswith("Ms Amira Haddad, 4 December 2026") for line in header[:2])
    assert "Page 3 of 3" in pages[2]


def test_the_named_word_styles_are_there():
    data = io.BytesIO()
    DocxWriter().write(_three_page_letter(), data)
    names = {style.name for style in docx.Document(io.BytesIO(data.getvalue())).styles}
    assert {
        "Normal",
        "Date",
        "Inside Address",
        "Salutation",
        "Closing",
        "Signature",
        "Letterhead",
        "Subject",
        "List Bullet",
        "Heading 3",
        "Strong",
        "Emphasis",
        "Header",
    } <= names
