"""`amends merge`: a notice merged over a recipient list, from the command line.

The list is validated first and the report printed by row; nothing is written while rows
have errors unless the user chooses to leave them out (--skip-invalid). Progress shows as
a bar on a terminal; Ctrl+C cancels and leaves nothing behind.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from desktop.core.compose import Composer
from desktop.core.draft_file import load_draft
from desktop.core.merge import MergeCancelled, MergeRequest, OutputKind, run_merge
from desktop.core.merge.checks import list_errors, output_problem, required_row_fields, sender_problem
from desktop.core.merge.profile_rows import held_back, profile_rows, skip_reasons
from desktop.core.merge.run import DEFAULT_NAME_PATTERN
from desktop.core.merge.staging import describe as describe_cleared
from desktop.core.merge_fields import draft_uses
from desktop.core.recipients import (
    Field,
    FileNameError,
    RecipientFileError,
    ValidationReport,
    map_columns,
    read_recipients,
    validate,
)
from desktop.core.recipients.validation import Severity
from desktop.core.writers.email import AddressError
from desktop.layout_options import add_layout_options, layout_from_args
from desktop.pipeline_options import add_rules_option
from desktop.settings_options import add_settings_option, settings_layout
from desktop.verdict_option import add_override_option, approved

EXIT_ROWS_INVALID = 1
EXIT_CANCELLED = 130
MAX_LISTED_ISSUES = 25


class MergeUsageError(Exception):
    """A problem with the command's input; printed as one line."""


def add_merge_parser(sub: argparse._SubParsersAction, composer_for) -> None:
    merge = sub.add_parser("merge", help="merge a notice over a recipient list (CSV or XLSX)")
    merge.add_argument("draft", type=Path)
    merge.add_argument("recipients", type=Path, help="a CSV or XLSX file with a header row")
    merge.add_argument("--to", required=True, choices=[kind.value for kind in OutputKind])
    merge.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        help="a file for docx, pdf and csv, a folder for docx-each, pdf-each and eml",
    )
    merge.add_argument("-t", "--template", help="template id (default: the draft's own)")
    merge.add_argument(
        "--name-pattern",
        default=DEFAULT_NAME_PATTERN,
        help='file names for docx-each, pdf-each and eml, e.g. "{account}-{last_name}" (default: {name})',
    )
    merge.add_argument("--sheet", help="the worksheet to read from an XLSX file (default: the first)")
    merge.add_argument("--encoding", help="the CSV's text encoding, when detection guesses wrong")
    merge.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=f"say which field a column holds ({', '.join(f.value for f in Field)})",
    )
    merge.add_argument(
        "--skip-invalid",
        action="store_true",
        help="leave out rows with errors (they are listed in the manifest) instead of stopping",
    )
    add_rules_option(merge)
    add_override_option(merge)
    add_layout_options(merge)
    add_settings_option(merge)
    merge.set_defaults(run=lambda args: run_merge_command(args, composer_for(args)))


