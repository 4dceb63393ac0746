"""Prove a wheelhouse installs with no network and that the test suite passes on what it installed.

    python packaging/check_wheelhouse.py [dist/wheelhouse] [--keep] [-- PYTEST-ARGS...]

After packaging/wheelhouse.py. With the network cut off (`unshare -n`; without it the check
refuses to run rather than pass with the network on), in a temporary folder:

1. a fresh virtual environment gets `pip install --no-index --find-links WHEELHOUSE
   "amends[test]"`, with pip's configuration files and PIP_* variables shut out, so that no
   other folder of wheels can fill a gap in the wheelhouse; then `pip check`;
2. `import desktop` there must come from the venv's site-packages, find no checkout around
   it, and `amends --version` must name the commit stamped in the wheel;
3. the tests/ folder of that same commit (`git archive`; the working tree's if the commit is
   not in this checkout) and the [tool.pytest.ini_options] of its pyproject.toml are put in
   a folder with no desktop/, resources/ or letter_templates/ beside them, and pytest runs
   there on the installed package. A pytest plugin stops the run if any test module got its
   `desktop` from anywhere but site-packages. Every test must pass: a failure, an error or
   a skip (something the wheelhouse or the workstation lacks) fails the check.

Linux only (unshare); the same wheelhouse for another system is checked there by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Tests that need a source checkout, by node id, each with the reason. Keep this short: every
# other test runs against the installed package.
DESELECTED = {
    # Reads pyproject.toml, desktop/ and packaging/ of a checkout to compare them with each
    # other; an installed package has none of them, and this check exercises the wheel's
    # contents for real instead.
    "tests/test_packaging.py",
}
# (tests/benchmarks needs no entry: the suite's own addopts deselect `-m benchmark`, and its
# files import proselint and docxtpl, the bench extra, only inside the timed runs.)

GUARD_PLUGIN = '''\
"""Stop the run if a test module imported desktop from anywhere but the venv's site-packages."""
import sys
import sysconfig
from pathlib import Path

import pytest


def _origin():
    desktop = sys.modules.get("desktop")
    return Path(desktop.__file__).resolve() if desktop else None


def pytest_collection_finish(session):
    origin = _origin()
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    if origin is None or not origin.is_relative_to(site):
        pytest.exit(f"the tests imported desktop from {origin}, not from {site}", returncode=3)


def pytest_report_header(config):
    import desktop

    return f"amends under test: {desktop.__file__}"
