"""Blocks every document's context shares: the values of {placeholders}, the signature,
Nơi nhận and Kính gửi, all as already formatted text."""

from __future__ import annotations

from collections.abc import Callable

from pipeline import formatting as fmt
from pipeline.model import Plan, Signer
from pipeline.text import expand as expand_text


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
    return lambda text: expand_text(text, lookup)


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


def ends(text: str, mark: str) -> str:
    """The text ending with exactly `mark` (";", ".", "./."), whatever the clerk typed."""
    return text.rstrip().rstrip(";.") + mark
