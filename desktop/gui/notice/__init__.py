"""The mass-notice side of the desktop app: the recipients view and the export dialog."""

from desktop.gui.notice.export_dialog import ExportNoticeDialog
from desktop.gui.notice.inputs import MergeInputs
from desktop.gui.notice.panel import RecipientsPanel
from desktop.gui.notice.table_model import RecipientsTableModel

__all__ = ["ExportNoticeDialog", "MergeInputs", "RecipientsPanel", "RecipientsTableModel"]
