"""Where the core finds the built-in rule files and the user's folders.

The core never looks these up itself: the program's two starting points (the command line,
`desktop.cli.main`, which also opens the window, and the test setup) find them once, with
`desktop.paths`, and hand them in here. A portable install or a test points them anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Places:
    builtin_rules: Path
    """The shipped rule files (resources/rules)."""
    user_data: Path
    """The user's settings, own templates and rules, and letter history."""
    site_settings: Path
    """This computer's settings.toml, which IT writes for everyone."""

    @property
    def language_model(self) -> Path:
        """The trained English pipeline, shipped beside the rule files (resources/language)."""
        return self.builtin_rules.parent / "language" / "en_ewt"

    @property
    def fonts(self) -> Path:
        """The fonts PDFs embed (resources/fonts), shipped beside the rule files."""
        return self.builtin_rules.parent / "fonts"


_current: Places | None = None


def use(places: Places) -> None:
    global _current
    _current = places


def current() -> Places:
    if _current is None:
        raise RuntimeError(
            "Amends' folders were not given to the core: call desktop.core.places.use(...) where the "
            "program starts (desktop.cli.main does)"
        )
    return _current
