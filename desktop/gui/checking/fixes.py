"""Applying a finding's suggestion to the editor it was found in, as one undoable edit."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from desktop.core.checker.findings import LETTER_FIELD, Finding
from desktop.gui.checking.offsets import to_document

_ADVICE_MARKS = re.compile(r"…|\.\.\.|[\[\](){}<>]")
_FIRST_PERSON = frozenset(
    {"i", "i'm", "i've", "i'll", "we", "we're", "we've", "we'll", "our", "my", "sorry", "apologies", "thank"}
)


def replacement(finding: Finding) -> str | None:
    """The suggestion if it is wording to put in place of the flagged words, else None.

    A finding's `suggestion` is either replacement text ("I'm sorry that") or advice for the
    writer ("State the facts of the harm ... without judging its size"); the core does not
    tell them apart yet. Pasting advice into a letter is worse than offering no fix, so only
    text that reads as letter wording counts: no ellipsis or brackets to fill in, and either a
    fragment (lower-case start) or a first-person opening.
    """
    text = (finding.suggestion or "").strip()
    if not text or _ADVICE_MARKS.search(text):
        return None
    first = text.split()[0].lower().replace("’", "'").rstrip(".,;:!")
    if text[0].islower() or first in _FIRST_PERSON:
        return text
    return None


def apply_fix(editor: QPlainTextEdit, finding: Finding) -> bool:
    """Replace the flagged words with the suggested wording; Ctrl+Z undoes it in one step.

    Refuses (False) when there is no wording to apply (no suggestion, or only advice) or
    nowhere to apply it (a whole-letter finding), and when the words
    at the finding's offsets are no longer the ones flagged: the writer typed since the check,
    and replacing by stale offsets would overwrite the wrong text.
    """
    wording = replacement(finding)
    if finding.field == LETTER_FIELD or wording is None or finding.end <= finding.start:
        return False
    text = editor.toPlainText()
    if text[finding.start : finding.end] != finding.matched:
        return False
    cursor = QTextCursor(editor.document())
    cursor.setPosition(to_document(text, finding.start))
    cursor.setPosition(to_document(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
    cursor.beginEditBlock()
    cursor.insertText(wording)
    cursor.endEditBlock()
    cursor.clearSelection()
    editor.setTextCursor(cursor)
    return True
