"""The periodic report as a Sở Nội vụ reviewer reads it (issue 14), for Q1–Q4 on the bundled
workbook: the opening citation, the next period's window and lists, per-unit results of
multi-unit tasks, Bảng 6's own/shared split, the periodic task counted as recurring, the
figures annex, the warnings. Every expectation is computed here from the workbook read
with openpyxl, not by the pipeline."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BUNDLED, edit_sheet, set_field
from docxutil import Doc
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pipeline import api, ooxml
from pipeline.cli import cli
from pipeline.derive.deadlines import parse_deadline
from pipeline.derive.rollup import rollup
from pipeline.errors import CchcError
from pipeline.model import Amendment, DeadlineKind, PartialDate
from pipeline.ooxml import w
from pipeline.render import report
from pipeline.schema import REPORT_SHEETS

DONE = {"Đã hoàn thành", "Hoàn thành quá hạn"}
TITLES = {1: "quý I năm 2024", 2: "6 tháng đầu năm 2024", 3: "quý III năm 2024", 4: "năm 2024"}
QUARTERS = [1, 2, 3, 4]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[int, api.Result]:
    out = tmp_path_factory.mktemp("review")
    return {q: api.build_report(BUNDLED, q, 2024, out / f"bc{q}.docx") for q in QUARTERS}


# -- the workbook, read independently -----------------------------------------------------


def d(x: dt.date) -> str:
    """dd/m/yyyy as the report writes dates (day with a leading zero, month only for 1–2)."""
    return f"{x.day:02d}/{x.month:02d}/{x.year}" if x.month <= 2 else f"{x.day:02d}/{x.month}/{x.year}"


class Book:
    def __init__(self, path: Path = BUNDLED):
        wb = load_workbook(path, data_only=True)
        self.units = {r[0]: r[1] for r in wb["DonVi"].iter_rows(min_row=2, values_only=True) if r[0]}
        self.tasks = [{"id": r[0], "section": r[1], "text": r[2], "lead": [u.strip() for u in r[4].split(";")],
                       "deadline": r[6]} for r in wb["NhiemVu"].iter_rows(min_row=2, values_only=True) if r[0]]
        self.periods = {r[0]: {"from": r[3].date(), "to": r[4].date(), "due": r[5]}
                        for r in wb["KyBaoCao"].iter_rows(min_row=2, values_only=True) if r[0]}
        self.entries = [r for r in wb["TienDo"].iter_rows(min_row=2, values_only=True) if r[0]]
        self.targets = [(i, r) for i, r in enumerate(wb["ChiTieu"].iter_rows(min_row=2, values_only=True), 2)
                        if r[0]]
        self.indicators = [r for r in wb["ChiSo"].iter_rows(min_row=2, values_only=True) if r[0]]
        self.figures = [r for r in wb["SoLieuDonVi"].iter_rows(min_row=2, values_only=True) if r[0]]
        self.remarks = {(r[0], r[1]) for r in wb["NhanXet"].iter_rows(min_row=2, values_only=True) if r[0]}

    def latest(self, q: int) -> dict[tuple[str, str], tuple]:
        best: dict[tuple[str, str], tuple] = {}
        for row in self.entries:
            if row[2] <= q and row[2] >= best.get((row[0], row[1]), (0, 0, 0))[2]:
                best[(row[0], row[1])] = row
        return best

    def state(self, q: int) -> dict[str, dict]:
        """Per task: done, dropped, overdue, due date, and each lead unit's latest status."""
        latest, cutoff = self.latest(q), self.periods[q]["to"]
        out = {}
        for t in self.tasks:
            statuses = {u: latest[(t["id"], u)][3] if (t["id"], u) in latest else None for u in t["lead"]}
            done = all(s in DONE for s in statuses.values())
            dropped = not done and all(s in DONE | {"Không thực hiện"} for s in statuses.values())
            deadline = parse_deadline(t["deadline"], 2024)
            due = deadline.due if deadline.kind is DeadlineKind.DATE else None
            is_open = not done and not dropped and due is not None
            out[t["id"]] = {"done": done, "open": is_open, "due": due, "overdue": is_open and due < cutoff,
                            "units": statuses, **t}
        return out


BOOK = Book()


def table_after(doc: Doc, caption: str) -> list[list[str]]:
    for p in doc.body.iter(w("p")):
        if ooxml.paragraph_text(p).startswith(caption):
            nxt = p.getnext()
            while nxt is not None and nxt.tag != w("tbl"):
                nxt = nxt.getnext()
            return doc.rows(nxt)
    raise AssertionError(caption)


def table_with_header(doc: Doc, header: list[str]) -> list[list[str]]:
    return next(doc.rows(t) for t in doc.tables() if doc.rows(t)[0] == header)


STATUS_HEADER = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả thực hiện, văn bản",
                 "Khó khăn, vướng mắc, ghi chú"]
ANNEX_HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Ghi chú"]


