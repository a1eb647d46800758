"""The units' own CCHC plans (seed Part IV.3): `cchc unit-plans` drafts one Kế hoạch per chi cục
and đơn vị sự nghiệp, checked here task by task against the workbook; the register of the
plans received (KeHoachDonVi) drives `calendar`, `remind --ke-hoach` and the quý I report."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BUNDLED, edit_sheet, set_field
from docx import Document
from docxutil import Doc
from test_import import sheet

from pipeline import api
from pipeline.cli import cli
from pipeline.derive.unit_plans import PlanState, awaited_plans, head_title, plan_statuses
from pipeline.errors import Severity
from pipeline.lint import lint_docx
from pipeline.model import Unit, UnitPlanReceipt, UnitType

D = dt.date
SEED_REQUIREMENT = ("Riêng Kế hoạch Cải cách hành chính của Chi cục Quản lý đất đai và Văn phòng Đăng ký đất đai "
                    "Khánh Hòa phải xác định cụ thể các mục tiêu")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kh_dv")
    result = run("--data", str(BUNDLED), "unit-plans", "-o", str(folder))
    assert result.exit_code == 0, result.output
    return folder


def expected_tasks(code: str) -> tuple[list[list[str]], list[list[str]]]:
    """(led, supported) tasks of a unit read straight from the workbook's NhiemVu: text, deadline,
    product, 'I.3 – section' as the department's Phụ lục numbers it, and the partner column."""
    names = {u["Mã đơn vị"]: u["Tên đơn vị"] for u in sheet(BUNDLED, "DonVi")}
    sections: list[str] = []
    counts: dict[str, int] = {}
    led, supported = [], []
    for t in sheet(BUNDLED, "NhiemVu"):
        if t["Lĩnh vực"] not in sections:
            sections.append(t["Lĩnh vực"])
        counts[t["Lĩnh vực"]] = counts.get(t["Lĩnh vực"], 0) + 1
        roman = ("I", "II", "III", "IV", "V", "VI", "VII")[sections.index(t["Lĩnh vực"])]
        ref = f"{roman}.{counts[t['Lĩnh vực']]} – {t['Lĩnh vực']}"
        lead = str(t["Đơn vị chủ trì"]).split("; ")
        support = [c for c in str(t["Đơn vị phối hợp"]).split("; ") if c]
        row = [t["Nhiệm vụ"], t["Thời gian"], t["Kết quả/sản phẩm"], ref]
        if code in lead:
            others = [c for c in lead if c != code]
            parts = []
            if others:
                parts.append("Cùng chủ trì: " + (", ".join(names[c] for c in others) if len(others) <= 3
                                                  else f"{len(others)} phòng, đơn vị khác của Sở"))
            if support:
                parts.append("Phối hợp: " + (", ".join(names[c] for c in support) if len(support) <= 3
                                              else f"{len(support)} phòng, đơn vị của Sở"))
            led.append([*row, "; ".join(parts)])
        elif code in support:
            supported.append([*row, ", ".join(names[c] for c in lead) + " (chủ trì)"])
    return led, supported


def appendix(doc: Doc) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """(part titles, rows of part I, rows of part II) of the unit plan's Phụ lục, one table per
    part under its title, each row as [Nhiệm vụ, Thời gian, Kết quả, Nhiệm vụ trong Kế hoạch của
    Sở, Phối hợp với]."""
    titles = [p.text for p in doc.paragraphs() if re.match(r"^(I|II)\. NHIỆM VỤ ", p.text)]
    tables = [doc.rows(t) for t in doc.tables() if doc.rows(t) and doc.rows(t)[0][0] == "STT"]
    assert len(tables) == len(titles)
    parts: list[list[list[str]]] = []
    for rows in tables:
        assert rows[0] == ["STT", "Nhiệm vụ", "Phối hợp với", "Thời gian", "Kết quả/sản phẩm",
                           "Nhiệm vụ trong Kế hoạch của Sở"]
        assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, len(rows))]
        parts.append([[r[1], r[3], r[4], r[5], r[2]] for r in rows[1:]])
    padded = [*parts, [], []]
    return titles, padded[0], padded[1]


@pytest.mark.parametrize("code, name", [("CCQLDD", "CHI CỤC QUẢN LÝ ĐẤT ĐAI"),
                                        ("TTCNTT", "TRUNG TÂM CÔNG NGHỆ THÔNG TIN TÀI NGUYÊN VÀ MÔI TRƯỜNG")])
