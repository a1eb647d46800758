"""The clerk's workbook, sheet by sheet: names, headers and aliases, and which sheets
each command reads. Optional sheets may be absent; a command reads only what it needs."""

from __future__ import annotations

from dataclasses import replace

from pipeline.schema.contract import Column, Kind, SheetSpec

THONG_TIN = SheetSpec(
    "ThongTin",
    "thông tin cơ quan và văn bản",
    (
        Column("field", "Trường", required=True, aliases=("Thông tin", "Mục")),
        Column("value", "Giá trị", required=True, aliases=("Nội dung",)),
        Column("note", "Ghi chú", aliases=("Hướng dẫn",)),
    ),
)

DON_VI = SheetSpec(
    "DonVi",
    "danh sách đơn vị",
    (
        Column("code", "Mã đơn vị", required=True, nonempty=True, aliases=("Mã",)),
        Column("name", "Tên đơn vị", required=True, nonempty=True, aliases=("Đơn vị",)),
        Column("aliases", "Tên gọi khác", aliases=("Tên khác", "Bí danh")),
        Column("type", "Loại", required=True, nonempty=True, aliases=("Loại đơn vị",)),
    ),
)

NHIEM_VU = SheetSpec(
    "NhiemVu",
    "danh mục nhiệm vụ",
    (
        Column("id", "Mã", required=True, nonempty=True, aliases=("Mã nhiệm vụ",)),
        Column("section", "Lĩnh vực", required=True, nonempty=True, aliases=("Nhóm nhiệm vụ", "Mục")),
        Column("task", "Nhiệm vụ", required=True, nonempty=True, aliases=("Tên nhiệm vụ", "Nội dung")),
        Column(
            "assignment",
            "Phân công và cách thức thực hiện",
            required=True,
            aliases=("Phân công", "Cách thức thực hiện"),
        ),
        Column("lead", "Đơn vị chủ trì", required=True, nonempty=True, aliases=("Chủ trì",)),
        Column("support", "Đơn vị phối hợp", required=True, aliases=("Phối hợp",)),
        Column(
            "deadline",
            "Thời gian",
            required=True,
            nonempty=True,
            aliases=("Thời gian hoàn thành", "Thời hạn", "Thời hạn hoàn thành", "Thời gian thực hiện"),
        ),
        Column(
            "product",
            "Kết quả/sản phẩm",
            required=True,
            aliases=("Kết quả/sản phẩm đạt được", "Sản phẩm", "Kết quả", "Sản phẩm dự kiến"),
        ),
        # Issue 12: a task dropped after the plan is issued is marked here, not deleted.
        Column("state", "Tình trạng nhiệm vụ", aliases=("Tình trạng", "Hiệu lực")),
        Column("reason", "Lý do điều chỉnh", aliases=("Lý do", "Lý do sửa đổi, bổ sung", "Lý do sửa đổi")),
        # Optional: overrides how the Thời gian text is read (DEADLINE_TYPE_WORDS).
        Column("deadline_type", "Loại thời hạn", aliases=("Loại hạn", "Kiểu thời hạn")),
    ),
)

NOI_DUNG = SheetSpec(
    "NoiDung",
    "nội dung Kế hoạch",
    (
        Column("kind", "Kiểu", required=True, nonempty=True),
        Column("text", "Nội dung", required=True, nonempty=True),
    ),
)

CHI_TIEU = SheetSpec(
    "ChiTieu",
    "chỉ tiêu của Kế hoạch",
    (
        Column("code", "Mã", required=True, nonempty=True),
        Column("target", "Mục tiêu", aliases=("Mục tiêu số",)),
        Column("name", "Chỉ tiêu", required=True, nonempty=True),
        Column("op", "So sánh", required=True, nonempty=True),
        Column("value", "Giá trị", required=True, nonempty=True, kind=Kind.NUMBER),
        Column("unit", "Đơn vị tính", aliases=("Đơn vị",)),
        Column("actual1", "Kết quả quý I", kind=Kind.NUMBER, aliases=("Kỳ 1", "Quý I")),
        Column("actual2", "Kết quả 6 tháng", kind=Kind.NUMBER, aliases=("Kỳ 2", "6 tháng")),
        Column("actual3", "Kết quả quý III", kind=Kind.NUMBER, aliases=("Kỳ 3", "Quý III", "9 tháng")),
        Column("actual4", "Kết quả năm", kind=Kind.NUMBER, aliases=("Kỳ 4", "Năm")),
    ),
)

