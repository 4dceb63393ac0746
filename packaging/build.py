"""Build the self-contained Amends folder for this machine's system: `python packaging/build.py`.

Run it from a virtual environment with `pip install -e ".[packaging]"` done. It stamps the
build (version, commit, date, Qt), runs PyInstaller on packaging/amends.spec, adds what the
system's installers need, and reports the size, because IT asks what they are deploying:

- Linux: dist/amends/ (the program `amends`), with `share/` (desktop entry, MIME type,
  icons) and `install.sh` beside it, packed as dist/amends-VERSION-linux-ARCH.tar.gz.
- Windows: dist/amends/ (Amends.exe and amends-cli.exe), then dist/Amends-VERSION-setup.exe
  when Inno Setup's `iscc` is on PATH.
- macOS: dist/Amends.app, zipped with ditto (which keeps its signature) as
  dist/Amends-VERSION-macos-ARCH.zip.

What is meant to be copied to workstations is listed with its SHA-256 in dist/SHA256SUMS,
so IT can check the copy that arrived (`sha256sum -c SHA256SUMS`).

PyInstaller does not cross-compile: each system's bundle is built on that system.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

try:
    from desktop import __version__
    from desktop.build_info import STAMP_PATH, checkout_commit, stamp_text
except ImportError as exc:  # run with a Python that lacks Amends's own dependencies
    raise SystemExit(
        f'build: {exc}; run from the project\'s venv after: pip install -e ".[packaging]"'
    ) from None

SPEC = ROOT / "packaging" / "amends.spec"
LINUX_FILES = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"


class BuildError(Exception):
    """A step that failed, said in one line."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's scratch folder")
    args = parser.parse_args(argv)
    try:
        bundle = build(args.dist.resolve(), args.work.resolve())
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    print(f"Built {bundle}")
    return 0


def build(dist: Path, work: Path) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError('PyInstaller is not installed here; run: pip install -e ".[packaging]"')
    work.mkdir(parents=True, exist_ok=True)
    stamp = work / STAMP_PATH.name
    stamp.write_text(
        stamp_text(checkout_commit(ROOT), dt.datetime.now(dt.UTC).date().isoformat(), _qt_version()),
        encoding="utf-8",
    )
    env = {**os.environ, "AMENDS_BUILD_STAMP": str(stamp)}
    if sys.platform == "win32":
        version_file = work / "windows-version.txt"
        version_file.write_text(windows_version_resource(__version__), encoding="utf-8")
        env["AMENDS_WINDOWS_VERSION_FILE"] = str(version_file)
    _run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(SPEC)],
        env,
    )  # fmt: skip
    if sys.platform == "darwin":
        bundle = dist / "Amends.app"
        shutil.rmtree(dist / "amends", ignore_errors=True)  # the .app holds its own copy
        _report_size(bundle)
        shipped = [_macos_archive(bundle, dist)]
    else:
        bundle = dist / "amends"
        if sys.platform.startswith("linux"):
            _strip_debug_info(bundle)
        _report_size(bundle)
        if sys.platform == "win32":
            shipped = _windows_installer(dist)
        else:
            _linux_extras(bundle)
            shipped = [_linux_archive(bundle, dist)]
    for path in shipped:
        _report_size(path)
    _write_checksums(dist, shipped)
    return bundle


def _qt_version() -> str | None:
    try:
        return metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        return None


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    try:
        subprocess.run(command, check=True, env=env, cwd=ROOT)
    except FileNotFoundError as exc:
        raise BuildError(f"{command[0]} is not installed") from exc
    except subprocess.CalledProcessError as exc:
        raise BuildError(
            f"{Path(command[0]).name} {command[1]} ... failed with status {exc.returncode}"
        ) from exc


DEBUG_INFO_PACKAGES = ("spacy", "thinc", "blis", "srsly", "preshed", "cymem", "murmurhash")
"""spaCy and its numeric libraries are built with their debugging information: 150 MB of
the folder, none of it needed to run. Only these are stripped: stripping NumPy's OpenBLAS
leaves it unloadable ("ELF load command address/offset not page-aligned")."""


def _strip_debug_info(bundle: Path) -> None:
    strip = shutil.which("strip")
    if strip is None:
        raise BuildError("strip (binutils) is not installed; it removes 150 MB of debugging information")
    for package in DEBUG_INFO_PACKAGES:
        libraries = sorted((bundle / "_internal" / package).rglob("*.so"))
        if libraries:
            _run([strip, "--strip-debug", *map(str, libraries)])


def _linux_extras(bundle: Path) -> None:
    """What install.sh puts in place, beside the program so the folder is all IT needs."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX_FILES / "amends.desktop", share / "applications" / "amends.desktop")
    (share / "mime" / "packages").mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX_FILES / "amends-mime.xml", share / "mime" / "packages" / "amends.xml")
    for png in sorted(ICONS.glob("amends-*.png")):
        size = png.stem.removeprefix("amends-")
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target / "amends.png")
    shutil.copy2(LINUX_FILES / "install.sh", bundle / "install.sh")


def _linux_archive(bundle: Path, dist: Path) -> Path:
    archive = dist / f"amends-{__version__}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname=bundle.name)
    return archive


def _macos_archive(bundle: Path, dist: Path) -> Path:
    archive = dist / f"Amends-{__version__}-macos-{platform.machine()}.zip"
    archive.unlink(missing_ok=True)
    _run(["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(bundle), str(archive)])
    return archive


def _windows_installer(dist: Path) -> list[Path]:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    script = ROOT / "packaging" / "windows" / "amends.iss"
    if iscc is None:
        print("Inno Setup's iscc is not on PATH, so the installer was not built. With Inno Setup 6:")
        print(f"  iscc /DAppVersion={__version__} {script}")
        return []
    _run([iscc, f"/DAppVersion={__version__}", str(script)])
    return [dist / f"Amends-{__version__}-setup.exe"]


def _write_checksums(dist: Path, shipped: list[Path]) -> None:
    """In sha256sum's own format, so `sha256sum -c SHA256SUMS` checks a copy."""
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in shipped]
    (dist / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")


def windows_version_resource(version: str) -> str:
    """The version resource Windows shows under the file's Properties ▸ Details, in the
    form PyInstaller's `version=` file takes."""
    numbers = [int(part) for part in version.split(".")[:3] if part.isdigit()]
    quad = (*numbers, *[0] * (4 - len(numbers)))
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={quad}, prodvers={quad}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Amends'),
      StringStruct('FileDescription', 'Amends: apology letters and incident notices'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('ProductName', 'Amends'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def _report_size(path: Path) -> None:
    if path.is_file():
        print(f"{path.name}: {path.stat().st_size / 1_000_000:.1f} MB")
        return
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    print(f"{path.name}: {total / 1_000_000:.1f} MB in {len(files)} files")


if __name__ == "__main__":
    sys.exit(main())
