"""check, render and merge reach one verdict on a letter, and refuse what it refuses.

Each test runs the `amends` command in-process and reads what a user would read: the exit
status, the lines on stdout and stderr, and the files written (or, when the letter is not
ready, the files not written).
"""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from desktop import paths
from desktop.cli import main
from desktop.core.draft_file import load_draft, save_draft
from desktop.core.fields import field_label
from desktop.core.model import Draft, FollowUpMode, Kind
from tests.helpers.pdf_tools import pdf_info

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
NOTICE = paths.examples_dir() / "renewal-email.amends"
LIST = paths.examples_dir() / "renewal-email-recipients.csv"

BLANK_REQUIRED = {
    path: field_label(path)
    for path in ("recipient.name", "incident.summary", "incident.what", "fixed", "follow_up", "sender.name")
}
"""What an individual letter on the formal-letter template cannot go without, by the label
the form shows for each field ("Name", "In a few words", "What happened"...)."""


def test_the_labels_are_the_forms_words_not_paths():
    for path, label in BLANK_REQUIRED.items():
        assert label and label != path and "." not in label and "_" not in label, path
    assert BLANK_REQUIRED["recipient.name"] == "Name" and BLANK_REQUIRED["sender.name"] == "Your name"


MERGED_OPENING = "Hi {{ first_name }}, you signed up through our {{ signup_source }}."


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def saved(tmp_path: Path, name: str, draft: Draft) -> Path:
    path = tmp_path / name
    save_draft(draft, path)
    return path


def blank_draft(tmp_path: Path) -> Path:
    draft = Draft()
    assert draft.kind is Kind.INDIVIDUAL
    return saved(tmp_path, "blank.amends", draft)


def notice_with(tmp_path: Path, opening: str, name: str = "notice.amends") -> Path:
    draft = load_draft(NOTICE)
    draft.opening = opening
    return saved(tmp_path, name, draft)


