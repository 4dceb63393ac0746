"""The language model and the spelling dictionaries come in after the window shows: the window
never waits for them, checks with its word rules meanwhile, and checks again with the parsed
sentences and the spelling once they are there."""

from __future__ import annotations

import threading

from desktop.core import places
from desktop.core.checker import Checker
from desktop.core.language import LanguageModel, SentenceParses
from desktop.gui.language_loading import start_language_loading
from tests.helpers.rule_files import HOUSE_PROMISE
from tests.helpers.window import open_window, type_into, wait_for_update


class SlowModel(LanguageModel):
    """The shipped model, held back until the test lets it load."""

    def __init__(self) -> None:
        super().__init__(places.current().language_model)
        self.release = threading.Event()

    def load(self):  # type: ignore[no-untyped-def]
        self.release.wait(10)
        return super().load()


def window_with(qtbot, tmp_path, monkeypatch, model: LanguageModel):
    window = open_window(qtbot, tmp_path, monkeypatch)
    rules = tmp_path / "house.toml"
    rules.write_text(HOUSE_PROMISE, encoding="utf-8")
    window.updater.composer.checker = Checker(Checker.from_files([rules]).catalogue, SentenceParses(model))
    return window


def test_the_window_checks_with_word_rules_until_the_model_arrives_then_with_it(qtbot, tmp_path, monkeypatch):
    model = SlowModel()
    window = window_with(qtbot, tmp_path, monkeypatch, model)
    type_into(qtbot, window, "fixed", "We guaranteed a vsit on Friday.")
    loading = start_language_loading(window)

    type_into(qtbot, window, "fixed", " ")
    findings = wait_for_update(qtbot, window)  # typing is checked at once, with no model yet
    assert not {"house-promise", "spelling"} & {f.rule for f in findings}
    assert not loading.finished

    model.release.set()
    qtbot.waitUntil(lambda: loading.finished, timeout=10_000)
    qtbot.waitUntil(lambda: "house-promise" in {f.rule for f in window.updater.findings}, timeout=5_000)
    finding = next(f for f in window.updater.findings if f.rule == "house-promise")
    assert finding.field == "fixed" and finding.matched == "guaranteed"
    typo = next(f for f in window.updater.findings if f.rule == "spelling")
    assert (typo.field, typo.matched, typo.replacement) == ("fixed", "vsit", "visit")


def test_without_its_model_the_window_says_so_and_keeps_checking(qtbot, tmp_path, monkeypatch):
    window = window_with(qtbot, tmp_path, monkeypatch, LanguageModel(tmp_path / "no-model"))
    loading = start_language_loading(window)
    qtbot.waitUntil(lambda: loading.finished, timeout=10_000)
    assert "the language model is missing from" in window.statusBar().currentMessage()
    assert "checking with word rules only" in window.statusBar().currentMessage()
    type_into(qtbot, window, "fixed", "Sorry for any inconvenience.")
    assert "generic-apology" in {f.rule for f in wait_for_update(qtbot, window)}
