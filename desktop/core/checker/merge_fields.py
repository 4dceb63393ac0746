"""merge-field-missing: a notice's merge fields that some recipients have no value for.

Recipients arrive as rows (mappings of column name to value), whatever read them: the CSV
import, a test, or the GUI's recipient table. Row numbers in messages count from 1, as a
spreadsheet's data rows do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from desktop.core.checker.findings import Finding
from desktop.core.checker.measure import letter_finding
from desktop.core.checker.rules import Rule
from desktop.core.checker.text import PreparedText
from desktop.core.merge_fields import MERGE_FIELD

_ROWS_NAMED = 10


def merge_fields_in(prepared: PreparedText) -> list[re.Match[str]]:
    return list(MERGE_FIELD.finditer(prepared.original))


def columns_of(recipients: Sequence[Mapping[str, str]]) -> set[str]:
    return {column for row in recipients for column in row}


def merge_field_findings(
    rule: Rule,
    recipients: Sequence[Mapping[str, str]],
    uses: Iterable[tuple[str, PreparedText, re.Match[str]]],
    extra_fields: Iterable[str] = (),
) -> list[Finding]:
    """One finding per merge field used, naming the rows that leave it empty.

    `uses` are the {{ field }} references found in the text; `extra_fields` are fields a
    template needs that do not appear in the writer's text (reported on the letter).
    """
    findings: list[Finding] = []
    reported: set[str] = set()
    for field, _prepared, match in uses:
        name = match.group(1)
        rows = _rows_missing(recipients, name)
        if rows:
            findings.append(
                letter_finding(
                    rule, _message(name, rows), field, match.start(), match.end(), matched=match.group(0)
                )
            )
            reported.add(name)
    for name in extra_fields:
        rows = _rows_missing(recipients, name)
        if rows and name not in reported:
            findings.append(letter_finding(rule, _message(name, rows), "recipients", matched=name))
    return findings


def _rows_missing(recipients: Sequence[Mapping[str, str]], name: str) -> list[int]:
    return [number for number, row in enumerate(recipients, 1) if not str(row.get(name) or "").strip()]


def _message(name: str, rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:_ROWS_NAMED])
    more = f" and {len(rows) - _ROWS_NAMED} more" if len(rows) > _ROWS_NAMED else ""
    noun = "row" if len(rows) == 1 else "rows"
    return f"The merge field {{{{ {name} }}}} is empty or missing for recipient {noun} {shown}{more}."
