"""Command-line options for the printed page (paper size, margins, logo), shared by
`amends render` and `amends merge`."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from desktop.core.writers.docx import DocxLayout, DocxWriter
from desktop.core.writers.docx_parts import PAGE_SIZES_TWIPS, PageSetup


class LayoutOptionError(ValueError):
    pass


def add_layout_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("printed page (DOCX and PDF)")
    group.add_argument(
        "--page-size",
        choices=sorted(PAGE_SIZES_TWIPS),
        help="paper size (default: Letter for US, Canadian and similar locales, else A4)",
    )
    group.add_argument("--margins", metavar="MM", help="margins in mm: one value, or top,right,bottom,left")
    group.add_argument("--logo", type=Path, help="a PNG or JPEG printed at the top of the letterhead")


def layout_from_args(args: argparse.Namespace, base: DocxLayout | None = None) -> DocxLayout | None:
    """`base` (the settings' paper, margins and logo) with whatever the options change."""
    if args.page_size is None and args.margins is None and args.logo is None:
        return base
    if args.logo is not None and not args.logo.is_file():
        raise LayoutOptionError(f"{args.logo}: no such logo file")
    base = base or DocxLayout()
    page = base.page
    if args.page_size or args.margins:
        size = args.page_size or (page.size if page else "A4")
        try:
            if args.margins:
                page = PageSetup(size=size, margins_mm=_margins(args.margins))
            else:
                page = PageSetup(size=size, margins_mm=page.margins_mm) if page else PageSetup(size=size)
        except ValueError as exc:
            raise LayoutOptionError(f"--margins: {exc}") from None
    layout = dataclasses.replace(base, page=page, logo=args.logo or base.logo)
    try:
        DocxWriter(layout)  # reads the logo now, so a bad image stops the command before any work
    except ValueError as exc:
        raise LayoutOptionError(str(exc)) from None
    return layout


def _margins(text: str) -> tuple[float, float, float, float]:
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        raise LayoutOptionError(f"--margins {text!r}: give millimetres, e.g. 20 or 20,22,20,22") from None
    if len(values) == 1:
        values *= 4
    if len(values) != 4:
        raise LayoutOptionError(f"--margins {text!r}: give one value or four (top,right,bottom,left)")
    return (values[0], values[1], values[2], values[3])
