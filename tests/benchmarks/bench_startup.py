"""Cold start to a shown, usable window: the bundled app against the source install, in one run.

Each start is a new process given `--startup-check` on the RRSP example; the clock runs from
spawning it until it reports the window shown, the letter rendered and the event loop
running. Before each cold start the page cache is dropped (as root on Linux), so the
program's files come from disk as after a reboot; without that right, the figures are
labelled warm. Starts alternate between the two installs so that neither gets a quieter
machine. Prints figures; asserts nothing.

    .venv/bin/python packaging/build.py   # once, for dist/amends
    .venv/bin/python tests/benchmarks/bench_startup.py [--bundle dist/amends] [--runs 5]

QT_QPA_PLATFORM decides the window system (offscreen unless set; under Xvfb, set
DISPLAY and QT_QPA_PLATFORM=xcb for a real X window).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "rrsp-withdrawal.amends"
DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "amends")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bundled = args.bundle.resolve() / "amends"
    if not bundled.is_file():
        print(f"{bundled} is missing: build it first with packaging/build.py", file=sys.stderr)
        return 1
    source = Path(sys.executable).with_name("amends")  # the script `pip install -e .` made
    installs = {"source install": [str(source)], "bundle": [str(bundled)]}
    cold = can_drop_caches()
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    print(
        f"{args.runs} {'cold' if cold else 'warm (page cache not dropped)'} starts each, platform {platform}"
    )
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": platform, "HOME": home, "XDG_CONFIG_HOME": f"{home}/.config",
               "XDG_DATA_HOME": f"{home}/.local/share"}  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name in installs}
        for _ in range(args.runs):
            for name, command in installs.items():
                if cold:
                    drop_caches()
                times[name].append(time_to_window(command, env))
    for name, values in times.items():
        print(
            f"{name:15} median {statistics.median(values):6.0f} ms   "
            f"min {min(values):6.0f}   max {max(values):6.0f}   ({', '.join(f'{v:.0f}' for v in values)})"
        )
    ratio = statistics.median(times["bundle"]) / statistics.median(times["source install"])
    print(f"bundle / source install: {ratio:.2f}×")
    return 0


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning the program to its report of a ready window."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [*command, "--startup-check", str(EXAMPLE)], stdout=subprocess.PIPE, text=True, env=env
    )
    report = child.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    child.stdout.close()
    if child.wait(timeout=60) != 0 or ": window ready " not in report:
        raise SystemExit(f"{command[0]} did not start: {report!r}")
    return elapsed


def can_drop_caches() -> bool:
    try:
        drop_caches()
    except OSError:
        return False
    return True


def drop_caches() -> None:
    os.sync()
    DROP_CACHES.write_text("3\n")


if __name__ == "__main__":
    sys.exit(main())
