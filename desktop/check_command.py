"""`amends check`: the checker from the command line, for scripts, CI and editors.

Plain-text letters are checked as they stand; `.amends` drafts field by field, with the
letter rendered through its template for the whole-letter rules. Output reads like a
compiler's (`path:line:col: severity rule-id message`) or is JSON. Exit status: 1 when a
finding would block sending (an unaccepted error), 0 otherwise, 2 when the command cannot
do its job (unreadable file, broken rule file).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.channels import Channel
from desktop.core.checker.findings import Finding, line_and_column
from desktop.core.checker.loader import RuleFileError
from desktop.core.compose import Composer
from desktop.core.draft_file import SUFFIX, DraftFormatError, draft_from_json, load_draft
from desktop.core.fields import prose_texts
from desktop.core.formatting import FALLBACK_LOCALE, is_supported_locale
from desktop.core.model import Draft, Kind
from desktop.core.settings import new_draft_defaults
from desktop.pipeline_options import MissingRuleFile, add_rules_option, composer
from desktop.settings_options import effective_settings

if TYPE_CHECKING:
    from desktop.core.profiles import Profile

EXIT_CLEAN, EXIT_BLOCKING, EXIT_USAGE = 0, 1, 2
STDIN = "-"


class CheckUsageError(Exception):
    """Something the user can fix; printed as one line."""


@dataclass
class CheckedInput:
    path: str
    findings: list[Finding]
    texts: dict[str, str]
    """The text each finding's offsets refer to, by field ("" for the letter itself)."""


