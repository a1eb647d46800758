"""Stage 3: the domain as plain dataclasses, built from validated rows.

Nothing here formats text or computes deadlines; those are `derive` and `format`.
Template strings (with {năm}, {CT:2a} …) are kept as typed by the clerk and
expanded at render time, where the formatted values exist.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.validate import Checked, Info


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
    type: str  # "phong" | "chi_cuc" | "dvsn"
    aliases: tuple[str, ...] = ()
    row: int = 0


@dataclass(frozen=True, slots=True)  # slots: tens of thousands are built per run
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
    kind: str  # "muc" | "khoan" | "diem" | "doan" | "gach"
    text: str  # template string, placeholders unexpanded
    row: int = 0


@dataclass(frozen=True)
class Target:
    code: str
    name: str
    op: str  # ">=", ">", "=", "<=", "<"
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


@dataclass(frozen=True, slots=True)
class StatusEntry:
    task: str  # task id
    unit: str  # unit code
    period: int
    status: str  # canonical status key, see derive.status
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
    part: str  # canonical part key, see derive.report outline
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
    notes: list[str] = field(default_factory=list)
    # sheet key → (sheet name as in the file, column key → letter), to name cells in messages
    layout: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    def cell(self, sheet: str, key: str, row: int) -> tuple[str, str]:
        name, letters = self.layout.get(sheet, (sheet, {}))
        return name, f"{letters.get(key, '')}{row}" if key in letters else f"dòng {row}"


def status_key(value: object) -> str | None:
    """A status typed by a person (label or alias, any case or tone placement) → its key in STATUSES."""
    from pipeline.text import match_key

    return _status_index().get(match_key(value))


@functools.lru_cache(maxsize=1)
def _status_index() -> dict[str, str]:
    from pipeline.schema import STATUSES
    from pipeline.text import match_key

    return {match_key(n): key for key, (label, aliases) in STATUSES.items() for n in (label, *aliases)}


# ---------------------------------------------------------------------------
# Building the model from validated rows. Cross-sheet references (units named in
# NhiemVu, tasks named in TienDo, {CT:…} placeholders) are resolved here and every
# unresolved one is reported, so the clerk sees all of them in one run.


def _bool(text: str, default: bool) -> bool:
    from pipeline.text import match_key

    key = match_key(text)
    if not key:
        return default
    return key in ("có", "co", "yes", "x", "1", "true", "đúng")


def _signer(info: Info, prefix: str = "") -> Signer | None:
    chuc_vu = info.text(f"{prefix}chuc_vu")
    if not chuc_vu:
        return None
    return Signer(
        chuc_vu=chuc_vu,
        quyen_han=info.text(f"{prefix}quyen_han"),
        tham_quyen=info.text(f"{prefix}tham_quyen"),
        name=info.text(f"{prefix}nguoi_ky"),
    )


def build(checked: Checked) -> Plan:
    """Turn validated rows into a Plan, appending reference problems to `checked.problems`."""
    from pipeline.derive.units import UnitIndex, split_names
    from pipeline.format import placeholders
    from pipeline.read import col_letter
    from pipeline.schema import COMPARATORS, FIELDS, NOI_DUNG_KINDS, REMARK_PARTS, STATUSES, UNIT_TYPES
    from pipeline.text import match_key
    from pipeline.validate import Reporter

    info = checked.info
    report = Reporter(checked.workbook, checked.problems)
    tables = checked.workbook.tables
    sheet = {name: t.sheet for name, t in tables.items()}
    rows = checked.rows
    year = int(info.get("nam") or 0)

    # -- units
    units: list[Unit] = []
    seen_codes: dict[str, int] = {}
    types = {match_key(k): v for k, v in UNIT_TYPES.items()}
    for r in rows.get("DonVi", []):
        code = str(r["code"] or "")
        if not code:
            continue
        if code in seen_codes:
            report.error(sheet["DonVi"], r.ref("code"), f"Mã đơn vị '{code}' trùng với dòng {seen_codes[code]}.")
            continue
        seen_codes[code] = r.row
        utype = types.get(match_key(r["type"]))
        if utype is None and r["type"]:
            report.error(sheet["DonVi"], r.ref("type"),
                         f"Loại '{r['type']}' không hợp lệ: ghi 'phòng', 'chi cục' hoặc 'đơn vị sự nghiệp'.")
        aliases = tuple(a for a in (s.strip() for s in str(r["aliases"] or "").replace("\n", ";").split(";")) if a)
        units.append(Unit(code, str(r["name"]), utype or "phong", aliases, r.row))
    index = UnitIndex(units)
    unit_rows = {r.row: r for r in rows.get("DonVi", [])}
    for name, codes in index.conflicts():  # a name shared by two units cannot be resolved
        report.error(sheet.get("DonVi", "DonVi"), _name_cell(name, units, unit_rows),
                     f"Tên '{name}' dùng cho nhiều đơn vị ({', '.join(codes)}); hãy bỏ tên trùng.")

    resolved: dict[str, tuple[str, ...]] = {}

    def resolve_units(r, key: str, sheet_name: str) -> tuple[str, ...]:
        raw = str(r[key] or "")
        if raw in resolved:  # the same few unit cells repeat over thousands of rows
            return resolved[raw]
        codes: list[str] = []
        clean_resolution = True
        for name in split_names(str(r[key] or "")):
            res = index.resolve(name)
            if res.code:
                if res.code not in codes:
                    codes.append(res.code)
            elif res.candidates:
                clean_resolution = False
                which = ", ".join(res.candidates)
                report.error(sheet_name, r.ref(key),
                             f"Tên đơn vị '{name}' không rõ là đơn vị nào ({which}); ghi mã đơn vị.")
            else:
                clean_resolution = False
                hint = f" Có phải '{res.suggestion}'?" if res.suggestion else ""
                report.error(sheet_name, r.ref(key),
                             f"Đơn vị '{name}' không có trong sheet DonVi.{hint}")
        if clean_resolution:  # cache only what needs no message, so every bad cell is reported
            resolved[raw] = tuple(codes)
        return tuple(codes)

    # -- tasks
    tasks: list[Task] = []
    seen_ids: dict[str, int] = {}
    for r in rows.get("NhiemVu", []):
        tid = str(r["id"] or "")
        if tid and match_key(tid) in seen_ids:
            first = seen_ids[match_key(tid)]
            report.error(sheet["NhiemVu"], r.ref("id"),
                         f"Mã nhiệm vụ '{tid}' trùng với dòng {first}; mỗi nhiệm vụ cần một mã riêng.")
        seen_ids.setdefault(match_key(tid), r.row)
        lead = resolve_units(r, "lead", sheet["NhiemVu"]) if units else ()
        support = resolve_units(r, "support", sheet["NhiemVu"]) if units else ()
        tasks.append(Task(tid, str(r["section"]), str(r["task"]), str(r["assignment"] or ""),
                          lead, tuple(c for c in support if c not in lead), str(r["deadline"]),
                          str(r["product"] or ""), r.row))

    # -- targets
    targets: list[Target] = []
    ops = {k: v for k, v in COMPARATORS.items()}
    for r in rows.get("ChiTieu", []):
        op = ops.get(str(r["op"] or "").replace(" ", ""))
        if op is None and r["op"]:
            report.error(sheet["ChiTieu"], r.ref("op"), f"So sánh '{r['op']}' không hợp lệ: ghi ≥, >, =, ≤ hoặc <.")
        if any(t.code == r["code"] for t in targets):
            report.error(sheet["ChiTieu"], r.ref("code"), f"Mã chỉ tiêu '{r['code']}' bị trùng.")
        actual = {n: float(r[f"actual{n}"]) for n in range(1, 5) if r[f"actual{n}"] is not None}
        targets.append(Target(str(r["code"]), str(r["name"]), op or "=", float(r["value"] or 0),
                              str(r["unit"] or ""), str(r["target"] or ""), actual, r.row))

    # -- periods
    periods: dict[int, Period] = {}
    for r in rows.get("KyBaoCao", []):
        n = r["period"]
        if n is None:
            continue
        if n in periods:
            report.error(sheet["KyBaoCao"], r.ref("period"), f"Kỳ {n} được khai báo hai lần.")
            continue
        if r["cutoff_from"] and r["cutoff_to"] and r["cutoff_from"] > r["cutoff_to"]:
            report.error(sheet["KyBaoCao"], r.ref("cutoff_to"), "Ngày chốt số liệu đến trước ngày bắt đầu.")
        periods[n] = Period(n, str(r["name"]), r["unit_due"], r["cutoff_from"], r["cutoff_to"], r["due"],
                            str(r["number"] or ""), r["date"])
    if "KyBaoCao" in tables:
        for n in range(1, 5):
            if n not in periods:
                report.error(sheet["KyBaoCao"], "", f"Thiếu dòng cho kỳ {n}.")

    # -- placeholders: every {name} must be known
    known = {match_key(n) for n in ("năm", "năm trước", "năm sau", "cơ quan", "viết tắt", "tỉnh", "người đứng đầu",
                                    "kỳ báo cáo")}
    known |= {match_key(f"CT:{t.code}") for t in targets}
    known |= {match_key(f"hạn kỳ {n}") for n in range(1, 5)}

    def check_placeholders(text: str, sheet_name: str, cell: str) -> None:
        for name in placeholders(text):
            if match_key(name) not in known:
                if match_key(name).startswith("ct:"):
                    msg = f"Chỉ tiêu {{{name}}} không có trong sheet ChiTieu."
                else:
                    msg = (f"Không hiểu {{{name}}}. Dùng {{năm}}, {{cơ quan}}, {{CƠ QUAN}}, {{tỉnh}}, "
                           "{người đứng đầu}, {viết tắt}, {CT:mã chỉ tiêu}, {hạn kỳ 1} hoặc {kỳ báo cáo}; "
                           "ghi {{ và }} nếu muốn in dấu ngoặc nhọn.")
                report.error(sheet_name, cell, msg)

    # -- narrative
    kinds = {match_key(k): v for k, v in NOI_DUNG_KINDS.items()}
    narrative: list[Paragraph] = []
    for r in rows.get("NoiDung", []):
        kind = kinds.get(match_key(r["kind"]))
        if kind is None:
            if r["kind"]:
                report.error(sheet["NoiDung"], r.ref("kind"),
                             f"Kiểu '{r['kind']}' không hợp lệ: ghi Mục, Khoản, Điểm, Đoạn hoặc Gạch đầu dòng.")
            continue
        check_placeholders(str(r["text"]), sheet["NoiDung"], r.ref("text"))
        narrative.append(Paragraph(kind, str(r["text"]), r.row))
    if "ThongTin" in tables:
        for spec in FIELDS:
            if spec.template:
                for text in ([info.get(spec.key)] if not spec.multi else info.lines(spec.key)):
                    if text:
                        check_placeholders(str(text), tables["ThongTin"].sheet, info.cells.get(spec.key, ""))

    # -- status entries and remarks (report only)
    statuses = {}
    for key, (label, aliases) in STATUSES.items():
        for name in (label, *aliases):
            statuses[match_key(name)] = key
    task_ids = {match_key(t.id): t.id for t in tasks}
    entries: list[StatusEntry] = []
    for r in rows.get("TienDo", []):
        tid = task_ids.get(match_key(r["task"]))
        if tid is None and r["task"]:
            from pipeline.read import suggest

            near = suggest(str(r["task"]), list(task_ids.values()))
            hint = f" Có phải '{near}'?" if near else ""
            report.error(sheet["TienDo"], r.ref("task"),
                         f"Mã nhiệm vụ '{r['task']}' không có trong sheet NhiemVu.{hint}")
        codes = resolve_units(r, "unit", sheet["TienDo"]) if r["unit"] else ()
        status = statuses.get(match_key(r["status"]))
        if status is None and r["status"]:
            labels = ", ".join(label for label, _ in STATUSES.values())
            report.error(sheet["TienDo"], r.ref("status"),
                         f"Trạng thái '{r['status']}' không hợp lệ: ghi một trong {labels}.")
        if status == "khong" and not r["note"]:
            report.error(sheet["TienDo"], r.ref("note") if "note" in tables["TienDo"].columns else r.ref("status"),
                         "Nhiệm vụ 'Không thực hiện' cần ghi lý do ở cột Ghi chú.")
        if tid and len(codes) == 1 and status and r["period"]:
            entries.append(StatusEntry(tid, codes[0], r["period"], status, r["percent"], str(r["result"] or ""),
                                       str(r["evidence"] or ""), r["done_on"], str(r["issues"] or ""),
                                       str(r["note"] or ""), r.row))
        elif len(codes) > 1:
            report.error(sheet["TienDo"], r.ref("unit"), "Mỗi dòng tiến độ chỉ ghi một đơn vị.")
    receipts: list[Receipt] = []
    for r in rows.get("NhanPhieu", []):
        codes = resolve_units(r, "unit", sheet["NhanPhieu"]) if r["unit"] else ()
        if len(codes) == 1 and r["period"] and r["date"]:
            receipts.append(Receipt(codes[0], r["period"], r["date"], str(r["file"] or ""),
                                    str(r["imported_at"] or ""), r.row))
        elif len(codes) > 1:
            report.error(sheet["NhanPhieu"], r.ref("unit"), "Mỗi dòng chỉ ghi một đơn vị.")
    parts = {}
    for key, (label, aliases) in REMARK_PARTS.items():
        for name in (label, *aliases):
            parts[match_key(name)] = key
    remarks: list[Remark] = []
    for r in rows.get("NhanXet", []):
        part = parts.get(match_key(r["part"]))
        if part is None:
            labels = ", ".join(label for label, _ in REMARK_PARTS.values())
            report.error(sheet["NhanXet"], r.ref("part"), f"Mục '{r['part']}' không hợp lệ: ghi một trong {labels}.")
            continue
        if r["period"]:
            remarks.append(Remark(r["period"], part, str(r["text"]), r.row))

    agency = Agency(
        chu_quan=info.text("chu_quan"), name_caps=info.text("co_quan"), name=info.text("ten_co_quan"),
        abbr=info.text("viet_tat"), place=info.text("dia_danh"), province=info.text("tinh"),
        head_title=info.text("nguoi_dung_dau"), office_code=info.text("luu"),
    )
    decision = Decision(
        number=info.text("qd_so"),
        date=info.get("qd_ngay") or PartialDate(year),
        summary=info.text("qd_trich_yeu"),
        grounds=info.lines("can_cu"),
        proposer=info.text("de_nghi"),
        articles=info.lines("dieu"),
        signer=_signer(info) or Signer(chuc_vu=""),
        recipients=info.lines("noi_nhan"),
    )
    report_info = ReportInfo(
        summary=info.text("bc_trich_yeu"),
        addressees=info.lines("bc_kinh_gui"),
        signer=_signer(info, "bc_"),
        recipients=info.lines("bc_noi_nhan"),
    )
    orientation = match_key(info.text("pl_huong", "ngang"))
    return Plan(
        source=checked.workbook.label,
        year=year,
        agency=agency,
        decision=decision,
        plan_summary=info.text("kh_trich_yeu"),
        plan_signed=_bool(info.text("kh_ky"), False),
        narrative=narrative,
        appendix_title=info.text("pl_tieu_de", "NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN"),
        appendix_ref=info.text("pl_kem_theo", "Kèm theo Kế hoạch cải cách hành chính {cơ quan} năm {năm}"),
        appendix_landscape=orientation != match_key("dọc"),
        units=units,
        tasks=tasks,
        targets=targets,
        periods=periods,
        report=report_info,
        entries=entries,
        remarks=remarks,
        receipts=receipts,
        notes=info.lines("ghi_chu"),
        layout={key: (t.sheet, {k: col_letter(c) for k, c in t.columns.items()}) for key, t in tables.items()},
    )


def _name_cell(name: str, units: list[Unit], rows: dict) -> str:
    """The DonVi cell of the last unit carrying `name` (usually the entry that made it ambiguous)."""
    from pipeline.text import match_key

    key = match_key(name)
    for unit in reversed(units):
        for col, values in (("aliases", unit.aliases), ("name", (unit.name,)), ("code", (unit.code,))):
            if any(match_key(v) == key for v in values) and unit.row in rows:
                return rows[unit.row].ref(col)
    return ""
