"""Characters that XML 1.0 forbids, dropped from recipient data before any file is written.

A DOCX is XML, and one stray control character from a CRM export (a vertical tab, an
ESC, a lone surrogate) makes Word refuse the whole file. Dropping it loses nothing a
reader could see; the caller reports each drop as a warning naming row and column.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""C0 controls except tab, newline and CR; DEL and the C1 controls (XML allows these, but in
a name they are always debris of a wrong decoding); surrogates, which only ever arrive
alone in a str; and the non-characters U+FFFE and U+FFFF."""


def drop_forbidden(value: str) -> tuple[str, str]:
    """(value without forbidden characters, the characters dropped); fast when there are none."""
    if value.isprintable() or not _FORBIDDEN.search(value):
        return value, ""
    return _FORBIDDEN.sub("", value), "".join(_FORBIDDEN.findall(value))


def describe(dropped: str) -> str:
    """The dropped characters as code points a user can search for: "U+0000, U+000B"."""
    return ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in dropped))
