"""Reading rule files: the built-in catalogue, then a user's or team's additions and overrides.

A rule file is TOML. `[[rule]]` tables define rules; `[override.RULE-ID]` tables change a
rule defined elsewhere (severity, enabled, add_phrases, add_patterns, add_exceptions);
`[terms]` names pattern fragments that patterns use as %name%; `[classes]` names word lists
(lemmas) that syntax patterns use as "@name" (see syntax_patterns). Every problem is reported
with the file, the line and what is wrong, because the people editing these files are
support leads and lawyers, not programmers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.checker.findings import Severity
from desktop.core.checker.rules import KINDS, SCOPES, Pattern, Rule, phrase_to_regex
from desktop.core.checker.syntax_patterns import SyntaxPattern, SyntaxPatternError, read_syntax_pattern
from desktop.core.toml_errors import toml_problem

_TERM = re.compile(r"%([a-z][a-z_]*)%")
_RULE_KEYS = {
    "id",
    "kind",
    "severity",
    "message",
    "principle",
    "suggestion",
    "patterns",
    "phrases",
    "exceptions",
    "scope",
    "anchored",
    "negation",
    "quotes",
    "across_sentences",
    "applies_to",
    "channels",
    "params",
    "examples",
    "enabled",
    "syntax",
}
_OVERRIDE_KEYS = {
    "severity",
    "enabled",
    "message",
    "add_phrases",
    "add_patterns",
    "add_exceptions",
    "add_syntax",
    "params",
}
_RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleFileError(ValueError):
    """A rule file that cannot be used, located by path and line."""

    def __init__(self, reason: str, path: Path | None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{reason}")


@dataclass
class RuleCatalogue:
    """Rules by id, in the order they were defined, plus the named pattern fragments."""

    rules: dict[str, Rule] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)
    classes: dict[str, list[str]] = field(default_factory=dict)
    trusted: bool = False
    """Reading the built-in files, whose patterns the test suite compiles: compiling each
    one again here to word its error was half of the rules' load at every start."""

    def expand(self, regex: str, path: Path | None, line: int | None) -> str:
        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.terms:
                raise RuleFileError(
                    f"unknown term %{name}% (known: {', '.join(sorted(self.terms))})", path, line
                )
            return self.terms[name]

        for _ in range(5):  # terms may use terms; five levels is plenty and stops loops
            expanded = _TERM.sub(substitute, regex)
            if expanded == regex:
                return expanded
            regex = expanded
        raise RuleFileError("terms refer to each other in a loop", path, line)


def load_catalogue(builtin_dir: Path, extra_files: Iterable[Path] = ()) -> RuleCatalogue:
    """The built-in rule files (sorted by name), then each extra file in the order given.

    Terms are read from every file before any rule, so a file may use a term that a file
    later in the order defines.
    """
    catalogue = RuleCatalogue()
    builtin_files = sorted(builtin_dir.glob("*.toml"))
    if not builtin_files:
        raise RuleFileError("no rule files found", builtin_dir)
    sources = [(path, _read(path)) for path in [*builtin_files, *extra_files]]
    for path, raw in sources:
        read_terms(raw, path, catalogue)
    for index, (path, raw) in enumerate(sources):
        catalogue.trusted = index < len(builtin_files)
        read_rules(raw, path, catalogue)
    catalogue.trusted = False
    return catalogue


def read_rule_text(raw: str, path: Path | None, catalogue: RuleCatalogue) -> None:
    """One rule file's terms and rules, added to `catalogue`."""
    read_terms(raw, path, catalogue)
    read_rules(raw, path, catalogue)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"cannot read the rule file ({exc})", path) from None


def _parse(raw: str, path: Path | None) -> dict[str, Any]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        reason, line = toml_problem(exc)
        raise RuleFileError(reason, path, line) from None
    unknown = set(data) - {"rule", "override", "terms", "classes"}
    if unknown:
        name = sorted(unknown)[0]
        raise RuleFileError(
            f"unknown section {name!r}; a rule file holds [[rule]], [override.ID], [terms] and [classes]",
            path,
            _LineFinder(raw).key_line(name),
        )
    return data


