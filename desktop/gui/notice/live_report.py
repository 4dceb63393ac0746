"""The validation report of a held list, kept current row by row as the user fixes cells.

A full pass over 100,000 rows takes a third of a second; a fix changes one row. So the
report is built once (on a worker thread, see list_job.py) and then a fix re-checks only
what it can change: the edited row, and, when its e-mail address changes, the rows it
stops or starts repeating. A duplicate mark names the first row with the address (and the
first row names the second), so re-checking the group's first two rows with the edited one,
through the core's own `validate`, gives every changed mark exactly as a full pass would;
only when the first row of a group changes do all of its rows get new messages.

Held to the core by tests: after any series of fixes, `report()` equals `validate` over the
whole list with the same fixes.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from desktop.core.recipients import (
    ColumnMapping,
    Issue,
    IssueKind,
    RecipientTable,
    Severity,
    ValidationReport,
    ValidationSummary,
    map_columns,
    read_recipients,
    sheet_names,
)
from desktop.core.recipients.table import XLSX_SUFFIXES
from desktop.gui.notice.held_rows import (
    NUMBER,
    HeldRow,
    Overrides,
    Progress,
    email_key,
    email_keys,
    load_rows,
    validate_held,
)
from desktop.gui.notice.summary import counts_text


class LiveReport:
    """What `validate` says of `rows` with `mapping`, `required` and the current fixes."""

    def __init__(
        self,
        table: RecipientTable,
        rows: Sequence[HeldRow],
        mapping: ColumnMapping,
        required: tuple[str, ...],
        overrides: Overrides,
        progress: Progress | None = None,
    ):
        """A full validation pass; `progress` as for `validate_held`."""
        self.table, self.rows, self.mapping, self.required = table, rows, mapping, required
        report = validate_held(table, rows, mapping, required, overrides, progress)
        self.header_row = report.header_row
        self.row_count = report.summary.rows
        self._by_row: dict[int, list[Issue]] = {}
        for issue in report.issues:
            self._by_row.setdefault(issue.row, []).append(issue)
        self._errors = report.error_rows()
        self._warned = {row for row in self._by_row if row != self.header_row} - self._errors
        self._kinds = Counter(report.summary.by_kind)
        self._keys = email_keys(table, rows, mapping, overrides)
        self._groups: dict[str, int | list[int]] = {}
        """Casefolded address -> the row that has it, or the rows in file order when several
        do (100,000 one-row lists would slow every full pass of Python's cyclic collector)."""
        groups = self._groups
        for number, key in self._keys.items():  # in file order
            first = groups.setdefault(key, number)
            if first != number:
                if isinstance(first, int):
                    groups[key] = [first, number]
                else:
                    first.append(number)
        self._report: ValidationReport | None = report

    # --- reading ------------------------------------------------------------------------------

    def issues_for(self, row: int) -> Sequence[Issue]:
        """The row's issues in the core's order; read-only."""
        return self._by_row.get(row, ())

    def error_rows(self) -> set[int]:
        """Data rows with at least one error; read-only."""
        return self._errors

    def has_errors_left(self, skipped: Set[int]) -> bool:
        """Whether a row with an error is not skipped."""
        return len(self._errors) > len(self._errors & skipped)

    def summary_text(self, skipped: Set[int]) -> str:
        """summary.summary_text(self.report(), skipped), "36 rows: 34 ready, 2 with errors", from
        the running counts: after a fix in a list where every row has a mark, no pass over them
        all (tests hold the two to the same words)."""
        errors = len(self._errors) - len(self._errors & skipped)
        warned = len(self._warned) - len(self._warned & skipped)
        return counts_text(self.row_count, warned, errors, len(skipped))

    def report(self) -> ValidationReport:
        """The whole report, as `validate` would give it; made again only after a fix."""
        if self._report is None:
            issues = [issue for row in sorted(self._by_row) for issue in self._by_row[row]]
            kinds = {kind: count for kind, count in self._kinds.items() if count}
            summary = ValidationSummary(self.row_count, len(self._errors), len(self._warned), kinds)
            self._report = _KeptReport(issues, summary, self.header_row, dict(self._by_row))
        return self._report

    # --- a fix ----------------------------------------------------------------------------------

    def recheck(self, number: int, overrides: Overrides) -> list[int]:
        """Row `number` was fixed (`overrides` are all the fixes now): its marks and those of
        the rows sharing its old or new address made current. Returns the rows re-checked."""
        row = self._row(number)
        old = self._keys.get(number, "")
        new = email_key(self.table, row, self.mapping, overrides)
        batches: list[list[int]] = []
        if old == new:
            batches.append(self._with_first_two(self._members(new), {number}))
        else:
            if old:
                batches.append(self._leave(old, number))
            if new:
                batches.append(self._join(new, number))
            else:
                batches.append([number])
        checked: list[int] = []
        for batch in batches:
            if batch:
                self._check(batch, overrides)
                checked += batch
        self._report = None
        return checked

    def _members(self, key: str) -> list[int]:
        """The rows with this address, in file order (a new list)."""
        group = self._groups.get(key, [])
        return [group] if isinstance(group, int) else list(group)

    def _set_members(self, key: str, group: list[int]) -> None:
        if not group:
            del self._groups[key]
        else:
            self._groups[key] = group[0] if len(group) == 1 else group

    def _leave(self, key: str, number: int) -> list[int]:
        """Take `number` out of its old group; the rows whose marks that may change."""
        group = self._members(key)
        place = bisect.bisect_left(group, number)
        del group[place]
        del self._keys[number]
        self._set_members(key, group)
        if not group:
            return []
        if place == 0:
            return list(group)  # a new first row: every duplicate now names it
        if place == 1:
            return group[:2]  # the first row now names another second row, or none
        return []

    def _join(self, key: str, number: int) -> list[int]:
        """Put `number` in the group of its new address; the rows whose marks that may change."""
        group = self._members(key)
        bisect.insort(group, number)
        self._keys[number] = key
        self._set_members(key, group)
        if group[0] == number:
            return list(group)
        return self._with_first_two(group, {number})

    @staticmethod
    def _with_first_two(group: list[int], rows: set[int]) -> list[int]:
        """`rows` with the group's first two rows: enough for `validate` to word their marks."""
        return sorted(rows | set(group[:2]))

    def _check(self, numbers: list[int], overrides: Overrides) -> None:
        """Validate these rows (in file order) together and keep what it says of each."""
        wanted = set(numbers)
        fixes = {key: value for key, value in overrides.items() if key[0] in wanted}
        rows = [self._row(number) for number in numbers]
        fresh = validate_held(self.table, rows, self.mapping, self.required, fixes)
        found: dict[int, list[Issue]] = {}
        for issue in fresh.issues:
            if issue.row != self.header_row and issue.kind is not IssueKind.NO_ROWS:
                found.setdefault(issue.row, []).append(issue)
        for number in numbers:
            issues = found.get(number)
            self._errors.discard(number)
            self._warned.discard(number)
            self._kinds.subtract(issue.kind for issue in self._by_row.get(number, ()))
            if not issues:
                self._by_row.pop(number, None)
                continue
            self._kinds.update(issue.kind for issue in issues)
            self._by_row[number] = issues  # a new list: a report made earlier shares the old one
            if any(issue.severity is Severity.ERROR for issue in issues):
                self._errors.add(number)
            else:
                self._warned.add(number)

    def _row(self, number: int) -> HeldRow:
        index = bisect.bisect_left(self.rows, number, key=lambda row: row[NUMBER])
        row = self.rows[index]
        assert row[NUMBER] == number, f"no held row {number}"
        return row


class _KeptReport(ValidationReport):
    """A ValidationReport over issues already grouped by row: the core's own constructor would
    group 100,000 of them again, a tenth of a second, after every fix."""

    def __init__(self, issues: list[Issue], summary: ValidationSummary, header_row: int, by_row: dict):
        self.issues, self.summary, self.header_row, self._by_row = issues, summary, header_row, by_row


READING, CHECKING = "reading", "checking"
PhaseProgress = Callable[[str, int, int], None]
"""(READING or CHECKING, rows done, rows in all or 0 when not known); may raise Cancelled."""


@dataclass(frozen=True)
class CheckedList:
    """A list held in memory with its report, and the fixes the report was made with."""

    live: LiveReport
    overrides: Mapping[tuple[int, str], str]


@dataclass(frozen=True)
class SheetQuestion:
    """A workbook with several sheets: which one to read is the user's to say."""

    names: list[str]


def read_list(
    path: Path,
    sheet: str | None,
    required: tuple[str, ...],
    progress: PhaseProgress | None = None,
    *,
    ask_sheet: bool = False,
) -> CheckedList | SheetQuestion:
    """Open, hold and check a list, columns mapped by their headers; RecipientFileError if unusable.

    With `ask_sheet`, a workbook with several sheets and no `sheet` chosen is not read: the
    answer is a SheetQuestion (opening a big workbook for its sheet names takes a while too).
    """
    if ask_sheet and sheet is None and path.suffix.lower() in XLSX_SUFFIXES:
        names = sheet_names(path)
        if len(names) > 1:
            return SheetQuestion(names)
        sheet = names[0] if names else None
    table = read_recipients(path, sheet=sheet)
    rows = load_rows(table, _phase(progress, READING))
    live = LiveReport(table, rows, map_columns(table.columns), required, {}, _phase(progress, CHECKING))
    return CheckedList(live, {})


def check_list(
    table: RecipientTable,
    rows: Sequence[HeldRow],
    mapping: ColumnMapping,
    required: tuple[str, ...],
    overrides: Mapping[tuple[int, str], str],
    progress: PhaseProgress | None = None,
) -> CheckedList:
    """A held list checked again, for another mapping or other required fields."""
    overrides = dict(overrides)
    return CheckedList(
        LiveReport(table, rows, mapping, required, overrides, _phase(progress, CHECKING)), overrides
    )


def _phase(progress: PhaseProgress | None, phase: str) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total: progress(phase, done, total)