def run_merge_command(args: argparse.Namespace, composer: Composer, err: TextIO | None = None) -> int:
    """Judge the draft for this list and the list for this output before writing anything."""
    err = err or sys.stderr
    draft = load_draft(args.draft)
    template = composer.catalogue.get(args.template or draft.template)
    kind = OutputKind(args.to)
    _check_output(args.output, kind)
    if problem := sender_problem(draft.sender.email, kind):
        raise MergeUsageError(f"{args.draft.name}: {problem}")
    layout = layout_from_args(args, settings_layout(args))
    try:
        table = read_recipients(args.recipients, sheet=args.sheet, encoding=args.encoding)
        mapping = map_columns(table.columns, _parse_map(args.map))
        needs = required_row_fields(template.requires, kind, draft_uses(draft), mapping.merge_names)
        report = validate(table, mapping, required=needs)
    except (RecipientFileError, ValueError) as exc:
        raise MergeUsageError(str(exc)) from None
    _print_report(report, err)
    whole_list = list_errors(report)
    if whole_list:
        reasons = "; ".join(issue.message for issue in whole_list)
        print(f"amends: {args.recipients.name}: cannot merge over this list: {reasons}", file=err)
        return EXIT_ROWS_INVALID
    composed = composer.compose(
        draft, columns=mapping.merge_names, template_id=template.id, channel=kind.channel
    )
    if composed.render_error is not None:  # a template that cannot render is a usage error, as in render
        raise composed.render_error
    override = approved(composed, args, str(args.draft), err)
    verdicts = profile_rows(composer, draft, table, mapping, template.id, kind.channel)
    for verdict in verdicts:
        for finding in verdict.findings:
            where = f" ({verdict.jurisdiction})" if verdict.jurisdiction else ""
            warning = "" if finding.blocking else "warning: "
            print(f"amends: row {verdict.row}{where}: {warning}{finding.message}", file=err)
    held = held_back(verdicts)
    if held and not args.skip_invalid:
        print(
            f"amends: {len(held)} row(s) fail the law their reader is under; fix the draft or the "
            "list, or run again with --skip-invalid to leave them out",
            file=err,
        )
        return EXIT_ROWS_INVALID
    skip = report.error_rows() | {verdict.row for verdict in held}
    if skip and not args.skip_invalid:
        print(
            f"amends: {len(skip)} row(s) have errors; fix them in {args.recipients.name}, "
            "or run again with --skip-invalid to leave them out",
            file=err,
        )
        return EXIT_ROWS_INVALID
    total = report.summary.rows - len(skip)
    if not total:
        print(
            f"amends: every row of {args.recipients.name} has errors, so there is no letter to write; "
            "nothing was written",
            file=err,
        )
        return EXIT_ROWS_INVALID
    bar = ProgressBar(total, err)
    request = MergeRequest(
        draft,
        composer.catalogue,
        table,
        kind,
        args.output,
        mapping=mapping,
        template_id=template.id,
        name_pattern=args.name_pattern,
        skip_rows=skip,
        report=report,
        skip_reasons=skip_reasons(held),
        layout=layout,
        override=override,
    )
    try:
        result = run_merge(
            request,
            progress=bar.update,
            total=total,
            cleared_now=lambda cleared: print(f"amends: {describe_cleared(cleared)}", file=err),
        )
    except (KeyboardInterrupt, MergeCancelled):
        bar.finish()
        print("amends: cancelled; nothing was written", file=err)
        return EXIT_CANCELLED
    except (FileNameError, AddressError) as exc:
        raise MergeUsageError(str(exc)) from None
    bar.finish()
    for warning in result.warnings:
        print(f"amends: warning: {warning}", file=err)
    print(
        f"Wrote {result.written} letter(s) to {result.output}"
        + (f"; left out {result.skipped} row(s)" if result.skipped else "")
        + f"\nManifest: {result.manifest}",
        file=err,
    )
    return 0


def _check_output(output: Path, kind: OutputKind) -> None:
    problem = output_problem(output, kind)
    if problem:
        raise MergeUsageError(f"{problem} (--to {kind.value})")


def _parse_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column:
            raise MergeUsageError(f'--map {pair!r}: write it as COLUMN=FIELD, e.g. "Contact=email"')
        if field not in {f.value for f in Field}:
            raise MergeUsageError(
                f"--map {pair!r}: {field!r} is not a field; use one of {', '.join(f.value for f in Field)}"
            )
        mapping[column] = field
    return mapping


def _print_report(report: ValidationReport, err: TextIO) -> None:
    summary = report.summary
    print(
        f"{summary.rows} row(s): {summary.clean_rows} ready, {summary.rows_with_errors} with errors, "
        f"{summary.rows_with_warnings} with warnings only",
        file=err,
    )
    for issue in report.issues[:MAX_LISTED_ISSUES]:
        where = f"row {issue.row}" + (f", {issue.column}" if issue.column else "")
        label = "error" if issue.severity is Severity.ERROR else "warning"
        print(f"  {where}: {label}: {issue.message}", file=err)
    if len(report.issues) > MAX_LISTED_ISSUES:
        print(f"  … and {len(report.issues) - MAX_LISTED_ISSUES} more", file=err)


class ProgressBar:
    """A one-line bar redrawn in place on a terminal; occasional lines when piped to a log."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO):
        self._total = max(total, 1)
        self._stream = stream
        self._live = stream.isatty()
        self._last_draw = 0.0
        self._last_step = -1
        self._done = 0

    def update(self, done: int, _total: int | None = None) -> None:
        self._done = done
        if self._live:
            now = time.monotonic()
            if now - self._last_draw >= 0.1 or done == self._total:
                self._last_draw = now
                filled = self.WIDTH * done // self._total
                bar = "#" * filled + "-" * (self.WIDTH - filled)
                self._stream.write(f"\r[{bar}] {done}/{self._total}")
                self._stream.flush()
        else:
            step = 10 * done // self._total
            if step != self._last_step and step % 2 == 0:
                self._last_step = step
                self._stream.write(f"{done}/{self._total} letters\n")

    def finish(self) -> None:
        if self._live:
            self._stream.write("\n")
            self._stream.flush()
