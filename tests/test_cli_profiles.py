"""Compliance profiles from the command line: `amends profiles`, `check` under a draft's own
profiles or `--profile`, and `merge` holding back each row its reader's law finds fault with."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from desktop import paths
from desktop.cli import main
from tests.core.profiles.conftest import SHIPPED

BREACH = paths.examples_dir() / "breach-notice.amends"
BREACH_LIST = paths.examples_dir() / "breach-notice-recipients.csv"
FINAL = paths.examples_dir() / "rrsp-final-response.amends"
TEMPLATE = paths.builtin_templates_dir() / "breach-notice.j2"


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def findings(capsys, *argv: object) -> tuple[int, list[dict]]:
    capsys.readouterr()
    status = run("check", "--format", "json", "--no-settings", *argv)
    return status, json.loads(capsys.readouterr().out)[0]["findings"]


def edited(tmp_path: Path, source: Path, change) -> Path:
    draft = json.loads(source.read_text(encoding="utf-8"))
    change(draft)
    path = tmp_path / source.name
    path.write_text(json.dumps(draft), encoding="utf-8")
    return path


def test_profiles_lists_each_with_where_it_applies_and_its_source(capsys):
    assert run("profiles", "--no-settings") == 0
    out = capsys.readouterr().out
    for profile_id in SHIPPED:
        assert f"\n{profile_id} " in f"\n{out}"
    assert "applies to: US; only when asked for" in out  # HIPAA: a covered entity says so
    assert "source: Cal. Civ. Code §1798.82" in out


def test_the_examples_pass_their_profiles_with_the_deadline_said(capsys):
    status, found = findings(capsys, BREACH)
    assert status == 0 and not [f for f in found if f["severity"] != "info"]
    (deadline,) = [f for f in found if f["rule"] == "profile-deadline"]
    assert "30 calendar days from discovery" in deadline["message"] and "due " in deadline["message"]
    status, found = findings(capsys, FINAL)
    assert status == 0 and [f["rule"] for f in found if f["severity"] != "info"] == []
    assert any("56 days from the complaint" in f["message"] for f in found)


def test_a_gdpr_breach_notice_without_its_contact_point_fails_naming_it(tmp_path, capsys):
    def to_britain_without_contact(draft: dict) -> None:
        draft["jurisdiction"] = "GB"
        draft["sender"]["contact"] = ""

    status, found = findings(capsys, edited(tmp_path, BREACH, to_britain_without_contact))
    assert status == 1
    (missing,) = [f for f in found if f["rule"] == "profile-element"]
    assert missing["message"].startswith("GDPR Art. 34 breach notice: ")
    assert "contact" in missing["message"] and "Art. 33(3)(b)" in missing["message"]

    def accepted_with_a_reason(draft: dict) -> None:
        to_britain_without_contact(draft)
        draft["accepted_findings"] = {missing["key"]: "the DPO's details are on the enclosed sheet"}

    _status, found = findings(capsys, edited(tmp_path, BREACH, accepted_with_a_reason))
    (kept,) = [f for f in found if f["rule"] == "profile-element"]
    assert kept["accepted"] == "the DPO's details are on the enclosed sheet"  # that check alone
    blocking = {f["rule"] for f in found if f["severity"] == "error" and "accepted" not in f}
    assert blocking == {"required-field"}  # the template still needs the field itself


def test_check_profile_holds_plain_text_to_a_profile_and_refuses_an_unknown_one(tmp_path, capsys):
    letter = tmp_path / "final.txt"
    letter.write_text(
        "We have decided not to uphold your complaint, for the reasons below.\n"
        "You can refer your complaint to the Financial Ombudsman Service, at no cost, within six months.\n",
        encoding="utf-8",
    )
    status, found = findings(capsys, "--profile", "uk-fca-final-response", letter)
    assert status == 1
    assert "profile-wording" in {f["rule"] for f in found}  # the Annex 3R words, reworded
    capsys.readouterr()
    assert run("check", "--no-settings", "--profile", "no-such-law", letter) == 2
    assert "no-such-law" in capsys.readouterr().err


def test_merge_holds_back_the_rows_whose_law_the_letter_breaks(tmp_path, capsys):
    """One letter California-style for every reader: Massachusetts residents may not be told
    what happened or how many were affected, so their rows fail and the others pass."""
    folder = tmp_path / "templates"
    folder.mkdir()
    source = TEMPLATE.read_text(encoding="utf-8")
    (folder / "ca-everywhere.j2").write_text(
        source.replace("{% set place = jurisdiction | upper %}", '{% set place = "US-CA" %}'),
        encoding="utf-8",
    )
    draft = edited(tmp_path, BREACH, lambda d: d.update(template="ca-everywhere"))
    out = tmp_path / "notices.pdf"
    assert (
        run("--template-dir", folder, "merge", draft, BREACH_LIST, "--to", "pdf", "-o", out, "--no-settings")
        == 1
    )
    err = capsys.readouterr().err
    held = {
        line.split(":")[1].strip() for line in err.splitlines() if line.startswith("amends: row ")
    }  # any finding
    assert held == {"row 4 (US-MA)", "row 5 (US-MA)"}
    assert "no resident's right to obtain a police report" in err and not out.exists()
    # the forbidden content is advisory (a warning) until the statute's own text is read
    assert (
        "row 4 (US-MA): warning: Massachusetts breach notice (M.G.L. c.93H §3): the heading “What Happened?”"
        in err
    )

    assert run(
        "--template-dir", folder, "merge", draft, BREACH_LIST, "--to", "pdf", "-o", out, "--no-settings",
        "--skip-invalid",
    ) == 0  # fmt: skip
    (manifest,) = tmp_path.glob("notices-manifest-*.csv")
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = {row["row"]: row for row in csv.DictReader(handle)}
    assert [rows[r]["status"] for r in ("4", "5")] == ["skipped", "skipped"]
    assert rows["4"]["reason"].startswith("Massachusetts breach notice")
    assert sum(row["status"] == "written" for row in rows.values()) == 6


HOUSE_RULE = """
[profile]
id = "house-final-response"
name = "Northshore house rule for final responses"
letter_type = "final-response"
jurisdictions = ["CA"]
automatic = true
source = "Northshore Complaints Policy 4.2"
source_url = "https://intranet.example/complaints"
checked = 2026-12-01
verified = "Our own policy, read by the compliance team."

