"""Rows of a CSV file, decoded and split, one at a time."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Generator
from pathlib import Path

from desktop.core.recipients.delimiters import sniff_delimiter
from desktop.core.recipients.encoding import detect_encoding
from desktop.core.recipients.errors import RecipientFileError

_SNIFF_CHARS = 64 * 1024
_CELL_LIMIT = 1 << 20
"""A megabyte per cell: far above any real address, low enough to stop a runaway quote."""
_READ_CHUNK = 1 << 20
"""Bytes read and decoded at a time below the header. Python lets other threads run during
each read, and a thread reading a list in the background in 8 KB reads (the default) lets
go of the GIL so often that the GUI thread, which must wait for a quiet moment before it may
ask for it, was kept waiting up to a tenth of a second while a list loaded. In 1 MB reads, a
4 MB list takes four. (Opening a file reads just its header, in 8 KB, so a badly encoded row
further down is still reported when the rows are read, not when the file is opened.)"""


def csv_dialect(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """(encoding, delimiter) of a CSV file, detected unless the encoding is given."""
    encoding = encoding or detect_encoding(path)
    try:
        with path.open(encoding=encoding, newline="") as stream:
            sample = stream.read(_SNIFF_CHARS)
    except UnicodeError:  # also UTF-16 chosen for a file without a byte-order mark
        raise RecipientFileError(path, f"cannot be read as {encoding}; choose another encoding") from None
    except (OSError, LookupError) as exc:
        raise RecipientFileError(path, f"cannot be read ({exc})") from None
    return encoding, sniff_delimiter(sample)


def csv_rows(path: Path, encoding: str, delimiter: str) -> Generator[tuple[int, list[str]], None, None]:
    """(row number, cells) for every record, blank ones included, numbered from 1.

    A record counts as one row even when a quoted cell spans several lines, as it does
    when the file is opened in a spreadsheet.
    """
    csv.field_size_limit(max(csv.field_size_limit(), _CELL_LIMIT))
    number = 0
    try:
        with path.open(encoding=encoding, newline="") as stream:
            for number, cells in enumerate(csv.reader(stream, delimiter=delimiter, quotechar='"'), 1):
                yield number, cells
                if number == 1:  # past the header, which alone is read in small chunks
                    stream._CHUNK_SIZE = _READ_CHUNK  # type: ignore[attr-defined]  # see _READ_CHUNK
    except UnicodeError:
        line = _first_bad_line(path, encoding)
        raise RecipientFileError(
            path, f"line {line} is not valid {encoding} text; save the file as CSV UTF-8 and try again"
        ) from None
    except csv.Error as exc:
        raise RecipientFileError(path, f"row {number + 1} cannot be read as CSV ({exc})") from None
    except OSError as exc:
        raise RecipientFileError(path, f"cannot be read ({exc.strerror or exc})") from None


def _first_bad_line(path: Path, encoding: str) -> int:
    """The line holding the first undecodable bytes: the text reader decodes ahead, so its
    position at the error says nothing precise."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with path.open("rb") as stream:
        for number, line in enumerate(stream, 1):
            try:
                decoder.decode(line)
            except UnicodeError:
                return number
    return number
