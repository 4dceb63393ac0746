"""Personal settings and the team profile: declared as data, validated on load, merged by precedence.

Nothing here is created at import time and nothing imports Qt: the GUI keeps its window
state in QSettings, and everything else it needs comes from `load_effective()`.
"""

from desktop.core.settings.apply import (
    compliance_dirs,
    docx_layout,
    known_words,
    new_draft_defaults,
    rule_files,
    template_dirs,
    usable_checker,
    usable_rule_files,
)
from desktop.core.settings.bundle import (
    BUNDLE_SUFFIX,
    ProfileBundleError,
    ProfileExistsError,
    export_profile,
    import_profile,
)
from desktop.core.settings.effective import EffectiveSettings, load_effective, merge, profile_folder
from desktop.core.settings.personal import (
    SETTINGS_FILE,
    LoadResult,
    Settings,
    load_settings,
    read_settings,
    save_settings,
)
from desktop.core.settings.problems import Problem, SettingValueError
from desktop.core.settings.profile import TeamProfile, load_profile
from desktop.core.settings.regional import (
    REGIONAL_KEYS,
    Regional,
    needs_regional_setup,
    regional_defaults,
    with_regional,
)
from desktop.core.settings.schema import PERSONAL, TEAM, Setting

__all__ = [
    "BUNDLE_SUFFIX",
    "PERSONAL",
    "REGIONAL_KEYS",
    "SETTINGS_FILE",
    "TEAM",
    "EffectiveSettings",
    "LoadResult",
    "Problem",
    "ProfileBundleError",
    "ProfileExistsError",
    "Regional",
    "Setting",
    "SettingValueError",
    "Settings",
    "TeamProfile",
    "compliance_dirs",
    "docx_layout",
    "export_profile",
    "import_profile",
    "known_words",
    "load_effective",
    "load_profile",
    "load_settings",
    "merge",
    "needs_regional_setup",
    "new_draft_defaults",
    "profile_folder",
    "read_settings",
    "regional_defaults",
    "rule_files",
    "save_settings",
    "template_dirs",
    "usable_checker",
    "usable_rule_files",
    "with_regional",
]