def read_terms(raw: str, path: Path | None, catalogue: RuleCatalogue) -> None:
    data, lines = _parse(raw, path), _LineFinder(raw)
    for name, value in _table(data.get("terms", {}), "terms", path, lines.header("terms")).items():
        if not isinstance(value, str):
            raise RuleFileError(f"term {name!r} must be a pattern in quotes", path, lines.key_line(name))
        catalogue.terms[name] = value
    for name, value in _table(data.get("classes", {}), "classes", path, lines.header("classes")).items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleFileError(
                f"word class {name!r} must be a list of words in quotes", path, lines.key_line(name)
            )
        catalogue.classes[name] = [v.lower() for v in value]


def read_rules(raw: str, path: Path | None, catalogue: RuleCatalogue) -> None:
    data, lines = _parse(raw, path), _LineFinder(raw)
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise RuleFileError("write rules as [[rule]] tables", path, lines.key_line("rule"))
    for index, table in enumerate(rules):
        rule = _read_rule(table, path, lines.rule_section(index), catalogue)
        if rule.id in catalogue.rules:
            earlier = catalogue.rules[rule.id].source
            raise RuleFileError(
                f"rule {rule.id!r} is already defined in {earlier}; change it with "
                f"[override.{rule.id}] instead",
                path,
                rule.line,
            )
        catalogue.rules[rule.id] = rule
    for rule_id, table in _table(data.get("override", {}), "override", path, None).items():
        _apply_override(rule_id, table, path, lines.override_section(rule_id), catalogue)


def _read_rule(table: object, path: Path | None, section: _Section, catalogue: RuleCatalogue) -> Rule:
    table = _table(table, "rule", path, section.start)
    where = section.start
    _no_unknown_keys(table, _RULE_KEYS, path, section)
    rule_id = _text(table, "id", path, section, required=True)
    if not _RULE_ID.match(rule_id):
        raise RuleFileError(
            f"rule id {rule_id!r} must be lower-case words joined by hyphens", path, section.key("id")
        )
    kind = _text(table, "kind", path, section) or "phrase"
    if kind not in KINDS:
        raise RuleFileError(
            f"kind must be one of {', '.join(KINDS)}, not {kind!r}", path, section.key("kind")
        )
    scope = _text(table, "scope", path, section) or "sentence"
    if scope not in SCOPES:
        raise RuleFileError(
            f"scope must be one of {', '.join(SCOPES)}, not {scope!r}", path, section.key("scope")
        )
    examples = _table(table.get("examples", {}), "examples", path, section.key("examples"))
    rule = Rule(
        id=rule_id,
        kind=kind,
        severity=_severity(table.get("severity", "warning"), path, section.key("severity")),
        message=_text(table, "message", path, section, required=True),
        principle=_text(table, "principle", path, section, required=True),
        source=path,
        line=where,
        enabled=_flag(table, "enabled", True, path, section),
        suggestion=_text(table, "suggestion", path, section) or None,
        scope=scope,
        anchored=_flag(table, "anchored", False, path, section),
        negation=_flag(table, "negation", False, path, section),
        quotes=_flag(table, "quotes", False, path, section),
        across_sentences=_flag(table, "across_sentences", False, path, section),
        applies_to=tuple(_strings(table, "applies_to", path, section) or ("individual", "notice")),
        channels=_channels(table, path, section),
        params=_table(table.get("params", {}), "params", path, section.key("params")),
        fires=_strings(examples, "fires", path, section),
        quiet=_strings(examples, "quiet", path, section),
    )
    rule.patterns = _patterns(table.get("patterns", []), "patterns", path, section, catalogue)
    rule.patterns += _phrases(_strings(table, "phrases", path, section), path, section.key("phrases"))
    rule.exceptions = _patterns(table.get("exceptions", []), "exceptions", path, section, catalogue)
    rule.syntax = _syntax(table.get("syntax", []), "syntax", path, section, catalogue)
    if kind == "phrase" and not rule.patterns and not rule.syntax:
        raise RuleFileError(f"rule {rule_id!r} needs patterns or phrases to look for", path, where)
    return rule


def _channels(table: dict[str, Any], path: Path | None, section: _Section) -> tuple[str, ...]:
    channels = _strings(table, "channels", path, section) or ["print", "email"]
    wrong = [channel for channel in channels if channel not in ("print", "email")]
    if wrong:
        raise RuleFileError(
            f'channels may hold "print" and "email", not {wrong[0]!r}', path, section.key("channels")
        )
    return tuple(channels)


