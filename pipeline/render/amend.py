"""Model + changes → the dict templates/qd_suadoi.docx sees: the Quyết định sửa đổi, bổ
sung Kế hoạch (Nghị định 30, Mẫu 1.3) and its Phụ lục of changes.

The decision cites the plan's decision and every amendment issued since; Điều 1 names
each task by where the issued documents put it ("nhiệm vụ số 3, mục II"); Điều 2 and 3
are the effect and who carries it out (the plan's own last Điều when it says so). The
Phụ lục lists the changes grouped bổ sung / điều chỉnh / bãi bỏ, a changed task showing
only the fields that changed, before and after. Everything here is formatted text.
"""

from __future__ import annotations

from pipeline import formatting as fmt
from pipeline.derive.amend import Changes, TaskChange
from pipeline.model import Amendment, ChangeKind, IssuedVersion, Plan, Task
from pipeline.render.blocks import ends, expander, recipients, signature
from pipeline.schema import NHIEM_VU, roman

# Task attribute → the NhiemVu column that holds it, for the field's name.
_COLUMN = {"section": "section", "text": "task", "assignment": "assignment", "lead": "lead", "support": "support",
           "deadline": "deadline", "product": "product"}
_IN_SENTENCE = {"text": "nội dung nhiệm vụ"}  # how Điều 1 names a field where the header would read oddly
# An added task shows what the plan's own Phụ lục prints of a task, and its lĩnh vực.
_ADDED_FIELDS = ("section", "assignment", "deadline", "product")
GROUP_TITLES = {ChangeKind.ADDED: "Bổ sung nhiệm vụ", ChangeKind.CHANGED: "Điều chỉnh nhiệm vụ",
                ChangeKind.DROPPED: "Bãi bỏ nhiệm vụ"}


def field_label(key: str) -> str:
    return NHIEM_VU.column(_COLUMN[key]).header


def place(section_no: int, stt: int) -> str:
    """'nhiệm vụ số 3, mục II': how the decision names a task of the issued plan."""
    return f"nhiệm vụ số {stt}, mục {roman(section_no)}"


def decision_phrase(plan: Plan, v: IssuedVersion) -> str:
    """'Quyết định số 05/QĐ-… ngày 05 tháng 01 năm 2030 của Giám đốc Sở …'."""
    a = plan.agency
    return (f"Quyết định số {fmt.symbol(v.decision_no, 'QĐ', a.abbr)} {fmt.long_date(v.date, plan.year)} của "
            f"{a.head_title} {a.name}")


def plan_title(plan: Plan) -> str:
    """'Kế hoạch cải cách hành chính năm 2030 của Sở …', from the plan's trích yếu."""
    summary = expander(plan)(plan.decision.summary)
    at = summary.find("Kế hoạch")
    if at >= 0:
        return summary[at:].rstrip(" .")
    return f"Kế hoạch cải cách hành chính năm {plan.year} của {plan.agency.name}"


def _amended_by(plan: Plan, base: IssuedVersion) -> list[IssuedVersion]:
    return [v for v in plan.issued if 0 < v.number <= base.number]


def plan_reference(plan: Plan, base: IssuedVersion) -> str:
    """'Kế hoạch … ban hành kèm theo Quyết định số … ngày … của …[, đã được sửa đổi, bổ sung
    tại Quyết định số …]'."""
    text = f"{plan_title(plan)} ban hành kèm theo {decision_phrase(plan, plan.issued[0])}"
    earlier = _amended_by(plan, base)
    if earlier:
        text += ", đã được sửa đổi, bổ sung tại " + ", ".join(decision_phrase(plan, v) for v in earlier)
    return text


def summary(plan: Plan, amendment: Amendment | None) -> str:
    if amendment and amendment.summary:
        return expander(plan)(amendment.summary)
    first = plan.issued[0]
    return (f"Về việc sửa đổi, bổ sung {plan_title(plan)} ban hành kèm theo Quyết định số "
            f"{fmt.symbol(first.decision_no, 'QĐ', plan.agency.abbr)} ngày {fmt.short_date(first.date)} của "
            f"{plan.agency.head_title} {plan.agency.name}")


