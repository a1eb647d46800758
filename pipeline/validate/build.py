"""Typed rows → the model (`Plan`), one function per sheet.

Cross-sheet references are resolved here (units named in NhiemVu, tasks named in
TienDo, {CT:…} placeholders) and every unresolved one is reported, so the clerk sees
all of them in one run. Values arrive typed from `rows`; nothing is re-cast here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.derive.units import UnitIndex, split_names
from pipeline.model import (
    Agency,
    Amendment,
    Comparator,
    DeadlineType,
    Decision,
    IssuedVersion,
    Paragraph,
    PartialDate,
    Period,
    Plan,
    Receipt,
    Remark,
    RemarkPart,
    ReportInfo,
    Signer,
    Status,
    StatusEntry,
    Target,
    Task,
    TaskState,
    Unit,
    UnitPlanReceipt,
    UnitType,
)
from pipeline.read import Table, col_letter, suggest
from pipeline.schema import (
    COMPARATOR_WORDS,
    DEADLINE_TYPE_WORDS,
    DROPPED_NEEDS_NOTE,
    FIELDS,
    PARAGRAPH_KIND_WORDS,
    PLACEHOLDERS,
    REMARK_PART_WORDS,
    STATUS_WORDS,
    UNIT_TYPE_WORDS,
    YES_WORDS,
)
from pipeline.text import match_key, placeholders
from pipeline.validate import evaluation as evaluation_sheets
from pipeline.validate import figures as _figures
from pipeline.validate import record
from pipeline.validate.cells import Vocabulary, status_key
from pipeline.validate.info import Info
from pipeline.validate.rows import Reporter, Rows

DEFAULT_APPENDIX_TITLE = "NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN"
DEFAULT_APPENDIX_REF = "Kèm theo Kế hoạch cải cách hành chính {cơ quan} năm {năm}"

_UNIT_TYPES = Vocabulary(UNIT_TYPE_WORDS)
_KINDS = Vocabulary(PARAGRAPH_KIND_WORDS)
_PARTS = Vocabulary(REMARK_PART_WORDS)
_COMPARATORS = Vocabulary(COMPARATOR_WORDS)
_DEADLINE_TYPES = Vocabulary(DEADLINE_TYPE_WORDS)


@dataclass
class Context:
    """What every sheet's builder shares: the reporter, the rows, and the units once known."""

    report: Reporter
    rows: dict[str, Rows]
    index: UnitIndex = field(default_factory=lambda: UnitIndex([]))
    has_units: bool = False
    _resolved: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sheet(self, name: str) -> str:
        return self.rows[name].sheet if name in self.rows else name

    def units_in(self, t: Rows, key: str, i: int, raw: str) -> tuple[str, ...]:
        """Unit codes named in one cell ("VP; KHTC"), each unknown or ambiguous name reported."""
        if raw in self._resolved:  # the same few unit cells repeat over thousands of rows
            return self._resolved[raw]
        codes: list[str] = []
        clean_resolution = True
        for name in split_names(raw):
            res = self.index.resolve(name)
            if res.code:
                if res.code not in codes:
                    codes.append(res.code)
                continue
            clean_resolution = False
            if res.candidates:
                self.report.error(t.sheet, t.ref(key, i),
                                  f"Tên đơn vị '{name}' không rõ là đơn vị nào ({', '.join(res.candidates)}); "
                                  "ghi mã đơn vị.")
            else:
                hint = f" Có phải '{res.suggestion}'?" if res.suggestion else ""
                self.report.error(t.sheet, t.ref(key, i), f"Đơn vị '{name}' không có trong sheet DonVi.{hint}")
        if clean_resolution:  # cache only what needs no message, so every bad cell is reported
            self._resolved[raw] = tuple(codes)
        return tuple(codes)

    def one_unit(self, t: Rows, key: str, i: int, raw: str, what: str = "Mỗi dòng") -> str | None:
        """The one unit a row is about; two or more named in the cell is an error."""
        codes = self.units_in(t, key, i, raw) if raw else ()
        if len(codes) > 1:
            self.report.error(t.sheet, t.ref(key, i), f"{what} chỉ ghi một đơn vị.")
        return codes[0] if len(codes) == 1 else None


