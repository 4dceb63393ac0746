"""Build an offline wheelhouse: the Amends wheel and a wheel of everything it needs, in one folder.

    python packaging/wheelhouse.py [-o dist/wheelhouse]
    python packaging/wheelhouse.py --platform win_amd64 --python-version 3.11

For IT departments whose workstations have Python but no network: copy the folder over and
`pip install --no-index --find-links FOLDER amends` installs Amends with nothing fetched.
The folder also holds the `test` extra (pytest, pytest-qt), so the test suite can run there
offline too; `packaging/check_wheelhouse.py` proves both with the network cut off.

The Amends wheel is built from the last commit (`git archive HEAD` into a temporary folder),
not from the working tree: `pip wheel .` would take uncommitted edits, and with them any
stray file under resources/, which the wheel takes whole ("**/*"), so two people building
from the same commit could ship different wheels. The wheel is stamped with that commit
(desktop/build-info.json) so `amends --version` names it on the workstation.

Without --platform, the dependencies are wheels for this machine (`pip wheel`, which builds
a wheel for any dependency published only as source). With --platform TAG (win_amd64,
macosx_14_0_arm64 for Apple silicon on macOS 14 or later, manylinux_2_28_x86_64, ...) and
--python-version X.Y, they are the published binary wheels for that system (`pip download
--only-binary=:all:`), so a wheelhouse for Windows or macOS can be built on Linux. pip
evaluates dependency markers such as `sys_platform == "win32"` for the machine it runs on,
not for the target (pytest needs colorama on Windows, say), so the folder is then walked
from `amends[test]` with the target's markers and whatever is missing is fetched too.

Needs git, network access to the package index, and pip; `packaging` (which pytest brings
into the dev environment) reads the wheels' metadata.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.message
import email.parser
import hashlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.build_info import STAMP_PATH, stamp_text  # noqa: E402

ROOT_REQUIREMENT = "amends[test]"
README_NAME = "README.txt"
CHECKSUMS_NAME = "SHA256SUMS"
MAX_MARKER_ROUNDS = 5
WINDOWS_VENV = r"%LOCALAPPDATA%\Amends\venv"


class BuildError(Exception):
    """A step that failed, said in one line."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, help="the wheelhouse folder (default: dist/wheelhouse)")
    parser.add_argument("--platform", help="a wheel platform tag to build for, e.g. win_amd64")
    parser.add_argument("--python-version", help="the target's Python as X.Y, e.g. 3.11")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        target = Target.from_options(args.platform, args.python_version)
        output = (args.output or ROOT / "dist" / target.default_folder).resolve()
        build(output, target)
    except BuildError as exc:
        print(f"wheelhouse: {exc}", file=sys.stderr)
        return 1
    files = sorted(p for p in output.iterdir() if p.is_file())
    size = sum(p.stat().st_size for p in files)
    print(
        f"Wheelhouse {output}: {len(files)} files "
        f"({len(files) - 2} wheels, {README_NAME}, {CHECKSUMS_NAME}), "
        f"{size / 1e6:.1f} MB, for {target.description}, in {time.monotonic() - started:.0f} s"
    )
    return 0


class Target:
    """The system the wheelhouse is for: this machine, or a platform tag and Python version."""

    def __init__(self, platform_tag: str | None, python_version: str):
        self.platform_tag = platform_tag
        self.python_version = python_version
        self.cross = platform_tag is not None or python_version != _running_python()

    @classmethod
    def from_options(cls, platform_tag: str | None, python_version: str | None) -> Target:
        if python_version is not None and not re.fullmatch(r"3\.\d+", python_version):
            raise BuildError(f"--python-version takes X.Y, such as 3.11, not {python_version!r}")
        target = cls(platform_tag, python_version or _running_python())
        target.marker_environment()  # an unknown platform tag fails here, before any download
        return target

    @property
    def default_folder(self) -> str:
        if not self.cross:
            return "wheelhouse"
        return f"wheelhouse-{self.platform_tag or 'native'}-py{self.python_version}"

    @property
    def description(self) -> str:
        system = self.platform_tag or f"{platform.system()} {platform.machine()}"
        return f"{system}, CPython {self.python_version}"

    def pip_options(self) -> list[str]:
        """What `pip download` needs to pick another system's wheels; nothing for this machine."""
        if not self.cross:
            return []
        options = ["--only-binary=:all:", "--implementation", "cp", "--python-version", self.python_version]
        if self.platform_tag:
            options += ["--platform", self.platform_tag]
        return options

    def marker_environment(self) -> dict[str, str]:
        """PEP 508 marker values on the target, for deciding which dependencies it needs."""
        env = dict(default_environment())
        env["python_version"] = self.python_version
        if self.python_version != _running_python():
            env["python_full_version"] = f"{self.python_version}.0"
        if self.platform_tag:
            system, sys_platform, os_name, machine = _describe_platform(self.platform_tag)
            env.update(
                platform_system=system,
                sys_platform=sys_platform,
                os_name=os_name,
                platform_machine=machine,
                platform_release="",
                platform_version="",
            )
        return env


