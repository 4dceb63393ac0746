"""Every kind of DOCX Amends writes opens in python-docx and LibreOffice, and the PDF that
LibreOffice prints carries the recipient and the letter's key sentences.

Needs LibreOffice (`soffice`) and poppler's `pdftotext`: skipped without them, except in
CI, where `.ci/run` installs both and a missing one fails the run.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import docx
import pytest

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.merge import MergeRequest, OutputKind, run_merge
from desktop.core.recipients import read_recipients
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import write_docx
from tests.helpers.libreoffice import convert_to_pdf
from tests.helpers.tools import require_tool

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())


_PACKAGES = {"soffice": "libreoffice-writer-nogui", "pdftotext": "poppler-utils"}


def _tool(name: str) -> str:
    return require_tool(name, _PACKAGES[name])


def to_pdf_text(files: list[Path], workdir: Path) -> dict[str, str]:
    pdfs = convert_to_pdf(files, workdir, timeout=240)
    texts = {}
    for name, pdf in pdfs.items():
        result = subprocess.run(
            [_tool("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        )
        texts[name] = " ".join(result.stdout.split())
    return texts


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    work = tmp_path_factory.mktemp("libreoffice")
    single = work / "rrsp.docx"
    rrsp = load_draft(paths.examples_dir() / "rrsp-withdrawal.amends")
    rrsp.letter_date = dt.date(2026, 11, 20)  # a Friday: the follow-up is the Tuesday after
    write_docx(CATALOGUE.render(rrsp), single)

    notice = load_draft(paths.examples_dir() / "renewal-email.amends")
    people = work / "people.csv"
    people.write_text(
        "first_name,last_name,email,account\nAda,Lovelace,ada@example.com,A-1\n"
        "Seán,Ó Súilleabháin,sean@example.com,A-2\nGrace,Hopper,grace@example.com,A-3\n",
        encoding="utf-8",
    )
    table = read_recipients(people)
    run_merge(MergeRequest(notice, CATALOGUE, table, OutputKind.DOCX, work / "combined.docx"))
    run_merge(
        MergeRequest(notice, CATALOGUE, table, OutputKind.DOCX_EACH, work / "each", name_pattern="{account}")
    )
    files = [single, work / "combined.docx", work / "each" / "A-2.docx"]
    for file in files:
        assert docx.Document(file).paragraphs, f"python-docx cannot read {file.name}"
    return work, to_pdf_text(files, work)


def test_a_single_letter_prints_with_its_recipient_mistake_fix_and_date(written):
    _, texts = written
    text = texts["rrsp.docx"]
    assert "Dear Ms Tremblay," in text
    assert "I left the default bank account in place" in text
    assert "Before I restart any withdrawal, I now read the destination account back to the client." in text
    assert "Tuesday, November 24, 2026" in text
    assert "Marc Okafor" in text


def test_a_combined_print_file_has_every_recipient(written):
    _, texts = written
    text = texts["combined.docx"]
    for greeting in ("Dear Ada Lovelace,", "Dear Seán Ó Súilleabháin,", "Dear Grace Hopper,"):
        assert greeting in text
    assert text.count("You do not need to do anything.") == 3


def test_a_per_recipient_file_prints_that_recipients_letter(written):
    _, texts = written
    text = texts["A-2.docx"]
    assert "Dear Seán Ó Súilleabháin," in text
    assert "You will not be charged" in text
    assert "Ada" not in text
