"""The main window driven through the stories users live in: write a letter from scratch and
export it, fix a hedged apology and undo the fix, merge a notice, copy, save and close."""

from __future__ import annotations

import platform
import zipfile

import pytest
from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtGui import QAction, QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from desktop import __version__, paths
from desktop.core.draft_file import load_draft
from desktop.core.merge import OutputKind
from desktop.core.model import Kind
from desktop.gui import dialogs
from desktop.gui.app import SystemFileOpener, build_window
from tests.helpers.readback import docx_paragraphs, words_of_text
from tests.helpers.window import open_window, type_into, wait_for_update

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
RENEWAL = paths.examples_dir() / "renewal-email.amends"
RENEWAL_LIST = paths.examples_dir() / "renewal-email-recipients.csv"


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings, monkeypatch, tmp_path):
    return open_window(qtbot, tmp_path, monkeypatch, settings)


@pytest.fixture
def no_questions(monkeypatch):
    """Fail loudly if the window asks something a test did not expect."""
    asked = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, message: asked.append((title, message)))
    monkeypatch.setattr(dialogs, "ask_open_after_export", lambda _parent, _path: None)
    return asked


def test_a_new_draft_opens_with_the_cursor_in_the_first_field(window):
    window.form.focus_first_field()
    assert window.windowTitle() == "Untitled letter[*] — Amends"
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "recipient.name"


def test_fill_in_the_rrsp_case_from_scratch_and_export_what_the_preview_shows(
    qtbot, window, monkeypatch, tmp_path, no_questions
):
    source = load_draft(RRSP)
    for field, value in [
        ("recipient.name", source.recipient.name),
        ("recipient.title", source.recipient.title),
        ("incident.summary", source.incident.summary),
        ("incident.what", source.incident.what),
        ("incident.affected", source.incident.affected),
        ("cause", source.cause),
        ("fixed", source.fixed),
        ("changes", source.changes),
        ("sender.name", source.sender.name),
        ("sender.role", source.sender.role),
        ("sender.company", source.sender.company),
        ("sender.contact", source.sender.contact),
    ]:
        type_into(qtbot, window, field, value)
    mode = window.form.findChild(QComboBox, "follow_up.mode")
    mode.setCurrentIndex(mode.findText("business days", Qt.MatchFlag.MatchContains))
    window.form.findChild(QSpinBox, "follow_up.business_days").setValue(2)
    wait_for_update(qtbot, window)

    draft = window.session.draft
    assert draft.incident.what == source.incident.what and draft.sender.name == "Marc Okafor"
    assert window.session.dirty
    assert window.windowTitle().startswith("Danielle Tremblay – The restart of your RRSP withdrawal[*]")
    preview = window.preview.plain_text()
    assert "Dear Ms Tremblay," in preview and source.cause in preview

    out = tmp_path / "rrsp-letter.docx"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: out)
    assert window.exports.export_docx() == out
    exported = docx_paragraphs(out.read_bytes())  # body paragraphs and the sign-off's table row
    assert words_of_text("\n".join(exported)) == words_of_text(preview)
    assert no_questions == []


def test_a_hedged_apology_is_marked_fixed_and_undone(qtbot, window, no_questions):
    window.files.open_path(RRSP, example=True)
    editor = window.form.editor_for("cause")
    editor.clear()
    type_into(qtbot, window, "cause", "We are sorry if you were inconvenienced by the form.")
    findings = wait_for_update(qtbot, window)
    (hedge,) = [f for f in findings if f.rule == "conditional-apology"]
    assert hedge.field == "cause" and hedge.matched == "sorry if"
    assert window.marks.findings_at("cause", hedge.start + 1) == [hedge]
    assert "conditional apology" in window.readiness.text() and not window.readiness.ready
    assert hedge in window.checker_panel.model.findings()

    assert window.checker_panel.select_finding(hedge)
    window.checker_panel.fix_action.trigger()
    assert editor.toPlainText() == "We are sorry that you were inconvenienced by the form."
    assert "conditional-apology" not in {f.rule for f in window.updater.findings}
    assert window.marks.findings_at("cause", hedge.start + 1) == []
    assert window.readiness.ready

    editor.undo()
    assert editor.toPlainText() == "We are sorry if you were inconvenienced by the form."
    findings = wait_for_update(qtbot, window)
    assert "conditional-apology" in {f.rule for f in findings}


