"""Personal settings and the team profile: declared as data, validated on load, merged by precedence.

Nothing here is created at import time and nothing imports Qt: the GUI keeps its window
state in QSettings.
"""

from desktop.core.settings.personal import (
    SETTINGS_FILE,
    LoadResult,
    Settings,
    load_settings,
    read_settings,
    save_settings,
)
from desktop.core.settings.problems import Problem, SettingValueError
from desktop.core.settings.schema import PERSONAL, TEAM, Setting

__all__ = [
    "PERSONAL",
    "SETTINGS_FILE",
    "TEAM",
    "LoadResult",
    "Problem",
    "Setting",
    "SettingValueError",
    "Settings",
    "load_settings",
    "read_settings",
    "save_settings",
]
