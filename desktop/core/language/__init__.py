"""The linguistic layer under the checker: sentences parsed into words with their lemma,
part of speech and place in the sentence's structure, by a model Amends trains itself
(packaging/language_model) and ships in resources/language."""

from desktop.core.language.model import LanguageModel, ModelUnavailable
from desktop.core.language.parses import SentenceParses

__all__ = ["LanguageModel", "ModelUnavailable", "SentenceParses"]