def test_two_units_plans_task_by_task(drafts, code, name):
    doc = Doc(drafts / f"KeHoach_CCHC_2024_{code}.docx")
    led, supported = expected_tasks(code)
    assert led and supported
    titles, group1, group2 = appendix(doc)
    assert titles == ["I. NHIỆM VỤ CHỦ TRÌ THỰC HIỆN", "II. NHIỆM VỤ PHỐI HỢP THỰC HIỆN"]
    assert doc.find_exact(titles[0]).bold
    assert doc.find_exact(titles[1]).el.getnext().tag.endswith("tbl")  # the title stands right above its table
    assert group1 == led
    assert group2 == supported
    text = doc.reading()
    assert f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024 CỦA {name}" in text  # the Phụ lục's title
    assert f"1. Chủ trì thực hiện {len(led)} nhiệm vụ tại Phần I của Phụ lục" in text
    assert f"thực hiện {len(supported)} nhiệm vụ tại Phần II của Phụ lục" in text


def test_the_plan_is_a_kế_hoạch_of_the_unit_under_the_department(drafts):
    doc = Doc(drafts / "KeHoach_CCHC_2024_CCQLDD.docx")
    chu_quan, ban_hanh = doc.find_exact("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"), doc.find_exact("CHI CỤC QUẢN LÝ ĐẤT ĐAI")
    assert not chu_quan.bold and ban_hanh.bold and chu_quan.size == ban_hanh.size == 12
    assert doc.find("Số:").text == "Số:        /KH-CCQLĐĐ"
    assert doc.find("Khánh Hòa, ngày").text == "Khánh Hòa, ngày      tháng      năm 2024"
    assert doc.find_exact("KẾ HOẠCH").bold
    assert doc.find_exact("Cải cách hành chính năm 2024 của Chi cục Quản lý đất đai").bold
    opening = doc.find("Thực hiện Kế hoạch").text
    assert opening == ("Thực hiện Kế hoạch cải cách hành chính năm 2024 của Sở Tài nguyên và Môi trường ban hành kèm "
                       "theo Quyết định số        /QĐ-STNMT ngày      tháng 01 năm 2024 của Giám đốc Sở Tài nguyên và "
                       "Môi trường, Chi cục Quản lý đất đai xây dựng Kế hoạch cải cách hành chính năm 2024 của đơn vị "
                       "như sau:")
    assert doc.find(SEED_REQUIREMENT).text.endswith("các Chi nhánh Văn phòng Đăng ký Đất đai.")
    assert doc.find_exact("CHI CỤC TRƯỞNG").bold
    items = [p.text for p in doc.paragraphs() if p.style == "CCHCNoiNhan" and p.text]
    assert items[0] == "- Sở Tài nguyên và Môi trường (b/c);" and items[-1].startswith("- Lưu: VT,")
    assert "quý I trước ngày 10/3/2024; 6 tháng đầu năm trước ngày 10/6/2024" in doc.text()
    assert doc.find("Phụ lục").text == "Phụ lục"
    assert [p for p in lint_docx(doc.path) if p.severity is Severity.ERROR] == []


