"""How the settings dialog is laid out: a tab per group of settings, each scrollable so the
dialog fits a 1280x720 screen, and the problems found on load above them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from desktop.core.settings import Problem, Setting
from desktop.gui.settings.field import SettingField

GROUP_TITLES = {
    "sender": "Sender",
    "letter": "Letter",
    "page": "Page",
    "holidays": "Holidays",
    "team": "Team profile",
}
LABELS = {
    "sender.email": "E-mail",
    "letter.sign_off": "Sign-off",
    "letter.locale": "Language and region",
    "letter.currency": "Currency",
    "letter.template": "Default template",
    "page.size": "Paper size",
    "page.margins_mm": "Margins (mm)",
    "holidays.country": "Country",
    "holidays.subdivision": "Province or state",
    "team.profile": "Profile folder",
}


def title_of(setting: Setting) -> str:
    """The label a person reads; a new setting without one still gets a readable label."""
    return LABELS.get(setting.key) or setting.key.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def group_of(setting: Setting) -> str:
    prefix = setting.key.split(".", 1)[0]
    return GROUP_TITLES.get(prefix, prefix.capitalize())


def build_tabs(fields: Iterable[SettingField]) -> tuple[QTabWidget, dict[str, QVBoxLayout]]:
    """A tab per group in declaration order; returns the tabs and each page's layout, so
    the dialog can add its own widgets (the profile buttons) under a group's fields."""
    tabs = QTabWidget()
    tabs.setAccessibleName("Setting groups")
    pages: dict[str, QVBoxLayout] = {}
    forms: dict[str, QFormLayout] = {}
    for field in fields:
        group = group_of(field.setting)
        if group not in pages:
            pages[group], forms[group] = _page(tabs, group)
        label = QLabel(f"{field.title}:")
        label.setBuddy(field.editor.control())
        forms[group].addRow(label, field)
    for column in pages.values():
        column.addStretch(1)
    return tabs, pages


def _page(tabs: QTabWidget, group: str) -> tuple[QVBoxLayout, QFormLayout]:
    inner = QWidget()
    column = QVBoxLayout(inner)
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    column.addLayout(form)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(inner)
    tabs.addTab(scroll, group)
    return column, form


def problems_label(problems: Iterable[Problem]) -> QLabel:
    """The problems found on load, worded for the person who can fix them; hidden if none."""
    lines = [str(problem) for problem in problems]
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName("Problems in your settings or team profile")
    label.setStyleSheet("background: #fff4e5; color: #5d3a00; border: 1px solid #f0c36d; padding: 6px;")
    label.setText(
        "Problems found in your settings or team profile; the values concerned are left at "
        "the team profile or default. Saving rewrites settings.toml and keeps the old file "
        "as settings.toml.bak.\n" + "\n".join(f"• {line}" for line in lines)
    )
    label.setVisible(bool(lines))
    return label
