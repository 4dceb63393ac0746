"""An open letter's questions and answers: added, edited and removed in the draft's own list."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from tests.gui.form.conftest import step_marks


def button(panel, name: str) -> QPushButton:
    return next(b for b in panel.findChildren(QPushButton) if b.accessibleName() == name)


def test_the_questions_of_the_draft_are_shown_with_their_answers(panel, open_letter):
    panel.set_draft(open_letter)
    assert panel.editor_for("questions[0].question").toPlainText() == "Why did you change the layout?"
    assert panel.editor_for("questions[0].answer").toPlainText() == "We wanted it to work on phones."
    assert panel.editor_for("questions[0].question").accessibleName() == "Question 1"


def test_adding_a_question_creates_its_editors_and_typing_fills_it(qtbot, panel, open_letter):
    panel.set_draft(open_letter)
    with qtbot.waitSignal(panel.draft_edited):
        button(panel, "Add question").click()
    assert len(open_letter.questions) == 2
    assert {"questions[1].question", "questions[1].answer"} <= set(panel.editors())
    assert step_marks(panel)["Your own words"] == "✓"
    qtbot.keyClicks(panel.editor_for("questions[1].question"), "Will the old layout come back?")
    assert open_letter.questions[1].question == "Will the old layout come back?"
    assert step_marks(panel)["Your own words"] == "•"  # asked, not yet answered
    qtbot.keyClicks(panel.editor_for("questions[1].answer"), "Not as it was.")
    assert open_letter.questions[1].answer == "Not as it was."
    assert step_marks(panel)["Your own words"] == "✓"


def test_removing_a_question_renumbers_the_rest(qtbot, panel, open_letter):
    panel.set_draft(open_letter)
    button(panel, "Add question").click()
    qtbot.keyClicks(panel.editor_for("questions[1].question"), "Is it accessible now?")
    with qtbot.waitSignal(panel.draft_edited):
        button(panel, "Remove question 1").click()
    assert [q.question for q in open_letter.questions] == ["Is it accessible now?"]
    assert panel.editor_for("questions[0].question").toPlainText() == "Is it accessible now?"
    assert panel.editor_for("questions[1].question") is None
    button(panel, "Remove question 1").click()
    assert open_letter.questions == [] and not any(name.startswith("questions") for name in panel.editors())


def test_a_letter_to_one_person_has_no_questions(panel, rrsp):
    panel.set_draft(rrsp)
    assert not any(name.startswith("questions") for name in panel.editors())
    assert not button(panel, "Add question").isVisibleTo(panel)