def grounds(plan: Plan, base: IssuedVersion, amendment: Amendment | None) -> list[str]:
    """The căn cứ: the plan's own, its decision, the amendments since, this amendment's own;
    then "Theo đề nghị của …"."""
    expand = expander(plan)
    lines = [expand(g) for g in plan.decision.grounds]
    lines.append(f"Căn cứ {decision_phrase(plan, plan.issued[0])} ban hành {plan_title(plan)}")
    lines += [f"Căn cứ {decision_phrase(plan, v)} sửa đổi, bổ sung {plan_title(plan)}" for v in _amended_by(plan, base)]
    lines += [expand(g) for g in (amendment.grounds if amendment else ())]
    out = [ends(x, ";") for x in lines]
    if plan.decision.proposer:
        out.append(f"Theo đề nghị của {ends(expand(plan.decision.proposer), '.')}")
    elif out:
        out[-1] = ends(out[-1], ".")
    return out


def _fields_phrase(c: TaskChange) -> str:
    return ", ".join(_IN_SENTENCE.get(k, field_label(k).lower()) for k in c.fields)


def _ordered(items: list[TaskChange]) -> list[TaskChange]:
    return sorted(items, key=lambda c: (c.section_no, c.stt))


def article_one(plan: Plan, changes: Changes) -> dict[str, object]:
    """Điều 1: what changes, each task named by its place in the issued plan."""
    khoan: list[str] = []
    if changes.added:
        names = [f"{place(c.section_no, c.stt)}" + (f" (thay thế {_old_place(changes, c.replaces)})"
                                                      if c.replaces else "") for c in _ordered(changes.added)]
        khoan.append(f"Bổ sung {fmt.integer(len(names))} nhiệm vụ: {'; '.join(names)}")
    if changes.changed:
        names = [f"{place(c.section_no, c.stt)} ({_fields_phrase(c)})" for c in _ordered(changes.changed)]
        khoan.append(f"Điều chỉnh {fmt.integer(len(names))} nhiệm vụ: {'; '.join(names)}")
    if changes.dropped:
        names = [place(c.section_no, c.stt) for c in _ordered(changes.dropped)]
        khoan.append(f"Bãi bỏ {fmt.integer(len(names))} nhiệm vụ: {'; '.join(names)}")
    text = (f"Sửa đổi, bổ sung một số nhiệm vụ tại Phụ lục của {plan_reference(plan, changes.base)} như sau "
            "(chi tiết tại Phụ lục kèm theo Quyết định này):")
    return {"so": "Điều 1.", "text": text, "khoan": [f"{i}. {ends(k, '.')}" for i, k in enumerate(khoan, 1)]}


def _old_place(changes: Changes, task_id: str) -> str:
    c = next(x for x in changes.dropped if x.id == task_id)
    return place(c.section_no, c.stt)


def closing_articles(plan: Plan, changes: Changes) -> list[dict[str, object]]:
    """Điều 2 (hiệu lực) and Điều 3 (trách nhiệm thi hành: the plan's own last Điều when it says so)."""
    a = plan.agency
    effect = (f"Quyết định này có hiệu lực kể từ ngày ký. Các nội dung khác của {plan_reference(plan, changes.base)} "
              "giữ nguyên hiệu lực")
    articles = [expander(plan)(x) for x in plan.decision.articles]
    duty = next((x for x in reversed(articles) if "thi hành" in x.lower()), "")
    duty = duty or (f"Chánh Văn phòng, Thủ trưởng các phòng, đơn vị thuộc {a.name} và các tổ chức, cá nhân có liên "
                    "quan chịu trách nhiệm thi hành Quyết định này")
    return [{"so": "Điều 2.", "text": ends(effect, "."), "khoan": []},
            {"so": "Điều 3.", "text": ends(duty, "./."), "khoan": []}]


# -- the Phụ lục -------------------------------------------------------------------------------


def _value(key: str, task: Task, names: dict[str, str]) -> str:
    value = getattr(task, key)
    if key in ("lead", "support"):
        if len(value) > 3 and set(value) == set(names):  # as the report names every unit of the department
            return "Các phòng, đơn vị thuộc Sở"
        return ", ".join(names.get(c, c) for c in value) or "(không có)"
    return value or "(để trống)"


def _lines(keys: tuple[str, ...], task: Task, names: dict[str, str]) -> str:
    return "\n".join(f"{field_label(k)}: {_value(k, task, names)}" for k in keys)