def _running_python() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def _describe_platform(tag: str) -> tuple[str, str, str, str]:
    """platform.system(), sys.platform, os.name and platform.machine() on a wheel platform tag."""
    windows = {"win32": "x86", "win_amd64": "AMD64", "win_arm64": "ARM64"}
    if tag in windows:
        return "Windows", "win32", "nt", windows[tag]
    mac = re.fullmatch(r"macosx_\d+_\d+_(arm64|x86_64|universal2)", tag)
    if mac:
        return "Darwin", "darwin", "posix", "x86_64" if mac.group(1) == "x86_64" else "arm64"
    linux = re.fullmatch(r"(?:many|musl)?linux\w*?_(x86_64|i686|aarch64|armv7l|ppc64le|s390x|riscv64)", tag)
    if linux:
        return "Linux", "linux", "posix", linux.group(1)
    raise BuildError(
        f"unknown platform tag {tag!r}: use one such as win_amd64, macosx_14_0_arm64 or manylinux_2_28_x86_64"
    )


def build(output: Path, target: Target) -> None:
    _prepare(output)
    commit = _git("rev-parse", "HEAD")
    if _git("status", "--porcelain", "--untracked-files=no"):
        print(f"note: uncommitted changes are not in the wheel; it is built from commit {commit[:12]}")
    amends = build_amends_wheel(commit, output)
    print(f"Built {amends.name} from commit {commit[:12]}")
    _check_python(amends, target)
    requirement = f"{amends}[test]"
    if target.cross:
        _pip("download", "--dest", str(output), *target.pip_options(), requirement)
    else:
        _pip("wheel", "--wheel-dir", str(output), "--prefer-binary", requirement)
    for _ in range(MAX_MARKER_ROUNDS):
        missing = missing_requirements(output, target.marker_environment())
        if not missing:
            break
        print(f"Adding what {target.description} needs besides: {', '.join(missing)}")
        # pip resolves no further here: the next round walks what these bring in.
        command = "download" if target.cross else "wheel"
        folder = "--dest" if target.cross else "--wheel-dir"
        _pip(command, folder, str(output), "--no-deps", *target.pip_options(), *missing)
    else:
        raise BuildError(f"still missing after {MAX_MARKER_ROUNDS} rounds: {', '.join(missing)}")
    strays = [p.name for p in output.iterdir() if p.suffix != ".whl"]
    if strays:
        raise BuildError(f"pip left files that are not wheels: {', '.join(strays)}")
    write_readme(output, amends, commit, target)
    write_checksums(output)


def _prepare(output: Path) -> None:
    """An empty folder, or one this script filled before; anything else is not ours to delete."""
    if output.exists():
        ours = (README_NAME, CHECKSUMS_NAME)
        others = [p.name for p in output.iterdir() if p.suffix != ".whl" and p.name not in ours]
        if others:
            raise BuildError(f"{output} holds files that are not a wheelhouse ({', '.join(others[:3])})")
        for old in output.iterdir():
            old.unlink()
    output.mkdir(parents=True, exist_ok=True)


def build_amends_wheel(commit: str, output: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="amends-wheel-") as scratch:
        source = Path(scratch) / "source"
        source.mkdir()
        archive = Path(scratch) / "source.zip"
        _git("archive", "--format=zip", "-o", str(archive), commit)
        with zipfile.ZipFile(archive) as tree:
            tree.extractall(source)
        # No Qt version in the stamp: the workstation's installed PySide6 is the one that runs.
        stamp = stamp_text(commit, dt.datetime.now(dt.UTC).date().isoformat(), None)
        (source / "desktop" / STAMP_PATH.name).write_text(stamp, encoding="utf-8")
        _pip("wheel", "--no-deps", "--wheel-dir", str(scratch), str(source))
        (built,) = Path(scratch).glob("amends-*.whl")
        with zipfile.ZipFile(built) as wheel:
            if f"desktop/{STAMP_PATH.name}" not in wheel.namelist():
                raise BuildError(
                    f"{built.name} lacks desktop/{STAMP_PATH.name}; see package-data in pyproject.toml"
                )
        return Path(shutil.copy2(built, output))


def _check_python(amends: Path, target: Target) -> None:
    """Fail now rather than let pip backtrack through every old release of every dependency,
    which is what it does for a local wheel that does not fit the target's Python."""
    with zipfile.ZipFile(amends) as archive:
        metadata = _metadata(archive)
    wanted = SpecifierSet(metadata.get("Requires-Python") or "")
    if not wanted.contains(f"{target.python_version}.0", prereleases=True):
        raise BuildError(f"Amends needs Python {wanted}, not {target.python_version}")


