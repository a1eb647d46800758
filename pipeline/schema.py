"""The workbook contract: sheet names, column headers and ThongTin fields.

Everything a clerk types lives in one .xlsx; this module is the single place that
names its parts. Headers and field names are matched with `text.header_key`
(NFC, case, spacing and tone placement do not matter), and each may have aliases
so a header reworded in an old copy of the workbook still reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
        return next(c for c in self.columns if c.key == key)


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

SHEETS: dict[str, SheetSpec] = {
    s.name: s for s in (THONG_TIN, DON_VI, NHIEM_VU, NOI_DUNG, CHI_TIEU, KY_BAO_CAO, TIEN_DO, NHAN_XET, NHAN_PHIEU)
}

# Which sheets each document needs; a command reads and validates only these.
PLAN_SHEETS = ("ThongTin", "DonVi", "NhiemVu", "NoiDung", "ChiTieu", "KyBaoCao")
APPENDIX_SHEETS = ("ThongTin", "DonVi", "NhiemVu")
REPORT_SHEETS = (*PLAN_SHEETS, "TienDo", "NhanXet")
FORM_SHEETS = ("ThongTin", "DonVi", "NhiemVu", "KyBaoCao", "TienDo")
# `cchc validate` and `cchc collect`: the whole workbook, optional sheets when present.
WORKBOOK_SHEETS = (*REPORT_SHEETS, "NhanPhieu")


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
FORM_SPECS: dict[str, SheetSpec] = {s.name: s for s in (PHIEU_META, PHIEU_TIEN_DO)}
# Entry columns the unit fills, in the form's order (keys of TIEN_DO and PHIEU_TIEN_DO).
ENTRY_KEYS = ("status", "percent", "result", "evidence", "done_on", "issues", "note")


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
    Field("dieu", "Điều", multi=True, required=True, template=True, help="Mỗi Điều một dòng, không ghi 'Điều 1.'"),
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
    Field("ghi_chu", "Ghi chú về dữ liệu", multi=True, help="Ghi chú cho người dùng; không in ra văn bản"),
)

FIELD_BY_KEY = {f.key: f for f in FIELDS}

# NoiDung row kinds → the paragraph kind the template styles.
NOI_DUNG_KINDS = {
    "mục": "muc",  # I. TIÊU ĐỀ MỤC (numbered automatically)
    "khoản": "khoan",  # 1. … (numbered automatically, restarts in each Mục)
    "điểm": "diem",  # a) … (restarts in each Khoản)
    "đoạn": "doan",  # plain paragraph
    "gạch đầu dòng": "gach",  # - …
}

UNIT_TYPES = {"phòng": "phong", "chi cục": "chi_cuc", "đơn vị sự nghiệp": "dvsn"}

COMPARATORS = {"≥": ">=", ">=": ">=", ">": ">", "=": "=", "≤": "<=", "<=": "<=", "<": "<"}


@dataclass(frozen=True)
class Placeholder:
    name: str
    help: str


# Placeholders allowed in NoiDung and in ThongTin fields marked template=True.
PLACEHOLDERS = (
    Placeholder("năm", "năm kế hoạch, ví dụ 2025"),
    Placeholder("năm trước", "năm trước năm kế hoạch"),
    Placeholder("năm sau", "năm sau năm kế hoạch"),
    Placeholder("cơ quan", "tên cơ quan viết thường, ví dụ Sở Nội vụ"),
    Placeholder("CƠ QUAN", "tên cơ quan in hoa"),
    Placeholder("viết tắt", "tên viết tắt, ví dụ SNV"),
    Placeholder("tỉnh", "tên tỉnh"),
    Placeholder("người đứng đầu", "chức danh người đứng đầu cơ quan, ví dụ Giám đốc Sở"),
    Placeholder("CT:<mã>", "chỉ tiêu trong sheet ChiTieu, ví dụ {CT:2a} → ít nhất 20%"),
    Placeholder("kỳ báo cáo", "trong trích yếu báo cáo: quý III năm 2025, 6 tháng đầu năm 2025 …"),
    Placeholder("hạn kỳ <1-4>", "hạn đơn vị báo cáo trong sheet KyBaoCao, ví dụ {hạn kỳ 1} → 10/3/2025"),
)


# TienDo status vocabulary: canonical key → (label, aliases). Matched with match_key.
STATUSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "chua": ("Chưa thực hiện", ("chưa triển khai", "chưa bắt đầu")),
    "dang": (
        "Đang thực hiện",
        ("đang triển khai", "đang hoàn thành", "chưa hoàn thành", "thực hiện mới", "đang thực hiện (trong hạn)"),
    ),
    "xong": ("Đã hoàn thành", ("hoàn thành", "đã hoàn thành đúng hạn", "hoàn thành đúng hạn")),
    "xong_tre": ("Hoàn thành quá hạn", ("đã hoàn thành quá hạn", "hoàn thành chậm", "đã hoàn thành nhưng quá hạn")),
    "khong": ("Không thực hiện", ("không triển khai", "dừng thực hiện")),
}

# What each status means, for the form's instructions.
STATUS_HELP: dict[str, str] = {
    "chua": "chưa triển khai nhiệm vụ trong kỳ.",
    "dang": "đang triển khai, chưa xong; ghi Tỷ lệ (%) đã đạt được.",
    "xong": "đã hoàn thành trong thời hạn; ghi Tỷ lệ 100, Ngày hoàn thành và văn bản/minh chứng.",
    "xong_tre": "đã hoàn thành nhưng sau thời hạn; ghi Ngày hoàn thành và văn bản/minh chứng.",
    "khong": "không triển khai, dừng thực hiện; bắt buộc ghi lý do ở cột Ghi chú.",
}

# NhanXet parts of the report that only the clerk can write.
REMARK_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "chi_dao": ("Chỉ đạo, điều hành", ("công tác chỉ đạo, điều hành", "chỉ đạo điều hành")),
    "uu_diem": ("Ưu điểm", ("đánh giá chung", "kết quả nổi bật")),
    "han_che": ("Tồn tại, hạn chế", ("hạn chế", "tồn tại", "tồn tại, hạn chế và nguyên nhân")),
    "nguyen_nhan": ("Nguyên nhân", ("nguyên nhân của tồn tại, hạn chế",)),
    "phuong_huong": ("Phương hướng", ("phương hướng, nhiệm vụ", "nhiệm vụ kỳ tiếp theo")),
    "kien_nghi": ("Kiến nghị", ("đề xuất, kiến nghị", "đề xuất")),
}


# ---------------------------------------------------------------------------
# Bounds on what one input file may cost, whatever it holds. A 50,000-task workbook with a
# year of entries unpacks to well under 200 MB and a plan's .docx to a few MB; a package that
# unpacks past this is a zip bomb or not a document, and is refused before it is parsed.
MAX_UNPACKED_BYTES = 512 * 2**20  # all members of an .xlsx or .docx together