def units(ctx: Context) -> list[Unit]:
    t = ctx.rows.get("DonVi")
    out: list[Unit] = []
    if t is None:
        return out
    seen: dict[str, int] = {}
    own_plans = _own_plan_column(ctx, t)
    for i, (code, name, aliases, kind, head, abbr, requirement) in enumerate(zip(
            t.text("code"), t.text("name"), t.text("aliases"), t.text("type"), t.text("head"), t.text("abbr"),
            t.text("requirement"))):
        if not code:
            continue
        if code in seen:
            ctx.report.error(t.sheet, t.ref("code", i), f"Mã đơn vị '{code}' trùng với dòng {seen[code]}.")
            continue
        seen[code] = t.numbers[i]
        utype = _UNIT_TYPES.parse(kind)
        if utype is None and kind:
            ctx.report.error(t.sheet, t.ref("type", i),
                             f"Loại '{kind}' không hợp lệ: ghi 'phòng', 'chi cục' hoặc 'đơn vị sự nghiệp'.")
        names = tuple(a for a in (s.strip() for s in aliases.replace("\n", ";").split(";")) if a)
        out.append(Unit(code, name, utype or UnitType.PHONG, names, t.numbers[i], own_plans[i], head, abbr,
                        requirement))
    ctx.index = UnitIndex(out)
    ctx.has_units = bool(out)
    for name, codes in ctx.index.conflicts():  # a name shared by two units cannot be resolved
        ctx.report.error(t.sheet, _name_cell(name, out, t),
                         f"Tên '{name}' dùng cho nhiều đơn vị ({', '.join(codes)}); hãy bỏ tên trùng.")
    return out


_NO_WORDS = ("không", "khong", "no", "0", "false", "sai")


def _own_plan_column(ctx: Context, t: Rows) -> list[bool | None]:
    """DonVi's 'Lập kế hoạch CCHC riêng' (issue 11): có / không, blank for the default by type."""
    out: list[bool | None] = []
    for i, text in enumerate(t.text("own_plan")):
        key = match_key(text)
        if not key:
            out.append(None)
        elif key in YES_WORDS or key in _NO_WORDS:
            out.append(key in YES_WORDS)
        else:
            ctx.report.error(t.sheet, t.ref("own_plan", i),
                             f"'{text}' không hợp lệ: ghi 'có', 'không' hoặc để trống (chi cục và đơn vị sự "
                             "nghiệp lập kế hoạch riêng, phòng thì không).")
            out.append(None)
    return out


def _name_cell(name: str, units: list[Unit], t: Rows) -> str:
    """The DonVi cell of the last unit carrying `name` (usually the entry that made it ambiguous)."""
    key = match_key(name)
    index = {row: i for i, row in enumerate(t.numbers)}
    for unit in reversed(units):
        for col, values in (("aliases", unit.aliases), ("name", (unit.name,)), ("code", (unit.code,))):
            if any(match_key(v) == key for v in values) and unit.row in index:
                return t.ref(col, index[unit.row])
    return ""


def tasks(ctx: Context) -> list[Task]:
    t = ctx.rows.get("NhiemVu")
    out: list[Task] = []
    if t is None:
        return out
    seen: dict[str, int] = {}
    states = _task_states(ctx, t)
    columns = zip(t.text("id"), t.text("section"), t.text("task"), t.text("assignment"), t.text("lead"),
                  t.text("support"), t.text("deadline"), t.text("product"), states, t.text("reason"),
                  t.text("deadline_type"))
    for i, (tid, section, text, assignment, lead_cell, support_cell, deadline, product, state, reason,
            kind) in enumerate(columns):
        key = match_key(tid)
        if tid and key in seen:
            ctx.report.error(t.sheet, t.ref("id", i),
                             f"Mã nhiệm vụ '{tid}' trùng với dòng {seen[key]}; mỗi nhiệm vụ cần một mã riêng.")
        seen.setdefault(key, t.numbers[i])
        lead = ctx.units_in(t, "lead", i, lead_cell) if ctx.has_units else ()
        support = ctx.units_in(t, "support", i, support_cell) if ctx.has_units else ()
        out.append(Task(tid, section, text, assignment, lead, tuple(c for c in support if c not in lead), deadline,
                        product, t.numbers[i], state, reason, _deadline_type(ctx, t, i, kind) if kind else None))
    return out


