"""`cchc status` on a hand-built workbook of 2025 where each unit stands differently in quý III
(a form on time, a form late, entries typed straight into TienDo, nothing from a unit that
leads a task, nothing from one that only supports), with overdue tasks and a unit plan
not sent; and `cchc calendar --today` after a unit deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from minibook import PERIODS, entry, task, write

from pipeline import api
from pipeline.cli import cli
from pipeline.derive.amend import plan_at
from pipeline.derive.report import missing_units
from pipeline.derive.status import ActionKind, FormState, default_period
from pipeline.schema import WORKBOOK_SHEETS
from pipeline.xlsx import SheetData

D = dt.date
UNITS = [("VP", "Văn phòng", "", "phòng"), ("A", "Phòng A", "", "phòng"), ("B", "Phòng B", "", "phòng"),
         ("C", "Phòng C", "", "phòng"), ("CC", "Chi cục Thử nghiệm", "", "chi cục")]
II = "Chuyển đổi số"
TASKS = [
    task("T1", "A", "Quý II/2025"),  # I.1: A still at it on 12/9: overdue
    task("T2", "A", "Trước 15/8/2025"),  # I.2: overdue
    task("T3", "B", "Quý IV/2025"),  # I.3: not due yet
    task("T4", "VP", "Tháng 7/2025", II, support="C"),  # II.1: done
    task("T5", "A; B", "Trước 31/7/2025", II),  # II.2: A's part done, B's overdue
    task("T6", "CC", "Quý III/2025", II),  # II.3: due 30/9
    task("T7", "A", "Trước 31/5/2025", II),  # II.4: done in quý II
]
ENTRIES = [
    entry("T7", "A", 2, "Đã hoàn thành", 100, D(2025, 5, 20)),
    entry("T1", "A", 3, "Đang thực hiện", 50),
    entry("T2", "A", 3, "Đang thực hiện", 30),
    entry("T5", "A", 3, "Đã hoàn thành", 100, D(2025, 7, 20)),
    entry("T3", "B", 3, "Đang thực hiện", 40),
    entry("T5", "B", 3, "Đang thực hiện", 60),
    entry("T4", "VP", 3, "Đã hoàn thành", 100, D(2025, 7, 15)),  # typed in, no form logged
]
RECEIPTS = SheetData("NhanPhieu", ["Đơn vị", "Kỳ", "Ngày báo cáo", "Tệp", "Thời điểm nhập"],
                     [["A", 3, D(2025, 9, 8), "A.xlsx", "08/9/2025 10:00"],
                      ["B", 3, D(2025, 9, 11), "B.xlsx", "11/9/2025 16:00"]])


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # output/… (where the blank forms are looked for) is the test's own
    return write(tmp_path / "kehoach.xlsx", TASKS, ENTRIES, units=UNITS, extra=[RECEIPTS])


def test_the_period_on_the_day_after_the_unit_deadline(book: Path):
    api.build_forms(book, 3, today=D(2025, 9, 1))  # the blank forms, in output/2025/phieu/Q3/
    result = api.status(book, None, D(2025, 9, 12))  # --quy defaults to the period of the day
    cchc = f"cchc --data {book}"
    assert result.messages == [
        "Tình hình báo cáo quý III năm 2025, ngày 12/9/2025:",
        "Hạn đơn vị gửi Văn phòng 10/9/2025 (đã qua 2 ngày); chốt số liệu 14/9/2025; hạn gửi Sở Nội vụ (chưa đặt).",
        "Đơn vị  Phiếu trống  Nhận phiếu                                Nhiệm vụ quá hạn",
        "VP      đã lập       số liệu nhập thẳng vào TienDo             0",
        "A       đã lập       đã nhận phiếu ngày 08/9/2025              2: I.1, I.2",
        "B       đã lập       đã nhận phiếu ngày 11/9/2025, trễ 1 ngày  1: II.2",
        "C       đã lập       chưa gửi, quá hạn 2 ngày (chỉ phối hợp)   0",
        "CC      đã lập       chưa gửi, quá hạn 2 ngày                  0",
        "Đã có báo cáo của 3/5 đơn vị (1 phiếu đúng hạn, 1 phiếu trễ hạn, 1 nhập thẳng vào TienDo); chưa gửi 2, trong "
        "đó 2 quá hạn.",
        f"Phiếu trống: tìm trong {Path('output/2025/phieu/Q3')}.",
        "Kế hoạch CCHC của đơn vị (hạn gửi 20/01/2025): đã nhận 0/1; chưa gửi: CC (quá hạn).",
        "Hạn sắp tới:",
        "  14/9/2025: chốt số liệu quý III (còn 2 ngày)",
        "  10/12/2025: hạn các đơn vị gửi báo cáo năm (còn 89 ngày)",
        "  14/12/2025: chốt số liệu năm (còn 93 ngày)",
        "Việc cần làm:",
        f"  - Gửi công văn đôn đốc 1 đơn vị chưa gửi phiếu: {cchc} remind --quy 3",
        f"  - Nhập phiếu các đơn vị gửi về (còn chờ 2 đơn vị): {cchc} collect --quy 3 THƯ_MỤC_PHIẾU",
        f"  - Lập báo cáo quý III năm 2025: {cchc} report --quy 3",
        f"  - Gửi công văn đôn đốc 1 đơn vị chưa gửi Kế hoạch CCHC: {cchc} remind --ke-hoach",
    ]
    view = result.detail
    assert view is not None
    # the công văn đôn đốc the status proposes names exactly the units remind would
    plan = api.load(book, WORKBOOK_SHEETS).plan
    urged = [r.unit.code for r in view.units if r.state is FormState.MISSING and r.leads]
    assert urged == missing_units(plan_at(plan, PERIODS[2][4]), 3) == ["CC"]
    assert [a.kind for a in view.actions] == [ActionKind.REMIND, ActionKind.COLLECT, ActionKind.REPORT,
                                               ActionKind.REMIND_PLANS]


def test_before_the_deadline_without_forms(book: Path):
    """On 09/9 nothing is late; B's form (dated 11/9) has not come, only its typed entries. No
    blank form is in output/, but A's came back: they were made elsewhere, nothing to make."""
    view = api.status(book, 3, D(2025, 9, 9)).detail
    assert view is not None
    states = {r.unit.code: (r.state, r.form) for r in view.units}
    assert states == {"VP": (FormState.TYPED, False), "A": (FormState.ON_TIME, False), "B": (FormState.TYPED, False),
                      "C": (FormState.AWAITED, False), "CC": (FormState.AWAITED, False)}
    lines = api.status(book, 3, D(2025, 9, 9)).messages
    assert "CC      chưa lập     chưa gửi (còn 1 ngày)          0" in lines
    assert "Đã có báo cáo của 3/5 đơn vị (1 phiếu đúng hạn, 2 nhập thẳng vào TienDo); chưa gửi 2." in lines
    assert lines[-3:] == ["Việc cần làm:",
                          f"  - Nhập phiếu các đơn vị gửi về (còn chờ 2 đơn vị): cchc --data {book} collect --quy 3 "
                          "THƯ_MỤC_PHIẾU",
                          f"  - Gửi công văn đôn đốc 1 đơn vị chưa gửi Kế hoạch CCHC: cchc --data {book} remind "
                          "--ke-hoach"]


