"""The recipients view: import a list, read its marks, fix and skip rows, preview recipient N of M."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.recipients import Field
from desktop.gui import dialogs
from desktop.gui.notice import RecipientsPanel
from desktop.gui.notice.marks import RowState
from desktop.gui.notice.table_model import FIRST_DATA, SEND, STATUS
from tests.gui.notice.conftest import EXAMPLE_LIST
from tests.helpers.recipient_lists import generated_list

NAME_AND_EMAIL = ("recipient.name", "recipient.extra.last_name", "recipient.email", "incident.summary")


def make_panel(qtbot) -> RecipientsPanel:
    panel = RecipientsPanel()
    qtbot.addWidget(panel)
    return panel


def cell(panel, row: int, column: str, role=Qt.ItemDataRole.DisplayRole):
    model = panel.model()
    position = FIRST_DATA + model.table.columns.index(column)
    return model.data(model.index(row, position), role)


def test_the_example_list_loads_with_a_summary_and_previews_recipient_3(qtbot, example_rows):
    panel = make_panel(qtbot)
    with qtbot.waitSignal(panel.recipients_changed):
        assert panel.load(EXAMPLE_LIST)
    assert panel.row_count() == len(example_rows) == 36
    assert "36 rows: 36 ready" in panel.summary_text()
    with qtbot.waitSignal(panel.preview_recipient_changed) as blocker:
        panel.set_preview_index(3)
    recipient = blocker.args[0]
    third = example_rows[2]
    assert recipient.name == f"{third['first_name']} {third['last_name']}"
    assert recipient.email == third["email"] and recipient.reference == third["account"]
    assert panel.preview_index() == 3
    inputs = panel.merge_inputs()
    assert inputs is not None and inputs.letters == 36 and not inputs.skip_rows


def test_no_list_previews_nobody(qtbot):
    panel = make_panel(qtbot)
    assert panel.merge_inputs() is None and panel.preview_index() == 0 and panel.row_count() == 0
    assert "No recipient list" in panel.summary_text()


def test_an_unreadable_file_is_a_message_not_an_exception(qtbot, tmp_path):
    panel = make_panel(qtbot)
    old = tmp_path / "list.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert not panel.load(old)
    assert "Could not import list.xls" in panel.message_text() and ".xlsx" in panel.message_text()
    assert panel.row_count() == 0


def test_a_hostile_list_marks_the_right_rows_and_cells(qtbot, hostile_list):
    panel = make_panel(qtbot)
    panel.set_required_fields(NAME_AND_EMAIL)
    assert panel.load(hostile_list)
    model = panel.model()
    assert model.table.columns == ("Prénom", "Nom", "E-mail", "Compte")  # cp1252 and ";" understood
    assert [model.state_of(r) for r in range(4)] == [
        RowState.READY,
        RowState.ERROR,
        RowState.ERROR,
        RowState.READY,
    ]
    assert "4 rows: 2 ready, 2 with errors" in panel.summary_text()
    assert "last_name" in cell(panel, 1, "Nom", Qt.ItemDataRole.ToolTipRole)
    assert cell(panel, 1, "Nom", Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(panel, 1, "E-mail", Qt.ItemDataRole.BackgroundRole) is None
    assert "not a valid e-mail address" in cell(panel, 2, "E-mail", Qt.ItemDataRole.ToolTipRole)
    status_tip = model.data(model.index(2, STATUS), Qt.ItemDataRole.ToolTipRole)
    assert status_tip.startswith("E-mail:") and "jose(at)example.com" in status_tip
    assert model.data(model.index(0, STATUS)) == "Ready"


def test_fixing_a_bad_cell_clears_its_mark_and_becomes_an_override(qtbot, hostile_list):
    panel = make_panel(qtbot)
    panel.set_required_fields(NAME_AND_EMAIL)
    panel.load(hostile_list)
    model = panel.model()
    email = model.index(2, FIRST_DATA + 2)
    with qtbot.waitSignal(panel.recipients_changed):
        assert model.setData(email, "  jose@example.com ")
    assert model.state_of(2) is RowState.READY
    assert cell(panel, 2, "E-mail") == "jose@example.com"
    assert "the file says “jose(at)example.com”" in cell(panel, 2, "E-mail", Qt.ItemDataRole.ToolTipRole)
    model.setData(model.index(1, FIRST_DATA + 1), "Martin")  # not the e-mail column: one row re-checked
    assert model.state_of(1) is RowState.READY
    inputs = panel.merge_inputs()
    assert inputs.overrides == {(4, "E-mail"): "jose@example.com", (3, "Nom"): "Martin"}
    assert inputs.report.ok and "4 rows: 4 ready" in panel.summary_text()
    with qtbot.waitSignal(panel.preview_recipient_changed) as blocker:
        panel.set_preview_index(2)
    assert blocker.args[0].name == "Renée Martin"
    model.setData(email, "jose(at)example.com")  # back to the file's value: no override left
    assert (4, "E-mail") not in panel.merge_inputs().overrides and model.state_of(2) is RowState.ERROR


def test_duplicates_are_checked_across_the_list_after_an_edit(qtbot, hostile_list):
    panel = make_panel(qtbot)
    panel.load(hostile_list)
    model = panel.model()
    model.setData(model.index(3, FIRST_DATA + 2), "ZOE@example.net")
    assert model.state_of(0) is RowState.WARNING and model.state_of(3) is RowState.WARNING
    assert "row 5" in model.data(model.index(0, STATUS), Qt.ItemDataRole.ToolTipRole)
    model.setData(model.index(0, FIRST_DATA + 2), "zoe.l@example.net")
    assert model.state_of(0) is RowState.READY and model.state_of(3) is RowState.READY


def test_skipping_rows_by_hand_and_all_rows_with_errors(qtbot, hostile_list):
    panel = make_panel(qtbot)
    panel.set_required_fields(NAME_AND_EMAIL)
    panel.load(hostile_list)
    model = panel.model()
    with qtbot.waitSignal(panel.recipients_changed):
        model.setData(model.index(0, SEND), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.state_of(0) is RowState.SKIPPED
    assert panel.merge_inputs().skip_rows == {2}
    assert "4 rows: 1 ready, 2 with errors, 1 skipped" in panel.summary_text()
    assert panel.skip_rows_with_errors() == 2
    assert panel.merge_inputs().skip_rows == {2, 3, 4} and panel.merge_inputs().letters == 1
    assert "4 rows: 1 ready, 3 skipped" in panel.summary_text()
    model.setData(model.index(0, SEND), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert panel.merge_inputs().skip_rows == {3, 4}


def test_a_required_field_no_column_supplies_is_said_above_the_table(qtbot):
    panel = make_panel(qtbot)
    panel.load(EXAMPLE_LIST)
    panel.set_required_fields(("recipient.address",))
    assert "no column supplies it" in panel.message_text() and panel.message_text().startswith("The template")
    assert panel.message_text() and not panel.merge_inputs().report.ok


def test_changing_a_columns_field_remaps_and_revalidates(qtbot, hostile_list):
    panel = make_panel(qtbot)
    panel.set_required_fields(NAME_AND_EMAIL)
    panel.load(hostile_list)
    with qtbot.waitSignal(panel.recipients_changed):
        assert panel.set_column_fields({"E-mail": Field.IGNORE})
    model = panel.model()
    assert model.headerData(FIRST_DATA + 2, Qt.Orientation.Horizontal) == "E-mail\nignored"
    assert "no column supplies it" in panel.message_text()
    assert not panel.set_column_fields({"Compte": Field.FIRST_NAME, "Nom": Field.FIRST_NAME})
    assert panel.message_text() == "Both 'Nom' and 'Compte' are mapped to first_name."
    assert panel.set_column_fields({"Compte": Field.FIRST_NAME})  # the first name moves from Prénom
    assert panel.model().recipient_at(0).extra["first_name"] == "FR-1"
    assert panel.set_column_fields({"Prénom": Field.FIRST_NAME, "Compte": Field.REFERENCE})
    assert panel.set_column_fields({"E-mail": Field.EMAIL})
    assert panel.merge_inputs().mapping.columns_for(Field.EMAIL) == ("E-mail",)


def test_the_import_button_asks_for_a_file_through_the_dialogs_module(qtbot, monkeypatch, tmp_path):
    panel = make_panel(qtbot)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: EXAMPLE_LIST)
    with qtbot.waitSignal(panel.load_finished) as blocker:
        qtbot.mouseClick(panel._import_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True] and panel.row_count() == 36


def test_a_workbook_with_several_sheets_asks_which_one(qtbot, monkeypatch, tmp_path):
    import openpyxl

    from desktop.gui.notice import questions

    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Note"])
    workbook.active.append(["ignore me"])
    sheet = workbook.create_sheet("Customers")
    sheet.append(["Name", "Email"])
    sheet.append(["Ada Lovelace", "ada@example.com"])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    asked = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: path)
    monkeypatch.setattr(
        questions, "ask_sheet", lambda _parent, _name, sheets: asked.append(sheets) or "Customers"
    )
    panel = make_panel(qtbot)
    with qtbot.waitSignal(panel.load_finished):
        panel._import_requested()
    assert asked == [["Notes", "Customers"]]
    assert panel.row_count() == 1 and panel.model().recipient_at(0).email == "ada@example.com"


def test_the_table_model_passes_qt_model_checks(qtbot, qtmodeltester, hostile_list):
    panel = make_panel(qtbot)
    panel.set_required_fields(NAME_AND_EMAIL)
    panel.load(hostile_list)
    qtmodeltester.check(panel.model(), force_py=True)


def test_a_10000_row_list_loads_quickly(qtbot, tmp_path):
    import time

    path = generated_list(tmp_path / "big.csv", 10_000)
    panel = make_panel(qtbot)
    started = time.perf_counter()
    assert panel.load(path)
    elapsed = time.perf_counter() - started
    assert panel.row_count() == 10_000 and "10,000 rows: 10,000 ready" in panel.summary_text()
    assert elapsed < 2.0, f"loading 10,000 rows took {elapsed:.2f}s"


def test_the_columns_dialog_refuses_two_columns_for_one_field(qtbot, hostile_list):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.gui.notice.mapping_dialog import ColumnMappingDialog

    panel = make_panel(qtbot)
    panel.load(hostile_list)
    dialog = ColumnMappingDialog(panel.model().mapping, panel.model().row_values(0))
    qtbot.addWidget(dialog)
    ok = dialog._buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.chosen_fields()["E-mail"] is Field.EMAIL and ok.isEnabled()
    dialog.set_field("Compte", Field.EMAIL)
    assert not ok.isEnabled() and "mapped to email" in dialog._problem.text()
    dialog.set_field("E-mail", Field.EXTRA)
    assert ok.isEnabled()
    assert panel.set_column_fields(dialog.chosen_fields())
    assert panel.model().recipient_at(0).email == "FR-1"
