"""The checker's findings as an item model: one group per severity, one row per finding.

Findings arrive again after every pause in typing, mostly unchanged but with shifted offsets.
The model diffs each group by a finding's identity instead of resetting, so a view keeps its
selection, its expanded groups and its scroll position while the writer types.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.core.checker.findings import LETTER_FIELD, Finding, Severity
from desktop.gui.checking.fixes import replacement
from desktop.gui.checking.labels import field_label, rule_label

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
"""The Finding behind a row (None on group rows)."""
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
"""The second line of a row: where the finding is, and the reason if it was accepted."""
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
"""The Severity of a group row and of its findings."""

GROUPS = ((Severity.ERROR, "Errors"), (Severity.WARNING, "Warnings"), (Severity.INFO, "Suggestions"))

Identity = tuple[str, int]
AnyIndex = QModelIndex | QPersistentModelIndex


def identities(findings: Sequence[Finding]) -> list[Identity]:
    """(key, n): the key survives edits elsewhere; n tells apart the same words found twice."""
    seen: Counter[str] = Counter()
    result = []
    for finding in findings:
        result.append((finding.key, seen[finding.key]))
        seen[finding.key] += 1
    return result


def acceptance_text(finding: Finding) -> str:
    """ "accepted: reason" for an accepted finding, saying so when the acceptance covers every
    finding of its rule rather than these words; "" for one that is not accepted."""
    if not finding.accepted:
        return ""
    if finding.accepted_rule_wide:
        return f"accepted for every {rule_label(finding.rule)} finding: {finding.accepted_reason}"
    return f"accepted: {finding.accepted_reason}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class FindingsModel(QStandardItemModel):
    def __init__(self, label_for: Callable[[str], str] = field_label, parent: QObject | None = None):
        super().__init__(parent)
        self._label_for = label_for
        self._ids: dict[Severity, list[Identity]] = {severity: [] for severity, _ in GROUPS}
        self._groups: dict[Severity, QStandardItem] = {}
        for severity, _title in GROUPS:
            group = QStandardItem()
            group.setEditable(False)
            group.setData(severity, SEVERITY_ROLE)
            self._groups[severity] = group
            self.appendRow(group)
            self._update_group(severity, [])

    # Reading ------------------------------------------------------------------------------

    @staticmethod
    def finding(index: AnyIndex) -> Finding | None:
        return index.data(FINDING_ROLE) if index.isValid() else None

    def group_index(self, severity: Severity) -> QModelIndex:
        return self._groups[severity].index()

    def index_of(self, identity: Hashable) -> QModelIndex:
        for severity, ids in self._ids.items():
            if identity in ids:
                return self._groups[severity].child(ids.index(identity)).index()
        return QModelIndex()

    def identity_at(self, index: AnyIndex) -> Identity | None:
        parent = index.parent()
        if not index.isValid() or not parent.isValid():
            return None
        return self._ids[parent.data(SEVERITY_ROLE)][index.row()]

    def findings(self) -> list[Finding]:
        return [
            self._groups[severity].child(row).data(FINDING_ROLE)
            for severity, _ in GROUPS
            for row in range(self._groups[severity].rowCount())
        ]

    # Updating -----------------------------------------------------------------------------

    def set_findings(self, findings: Sequence[Finding]) -> None:
        by_group: dict[Severity, list[tuple[Identity, Finding]]] = {severity: [] for severity, _ in GROUPS}
        for identity, finding in zip(identities(findings), findings, strict=True):
            by_group[Severity(finding.severity)].append((identity, finding))
        for severity, pairs in by_group.items():
            self._diff_group(severity, pairs)
            self._update_group(severity, [finding for _, finding in pairs])

    def _diff_group(self, severity: Severity, pairs: list[tuple[Identity, Finding]]) -> None:
        """Remove and insert only the rows that changed; refresh the rest in place."""
        group = self._groups[severity]
        old, new = self._ids[severity], [identity for identity, _ in pairs]
        opcodes = SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(opcodes):
            if tag == "equal":
                for offset in range(i2 - i1):
                    self._fill(group.child(i1 + offset), pairs[j1 + offset][1])
                continue
            if i2 > i1:
                group.removeRows(i1, i2 - i1)
            for offset, (_, finding) in enumerate(pairs[j1:j2]):
                group.insertRow(i1 + offset, [self._fill(QStandardItem(), finding)])
        self._ids[severity] = new

    def _fill(self, item: QStandardItem, finding: Finding) -> QStandardItem:
        if item.data(FINDING_ROLE) == finding:
            return item
        item.setEditable(False)
        item.setData(finding, FINDING_ROLE)
        item.setData(Severity(finding.severity), SEVERITY_ROLE)
        item.setText(finding.message)
        item.setData(self._detail(finding), DETAIL_ROLE)
        item.setToolTip(self._tooltip(finding))
        where = self._label_for(finding.field)
        spoken = f"{finding.severity}: {finding.message} In {where}."
        if finding.accepted:
            spoken += f" {_capital(acceptance_text(finding)).rstrip('.')}."
        item.setData(spoken, Qt.ItemDataRole.AccessibleTextRole)
        return item

    def _detail(self, finding: Finding) -> str:
        parts = [self._where(finding)]
        wording = replacement(finding)
        if wording:
            parts.append(f"fix: “{wording}”")
        if finding.accepted:
            parts.append(acceptance_text(finding))
        return " · ".join(parts)

    def _where(self, finding: Finding) -> str:
        label = self._label_for(finding.field)
        if finding.field == LETTER_FIELD:
            label = label[:1].upper() + label[1:]
        words = " ".join(finding.matched.split())
        if not words:
            return label
        if len(words) > 40:
            words = words[:39] + "…"
        return f"{label}: “{words}”"

    @staticmethod
    def _tooltip(finding: Finding) -> str:
        lines = [finding.principle]
        if replacement(finding):
            lines.append(f"Fix: replace with “{finding.suggestion}”")
        elif finding.suggestion:
            lines.append(f"Try: {finding.suggestion}")
        if finding.accepted:
            lines.append(_capital(acceptance_text(finding)))
        return "\n".join(line for line in lines if line)

    def _update_group(self, severity: Severity, findings: list[Finding]) -> None:
        group = self._groups[severity]
        title = dict(GROUPS)[severity]
        accepted = sum(1 for finding in findings if finding.accepted)
        count = f"{len(findings)}, {accepted} accepted" if accepted else f"{len(findings)}"
        text = f"{title} ({count})"
        if group.text() != text:
            group.setText(text)
            group.setData(text, Qt.ItemDataRole.AccessibleTextRole)
