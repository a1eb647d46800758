"""The periodic report for Q=1..4 on the bundled workbook, checked against an
independent recount of the workbook (read here with openpyxl, not the pipeline)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import BUNDLED, edit_sheet, set_field
from docxutil import Doc
from openpyxl import load_workbook

from pipeline import api, ooxml
from pipeline.derive.deadlines import parse_deadline
from pipeline.model import DeadlineKind
from pipeline.ooxml import w
from pipeline.schema import REPORT_SHEETS

TITLES = {1: "quý I năm 2024", 2: "6 tháng đầu năm 2024", 3: "quý III năm 2024", 4: "năm 2024"}
DONE = {"Đã hoàn thành", "Hoàn thành quá hạn"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[int, api.Result[None]]:
    out = tmp_path_factory.mktemp("reports")
    return {q: api.build_report(BUNDLED, q, 2024, out / f"bc{q}.docx") for q in (1, 2, 3, 4)}


def recount(q: int) -> dict:
    wb = load_workbook(BUNDLED, data_only=True)
    tasks = [r for r in wb["NhiemVu"].iter_rows(min_row=2, values_only=True) if r[0]]
    cutoff = next(r[4] for r in wb["KyBaoCao"].iter_rows(min_row=2, values_only=True) if r[0] == q).date()
    latest: dict[tuple[str, str], str] = {}
    best: dict[tuple[str, str], int] = {}
    for row in wb["TienDo"].iter_rows(min_row=2, values_only=True):
        if row[0] and row[2] <= q and row[2] >= best.get((row[0], row[1]), 0):
            best[(row[0], row[1])] = row[2]
            latest[(row[0], row[1])] = row[3]
    sections: dict[str, dict[str, int]] = {}
    overdue: list[str] = []
    done_ids = []
    for tid, section, text, _, lead, _, deadline, _, *_ in tasks:
        units = [u.strip() for u in lead.split(";")]
        statuses = [latest.get((tid, u)) for u in units]
        done = all(s in DONE for s in statuses)
        refused = all(s in DONE | {"Không thực hiện"} for s in statuses) and "Không thực hiện" in statuses
        d = parse_deadline(deadline, 2024)
        late = not done and not refused and d.kind is DeadlineKind.DATE and d.due < cutoff
        sec = sections.setdefault(section, {"tong": 0, "xong": 0, "qua_han": 0})
        sec["tong"] += 1
        sec["xong"] += done
        sec["qua_han"] += late
        if late:
            overdue.append(text)
        if done:
            done_ids.append(tid)
    targets = []
    for row in wb["ChiTieu"].iter_rows(min_row=2, values_only=True):
        actual = row[5 + q]
        op, value = row[3], row[4]
        ok = actual is not None and (actual > value if op == ">" else actual >= value)
        targets.append((row[2], actual, "Chưa có số liệu" if actual is None else ("Đạt" if ok else "Chưa đạt")))
    return {"sections": sections, "overdue": overdue, "done": len(done_ids), "total": len(tasks),
            "targets": targets}


def table_after(doc: Doc, caption: str) -> list[list[str]]:
    for p in doc.body.iter(w("p")):
        if ooxml.paragraph_text(p).startswith(caption):
            nxt = p.getnext()
            while nxt is not None and nxt.tag != w("tbl"):
                nxt = nxt.getnext()
            return doc.rows(nxt)
    raise AssertionError(caption)


@pytest.mark.parametrize("q", [1, 2, 3, 4])
def test_title_and_period_wording(reports, q):
    doc = Doc(reports[q].path)
    assert doc.find_exact("BÁO CÁO").bold
    trich_yeu = doc.find_exact(f"Kết quả thực hiện công tác cải cách hành chính {TITLES[q]}")
    assert trich_yeu.bold and trich_yeu.align == "center"
    assert "Số:        /BC-STNMT" in doc.text()
    assert "Khánh Hòa, ngày      tháng      năm 2024" in doc.text()
    assert doc.find_exact("Kính gửi: Sở Nội vụ.").size in (13, 14)


@pytest.mark.parametrize("q", [1, 2, 3, 4])
def test_statistics_match_an_independent_recount(reports, q):
    doc = Doc(reports[q].path)
    expected = recount(q)
    rows = table_after(doc, "Bảng 2.")
    body = {r[1]: r for r in rows[1:-1]}
    assert set(body) == set(expected["sections"])
    for title, e in expected["sections"].items():
        r = body[title]
        assert (int(r[2]), int(r[3]), int(r[4])) == (e["tong"], e["xong"], e["qua_han"])
    total = rows[-1]
    assert total[1] == "Tổng cộng" and int(total[2]) == expected["total"] == 30
    assert int(total[3]) == expected["done"]
    pct = 100 * expected["done"] / expected["total"]
    shown = f"{round(pct, 1):g}".replace(".", ",") + "%"
    assert total[5] == shown
    overview = table_after(doc, "Bảng 1.")
    done_rows = [r for r in overview if r[1] in ("Hoàn thành đúng hạn", "Hoàn thành quá hạn")]
    assert sum(int(r[2]) for r in done_rows) == expected["done"]
    assert overview[-1][2] == "30"


@pytest.mark.parametrize("q", [1, 2, 3, 4])
def test_overdue_list_and_targets(reports, q):
    doc = Doc(reports[q].path)
    expected = recount(q)
    text = doc.text()
    if expected["overdue"]:
        rows = table_after(doc, "Bảng 4.")
        assert [r[1] for r in rows[1:]] == expected["overdue"]
        assert all(r[2] for r in rows[1:])  # responsible units named
    else:
        assert "Không có nhiệm vụ quá hạn." in text
    targets = table_after(doc, "Bảng 3.")[1:]
    assert [(r[1], r[4]) for r in targets] == [(name, verdict) for name, _, verdict in expected["targets"]]
    for r, (_, actual, _) in zip(targets, expected["targets"]):
        assert r[3] == ("" if actual is None else f"{actual:g}".replace(".", ",") + "%")


def test_q3_units_that_did_not_report_and_sample_facts(reports):
    doc = Doc(reports[3].path)
    rows = table_after(doc, "Bảng 5.")
    assert [r[1] for r in rows[1:]] == ["Trung tâm Quan trắc tài nguyên và môi trường"]
    assert "NV01" not in doc.text()  # ids are never printed; the task text is
    overdue = table_after(doc, "Bảng 4.")
    assert overdue[1][1].startswith("Phối hợp xây dựng Chương trình hành động nâng cao chỉ số")
    assert overdue[1][3] == "Quý II/2024"


def test_outline_follows_the_workbook_sections(reports):
    doc = Doc(reports[3].path)
    heads = [p.text.replace("\n", " ") for p in doc.paragraphs() if p.style == "CCHCMuc"]
    assert heads == ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
                     "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "III. ĐÁNH GIÁ CHUNG",
                     "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TIẾP THEO", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    khoan = [p.text for p in doc.paragraphs() if p.style == "CCHCKhoanTieuDe"]
    # II lists the plan's sections except the chỉ đạo one, which feeds part I
    assert khoan[2:9] == ["1. Cải cách thể chế", "2. Cải cách thủ tục hành chính (TTHC)",
                          "3. Cải cách tổ chức bộ máy", "4. Cải cách chế độ công vụ", "5. Cải cách tài chính công",
                          "6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
                          "7. Kết quả thực hiện các chỉ tiêu của Kế hoạch"]
    text = doc.text()
    assert "Ban hành Kế hoạch CCHC của Sở năm 2024 (Văn phòng Sở chủ trì): hoàn thành đúng hạn ngày 25/01/2024" in text


def test_missing_remarks_are_said_plainly(reports):
    q1 = Doc(reports[1].path).text()
    assert "(Văn phòng chưa ghi nội dung “Ưu điểm” cho kỳ quý I năm 2024 trong sheet NhanXet.)" in q1
    assert "(Văn phòng chưa ghi nội dung “Kiến nghị” cho kỳ quý I năm 2024 trong sheet NhanXet.)" in q1
    q3 = Doc(reports[3].path).text()
    assert "Đề nghị Sở Nội vụ sớm hướng dẫn việc xây dựng Đề án phân cấp" in q3
    assert "chưa ghi nội dung “Ưu điểm”" not in q3


def test_chart_is_off_unless_thong_tin_asks(reports, workbook: Path, tmp_path: Path):
    blip = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    assert not list(Doc(reports[3].path).body.iter(blip))  # the bundled workbook says "không"
    assert "Hình 1." not in Doc(reports[3].path).text()
    set_field(workbook, "Biểu đồ trong báo cáo", "có")
    path = api.build_report(workbook, 3, None, tmp_path / "bc.docx").path
    doc = Doc(path)
    assert len(list(doc.body.iter(blip))) == 1
    with zipfile.ZipFile(path) as zf:
        images = [n for n in zf.namelist() if n.startswith("word/media/")]
        assert images and zf.read(images[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert doc.find("Hình 1.").italic


def test_chart_bars_carry_short_section_names(workbook: Path):
    from pipeline.derive.rollup import rollup
    from pipeline.render import report

    set_field(workbook, "Biểu đồ trong báo cáo", "có")
    plan = api.load(workbook, REPORT_SHEETS).plan
    roll = rollup(plan.tasks, plan.entries, plan.periods, 3, plan.year, [u.code for u in plan.units])
    drawn = []
    report.report_context(plan, roll, 3, lambda labels, values: drawn.append((labels, values)) or b"png")
    labels, values = drawn[0]
    assert labels == ["I. Thể chế", "II. Thủ tục hành chính", "III. Tổ chức bộ máy", "IV. Chế độ công vụ",
                      "V. Tài chính công", "VI. Chính quyền số", "VII. Chỉ đạo, điều hành"]
    assert values[0] == 40.0  # Bảng 2: 2 of 5 done
    assert report.short_name("Công tác thông tin, tuyên truyền cải cách hành chính") == "Công tác thông tin, tuyên…"


def test_report_format_nd30(reports):
    doc = Doc(reports[3].path)
    sects = doc.sections()
    # the report, Phụ lục I (figures annex, portrait), Phụ lục II (status, landscape)
    assert [bool(ooxml.page_geometry(s)["landscape"]) for s in sects] == [False, False, True]
    for sect in sects:
        assert sect.find(w("titlePg")) is not None
        assert ooxml.has_page_field(doc.header_parts(sect)["default"])
    for r, p in doc.all_runs():
        assert doc.styles.run_font(r, p, "hAnsi") == "Times New Roman"
    assert doc.find_exact("KT. GIÁM ĐỐC").bold and doc.find_exact("PHÓ GIÁM ĐỐC").bold
    label = doc.find_exact("Nơi nhận:")
    assert label.size == 12 and label.bold and label.italic
    items = [p.text for p in doc.paragraphs() if p.style == "CCHCNoiNhan" and p.text]
    assert items[0] == "- Như trên;" and items[-1] == "- Lưu: VT, VP."
    appendix = next(t for t in doc.tables() if doc.rows(t)[0][:2] == ["STT", "Nhiệm vụ"] and len(doc.rows(t)[0]) == 7)
    trs = appendix.findall(w("tr"))
    assert ooxml.row_flags(trs[0]) == (True, True) and all(ooxml.row_flags(tr)[1] for tr in trs)
    assert len([tr for tr in trs if len(tr.findall(w("tc"))) == 7]) == 31  # header + 30 tasks
    # "./." ends the report and each of its Phụ lục (after the closing table, Mẫu 2.1)
    annexes = [p for p in doc.paragraphs() if p.style == "CCHCPhuLuc"]
    assert doc.text().count("./.") == 1 + len(annexes) and doc.text().endswith("\n./.")


def test_figures_workbook_beside_the_report(reports):
    figures = reports[3].written[1]
    assert figures.name == "bc3_so_lieu.xlsx" and figures.parent == reports[3].path.parent
    wb = load_workbook(figures)
    summary = {r[0]: r[1] for r in wb["TongHop"].iter_rows(min_row=2, values_only=True)}
    assert summary["Tổng số nhiệm vụ"] == 30
    assert summary["Đã hoàn thành (đúng hạn và quá hạn)"] == recount(3)["done"]
    units = {r[0]: r for r in wb["TheoDonVi"].iter_rows(min_row=2, values_only=True)}
    assert units["TTQT"][-1] == "Chưa gửi" and units["VP"][-1] == "Đã gửi"


def test_figures_workbook_holds_the_status_phu_luc_as_the_report_prints_it(reports):
    """Issue 15: the task table in the workbook, row for row and word for word the report's Phụ lục."""
    for q in (3, 4):
        doc = Doc(reports[q].path)
        printed = [row for t in doc.tables() if doc.rows(t)[0][:3] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì"]
                   and len(doc.rows(t)[0]) == 7
                   for row in doc.rows(t)[1:]]
        ws = load_workbook(reports[q].written[1])["PhuLucNhiemVu"]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng",
                                 "Kết quả thực hiện, văn bản", "Khó khăn, vướng mắc, ghi chú"]
        sheet = [["" if v is None else str(v) for v in row] for row in rows[1:]]
        sheet = [row[:2] if row[2:] == [""] * 5 else row for row in sheet]  # a section row: numeral and title
        assert sheet == printed
        assert len(sheet) == 30 + 7 and sheet[0] == ["I", "Cải cách thể chế"]


def test_issued_number_date_and_nine_month_wording(workbook: Path, tmp_path: Path):
    def calendar(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == 3:
                row[1].value = "9 tháng"
                row[6].value = "12"
                row[7].value = "20/09/2024"

    edit_sheet(workbook, "KyBaoCao", calendar)
    set_field(workbook, "Người ký báo cáo", "Trần Thị Bình")
    doc = Doc(api.build_report(workbook, 3, None, tmp_path / "bc.docx").path)
    text = doc.text()
    assert "Kết quả thực hiện công tác cải cách hành chính 9 tháng năm 2024" in text
    assert "Số: 12/BC-STNMT" in text
    assert "Khánh Hòa, ngày 20 tháng 9 năm 2024" in text
    assert "(Kèm theo Báo cáo số 12/BC-STNMT ngày 20 tháng 9 năm 2024 của Sở Tài nguyên và Môi trường)" in text
    assert doc.find_exact("Trần Thị Bình").bold


def test_wrong_year_is_refused(tmp_path: Path):
    from pipeline.errors import CchcError

    with pytest.raises(CchcError, match="năm 2024, không phải năm 2025"):
        api.build_report(BUNDLED, 3, 2025, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
