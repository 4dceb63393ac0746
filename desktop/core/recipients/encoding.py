"""Which text encoding a CSV file is in: BOM first, then strict UTF-8, then a detector.

Recipient lists come from Excel on Windows (Windows-1252, or UTF-16 from "Unicode text"),
from CRMs (UTF-8 with or without a BOM) and from older tools. Guessing wrong turns "Zoë"
into "ZoÃ«" on a letter to thousands of people, so the order is: the BOM, which is never
wrong; strict UTF-8 over the whole file, which legacy text practically never passes by
accident; and only then charset-normalizer, fed just the lines that hold non-ASCII bytes.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import IO

import charset_normalizer

from desktop.core.recipients.errors import RecipientFileError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHUNK = 1 << 20
_SAMPLE_LIMIT = 256 * 1024
"""Bytes of non-ASCII lines handed to the detector; plenty to tell code pages apart."""
_PREFERRED_LEGACY = "cp1252"
"""Windows-1252 wins a tie: it is what Excel writes for the Western European and North
American offices Amends is for, and short samples leave the detector unsure between
Windows code pages (it reads "Œuvre" as Windows-1250 "Śuvre")."""
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def detect_encoding(path: Path) -> str:
    """The Python codec name to read `path` with; raises RecipientFileError for non-text."""
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
            _refuse_binary(path, head)
            for bom, name in _BOMS:
                if head.startswith(bom):
                    return name
            if _looks_like_utf16(head):
                return "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
            stream.seek(0)
            is_utf8, sample = _scan(stream)
    except OSError as exc:
        raise RecipientFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    if is_utf8:
        return "utf-8"
    return _guess_legacy(path, sample)


def _refuse_binary(path: Path, head: bytes) -> None:
    if head.startswith(_ZIP_MAGIC):
        raise RecipientFileError(path, "is an Excel workbook or other zip file, not CSV; save it as .xlsx")
    if head.startswith(_OLE_MAGIC):
        raise RecipientFileError(path, "is an old Excel (.xls) file; save it as .xlsx or CSV")


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: text in the Latin range leaves a zero in every other byte."""
    if len(head) < 4:
        return False
    zeros = max(head[0::2].count(0), head[1::2].count(0))
    return zeros > len(head) // 2 * 0.6


def _scan(stream: IO[bytes]) -> tuple[bool, bytes]:
    """Check the whole file as UTF-8 chunk by chunk, keeping the non-ASCII lines as a sample.

    Reading the whole file keeps a cp1252 "é" at row 50,000 from being read as UTF-8 (and
    failing there); keeping only non-ASCII lines keeps the memory flat.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    is_utf8 = True
    sample = bytearray()
    carry = b""
    while chunk := stream.read(_CHUNK):
        if is_utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                is_utf8 = False
        if len(sample) < _SAMPLE_LIMIT:
            *lines, carry = (carry + chunk).split(b"\n")
            sample += b"".join(line + b"\n" for line in lines if not line.isascii())
            carry = carry[-_CHUNK:]
    if is_utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    if not carry.isascii():
        sample += carry
    return is_utf8, bytes(sample[:_SAMPLE_LIMIT])


def _guess_legacy(path: Path, sample: bytes) -> str:
    matches = charset_normalizer.from_bytes(sample)
    best = matches.best()
    if best is None:
        raise RecipientFileError(
            path, "is not text in any encoding Amends recognises; save it as CSV UTF-8 and try again"
        )
    for match in matches:
        if match.chaos <= best.chaos and _PREFERRED_LEGACY in match.could_be_from_charset:
            return _PREFERRED_LEGACY
    return best.encoding
