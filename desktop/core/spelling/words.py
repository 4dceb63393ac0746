"""Words that are never flagged: a team's word list (products, companies) and recipients' names.

Harper is told them (so a misspelt "Siobahn" gets "Siobhan" as its suggestion), but that is
not enough on its own: Harper checks capitals ("SIOBHAN", "siobhan" are flagged even after
"Siobhan" is added) and needs each possessive added separately. So the app also finds every
occurrence of a known word in the text itself, in any capitalisation and with a possessive
"'s" or "’s", and drops whatever Harper flags inside one (see `KnownWords.spans`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

_SEPARATORS = re.compile(r"[\s\-‐‑–—/]+")
_APOSTROPHES = "'’ʼ"


class WordListError(ValueError):
    """A word-list file that cannot be read as text, located by path and, when known, line."""

    def __init__(self, reason: str, path: Path, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {reason}")


def read_word_list(path: Path | str) -> list[str]:
    """The words and names in a plain UTF-8 text file, one a line, in file order, each once.

    Blank lines are skipped; so is a line starting with "#", and anything after a "#" that
    follows a space ("Zentrix  # the blender"), while "C#" stays a word. A file that is not
    text (a spreadsheet, an image, another encoding) raises WordListError with its line.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WordListError(f"cannot read the word list ({exc.strerror or exc})", path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WordListError(
            "this is not a plain UTF-8 text file; save the word list as UTF-8 text, one word a line",
            path,
            raw.count(b"\n", 0, exc.start) + 1,
        ) from None
    words: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if any(unicodedata.category(c) == "Cc" and c != "\t" for c in line):
            raise WordListError(
                "this is not a plain text file (it holds control characters); "
                "save the word list as UTF-8 text, one word a line",
                path,
                number,
            )
        entry = re.sub(r"(?:^|\s)#.*", "", line).strip()
        if entry and entry not in seen:
            seen.add(entry)
            words.append(entry)
    return words


class KnownWords:
    """The known words of one check, split into single words ("Mary-Jo O'Neill" -> three)."""

    def __init__(self, entries: Iterable[str]):
        parts = {
            part.strip(_APOSTROPHES + '.,;:!?"()[]{}')
            for entry in entries
            for part in _SEPARATORS.split(entry)
        }
        self.words = frozenset(part for part in parts if part)
        self._folded = frozenset(_fold(w) for w in self.words)

    def for_harper(self) -> frozenset[str]:
        """Each word and its possessive: Harper accepts "Siobhan's" only if told it."""
        plain = {_straight(w) for w in self.words}
        return frozenset(plain | {f"{w}'s" for w in plain if not w.endswith("'s")})

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where known words stand in `text`: whole words, in any capitalisation, with a
        possessive "'s" (or a bare "'" after a final s) included."""
        if not self._folded:
            return []
        found = []
        for match in _TOKEN.finditer(text):
            token = _fold(match.group())
            if token in self._folded or _POSSESSIVE.sub("", token) in self._folded:
                found.append(match.span())
        return found


_TOKEN = re.compile(r"[^\W_](?:[\w'’ʼ.#+&]*[^\W_#+&])?['’ʼ]?[#+]*")
"""A word as a word list writes it: letters and digits, joined by apostrophes, full stops
("St.Ives"), "&" ("AT&T"); ending in "#" or "+" ("C#", "Disney+") or an apostrophe."""
_POSSESSIVE = re.compile(r"'s$|(?<=s)'$")


def _straight(word: str) -> str:
    return word.replace("’", "'").replace("ʼ", "'")


def _fold(word: str) -> str:
    return _straight(word).casefold()
