"""Reading PDFs back with poppler (pdftotext, pdffonts, pdfinfo), as a user's viewer would."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers.tools import require_tool

POPPLER = "poppler-utils"


def _run(program: str, *args: str) -> str:
    path = require_tool(program, POPPLER)
    return subprocess.run([path, *args], check=True, capture_output=True, text=True).stdout


def pdf_pages_text(pdf: Path, layout: bool = False) -> list[str]:
    """The text of each page, in reading order."""
    text = _run("pdftotext", *(["-layout"] if layout else []), str(pdf), "-")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_info(pdf: Path) -> dict[str, str]:
    info = {}
    for line in _run("pdfinfo", str(pdf)).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    return info


def pdf_fonts(pdf: Path) -> list[dict[str, str]]:
    """One row a font: name, type, and the emb, sub and uni flags."""
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    rows = []
    for line in lines:
        fields = line.split()
        # name, type (one or two words), encoding, emb, sub, uni, object id, generation
        rows.append({"name": fields[0], "emb": fields[-5], "sub": fields[-4], "uni": fields[-3]})
    return rows
