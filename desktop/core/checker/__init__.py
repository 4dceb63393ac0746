"""The apology checker: wording and letter rules, read from rule files, applied to text or drafts."""

from desktop.core.checker.choices import apply_choices
from desktop.core.checker.engine import Checker
from desktop.core.checker.findings import Finding, Severity, line_and_column
from desktop.core.checker.history import HistoryLookup, PastApology
from desktop.core.checker.loader import RuleFileError

__all__ = [
    "Checker",
    "Finding",
    "HistoryLookup",
    "PastApology",
    "RuleFileError",
    "Severity",
    "apply_choices",
    "line_and_column",
]