def test_clicking_a_finding_goes_to_its_words(qtbot, window):
    window.files.open_path(RRSP, example=True)
    window.form.editor_for("changes").setPlainText("This will never happen again.")
    findings = wait_for_update(qtbot, window)
    (promise,) = [f for f in findings if f.rule == "unkeepable-promise"]
    window.checker_panel.finding_activated.emit(promise)
    editor = window.form.editor_for("changes")
    assert editor.hasFocus() or QApplication.focusWidget() is editor
    assert editor.textCursor().selectedText() == promise.matched


def test_a_notice_previews_recipient_three_and_exports_one_docx_each(qtbot, window, tmp_path, no_questions):
    window.files.open_path(RENEWAL, example=True)
    assert window.left_tabs.isTabVisible(window.left_tabs.indexOf(window.recipients))
    assert window.recipients.load(RENEWAL_LIST)
    window.recipients.set_preview_index(3)
    wait_for_update(qtbot, window)
    third = load_draft(RENEWAL)
    import csv

    with RENEWAL_LIST.open(encoding="utf-8", newline="") as handle:
        row = list(csv.DictReader(handle))[2]
    assert f"Dear {row['first_name']} {row['last_name']}," in window.preview.plain_text()
    assert third.kind is Kind.NOTICE

    dialog = window.exports.export_notice()
    assert dialog is not None
    out = tmp_path / "letters"
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as done:
        dialog.start(OutputKind.DOCX_EACH, out, "{account}-{last_name}")
    result = done.args[0]
    assert result.written == window.recipients.row_count()
    assert (out / f"{row['account']}-{row['last_name']}.docx").exists()
    (recorded,) = window.history.search(RENEWAL_LIST.name)
    assert recorded.recipient_count == result.written and recorded.output == out
    dialog.close()


def test_letters_and_notices_from_the_window_carry_the_teams_paper_and_logo(
    qtbot, settings, tmp_path, monkeypatch, no_questions
):
    team = tmp_path / "team"
    team.mkdir()
    (team / "profile.toml").write_text('[page]\nsize = "Letter"\n[logo]\nfile = "logo.png"\n', "utf-8")
    (team / "logo.png").write_bytes((paths.resources_dir() / "icons" / "amends-64.png").read_bytes())
    user = tmp_path / "user"
    user.mkdir()
    (user / "settings.toml").write_text(f'[team]\nprofile = "{team.as_posix()}"\n', "utf-8")
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: dialogs.UnsavedChoice.DISCARD)
    window = build_window(settings=settings, history_path=tmp_path / "history.sqlite3", user_dir=user)
    qtbot.addWidget(window)
    window.files.open_path(RENEWAL, example=True)
    assert window.recipients.load(RENEWAL_LIST)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "one.docx")
    letters = [window.exports.export_docx()]
    dialog = window.exports.export_notice()
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000):
        dialog.start(OutputKind.DOCX, tmp_path / "all.docx")
    dialog.close()
    letters.append(tmp_path / "all.docx")
    for letter in letters:
        with zipfile.ZipFile(letter) as package:
            assert "word/media/logo.png" in package.namelist(), letter.name
            assert '<w:pgSz w:w="12240" w:h="15840"/>' in package.read("word/document.xml").decode()


def test_a_cancelled_notice_export_leaves_nothing(qtbot, window, tmp_path, no_questions):
    people = tmp_path / "many.csv"
    people.write_text(
        "first_name,last_name,email\n" + "".join(f"P{n},S{n},p{n}@example.com\n" for n in range(3000)),
        encoding="utf-8",
    )
    window.files.open_path(RENEWAL, example=True)
    assert window.recipients.load(people)
    dialog = window.exports.export_notice()
    out = tmp_path / "cancelled"
    with qtbot.waitSignal(dialog.export_progressed, timeout=30_000):
        dialog.start(OutputKind.DOCX_EACH, out)
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=30_000)
    assert not out.exists() or list(out.iterdir()) == []
    dialog.close()


