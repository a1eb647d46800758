"""The report's tables (Bảng 1–6) and its status Phụ lục, as rows of formatted text."""

from __future__ import annotations

from pipeline import formatting as fmt
from pipeline.derive.report import contradictions, unit_loads
from pipeline.derive.rollup import Summary, TaskStatus
from pipeline.derive.targets import verdict
from pipeline.model import Status, StatusEntry, TaskClass
from pipeline.render.report.common import Inputs, class_label, status_text, unique
from pipeline.schema import STATUS_WORDS

Row = dict[str, object]
# About a landscape page of the status Phụ lục's widest column (80 mm at 12 pt, ~36 characters a line).
SPLIT_CHARS = 1100


def by_class(r: Inputs) -> list[Row]:
    """Bảng 1: tasks by class."""
    counts, total = r.roll.counts(), len(r.roll.statuses)
    return [{"stt": i, "ten": class_label(k), "so": fmt.integer(counts[k]),
             "ty_le": fmt.ratio_percent(counts[k], total)} for i, k in enumerate(TaskClass, 1)]


def stats_row(s: Summary) -> dict[str, str]:
    return {"tong": fmt.integer(s.total), "xong": fmt.integer(s.done), "qua_han": fmt.integer(s.overdue),
            "ty_le": fmt.ratio_percent(s.done, s.total)}


def by_section(r: Inputs) -> list[Row]:
    """Bảng 2: tasks by section."""
    return [{"stt": sec.roman, "ten": sec.title, **stats_row(s)} for sec, _, s in r.roll.by_section(r.sections)]


def targets(r: Inputs) -> list[Row]:
    """Bảng 3: the plan's targets and this period's results."""
    out: list[Row] = []
    for i, t in enumerate(r.plan.targets, 1):
        actual, result = verdict(t, r.period)
        out.append({"stt": i, "ten": t.name,
                    "ke_hoach": f"{fmt.op_symbol(t.op)} {fmt.quantity(t.value, t.unit)}".lstrip("= "),
                    "ket_qua": "" if actual is None else fmt.quantity(actual, t.unit), "danh_gia": result})
    return out


def overdue_state(s: TaskStatus) -> str:
    lead = s.lead_entries()
    if not lead:
        return "Chưa có báo cáo"
    pct = [e.percent for e in lead if e.percent is not None]
    return f"Đang thực hiện ({fmt.percent(min(pct))})" if pct else "Đang thực hiện"


def overdue(r: Inputs) -> list[Row]:
    """Bảng 4: overdue tasks."""
    return [{"stt": i, "nhiem_vu": s.task.text, "don_vi": r.names.of(s.task.lead, full=True),
             "thoi_han": s.task.deadline, "tinh_trang": overdue_state(s)} for i, s in enumerate(r.facts.overdue, 1)]


def silent_units(r: Inputs) -> list[Row]:
    """Bảng 5: units that have not reported for the period."""
    due = r.plan.periods[r.period].unit_due
    due_text = fmt.short_date(due) if due else ""
    return [{"stt": i, "ten": r.names.names[u.code], "so_nv": fmt.integer(u.tasks), "han": due_text}
            for i, u in enumerate(r.facts.silent, 1)]


def units(r: Inputs) -> list[Row]:
    """Bảng 6: each unit's own tasks (it alone leads) apart from those it leads with other units."""
    return [{"stt": i, "ten": r.names.names[u.code], "rieng": fmt.integer(u.own), "rieng_xong": fmt.integer(u.own_done),
             "rieng_qua_han": fmt.integer(u.own_overdue), "chung": fmt.integer(u.shared),
             "chung_xong": fmt.integer(u.shared_done), "chung_qua_han": fmt.integer(u.shared_overdue),
             "bao_cao": "Đã gửi" if u.reported else "Chưa gửi"}
            for i, u in enumerate(unit_loads(r.roll), 1)]


# -- the status Phụ lục: one row per task; a task of several units says who reported what


def _unit_state(e: StatusEntry | None, r: Inputs) -> str:
    """'đang thực hiện (70%)'; an unfinished task's entry from an earlier period says so."""
    if e is None:
        return "chưa báo cáo"
    text = STATUS_WORDS[e.status].label.lower()
    notes = [fmt.percent(e.percent)] if e.status is Status.IN_PROGRESS and e.percent is not None else []
    if not e.status.done and e.period < r.period and e.period in r.plan.periods:
        notes.append(f"theo báo cáo {r.plan.periods[e.period].name}")
    return text + (f" ({', '.join(notes)})" if notes else "")


