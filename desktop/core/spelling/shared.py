"""The one SpellingChecker of this process.

Its Linter takes ~140 MB, so the window's checker, the merge's and the command line's share
one, as they share the language model (core.language.shared).
"""

from __future__ import annotations

import threading

from desktop.core.spelling.harper import SpellingChecker

_lock = threading.Lock()
_checker: SpellingChecker | None = None


def shared_checker() -> SpellingChecker:
    global _checker
    with _lock:
        if _checker is None:
            _checker = SpellingChecker()
        return _checker
