"""The workbook contract and the vocabularies: sheet names, column headers, ThongTin
fields, the words of each enum of `model`, placeholders, Roman numerals and the bounds
on what an input may cost.

Everything a clerk types lives in one .xlsx; this module is the single place that
names its parts. Headers and field names are matched with `text.header_key`
(NFC, case, spacing and tone placement do not matter), and each may have aliases
so a header reworded in an old copy of the workbook still reads.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from pipeline.model import (
    ChangeKind,
    Comparator,
    DeadlineKind,
    DeadlineType,
    EmptyScope,
    EvidenceSource,
    IndicatorKind,
    ParagraphKind,
    ReformArea,
    RemarkPart,
    ScoreMethod,
    Status,
    TaskClass,
    TaskState,
    UnitType,
)


class Kind(str, Enum):
    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    DATE = "date"
    PARTIAL_DATE = "partial_date"  # "05/01/2025", "01/2025" or blank: the văn thư fills the day
    PERIOD = "period"  # 1–4, "Quý III", "Q3", "III", "6 tháng", "năm"
    PERCENT = "percent"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False  # the column must exist
    nonempty: bool = False  # each data row must fill it
    kind: Kind = Kind.TEXT
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    title: str  # what the sheet is, for messages
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    optional: bool = False  # a missing sheet is no problem (read as absent)

    def column(self, key: str) -> Column:
        """The column of `key`; KeyError for a key the contract does not have (a typo in code)."""
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"{self.name} has no column {key!r}")


@dataclass(frozen=True)
class Field:
    """One row kind of the two-column ThongTin sheet (Trường | Giá trị)."""

    key: str
    label: str
    required: bool = False
    multi: bool = False  # one row per line, the label repeated (căn cứ, nơi nhận)
    kind: Kind = Kind.TEXT
    aliases: tuple[str, ...] = ()
    help: str = ""
    # Placeholders like {năm} are expanded in these fields.
    template: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


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
CALENDAR_SHEETS = ("ThongTin", "KyBaoCao", "DonVi", "KeHoachDonVi")
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


FIELDS: tuple[Field, ...] = (
    Field("chu_quan", "Cơ quan chủ quản", required=True, help="In hoa, ví dụ UBND TỈNH …"),
    Field("co_quan", "Cơ quan ban hành", required=True, help="In hoa, ví dụ SỞ NỘI VỤ"),
    Field("ten_co_quan", "Tên cơ quan trong câu", required=True, help="Viết thường như trong câu văn"),
    Field("viet_tat", "Tên viết tắt", required=True, help="Dùng trong số, ký hiệu: Số: …/QĐ-<viết tắt>"),
    Field("dia_danh", "Địa danh", required=True, help="Địa danh ghi trước ngày tháng"),
    Field("tinh", "Tên tỉnh", required=True, help="Dùng cho {tỉnh} trong nội dung"),
    Field("nam", "Năm kế hoạch", required=True, kind=Kind.INT),
    Field("nguoi_dung_dau", "Chức danh người đứng đầu", required=True, help="Ví dụ: Giám đốc"),
    Field("qd_so", "Số quyết định", help="Để trống khi chưa ban hành; văn thư ghi số khi ký"),
    Field("qd_ngay", "Ngày quyết định", kind=Kind.PARTIAL_DATE, help="dd/mm/yyyy, hoặc mm/yyyy khi chưa có ngày"),
    Field("qd_trich_yeu", "Trích yếu quyết định", required=True, template=True),
    Field("kh_trich_yeu", "Trích yếu kế hoạch", required=True, template=True),
    Field("can_cu", "Căn cứ", multi=True, template=True, help="Mỗi căn cứ một dòng, không ghi dấu ; cuối dòng"),
    Field("de_nghi", "Theo đề nghị của", template=True),
    # Not required: a draft may leave the Điều unwritten; `cchc plan` warns (derive.gaps).
    Field("dieu", "Điều", multi=True, template=True, help="Mỗi Điều một dòng, không ghi 'Điều 1.'"),
    Field("quyen_han", "Quyền hạn ký", help="KT., TM., Q., TL., TUQ. hoặc để trống"),
    Field("tham_quyen", "Chức vụ cấp trưởng", help="Ví dụ: GIÁM ĐỐC (dùng sau KT., Q., …)"),
    Field("chuc_vu", "Chức vụ người ký", required=True),
    Field("nguoi_ky", "Người ký", help="Để trống: giữ dòng trống để ghi tên khi ký"),
    Field("noi_nhan", "Nơi nhận", multi=True, template=True, help="Mỗi nơi nhận một dòng, không ghi '- ' và ';'"),
    Field("luu", "Đơn vị soạn thảo", required=True, aliases=("Lưu",), help="Ký hiệu ở dòng '- Lưu: VT, …'"),
    Field("kh_ky", "Kế hoạch có chữ ký", help="có/không (mặc định: không, theo mẫu văn bản ban hành kèm)"),
    Field(
        "pl_tieu_de",
        "Tiêu đề Phụ lục",
        template=True,
        help="Mặc định: NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN",
    ),
    Field("pl_kem_theo", "Dòng kèm theo Phụ lục", template=True, help="Không ghi dấu ngoặc"),
    Field("pl_huong", "Hướng trang Phụ lục", help="ngang (mặc định) hoặc dọc"),
    # The quarterly report (Báo cáo) has its own signer and recipients.
    Field("bc_trich_yeu", "Trích yếu báo cáo", template=True),
    Field("bc_kinh_gui", "Kính gửi", multi=True, template=True),
    Field("bc_quyen_han", "Quyền hạn ký báo cáo"),
    Field("bc_tham_quyen", "Chức vụ cấp trưởng (báo cáo)"),
    Field("bc_chuc_vu", "Chức vụ người ký báo cáo"),
    Field("bc_nguoi_ky", "Người ký báo cáo"),
    Field("bc_noi_nhan", "Nơi nhận báo cáo", multi=True, template=True),
    Field("bc_bieu_do", "Biểu đồ trong báo cáo",
          help="có/không (mặc định: không): biểu đồ tỷ lệ hoàn thành theo lĩnh vực sau phần II"),
    Field("ghi_chu", "Ghi chú về dữ liệu", multi=True, help="Ghi chú cho người dùng; không in ra văn bản"),
)

# Issue 11: when the units' own plans are due at Văn phòng (seed Part IV.3: before 20/01).
UNIT_PLAN_DUE = Field("kh_don_vi_han", "Hạn gửi kế hoạch của đơn vị", kind=Kind.DATE,
                      help="Hạn các chi cục, đơn vị sự nghiệp gửi Kế hoạch CCHC của đơn vị; mặc định 20/01")
UNIT_PLAN_DUE_DEFAULT = (1, 20)  # (month, day) of the plan year when ThongTin leaves it blank
FIELDS = (*FIELDS, UNIT_PLAN_DUE)
# The year-end evaluation's documents and deadlines (issue 13).
FIELDS += (
    Field("dg_han", "Hạn đánh giá, xếp loại", kind=Kind.DATE, help="Ví dụ 15/12/2025 (Kế hoạch giao Văn phòng)"),
    Field("tdg_han", "Hạn đơn vị tự đánh giá", kind=Kind.DATE, help="Hạn các đơn vị gửi phiếu tự đánh giá"),
    Field("dg_so", "Số báo cáo đánh giá"),
    Field("dg_ngay", "Ngày báo cáo đánh giá", kind=Kind.PARTIAL_DATE),
    Field("dg_noi_nhan", "Nơi nhận báo cáo đánh giá", multi=True, template=True),
    Field("xl_so", "Số quyết định xếp loại"),
    Field("xl_ngay", "Ngày quyết định xếp loại", kind=Kind.PARTIAL_DATE),
    Field("xl_can_cu", "Căn cứ quyết định xếp loại", multi=True, template=True,
          help="Mặc định: căn cứ Quyết định ban hành Kế hoạch"),
    Field("xl_de_nghi", "Đề nghị xếp loại", template=True, help="Theo đề nghị của …; mặc định: như Kế hoạch"),
    Field("xl_dieu", "Điều quyết định xếp loại", multi=True, template=True,
          help="Điều 2, Điều 3 … (Điều 1 công bố kết quả, chương trình tự viết)"),
    Field("xl_noi_nhan", "Nơi nhận quyết định xếp loại", multi=True, template=True),
    Field("chi_so", "Tên chỉ số CCHC của tỉnh", template=True,
          help="Chỉ số Sở tự chấm (sheet TuDanhGia), ví dụ Chỉ số cải cách hành chính các sở, ngành"),
    Field("tdg_so", "Số báo cáo tự đánh giá"),
    Field("tdg_ngay", "Ngày báo cáo tự đánh giá", kind=Kind.PARTIAL_DATE),
)

FIELD_BY_KEY = {f.key: f for f in FIELDS}


# ---------------------------------------------------------------------------
# Vocabularies: how the workbook and the documents spell the members of each enum of
# `model`. A clerk may type the label or any alias (matched with `text.match_key`).


@dataclass(frozen=True)
class Words:
    label: str  # as the workbook's dropdowns and the documents write it
    aliases: tuple[str, ...] = ()  # other spellings accepted when reading
    help: str = ""  # what it means, for a form's instructions


UNIT_TYPE_WORDS: dict[UnitType, Words] = {
    UnitType.PHONG: Words("phòng"),
    UnitType.CHI_CUC: Words("chi cục"),
    UnitType.DVSN: Words("đơn vị sự nghiệp"),
}

PARAGRAPH_KIND_WORDS: dict[ParagraphKind, Words] = {
    ParagraphKind.MUC: Words("Mục"),  # I. TIÊU ĐỀ MỤC (numbered automatically)
    ParagraphKind.KHOAN: Words("Khoản"),  # 1. … (numbered automatically, restarts in each Mục)
    ParagraphKind.DIEM: Words("Điểm"),  # a) … (restarts in each Khoản)
    ParagraphKind.DOAN: Words("Đoạn"),  # plain paragraph
    ParagraphKind.GACH: Words("Gạch đầu dòng"),  # - …
}

# Typed in ChiTieu's So sánh; `label` is how a table prints it.
COMPARATOR_WORDS: dict[Comparator, Words] = {
    Comparator.GE: Words("≥", (">=",)),
    Comparator.GT: Words(">"),
    Comparator.EQ: Words("="),
    Comparator.LE: Words("≤", ("<=",)),
    Comparator.LT: Words("<"),
}

STATUS_WORDS: dict[Status, Words] = {
    Status.NOT_STARTED: Words("Chưa thực hiện", ("chưa triển khai", "chưa bắt đầu"),
                              "chưa triển khai nhiệm vụ trong kỳ."),
    Status.IN_PROGRESS: Words(
        "Đang thực hiện",
        ("đang triển khai", "đang hoàn thành", "chưa hoàn thành", "thực hiện mới", "đang thực hiện (trong hạn)"),
        "đang triển khai, chưa xong; ghi Tỷ lệ (%) đã đạt được."),
    Status.DONE: Words("Đã hoàn thành", ("hoàn thành", "đã hoàn thành đúng hạn", "hoàn thành đúng hạn"),
                       "đã hoàn thành trong thời hạn; ghi Tỷ lệ 100, Ngày hoàn thành và văn bản/minh chứng."),
    Status.DONE_LATE: Words("Hoàn thành quá hạn",
                            ("đã hoàn thành quá hạn", "hoàn thành chậm", "đã hoàn thành nhưng quá hạn"),
                            "đã hoàn thành nhưng sau thời hạn; ghi Ngày hoàn thành và văn bản/minh chứng."),
    Status.DROPPED: Words("Không thực hiện", ("không triển khai", "dừng thực hiện"),
                          "không triển khai, dừng thực hiện; bắt buộc ghi lý do ở cột Ghi chú."),
}

# NhanXet parts of the report that only the clerk can write.
REMARK_PART_WORDS: dict[RemarkPart, Words] = {
    RemarkPart.CHI_DAO: Words("Chỉ đạo, điều hành", ("công tác chỉ đạo, điều hành", "chỉ đạo điều hành")),
    RemarkPart.UU_DIEM: Words("Ưu điểm", ("đánh giá chung", "kết quả nổi bật")),
    RemarkPart.HAN_CHE: Words("Tồn tại, hạn chế", ("hạn chế", "tồn tại", "tồn tại, hạn chế và nguyên nhân")),
    RemarkPart.NGUYEN_NHAN: Words("Nguyên nhân", ("nguyên nhân của tồn tại, hạn chế",)),
    RemarkPart.PHUONG_HUONG: Words("Phương hướng", ("phương hướng, nhiệm vụ", "nhiệm vụ kỳ tiếp theo")),
    RemarkPart.KIEN_NGHI: Words("Kiến nghị", ("đề xuất, kiến nghị", "đề xuất")),
}

# How reports name each task class (Bảng 1, the status Phụ lục, the figures workbook).
TASK_CLASS_WORDS: dict[TaskClass, Words] = {
    TaskClass.ON_TIME: Words("Hoàn thành đúng hạn"),
    TaskClass.DONE_LATE: Words("Hoàn thành quá hạn"),
    TaskClass.IN_PROGRESS: Words("Đang thực hiện (trong hạn)"),
    TaskClass.OVERDUE: Words("Quá hạn chưa hoàn thành"),
    TaskClass.NOT_DUE: Words("Chưa đến hạn"),
    TaskClass.RECURRING: Words("Thường xuyên"),
    TaskClass.CONDITIONAL: Words("Chờ điều kiện"),
    TaskClass.DROPPED: Words("Không thực hiện (có lý do)"),
    TaskClass.NO_REPORT: Words("Chưa có báo cáo"),
}

# Issue 12: NhiemVu's Tình trạng nhiệm vụ (blank = in force) and what an amendment does.
TASK_STATE_WORDS: dict[TaskState, Words] = {
    TaskState.ACTIVE: Words("Còn hiệu lực", ("hiệu lực", "đang thực hiện", "thực hiện", "giữ nguyên", "bổ sung",
                                             "điều chỉnh", "sửa đổi", "sửa đổi, bổ sung")),
    TaskState.DROPPED: Words("Bãi bỏ", ("bỏ", "đã bãi bỏ", "hủy bỏ", "đã hủy bỏ", "hủy", "loại bỏ",
                                        "không thực hiện nữa")),
}
CHANGE_KIND_WORDS: dict[ChangeKind, Words] = {
    ChangeKind.ADDED: Words("Bổ sung"),
    ChangeKind.CHANGED: Words("Điều chỉnh", ("sửa đổi",)),
    ChangeKind.DROPPED: Words("Bãi bỏ"),
}

# A deadline without a due date, as a report's "hạn" column writes it.
DEADLINE_KIND_WORDS: dict[DeadlineKind, Words] = {
    DeadlineKind.RECURRING: Words("thường xuyên"),
    DeadlineKind.CONDITIONAL: Words("chờ điều kiện"),
    DeadlineKind.UNKNOWN: Words("không xác định"),
}

# The year-end evaluation (issue 13): TieuChi's Cách chấm, Khi không phát sinh, Nguồn minh chứng.
SCORE_METHOD_WORDS: dict[ScoreMethod, Words] = {
    ScoreMethod.SUM: Words("tổng", ("tổng các tiêu chí con", "cộng"), "nhóm: điểm là tổng các tiêu chí con"),
    ScoreMethod.MANUAL: Words("tự chấm", ("đơn vị tự chấm", "chấm điểm", "thủ công"),
                              "đơn vị tự chấm kèm tài liệu kiểm chứng; Văn phòng thẩm định"),
    ScoreMethod.BONUS: Words("điểm thưởng", ("thưởng", "điểm cộng", "cộng điểm"),
                             "đơn vị tự chấm; cộng vào tổng điểm, không quá mức tối đa của nhóm"),
    ScoreMethod.PENALTY: Words("điểm trừ", ("trừ", "trừ điểm"),
                               "Văn phòng ghi; trừ vào tổng điểm, không quá mức tối đa của nhóm"),
    ScoreMethod.DONE_SHARE: Words("tỷ lệ hoàn thành", ("tỷ lệ nhiệm vụ hoàn thành", "hoàn thành nhiệm vụ"),
                                  "tự động: nhiệm vụ chủ trì đã hoàn thành / nhiệm vụ chủ trì đến hạn"),
    ScoreMethod.ON_TIME_SHARE: Words("tỷ lệ đúng hạn", ("hoàn thành đúng hạn", "tỷ lệ hoàn thành đúng hạn"),
                                     "tự động: nhiệm vụ chủ trì hoàn thành đúng hạn / nhiệm vụ chủ trì đến hạn"),
    ScoreMethod.REPORTS_ON_TIME: Words("báo cáo đúng hạn", ("gửi báo cáo đúng hạn", "phiếu đúng hạn"),
                                       "tự động: kỳ gửi phiếu báo cáo đúng hạn / kỳ đã đến hạn"),
    ScoreMethod.EVIDENCE_SHARE: Words("tỷ lệ có minh chứng", ("có minh chứng", "minh chứng"),
                                      "tự động: nhiệm vụ hoàn thành có văn bản minh chứng / nhiệm vụ hoàn thành"),
}
EMPTY_SCOPE_WORDS: dict[EmptyScope, Words] = {
    EmptyScope.FULL: Words("điểm tối đa", ("tối đa", "đủ điểm")),
    EmptyScope.ZERO: Words("0 điểm", ("không điểm", "0")),
}
EVIDENCE_SOURCE_WORDS: dict[EvidenceSource, Words] = {
    EvidenceSource.PLAN: Words("kế hoạch", ("quyết định kế hoạch",)),
    EvidenceSource.REPORTS: Words("báo cáo", ("báo cáo định kỳ",)),
    EvidenceSource.PROGRESS: Words("tiến độ", ("văn bản nhiệm vụ", "minh chứng nhiệm vụ")),
}
# Bands when the workbook has no XepLoai sheet: (name, lower bound, where the bound comes from).
# Provinces set their own in their Quy chế đánh giá, xếp loại; these are a starting point.
DEFAULT_BANDS = (
    ("Xuất sắc", 90, "Mặc định: từ 90 điểm (nhóm A của Chỉ số CCHC, QĐ 268/QĐ-BNV)"),
    ("Tốt", 80, "Mặc định: từ 80 đến dưới 90 điểm (nhóm B của Chỉ số CCHC)"),
    ("Khá", 70, "Mặc định: từ 70 đến dưới 80 điểm"),
    ("Trung bình", 50, "Mặc định: từ 50 đến dưới 70 điểm"),
    ("Yếu", 0, "Mặc định: dưới 50 điểm"),
)

# NhiemVu's "Loại thời hạn", when the clerk sets it: it overrides how "Thời gian" is read.
DEADLINE_TYPE_WORDS: dict[DeadlineType, Words] = {
    DeadlineType.ONCE: Words("một lần", ("một lần duy nhất", "có thời hạn", "có hạn"),
                             "làm một lần; hạn là thời gian ghi ở cột Thời gian, không ghi ngày thì tính đến 31/12"),
    DeadlineType.RECURRING: Words("định kỳ", ("thường xuyên", "định kỳ, thường xuyên", "hằng năm", "hằng quý"),
                                  "làm thường xuyên hoặc mỗi kỳ (báo cáo định kỳ, cập nhật thường xuyên)"),
    DeadlineType.CONDITIONAL: Words("chờ điều kiện", ("có điều kiện", "theo điều kiện", "theo tiến độ cấp trên"),
                                    "chỉ làm được khi cơ quan khác ban hành, phê duyệt hoặc hướng dẫn"),
}

# The outline areas: ChiSo's Nhóm, the annex's groups, the chart's short labels. `keys` are
# words (without diacritics) that tell a plan section's title belongs to the area.
REFORM_AREA_WORDS: dict[ReformArea, Words] = {
    ReformArea.DIRECTION: Words("Công tác chỉ đạo, điều hành", ("Chỉ đạo, điều hành", "Chỉ đạo điều hành",
                                                                  "Công tác chỉ đạo điều hành")),
    ReformArea.INSTITUTIONS: Words("Cải cách thể chế", ("Thể chế",)),
    ReformArea.PROCEDURES: Words("Cải cách thủ tục hành chính", ("Thủ tục hành chính", "TTHC", "Cải cách TTHC")),
    ReformArea.ORGANISATION: Words("Cải cách tổ chức bộ máy", ("Tổ chức bộ máy", "Bộ máy",
                                                                "Cải cách tổ chức bộ máy hành chính nhà nước")),
    ReformArea.CIVIL_SERVICE: Words("Cải cách chế độ công vụ", ("Chế độ công vụ", "Công vụ")),
    ReformArea.PUBLIC_FINANCE: Words("Cải cách tài chính công", ("Tài chính công",)),
    ReformArea.DIGITAL: Words("Xây dựng và phát triển chính quyền điện tử, chính quyền số",
                              ("Chính quyền điện tử, chính quyền số", "Chính quyền số", "Chính quyền điện tử",
                               "Chính phủ điện tử, Chính phủ số", "Chuyển đổi số")),
}
REFORM_AREA_SHORT: dict[ReformArea, str] = {
    ReformArea.DIRECTION: "Chỉ đạo, điều hành", ReformArea.INSTITUTIONS: "Thể chế",
    ReformArea.PROCEDURES: "Thủ tục hành chính", ReformArea.ORGANISATION: "Tổ chức bộ máy",
    ReformArea.CIVIL_SERVICE: "Chế độ công vụ", ReformArea.PUBLIC_FINANCE: "Tài chính công",
    ReformArea.DIGITAL: "Chính quyền số",
}
REFORM_AREA_KEYS: dict[ReformArea, tuple[str, ...]] = {
    ReformArea.DIRECTION: ("chi dao",), ReformArea.INSTITUTIONS: ("the che",),
    ReformArea.PROCEDURES: ("thu tuc hanh chinh", "tthc"), ReformArea.ORGANISATION: ("bo may",),
    ReformArea.CIVIL_SERVICE: ("cong vu",), ReformArea.PUBLIC_FINANCE: ("tai chinh cong",),
    ReformArea.DIGITAL: ("dien tu", "chinh quyen so", "chinh phu so", "chuyen doi so"),
}

INDICATOR_KIND_WORDS: dict[IndicatorKind, Words] = {
    IndicatorKind.COUNT: Words("số lượng", ("số", "số liệu", "đếm")),
    IndicatorKind.RATE: Words("tỷ lệ", ("tỉ lệ", "%", "phần trăm")),
}

# Yes/no cells (ThongTin's "Kế hoạch có chữ ký"); anything else is "no".
YES_WORDS = ("có", "co", "yes", "x", "1", "true", "đúng")


@dataclass(frozen=True)
class Placeholder:
    name: str  # as typed between braces, before the parameter of a parameterised one
    help: str
    param: str = ""  # regex of the parameter after `name` and an optional space ("" for a fixed name)


# Placeholders allowed in NoiDung and in ThongTin fields marked template=True; the
# renderer provides a value for each (render/blocks.plan_values).
PLACEHOLDERS = (
    Placeholder("năm", "năm kế hoạch, ví dụ 2025"),
    Placeholder("năm trước", "năm trước năm kế hoạch"),
    Placeholder("năm sau", "năm sau năm kế hoạch"),
    Placeholder("cơ quan", "tên cơ quan viết thường, ví dụ Sở Nội vụ"),
    Placeholder("CƠ QUAN", "tên cơ quan in hoa"),
    Placeholder("viết tắt", "tên viết tắt, ví dụ SNV"),
    Placeholder("tỉnh", "tên tỉnh"),
    Placeholder("TỈNH", "tên tỉnh in hoa"),
    Placeholder("người đứng đầu", "chức danh người đứng đầu cơ quan, ví dụ Giám đốc Sở"),
    Placeholder("kỳ báo cáo", "trong trích yếu báo cáo: quý III năm 2025, 6 tháng đầu năm 2025 …"),
    Placeholder("CT:", "chỉ tiêu trong sheet ChiTieu, ví dụ {CT:2a} → ít nhất 20%", r"\S+"),
    Placeholder("hạn kỳ", "hạn đơn vị báo cáo trong sheet KyBaoCao, ví dụ {hạn kỳ 1} → 10/3/2025", "[1-4]"),
)


def roman(n: int) -> str:
    """1 → 'I', 14 → 'XIV': section numbers of plans and reports, Word's upperRoman lists."""
    if n <= 0:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


# ---------------------------------------------------------------------------
# Bounds on what one input file may cost, whatever it holds. A 50,000-task workbook with a
# year of entries unpacks to well under 200 MB and a plan's .docx to a few MB; a package that
# unpacks past this is a zip bomb or not a document, and is refused before it is parsed.
MAX_UNPACKED_BYTES = 512 * 2**20  # all members of an .xlsx or .docx together
# One sheet: 50,000 tasks with four periods of entries is 200,000 rows of ten columns.
MAX_SHEET_ROWS = 500_000
MAX_SHEET_CELLS = 12_000_000  # rows × columns up to the last cell: what the reader allocates
# One XML part of a .docx parsed whole (lint, import); a 5,000-task plan's document.xml is ~15 MB.
MAX_PARSED_PART_BYTES = 96 * 2**20
# Problems kept and printed: past this many, a count says how many more there are.
MAX_PROBLEMS = 1000
