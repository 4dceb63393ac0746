"""A 100,000-row list is read and validated in flat memory.

Speed is measured by benchmarks, not asserted here: a slow CI machine must not fail a
correct build.
"""

from __future__ import annotations

import tracemalloc

from desktop.core.recipients import IssueKind, iter_recipients, read_recipients, validate

ROWS = 100_000
PEAK_LIMIT = 50 * 1024 * 1024


def write_big_list(path):
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write("Account No.;First Name;Last Name;E-mail;Signup Source;Address\r\n")
        for n in range(ROWS):
            email = f"broken{n}@" if n % 10_000 == 0 else f"customer.{n}@example.com"
            out.write(f"A{n:06d};Zoë;Müller-{n};{email};web;{n} Rue de l'Œuvre\r\n")
        out.write("A999999;Dup;Licate;CUSTOMER.5@example.com;web;1 Main St\r\n")


def test_100k_rows_validate_in_flat_memory(tmp_path):
    path = tmp_path / "big.csv"
    write_big_list(path)
    tracemalloc.start()
    try:
        table = read_recipients(path)
        report = validate(table, required=["recipient.name", "recipient.email", "recipient.extra.account"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    kept = [row.row for row in iter_recipients(table, skip_rows=report.error_rows()) if row.row % 25_000 == 0]
    assert table.encoding == "cp1252"
    assert report.summary.rows == ROWS + 1
    assert report.summary.by_kind == {IssueKind.MALFORMED_EMAIL: 10, IssueKind.DUPLICATE_EMAIL: 2}
    assert report.error_rows() == {2 + n for n in range(0, ROWS, 10_000)}
    assert [i.row for i in report.issues if i.kind is IssueKind.DUPLICATE_EMAIL] == [7, ROWS + 2]
    assert kept == [25_000, 50_000, 75_000, 100_000]
    assert peak < PEAK_LIMIT
