"""Mass notices: every kept row gets its letter, skipped rows are recorded, and a cancelled
or failed run leaves nothing behind."""

from __future__ import annotations

import csv
import email
import email.policy
import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.merge import MergeCancelled, MergeRequest, OutputKind, run_merge
from desktop.core.recipients import read_recipients, validate
from desktop.core.templates import TemplateCatalogue

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
NOTICE = paths.examples_dir() / "renewal-email.amends"

HEADER = "first_name,last_name,email,account\n"
ROWS = [
    "Ada,Lovelace,ada@example.com,A-1",
    "Grace,Hopper,grace@example.com,A-2",
    'Evil,"../../etc/passwd",evil@example.com,CON',
    '"=HYPERLINK(""http://x"",""y"")",Formula,formula@example.com,A-4',
    "Zoë,Bell\x07,zoe@example.com,A-5",
    "Missing,,missing@example.com,A-6",
]


@pytest.fixture
def recipients(tmp_path) -> Path:
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return path


def request(tmp_path: Path, recipients: Path, kind: OutputKind, output: str, **options) -> MergeRequest:
    table = read_recipients(recipients)
    return MergeRequest(load_draft(NOTICE), CATALOGUE, table, kind, tmp_path / output, **options)


def manifest_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_docx_per_recipient_named_safely(tmp_path, recipients):
    result = run_merge(
        request(tmp_path, recipients, OutputKind.DOCX_EACH, "out", name_pattern="{account}-{last_name}")
    )
    files = sorted(p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".docx")
    assert result.written == 6 and result.skipped == 0
    assert files == sorted(
        [
            "A-1-Lovelace.docx",
            "A-2-Hopper.docx",
            "CON-etc-passwd.docx",
            "A-4-Formula.docx",
            "A-5-Bell.docx",
            "A-6-.docx",
        ]
    )
    ada = docx.Document(tmp_path / "out" / "A-1-Lovelace.docx")
    assert any(p.text == "Dear Ada Lovelace," for p in ada.paragraphs)
    assert not list((tmp_path / "out").glob(".amends-partial-*"))
    manifest = manifest_rows(result.manifest)
    first = manifest[0]
    assert first["row"] == "2" and first["output"] == "A-1-Lovelace.docx" and first["status"] == "written"
    assert (
        first["sha256"] == hashlib.sha256((tmp_path / "out" / "A-1-Lovelace.docx").read_bytes()).hexdigest()
    )


def test_skipped_rows_are_in_the_manifest_with_their_reason(tmp_path, recipients):
    table = read_recipients(recipients)
    report = validate(table, required=["recipient.extra.last_name"])
    assert report.error_rows() == {7}
    result = run_merge(
        MergeRequest(
            load_draft(NOTICE),
            CATALOGUE,
            table,
            OutputKind.DOCX,
            tmp_path / "print.docx",
            skip_rows=report.error_rows(),
            report=report,
        )
    )
    assert (result.written, result.skipped) == (5, 1)
    skipped = [row for row in manifest_rows(result.manifest) if row["status"] == "skipped"]
    assert [row["row"] for row in skipped] == ["7"]
    assert "last_name" in skipped[0]["reason"] or "last name" in skipped[0]["reason"]


def test_a_combined_docx_puts_each_letter_on_a_new_page(tmp_path, recipients):
    result = run_merge(request(tmp_path, recipients, OutputKind.DOCX, "print.docx"))
    document = docx.Document(result.output)
    greetings = [p.text for p in document.paragraphs if p.style.name == "Salutation"]
    assert greetings[:2] == ["Dear Ada Lovelace,", "Dear Grace Hopper,"] and len(greetings) == 6
    xml = zipfile.ZipFile(result.output).read("word/document.xml").decode("utf-8")
    # each letter is a section of its own, starting a new page and numbering its pages from 1
    assert xml.count('<w:type w:val="nextPage"/>') == 6
    assert xml.count('<w:pgNumType w:start="1"/>') == 6