def add_check_parser(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser(
        "check",
        help="check letters against the principles of a good apology",
        description="Check plain-text letters or .amends drafts. Exit status: 0 clean or only warnings, "
        "1 an error that blocks sending, 2 the check could not run.",
    )
    check.add_argument(
        "paths", nargs="+", metavar="PATH", help="a .txt letter, an .amends draft, or - for stdin"
    )
    check.add_argument(
        "--kind",
        choices=("individual", "notice"),
        help="letter kind (default: the draft's own; individual for plain text)",
    )
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument(
        "--profile",
        action="append",
        default=[],
        metavar="ID",
        help="also check under this compliance profile (see amends profiles; may be repeated)",
    )
    check.add_argument(
        "--channel",
        choices=[channel.value for channel in Channel],
        help="judge the letter as printed or as e-mailed (default: a draft for every channel its "
        "template is written for; plain text by the rules that hold for both)",
    )
    check.add_argument(
        "--locale",
        metavar="LOCALE",
        help="which English plain text is spelt in: en_US, en_GB, en_CA, en_AU, … "
        "(default: a new draft's, from the settings; a draft's own for .amends)",
    )
    add_rules_option(
        check, "an extra rule file: added phrases, severities, rules switched off (may be repeated)"
    )
    check.add_argument(
        "--no-settings",
        "--no-user-rules",  # its earlier name
        dest="no_settings",
        action="store_true",
        help="do not read the team's or your own rule files from the settings",
    )
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    try:
        pipeline = composer(args)
        locale = _locale(args)  # a bad --locale is said before any letter is read
        inputs = [(path, _read(path)) for path in args.paths]
        results = [_check(pipeline, path, content, args, locale) for path, content in inputs]
    except (CheckUsageError, MissingRuleFile, RuleFileError, DraftFormatError) as exc:
        print(f"amends: {exc}", file=sys.stderr)
        return EXIT_USAGE
    output = _as_json(results) if args.format == "json" else _as_text(results)
    if output:
        sys.stdout.write(output)
    return EXIT_BLOCKING if any(f.blocking for r in results for f in r.findings) else EXIT_CLEAN


def _read(path: str) -> str:
    if path == STDIN:
        try:
            return sys.stdin.read()
        except UnicodeDecodeError:
            raise CheckUsageError("standard input: not text (it is not UTF-8)") from None
    file = Path(path)
    if file.is_dir():
        raise CheckUsageError(f"{path}: is a folder, not a letter")
    try:
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CheckUsageError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise CheckUsageError(f"{path}: not a text file (it is not UTF-8)") from None
    except OSError as exc:
        raise CheckUsageError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _check(
    pipeline: Composer, path: str, content: str, args: argparse.Namespace, locale: str
) -> CheckedInput:
    """`locale`: which English plain text is spelt in (a draft carries its own)."""
    if path.endswith(SUFFIX) or (path == STDIN and content.lstrip().startswith("{")):
        draft = load_draft(path) if path != STDIN else draft_from_json(content)
        return _check_draft(pipeline, path, draft, args)
    channel = Channel(args.channel) if args.channel else None
    findings = pipeline.checker.check_text(content, args.kind or "individual", locale=locale, channel=channel)
    findings += _text_profile_findings(pipeline, content, args.profile)
    return CheckedInput(path, findings, {"": content})


def _text_profile_findings(pipeline: Composer, content: str, asked: list[str]) -> list[Finding]:
    """A plain-text letter under the profiles asked for: its lines stand for its headings
    and its first line for its title; there is no form, so elements are read from the text."""
    chosen = _asked_profiles(pipeline, asked)
    if not chosen:
        return []
    from desktop.core.profiles import LetterUnderCheck, check_profiles

    lines = tuple(line.strip() for line in content.splitlines() if line.strip())
    letter = LetterUnderCheck(
        draft=Draft(),
        text=content,
        headings=lines,
        title=lines[0] if lines else "",
        body_font_pt=None,
        today=dt.date.today(),
    )
    return check_profiles(chosen, letter)


def _check_draft(pipeline: Composer, path: str, draft: Draft, args: argparse.Namespace) -> CheckedInput:
    """The same verdict `render` and the window reach: the letter as its template prints it,
    its required fields, dates and merge fields, and the wording."""
    if args.kind:
        draft = dataclasses.replace(draft, kind=Kind(args.kind))
    if args.profile:
        _asked_profiles(pipeline, args.profile)  # an unknown id is a usage error, before any check
        draft = dataclasses.replace(draft, profiles=[*draft.profiles, *args.profile])
    composed = pipeline.compose(draft, channel=Channel(args.channel) if args.channel else None)
    return CheckedInput(path, composed.findings, dict(prose_texts(draft)))


def _asked_profiles(pipeline: Composer, asked: list[str]) -> list[Profile]:
    """The profiles --profile names; CheckUsageError naming the known ones for an unknown id."""
    if not asked or pipeline.profiles is None:
        return []
    from desktop.core.profiles import ProfileError

    try:
        return [pipeline.profiles.get(profile_id) for profile_id in asked]
    except ProfileError as exc:
        raise CheckUsageError(str(exc.reason)) from None


def _as_text(results: list[CheckedInput]) -> str:
    lines = []
    for result in results:
        for finding in result.findings:
            line, column = line_and_column(result.texts.get(finding.field, ""), finding.start)
            where = f"[{finding.field}] " if finding.field else ""
            accepted = f" (accepted: {finding.accepted_reason})" if finding.accepted else ""
            lines.append(
                f"{result.path}:{line}:{column}: {finding.severity.value} {finding.rule} "
                f"{where}{finding.message}{accepted}"
            )
    return "".join(f"{line}\n" for line in lines)


def _as_json(results: list[CheckedInput]) -> str:
    report = []
    for result in results:
        entries = []
        for finding in result.findings:
            line, column = line_and_column(result.texts.get(finding.field, ""), finding.start)
            entry = {
                "rule": finding.rule,
                "severity": finding.severity.value,
                "message": finding.message,
                "start": finding.start,
                "end": finding.end,
                "line": line,
                "column": column,
                "suggestion": finding.suggestion,
                "replacement": finding.replacement,
                "field": finding.field,
                "principle": finding.principle,
                "key": finding.key,
            }
            if finding.accepted:
                entry["accepted"] = finding.accepted_reason
            entries.append(entry)
        report.append({"path": result.path, "findings": entries})
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _locale(args: argparse.Namespace) -> str:
    """Which English plain text is spelt in: --locale, else what a new draft would use."""
    if args.locale:
        code = args.locale.replace("-", "_")
        if not is_supported_locale(code):
            raise CheckUsageError(
                f"--locale {args.locale}: not a regional English Amends knows (e.g. en_GB, en_US)"
            )
        return code
    effective = effective_settings(args)
    return new_draft_defaults(effective).locale if effective else FALLBACK_LOCALE