@pytest.fixture
def clipboard():
    """Emptied afterwards: Qt's offscreen platform crashes at exit if the clipboard holds data."""
    board = QGuiApplication.clipboard()
    yield board
    board.clear()


def test_copy_puts_formatted_and_plain_text_on_the_clipboard(qtbot, window, clipboard):
    window.files.open_path(RRSP, example=True)
    assert window.exports.copy_letter()
    mime = clipboard.mimeData()
    assert mime.hasHtml() and mime.hasText()
    assert mime.text().startswith("Your reference: RRSP 4471-0923\n\nDear Ms Tremblay,")
    assert "<p>Dear Ms Tremblay,</p>" in mime.html()
    assert "200 King Street West" not in mime.html(), "the letterhead belongs to paper"


def test_closing_with_unsaved_changes_asks_first(qtbot, window, monkeypatch):
    window.files.open_path(RRSP, example=True)
    type_into(qtbot, window, "closing_note", "One more thing.")
    assert window.session.dirty
    answers = iter([dialogs.UnsavedChoice.CANCEL, dialogs.UnsavedChoice.DISCARD])
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: next(answers))
    assert not window.close()
    assert window.isVisible()
    assert window.close()


def test_save_remembers_the_file_and_the_window_comes_back_as_it_was(
    qtbot, window, settings, tmp_path, monkeypatch
):
    window.files.open_path(RRSP, example=True)
    target = tmp_path / "tremblay.amends"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: target)
    type_into(qtbot, window, "closing_note", "Thank you.")
    assert window.files.save()
    assert load_draft(target).closing_note == "Thank you."
    assert not window.session.dirty and window.windowTitle().startswith("RRSP withdrawal")
    window.main_split.setSizes([300, 660])
    sizes = window.main_split.sizes()
    window.close()

    again = build_window(
        settings=settings, history_path=tmp_path / "history.sqlite3", user_dir=tmp_path / "user"
    )
    qtbot.addWidget(again)
    again.resize(window.size())
    again.show()
    qtbot.waitExposed(again)
    assert [a.text() for a in again.files.recent_menu.actions()] == ["tremblay.amends"]
    assert again.main_split.sizes() == sizes


def test_a_broken_draft_is_refused_with_the_field_named(qtbot, window, tmp_path, no_questions):
    window.files.open_path(RRSP, example=True)
    broken = tmp_path / "broken.amends"
    broken.write_text('{"format_version": 2, "kind": "letterish"}', encoding="utf-8")
    assert not window.files.open_path(broken)
    ((_title, message),) = no_questions
    assert "kind" in message and "individual, notice" in message
    assert window.session.path == RRSP


def test_a_full_disk_keeps_the_letter_open_and_unsaved(qtbot, window, tmp_path, monkeypatch, no_questions):
    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "x.amends"))

    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "x.amends")
    monkeypatch.setattr("desktop.gui.draft_session.save_draft", full)
    type_into(qtbot, window, "recipient.name", "Ana")
    assert not window.files.save()
    assert window.session.dirty and window.session.path is None
    ((_title, message),) = no_questions
    assert "No space left on device" in message and "nothing was lost" in message


def test_every_control_has_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QTextEdit

    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)
    unnamed = [
        f"{type(w).__name__} {w.objectName()}"
        for kind in kinds
        for w in window.findChildren(kind)
        if w.isVisibleTo(window) and not w.accessibleName() and not isinstance(w.parent(), QComboBox)
    ]
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    unnamed += [
        f"button {b.objectName()}" for b in buttons if not (b.accessibleName() or b.text() or b.toolTip())
    ]
    assert unnamed == []