def test_characters_a_document_cannot_hold_are_dropped_with_a_warning(tmp_path, recipients):
    result = run_merge(request(tmp_path, recipients, OutputKind.DOCX, "print.docx"))
    assert any(w.startswith("row 6, last_name: dropped") and "U+0007" in w for w in result.warnings)
    names = [p.text for p in docx.Document(result.output).paragraphs if p.style.name == "Salutation"]
    assert "Dear Zoë Bell," in names


def test_csv_for_a_mail_platform_neutralises_formulas(tmp_path, recipients):
    result = run_merge(request(tmp_path, recipients, OutputKind.CSV, "upload.csv"))
    with result.output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["email"] for row in rows][:2] == ["ada@example.com", "grace@example.com"]
    formula = next(row for row in rows if row["email"] == "formula@example.com")
    assert formula["name"].startswith("'=HYPERLINK")
    assert rows[0]["subject"] == "You will not be charged: our renewal email went to the wrong list"
    assert rows[0]["text_body"].startswith("Dear Ada Lovelace,")
    assert "<h3>What happened</h3>" in rows[0]["html_body"]
    manifest = manifest_rows(result.manifest)
    assert next(r for r in manifest if r["email"] == "formula@example.com")["name"].startswith("'=")


def test_one_eml_per_recipient_addressed_to_them(tmp_path, recipients):
    run_merge(request(tmp_path, recipients, OutputKind.EML, "mail", name_pattern="{first_name}"))
    message = email.message_from_bytes(
        (tmp_path / "mail" / "Grace.eml").read_bytes(), policy=email.policy.default
    )
    assert message["To"].addresses[0].addr_spec == "grace@example.com"
    assert message.get_body(("plain",)).get_content().startswith("Dear Grace Hopper,")


@pytest.mark.parametrize("kind", list(OutputKind))
def test_a_cancelled_run_leaves_nothing_behind(tmp_path, recipients, kind):
    out_name = "out" if kind.is_folder else f"out{kind.suffix}"
    done = []

    def cancel_after_three() -> bool:
        return len(done) >= 3

    with pytest.raises(MergeCancelled):
        run_merge(
            request(tmp_path, recipients, kind, out_name),
            progress=lambda n, _t: done.append(n),
            cancelled=cancel_after_three,
        )
    assert done == [1, 2, 3]
    left = sorted(p.name for p in tmp_path.rglob("*") if p.name != "list.csv")
    assert left in ([], ["out"]), left
    if kind.is_folder:
        assert not any((tmp_path / "out").iterdir())


def test_a_failure_part_way_leaves_nothing_behind(tmp_path, recipients, monkeypatch):
    calls = []
    real_render = TemplateCatalogue.render

    def failing_render(self, draft, template_id=None, today=None, channel=None):
        calls.append(draft.recipient.name)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return real_render(self, draft, template_id, today, channel)

    monkeypatch.setattr(TemplateCatalogue, "render", failing_render)
    with pytest.raises(OSError):
        run_merge(request(tmp_path, recipients, OutputKind.DOCX, "print.docx"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv"]


def test_an_unknown_placeholder_fails_before_writing(tmp_path, recipients):
    from desktop.core.recipients import FileNameError

    with pytest.raises(FileNameError, match=r"\{postcode\}"):
        run_merge(request(tmp_path, recipients, OutputKind.DOCX_EACH, "out", name_pattern="{postcode}"))
    assert not any((tmp_path / "out").iterdir())


def test_existing_files_in_the_folder_are_not_overwritten(tmp_path, recipients):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "Ada.docx").write_bytes(b"mine")
    run_merge(request(tmp_path, recipients, OutputKind.DOCX_EACH, "out", name_pattern="{first_name}"))
    assert (tmp_path / "out" / "Ada.docx").read_bytes() == b"mine"
    assert docx.Document(io.BytesIO((tmp_path / "out" / "Ada (2).docx").read_bytes()))
