"""GUI tests: a letter that is not ready must never stop a test at a question it did not expect."""

from __future__ import annotations

import pytest

from desktop.core.compose import describe
from desktop.gui.not_ready_dialog import NotReadyDialog


@pytest.fixture(autouse=True)
def no_unexpected_not_ready(monkeypatch, request):
    """A modal "Not ready to send" would wait forever offscreen; fail with what blocked instead.
    Tests that answer the dialog themselves ask for the `answers_not_ready` fixture."""
    if "answers_not_ready" in request.fixturenames:
        return

    def refuse(dialog: NotReadyDialog) -> int:
        blocking = "\n".join(describe(finding) for finding in dialog.blocking)
        raise AssertionError(f"unexpected 'Not ready to send' dialog:\n{blocking}")

    monkeypatch.setattr(NotReadyDialog, "exec", refuse)
