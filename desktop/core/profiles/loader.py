"""Reading one profile file (TOML) into a Profile, every problem named with its file and line.

The people who write and review these files are compliance leads and lawyers. A profile
that silently ignored a misspelt key ("pattern" for "patterns") would check less than it
claims to, which is worse than no profile, so anything unknown or malformed is an error
that says where it is and what was expected, as the rule files do (checker/loader.py).
Regexes are compiled here, so a bad one is reported at load, never at the first letter.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from desktop.core.model import Draft, LetterType
from desktop.core.profiles.model import (
    DATE_FIELDS,
    TITLE_ITEM,
    TYPE_SIZE_ITEM,
    Deadline,
    Element,
    Example,
    Forbidden,
    Heading,
    Pattern,
    Profile,
    Title,
    TypeSize,
    Unit,
    Wording,
)
from desktop.core.toml_errors import toml_problem

MAX_PROFILE_BYTES = 1_000_000
"""Far beyond any profile (the largest built-in one is a few kilobytes)."""

_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_JURISDICTION = re.compile(r"^(?:EU|[A-Z]{2}(?:-[A-Z0-9]{1,3})?)$")
_SECTIONS = {
    "profile": False,
    "title": False,
    "type_size": False,
    "element": True,
    "heading": True,
    "wording": True,
    "forbid": True,
    "deadline": True,
    "example": True,
}
"""Each section of a file, and whether it is a list of tables ([[element]]) or one ([title])."""
_KEYS = {
    "profile": {
        "id",
        "name",
        "letter_type",
        "jurisdictions",
        "automatic",
        "source",
        "source_url",
        "checked",
        "verified",
        "principle",
    },
    "element": {"id", "label", "clause", "fields", "patterns", "require", "principle"},
    "title": {"text", "clause", "principle"},
    "heading": {"id", "text", "clause", "principle"},
    "wording": {"id", "label", "clause", "text", "principle"},
    "forbid": {"id", "label", "clause", "patterns", "headings", "principle", "advisory"},
    "type_size": {"minimum_pt", "clause", "principle"},
    "deadline": {"id", "label", "from", "count", "unit", "clause", "principle"},
    "example": {"name", "passes", "fails_on", "text", "title", "fields", "body_font_pt", "today"},
}


class ProfileError(ValueError):
    """A profile that cannot be used (or asked for), located by path and line."""

    def __init__(self, reason: str, path: Path | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{reason}")

    def __reduce__(self) -> tuple[type[ProfileError], tuple[str, Path | None, int | None]]:
        return (type(self), (self.reason, self.path, self.line))


def load_profile(path: Path, builtin: bool = False) -> Profile:
    """The profile in `path`, whose name must be its id (ID.toml): one file, one profile, so
    a team's file replaces a built-in one by having its name."""
    raw = _read(path, builtin)
    return read_profile(raw, path, builtin)


def read_profile(raw: str, path: Path, builtin: bool = False) -> Profile:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        reason, line = toml_problem(exc)
        raise ProfileError(reason, path, line) from None
    return _Reader(data, _Lines(raw), path, builtin).profile()