def test_no_form_anywhere_yet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    book = write(tmp_path / "kehoach.xlsx", TASKS, ENTRIES[:1], units=UNITS)
    lines = api.status(book, 3, D(2025, 9, 1)).messages
    assert lines[-4:-2] == ["Việc cần làm:", f"  - Lập phiếu báo cáo cho 5 đơn vị: cchc --data {book} forms --quy 3"]
    api.build_forms(book, 3, today=D(2025, 9, 1))
    assert not any("Lập phiếu" in line for line in api.status(book, 3, D(2025, 9, 1)).messages)


def test_after_the_cut_off_overdue_counts_at_the_cut_off(book: Path):
    lines = api.status(book, 3, D(2025, 10, 20)).messages
    assert "Nhiệm vụ quá hạn tính đến ngày chốt số liệu 14/9/2025." in lines
    # T6 (due 30/9) is not overdue in the quý III view, though 20/10 is past it
    assert any(line.startswith("CC      ") and line.endswith("  0") for line in lines)


@pytest.mark.parametrize(("today", "period"), [
    (D(2025, 1, 2), 1), (D(2025, 3, 14), 1), (D(2025, 3, 15), 2), (D(2025, 6, 14), 2), (D(2025, 6, 15), 3),
    (D(2025, 9, 12), 3), (D(2025, 9, 15), 4), (D(2025, 12, 14), 4), (D(2025, 12, 30), 4),
])
def test_default_period(book: Path, today: dt.date, period: int):
    assert default_period(api.load(book, WORKBOOK_SHEETS).plan, today) == period