# -- 1. the opening ---------------------------------------------------------------------------


@pytest.mark.parametrize("q", QUARTERS)
def test_opening_cites_the_plan_and_the_data_window(reports, q):
    p = BOOK.periods[q]
    assert Doc(reports[q].path).find("Thực hiện ").text == (
        "Thực hiện Kế hoạch cải cách hành chính năm 2024, Sở Tài nguyên và Môi trường báo cáo kết quả thực hiện "
        f"công tác cải cách hành chính {TITLES[q]} (số liệu trong kỳ từ ngày {d(p['from'])} đến ngày {d(p['to'])}; "
        "tiến độ thực hiện Kế hoạch tính lũy kế từ đầu năm) như sau:")


def test_opening_cites_the_decision_the_amendments_and_the_request(workbook: Path, tmp_path: Path):
    set_field(workbook, "Số quyết định", "05")
    set_field(workbook, "Ngày quyết định", "05/01/2024")

    def request(ws):
        ws["I4"].value = ("Thực hiện Công văn số 1234/SNV-CCHC ngày 01/9/2024 của Sở Nội vụ về việc báo cáo kết quả "
                          "công tác cải cách hành chính quý III năm 2024.")

    edit_sheet(workbook, "KyBaoCao", request)
    doc = Doc(api.build_report(workbook, 3, 2024, tmp_path / "bc.docx").path)
    assert doc.find("Thực hiện ").text.startswith(
        "Thực hiện Kế hoạch cải cách hành chính năm 2024 (ban hành kèm theo Quyết định số 05/QĐ-STNMT ngày 05 tháng "
        "01 năm 2024 của Giám đốc Sở Tài nguyên và Môi trường) và Công văn số 1234/SNV-CCHC ngày 01/9/2024 của Sở "
        "Nội vụ về việc báo cáo kết quả công tác cải cách hành chính quý III năm 2024, Sở Tài nguyên và Môi trường "
        "báo cáo kết quả")
    # Amendments (filled from the workbook by the amendment work): those with a số, in force at the cut-off.
    plan = api.load(workbook, REPORT_SHEETS).plan
    plan.amendments = [Amendment(1, "120", PartialDate(2024, 6, 15)), Amendment(2, "", PartialDate(2024, 8, 1)),
                       Amendment(3, "150/QĐ-STNMT", PartialDate(2024, 9, 2)),
                       Amendment(4, "170", PartialDate(2024, 10))]
    roll = rollup(plan.tasks, plan.entries, plan.periods, 3, plan.year, [u.code for u in plan.units])
    opening = report.report_context(plan, roll, 3, lambda labels, values: b"")["bc"]["mo_dau"]
    assert opening.startswith(
        "Thực hiện Kế hoạch cải cách hành chính năm 2024 (ban hành kèm theo Quyết định số 05/QĐ-STNMT ngày 05 tháng "
        "01 năm 2024 của Giám đốc Sở Tài nguyên và Môi trường; được sửa đổi, bổ sung tại Quyết định số "
        "120/QĐ-STNMT ngày 15 tháng 6 năm 2024 và Quyết định số 150/QĐ-STNMT ngày 02 tháng 9 năm 2024) và Công văn "
        "số 1234/SNV-CCHC")
    q1 = rollup(plan.tasks, plan.entries, plan.periods, 1, plan.year, [u.code for u in plan.units])
    assert "sửa đổi" not in report.report_context(plan, q1, 1, lambda labels, values: b"")["bc"]["mo_dau"]


# -- 2. the next period -----------------------------------------------------------------------


def part_four(doc: Doc) -> tuple[str, dict[str, list[str]]]:
    """Part IV's heading and, under each numbered heading, the ids of the tasks it lists."""
    paras = doc.paragraphs()
    start = next(i for i, p in enumerate(paras) if p.text.startswith("IV. PHƯƠNG HƯỚNG"))
    end = next(i for i, p in enumerate(paras) if p.text.startswith("V. ĐỀ XUẤT"))
    lists: dict[str, list[str]] = {}
    heading = ""
    for p in paras[start + 1:end]:
        if p.style == "CCHCKhoanTieuDe":
            heading = p.text
            lists[heading] = []
        elif p.text.startswith("- "):
            found = [t["id"] for t in BOOK.tasks if p.text.startswith(f"- {t['text'].rstrip('.')} (")]
            assert len(found) == 1, p.text
            lists[heading].append(found[0])
    return paras[start].text, lists