def _who(codes: list[str], lead: tuple[str, ...], r: Inputs) -> str:
    if len(codes) == len(lead):
        return f"Cả {len(lead)} đơn vị chủ trì"
    return ", ".join(r.names.names[c] for c in codes)


def unit_results(s: TaskStatus, r: Inputs) -> list[str]:
    """'Văn phòng Sở, Phòng …: đã hoàn thành. Đã hoàn thành nhiệm vụ. Văn bản: …' per group of
    lead units that reported the same thing, in lead order."""
    groups: dict[tuple[object, ...], list[str]] = {}
    for u in s.task.lead:
        e = s.latest.get(u)
        key = ("",) if e is None else (_unit_state(e, r), e.result)
        groups.setdefault(key, []).append(u)
    out = []
    ordered = list(groups.values())
    largest = max(ordered, key=len)
    rest = len(ordered) > 1 and len(largest) >= 6 and 3 * len(largest) >= 2 * len(s.task.lead)
    if rest:  # most units said the same: name the others, then "the remaining n units"
        ordered = [g for g in ordered if g is not largest] + [largest]
    for codes in ordered:
        first = s.latest.get(codes[0])
        who = f"Các đơn vị còn lại ({len(codes)} đơn vị)" if rest and codes is largest else _who(codes, s.task.lead, r)
        pieces = [f"{who}: {_unit_state(first, r)}"]
        if first is not None and first.result:
            pieces.append(first.result)
        evidence = unique(s.latest[c].evidence for c in codes if c in s.latest)
        if evidence:
            pieces.append("Văn bản: " + "; ".join(evidence))
        out.append(". ".join(p.rstrip(".") for p in pieces) + ".")
    return out


def unit_notes(s: TaskStatus, r: Inputs) -> list[str]:
    """Difficulties and notes, each with the units that wrote it; then entries to check."""
    lead = s.task.lead
    entries = [(u, s.latest[u]) for u in lead if u in s.latest]
    out = []
    for field in ("issues", "note"):
        texts: dict[str, list[str]] = {}
        for u, e in entries:
            if getattr(e, field):
                texts.setdefault(getattr(e, field), []).append(u)
        out += [text if len(lead) == 1 else f"{_who(codes, lead, r)}: {text}" for text, codes in texts.items()]
    for u, e in entries:
        for _, message in contradictions(e):
            who = "" if len(lead) == 1 else f" của {r.names.names[u]}"
            out.append(f"Cần kiểm tra số liệu{who}: {message}")
    return out


def count_line(s: TaskStatus) -> str:
    """'4/10 đơn vị đã hoàn thành; 1 đơn vị chưa báo cáo' for a task of several lead units; a
    recurring task is never finished, so it counts the units at work on it, and a task not
    carried out counts the units that dropped it."""
    lead = s.task.lead
    silent = sum(1 for u in lead if u not in s.latest)
    if s.klass is TaskClass.RECURRING:
        going = sum(1 for u in lead if u in s.latest and s.latest[u].status in (Status.IN_PROGRESS, Status.DONE))
        text = f"{going}/{len(lead)} đơn vị đang thực hiện"
    elif s.klass is TaskClass.DROPPED:
        dropped = sum(1 for u in lead if u in s.latest and s.latest[u].status is Status.DROPPED)
        text = f"{dropped}/{len(lead)} đơn vị không thực hiện"
    else:
        done = sum(1 for u in lead if u in s.latest and s.latest[u].status.done)
        text = f"{done}/{len(lead)} đơn vị đã hoàn thành"
    return text + (f"; {silent} đơn vị chưa báo cáo" if silent else "")


def appendix_row(stt: int, s: TaskStatus, r: Inputs) -> Row:
    lead = s.lead_entries()
    state = status_text(s).capitalize()
    if len(s.task.lead) > 1:
        state += "\n" + count_line(s)
        result = unit_results(s, r)
    else:
        result = unique(e.result for e in lead) + unique(e.evidence for e in lead)
    row: Row = {"stt": stt, "nhiem_vu": s.task.text, "don_vi": r.names.of(s.task.lead, full=True),
                "thoi_han": s.task.deadline, "tinh_trang": state, "ket_qua": "\n".join(result),
                "ghi_chu": "\n".join(unit_notes(s, r))}
    # A row taller than a landscape page may split (the template keeps every other row whole).
    row["tach"] = max(len(str(v)) for v in row.values()) > SPLIT_CHARS
    return row


def appendix(r: Inputs) -> list[Row]:
    """The status Phụ lục: every task, grouped by section."""
    return [{"so": sec.roman, "ten": sec.title,
             "nhiem_vu": [appendix_row(n.stt, r.by_id[n.task.id], r) for n in sec.tasks]}
            for sec in r.sections]
