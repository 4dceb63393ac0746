"""Letter templates: finding them, reading their metadata, and rendering a draft through one.

A template is a Jinja2 file in `letter_templates/` (or the user's template folder) whose
first lines are a Jinja comment holding TOML metadata. Every template renders with autoescape
and strict undefined variables, so a field cannot inject markup and a misspelt field name is
an error rather than an empty gap in a letter.

Templates in the user's and the team's folders are written by other people: they are read
only as regular files inside their folder (template_files), render in a limited sandbox
(template_sandbox) and in a separate process that is stopped when it takes too long
(render_worker). Only the shipped templates render here, in-process, as fast as before.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from desktop.core import render_worker
from desktop.core.channels import ALL_CHANNELS, Channel, for_channel
from desktop.core.context import template_context
from desktop.core.document import Document, Subject, plain
from desktop.core.formatting import full_date, long_date
from desktop.core.markup import MarkupError, parse_blocks
from desktop.core.model import Draft, Kind
from desktop.core.template_errors import TemplateError as TemplateError  # callers catch it from here
from desktop.core.template_errors import TemplateLimitError
from desktop.core.template_files import FolderLoader, read_template
from desktop.core.template_sandbox import LimitedSandbox, bounded_output, limit_error, render_limits

TEMPLATE_SUFFIX = ".j2"
_FRONT_MATTER = re.compile(r"\A\{#-?(.*?)-?#\}", re.DOTALL)
MAX_FRONT_MATTER_CHARS = 20_000
"""Name, kind, description and a list of fields: a few hundred characters in practice."""


@dataclass(frozen=True)
class LetterTemplate:
    id: str
    name: str
    kind: Kind
    description: str
    requires: tuple[str, ...]
    """Draft fields (dotted paths) the letter makes no sense without."""
    path: Path
    builtin: bool
    channels: tuple[Channel, ...] = ALL_CHANNELS
    """The channels it is written for, the one its letters mostly go by first: the window
    previews that one and checks the draft for all of them."""


class TemplateCatalogue:
    """The templates in the built-in folder and the user's folders; a user's template may
    replace a built-in one by using its id."""

    def __init__(
        self,
        builtin_dir: Path,
        user_dirs: list[Path] | tuple[Path, ...] = (),
        worker: render_worker.RenderWorker | None = None,
    ):
        """`worker` renders the templates not shipped with Amends (by default the one
        process shared by every catalogue); tests pass their own to change its limits."""
        self.builtin_dir = builtin_dir
        self.problems: list[TemplateError] = []
        """Templates that could not be read; listed, never fatal to the others."""
        self._templates: dict[str, LetterTemplate] = {}
        self._environment_for_builtins: jinja2.Environment | None = None
        self._worker = worker
        for folder, builtin in [(builtin_dir, True), *((d, False) for d in user_dirs)]:
            for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")) if folder.is_dir() else ():
                if path.name.startswith("_"):
                    continue  # partials such as _parts.j2 are imported, not listed
                try:
                    template = read_metadata(path, builtin)
                except TemplateError as exc:
                    self.problems.append(exc)
                else:
                    self._templates[template.id] = template

    def __iter__(self) -> Iterator[LetterTemplate]:
        return iter(sorted(self._templates.values(), key=lambda t: (t.kind.value, t.name)))

    def ids(self) -> list[str]:
        return sorted(self._templates)

    def get(self, template_id: str) -> LetterTemplate:
        try:
            return self._templates[template_id]
        except KeyError:
            known = ", ".join(self.ids()) or "none"
            raise TemplateError(f"no template called {template_id!r}; known templates: {known}") from None

    def render(
        self,
        draft: Draft,
        template_id: str | None = None,
        today: dt.date | None = None,
        channel: Channel | None = None,
    ) -> Document:
        """The letter as `channel` carries it (by default the template's first channel): the
        writer's passages for the other channel left out. A TemplateError (never another
        exception) when a user's template cannot make it within the limits. Safe to call
        from any thread."""
        template = self.get(template_id or draft.template)
        channel = channel or template.channels[0]
        draft = for_channel(draft, channel)
        if template.builtin:
            return render_document(draft, template, self._builtin_environment(), today, channel)
        request = render_worker.RenderRequest(
            search_path=(template.path.parent, self.builtin_dir),
            template=template,
            draft=draft,
            today=today,
            channel=channel,
        )
        return (self._worker or render_worker.shared()).render(request)

    def needs_worker(self, template_id: str) -> bool:
        """Whether rendering this template may take up to the worker's time limit, so a
        window should not wait for it on its own thread. False for an unknown id: that
        fails at once."""
        template = self._templates.get(template_id)
        return template is not None and not template.builtin

    def warm_up(self) -> None:
        """Start the worker if any template here will need it; a window calls this on a
        thread of its own when it opens, so the first shared letter does not wait for it."""
        if any(not template.builtin for template in self._templates.values()):
            (self._worker or render_worker.shared()).warm_up()

    def _builtin_environment(self) -> jinja2.Environment:
        """Only the shipped templates run outside the sandbox, and in this process: they are
        ours, and a merge renders them thousands of times, where the sandbox's per-attribute
        checks cost about 40% of the rendering and a trip to the worker process more again."""
        if self._environment_for_builtins is None:
            self._environment_for_builtins = make_environment([self.builtin_dir], sandboxed=False)
        return self._environment_for_builtins


def read_metadata(path: Path, builtin: bool = False) -> LetterTemplate:
    """The template's front matter; a TemplateError for anything else, so that one broken
    or hostile file in a shared folder is listed as a problem and hides none of the others."""
    source = read_template(path)
    match = _FRONT_MATTER.match(source)
    if not match:
        raise TemplateError('no metadata: a template starts with {# name = "..." ... #}', path, 1)
    meta = _parse_front_matter(match.group(1), path)
    for key in ("name", "kind", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise TemplateError(f"metadata needs a text value for {key!r}", path, 1)
    if meta["kind"] not in {k.value for k in Kind}:
        raise TemplateError(f"metadata kind must be 'individual' or 'notice', not {meta['kind']!r}", path, 1)
    requires = meta.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        raise TemplateError("metadata 'requires' must be a list of field names", path, 1)
    channels = meta.get("channels", [c.value for c in ALL_CHANNELS])
    known = {c.value for c in Channel}
    if (
        not isinstance(channels, list)
        or not channels
        or not all(isinstance(c, str) and c in known for c in channels)
        or len(set(channels)) != len(channels)
    ):
        raise TemplateError(
            'metadata \'channels\' must list "print", "email" or both, the main one first', path, 1
        )
    return LetterTemplate(
        id=path.name.removesuffix(TEMPLATE_SUFFIX),
        name=meta["name"],
        kind=Kind(meta["kind"]),
        description=meta["description"].strip(),
        requires=tuple(requires),
        path=path,
        builtin=builtin,
        channels=tuple(Channel(c) for c in channels),
    )


def _parse_front_matter(text: str, path: Path) -> dict[str, Any]:
    if len(text) > MAX_FRONT_MATTER_CHARS:
        raise TemplateError(
            f"metadata is {len(text):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,}", path, 1
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _toml_line(str(exc))
        raise TemplateError(f"metadata is not valid TOML: {exc}", path, line) from None
    except RecursionError:
        raise TemplateError("metadata is not valid TOML: it nests too deeply", path, 1) from None
    except Exception as exc:  # tomllib's own failures on hostile input (a bug there is not a crash here)
        raise TemplateError(f"metadata is not valid TOML: {exc}", path, 1) from None


def _toml_line(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def render_document(
    draft: Draft,
    template: LetterTemplate,
    env: jinja2.Environment,
    today: dt.date | None = None,
    channel: Channel = Channel.PRINT,
) -> Document:
    """In this process. In a LimitedSandbox every failure, Python's own included, is a
    TemplateError naming the template; a shipped template's other exceptions are bugs in
    Amends and are left to show as such."""
    sandboxed = isinstance(env, LimitedSandbox)
    try:
        markup = _render_markup(draft, template, env, today, channel, sandboxed)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            exc.message or "syntax error", Path(exc.filename or template.path), exc.lineno
        ) from None
    except jinja2.TemplateError as exc:
        path, line = _failing_template_line(exc, template.path)
        raise TemplateError(_friendly(exc), path, line) from None
    except TemplateError as exc:
        if exc.path is not None:  # a file refused by name (a link, not a regular file)
            raise
        raise exc.located(*_failing_template_line(exc, template.path)) from None
    except Exception as exc:
        if not sandboxed:
            raise
        path, line = _failing_template_line(exc, template.path)
        known = limit_error(exc)
        if known is not None:
            raise known.located(path, line) from None
        raise TemplateError(f"{type(exc).__name__}: {exc}", path, line) from None
    try:
        blocks = parse_blocks(markup)
    except MarkupError as exc:
        raise TemplateError(
            f"{exc} (line {exc.line} of the rendered output)" if exc.line else str(exc), template.path
        ) from None
    except (RecursionError, MemoryError) as exc:
        if not sandboxed:
            raise
        raise TemplateLimitError(
            f"its output could not be read as a letter ({type(exc).__name__})", template.path
        ) from None
    subject = next((plain(b.runs) for b in blocks if isinstance(b, Subject)), draft.subject)
    return Document(
        blocks=blocks,
        title=subject,
        author=draft.sender.name,
        metadata={"template": template.id, "language": draft.locale.replace("_", "-")},
    )


def _render_markup(
    draft: Draft,
    template: LetterTemplate,
    env: jinja2.Environment,
    today: dt.date | None,
    channel: Channel,
    sandboxed: bool,
) -> str:
    context = template_context(draft, today, channel)
    if not sandboxed:  # the shipped templates: as fast as Jinja goes
        return env.get_template(template.path.name).render(context)
    with render_limits():
        jinja_template = env.get_template(template.path.name)
        return bounded_output(jinja_template.generate(context))


def _friendly(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"{exc.message}; check the field name against the draft's fields"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"the template tried something unsafe and was stopped: {exc}"
    return str(exc)


def _failing_template_line(exc: BaseException, default: Path) -> tuple[Path, int | None]:
    """Jinja rewrites tracebacks so frames point at template lines; take the innermost one."""
    found: tuple[Path, int | None] = (default, None)
    tb = exc.__traceback__ or sys.exc_info()[2]
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            found = (Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


def make_environment(search_path: list[Path], sandboxed: bool = True) -> jinja2.Environment:
    """The only way templates are loaded: autoescaped, strict about names, reading only
    regular files inside the folders, and sandboxed with limits unless the caller vouches for
    every template on the search path."""
    environment_class = LimitedSandbox if sandboxed else jinja2.Environment
    env = environment_class(
        loader=FolderLoader(search_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(longdate=_long_date, fulldate=_full_date, paragraphs=paragraphs)
    return env


@jinja2.pass_context
def _long_date(context: jinja2.runtime.Context, day: dt.date | None) -> str:
    return long_date(day, context["draft"].locale) if day else ""


@jinja2.pass_context
def _full_date(context: jinja2.runtime.Context, day: dt.date | None) -> str:
    return full_date(day, context["draft"].locale) if day else ""


_BULLET = re.compile(r"^\s*(?:[-*•])\s+")
LINE_SEPARATOR = "\u2028"
"""What Shift+Enter puts in a field: a line break within a paragraph. Enter's newline parts paragraphs."""
_NEWLINES = re.compile(r"\r\n?|\u2029")
_BREAKS = re.compile(r"[\n\r\u2028\u2029]")


