"""Compiled patterns kept between starts: the same matches as compiling afresh, and a damaged
or foreign file costs a compile, never a wrong match or a crash."""

from __future__ import annotations

import re

import pytest

from desktop.core.checker import compiled
from desktop.core.checker.compiled import PatternStore, building_with
from desktop.core.checker.engine import Checker

PATTERNS = [
    (r"\b(?:sorry|apologi[sz]e)\b", 0),
    (r"(?-i:TBD)|\bdear\s*,", re.IGNORECASE),
    (r"\b'll never\b", 0),
]
TEXT = "Dear , we're SORRY: you'll never get a TBD again; we apologize. tbd"


def matches(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(TEXT)]


def test_a_pattern_read_back_matches_as_one_compiled_afresh(tmp_path, monkeypatch):
    path = tmp_path / "patterns.bin"
    with building_with(PatternStore(path)) as store:
        first = [store.compile(p, f) for p, f in PATTERNS]
    assert path.is_file()

    def no_compiling(*_args):
        raise AssertionError("compiled again although the file holds it")

    monkeypatch.setattr(compiled, "_compile", no_compiling)
    again = PatternStore(path)
    for (pattern, flags), before in zip(PATTERNS, first, strict=True):
        read_back = again.compile(pattern, flags)
        assert matches(read_back) == matches(before) == matches(re.compile(pattern, flags))
        assert read_back.flags == re.compile(pattern, flags).flags


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe3\x00\x00\x00", b"x" * 100])
def test_a_damaged_file_means_compiling_as_usual(tmp_path, content):
    path = tmp_path / "patterns.bin"
    path.write_bytes(content)
    store = PatternStore(path)
    assert [matches(store.compile(p, f)) for p, f in PATTERNS] == [
        matches(re.compile(p, f)) for p, f in PATTERNS
    ]


def test_the_file_keeps_only_what_the_last_build_used(tmp_path):
    path = tmp_path / "patterns.bin"
    with building_with(PatternStore(path)) as store:
        for pattern, flags in PATTERNS:
            store.compile(pattern, flags)
    with building_with(PatternStore(path)) as store:
        store.compile(*PATTERNS[0])
    assert set(PatternStore(path).entries) == {PATTERNS[0]}


def test_the_checker_builds_the_same_with_a_warm_file(checker):
    """The session's checker was built through the user's file; one built again from it agrees."""
    again = Checker.from_files()
    text = "Sorry if you were upset. Mistakes were made. It won't happen again. Dear ,"
    assert [(f.rule, f.start) for f in again.check_text(text)] == [
        (f.rule, f.start) for f in checker.check_text(text)
    ]
