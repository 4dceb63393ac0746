"""A small dialog to say which field each column of the list holds, with a sample value for each."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from desktop.core.recipients import ColumnMapping, Field, map_columns
from desktop.gui.notice.marks import ERROR_TEXT
from desktop.gui.notice.summary import sentence
from desktop.gui.notice.table_model import FIELD_LABELS


class ColumnMappingDialog(QDialog):
    def __init__(self, mapping: ColumnMapping, samples: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Columns")
        self._combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for position, column in enumerate(mapping.columns):
            combo = self._field_combo(column, _current_field(mapping, position))
            sample = samples[position] if position < len(samples) else ""
            form.addRow(_column_label(column, sample), combo)
        self._problem = QLabel(wordWrap=True)
        self._problem.setStyleSheet(f"color: {ERROR_TEXT}")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        intro = QLabel("Say what each column of the list holds. Every column stays usable as a merge field.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self._problem)
        layout.addWidget(self._buttons)
        self._columns = mapping.columns
        self._check()

    def _field_combo(self, column: str, current: Field) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Field for column {column}")
        for field in Field:
            combo.addItem(FIELD_LABELS[field].capitalize(), field)
        combo.setCurrentIndex(list(Field).index(current))
        combo.currentIndexChanged.connect(self._check)
        self._combos[column] = combo
        return combo

    def set_field(self, column: str, field: Field) -> None:
        self._combos[column].setCurrentIndex(list(Field).index(field))

    def chosen_fields(self) -> dict[str, Field]:
        return {column: Field(combo.currentData()) for column, combo in self._combos.items()}

    def _check(self) -> None:
        """Two columns for one single-column field cannot be mapped; say so and keep OK off."""
        try:
            map_columns(self._columns, self.chosen_fields())
        except ValueError as exc:
            self._problem.setText(sentence(str(exc)))
            ok = False
        else:
            self._problem.clear()
            ok = True
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def _current_field(mapping: ColumnMapping, position: int) -> Field:
    if not mapping.identifiers[position]:
        return Field.IGNORE
    return mapping.field_of(mapping.columns[position])


def _column_label(column: str, sample: str) -> QLabel:
    shown = sample if len(sample) <= 30 else sample[:29] + "…"
    label = QLabel(f"<b>{escape(column)}</b>" + (f"<br><small>e.g. {escape(shown)}</small>" if shown else ""))
    return label
