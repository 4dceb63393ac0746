"""The Personal settings dialog: edits the user's settings.toml, shows where each value
comes from, and imports or exports the team profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import (
    PERSONAL,
    SETTINGS_FILE,
    EffectiveSettings,
    Settings,
    SettingValueError,
    checks,
    load_effective,
    load_profile,
    load_settings,
    merge,
    profile_folder,
    save_settings,
)
from desktop.gui import dialogs
from desktop.gui.settings import profile_actions
from desktop.gui.settings.editors import LookupEditor
from desktop.gui.settings.field import SettingField
from desktop.gui.settings.pages import build_tabs, problems_label, title_of

PROFILE_KEY = "team.profile"
COUNTRY, SUBDIVISION = "holidays.country", "holidays.subdivision"


class SettingsDialog(QDialog):
    """Edits a copy of the personal settings; nothing is written until OK.

    Keys the user never set stay unset (and keep following the team profile), so a field
    is only set when the user edits it, and Clear unsets it again.
    """

    settings_saved = Signal()

    def __init__(self, user_dir: Path, parent: QWidget | None = None, site_path: Path | None = None):
        """`site_path`: this computer's settings file, shown beneath the user's own."""
        super().__init__(parent)
        self.setWindowTitle("Personal settings")
        self._user_dir = user_dir
        self._path = user_dir / SETTINGS_FILE
        effective = load_effective(user_dir, site_path=site_path)
        self._settings = load_settings(self._path).settings
        self._site = effective.site
        self._profile = effective.profile
        self._invalid: set[str] = set()
        self._fields = {s.key: SettingField(s, title_of(s)) for s in PERSONAL}
        self._build(effective.problems)
        self._refresh(show_all=True)
        for field in self._fields.values():
            field.edited.connect(self._on_edited)
            field.clear_requested.connect(self._on_clear)
        self.resize(780, 560)

    def _build(self, problems) -> None:
        tabs, pages = build_tabs(self._fields.values())
        self._tabs = tabs
        pages["Team profile"].insertWidget(1, self._profile_row())
        standard = QDialogButtonBox.StandardButton
        self._buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        self._ok = self._buttons.button(standard.Ok)
        self._ok.setAccessibleName("Save settings")
        self._buttons.button(standard.Cancel).setAccessibleName("Cancel")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(problems_label(problems))
        column.addWidget(tabs, 1)
        self.blocked = QLabel()
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet("color: #b00020;")
        bottom = QHBoxLayout()
        bottom.addWidget(self.blocked, 1)
        bottom.addWidget(self._buttons)
        column.addLayout(bottom)

    def _profile_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 8, 0, 0)
        self.import_button = QPushButton("Import profile…")
        self.import_button.setAccessibleName("Import team profile")
        self.export_button = QPushButton("Export profile…")
        self.export_button.setAccessibleName("Export team profile")
        self.profile_status = QLabel()
        self.profile_status.setWordWrap(True)
        self.profile_status.setAccessibleName("Team profile status")
        layout.addWidget(self.import_button)
        layout.addWidget(self.export_button)
        layout.addWidget(self.profile_status, 1)
        self.import_button.clicked.connect(self._import_profile)
        self.export_button.clicked.connect(self._export_profile)
        return row

    def field(self, key: str) -> SettingField:
        return self._fields[key]

    @property
    def settings(self) -> Settings:
        """The settings as edited so far (valid values only)."""
        return self._settings

    def _on_edited(self, key: str) -> None:
        field = self._fields[key]
        raw = field.editor.value()
        try:
            if key == SUBDIVISION and raw and not self._settings.is_set(COUNTRY):
                self._keep_listed_country()
            if raw is None:
                self._settings = self._settings.without(key)
            else:
                self._settings = self._settings.with_value(key, raw)
            if key == COUNTRY:
                self._forget_foreign_subdivision()
        except SettingValueError as exc:
            field.show_error(exc.reason)
            self._invalid.add(key)
        else:
            field.show_error(None)
            self._invalid.discard(key)
        self._after_change(key)

    def _keep_listed_country(self) -> None:
        """A region picked from the team's (or computer's) country's list takes that country
        along: country and region come from one file together, so alone it would lose it."""
        merged = merge(self._settings, self._profile, self._user_dir, site=self._site)
        if merged[COUNTRY]:
            self._settings = self._settings.with_value(COUNTRY, merged[COUNTRY])

    def _forget_foreign_subdivision(self) -> None:
        """A new country brings its own regions: one of the old country's is dropped, not refused."""
        if self._settings.is_set(SUBDIVISION) and checks.subdivision_of(
            str(self._settings[COUNTRY]), str(self._settings[SUBDIVISION])
        ):
            self._settings = self._settings.without(SUBDIVISION)

    def _on_clear(self, key: str) -> None:
        self._settings = self._settings.without(key)
        self._fields[key].show_error(None)
        self._invalid.discard(key)
        self._after_change(None)

    def _after_change(self, editing: str | None) -> None:
        if editing in (None, PROFILE_KEY):
            self._reload_profile()
        self._refresh(editing=editing)

    def _reload_profile(self) -> None:
        """A new profile folder changes every value the user has not set themselves."""
        folder = profile_folder(self._settings, self._site)
        self._profile = load_profile(folder) if folder else None

    def _refresh(self, editing: str | None = None, show_all: bool = False) -> None:
        merged = merge(self._settings, self._profile, self._user_dir, site=self._site)
        regions = self._fields[SUBDIVISION].editor
        if isinstance(regions, LookupEditor):
            regions.set_depends_on(str(merged[COUNTRY]))
        for key, field in self._fields.items():
            field.show_source(merged.sources[key], self._settings.is_set(key))
            following = not self._settings.is_set(key) and key not in self._invalid
            if show_all or (key != editing and following):
                field.editor.set_value(merged.values[key])
        self._check_subdivision(merged)
        self._ok.setEnabled(not self._invalid)
        # The invalid field may sit on another tab: say which ones stop the save.
        names = [self._fields[key].title for key in self._fields if key in self._invalid]
        self.blocked.setText(f"Fix to save: {', '.join(names)}" if names else "")
        self._show_profile_status()

    def _check_subdivision(self, merged: EffectiveSettings) -> None:
        """A province only makes sense with its country; checked as a pair, as on load, so
        the dialog never saves a combination the next start would refuse."""
        reason = None
        if merged.sources[SUBDIVISION] == "personal":
            reason = checks.subdivision_of(str(merged[COUNTRY]), str(merged[SUBDIVISION]))
        self._fields[SUBDIVISION].show_error(reason)
        (self._invalid.add if reason else self._invalid.discard)(SUBDIVISION)

    def _show_profile_status(self) -> None:
        profile = self._profile
        if profile is None:
            text = "No team profile: values come from your settings and the defaults."
        elif profile.problems:
            text = "Team profile problems: " + "; ".join(str(p) for p in profile.problems)
        else:
            text = f"Using the team profile in {profile.folder}."
        self.profile_status.setText(text)
        self.export_button.setEnabled(profile is not None)

    def _import_profile(self) -> None:
        folder = profile_actions.import_bundle(self, self._user_dir)
        if folder is not None:
            self._fields[PROFILE_KEY].editor.set_value(folder)
            self._on_edited(PROFILE_KEY)

    def _export_profile(self) -> None:
        profile_actions.export_bundle(self, self._profile.folder if self._profile else None)

    def accept(self) -> None:
        """Save and close; if the file cannot be written, say so and keep every edit open."""
        if self._invalid:
            return
        try:
            save_settings(self._settings, self._path)
        except OSError as exc:
            dialogs.show_error(self, "Settings not saved", f"Could not write {self._path}: {exc}")
            return
        self.settings_saved.emit()
        super().accept()
