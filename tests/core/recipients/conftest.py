"""Recipient files written in tmp_path by each test, in the encodings and shapes real exports use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """write_csv(text, encoding="utf-8", name="list.csv") -> path, line endings kept as given."""

    def write(text: str, encoding: str = "utf-8", name: str = "list.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """write_xlsx({"Sheet": [[row], ...]}, name="list.xlsx") -> path; None rows stay empty."""

    def write(sheets: dict[str, list[list[object] | None]], name: str = "list.xlsx") -> Path:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for number, row in enumerate(rows, 1):
                for column, value in enumerate(row or (), 1):
                    sheet.cell(row=number, column=column, value=value)
        path = tmp_path / name
        workbook.save(path)
        return path

    return write
