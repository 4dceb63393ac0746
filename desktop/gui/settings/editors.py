"""One editor widget per kind of setting, so the dialog is built from the declarations alone.

Every editor has the same small surface: `edited` when the user changes it, `value()` as
the raw value `Settings.with_value` checks (None meaning "unset"), and `set_value()` to
show a Python value without emitting `edited`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from desktop.core.fields import SUBDIVISIONS, choice_list, unlisted_label
from desktop.core.settings import Setting
from desktop.core.settings.kinds import FOLDER, LINES, MARGINS, NUMBER
from desktop.gui import dialogs
from desktop.gui.form.choice_box import ChoiceBox


class Editor(QWidget):
    """The shared surface; subclasses wrap one Qt control."""

    edited = Signal()

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def control(self) -> QWidget:
        """The control a label points at and assistive technology names."""
        raise NotImplementedError


def _single(editor: Editor, control: QWidget) -> None:
    layout = QHBoxLayout(editor)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(control)


class TextEditor(Editor):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._line = QLineEdit()
        _single(self, self._line)
        # textEdited, not textChanged: only the user's typing counts as an edit.
        self._line.textEdited.connect(self.edited)

    def value(self) -> object:
        return self._line.text()

    def set_value(self, value: object) -> None:
        self._line.setText("" if value is None else str(value))

    def control(self) -> QWidget:
        return self._line


class NumbersEditor(TextEditor):
    """A number, or margins typed as "20" or "20, 22, 20, 22"; what is not a number is
    passed on as text, so the setting's own check words the error."""

    def value(self) -> object:
        tokens = self._line.text().replace(",", " ").split()
        numbers = [_number_or_text(token) for token in tokens]
        return numbers[0] if len(numbers) == 1 else numbers

    def set_value(self, value: object) -> None:
        values = list(value) if isinstance(value, list | tuple) else [value]
        if len(set(values)) == 1:
            values = values[:1]
        self._line.setText(", ".join(f"{v:g}" if isinstance(v, float | int) else str(v) for v in values))


def _number_or_text(token: str) -> object:
    try:
        return float(token)
    except ValueError:
        return token


class LinesEditor(Editor):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = QPlainTextEdit()
        self._text.setTabChangesFocus(True)
        self._text.setFixedHeight(self._text.fontMetrics().lineSpacing() * 4 + 12)
        _single(self, self._text)
        self._text.textChanged.connect(self.edited)

    def value(self) -> object:
        return self._text.toPlainText().splitlines()

    def set_value(self, value: object) -> None:
        self._text.blockSignals(True)
        self._text.setPlainText("\n".join(value or ()))
        self._text.blockSignals(False)

    def control(self) -> QWidget:
        return self._text


class ChoiceEditor(Editor):
    def __init__(self, choices: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self._combo = QComboBox()
        self._combo.addItems(list(choices))
        _single(self, self._combo)
        self._combo.activated.connect(lambda _index: self.edited.emit())

    def value(self) -> object:
        return self._combo.currentText()

    def set_value(self, value: object) -> None:
        self._combo.setCurrentText(str(value))

    def control(self) -> QWidget:
        return self._combo


class LookupEditor(Editor):
    """A value picked from a run-time list (locales, countries, regions, currencies) by name;
    a value in the file that is not on the list is shown as such until another is picked."""

    def __init__(self, list_name: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._list = list_name
        self._box = ChoiceBox(title, unlisted=lambda value: unlisted_label(list_name, value))
        if list_name != SUBDIVISIONS:
            self._box.set_choices(choice_list(list_name))
        _single(self, self._box)
        self._box.value_chosen.connect(lambda _value: self.edited.emit())

    def set_depends_on(self, value: str) -> None:
        """The regions of this country, for a list that depends on one."""
        self._box.set_choices(choice_list(self._list, value))

    def value(self) -> object:
        return self._box.value()

    def set_value(self, value: object) -> None:
        self._box.set_value("" if value is None else str(value))

    def control(self) -> QWidget:
        return self._box


class FolderEditor(Editor):
    """A path typed or chosen; empty means unset (for the team profile: no profile)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._title = title
        self._line = QLineEdit()
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName(f"Choose a folder for {title}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._line, 1)
        layout.addWidget(self.choose)
        self._line.textEdited.connect(self.edited)
        self.choose.clicked.connect(self._choose)

    def value(self) -> object:
        text = self._line.text().strip()
        return text or None

    def set_value(self, value: object) -> None:
        self._line.setText("" if value is None else str(value))

    def control(self) -> QWidget:
        return self._line

    def _choose(self) -> None:
        start = Path(self._line.text()) if self._line.text().strip() else Path.home()
        folder = dialogs.ask_folder(self, f"Choose {self._title}", start)
        if folder is not None:
            self._line.setText(str(folder))
            self.edited.emit()


def make_editor(setting: Setting, title: str) -> Editor:
    """The editor for `setting`'s kind; choices win over the kind (a closed list is a combo)."""
    if setting.choices:
        return ChoiceEditor(setting.choices)
    if setting.choices_from:
        return LookupEditor(setting.choices_from, title)
    if setting.kind is LINES:
        return LinesEditor()
    if setting.kind in (NUMBER, MARGINS):
        return NumbersEditor()
    if setting.kind is FOLDER:
        return FolderEditor(title)
    return TextEditor()