def list_rows(path: Path = LIST) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_list(tmp_path: Path, rows: list[dict[str, str]], name: str = "list.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def manifest_rows(folder: Path, pattern: str) -> list[dict[str, str]]:
    (manifest,) = folder.glob(pattern)
    with manifest.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def eml_text(path: Path) -> tuple[email.message.EmailMessage, str]:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    bodies = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return message, "\n".join(bodies)


# --- 1. a blank draft: every required field named by its label, and nothing written -----------


def test_check_names_each_required_field_of_a_blank_draft_by_its_form_label(tmp_path, capsys):
    draft = blank_draft(tmp_path)
    code, out, _ = run(capsys, "check", draft)
    assert code == 1
    lines = [line for line in out.splitlines() if " error required-field " in line]
    assert len(lines) == len(BLANK_REQUIRED)
    for path, label in BLANK_REQUIRED.items():
        assert any(f"[{path}] Fill in ‘{label}’: this letter needs it." in line for line in lines), path


def test_check_json_lists_the_required_fields_by_path(tmp_path, capsys):
    draft = blank_draft(tmp_path)
    code, out, _ = run(capsys, "check", "--format", "json", draft)
    assert code == 1
    (report,) = json.loads(out)
    required = [f for f in report["findings"] if f["rule"] == "required-field"]
    assert sorted(f["field"] for f in required) == sorted(BLANK_REQUIRED)
    for finding in required:
        assert finding["severity"] == "error"
        assert f"‘{BLANK_REQUIRED[finding['field']]}’" in finding["message"]


@pytest.mark.parametrize("suffix", ["docx", "pdf", "txt", "html", "eml"])
def test_render_refuses_a_blank_draft_with_the_findings_check_reports(tmp_path, capsys, suffix):
    draft = blank_draft(tmp_path)
    _, out, _ = run(capsys, "check", "--format", "json", draft)
    blocking = [f for f in json.loads(out)[0]["findings"] if f["severity"] == "error"]
    output = tmp_path / f"letter.{suffix}"
    code, stdout, err = run(capsys, "render", draft, "-o", output)
    assert code == 1
    assert not output.exists()
    assert stdout == ""
    assert f"{draft}: not ready to send: {len(blocking)} errors block this letter" in err
    listed = [line.strip() for line in err.splitlines() if line.startswith("  error ")]
    assert len(listed) == len(blocking) == len(BLANK_REQUIRED)
    for finding in blocking:
        assert any(
            line.startswith(f"error {finding['rule']}:") and finding["message"] in line for line in listed
        ), finding
    assert '--override "REASON"' in err


def _rrsp(change: Callable[[Draft], None]) -> Callable[[], Draft]:
    def make() -> Draft:
        draft = load_draft(RRSP)
        change(draft)
        return draft

    return make


def _past_follow_up(draft: Draft) -> None:
    draft.follow_up.mode = FollowUpMode.DATE
    draft.follow_up.date = dt.date.today() - dt.timedelta(days=3)


AGREEMENT = {
    "blank": (Draft, "required-field"),
    "rrsp": (_rrsp(lambda d: None), None),
    "unknown-merge-field": (
        _rrsp(lambda d: setattr(d, "opening", d.opening + " {{ nonsense }}")),
        "placeholder",
    ),
    "dated-10-days-ago": (
        _rrsp(lambda d: setattr(d, "letter_date", dt.date.today() - dt.timedelta(days=10))),
        "letter-date",
    ),
    "follow-up-date-passed": (_rrsp(_past_follow_up), "follow-up-date"),
    "no-what-happened": (_rrsp(lambda d: setattr(d.incident, "what", "")), "required-field"),
}


@pytest.mark.parametrize("case", AGREEMENT)
def test_check_and_render_agree(tmp_path, capsys, case):
    make, rule = AGREEMENT[case]
    draft = saved(tmp_path, f"{case}.amends", make())
    check_code, out, _ = run(capsys, "check", draft)
    output = tmp_path / "letter.txt"
    render_code, _, err = run(capsys, "render", draft, "-o", output)
    assert check_code == render_code == (1 if rule else 0)
    assert output.exists() is (rule is None)
    if rule:
        assert f" error {rule} " in out
        assert f"  error {rule}: " in err
    else:
        assert " error " not in out and err == ""


# --- 2. --override: written anyway, and the reason recorded in the file --------------------------


def test_override_writes_the_blank_draft_and_records_the_reason_in_each_format(tmp_path, capsys):
    draft = blank_draft(tmp_path)
    outputs = {suffix: tmp_path / f"letter.{suffix}" for suffix in ("docx", "eml", "html")}
    for output in outputs.values():
        code, _, err = run(capsys, "render", draft, "-o", output, "--override", "test print")
        assert code == 0
        assert f"written despite {len(BLANK_REQUIRED)} error(s); override: test print" in err
    assert docx.Document(outputs["docx"]).core_properties.comments == "Written despite errors: test print"
    message, body = eml_text(outputs["eml"])
    assert message["X-Amends-Override"] == "test print"
    assert '<meta name="amends-override" content="test print">' in body
    html = outputs["html"].read_text(encoding="utf-8")
    assert '<meta name="amends-override" content="test print">' in html


def test_an_override_reason_is_kept_on_one_line(tmp_path, capsys):
    output = tmp_path / "letter.eml"
    code, _, _ = run(capsys, "render", blank_draft(tmp_path), "-o", output, "--override", " test\n  print ")
    assert code == 0
    message, _ = eml_text(output)
    assert message["X-Amends-Override"] == "test print"


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"])
def test_an_override_with_no_words_is_no_override(tmp_path, capsys, reason):
    output = tmp_path / "letter.docx"
    code, _, err = run(capsys, "render", blank_draft(tmp_path), "-o", output, "--override", reason)
    assert code == 1
    assert not output.exists()
    assert "not ready to send" in err and "written despite" not in err


def test_a_ready_letter_records_no_override(tmp_path, capsys):
    output = tmp_path / "letter.docx"
    code, _, err = run(capsys, "render", RRSP, "-o", output, "--override", "just in case")
    assert code == 0 and err == ""
    assert docx.Document(output).core_properties.comments == ""


# --- 3. merge fields: each recipient's own values, in every output, never a template --------------


def _expected_openings(rows: list[dict[str, str]]) -> dict[str, str]:
    """By account: the opening each recipient's letter must print."""
    return {
        row["account"]: f"Hi {row['first_name']}, you signed up through our {row['signup_source']}."
        for row in rows
    }


@pytest.mark.parametrize("kind", ["docx", "docx-each", "eml", "csv"])
def test_merge_fields_print_each_recipients_own_values_in_every_output(tmp_path, capsys, kind):
    rows = list_rows()
    assert len(rows) == 36
    expected = _expected_openings(rows)
    draft = notice_with(tmp_path, MERGED_OPENING)
    suffix = {"docx": ".docx", "csv": ".csv"}.get(kind, "")
    out = tmp_path / f"out{suffix}"
    code, _, err = run(capsys, "merge", draft, LIST, "--to", kind, "-o", out, "--name-pattern", "{account}")
    assert code == 0, err
    assert "Wrote 36 letter(s)" in err
    if kind == "docx":
        text = docx_text(out)
        openings = [line for line in text.splitlines() if line.startswith("Hi ")]
        assert openings == list(expected.values())  # in the list's order, one per recipient
        assert "{{" not in text
    elif kind == "csv":
        uploaded = list_rows(out)
        assert len(uploaded) == 36
        for row, account in zip(uploaded, expected, strict=True):
            assert expected[account] in row["text_body"]
            assert f"<p>{expected[account]}</p>" in row["html_body"]
        assert "{{" not in out.read_text(encoding="utf-8")
    else:
        for account, opening in expected.items():
            if kind == "eml":
                _, text = eml_text(out / f"{account}.eml")
            else:
                text = docx_text(out / f"{account}.docx")
            assert opening in text, account
            assert "{{" not in text, account


def test_render_an_individual_letter_with_a_merge_field(tmp_path, capsys):
    draft = load_draft(RRSP)
    draft.opening = "{{ first_name }}, thank you for telling me what happened."
    path = saved(tmp_path, "rrsp.amends", draft)
    output = tmp_path / "letter.txt"
    code, _, err = run(capsys, "render", path, "-o", output)
    assert code == 0, err
    text = output.read_text(encoding="utf-8")
    assert "Danielle, thank you for telling me what happened." in text
    assert "{{" not in text
    assert load_draft(path).opening == draft.opening  # the writer's text is left as typed


def test_a_fallback_prints_for_a_recipient_whose_cell_is_empty(tmp_path, capsys):
    draft = notice_with(tmp_path, 'Hi {{ first_name | default("customer") }}, thank you.')
    people = write_list(
        tmp_path,
        [
            {"first_name": "", "last_name": "Lovelace", "email": "ada@example.com"},
            {"first_name": "Bob", "last_name": "Brown", "email": "bob@example.com"},
        ],
    )
    out = tmp_path / "upload.csv"
    code, _, err = run(capsys, "merge", draft, people, "--to", "csv", "-o", out)
    assert code == 0, err
    bodies = {row["email"]: row["text_body"] for row in list_rows(out)}
    assert "Hi customer, thank you." in bodies["ada@example.com"]
    assert "Hi Lovelace" not in bodies["ada@example.com"]
    assert "Hi Bob, thank you." in bodies["bob@example.com"]


@pytest.mark.parametrize("kind", ["csv", "docx-each"])
def test_a_cell_holding_template_code_prints_as_written(tmp_path, capsys, kind):
    rows = list_rows()[:2]
    rows[0]["signup_source"] = "{{ 7*7 }}"
    people = write_list(tmp_path, rows)
    draft = notice_with(tmp_path, MERGED_OPENING)
    out = tmp_path / ("upload.csv" if kind == "csv" else "letters")
    code, _, err = run(capsys, "merge", draft, people, "--to", kind, "-o", out, "--name-pattern", "{account}")
    assert code == 0, err
    text = list_rows(out)[0]["text_body"] if kind == "csv" else docx_text(out / f"{rows[0]['account']}.docx")
    assert f"Hi {rows[0]['first_name']}, you signed up through our {{{{ 7*7 }}}}." in text
    assert "49" not in text


def test_a_first_name_merge_field_works_with_a_list_of_full_names(tmp_path, capsys):
    draft = notice_with(tmp_path, "Hi {{ first_name }}, thank you.")
    people = write_list(tmp_path, [{"Name": "Ada Lovelace", "Email": "ada@example.com"}])
    out = tmp_path / "upload.csv"
    code, _, err = run(capsys, "merge", draft, people, "--to", "csv", "-o", out)
    assert code == 0, err
    assert "Hi Ada, thank you." in list_rows(out)[0]["text_body"]


# --- 4. a merge field naming no column, or an empty cell -----------------------------------------


@pytest.mark.parametrize("kind", ["docx", "docx-each", "pdf", "pdf-each", "eml", "csv"])
def test_an_unknown_merge_field_blocks_the_merge_and_writes_nothing(tmp_path, capsys, kind):
    draft = notice_with(tmp_path, "Hi {{ first_name }}, you signed up through our {{ signup_sorce }}.")
    before = files_under(tmp_path)
    out = tmp_path / "out"
    code, _, err = run(capsys, "merge", draft, LIST, "--to", kind, "-o", out)
    assert code == 1
    assert "  error placeholder: ‘Opening’: {{ signup_sorce }} names no column of the recipient list" in err
    assert "cannot merge over this list" not in err  # the draft is wrong, not the list
    assert files_under(tmp_path) == before


def test_an_override_lets_an_unknown_merge_field_through_and_says_so(tmp_path, capsys):
    draft = notice_with(tmp_path, "Hi {{ first_name }}, you signed up through our {{ signup_sorce }}.")
    out = tmp_path / "mail"
    reason = "approved by legal, the field is fixed by hand"
    code, _, err = run(capsys, "merge", draft, LIST, "--to", "eml", "-o", out, "--override", reason)
    assert code == 0, err
    assert f"written despite 1 error(s); override: {reason}" in err
    manifest = manifest_rows(out, "manifest-*.csv")
    assert len(manifest) == 36
    assert {row["override"] for row in manifest} == {reason}
    message, text = eml_text(out / manifest[0]["output"])
    assert message["X-Amends-Override"] == reason
    assert "{{ signup_sorce }}" in text  # an override sends the letter as it stands


def test_an_overridden_print_file_says_so_in_its_comments(tmp_path, capsys):
    draft = notice_with(tmp_path, "Hi {{ signup_sorce }}.")
    out = tmp_path / "print.docx"
    code, _, err = run(
        capsys, "merge", draft, LIST, "--to", "docx", "-o", out, "--override", "proof for legal"
    )
    assert code == 0, err
    assert docx.Document(out).core_properties.comments == "Written despite errors: proof for legal"


def test_an_overridden_pdf_print_file_says_so_in_its_keywords(tmp_path, capsys):
    draft = notice_with(tmp_path, "Hi {{ signup_sorce }}.")
    out = tmp_path / "print.pdf"
    reason = "proof for legal"
    code, _, err = run(capsys, "merge", draft, LIST, "--to", "pdf", "-o", out, "--override", reason)
    assert code == 0, err
    assert pdf_info(out)["Keywords"] == "Written despite errors: proof for legal"
    assert {row["override"] for row in manifest_rows(tmp_path, "print-manifest-*.csv")} == {"proof for legal"}


def test_an_override_of_spaces_does_not_let_a_merge_through(tmp_path, capsys):
    draft = notice_with(tmp_path, "Hi {{ signup_sorce }}.")
    before = files_under(tmp_path)
    out = tmp_path / "x.docx"
    code, _, err = run(capsys, "merge", draft, LIST, "--to", "docx", "-o", out, "--override", " ")
    assert code == 1 and "error placeholder" in err
    assert files_under(tmp_path) == before


def test_an_empty_merge_field_cell_is_an_error_in_that_row(tmp_path, capsys):
    rows = list_rows()[:3]
    rows[1]["signup_source"] = ""
    people = write_list(tmp_path, rows)
    draft = notice_with(tmp_path, MERGED_OPENING)
    before = files_under(tmp_path)
    out = tmp_path / "print.docx"

    code, _, err = run(capsys, "merge", draft, people, "--to", "docx", "-o", out)
    assert code == 1
    assert "3 row(s): 2 ready, 1 with errors" in err
    assert "row 3, signup_source: error: no value for Signup source (recipient.extra.signup_source)" in err
    assert files_under(tmp_path) == before

    code, _, err = run(capsys, "merge", draft, people, "--to", "docx", "-o", out, "--skip-invalid")
    assert code == 0, err
    text = docx_text(out)
    assert [line for line in text.splitlines() if line.startswith("Hi ")] == [
        f"Hi {rows[0]['first_name']}, you signed up through our {rows[0]['signup_source']}.",
        f"Hi {rows[2]['first_name']}, you signed up through our {rows[2]['signup_source']}.",
    ]
    manifest = {row["row"]: row for row in manifest_rows(tmp_path, "print-manifest-*.csv")}
    assert manifest["3"]["status"] == "skipped"
    assert "recipient.extra.signup_source" in manifest["3"]["reason"]
    assert manifest["2"]["status"] == manifest["4"]["status"] == "written"


def test_a_run_with_every_row_skipped_writes_nothing(tmp_path, capsys):
    rows = list_rows()[:2]
    for row in rows:
        row["email"] = "not-an-address"
    people = write_list(tmp_path, rows)
    before = files_under(tmp_path)
    code, _, err = run(
        capsys, "merge", NOTICE, people, "--to", "csv", "-o", tmp_path / "up.csv", "--skip-invalid"
    )
    assert code == 1
    assert "there is no letter to write; nothing was written" in err
    assert files_under(tmp_path) == before


# --- 5. lists no letter can come from ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["docx", "docx-each", "eml", "csv"])
@pytest.mark.parametrize("opening", ["", MERGED_OPENING])
def test_a_header_only_list_stops_every_kind_of_merge(tmp_path, capsys, kind, opening):
    draft = notice_with(tmp_path, opening)
    header_only = tmp_path / "empty.csv"
    header_only.write_text(LIST.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    before = files_under(tmp_path)
    code, _, err = run(capsys, "merge", draft, header_only, "--to", kind, "-o", tmp_path / "out")
    assert code == 1
    assert "empty.csv: cannot merge over this list: there are no recipients below the header" in err
    assert "Wrote" not in err
    assert files_under(tmp_path) == before


def test_a_header_only_list_leaves_an_existing_output_folder_empty(tmp_path, capsys):
    header_only = tmp_path / "empty.csv"
    header_only.write_text("first_name,last_name,email\n", encoding="utf-8")
    out = tmp_path / "letters"
    out.mkdir()
    code, _, err = run(capsys, "merge", NOTICE, header_only, "--to", "docx-each", "-o", out)
    assert code == 1 and "no recipients" in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("kind", ["eml", "csv"])
def test_an_email_output_needs_an_email_column(tmp_path, capsys, kind):
    people = write_list(tmp_path, [{"first_name": "Ada", "last_name": "Lovelace", "account": "A-1"}])
    before = files_under(tmp_path)
    code, _, err = run(capsys, "merge", NOTICE, people, "--to", kind, "-o", tmp_path / "out")
    assert code == 1
    assert "cannot merge over this list:" in err
    assert "recipient.email, but no column supplies it" in err
    assert files_under(tmp_path) == before


def test_a_print_run_needs_no_email_column(tmp_path, capsys):
    people = write_list(tmp_path, [{"first_name": "Ada", "last_name": "Lovelace", "account": "A-1"}])
    out = tmp_path / "print.docx"
    code, _, err = run(capsys, "merge", NOTICE, people, "--to", "docx", "-o", out)
    assert code == 0, err
    assert "Dear Ada Lovelace," in docx_text(out)
