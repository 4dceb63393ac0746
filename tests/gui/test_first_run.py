"""The first start asks where the user writes from, once; the answer is in their settings and
new drafts start from it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from desktop.core.business_days import subdivision_choices
from desktop.core.settings import SETTINGS_FILE, Regional, docx_layout, load_effective, load_settings
from desktop.gui import dialogs
from desktop.gui.app import build_window
from desktop.gui.first_run import RegionalSetupDialog
from tests.helpers.choosing import pick


@pytest.fixture
def start(qtbot, tmp_path, monkeypatch):
    """Build the window as the app does on a start, in a user folder of the test's own."""
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: dialogs.UnsavedChoice.DISCARD)
    user = tmp_path / "user"

    def started(first: bool = True):
        window = build_window(
            settings=QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat),
            history_path=tmp_path / "history.sqlite3",
            user_dir=user,
            first_run=first,
        )
        qtbot.addWidget(window)
        return window

    return started


@pytest.fixture
def answers(qtbot, monkeypatch):
    """Answer the first-run dialog as a person would, and count how often it is shown."""
    shown: list[RegionalSetupDialog] = []

    def answer_with(country: str | None, region: str = ""):
        def run(dialog: RegionalSetupDialog) -> int:
            shown.append(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            if country is None:
                dialog.reject()
                return QDialog.DialogCode.Rejected
            pick(qtbot, dialog.country, country)
            if region:
                pick(qtbot, dialog.region, region)
            dialog.accept()
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(RegionalSetupDialog, "exec", run)
        return shown

    return answer_with


def test_the_first_start_asks_once_and_new_drafts_start_from_the_answer(start, answers, tmp_path):
    shown = answers("Canada", "Ontario")
    window = start()
    assert len(shown) == 1
    saved = load_settings(tmp_path / "user" / SETTINGS_FILE)
    assert saved.problems == []
    assert {key: saved.settings[key] for key in saved.settings.values} == {
        "letter.locale": "en_CA",
        "letter.currency": "CAD",
        "page.size": "Letter",
        "holidays.country": "CA",
        "holidays.subdivision": "ON",
    }
    first = window.session.draft
    window.files.new_draft()
    assert window.session.draft is not first
    for draft in (first, window.session.draft):
        assert (draft.locale, draft.compensation.currency) == ("en_CA", "CAD")
        assert (draft.follow_up.country, draft.follow_up.subdivision) == ("CA", "ON")
    assert docx_layout(load_effective(tmp_path / "user")).page.size == "Letter"
    window.close()
    start()
    assert len(shown) == 1  # a settings file now: never asked again


def test_not_now_keeps_the_defaults_and_is_not_asked_again(start, answers, tmp_path):
    shown = answers(None)
    window = start()
    assert len(shown) == 1
    assert (tmp_path / "user" / SETTINGS_FILE).is_file()
    assert window.session.draft.locale == "en_GB"
    start()
    assert len(shown) == 1


def test_without_first_run_nothing_is_asked_or_written(start, answers, tmp_path):
    shown = answers("Canada")
    start(first=False)
    assert shown == [] and not (tmp_path / "user" / SETTINGS_FILE).exists()


def test_the_country_brings_its_regions_locale_paper_and_currency(qtbot):
    dialog = RegionalSetupDialog("GB")
    qtbot.addWidget(dialog)
    dialog.show()
    regional = dialog.regional()
    assert (regional.locale, regional.paper, regional.currency, regional.spelling) == (
        "en_GB",
        "A4",
        "GBP",
        "apologise",
    )
    assert dialog.region.values() == ["", "ENG", "NIR", "SCT", "WLS"]
    assert "25 November 2026, £1,234.50, “I am writing to apologise…”" in dialog.sample.text()
    pick(qtbot, dialog.country, "Canada")
    assert dialog.region.values() == ["", *(code for code, _name in subdivision_choices("CA"))]
    assert dialog.region.currentText() == "The whole country"
    pick(qtbot, dialog.region, "Ontario")
    assert dialog.regional() == Regional("CA", "ON", "en_CA", "Letter", "CAD")
    assert "November 25, 2026, $1,234.50, “I am writing to apologize…”" in dialog.sample.text()
    pick(qtbot, dialog.locale, "English (United Kingdom)")  # each value can still be changed
    assert dialog.regional().locale == "en_GB" and "apologise" in dialog.sample.text()


def test_a_country_without_an_english_of_its_own_gets_international_english(qtbot):
    dialog = RegionalSetupDialog("BR")
    qtbot.addWidget(dialog)
    assert (dialog.locale.currentText(), dialog.currency.value(), dialog.regional().paper) == (
        "English (world)",
        "BRL",
        "A4",
    )
