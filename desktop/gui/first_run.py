"""The first start: one small question, where the user writes from, before the window opens.

The answer sets the locale new letters are written for (and so "apologise" or "apologize"),
the paper, the currency and the public holidays follow-up dates skip, in the user's own
settings file, where the settings dialog changes them one by one later. It is asked once:
a settings file, written by this dialog even when it is skipped, means it is never asked
again, and a team profile or this computer's settings that already chose a region mean it
is not asked at all.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.core.business_days import country_choices, subdivision_choices
from desktop.core.fields import CURRENCIES, LOCALES, WHOLE_COUNTRY, choice_list, unlisted_label
from desktop.core.formatting import long_date, money, spelling
from desktop.core.settings import (
    SETTINGS_FILE,
    Regional,
    Settings,
    SettingValueError,
    load_effective,
    needs_regional_setup,
    regional_defaults,
    save_settings,
    with_regional,
)
from desktop.gui.form.choice_box import ChoiceBox

PAPERS = (
    ("A4", "A4"),
    ("Letter", "Letter"),
    ("auto", "Each letter's own (Letter for US and Canadian letters, A4 elsewhere)"),
)
FALLBACK_COUNTRY = "GB"
"""The country of the locale a draft has when nothing else says (en_GB)."""


def guess_country() -> str:
    """The country this computer is set up for, when it has a holiday calendar."""
    code = QLocale.territoryToCode(QLocale.system().territory())
    known = {value for value, _name in country_choices()}
    return code if code in known else FALLBACK_COUNTRY


class RegionalSetupDialog(QDialog):
    """Country and region, and what they set (each can be changed before saving)."""

    def __init__(self, country: str = FALLBACK_COUNTRY, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Welcome to Amends")
        intro = QLabel(
            "Where do you write from? New letters take from it how dates and amounts are written, "
            "the spelling, the paper, the currency and the public holidays a follow-up date skips. "
            "Settings change any of them later; each letter can have its own language and region."
        )
        intro.setWordWrap(True)
        self.country = ChoiceBox("Country", country_choices())
        self.region = ChoiceBox("Province or state")
        self.locale = ChoiceBox("Language and region", choice_list(LOCALES), self._unlisted_locale)
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper")
        for value, label in PAPERS:
            self.paper.addItem(label, value)
        self.currency = ChoiceBox("Currency", choice_list(CURRENCIES))
        self.sample = QLabel()
        self.sample.setWordWrap(True)
        self.sample.setAccessibleName("How letters will read")
        form = QFormLayout()
        for label, control in (
            ("&Country:", self.country),
            ("&Province or state:", self.region),
            ("&Language and region:", self.locale),
            ("&Paper:", self.paper),
            ("C&urrency:", self.currency),
        ):
            caption = QLabel(label)
            caption.setBuddy(control)
            form.addRow(caption, control)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName("Save these settings")
        self.skip_button = buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setAccessibleName("Keep the defaults")
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.sample)
        column.addWidget(buttons)
        self.country.value_chosen.connect(self._country_chosen)
        self.locale.value_chosen.connect(lambda _value: self._show_sample())
        self.currency.value_chosen.connect(lambda _value: self._show_sample())
        self.country.set_value(country)
        self._country_chosen(country)
        self.resize(560, self.sizeHint().height())

    @staticmethod
    def _unlisted_locale(value: str) -> str:
        return unlisted_label(LOCALES, value)

    def _country_chosen(self, country: str) -> None:
        """A country brings its regions, and the locale, paper and currency usual there."""
        defaults = regional_defaults(country)
        self.region.set_choices([("", WHOLE_COUNTRY), *subdivision_choices(country)])
        self.region.set_value("")
        self.region.setEnabled(self.region.count() > 1)
        self.locale.set_value(defaults.locale)
        self.paper.setCurrentIndex(self.paper.findData(defaults.paper))
        self.currency.set_value(defaults.currency)
        self._show_sample()

    def _show_sample(self) -> None:
        locale, currency = self.locale.value(), self.currency.value()
        amount = f", {money(Decimal('1234.50'), currency, locale)}" if currency else ""
        self.sample.setText(
            f"Letters will read: {long_date(dt.date(2026, 11, 25), locale)}{amount}, "
            f"“I am writing to {spelling(locale)}…”"
        )

    def regional(self) -> Regional:
        return Regional(
            country=self.country.value(),
            subdivision=self.region.value(),
            locale=self.locale.value(),
            paper=str(self.paper.currentData()),
            currency=self.currency.value(),
        )


def offer_regional_setup(user_dir: Path | None = None, parent: QWidget | None = None) -> bool:
    """Ask on the first start only (see `needs_regional_setup`); True when the answer was saved.

    Skipping writes a settings file all the same, so the question is asked once; a file
    that cannot be written leaves it to be asked at the next start.
    """
    effective = load_effective(user_dir)
    if not needs_regional_setup(effective):
        return False
    dialog = RegionalSetupDialog(guess_country(), parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    settings = Settings()
    if accepted:
        try:
            settings = with_regional(settings, dialog.regional())
        except SettingValueError:
            accepted = False
    try:
        save_settings(settings, effective.user_dir / SETTINGS_FILE)
    except OSError:
        return False
    return accepted
