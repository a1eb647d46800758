"""The domain as plain dataclasses and the enums of its vocabularies: the bottom layer.

This module imports nothing from `pipeline`, so every stage can use it and none can
form a cycle through it. Values here are already typed and checked (`validate.build`
makes them); nothing formats text or computes deadlines (`derive`, `formatting`).
Template strings (with {năm}, {CT:2a} …) are kept as the clerk typed them and are
expanded at render time, where the formatted values exist.

Each enum names one vocabulary by stable keys; how the workbook and the documents
spell its members (labels, aliases a clerk may type, help) is in `schema`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class UnitType(str, Enum):
    PHONG = "phong"
    CHI_CUC = "chi_cuc"
    DVSN = "dvsn"  # đơn vị sự nghiệp


class ParagraphKind(str, Enum):
    """NoiDung's Kiểu: how a paragraph of the Kế hoạch is numbered."""

    MUC = "muc"  # I. TIÊU ĐỀ MỤC
    KHOAN = "khoan"  # 1. …
    DIEM = "diem"  # a) …
    DOAN = "doan"  # plain paragraph
    GACH = "gach"  # - …


class Status(str, Enum):
    """What a unit reports about one task (TienDo's Trạng thái)."""

    NOT_STARTED = "chua"
    IN_PROGRESS = "dang"
    DONE = "xong"
    DONE_LATE = "xong_tre"
    DROPPED = "khong"  # không thực hiện, with a reason

    @property
    def done(self) -> bool:
        return self in (Status.DONE, Status.DONE_LATE)


class RemarkPart(str, Enum):
    """The parts of the report only the clerk can write (NhanXet's Mục)."""

    CHI_DAO = "chi_dao"
    UU_DIEM = "uu_diem"
    HAN_CHE = "han_che"
    NGUYEN_NHAN = "nguyen_nhan"
    PHUONG_HUONG = "phuong_huong"
    KIEN_NGHI = "kien_nghi"


class Comparator(str, Enum):
    """How a target (chỉ tiêu) compares a result with its value."""

    GE = ">="
    GT = ">"
    EQ = "="
    LE = "<="
    LT = "<"


class DeadlineKind(str, Enum):
    DATE = "date"  # a due date is known
    RECURRING = "recurring"  # thường xuyên, định kỳ, hằng năm
    CONDITIONAL = "conditional"  # waits on something else ("Theo lộ trình …")
    UNKNOWN = "unknown"


class DeadlineType(str, Enum):
    """NhiemVu's optional "Loại thời hạn": what the clerk says a deadline is, over what its text parses to."""

    ONCE = "mot_lan"  # một lần: due once (by the stated date, else by the end of the plan's year)
    RECURRING = "dinh_ky"  # định kỳ, thường xuyên: done every period
    CONDITIONAL = "cho_dieu_kien"  # waits on another body's step


class TaskClass(str, Enum):
    """Where a task stands as of a period's cut-off; members in the order reports list them."""

    ON_TIME = "dung_han"
    DONE_LATE = "qua_han_xong"
    IN_PROGRESS = "dang"
    OVERDUE = "qua_han"
    NOT_DUE = "chua_den_han"
    RECURRING = "thuong_xuyen"
    CONDITIONAL = "cho_dieu_kien"
    DROPPED = "khong"
    NO_REPORT = "chua_bao_cao"

    @property
    def done(self) -> bool:
        return self in (TaskClass.ON_TIME, TaskClass.DONE_LATE)


@dataclass(frozen=True)
class PartialDate:
    """A document date the văn thư may not have filled yet: day and month can be missing."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, d: dt.date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    def as_date(self) -> dt.date | None:
        if self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    type: UnitType
    aliases: tuple[str, ...] = ()
    row: int = 0


# Tasks and status entries are built by the tens of thousands per run: slots, and not
# frozen (a frozen dataclass's __init__ costs five times as much). Nothing mutates them.
@dataclass(slots=True)
class Task:
    id: str
    section: str
    text: str
    assignment: str
    lead: tuple[str, ...]  # unit codes
    support: tuple[str, ...]
    deadline: str
    product: str
    row: int = 0
    deadline_type: DeadlineType | None = None  # the clerk's override of the parsed deadline kind


@dataclass(frozen=True)
class Signer:
    chuc_vu: str  # "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"
    quyen_han: str = ""  # "KT.", "TM.", "Q.", "TL.", "TUQ." or ""
    tham_quyen: str = ""  # the head's title after the quyền hạn: "GIÁM ĐỐC"
    name: str = ""


@dataclass(frozen=True)
class Agency:
    chu_quan: str  # "UBND TỈNH …"
    name_caps: str  # "SỞ NỘI VỤ"
    name: str  # "Sở Nội vụ"
    abbr: str  # "SNV"
    place: str  # địa danh: "Hà Nội"
    province: str  # "Hà Nội"
    head_title: str  # "Giám đốc"
    office_code: str  # for "- Lưu: VT, VP."


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    text: str  # template string, placeholders unexpanded
    row: int = 0


@dataclass(frozen=True)
class Target:
    code: str
    name: str
    op: Comparator
    value: float
    unit: str
    goal: str = ""  # the numbered objective it belongs to ("2a")
    actual: dict[int, float] = field(default_factory=dict)  # period → value
    row: int = 0


@dataclass(frozen=True)
class Period:
    number: int  # 1..4
    name: str  # "quý I", "6 tháng đầu năm", "quý III", "năm"
    unit_due: dt.date | None
    cutoff_from: dt.date
    cutoff_to: dt.date
    due: dt.date | None = None
    report_no: str = ""
    report_date: PartialDate | None = None
    request: str = ""  # the request the report answers: "Công văn số …/SNV-CCHC ngày … của Sở Nội vụ …"
    row: int = 0


@dataclass(slots=True)
class StatusEntry:
    task: str  # task id
    unit: str  # unit code
    period: int
    status: Status
    percent: float | None = None
    result: str = ""
    evidence: str = ""
    done_on: dt.date | None = None
    issues: str = ""
    note: str = ""
    row: int = 0


@dataclass(frozen=True)
class Receipt:
    """A unit's form received by `cchc collect` (sheet NhanPhieu)."""

    unit: str  # unit code
    period: int
    report_date: dt.date  # the date the unit wrote on its form
    file: str = ""
    imported_at: str = ""
    row: int = 0


