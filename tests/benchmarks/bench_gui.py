"""Keystroke latency in the real window: how long a keystroke blocks, and how long until the
preview shows it, on a 400-word and a 2,000-word letter, and while a 10,000-recipient
notice exports in the background. Prints figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_gui.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.core.merge import OutputKind
from desktop.gui import dialogs
from desktop.gui.app import build_window
from desktop.gui.letter_updater import DEBOUNCE_MS

KEYSTROKES = 60
SENTENCE = (
    "When we moved your account to the new billing system on 3 March, I copied the wrong tariff "
    "across, so your bills for March and April charged the business rate instead of the home rate. "
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def letter_of(window, words: int) -> None:
    """Fill the prose fields until the rendered letter has about `words` words."""
    window.open_path(paths.examples_dir() / "rrsp-withdrawal.amends", example=True)
    repeats = max(1, (words - 250) // len(SENTENCE.split()))
    window.form.editor_for("incident.what").setPlainText(SENTENCE * repeats)
    window.updater.update_now()


def measure(app: QApplication, window, label: str, going_on=lambda: True) -> None:
    """Type KEYSTROKES keys, or fewer if `going_on` turns false (the background export ended)."""
    editor = window.form.editor_for("cause")
    window.form.focus_field("cause")
    blocking, to_preview, updates = [], [], []
    for n in range(KEYSTROKES):
        if not going_on():
            break
        rendered = []
        window.updater.letter_rendered.connect(rendered.append)
        started = time.perf_counter()
        QTest.keyClick(editor, Qt.Key.Key_A if n % 2 else Qt.Key.Key_Space)
        blocking.append((time.perf_counter() - started) * 1000)
        deadline = time.perf_counter() + 10
        while not rendered and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0005)
        if not rendered:
            raise RuntimeError(f"{label}: the preview did not update within 10 s of a keystroke")
        to_preview.append((time.perf_counter() - started) * 1000)
        update_started = time.perf_counter()
        window.updater.update_now()
        updates.append((time.perf_counter() - update_started) * 1000)
        window.updater.letter_rendered.disconnect(rendered.append)
    words = len(window.preview.plain_text().split())
    print(
        f"{label} ({words} words, {len(blocking)} keys): "
        f"keystroke blocks median {statistics.median(blocking):.1f} ms, "
        f"p95 {percentile(blocking, 0.95):.1f}, max {max(blocking):.1f}; "
        f"keystroke to updated preview median {statistics.median(to_preview):.0f} ms, "
        f"p95 {percentile(to_preview, 0.95):.0f} (debounce {DEBOUNCE_MS} ms); "
        f"one render+check+show median {statistics.median(updates):.1f} ms, "
        f"p95 {percentile(updates, 0.95):.1f}"
    )


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dialogs.ask_unsaved_changes = lambda *_a: dialogs.UnsavedChoice.DISCARD
        dialogs.ask_open_after_export = lambda *_a: None
        window = build_window(
            settings=QSettings(str(work / "s.ini"), QSettings.Format.IniFormat),
            history_path=work / "history.sqlite3",
            user_dir=work / "user",
        )
        window.resize(1280, 720)
        window.show()
        for words in (400, 2000):
            letter_of(window, words)
            measure(app, window, f"{words}-word letter")

        people = work / "people.csv"
        people.write_text(
            "first_name,last_name,email\n" + "".join(f"P{n},S{n},p{n}@example.com\n" for n in range(10_000)),
            encoding="utf-8",
        )
        window.open_path(paths.examples_dir() / "renewal-email.amends", example=True)
        window.recipients.load(people)
        dialog = window.export_notice()
        dialog.start(OutputKind.DOCX_EACH, work / "out")
        progress = []
        dialog.export_progressed.connect(lambda done, total: progress.append(done))
        measure(app, window, "while 10,000 letters export", dialog.is_running)
        print(f"  letters exported meanwhile: {progress[-1] if progress else 0:,}")
        dialog.cancel()
        while dialog.is_running():
            app.processEvents()
        window.close()


if __name__ == "__main__":
    main()