KY_BAO_CAO = SheetSpec(
    "KyBaoCao",
    "lịch báo cáo định kỳ",
    (
        Column("period", "Kỳ", required=True, nonempty=True, kind=Kind.PERIOD),
        Column("name", "Tên kỳ", required=True, nonempty=True),
        Column("unit_due", "Hạn đơn vị báo cáo", required=True, kind=Kind.DATE),
        Column("cutoff_from", "Chốt số liệu từ", required=True, nonempty=True, kind=Kind.DATE),
        Column("cutoff_to", "Chốt số liệu đến", required=True, nonempty=True, kind=Kind.DATE),
        Column("due", "Hạn gửi Sở Nội vụ", kind=Kind.DATE, aliases=("Hạn gửi báo cáo",)),
        Column("number", "Số báo cáo"),
        Column("date", "Ngày báo cáo", kind=Kind.PARTIAL_DATE),
        # Optional: the request the report answers, cited in its opening.
        Column("request", "Văn bản yêu cầu báo cáo",
               aliases=("Văn bản yêu cầu", "Công văn yêu cầu", "Công văn yêu cầu báo cáo")),
    ),
)

TIEN_DO = SheetSpec(
    "TienDo",
    "tiến độ do đơn vị báo cáo",
    (
        Column("task", "Mã nhiệm vụ", required=True, nonempty=True, aliases=("Mã",)),
        Column("unit", "Đơn vị", required=True, nonempty=True, aliases=("Mã đơn vị",)),
        Column("period", "Kỳ", required=True, nonempty=True, kind=Kind.PERIOD, aliases=("Kỳ báo cáo",)),
        Column("status", "Trạng thái", required=True, nonempty=True, aliases=("Tình trạng",)),
        Column("percent", "Tỷ lệ (%)", kind=Kind.PERCENT, aliases=("Tỷ lệ", "Tỷ lệ hoàn thành")),
        Column("result", "Kết quả thực hiện", aliases=("Kết quả",)),
        Column("evidence", "Văn bản/minh chứng", aliases=("Minh chứng", "Văn bản")),
        Column("done_on", "Ngày hoàn thành", kind=Kind.DATE),
        Column("issues", "Khó khăn, vướng mắc", aliases=("Khó khăn",)),
        Column("note", "Ghi chú"),
    ),
)

NHAN_XET = SheetSpec(
    "NhanXet",
    "nhận xét của Văn phòng",
    (
        Column("period", "Kỳ", required=True, nonempty=True, kind=Kind.PERIOD),
        Column("part", "Mục", required=True, nonempty=True),
        Column("text", "Nội dung", required=True, nonempty=True),
    ),
)

# Forms received from the units (`cchc collect` writes it; absent until the first form arrives).
NHAN_PHIEU = SheetSpec(
    "NhanPhieu",
    "nhật ký nhận phiếu báo cáo của đơn vị",
    (
        Column("unit", "Đơn vị", required=True, nonempty=True, aliases=("Mã đơn vị",)),
        Column("period", "Kỳ", required=True, nonempty=True, kind=Kind.PERIOD),
        Column("date", "Ngày báo cáo", required=True, nonempty=True, kind=Kind.DATE),
        Column("file", "Tệp", aliases=("Tên tệp",)),
        Column("imported_at", "Thời điểm nhập"),
    ),
    optional=True,
)

# ---------------------------------------------------------------------------
# Starting the year (issue 11): the units' own CCHC plans. DonVi says which units write
# a plan of their own and how it is signed; KeHoachDonVi registers the plans received
# (the deadline is a ThongTin field, below).

UNIT_PLAN_COLUMNS = (
    Column("own_plan", "Lập kế hoạch CCHC riêng", aliases=("Kế hoạch riêng", "Có kế hoạch riêng")),
    Column("head", "Chức danh thủ trưởng", aliases=("Chức danh người đứng đầu", "Thủ trưởng")),
    Column("abbr", "Ký hiệu văn bản", aliases=("Tên viết tắt", "Viết tắt")),
    Column("requirement", "Yêu cầu đối với kế hoạch của đơn vị", aliases=("Yêu cầu riêng", "Yêu cầu")),
)
DON_VI = replace(DON_VI, columns=(*DON_VI.columns, *UNIT_PLAN_COLUMNS))

