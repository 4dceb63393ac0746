"""E-mail merges over hostile and internationalised addresses: every draft goes to exactly
its one intended address, or the run stops before writing, saying which row or field."""

from __future__ import annotations

import csv
import email
import email.policy
from pathlib import Path

import pytest

from desktop import paths
from desktop.cli import main
from desktop.core.draft_file import load_draft, save_draft
from desktop.core.merge import MergeRequest, OutputKind, run_merge
from desktop.core.merge.checks import required_row_fields, sender_problem
from desktop.core.merge_fields import draft_uses
from desktop.core.recipients import map_columns, read_recipients, validate
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.email import AddressError

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
NOTICE = paths.examples_dir() / "renewal-email.amends"
MIXED = (
    "first_name,last_name,email,account\n"
    "Ada,Lovelace,ada@example.com,A-1\n"
    'Eve,Evans,"eve@example.com, mallory@example.net",A-2\n'  # row 3
    "Zoë,Bell,zoë@exämple.de,A-3\n"
    "Uma,Okafor,uma@exämple.de,A-4\n"
    'Ann,Lee,"Ann Lee <ann@example.com>",A-5\n'  # row 6
    "Wei,Li,用户@例子.广告,A-6\n"
)
INTENDED = {
    "Ada Lovelace": "ada@example.com",
    "Zoë Bell": "zoë@xn--exmple-cua.de",
    "Uma Okafor": "uma@xn--exmple-cua.de",
    "Wei Li": "用户@xn--fsqu00a.xn--4rr70v",
}


@pytest.fixture
def mixed(tmp_path) -> Path:
    path = tmp_path / "list.csv"
    path.write_text(MIXED, encoding="utf-8")
    return path


def addressed_to(path: Path) -> list[str]:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message.get_body(("plain",)).get_content().startswith("Dear ")
    return [a.addr_spec.encode("ascii", "surrogateescape").decode("utf-8") for a in message["To"].addresses]


def checked_request(list_path: Path, kind: OutputKind, output: Path, draft=None) -> MergeRequest:
    """A run as the front ends make one: the list validated for this output, its errors left out."""
    draft = draft or load_draft(NOTICE)
    table = read_recipients(list_path)
    mapping = map_columns(table.columns)
    template = CATALOGUE.get(draft.template)
    needs = required_row_fields(template.requires, kind, draft_uses(draft), mapping.merge_names)
    report = validate(table, mapping, required=needs)
    return MergeRequest(
        draft, CATALOGUE, table, kind, output, mapping=mapping, skip_rows=report.error_rows(), report=report
    )


def test_an_email_merge_over_mixed_addresses_completes_each_to_its_one_address(tmp_path, mixed):
    result = run_merge(checked_request(mixed, OutputKind.EML, tmp_path / "mail"))
    assert (result.written, result.skipped) == (4, 2)
    drafts = {p.stem: addressed_to(p) for p in (tmp_path / "mail").glob("*.eml")}
    assert drafts == {name: [address] for name, address in INTENDED.items()}
    with result.manifest.open(encoding="utf-8", newline="") as handle:
        skipped = {row["row"]: row["reason"] for row in csv.DictReader(handle) if row["status"] == "skipped"}
    assert "holds 2 addresses" in skipped["3"] and "without a name or angle brackets" in skipped["6"]


def test_a_run_that_skipped_validation_stops_at_the_row_and_leaves_no_draft(tmp_path, mixed):
    out = tmp_path / "mail"
    table = read_recipients(mixed)
    with pytest.raises(AddressError, match=r"row 3, recipient.email: .*holds 2 addresses"):
        run_merge(MergeRequest(load_draft(NOTICE), CATALOGUE, table, OutputKind.EML, out))
    assert not list(out.glob("*.eml"))


def test_a_mail_platform_csv_refuses_a_cell_with_two_addresses_too(tmp_path, mixed):
    out = tmp_path / "upload.csv"
    table = read_recipients(mixed)
    with pytest.raises(AddressError, match="row 3"):
        run_merge(MergeRequest(load_draft(NOTICE), CATALOGUE, table, OutputKind.CSV, out))
    assert not out.exists()
    result = run_merge(checked_request(mixed, OutputKind.CSV, out))
    with out.open(encoding="utf-8", newline="") as handle:
        assert [row["email"] for row in csv.DictReader(handle)] == [
            "ada@example.com",
            "zoë@exämple.de",
            "uma@exämple.de",
            "用户@例子.广告",
        ]
    assert result.written == 4


def test_a_sender_that_is_not_one_address_stops_an_email_run_before_any_file(tmp_path, mixed):
    draft = load_draft(NOTICE)
    draft.sender.email = "hello@driftwood.example, spoof@example.net"
    assert "sender.email" in sender_problem(draft.sender.email, OutputKind.EML)
    assert sender_problem(draft.sender.email, OutputKind.DOCX) is None  # a printed letter has no From
    out = tmp_path / "mail"
    with pytest.raises(AddressError, match=r"sender\.email"):
        run_merge(checked_request(mixed, OutputKind.EML, out, draft))
    assert not list(out.glob("*.eml"))


def test_amends_merge_writes_internationalised_addresses(tmp_path, mixed, capsys):
    out = tmp_path / "mail"
    args = ["merge", str(NOTICE), str(mixed), "--to", "eml", "-o", str(out), "--skip-invalid"]
    assert main(args) == 0
    drafts = {p.stem: addressed_to(p) for p in out.glob("*.eml")}
    assert drafts == {name: [address] for name, address in INTENDED.items()}
    err = capsys.readouterr().err
    assert "row 3, email: error: 'eve@example.com, mallory@example.net' is not a valid e-mail address" in err


def test_amends_merge_refuses_a_sender_with_two_addresses_in_one_line(tmp_path, mixed, capsys):
    draft = load_draft(NOTICE)
    draft.sender.email = "hello@driftwood.example,spoof@example.net"
    saved = tmp_path / "notice.amends"
    save_draft(draft, saved)
    out = tmp_path / "mail"
    assert main(["merge", str(saved), str(mixed), "--to", "eml", "-o", str(out), "--skip-invalid"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()  # one line, not a traceback
    assert line.startswith("amends: ") and "notice.amends" in line and "sender.email" in line
    assert not out.exists() or not list(out.glob("*.eml"))


def _draft_addressed_to(tmp_path: Path, address: str) -> Path:
    draft = load_draft(paths.examples_dir() / "double-charge.amends")
    draft.recipient.email = address
    target = tmp_path / "letter.amends"
    save_draft(draft, target)
    return target


def test_render_to_eml_refuses_two_addresses_in_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "letter.eml"
    draft = _draft_addressed_to(tmp_path, "d@example.com, attacker@example.net")
    code = main(["render", str(draft), "--to", "eml", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.startswith("amends: ") and "recipient.email" in err and "2 addresses" in err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err


def test_render_to_eml_writes_an_international_address_the_way_mail_reads_it(tmp_path):
    out = tmp_path / "letter.eml"
    assert (
        main(["render", str(_draft_addressed_to(tmp_path, "zoë@exämple.de")), "--to", "eml", "-o", str(out)])
        == 0
    )
    # UTF-8 headers (RFC 6532): the stdlib's bytes parser would leave them undecoded
    message = email.message_from_string(out.read_bytes().decode("utf-8"), policy=email.policy.SMTPUTF8)
    assert [a.addr_spec for a in message["To"].addresses] == ["zoë@xn--exmple-cua.de"]