def _read(path: Path, builtin: bool) -> str:
    """A team's folder is written by other people: only a regular file of sensible size is
    read, never a link (to /etc/passwd) or a pipe that would block the program's start."""
    try:
        if not builtin and path.is_symlink():
            raise ProfileError("is a symbolic link; a profile must be a plain file in its folder", path)
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ProfileError("is not a regular file; a profile must be a plain TOML file", path)
        if info.st_size > MAX_PROFILE_BYTES:
            raise ProfileError(
                f"is {info.st_size:,} bytes; a profile may be at most {MAX_PROFILE_BYTES:,}", path
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as stream:
            data = stream.read(MAX_PROFILE_BYTES + 1)
        return data.decode("utf-8")
    except OSError as exc:
        raise ProfileError(f"cannot read the profile ({exc.strerror or exc})", path) from None
    except UnicodeDecodeError as exc:
        raise ProfileError(f"cannot read the profile: not UTF-8 text ({exc.reason})", path) from None


class _Reader:
    def __init__(self, data: dict[str, Any], lines: _Lines, path: Path, builtin: bool):
        self.data = data
        self.lines = lines
        self.path = path
        self.builtin = builtin
        self.seen: dict[str, int | None] = {}

    def fail(self, reason: str, line: int | None) -> ProfileError:
        return ProfileError(reason, self.path, line)

    def profile(self) -> Profile:
        for name, value in self.data.items():
            if name not in _SECTIONS:
                known = ", ".join(f"[[{n}]]" if many else f"[{n}]" for n, many in _SECTIONS.items())
                raise self.fail(
                    f"unknown section {name!r}; a profile holds {known}", self.lines.header(name, 0)
                )
            many = _SECTIONS[name]
            if many and not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
                raise self.fail(f"write {name} as [[{name}]] tables", self.lines.header(name, 0))
            if not many and not isinstance(value, dict):
                raise self.fail(f"write {name} as a [{name}] table", self.lines.header(name, 0))
        if "profile" not in self.data:
            raise self.fail("no [profile] table: a profile file starts with [profile] and its id", 1)
        head = _Table(self, "profile", self.data["profile"], self.lines.section("profile", 0))
        profile_id = head.identifier()
        if profile_id != self.path.stem:
            raise self.fail(
                f"the profile {profile_id!r} must be in a file named {profile_id}.toml, not {self.path.name}",
                head.key("id"),
            )
        principle = (
            head.text("principle") or f"{head.text('source', required=True)} sets what this letter says."
        )
        elements = tuple(self._element(t, principle) for t in self._tables("element"))
        title = self._title(principle)
        headings = tuple(self._heading(t, principle) for t in self._tables("heading"))
        wordings = tuple(self._wording(t, principle) for t in self._tables("wording"))
        forbidden = tuple(self._forbidden(t, principle) for t in self._tables("forbid"))
        type_size = self._type_size(principle)
        deadlines = tuple(self._deadline(t, principle) for t in self._tables("deadline"))
        profile = Profile(
            id=profile_id,
            name=head.text("name", required=True),
            letter_type=head.choice("letter_type", LetterType),
            jurisdictions=head.jurisdictions(),
            automatic=bool(head.flag("automatic", True)),
            source=head.text("source", required=True),
            source_url=head.text("source_url"),
            checked=head.date("checked", required=True) or dt.date.min,
            verified=head.text("verified", required=True),
            principle=principle,
            path=self.path,
            builtin=self.builtin,
            elements=elements,
            title=title,
            headings=headings,
            wordings=wordings,
            forbidden=forbidden,
            type_size=type_size,
            deadlines=deadlines,
        )
        if not profile.item_ids:
            raise self.fail("the profile checks nothing: add an [[element]], [[heading]], [[forbid]]…", 1)
        examples = tuple(self._example(t, index, profile) for index, t in enumerate(self._tables("example")))
        return Profile(**{**_fields(profile), "examples": examples})

    def _tables(self, name: str) -> list[_Table]:
        value = self.data.get(name, [])
        return [_Table(self, name, table, self.lines.section(name, i)) for i, table in enumerate(value)]

    def _unique(self, item_id: str, line: int | None) -> str:
        if item_id in self.seen:
            raise self.fail(
                f"the id {item_id!r} is used twice in this profile (first on line {self.seen[item_id]}); "
                "each check needs its own, so an example and a finding can name it",
                line,
            )
        self.seen[item_id] = line
        return item_id

    def _element(self, table: _Table, principle: str) -> Element:
        require = table.text("require") or "any"
        if require != "any":
            raise self.fail(
                f'require must be "any" (one field filled or one pattern found), not {require!r}; '
                "write two elements to require two things",
                table.key("require"),
            )
        element = Element(
            id=self._unique(table.identifier(), table.key("id") or table.start),
            label=table.text("label", required=True),
            clause=table.text("clause", required=True),
            principle=table.text("principle") or principle,
            fields=tuple(table.draft_fields("fields")),
            patterns=table.patterns("patterns"),
            line=table.start,
        )
        if not element.fields and not element.patterns:
            raise self.fail(f"element {element.id!r} needs fields or patterns to find it by", table.start)
        return element

    def _title(self, principle: str) -> Title | None:
        if "title" not in self.data:
            return None
        table = _Table(self, "title", self.data["title"], self.lines.section("title", 0))
        self._unique(TITLE_ITEM, table.start)
        return Title(
            text=table.text("text", required=True),
            clause=table.text("clause", required=True),
            principle=table.text("principle") or principle,
            line=table.start,
        )

    def _heading(self, table: _Table, principle: str) -> Heading:
        text = table.text("text", required=True)
        given = table.text("id")
        heading_id = given or "-".join(re.findall(r"[a-z0-9]+", text.casefold())) or "heading"
        if given and not _ID.match(given):
            raise self.fail(f"id {given!r} must be lower-case words joined by hyphens", table.key("id"))
        return Heading(
            id=self._unique(heading_id, table.key("id") or table.start),
            text=text,
            clause=table.text("clause", required=True),
            principle=table.text("principle") or principle,
            line=table.start,
        )

    def _wording(self, table: _Table, principle: str) -> Wording:
        text = table.raw_text("text")
        if not text.strip():
            raise self.fail(
                "text must be the wording the letter must contain", table.key("text") or table.start
            )
        return Wording(
            id=self._unique(table.identifier(), table.key("id") or table.start),
            label=table.text("label", required=True),
            clause=table.text("clause", required=True),
            principle=table.text("principle") or principle,
            text=text,
            line=table.start,
        )

    def _forbidden(self, table: _Table, principle: str) -> Forbidden:
        forbidden = Forbidden(
            id=self._unique(table.identifier(), table.key("id") or table.start),
            label=table.text("label", required=True),
            clause=table.text("clause", required=True),
            principle=table.text("principle") or principle,
            patterns=table.patterns("patterns"),
            headings=tuple(table.strings("headings")),
            line=table.start,
            advisory=bool(table.flag("advisory", False)),
        )
        if not forbidden.patterns and not forbidden.headings:
            raise self.fail(f"forbid {forbidden.id!r} needs patterns or headings to find it by", table.start)
        return forbidden

    def _type_size(self, principle: str) -> TypeSize | None:
        if "type_size" not in self.data:
            return None
        table = _Table(self, "type_size", self.data["type_size"], self.lines.section("type_size", 0))
        self._unique(TYPE_SIZE_ITEM, table.start)
        size = table.number("minimum_pt", required=True)
        if size is None or not 0 < size <= 100:
            raise self.fail("minimum_pt must be a type size in points, such as 10", table.key("minimum_pt"))
        return TypeSize(
            size, table.text("clause", required=True), table.text("principle") or principle, table.start
        )

    def _deadline(self, table: _Table, principle: str) -> Deadline:
        start_field = table.text("from", required=True)
        if start_field not in DATE_FIELDS:
            raise self.fail(
                f"from must be one of {', '.join(DATE_FIELDS)}, not {start_field!r}", table.key("from")
            )
        count = table.value("count")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 < count <= 3660:
            raise self.fail("count must be a whole number of days or weeks, such as 30", table.key("count"))
        return Deadline(
            id=self._unique(table.identifier(), table.key("id") or table.start),
            label=table.text("label", required=True),
            clause=table.text("clause", required=True),
            principle=table.text("principle") or principle,
            start_field=start_field,
            count=count,
            unit=table.choice("unit", Unit),
            line=table.start,
        )

    def _example(self, table: _Table, index: int, profile: Profile) -> Example:
        passes = table.flag("passes", None)
        fails_on = tuple(table.strings("fails_on"))
        if passes and fails_on:
            raise self.fail("an example that passes fails on nothing: remove fails_on", table.key("fails_on"))
        if passes is False and not fails_on:
            raise self.fail(
                'say which checks this example fails on: fails_on = ["element-id", …]',
                table.key("passes") or table.start,
            )
        for item in fails_on:
            if item not in profile.item_ids:
                raise self.fail(
                    f"fails_on names {item!r}, which this profile does not check "
                    f"(its checks: {', '.join(profile.item_ids)})",
                    table.key("fails_on"),
                )
        font = table.number("body_font_pt")
        title = table.value("title")
        if title is not None and not isinstance(title, str):
            raise self.fail("title must be a text in quotes", table.key("title"))
        fields_table = table.value("fields") or {}
        fields_lines = self.lines.subsection("example", index, "fields")
        if not isinstance(fields_table, dict):
            raise self.fail("write an example's fields as an [example.fields] table", table.key("fields"))
        fields = tuple(
            (name, _example_value(self, name, value, fields_lines)) for name, value in fields_table.items()
        )
        return Example(
            name=table.text("name", required=True),
            passes=bool(passes),
            fails_on=fails_on,
            text=table.raw_text("text"),
            title=title,
            fields=fields,
            body_font_pt=font,
            today=table.date("today"),
            line=table.start,
        )


def _fields(profile: Profile) -> dict[str, Any]:
    return {name: getattr(profile, name) for name in profile.__dataclass_fields__}


_BLANK_DRAFT = Draft()


def _draft_value(path: str) -> object:
    """The blank draft's value at a dotted path; AttributeError when there is no such field."""
    value: object = _BLANK_DRAFT
    for part in path.split("."):
        if not part or part.startswith("_") or not hasattr(value, "__dataclass_fields__"):
            raise AttributeError(path)
        if part not in value.__dataclass_fields__:
            raise AttributeError(path)
        value = getattr(value, part)
    return value


def _example_value(reader: _Reader, name: str, value: object, lines: _Section) -> object:
    line = lines.key(name) or lines.start
    try:
        blank = _draft_value(name)
    except AttributeError:
        raise reader.fail(f"an example sets {name!r}, which is not a draft field", line) from None
    if name in DATE_FIELDS or name == "letter_date":
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise reader.fail(f"{name} must be a date such as 2026-11-20 (no quotes)", line)
        return value
    if isinstance(blank, Enum):
        try:
            return type(blank)(value)
        except ValueError:
            known = ", ".join(repr(member.value) for member in type(blank))
            raise reader.fail(f"{name} must be one of {known}, not {value!r}", line) from None
    if not isinstance(blank, str) or not isinstance(value, str):
        raise reader.fail(f"{name} must be a text in quotes", line)
    return value


class _Table:
    """One table of the file with the lines it spans, to point each error at its key."""

    def __init__(self, reader: _Reader, name: str, data: dict[str, Any], section: _Section):
        self.reader = reader
        self.name = name
        self.data = data
        self.section = section
        self.start = section.start
        for key in data:
            if key not in _KEYS[name]:
                known = ", ".join(sorted(_KEYS[name]))
                raise reader.fail(
                    f"unknown key {key!r} in [{name}] (expected one of: {known})",
                    section.key(key) or self.start,
                )

    def key(self, key: str) -> int | None:
        return self.section.key(key)

    def value(self, key: str) -> object:
        return self.data.get(key)

    def raw_text(self, key: str) -> str:
        value = self.data.get(key, "")
        if not isinstance(value, str):
            raise self.reader.fail(f"{key} must be a text in quotes", self.key(key) or self.start)
        return value

    def text(self, key: str, required: bool = False) -> str:
        value = self.raw_text(key)
        if required and not value.strip():
            raise self.reader.fail(f'[{self.name}] needs {key} = "…"', self.key(key) or self.start)
        return " ".join(value.split())

    def identifier(self) -> str:
        value = self.text("id", required=True)
        if not _ID.match(value):
            raise self.reader.fail(f"id {value!r} must be lower-case words joined by hyphens", self.key("id"))
        return value

    def flag(self, key: str, default: bool | None) -> bool | None:
        value = self.data.get(key, default)
        if not isinstance(value, bool) and not (value is None and default is None):
            raise self.reader.fail(f"{key} must be true or false", self.key(key))
        if value is None:
            raise self.reader.fail(f"[[{self.name}]] needs {key} = true or false", self.start)
        return value

    def number(self, key: str, required: bool = False) -> float | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.reader.fail(f"{key} must be a number", self.key(key) or self.start)
        return float(value)

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise self.reader.fail(
                f"{key} must be a date such as 2026-12-04 (no quotes)", self.key(key) or self.start
            )
        return value

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.reader.fail(f"{key} must be a list of texts in quotes", self.key(key))
        return value

    def choice(self, key: str, kind: type[LetterType] | type[Unit]) -> Any:
        value = self.data.get(key)
        try:
            return kind(value if isinstance(value, str) else "")
        except ValueError:
            known = ", ".join(f'"{member.value}"' for member in kind)
            raise self.reader.fail(
                f"{key} must be one of {known}, not {value!r}", self.key(key) or self.start
            ) from None

    def jurisdictions(self) -> tuple[str, ...]:
        codes = self.strings("jurisdictions")
        if not codes:
            raise self.reader.fail(
                'jurisdictions must list where the law applies: ["GB"], ["US-CA"], ["EU"]',
                self.key("jurisdictions") or self.start,
            )
        for code in codes:
            if not _JURISDICTION.match(code):
                raise self.reader.fail(
                    f"jurisdiction {code!r} must be an ISO 3166 code such as GB, US-CA or CA-ON (or EU)",
                    self.key("jurisdictions"),
                )
        return tuple(codes)

    def draft_fields(self, key: str) -> list[str]:
        names = self.strings(key)
        for name in names:
            try:
                _draft_value(name)
            except AttributeError:
                raise self.reader.fail(
                    f"{name!r} is not a draft field (such as sender.contact or incident.what)",
                    self.section.value_line(name) or self.key(key),
                ) from None
        return names

    def patterns(self, key: str) -> tuple[Pattern, ...]:
        compiled = []
        for source in self.strings(key):
            line = self.section.value_line(source) or self.key(key)
            try:
                regex = re.compile(source, re.IGNORECASE)
            except re.error as exc:
                raise self.reader.fail(
                    f"pattern {source!r} is not a valid regular expression: {exc}", line
                ) from None
            if regex.match(""):
                raise self.reader.fail(
                    f"pattern {source!r} matches an empty text, so it finds anything", line
                )
            compiled.append(Pattern(source, regex, line))
        return tuple(compiled)


@dataclass(frozen=True)
class _Section:
    lines: tuple[str, ...]
    code: tuple[bool, ...]
    start: int | None
    end: int

    def key(self, key: str) -> int | None:
        if self.start is None:
            return None
        pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
        for number in range(self.start, self.end + 1):
            if self.code[number - 1] and pattern.match(self.lines[number - 1]):
                return number
        return None

    def value_line(self, value: str) -> int | None:
        if self.start is None:
            return None
        probe = value[:40]
        escaped = probe.replace("\\", "\\\\").replace('"', '\\"')
        for number in range(self.start, self.end + 1):
            line = self.lines[number - 1]
            if probe in line or escaped in line:
                return number
        return None


class _Lines:
    """Where each table starts, with lines inside multi-line strings ignored: an example's
    letter may well have a line that starts with "[insert date]"."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([\w.\-\"' ]+?)\s*\]\]?")

    def __init__(self, raw: str):
        self.lines = tuple(raw.splitlines())
        self.code = tuple(_code_lines(self.lines))
        self.headers: list[tuple[int, str]] = []
        for number, line in enumerate(self.lines, 1):
            found = self._HEADER.match(line) if self.code[number - 1] else None
            if found:
                name = re.sub(r"[\"'\s]", "", found.group(2))
                self.headers.append((number, name))

    def header(self, name: str, index: int) -> int | None:
        found = [number for number, header in self.headers if header == name]
        return found[index] if index < len(found) else None

    def section(self, name: str, index: int) -> _Section:
        return self._section_from(self.header(name, index))

    def subsection(self, name: str, index: int, sub: str) -> _Section:
        """`[name.sub]` after the index-th `[[name]]` and before the next one."""
        start = self.header(name, index)
        following = self.header(name, index + 1) or len(self.lines) + 1
        for number, header in self.headers:
            if header == f"{name}.{sub}" and start is not None and start < number < following:
                return self._section_from(number)
        return self._section_from(None)

    def _section_from(self, start: int | None) -> _Section:
        if start is None:
            return _Section(self.lines, self.code, None, len(self.lines))
        later = [number for number, _ in self.headers if number > start]
        return _Section(self.lines, self.code, start, (later[0] - 1) if later else len(self.lines))


def _code_lines(lines: tuple[str, ...]) -> list[bool]:
    """For each line, whether it starts outside a multi-line string (so it may hold a key or
    a table header)."""
    result = []
    inside: str | None = None
    for line in lines:
        result.append(inside is None)
        index = 0
        while index < len(line):
            if inside is not None:
                close = line.find(inside, index)
                if close < 0:
                    break
                index, inside = close + 3, None
                continue
            char = line[index]
            if char == "#":
                break
            if line.startswith('"""', index) or line.startswith("'''", index):
                inside, index = line[index : index + 3], index + 3
                continue
            if char in "\"'":
                index = _string_end(line, index)
                continue
            index += 1
    return result


def _string_end(line: str, start: int) -> int:
    quote = line[start]
    index = start + 1
    while index < len(line):
        if quote == '"' and line[index] == "\\":
            index += 2
            continue
        if line[index] == quote:
            return index + 1
        index += 1
    return index
