"""File ▸ Export Notice… to PDF: one print file with every letter numbered on its own, or a
PDF per recipient, chosen and run by clicks as a user does it."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from tests.gui.notice.test_errors_per_output import click_output, export_button
from tests.helpers.pdf_tools import pdf_pages_text
from tests.helpers.window import open_export_notice


@pytest.fixture
def window(notice_window):
    return notice_window


def run_export(qtbot, window, label: str):
    dialog = open_export_notice(qtbot, window)
    click_output(qtbot, dialog, label)
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as done:
        qtbot.mouseClick(export_button(dialog), Qt.MouseButton.LeftButton)
    dialog.close()
    return done.args[0]


def test_one_pdf_for_print_holds_every_letter_each_numbered_from_its_own_first_page(qtbot, window):
    result = run_export(qtbot, window, "One PD&F for print")
    assert result.written == 36 and result.output.suffix == ".pdf"
    pages = pdf_pages_text(result.output)
    firsts = [i for i, text in enumerate(pages) if not re.search(r"Page \d+ of \d+", text)]
    assert len(firsts) == 36  # each letter opens on a page of its own, with no continuation header
    for start, end in zip(firsts, [*firsts[1:], len(pages)], strict=True):
        count = end - start
        for number in range(2, count + 1):
            assert f"Page {number} of {count}" in pages[start + number - 1]
        assert "Kind regards," in pages[end - 1]  # the sign-off ends each letter, on its last page
    assert "Amara" in pages[firsts[0]]
    (entry, *_) = window.history.search("")
    assert entry.channel == "notice:pdf"


def test_one_pdf_per_recipient_fills_a_folder(qtbot, window):
    result = run_export(qtbot, window, "One PDF pe&r recipient")
    files = sorted(result.output.glob("*.pdf"))
    assert result.written == 36 and len(files) == 36
    assert all(pdf_pages_text(path)[0].strip() for path in files[:3])
