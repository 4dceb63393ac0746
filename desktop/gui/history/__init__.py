"""The letter history in the GUI: a searchable table of exports and the follow-ups that are due."""

from desktop.gui.history.follow_ups import follow_up_counts, follow_up_summary
from desktop.gui.history.model import HistoryTableModel
from desktop.gui.history.view import HistoryView

__all__ = ["HistoryTableModel", "HistoryView", "follow_up_counts", "follow_up_summary"]
