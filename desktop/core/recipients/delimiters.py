"""Which delimiter a CSV file uses: csv.Sniffer first, checked, with a counting fallback.

Excel writes ";" where the decimal separator is a comma, "," elsewhere, tab for "Unicode
text", and some CRMs use "|". csv.Sniffer usually knows, but it is fooled by names such as
"Smith, John" in a semicolon file, so its answer is only taken when every sampled row then
has as many cells as the header; otherwise the delimiter that does best at that wins.
"""

from __future__ import annotations

import csv
import io

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_ROWS = 50


def sniff_delimiter(sample: str) -> str:
    """The delimiter of the CSV text `sample` (the start of the file); "," when it is one column."""
    sample = _whole_lines(sample)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    scores = {delimiter: _score(sample, delimiter) for delimiter in DELIMITERS}
    if sniffed in scores and scores[sniffed] >= max(scores.values()):
        return sniffed
    best = max(DELIMITERS, key=lambda d: scores[d])
    return best if scores[best] > (0.0, 1) else ","


def _whole_lines(sample: str) -> str:
    """Drop a last line cut off by the sample's size, unless it is the only one."""
    cut = sample.rfind("\n")
    return sample[: cut + 1] if cut > 0 else sample


def _score(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of rows with the header's cell count, header cell count); one column scores nothing."""
    rows = []
    try:
        for row in csv.reader(io.StringIO(sample), delimiter=delimiter):
            if any(cell.strip() for cell in row):
                rows.append(len(row))
            if len(rows) >= _SAMPLE_ROWS:
                break
    except csv.Error:
        return (0.0, 0)
    if not rows or rows[0] < 2:
        return (0.0, 1)
    return (sum(n == rows[0] for n in rows) / len(rows), rows[0])