def test_the_kind_switch_shows_the_recipients_tab_and_notice_templates(window):
    window.toolbar.kind_choice.setCurrentIndex(window.toolbar.kind_choice.findData(Kind.NOTICE))
    window.toolbar.kind_choice.activated.emit(window.toolbar.kind_choice.currentIndex())
    assert window.session.draft.kind is Kind.NOTICE
    ids = [window.toolbar.template_choice.itemData(i) for i in range(window.toolbar.template_choice.count())]
    assert "renewal-notice" in ids and "formal-letter" not in ids
    assert window.left_tabs.isTabVisible(window.left_tabs.indexOf(window.recipients))
    assert window.export_notice_action.isEnabled()


def test_paths_in_the_window_title_never_show_for_examples(window):
    window.files.open_path(RRSP, example=True)
    assert window.windowTitle() == f"{load_draft(RRSP).title}[*] — Amends"
    assert window.session.needs_save_as()
    suggested = window.exports.suggested_path("docx", ".docx")
    assert suggested.parent == window.folders.documents and suggested.parent.name == "Amends"
    assert suggested.name == f"{load_draft(RRSP).title}.docx"


def test_an_export_is_recorded_as_exported_and_only_a_letter_marked_sent_counts_as_an_apology(
    qtbot, window, tmp_path, monkeypatch, no_questions
):
    window.files.open_path(RRSP, example=True)
    assert not any(f.rule == "repeat-incident" for f in window.updater.findings)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "first.docx")
    export = next(a for a in window.findChildren(QAction) if a.text() == "&Export Letter as DOCX…")
    export.trigger()
    (entry,) = window.history.search("Tremblay")
    assert entry.output == tmp_path / "first.docx" and entry.category == load_draft(RRSP).incident.category
    assert entry.status_text == "Exported (DOCX)" and entry.channel == "docx" and entry.sent_on is None

    # A second export of the same letter (a proof print) is no second apology, sent or not.
    export.trigger()
    window.updater.update_now()
    assert "repeat-incident" not in {f.rule for f in window.updater.findings}

    window.panels.show_history()
    view = window.history_view
    first = min(window.history.search("Tremblay"), key=lambda e: e.id)
    view.table.selectRow(view.model.row_of(first.id))
    assert view.mark_sent_action.text() == "Mark as Sent"
    view.mark_sent_action.trigger()
    assert window.history.get(first.id).status == "sent"
    window.updater.update_now()
    assert "repeat-incident" not in {f.rule for f in window.updater.findings}  # still this letter

    # Another letter to the same person about the same kind of mistake is flagged.
    window.files.open_path(RRSP, example=True)
    assert "repeat-incident" in {f.rule for f in window.updater.findings}


def test_a_corrupt_history_is_moved_aside_and_the_app_still_works(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: dialogs.UnsavedChoice.DISCARD)
    broken = tmp_path / "history.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    window = build_window(RRSP, settings=settings, history_path=broken, user_dir=tmp_path / "user")
    qtbot.addWidget(window)
    assert "history" in window.statusBar().currentMessage().lower()
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("history.corrupt-")]
    assert len(moved) == 1 and moved[0].read_bytes() == b"not a database at all" * 100
    assert window.history is not None and window.history.search("") == []
    assert window.preview.plain_text().count("Dear Ms Tremblay,") == 1


def test_a_new_draft_starts_from_the_users_settings(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: dialogs.UnsavedChoice.DISCARD)
    user = tmp_path / "user"
    user.mkdir()
    (user / "settings.toml").write_text(
        '[sender]\nname = "Marc Okafor"\nrole = "Client Service Specialist"\n\n'
        '[letter]\nsign_off = "Kind regards"\nlocale = "en_CA"\n\n'
        '[holidays]\ncountry = "CA"\nsubdivision = "ON"\n',
        encoding="utf-8",
    )
    window = build_window(settings=settings, history_path=tmp_path / "h.sqlite3", user_dir=user)
    qtbot.addWidget(window)
    draft = window.session.draft
    assert (draft.sender.name, draft.sender.role, draft.sender.sign_off) == (
        "Marc Okafor",
        "Client Service Specialist",
        "Kind regards",
    )
    assert (draft.locale, draft.follow_up.country, draft.follow_up.subdivision) == ("en_CA", "CA", "ON")


