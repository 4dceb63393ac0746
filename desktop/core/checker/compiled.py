"""Compiled rule patterns kept between runs, so a start does not compile them again.

Python compiles a regular expression in Python code, and the rule files' patterns (long
alternations of terms) took half a second of every start to compile, before the window
could check its first letter. What the compiler produces for a pattern is plain data (a
list of numbers and the group names); it is kept in a file in the user's cache and handed
straight to the regular expression engine next time. The file is keyed by the Python
version and the engine's magic number, read with `marshal` (which runs no code), and any
problem with it means compiling as usual.
"""

from __future__ import annotations

import marshal
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.core.atomic import atomic_write

try:  # the engine's own compiler and entry point (CPython); without them, compile as usual
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ENGINE = f"{sys.version_info[:3]}-{_sre.MAGIC}"
except (ImportError, AttributeError):  # pragma: no cover - another Python
    _ENGINE = ""

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_local = threading.local()


class PatternStore:
    """Compiled patterns by (pattern, flags), read from and written to `path`."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[tuple[str, int], _Entry] = {}
        self.used: dict[tuple[str, int], _Entry] = {}
        """What this build compiled or took from the file: all the file keeps, so patterns a
        team has since edited away do not pile up in it."""
        if path is not None and _ENGINE:
            self.entries = _read(path)

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        if not _ENGINE:
            return re.compile(pattern, flags)
        key = (pattern, int(flags))  # re.IGNORECASE is a RegexFlag, which marshal cannot write
        entry = self.entries.get(key)
        if entry is not None:
            try:
                compiled: re.Pattern[str] = _sre.compile(pattern, *entry)
                self.used[key] = entry
                return compiled
            except Exception:  # a stale or damaged entry: compile it again
                pass
        entry = _compile(pattern, flags)
        self.used[key] = entry
        compiled = _sre.compile(pattern, *entry)
        return compiled

    def save(self) -> None:
        """Keep what was compiled this time; a cache that cannot be written is no loss."""
        if self.path is None or not _ENGINE or self.used == self.entries:
            return
        try:
            data = marshal.dumps({"engine": _ENGINE, "entries": self.used})
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(self.path) as out:
                out.write(data)
        except (OSError, ValueError):
            return
        self.entries = dict(self.used)


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile, through the store the current thread is building rules with, if any."""
    store: PatternStore | None = getattr(_local, "store", None)
    return store.compile(pattern, flags) if store is not None else re.compile(pattern, flags)


@contextmanager
def building_with(store: PatternStore) -> Iterator[PatternStore]:
    """Patterns compiled on this thread inside the block go through `store`, then it is saved."""
    previous = getattr(_local, "store", None)
    _local.store = store
    try:
        yield store
    finally:
        _local.store = previous
        store.save()


def _compile(pattern: str, flags: int) -> _Entry:
    parsed: Any = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final_flags = int(flags | parsed.state.flags)  # a RegexFlag, which marshal cannot write
    return (final_flags, [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _read(path: Path) -> dict[tuple[str, int], _Entry]:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("engine") != _ENGINE
        or not isinstance(data.get("entries"), dict)
    ):
        return {}
    entries: dict[tuple[str, int], _Entry] = data["entries"]
    return entries
