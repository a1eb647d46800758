from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

BUNDLED = ROOT / "data" / "kehoach.xlsx"
# A copy of ../shared/seed/000_2373c7fb0f388595.txt so the suite runs on any clone.
SEED = Path(__file__).parent / "data" / "seed_kehoach_2024.txt"


def seed_tasks() -> list[tuple[str, str, dict[str, str]]]:
    """(section roman, section title, task cells) for every task of the seed's appendix,
    continuation rows joined with a space — read independently of tools/build_data.py."""
    import unicodedata

    table = SEED.read_text(encoding="utf-8").split("**PHỤ LỤC**", 1)[1]
    out: list[tuple[str, str, dict[str, str]]] = []
    roman = title = ""
    for line in table.splitlines():
        cells = [unicodedata.normalize("NFC", re.sub(r"</?b>", "", c)).strip() for c in line.split("\t")]
        if len(cells) < 2 or cells[0] == "STT":
            continue
        cells += [""] * (5 - len(cells))
        if re.fullmatch(r"[IVX]+", cells[0]):
            roman, title = cells[0], cells[1]
        elif cells[0]:
            out.append((roman, title, dict(zip(("stt", "task", "assignment", "deadline", "product"), cells))))
        else:
            prev = out[-1][2]
            for key, value in zip(("task", "assignment", "deadline", "product"), cells[1:]):
                if value:
                    prev[key] = f"{prev[key]} {value}"
    return out


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A private copy of the bundled workbook to edit."""
    target = tmp_path / "kehoach.xlsx"
    shutil.copy(BUNDLED, target)
    return target


def edit_sheet(path: Path, sheet: str, fn) -> None:
    """Edit one sheet with openpyxl as a clerk would in Excel, then save."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    fn(wb[sheet])
    wb.save(path)


def set_field(path: Path, label: str, value, *, all_rows: bool = False) -> None:
    """Set a ThongTin field (the first row with that label, or every one)."""

    def fn(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == label:
                row[1].value = value
                if not all_rows:
                    return
        if not all_rows:
            ws.append([label, value])

    edit_sheet(path, "ThongTin", fn)


@pytest.fixture(scope="session")
def plan_docx(tmp_path_factory) -> Path:
    from pipeline import api

    out = tmp_path_factory.mktemp("plan") / "QD.docx"
    return api.build_plan(BUNDLED, out).path


@pytest.fixture(scope="session")
def appendix_docx(tmp_path_factory) -> Path:
    from pipeline import api

    out = tmp_path_factory.mktemp("appendix") / "PL.docx"
    return api.build_appendix(BUNDLED, out).path
