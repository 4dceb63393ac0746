"""A worksheet's rows as openpyxl reads them, without keeping every parsed row alive.

openpyxl's read-only reader clears each `<row>` element once parsed but leaves it attached
to `<sheetData>`: after 100,000 rows that is 100,000 live Element objects, which Python's
cyclic collector walks on every full collection. Each collection then holds the GIL for
60 to 150 ms, and while a list loads on a worker thread the window stops answering keys
for as long (tests/benchmarks/bench_window_recipients.py: keystroke p95 88 ms). This parser
is openpyxl's own, with one change: a row leaves the tree once parsed.

It leans on openpyxl's private reader (`WorkSheetParser`, `_get_source`, `_get_row`);
`rows_of` returns None when those are not there, and the caller uses the public API.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def rows_of(worksheet: Any) -> Iterator[tuple[object, ...]] | None:
    """The sheet's rows as value tuples, from row 1, gaps filled with empty rows; or None
    when this openpyxl has no reader to borrow."""
    try:
        from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser
        from openpyxl.xml.functions import iterparse
    except ImportError:
        return None
    if not all(hasattr(worksheet, name) for name in ("_get_source", "_get_row", "_shared_strings")):
        return None

    # openpyxl ships no types, so mypy sees WorkSheetParser as Any and refuses it as a base.
    class ReleasingParser(WorkSheetParser):  # type: ignore[misc]
        def parse(self) -> Iterator[tuple[int, list[Any]]]:
            parent = None
            for event, element in iterparse(self.source, events=("start", "end")):
                if event == "start":
                    if parent is None and element.tag.endswith("}sheetData"):
                        parent = element
                elif element.tag == ROW_TAG:
                    row = self.parse_row(element)
                    if parent is not None:
                        parent.remove(element)  # always the first child: earlier ones are gone
                    yield row

    return _filled(worksheet, ReleasingParser)


def _filled(worksheet: Any, parser_class: Any) -> Iterator[tuple[object, ...]]:
    workbook = worksheet.parent
    with worksheet._get_source() as source:
        parser = parser_class(
            source,
            worksheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        expected = 1
        for number, cells in parser.parse():
            while expected < number:  # rows the file leaves out are blank rows
                expected += 1
                yield ()
            if expected == number:
                expected += 1
                yield tuple(worksheet._get_row(cells, values_only=True))
