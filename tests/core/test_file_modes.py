"""Every file Amends writes gets the permissions the user's other new files get (0644 under
umask 022), whatever the output: a letter on a shared drive is for colleagues to open too."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop import paths
from desktop.cli import main
from desktop.core.draft_file import load_draft, save_draft

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
NOTICE = paths.examples_dir() / "renewal-email.amends"
LIST = paths.examples_dir() / "renewal-email-recipients.csv"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_single_letters_drafts_manifests_and_per_recipient_files_share_one_mode(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    expected = 0o666 & ~umask
    for suffix in ("docx", "eml", "html", "txt"):
        assert main(["render", str(RRSP), "-o", str(tmp_path / f"letter.{suffix}")]) == 0
    save_draft(load_draft(RRSP), tmp_path / "draft.amends")
    assert main(["merge", str(NOTICE), str(LIST), "--to", "docx", "-o", str(tmp_path / "print.docx")]) == 0
    assert main(["merge", str(NOTICE), str(LIST), "--to", "csv", "-o", str(tmp_path / "upload.csv")]) == 0
    assert main(["merge", str(NOTICE), str(LIST), "--to", "eml", "-o", str(tmp_path / "mails")]) == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) > 40
    assert {p.name: mode(p) for p in written} == {p.name: expected for p in written}
