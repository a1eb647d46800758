"""What every part of the report's context shares: the inputs of one period, how units
are named, and how one task's status reads as a sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from pipeline import formatting as fmt
from pipeline.derive.figures import Figure, annex
from pipeline.derive.numbering import Section, number_sections
from pipeline.derive.report import PeriodFacts, period_facts
from pipeline.derive.rollup import Rollup, TaskStatus
from pipeline.model import DeadlineKind, Plan, RemarkPart, Status, StatusEntry, TaskClass
from pipeline.render.blocks import plan_values
from pipeline.schema import REMARK_PART_WORDS, TASK_CLASS_WORDS
from pipeline.text import expand as expand_text
from pipeline.text import match_key

Para = dict[str, str]


def para(text: str, kind: str = "doan") -> Para:
    """A paragraph of a streamed part: 'doan' (body), 'tieu_de' (numbered heading), 'ghi_chu' (note)."""
    return {"kieu": kind, "text": text}


class Names:
    """How units are written in the report: names, or a count when there are many."""

    def __init__(self, plan: Plan):
        self.names = {u.code: u.name for u in plan.units}
        self.all = set(self.names)

    def of(self, codes: Iterable[str], full: bool = False) -> str:
        """In running text more than three units read as a count; in a table cell
        (`full`) every name is listed, unless it is every unit of the department."""
        codes = [c for c in codes if c in self.names]
        if not codes:
            return ""
        if set(codes) == self.all and len(codes) > 3:
            return "Các phòng, đơn vị thuộc Sở"
        if len(codes) > 3 and not full:
            return f"{len(codes)} phòng, đơn vị"
        return ", ".join(self.names[c] for c in codes)


@dataclass
class Inputs:
    """One period's report: the plan, its roll-up and the derived facts."""

    plan: Plan
    roll: Rollup
    period: int

    @cached_property
    def phrase(self) -> str:
        """'quý III năm 2025', '6 tháng đầu năm 2025' …"""
        return fmt.period_phrase(self.plan.periods[self.period].name, self.plan.year)

    @cached_property
    def facts(self) -> PeriodFacts:
        return period_facts(self.plan, self.roll, self.period)

    @cached_property
    def names(self) -> Names:
        return Names(self.plan)

    @cached_property
    def sections(self) -> list[Section]:
        return number_sections(self.plan.tasks)

    @cached_property
    def by_id(self) -> dict[str, TaskStatus]:
        return {s.task.id: s for s in self.roll.statuses}

    @cached_property
    def expand(self) -> Callable[[str], str]:
        lookup = fmt.placeholder_lookup(plan_values(self.plan) | {"kỳ báo cáo": self.phrase})
        return lambda text: expand_text(text, lookup)

    # -- the figures annex and the two appendices' names (Phụ lục I số liệu, II tình hình nhiệm vụ)

    @cached_property
    def figures(self) -> list[Figure]:
        return annex(self.plan.indicators, self.plan.figures, self.period)

    @cached_property
    def form_units(self) -> list[str]:
        """Units that get a form (they lead or support a task): who may report figures."""
        assigned = {c for t in self.plan.tasks for c in (*t.lead, *t.support)}
        return [u.code for u in self.plan.units if u.code in assigned]

    @property
    def figures_label(self) -> str:
        return "Phụ lục I"

    @property
    def status_label(self) -> str:
        """The status appendix: 'Phụ lục II' beside a figures annex, else plain 'Phụ lục'."""
        return "Phụ lục II" if self.plan.indicators else "Phụ lục"

    @cached_property
    def appendix_ref(self) -> str:
        a, p = self.plan.agency, self.plan.periods[self.period]
        return (f"(Kèm theo Báo cáo số {fmt.symbol(p.report_no, 'BC', a.abbr)} "
                f"{fmt.long_date(p.report_date, self.plan.year)} của {a.name})")

    def remarks(self, part: RemarkPart) -> list[str]:
        return [self.expand(r.text) for r in self.plan.remarks if r.period == self.period and r.part is part]

    def missing(self, part: RemarkPart) -> Para:
        """What stands where the clerk has not written a part: the report never invents it."""
        label = REMARK_PART_WORDS[part].label
        return para(f"(Văn phòng chưa ghi nội dung “{label}” cho kỳ {self.phrase} trong sheet NhanXet.)", "ghi_chu")

    def remarks_or_missing(self, part: RemarkPart) -> list[Para]:
        return [para(t) for t in self.remarks(part)] or [self.missing(part)]

    @property
    def required_parts(self) -> tuple[RemarkPart, ...]:
        """The NhanXet parts the report prints as "(Văn phòng chưa ghi …)" when the clerk has not
        written them; after the year's last period the next year's direction too."""
        parts = (RemarkPart.UU_DIEM, RemarkPart.HAN_CHE, RemarkPart.NGUYEN_NHAN, RemarkPart.KIEN_NGHI)
        return (*parts, RemarkPart.PHUONG_HUONG) if self.facts.outlook.annual else parts


