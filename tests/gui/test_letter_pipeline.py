"""The open draft, the debounced render-and-check, and the preview that shows the result."""

from __future__ import annotations

import pytest

from desktop import paths
from desktop.core.checker import Checker
from desktop.core.compose import Composer
from desktop.core.draft_file import DraftFormatError, load_draft
from desktop.core.model import Draft, Kind
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.plain import to_text
from desktop.gui.draft_session import DraftSession
from desktop.gui.letter_updater import DEBOUNCE_MS, LetterUpdater
from desktop.gui.preview_pane import PreviewPane

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker.from_files()


def test_a_session_knows_its_file_name_and_unsaved_state(qtbot, tmp_path):
    session = DraftSession()
    session.open(RRSP, example=True)
    assert session.name == load_draft(RRSP).title and not session.dirty and session.needs_save_as()
    with qtbot.waitSignal(session.dirty_changed) as dirty:
        session.mark_edited()
    assert dirty.args == [True]
    saved = session.save(tmp_path / "mine")
    assert saved == tmp_path / "mine.amends" and not session.dirty and not session.needs_save_as()
    assert load_draft(saved) == session.draft


def test_a_broken_file_leaves_the_open_draft_alone(tmp_path):
    session = DraftSession()
    session.new(Draft(kind=Kind.NOTICE))
    broken = tmp_path / "broken.amends"
    broken.write_text('{"format_version": 1, "kind": 3}', encoding="utf-8")
    with pytest.raises(DraftFormatError, match="kind"):
        session.open(broken)
    assert session.draft.kind is Kind.NOTICE and session.path is None


def test_updates_wait_for_a_pause_in_typing(qtbot, checker):
    draft = load_draft(RRSP)
    updater = LetterUpdater(Composer(CATALOGUE, checker), lambda: draft)
    rendered = []
    updater.letter_rendered.connect(rendered.append)
    for _ in range(5):
        updater.schedule()
    assert rendered == []
    with qtbot.waitSignal(updater.findings_ready, timeout=DEBOUNCE_MS * 10):
        pass
    assert len(rendered) == 1
    assert to_text(rendered[0]) == to_text(CATALOGUE.render(draft))


def test_a_finding_appears_when_the_text_goes_wrong(qtbot, checker):
    draft = load_draft(RRSP)
    updater = LetterUpdater(Composer(CATALOGUE, checker), lambda: draft)
    updater.update_now()
    assert not any(f.blocking for f in updater.findings)
    draft.cause = "I am sorry if you were inconvenienced by the form."
    with qtbot.waitSignal(updater.findings_ready) as ready:
        updater.update_now()
    assert "conditional-apology" in {f.rule for f in ready.args[0] if f.field == "cause"}


def test_a_template_problem_is_shown_not_raised(qtbot, checker):
    draft = load_draft(RRSP)
    draft.template = "no-such-template"
    updater = LetterUpdater(Composer(CATALOGUE, checker), lambda: draft)
    with qtbot.waitSignal(updater.render_failed) as failed:
        updater.update_now()
    assert "no template called 'no-such-template'" in failed.args[0]
    assert updater.document is None


def test_the_preview_keeps_its_scroll_position(qtbot):
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(500, 300)
    pane.show()
    draft = load_draft(RRSP)
    pane.show_document(CATALOGUE.render(draft))
    bar = pane.html_view().verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    draft.closing_note = "Thank you again for your patience with me."
    pane.show_document(CATALOGUE.render(draft))
    assert bar.value() == kept
    assert "Thank you again for your patience with me." in pane.plain_text()
