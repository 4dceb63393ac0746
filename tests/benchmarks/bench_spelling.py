"""Benchmark: building the spelling checker, then checking a 400-word and a 2,000-word letter.

Run with `.venv/bin/python tests/benchmarks/bench_spelling.py`, or through pytest with
`pytest tests/benchmarks/bench_spelling.py -m benchmark -s`. The build is timed in a new
process each time (Harper keeps its dictionary for the life of a process, so a second build
in the same one would flatter it), together with the memory it adds. Checks are timed in
this process after a warm-up, as the window's long-lived checker would run them, with a
team word list and the recipient's name, as the app will call it. Prints figures; asserts
only budgets wide enough to catch a regression, not a slow machine.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEAM_WORDS = ["Kestrel", "Kestrel Energy", "SmartFlow", "Voltly", "Gridwise", "Parcelvane"]
RECIPIENT = "Mrs Oluwaseun Adeyemi-Whitlock"

_PARAGRAPHS = [
    "Thank you for your letter of 4 November about the bill we sent you for October. You were right to "
    "question it: we charged you £212.40 for gas you did not use, because our SmartFlow meter reader "
    "recorded a reading from the flat next door, 14B, instead of yours, 14A. I am sorry for the worry "
    "this caused and for the time you spent on the phone with us before anyone listened.",
    "Here is what went wrong. When we replaced the meters in your building on 2 October, the engineer "
    "swapped the labels on two of them, and our system accepted the readings without checking them "
    "against the ones from the month before. Nobody at Kestrel noticed the jump in your bill, and when "
    "you called on 28 October we told you the reading was correct when it was not.",
    "We have put it right. The £212.40 has gone back to your account today, together with a £30 credit "
    "for the trouble, and your Direct Debit for December will be the usual £58.10. Your meter now shows "
    "the right label, and we have checked every other meter the same engineer fitted that week.",
    "From now on, a bill that is more than twice the one before it is held and checked by a person "
    "before it goes out. We have also changed the script our phone team uses, so that a customer who "
    "questions a reading is offered a visit rather than told the reading stands.",
    "If anything about your next bill looks wrong, please call me directly on 0113 496 0821, Monday to "
    "Friday between 09:00 and 17:30, or write to complaints@kestrel-energy.example and quote KE-4471-GB. "
    "I will write to you again by 15 December to make sure everything is as it should be.",
]


def letter_of(words: int) -> str:
    """A clean letter of about `words` words: the paragraphs above in turn, the last one cut
    at the end of a sentence."""
    paragraphs: list[str] = []
    count, index = 0, 0
    while count < words:
        paragraph = _PARAGRAPHS[index % len(_PARAGRAPHS)]
        sentences = re.split(r"(?<=\.) ", paragraph)
        kept = []
        for sentence in sentences:
            if count >= words:
                break
            kept.append(sentence)
            count += len(sentence.split())
        paragraphs.append(" ".join(kept))
        index += 1
    return (
        "Dear Mrs Adeyemi-Whitlock,\n\n" + "\n\n".join(paragraphs) + "\n\nYours sincerely,\nKestrel Energy\n"
    )


_BUILD = """
import json, resource, sys, time
def rss_mb():
    # What the process holds now; ru_maxrss would carry the parent's peak across fork and exec.
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
from desktop.core.spelling import SpellingChecker
before = rss_mb()
start = time.perf_counter()
checker = SpellingChecker()
if sys.argv[1] == "warm-up":
    checker.warm_up()
else:  # the first check, with an unknown name, of a checker nobody warmed up
    checker.check("Thank you, Ms Raghunathan.", "en_GB")
built = time.perf_counter()
checker.check("We are sorry that Mr Wieczorek's parcel was late and arrived damaged.", "en_GB")
second = time.perf_counter()
added = rss_mb() - before
print(json.dumps({"build_s": built - start, "second_ms": (second - built) * 1000, "rss_mb": added}))
"""


def build_figures(runs: int = 3) -> dict[str, float]:
    """Medians over `runs` new processes each: `warm_up()` (building the Linter), and the
    first check of a checker nobody warmed up; the memory the checker adds; the check after."""
    figures = {}
    for how in ("warm-up", "cold"):
        results = []
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-c", _BUILD, how], cwd=ROOT, capture_output=True, text=True, check=True
            )
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        for key in results[0]:
            figures[f"{how}_{key}"] = statistics.median(r[key] for r in results)
    return figures


def timings_ms(run: object, repeats: int) -> tuple[float, float]:
    """(median, 95th percentile) in milliseconds of `repeats` calls, after one warm-up call."""
    assert callable(run)
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def measure(repeats: int = 200) -> dict[str, float]:
    from desktop.core.spelling import SpellingChecker

    figures = build_figures()
    checker = SpellingChecker()
    checker.warm_up()
    known = [*TEAM_WORDS, RECIPIENT]
    for words in (400, 2000):
        text = letter_of(words)
        count = max(20, repeats if words == 400 else repeats // 2)
        median, p95 = timings_ms(lambda t=text: checker.check(t, "en_GB", known), count)
        figures[f"median_{words}"], figures[f"p95_{words}"] = median, p95
        figures[f"words_{words}"] = len(text.split())
        figures[f"issues_{words}"] = len(checker.check(text, "en_GB", known))
    import harper

    linter = harper.Linter(harper.Dialect.BRITISH)
    text = letter_of(400)
    figures["median_harper_400"], _ = timings_ms(
        lambda: linter.lint(text, language="plaintext"), max(20, repeats)
    )
    locales = iter(["en_GB", "en_US"] * (repeats + 1))
    figures["median_switching"], _ = timings_ms(
        lambda: checker.check(text, next(locales), known), max(20, repeats // 4)
    )
    return figures


def report(figures: dict[str, float]) -> str:
    warm = {
        key.removeprefix("warm-up_"): value for key, value in figures.items() if key.startswith("warm-up_")
    }
    cold = {key.removeprefix("cold_"): value for key, value in figures.items() if key.startswith("cold_")}
    lines = [
        f"warm_up() in a new process: {warm['build_s'] * 1000:6.0f} ms, +{warm['rss_mb']:.0f} MB memory; "
        f"the check after it {warm['second_ms']:.1f} ms",
        f"first check without warm_up(), an unknown name in it: {cold['build_s'] * 1000:6.0f} ms; "
        f"the check after it {cold['second_ms']:.1f} ms",
    ]
    for words in (400, 2000):
        lines.append(
            f"{figures[f'words_{words}']:>5.0f} words: median {figures[f'median_{words}']:6.2f} ms   "
            f"p95 {figures[f'p95_{words}']:6.2f} ms   issues {figures[f'issues_{words}']:.0f}"
        )
    lines.append(f"  400 words, Harper's own lint() alone: median {figures['median_harper_400']:.2f} ms")
    switching = figures["median_switching"]
    lines.append(f"  400 words, English switched on every call (en_GB/en_US): median {switching:.2f} ms")
    return "\n".join(lines)


@pytest.mark.benchmark
def test_spelling_check_is_fast_enough_to_run_as_the_writer_types() -> None:
    figures = measure(repeats=100)
    print("\n" + report(figures))
    assert figures["issues_400"] == 0, "the benchmark letter should be clean"
    assert figures["p95_400"] < 50
    assert figures["median_2000"] < 250


if __name__ == "__main__":
    print(report(measure()))
