"""One bulk run: each kept row becomes a personalised letter in the chosen output.

Rows stream from the file one at a time, so memory stays flat for any list size. The
caller sees progress after every letter and may cancel between letters; a cancelled or
failed run removes its partial output and writes no manifest. Everything is written in the
run's staging folder first (staging.py); a run first clears what killed runs left there.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.atomic import atomic_write
from desktop.core.channels import Channel
from desktop.core.compose import with_override
from desktop.core.document import Document
from desktop.core.merge.checks import list_errors
from desktop.core.merge.manifest import ManifestWriter, manifest_path
from desktop.core.merge.outputs import (
    CombinedSink,
    FilePerRecipientSink,
    MailPlatformCsvSink,
    MovedOnCommit,
    OutputKind,
    Sink,
    eml_writer,
)
from desktop.core.merge.staging import Debris, RunStaging, clear_interrupted
from desktop.core.merge_fields import merged_draft
from desktop.core.model import Draft, Recipient
from desktop.core.recipients import ColumnMapping, FileNamer, RecipientTable, ValidationReport, map_columns
from desktop.core.recipients.rows import prepared_rows
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxLayout, DocxWriter, override_note

if TYPE_CHECKING:
    from desktop.core.writers.pdf import PdfWriter

DEFAULT_NAME_PATTERN = "{name}"


class MergeCancelled(Exception):
    """The user stopped the run; nothing it wrote remains."""


@dataclass
class MergeRequest:
    draft: Draft
    catalogue: TemplateCatalogue
    table: RecipientTable
    kind: OutputKind
    output: Path
    """A file for docx, pdf and csv; a folder (created if needed) for docx-each, pdf-each and eml."""
    mapping: ColumnMapping | None = None
    template_id: str | None = None
    name_pattern: str = DEFAULT_NAME_PATTERN
    skip_rows: Collection[int] = ()
    overrides: Mapping[tuple[int, str], str] = field(default_factory=dict)
    report: ValidationReport | None = None
    """The validation report the user saw: it gives skipped rows their reason in the manifest."""
    skip_reasons: Mapping[int, str] = field(default_factory=dict)
    """Why other rows are left out (a letter its reader's law finds fault with), by row."""
    layout: DocxLayout | None = None
    today: dt.date | None = None
    override: str = ""
    """Why the run goes ahead although the draft has blocking findings; on every manifest row."""


class ListNotUsable(ValueError):
    """The list as a whole cannot be merged (no rows, a needed column missing)."""


@dataclass
class MergeResult:
    written: int
    skipped: int
    output: Path
    manifest: Path
    warnings: list[str]
    cleared: list[Debris] = field(default_factory=list)
    """What killed earlier runs had left in the output's folder, removed before this run."""


Progress = Callable[[int, int | None], None]
"""Called with (letters done, letters in all when known) after every letter."""


def personalised(draft: Draft, recipient: Recipient) -> Draft:
    """The draft as one recipient's letter: their row replaces the draft's recipient and
    their values replace the merge fields in the writer's text."""
    return merged_draft(draft, recipient)


def run_merge(
    request: MergeRequest,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    total: int | None = None,
    cleared_now: Callable[[list[Debris]], None] | None = None,
) -> MergeResult:
    """`cleared_now` hears at once what an interrupted earlier run left and this one removed,
    so it can be said even when this run then fails or is cancelled; a run that completes
    also carries it in `MergeResult.cleared`."""
    started = dt.datetime.now()
    template_id = request.template_id or request.draft.template
    request.catalogue.get(template_id)  # an unknown template fails before any file exists
    if request.report is not None and (whole_list := list_errors(request.report)):
        raise ListNotUsable("; ".join(issue.message for issue in whole_list))
    if request.kind.is_folder:
        request.output.mkdir(parents=True, exist_ok=True)
    folder = request.output if request.kind.is_folder else request.output.parent
    cleared, not_cleared = clear_interrupted(folder, None if request.kind.is_folder else request.output.name)
    if cleared and cleared_now is not None:
        cleared_now(cleared)
    manifest = manifest_path(request.output, request.kind.is_folder, started)
    staging = RunStaging(folder)
    try:
        result = _write(request, template_id, staging, manifest, progress, cancelled, total)
    finally:
        staging.close()
    result.cleared = cleared
    result.warnings[:0] = [f"could not remove what an interrupted run left: {why}" for why in not_cleared]
    return result


def _write(
    request: MergeRequest,
    template_id: str,
    staging: RunStaging,
    manifest: Path,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
    total: int | None,
) -> MergeResult:
    """Every letter and the manifest into the staging folder, then into place."""
    sink = _open_sink(request, template_id, staging)
    skip = frozenset(request.skip_rows)
    written = skipped = 0
    warnings: list[str] = []
    unaddressed: list[int] = []
    try:
        with atomic_write(staging.file(manifest.name), binary=False) as handle:
            log = ManifestWriter(handle, request.override)
            for row in prepared_rows(request.table, request.mapping, request.overrides):
                if cancelled is not None and cancelled():
                    raise MergeCancelled(f"stopped after {written} letters; nothing was kept")
                if row.row in skip:
                    reason = request.skip_reasons.get(row.row) or _skip_reason(request.report, row.row)
                    log.skipped(row.row, row.recipient, reason)
                    skipped += 1
                    continue
                for column, characters in row.dropped:
                    codes = " ".join(f"U+{ord(c):04X}" for c in characters)
                    warnings.append(
                        f"row {row.row}, {column}: dropped characters a document cannot hold ({codes})"
                    )
                if request.kind.channel is Channel.PRINT and not row.recipient.address.strip():
                    unaddressed.append(row.row)
                document = _render(request, template_id, row.recipient)
                output, digest, digest_of = sink.add(row, document)
                log.written(row.row, row.recipient, output, digest, digest_of)
                written += 1
                if progress is not None:
                    progress(written, total)
            sink.commit()
        os.replace(staging.file(manifest.name), manifest)
    except BaseException:
        sink.abort()
        raise
    if unaddressed:
        warnings.insert(0, _unaddressed_warning(unaddressed))
    return MergeResult(written, skipped, request.output, manifest, warnings)


def _unaddressed_warning(rows: list[int]) -> str:
    """A printed letter with no address cannot go in a window envelope: said once, not per row."""
    shown = ", ".join(str(row) for row in rows[:5]) + (", …" if len(rows) > 5 else "")
    if len(rows) == 1:
        return f"1 printed letter has no postal address, so no address block (row {shown})"
    return (
        f"{len(rows):,} printed letters have no postal address, so no address block (rows {shown}); "
        "map a column of addresses to print them"
    )


def _render(request: MergeRequest, template_id: str, recipient: Recipient) -> Document:
    """One recipient's letter, carrying the run's override reason (if any) so that the
    per-recipient files record it as a single letter does (DOCX properties, e-mail header)."""
    letter = personalised(request.draft, recipient)
    document = request.catalogue.render(letter, template_id, request.today, request.kind.channel)
    return with_override(document, request.override)


def _skip_reason(report: ValidationReport | None, row: int) -> str:
    issues = report.issues_for(row) if report is not None else []
    return "; ".join(issue.message for issue in issues) or "left out by the user"


def _open_sink(request: MergeRequest, template_id: str, staging: RunStaging) -> Sink:
    sample = _render(request, template_id, request.draft.recipient)
    language = request.draft.locale.replace("_", "-")
    note = override_note(request.override)
    match request.kind:
        case OutputKind.DOCX | OutputKind.PDF:
            staged = staging.file(request.output.name)
            writer = _file_writer(request.kind, request.layout)
            combined: Sink = CombinedSink(staged, writer, sample.title, sample.author, language, note)
            return MovedOnCommit(combined, staged, request.output)
        case OutputKind.CSV:
            staged = staging.file(request.output.name)
            return MovedOnCommit(MailPlatformCsvSink(staged), staged, request.output)
        case OutputKind.DOCX_EACH | OutputKind.PDF_EACH | OutputKind.EML:
            namer = output_namer(
                request.name_pattern,
                request.kind,
                (request.mapping or map_columns(request.table.columns)).identifiers,
                existing=(entry.name for entry in request.output.iterdir()),
            )
            letters = staging.folder("letters")
            if request.kind is OutputKind.EML:
                sender = request.draft.sender
                return FilePerRecipientSink(
                    request.output, namer, eml_writer(sender.name, sender.email), letters
                )
            each = _file_writer(request.kind, request.layout)
            return FilePerRecipientSink(request.output, namer, lambda _row, doc: each.to_bytes(doc), letters)
    raise ValueError(f"unknown output {request.kind!r}")


def _file_writer(kind: OutputKind, layout: DocxLayout | None) -> DocxWriter | PdfWriter:
    if kind in (OutputKind.PDF, OutputKind.PDF_EACH):
        from desktop.core.writers.pdf import PdfWriter  # ReportLab loads only for PDF runs

        return PdfWriter(layout)
    return DocxWriter(layout)


def output_namer(
    pattern: str, kind: OutputKind, identifiers: Iterable[str], existing: Iterable[str] = ()
) -> FileNamer:
    """The namer a per-recipient run uses, so a front end can show the names it will give.

    FileNameError when the pattern names a field the list does not have.
    """
    return FileNamer(_with_suffix(pattern, kind.suffix), identifiers, existing)


def _with_suffix(pattern: str, suffix: str) -> str:
    return pattern if pattern.lower().endswith(suffix) else pattern + suffix
