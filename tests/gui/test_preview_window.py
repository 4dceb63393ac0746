"""The preview window shows the letter a draft produces, and says why when it cannot."""

from __future__ import annotations

from desktop import paths
from desktop.core.draft_file import load_draft
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.plain import to_text
from desktop.gui.app import build_window

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"


def test_opening_a_draft_shows_its_letter_and_names_the_window(qtbot):
    window = build_window(RRSP)
    qtbot.addWidget(window)
    draft = load_draft(RRSP)
    expected = to_text(TemplateCatalogue(paths.builtin_templates_dir()).render(draft))
    assert window.letter_text() == expected
    assert window.windowTitle() == f"{draft.title} — Amends"


def test_a_broken_draft_shows_the_reason_instead_of_a_letter(qtbot, tmp_path):
    broken = tmp_path / "broken.amends"
    broken.write_text('{"format_version": 99}', encoding="utf-8")
    window = build_window()
    qtbot.addWidget(window)
    assert not window.open_draft(broken)
    assert "newer Amends" in window.letter_text()
    assert window.windowTitle() == "Amends"


def test_every_builtin_example_is_in_the_examples_menu(qtbot):
    window = build_window()
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    examples = next(a.menu() for a in file_menu.actions() if a.text() == "&Examples")
    titles = [a.text() for a in examples.actions()]
    assert len(titles) == len(list(paths.examples_dir().glob("*.amends"))) >= 3
    examples.actions()[0].trigger()
    assert window.windowTitle().endswith(" — Amends") and window.windowTitle() != "Amends"