[[element]]
id = "case-number"
label = "the complaint's case number"
clause = "Policy 4.2(a)"
patterns = ['''\\bCMP-\\d{4}-\\d+\\b''']

[[example]]
name = "names its case"
passes = true
text = "Your complaint CMP-2026-11873 is closed."

[[example]]
name = "no case number"
passes = false
fails_on = ["case-number"]
text = "Your complaint is closed."
"""


def test_a_teams_own_profile_is_listed_checked_and_a_broken_one_named(tmp_path, capsys):
    team = tmp_path / "team"
    (team / "compliance").mkdir(parents=True)
    (team / "profile.toml").write_text('[company]\nname = "Northshore Savings & Trust"\n', "utf-8")
    (team / "compliance" / "house-final-response.toml").write_text(HOUSE_RULE, "utf-8")
    (team / "compliance" / "broken.toml").write_text('[profile]\nid = "broken"\nnmae = "typo"\n', "utf-8")
    settings = paths.user_data_dir() / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f'[team]\nprofile = "{team.as_posix()}"\n', "utf-8")

    assert run("profiles") == 1  # listed, and the broken file named
    captured = capsys.readouterr()
    assert "house-final-response" in captured.out and str(team / "compliance") in captured.out
    assert "broken.toml" in captured.err and "amends: skipped a profile:" in captured.err

    capsys.readouterr()
    assert run("check", "--format", "json", FINAL) == 0  # the example quotes its case number
    house = [f for f in json.loads(capsys.readouterr().out)[0]["findings"] if "Policy 4.2" in f["message"]]
    assert house == []
    without = edited(tmp_path, FINAL, lambda d: d["recipient"].update(reference="RRSP 4471-0923"))
    capsys.readouterr()
    assert run("check", "--format", "json", without) == 1
    (missing,) = [
        f for f in json.loads(capsys.readouterr().out)[0]["findings"] if "Policy 4.2" in f["message"]
    ]
    assert missing["message"].startswith("Northshore house rule for final responses: ")
    assert "case number" in missing["message"] and "(Policy 4.2(a))" in missing["message"]
