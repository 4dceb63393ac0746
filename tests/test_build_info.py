"""What `amends --version` and About report about this copy: commit, stamp, installation."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop import __version__, build_info
from desktop.build_info import BuildInfo, checkout_commit, stamp_text

SHA = "0123456789abcdef0123456789abcdef01234567"
OTHER = "fedcba9876543210fedcba9876543210fedcba98"


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    (root / "a.txt").write_text("a\n", encoding="utf-8")
    _git(root, "add", "a.txt")
    _git(root, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "a")
    return root


def test_a_branch_checkout_reports_the_commit_git_reports(repo):
    assert checkout_commit(repo) == _git(repo, "rev-parse", "HEAD")


def test_packed_refs_are_read_when_the_loose_ref_is_gone(repo):
    _git(repo, "pack-refs", "--all")
    assert not (repo / ".git/refs/heads/main").exists()
    assert checkout_commit(repo) == _git(repo, "rev-parse", "HEAD")


def test_a_detached_head_is_the_commit_itself(repo):
    head = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "-q", "--detach")
    assert checkout_commit(repo) == head


def test_a_worktree_follows_its_gitdir_file(repo, tmp_path):
    _git(repo, "branch", "side")
    _git(repo, "worktree", "add", "-q", str(tmp_path / "wt"), "side")
    assert (tmp_path / "wt/.git").is_file()
    assert checkout_commit(tmp_path / "wt") == _git(repo, "rev-parse", "side")


def test_no_checkout_no_commit(tmp_path):
    assert checkout_commit(None) is None
    assert checkout_commit(tmp_path) is None


def test_a_packaged_build_reports_its_stamp(tmp_path, monkeypatch):
    stamp = tmp_path / "build-info.json"
    stamp.write_text(stamp_text(SHA, "2026-11-23", "6.11.3"), encoding="utf-8")
    monkeypatch.setattr(build_info, "STAMP_PATH", stamp)
    info = build_info.build_info()
    assert (info.commit, info.built, info.qt) == (SHA, "2026-11-23", "6.11.3")
    assert info.lines()[1].endswith(f"commit {SHA[:12]}, built 2026-11-23")


def test_a_broken_stamp_is_ignored_not_fatal(tmp_path, monkeypatch):
    stamp = tmp_path / "build-info.json"
    stamp.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(build_info, "STAMP_PATH", stamp)
    assert build_info.build_info().version == __version__


def test_the_running_qt_wins_over_the_recorded_one(tmp_path, monkeypatch):
    stamp = tmp_path / "build-info.json"
    stamp.write_text(stamp_text(SHA, "2026-11-23", "6.0.0"), encoding="utf-8")
    monkeypatch.setattr(build_info, "STAMP_PATH", stamp)
    assert build_info.build_info(qt_version="6.11.3").qt == "6.11.3"


def test_three_lines_for_support():
    info = BuildInfo("1.2.3", None, None, "Installed package", "3.11.7", None, "Windows AMD64")
    assert info.text() == "Amends 1.2.3\nInstalled package, commit unknown\nPython 3.11.7, Windows AMD64"
    other = BuildInfo("1.2.3", OTHER, "2026-01-02", "Application bundle", "3.12.1", "6.11.3", "Darwin arm64")
    assert other.lines()[1:] == [
        f"Application bundle, commit {OTHER[:12]}, built 2026-01-02",
        "Python 3.12.1, Qt 6.11.3, Darwin arm64",
    ]
