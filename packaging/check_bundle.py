"""Prove a built bundle works on a machine with no network and no Python of its own.

`python packaging/check_bundle.py [dist/amends] [--root DIR]`, after packaging/build.py.
The bundled program runs with the network cut off (`unshare -n`), from an empty folder,
with a fresh home and nothing of the checkout on its paths, and must:

1. print its version and build for this very commit (`--version`);
2. render the RRSP example to DOCX and text exactly as the source install does, and a
   letter whose follow-up date steps over Christmas and Boxing Day in Ontario (so the
   holiday tables are in the bundle, not only the code);
3. render the RRSP example to PDF with the same text as the source install's, its fonts
   inside the bundle, and ReportLab's C helper with it;
   render through a shared template, which runs in a worker process;
4. check a letter with a rule only the language model can apply (spaCy and the model load),
   and find its misspelling (Harper's dictionaries are in the bundle);
5. open its window offscreen on the example and quit cleanly (`--startup-check`).

With `--root`, the bundle is copied into that folder and run there through chroot: a bare
Debian from packaging/bare_debian.sh, with no Python and nothing but what every desktop has,
which is what proves the folder carries everything else. The source install is the
reference: whatever it writes, the bundle must write too. Linux only, as root for --root.
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
    parser.add_argument("--root", type=Path, help="run the bundle inside this system folder, via chroot")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / "amends").is_file():
        print(f"check: {bundle / 'amends'} does not exist; build it with packaging/build.py", file=sys.stderr)
        return 1
    if shutil.which("unshare") is None:
        print("check: `unshare` (util-linux) is needed to cut the network off", file=sys.stderr)
        return 1
    root = args.root.resolve() if args.root else None
    if root is not None and not (root / "usr" / "bin").is_dir():
        print(
            f"check: {root} is not a system folder; make one with packaging/bare_debian.sh", file=sys.stderr
        )
        return 1
    where = f"inside {root}" if root else "here"
    with tempfile.TemporaryDirectory(
        prefix="amends-bundle-check-", dir=root / "tmp" if root else None
    ) as scratch:
        bundled = Bundled(bundle, Path(scratch), root)
        try:
            for check in (
                check_version,
                check_rendering,
                check_pdf,
                check_shared_template,
                check_language,
                check_window,
            ):
                print(f"ok    {check(bundled)}")
        except CheckFailed as exc:
            print(f"FAIL  {exc}", file=sys.stderr)
            return 1
    print(f"The bundle at {args.bundle} passed {where}, with the network cut off.")
    return 0


class Bundled:
    """The bundled `amends`, run as on a bare workstation: in `root` when one is given."""

    def __init__(self, bundle: Path, scratch: Path, root: Path | None = None):
        self.scratch = scratch
        self.root = root
        if root is None:
            self.program = bundle / "amends"
        else:
            installed = scratch / "amends"
            shutil.copytree(bundle, installed, symlinks=True)
            self.program = installed / "amends"
        self.example = scratch / RRSP.name  # inside the root, where the program can read it
        shutil.copy2(RRSP, self.example)
        home = scratch / "home"
        home.mkdir()
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": self.seen(home),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": self.seen(scratch),
            "QT_QPA_PLATFORM": "offscreen",
        }

    def seen(self, path: Path) -> str:
        """`path` as the program sees it, which inside a chroot is from that root."""
        return str(path) if self.root is None else "/" + str(path.relative_to(self.root))

    def run(self, *args: str | Path) -> subprocess.CompletedProcess:
        shown = [self.seen(a) if isinstance(a, Path) else a for a in args]
        # root may cut its own network; anyone else first maps themselves to root in a user namespace
        unshare = ["unshare", "--net"] if os.geteuid() == 0 else ["unshare", "--net", "--map-root-user"]
        if self.root is None:
            command = [*unshare, str(self.program), *shown]
        else:  # chroot, then into the scratch folder; env -i so nothing of this machine leaks in
            variables = [f"{key}={value}" for key, value in self.env.items()]
            inside = ["env", "-i", *variables, self.seen(self.program), *shown]
            command = [
                *unshare,
                shutil.which("chroot") or "/usr/sbin/chroot",
                str(self.root),
                "sh",
                "-c",
                'cd "$0" && exec "$@"',
                self.seen(self.scratch),
                *inside,
            ]
        done = subprocess.run(
            command, capture_output=True, text=True, env=self.env, cwd=self.scratch, timeout=120
        )
        if done.returncode != 0:
            raise CheckFailed(f"`amends {' '.join(shown)}` exited {done.returncode}: {done.stderr.strip()}")
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
    data = json.loads(bundled.example.read_text(encoding="utf-8"))
    data["letter_date"] = "2026-12-23"
    holiday_draft.write_text(json.dumps(data), encoding="utf-8")
    compared = []
    for draft in (bundled.example, holiday_draft):
        for suffix in ("txt", "docx"):
            ours = bundled.scratch / f"{draft.stem}-bundle.{suffix}"
            reference = bundled.scratch / f"{draft.stem}-source.{suffix}"
            bundled.run("render", draft, "-o", ours, "--no-settings")
            with contextlib.redirect_stdout(io.StringIO()):
                if source_amends(["render", str(draft), "-o", str(reference), "--no-settings"]) != 0:
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


def check_pdf(bundled: Bundled) -> str:
    ours = bundled.scratch / "rrsp-bundle.pdf"
    reference = bundled.scratch / "rrsp-source.pdf"
    bundled.run("render", bundled.example, "-o", ours, "--no-settings")
    with contextlib.redirect_stdout(io.StringIO()):
        if source_amends(["render", str(bundled.example), "-o", str(reference), "--no-settings"]) != 0:
            raise CheckFailed("the source install could not render the RRSP letter to PDF")
    data = ours.read_bytes()
    if not data.startswith(b"%PDF-") or b"+Carlito" not in data:
        raise CheckFailed("the bundle's PDF is not a PDF with Carlito embedded")
    if not list(bundled.program.parent.rglob("_rl_accel*")):
        raise CheckFailed("ReportLab's C helper (_rl_accel) is not in the bundle")
    logo = bundled.scratch / "logo.png"  # Pillow reads it: its trimmed build must still know PNG
    shutil.copy2(ROOT / "resources" / "icons" / "amends-64.png", logo)
    with_logo = bundled.scratch / "rrsp-logo.pdf"
    bundled.run("render", bundled.example, "-o", with_logo, "--no-settings", "--logo", logo)
    if b"/Subtype /Image" not in with_logo.read_bytes():
        raise CheckFailed("the bundle's PDF with --logo has no image in it")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return f"render: the RRSP letter to PDF ({len(data):,} bytes; pdftotext missing, text not compared)"
    texts = [
        subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        for pdf in (ours, reference)
    ]
    if texts[0] != texts[1]:
        raise CheckFailed("the bundle's PDF reads differently from the source install's")
    pages = texts[0].count("\f")
    return (
        f"render: the RRSP letter to PDF, {pages} page(s), the same text as the source install's; "
        "with a PNG logo too"
    )


SHARED_TEMPLATE = """{#-
name = "Bundle check: a shared template"
kind = "individual"
description = "Rendered by the worker process, as every template from a team folder is."
-#}
<p>Dear {{ recipient.name }}, this letter came through a shared template.</p>
"""


def check_shared_template(bundled: Bundled) -> str:
    """A template from a team folder renders in a worker process (desktop/core/render_worker.py),
    which in a bundle is the bundled program started again: without freeze_support in the
    entry point it would run the command line a second time instead of rendering."""
    team = bundled.scratch / "team-templates"
    team.mkdir(exist_ok=True)
    (team / "bundle-check.j2").write_text(SHARED_TEMPLATE, encoding="utf-8")
    out = bundled.scratch / "shared.txt"
    bundled.run(
        *("--template-dir", team, "render", bundled.example, "-t", "bundle-check", "-o", out),
        *("--no-settings", "--override", "bundle check: only the rendering is checked"),
    )
    text = out.read_text(encoding="utf-8")
    if "came through a shared template" not in text:
        raise CheckFailed(f"a shared template rendered {text[:200]!r}")
    return "render: a shared template, through the worker process"


LANGUAGE_RULE = """
[[rule]]
id = "bundle-promise"
kind = "phrase"
severity = "warning"
message = "A promise, found by its parse."
principle = "The bundle check."

[[rule.syntax]]
[[rule.syntax.node]]
id = "verb"
LEMMA = "guarantee"
_ = { writer_subject = true, negated = false }

[override.missing-apology]
enabled = false
"""


def check_language(bundled: Bundled) -> str:
    """A rule made only of a syntax pattern fires, so spaCy, its registry and the trained
    model all load in the bundle: without them the program would check with word rules
    alone and say so on stderr."""
    rules = bundled.scratch / "language-check.toml"
    rules.write_text(LANGUAGE_RULE, encoding="utf-8")
    letter = bundled.scratch / "language-check.txt"
    text = "We guaranteed it. We have not guaranteed that. We recieved it.\n"
    letter.write_text(text, encoding="utf-8")
    done = bundled.run("check", "--no-settings", "--rules", rules, "--format", "json", letter)
    findings = [f for r in json.loads(done.stdout) for f in r["findings"] if f["rule"] == "bundle-promise"]
    found = [text[f["start"] : f["end"]] for f in findings]
    if found != ["guaranteed"] or done.stderr.strip():
        raise CheckFailed(f"the parsed rule found {found!r} (stderr: {done.stderr.strip()!r})")
    misspelt = [
        text[f["start"] : f["end"]]
        for r in json.loads(done.stdout)
        for f in r["findings"]
        if f["rule"] == "spelling"
    ]
    if misspelt != ["recieved"]:
        raise CheckFailed(f"the spelling check found {misspelt!r}, not 'recieved'")
    return "check: a rule over the parse (spaCy and the trained model) and a misspelling (Harper)"


def _words(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


def check_window(bundled: Bundled) -> str:
    report = bundled.run("--startup-check", bundled.example).stdout.strip()
    if ": window ready " not in report:
        raise CheckFailed(f"--startup-check said {report!r}")
    return f"window: {report}"


if __name__ == "__main__":
    sys.exit(main())
