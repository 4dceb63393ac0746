"""PDF from the command line: `render --to pdf`, and `merge --to pdf|pdf-each` over a list."""

from __future__ import annotations

import csv
import re

from desktop import paths
from desktop.cli import main
from tests.helpers.pdf_tools import pdf_info, pdf_pages_text

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
NOTICE = paths.examples_dir() / "renewal-email.amends"
LIST = paths.examples_dir() / "renewal-email-recipients.csv"


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def list_rows() -> list[dict[str, str]]:
    with LIST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_rrsp_example_is_one_pdf_page(tmp_path):
    out = tmp_path / "letter.pdf"
    assert run("render", RRSP, "-o", out, "--no-settings") == 0
    info = pdf_info(out)
    assert info["Pages"] == "1"
    assert info["Page size"] == "612 x 792 pts (letter)"  # en_CA: Letter paper
    (page,) = pdf_pages_text(out)
    assert "Dear Ms Tremblay," in page and "Yours sincerely," in page and "Page" not in page


def test_to_pdf_writes_pdf_whatever_the_suffix_and_never_to_stdout(tmp_path, capsys):
    out = tmp_path / "letter.bin"
    assert run("render", RRSP, "--to", "pdf", "-o", out, "--page-size", "A4", "--no-settings") == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert pdf_info(out)["Page size"].endswith("(A4)")
    assert run("render", RRSP, "--to", "pdf", "-o", "-") == 2
    assert "PDF cannot go to standard output" in capsys.readouterr().err


def test_merge_to_one_pdf_gives_each_recipient_their_own_numbered_letter(tmp_path, capsys):
    out = tmp_path / "print.pdf"
    assert run("merge", NOTICE, LIST, "--to", "pdf", "-o", out, "--no-settings") == 0
    rows = list_rows()
    assert f"Wrote {len(rows)} letter(s)" in capsys.readouterr().err
    pages = pdf_pages_text(out, layout=True)
    letters: list[list[str]] = []
    for page in pages:
        number = re.search(r"Page (\d+) of (\d+)", page.strip().split("\n", 1)[0])
        if number is None:  # a letter's first page carries no page number
            letters.append([page])
        else:
            assert int(number.group(1)) == len(letters[-1]) + 1, page[:200]
            letters[-1].append(page)
    assert len(letters) == len(rows)
    for letter, row in zip(letters, rows, strict=True):
        assert f"Hello {row['first_name']}," in letter[0] or f"Dear {row['first_name']}" in letter[0]
        total = len(letter)
        for number, page in enumerate(letter[1:], start=2):
            assert f"Page {number} of {total}" in page.split("\n", 1)[0]
    manifest = next(tmp_path.glob("print-manifest-*.csv"))
    with manifest.open(encoding="utf-8", newline="") as handle:
        assert {r["output"] for r in csv.DictReader(handle)} == {"print.pdf"}


def test_merge_to_pdf_each_writes_one_file_per_recipient_named_as_docx_each(tmp_path):
    out = tmp_path / "letters"
    pattern = "{account}-{last_name}"
    assert run("merge", NOTICE, LIST, "--to", "pdf-each", "-o", out, "--name-pattern", pattern) == 0
    rows = list_rows()
    docx_out = tmp_path / "docx"
    assert run("merge", NOTICE, LIST, "--to", "docx-each", "-o", docx_out, "--name-pattern", pattern) == 0
    pdfs = sorted(p.stem for p in out.glob("*.pdf"))
    assert len(pdfs) == len(rows)
    assert pdfs == sorted(p.stem for p in docx_out.glob("*.docx"))
    first = rows[0]
    page = pdf_pages_text(out / f"{first['account']}-{first['last_name']}.pdf")[0]
    assert first["first_name"] in page
