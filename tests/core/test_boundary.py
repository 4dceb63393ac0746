"""The core must never pull in Qt: it runs from the command line and in bundles without one."""

import subprocess
import sys

CORE_MODULES = [
    "desktop.core.model",
    "desktop.core.draft_file",
    "desktop.core.business_days",
    "desktop.core.formatting",
    "desktop.core.context",
    "desktop.core.document",
    "desktop.core.markup",
    "desktop.core.templates",
    "desktop.core.writers.html",
    "desktop.core.writers.plain",
    "desktop.core.writers.docx",
    "desktop.core.checker",
    "desktop.cli",
]


def test_core_imports_leave_qt_out():
    code = (
        "import importlib, pkgutil, sys\n"
        "import desktop.core\n"
        "for info in pkgutil.walk_packages(desktop.core.__path__, 'desktop.core.'):\n"
        "    importlib.import_module(info.name)\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_core_is_told_its_folders_and_never_looks_them_up():
    """Folders are found once where the program starts (desktop.cli.main, the test setup) and
    handed to the core (desktop.core.places); no core module reaches for desktop.paths."""
    import re
    from pathlib import Path

    core = Path(__file__).resolve().parents[2] / "desktop" / "core"
    looks_up = re.compile(
        r"^\s*(?:from desktop import paths|import desktop\.paths|from desktop\.paths import)", re.M
    )
    offenders = [
        str(p.relative_to(core)) for p in core.rglob("*.py") if looks_up.search(p.read_text("utf-8"))
    ]
    assert offenders == []
