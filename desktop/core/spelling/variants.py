"""-ize words in a letter whose English writes -ise ("organize" in a British letter).

Harper accepts both in British and Australian English (Oxford spelling), but Amends' own
letters write "apologise" everywhere except the -ize locales (formatting.IZE_LOCALES), so an
"organize" beside the template's "apologise" is an inconsistency the reader notices. A word
is flagged only when its -ise form is itself in Harper's dictionary for that English, which
keeps "size", "prize" (not "prise"), "seize", "capsize" and "citizen" out of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_IZE = re.compile(r"\b([a-z]{3,}?[iy])(z)(e|es|ed|ing|er|ers|ation|ations|ational|able)\b", re.IGNORECASE)
_NOT_VARIANTS = ("capsiz", "downsiz", "upsiz", "oversiz", "resiz", "supersiz", "outsiz")
"""-ize words whose -ise form is not the same word, in case a dictionary lists it anyway."""


@dataclass(frozen=True)
class IzeWord:
    start: int
    end: int
    word: str
    ise_form: str
    """The same word spelt -ise, in the same capitals: "Organize" -> "Organise"."""


def ize_words(text: str) -> list[IzeWord]:
    """Every word in `text` that could be an -ize spelling of an -ise word."""
    found = []
    for match in _IZE.finditer(text):
        word = match.group(0)
        if word.lower().startswith(_NOT_VARIANTS):
            continue
        s = "S" if match.group(2) == "Z" else "s"
        found.append(IzeWord(match.start(), match.end(), word, match.group(1) + s + match.group(3)))
    return found


def flag_ize_words(candidates: Iterable[IzeWord], is_word: Callable[[list[str]], set[str]]) -> list[IzeWord]:
    """The candidates whose -ise form `is_word` accepts (it gets every -ise form at once and
    returns those in the dictionary)."""
    candidates = list(candidates)
    if not candidates:
        return []
    accepted = is_word(sorted({c.ise_form.lower() for c in candidates}))
    return [c for c in candidates if c.ise_form.lower() in accepted]
