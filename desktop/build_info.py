"""What this copy of Amends is: its version, the commit it was built from, how it was installed.

Support asks for this first when a workstation misbehaves, so `amends --version` and
Help ▸ About print the same lines. A packaged build (bundle or wheel) carries a stamp that
the packaging scripts write at build time; a source checkout reads its commit straight
from .git, because a locked-down workstation may have no git program to ask.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from desktop import __version__, paths

STAMP_PATH = Path(__file__).with_name("build-info.json")
QT_DISTRIBUTIONS = ("PySide6-Essentials", "PySide6")


@dataclass(frozen=True)
class BuildInfo:
    version: str
    commit: str | None
    built: str | None  # the build's date, ISO 8601; None for a source checkout
    installation: str
    python: str
    qt: str | None
    system: str

    def lines(self) -> list[str]:
        commit = f"commit {self.commit[:12]}" if self.commit else "commit unknown"
        built = f", built {self.built}" if self.built else ""
        qt = f", Qt {self.qt}" if self.qt else ""
        return [
            f"Amends {self.version}",
            f"{self.installation}, {commit}{built}",
            f"Python {self.python}{qt}, {self.system}",
        ]

    def text(self) -> str:
        return "\n".join(self.lines())


def build_info(qt_version: str | None = None) -> BuildInfo:
    """`qt_version` is the running Qt's own, when the caller has Qt loaded already; the
    command line leaves it out so that `--version` never pays for importing Qt."""
    stamp = _read_stamp(STAMP_PATH)
    commit = stamp.get("commit") or checkout_commit(paths.checkout_root())
    return BuildInfo(
        version=__version__,
        commit=commit,
        built=stamp.get("built"),
        installation=paths.installation(),
        python=platform.python_version(),
        qt=qt_version or stamp.get("qt") or _installed_qt(),
        system=f"{platform.system()} {platform.machine()}".strip(),
    )


def stamp_text(commit: str | None, built: str, qt: str | None) -> str:
    """The stamp's contents; the packaging scripts write it beside this module in a build."""
    return json.dumps({"commit": commit, "built": built, "qt": qt}, indent=2) + "\n"


def _read_stamp(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, str)}


def _installed_qt() -> str | None:
    for name in QT_DISTRIBUTIONS:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def checkout_commit(root: Path | None) -> str | None:
    """The commit a checkout has out, read from .git's files; None when there is no checkout
    or its layout is one this reader does not follow."""
    if root is None:
        return None
    git_dir = _git_dir(root / ".git")
    if git_dir is None:
        return None
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not head.startswith("ref:"):
        return head or None
    ref = head.removeprefix("ref:").strip()
    common = _common_dir(git_dir)
    for base in (git_dir, common):
        try:
            return (base / ref).read_text(encoding="utf-8").strip() or None
        except OSError:
            continue
    return _packed_ref(common / "packed-refs", ref)


def _git_dir(dot_git: Path) -> Path | None:
    if dot_git.is_dir():
        return dot_git
    try:  # a worktree or submodule: .git is a file naming the real folder
        pointer = dot_git.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not pointer.startswith("gitdir:"):
        return None
    target = Path(pointer.removeprefix("gitdir:").strip())
    return target if target.is_absolute() else (dot_git.parent / target).resolve()


def _common_dir(git_dir: Path) -> Path:
    try:
        common = Path((git_dir / "commondir").read_text(encoding="utf-8").strip())
    except OSError:
        return git_dir
    return common if common.is_absolute() else (git_dir / common).resolve()


def _packed_ref(packed_refs: Path, ref: str) -> str | None:
    try:
        lines = packed_refs.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        sha, _, name = line.partition(" ")
        if name == ref and not line.startswith(("#", "^")):
            return sha
    return None
