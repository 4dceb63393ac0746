"""A shared template that never finishes: the window keeps handling events while it renders,
and then shows the limit that stopped it."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import QTimer

from desktop import paths
from desktop.core import render_worker
from desktop.core.checker import Checker
from desktop.core.compose import Composer
from desktop.core.draft_file import load_draft
from desktop.core.settings.apply import USER_TEMPLATES_DIR
from desktop.core.templates import TemplateCatalogue
from desktop.gui.letter_updater import LetterUpdater
from tests.helpers.window import open_window, type_into

HANG = (
    '{#-\nname = "Never finishes"\nkind = "individual"\ndescription = "Loops over text for ever."\n-#}\n'
    "<p>{% for i in 'x' * 100000 %}{% for j in 'x' * 100000 %}{% endfor %}{% endfor %}</p>\n"
)
LIMIT_S = 1.5


@pytest.mark.timeout(60)
def test_a_hanging_shared_template_leaves_the_window_responsive(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "user" / USER_TEMPLATES_DIR
    folder.mkdir(parents=True)
    (folder / "hang.j2").write_text(HANG, encoding="utf-8")
    monkeypatch.setattr(render_worker.shared(), "time_limit", LIMIT_S)
    window = open_window(qtbot, tmp_path, monkeypatch)
    failed: list[str] = []
    window.updater.render_failed.connect(failed.append)
    ticks: list[float] = []
    heartbeat = QTimer(window, interval=20)
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start()

    window.toolbar.template_chosen.emit("hang")
    qtbot.waitUntil(lambda: window.updater.busy, timeout=2000)
    busy_from = time.monotonic()
    type_into(qtbot, window, "closing_note", "Typed while the template runs.")
    assert window.session.draft.closing_note.endswith("Typed while the template runs.")
    qtbot.waitUntil(lambda: bool(failed), timeout=int(LIMIT_S * 4 * 1000) + 2000)
    heartbeat.stop()

    beats = [t for t in ticks if t >= busy_from]
    assert time.monotonic() - busy_from >= LIMIT_S, "the template did run until its limit"
    assert len(beats) >= 10 and max(b - a for a, b in itertools.pairwise(beats)) < 0.5
    assert "hang.j2: took longer than 1.5 s to render and was stopped" in failed[-1]
    assert "took longer than 1.5 s" in window.preview.plain_text()
    assert "unrendered" in {f.rule for f in window.updater.findings}


@pytest.mark.timeout(60)
def test_update_soon_never_waits_for_a_shared_template(qtbot, tmp_path):
    """For a draft just opened: update_now would wait up to the limit; update_soon returns."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "hang.j2").write_text(HANG, encoding="utf-8")
    worker = render_worker.RenderWorker(time_limit=LIMIT_S)
    catalogue = TemplateCatalogue(paths.builtin_templates_dir(), [folder], worker=worker)
    draft = load_draft(paths.examples_dir() / "rrsp-withdrawal.amends")
    draft.template = "hang"
    updater = LetterUpdater(Composer(catalogue, Checker.from_files()), lambda: draft)
    try:
        started = time.monotonic()
        with qtbot.waitSignal(updater.render_failed, timeout=int(LIMIT_S * 1000) + 5000) as failed:
            updater.update_soon()
            assert time.monotonic() - started < 0.2 and updater.busy
        assert "hang.j2: took longer than 1.5 s" in failed.args[0]
        assert updater.document is None and not updater.busy
    finally:
        worker.close()
