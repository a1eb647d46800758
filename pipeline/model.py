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


# -- The plan as issued and amended (issue 12) -------------------------------------------


class TaskState(str, Enum):
    """NhiemVu's Tình trạng nhiệm vụ: whether a task still stands. A dropped task is marked,
    not deleted, so the amendment that drops it and the reports after it can name it."""

    ACTIVE = "hieu_luc"
    DROPPED = "bai_bo"


class ChangeKind(str, Enum):
    """What an amendment (Quyết định sửa đổi, bổ sung) does to one task."""

    ADDED = "bo_sung"
    CHANGED = "dieu_chinh"
    DROPPED = "bai_bo"


# -----------------------------------------------------------------------------------------
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
    # Issue 11, the unit's own CCHC plan (DonVi's optional columns):
    own_plan: bool | None = None  # writes its own plan; None: decided by its type (chi cục, đơn vị sự nghiệp)
    head_title: str = ""  # "Chi cục trưởng", "Giám đốc": who signs the unit's documents
    abbr: str = ""  # ký hiệu in the unit's document numbers ("KH-CCQLĐĐ"); "" → its code
    requirement: str = ""  # what the department's plan asks of this unit's plan, verbatim


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
    state: TaskState = TaskState.ACTIVE  # Tình trạng nhiệm vụ (issue 12)
    reason: str = ""  # Lý do điều chỉnh: why an amendment adds, changes or drops it
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


@dataclass(frozen=True)
class UnitPlanReceipt:
    """One unit's own CCHC plan as registered by Văn phòng (sheet KeHoachDonVi; issue 11)."""

    unit: str  # unit code
    number: str = ""  # "12/KH-CCQLĐĐ"
    date: dt.date | None = None  # the date the unit signed it
    received: dt.date | None = None  # when Văn phòng received it; None: not received yet
    note: str = ""
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
    # Issue 15: the công văn đôn đốc's date and the new deadline it gives (a date, or working days).
    remind_date: dt.date | None = None
    remind_due: dt.date | None = None
    remind_days: int | None = None


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
    """A Quyết định sửa đổi, bổ sung of the plan, as the reports cite it (sheet SuaDoi)."""

    number: int  # lần 1, 2 …
    decision_no: str  # its số ("" while unnumbered)
    date: PartialDate | None = None
    summary: str = ""  # its trích yếu when the clerk words it ("" → the default wording)
    grounds: tuple[str, ...] = ()  # căn cứ of this amendment beyond the plan's own
    row: int = 0


@dataclass(frozen=True)
class IssuedTask:
    """One task as an issued version of the plan states it (sheet BanHanh). `section_no`
    and `stt` are how the issued documents name it ("nhiệm vụ số 3, mục II"): fixed when
    the task is first issued, never renumbered by a later amendment."""

    task: Task
    section_no: int
    stt: int
    state: TaskState = TaskState.ACTIVE
    change: ChangeKind | None = None  # what this version did to it; None: carried over
    reason: str = ""
    row: int = 0


@dataclass(frozen=True)
class IssuedVersion:
    """The plan as one decision left it: number 0 is the Quyết định ban hành, N the
    Quyết định sửa đổi, bổ sung lần N; every task ever issued, dropped ones marked."""

    number: int
    decision_no: str
    date: dt.date
    tasks: tuple[IssuedTask, ...]


# -- evaluating and ranking the units at the year's end, and the Sở's own self-assessment
# (sheets TieuChi, XepLoai, DiemDanhGia, NhanDanhGia, NhanXetDonVi, TuDanhGia).


class ScoreMethod(str, Enum):
    """How a criterion is scored (TieuChi's Cách chấm)."""

    SUM = "tong"  # a group: the sum of its children (left blank in the sheet)
    MANUAL = "tu_cham"  # the unit self-scores with evidence; the council appraises
    BONUS = "thuong"  # manual, added to the total; a group of them is capped by its maximum
    PENALTY = "tru"  # manual, deducted from the total; capped the same way
    DONE_SHARE = "ty_le_hoan_thanh"  # share of the unit's chủ trì tasks done by the year's cut-off
    ON_TIME_SHARE = "ty_le_dung_han"  # share of them done on time
    REPORTS_ON_TIME = "bao_cao_dung_han"  # share of the periods whose form arrived by the unit deadline
    EVIDENCE_SHARE = "ty_le_minh_chung"  # share of the done tasks that name an evidence document

    @property
    def automatic(self) -> bool:
        return self in (ScoreMethod.DONE_SHARE, ScoreMethod.ON_TIME_SHARE, ScoreMethod.REPORTS_ON_TIME,
                        ScoreMethod.EVIDENCE_SHARE)

    @property
    def manual(self) -> bool:
        return self in (ScoreMethod.MANUAL, ScoreMethod.BONUS, ScoreMethod.PENALTY)

    @property
    def extra(self) -> bool:
        """Outside the 100 points: added or deducted."""
        return self in (ScoreMethod.BONUS, ScoreMethod.PENALTY)


