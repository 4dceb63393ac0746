"""Output file names from a pattern such as "{account}-{last_name}.docx", safe on every file system.

A recipient list is data from outside: a last name of "../../etc/passwd", "CON", "a:b" or
one with a control character must still give a file inside the output folder that
Windows, macOS and Linux all accept. Each value is cleaned before it goes into the
pattern (so a separator in a name cannot make a folder), and the whole name after.

Emoji and other non-ASCII letters are kept: NTFS, APFS and ext4 all store them, and
"Zoë 🌻.docx" is what the user would type. Lengths are counted in UTF-8 bytes, since
ext4 limits a name to 255 bytes and a letter name has no business being longer than 120.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping

from desktop.core.recipients.rows import RecipientRow

MAX_STEM_BYTES = 120
_ILLEGAL = re.compile(r'[<>:"|?*]')
"""Characters Windows refuses in a name; each becomes "_" so the words stay apart."""
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
"""Control characters, dropped once whitespace ones (tab, newline) have become spaces."""
_INVISIBLE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]")
"""Bidirectional controls, which can make "cod.exe" display as "exe.doc"; BOM; surrogates."""
_DRIVE = re.compile(r"^[A-Za-z]:")
_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]]
)
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}$")
STANDARD_PLACEHOLDERS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "reference",
    "account",
    "title",
    "organisation",
    "row",
)


class FileNameError(ValueError):
    """A file name pattern that cannot be filled: it names a field the list does not have."""


def placeholders(pattern: str) -> list[str]:
    """The field names a pattern uses, in order; FileNameError for "{a.b}", "{0}" or a stray brace."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise FileNameError(
            f"the pattern {pattern!r} is not valid ({exc}); write fields as {{last_name}}"
        ) from None
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise FileNameError(f"{{{name}}} in {pattern!r} is not a plain field name such as {{last_name}}")
        names.append(name)
    return names


def clean_component(value: str) -> str:
    """One value made harmless in a file name: no folders, drives, controls or characters Windows refuses."""
    value = unicodedata.normalize("NFC", _INVISIBLE.sub("", value))
    value = _CONTROL.sub("", re.sub(r"\s+", " ", value)).strip()
    parts = re.split(r"[/\\]+", _DRIVE.sub("", value))
    value = "-".join(part for part in (p.strip() for p in parts) if part.strip(". "))
    return _ILLEGAL.sub("_", value)


def safe_stem(stem: str, row: int, max_bytes: int = MAX_STEM_BYTES) -> str:
    """The name before the suffix: cleaned, shortened, not reserved, never empty."""
    stem = clean_component(stem).lstrip(". ")
    stem = _truncate(stem, max_bytes).rstrip(". ")
    if not stem:
        return f"recipient-{row}"
    head, dot, tail = stem.partition(".")
    if head.rstrip(" ").upper() in _RESERVED:  # Windows also reserves "CON.backup" and "con .txt"
        stem = f"{head.rstrip(' ')}_{dot}{tail}"
    return stem


def _truncate(text: str, max_bytes: int) -> str:
    """At most `max_bytes` of UTF-8, never splitting a character or leaving a dangling joiner."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    text = text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    while text and (unicodedata.combining(text[-1]) or text[-1] in "\u200d\ufe0f"):
        text = text[:-1]
    return text


class FileNamer:
    """Names for one run's output files: filled from each row, made safe, and never the same twice.

    Names are compared case-insensitively (Windows and macOS would overwrite "Lee.docx"
    with "LEE.docx"); a repeat becomes "Lee (2).docx". Pass `existing` to avoid names
    already in the output folder.
    """

    def __init__(self, pattern: str, available: Iterable[str], existing: Iterable[str] = ()):
        available = sorted({name for name in available if name} | set(STANDARD_PLACEHOLDERS))
        for name in placeholders(pattern):
            if name not in available:
                raise FileNameError(
                    f"the pattern {pattern!r} uses {{{name}}}, which is not a field of this list; "
                    f"available: {', '.join('{' + a + '}' for a in available)}"
                )
        found = _SUFFIX.search(pattern)
        self.pattern = pattern[: found.start()] if found else pattern
        self.suffix = found.group().lower() if found else ""
        self._used = {name.casefold() for name in existing}

    def name(self, fields: Mapping[str, str], row: int) -> str:
        """The file name for one row, given its fields by placeholder name."""
        values = {key: clean_component(str(fields.get(key, ""))) for key in placeholders(self.pattern)}
        stem = safe_stem(self.pattern.format_map(values), row)
        return self._claim(stem)

    def name_for(self, row: RecipientRow) -> str:
        return self.name(placeholder_values(row), row.row)

    def _claim(self, stem: str) -> str:
        candidate, n = f"{stem}{self.suffix}", 2
        while candidate.casefold() in self._used:
            numbered = f" ({n})"
            candidate = (
                f"{_truncate(stem, MAX_STEM_BYTES - len(numbered)).rstrip('. ')}{numbered}{self.suffix}"
            )
            n += 1
        self._used.add(candidate.casefold())
        return candidate


def placeholder_values(row: RecipientRow) -> dict[str, str]:
    """What a pattern can use for one row: the standard names, then every column by identifier."""
    recipient = row.recipient
    return {
        "name": recipient.name,
        "first_name": recipient.first_name,
        "last_name": recipient.last_name,
        "email": recipient.email,
        "reference": recipient.reference,
        "account": recipient.reference,
        "title": recipient.title,
        "organisation": recipient.organisation,
        "row": str(row.row),
        **recipient.extra,
    }