'''


NOT_WHEELS = ("README.txt", "SHA256SUMS")  # what packaging/wheelhouse.py writes beside the wheels


class CheckFailed(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheelhouse", type=Path, nargs="?", default=ROOT / "dist" / "wheelhouse")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where")
    argv = sys.argv[1:] if argv is None else argv
    pytest_args = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    started = time.monotonic()
    wheelhouse = args.wheelhouse.resolve()
    scratch = Path(tempfile.mkdtemp(prefix="amends-wheelhouse-check-"))
    try:
        summary = check(wheelhouse, scratch, pytest_args)
    except CheckFailed as exc:
        print(f"\nWheelhouse check FAILED: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"(kept {scratch})")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    files = [p for p in wheelhouse.iterdir() if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1e6
    print(
        f"\nWheelhouse check passed: {summary}, with the network cut off; wheelhouse {wheelhouse}: "
        f"{len(files)} files, {size:.1f} MB; {time.monotonic() - started:.0f} s in all"
    )
    return 0


def check(wheelhouse: Path, scratch: Path, pytest_args: list[str]) -> str:
    amends_wheel = _amends_wheel(wheelhouse)
    commit = _stamped_commit(amends_wheel)
    offline = Offline(scratch)
    venv = scratch / "venv"
    python = venv / "bin" / "python"

    offline.run("create the venv", sys.executable, "-m", "venv", venv)
    offline.run(
        "install from the wheelhouse",
        *(python, "-m", "pip", "install", "--no-index", "--no-cache-dir", "--find-links", wheelhouse),
        "amends[test]",
    )
    offline.run("pip check", python, "-m", "pip", "check")
    print(f"ok    installed {amends_wheel.name} and its test extra with --no-index and no network")

    suite = scratch / "suite"
    source = copy_suite(commit, suite, scratch)
    for checkout_only in ("desktop", "resources", "letter_templates"):
        if (suite / checkout_only).exists():
            raise CheckFailed(
                f"{suite / checkout_only} exists; the tests would not see the installed package"
            )
    print(f"ok    tests/ and the pytest settings of {source} in {suite}, without the checkout's code")

    where = json.loads(
        offline.run(
            "import desktop",
            python,
            "-c",
            "import desktop, json, sysconfig; from desktop import paths;"
            "print(json.dumps([desktop.__file__, sysconfig.get_paths()['purelib'], paths.installation(),"
            " str(paths.checkout_root()), str(paths.builtin_templates_dir())]))",
            cwd=suite,  # python -c puts the current folder first on sys.path, as pythonpath = ["."] does
        ).stdout
    )
    module, site, installation, checkout, templates = where
    if not Path(module).resolve().is_relative_to(Path(site).resolve()):
        raise CheckFailed(f"desktop is imported from {module}, not from the venv's {site}")
    if checkout != "None" or not Path(templates).resolve().is_relative_to(site):
        raise CheckFailed(f"desktop.paths finds a checkout at {checkout}, templates in {templates}")
    print(f"ok    import desktop: {module} ({installation})")

    lines = offline.run("amends --version", venv / "bin" / "amends", "--version").stdout.splitlines()
    expected = f"{installation}, commit {commit[:12] if commit else 'unknown'}"
    if len(lines) < 2 or not lines[1].startswith(expected):
        raise CheckFailed(f"amends --version printed {lines!r}; expected {expected!r} on its second line")
    print(f"ok    amends --version: {' / '.join(lines)}")

    return run_suite(offline, python, suite, scratch, pytest_args)


def _amends_wheel(wheelhouse: Path) -> Path:
    if not wheelhouse.is_dir():
        raise CheckFailed(f"{wheelhouse} does not exist; build it with packaging/wheelhouse.py")
    others = [p.name for p in wheelhouse.iterdir() if p.suffix != ".whl" and p.name not in NOT_WHEELS]
    if others:
        raise CheckFailed(
            f"{wheelhouse} holds more than wheels ({', '.join(others)}): nothing may build there"
        )
    _check_checksums(wheelhouse)
    wheels = sorted(wheelhouse.glob("amends-*.whl"))
    if len(wheels) != 1:
        raise CheckFailed(f"{wheelhouse} holds {len(wheels)} Amends wheels, not one")
    return wheels[0]


def _check_checksums(wheelhouse: Path) -> None:
    """What IT runs first on the copy that arrived: every wheel listed, every hash right."""
    listed = {}
    for line in (wheelhouse / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name] = digest
    wheels = {p.name: p for p in wheelhouse.glob("*.whl")}
    if set(listed) != set(wheels):
        raise CheckFailed(f"SHA256SUMS lists {sorted(listed)}, the folder holds {sorted(wheels)}")
    wrong = [n for n, p in wheels.items() if hashlib.sha256(p.read_bytes()).hexdigest() != listed[n]]
    if wrong:
        raise CheckFailed(f"SHA256SUMS does not match {', '.join(wrong)}")
    print(f"ok    SHA256SUMS matches all {len(wheels)} wheels")


def _stamped_commit(wheel: Path) -> str | None:
    with zipfile.ZipFile(wheel) as archive:
        try:
            stamp = json.loads(archive.read("desktop/build-info.json"))
        except KeyError:
            print(f"note: {wheel.name} carries no build stamp; it was not built by packaging/wheelhouse.py")
            return None
    return stamp.get("commit")


class Offline:
    """Commands run with the network cut off, a fresh home and none of pip's configuration."""

    def __init__(self, scratch: Path):
        if shutil.which("unshare") is None:
            raise CheckFailed("`unshare` (util-linux) is not installed: it is needed to cut the network off")
        # root may cut its own network; anyone else first maps themselves to root in a user namespace
        self.prefix = ["unshare", "--net"] if os.geteuid() == 0 else ["unshare", "--net", "--map-root-user"]
        home, runtime = scratch / "home", scratch / "run"
        home.mkdir()
        runtime.mkdir(mode=0o700)
        venv_bin = scratch / "venv" / "bin"
        path = [
            entry
            for entry in os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin").split(os.pathsep)
            if entry and not Path(entry).resolve().is_relative_to(ROOT) and not _in_a_venv(Path(entry))
        ]
        self.env = {
            "PATH": os.pathsep.join([str(venv_bin), *path]),  # git, soffice and pdftotext for the tests
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "PIP_CONFIG_FILE": os.devnull,  # no config file at all: no find-links, index or cache from it
            "PIP_NO_INPUT": "1",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PYTHONNOUSERSITE": "1",
            "QT_QPA_PLATFORM": "offscreen",
        }
        probe = "import socket; print(' '.join(sorted(name for _, name in socket.if_nameindex())))"
        try:
            done = subprocess.run(
                [*self.prefix, sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
            )
        except OSError as exc:
            raise CheckFailed(
                f"`unshare --net` could not start ({exc}); refusing to check with the network on"
            ) from None
        if done.returncode != 0:
            raise CheckFailed(
                f"`{' '.join(self.prefix)}` failed ({done.stderr.strip() or done.returncode}): it needs root "
                "or unprivileged user namespaces; refusing to check with the network on"
            )
        if done.stdout.split() != ["lo"]:
            raise CheckFailed(f"the network is not cut off under unshare: interfaces {done.stdout.split()}")

    def run(self, what: str, *command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [*self.prefix, *map(str, command)],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=cwd,
            timeout=900,
        )
        if done.returncode != 0:
            output = (done.stdout + done.stderr).strip().splitlines()
            print("\n".join(output[-30:]), file=sys.stderr)
            raise CheckFailed(f"{what} failed (exit {done.returncode}): {(output or ['no output'])[-1]}")
        return done

    def stream(self, *command: str | Path, cwd: Path, extra_env: dict[str, str]) -> tuple[int, list[str]]:
        """Run with the output shown as it comes; return the exit status and the output's lines."""
        with subprocess.Popen(
            [*self.prefix, *map(str, command)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**self.env, **extra_env},
            cwd=cwd,
        ) as process:
            lines = []
            for line in process.stdout:
                print(line, end="", flush=True)
                lines.append(line.rstrip("\n"))
        return process.returncode, lines


def _in_a_venv(folder: Path) -> bool:
    return (folder.parent / "pyvenv.cfg").is_file()


def copy_suite(commit: str | None, suite: Path, scratch: Path) -> str:
    """tests/ and the pytest settings of the wheel's commit into `suite`; says where they came from."""
    source = scratch / "source"
    if commit and _git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0:
        archive = scratch / "tests.zip"
        done = _git("archive", "--format=zip", "-o", str(archive), commit, "tests", "pyproject.toml")
        if done.returncode != 0:
            raise CheckFailed(f"git archive {commit[:12]} failed: {done.stderr.strip()}")
        with zipfile.ZipFile(archive) as tree:
            tree.extractall(source)
        origin = f"commit {commit[:12]}"
    else:
        print(
            f"NOTE: commit {commit or '(unknown)'} of the wheel is not in this checkout: "
            "testing it with the working tree's tests/, which may not match it"
        )
        source.mkdir()
        shutil.copytree(ROOT / "tests", source / "tests", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
        origin = "the working tree"
    suite.mkdir()
    shutil.copytree(source / "tests", suite / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    options = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"][
        "ini_options"
    ]
    # pythonpath = ["."] stays: the tests import their helpers as `tests.helpers...`, so the folder
    # above tests/ must be on sys.path; here that folder holds tests/ and this file, no code.
    lines = ["[tool.pytest.ini_options]"]
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in options.items()]
    (suite / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return origin


def _git(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    except FileNotFoundError:
        return subprocess.CompletedProcess(args, 127, "", "git is not installed")


def run_suite(offline: Offline, python: Path, suite: Path, scratch: Path, pytest_args: list[str]) -> str:
    for node in DESELECTED:
        path, _, name = node.partition("::")
        test_file = suite / path
        if not test_file.is_file() or (name and f"def {name}(" not in test_file.read_text(encoding="utf-8")):
            raise CheckFailed(f"{node} is deselected but no longer exists; take it off DESELECTED")
    plugin_dir = scratch / "plugin"
    plugin_dir.mkdir()
    (plugin_dir / "amends_wheelhouse_guard.py").write_text(GUARD_PLUGIN, encoding="utf-8")
    deselect = [arg for node in sorted(DESELECTED) for arg in ("--deselect", node)]
    print(f"\nRunning the test suite in {suite} on the installed package, network cut off:\n", flush=True)
    status, lines = offline.stream(
        *(python, "-m", "pytest", "-p", "amends_wheelhouse_guard", "-p", "no:cacheprovider"),
        *(f"--basetemp={scratch / 'pytest'}", *deselect, *pytest_args),
        cwd=suite,
        extra_env={"PYTHONPATH": str(plugin_dir)},  # the guard only; the tests get "." from their config
    )
    counts = _counts(lines)
    summary = ", ".join(f"{n} {word}" for word, n in counts.items())
    if status != 0:
        raise CheckFailed(f"pytest exited {status}: {summary or 'no summary line'}")
    if counts.get("passed", 0) == 0:
        raise CheckFailed("pytest ran no test")
    for bad in ("failed", "error", "errors", "skipped", "xpassed", "xfailed"):
        if counts.get(bad):
            raise CheckFailed(
                f"{counts[bad]} {bad}: every test must run and pass on the wheelhouse ({summary})"
            )
    if not pytest_args and counts.get("deselected", 0) < len(DESELECTED):
        raise CheckFailed(f"pytest deselected fewer tests than the {len(DESELECTED)} listed ({summary})")
    return f"{summary} (on purpose: {', '.join(sorted(DESELECTED))} and the benchmarks)"


def _counts(lines: list[str]) -> dict[str, int]:
    """The counts on pytest's closing line, such as '== 973 passed, 2 deselected in 31.20s =='."""
    for line in reversed(lines):
        if re.search(r" in [\d.]+s\b", line):
            found = re.findall(r"(\d+) (passed|failed|errors?|skipped|deselected|xfailed|xpassed)", line)
            if found:
                return {word: int(n) for n, word in found}
    return {}


if __name__ == "__main__":
    sys.exit(main())
