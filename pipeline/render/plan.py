"""Model → the dict templates/qd_kehoach.docx sees: the Quyết định, the Kế hoạch and its Phụ lục.

Template variable names are short Vietnamese words without diacritics so a clerk
editing a template in Word can read them ({{ qd.trich_yeu }}, {{ t.nhiem_vu }}).
Everything here is text already formatted; templates do no arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline import formatting as fmt
from pipeline.derive.amend import next_version, pending, section_titles
from pipeline.derive.numbering import number_sections
from pipeline.model import ChangeKind, IssuedTask, IssuedVersion, ParagraphKind, Plan, TaskState
from pipeline.render.blocks import ends, expander, recipients, signature
from pipeline.schema import roman

_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese điểm order: đ after d, no f, j, w, z


def letter(n: int) -> str:
    """1 → 'a', 5 → 'đ'; past 'y' it doubles ('aa') as clerks do by hand."""
    n -= 1
    out = _LETTERS[n % len(_LETTERS)]
    return out * (n // len(_LETTERS) + 1)


def narrative(plan: Plan, expand: Callable[[str], str]) -> list[dict[str, str]]:
    """Number Mục (I.), Khoản (1.) and Điểm (a)) from the rows' order; the last
    paragraph ends with './.'."""
    out: list[dict[str, str]] = []
    muc = khoan = diem = 0
    for para in plan.narrative:
        text = expand(para.text)
        kind = para.kind
        if kind is ParagraphKind.MUC:
            muc, khoan, diem = muc + 1, 0, 0
            text = f"{roman(muc)}. {text}"
        elif kind is ParagraphKind.KHOAN:
            khoan, diem = khoan + 1, 0
            text = f"{khoan}. {text}"
        elif kind is ParagraphKind.DIEM:
            diem += 1
            text = f"{letter(diem)}) {text}"
        elif kind is ParagraphKind.GACH:
            text = f"- {text}"
        out.append({"kieu": "muc" if kind is ParagraphKind.MUC else "doan", "text": text})
    if out and not out[-1]["text"].endswith("./."):
        out[-1]["text"] = ends(out[-1]["text"], "./.")
    return out


def appendix_groups(plan: Plan) -> list[dict[str, object]]:
    return [
        {
            "so": section.roman,
            "ten": section.title,
            "nhiem_vu": [
                {
                    "stt": n.stt,
                    "ma": n.task.id,
                    "nhiem_vu": n.task.text,
                    "phan_cong": n.task.assignment,
                    "thoi_gian": n.task.deadline,
                    "san_pham": n.task.product,
                }
                for n in section.tasks
            ],
        }
        for section in number_sections(plan.tasks)
    ]


def issued_groups(version: IssuedVersion, dropped: Callable[[IssuedTask], str] | None = None
                  ) -> list[dict[str, object]]:
    """The Phụ lục's groups as an issued version states them (sheet BanHanh): its mục,
    lĩnh vực and STT exactly as printed then (issue 12). A dropped task is left out, or with
    `dropped` keeps its number in a row saying so."""
    titles = section_titles(version.tasks)
    groups: dict[int, list[dict[str, object]]] = {}
    for it in version.tasks:
        t = it.task
        if it.state is TaskState.ACTIVE:
            row = {"stt": it.stt, "ma": t.id, "nhiem_vu": t.text, "phan_cong": t.assignment, "thoi_gian": t.deadline,
                   "san_pham": t.product}
        elif dropped is not None:
            row = {"stt": it.stt, "ma": t.id, "nhiem_vu": dropped(it), "phan_cong": "", "thoi_gian": "",
                   "san_pham": ""}
        else:
            continue
        groups.setdefault(it.section_no, []).append(row)
    return [{"so": roman(n), "ten": titles[n], "nhiem_vu": rows} for n, rows in sorted(groups.items())]


def consolidated_groups(plan: Plan) -> list[dict[str, object]]:
    """The plan in force as NhiemVu states it once the plan is issued: each task under the
    number the decisions give it (a task not yet issued, the one the next amendment will
    give), a dropped task's number kept in a row naming the decision that dropped it."""
    changes = pending(plan)
    assert changes is not None
    version = next_version(changes, changes.base.number + 1, "", changes.base.date)
    by: dict[str, str] = {}
    for v in plan.issued:
        for it in v.tasks:
            if it.change is ChangeKind.DROPPED:
                by[it.task.id] = (f"Quyết định số {fmt.symbol(v.decision_no, 'QĐ', plan.agency.abbr)} ngày "
                                  f"{fmt.short_date(v.date)}")

    def note(it: IssuedTask) -> str:
        decision = by.get(it.task.id) if it.change is not ChangeKind.DROPPED else None
        return f"(Đã bãi bỏ tại {decision})" if decision else "(Bãi bỏ; chưa có Quyết định sửa đổi, bổ sung)"

    return issued_groups(version, note)


def plan_context(plan: Plan, groups: list[dict[str, object]] | None = None) -> dict[str, object]:
    """The plan's context; `groups` replaces the Phụ lục built from NhiemVu (`issued_groups`)."""
    a, d = plan.agency, plan.decision
    expand = expander(plan)
    so_ky_hieu = fmt.so_line(d.number, "QĐ", a.abbr)
    decision_ref = (f"Quyết định số {fmt.symbol(d.number, 'QĐ', a.abbr)} {fmt.long_date(d.date, plan.year)} "
                    f"của {a.head_title} {a.name}")
    grounds = [expand(g) for g in d.grounds]
    lines = [ends(g, ";") for g in grounds]
    if d.proposer:
        lines.append(f"Theo đề nghị của {ends(expand(d.proposer), '.')}")
    elif lines:
        lines[-1] = ends(lines[-1], ".")
    articles = [expand(x) for x in d.articles]
    dieu = [{"so": f"Điều {i}.", "text": ends(t, ".")} for i, t in enumerate(articles, 1)]
    if dieu:
        dieu[-1]["text"] = ends(dieu[-1]["text"], "./.")
    office = a.office_code
    return {
        "co_quan": {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name,
                    "viet_tat": a.abbr},
        "nam": plan.year,
        "qd": {
            "so_ky_hieu": so_ky_hieu,
            "ngay_thang": fmt.date_line(a.place, d.date, plan.year),
            "trich_yeu": expand(d.summary),
            "tham_quyen": f"{a.head_title} {a.name}".upper(),
            "can_cu": lines,
            "dieu": dieu,
            "ky": signature(d.signer) or {"dong1": "", "dong2": "", "ten": ""},
            "noi_nhan": recipients(d.recipients, office, expand),
        },
        "ke_hoach": {
            "trich_yeu": expand(plan.plan_summary),
            "kem_theo": f"(Ban hành kèm theo {decision_ref})",
            "doan": narrative(plan, expand),
            "ky": signature(d.signer) if plan.plan_signed else None,
            "noi_nhan": recipients(d.recipients, office, expand),
        },
        "phu_luc": {
            "tieu_de": expand(plan.appendix_title).upper(),
            "kem_theo": f"({expand(plan.appendix_ref).strip('() ')})",
            "nhom": appendix_groups(plan) if groups is None else groups,
        },
    }