def missing_requirements(wheelhouse: Path, env: dict[str, str]) -> list[str]:
    """What `amends[test]` needs on the target, walked through the wheels' metadata, that no wheel
    in the folder provides; empty when the folder is complete."""
    wheels: dict[str, list[tuple[Version, Path]]] = {}
    for wheel in wheelhouse.glob("*.whl"):
        name, version, _build, _tags = parse_wheel_filename(wheel.name)
        wheels.setdefault(name, []).append((version, wheel))
    missing: dict[str, str] = {}
    seen: set[tuple[str, Version, frozenset[str]]] = set()
    pending = [Requirement(ROOT_REQUIREMENT)]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        versions = [(v, w) for v, w in wheels.get(name, []) if requirement.specifier.contains(v, True)]
        if not versions:
            missing.setdefault(name, f"{requirement.name}{requirement.specifier}")
            continue
        version, wheel = max(versions)
        extras = frozenset(canonicalize_name(e) for e in requirement.extras)
        if (name, version, extras) in seen:
            continue
        seen.add((name, version, extras))
        for dependency in _requires(wheel):
            if dependency.marker is None or any(
                dependency.marker.evaluate({**env, "extra": extra}) for extra in {"", *extras}
            ):
                pending.append(dependency)
    return sorted(missing.values())


def _requires(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = _metadata(archive)
    return [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]


def _metadata(archive: zipfile.ZipFile) -> email.message.Message:
    name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    return email.parser.BytesParser().parsebytes(archive.read(name), headersonly=True)


def write_readme(output: Path, amends: Path, commit: str, target: Target) -> None:
    _name, version, _build, _tags = parse_wheel_filename(amends.name)
    wheels = sorted(p.name for p in output.glob("*.whl"))
    built = dt.datetime.now(dt.UTC).date().isoformat()
    title = f"Amends {version}: offline installation"
    text = f"""\
{title}
{"=" * len(title)}

This folder holds Amends and every package it needs, as wheels: nothing is downloaded
while installing. It was built on {built} from commit {commit} for:

    {target.description}

The workstation needs that version of Python (from python.org, or the system's own on Linux),
with its venv module. The wheels do not fit another Python version or another system.

First check the copy that arrived: in this folder, `sha256sum -c SHA256SUMS` on Linux,
`shasum -a 256 -c SHA256SUMS` on macOS, or on Windows compare
`certutil -hashfile NAME.whl SHA256` with the line for NAME.whl.

Linux and macOS (replace /path/to/wheelhouse with where this folder is):

    python{target.python_version} -m venv ~/amends
    ~/amends/bin/python -m pip install --no-index --find-links /path/to/wheelhouse amends
    ~/amends/bin/amends --version
    ~/amends/bin/amends

Windows, in Command Prompt or PowerShell (py -{target.python_version} picks that version):

    py -{target.python_version} -m venv {WINDOWS_VENV}
    {WINDOWS_VENV}\\Scripts\\python -m pip install --no-index --find-links C:\\path\\to\\wheelhouse amends
    {WINDOWS_VENV}\\Scripts\\amends --version
    {WINDOWS_VENV}\\Scripts\\amends

(In PowerShell, write $env:LOCALAPPDATA for %LOCALAPPDATA%.)

`amends --version` should name commit {commit[:12]} on its second line.

To run Amends's test suite on the workstation as well, install "amends[test]" instead of
amends (pytest and pytest-qt are in this folder too) and run `python -m pytest` in a copy of
the tests/ folder of the source at commit {commit[:12]}, with the [tool.pytest.ini_options]
of its pyproject.toml. packaging/check_wheelhouse.py in the source does exactly that.

The {len(wheels)} wheels:

"""
    text += "".join(f"    {name}\n" for name in wheels)
    (output / README_NAME).write_text(text, encoding="utf-8")


def write_checksums(output: Path) -> None:
    """Every wheel's SHA-256 in sha256sum's format, for checking the copy that reached the
    workstation before installing from it."""
    lines = [
        f"{hashlib.sha256(wheel.read_bytes()).hexdigest()}  {wheel.name}\n"
        for wheel in sorted(output.glob("*.whl"))
    ]
    (output / CHECKSUMS_NAME).write_text("".join(lines), encoding="utf-8")


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BuildError("git is not installed; the wheel is built from the last commit") from None
    if done.returncode != 0:
        raise BuildError(f"git {args[0]} failed: {_last_error(done.stderr)}")
    return done.stdout.strip()


def _pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(f"pip {args[0]} failed (exit {done.returncode}): {_last_error(done.stderr)}")


def _last_error(output: str) -> str:
    """pip's own one-line reason: its last ERROR line, else its last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR:")]
    return (errors or lines or ["no message"])[-1]


if __name__ == "__main__":
    sys.exit(main())