def change_row(c: TaskChange, changes: Changes, names: dict[str, str]) -> dict[str, str]:
    """One row of the Phụ lục: where, what, before, after, why."""
    stt = f"{c.stt}\n(mục {roman(c.section_no)})"
    if c.kind is ChangeKind.ADDED:
        assert c.after is not None
        after = _lines(_ADDED_FIELDS, c.after, names)
        if c.replaces:
            after += f"\n(Thay thế {_old_place(changes, c.replaces)})"
        return {"stt": stt, "nhiem_vu": c.after.text, "truoc": "", "sau": after, "ly_do": c.reason}
    assert c.before is not None
    if c.kind is ChangeKind.CHANGED:
        assert c.after is not None
        return {"stt": stt, "nhiem_vu": c.before.text, "truoc": _lines(c.fields, c.before, names),
                "sau": _lines(c.fields, c.after, names), "ly_do": c.reason}
    after = "Bãi bỏ"
    if c.replaced_by:
        new = next(x for x in changes.added if x.id == c.replaced_by)
        after += f" (thay bằng {place(new.section_no, new.stt)})"
    return {"stt": stt, "nhiem_vu": c.before.text, "truoc": "", "sau": after, "ly_do": c.reason}


def appendix_groups(plan: Plan, changes: Changes) -> list[dict[str, object]]:
    names = {u.code: u.name for u in plan.units}
    groups = [(k, items) for k, items in ((ChangeKind.ADDED, changes.added), (ChangeKind.CHANGED, changes.changed),
                                          (ChangeKind.DROPPED, changes.dropped)) if items]
    return [{"so": roman(i), "ten": GROUP_TITLES[kind],
             "nhiem_vu": [change_row(c, changes, names) for c in _ordered(items)]}
            for i, (kind, items) in enumerate(groups, 1)]


def amend_context(plan: Plan, changes: Changes, number: int, amendment: Amendment | None) -> dict[str, object]:
    """The context of amendment `number` (its row in SuaDoi, if any, gives số, date and wording)."""
    a, d = plan.agency, plan.decision
    expand = expander(plan)
    so = amendment.decision_no if amendment else ""
    date = amendment.date if amendment else None
    dieu = [article_one(plan, changes), *closing_articles(plan, changes)]
    return {
        "co_quan": {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name,
                    "viet_tat": a.abbr},
        "nam": plan.year,
        "lan": number,
        "qd": {
            "so_ky_hieu": fmt.so_line(so, "QĐ", a.abbr),
            "ngay_thang": fmt.date_line(a.place, date, plan.year),
            "trich_yeu": summary(plan, amendment),
            "tham_quyen": f"{a.head_title} {a.name}".upper(),
            "can_cu": grounds(plan, changes.base, amendment),
            "dieu": dieu,
            "ky": signature(d.signer) or {"dong1": "", "dong2": "", "ten": ""},
            "noi_nhan": recipients(d.recipients, a.office_code, expand),
        },
        "phu_luc": {
            # The agency is named in the line below: the title keeps to one line.
            "tieu_de": f"NỘI DUNG SỬA ĐỔI, BỔ SUNG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM {plan.year}",
            "kem_theo": (f"(Kèm theo Quyết định số {fmt.symbol(so, 'QĐ', a.abbr)} {fmt.long_date(date, plan.year)} "
                         f"của {a.head_title} {a.name})"),
            "nhom": appendix_groups(plan, changes),
        },
    }


def sample_context(plan: Plan) -> dict[str, object]:
    """An example context from any workbook, every list filled, for `cchc lint --template`:
    the plan as if issued, one task changed, one dropped and one added."""
    import dataclasses
    import datetime as dt

    from pipeline.derive.amend import compare, first_version

    tasks = [dataclasses.replace(t) for t in plan.tasks[:3]] or [Task("MAU", "Lĩnh vực", "Nhiệm vụ", "", (), (), "",
                                                                      "")]
    base = first_version(tasks, "01", dt.date(plan.year or 2000, 1, 5))
    now = [dataclasses.replace(tasks[0], deadline=f"{tasks[0].deadline} (điều chỉnh)", reason="Lý do"),
           dataclasses.replace(tasks[0], id=f"{tasks[0].id}-MOI", text="Nhiệm vụ bổ sung", reason="Lý do")]
    sample = dataclasses.replace(plan, issued=[base])
    changes = compare(base, now, [dataclasses.replace(t, reason="Lý do") for t in tasks[1:]])
    return amend_context(sample, changes, 1, Amendment(1, "", None))
