"""Reading and writing `.amends` draft files: versioned JSON, validated field by field.

A draft file is the user's work. Loading never guesses: a wrong type, a missing field or a
newer format stops with a message naming the field, and keys this version does not know are
carried in `Draft.unknown` and written back, so an older Amends never drops a newer one's data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import types
import typing
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path

from desktop.core.atomic import atomic_write
from desktop.core.fields import field_spec
from desktop.core.model import Draft

FORMAT_VERSION = 2
SUFFIX = ".amends"


def _from_1_to_2(data: dict[str, object]) -> None:
    """Format 2 added the sender's e-mail address and the checker's per-draft choices."""
    sender = data.get("sender")
    if isinstance(sender, dict):
        sender.setdefault("email", "")
    data.setdefault("ignored_findings", [])
    data.setdefault("accepted_findings", {})


_UPGRADES = {1: _from_1_to_2}
"""Each step turns a draft of format N into format N + 1, in memory; the file is not touched."""


class DraftFormatError(ValueError):
    """A draft file that cannot be read as it is; `field` names the offending key path."""

    def __init__(self, message: str, field: str = "", path: Path | None = None):
        self.field = field
        self.path = path
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{_named(field)}{message}")


def _named(field: str) -> str:
    """ "recipient.name (Name): " — the key to find in the file, and the words the form uses."""
    if not field:
        return ""
    spec = field_spec(field)
    return f"{field} ({spec.label}): " if spec else f"{field}: "


def load_draft(path: str | os.PathLike[str]) -> Draft:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DraftFormatError(f"cannot read the file ({exc.strerror})", path=path) from exc
    except UnicodeDecodeError as exc:
        raise DraftFormatError("not a text file (it is not UTF-8)", path=path) from exc
    try:
        return draft_from_json(text)
    except DraftFormatError as exc:
        raise DraftFormatError(str(exc), exc.field, path) from exc


BACKUP_SUFFIX = ".bak"


def save_draft(draft: Draft, path: str | os.PathLike[str], keep_backup: bool = False) -> None:
    """Write atomically: a crash mid-save leaves the previous file, never half of the new one.

    With `keep_backup`, the file being replaced is kept as NAME.amends.bak, one generation,
    for the mistaken click that saved over a good letter.
    """
    path = Path(path)
    text = draft_to_json(draft)
    if keep_backup and path.is_file():
        shutil.copy2(path, path.with_name(path.name + BACKUP_SUFFIX))
    with atomic_write(path, binary=False) as handle:
        handle.write(text)


def draft_to_json(draft: Draft) -> str:
    data = {"format_version": FORMAT_VERSION, **_encode(draft)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def draft_from_json(text: str) -> Draft:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftFormatError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc
    if not isinstance(data, dict):
        raise DraftFormatError("a draft must be a JSON object")
    version = data.get("format_version")
    if version is None:
        raise DraftFormatError("is missing", "format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftFormatError(f"must be a whole number from 1, not {version!r}", "format_version")
    if version > FORMAT_VERSION:
        raise DraftFormatError(
            f"this draft was written by a newer Amends (format {version}); this version "
            f"reads format {FORMAT_VERSION} and older. Open it with a newer Amends.",
            "format_version",
        )
    for step in range(version, FORMAT_VERSION):
        _UPGRADES[step](data)
    body = {key: value for key, value in data.items() if key != "format_version"}
    unknown: dict[str, object] = {}
    draft = _decode(Draft, body, "", unknown)
    draft.unknown = unknown
    return draft


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {}
        for f in dataclasses.fields(value):
            if f.name != "unknown":
                out[f.name] = _encode(getattr(value, f.name))
        unknown = getattr(value, "unknown", {})
        return _merge_unknown(out, unknown) if unknown else out
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


def _merge_unknown(known: dict[str, object], unknown: dict[str, object]) -> dict[str, object]:
    merged = dict(known)
    for key, value in unknown.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge_unknown(merged[key], value)  # type: ignore[arg-type]
        else:
            merged[key] = value
    return merged


_OPTIONAL_SECTIONS = {"questions", "extra", "id"}
"""Fields a hand-written draft may leave out; every other field must be present. A draft
without an id (written before ids, or by hand) gets a new one."""


def _decode(cls: type, data: object, where: str, unknown: dict[str, object] | None) -> typing.Any:
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
        nested = {} if unknown is not None else None
        values[name] = _decode_value(hints[name], data[name], path, nested)
        if nested:
            unknown[name] = nested  # type: ignore[index]
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
    if dataclasses.is_dataclass(hint):
        return _decode(hint, value, path, unknown)  # type: ignore[arg-type]
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise DraftFormatError(f"must be a list, not {_describe(value)}", path)
        return [_decode_value(item_hint, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise DraftFormatError(f"must be an object, not {_describe(value)}", path)
        for key, item in value.items():
            if not isinstance(item, str):
                raise DraftFormatError(f"must be text, not {_describe(item)}", f"{path}.{key}")
        return dict(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        allowed = [member.value for member in hint]
        if value not in allowed:
            raise DraftFormatError(f"must be one of {', '.join(allowed)}; found {value!r}", path)
        return hint(value)
    if hint is dt.date:
        if not isinstance(value, str):
            raise DraftFormatError(f"must be a date like 2026-03-14, not {_describe(value)}", path)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise DraftFormatError(f"{value!r} is not a date like 2026-03-14", path) from None
    if hint is Decimal:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise DraftFormatError(f'must be an amount like "25.00", not {_describe(value)}', path)
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise DraftFormatError(f'{value!r} is not an amount like "25.00"', path) from None
        if not amount.is_finite() or amount < 0:
            raise DraftFormatError(f"{value!r} is not an amount of money", path)
        return amount
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 365:
            raise DraftFormatError(f"must be a whole number from 0 to 365, not {_describe(value)}", path)
        return value
    if hint is str:
        if not isinstance(value, str):
            raise DraftFormatError(f"must be text, not {_describe(value)}", path)
        return value
    raise TypeError(f"no decoder for {hint!r} at {path}")  # a model change this file missed


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "an object"
