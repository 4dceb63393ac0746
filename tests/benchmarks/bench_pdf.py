"""PDF benchmark: a combined PDF of 2,000 letters written by Amends, against LibreOffice
headless converting the combined DOCX of the same 2,000 letters (written by Amends'
DocxWriter), in the same run. Issue 15 asks for at least 10x.

    .venv/bin/python tests/benchmarks/bench_pdf.py [--letters N]
    .venv/bin/pytest tests/benchmarks/bench_pdf.py -m benchmark -s

Both wall-clock and CPU time are printed: on a shared machine the wall clock moves with the
load, CPU time much less, so the budget is asserted on CPU time. LibreOffice's CPU time is
that of its processes (RUSAGE_CHILDREN); its profile is warmed by one conversion first, so
neither side pays a first start.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from desktop import paths
from desktop.core import places
from desktop.core.document import AddressBlock, Document, Paragraph, Run, Salutation
from desktop.core.draft_file import load_draft
from desktop.core.templates import TemplateCatalogue
from desktop.core.writers.docx import DocxWriter
from desktop.core.writers.pdf import PdfWriter

LETTERS = 2_000
BUDGET = 10.0
"""LibreOffice's time over Amends', at least."""


SHORTENED = ("I did not check", "Before I restart")
"""Paragraphs of the RRSP letter left out, so that LibreOffice too fits it on one page (it
runs the full letter onto a second page, and would convert twice the pages)."""


def letters(count: int) -> list[Document]:
    """The RRSP letter, shortened to about 280 words, for `count` people: each letter's name,
    salutation and one paragraph differ, as a merge's do."""
    places.use(paths.places())
    draft = load_draft(paths.examples_dir() / "rrsp-withdrawal.amends")
    base = TemplateCatalogue(paths.builtin_templates_dir()).render(draft, draft.template)
    out = []
    for n in range(count):
        blocks = []
        for block in base.blocks:
            if isinstance(block, AddressBlock):
                block = AddressBlock((f"Ms Person{n} Surname{n}", *block.lines[1:]))
            elif isinstance(block, Salutation):
                block = Salutation(f"Dear Ms Surname{n},")
            elif isinstance(block, Paragraph) and block.runs[0].text.startswith("Thank you"):
                block = Paragraph((Run(f"Thank you for telling me what happened on account {n:06d}."),))
            elif isinstance(block, Paragraph) and block.runs[0].text.startswith(SHORTENED):
                continue
            blocks.append(block)
        out.append(dataclasses.replace(base, blocks=tuple(blocks)))
    return out


def amends_pdf(documents: list[Document], target: Path) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    with PdfWriter().combined(target, documents[0].title, documents[0].author, "en-CA") as combined:
        for document in documents:
            combined.add(document)
    return time.perf_counter() - wall, time.process_time() - cpu


def libreoffice_pdf(soffice: str, docx: Path, outdir: Path, profile: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def measure(count: int, soffice: str) -> dict[str, float]:
    documents = letters(count)
    with tempfile.TemporaryDirectory(prefix="amends-bench-pdf-") as scratch:
        folder = Path(scratch)
        writer = DocxWriter()
        docx = folder / "letters.docx"
        with writer.combined(docx, documents[0].title, documents[0].author, "en-CA") as combined:
            for document in documents:
                combined.add(document)
        warm = folder / "warm.docx"
        writer.write(documents[0], warm)
        profile = folder / "lo-profile"
        libreoffice_pdf(soffice, warm, folder / "warm", profile)  # first start: profile made
        # The 2,000 input letters sit in memory, where a merge would render one at a time:
        # keep the garbage collector from walking them over and over on the writer's time.
        gc.collect()
        gc.freeze()
        ours = folder / "amends.pdf"
        our_wall, our_cpu = amends_pdf(documents, ours)
        lo_wall, lo_cpu = libreoffice_pdf(soffice, docx, folder / "lo", profile)
        figures = {
            "letters": count,
            "amends_wall": our_wall,
            "amends_cpu": our_cpu,
            "amends_pages": pages(ours),
            "amends_mb": ours.stat().st_size / 1e6,
            "lo_wall": lo_wall,
            "lo_cpu": lo_cpu,
            "lo_pages": pages(folder / "lo" / "letters.pdf"),
        }
    figures["ratio_wall"] = figures["lo_wall"] / figures["amends_wall"]
    figures["ratio_cpu"] = figures["lo_cpu"] / figures["amends_cpu"]
    return figures


def report(figures: dict[str, float]) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Combined PDF of {figures['letters']:,.0f} letters (load average {load:.1f}):")
    print(
        f"  Amends      {figures['amends_wall']:6.2f} s wall  {figures['amends_cpu']:6.2f} s CPU  "
        f"{figures['amends_pages']:,.0f} pages  {figures['amends_mb']:.1f} MB"
    )
    print(
        f"  LibreOffice {figures['lo_wall']:6.2f} s wall  {figures['lo_cpu']:6.2f} s CPU  "
        f"{figures['lo_pages']:,.0f} pages (converting Amends' combined DOCX)"
    )
    ratios = f"{figures['ratio_wall']:.1f}x on the wall clock, {figures['ratio_cpu']:.1f}x on CPU"
    print(f"  Amends is faster by {ratios}")


def _soffice() -> str:
    from tests.helpers.tools import require_tool

    return require_tool("soffice", "libreoffice-writer-nogui")


@pytest.mark.benchmark
def test_a_combined_pdf_is_ten_times_faster_than_libreoffice() -> None:
    figures = measure(LETTERS, _soffice())
    report(figures)
    assert figures["amends_pages"] == figures["lo_pages"] == LETTERS  # the same work: a page a letter
    assert figures["ratio_cpu"] >= BUDGET


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=LETTERS)
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("bench_pdf: LibreOffice (soffice) is not installed")
    report(measure(parser.parse_args().letters, soffice))
