"""CSV cells that a spreadsheet will show as text, never run as a formula.

A CSV of recipients and bodies goes to a mail platform, and someone will open it in Excel
first. A cell such as =HYPERLINK("http://x","y") from a hostile sign-up form would then be
live. OWASP's advice: prefix any cell starting with =, +, -, @, tab or carriage return with
a single quote. The cost is a visible quote on negative numbers, which a recipient list
does not hold.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """`value` as CSV cell text that Excel, LibreOffice and Google Sheets will not evaluate."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