def test_the_opening_cites_the_issued_decision(workbook, tmp_path):
    set_field(workbook, "Số quyết định", "5")
    set_field(workbook, "Ngày quyết định", "05/01/2024")
    result = run("--data", str(workbook), "unit-plans", "--don-vi", "TTCNTT", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    doc = Doc(tmp_path / "KeHoach_CCHC_2024_TTCNTT.docx")
    assert ("ban hành kèm theo Quyết định số 05/QĐ-STNMT ngày 05 tháng 01 năm 2024 của Giám đốc Sở Tài nguyên và "
            "Môi trường, Trung tâm Công nghệ thông tin tài nguyên và môi trường xây dựng") in doc.text()
    assert SEED_REQUIREMENT not in doc.text()  # the seed asks it of two other units
    assert doc.find_exact("GIÁM ĐỐC").bold
    assert doc.find("Số:").text == "Số:        /KH-TTCNTT"


def test_default_folder_and_which_units(drafts, workbook, tmp_path, monkeypatch):
    assert sorted(p.name for p in drafts.glob("*.docx")) == [
        f"KeHoach_CCHC_2024_{c}.docx" for c in sorted(("CCQLDD", "VPDKDD", "TTCNTT", "TTQT", "TTPTQD"))]

    def override(ws):  # DonVi says: TTQT does not write one, the KHTC phòng does
        for row in ws.iter_rows(min_row=2):
            if row[0].value in ("TTQT", "KHTC"):
                row[4].value = "không" if row[0].value == "TTQT" else "có"

    edit_sheet(workbook, "DonVi", override)
    monkeypatch.chdir(tmp_path)
    result = run("--data", str(workbook), "unit-plans")
    assert result.exit_code == 0, result.output
    folder = Path("output/2024/KeHoach_DonVi")
    assert sorted(p.name for p in folder.glob("*.docx")) == [
        f"KeHoach_CCHC_2024_{c}.docx" for c in sorted(("CCQLDD", "VPDKDD", "TTCNTT", "KHTC", "TTPTQD"))]
    assert Doc(folder / "KeHoach_CCHC_2024_KHTC.docx").find_exact("TRƯỞNG PHÒNG").bold


def test_one_unit_by_name_and_unknown_units(tmp_path):
    result = run("--data", str(BUNDLED), "unit-plans", "--don-vi", "Văn phòng Sở", "-o", str(tmp_path))
    assert result.exit_code == 0 and "VP không thuộc diện lập kế hoạch riêng" in result.output
    assert (tmp_path / "KeHoach_CCHC_2024_VP.docx").exists()
    result = run("--data", str(BUNDLED), "unit-plans", "--don-vi", "Chi cuc QLDD", "-o", str(tmp_path))
    assert result.exit_code == 1 and "Không có đơn vị 'Chi cuc QLDD'" in result.output and "Có phải" in result.output


def test_a_numbered_unit_plan_is_not_overwritten_without_force(tmp_path):
    args = ["--data", str(BUNDLED), "unit-plans", "--don-vi", "TTQT", "-o", str(tmp_path)]
    assert run(*args).exit_code == 0
    path = tmp_path / "KeHoach_CCHC_2024_TTQT.docx"
    doc = Document(str(path))
    so = next(p for p in doc.paragraphs + [p for t in doc.tables for c in t._cells for p in c.paragraphs]
              if p.text.startswith("Số:"))
    for run_ in so.runs[1:]:
        run_.text = ""
    so.runs[0].text = "Số: 07/KH-TTQT"
    doc.save(str(path))
    before = path.read_bytes()
    result = run(*args)
    assert result.exit_code == 1 and "đã có số văn bản" in result.output and path.read_bytes() == before
    assert run(*args, "--force").exit_code == 0
    assert len(list((tmp_path / "backup").glob("KeHoach_CCHC_2024_TTQT-*.docx"))) == 1


@pytest.mark.parametrize("name, utype, title", [
    ("Chi cục Thủy lợi", UnitType.CHI_CUC, "Chi cục trưởng"),
    ("Văn phòng Đăng ký đất đai", UnitType.DVSN, "Giám đốc"),
    ("Ban Quản lý dự án", UnitType.DVSN, "Trưởng ban"),
    ("Trường Cao đẳng Nông nghiệp", UnitType.DVSN, "Hiệu trưởng"),
    ("Phòng Pháp chế", UnitType.PHONG, "Trưởng phòng"),
    ("Đoàn Quy hoạch", UnitType.DVSN, "Giám đốc"),  # by its type
])
def test_head_titles(name, utype, title):
    assert head_title(Unit("X", name, utype)) == title
    assert head_title(Unit("X", name, utype, head_title="Phó Giám đốc phụ trách")) == "Phó Giám đốc phụ trách"


# -- the register ------------------------------------------------------------------------------------


def test_plan_states_by_date():
    plan = api.load(BUNDLED, ("ThongTin", "DonVi", "KeHoachDonVi")).plan
    assert plan.unit_plan_due == D(2024, 1, 20)
    states = {s.unit.code: s.state for s in plan_statuses(plan, D(2024, 3, 14))}
    assert states == {"CCQLDD": PlanState.ON_TIME, "VPDKDD": PlanState.ON_TIME, "TTCNTT": PlanState.LATE,
                      "TTQT": PlanState.MISSING, "TTPTQD": PlanState.ON_TIME}
    early = {s.unit.code: s.state for s in plan_statuses(plan, D(2024, 1, 18))}
    assert early == {"CCQLDD": PlanState.ON_TIME, "VPDKDD": PlanState.AWAITED, "TTCNTT": PlanState.AWAITED,
                     "TTQT": PlanState.AWAITED, "TTPTQD": PlanState.ON_TIME}
    assert [s.unit.code for s in awaited_plans(plan, D(2024, 1, 21))] == ["TTCNTT", "TTQT"]
    plan.unit_plans.append(UnitPlanReceipt("TTQT", received=D(2024, 2, 1)))
    assert awaited_plans(plan, D(2024, 3, 1)) == []


def test_calendar_lists_who_has_not_sent_a_plan():
    result = run("--data", str(BUNDLED), "calendar", "--today", "2024-02-01")
    assert result.exit_code == 0
    out = result.output
    assert "Kế hoạch CCHC của các đơn vị (hạn gửi Văn phòng 20/01/2024): đã nhận 4/5." in out
    assert "Gửi quá hạn: Trung tâm Công nghệ thông tin tài nguyên và môi trường (nhận 23/01/2024)." in out
    assert "Chưa gửi, đã quá hạn 20/01/2024: Trung tâm Quan trắc tài nguyên và môi trường." in out
    early = run("--data", str(BUNDLED), "calendar", "--today", "2024-01-10").output
    assert "Việc đến hạn tiếp theo: hạn các chi cục, đơn vị sự nghiệp gửi Kế hoạch CCHC của đơn vị, ngày " \
           "20/01/2024 (còn 10 ngày)" in early
    assert "Chưa gửi (còn 10 ngày): Chi cục Quản lý đất đai; Văn phòng Đăng ký đất đai Khánh Hòa;" in early


def test_remind_ke_hoach_writes_the_cong_van_for_missing_plans(tmp_path):
    out = tmp_path / "cv.docx"
    result = run("--data", str(BUNDLED), "remind", "--ke-hoach", "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = Doc(out)
    assert doc.find_exact("V/v đôn đốc gửi Kế hoạch cải cách hành chính năm 2024 của đơn vị")
    assert doc.find_exact("Kính gửi: Trung tâm Quan trắc tài nguyên và môi trường.")
    text = doc.text()
    assert "gửi về Văn phòng Sở trước ngày 20/01/2024" in text  # the deadline the unit missed
    assert "chưa nhận được Kế hoạch của đơn vị có tên trên." in text and "Đề nghị đơn vị khẩn trương" in text
    assert [p for p in lint_docx(out) if p.severity is Severity.ERROR] == []


def test_remind_ke_hoach_when_every_plan_is_in(workbook, tmp_path):
    edit_sheet(workbook, "KeHoachDonVi", lambda ws: ws.append(["TTQT", "09/KH-TTQT", D(2024, 2, 1), D(2024, 2, 2)]))
    out = tmp_path / "cv.docx"
    result = run("--data", str(workbook), "remind", "--ke-hoach", "-o", str(out))
    assert result.exit_code == 1 and "không cần công văn đôn đốc" in result.output and not out.exists()
    assert run("--data", str(workbook), "remind").exit_code == 2  # neither --quy nor --ke-hoach
    assert run("--data", str(workbook), "remind", "--quy", "3", "--ke-hoach").exit_code == 2


def test_the_quarter_i_report_counts_the_plans_sent_on_time(tmp_path):
    q1 = Doc(api.build_report(BUNDLED, 1, None, tmp_path / "q1.docx").path).text()
    assert ("Đến ngày 14/3/2024, 3/5 chi cục, đơn vị sự nghiệp đã gửi Kế hoạch cải cách hành chính năm 2024 của đơn "
            "vị đúng hạn (hạn 20/01/2024); gửi quá hạn: Trung tâm Công nghệ thông tin tài nguyên và môi trường (ngày "
            "23/01/2024); chưa gửi: Trung tâm Quan trắc tài nguyên và môi trường.") in q1
    q3 = Doc(api.build_report(BUNDLED, 3, None, tmp_path / "q3.docx").path).text()
    assert "chi cục, đơn vị sự nghiệp đã gửi Kế hoạch" not in q3


def test_the_register_is_validated(workbook):
    edit_sheet(workbook, "KeHoachDonVi", lambda ws: ws.append(["Trung tâm X", "1/KH", D(2024, 1, 5), "mai"]))
    result = api.check_workbook(workbook)
    assert result.exit_code == 1
    messages = [str(p) for p in result.problems]
    assert any("KeHoachDonVi › A6: Đơn vị 'Trung tâm X' không có trong sheet DonVi" in m for m in messages)
    assert any("KeHoachDonVi › D6" in m and "không phải ngày" in m for m in messages)
