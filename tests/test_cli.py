"""The `amends` command as a user or a script meets it: output files, messages, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
import sys

import docx
import pytest

from desktop import __version__, paths
from desktop.cli import main
from desktop.core.context import letter_facts
from desktop.core.draft_file import load_draft, save_draft
from desktop.core.formatting import full_date
from tests.core.conftest import sendable_clinic_draft
from tests.helpers.images import png
from tests.helpers.readback import docx_paragraphs

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"


def run(*argv: str) -> int:
    return main([str(a) for a in argv])


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        run("--version")
    assert done.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Amends {__version__}"
    assert lines[1].split(", ")[0] in ("Source checkout", "Installed package", "Application bundle")
    assert lines[2].startswith(f"Python {platform.python_version()}, Qt 6.")


def test_templates_lists_each_builtin_template(capsys):
    assert run("templates") == 0
    out = capsys.readouterr().out
    for template_id in ("formal-letter", "renewal-notice", "open-letter", "outage-notice", "billing-error"):
        assert template_id in out
    assert "individual" in out and "notice" in out


def test_templates_reports_a_broken_user_template_and_lists_the_rest(tmp_path, capsys):
    (tmp_path / "mine.j2").write_text("{#-\nname = \n-#}\n<p>x</p>", encoding="utf-8")
    assert run("--template-dir", tmp_path, "templates") == 1
    captured = capsys.readouterr()
    assert "formal-letter" in captured.out
    assert f"{tmp_path / 'mine.j2'}:" in captured.err and "not valid TOML" in captured.err


def test_render_the_rrsp_example_to_docx(tmp_path):
    out = tmp_path / "x.docx"
    assert run("render", RRSP, "--to", "docx", "-o", out) == 0
    text = "\n".join(docx_paragraphs(out.read_bytes()))  # the sign-off is in a table row
    draft = load_draft(RRSP)
    facts = letter_facts(draft)
    assert draft.recipient.name in text
    assert draft.incident.what.split(".")[0] in text
    assert draft.fixed.split(".")[0] in text
    assert full_date(facts.follow_up_date, draft.locale) in text


@pytest.mark.parametrize(("suffix", "marker"), [("html", "<!DOCTYPE html>"), ("txt", "Dear ")])
def test_render_picks_the_format_from_the_suffix(tmp_path, suffix, marker):
    out = tmp_path / f"letter.{suffix}"
    assert run("render", RRSP, "-o", out) == 0
    assert marker in out.read_text(encoding="utf-8")


def test_render_to_stdout_with_another_template(tmp_path, capsys):
    path = tmp_path / "clinic.amends"
    save_draft(sendable_clinic_draft(), path)
    assert run("render", path, "-t", "billing-error", "--to", "txt", "-o", "-") == 0
    assert "Dear Mr Adebayo," in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "missing.amends", "-o", "x.txt"], "missing.amends: cannot read the file"),
        (["render", "{draft}", "-o", "x.odt"], "cannot tell the format from 'x.odt'"),
        (["render", "{draft}", "-t", "nope", "-o", "x.txt"], "no template called 'nope'"),
        (["render", "{draft}", "--to", "docx", "-o", "-"], "DOCX cannot go to standard output"),
        (["render", "{draft}", "-o", "{tmp}/no/such/dir/x.txt"], "no such folder"),
        (["render", "{broken}", "-o", "x.txt"], "recipient.name (Name): must be text"),
    ],
)
def test_user_mistakes_give_one_line_and_exit_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "ok.amends"
    save_draft(sendable_clinic_draft(), draft)
    broken = tmp_path / "broken.amends"
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["recipient"]["name"] = ["Tunde"]
    broken.write_text(json.dumps(data), encoding="utf-8")
    empty = tmp_path / "empty.amends"
    blank = sendable_clinic_draft()
    blank.recipient.name = blank.incident.summary = ""
    save_draft(blank, empty)
    argv = [a.format(draft=draft, broken=broken, empty=empty, tmp=tmp_path) for a in args]
    assert run(*argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("amends: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_draft_that_is_not_there_does_not_open_a_window(capsys):
    assert run("no-such-draft.amends") == 2
    assert "no such draft file" in capsys.readouterr().err


def test_the_installed_command_runs_without_qt_for_tools():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from desktop.cli import main; main(['templates']);print('PySide6' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().endswith("False")


def test_render_output_is_stable_from_run_to_run_and_dated_today(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    assert run("render", RRSP, "-o", first) == 0
    assert run("render", RRSP, "-o", second) == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert full_date(dt.date.today(), "en_CA").split(", ", 1)[1] in first.read_text(encoding="utf-8")


def test_render_with_page_size_margins_and_logo(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(300, 90))
    out = tmp_path / "letter.docx"
    assert run("render", RRSP, "-o", out, "--page-size", "A4", "--margins", "18", "--logo", logo) == 0
    document = docx.Document(out)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 18
    assert len(document.inline_shapes) == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--logo", "missing.png"], "no such logo file"),
        (["--margins", "wide"], "give millimetres"),
        (["--margins", "10,10"], "one value or four"),
        (["--margins", "200"], "between 0 and 80 mm"),
    ],
)
def test_bad_page_options_are_one_line(tmp_path, monkeypatch, capsys, options, message):
    monkeypatch.chdir(tmp_path)
    assert run("render", RRSP, "-o", "x.docx", *options) == 2
    assert message in capsys.readouterr().err


def test_render_an_email_draft(tmp_path):
    import email
    import email.policy

    out = tmp_path / "letter.eml"
    assert run("render", RRSP, "-o", out) == 0
    message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    draft = load_draft(RRSP)
    assert message["To"].addresses[0].addr_spec == draft.recipient.email
    assert message["From"].addresses[0].addr_spec == draft.sender.email
    assert message["Subject"] == "My mistake with the restart of your RRSP withdrawal"
