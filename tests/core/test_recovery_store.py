"""Recovery copies: written per session, offered back only when their session is gone."""

from __future__ import annotations

import pytest

from desktop.core.draft_file import DraftFormatError, load_draft, save_draft
from desktop.core.recovery import RecoveryStore


def test_a_copy_from_another_session_is_offered_and_restores_the_draft(draft, tmp_path):
    crashed = RecoveryStore(tmp_path, "crashed-session")
    crashed.save(draft, tmp_path / "adebayo.amends")
    (entry,) = RecoveryStore(tmp_path, "new-session").leftovers()
    assert entry.title == "Missed appointment – Adebayo" and entry.origin == tmp_path / "adebayo.amends"
    assert RecoveryStore(tmp_path, "new-session").load(entry) == draft


def test_a_session_never_sees_its_own_copy(draft, tmp_path):
    mine = RecoveryStore(tmp_path, "me")
    mine.save(draft, None)
    assert mine.leftovers() == []
    mine.discard()
    assert RecoveryStore(tmp_path, "other").leftovers() == []


def test_an_unreadable_copy_is_listed_not_deleted(tmp_path):
    (tmp_path / "broken.amends-recovery").write_text("{ half a file", encoding="utf-8")
    store = RecoveryStore(tmp_path, "me")
    (entry,) = store.leftovers()
    assert "cannot be read" in entry.title
    with pytest.raises(DraftFormatError, match=r"broken\.amends-recovery"):
        store.load(entry)
    assert (tmp_path / "broken.amends-recovery").exists()


def test_saving_over_a_draft_keeps_one_backup(draft, tmp_path):
    path = tmp_path / "letter.amends"
    save_draft(draft, path, keep_backup=True)
    assert not (tmp_path / "letter.amends.bak").exists()
    first = path.read_bytes()
    draft.cause = "A second version."
    save_draft(draft, path, keep_backup=True)
    assert (tmp_path / "letter.amends.bak").read_bytes() == first
    assert load_draft(path).cause == "A second version."
