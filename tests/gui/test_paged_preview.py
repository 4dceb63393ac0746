"""The Pages tab: the letter on paper, the same pages the PDF prints, opened from the View
menu or its tab as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop import paths
from desktop.core.writers.pdf import PdfWriter
from desktop.gui import dialogs
from desktop.gui.settings import SettingsDialog
from tests.helpers.pdf_tools import pdf_pages_text
from tests.helpers.readback import words_of_text
from tests.helpers.window import menu_action, open_window, type_into, wait_for_update

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"


def page_words(page) -> list[str]:
    return words_of_text(" ".join(line.text for line in page.lines))


def test_view_pages_shows_the_letter_on_the_pages_the_pdf_prints(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RRSP, example=True)
    window.updater.update_now()
    menu_action(window, "Pa&ges as Printed").trigger()
    assert window.preview.currentWidget() is window.preview.pages

    pages = window.preview.pages.pages
    assert len(pages) == 1  # the RRSP letter fits one page, on screen as on paper
    pdf = tmp_path / "letter.pdf"
    PdfWriter(window.exports.layout).write(window.updater.document, pdf)
    (printed,) = pdf_pages_text(pdf)
    assert page_words(pages[0]) == words_of_text(printed)

    image = window.preview.pages.canvas.grab().toImage()
    rect = window.preview.pages.canvas.page_rects()[0].toRect()
    inked = sum(
        QColor(image.pixel(x, y)).lightness() < 128
        for x in range(rect.left() + 5, rect.right() - 5, 3)
        for y in range(rect.top() + 5, min(rect.bottom(), image.height()) - 5, 3)
    )
    assert inked > 200  # text is painted on the page, not a blank sheet


def test_a_longer_letter_grows_pages_with_a_continuation_header_as_one_types(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RRSP, example=True)
    window.updater.update_now()
    tab_bar = window.preview.tabBar()
    pages_tab = window.preview.indexOf(window.preview.pages)
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(pages_tab).center())
    assert window.preview.currentWidget() is window.preview.pages
    assert len(window.preview.pages.pages) == 1

    window.form.editor_for("closing_note").clear()
    type_into(qtbot, window, "closing_note", "We reviewed every step of your withdrawal request. " * 90)
    wait_for_update(qtbot, window)
    pages = window.preview.pages.pages
    assert len(pages) >= 2
    count = len(pages)
    assert not any("Page 1 of" in line.text for line in pages[0].lines)
    for number, page in enumerate(pages[1:], start=2):
        top = min(line.baseline for line in page.lines)
        header = " ".join(line.text for line in page.lines if line.baseline == top)
        assert "Ms Danielle Tremblay" in header and f"Page {number} of {count}" in header
    last_words = page_words(pages[-1])
    assert "sincerely," in " ".join(last_words) or "regards," in " ".join(last_words)

    pdf = tmp_path / "long.pdf"
    PdfWriter(window.exports.layout).write(window.updater.document, pdf)
    assert [page_words(p) for p in pages] == [words_of_text(t) for t in pdf_pages_text(pdf)]


def test_merge_highlights_stay_out_of_the_pages(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(paths.examples_dir() / "renewal-email.amends", example=True)
    assert window.recipients.load(paths.examples_dir() / "renewal-email-recipients.csv")
    window.updater.update_now()
    menu_action(window, "Pa&ges as Printed").trigger()
    text = " ".join(line.text for page in window.preview.pages.pages for line in page.lines)
    assert "\ue000" not in text and "\ue001" not in text
    assert window.preview.pages.pages


def test_the_pages_follow_the_paper_chosen_in_settings(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RRSP, example=True)
    window.updater.update_now()
    menu_action(window, "Pa&ges as Printed").trigger()
    letter_paper = window.preview.pages.pages[0]
    assert (round(letter_paper.width), round(letter_paper.height)) == (612, 792)  # en_CA: Letter

    menu_action(window, "Personal &Settings…").trigger()
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()]
    paper = dialog.field("page.size").editor.control()
    paper.setFocus()
    qtbot.keyClicks(paper, "A4")  # a closed list picks what one types, as on any desktop
    assert paper.currentText() == "A4"
    with qtbot.waitSignal(dialog.settings_saved):
        dialog.accept()
    a4 = window.preview.pages.canvas.pages[0]
    assert (round(a4.width), round(a4.height)) == (595, 842)


def test_file_export_letter_as_pdf_writes_the_pages_shown_and_records_it(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, tmp_path, monkeypatch)
    window.files.open_path(RRSP, example=True)
    window.updater.update_now()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "tremblay")
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    field = window.form.findChild(QLineEdit, "recipient.name")
    window.form.focus_field("recipient.name")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and QApplication.focusWidget() is field)
    shortcut = menu_action(window, "Export Letter as &PDF…").shortcut()[0]
    qtbot.keyClick(QApplication.focusWidget(), shortcut.key(), shortcut.keyboardModifiers())
    pdf = tmp_path / "tremblay.pdf"
    assert pdf.is_file()
    shown = window.preview.pages.pages
    assert [page_words(page) for page in shown] == [words_of_text(text) for text in pdf_pages_text(pdf)]
    (entry,) = window.history.search("Tremblay")
    assert entry.output == pdf and entry.channel == "pdf"