def _apply_override(
    rule_id: str, table: object, path: Path | None, section: _Section, catalogue: RuleCatalogue
) -> None:
    table = _table(table, f"override.{rule_id}", path, section.start)
    if rule_id not in catalogue.rules:
        raise RuleFileError(f"[override.{rule_id}] changes a rule that does not exist", path, section.start)
    _no_unknown_keys(table, _OVERRIDE_KEYS, path, section)
    rule = catalogue.rules[rule_id]
    if "severity" in table:
        rule.severity = _severity(table["severity"], path, section.key("severity"))
    rule.enabled = _flag(table, "enabled", rule.enabled, path, section)
    rule.message = _text(table, "message", path, section) or rule.message
    rule.params = {**rule.params, **_table(table.get("params", {}), "params", path, section.key("params"))}
    added = _patterns(table.get("add_patterns", []), "add_patterns", path, section, catalogue)
    added += _phrases(_strings(table, "add_phrases", path, section), path, section.key("add_phrases"))
    if added and rule.kind not in ("phrase", "presence"):
        raise RuleFileError(f"rule {rule_id!r} is measured in code and takes no phrases", path, section.start)
    rule.patterns = [*rule.patterns, *added]
    rule.exceptions = [
        *rule.exceptions,
        *_patterns(table.get("add_exceptions", []), "add_exceptions", path, section, catalogue),
    ]
    syntax = _syntax(table.get("add_syntax", []), "add_syntax", path, section, catalogue)
    if syntax and rule.kind not in ("phrase", "presence"):
        raise RuleFileError(
            f"rule {rule_id!r} is measured in code and takes no syntax patterns", path, section.start
        )
    rule.syntax = [*rule.syntax, *syntax]


def _syntax(
    value: object, key: str, path: Path | None, section: _Section, catalogue: RuleCatalogue
) -> list[SyntaxPattern]:
    if not isinstance(value, list):
        raise RuleFileError(f"write syntax patterns as [[rule.{key}]] tables", path, section.key(key))
    patterns = []
    for index, item in enumerate(value):
        line = section.table_line(key, index)
        if not isinstance(item, dict):
            raise RuleFileError(f"write syntax patterns as [[rule.{key}]] tables", path, line)
        try:
            patterns.append(read_syntax_pattern(item, catalogue.classes, line))
        except SyntaxPatternError as error:
            raise RuleFileError(f"syntax pattern: {error}", path, line) from None
    return patterns


def _patterns(
    value: object, key: str, path: Path | None, section: _Section, catalogue: RuleCatalogue
) -> list[Pattern]:
    if not isinstance(value, list):
        raise RuleFileError(f"{key} must be a list", path, section.key(key))
    patterns = []
    for item in value:
        replace = None
        if isinstance(item, str):
            regex, suggestion = item, None
        elif isinstance(item, dict) and isinstance(item.get("pattern"), str):
            regex, suggestion = item["pattern"], item.get("suggestion")
            replace = _replace(item.get("replace"), path, section.value_line(regex) or section.key(key))
        else:
            raise RuleFileError(
                f'each entry of {key} is a pattern in quotes or {{ pattern = "...", suggestion = "..." }}',
                path,
                section.key(key),
            )
        line = section.value_line(regex) or section.key(key)
        expanded = catalogue.expand(regex, path, line)
        try:
            if not catalogue.trusted:
                re.compile(expanded)
        except re.error as exc:
            raise RuleFileError(
                f"pattern {regex!r} is not a valid regular expression: {exc}", path, line
            ) from None
        patterns.append(Pattern(expanded, suggestion, line, replace))
    return patterns


def _replace(value: object, path: Path | None, line: int | None) -> tuple[str, str] | None:
    """`replace = ["regex", "template"]`: how to rewrite the flagged words for a one-click fix."""
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise RuleFileError('replace must be ["regex matching the flagged words", "replacement"]', path, line)
    try:
        re.compile(value[0])
    except re.error as exc:
        raise RuleFileError(f"replace regex {value[0]!r} is not valid: {exc}", path, line) from None
    return value[0], value[1]