def _deadline_type(ctx: Context, t: Rows, i: int, raw: str) -> DeadlineType | None:
    """NhiemVu's optional Loại thời hạn (một lần / định kỳ / chờ điều kiện), typed `raw`; a
    blank one is read from Thời gian."""
    kind = _DEADLINE_TYPES.parse(raw)
    if kind is None:
        ctx.report.error(t.sheet, t.ref("deadline_type", i),
                         f"Loại thời hạn '{raw}' không hợp lệ: ghi {', '.join(_DEADLINE_TYPES.labels)} "
                         "hoặc để trống.")
    return kind


# -- issue 12: Tình trạng nhiệm vụ, and the plan's history (BanHanh, SuaDoi) ------------------


def _task_states(ctx: Context, t: Rows) -> list[TaskState]:
    """Each NhiemVu row's Tình trạng nhiệm vụ; blank is in force."""
    out: list[TaskState] = []
    for i, text in enumerate(t.text("state")):
        state = record.STATES.parse(text) if text else TaskState.ACTIVE
        if state is None:
            ctx.report.error(t.sheet, t.ref("state", i),
                             f"Tình trạng nhiệm vụ '{text}' không hợp lệ: để trống khi nhiệm vụ còn hiệu lực, ghi "
                             f"'{record.STATES.label(TaskState.DROPPED)}' khi nhiệm vụ bị bãi bỏ.")
        out.append(state or TaskState.ACTIVE)
    return out


def history(ctx: Context) -> tuple[list[Amendment], list[IssuedVersion]]:
    """The amendments (SuaDoi's rows, and any recorded amendment whose row the clerk removed)
    and the issued versions (BanHanh)."""
    versions = record.issued(ctx.rows.get("BanHanh"), ctx.report)
    register = {a.number: a for a in record.amendments(ctx.rows.get("SuaDoi"), ctx.report)}
    for v in versions[1:]:
        register.setdefault(v.number, Amendment(v.number, v.decision_no, PartialDate.of(v.date)))
    return [register[n] for n in sorted(register)], versions


def _issued_only(tasks: list[Task], versions: list[IssuedVersion]) -> list[Task]:
    """Tasks an issued version holds that NhiemVu no longer has (a row deleted, a Mã changed):
    their TienDo rows are history the reports before the change still count."""
    if not versions:  # a plan not yet issued: nothing to look for among its thousands of tasks
        return []
    known = {match_key(t.id) for t in tasks}
    out: dict[str, Task] = {}
    for v in versions:
        for it in v.tasks:
            key = match_key(it.task.id)
            if key not in known:
                out.setdefault(key, it.task)
    return list(out.values())


# ---------------------------------------------------------------------------------------------


def targets(ctx: Context) -> list[Target]:
    t = ctx.rows.get("ChiTieu")
    out: list[Target] = []
    if t is None:
        return out
    actuals = list(zip(*(t.number(f"actual{n}") for n in range(1, 5))))
    for i, (code, goal, name, op_text, value, unit) in enumerate(zip(
            t.text("code"), t.text("target"), t.text("name"), t.text("op"), t.number("value"), t.text("unit"))):
        op = _COMPARATORS.parse(op_text.replace(" ", ""))
        if op is None and op_text:
            ctx.report.error(t.sheet, t.ref("op", i), f"So sánh '{op_text}' không hợp lệ: ghi ≥, >, =, ≤ hoặc <.")
        if any(x.code == code for x in out):
            ctx.report.error(t.sheet, t.ref("code", i), f"Mã chỉ tiêu '{code}' bị trùng.")
        actual = {n: a for n, a in enumerate(actuals[i], 1) if a is not None}
        out.append(Target(code, name, op or Comparator.EQ, value or 0.0, unit, goal, actual, t.numbers[i]))
    return out


