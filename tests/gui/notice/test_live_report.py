"""The recipients view's report, kept current fix by fix, says what a full `validate` pass would say."""

from __future__ import annotations

import random

import pytest

from desktop.core.recipients import Field, map_columns, read_recipients
from desktop.core.recipients.rows import prepared_rows
from desktop.gui.notice import live_report
from desktop.gui.notice.held_rows import (
    NUMBER,
    PROGRESS_EVERY,
    Cancelled,
    RowsInMemory,
    email_keys,
    estimated_rows,
    load_rows,
    validate_held,
)
from desktop.gui.notice.live_report import CHECKING, READING, CheckedList, LiveReport, read_list
from desktop.gui.notice.summary import summary_text
from tests.helpers.recipient_lists import generated_list

REQUIRED = ("recipient.name", "recipient.email", "recipient.extra.last_name")
ADDRESSES = [
    "ann@example.com",
    "ANN@example.com",
    "bob@example.com",
    "bob(at)example.com",
    "",
    "cy@example.org",
]


@pytest.fixture
def tangled(tmp_path):
    """Twelve rows that repeat four addresses in different cases, with blanks, a malformed address,
    a control character and a missing last name between them."""
    rows = [
        ("Ann", "Lee", "ann@example.com"),
        ("Bob", "Ray", "bob@example.com"),
        ("Ann", "Lee", "ANN@example.com"),
        ("Cy", "", "cy@example.org"),
        ("Di", "Fox", ""),
        ("Ed", "Kim", "bob@example.com"),
        ("Flo", "Ng", "flo(at)example.com"),
        ("Gus", "Orr", "ann@example.com"),
        ("Hal", "Poe", "h\x0bal@example.com"),
        ("Ivy", "Qin", "ivy@example.com"),
        ("Jo", "Roe", "cy@example.org"),
        ("Kai", "Sun", "kai@example.com"),
    ]
    path = tmp_path / "tangled.csv"
    lines = ["Name,Surname,Email"] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_recipients(path)
    return table, load_rows(table)


def assert_same_as_a_full_pass(live: LiveReport, overrides) -> None:
    full = validate_held(live.table, live.rows, live.mapping, live.required, overrides)
    mine = live.report()
    assert mine.issues == full.issues
    assert mine.summary == full.summary
    assert live.error_rows() == full.error_rows() == mine.error_rows()
    assert all(mine.issues_for(row[NUMBER]) == full.issues_for(row[NUMBER]) for row in live.rows)
    for skipped in (frozenset(), frozenset({2, 3}), frozenset(row[NUMBER] for row in live.rows[::3])):
        assert live.summary_text(skipped) == summary_text(full, skipped)
        assert live.has_errors_left(skipped) == bool(full.error_rows() - skipped)


def test_email_keys_are_the_addresses_a_merge_would_use(tangled):
    table, rows = tangled
    mapping = map_columns(table.columns)
    overrides = {(3, "Email"): "  Bob@Example.com ", (6, "Email"): "", (10, "Email"): "h\x0b@x.org "}
    memory = RowsInMemory(table.columns, table.header_row, rows)
    expected = {
        row.row: row.recipient.email.casefold()
        for row in prepared_rows(memory, mapping, overrides)  # type: ignore[arg-type]
        if row.recipient.email
    }
    assert email_keys(table, rows, mapping, overrides) == expected
    assert expected[3] == "bob@example.com" and 6 not in expected and expected[10] == "h@x.org"


def test_a_report_built_in_one_pass_is_the_cores(tangled):
    table, rows = tangled
    live = LiveReport(table, rows, map_columns(table.columns), REQUIRED, {})
    assert_same_as_a_full_pass(live, {})
    assert {2, 4, 8}.issubset({issue.row for issue in live.report().issues})


@pytest.mark.parametrize("seed", range(8))
def test_any_series_of_fixes_leaves_the_report_a_full_pass_would_give(tangled, seed):
    table, rows = tangled
    live = LiveReport(table, rows, map_columns(table.columns), REQUIRED, {})
    overrides: dict[tuple[int, str], str] = {}
    chance = random.Random(seed)
    numbers = [row[NUMBER] for row in rows]
    for _ in range(40):
        number = chance.choice(numbers)
        if chance.random() < 0.8:
            overrides[(number, "Email")] = chance.choice(ADDRESSES)
        else:
            overrides[(number, "Surname")] = chance.choice(["", "Moe"])
        live.recheck(number, overrides)
        assert_same_as_a_full_pass(live, overrides)


def test_a_fix_checks_only_the_rows_it_can_change(tangled):
    table, rows = tangled
    live = LiveReport(table, rows, map_columns(table.columns), REQUIRED, {})
    overrides = {(13, "Email"): "kai.sun@example.com"}  # an address no other row has
    assert live.recheck(13, overrides) == [13]
    overrides[(9, "Surname")] = "Poe-Orr"  # row 9 repeats row 2 and row 4's address ...
    assert live.recheck(9, overrides) == [2, 4, 9]  # ... so the first two are checked with it
    overrides[(2, "Email")] = "ann.lee@example.com"  # the first of three leaves: both others change
    assert live.recheck(2, overrides) == [4, 9, 2]
    assert_same_as_a_full_pass(live, overrides)


def test_reading_reports_progress_and_stops_when_told(tmp_path):
    path = generated_list(tmp_path / "big.csv", 5_000)
    table = read_recipients(path)
    assert estimated_rows(table) == 5_000
    heard: list[tuple[str, int, int]] = []
    checked = read_list(path, None, REQUIRED, lambda *args: heard.append(args))
    assert isinstance(checked, CheckedList) and checked.live.row_count == 5_000
    phases = [phase for phase, _done, _total in heard]
    assert phases.index(CHECKING) > phases.index(READING) and phases.count(READING) >= 4
    assert heard[0] == (READING, PROGRESS_EVERY, 5_000) and heard[-1] == (CHECKING, 5_000, 5_000)

    def stop(phase, done, _total):
        if phase == CHECKING and done >= 2 * PROGRESS_EVERY:
            raise Cancelled

    with pytest.raises(Cancelled):
        read_list(path, None, REQUIRED, stop)


def test_a_workbook_with_several_sheets_is_a_question_first(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Note"])
    sheet = workbook.create_sheet("Customers")
    sheet.append(["Name", "Email"])
    sheet.append(["Ada Lovelace", "ada@example.com"])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    assert read_list(path, None, (), ask_sheet=True) == live_report.SheetQuestion(["Notes", "Customers"])
    checked = read_list(path, "Customers", (), ask_sheet=True)
    assert isinstance(checked, CheckedList) and checked.live.mapping.columns_for(Field.EMAIL) == ("Email",)
