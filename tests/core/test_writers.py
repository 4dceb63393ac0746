"""HTML, plain text and DOCX are written from one document, so they carry the same words,
and whatever a user typed shows as typed in all three."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from desktop import paths
from desktop.core.document import BulletList, Document, Paragraph, Run
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxLayout, DocxWriter, write_docx
from desktop.core.writers.docx_parts import PageSetup
from desktop.core.writers.html import to_html_fragment, to_html_page
from desktop.core.writers.plain import to_text
from tests.helpers.images import png
from tests.helpers.readback import (
    docx_paragraph_objects,
    docx_paragraphs,
    words_of_docx,
    words_of_html,
    words_of_text,
)

HOSTILE = "<b>O'Brien & Sons</b>"


def _docx_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_docx(document, buffer)
    return buffer.getvalue()


@pytest.fixture
def catalogue() -> TemplateCatalogue:
    return TemplateCatalogue(paths.builtin_templates_dir())


def test_the_three_outputs_carry_the_same_words(catalogue, draft):
    document = catalogue.render(draft)
    text_words = words_of_text(to_text(document))
    assert words_of_html(to_html_page(document)) == text_words
    assert words_of_docx(_docx_bytes(document)) == text_words
    assert "Adebayo," in text_words and "45.00" in " ".join(text_words)


def test_hostile_names_show_as_typed_everywhere(catalogue, draft):
    draft.recipient.name = HOSTILE
    draft.recipient.title = ""
    draft.recipient.organisation = "Smith & <i>Co</i>"
    draft.incident.what = "I typed {{ 7*7 }} and </p><p>injected</p> into your file."
    document = catalogue.render(draft)

    text = to_text(document)
    assert f"Dear {HOSTILE}," in text
    assert "I typed {{ 7*7 }} and </p><p>injected</p> into your file." in text

    page = to_html_page(document)
    assert "&lt;b&gt;O&#x27;Brien &amp; Sons&lt;/b&gt;" in page
    assert "<b>" not in page and "<i>" not in page and "<p>injected" not in page
    assert "{{ 7*7 }}" in page and ">49<" not in page and " 49 " not in page

    paras = docx_paragraphs(_docx_bytes(document))
    assert f"Dear {HOSTILE}," in paras
    assert any("Smith & <i>Co</i>" in p for p in paras)


def test_html_fragment_keeps_lists_and_emphasis():
    document = Document(
        blocks=(
            Paragraph((Run("You do "), Run("not", strong=True), Run(" need to act."))),
            BulletList(((Run("one"),), (Run("two", emphasis=True),))),
        )
    )
    assert to_html_fragment(document) == (
        "<p>You do <strong>not</strong> need to act.</p>\n<ul><li>one</li><li><em>two</em></li></ul>"
    )
    assert to_text(document) == "You do not need to act.\n\n• one\n• two\n"


def test_a_line_break_is_each_format_s_own_line_break():
    document = Document(
        blocks=(
            Paragraph((Run("Call me on Monday,\nor on "), Run("Tuesday", strong=True), Run("."))),
            BulletList(((Run("one\ntwo"),), (Run("three"),))),
            Paragraph((Run("Next."),)),
        )
    )
    assert to_html_fragment(document) == (
        "<p>Call me on Monday,<br>or on <strong>Tuesday</strong>.</p>\n"
        "<ul><li>one<br>two</li><li>three</li></ul>\n<p>Next.</p>"
    )
    assert to_text(document) == "Call me on Monday,\nor on Tuesday.\n\n• one\n  two\n• three\n\nNext.\n"
    data = _docx_bytes(document)
    assert docx_paragraphs(data) == ["Call me on Monday,\nor on Tuesday.", "one\ntwo", "three", "Next."]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    text = '<w:t xml:space="preserve">{}</w:t>'.format
    assert f"<w:r>{text('Call me on Monday,')}<w:br/>{text('or on ')}</w:r>" in xml
    assert "Monday,\n" not in xml, "a newline inside <w:t> would show as a space in Word"


def test_a_line_break_in_strong_emphasis_stays_in_its_run():
    document = Document(blocks=(Paragraph((Run("a\nb", emphasis=True, strong=True),)),))
    data = _docx_bytes(document)
    out = docx.Document(io.BytesIO(data))
    assert [(r.text, r.style.name, r.italic) for r in out.paragraphs[0].runs] == [("a\nb", "Strong", True)]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert (
        '<w:i/></w:rPr><w:t xml:space="preserve">a</w:t><w:br/><w:t xml:space="preserve">b</w:t></w:r>' in xml
    )


def test_docx_uses_word_styles_and_properties(catalogue, draft):
    draft.opening = "Thank you for telling us.\n\n- you rang on Monday\n- you wrote on Tuesday"
    data = _docx_bytes(catalogue.render(draft))
    out = docx.Document(io.BytesIO(data))
    paragraphs = docx_paragraph_objects(data)  # the sign-off sits in a table row of its own
    styles = [p.style.name for p in paragraphs]
    assert styles[:5] == ["Letterhead", "Letterhead Details", "Date", "Inside Address", "Subject"]
    assert styles[-2:] == ["Closing", "Signature"]
    assert {"Salutation", "Normal", "List Bullet"} <= set(styles)
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["you rang on Monday", "you wrote on Tuesday"]
    assert paragraphs[3].text == "Mr Tunde Adebayo\n14 Elm Row\nLeeds LS6 2AB"
    assert out.core_properties.author == "Harriet Lowe"
    assert out.core_properties.title == "My mistake with your appointment on 10 March"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert '<w:lang w:val="en-GB"' in package.read("word/styles.xml").decode("utf-8")


def test_docx_emphasis_uses_character_styles(tmp_path):
    document = Document(
        blocks=(Paragraph((Run("You do "), Run("not", strong=True), Run("act", emphasis=True))),)
    )
    out = docx.Document(io.BytesIO(_docx_bytes(document)))
    runs = [(r.text, r.style.name) for r in out.paragraphs[0].runs]
    assert runs == [("You do ", "Default Paragraph Font"), ("not", "Strong"), ("act", "Emphasis")]


def test_docx_drops_characters_xml_forbids():
    document = Document(blocks=(Paragraph((Run("Bell\x07 and null\x00 gone\ufffe."),)),))
    out = docx.Document(io.BytesIO(_docx_bytes(document)))
    assert out.paragraphs[0].text == "Bell and null gone."


def test_paper_follows_the_locale_unless_set(catalogue, draft):
    def page_width(data: bytes) -> str:
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
        return xml.split('<w:pgSz w:w="', 1)[1].split('"', 1)[0]

    assert page_width(_docx_bytes(catalogue.render(draft))) == "11906"  # en_GB: A4
    draft.locale = "en_CA"
    assert page_width(_docx_bytes(catalogue.render(draft))) == "12240"  # Letter
    buffer = io.BytesIO()
    write_docx(catalogue.render(draft), buffer, DocxLayout(page=PageSetup(size="A4")))
    assert page_width(buffer.getvalue()) == "11906"


def test_a_logo_sits_in_the_letterhead(catalogue, draft, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(400, 100))
    buffer = io.BytesIO()
    write_docx(catalogue.render(draft), buffer, DocxLayout(logo=logo, logo_width_mm=40))
    out = docx.Document(io.BytesIO(buffer.getvalue()))
    (shape,) = out.inline_shapes
    assert round(shape.width.mm) == 40 and round(shape.height.mm) == 10
    assert out.paragraphs[0].style.name == "Letterhead" and out.paragraphs[0].text.endswith("Elm Row Dental")


def test_a_logo_that_is_not_an_image_is_refused(tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("not an image", encoding="utf-8")
    with pytest.raises(ValueError, match="PNG or JPEG"):
        DocxWriter(DocxLayout(logo=fake))