def periods(ctx: Context) -> dict[int, Period]:
    t = ctx.rows.get("KyBaoCao")
    out: dict[int, Period] = {}
    if t is None:
        return out
    seen: set[int] = set()
    for i, (n, name, unit_due, start, end, due, number, date, request) in enumerate(zip(
            t.integer("period"), t.text("name"), t.date("unit_due"), t.date("cutoff_from"), t.date("cutoff_to"),
            t.date("due"), t.text("number"), t.partial_date("date"), t.text("request"))):
        if n is None:
            continue
        if n in seen:
            ctx.report.error(t.sheet, t.ref("period", i), f"Kỳ {n} được khai báo hai lần.")
            continue
        seen.add(n)
        if start and end and start > end:
            ctx.report.error(t.sheet, t.ref("cutoff_to", i), "Ngày chốt số liệu đến trước ngày bắt đầu.")
        if start is None or end is None:
            continue  # an empty or unreadable required cell, reported where it is
        out[n] = Period(n, name, unit_due, start, end, due, number, date, request, t.numbers[i])
    for n in range(1, 5):
        if n not in seen:
            ctx.report.error(t.sheet, "", f"Thiếu dòng cho kỳ {n}.")
    return out


def placeholder_checker(ctx: Context, target_codes: list[str]) -> Callable[[str, str, str], None]:
    """A check that every {name} in a text is a known placeholder."""
    fixed = {match_key(p.name) for p in PLACEHOLDERS if not p.param}
    patterns = [re.compile(re.escape(match_key(p.name)) + f" ?(?:{p.param})") for p in PLACEHOLDERS if p.param]
    codes = {match_key(f"CT:{c}") for c in target_codes}

    def known(name: str) -> bool:
        key = match_key(name)
        if key.startswith("ct:"):
            return key in codes
        return key in fixed or any(p.fullmatch(key) for p in patterns)

    def check(text: str, sheet: str, cell: str) -> None:
        for name in placeholders(text):
            if known(name):
                continue
            if match_key(name).startswith("ct:"):
                msg = f"Chỉ tiêu {{{name}}} không có trong sheet ChiTieu."
            else:
                msg = (f"Không hiểu {{{name}}}. Dùng {{năm}}, {{cơ quan}}, {{CƠ QUAN}}, {{tỉnh}}, "
                       "{người đứng đầu}, {viết tắt}, {CT:mã chỉ tiêu}, {hạn kỳ 1} hoặc {kỳ báo cáo}; "
                       "ghi {{ và }} nếu muốn in dấu ngoặc nhọn.")
            ctx.report.error(sheet, cell, msg)

    return check


def narrative(ctx: Context, check: Callable[[str, str, str], None]) -> list[Paragraph]:
    t = ctx.rows.get("NoiDung")
    out: list[Paragraph] = []
    if t is None:
        return out
    for i, (kind_text, text) in enumerate(zip(t.text("kind"), t.text("text"))):
        kind = _KINDS.parse(kind_text)
        if kind is None:
            if kind_text:
                ctx.report.error(t.sheet, t.ref("kind", i),
                                 f"Kiểu '{kind_text}' không hợp lệ: ghi Mục, Khoản, Điểm, Đoạn hoặc Gạch đầu dòng.")
            continue
        check(text, t.sheet, t.ref("text", i))
        out.append(Paragraph(kind, text, t.numbers[i]))
    return out


def check_info_placeholders(info: Info, sheet: str, check: Callable[[str, str, str], None]) -> None:
    for spec in FIELDS:
        if spec.template:
            for text in info.lines(spec.key) if spec.multi else [info.text(spec.key)]:
                if text:
                    check(text, sheet, info.cells.get(spec.key, ""))


