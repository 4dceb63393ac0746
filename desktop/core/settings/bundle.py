"""A team profile as one file (`.amends-profile`, a zip) that a lead sends round and a
colleague imports.

Import is careful because the file comes from someone else: every member name is checked
(no absolute paths, no `..`, no links), profile.toml and the rule files are validated, and
only then is anything written, into a new folder that replaces nothing unless asked to.
"""

from __future__ import annotations

import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

from desktop.core.settings.profile import (
    PROFILE_FILE,
    RULES_DIR,
    TEMPLATES_DIR,
    TeamProfile,
    load_profile,
    read_profile,
)

BUNDLE_SUFFIX = ".amends-profile"
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""A profile is text and one logo; anything bigger is a mistake or a zip bomb."""


class ProfileBundleError(ValueError):
    """A profile that cannot be exported, or a bundle that will not be imported, and why."""


class ProfileExistsError(ProfileBundleError):
    """The import would replace a profile folder; the caller must ask and pass replace=True."""


def export_profile(folder: Path, target: Path) -> list[str]:
    """Write the profile in `folder` to the zip `target`; returns the member names written.

    A profile with problems is not exported: it would only spread them round the team.
    """
    profile = load_profile(folder)
    if profile.problems:
        raise ProfileBundleError("; ".join(str(p) for p in profile.problems))
    members = _members(profile)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as handle:
        part = Path(handle.name)
    try:
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name in members:
                bundle.write(folder / name, name)
        part.replace(target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return members


def _members(profile: TeamProfile) -> list[str]:
    names = [PROFILE_FILE]
    names += [f"{RULES_DIR}/{path.name}" for path in profile.rule_files()]
    templates = profile.templates_dir
    if templates.is_dir():
        names += [f"{TEMPLATES_DIR}/{p.name}" for p in sorted(templates.iterdir()) if p.is_file()]
    logo = profile.values.get("logo.file")
    if logo and str(logo) not in names:
        names.append(str(logo))
    return names


def import_profile(
    bundle_path: Path, target: Path, *, replace: bool = False, builtin_rules: Path | None = None
) -> TeamProfile:
    """Unpack the bundle into `target` once it has been checked in full; returns the profile.

    Raises ProfileBundleError for a bundle that is unsafe or broken (nothing is written),
    and ProfileExistsError when `target` holds files and `replace` is not set.
    """
    if target.exists() and any(target.iterdir()) and not replace:
        raise ProfileExistsError(f"{target}: a profile folder is already there; replace it explicitly")
    try:
        with zipfile.ZipFile(bundle_path) as bundle:
            contents = _checked_contents(bundle, bundle_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ProfileBundleError(f"{bundle_path}: not a profile file ({exc})") from None
    _validate(contents, bundle_path, builtin_rules)
    _write(contents, target)
    return load_profile(target)


def _checked_contents(bundle: zipfile.ZipFile, bundle_path: Path) -> dict[str, bytes]:
    infos = [info for info in bundle.infolist() if not info.is_dir()]
    for info in infos:
        _check_name(info, bundle_path)
    if len({info.filename for info in infos}) != len(infos):
        raise ProfileBundleError(f"{bundle_path}: refused, the same file is in it twice")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ProfileBundleError(f"{bundle_path}: too large to be a team profile")
    contents = {info.filename: bundle.read(info) for info in infos}
    if sum(len(data) for data in contents.values()) > MAX_UNPACKED_BYTES:
        raise ProfileBundleError(f"{bundle_path}: too large to be a team profile")
    return contents


def _check_name(info: zipfile.ZipInfo, bundle_path: Path) -> None:
    name = info.filename
    parts = name.split("/")
    unsafe = (
        "\\" in name
        or ":" in name
        or any(part in ("", ".", "..") for part in parts)  # also catches a leading "/"
        or stat.S_ISLNK(info.external_attr >> 16)
    )
    if unsafe:
        raise ProfileBundleError(f"{bundle_path}: refused, {name!r} would be written outside the folder")
    if len(parts) > 2 or (len(parts) == 2 and parts[0] not in (RULES_DIR, TEMPLATES_DIR)):
        raise ProfileBundleError(f"{bundle_path}: {name!r} has no place in a team profile")


def _validate(contents: dict[str, bytes], bundle_path: Path, builtin_rules: Path | None) -> None:
    if PROFILE_FILE not in contents:
        raise ProfileBundleError(f"{bundle_path}: no {PROFILE_FILE} inside; is it a team profile?")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        logo_name = _text(contents, PROFILE_FILE, bundle_path)
        for name, data in contents.items():
            if "/" not in name and name != PROFILE_FILE:
                (folder / name).write_bytes(data)  # the logo, so read_profile can find it
        profile = read_profile(logo_name, bundle_path / PROFILE_FILE, folder)
        if profile.problems:
            raise ProfileBundleError("; ".join(str(p) for p in profile.problems))
    _validate_rules(contents, bundle_path, builtin_rules)


def _validate_rules(contents: dict[str, bytes], bundle_path: Path, builtin_rules: Path | None) -> None:
    from desktop.core.checker.engine import builtin_rules_dir
    from desktop.core.checker.loader import RuleFileError, load_catalogue, read_rule_text

    names = sorted(n for n in contents if n.startswith(f"{RULES_DIR}/") and n.endswith(".toml"))
    if not names:
        return
    catalogue = load_catalogue(builtin_rules or builtin_rules_dir())
    try:
        for name in names:
            read_rule_text(_text(contents, name, bundle_path), bundle_path / name, catalogue)
    except RuleFileError as exc:
        raise ProfileBundleError(str(exc)) from None


def _text(contents: dict[str, bytes], name: str, bundle_path: Path) -> str:
    try:
        return contents[name].decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileBundleError(f"{bundle_path}: {name} is not UTF-8 text") from None


def _write(contents: dict[str, bytes], target: Path) -> None:
    """Unpack beside `target`, then swap it in, so a failure leaves the old profile whole."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, data in contents.items():
            path = fresh / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.replace(old)
            fresh.replace(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            fresh.replace(target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
