"""The one language model of this process, found where the program's starting point said.

Loading takes most of a second and a few tens of MB, so every checker in the process (the
window's, the merge's, the command line's) shares one model and one store of parses.
"""

from __future__ import annotations

import threading

from desktop.core import places
from desktop.core.language.model import LanguageModel
from desktop.core.language.parses import SentenceParses

_lock = threading.Lock()
_parses: SentenceParses | None = None


def shared_parses() -> SentenceParses:
    global _parses
    with _lock:
        if _parses is None:
            _parses = SentenceParses(LanguageModel(places.current().language_model))
        return _parses
