"""Export benchmark: per-recipient DOCX against docxtpl, combined DOCX cost per letter, and
peak memory for 100,000 recipients. Prints figures; asserts nothing.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python tests/benchmarks/bench_export.py            # full run (a few minutes)
    .venv/bin/python tests/benchmarks/bench_export.py --quick    # smaller counts
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop import paths
from desktop.core.document import Paragraph, Salutation, plain
from desktop.core.draft_file import load_draft
from desktop.core.merge import MergeRequest, OutputKind, run_merge
from desktop.core.recipients import read_recipients
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxWriter
from desktop.core.writers.plain import to_text

NOTICE = paths.examples_dir() / "renewal-email.amends"
CATALOGUE = TemplateCatalogue(paths.builtin_templates_dir())


def write_list(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("first_name,last_name,email,account\n")
        for n in range(count):
            out.write(f"Person{n},Surname{n},person{n}@example.com,DW-{n:06d}\n")
    return path


def notice_draft():
    """The renewal notice, trimmed to about 300 words so both tools carry the same text."""
    draft = load_draft(NOTICE)
    draft.closing_note = ""
    draft.audience = "You are on our mailing list because you signed up for our newsletter or stayed with us."
    draft.changes = "From now on, a second person checks the list before any email about payment goes out."
    return draft


def ours_per_recipient(list_path: Path, out: Path) -> float:
    table = read_recipients(list_path)
    started = time.perf_counter()
    result = run_merge(
        MergeRequest(notice_draft(), CATALOGUE, table, OutputKind.DOCX_EACH, out, name_pattern="{account}")
    )
    elapsed = time.perf_counter() - started
    return result.written / elapsed


def docxtpl_template(path: Path) -> None:
    """A template DOCX holding the same notice, with the recipient's name as a Jinja field."""
    import docx

    document = CATALOGUE.render(notice_draft())
    out = docx.Document()
    for block in document.blocks:
        if isinstance(block, Salutation):
            out.add_paragraph("Dear {{ first_name }} {{ last_name }},")
        elif isinstance(block, Paragraph):
            out.add_paragraph(plain(block.runs))
        elif hasattr(block, "runs"):
            out.add_paragraph(plain(block.runs), style="Heading 3")
        elif hasattr(block, "items"):
            for item in block.items:
                out.add_paragraph(plain(item), style="List Bullet")
        else:
            out.add_paragraph("\n".join(getattr(block, "lines", ())) or getattr(block, "closing", ""))
    out.add_paragraph("Your reference: {{ account }}")
    out.save(path)


def docxtpl_per_recipient(list_path: Path, template: Path, out: Path, count: int) -> float:
    import csv

    from docxtpl import DocxTemplate

    out.mkdir()
    with list_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:count]
    started = time.perf_counter()
    for row in rows:
        doc = DocxTemplate(template)
        doc.render(row)
        doc.save(out / f"{row['account']}.docx")
    return len(rows) / (time.perf_counter() - started)


def combined_ms_per_letter(list_path: Path, out: Path) -> tuple[float, float]:
    """(whole run, writing only) in ms a letter: the run renders each letter too."""
    table = read_recipients(list_path)
    started = time.perf_counter()
    result = run_merge(MergeRequest(notice_draft(), CATALOGUE, table, OutputKind.DOCX, out))
    whole = (time.perf_counter() - started) * 1000 / result.written
    document = CATALOGUE.render(notice_draft())
    writer = DocxWriter()
    started = time.perf_counter()
    with writer.combined(out.with_name("writer-only.docx"), document.title, document.author) as combined:
        for _ in range(result.written):
            combined.add(document)
    writing = (time.perf_counter() - started) * 1000 / result.written
    return whole, writing


_MEASURED_MERGE = (
    "import resource, sys\n"
    "from desktop.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def peak_memory_mb(kind: str, count: int, work: Path) -> tuple[float, float]:
    """Peak resident memory of a fresh `amends merge` process (as the OS counts it), and its time."""
    list_path = work / f"mem-{count}.csv"
    if not list_path.exists():
        write_list(list_path, count)
    out = work / f"mem-{kind}.{'docx' if kind == 'docx' else 'csv'}"
    argv = ["merge", str(NOTICE), str(list_path), "--to", kind, "-o", str(out)]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED_MERGE, *argv], check=True, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    return int(result.stdout.split()[-1]) / 1024, elapsed


def main() -> None:
    from desktop.core import places

    places.use(paths.places())  # DOCX page counts measure text with the shipped fonts
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    recipients = 300 if args.quick else 2000
    memory_rows = 10_000 if args.quick else 100_000
    words = len(to_text(CATALOGUE.render(notice_draft())).split())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        list_path = write_list(work / "list.csv", recipients)
        ours = ours_per_recipient(list_path, work / "ours")
        template = work / "template.docx"
        docxtpl_template(template)
        theirs = docxtpl_per_recipient(list_path, template, work / "docxtpl", min(recipients, 400))
        print(f"Per-recipient DOCX, {words}-word notice, {recipients} recipients (docxtpl: first 400):")
        print(f"  Amends  {ours:8.0f} letters/s")
        print(f"  docxtpl {theirs:8.0f} letters/s")
        print(f"  ratio   {ours / theirs:8.1f}x")
        print("Combined DOCX, ms a letter (whole run incl. rendering / writing only):")
        for count in (200, 2000, 20_000) if not args.quick else (200, 2000):
            whole, writing = combined_ms_per_letter(
                write_list(work / f"c{count}.csv", count), work / f"c{count}.docx"
            )
            print(f"  {count:>6} letters: {whole:.3f} / {writing:.3f}")
        for kind in ("docx", "csv"):
            peak, elapsed = peak_memory_mb(kind, memory_rows, work)
            print(f"{memory_rows} recipients to {kind}: peak RSS {peak:.0f} MB, {elapsed:.0f} s")


if __name__ == "__main__":
    main()
