"""Reading and writing `.amends` draft files: versioned JSON, validated field by field.

A draft file is the user's work. Loading never guesses: a wrong type, a missing field or a
newer format stops with a message naming the field, and keys this version does not know are
carried in `Draft.unknown` and written back, so an older Amends never drops a newer one's data.

Loading is also the gate for hostile files: whatever the bytes, the loader returns a draft
that renders, checks and exports (core/draft_values.py says what that takes), or raises
DraftFormatError naming the field, and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import sys
import types
import typing
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from desktop.core import draft_values as values
from desktop.core.atomic import atomic_write
from desktop.core.fields import field_spec
from desktop.core.model import Draft

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Dataclass = TypeVar("_Dataclass", bound="DataclassInstance")

FORMAT_VERSION = 3
SUFFIX = ".amends"


def _from_1_to_2(data: dict[str, object]) -> None:
    """Format 2 added the sender's e-mail address and the checker's per-draft choices."""
    sender = data.get("sender")
    if isinstance(sender, dict):
        sender.setdefault("email", "")
    data.setdefault("ignored_findings", [])
    data.setdefault("accepted_findings", {})


def _from_2_to_3(data: dict[str, object]) -> None:
    """Format 3 added the letter type, the jurisdiction and the profiles asked for, the day a
    breach was discovered, the complaint a final response answers, and a reader's jurisdiction."""
    data.setdefault("letter_type", "apology")
    data.setdefault("jurisdiction", "")
    data.setdefault("profiles", [])
    data.setdefault("complaint", {"received_on": None, "outcome": ""})
    if isinstance(incident := data.get("incident"), dict):
        incident.setdefault("discovered_on", None)
    if isinstance(recipient := data.get("recipient"), dict):
        recipient.setdefault("jurisdiction", "")


_UPGRADES = {1: _from_1_to_2, 2: _from_2_to_3}
"""Each step turns a draft of format N into format N + 1, in memory; the file is not touched."""


class DraftFormatError(ValueError):
    """A draft file that cannot be read as it is; `field` names the offending key path.

    `reason` is the message alone; the text of the error adds the file and the field once.
    """

    def __init__(self, message: str, field: str = "", path: Path | None = None):
        self.field = field
        self.path = path
        self.reason = _without_prefix(message, field, path)
        super().__init__(f"{_where(path)}{_named(field)}{self.reason}")

    def located(self, path: Path) -> DraftFormatError:
        """The same error, said of the file it was found in."""
        located = DraftFormatError(self.reason, self.field, path)
        located.__cause__ = self
        return located


def _where(path: Path | None) -> str:
    return f"{path}: " if path else ""


def _named(field: str) -> str:
    """ "recipient.name (Name): " — the key to find in the file, and the words the form uses."""
    if not field:
        return ""
    spec = field_spec(field)
    shown = values.printable_text(field)
    return f"{shown} ({spec.label}): " if spec else f"{shown}: "


def _without_prefix(message: str, field: str, path: Path | None) -> str:
    """A message passed on from another DraftFormatError (as `str(exc)`) already names the
    file and the field; they are said once, not "recipient.name: recipient.name: ..."."""
    for prefix in (_where(path), _named(field)):
        if prefix and message.startswith(prefix):
            message = message[len(prefix) :]
    return message


def load_draft(path: str | os.PathLike[str]) -> Draft:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DraftFormatError(f"cannot read the file ({exc.strerror or exc})", path=path) from exc
    except UnicodeDecodeError as exc:
        raise DraftFormatError("not a text file (it is not UTF-8)", path=path) from exc
    try:
        return draft_from_json(text)
    except DraftFormatError as exc:
        raise exc.located(path) from exc


BACKUP_SUFFIX = ".bak"


def save_draft(draft: Draft, path: str | os.PathLike[str], keep_backup: bool = False) -> None:
    """Write atomically: a crash mid-save leaves the previous file, never half of the new one.

    With `keep_backup`, the file being replaced is kept as NAME.amends.bak, one generation,
    for the mistaken click that saved over a good letter.
    """
    path = Path(path)
    text = draft_to_json(draft)
    if keep_backup and path.is_file():
        _keep_backup(path, path.with_name(path.name + BACKUP_SUFFIX))
    with atomic_write(path, binary=False) as handle:
        handle.write(text)


