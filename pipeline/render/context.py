"""Model → the plain dicts the templates see.

Template variable names are short Vietnamese words without diacritics so a clerk
editing a template in Word can read them ({{ qd.trich_yeu }}, {{ t.nhiem_vu }}).
Everything here is text already formatted; templates do no arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline import format as fmt
from pipeline.derive.numbering import number_sections, roman
from pipeline.model import Plan, Signer

_LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese điểm order: đ after d, no f, j, w, z


def letter(n: int) -> str:
    """1 → 'a', 5 → 'đ'; past 'y' it doubles ('aa') as clerks do by hand."""
    n -= 1
    out = _LETTERS[n % len(_LETTERS)]
    return out * (n // len(_LETTERS) + 1)


def plan_values(plan: Plan) -> dict[str, str]:
    """Values for {placeholders} in clerk-written text."""
    a = plan.agency
    values = {
        "năm": str(plan.year),
        "năm trước": str(plan.year - 1),
        "năm sau": str(plan.year + 1),
        "cơ quan": a.name,
        "CƠ QUAN": a.name_caps,
        "viết tắt": a.abbr,
        "tỉnh": a.province,
        "TỈNH": a.province.upper(),
        "người đứng đầu": f"{a.head_title} {_short_name(a.name)}".strip(),
    }
    for t in plan.targets:
        values[f"CT:{t.code}"] = fmt.target_phrase(t.op, t.value, t.unit)
    for n in range(1, 5):
        period = plan.periods.get(n)
        # A deadline not set yet prints as dots to fill in, never as the raw {placeholder}.
        values[f"hạn kỳ {n}"] = fmt.short_date(period.unit_due) if period and period.unit_due else "…/…/…"
    # The period is only known in a report; in a plan's text it stays a blank to fill.
    values.setdefault("kỳ báo cáo", "……")
    return values


def _short_name(name: str) -> str:
    # "Giám đốc" + "Sở Nội vụ" reads "Giám đốc Sở"; the full name
    # follows where a sentence needs it ({người đứng đầu} {cơ quan} is not wanted).
    return name.split(" ", 1)[0] if name else ""


def expander(plan: Plan) -> Callable[[str], str]:
    lookup = fmt.placeholder_lookup(plan_values(plan))
    return lambda text: fmt.expand(text, lookup)


def signature(signer: Signer | None) -> dict[str, str] | None:
    if signer is None or not signer.chuc_vu:
        return None
    line1, line2 = fmt.signature_lines(signer)
    return {"dong1": line1, "dong2": line2, "ten": signer.name}


def recipients(lines: list[str], office_code: str, expand: Callable[[str], str]) -> list[str]:
    """'- Như Điều 3;' … '- Lưu: VT, VP.' (NĐ 30: each line ends ';', the last '.')."""
    out = [f"- {expand(x)};" for x in lines]
    out.append(f"- Lưu: VT, {office_code}.")
    return out


def addressees(names: list[str]) -> dict[str, object]:
    """The "Kính gửi" block (NĐ 30 ô 9a): one recipient on the same line ending with
    '.', several as '- …;' lines, the last ending with '.'."""
    return {
        "kinh_gui_mot": f"Kính gửi: {names[0]}." if len(names) == 1 else "",
        "kinh_gui_nhieu": [f"- {x}{'.' if i == len(names) - 1 else ';'}" for i, x in enumerate(names)]
        if len(names) > 1 else [],
    }


def _ends(text: str, mark: str) -> str:
    return text.rstrip().rstrip(";.") + mark


def narrative(plan: Plan, expand: Callable[[str], str]) -> list[dict[str, str]]:
    """Number Mục (I.), Khoản (1.) and Điểm (a)) from the rows' order; the last
    paragraph ends with './.'."""
    out: list[dict[str, str]] = []
    muc = khoan = diem = 0
    for para in plan.narrative:
        text = expand(para.text)
        kind = para.kind
        if kind == "muc":
            muc, khoan, diem = muc + 1, 0, 0
            text = f"{roman(muc)}. {text}"
        elif kind == "khoan":
            khoan, diem = khoan + 1, 0
            text = f"{khoan}. {text}"
        elif kind == "diem":
            diem += 1
            text = f"{letter(diem)}) {text}"
        elif kind == "gach":
            text = f"- {text}"
        out.append({"kieu": "muc" if kind == "muc" else "doan", "text": text})
    if out and not out[-1]["text"].endswith("./."):
        out[-1]["text"] = _ends(out[-1]["text"], "./.")
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
    lines = [_ends(g, ";") for g in grounds]
    if d.proposer:
        lines.append(f"Theo đề nghị của {_ends(expand(d.proposer), '.')}")
    elif lines:
        lines[-1] = _ends(lines[-1], ".")
    articles = [expand(x) for x in d.articles]
    dieu = [{"so": f"Điều {i}.", "text": _ends(t, ".")} for i, t in enumerate(articles, 1)]
    if dieu:
        dieu[-1]["text"] = _ends(dieu[-1]["text"], "./.")
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