def _phrases(phrases: list[str], path: Path | None, line: int | None) -> list[Pattern]:
    for phrase in phrases:
        if not phrase.strip():
            raise RuleFileError("a phrase must not be empty", path, line)
    return [Pattern(phrase_to_regex(p), None, line) for p in phrases]


def _severity(value: object, path: Path | None, line: int | None) -> Severity:
    if isinstance(value, str):
        try:
            return Severity(value)
        except ValueError:
            pass
    raise RuleFileError(f"severity must be error, warning or info, not {value!r}", path, line)


def _table(value: object, name: str, path: Path | None, line: int | None) -> dict[str, object]:
    if not isinstance(value, dict):
        raise RuleFileError(f"{name} must be a table", path, line)
    return value


def _text(
    table: dict[str, object], key: str, path: Path | None, section: _Section, required: bool = False
) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise RuleFileError(
            f"{key} must be {'a non-empty' if required else 'a'} text in quotes",
            path,
            section.key(key) or section.start,
        )
    return " ".join(value.split())


def _flag(table: dict[str, object], key: str, default: bool, path: Path | None, section: _Section) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise RuleFileError(f"{key} must be true or false", path, section.key(key))
    return value


def _strings(table: dict[str, object], key: str, path: Path | None, section: _Section) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(f"{key} must be a list of texts in quotes", path, section.key(key))
    return value


def _no_unknown_keys(table: dict[str, object], known: set[str], path: Path | None, section: _Section) -> None:
    for key in table:
        if key not in known:
            raise RuleFileError(
                f"unknown key {key!r} (expected one of: {', '.join(sorted(known))})",
                path,
                section.key(key) or section.start,
            )


@dataclass(frozen=True)
class _Section:
    """The lines of one table in the raw file, to point errors at the right line."""

    lines: tuple[str, ...]
    start: int | None
    end: int

    def key(self, key: str) -> int | None:
        if self.start is None:
            return None
        pattern = re.compile(rf"^\s*(?:\[+\s*(?:rule\.)?)?{re.escape(key)}\s*(?:=|\])")
        for number in range(self.start, self.end + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def table_line(self, key: str, index: int) -> int | None:
        """The line of the index-th [[….key]] table after this section's start."""
        if self.start is None:
            return None
        header = re.compile(rf"^\s*\[\[\s*[\w.-]*\.{re.escape(key)}\s*\]\]")
        found = [n for n in range(self.start, len(self.lines) + 1) if header.match(self.lines[n - 1])]
        return found[index] if index < len(found) else self.start

    def value_line(self, value: str) -> int | None:
        if self.start is None:
            return None
        probe = value[:40]
        for number in range(self.start, self.end + 1):
            line = self.lines[number - 1]
            if probe in line or probe.replace("\\", "\\\\") in line:
                return number
        return None


class _LineFinder:
    def __init__(self, raw: str):
        self.lines = tuple(raw.splitlines())
        self._headers = [
            n
            for n, line in enumerate(self.lines, 1)
            if re.match(r"^\s*\[", line) and not re.match(r"^\s*\[\[?\s*rule\.", line)
        ]

    def _section_from(self, start: int | None) -> _Section:
        if start is None:
            return _Section(self.lines, None, len(self.lines))
        later = [h for h in self._headers if h > start]
        return _Section(self.lines, start, (later[0] - 1) if later else len(self.lines))

    def rule_section(self, index: int) -> _Section:
        starts = [n for n, line in enumerate(self.lines, 1) if re.match(r"^\s*\[\[\s*rule\s*\]\]", line)]
        return self._section_from(starts[index] if index < len(starts) else None)

    def override_section(self, rule_id: str) -> _Section:
        header = re.compile(rf"^\s*\[\s*override\s*\.\s*[\"']?{re.escape(rule_id)}[\"']?\s*\]")
        found = next((n for n, line in enumerate(self.lines, 1) if header.match(line)), None)
        return self._section_from(found)

    def header(self, name: str) -> int | None:
        return next(
            (n for n, line in enumerate(self.lines, 1) if re.match(rf"^\s*\[\s*{name}\s*\]", line)), None
        )

    def key_line(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*(?:\[+\s*)?{re.escape(key)}\b")
        return next((n for n, line in enumerate(self.lines, 1) if pattern.match(line)), None)
