"""PDF letters: the same words as the preview, fonts embedded, pages that break as a letter
should (no widow or orphan, headings and sign-offs kept with their text), and a continuation
header with the page number on every page after the first."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from desktop import __version__, paths
from desktop.core.document import (
    LINE_BREAK,
    AddressBlock,
    BulletList,
    DateLine,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Run,
    Salutation,
    SignOff,
    Subject,
)
from desktop.core.pages import LaidOutLetter
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxLayout
from desktop.core.writers.docx_parts import PageSetup
from desktop.core.writers.pdf import PdfWriter
from desktop.core.writers.plain import to_text
from tests.helpers.images import png
from tests.helpers.pdf_tools import pdf_fonts, pdf_info, pdf_pages_text
from tests.helpers.readback import words_of_text

RECIPIENT = "Ms Amira Haddad"
DATE = "4 December 2026"
CLOSING = "Yours sincerely,"
SIGNATURE = ("Jonas Lindqvist", "Customer Care Lead", "Harbour Energy")


def letter(*body: Paragraph | Heading | BulletList, title: str = "About your bill") -> Document:
    return Document(
        blocks=(
            Letterhead(("Harbour Energy", "1 Quay Street", "Bristol BS1 4DJ")),
            DateLine(DATE),
            AddressBlock((RECIPIENT, "12 Elm Row", "Bath BA1 2QT")),
            Subject((Run(title),)),
            Salutation("Dear Ms Haddad,"),
            *body,
            SignOff(CLOSING, SIGNATURE),
        ),
        title=title,
        author="Jonas Lindqvist",
        metadata={"language": "en-GB"},
    )


def paragraph(marker: str, words: int) -> Paragraph:
    """A paragraph whose every word names it ("p7aaa"), so each line says where it came from."""
    return Paragraph((Run(" ".join(marker + "a" * (k % 7 + 1) for k in range(words))),))


def write(tmp_path: Path, document: Document, name: str = "letter.pdf", **layout: object) -> Path:
    target = tmp_path / name
    PdfWriter(DocxLayout(**layout) if layout else None).write(document, target)  # type: ignore[arg-type]
    return target


def test_the_pdf_carries_the_words_of_the_preview_in_order(tmp_path):
    document = letter(
        Paragraph(
            (
                Run("We charged you "),
                Run("twice", strong=True),
                Run(" for "),
                Run("March", emphasis=True),
                Run(": reference INC-"),
                Run("1042", strong=True),
                Run("."),
            ),
        ),
        Heading((Run("What we have done"),)),
        BulletList(
            (
                (Run("Refunded £42.10 to your card"),),
                (Run("Checked every "), Run("other", emphasis=True), Run(" account")),
            )
        ),
        Paragraph((Run(f"Call me on 0117 496 0000,{LINE_BREAK}or write to care@harbour.example."),)),
        Paragraph((Run("A long address: https://harbour.example/" + "x" * 60 + " stays whole."),)),
    )
    pdf = write(tmp_path, document)
    (page,) = pdf_pages_text(pdf)
    assert _without_bullets(page) == words_of_text(to_text(document))
    assert "INC-1042." in page.split()  # a bold run inside a word leaves the word whole


def test_a_word_wider_than_the_line_is_cut_to_stay_on_the_paper():
    writer = PdfWriter(DocxLayout(page=PageSetup(size="A4")))
    (page,) = writer.pages(letter(Paragraph((Run("See https://harbour.example/" + "q" * 400),)))).pages
    right_edge = 595.276 - 22 * 72 / 25.4
    cut = [line for line in page.lines if "qqq" in line.text]
    assert len(cut) >= 3
    assert all(line.x + 5.5 * len(line.text) < right_edge + 200 for line in cut)
    assert "".join(line.text for line in cut).count("q") == 400


def _without_bullets(text: str) -> list[str]:
    return [word for word in text.split() if word != "•"]


def test_the_builtin_letters_carry_the_preview_words(tmp_path):
    catalogue = TemplateCatalogue(paths.builtin_templates_dir())
    from desktop.core.draft_file import load_draft

    for name in ("rrsp-withdrawal.amends", "renewal-email.amends"):
        draft = load_draft(paths.examples_dir() / name)
        document = catalogue.render(draft, draft.template)
        pdf = write(tmp_path, document, name=f"{name}.pdf")
        pages = pdf_pages_text(pdf, layout=True)
        later = [page.strip().split("\n", 1)[1] for page in pages[1:]]  # without the header line
        words = [w for page in [pages[0], *later] for w in _without_bullets(page)]
        assert words == words_of_text(to_text(document)), name


def test_fonts_are_embedded_as_subsets_with_unicode_maps(tmp_path):
    document = letter(
        Paragraph(
            (
                Run("Bold ", strong=True),
                Run("italic ", emphasis=True),
                Run("both", strong=True, emphasis=True),
                Run(" plain"),
            )
        )
    )
    fonts = pdf_fonts(write(tmp_path, document))
    assert {re.sub(r"^[A-Z]{6}\+", "", f["name"]) for f in fonts} == {
        "Carlito",
        "Carlito-Bold",
        "Carlito-Italic",
        "Carlito-BoldItalic",
    }
    for font in fonts:
        assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font
        assert re.match(r"^[A-Z]{6}\+", font["name"]), font  # a subset, not the whole font


def test_document_properties(tmp_path):
    document = letter(paragraph("p", 30), title="Our mistake with your meter reading")
    info = pdf_info(write(tmp_path, document))
    assert info["Title"] == info["Subject"] == "Our mistake with your meter reading"
    assert info["Author"] == "Jonas Lindqvist"
    assert info["Creator"] == f"Amends {__version__}"
    assert info["Pages"] == "1"


def test_an_override_is_recorded_in_the_keywords(tmp_path):
    document = letter(paragraph("p", 30))
    overridden = Document(document.blocks, document.title, document.author, {"override": "proof for legal"})
    assert pdf_info(write(tmp_path, overridden))["Keywords"] == "Written despite errors: proof for legal"


def _letter_of_pages(count: int) -> Document:
    for n in range(4, 80):
        document = letter(*(paragraph(f"p{i}x", 60) for i in range(n)))
        if len(PdfWriter().pages(document).pages) == count:
            return document
    raise AssertionError(f"no letter of {count} pages")


def test_a_three_page_letter_numbers_its_later_pages(tmp_path):
    pages = pdf_pages_text(write(tmp_path, _letter_of_pages(3)), layout=True)
    assert len(pages) == 3
    assert "Page" not in pages[0] and "Harbour Energy" in pages[0].splitlines()[0]
    for number in (2, 3):
        first = pages[number - 1].strip().splitlines()[0]
        assert first.startswith(f"{RECIPIENT}, {DATE}"), first
        assert first.endswith(f"Page {number} of 3"), first
        assert "Harbour Energy" not in pages[number - 1].split(CLOSING)[0]  # no letterhead again


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_sign_offs_headings_widows_and_orphans_over_letters_of_many_lengths(tmp_path, size):
    writer = PdfWriter(DocxLayout(page=PageSetup(size=size)))
    seen_pages = set()
    for n in range(1, 45):
        body: list[Paragraph | Heading | BulletList] = []
        for i in range(n):
            if i % 5 == 3:
                body.append(Heading((Run(f"h{i}x Heading"),)))
            body.append(paragraph(f"p{i}x", 12 + (i * 37 + n * 11) % 70))
        document = letter(*body)
        laid_out = writer.pages(document)
        seen_pages.add(len(laid_out.pages))
        _check_breaks(laid_out, n)
        if n % 11 == 0:  # and the PDF of some, read back
            pages = pdf_pages_text(write(tmp_path, document, page=PageSetup(size=size)))
            last = pages[-1]
            assert CLOSING in last and all(line in last for line in SIGNATURE)
            if len(pages) > 1:
                assert f"p{n - 1}x" in last  # the last paragraph's end is on the sign-off's page
    assert seen_pages >= {1, 2, 3}


def _check_breaks(laid_out: LaidOutLetter, n: int) -> None:
    pages = laid_out.pages
    last_body = f"p{n - 1}x"
    closing_page = next(p for p in pages if any(line.text == CLOSING for line in p.lines))
    assert closing_page is pages[-1]
    assert any(last_body in line.text for line in closing_page.lines), "the sign-off stands alone"
    assert sum(last_body in line.text for line in closing_page.lines) >= min(
        2, sum(last_body in line.text for p in pages for line in p.lines)
    )
    for page, following in itertools.pairwise(pages):
        body = [line.text for line in page.lines if re.search(r"\b[ph]\d+x", line.text)]
        after = [line.text for line in following.lines if re.search(r"\b[ph]\d+x", line.text)]
        assert not body[-1].startswith("h"), "a heading ends a page"
        ended = re.search(r"\b(p\d+x)", body[-1])
        if ended and after and ended.group(1) in after[0]:  # a paragraph runs over the break
            marker = ended.group(1)
            assert sum(marker in t for t in body) >= 2, f"orphan of {marker}"
            assert sum(marker in t for t in after) >= 2, f"widow of {marker}"
        assert f"Page {following.number} of {len(pages)}" in {line.text for line in following.lines}


def test_each_page_is_the_chosen_paper(tmp_path):
    document = letter(paragraph("p", 30))
    assert pdf_info(write(tmp_path, document, page=PageSetup(size="A4")))["Page size"].endswith("(A4)")
    assert pdf_info(write(tmp_path, document, page=PageSetup(size="Letter")))["Page size"].startswith(
        "612 x 792"
    )


def test_a_logo_is_drawn_above_the_letterhead(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(40, 10))
    writer = PdfWriter(DocxLayout(logo=logo))
    (page,) = writer.pages(letter(paragraph("p", 30))).pages
    (box,) = page.images
    assert box.width == pytest.approx(38 * 72 / 25.4) and box.height == pytest.approx(box.width / 4)
    assert min(line.baseline for line in page.lines) > box.y + box.height
    pdf = tmp_path / "logo.pdf"
    writer.write(letter(paragraph("p", 30)), pdf)
    assert "Harbour Energy" in pdf_pages_text(pdf)[0]


def test_a_logo_that_is_not_an_image_is_refused(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ValueError, match="PNG or JPEG"):
        PdfWriter(DocxLayout(logo=logo))


def test_a_combined_file_numbers_each_letter_from_one(tmp_path):
    writer = PdfWriter()
    short, long = letter(paragraph("p", 40)), _letter_of_pages(2)
    target = tmp_path / "all.pdf"
    with writer.combined(target, "Notice", "Harbour Energy") as combined:
        for document in (long, short, long):
            combined.add(document)
    pages = pdf_pages_text(target, layout=True)
    headers = [re.search(r"Page (\d+) of (\d+)", page.split("\n", 1)[0]) for page in pages]
    assert [h.group(0) if h else None for h in headers] == [None, "Page 2 of 2", None, None, "Page 2 of 2"]
    assert [page.count("Dear Ms Haddad,") for page in pages] == [1, 0, 1, 1, 0]


def test_a_combined_file_that_fails_leaves_nothing(tmp_path):
    target = tmp_path / "all.pdf"
    with pytest.raises(RuntimeError), PdfWriter().combined(target, "Notice", "Harbour Energy") as combined:
        combined.add(letter(paragraph("p", 40)))
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []
