"""Live checking in the GUI: the findings panel, the readiness banner, inline marks and fixes."""

from desktop.gui.checking.checker_panel import CheckerPanel
from desktop.gui.checking.findings_model import FindingsModel
from desktop.gui.checking.fixes import apply_fix
from desktop.gui.checking.labels import field_label
from desktop.gui.checking.marks import FindingMarks
from desktop.gui.checking.readiness import ReadinessBanner, readiness_text

__all__ = [
    "CheckerPanel",
    "FindingMarks",
    "FindingsModel",
    "ReadinessBanner",
    "apply_fix",
    "field_label",
    "readiness_text",
]
