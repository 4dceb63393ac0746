"""What tomllib says of a file it cannot read, split into the reason and the line.

Rule files and compliance profiles are written by support leads and lawyers: each error is
reported as "path:line: reason", so the line goes where the file's name is and the
reason is not left saying it twice.
"""

from __future__ import annotations

import re
import tomllib

_AT = re.compile(r"\s*\(at line \d+, column \d+\)")
_LINE = re.compile(r"line (\d+)")


def toml_problem(exc: tomllib.TOMLDecodeError) -> tuple[str, int | None]:
    """("not valid TOML: <reason>", the line it names, or None)."""
    message = str(exc)
    found = _LINE.search(message)
    return f"not valid TOML: {_AT.sub('', message)}", int(found.group(1)) if found else None
