"""`amends merge` as a comms lead runs it: a report first, then letters, or a clear stop."""

from __future__ import annotations

import csv

import docx

from desktop import paths
from desktop.cli import main

NOTICE = paths.examples_dir() / "renewal-email.amends"
LIST = paths.examples_dir() / "renewal-email-recipients.csv"


def test_merge_the_example_list_into_one_file_per_recipient(tmp_path, capsys):
    out = tmp_path / "letters"
    code = main(
        [
            "merge",
            str(NOTICE),
            str(LIST),
            "--to",
            "docx-each",
            "-o",
            str(out),
            "--name-pattern",
            "{account}-{last_name}",
        ]
    )
    assert code == 0
    with LIST.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    files = sorted(p.name for p in out.glob("*.docx"))
    assert len(files) == len(rows)
    first = rows[0]
    letter = docx.Document(out / f"{first['account']}-{first['last_name']}.docx")
    assert any(first["first_name"] in p.text for p in letter.paragraphs if p.style.name == "Salutation")
    err = capsys.readouterr().err
    assert f"{len(rows)} row(s): {len(rows)} ready" in err
    assert f"Wrote {len(rows)} letter(s)" in err and "Manifest:" in err


def test_rows_with_errors_stop_the_run_until_the_user_decides(tmp_path, capsys):
    bad = tmp_path / "list.csv"
    bad.write_text(
        "first_name;last_name;email\nAda;Lovelace;ada@\nBob;Brown;bob@example.com\n", encoding="cp1252"
    )
    out = tmp_path / "upload.csv"
    assert main(["merge", str(NOTICE), str(bad), "--to", "csv", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "row 2, email: error:" in err and "--skip-invalid" in err
    assert not out.exists()

    assert main(["merge", str(NOTICE), str(bad), "--to", "csv", "-o", str(out), "--skip-invalid"]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        assert [row["email"] for row in csv.DictReader(handle)] == ["bob@example.com"]
    assert "left out 1 row(s)" in capsys.readouterr().err


def test_a_missing_list_or_a_bad_mapping_is_one_line(tmp_path, capsys):
    assert (
        main(
            ["merge", str(NOTICE), str(tmp_path / "none.csv"), "--to", "docx", "-o", str(tmp_path / "x.docx")]
        )
        == 2
    )
    assert capsys.readouterr().err.strip().endswith("no such file")
    assert (
        main(
            [
                "merge",
                str(NOTICE),
                str(LIST),
                "--to",
                "docx",
                "-o",
                str(tmp_path / "x.docx"),
                "--map",
                "Foo=email",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "no column called 'Foo'" in err and err.count("\n") == 1


def test_a_folder_output_that_is_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    assert main(["merge", str(NOTICE), str(LIST), "--to", "eml", "-o", str(target)]) == 2
    assert "is a file" in capsys.readouterr().err
