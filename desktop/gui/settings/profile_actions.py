"""Importing and exporting the team profile as one file, with every question and error
going through `dialogs` (and `questions`) so tests can answer them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.core.settings import (
    BUNDLE_SUFFIX,
    ProfileBundleError,
    ProfileExistsError,
    export_profile,
    import_profile,
)
from desktop.gui import dialogs
from desktop.gui.settings import questions

FILTER = f"Amends team profile (*{BUNDLE_SUFFIX})"


def import_bundle(parent: QWidget, start: Path) -> Path | None:
    """Ask for a bundle and a folder to keep it in; returns the profile folder, or None.

    The profile goes into a new folder named after the bundle inside the chosen one, so
    replacing (which empties the target) can only ever touch a previous copy of a profile,
    never the folder the user happened to pick.
    """
    bundle = dialogs.ask_open_path(parent, "Import team profile", start, FILTER)
    if bundle is None:
        return None
    where = dialogs.ask_folder(parent, "Choose where to keep the team profile", start)
    if where is None:
        return None
    target = where / bundle.name.removesuffix(BUNDLE_SUFFIX)
    try:
        imported = _import(parent, bundle, target)
    except (ProfileBundleError, OSError) as exc:
        dialogs.show_error(parent, "Profile not imported", str(exc))
        return None
    return target if imported else None


def _import(parent: QWidget, bundle: Path, target: Path) -> bool:
    """True once the profile is in `target`; False if the user kept the one already there."""
    try:
        import_profile(bundle, target)
    except ProfileExistsError:
        question = f"{target} already holds a team profile. Replace it with {bundle.name}?"
        if not questions.ask_yes_no(parent, "Replace team profile?", question):
            return False
        import_profile(bundle, target, replace=True)
    return True


def export_bundle(parent: QWidget, folder: Path | None) -> Path | None:
    """Ask where to write the profile in `folder` as one file; returns the file, or None."""
    if folder is None:
        dialogs.show_error(parent, "No team profile", "Set or import a team profile folder first.")
        return None
    start = Path.home() / f"{folder.name or 'team'}{BUNDLE_SUFFIX}"
    target = dialogs.ask_save_path(parent, "Export team profile", start, FILTER)
    if target is None:
        return None
    if not target.name.endswith(BUNDLE_SUFFIX):
        target = target.with_name(target.name + BUNDLE_SUFFIX)
    try:
        export_profile(folder, target)
    except (ProfileBundleError, OSError) as exc:
        dialogs.show_error(parent, "Profile not exported", str(exc))
        return None
    dialogs.show_info(parent, "Profile exported", f"Saved the team profile as {target}.")
    return target