KE_HOACH_DON_VI = SheetSpec(
    "KeHoachDonVi",
    "sổ theo dõi kế hoạch CCHC của các đơn vị",
    (
        Column("unit", "Đơn vị", required=True, nonempty=True, aliases=("Mã đơn vị",)),
        Column("number", "Số kế hoạch", aliases=("Số", "Số, ký hiệu")),
        Column("date", "Ngày kế hoạch", kind=Kind.DATE, aliases=("Ngày ban hành",)),
        Column("received", "Ngày nhận", kind=Kind.DATE, aliases=("Ngày Văn phòng nhận", "Ngày nhận được")),
        Column("note", "Ghi chú"),
    ),
    optional=True,
)
# The column `cchc new-year` adds to NhiemVu: the old year's status of each unfinished task,
# for the clerk to decide what to keep. Not read back (an extra column, ignored).
CARRIED_HEADER = "Chuyển từ năm trước"

# -- Issue 12: the plan as issued, and its amendments --------------------------------------
# BanHanh: every issued version of the plan, written by `cchc plan` (version 0) and
# `cchc amend` (version N) once the decision has its số and date; protected, never typed.
BAN_HANH = SheetSpec(
    "BanHanh",
    "các bản Kế hoạch đã ban hành (chương trình tự ghi)",
    (
        Column("version", "Lần", required=True, nonempty=True, kind=Kind.INT),
        Column("decision_no", "Số quyết định", required=True, nonempty=True),
        Column("date", "Ngày quyết định", required=True, nonempty=True, kind=Kind.DATE),
        Column("id", "Mã", required=True, nonempty=True),
        Column("section_no", "Mục", required=True, nonempty=True),
        Column("stt", "STT", required=True, nonempty=True, kind=Kind.INT),
        Column("section", "Lĩnh vực", required=True, nonempty=True),
        Column("task", "Nhiệm vụ", required=True, nonempty=True),
        Column("assignment", "Phân công và cách thức thực hiện", required=True),
        Column("lead", "Đơn vị chủ trì", required=True),
        Column("support", "Đơn vị phối hợp", required=True),
        Column("deadline", "Thời gian", required=True),
        Column("product", "Kết quả/sản phẩm", required=True),
        Column("state", "Tình trạng nhiệm vụ", required=True),
        Column("change", "Thay đổi ở lần này"),
        Column("reason", "Lý do điều chỉnh"),
    ),
    optional=True,
)
# SuaDoi: the register of amendments (lần 1, 2 …): `cchc amend` adds the row of a new
# draft; the clerk writes its số and date once signed.
SUA_DOI = SheetSpec(
    "SuaDoi",
    "các Quyết định sửa đổi, bổ sung Kế hoạch",
    (
        Column("number", "Lần", required=True, nonempty=True, kind=Kind.INT, aliases=("Lần sửa đổi",)),
        Column("decision_no", "Số quyết định", required=True, aliases=("Số",)),
        Column("date", "Ngày quyết định", required=True, kind=Kind.PARTIAL_DATE, aliases=("Ngày",)),
        Column("summary", "Trích yếu"),
        Column("grounds", "Căn cứ thêm", aliases=("Căn cứ",)),
        Column("note", "Ghi chú"),
    ),
    optional=True,
)
RECORD_SHEETS = ("BanHanh", "SuaDoi")
# ---------------------------------------------------------------------------------------

# -- the figures annex (phụ lục số liệu) -------------------------------------------------
# ChiSo lists the indicators Sở Nội vụ's biểu asks for (it is re-issued most years, so the
# list is data) with the figures Văn phòng itself gathers; SoLieuDonVi holds each unit's
# figures, which `collect` takes from the second sheet of the units' forms. Both optional.

