"""`amends check`: output formats, exit statuses, stdin, drafts and rule files, run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.draft_file import save_draft
from desktop.core.model import Draft, FollowUp, FollowUpMode, Incident, Recipient, Sender

CLEAN = (
    "Dear Ms Kay,\n\nI'm sorry we charged you twice for your May bill. I ran the payment file two times by "
    "mistake. I have refunded the second payment, and we now check the file for duplicates before it goes "
    "out. I will call you by Friday to confirm the refund has arrived. You can reach me on 0113 555 0101.\n\n"
    "Yours sincerely,\nLena Ortiz\n"
)
BLOCKING = "Dear Ms Kay,\n\nWe are sorry if you were inconvenienced.\n"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", "--no-user-rules", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clean_letter_prints_nothing_and_exits_0(tmp_path: Path, capsys) -> None:
    assert _run(capsys, str(_file(tmp_path, "ok.txt", CLEAN))) == (0, "", "")


def test_text_output_reads_like_a_compiler(tmp_path: Path, capsys) -> None:
    path = _file(tmp_path, "bad.txt", BLOCKING)
    code, out, _ = _run(capsys, str(path))
    assert code == 1
    line = next(row for row in out.splitlines() if "conditional-apology" in row)
    assert line.startswith(f"{path}:3:8: error conditional-apology ")


def test_warnings_alone_exit_0(tmp_path: Path, capsys) -> None:
    path = _file(
        tmp_path,
        "warn.txt",
        CLEAN.replace("I'm sorry we charged", "We apologise for any inconvenience. We charged"),
    )
    code, out, _ = _run(capsys, str(path))
    assert code == 0 and "warning generic-apology" in out


def test_json_output_has_one_entry_per_path(tmp_path: Path, capsys) -> None:
    good, bad = _file(tmp_path, "ok.txt", CLEAN), _file(tmp_path, "bad.txt", BLOCKING)
    code, out, _ = _run(capsys, "--format", "json", str(good), str(bad))
    report = json.loads(out)
    assert code == 1
    assert [entry["path"] for entry in report] == [str(good), str(bad)]
    assert report[0]["findings"] == []
    finding = next(f for f in report[1]["findings"] if f["rule"] == "conditional-apology")
    assert {"rule", "severity", "message", "start", "end", "line", "column", "suggestion"} <= set(finding)
    assert (finding["severity"], finding["line"], finding["column"]) == ("error", 3, 8)
    assert BLOCKING[finding["start"] : finding["end"]] == "sorry if"
    assert finding["suggestion"] == "I'm sorry that"


def test_kind_notice_adds_the_notice_rules(tmp_path: Path, capsys) -> None:
    path = str(_file(tmp_path, "ok.txt", CLEAN))
    _, out, _ = _run(capsys, "--kind", "notice", "--format", "json", path)
    assert {"missing-impact", "missing-action"} <= {f["rule"] for f in json.loads(out)[0]["findings"]}


def test_dash_reads_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(BLOCKING))
    code, out, _ = _run(capsys, "--format", "json", "-")
    assert code == 1 and json.loads(out)[0]["path"] == "-"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.txt"], "missing.txt: no such file"),
        (["--rules", "nope.toml", "x.txt"], "nope.toml: no such rule file"),
    ],
)
def test_usage_errors_exit_2_with_one_line(tmp_path: Path, monkeypatch, capsys, argv, message) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [f"amends: {message}"]


def test_a_folder_or_a_binary_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert _run(capsys, str(tmp_path))[0] == 2
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    code, _, err = _run(capsys, str(binary))
    assert code == 2 and "not UTF-8" in err


def test_a_broken_rule_file_is_a_usage_error_naming_its_line(tmp_path: Path, capsys) -> None:
    rules = _file(tmp_path, "team.toml", '[override.minimizing]\nseverity = "loud"\n')
    code, _, err = _run(capsys, "--rules", str(rules), str(_file(tmp_path, "ok.txt", CLEAN)))
    assert code == 2 and f"{rules}:2: severity must be" in err


def test_a_team_rule_file_changes_the_outcome(tmp_path: Path, capsys) -> None:
    rules = _file(tmp_path, "team.toml", '[override.generic-apology]\nseverity = "error"\n')
    path = _file(tmp_path, "warn.txt", "We apologise for any inconvenience.")
    assert _run(capsys, "--rules", str(rules), str(path))[0] == 1


def test_user_rule_folder_is_read_unless_told_not_to(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "rules").mkdir()
    _file(tmp_path / "rules", "mine.toml", '[override.generic-apology]\nseverity = "error"\n')
    monkeypatch.setattr("desktop.paths.user_data_dir", lambda: tmp_path)
    path = str(_file(tmp_path, "warn.txt", "We apologise for any inconvenience."))
    assert main(["check", path]) == 1
    assert main(["check", "--no-user-rules", path]) == 0
    capsys.readouterr()


def _draft(tmp_path: Path, **fields) -> Path:
    draft = Draft(
        recipient=Recipient(name="Ada Byrne"),
        incident=Incident(
            summary="your broadband bill", what="Our courier lost your router.", category="billing"
        ),
        fixed="I have sent a new router.",
        follow_up=FollowUp(mode=FollowUpMode.BUSINESS_DAYS, business_days=2),
        sender=Sender(name="Kit Moss", contact="Reply to this letter."),
        **fields,
    )
    path = tmp_path / "letter.amends"
    save_draft(draft, path)
    return path


def test_a_draft_is_checked_field_by_field(tmp_path: Path, capsys) -> None:
    path = _draft(tmp_path)
    code, out, _ = _run(capsys, "--format", "json", str(path))
    findings = json.loads(out)[0]["findings"]
    blame = next(f for f in findings if f["rule"] == "blame-third-party")
    assert (blame["field"], blame["start"], blame["line"], blame["column"]) == ("incident.what", 0, 1, 1)
    assert code == 1
    _, text, _ = _run(capsys, str(path))
    assert f"{path}:1:1: error blame-third-party [incident.what] " in text


def test_accepted_findings_kept_in_the_draft_stop_blocking(tmp_path: Path, capsys) -> None:
    path = _draft(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["accepted_findings"] = {"blame-third-party": "the courier's own report confirms it"}
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = _run(capsys, str(path))
    assert "(accepted: the courier's own report confirms it)" in out
    assert code == 0
