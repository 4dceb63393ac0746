"""A merge killed part-way (a power cut, Task Manager) cannot clean up after itself: the next
run into the same folder removes what it left, says so, and touches nothing else — not the
user's files, and not the staging folder of a run that is still going."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.merge import MergeRequest, OutputKind, run_merge
from desktop.core.merge.staging import LEGACY_QUIET_SECONDS, MARKER, PREFIX, describe
from desktop.core.recipients import read_recipients
from desktop.core.templates import TemplateCatalogue
from tests.helpers.merge_runs import PausedMerge, killed_merge
from tests.helpers.recipient_lists import generated_list

CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())
NOTICE = paths.examples_dir() / "renewal-email.amends"


def merge(kind: OutputKind, output: Path, recipients: Path):
    return run_merge(MergeRequest(load_draft(NOTICE), CATALOGUE, read_recipients(recipients), kind, output))


def hidden_debris(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob(f"{PREFIX}*") if path.is_dir())


def files_in(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file() and path.name != MARKER)


@pytest.fixture
def users_files(tmp_path):
    """What the user keeps in the folder, including names close to Amends' own."""
    out = tmp_path / "out"
    out.mkdir()
    kept = {
        "notes.txt": b"mine",
        "DW-000001-old.docx": b"an earlier letter",
        ".amends-partial-notes": b"a file, not a staging folder",
        ".print.docx.notes.part": b"not a temporary name Amends gives",
    }
    for name, data in kept.items():
        (out / name).write_bytes(data)
    return out, kept


@pytest.mark.parametrize(
    ("kind", "output"),
    [(OutputKind.DOCX_EACH, "letters"), (OutputKind.EML, "letters"), (OutputKind.DOCX, "print.docx")],
)
def test_what_a_killed_run_left_is_removed_by_the_next_run(tmp_path, users_files, kind, output):
    out, kept = users_files
    target = out / output if output == "print.docx" else out
    big = generated_list(tmp_path / "big.csv", 400)
    killed_merge(kind.value, target, big, pause_after=150)
    (debris,) = hidden_debris(out)
    assert files_in(debris) >= 1
    left = files_in(debris)

    result = merge(kind, target, generated_list(tmp_path / "small.csv", 3))

    assert hidden_debris(out) == []
    assert [item.path for item in result.cleared] == [debris]
    for name, data in kept.items():
        assert (out / name).read_bytes() == data
    message = describe(result.cleared)
    assert str(out) in message and debris.name in message
    assert f"{left:,} file" in message
    assert result.written == 3


def test_per_recipient_debris_is_counted_letter_by_letter(tmp_path, users_files):
    out, _kept = users_files
    killed_merge("docx-each", out, generated_list(tmp_path / "big.csv", 400), pause_after=150)
    result = merge(OutputKind.DOCX_EACH, out, generated_list(tmp_path / "small.csv", 2))
    (cleared,) = result.cleared
    assert cleared.files >= 150 and cleared.size > 150 * 1000
    assert f"({cleared.files:,} files, " in str(cleared) and str(cleared).endswith(("KB)", "MB)"))


def test_the_staging_folder_of_a_run_still_going_is_left_alone(tmp_path):
    out = tmp_path / "out"
    running = PausedMerge("docx-each", out, generated_list(tmp_path / "big.csv", 200), pause_after=50)
    try:
        (theirs,) = hidden_debris(out)
        result = merge(OutputKind.DOCX_EACH, out, generated_list(tmp_path / "small.csv", 2))
        assert result.cleared == [] and theirs.is_dir() and files_in(theirs) >= 50
        assert running.resume() == "done 200"
    finally:
        running.kill()
    assert hidden_debris(out) == []
    assert len(list(out.glob("*.docx"))) == 200, "both runs wrote their letters"


def test_debris_of_older_versions_is_removed_once_nothing_has_written_to_it(tmp_path):
    """Before the lock marker, runs left bare staging folders and `.part` files beside the
    output; a running merge writes every few milliseconds, so an hour's quiet means none."""
    out = tmp_path / "out"
    out.mkdir()
    staging = out / f"{PREFIX}k2j3h4g5"
    staging.mkdir()
    for n in range(3):
        (staging / f"letter-{n}.docx").write_bytes(b"x" * 1000)
    part = out / ".print.docx.a1b2c3d4.part"
    part.write_bytes(b"y" * 5000)
    manifest_part = out / ".print-manifest-20250101-120000.csv.zz9y8x7w.part"
    manifest_part.write_text("row,status\n", encoding="utf-8")
    others_part = out / ".budget.xlsx.a1b2c3d4.part"  # not this run's output: not ours to judge
    others_part.write_bytes(b"z")
    fresh = out / f"{PREFIX}abcdefgh"  # as if an older Amends were writing it right now
    fresh.mkdir()
    (fresh / "letter.docx").write_bytes(b"x")
    old = os.stat(part).st_mtime - LEGACY_QUIET_SECONDS - 60
    for path in [*staging.iterdir(), staging, part, manifest_part, others_part]:
        os.utime(path, (old, old))

    result = merge(OutputKind.DOCX, out / "print.docx", generated_list(tmp_path / "small.csv", 2))

    assert sorted(item.path.name for item in result.cleared) == sorted(
        [staging.name, part.name, manifest_part.name]
    )
    assert not staging.exists() and not part.exists() and not manifest_part.exists()
    assert others_part.exists() and fresh.is_dir()
    assert "3 files, 3.0 KB" in describe(result.cleared) and "(5.0 KB)" in describe(result.cleared)


def test_a_run_with_nothing_to_clear_says_nothing(tmp_path):
    result = merge(OutputKind.CSV, tmp_path / "upload.csv", generated_list(tmp_path / "small.csv", 2))
    assert result.cleared == [] and result.warnings == []
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []
