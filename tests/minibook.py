"""Small hand-built workbooks for tests: the contract's sheets with only what a case needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.xlsx import SheetData, write_workbook

D = dt.date

THONG_TIN = [
    ("Cơ quan chủ quản", "UBND TỈNH THỬ NGHIỆM"),
    ("Cơ quan ban hành", "SỞ THỬ NGHIỆM"),
    ("Tên cơ quan trong câu", "Sở Thử nghiệm"),
    ("Tên viết tắt", "STN"),
    ("Địa danh", "Thử Nghiệm"),
    ("Tên tỉnh", "Thử Nghiệm"),
    ("Năm kế hoạch", 2025),
    ("Chức danh người đứng đầu", "Giám đốc"),
    ("Trích yếu quyết định", "Ban hành Kế hoạch cải cách hành chính năm {năm}"),
    ("Trích yếu kế hoạch", "Cải cách hành chính năm {năm}"),
    ("Điều", "Ban hành kèm theo Quyết định này Kế hoạch"),
    ("Chức vụ người ký", "GIÁM ĐỐC"),
    ("Đơn vị soạn thảo", "VP"),
]
UNITS = [("VP", "Văn phòng", "", "phòng"), ("A", "Phòng A", "", "phòng"), ("B", "Phòng B", "", "phòng")]
PERIODS = [
    (1, "quý I", D(2025, 3, 10), D(2024, 12, 15), D(2025, 3, 14)),
    (2, "6 tháng đầu năm", D(2025, 6, 10), D(2024, 12, 15), D(2025, 6, 14)),
    (3, "quý III", D(2025, 9, 10), D(2025, 6, 15), D(2025, 9, 14)),
    (4, "năm", D(2025, 12, 10), D(2024, 12, 15), D(2025, 12, 14)),
]
TASK_HEAD = ["Mã", "Lĩnh vực", "Nhiệm vụ", "Phân công và cách thức thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp",
             "Thời gian", "Kết quả/sản phẩm"]
ENTRY_HEAD = ["Mã nhiệm vụ", "Đơn vị", "Kỳ", "Trạng thái", "Tỷ lệ (%)", "Kết quả thực hiện", "Văn bản/minh chứng",
              "Ngày hoàn thành", "Khó khăn, vướng mắc", "Ghi chú"]


def task(tid: str, lead: str, deadline: str, section: str = "Cải cách thể chế", support: str = "") -> list:
    return [tid, section, f"Nhiệm vụ {tid}", f"{lead} chủ trì", lead, support, deadline, "Văn bản"]


def entry(tid: str, unit: str, period: int, status: str, pct=None, done=None, note: str = "") -> list:
    return [tid, unit, period, status, pct, "", "", done, "", note]


def write(path: Path, tasks: list[list], entries: list[list], info: list[tuple] = (), remarks: list[list] = (),
          *, units: list[tuple] | None = None, extra: list[SheetData] = (),
          replace: dict[str, SheetData] | None = None) -> Path:
    """`units` replaces DonVi's rows; `extra` sheets are added after the contract's (NhanPhieu, TieuChi …);
    `replace` gives a sheet of its own by name (a KyBaoCao with report numbers …)."""
    fields = dict(THONG_TIN)
    fields.update(dict(info))
    sheets = [
        SheetData("ThongTin", ["Trường", "Giá trị"], [list(kv) for kv in fields.items()]),
        SheetData("DonVi", ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại"], [list(u) for u in units or UNITS]),
        SheetData("NhiemVu", TASK_HEAD, tasks),
        SheetData("NoiDung", ["Kiểu", "Nội dung"], [["Đoạn", "Nội dung kế hoạch năm {năm}."]]),
        SheetData("ChiTieu", ["Mã", "Mục tiêu", "Chỉ tiêu", "So sánh", "Giá trị", "Đơn vị tính"], []),
        SheetData("KyBaoCao", ["Kỳ", "Tên kỳ", "Hạn đơn vị báo cáo", "Chốt số liệu từ", "Chốt số liệu đến"],
                  [list(p) for p in PERIODS]),
        SheetData("TienDo", ENTRY_HEAD, entries),
        SheetData("NhanXet", ["Kỳ", "Mục", "Nội dung"], list(remarks)),
        *extra,
    ]
    sheets = [(replace or {}).get(s.name, s) for s in sheets]
    return write_workbook(path, sheets)
