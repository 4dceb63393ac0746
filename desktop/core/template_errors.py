"""The one kind of error a template can end in, wherever it was read or rendered.

It lives apart from `templates.py` so the file reader, the sandbox and the render worker can
raise it without importing the catalogue, and it survives the trip back from the worker
process with its file and line intact (pickle would otherwise rebuild it from the message).
"""

from __future__ import annotations

from pathlib import Path


class TemplateError(Exception):
    """A template that cannot be loaded or rendered, located by file and line."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")

    def __reduce__(self) -> tuple[type[TemplateError], tuple[str, Path | None, int | None]]:
        return (type(self), (self.reason, self.path, self.line))

    def located(self, path: Path | None, line: int | None = None) -> TemplateError:
        """The same error, said of the file (and line) it happened in."""
        return type(self)(self.reason, path or self.path, line or self.line)


class TemplateLimitError(TemplateError):
    """A template stopped for going past a limit (time, size, depth, loops): shared
    templates are written by other people, and one of them must never hang or sink the app."""