def paragraphs(text: str) -> Markup:
    """A multi-line field as blocks: each line a paragraph, a line separator (Shift+Enter) a
    line break within it, and "- " lines a list. Blank lines add nothing: several Enters in a
    row still make one paragraph break, and a blank line ends a list."""
    if not _BREAKS.search(text) and not _BULLET.match(text):  # the usual field: one paragraph
        return Markup(f"<p>{escape(text.strip())}</p>") if text.strip() else Markup("")
    out: list[str] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    for line in _NEWLINES.sub("\n", text).split("\n"):
        current: list[str] | None = None  # the paragraph or list item this line is writing
        for part in line.split(LINE_SEPARATOR):
            part = part.strip()
            if not part:
                continue
            if _BULLET.match(part):
                _flush_prose(paragraph, out)
                current = [_BULLET.sub("", part).strip()]
                items.append(current)
            elif current is None:
                _flush_prose(paragraph, out)
                _flush_bullets(items, out)
                current = paragraph
                current.append(part)
            else:
                current.append(part)
        if current is None:  # a blank line ends a list, so two lists apart stay apart
            _flush_bullets(items, out)
    _flush_prose(paragraph, out)
    _flush_bullets(items, out)
    return Markup("\n".join(out))


def _lines_markup(lines: list[str]) -> str:
    return "<br/>".join(str(escape(line)) for line in lines)


def _flush_prose(lines: list[str], out: list[str]) -> None:
    if lines:
        out.append(f"<p>{_lines_markup(lines)}</p>")
        lines.clear()


def _flush_bullets(items: list[list[str]], out: list[str]) -> None:
    if items:
        out.append("<ul>" + "".join(f"<li>{_lines_markup(item)}</li>" for item in items) + "</ul>")
        items.clear()