CHI_SO = SheetSpec(
    "ChiSo",
    "chỉ số của phụ lục số liệu",
    (
        Column("code", "Mã chỉ số", required=True, nonempty=True, aliases=("Mã",)),
        Column("area", "Nhóm", required=True, nonempty=True, aliases=("Lĩnh vực", "Nhóm chỉ số")),
        Column("name", "Chỉ số", required=True, nonempty=True, aliases=("Tên chỉ số", "Chỉ tiêu")),
        Column("unit", "Đơn vị tính", aliases=("ĐVT",)),
        Column("kind", "Loại", required=True, nonempty=True, aliases=("Loại chỉ số",)),
        Column("numerator", "Tử số"),
        Column("denominator", "Mẫu số"),
        Column("by_units", "Đơn vị báo cáo", aliases=("Các đơn vị báo cáo", "Đơn vị báo cáo qua phiếu")),
        Column("value1", "Số liệu quý I", kind=Kind.NUMBER, aliases=("Quý I", "Kỳ 1")),
        Column("value2", "Số liệu 6 tháng", kind=Kind.NUMBER, aliases=("6 tháng", "Kỳ 2")),
        Column("value3", "Số liệu quý III", kind=Kind.NUMBER, aliases=("Quý III", "9 tháng", "Kỳ 3")),
        Column("value4", "Số liệu năm", kind=Kind.NUMBER, aliases=("Năm", "Kỳ 4")),
        Column("note", "Ghi chú"),
    ),
    optional=True,
)

SO_LIEU_DON_VI = SheetSpec(
    "SoLieuDonVi",
    "số liệu do đơn vị báo cáo",
    (
        Column("indicator", "Mã chỉ số", required=True, nonempty=True, aliases=("Mã",)),
        Column("unit", "Đơn vị", required=True, nonempty=True, aliases=("Mã đơn vị",)),
        Column("period", "Kỳ", required=True, nonempty=True, kind=Kind.PERIOD),
        Column("value", "Giá trị", required=True, nonempty=True, kind=Kind.NUMBER, aliases=("Số liệu",)),
        Column("note", "Ghi chú"),
    ),
    optional=True,
)
FIGURE_SHEETS = ("ChiSo", "SoLieuDonVi")

SHEETS: dict[str, SheetSpec] = {
    s.name: s for s in (THONG_TIN, DON_VI, NHIEM_VU, NOI_DUNG, CHI_TIEU, KY_BAO_CAO, TIEN_DO, NHAN_XET, NHAN_PHIEU,
                        KE_HOACH_DON_VI, BAN_HANH, SUA_DOI, CHI_SO, SO_LIEU_DON_VI)
}

# Which sheets each document needs; a command reads and validates only these.
PLAN_SHEETS = ("ThongTin", "DonVi", "NhiemVu", "NoiDung", "ChiTieu", "KyBaoCao", *RECORD_SHEETS)
APPENDIX_SHEETS = ("ThongTin", "DonVi", "NhiemVu", *RECORD_SHEETS)
# The quý I report counts the units' plans (KeHoachDonVi); the figures annex reads ChiSo, SoLieuDonVi.
REPORT_SHEETS = (*PLAN_SHEETS, "TienDo", "NhanXet", "KeHoachDonVi", *FIGURE_SHEETS)
# `cchc unit-plans`; `cchc calendar` (the units' plans awaited, besides the periods).
UNIT_PLAN_SHEETS = ("ThongTin", "DonVi", "NhiemVu", "KyBaoCao", *RECORD_SHEETS)
# The calendar also says who is late past a unit deadline: the tasks (as in force), TienDo, NhanPhieu.
CALENDAR_SHEETS = ("ThongTin", "KyBaoCao", "DonVi", "KeHoachDonVi", "NhiemVu", "TienDo", "NhanPhieu", *RECORD_SHEETS)
FORM_SHEETS = ("ThongTin", "DonVi", "NhiemVu", "KyBaoCao", "TienDo", *RECORD_SHEETS, *FIGURE_SHEETS)
AMEND_SHEETS = ("ThongTin", "DonVi", "NhiemVu", *RECORD_SHEETS)
# `cchc validate` and `cchc collect`: the whole workbook, optional sheets when present.
WORKBOOK_SHEETS: tuple[str, ...] = (*REPORT_SHEETS, "NhanPhieu")


# ---------------------------------------------------------------------------
# The year-end evaluation (issue 13): the units' criteria and bands, their self-scores and
# the appraisal, the log of self-assessment forms taken, the clerk's comments per unit, and
# the Sở's own self-assessment against the province's index. All optional: a workbook
# without them serves every other command.