@pytest.mark.parametrize("q", [1, 2, 3])
def test_next_period_starts_the_day_after_the_cutoff_and_runs_to_the_year_end(reports, q):
    state = BOOK.state(q)
    cutoff, nxt = BOOK.periods[q]["to"], BOOK.periods[q + 1]["to"]
    start = cutoff + dt.timedelta(days=1)
    year_end = dt.date(2024, 12, 31)
    due_next = [i for i, s in state.items() if s["open"] and not s["overdue"] and s["due"] <= nxt]
    due_rest = [i for i, s in state.items() if s["open"] and nxt < s["due"] <= year_end]
    overdue = [i for i, s in state.items() if s["overdue"]]
    heading, lists = part_four(Doc(reports[q].path))
    assert heading == "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TIẾP THEO"
    assert lists == {
        f"1. Nhiệm vụ đến hạn trong kỳ tiếp theo (từ ngày {d(start)} đến ngày {d(nxt)})": due_next,
        f"2. Nhiệm vụ còn lại phải hoàn thành trong năm 2024 (đến hạn từ ngày {d(nxt + dt.timedelta(days=1))} đến "
        f"ngày 31/12/2024)": due_rest,
        "3. Nhiệm vụ quá hạn cần tập trung hoàn thành": overdue,
    }
    if q == 3:  # the case: the "Trong năm 2024" tasks due 31/12 and not done are no longer missed
        assert len(due_rest) >= 8 and not due_next
        assert "Không có nhiệm vụ đến hạn trong kỳ tiếp theo." in Doc(reports[q].path).text()


def test_the_annual_report_speaks_of_the_next_year(reports):
    state = BOOK.state(4)
    carried = [i for i, s in state.items() if s["overdue"]] + [
        i for i, s in state.items() if s["open"] and not s["overdue"] and s["due"] <= dt.date(2024, 12, 31)]
    heading, lists = part_four(Doc(reports[4].path))
    assert heading == "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025"
    assert lists == {"1. Nhiệm vụ năm 2024 chưa hoàn thành (tính đến ngày 14/12/2024), tiếp tục thực hiện trong "
                     "năm 2025": carried}
    text = Doc(reports[4].path).text()
    assert "kỳ tiếp theo" not in text.split("IV. PHƯƠNG HƯỚNG")[1].split("V. ĐỀ XUẤT")[0]
    assert "(Văn phòng chưa ghi nội dung “Phương hướng” cho kỳ năm 2024 trong sheet NhanXet.)" in text


# -- 3. tasks of several units ----------------------------------------------------------------


@pytest.mark.parametrize("q", QUARTERS)
def test_multi_unit_tasks_name_each_unit_and_count(reports, q):
    rows = {r[1]: r for r in table_with_header(Doc(reports[q].path), STATUS_HEADER)[1:] if len(r) == 7}
    multi = [s for s in BOOK.state(q).values() if len(s["lead"]) > 1]
    assert len(multi) == 14
    for s in multi:
        row = rows[s["text"]]
        if row[4].startswith("Thường xuyên"):  # never finished: the units at work on it
            going = sum(v in ("Đang thực hiện", "Đã hoàn thành") for v in s["units"].values())
            assert row[4].split("\n")[1].startswith(f"{going}/{len(s['lead'])} đơn vị đang thực hiện"), row[4]
        elif row[4].startswith("Không thực hiện"):
            dropped = sum(v == "Không thực hiện" for v in s["units"].values())
            assert row[4].split("\n")[1].startswith(f"{dropped}/{len(s['lead'])} đơn vị không thực hiện"), row[4]
        else:
            done = sum(v in DONE for v in s["units"].values())
            assert row[4].split("\n")[1].startswith(f"{done}/{len(s['lead'])} đơn vị đã hoàn thành"), row[4]
        said: dict[str, str] = {}
        lines = row[5].split("\n")
        for line in lines:
            who, _, what = line.partition(": ")
            names = who.split(", ")
            if who.startswith("Cả "):
                assert who == f"Cả {len(s['lead'])} đơn vị chủ trì" and len(lines) == 1
                names = [BOOK.units[u] for u in s["lead"]]
            elif who.startswith("Các đơn vị còn lại"):
                assert line is lines[-1]
                names = [BOOK.units[u] for u in s["lead"] if BOOK.units[u] not in said]
                assert who == f"Các đơn vị còn lại ({len(names)} đơn vị)"
            for name in names:
                assert name not in said, f"{name} reported twice for {s['id']}"
                said[name] = what
        assert set(said) == {BOOK.units[u] for u in s["lead"]}, s["id"]
        for u, status in s["units"].items():
            expected = "chưa báo cáo" if status is None else status.lower()
            assert said[BOOK.units[u]].startswith(expected), (s["id"], u, said[BOOK.units[u]])


def test_q3_names_the_lagging_units_of_a_shared_task(reports):
    rows = {r[1]: r for r in table_with_header(Doc(reports[3].path), STATUS_HEADER)[1:] if len(r) == 7}
    nv02 = rows[next(t["text"] for t in BOOK.tasks if t["id"] == "NV02")]
    assert nv02[4] == "Đang thực hiện (trong hạn) (hạn 31/12/2024)\n4/10 đơn vị đã hoàn thành"
    lines = nv02[5].split("\n")
    assert lines[0].startswith("Văn phòng Sở, Phòng Kế hoạch - Tài chính, Phòng Tài nguyên nước - Khoáng sản - Khí "
                               "tượng thủy văn, Văn phòng Đăng ký đất đai Khánh Hòa: đã hoàn thành. Đã hoàn thành "
                               "nhiệm vụ. Văn bản: Công văn số")
    # the unit that sent nothing for quý III: its last report, said to be an earlier one
    assert lines[2] == ("Trung tâm Quan trắc tài nguyên và môi trường: đang thực hiện (50%, theo báo cáo 6 tháng đầu "
                        "năm). Đang triển khai theo kế hoạch, đã phân công công chức theo dõi.")


