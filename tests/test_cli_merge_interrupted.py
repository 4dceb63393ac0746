"""`amends merge` into a folder where an earlier run was killed: the debris goes, and the
output says what was removed."""

from __future__ import annotations

from desktop import paths
from desktop.cli import main
from desktop.core.merge import run as merge_run
from desktop.core.merge.staging import PREFIX
from tests.helpers.merge_runs import disk_full, killed_run_debris

NOTICE = paths.examples_dir() / "renewal-email.amends"
LIST = paths.examples_dir() / "renewal-email-recipients.csv"


def test_the_next_merge_removes_and_names_what_a_killed_one_left(tmp_path, capsys):
    out = tmp_path / "letters"
    out.mkdir()
    (out / "cover-note.txt").write_text("for the print room", encoding="utf-8")
    debris = killed_run_debris(tmp_path, out)

    assert main(["merge", str(NOTICE), str(LIST), "--to", "docx-each", "-o", str(out)]) == 0

    err = capsys.readouterr().err
    assert f"amends: removed what an interrupted earlier run left in {out}: {debris.name} (" in err
    assert not debris.exists() and not list(out.glob(f"{PREFIX}*"))
    assert (out / "cover-note.txt").read_text(encoding="utf-8") == "for the print room"
    assert "Wrote " in err


def test_what_was_removed_is_said_even_when_the_new_run_then_fails(tmp_path, capsys, monkeypatch):
    out = tmp_path / "letters"
    out.mkdir()
    debris = killed_run_debris(tmp_path, out)
    monkeypatch.setattr(merge_run, "_write", disk_full(out))
    assert main(["merge", str(NOTICE), str(LIST), "--to", "docx-each", "-o", str(out)]) == 2

    err = capsys.readouterr().err
    assert f"amends: removed what an interrupted earlier run left in {out}: {debris.name} (" in err
    assert "No space left on device" in err and not debris.exists()
