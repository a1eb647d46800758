"""Model → the dict templates/qd_kehoach.docx sees: the Quyết định, the Kế hoạch and its Phụ lục.

Template variable names are short Vietnamese words without diacritics so a clerk
editing a template in Word can read them ({{ qd.trich_yeu }}, {{ t.nhiem_vu }}).
Everything here is text already formatted; templates do no arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline import formatting as fmt
from pipeline.derive.numbering import number_sections
from pipeline.model import ParagraphKind, Plan
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


def plan_context(plan: Plan) -> dict[str, object]:
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
            "nhom": appendix_groups(plan),
        },
    }
