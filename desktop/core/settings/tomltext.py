"""Reading settings TOML with line numbers for errors, and writing it back.

tomllib reads but does not write; the settings files are a few flat tables of texts,
numbers and lists, so a small writer is safer than a new dependency, and a test reads
everything it writes back through tomllib.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop.core.settings.problems import Problem

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_.\s\"'-]+?)\s*=")


def parse(raw: str, path: Path | None) -> tuple[dict[str, Any], Problem | None]:
    """The parsed file, or an empty table and the problem (with the line tomllib names)."""
    try:
        return tomllib.loads(raw), None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in str(exc):
            line = max(1, len(raw.splitlines()))
        reason = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)", "", str(exc))
        return {}, Problem(path, "", f"not valid TOML: {reason}", line)


def flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """Nested tables as dotted keys: {"page": {"size": "A4"}} -> {"page.size": "A4"}."""
    flat: dict[str, object] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{key}."))
        else:
            flat[key] = value
    return flat


def key_line(raw: str, dotted: str) -> int | None:
    """The line that sets `dotted` ("page.size") under a [page] header or as page.size = ...

    A good guess rather than a parser: it only has to point a person at the right line.
    """
    table = ""
    for number, line in enumerate(raw.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            table = _unquote(header.group(1))
            if table == dotted:
                return number
            continue
        assign = _ASSIGN.match(line)
        if assign:
            name = _unquote(assign.group(1))
            if (f"{table}.{name}" if table else name) == dotted:
                return number
    return None


def _unquote(dotted: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in dotted.split("."))


def dumps(values: Mapping[str, object]) -> str:
    """TOML for dotted keys holding texts, numbers, booleans or lists of them.

    Keys without a dot go first; the rest are grouped under one [table] per prefix, in the
    order the keys are given, so the file reads in the order the settings are declared.
    """
    top = [(key, value) for key, value in values.items() if "." not in key]
    tables: dict[str, list[tuple[str, object]]] = {}
    for key, value in values.items():
        if "." in key:
            table, name = key.rsplit(".", 1)
            tables.setdefault(table, []).append((name, value))
    lines = [f"{_key(name)} = {_value(value)}" for name, value in top]
    for table, entries in tables.items():
        if lines:
            lines.append("")
        lines.append(f"[{'.'.join(_key(part) for part in table.split('.'))}]")
        lines += [f"{_key(name)} = {_value(value)}" for name, value in entries]
    return "\n".join(lines) + "\n" if lines else ""


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else _string(name)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} to a settings file")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} to a settings file")


def _string(text: str) -> str:
    """A TOML basic string: backslash, quote and every control character escaped."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