def entries(ctx: Context, task_list: list[Task]) -> list[StatusEntry]:
    t = ctx.rows.get("TienDo")
    out: list[StatusEntry] = []
    if t is None:
        return out
    ids = {match_key(x.id): x.id for x in task_list}
    exact = {x.id: x.id for x in task_list}  # most cells hold the id as NhiemVu spells it
    statuses: dict[str, Status | None] = {}  # a handful of spellings over thousands of rows
    note_col = "note" if t.has("note") else "status"
    for i, (task, unit, period, status_text, percent, result, evidence, done_on, issues, note) in enumerate(zip(
            t.text("task"), t.text("unit"), t.integer("period"), t.text("status"), t.number("percent"),
            t.text("result"), t.text("evidence"), t.date("done_on"), t.text("issues"), t.text("note"))):
        tid = exact.get(task) or ids.get(match_key(task))
        if tid is None and task:
            near = suggest(task, list(ids.values()))
            hint = f" Có phải '{near}'?" if near else ""
            ctx.report.error(t.sheet, t.ref("task", i), f"Mã nhiệm vụ '{task}' không có trong sheet NhiemVu.{hint}")
        code = ctx.one_unit(t, "unit", i, unit, "Mỗi dòng tiến độ")
        if status_text in statuses:
            status = statuses[status_text]
        else:
            status = statuses[status_text] = status_key(status_text)
        if status is None and status_text:
            labels = ", ".join(w.label for w in STATUS_WORDS.values())
            ctx.report.error(t.sheet, t.ref("status", i),
                             f"Trạng thái '{status_text}' không hợp lệ: ghi một trong {labels}.")
        if status is Status.DROPPED and not note:
            ctx.report.error(t.sheet, t.ref(note_col, i), DROPPED_NEEDS_NOTE)
        if tid and code and status and period:
            out.append(StatusEntry(tid, code, period, status, percent, result, evidence, done_on, issues, note,
                                   t.numbers[i]))
    return out


def receipts(ctx: Context) -> list[Receipt]:
    t = ctx.rows.get("NhanPhieu")
    out: list[Receipt] = []
    if t is None:
        return out
    for i, (unit, period, date, file, imported_at) in enumerate(zip(
            t.text("unit"), t.integer("period"), t.date("date"), t.text("file"), t.text("imported_at"))):
        code = ctx.one_unit(t, "unit", i, unit)
        if code and period and date:
            out.append(Receipt(code, period, date, file, imported_at, t.numbers[i]))
    return out


def unit_plans(ctx: Context) -> list[UnitPlanReceipt]:
    """KeHoachDonVi (issue 11): the units' own plans Văn phòng has registered."""
    t = ctx.rows.get("KeHoachDonVi")
    out: list[UnitPlanReceipt] = []
    if t is None:
        return out
    for i, (unit, number, date, received, note) in enumerate(zip(
            t.text("unit"), t.text("number"), t.date("date"), t.date("received"), t.text("note"))):
        code = ctx.one_unit(t, "unit", i, unit)
        if code:
            if date and received and received < date:
                ctx.report.warn(t.sheet, t.ref("received", i), "Ngày nhận trước ngày ký kế hoạch; kiểm tra lại.")
            out.append(UnitPlanReceipt(code, number, date, received, note, t.numbers[i]))
    return out


def remarks(ctx: Context) -> list[Remark]:
    t = ctx.rows.get("NhanXet")
    out: list[Remark] = []
    if t is None:
        return out
    for i, (period, part_text, text) in enumerate(zip(t.integer("period"), t.text("part"), t.text("text"))):
        part: RemarkPart | None = _PARTS.parse(part_text)
        if part is None:
            ctx.report.error(t.sheet, t.ref("part", i),
                             f"Mục '{part_text}' không hợp lệ: ghi một trong {', '.join(_PARTS.labels)}.")
            continue
        if period:
            out.append(Remark(period, part, text, t.numbers[i]))
    return out


def _signer(info: Info, prefix: str = "") -> Signer | None:
    chuc_vu = info.text(f"{prefix}chuc_vu")
    if not chuc_vu:
        return None
    return Signer(chuc_vu=chuc_vu, quyen_han=info.text(f"{prefix}quyen_han"),
                  tham_quyen=info.text(f"{prefix}tham_quyen"), name=info.text(f"{prefix}nguoi_ky"))


