"""The workbooks the units fill and send back: the status form (`cchc forms`, with its
figures sheet) and the self-assessment form (`cchc forms --danh-gia`)."""

from __future__ import annotations

from pipeline.schema.contract import Column, Kind, SheetSpec
from pipeline.schema.sheets import _SELF_COLUMNS

# ---------------------------------------------------------------------------
# The per-unit form (`cchc forms` writes it, `cchc collect` reads it back). Its data
# sheet has the TienDo entry columns after read-only task columns; a hidden sheet
# `_cchc` identifies the unit, period, year and agency it was made for.

FORM_DATA_SHEET = "TienDo"
FORM_HELP_SHEET = "HuongDan"
FORM_META_SHEET = "_cchc"
FORM_KIND = "phiếu báo cáo tiến độ CCHC"
FORM_REPORT_DATE = "Ngày báo cáo"  # the label beside the cell the unit fills, above the table

PHIEU_TIEN_DO = SheetSpec(
    FORM_DATA_SHEET,
    "phiếu báo cáo tiến độ",
    (
        Column("task", "Mã nhiệm vụ", required=True, nonempty=True),
        Column("section", "Lĩnh vực"),
        Column("text", "Nhiệm vụ"),
        Column("role", "Vai trò (Chủ trì/Phối hợp)", aliases=("Vai trò",)),
        Column("deadline", "Thời gian"),
        Column("status", "Trạng thái", required=True),
        Column("percent", "Tỷ lệ (%)", required=True, kind=Kind.PERCENT),
        Column("result", "Kết quả thực hiện", required=True),
        Column("evidence", "Văn bản/minh chứng", required=True),
        Column("done_on", "Ngày hoàn thành", required=True, kind=Kind.DATE),
        Column("issues", "Khó khăn, vướng mắc", required=True),
        Column("note", "Ghi chú", required=True),
    ),
)
PHIEU_META = SheetSpec(
    FORM_META_SHEET,
    "thông tin nhận diện phiếu",
    (Column("key", "Khóa", required=True), Column("value", "Giá trị", required=True)),
)
# The form's second sheet: the unit's own figures for the indicators it reports (ChiSo).
FORM_FIGURES_SHEET = "SoLieu"
PHIEU_SO_LIEU = SheetSpec(
    FORM_FIGURES_SHEET,
    "số liệu của đơn vị",
    (
        Column("code", "Mã chỉ số", required=True, nonempty=True),
        Column("area", "Nhóm"),
        Column("name", "Chỉ số"),
        Column("unit", "Đơn vị tính"),
        Column("value", "Số liệu của đơn vị", required=True, kind=Kind.NUMBER, aliases=("Giá trị",)),
        Column("note", "Ghi chú", required=True),
    ),
    optional=True,
)
FORM_SPECS: dict[str, SheetSpec] = {s.name: s for s in (PHIEU_META, PHIEU_TIEN_DO, PHIEU_SO_LIEU)}
# Entry columns the unit fills, in the form's order (keys of TIEN_DO and PHIEU_TIEN_DO).
ENTRY_KEYS = ("status", "percent", "result", "evidence", "done_on", "issues", "note")

# The self-assessment form (`cchc forms --danh-gia`, issue 13), laid out like the status form; its
# criteria columns are TieuChi's, its score columns DiemDanhGia's.
ASSESS_DATA_SHEET = "DanhGia"
ASSESS_KIND = "phiếu tự đánh giá CCHC"
ASSESS_DATE = "Ngày tự đánh giá"
PHIEU_DANH_GIA = SheetSpec(ASSESS_DATA_SHEET, "phiếu tự đánh giá", (
    Column("criterion", "Mã tiêu chí", required=True, nonempty=True), Column("name", "Tiêu chí"),
    Column("maximum", "Điểm tối đa", kind=Kind.NUMBER), Column("method", "Cách chấm"),
    Column("asked", "Tài liệu kiểm chứng cần có"),
    *(Column(c.key, c.header, required=True, kind=c.kind) for c in _SELF_COLUMNS),
    Column("computed", "Cách tính điểm tự động")))
ASSESS_SPECS: dict[str, SheetSpec] = {s.name: s for s in (PHIEU_META, PHIEU_DANH_GIA)}
