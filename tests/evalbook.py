"""A small workbook for the year-end evaluation, every score of which is computed by hand below.

Five units, year 2025 (cut-off 14/12/2025, evaluated on 12/12/2025, so the năm period's
deadline 10/12 has passed). Criteria (TieuChi), 100 points plus bonus and penalty:

    1   Thực hiện nhiệm vụ (40)          2   Công tác khác (60)      3  Điểm thưởng (cap 5)
    1.1 tỷ lệ hoàn thành      10         2.1 tự chấm 30              3.1 sáng kiến 3
    1.2 tỷ lệ đúng hạn        10         2.2 tự chấm 30              3.2 khen thưởng 3
    1.3 tỷ lệ có minh chứng    6  (không phát sinh: 0 điểm)          4  Điểm trừ (cap 10)
    1.4 báo cáo đúng hạn      14                                     4.1 vi phạm 10

A leads T1 (done on time, evidence), T2 (done late), T3 (overdue), T4 (due 2026: out of
scope), T5 (conditional: out), T6 (dropped with a reason: out), T7 with B (A done on time,
evidence). In scope 4, done 3, on time 2, evidence 2 of 3 done; forms on time in quý I and
quý III (sent on the deadline), late in 6 tháng, missing for năm:
    1.1 10×3/4 = 7,5   1.2 10×2/4 = 5   1.3 6×2/3 = 4   1.4 14×2/4 = 7        auto 23,5
    2.1 self 28, appraised 25 (lower, with its note)   2.2 self 30            manual 55
    bonus 3 + 3 = 6 over the cap → 5                                          total 83,5 (self 86,5)
(The năm period: A typed an entry in TienDo, but NhanPhieu has no row, so no date proves it.)
B leads T7 (overdue for B) and T8 (thường xuyên, done in năm, evidence); all forms on time:
    1.1 5   1.2 5   1.3 6   1.4 14   2.1 30   2.2 self 30 → appraised 23,5   total 83,5 (self 90)
VP has no task at all: 1.1 and 1.2 not in scope → 10 each, 1.3 → 0 (its rule), 1.4 → 14
(nothing to report); self 23 + 23: total 80, exactly the lower bound of "Tốt".
C only supports T1 and sent nothing: 10 + 10 + 0 + 0, no self-assessment, penalty 2 → 18.
D leads T9 (done on time, evidence), forms on time, 30 + 28, bonus 2: total 100.
Ranks: D 1, A 2, B 2, VP 4, C 5.

The Sở's own self-assessment (TuDanhGia, the province's index), with KyBaoCao's report numbers:
    1.1 kế hoạch (tự chấm 10, nguồn: kế hoạch)                                   10
    1.2 tỷ lệ hoàn thành: the plan's tasks in scope T1 T2 T3 T7 T8 T9, done T1 T2 T8 T9
        (T7 waits for B): 10×4/6 = 6,67
    1.3 báo cáo đúng hạn: quý I on time, 6 tháng late (16/6 > 15/6), quý III on the due day,
        năm not yet due on 12/12: 10×2/3 = 6,67
    2.1 tự chấm 35 with two documents typed        2.2 not scored: 0          total 58,34
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import minibook
from minibook import D

from pipeline.xlsx import SheetData

TODAY = dt.date(2025, 12, 12)
UNITS = [("VP", "Văn phòng", "", "phòng"), ("A", "Phòng A", "", "phòng"), ("B", "Phòng B", "", "phòng"),
         ("C", "Phòng C", "", "phòng"), ("D", "Phòng D", "", "chi cục")]
TASKS = [
    minibook.task("T1", "A", "Quý I/2025", support="C"),
    minibook.task("T2", "A", "Quý II/2025"),
    minibook.task("T3", "A", "Quý III/2025"),
    minibook.task("T4", "A", "Năm 2026"),
    minibook.task("T5", "A", "Theo lộ trình của UBND tỉnh"),
    minibook.task("T6", "A", "Quý IV/2025"),
    minibook.task("T7", "A; B", "Quý II/2025"),
    minibook.task("T8", "B", "Thường xuyên"),
    minibook.task("T9", "D", "Quý I/2025", section="Cải cách thủ tục hành chính"),
]


def e(tid: str, unit: str, period: int, status: str, done: dt.date | None = None, evidence: str = "",
      note: str = "") -> list:
    return [tid, unit, period, status, 100 if status == "Đã hoàn thành" else 50, "", evidence, done, "", note]


ENTRIES = [
    e("T1", "A", 1, "Đã hoàn thành", D(2025, 3, 1), "Công văn số 1/STN-A ngày 01/3/2025"),
    e("T2", "A", 2, "Đang thực hiện"),
    e("T2", "A", 3, "Đã hoàn thành", D(2025, 7, 15)),
    e("T3", "A", 3, "Đang thực hiện"),
    e("T4", "A", 3, "Chưa thực hiện"),
    e("T6", "A", 4, "Không thực hiện", note="Dừng theo chỉ đạo của UBND tỉnh"),
    e("T7", "A", 2, "Đã hoàn thành", D(2025, 5, 1), "Quyết định số 7/QĐ-STN ngày 01/5/2025"),
    e("T7", "B", 3, "Đang thực hiện"),
    e("T8", "B", 4, "Đã hoàn thành", evidence="Báo cáo số 8/BC-STN"),
    e("T9", "D", 1, "Đã hoàn thành", D(2025, 2, 10), "Kế hoạch số 9/KH-STN"),
]
RECEIPTS = [
    ["A", 1, D(2025, 3, 8)], ["A", 2, D(2025, 6, 12)], ["A", 3, D(2025, 9, 10)],
    ["B", 1, D(2025, 3, 10)], ["B", 2, D(2025, 6, 10)], ["B", 3, D(2025, 9, 9)], ["B", 4, D(2025, 12, 10)],
    ["D", 1, D(2025, 3, 1)], ["D", 2, D(2025, 6, 1)], ["D", 3, D(2025, 9, 1)], ["D", 4, D(2025, 12, 1)],
]
CRITERIA_HEAD = ["Mã", "Mã cha", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Tài liệu kiểm chứng cần có",
                 "Khi không phát sinh"]
CRITERIA = [
    ["1", "", "Thực hiện nhiệm vụ", 40, "", "", ""],
    ["1.1", "1", "Tỷ lệ nhiệm vụ chủ trì hoàn thành", 10, "tỷ lệ hoàn thành", "", ""],
    ["1.2", "1", "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", 10, "tỷ lệ đúng hạn", "", ""],
    ["1.3", "1", "Nhiệm vụ hoàn thành có văn bản minh chứng", 6, "tỷ lệ có minh chứng", "", "0 điểm"],
    ["1.4", "1", "Gửi báo cáo đúng hạn", 14, "báo cáo đúng hạn", "", ""],
    ["2", "", "Công tác khác", 60, "", "", ""],
    ["2.1", "2", "Tuyên truyền cải cách hành chính", 30, "tự chấm", "Kế hoạch, báo cáo tuyên truyền", ""],
    ["2.2", "2", "Chấp hành kỷ luật, kỷ cương", 30, "tự chấm", "", ""],
    ["3", "", "Điểm thưởng", 5, "điểm thưởng", "", ""],
    ["3.1", "3", "Sáng kiến cải cách hành chính", 3, "", "Quyết định công nhận sáng kiến", ""],
    ["3.2", "3", "Được khen thưởng về cải cách hành chính", 3, "", "", ""],
    ["4", "", "Điểm trừ", 10, "điểm trừ", "", ""],
    ["4.1", "4", "Vi phạm kỷ luật hành chính", 10, "", "", ""],
]
SCORE_HEAD = ["Đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Giải trình", "Tài liệu kiểm chứng", "Điểm thẩm định",
              "Ý kiến thẩm định"]
SCORES = [
    ["A", "2.1", 28, "Đã tổ chức 2 hội nghị", "Kế hoạch số 3/KH-A", 25, "Thiếu báo cáo kết quả tuyên truyền"],
    ["A", "2.2", 30, "", "Báo cáo số 4/BC-A", None, ""],
    ["A", "3.1", 3, "", "Quyết định số 5/QĐ-STN", None, ""],
    ["A", "3.2", 3, "", "Giấy khen", None, ""],
    ["B", "2.1", 30, "", "Kế hoạch số 6/KH-B", None, ""],
    ["B", "2.2", 30, "", "", 23.5, "Chưa có tài liệu kiểm chứng"],
    ["VP", "2.1", 23, "", "", None, ""],
    ["VP", "2.2", 23, "", "", None, ""],
    ["C", "4.1", None, "", "", 2, "Chậm nộp hồ sơ thi đua"],
    ["D", "2.1", 30, "", "", None, ""],
    ["D", "2.2", 28, "", "", None, ""],
    ["D", "3.2", 2, "", "Bằng khen", 2, ""],
]
REMARKS = [["B", "Ưu điểm", "Chủ động tham mưu các văn bản thường xuyên, đúng hạn."]]
INFO = [("Số quyết định", "12"), ("Ngày quyết định", "05/01/2025"), ("Hạn đánh giá, xếp loại", D(2025, 12, 15)),
        ("Hạn đơn vị tự đánh giá", D(2025, 11, 30))]


OWN_HEAD = [*CRITERIA_HEAD, "Nguồn minh chứng", "Điểm tự chấm", "Giải trình", "Tài liệu kiểm chứng"]
OWN = [
    ["1", "", "Công tác chỉ đạo, điều hành", 30, "", "", "", "", None, "", ""],
    ["1.1", "1", "Ban hành kế hoạch cải cách hành chính năm", 10, "tự chấm", "Quyết định ban hành", "", "kế hoạch",
     10, "", ""],
    ["1.2", "1", "Mức độ hoàn thành kế hoạch", 10, "tỷ lệ hoàn thành", "", "", "", None, "", ""],
    ["1.3", "1", "Báo cáo cải cách hành chính định kỳ đúng hạn", 10, "báo cáo đúng hạn", "", "", "", None, "", ""],
    ["2", "", "Cải cách thủ tục hành chính", 70, "", "", "", "", None, "", ""],
    ["2.1", "2", "Công khai thủ tục hành chính", 40, "tự chấm", "", "", "", 35, "Còn 2 thủ tục chưa cập nhật",
     "Quyết định số 20/QĐ-STN công bố thủ tục hành chính\nBáo cáo rà soát thủ tục hành chính"],
    ["2.2", "2", "Giải quyết hồ sơ đúng hạn", 30, "tự chấm", "", "", "", None, "", ""],
]
PERIOD_HEAD = ["Kỳ", "Tên kỳ", "Hạn đơn vị báo cáo", "Chốt số liệu từ", "Chốt số liệu đến", "Hạn gửi Sở Nội vụ",
               "Số báo cáo", "Ngày báo cáo"]
PERIODS = [[*minibook.PERIODS[0], D(2025, 3, 15), "5", "12/3/2025"],
           [*minibook.PERIODS[1], D(2025, 6, 15), "10", "16/6/2025"],
           [*minibook.PERIODS[2], D(2025, 9, 15), "15", "15/9/2025"],
           [*minibook.PERIODS[3], D(2025, 12, 20), "", ""]]


def extra_sheets(criteria: list[list] | None = None, scores: list[list] | None = None,
                 bands: list[list] | None = None, own: list[list] | None = None) -> list[SheetData]:
    sheets = [
        SheetData("NhanPhieu", ["Đơn vị", "Kỳ", "Ngày báo cáo", "Tệp", "Thời điểm nhập"],
                  [[*r, "", ""] for r in RECEIPTS]),
        SheetData("TieuChi", CRITERIA_HEAD, CRITERIA if criteria is None else criteria),
        SheetData("DiemDanhGia", SCORE_HEAD, SCORES if scores is None else scores),
        SheetData("NhanXetDonVi", ["Đơn vị", "Mục", "Nội dung"], REMARKS),
    ]
    if bands is not None:
        sheets.append(SheetData("XepLoai", ["Xếp loại", "Điểm từ", "Ghi chú"], bands))
    sheets.append(SheetData("TuDanhGia", OWN_HEAD, OWN if own is None else own))
    return sheets


def write(path: Path, **changes) -> Path:
    """The workbook above; `criteria`, `scores`, `bands`, `entries`, `info` replace their part."""
    info = [*INFO, *changes.pop("info", [])]
    entries = changes.pop("entries", ENTRIES)
    periods = SheetData("KyBaoCao", PERIOD_HEAD, PERIODS)
    return minibook.write(path, TASKS, entries, info, units=UNITS, extra=extra_sheets(**changes),
                          replace={"KyBaoCao": periods})