@dataclass(frozen=True)
class Remark:
    period: int
    part: RemarkPart
    text: str
    row: int = 0


@dataclass
class Decision:
    number: str  # "" while unnumbered
    date: PartialDate
    summary: str  # trích yếu (template string)
    grounds: list[str]  # căn cứ (template strings)
    proposer: str  # "Chánh Văn phòng Sở" (template string) or ""
    articles: list[str]  # Điều texts (template strings)
    signer: Signer
    recipients: list[str]  # Nơi nhận without "Lưu"


@dataclass
class ReportInfo:
    summary: str  # template; "" → default wording
    addressees: list[str]
    signer: Signer | None
    recipients: list[str]
    chart: bool = False  # the completion-by-section chart (real reports rarely carry one)


# -- the figures annex (phụ lục số liệu): indicators and the units' figures -------------


class ReformArea(str, Enum):
    """The areas of the Bộ Nội vụ outline: chỉ đạo, điều hành and NQ 76/NQ-CP's six."""

    DIRECTION = "chi_dao"
    INSTITUTIONS = "the_che"
    PROCEDURES = "tthc"
    ORGANISATION = "bo_may"
    CIVIL_SERVICE = "cong_vu"
    PUBLIC_FINANCE = "tai_chinh_cong"
    DIGITAL = "chinh_quyen_so"


class IndicatorKind(str, Enum):
    COUNT = "so_luong"  # summed over the office's figure and the units'
    RATE = "ty_le"  # 100 × numerator / denominator, from the summed counts (or typed, without them)


@dataclass(frozen=True)
class Indicator:
    """One row of the indicators sheet (ChiSo): what the annex reports, with the office's figures."""

    code: str
    area: ReformArea
    name: str
    unit: str  # đơn vị tính
    kind: IndicatorKind
    numerator: str = ""  # codes of count indicators, for a rate
    denominator: str = ""
    by_units: bool = False  # the units report it through their forms
    values: dict[int, float] = field(default_factory=dict)  # period → the office's own figure
    note: str = ""
    row: int = 0


@dataclass(frozen=True)
class UnitFigure:
    """One unit's figure for one indicator and period (SoLieuDonVi, filled by `collect`)."""

    indicator: str  # code
    unit: str  # unit code
    period: int
    value: float
    note: str = ""
    row: int = 0


@dataclass(frozen=True)
class Amendment:
    """A Quyết định sửa đổi, bổ sung of the plan, as the reports cite it."""

    number: int  # lần 1, 2 …
    decision_no: str  # its số ("" while unnumbered)
    date: PartialDate | None = None


@dataclass
class Plan:
    source: str  # workbook file name, for messages
    year: int
    agency: Agency
    decision: Decision
    plan_summary: str  # trích yếu of the Kế hoạch (template)
    plan_signed: bool  # whether the attached Kế hoạch carries its own signature block
    narrative: list[Paragraph]
    appendix_title: str
    appendix_ref: str  # "(Kèm theo …)" text without brackets (template)
    appendix_landscape: bool
    units: list[Unit]
    tasks: list[Task]
    targets: list[Target] = field(default_factory=list)
    periods: dict[int, Period] = field(default_factory=dict)
    report: ReportInfo | None = None
    entries: list[StatusEntry] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)  # in order, issued or not
    indicators: list[Indicator] = field(default_factory=list)  # the figures annex (ChiSo), in order
    figures: list[UnitFigure] = field(default_factory=list)  # the units' figures (SoLieuDonVi)
    notes: list[str] = field(default_factory=list)
    # sheet key → (sheet name as in the file, column key → letter), to name cells in messages
    layout: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    def cell(self, sheet: str, key: str, row: int) -> tuple[str, str]:
        name, letters = self.layout.get(sheet, (sheet, {}))
        return name, f"{letters.get(key, '')}{row}" if key in letters else f"dòng {row}"
