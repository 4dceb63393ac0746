"""The Personal settings dialog and the team profile's import and export."""

from desktop.gui.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
