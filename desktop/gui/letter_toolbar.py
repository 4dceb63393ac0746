"""The toolbar's two choices: the kind of letter and its template.

Showing the draft's choices never changes the draft: a template this computer does not
have is listed as missing (and the pipeline says the letter cannot be rendered), rather
than quietly swapped for the first one in the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from desktop.core.model import Draft, Kind
from desktop.core.templates import TemplateCatalogue

KIND_LABELS = {Kind.INDIVIDUAL: "Individual letter", Kind.NOTICE: "Mass notice"}


class LetterToolbar(QToolBar):
    kind_chosen = Signal(object, str)
    """(Kind, the template the letter takes in that kind), when the user picks a kind."""
    template_chosen = Signal(str)

    def __init__(self, catalogue: TemplateCatalogue):
        super().__init__("Letter", objectName="letter_toolbar", movable=False)
        self._catalogue = catalogue
        self.kind_choice = QComboBox(accessibleName="Kind of letter")
        for kind, label in KIND_LABELS.items():
            self.kind_choice.addItem(label, kind)
        self.template_choice = QComboBox(accessibleName="Template", minimumContentsLength=28)
        self.addWidget(QLabel("Kind: "))
        self.addWidget(self.kind_choice)
        self.addSeparator()
        self.addWidget(QLabel("Template: "))
        self.addWidget(self.template_choice)
        self.kind_choice.activated.connect(self._kind_activated)
        self.template_choice.activated.connect(
            lambda index: self.template_chosen.emit(self.template_choice.itemData(index))
        )

    def show_draft(self, draft: Draft) -> None:
        self.kind_choice.setCurrentIndex(self.kind_choice.findData(draft.kind))
        self._fill_templates(draft.kind, draft.template)

    def first_template(self, kind: Kind) -> str:
        return next((t.id for t in self._catalogue if t.kind is kind), "")

    def _fill_templates(self, kind: Kind, current: str) -> None:
        choice = self.template_choice
        choice.clear()
        for template in self._catalogue:
            if template.kind is kind:
                choice.addItem(template.name, template.id)
                choice.setItemData(choice.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole)
        if choice.findData(current) < 0 and current:
            choice.addItem(f"{current} (not on this computer)", current)
        choice.setCurrentIndex(choice.findData(current))

    def _kind_activated(self, index: int) -> None:
        kind = Kind(self.kind_choice.itemData(index))  # Qt hands the enum back as its plain value
        self.kind_chosen.emit(kind, self.first_template(kind))