class EmptyScope(str, Enum):
    """What an automatic criterion gives a unit with nothing in its scope (không phát sinh)."""

    FULL = "toi_da"
    ZERO = "khong"


class EvidenceSource(str, Enum):
    """Documents the workbook already holds that a criterion's Danh mục tài liệu kiểm chứng lists."""

    PLAN = "ke_hoach"  # the plan's own Quyết định
    REPORTS = "bao_cao"  # the periodic reports (KyBaoCao's Số, Ngày)
    PROGRESS = "tien_do"  # TienDo's Văn bản/minh chứng of done tasks


@dataclass(frozen=True)
class Criterion:
    code: str
    parent: str  # "" for a lĩnh vực (top level)
    name: str
    maximum: float  # for a bonus or penalty group: its cap
    method: ScoreMethod
    evidence: str = ""  # the evidence documents it asks for
    empty: EmptyScope = EmptyScope.FULL
    sources: tuple[EvidenceSource, ...] = ()
    row: int = 0


@dataclass(frozen=True)
class Band:
    """A classification band (XepLoai): a total at or above `lower` belongs to it, unless a higher one takes it."""

    name: str
    lower: float
    note: str = ""
    row: int = 0


@dataclass(frozen=True)
class CriterionScore:
    """One manual criterion as a unit self-scored it and the council appraised it (DiemDanhGia);
    for the Sở's own self-assessment (TuDanhGia) `unit` is ''."""

    unit: str
    criterion: str
    score: float | None  # điểm tự chấm
    explanation: str = ""  # giải trình
    evidence: str = ""  # tài liệu kiểm chứng, one per line
    appraised: float | None = None  # điểm thẩm định
    note: str = ""  # ý kiến thẩm định (required when the appraisal differs)
    row: int = 0


@dataclass(frozen=True)
class AssessmentReceipt:
    """A unit's self-assessment form taken by `cchc collect --danh-gia` (NhanDanhGia)."""

    unit: str
    date: dt.date  # the date the unit wrote on its form
    file: str = ""
    imported_at: str = ""
    row: int = 0


@dataclass(frozen=True)
class UnitRemark:
    """The clerk's comment on one unit's year (NhanXetDonVi); unit '' is the Sở itself."""

    unit: str
    part: RemarkPart
    text: str
    row: int = 0


@dataclass(frozen=True)
class EvaluationDocs:
    """ThongTin's settings of the evaluation's documents and deadlines."""

    deadline: dt.date | None = None  # hạn đánh giá, xếp loại (the seed plan: 15/12)
    self_deadline: dt.date | None = None  # hạn đơn vị gửi tự đánh giá
    report_no: str = ""
    report_date: PartialDate | None = None
    decision_no: str = ""
    decision_date: PartialDate | None = None
    grounds: tuple[str, ...] = ()  # căn cứ of the Quyết định công bố (templates)
    proposer: str = ""
    articles: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()  # of the Quyết định
    report_recipients: tuple[str, ...] = ()
    index_name: str = ""  # the province's index the Sở scores itself on
    own_no: str = ""
    own_date: PartialDate | None = None


@dataclass
class Evaluation:
    criteria: list[Criterion] = field(default_factory=list)  # the units' set, in sheet order
    bands: list[Band] = field(default_factory=list)  # as the sheet (or the defaults) give them
    scores: list[CriterionScore] = field(default_factory=list)
    receipts: list[AssessmentReceipt] = field(default_factory=list)
    remarks: list[UnitRemark] = field(default_factory=list)
    own_criteria: list[Criterion] = field(default_factory=list)  # the province's set for the Sở
    own_scores: list[CriterionScore] = field(default_factory=list)
    docs: EvaluationDocs = field(default_factory=EvaluationDocs)
    default_bands: bool = False  # XepLoai absent: the documented defaults are used


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
    # Issue 12: NhiemVu rows marked Bãi bỏ (not in `tasks`), and the issued versions in order.
    dropped_tasks: list[Task] = field(default_factory=list)
    issued: list[IssuedVersion] = field(default_factory=list)
    evaluation: Evaluation = field(default_factory=Evaluation)  # the year-end evaluation (issue 13)
    indicators: list[Indicator] = field(default_factory=list)  # the figures annex (ChiSo), in order
    figures: list[UnitFigure] = field(default_factory=list)  # the units' figures (SoLieuDonVi)
    notes: list[str] = field(default_factory=list)
    # Issue 11: the units' own plans received, and when they are due.
    unit_plans: list[UnitPlanReceipt] = field(default_factory=list)
    unit_plan_due: dt.date | None = None
    # sheet key → (sheet name as in the file, column key → letter), to name cells in messages
    layout: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    def cell(self, sheet: str, key: str, row: int) -> tuple[str, str]:
        name, letters = self.layout.get(sheet, (sheet, {}))
        return name, f"{letters.get(key, '')}{row}" if key in letters else f"dòng {row}"
