"""Loading the shipped English pipeline once, on whichever thread asks first.

Importing spaCy and reading the model takes most of a second, longer than the window takes
to appear, so the window starts the load on a thread after it shows and checks with the
word rules alone until the model is ready; the command line loads it before its first check.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_ewt"
CREDIT = "Universal Dependencies English Web Treebank (CC BY-SA 4.0)"
ABOUT = (
    f"Checker's language model: trained by Amends on the {CREDIT}\n"
    "Its lemma tables: WordNet 3.0, © 2006 Princeton University"
)
"""What the About box and the README say of the model's sources, as their licences ask."""


class ModelUnavailable(RuntimeError):
    """The model folder is missing or unreadable: the checker falls back to its word rules."""


class LanguageModel:
    """The pipeline at `path`, loaded at most once however many threads ask."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._loaded = threading.Event()
        self._nlp: Language | None = None
        self._error: ModelUnavailable | None = None

    @property
    def ready(self) -> bool:
        return self._loaded.is_set() and self._nlp is not None

    @property
    def error(self) -> ModelUnavailable | None:
        return self._error

    def load(self) -> Language:
        """The pipeline, loading it now if no thread has yet (blocking the caller)."""
        with self._lock:
            if self._nlp is None and self._error is None:
                try:
                    self._nlp = _load(self.path)
                except ModelUnavailable as error:
                    self._error = error
                finally:
                    self._loaded.set()
        if self._nlp is None:
            assert self._error is not None
            raise self._error
        return self._nlp

    def wait(self, timeout: float | None = None) -> bool:
        """Whether loading finished (well or not) within `timeout` seconds."""
        return self._loaded.wait(timeout)


def _load(path: Path) -> Language:
    if not (path / "meta.json").is_file():
        raise ModelUnavailable(f"the language model is missing from {path}")
    try:
        import spacy  # deferred: a second of imports the window must not wait for

        from desktop.core.language import clauses

        clauses.register()
        nlp = spacy.load(path)
    except (OSError, ValueError, ImportError) as error:
        raise ModelUnavailable(f"the language model in {path} could not be loaded: {error}") from error
    # The model, spaCy and everything loaded before it live as long as the program. Left to
    # the collector, every full collection walks them all: a pause of 100-300 ms holding the
    # interpreter, which a window exporting a notice on another thread feels as a stall.
    # Frozen, they are never walked again.
    gc.freeze()
    return nlp
