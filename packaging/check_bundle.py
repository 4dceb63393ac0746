"""Prove a built bundle works on a machine with no network and no Python of its own.

`python packaging/check_bundle.py [dist/amends]`, after packaging/build.py. The bundled
program runs with the network cut off (`unshare -n`), from an empty folder, with a fresh
home and nothing of the checkout on its paths, and must:

1. print its version and build for this very commit (`--version`);
2. render the RRSP example to DOCX and text exactly as the source install does, and a
   letter whose follow-up date steps over Christmas and Boxing Day in Ontario (so the
   holiday tables are in the bundle, not only the code);
3. open its window offscreen on the example and quit cleanly (`--startup-check`).

The source install is the reference: whatever it writes, the bundle must write too.
Linux only, because that is where CI builds; the other systems' bundles are built there.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import __version__, paths  # noqa: E402
from desktop.build_info import checkout_commit  # noqa: E402
from desktop.cli import main as source_amends  # noqa: E402

RRSP = paths.examples_dir() / "rrsp-withdrawal.amends"
HOLIDAY_FOLLOW_UP = "Tuesday, December 29, 2026"  # 2 business days after Dec 23, in Ontario


class CheckFailed(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, nargs="?", default=ROOT / "dist" / "amends")
    args = parser.parse_args(argv)
    program = args.bundle.resolve() / "amends"
    if not program.is_file():
        print(f"check: {program} does not exist; build it with packaging/build.py", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="amends-bundle-check-") as scratch:
        bundled = Bundled(program, Path(scratch))
        try:
            for check in (check_version, check_rendering, check_window):
                print(f"ok    {check(bundled)}")
        except CheckFailed as exc:
            print(f"FAIL  {exc}", file=sys.stderr)
            return 1
    print(f"The bundle at {args.bundle} passed with the network cut off.")
    return 0


class Bundled:
    """The bundled `amends`, run as on a bare workstation."""

    def __init__(self, program: Path, scratch: Path):
        self.program = program
        self.scratch = scratch
        if shutil.which("unshare") is None:
            raise SystemExit("check: `unshare` (util-linux) is needed to cut the network off")
        home = scratch / "home"
        home.mkdir()
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(scratch),
            "QT_QPA_PLATFORM": "offscreen",
        }

    def run(self, *args: str | Path) -> subprocess.CompletedProcess:
        # root may cut its own network; anyone else first maps themselves to root in a user namespace
        unshare = ["unshare", "--net"] if os.geteuid() == 0 else ["unshare", "--net", "--map-root-user"]
        command = [*unshare, str(self.program), *map(str, args)]
        done = subprocess.run(
            command, capture_output=True, text=True, env=self.env, cwd=self.scratch, timeout=120
        )
        if done.returncode != 0:
            raise CheckFailed(
                f"`amends {' '.join(map(str, args))}` exited {done.returncode}: {done.stderr.strip()}"
            )
        return done


def check_version(bundled: Bundled) -> str:
    lines = bundled.run("--version").stdout.splitlines()
    commit = checkout_commit(ROOT)
    expected_build = f"Application bundle, commit {commit[:12]}" if commit else "Application bundle, commit"
    if lines[0] != f"Amends {__version__}" or not lines[1].startswith(expected_build):
        raise CheckFailed(f"--version printed {lines!r}, expected Amends {__version__} and {expected_build}")
    return f"--version: {' / '.join(lines)}"


def check_rendering(bundled: Bundled) -> str:
    holiday_draft = bundled.scratch / "christmas.amends"
    data = json.loads(RRSP.read_text(encoding="utf-8"))
    data["letter_date"] = "2026-12-23"
    holiday_draft.write_text(json.dumps(data), encoding="utf-8")
    compared = []
    for draft in (RRSP, holiday_draft):
        for suffix in ("txt", "docx"):
            ours = bundled.scratch / f"{draft.stem}-bundle.{suffix}"
            reference = bundled.scratch / f"{draft.stem}-source.{suffix}"
            bundled.run("render", draft, "-o", ours)
            with contextlib.redirect_stdout(io.StringIO()):
                if source_amends(["render", str(draft), "-o", str(reference)]) != 0:
                    raise CheckFailed(f"the source install could not render {draft.name}")
            if _words(ours) != _words(reference):
                raise CheckFailed(
                    f"{draft.name} to {suffix}: the bundle's letter differs from the source install's"
                )
            compared.append(ours)
    if HOLIDAY_FOLLOW_UP not in _words(bundled.scratch / "christmas-bundle.txt"):
        raise CheckFailed(f"the follow-up after Christmas is not {HOLIDAY_FOLLOW_UP}: holidays missing?")
    words = len(_words(compared[1]).split())
    return (
        f"render: the RRSP letter ({words} words) and a Christmas follow-up ({HOLIDAY_FOLLOW_UP}) "
        "match the source install in DOCX and text"
    )


def _words(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


def check_window(bundled: Bundled) -> str:
    report = bundled.run("--startup-check", RRSP).stdout.strip()
    if ": window ready " not in report:
        raise CheckFailed(f"--startup-check said {report!r}")
    return f"window: {report}"


if __name__ == "__main__":
    sys.exit(main())
