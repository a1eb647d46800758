"""Vocabularies: how the workbook and the documents spell the members of each enum of
`model` (a clerk may type the label or any alias), placeholders, Roman numerals."""

from __future__ import annotations

from dataclasses import dataclass

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
# A task the unit will not carry out needs a reason, in the sổ and on a returned form alike.
DROPPED_NEEDS_NOTE = "Nhiệm vụ 'Không thực hiện' cần ghi lý do ở cột Ghi chú."

# Words a unit may type on its form that could mean two statuses: collect settles them by
# the entry's own facts where these decide (derive.collect_rules.settle_status), else asks.
# In the workbook itself they keep their alias (the clerk's own words).
AMBIGUOUS_STATUS: dict[str, tuple[Status, ...]] = {
    "hoàn thành": (Status.DONE, Status.DONE_LATE),
    "đã xong": (Status.DONE, Status.DONE_LATE),
    "xong": (Status.DONE, Status.DONE_LATE),
    "chưa hoàn thành": (Status.NOT_STARTED, Status.IN_PROGRESS),
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