def test_default_period_waits_for_the_report_until_its_deadline(tmp_path: Path):
    head = ["Kỳ", "Tên kỳ", "Hạn đơn vị báo cáo", "Chốt số liệu từ", "Chốt số liệu đến", "Hạn gửi Sở Nội vụ",
            "Số báo cáo", "Ngày báo cáo"]

    def plan(number: str):
        rows = [[*p, D(2025, p[4].month, 20), "", ""] for p in PERIODS]
        rows[2][6] = number
        path = write(tmp_path / f"k{number or 'draft'}.xlsx", TASKS, ENTRIES, units=UNITS,
                     replace={"KyBaoCao": SheetData("KyBaoCao", head, rows)})
        return api.load(path, WORKBOOK_SHEETS).plan

    assert default_period(plan(""), D(2025, 9, 18)) == 3  # the report of quý III is still due (20/9)
    assert default_period(plan("41"), D(2025, 9, 18)) == 4  # issued: the next period
    assert default_period(api.load(tmp_path / "kdraft.xlsx", WORKBOOK_SHEETS).plan, D(2025, 9, 21)) == 4


def test_status_command(book: Path):
    result = CliRunner().invoke(cli, ["--data", str(book), "status", "--quy", "3", "--today", "12/9/2025"])
    assert result.exit_code == 0, result.output
    assert "Tình hình báo cáo quý III năm 2025, ngày 12/9/2025:" in result.output
    bad = CliRunner().invoke(cli, ["--data", str(book), "status", "--quy", "3", "--today", "2025-13-01"])
    assert bad.exit_code == 2


def test_calendar_after_a_unit_deadline_names_who_is_late(book: Path):
    run = CliRunner().invoke
    after = run(cli, ["--data", str(book), "calendar", "--today", "12/9/2025"]).output
    assert ("Đã qua hạn các đơn vị gửi báo cáo quý III năm 2025 (10/9/2025, 2 ngày trước): 1 đơn vị chưa gửi: Chi cục "
            f"Thử nghiệm (CC). Công văn đôn đốc: cchc --data {book} remind --quy 3.\n") in after
    before = run(cli, ["--data", str(book), "calendar", "--today", "05/9/2025"]).output
    # before quý III's deadline the last one passed is 6 tháng's (10/6): only A reported (T7)
    assert ("Đã qua hạn các đơn vị gửi báo cáo 6 tháng đầu năm 2025 (10/6/2025, 87 ngày trước): 3 đơn vị chưa gửi: "
            f"Văn phòng (VP); Phòng B (B); Chi cục Thử nghiệm (CC). Công văn đôn đốc: cchc --data {book} remind "
            "--quy 2.\n") in before
    early = run(cli, ["--data", str(book), "calendar", "--today", "01/3/2025"]).output
    assert "Đã qua hạn" not in early


def test_calendar_when_everyone_has_reported(tmp_path: Path):
    book = write(tmp_path / "kehoach.xlsx", TASKS, [*ENTRIES, entry("T6", "CC", 3, "Đang thực hiện", 20)],
                 units=UNITS, extra=[RECEIPTS])
    lines = api.calendar(book, D(2025, 9, 12)).messages
    assert "Đã qua hạn các đơn vị gửi báo cáo quý III năm 2025 (10/9/2025, 2 ngày trước): các đơn vị đều đã báo cáo." \
        in lines


def test_the_years_last_period_shows_the_self_assessments_awaited(tmp_path: Path):
    import evalbook

    book = evalbook.write(tmp_path / "kehoach.xlsx")
    year_end = api.status(book, None, D(2025, 12, 12))
    view = year_end.detail
    assert view is not None and view.period.number == 4  # quý III's report has its số: the year's is next
    assert "Phiếu tự đánh giá cuối năm (hạn 30/11/2025): đã nhận 4/5; chưa gửi: C." in year_end.messages
    assert (f"  - Đôn đốc 1 đơn vị chưa gửi phiếu tự đánh giá (đã quá hạn); khi nhận: cchc --data {book} collect "
            "--danh-gia THƯ_MỤC_PHIẾU") in year_end.messages
    assert (f"  - Lập báo cáo năm 2025: cchc --data {book} report --quy 4; hạn gửi Sở Nội vụ 20/12/2025"
            in year_end.messages)
    autumn = api.status(book, 3, D(2025, 9, 12)).messages
    assert not any(line.startswith(("Phiếu tự đánh giá", "  - Đôn đốc")) for line in autumn)
    assert default_period(api.load(book, WORKBOOK_SHEETS).plan, D(2025, 9, 14)) == 3
    assert default_period(api.load(book, WORKBOOK_SHEETS).plan, D(2025, 9, 15)) == 4
