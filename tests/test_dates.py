"""Dates are written one way (Nghị định 30, Phụ lục I: the day in two digits, the month
without a leading zero except 01 and 02), in every document the tool writes and in its
messages: each produced .docx is reopened and every date in it is checked."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, edit_sheet, set_field
from docxutil import Doc

from pipeline import api
from pipeline.derive.report import contradictions
from pipeline.formatting import short_date
from pipeline.model import Status, StatusEntry
from pipeline.validate.cells import to_text

SHORT = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
LONG = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")


def nd30(date: str) -> bool:
    """'05/9/2024' or 'ngày 05 tháng 9 năm 2024' as the rule has it."""
    m = SHORT.fullmatch(date) or LONG.fullmatch(date)
    assert m is not None, date
    day, month = m.group(1), m.group(2)
    return len(day) == 2 and (month in ("01", "02") or (not month.startswith("0") and 3 <= int(month) <= 12))


def dates_in(path: Path) -> list[str]:
    """Every 'd/m/yyyy' and 'ngày d tháng m năm yyyy' of a document (body, tables, headers)."""
    doc = Doc(path)
    text = "\n".join(p.text for p in doc.paragraphs())
    text += "\n".join(p.text for sect in doc.sections() for part in doc.header_parts(sect).values()
                      for p in map(doc.para, part.iter("{*}p")))
    return [m.group(0) for pattern in (SHORT, LONG) for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    """Every kind of document, from a copy of the bundled workbook issued as QĐ 05 of 05/01/2024
    and then amended (a task added)."""
    folder = tmp_path_factory.mktemp("dates")
    book = folder / "kehoach.xlsx"
    shutil.copy(BUNDLED, book)
    set_field(book, "Số quyết định", "05")
    set_field(book, "Ngày quyết định", "05/01/2024")
    out = {"plan": api.build_plan(book, folder / "QD.docx").path,
           "appendix": api.build_appendix(book, folder / "PL.docx").path,
           "report": api.build_report(book, 3, output=folder / "BC.docx").path,
           "remind": api.build_remind(book, 3, folder / "CV.docx").path,
           "remind_plans": api.build_remind_plans(book, folder / "CV_KH.docx").path}
    out["unit_plan"] = api.build_unit_plans(book, "CCQLDD", folder / "kh").path
    evaluated = api.evaluate(book, output_dir=folder / "dg", today=dt.date(2024, 12, 12)).written
    out["evaluation"], out["ranking"] = evaluated[0], evaluated[1]
    out["self_assessment"] = api.self_assess(book, output_dir=folder / "tdg", today=dt.date(2024, 12, 12)).path

    def add_task(ws):
        ws.append(["NV31", "Cải cách thể chế", "Góp ý dự thảo Luật", "Chi cục QLDD chủ trì", "CCQLDD", "",
                   "Trước 30/9/2024", "Văn bản góp ý", "", "Theo đề nghị của Bộ"])

    edit_sheet(book, "NhiemVu", add_task)
    out["amend"] = api.build_amend(book, folder / "SD.docx", today=dt.date(2024, 7, 1)).path
    return out


KINDS = ["plan", "appendix", "report", "remind", "remind_plans", "unit_plan", "evaluation", "ranking",
         "self_assessment", "amend"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_date_in_a_document_follows_nd30(documents: dict[str, Path], kind: str):
    found = dates_in(documents[kind])
    wrong = [d for d in found if not nd30(d)]
    assert wrong == [], kind
    assert found or kind == "ranking", f"{kind}: no date found (the scan would prove nothing)"


def test_the_documents_write_dates_with_and_without_leading_zeros(documents: dict[str, Path]):
    """The rule's two sides are seen: a month after February without a zero, a day below 10 with one."""
    every = [d for kind in KINDS for d in dates_in(documents[kind])]
    assert "ngày 05 tháng 01 năm 2024" in " ".join(every)  # the Quyết định's date, cited
    assert any(SHORT.fullmatch(d) and d.split("/")[1] == "9" for d in every)  # 10/9/2024, 14/9/2024


@pytest.mark.parametrize(("day", "text"), [(dt.date(2024, 9, 5), "05/9/2024"), (dt.date(2024, 1, 20), "20/01/2024"),
                                           (dt.date(2024, 2, 1), "01/02/2024"), (dt.date(2024, 12, 14), "14/12/2024")])
def test_messages_and_cells_use_the_same_rule(day: dt.date, text: str):
    assert short_date(day) == text
    assert to_text(day) == text  # a date typed into a text column (Thời gian) reads the same in the documents
    entry = StatusEntry("NV01", "VP", 3, Status.IN_PROGRESS, 50, done_on=day)
    assert contradictions(entry) == [("done_on", f"Có ngày hoàn thành {text} nhưng trạng thái là 'Đang thực hiện'.")]