def is_direction(section: Section) -> bool:
    """A section of chỉ đạo, điều hành tasks, reported in part I rather than part II."""
    return "chỉ đạo" in match_key(section.title)


def class_label(klass: TaskClass) -> str:
    return TASK_CLASS_WORDS[klass].label


def status_text(s: TaskStatus) -> str:
    text = class_label(s.klass).lower()
    if s.completed_on and s.done:
        text += f" ngày {fmt.short_date(s.completed_on)}"
    elif s.deadline.kind is DeadlineKind.DATE and s.deadline.due and not s.done:
        text += f" (hạn {fmt.short_date(s.deadline.due)})"
    return text


def unique(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def task_line(s: TaskStatus, names: Names) -> str:
    """'- Ban hành … (Văn phòng chủ trì): hoàn thành đúng hạn ngày 25/01/2030. Kết quả. Văn bản: …'"""
    lead: list[StatusEntry] = s.lead_entries()
    parts = [f"- {s.task.text.rstrip('.')} ({names.of(s.task.lead)} chủ trì): {status_text(s)}"]
    done_units = [e.unit for e in lead if e.status.done]
    if 0 < len(done_units) < len(s.task.lead) and not s.done:
        pending = [u for u in s.task.lead if u not in done_units]
        parts.append(f"{len(done_units)}/{len(s.task.lead)} đơn vị chủ trì đã hoàn thành; "
                     f"chưa hoàn thành: {names.of(pending)}")
    parts += _results(lead)
    evidence = unique(e.evidence for e in lead)
    if evidence:
        parts.append("Văn bản: " + "; ".join(evidence))
    reasons = unique(e.note for e in lead if e.status is Status.DROPPED)
    if reasons:
        parts.append("Lý do: " + "; ".join(reasons))
    return ". ".join(p.rstrip(".") for p in parts) + "."


def _results(lead: list[StatusEntry]) -> list[str]:
    """The lead units' results; when units report different results, each says how many units
    reported it ('Đã hoàn thành nhiệm vụ (4 đơn vị)'), so two results never read as one."""
    results = unique(e.result for e in lead)
    if len(results) < 2:
        return results
    return [f"{x.rstrip('.')} ({sum(e.result == x for e in lead)} đơn vị)" for x in results]


def class_sentence(counts: dict[TaskClass, int], total: int) -> str:
    """'đã hoàn thành 9/30 nhiệm vụ (30%); trong đó 8 nhiệm vụ hoàn thành đúng hạn; …'"""
    done = sum(n for k, n in counts.items() if k.done)
    pieces = [f"đã hoàn thành {fmt.integer(done)}/{fmt.integer(total)} nhiệm vụ ({fmt.ratio_percent(done, total)})"]
    details = [f"{fmt.integer(counts[k])} nhiệm vụ {class_label(k).lower()}" for k in TaskClass if counts.get(k)]
    return ", ".join(pieces) + ("; trong đó " + "; ".join(details) if details else "")