_CRITERION_COLUMNS = (
    Column("code", "Mã", required=True, nonempty=True, aliases=("Mã tiêu chí",)),
    Column("parent", "Mã cha", aliases=("Thuộc", "Tiêu chí cha")),
    Column("name", "Tiêu chí", required=True, nonempty=True, aliases=("Tên tiêu chí", "Nội dung tiêu chí")),
    Column("maximum", "Điểm tối đa", required=True, nonempty=True, kind=Kind.NUMBER, aliases=("Điểm chuẩn",)),
    Column("method", "Cách chấm", required=True, aliases=("Cách tính điểm", "Phương pháp chấm")),
    Column("asked", "Tài liệu kiểm chứng cần có", aliases=("Yêu cầu tài liệu kiểm chứng",)),
    Column("empty", "Khi không phát sinh", aliases=("Không phát sinh",)),
    Column("sources", "Nguồn minh chứng", aliases=("Minh chứng từ sổ",)),
)
TIEU_CHI = SheetSpec("TieuChi", "bộ tiêu chí đánh giá các đơn vị", _CRITERION_COLUMNS, optional=True)
XEP_LOAI = SheetSpec("XepLoai", "mức xếp loại", (
    Column("name", "Xếp loại", required=True, nonempty=True, aliases=("Loại", "Mức xếp loại")),
    Column("lower", "Điểm từ", required=True, nonempty=True, kind=Kind.NUMBER, aliases=("Từ điểm", "Mức dưới")),
    Column("note", "Ghi chú", aliases=("Nguồn",))), optional=True)
_SELF_COLUMNS = (
    Column("score", "Điểm tự chấm", kind=Kind.NUMBER, aliases=("Tự chấm",)),
    Column("explanation", "Giải trình", aliases=("Giải trình, thuyết minh",)),
    Column("evidence", "Tài liệu kiểm chứng", aliases=("Tài liệu kiểm chứng đã có",)),
)
_UNIT = Column("unit", "Đơn vị", required=True, nonempty=True, aliases=("Mã đơn vị",))
DIEM_DANH_GIA = SheetSpec("DiemDanhGia", "điểm tự chấm và thẩm định của các đơn vị", (
    _UNIT, Column("criterion", "Mã tiêu chí", required=True, nonempty=True), *_SELF_COLUMNS,
    Column("appraised", "Điểm thẩm định", kind=Kind.NUMBER, aliases=("Thẩm định",)),
    Column("note", "Ý kiến thẩm định", aliases=("Lý do thẩm định",))), optional=True)
NHAN_DANH_GIA = SheetSpec("NhanDanhGia", "nhật ký nhận phiếu tự đánh giá của đơn vị", (
    _UNIT, Column("date", "Ngày tự đánh giá", required=True, nonempty=True, kind=Kind.DATE),
    Column("file", "Tệp", aliases=("Tên tệp",)), Column("imported_at", "Thời điểm nhập")), optional=True)
NHAN_XET_DON_VI = SheetSpec("NhanXetDonVi", "nhận xét của Văn phòng về từng đơn vị", (
    _UNIT, Column("part", "Mục", required=True, nonempty=True),
    Column("text", "Nội dung", required=True, nonempty=True)), optional=True)
TU_DANH_GIA = SheetSpec("TuDanhGia", "tự đánh giá, chấm điểm của Sở theo chỉ số của tỉnh",
                        (*_CRITERION_COLUMNS, *_SELF_COLUMNS), optional=True)
EVALUATION_SHEETS = ("TieuChi", "XepLoai", "DiemDanhGia", "NhanDanhGia", "NhanXetDonVi", "TuDanhGia")
SHEETS.update({s.name: s for s in (TIEU_CHI, XEP_LOAI, DIEM_DANH_GIA, NHAN_DANH_GIA, NHAN_XET_DON_VI, TU_DANH_GIA)})
WORKBOOK_SHEETS = (*WORKBOOK_SHEETS, *EVALUATION_SHEETS)
# `cchc evaluate`, `cchc self-assess` and the self-assessment forms.
EVALUATE_SHEETS = ("ThongTin", "DonVi", "NhiemVu", "KyBaoCao", "TienDo", "NhanPhieu", *EVALUATION_SHEETS)
