"""The kinds of value a setting holds: how a TOML value is checked and turned into Python, and back.

Each conversion raises ValueError with a reason written for the person editing the file
("must be a text in quotes"), which the loader pairs with the file, key and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath


@dataclass(frozen=True)
class Kind:
    name: str
    """How the kind is described in errors and documentation ("text", "list of lines")."""
    convert: Callable[[object], object]
    """TOML (or dialog) value -> Python value; raises ValueError with the reason."""
    to_toml: Callable[[object], object] = lambda value: value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be a text in quotes, not {_shown(value)}")
    return value.strip()


def _lines(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ValueError(f'must be a list of lines in quotes, like ["first", "second"], not {_shown(value)}')
    return tuple(item.strip() for item in value if item.strip())


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number, not {_shown(value)}")
    return float(value)


def _margins(value: object) -> tuple[float, float, float, float]:
    """One number for all four sides, or four: top, right, bottom, left (as CSS and the CLI)."""
    numbers = [value] if not isinstance(value, list | tuple) else list(value)
    if len(numbers) not in (1, 4):
        raise ValueError("must be one number of millimetres or four (top, right, bottom, left)")
    converted = [_number(item) for item in numbers]
    if any(m < 0 or m > 80 for m in converted):
        raise ValueError("margins must be between 0 and 80 mm")
    if len(converted) == 1:
        converted *= 4
    return (converted[0], converted[1], converted[2], converted[3])


def _folder(value: object) -> Path:
    text = value if isinstance(value, Path) else _text(value)
    path = Path(text).expanduser()
    if not str(text) or not path.is_absolute():
        raise ValueError(f"must be a full folder path (such as //server/team/amends), not {str(text)!r}")
    return path


def _file_in_folder(value: object) -> str:
    """A file name relative to the profile folder, which must stay inside it."""
    text = _text(value).replace("\\", "/")
    parts = PurePosixPath(text).parts
    if not text or PureWindowsPath(text).is_absolute() or text.startswith("/") or ".." in parts:
        raise ValueError(f"must be a file name inside the profile folder, not {text!r}")
    return text


def _array(value: object) -> list[object]:
    """A tuple the kind converted to (lines, margins), as the TOML array it is written as."""
    if not isinstance(value, Iterable):
        raise TypeError(f"cannot write {value!r} as a TOML array")
    return list(value)


def _shown(value: object) -> str:
    kind = {str: "a text", bool: "true/false", int: "a number", float: "a number", list: "a list"}
    return kind.get(type(value), "a table" if isinstance(value, dict) else type(value).__name__)


TEXT = Kind("text", _text)
LINES = Kind("list of lines", _lines, _array)
NUMBER = Kind("number", _number)
MARGINS = Kind("margins in mm", _margins, _array)
FOLDER = Kind("folder", _folder, str)
FILE_IN_FOLDER = Kind("file in the profile folder", _file_in_folder)