def _date_field(info: Info, key: str) -> dt.date | None:
    value = info.get(key)
    return value if isinstance(value, dt.date) else None


def _yes(text: str) -> bool:
    return match_key(text) in YES_WORDS


def documents(info: Info, year: int) -> tuple[Agency, Decision, ReportInfo]:
    """The agency, the decision and the report's settings, from ThongTin."""
    agency = Agency(
        chu_quan=info.text("chu_quan"), name_caps=info.text("co_quan"), name=info.text("ten_co_quan"),
        abbr=info.text("viet_tat"), place=info.text("dia_danh"), province=info.text("tinh"),
        head_title=info.text("nguoi_dung_dau"), office_code=info.text("luu"),
    )
    decision = Decision(
        number=info.text("qd_so"), date=info.partial_date("qd_ngay") or PartialDate(year),
        summary=info.text("qd_trich_yeu"), grounds=info.lines("can_cu"), proposer=info.text("de_nghi"),
        articles=info.lines("dieu"), signer=_signer(info) or Signer(chuc_vu=""), recipients=info.lines("noi_nhan"),
    )
    report = ReportInfo(summary=info.text("bc_trich_yeu"), addressees=info.lines("bc_kinh_gui"),
                        signer=_signer(info, "bc_"), recipients=info.lines("bc_noi_nhan"),
                        chart=_yes(info.text("bc_bieu_do")), remind_date=_date_field(info, "dd_ngay"),
                        remind_due=_date_field(info, "dd_han"), remind_days=info.integer("dd_so_ngay"))
    return agency, decision, report


def plan(info: Info, info_table: Table | None, rows: dict[str, Rows], report: Reporter) -> Plan:
    """The whole model; every reference problem goes to `report`."""
    info_sheet = info_table.sheet if info_table is not None else None
    ctx = Context(report, rows)
    year = info.integer("nam") or 0
    unit_list = units(ctx)
    task_list = tasks(ctx)
    target_list = targets(ctx)
    period_map = periods(ctx)
    check = placeholder_checker(ctx, [x.code for x in target_list])
    paragraphs = narrative(ctx, check)
    if info_sheet is not None:
        check_info_placeholders(info, info_sheet, check)
    agency, decision, report_info = documents(info, year)
    amendment_list, issued_versions = history(ctx)
    in_force = [x for x in task_list if x.state is TaskState.ACTIVE]  # issue 12: Bãi bỏ rows apart
    indicator_list = _figures.indicators(ctx)  # the figures annex (ChiSo, SoLieuDonVi)
    tables = [r.table for r in rows.values()] + ([info_table] if info_table is not None else [])
    layout = {t.spec.name: (t.sheet, {k: col_letter(c) for k, c in t.columns.items()}) for t in tables}
    return Plan(
        source=report.file,
        year=year,
        agency=agency,
        decision=decision,
        plan_summary=info.text("kh_trich_yeu"),
        plan_signed=_yes(info.text("kh_ky")),
        narrative=paragraphs,
        appendix_title=info.text("pl_tieu_de", DEFAULT_APPENDIX_TITLE),
        appendix_ref=info.text("pl_kem_theo", DEFAULT_APPENDIX_REF),
        appendix_landscape=match_key(info.text("pl_huong", "ngang")) != match_key("dọc"),
        units=unit_list,
        tasks=in_force,
        targets=target_list,
        periods=period_map,
        report=report_info,
        entries=entries(ctx, task_list + _issued_only(task_list, issued_versions)),
        remarks=remarks(ctx),
        receipts=receipts(ctx),
        amendments=amendment_list,
        dropped_tasks=[x for x in task_list if x.state is TaskState.DROPPED],
        issued=issued_versions,
        evaluation=evaluation_sheets.evaluation(report, rows, ctx.index, info),  # the year-end evaluation
        indicators=indicator_list,
        figures=_figures.unit_figures(ctx, indicator_list),
        notes=info.lines("ghi_chu"),
        unit_plans=unit_plans(ctx),
        unit_plan_due=_date_field(info, "kh_don_vi_han"),
        layout=layout,
    )
