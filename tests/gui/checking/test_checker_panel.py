"""The checker panel: going to a finding, fixing, accepting with a reason, withdrawing an
acceptance, ignoring."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget

from desktop.core.checker.findings import Finding, Severity
from desktop.gui import dialogs
from desktop.gui.checking import CheckerPanel


def finding(
    rule: str,
    severity: Severity,
    matched: str,
    field: str = "incident.what",
    suggestion=None,
    replacement=None,
):
    return Finding(
        rule,
        severity,
        f"About {matched}.",
        "Why.",
        5,
        5 + len(matched),
        field,
        suggestion,
        matched,
        replacement=replacement,
    )


CONDITIONAL = finding(
    "conditional-apology", Severity.ERROR, "sorry if", suggestion="I'm sorry that …", replacement="sorry that"
)
PLACEHOLDER = finding("placeholder", Severity.ERROR, "TBD", field="subject")
MINIMIZING = finding("minimizing", Severity.WARNING, "only a minor delay")


@pytest.fixture
def panel(qtbot) -> CheckerPanel:
    panel = CheckerPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 500)
    panel.show_findings([CONDITIONAL, PLACEHOLDER, MINIMIZING])
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def row_of(panel: CheckerPanel, rule: str) -> QModelIndex:
    return panel._index_where(lambda f: f.rule == rule)


def test_enter_and_click_activate_the_current_finding(qtbot, panel):
    panel.view.setFocus()
    panel.view.setCurrentIndex(row_of(panel, "placeholder"))
    with qtbot.waitSignal(panel.finding_activated) as activated:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert activated.args == [PLACEHOLDER]
    rect = panel.view.visualRect(row_of(panel, "minimizing"))
    with qtbot.waitSignal(panel.finding_activated) as clicked:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args == [MINIMIZING]


def test_fix_is_offered_only_with_a_suggestion_and_has_a_shortcut(qtbot, panel):
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    assert not panel.fix_button.isEnabled()
    panel.view.setCurrentIndex(row_of(panel, "conditional-apology"))
    assert panel.fix_button.isEnabled()
    assert panel.fix_action.shortcut().toString() == "Ctrl+."
    panel.view.setFocus()
    with qtbot.waitSignal(panel.fix_requested) as fix:
        qtbot.keyClick(panel.view, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    assert fix.args == [CONDITIONAL]


def test_accepting_asks_for_a_reason(qtbot, panel, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_text", lambda parent, title, label: asked.append(label) or "legal ok")
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    with qtbot.waitSignal(panel.accept_requested) as accepted:
        panel.accept_button.click()
    assert accepted.args == [MINIMIZING, "legal ok"]
    assert "About only a minor delay" in asked[0]


def test_a_cancelled_reason_accepts_nothing(qtbot, panel, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: None)
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    with qtbot.assertNotEmitted(panel.accept_requested):
        panel.accept_action.trigger()


def test_a_placeholder_cannot_be_accepted_and_the_panel_says_why(qtbot, panel, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: errors.append(message))
    monkeypatch.setattr(dialogs, "ask_text", lambda *args: pytest.fail("no reason can make this acceptable"))
    panel.view.setCurrentIndex(row_of(panel, "placeholder"))
    assert "cannot be accepted" in panel.accept_button.toolTip()
    with qtbot.assertNotEmitted(panel.accept_requested):
        panel.accept_button.click()
    assert errors and "placeholder finding cannot be accepted" in errors[0]


def test_ignore_from_the_context_menu_actions(qtbot, panel):
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    with qtbot.waitSignal(panel.ignore_requested) as ignored:
        panel.ignore_action.trigger()
    assert ignored.args == [MINIMIZING]


def test_the_selection_and_scroll_survive_a_recheck_while_typing(qtbot, panel):
    many = [finding("minimizing", Severity.WARNING, f"minor thing {n}") for n in range(30)]
    panel.show_findings([CONDITIONAL, PLACEHOLDER, *many])
    target = panel._index_where(lambda f: f.matched == "minor thing 20")
    panel.view.setCurrentIndex(target)
    panel.view.scrollTo(target)
    scrolled = panel.view.verticalScrollBar().value()
    assert scrolled > 0
    shifted = [replace(f, start=f.start + 3, end=f.end + 3) for f in many]
    panel.show_findings([CONDITIONAL, *shifted])  # typing shifted offsets; the placeholder got filled
    current = panel.current_finding()
    assert current is not None and current.matched == "minor thing 20" and current.start == 8
    qtbot.waitUntil(lambda: panel.view.verticalScrollBar().value() <= scrolled)
    assert panel.view.visualRect(panel.view.currentIndex()).intersects(panel.view.viewport().rect())


def test_everything_has_an_accessible_name(panel):
    widgets = [panel, panel.view, *panel.findChildren(QWidget)]
    unnamed = [
        w
        for w in widgets
        if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not w.accessibleName()
    ]
    assert unnamed == []


def test_advice_disables_fix_and_is_shown_under_the_list(qtbot, panel):
    advice = replace(MINIMIZING, suggestion="State the facts of the harm without judging its size.")
    panel.show_findings([CONDITIONAL, advice])
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    assert not panel.fix_button.isEnabled()
    assert panel.principle.text() == "Why.\nTry: State the facts of the harm without judging its size."


ACCEPTED = MINIMIZING.accept(
    "the delay really was an hour", by="minimizing:incident.what:only a minor delay#0a1b2c3d"
)


def test_an_accepted_finding_offers_withdraw_in_place_of_accept_and_shows_its_reason(qtbot, panel):
    panel.show_findings([CONDITIONAL, PLACEHOLDER, ACCEPTED])
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    assert not panel.accept_action.isEnabled() and panel.withdraw_action.isEnabled()
    assert panel.withdraw_button.isVisibleTo(panel) and not panel.accept_button.isVisibleTo(panel)
    assert panel.principle.text() == "Why.\nAccepted: the delay really was an hour"
    panel.view.setCurrentIndex(row_of(panel, "conditional-apology"))
    assert panel.accept_action.isEnabled() and not panel.withdraw_action.isEnabled()
    assert panel.accept_button.isVisibleTo(panel) and not panel.withdraw_button.isVisibleTo(panel)


def test_withdrawing_an_acceptance_emits_the_finding_with_the_entry_to_remove(qtbot, panel):
    panel.show_findings([CONDITIONAL, PLACEHOLDER, ACCEPTED])
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    with qtbot.waitSignal(panel.withdraw_requested) as withdrawn:
        panel.withdraw_action.trigger()
    assert withdrawn.args == [ACCEPTED]
    assert withdrawn.args[0].accepted_by == "minimizing:incident.what:only a minor delay#0a1b2c3d"


def test_a_finding_that_is_not_accepted_cannot_be_withdrawn(qtbot, panel):
    panel.view.setCurrentIndex(row_of(panel, "conditional-apology"))
    with qtbot.assertNotEmitted(panel.withdraw_requested):
        panel.withdraw_action.trigger()


def test_the_acceptance_lapsing_in_a_recheck_swaps_the_buttons_back(qtbot, panel):
    panel.show_findings([CONDITIONAL, PLACEHOLDER, ACCEPTED])
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    panel.show_findings([CONDITIONAL, PLACEHOLDER, MINIMIZING])  # the draft was re-checked
    assert panel.current_finding() == MINIMIZING
    assert panel.accept_button.isVisibleTo(panel) and not panel.withdraw_button.isVisibleTo(panel)
    assert panel.principle.text() == "Why."


def test_withdrawing_a_rule_wide_acceptance_says_it_covers_the_whole_rule(qtbot, panel):
    rule_wide = MINIMIZING.accept("our style guide allows it", by="minimizing")
    panel.show_findings([CONDITIONAL, rule_wide])
    panel.view.setCurrentIndex(row_of(panel, "minimizing"))
    assert "every minimizing finding" in panel.withdraw_button.toolTip()
    assert panel.principle.text() == "Why.\nAccepted for every minimizing finding: our style guide allows it"


def test_the_context_menu_offers_withdraw_for_an_accepted_finding_and_accept_otherwise(qtbot, panel):
    menus = [panel.menu_for(finding) for finding in (ACCEPTED, CONDITIONAL)]
    assert [[action.text() for action in menu.actions()] for menu in menus] == [
        ["&Go to Words", "&Fix", "&Withdraw Acceptance", "&Ignore"],
        ["&Go to Words", "&Fix", "&Accept…", "&Ignore"],
    ]