def _keep_backup(path: Path, backup: Path) -> None:
    """Copy `path` over `backup` the way a draft is saved: into a temporary file beside it,
    synced, then renamed. A crash or a full disk mid-copy leaves the previous backup whole
    (a plain copy would leave it empty, and with it the previous version of the letter)."""
    with path.open("rb") as source, atomic_write(backup) as target:
        shutil.copyfileobj(source, target)
    shutil.copystat(path, backup)


def draft_to_json(draft: Draft) -> str:
    data = {"format_version": FORMAT_VERSION, **_encode_fields(draft)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


MAX_DEPTH = 32
"""Objects and lists within each other a draft may hold. Amends' own fields go three deep;
the margin is for a newer version's. Beyond it, saving (and the recovery copy) would run
out of stack: 100,000 nested lists once stopped the app before its window opened."""


def draft_from_json(text: str) -> Draft:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftFormatError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    except (RecursionError, ValueError):  # json's own limits: nesting, and digits in a number
        raise _beyond_json_limits(text) from None
    if not isinstance(data, dict):
        raise DraftFormatError("a draft must be a JSON object")
    _check_structure(data)
    version = data.get("format_version")
    if version is None:
        raise DraftFormatError("is missing", "format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftFormatError(f"must be a whole number from 1, not {_quote(version)}", "format_version")
    if version > FORMAT_VERSION:
        raise DraftFormatError(
            f"this draft was written by a newer Amends (format {_quote(version)}); this version "
            f"reads format {FORMAT_VERSION} and older. Open it with a newer Amends.",
            "format_version",
        )
    for step in range(version, FORMAT_VERSION):
        _UPGRADES[step](data)
    body = {key: value for key, value in data.items() if key != "format_version"}
    unknown: dict[str, object] = {}
    draft = _decode(Draft, body, "", unknown)
    draft.unknown = unknown
    _check_values(draft)
    return draft


_DIGIT_LIMIT = sys.get_int_max_str_digits()
_TOKEN = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")(\s*:)?|[\[\]{}]|[0-9]{' + str(_DIGIT_LIMIT + 1) + ",}")
"""Strings (and whether they are keys), brackets and over-long numbers: enough of JSON to
find where a file goes beyond what the json module will parse."""


def _beyond_json_limits(text: str) -> DraftFormatError:
    """Name the top-level key holding what json.loads gave up on, found by a scan that does
    not recurse: lists nested too deep, or a number too long to convert."""
    depth, key = 0, ""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if depth == 1 and match.group(2):
                key = _key(match.group(1))
        elif token in "[{":
            depth += 1
            if depth > MAX_DEPTH + 1:  # the draft itself is the first level
                break
        elif token in "]}":
            depth -= 1
        else:
            digits = f"has a number of {len(token):,} digits; at most {_DIGIT_LIMIT:,} can be read"
            return DraftFormatError(digits, key)
    return DraftFormatError(f"nested more than {MAX_DEPTH} levels deep", key)


def _key(token: str) -> str:
    try:
        return str(json.loads(token))
    except ValueError:
        return token


def _check_structure(data: dict[str, object]) -> None:
    """Depth and unsavable characters anywhere, known field or not, walked without recursion."""
    pending: list[tuple[str, object, int]] = [(key, value, 1) for key, value in data.items()]
    while pending:
        path, value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise DraftFormatError(f"nested more than {MAX_DEPTH} levels deep", _top(path))
        problem = values.stored_text_problem(path)
        if problem:
            raise DraftFormatError(f"the name of a key {problem}", _top(path))
        if isinstance(value, str) and (problem := values.stored_text_problem(value)):
            raise DraftFormatError(problem, path)
        if isinstance(value, dict):
            pending += [(f"{path}.{key}", item, depth + 1) for key, item in value.items()]
        elif isinstance(value, list):
            pending += [(f"{path}[{index}]", item, depth + 1) for index, item in enumerate(value)]


def _top(path: str) -> str:
    """The top-level key of a path: a message about a whole branch names where it starts."""
    return path.split(".")[0].split("[")[0]


def _check_values(draft: Draft) -> None:
    """The rules that depend on what a field is for, not on its type (core/draft_values.py)."""
    found = next(_value_problems(draft), None)
    if found is not None:
        field, problem = found
        raise DraftFormatError(problem, field)


def _value_problems(draft: Draft) -> Iterator[tuple[str, str]]:
    if problem := values.locale_problem(draft.locale):
        yield "locale", problem
    for field in values.ONE_LINE_FIELDS:
        if problem := values.one_line_problem(_get(draft, field)):
            yield field, problem
    if region := values.region_problem(draft.follow_up.country, draft.follow_up.subdivision):
        yield region


def _get(draft: Draft, field: str) -> str:
    section, name = field.split(".")
    text: str = getattr(getattr(draft, section), name)  # the ONE_LINE_FIELDS are all text
    return text


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_fields(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    return value


def _encode_fields(value: DataclassInstance) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in dataclasses.fields(value):
        if f.name != "unknown":
            out[f.name] = _encode(getattr(value, f.name))
    unknown = getattr(value, "unknown", {})
    return _merge_unknown(out, unknown) if unknown else out


def _merge_unknown(known: dict[str, object], unknown: dict[str, object]) -> dict[str, object]:
    merged = dict(known)
    for key, value in unknown.items():
        existing = merged.get(key)
        if isinstance(value, dict) and isinstance(existing, dict):
            merged[key] = _merge_unknown(existing, value)
        else:
            merged[key] = value
    return merged


_OPTIONAL_SECTIONS = {"questions", "extra", "id"}
"""Fields a hand-written draft may leave out; every other field must be present. A draft
without an id (written before ids, or by hand) gets a new one."""


def _decode(cls: type[_Dataclass], data: object, where: str, unknown: dict[str, object] | None) -> _Dataclass:
    """Build `cls` from `data`; keys it does not know go into `unknown` at the same nesting.

    `unknown` is None inside lists, where a stray key cannot be put back in place: there it
    is an error rather than a silent loss.
    """
    if not isinstance(data, dict):
        raise DraftFormatError(f"must be an object, not {_describe(data)}", where or "draft")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "unknown"}
    values: dict[str, object] = {}
    for name in fields:
        path = f"{where}.{name}" if where else name
        if name not in data:
            if name in _OPTIONAL_SECTIONS:
                continue
            raise DraftFormatError("is missing", path)
        nested: dict[str, object] | None = {} if unknown is not None else None
        values[name] = _decode_value(hints[name], data[name], path, nested)
        if nested and unknown is not None:
            unknown[name] = nested
    for key, value in data.items():
        if key in fields:
            continue
        if unknown is None:
            raise DraftFormatError("is not a field Amends knows", f"{where}.{key}")
        unknown[key] = value
    return cls(**values)


def _decode_value(hint: object, value: object, path: str, unknown: dict[str, object] | None = None) -> object:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None:
            return None
        return _decode_value(options[0], value, path, unknown)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _decode(hint, value, path, unknown)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise DraftFormatError(f"must be a list, not {_describe(value)}", path)
        return [_decode_value(item_hint, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise DraftFormatError(f"must be an object, not {_describe(value)}", path)
        for key, item in value.items():
            if problem := values.text_problem(key):
                raise DraftFormatError(f"the name of a key {problem}", path)
            _decode_value(str, item, f"{path}.{key}")
        return dict(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        allowed = [member.value for member in hint]
        if value not in allowed:
            raise DraftFormatError(f"must be one of {', '.join(allowed)}; found {_quote(value)}", path)
        return hint(value)
    if hint is dt.date:
        if not isinstance(value, str):
            raise DraftFormatError(f"must be a date like 2026-03-14, not {_describe(value)}", path)
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise DraftFormatError(f"{values.quoted(value)} is not a date like 2026-03-14", path) from None
        if problem := values.date_problem(day):
            raise DraftFormatError(problem, path)
        return day
    if hint is Decimal:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise DraftFormatError(f'must be an amount like "25.00", not {_describe(value)}', path)
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise DraftFormatError(f'{_quote(value)} is not an amount like "25.00"', path) from None
        if not amount.is_finite() or amount < 0:
            raise DraftFormatError(f"{_quote(value)} is not an amount of money", path)
        if problem := values.amount_problem(amount):
            raise DraftFormatError(problem, path)
        return amount
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
            raise DraftFormatError(f"must be a whole number from 0 to 365, not {_describe(value)}", path)
        return value
    if hint is str:
        if not isinstance(value, str):
            raise DraftFormatError(f"must be text, not {_describe(value)}", path)
        if problem := values.text_problem(value):
            raise DraftFormatError(problem, path)
        return value
    raise TypeError(f"no decoder for {hint!r} at {path}")  # a model change this file missed


def _quote(value: object) -> str:
    """A value as found in the file, short enough for one line of a message."""
    if isinstance(value, str):
        return values.quoted(value)
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {_quote(value)}"
    if isinstance(value, str):
        return f"the text {_quote(value)}"
    if isinstance(value, list):
        return "a list"
    return "an object"
