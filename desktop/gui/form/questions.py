"""The questions-and-answers list of an open letter: add, edit and remove entries in the draft's own list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import Question
from desktop.gui.form.prose_edit import ProseEdit


class QuestionsEditor(QWidget):
    """Rebuilt on every add or remove, so editor names ("questions[2].answer") always match positions."""

    field_edited = Signal(str)
    """A question or answer changed (its field name), or an entry was added or removed ("questions")."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._questions: list[Question] = []
        self._writer: Callable[[str, object], None] = _unwired
        self._editors: dict[str, ProseEdit] = {}
        self._rows: list[QGroupBox] = []
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        self._add = QPushButton("Add question")
        self._add.setAccessibleName("Add question")
        self._add.clicked.connect(self.add_question)
        buttons = QHBoxLayout()
        buttons.addWidget(self._add)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def set_questions(self, questions: list[Question]) -> None:
        """Show the draft's list; changes go to `writer`, never into the list directly."""
        self._questions = questions
        self._rebuild()

    def set_writer(self, writer: Callable[[str, object], None]) -> None:
        """How a change reaches the draft: (path, value), e.g. the window's draft session."""
        self._writer = writer

    def editors(self) -> dict[str, ProseEdit]:
        return dict(self._editors)

    def add_question(self) -> None:
        self._replace_list([*self._questions, Question()])
        self.field_edited.emit("questions")
        self._editors[f"questions[{len(self._questions) - 1}].question"].setFocus()

    def remove_question(self, index: int) -> None:
        self._replace_list([q for i, q in enumerate(self._questions) if i != index])
        self.field_edited.emit("questions")
        following = self._editors.get(f"questions[{min(index, len(self._questions) - 1)}].question")
        (following or self._add).setFocus()

    def _replace_list(self, questions: list[Question]) -> None:
        self._writer("questions", questions)
        self._questions = questions
        self._rebuild()

    def _rebuild(self) -> None:
        for row in self._rows:
            row.setParent(None)
            row.deleteLater()
        self._rows = []
        self._editors = {}
        self._loading = True
        try:
            for index, question in enumerate(self._questions):
                self._rows.append(self._build_row(index, question))
                self._rows_layout.addWidget(self._rows[-1])
        finally:
            self._loading = False
        last = self._rows[-1].findChildren(QPushButton)[-1] if self._rows else None
        if last is not None:
            QWidget.setTabOrder(last, self._add)  # rows are created after the button, tab order is not

    def _build_row(self, index: int, question: Question) -> QGroupBox:
        number = index + 1
        row = QGroupBox(f"Question {number}")
        form = QFormLayout(row)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for part, example in (
            ("question", "Will I be charged?"),
            ("answer", "No. We hold no payment details."),
        ):
            name = f"questions[{index}].{part}"
            edit = ProseEdit(f"{part.capitalize()} {number}", example, single_line=part == "question")
            edit.setPlainText(getattr(question, part))
            edit.textChanged.connect(lambda name=name, edit=edit: self._write(name, edit.toPlainText()))
            form.addRow(part.capitalize(), edit)
            self._editors[name] = edit
        remove = QPushButton(f"Remove question {number}")
        remove.setAccessibleName(f"Remove question {number}")
        remove.clicked.connect(lambda _checked=False, index=index: self.remove_question(index))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(remove)
        form.addRow(buttons)
        return row

    def _write(self, name: str, text: str) -> None:
        if self._loading:
            return
        self._writer(name, text)
        self.field_edited.emit(name)


def _unwired(_path: str, _value: object) -> None:
    raise RuntimeError("QuestionsEditor.set_writer was not called: edits would be lost")
