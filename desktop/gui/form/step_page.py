"""One step of the guided form: its title and purpose, and a labelled input for each field."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.fields import (
    Control,
    FieldSpec,
    choice_list,
    field_spec,
    get_value,
    set_value,
    unlisted_label,
)
from desktop.core.form_steps import Step
from desktop.core.model import Draft, Kind
from desktop.gui.form.choice_box import ChoiceBox, ChoiceOrOwn
from desktop.gui.form.controls import OptionalDateEdit, amount_edit, code_edit, parse_amount
from desktop.gui.form.prose_edit import ProseEdit
from desktop.gui.form.questions import QuestionsEditor

_PROSE = (Control.PROSE, Control.PROSE_LINE)


def hint_label(text: str) -> QLabel:
    """Secondary text in the palette's own muted colour, so it follows light and dark themes."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class StepPage(QWidget):
    """Writes every edit straight into the draft it was given, and says which field changed."""

    field_edited = Signal(str)
    """The user changed the field with this dotted name; the draft already holds the new value."""

    def __init__(self, step: Step, parent: QWidget | None = None):
        super().__init__(parent)
        self.step = step
        self._draft: Draft | None = None
        self._loading = False
        self._controls: dict[str, QWidget] = {}
        self._loaders: dict[str, Callable[[object], None]] = {}
        self._labels: dict[str, QLabel] = {}
        self._rows: dict[str, QVBoxLayout] = {}
        self._visible: dict[str, bool] = {}
        self.required: tuple[str, ...] = ()
        """Fields of this step the letter cannot do without, as the panel last said."""
        self._questions: QuestionsEditor | None = None
        self._writer: Callable[[str, object], None] = self._write_own_draft
        layout = QVBoxLayout(self)
        self._build_header(layout)
        self._form = QFormLayout()
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self._form)
        layout.addStretch(1)
        self._build_fields()

    # Building

    def _build_header(self, layout: QVBoxLayout) -> None:
        title = QLabel(self.step.title)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        purpose = QLabel(self.step.purpose)
        purpose.setWordWrap(True)
        self._required_legend = hint_label("Fields marked * are needed for this letter.")
        self._required_legend.hide()
        for widget in (title, purpose, self._required_legend):
            layout.addWidget(widget)
        layout.addSpacing(title.fontMetrics().height() // 2)

    def _build_fields(self) -> None:
        for spec in self.step.fields:
            self._add_row(spec, self._build_control(spec))

    def _build_control(self, spec: FieldSpec) -> QWidget:
        builders: dict[Control, Callable[[FieldSpec], QWidget]] = {
            Control.PROSE: self._build_prose,
            Control.PROSE_LINE: self._build_prose,
            Control.LINES: self._build_prose,
            Control.TEXT: self._build_text,
            Control.CODE: self._build_code,
            Control.DATE: self._build_date,
            Control.CHOICE: self._build_choice,
            Control.LOOKUP: self._build_lookup,
            Control.CHOICE_OR_OWN: self._build_choice_or_own,
            Control.AMOUNT: self._build_amount,
            Control.COUNT: self._build_count,
            Control.QUESTIONS: self._build_questions,
        }
        control = builders[spec.control](spec)
        control.setObjectName(spec.path)  # findable by field name, in tests and by the window
        if spec.hint:
            control.setAccessibleDescription(spec.hint)
        self._controls[spec.path] = control
        return control

    def _build_prose(self, spec: FieldSpec) -> QWidget:
        edit = ProseEdit(
            spec.label,
            spec.example,
            single_line=spec.control is Control.PROSE_LINE,
            lines=spec.control is Control.LINES,  # an address: lines, not paragraphs
        )
        self._loaders[spec.path] = lambda value: edit.setPlainText(str(value))
        edit.textChanged.connect(lambda: self._write(spec.path, edit.toPlainText()))
        return edit

    def _build_text(self, spec: FieldSpec) -> QWidget:
        if spec.suggestions:
            return self._build_suggested_text(spec)
        edit = QLineEdit()
        edit.setAccessibleName(spec.label)
        edit.setPlaceholderText(f"e.g. {spec.example}" if spec.example else "")
        self._loaders[spec.path] = lambda value: edit.setText(str(value))
        edit.textChanged.connect(lambda text: self._write(spec.path, text))
        return edit

    def _build_suggested_text(self, spec: FieldSpec) -> QWidget:
        """Editable: the suggestions save typing, but any wording is allowed."""
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(list(spec.suggestions))
        combo.setAccessibleName(spec.label)
        combo.lineEdit().setAccessibleName(spec.label)
        combo.lineEdit().setPlaceholderText(f"e.g. {spec.example}" if spec.example else "")
        self._loaders[spec.path] = lambda value: combo.setEditText(str(value))
        combo.editTextChanged.connect(lambda text: self._write(spec.path, text))
        return combo

    def _build_code(self, spec: FieldSpec) -> QWidget:
        edit = code_edit(spec.label, spec.max_length, spec.example)
        self._loaders[spec.path] = lambda value: edit.setText(str(value))
        edit.textChanged.connect(lambda text: self._write(spec.path, text))
        return edit

    def _build_date(self, spec: FieldSpec) -> QWidget:
        edit = OptionalDateEdit(spec.label)
        self._loaders[spec.path] = edit.set_value
        edit.date_edited.connect(lambda: self._write(spec.path, edit.value()))
        return edit

    def _build_choice(self, spec: FieldSpec) -> QWidget:
        combo = QComboBox()
        combo.setAccessibleName(spec.label)
        for value, label in spec.choices:
            combo.addItem(label, value)
        self._loaders[spec.path] = lambda value: combo.setCurrentIndex(combo.findData(str(value)))
        combo.currentIndexChanged.connect(lambda: self._write_choice(spec.path, combo.currentData()))
        return combo

    def _build_lookup(self, spec: FieldSpec) -> QWidget:
        box = ChoiceBox(spec.label, unlisted=lambda value: unlisted_label(spec.choices_from, value))
        if not spec.depends_on:
            box.set_choices(choice_list(spec.choices_from))

        def load(value: object) -> None:
            if spec.depends_on and self._draft is not None:
                box.set_choices(choice_list(spec.choices_from, str(get_value(self._draft, spec.depends_on))))
            box.set_value(str(value))

        self._loaders[spec.path] = load
        box.value_chosen.connect(lambda value: self._write(spec.path, value))
        return box

    def _build_choice_or_own(self, spec: FieldSpec) -> QWidget:
        choice = ChoiceOrOwn(spec.label, choice_list(spec.choices_from))
        choice.combo.setObjectName(spec.path)  # the combo is what a person picks in, and tests find
        choice.own.setObjectName(f"{spec.path}.own")
        self._loaders[spec.path] = lambda value: choice.set_value(str(value))
        choice.value_edited.connect(lambda value: self._write(spec.path, value))
        return choice

    def _update_dependents(self, path: str) -> list[str]:
        """A new country brings its own list of regions; a region not of it is cleared.
        Returns the fields changed that way."""
        assert self._draft is not None
        changed = []
        for spec in self.step.fields:
            if spec.depends_on != path:
                continue
            box = self._controls[spec.path]
            assert isinstance(box, ChoiceBox)
            box.set_choices(choice_list(spec.choices_from, str(get_value(self._draft, path))))
            current = str(get_value(self._draft, spec.path))
            if current and not box.is_listed(current):
                self._writer(spec.path, "")
                box.set_value("")
                changed.append(spec.path)
        return changed

    def _build_amount(self, spec: FieldSpec) -> QWidget:
        edit = amount_edit(spec.label, spec.example)
        self._loaders[spec.path] = lambda value: edit.setText("" if value is None else format(value, "f"))
        edit.textChanged.connect(lambda text: self._write(spec.path, parse_amount(text)))
        return edit

    def _build_count(self, spec: FieldSpec) -> QWidget:
        spin = QSpinBox()
        spin.setAccessibleName(spec.label)
        spin.setRange(0, 90)
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("000") + 3 * spin.fontMetrics().height())
        self._loaders[spec.path] = lambda value: spin.setValue(int(value))
        spin.valueChanged.connect(lambda value: self._write(spec.path, value))
        return spin

    def _build_questions(self, spec: FieldSpec) -> QWidget:
        self._questions = QuestionsEditor(spec.label)
        self._questions.set_writer(lambda path, value: self._writer(path, value))  # whichever is current
        self._loaders[spec.path] = self._questions.set_questions
        self._questions.field_edited.connect(self._report)
        return self._questions

    def _add_row(self, spec: FieldSpec, control: QWidget) -> None:
        label = QLabel(spec.label)
        label.setBuddy(control)
        field = QWidget()
        field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # room for hints
        column = QVBoxLayout(field)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        wide = control.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ExpandFlag.value
        column.addWidget(control, 0, Qt.AlignmentFlag(0) if wide else Qt.AlignmentFlag.AlignLeft)
        if spec.hint:
            column.addWidget(hint_label(spec.hint))
        self._form.addRow(label, field)
        self._labels[spec.path] = label
        self._rows[spec.path] = column

    def add_note(self, path: str, name: str) -> QLabel:
        """A live line under a field's input, for what the letter will make of it."""
        note = QLabel()
        note.setWordWrap(True)
        note.setAccessibleName(name)
        note.hide()  # until there is something to say
        self._rows[path].insertWidget(1, note)
        return note

    # Loading and writing

    def set_draft(self, draft: Draft) -> None:
        """Fill every input from the draft without reporting it as an edit."""
        self._draft = draft
        self._loading = True
        try:
            for path, load in self._loaders.items():
                load(get_value(draft, path))
        finally:
            self._loading = False
        for spec in self.step.fields:
            self.set_field_visible(spec.path, spec.applies_to(draft.kind))
        self._refresh()

    def draft(self) -> Draft | None:
        return self._draft

    def set_writer(self, writer: Callable[[str, object], None]) -> None:
        """How an edit reaches the draft: (path, value); the window's draft session."""
        self._writer = writer

    def _write(self, path: str, value: object) -> None:
        if self._loading or self._draft is None:
            return
        self._writer(path, value)
        for dependent in self._update_dependents(path):
            self.field_edited.emit(dependent)
        self._report(path)

    def _write_own_draft(self, path: str, value: object) -> None:
        """Without a session (a form on its own, as in tests): write the draft shown."""
        assert self._draft is not None
        set_value(self._draft, path, value)

    def _write_choice(self, path: str, value: str) -> None:
        if self._loading or self._draft is None or value is None:
            return
        enum_type = type(get_value(self._draft, path))
        self._write(path, enum_type(value) if issubclass(enum_type, StrEnum) else value)

    def _report(self, path: str) -> None:
        self._refresh()
        self.field_edited.emit(path)

    def _refresh(self) -> None:
        """Bring notes and dependent inputs up to date with the draft; steps override it."""

    # Queries for the panel

    def set_field_visible(self, path: str, visible: bool) -> None:
        if self._visible.get(path) != visible:
            self._visible[path] = visible
            self._form.setRowVisible(self._labels[path], visible)

    def set_required(self, names: tuple[str, ...], kind: Kind) -> None:
        """Mark the labels of the fields the letter cannot do without."""
        self.required = names
        marked = {self._required_path(name) for name in names} & set(self._labels)
        for path, label in self._labels.items():
            spec = field_spec(path)
            assert spec is not None
            label.setText(f"{spec.label} *" if path in marked else spec.label)
        self._required_legend.setVisible(any(field_spec(p).applies_to(kind) for p in marked))
        if self._draft is not None:
            self._refresh()

    def _required_path(self, name: str) -> str:
        """A group such as "follow_up" is marked on its first input."""
        return next(
            (s.path for s in self.step.fields if s.path == name or s.path.startswith(name + ".")), name
        )

    def prose_editors(self) -> dict[str, ProseEdit]:
        editors = {
            spec.path: self._controls[spec.path] for spec in self.step.fields if spec.control in _PROSE
        }
        if self._questions is not None:
            editors.update(self._questions.editors())
        return editors

    def control_for(self, name: str) -> QWidget | None:
        """The input for a field, a question's editor, or the first input of a group."""
        if self._questions is not None and name.startswith("questions["):
            return self._questions.editors().get(name)
        path = self._required_path(name)
        return self._controls.get(path)
