"""Letter templates: finding them, reading their metadata, and rendering a draft through one.

A template is a Jinja2 file in `letter_templates/` (or the user's template folder) whose
first lines are a Jinja comment holding TOML metadata. Every template, built-in or shared
by a colleague, runs in Jinja's immutable sandbox with autoescape and strict undefined
variables, so a template cannot run code or change the draft, a field cannot inject markup,
and a misspelt field name is an error rather than an empty gap in a letter.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from desktop.core.context import template_context
from desktop.core.document import Document, Subject, plain
from desktop.core.formatting import full_date, long_date
from desktop.core.markup import MarkupError, parse_blocks
from desktop.core.model import Draft, Kind

TEMPLATE_SUFFIX = ".j2"
_FRONT_MATTER = re.compile(r"\A\{#-?(.*?)-?#\}", re.DOTALL)


class TemplateError(Exception):
    """A template that cannot be loaded or rendered, located by file and line."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")


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


class TemplateCatalogue:
    """The templates in the built-in folder and the user's folders; a user's template may
    replace a built-in one by using its id."""

    def __init__(self, builtin_dir: Path, user_dirs: list[Path] | tuple[Path, ...] = ()):
        self.builtin_dir = builtin_dir
        self.problems: list[TemplateError] = []
        """Templates that could not be read; listed, never fatal to the others."""
        self._templates: dict[str, LetterTemplate] = {}
        self._environments: dict[Path, jinja2.Environment] = {}
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

    def __iter__(self):
        return iter(sorted(self._templates.values(), key=lambda t: (t.kind.value, t.name)))

    def ids(self) -> list[str]:
        return sorted(self._templates)

    def get(self, template_id: str) -> LetterTemplate:
        try:
            return self._templates[template_id]
        except KeyError:
            known = ", ".join(self.ids()) or "none"
            raise TemplateError(f"no template called {template_id!r}; known templates: {known}") from None

    def render(self, draft: Draft, template_id: str | None = None, today: dt.date | None = None) -> Document:
        template = self.get(template_id or draft.template)
        return render_document(draft, template, self._environment(template.path.parent), today)

    def _environment(self, template_dir: Path) -> jinja2.Environment:
        """One environment per folder, so Jinja's compiled-template cache is reused.

        Only the shipped templates run outside the sandbox: they are ours, and a merge
        renders them thousands of times, where the sandbox's per-attribute checks cost
        about 40% of the rendering. Any other folder's templates are sandboxed.
        """
        if template_dir not in self._environments:
            trusted = template_dir == self.builtin_dir
            search_path = [template_dir] if trusted else [template_dir, self.builtin_dir]
            self._environments[template_dir] = make_environment(search_path, sandboxed=not trusted)
        return self._environments[template_dir]


def read_metadata(path: Path, builtin: bool = False) -> LetterTemplate:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read the template ({exc})", path) from None
    match = _FRONT_MATTER.match(source)
    if not match:
        raise TemplateError('no metadata: a template starts with {# name = "..." ... #}', path, 1)
    try:
        meta = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _toml_line(str(exc))
        raise TemplateError(f"metadata is not valid TOML: {exc}", path, line) from None
    for key in ("name", "kind", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise TemplateError(f"metadata needs a text value for {key!r}", path, 1)
    if meta["kind"] not in {k.value for k in Kind}:
        raise TemplateError(f"metadata kind must be 'individual' or 'notice', not {meta['kind']!r}", path, 1)
    requires = meta.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
        raise TemplateError("metadata 'requires' must be a list of field names", path, 1)
    return LetterTemplate(
        id=path.name.removesuffix(TEMPLATE_SUFFIX),
        name=meta["name"],
        kind=Kind(meta["kind"]),
        description=meta["description"].strip(),
        requires=tuple(requires),
        path=path,
        builtin=builtin,
    )


def _toml_line(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def render_document(
    draft: Draft, template: LetterTemplate, env: jinja2.Environment, today: dt.date | None = None
) -> Document:
    try:
        jinja_template = env.get_template(template.path.name)
        markup = jinja_template.render(template_context(draft, today))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            exc.message or "syntax error", Path(exc.filename or template.path), exc.lineno
        ) from None
    except jinja2.TemplateError as exc:
        path, line = _failing_template_line(exc, template.path)
        raise TemplateError(_friendly(exc), path, line) from None
    try:
        blocks = parse_blocks(markup)
    except MarkupError as exc:
        raise TemplateError(
            f"{exc} (line {exc.line} of the rendered output)" if exc.line else str(exc), template.path
        ) from None
    subject = next((plain(b.runs) for b in blocks if isinstance(b, Subject)), draft.subject)
    return Document(
        blocks=blocks,
        title=subject,
        author=draft.sender.name,
        metadata={"template": template.id, "language": draft.locale.replace("_", "-")},
    )


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
    """The only way templates are loaded: autoescaped, strict about names, and sandboxed
    unless the caller vouches for every template on the search path."""
    environment_class = ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
    env = environment_class(
        loader=jinja2.FileSystemLoader(search_path),
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
