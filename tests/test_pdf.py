"""What a reader sees: the bundled plan and the quý III report exported to PDF by
LibreOffice, then read back with poppler (pdftotext, pdfinfo, pdffonts).

Needs LibreOffice, fonts-liberation2 and poppler-utils (.ci/run installs them). Without
them the tests are skipped, unless CCHC_REQUIRE_PDF=1 (as in CI) makes that a failure.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import unicodedata
from html import unescape
from pathlib import Path

import pytest
from conftest import BUNDLED, seed_tasks

from pipeline import api
from pipeline.pdf import find_soffice, to_pdf

TOOLS = ("pdftotext", "pdfinfo", "pdffonts")
missing = [t for t in TOOLS if shutil.which(t) is None] + ([] if find_soffice() else ["soffice"])
if missing:
    if os.environ.get("CCHC_REQUIRE_PDF") == "1":
        raise RuntimeError(f"PDF tests required but missing: {', '.join(missing)}")
    pytest.skip(f"missing {', '.join(missing)}", allow_module_level=True)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    plan = api.build_plan(BUNDLED, out / "plan.docx").path
    report = api.build_report(BUNDLED, 3, None, out / "report.docx").path
    return {"plan": to_pdf(plan), "report": to_pdf(report)}


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pages(pdf: Path) -> list[tuple[float, float]]:
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-f", "1", "-l", "9999", str(pdf)))
    return [(float(w), float(h)) for w, h in sizes]


def words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(yMin, xMin, word) of one page, top to bottom."""
    html = run("pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-")
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>', html)
    return sorted((float(y), float(x), unescape(w)) for x, y, w in found)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def parts(sizes: list[tuple[float, float]], first_pages: list[int]) -> list[range]:
    bounds = [*first_pages, len(sizes) + 1]
    return [range(a, b) for a, b in itertools.pairwise(bounds)]


def part_starts(pdf: Path, n: int) -> list[int]:
    """Pages where a part (Quyết định, Kế hoạch, Phụ lục) begins, found by their headings."""
    starts = []
    for page in range(1, n + 1):
        text = " ".join(w for _, _, w in words(pdf, page)[:40])
        if page == 1 or "KẾ HOẠCH" in text or text.startswith("Phụ lục") or " Phụ lục " in f" {text} "[:30]:
            starts.append(page)
    return starts


def test_plausible_page_counts_and_landscape_appendix(pdfs):
    plan = pages(pdfs["plan"])
    report = pages(pdfs["report"])
    assert 6 <= len(plan) <= 20
    assert 8 <= len(report) <= 40
    for sizes in (plan, report):
        assert sizes[0][0] < sizes[0][1]  # the document opens in portrait
        assert sizes[-1][0] > sizes[-1][1]  # the Phụ lục is landscape
        # once landscape, always landscape: the appendix is the last part
        first_landscape = next(i for i, (w, h) in enumerate(sizes) if w > h)
        assert all(w > h for w, h in sizes[first_landscape:])


def test_page_numbers_top_centre_hidden_on_each_parts_first_page(pdfs):
    for name in ("plan", "report"):
        pdf = pdfs[name]
        sizes = pages(pdf)
        starts = part_starts(pdf, len(sizes))
        assert starts[0] == 1
        for part in parts(sizes, starts):
            for n, page in enumerate(part, 1):
                top = words(pdf, page)[0]
                width = sizes[page - 1][0]
                if n == 1:
                    assert not top[2].isdigit(), (name, page, top)
                else:
                    y, x, word = top
                    assert word == str(n), (name, page, top)
                    assert y < 60 and abs(x - width / 2) < 25  # in the top margin, centred


def test_every_seed_task_is_readable_with_its_diacritics(pdfs):
    text = squash(run("pdftotext", "-raw", str(pdfs["plan"]), "-"))  # -raw: each cell's lines stay together
    for _roman, title, task in seed_tasks():
        assert squash(task["task"]) in text, task["task"]
        assert squash(title) in text
    assert "KhánhHòa,ngày" in text and "CỘNGHÒAXÃHỘICHỦNGHĨAVIỆTNAM" in text


def test_only_the_serif_substitute_is_embedded(pdfs):
    for pdf in pdfs.values():
        listing = run("pdffonts", str(pdf)).splitlines()[2:]
        fonts = {line.split()[0].split("+")[-1] for line in listing if line.strip()}
        assert fonts, pdf
        assert all(f.startswith(("LiberationSerif", "TimesNewRoman")) for f in fonts), fonts


def test_table_header_at_the_top_of_every_appendix_page(pdfs):
    for name, header in (("plan", "STT Nhiệm vụ Phân công"), ("report", "STT Nhiệm vụ Đơn vị chủ trì")):
        pdf = pdfs[name]
        sizes = pages(pdf)
        landscape = [i + 1 for i, (w, h) in enumerate(sizes) if w > h]
        assert landscape
        for page in landscape[1:]:  # the first appendix page opens with its title, then the header
            ws = [w for w in words(pdf, page) if not (w[2].isdigit() and w[0] < 60)]  # drop the page number
            band = {w for y, _, w in ws if y - ws[0][0] < 28}  # header cells wrap onto two lines
            assert set(header.split()) <= band, (name, page, sorted(band))
