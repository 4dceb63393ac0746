"""The writer's choices about findings: ignoring one, or accepting it with a reason.

Three ways to set a finding aside, from bluntest to most accountable:

- a rule file switches a rule off for everyone (`[override.RULE-ID] enabled = false`);
- an inline marker `<!-- amends-ignore: rule-id, other-id -->` silences those rules in the
  paragraph that holds it (and, for findings about the whole letter, anywhere in the text);
- a per-draft list: `ignored` drops findings by rule id or by finding key, and `accepted`
  maps a rule id or finding key to a one-line reason. Accepted findings are still reported,
  marked accepted, and stop blocking. `placeholder` and `merge-field-missing` cannot be
  accepted: the letter would go out visibly broken.

Finding keys (`Finding.key`) are "rule:field:flagged words", so an acceptance survives edits
elsewhere in the letter and lapses when the flagged words themselves change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from desktop.core.checker.findings import Finding
from desktop.core.checker.rules import UNACCEPTABLE


def apply_choices(
    findings: list[Finding],
    ignored: Collection[str] = (),
    accepted: Mapping[str, str] | None = None,
    silenced: Callable[[Finding], bool] = lambda finding: False,
) -> list[Finding]:
    kept = []
    for finding in findings:
        if finding.rule in ignored or finding.key in ignored or silenced(finding):
            continue
        reason = _reason(finding, accepted or {})
        kept.append(finding.accept(reason) if reason else finding)
    return kept


def _reason(finding: Finding, accepted: Mapping[str, str]) -> str | None:
    if finding.rule in UNACCEPTABLE:
        return None
    reason = accepted.get(finding.key) or accepted.get(finding.rule)
    if reason is None:
        return None
    reason = " ".join(str(reason).split())
    return reason or None