def test_contradicting_entries_are_flagged(workbook: Path, tmp_path: Path):
    def progress(ws):
        for row in ws.iter_rows(min_row=2):
            if (row[0].value, row[1].value, row[2].value) == ("NV05", "TTR", 3):
                row[3].value, row[4].value = "Đã hoàn thành", 80  # done, but 80%
            if (row[0].value, row[1].value, row[2].value) == ("NV01", "VP", 3):
                row[7].value = dt.datetime(2024, 9, 1)  # a completion date on an unfinished task

    edit_sheet(workbook, "TienDo", progress)
    result = api.build_report(workbook, 3, 2024, tmp_path / "bc.docx")
    rows = {r[1]: r for r in table_with_header(Doc(result.path), STATUS_HEADER)[1:] if len(r) == 7}
    text = {t["id"]: t["text"] for t in BOOK.tasks}
    assert "Cần kiểm tra số liệu của Thanh tra Sở: Trạng thái đã hoàn thành nhưng tỷ lệ chỉ 80%." in rows[
        text["NV05"]][6]
    assert ("Cần kiểm tra số liệu: Có ngày hoàn thành 01/9/2024 nhưng trạng thái là 'Đang thực hiện'."
            in rows[text["NV01"]][6])
    messages = [str(p) for p in result.warnings]
    assert any(m.startswith("kehoach.xlsx › TienDo › E") and m.endswith("tỷ lệ chỉ 80%.") for m in messages)
    assert any(m.startswith("kehoach.xlsx › TienDo › H") and "01/9/2024" in m for m in messages)


# -- 4. Bảng 6 --------------------------------------------------------------------------------


@pytest.mark.parametrize("q", QUARTERS)
def test_bang_6_splits_own_tasks_from_shared_ones(reports, q):
    state = BOOK.state(q)
    reported = {r[1] for r in BOOK.entries if r[2] == q}
    expected = []
    for code, name in BOOK.units.items():
        own = [s for s in state.values() if s["lead"] == [code]]
        shared = [s for s in state.values() if code in s["lead"] and len(s["lead"]) > 1]
        if not own and not shared:
            continue
        mine_done = [s for s in shared if s["units"][code] in DONE]
        expected.append([name, len(own), sum(s["done"] for s in own), sum(s["overdue"] for s in own), len(shared),
                         len(mine_done), sum(s["overdue"] and s not in mine_done for s in shared),
                         "Đã gửi" if code in reported else "Chưa gửi"])
    rows = table_after(Doc(reports[q].path), "Bảng 6.")
    assert rows[0][2:4] == ["Nhiệm vụ đơn vị chủ trì riêng", "Nhiệm vụ giao chung nhiều đơn vị"]
    body = [[r[1], *map(int, r[2:8]), r[8]] for r in rows[2:]]
    assert body == expected
    vp = next(r for r in body if r[0] == "Văn phòng Sở")
    assert vp[1] < 27 and vp[1] + vp[4] == 27  # Văn phòng's 27 tasks, most of them shared by every unit


# -- 5. the periodic reporting task -----------------------------------------------------------


@pytest.mark.parametrize("q", QUARTERS)
def test_periodic_report_task_is_recurring(reports, q):
    doc = Doc(reports[q].path)
    rows = {r[1]: r for r in table_with_header(doc, STATUS_HEADER)[1:] if len(r) == 7}
    assert rows["Báo cáo kết quả công tác CCHC định kỳ"][4] == "Thường xuyên"
    assert "Báo cáo kết quả công tác CCHC định kỳ (Văn phòng Sở chủ trì): thường xuyên." in doc.text()


def edit_headers(workbook: Path):
    return next(load_workbook(workbook, read_only=True)["NhiemVu"].iter_rows(max_row=1))