def test_a_broken_settings_file_is_named_and_the_app_still_starts(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda _parent, _name: dialogs.UnsavedChoice.DISCARD)
    user = tmp_path / "user"
    user.mkdir()
    (user / "settings.toml").write_text('[page]\nsize = "A5"\n', encoding="utf-8")
    window = build_window(settings=settings, history_path=tmp_path / "h.sqlite3", user_dir=user)
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage()
    assert "settings.toml" in message and "page.size" in message
    assert window.session.draft.template == "formal-letter"


def test_an_email_draft_goes_from_the_sender_to_the_recipient(
    qtbot, window, tmp_path, monkeypatch, no_questions
):
    import email
    import email.policy

    window.files.open_path(RRSP, example=True)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "tremblay")
    path = window.exports.export_eml()
    assert path == tmp_path / "tremblay.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    draft = load_draft(RRSP)
    assert message["To"].addresses[0].addr_spec == draft.recipient.email
    assert message["From"].addresses[0].display_name == draft.sender.name
    assert (
        message.get_body(("plain",)).get_content().replace("\r\n", "\n")
        == window.preview.plain_text().split("My mistake with the restart of your RRSP withdrawal\n\n", 1)[1]
    )
    assert window.history.search("Tremblay")[0].output == path


def test_history_view_lists_exports_and_opens_from_the_view_menu(
    qtbot, window, tmp_path, monkeypatch, no_questions
):
    window.files.open_path(RRSP, example=True)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: tmp_path / "letter.docx")
    window.exports.export_docx()
    window.panels.show_history()
    assert window.panels.history_dock.isVisible()
    assert [entry.output for entry in window.history_view.model.entries()] == [tmp_path / "letter.docx"]


def test_saved_settings_apply_to_the_next_new_draft(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QLineEdit

    dialog = window.panels.open_settings()
    control = dialog.field("sender.name").editor.control()
    assert isinstance(control, QLineEdit)
    control.setFocus()
    qtbot.keyClicks(control, "Harriet Lowe")
    dialog.accept()
    assert (tmp_path / "user" / "settings.toml").exists()
    window.files.new_draft()
    assert window.session.draft.sender.name == "Harriet Lowe"


def test_about_names_the_version_build_data_folder_and_model_sources(window, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(dialogs, "show_about", lambda _parent, details: shown.append(details))
    about = next(a for a in window.findChildren(QAction) if a.text() == "&About Amends")
    about.trigger()
    lines = shown[0].splitlines()
    assert lines[0] == f"Amends {__version__}"
    assert "commit " in lines[1]
    assert lines[2].startswith(f"Python {platform.python_version()}, Qt {qVersion()}")
    assert lines[3] == f"Settings, templates and history: {tmp_path / 'user'}"
    assert "Universal Dependencies English Web Treebank (CC BY-SA 4.0)" in lines[4]
    assert lines[5] == "Its lemma tables: WordNet 3.0, © 2006 Princeton University"


def test_a_draft_the_system_hands_over_is_opened(window):
    opener = SystemFileOpener(window)
    QApplication.instance().installEventFilter(opener)
    try:
        QApplication.sendEvent(
            QApplication.instance(), QFileOpenEvent(str(paths.examples_dir() / "rrsp-withdrawal.amends"))
        )
    finally:
        QApplication.instance().removeEventFilter(opener)
    assert window.session.draft.recipient.name == "Danielle Tremblay"
    assert window.windowTitle().startswith("RRSP withdrawal – Tremblay")


def test_every_example_opens_from_the_file_menu_by_its_title(qtbot, window, no_questions):
    examples_menu = next(
        a.menu() for a in window.menuBar().actions()[0].menu().actions() if a.text() == "E&xamples"
    )
    entries = examples_menu.actions()
    files = sorted(paths.examples_dir().glob("*.amends"))
    assert sorted(a.text() for a in entries) == sorted(load_draft(p).title for p in files)
    for entry in entries:
        entry.trigger()  # as a click does: triggered(checked=False)
        draft = window.session.draft
        assert draft.title == entry.text() and window.session.from_example
        window.updater.update_now()
        expected = draft.recipient.name or draft.sender.company
        assert expected and expected in window.preview.plain_text(), entry.text()
