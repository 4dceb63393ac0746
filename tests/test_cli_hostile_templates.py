"""A hostile template in a --template-dir folder, as the command line meets it: one line
naming the template and the limit, never a traceback, never a hang, and the good templates
beside it still usable."""

from __future__ import annotations

import pytest

from desktop import paths
from desktop.cli import main
from desktop.core.draft_file import save_draft
from tests.core.conftest import sendable_clinic_draft

HEADER = '{#-\nname = "Shared"\nkind = "individual"\ndescription = "From the team folder."\n-#}\n'
NOTICE_LIST = paths.examples_dir() / "renewal-email-recipients.csv"

pytestmark = pytest.mark.timeout(60)

HOSTILE = {
    "loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "loops.j2:6: loops over range() went past 1,000,000 steps",
    ),
    "power": ("{{ 2 ** (2 ** 40) }}", "power.j2:6: 2 ** 1,099,511,627,776 is too large a number"),
    "range": ("{% for i in range(10**9) %}{% endfor %}", "range.j2:6: range() of 1,000,000,000 numbers"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion.j2:6: nests too deeply"),
    "repeat": ("{{ 'x' * 10**10 }}", "repeat.j2:6: repeating it 10,000,000,000 times"),
    "leak": ('{% include "link.j2" %}', "link.j2: is a symbolic link"),
}


@pytest.fixture
def team(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    for name, (body, _says) in HOSTILE.items():
        (folder / f"{name}.j2").write_text(f"{HEADER}<p>{body}</p>\n", encoding="utf-8")
    good = "<p>I am sorry about {{ incident.summary }}.</p>{{ draft.fixed | paragraphs }}"
    (folder / "good.j2").write_text(f"{HEADER}{good}\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for letters", encoding="utf-8")
    (folder / "link.j2").symlink_to(tmp_path / "secret.txt")
    return folder


def draft_file(tmp_path, template: str):
    path = tmp_path / f"{template}.amends"
    draft = sendable_clinic_draft()
    draft.template = template
    save_draft(draft, path)
    return path


@pytest.mark.parametrize("template", sorted(HOSTILE))
def test_render_with_a_hostile_template_is_one_line_and_exit_2(team, tmp_path, capsys, template):
    code = main(
        ["--template-dir", str(team), "render", str(draft_file(tmp_path, template)), "-o", "-", "--to", "txt"]
    )
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("amends: ") and captured.err.count("\n") == 1
    assert HOSTILE[template][1] in captured.err and "Traceback" not in captured.err
    assert "not for letters" not in captured.out + captured.err
    assert captured.out == ""


def test_render_with_the_good_template_beside_them_still_works(team, tmp_path, capsys):
    code = main(
        ["--template-dir", str(team), "render", str(draft_file(tmp_path, "good")), "-o", "-", "--to", "txt"]
    )
    assert code == 0
    assert "your appointment on 10 March" in capsys.readouterr().out


def test_check_reports_the_limit_as_a_finding(team, tmp_path, capsys):
    assert main(["--template-dir", str(team), "check", str(draft_file(tmp_path, "loops"))]) == 1
    captured = capsys.readouterr()
    assert "error unrendered" in captured.out and HOSTILE["loops"][1] in captured.out
    assert "Traceback" not in captured.err


def test_merge_stops_with_the_limit_before_writing(team, tmp_path, capsys):
    out = tmp_path / "letters.csv"
    code = main(
        [
            "--template-dir",
            str(team),
            "merge",
            str(draft_file(tmp_path, "range")),
            str(NOTICE_LIST),
            "--to",
            "csv",
            "-o",
            str(out),
        ]
    )
    captured = capsys.readouterr()
    assert code == 2 and not out.exists()  # as render says it: a template that cannot render
    assert HOSTILE["range"][1] in captured.err and "Traceback" not in captured.err
    assert [line for line in captured.err.splitlines() if line.startswith("amends:")] == [
        captured.err.strip().splitlines()[-1]
    ]


def test_templates_lists_the_good_ones_beside_front_matter_nested_5000_deep(team, capsys):
    deep = "{#-\nname = " + "[" * 5000 + "]" * 5000 + "\n-#}\n<p>x</p>\n"
    (team / "deep.j2").write_text(deep, encoding="utf-8")
    assert main(["--template-dir", str(team), "templates"]) == 1
    captured = capsys.readouterr()
    assert "good" in captured.out and "formal-letter" in captured.out
    assert f"{team / 'deep.j2'}:1: metadata is not valid TOML" in captured.err
    assert f"{team / 'link.j2'}: is a symbolic link" in captured.err
    assert "Traceback" not in captured.err