def test_loai_thoi_han_overrides_the_deadline_text(workbook: Path, tmp_path: Path):
    col = next(c.column for c in edit_headers(workbook) if c.value == "Loại thời hạn")  # the bundled column

    def column(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "NV30":
                ws.cell(row[0].row, col).value = "chờ điều kiện"
            if row[0].value == "NV07":  # "Trong năm 2024", said to recur
                ws.cell(row[0].row, col).value = "Định kỳ"

    edit_sheet(workbook, "NhiemVu", column)
    doc = Doc(api.build_report(workbook, 3, 2024, tmp_path / "bc.docx").path)
    rows = {r[1]: r for r in table_with_header(doc, STATUS_HEADER)[1:] if len(r) == 7}
    assert rows["Báo cáo kết quả công tác CCHC định kỳ"][4] == "Chờ điều kiện"
    nv07 = next(t["text"] for t in BOOK.tasks if t["id"] == "NV07")
    assert rows[nv07][4].startswith("Thường xuyên\n")

    def wrong(ws):
        ws.cell(row=31, column=col).value = "hai lần"

    edit_sheet(workbook, "NhiemVu", wrong)
    with pytest.raises(CchcError) as err:
        api.build_report(workbook, 3, 2024, tmp_path / "bc2.docx")
    assert [str(p) for p in err.value.problems if "Loại thời hạn" in p.message] == [
        f"kehoach.xlsx › NhiemVu › {get_column_letter(col)}31: Loại thời hạn 'hai lần' không hợp lệ: "
        "ghi một lần, định kỳ, chờ điều kiện "
        "hoặc để trống."]



def test_loai_thoi_han_holds_after_the_plan_is_issued(workbook: Path, tmp_path: Path):
    """BanHanh records the issued text; the clerk's Loại thời hạn, set later, still counts."""
    set_field(workbook, "Số quyết định", "05")
    set_field(workbook, "Ngày quyết định", "05/01/2024")
    api.build_plan(workbook, tmp_path / "qd.docx")
    assert "BanHanh" in load_workbook(workbook, read_only=True).sheetnames
    col = next(c.column for c in edit_headers(workbook) if c.value == "Loại thời hạn")

    def column(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "NV30":
                ws.cell(row[0].row, col).value = "chờ điều kiện"

    edit_sheet(workbook, "NhiemVu", column)
    result = api.build_report(workbook, 3, 2024, tmp_path / "bc.docx")
    rows = {r[1]: r for r in table_with_header(Doc(result.path), STATUS_HEADER)[1:] if len(r) == 7}
    assert rows["Báo cáo kết quả công tác CCHC định kỳ"][4] == "Chờ điều kiện"
    assert not any("sửa đổi" in str(p) for p in result.warnings)  # not a change needing an amendment

# -- 6. the figures annex ---------------------------------------------------------------------


def number(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".") if float(x).is_integer() else f"{x:,.1f}".replace(",", " ").replace(
        ".", ",").replace(" ", ".")


def expected_annex(book: Book, q: int) -> dict[str, str]:
    """Each indicator's figure: the office's (ChiSo) plus the units' (SoLieuDonVi); a rate from the sums."""
    totals: dict[str, float | None] = {}
    for code, _, _, _, kind, _, _, _, *values, _ in book.indicators:
        if kind == "số lượng":
            parts = [values[q - 1]] + [f[3] for f in book.figures if f[0] == code and f[2] == q]
            parts = [x for x in parts if x is not None]
            totals[code] = sum(parts) if parts else None
    out = {}
    for code, _, name, _, kind, num, den, _, *_ in book.indicators:
        if kind == "số lượng":
            out[name] = "" if totals[code] is None else number(totals[code])
        else:
            n, m = totals[num], totals[den]
            out[name] = "" if n is None or not m else f"{round(100 * n / m, 1):g}".replace(".", ",") + "%"
    return out


def annex_rows(doc: Doc) -> dict[str, list[str]]:
    return {r[1]: r for r in table_with_header(doc, ANNEX_HEADER)[1:] if len(r) == 5}


@pytest.mark.parametrize("q", QUARTERS)
def test_annex_equals_the_workbook_figures_summed(reports, q):
    doc = Doc(reports[q].path)
    assert doc.find_exact("Phụ lục I").bold
    rows = annex_rows(doc)
    assert {name: rows[name][3] for name in expected_annex(BOOK, q)} == expected_annex(BOOK, q)
    state = BOOK.state(q)
    done = sum(s["done"] for s in state.values())
    assert rows["Số nhiệm vụ trong Kế hoạch cải cách hành chính"][3] == "30"
    assert rows["Số nhiệm vụ đã hoàn thành"][3] == str(done)
    # the status appendix is Phụ lục II beside it, and the intro says so
    assert doc.find_exact("Phụ lục II").bold and "(Bảng 1, Bảng 2 và Phụ lục II)." in doc.text()
    groups = [r[1] for r in table_with_header(doc, ANNEX_HEADER)[1:] if len(r) == 2]
    assert groups == ["Công tác chỉ đạo, điều hành", "Cải cách thể chế", "Cải cách thủ tục hành chính",
                      "Cải cách tổ chức bộ máy", "Cải cách chế độ công vụ", "Cải cách tài chính công",
                      "Xây dựng và phát triển chính quyền điện tử, chính quyền số"]


def test_annex_rates_agree_with_the_targets_they_measure(reports):
    """The sample figures recompute to the sample ChiTieu results (số hóa, thanh toán trực tuyến, hài lòng)."""
    for q in (1, 2, 3):
        rows = annex_rows(Doc(reports[q].path))
        targets = {r[0]: r[5 + q] for _, r in BOOK.targets}
        for name, code in (("Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa", "2b.1"),
                           ("Tỷ lệ thanh toán trực tuyến", "2c.2"), ("Tỷ lệ người dân, tổ chức hài lòng", "8.1")):
            shown = "" if targets[code] is None else f"{targets[code]:g}".replace(".", ",") + "%"
            assert rows[name][3] == shown, (q, name)


def test_each_part_quotes_its_own_figures(reports):
    doc = Doc(reports[3].path)
    paras = [p.text for p in doc.paragraphs()]
    tthc = paras.index("2. Cải cách thủ tục hành chính (TTHC)")
    quote = paras[tthc + 2]
    assert quote.startswith("Số liệu chủ yếu (Phụ lục I): số TTHC thuộc thẩm quyền giải quyết của Sở: 114 thủ tục;")
    assert "tỷ lệ hồ sơ TTHC giải quyết đúng hạn: 99% (2.772/2.800 hồ sơ)" in quote
    assert "tỷ lệ thanh toán trực tuyến: 36,7% (367/1.000 giao dịch)" in quote
    digital = paras.index("6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số")
    # a count that is a rate's term is stated inside the rate
    assert paras[digital + 2].startswith("Số liệu chủ yếu (Phụ lục I): tỷ lệ văn bản đi gửi dưới dạng điện tử: "
                                         "98,1% (1.678/1.710 văn bản);")
    part_one = paras[paras.index("2. Kết quả thực hiện các nhiệm vụ chỉ đạo, điều hành"):tthc]
    assert any(p.startswith("Số liệu chủ yếu (Phụ lục I): số cuộc kiểm tra công tác cải cách hành chính") for p in
               part_one)


def test_annex_and_workbook_after_collecting_a_units_figures(workbook: Path, tmp_path: Path):
    """A unit returns its form's SoLieu sheet; collect files it in SoLieuDonVi; the annex and the
    figures workbook add it to the totals."""
    form = api.build_forms(workbook, 3, tmp_path / "phieu", today=dt.date(2024, 9, 9)).written
    ttqt = next(p for p in form if p.stem == "TTQT")
    wb = load_workbook(ttqt)
    assert wb.sheetnames == ["HuongDan", "TienDo", "SoLieu", "_cchc"]
    ws = wb["SoLieu"]
    assert [c.value for c in ws[3]] == ["Mã chỉ số", "Nhóm", "Chỉ số", "Đơn vị tính", "Số liệu của đơn vị", "Ghi chú"]
    sent = {"CD.6": 5, "TT.6": 12, "TT.9": 10, "TT.10": 9, "CQS.1": 40, "CQS.2": 40, "CQS.4": 38}
    for row in ws.iter_rows(min_row=4):
        assert row[4].value is None  # nothing of quý III yet: figures are never carried over
        row[4].value = sent.get(row[0].value, 0)
    wb["TienDo"]["B2"].value = dt.datetime(2024, 9, 10)
    wb.save(ttqt)
    done = api.collect(workbook, 3, [ttqt], now=dt.datetime(2024, 9, 11, 8, 0))
    unit_counts = [r[0] for r in BOOK.indicators if r[4] == "số lượng" and r[7] == "có"]
    assert done.written and f" nhiệm vụ, {len(unit_counts)} số liệu." in "\n".join(done.messages)
    book = Book(workbook)
    assert {f[0]: f[3] for f in book.figures if f[1] == "TTQT" and f[2] == 3}["TT.6"] == 12
    result = api.build_report(workbook, 3, 2024, tmp_path / "bc.docx")
    doc = Doc(result.path)
    rows = annex_rows(doc)
    assert {name: rows[name][3] for name in expected_annex(book, 3)} == expected_annex(book, 3)
    assert rows["Số hồ sơ TTHC tiếp nhận"][3] == "2.942" and rows["Số hồ sơ TTHC tiếp nhận"][4] == "10/10 đơn vị"
    assert "chưa có số liệu của" not in doc.text()
    figures = load_workbook(result.written[1])
    annex = {r[0]: r for r in figures["SoLieu"].iter_rows(min_row=2, values_only=True)}
    assert annex["TT.6"][5] == 2942 and annex["TT.6"][7] == 2942 and annex["TT.11"][5] == pytest.approx(
        100 * 2781 / 2810, abs=0.01)
    by_unit = {r[0]: r for r in figures["SoLieuTheoDonVi"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in figures["SoLieuTheoDonVi"][1]]
    assert by_unit["TT.6"][header.index("TTQT")] == 12
    # the same form again: nothing changes
    again = api.collect(workbook, 3, [ttqt], now=dt.datetime(2024, 9, 11, 9, 0))
    assert [f.outcome for f in again.detail.forms] == ["unchanged"] and not again.written


def test_untouched_figures_sheet_keeps_a_form_untouched(workbook: Path, tmp_path: Path):
    forms = api.build_forms(workbook, 2, tmp_path / "phieu", today=dt.date(2024, 6, 9)).written
    vp = next(p for p in forms if p.stem == "VP")
    before = workbook.read_bytes()
    untouched = api.collect(workbook, 2, [vp])
    assert [f.outcome for f in untouched.detail.forms] == ["unchanged"] and workbook.read_bytes() == before
    wb = load_workbook(vp)  # 6 tháng: VP's figures are pre-filled from SoLieuDonVi
    values = {r[0].value: r[4] for r in wb["SoLieu"].iter_rows(min_row=4)}
    assert values["CQS.1"].value == 880
    values["CQS.1"].value = 900  # only a figure changes: the form is taken, the status rows stay
    wb["TienDo"]["B2"].value = dt.datetime(2024, 6, 12)
    wb.save(vp)
    taken = api.collect(workbook, 2, [vp], now=dt.datetime(2024, 6, 13, 8, 0))
    assert [f.outcome for f in taken.detail.forms] == ["replaced"] and taken.written
    after = Book(workbook)
    assert {(f[0], f[1], f[2]): f[3] for f in after.figures}[("CQS.1", "VP", 2)] == 900
    old_figures = {(f[0], f[1], f[2]): f[3] for f in BOOK.figures}
    assert {(f[0], f[1], f[2]): f[3] for f in after.figures} == {**old_figures, ("CQS.1", "VP", 2): 900}
    # the status rows say what they said: the dated form confirms VP's entries for the period
    statuses = {k: v[3:8] for k, v in after.latest(2).items()}
    assert statuses == {k: v[3:8] for k, v in BOOK.latest(2).items()}


def test_a_wrong_figure_refuses_the_form(workbook: Path, tmp_path: Path):
    forms = api.build_forms(workbook, 3, tmp_path / "phieu", today=dt.date(2024, 9, 9)).written
    vp = next(p for p in forms if p.stem == "VP")
    wb = load_workbook(vp)
    ws = wb["SoLieu"]
    ws["E4"].value = -3
    ws["A5"].value = "XX.9"
    wb["TienDo"]["B2"].value = dt.datetime(2024, 9, 10)
    wb.save(vp)
    before = workbook.read_bytes()
    done = api.collect(workbook, 3, [vp])
    assert done.exit_code == 1 and workbook.read_bytes() == before
    messages = [str(p) for p in done.problems]
    assert "VP.xlsx › SoLieu › E4: Số liệu -3 của chỉ số CD.6 không hợp lệ: ghi số từ 0 trở lên." in messages
    assert any(m.startswith("VP.xlsx › SoLieu › A5: Chỉ số 'XX.9' không có") for m in messages)


# -- 7. warnings ------------------------------------------------------------------------------


@pytest.mark.parametrize("q", QUARTERS)
def test_warnings_list_what_the_clerk_must_still_fill(reports, q):
    messages = [str(p) for p in reports[q].warnings]
    text = Doc(reports[q].path).text()
    shown = re.findall(r"\(Văn phòng chưa ghi nội dung “([^”]+)” cho kỳ", text)
    warned = [m for m in messages if "còn ghi “(Văn phòng chưa ghi …)”" in m]
    assert len(warned) == (1 if shown else 0) and (q == 3 or shown)  # quý III's NhanXet is complete
    if shown:  # one line names every part the report leaves unwritten, in the report's order
        parts = ", ".join(f"“{part}”" for part in shown)
        assert warned[0].endswith(f"ở {len(shown)} phần: {parts}. Ghi vào sheet NhanXet (Kỳ {q}, cột Mục, cột "
                                  "Nội dung).")
    column = "GHIJ"[q - 1]
    empty = [(row, t[0]) for row, t in BOOK.targets if t[5 + q] is None]
    lines = [m for m in messages if " chỉ tiêu chưa có kết quả " in m]
    if empty:  # one line, at the first empty cell, naming the targets
        assert lines == [m for m in lines if m.startswith(f"kehoach.xlsx › ChiTieu › {column}{empty[0][0]}: "
                                                          f"{len(empty)}/{len(BOOK.targets)} chỉ tiêu")]
        assert len(lines) == 1 and all(code in lines[0] for _, code in empty)
    else:
        assert lines == []
    due = BOOK.periods[q]["due"]
    assert any(m.startswith(f"kehoach.xlsx › KyBaoCao › F{q + 1}: Chưa ghi hạn gửi Sở Nội vụ") for m in messages) == (
        due is None)
    if q == 4:  # no figure typed or sent for the year yet
        assert any(m.startswith("kehoach.xlsx › ChiSo › L2: Phụ lục số liệu: ") for m in messages)
    assert len(messages) == len(set(messages))  # nothing said twice


def test_warnings_on_the_console(tmp_path: Path):
    result = CliRunner().invoke(cli, ["--data", str(BUNDLED), "report", "--quy", "1", "-o",
                                      str(tmp_path / "bc1.docx")])
    assert result.exit_code == 0, result.output
    assert ("! kehoach.xlsx › NhanXet: Báo cáo quý I năm 2024 còn ghi “(Văn phòng chưa ghi …)” ở 4 phần: “Ưu điểm”, "
            "“Tồn tại, hạn chế”, “Nguyên nhân”, “Kiến nghị”.") in result.output
    assert "! kehoach.xlsx › ChiTieu › G7: 2/7 chỉ tiêu chưa có kết quả quý I năm 2024 (8.1, 8.2)" in result.output
    assert "Đã ghi:" in result.output


def test_a_filled_deadline_and_remarks_silence_their_warnings(workbook: Path, tmp_path: Path):
    def due(ws):
        ws["F4"].value = dt.datetime(2024, 9, 16)

    edit_sheet(workbook, "KyBaoCao", due)
    messages = [str(p) for p in api.build_report(workbook, 3, 2024, tmp_path / "bc.docx").warnings]
    assert not any("Chưa ghi hạn gửi Sở Nội vụ" in m for m in messages)
    assert not any("còn ghi “(Văn phòng chưa ghi" in m for m in messages)  # quý III's NhanXet is complete


def test_the_indicator_sheets_are_checked_cell_by_cell(workbook: Path):
    def indicators(ws):
        ws["G6"].value = None  # CD.5: a rate with a numerator and no denominator
        ws["F9"].value = "TT.8"  # TC.1 is a count: Tử số ignored (a warning)
        ws["F19"].value = "TT.99"  # TT.8's numerator is no indicator
        ws["B20"].value = "Văn hóa"  # no such outline area
        ws["A21"].value = "TT.9"  # a code twice

    def figures(ws):
        ws["A2"].value = "TT.1"  # an indicator the units do not report
        ws["D3"].value = -5

    edit_sheet(workbook, "ChiSo", indicators)
    edit_sheet(workbook, "SoLieuDonVi", figures)
    result = api.check_workbook(workbook)
    messages = [str(p) for p in result.problems + result.warnings]
    assert result.exit_code == 1
    for expected in (
        "kehoach.xlsx › ChiSo › G6: Chỉ số tỷ lệ 'CD.5' cần cả Tử số và Mẫu số",
        "kehoach.xlsx › ChiSo › F9: Chỉ số 'TC.1' là số lượng: Tử số, Mẫu số chỉ dùng cho chỉ số tỷ lệ và bị bỏ qua.",
        "kehoach.xlsx › ChiSo › F19: Tử số 'TT.99' không có trong sheet: ghi mã một chỉ số số lượng của sheet ChiSo.",
        "kehoach.xlsx › ChiSo › B20: Nhóm 'Văn hóa' không hợp lệ: ghi một trong Công tác chỉ đạo, điều hành;",
        "kehoach.xlsx › ChiSo › A21: Mã chỉ số 'TT.9' trùng với dòng 20.",
        "kehoach.xlsx › SoLieuDonVi › A2: Chỉ số 'TT.1' không do đơn vị báo cáo",
        "kehoach.xlsx › SoLieuDonVi › D3: Số liệu -5 không hợp lệ: ghi số từ 0 trở lên.",
    ):
        assert any(m.startswith(expected) for m in messages), expected


def test_without_indicators_the_report_has_one_plain_phu_luc(tmp_path: Path):
    import minibook

    book = minibook.write(tmp_path / "kehoach.xlsx", [minibook.task("T1", "A", "Quý II/2025"),
                                                      minibook.task("T2", "A; B", "Trong năm 2025")],
                          [minibook.entry("T1", "A", 3, "Đã hoàn thành", 100, minibook.D(2025, 6, 1)),
                           minibook.entry("T2", "A", 3, "Đã hoàn thành", 100, minibook.D(2025, 8, 1)),
                           minibook.entry("T2", "B", 3, "Đang thực hiện", 40)])
    doc = Doc(api.build_report(book, 3, 2025, tmp_path / "bc.docx").path)
    assert [bool(ooxml.page_geometry(s)["landscape"]) for s in doc.sections()] == [False, True]
    assert doc.find_exact("Phụ lục").bold and "Phụ lục I" not in doc.text() and "Số liệu chủ yếu" not in doc.text()
    assert "(Bảng 1, Bảng 2 và Phụ lục)." in doc.text()
    rows = {r[1]: r for r in table_with_header(doc, STATUS_HEADER)[1:] if len(r) == 7}
    assert rows["Nhiệm vụ T2"][4] == "Đang thực hiện (trong hạn) (hạn 31/12/2025)\n1/2 đơn vị đã hoàn thành"
    assert rows["Nhiệm vụ T2"][5].split("\n") == ["Phòng A: đã hoàn thành.", "Phòng B: đang thực hiện (40%)."]
    assert [p for p in api.lint([doc.path]).problems] == []
