"""A form panel showing a draft, and the drafts the form tests edit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QListWidget

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.model import Draft, Kind, Question
from desktop.gui.form import FormPanel
from desktop.gui.form.marks import SYMBOLS
from desktop.gui.form.panel import COMPLETION_ROLE

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
FRIDAY = dt.date(2026, 11, 20)


@pytest.fixture
def rrsp() -> Draft:
    """The RRSP example as a letter dated on a Friday, so resolved dates are the same every day."""
    draft = load_draft(RRSP)
    draft.letter_date = FRIDAY
    return draft


@pytest.fixture
def empty_letter() -> Draft:
    return Draft(kind=Kind.INDIVIDUAL, letter_date=FRIDAY, locale="en_GB")


@pytest.fixture
def open_letter() -> Draft:
    return Draft(
        kind=Kind.NOTICE,
        template="open-letter",
        letter_date=FRIDAY,
        audience="You are receiving this as a member of the forum.",
        questions=[Question("Why did you change the layout?", "We wanted it to work on phones.")],
    )


@pytest.fixture
def panel(qtbot) -> FormPanel:
    form = FormPanel()
    qtbot.addWidget(form)
    form.resize(900, 700)
    return form


def step_marks(form: FormPanel) -> dict[str, str]:
    """Each visible step's title in the list, with its completion mark."""
    steps = form.findChild(QListWidget)
    return {
        steps.item(row).text(): SYMBOLS[steps.item(row).data(COMPLETION_ROLE)]
        for row in range(steps.count())
        if not steps.isRowHidden(row)
    }


def show(qtbot, form: FormPanel) -> None:
    """Focus only moves in a shown, active window, even offscreen."""
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
