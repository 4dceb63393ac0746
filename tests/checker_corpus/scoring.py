"""Scoring the checker on the labelled corpus, as the team's scoring tool scores it.

Sentences are scored on the wording rules only (a sentence alone has no follow-up, and
must not be blamed for it); letters on the wording rules and the letter rules below. A
clean item is one labelled with nothing; a false alarm on it is any scored finding.

    python -m tests.checker_corpus.scoring tune --misses
    python -m tests.checker_corpus.scoring held-out

The held-out split is scored, never read while tuning: `--misses` refuses it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.core.checker.conftest import SCORED_LETTER_RULES, WORDING_RULES

HERE = Path(__file__).resolve().parent
WORDING = WORDING_RULES
LETTER = SCORED_LETTER_RULES
SPLITS = {
    "tune": ("w", "b", "c", "d", "g", "h", "i", "j", "k", "l"),
    "held-out": ("e", "f"),
}
"""By writer: the held-out sentences and letters come from writers, industries and voices
the rules were never tuned on, as letters from elsewhere will."""


@dataclass(frozen=True)
class Item:
    id: str
    level: str
    text: str
    expect: frozenset[str]
    kind: str = "individual"
    industry: str = ""

    @property
    def scored(self) -> frozenset[str]:
        return WORDING if self.level == "sentence" else WORDING | LETTER


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    items: int = 0
    clean: int = 0
    clean_alarms: int = 0
    misses: list[tuple[Item, set[str], set[str]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = sum(self.tp.values()) + sum(self.fp.values())
        return sum(self.tp.values()) / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = sum(self.tp.values()) + sum(self.fn.values())
        return sum(self.tp.values()) / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.clean_alarms / self.clean if self.clean else 0.0

    def rule_figures(self, rule: str) -> tuple[float, float]:
        tp, fp, fn = self.tp[rule], self.fp[rule], self.fn[rule]
        return (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)

    def table(self) -> str:
        lines = [f"{'rule':24} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6}"]
        for rule in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            p, r = self.rule_figures(rule)
            lines.append(f"{rule:24} {self.tp[rule]:4} {self.fp[rule]:4} {self.fn[rule]:4} {p:6.2f} {r:6.2f}")
        alarms = f"{self.clean_alarms}/{self.clean} ({self.false_alarm_rate:.1%})"
        lines.append(f"items {self.items}  clean false alarms {alarms}")
        lines.append(f"micro P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}")
        return "\n".join(lines)


def load(split: str) -> list[Item]:
    items = []
    for writer in SPLITS[split]:
        path = HERE / "parts" / f"{writer}.jsonl"
        if not path.exists():
            print(f"scoring: {path.name} is not written yet; scoring without it", file=sys.stderr)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                items.append(
                    Item(
                        raw["id"],
                        raw["level"],
                        raw["text"],
                        frozenset(raw["expect"]),
                        raw.get("kind", "individual"),
                        raw.get("industry", ""),
                    )
                )
    return items


def score(items: Iterable[Item], found_by: Callable[[Item], set[str]]) -> Score:
    result = Score()
    for item in items:
        expect = set(item.expect & item.scored)
        got = found_by(item) & item.scored
        result.items += 1
        for rule in got & expect:
            result.tp[rule] += 1
        for rule in got - expect:
            result.fp[rule] += 1
        for rule in expect - got:
            result.fn[rule] += 1
        if not expect:
            result.clean += 1
            result.clean_alarms += bool(got)
        if got != expect:
            result.misses.append((item, expect - got, got - expect))
    return result


def checker_rules(checker: object) -> Callable[[Item], set[str]]:
    def found(item: Item) -> set[str]:
        kind = item.kind if item.level == "letter" else "individual"
        return {f.rule for f in checker.check_text(item.text, kind)}  # type: ignore[attr-defined]

    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=sorted(SPLITS))
    parser.add_argument("--misses", action="store_true", help="list what was missed or wrongly found")
    parser.add_argument("--rule", help="with --misses: only this rule")
    parser.add_argument("--only", help="score only these writers' parts (comma-separated), within the split")
    args = parser.parse_args(argv)
    if args.misses and args.split == "held-out":
        parser.error("the held-out split is scored, not read: tune on 'tune'")

    from desktop import paths
    from desktop.core import places

    places.use(paths.places())
    from desktop.core.checker import Checker
    from desktop.core.language.shared import shared_parses

    shared_parses().model.load()
    items = load(args.split)
    if args.only:
        items = [item for item in items if item.id.split("-")[0] in args.only.split(",")]
    result = score(items, checker_rules(Checker.from_files()))
    print(result.table())
    if args.misses:
        for item, missed, extra in result.misses:
            if args.rule and args.rule not in missed | extra:
                continue
            print(f"\n{item.id}: missed {sorted(missed)} extra {sorted(extra)}\n  {item.text[:400]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
