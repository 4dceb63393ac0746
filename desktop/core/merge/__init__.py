"""Mass notices: one draft merged over a recipient list into DOCX, PDF, e-mail drafts or CSV."""

from desktop.core.merge.outputs import OutputKind
from desktop.core.merge.run import MergeCancelled, MergeRequest, MergeResult, run_merge

__all__ = ["MergeCancelled", "MergeRequest", "MergeResult", "OutputKind", "run_merge"]
