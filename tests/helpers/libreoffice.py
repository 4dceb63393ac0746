"""Printing DOCX files as LibreOffice does, for tests that read the pages back."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers.tools import require_tool


def convert_to_pdf(files: list[Path], workdir: Path, timeout: float = 300) -> dict[str, Path]:
    """Each file as a PDF, from one LibreOffice start (it is slow to start) with a private
    profile, so a test never touches the user's LibreOffice settings or a running copy."""
    soffice = require_tool("soffice", "libreoffice-writer-nogui")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir / "pdf"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    pdfs = {file.name: workdir / "pdf" / f"{file.stem}.pdf" for file in files}
    for name, pdf in pdfs.items():
        assert pdf.exists(), f"LibreOffice did not convert {name}"
    return pdfs
