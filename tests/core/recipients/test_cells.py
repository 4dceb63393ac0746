"""Formula injection: CSV cells a spreadsheet would run are turned into text."""

from __future__ import annotations

import pytest

from desktop.core.recipients import safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1 416 555 0134", "'+1 416 555 0134"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Zoë Müller", "Zoë Müller"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
