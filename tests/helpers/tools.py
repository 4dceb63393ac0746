"""Outside programs some tests need (LibreOffice, poppler, desktop-file-utils).

On a developer's or user's machine without them, those tests skip and say which package
to install, so the README's test command passes on a fresh machine. CI sets
AMENDS_REQUIRE_TOOLS=1 (in .ci/run), where a missing program fails the run instead: there
every test must have run.
"""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE = "AMENDS_REQUIRE_TOOLS"


def require_tool(program: str, package: str) -> str:
    """The program's path; a skip (or, in CI, a failure) naming the package when it is missing."""
    found = shutil.which(program)
    if found:
        return found
    message = f"{program} is not installed: install {package}"
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{message} ({REQUIRE}=1: .ci/run installs it)")
    pytest.skip(message)
