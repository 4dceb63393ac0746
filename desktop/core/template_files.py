"""Reading template files from a folder someone else fills: regular files inside it, nothing else.

A team folder on a shared drive may hold a link to /etc/hostname, a relative link out of the
folder, a FIFO that blocks whoever opens it, or a file of gigabytes. Jinja's own loader
follows all of them, so `{% include "leak.j2" %}` would print whatever the link points at.
Every template and every include comes through here instead: the path must resolve to
itself inside its folder (no link anywhere on the way), be opened without following a link
or waiting on a pipe, and be a regular file of sensible size.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from desktop.core.template_errors import TemplateError

MAX_TEMPLATE_BYTES = 1_000_000
"""Far beyond any letter template (the largest built-in one is under 10 kB)."""

_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
)
"""No link followed at the last step, no wait on a FIFO swapped in after the checks."""


def read_template(path: Path, folder: Path | None = None) -> str:
    """The text of a template that is a regular file in `folder` (its own parent by default);
    a TemplateError naming the file otherwise."""
    folder = path.parent if folder is None else folder
    _refuse_links(path, folder)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise TemplateError(f"cannot read the template ({exc.strerror or exc})", path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError("is not a regular file; a template must be a plain text file", path)
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"is {info.st_size:,} bytes; a template may be at most {MAX_TEMPLATE_BYTES:,}", path
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise TemplateError(f"cannot read the template ({exc.strerror or exc})", path) from None
    finally:
        os.close(fd)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"is larger than {MAX_TEMPLATE_BYTES:,} bytes", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(f"cannot read the template ({exc})", path) from None


def _refuse_links(path: Path, folder: Path) -> None:
    """The file must be where its name says: resolving it changes nothing below `folder`.
    (The folder itself may be a link, as a mapped team folder often is.)"""
    if path.is_symlink():
        raise TemplateError(
            "is a symbolic link; a template may only read regular files in its own folder", path
        )
    try:
        relative = path.relative_to(folder)
        inside = Path(os.path.realpath(folder)).joinpath(relative)
        where = Path(os.path.realpath(path))
    except (ValueError, OSError):
        inside, where = None, path
    if where != inside:
        raise TemplateError(
            "leads out of its folder through a link; a template may only read regular files "
            "in its own folder",
            path,
        )


class FolderLoader(jinja2.BaseLoader):
    """Jinja's FileSystemLoader with `read_template`'s rules: the first folder that has the
    name answers, and a link or a non-file there is an error, never a reason to look on."""

    def __init__(self, search_path: list[Path]):
        self.search_path = [Path(folder) for folder in search_path]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses ".." and absolute names
        for folder in self.search_path:
            path = Path(posixpath.join(folder, *pieces))  # as Jinja: no "C:" piece restarts the path
            if os.path.lexists(path):
                source = read_template(path, folder)
                return source, os.path.normpath(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Jinja asks before reusing a compiled template; a file replaced by a link is re-read
    (and refused)."""
    try:
        before = os.lstat(path)
    except OSError:
        return lambda: False
    signature = (before.st_mtime_ns, before.st_size, before.st_ino, before.st_mode)

    def uptodate() -> bool:
        try:
            now = os.lstat(path)
        except OSError:
            return False
        return (now.st_mtime_ns, now.st_size, now.st_ino, now.st_mode) == signature

    return uptodate
