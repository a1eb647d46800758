"""The units' evaluation → the dicts of templates/baocao_danhgia.docx (the Báo cáo kết quả
đánh giá, xếp loại) and templates/qd_xeploai.docx (the Quyết định công bố kết quả with its
Phụ lục), and the scores workbook for the appraisal council.

Everything the scores say is stated with its figures; what only the clerk can say (a unit's
strengths and shortfalls) comes from NhanXetDonVi, and where it is missing the figures stand
in its place, never invented prose.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pipeline import formatting as fmt
from pipeline.derive.criteria import Tree, dec
from pipeline.derive.evaluation import Evaluated, ItemScore, Result, band_counts
from pipeline.model import Band, EmptyScope, Plan, RemarkPart, ScoreMethod
from pipeline.ooxml import mm
from pipeline.ooxml.write import set_column_widths, table_headed
from pipeline.render.blocks import ends, expander, recipients, signature
from pipeline.schema import SCORE_METHOD_WORDS
from pipeline.xlsx import SheetData

Para = dict[str, str]
RANK_HEADER = "Hạng"  # the first header cell of the Phụ lục table, by which the width tweak finds it
# Landscape Phụ lục (252 mm): fixed columns, then the lĩnh vực share the rest.
_FIXED_MM = {"hang": 13.0, "don_vi": 52.0, "thuong_tru": 19.0, "tu_cham": 19.0, "tong": 20.0, "xep_loai": 22.0}
_TABLE_MM = 252.0
_MAX_AREA_MM = 24.0


def para(text: str, kind: str = "doan") -> Para:
    return {"kieu": kind, "text": text}


def _agency(plan: Plan) -> dict[str, str]:
    a = plan.agency
    return {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name}


def units_phrase(plan: Plan) -> str:
    return f"các phòng, đơn vị thuộc {plan.agency.name}"


def band_ranges(bands: list[Band]) -> list[str]:
    """'từ 90 điểm', 'từ 80 đến dưới 90 điểm' … 'dưới 50 điểm' (bands highest first)."""
    out = []
    for i, b in enumerate(bands):
        if i == 0:
            out.append(f"từ {fmt.points(b.lower)} điểm")
        elif i == len(bands) - 1:
            out.append(f"dưới {fmt.points(bands[i - 1].lower)} điểm")
        else:
            out.append(f"từ {fmt.points(b.lower)} đến dưới {fmt.points(bands[i - 1].lower)} điểm")
    return out


def plan_reference(plan: Plan) -> str:
    a, d = plan.agency, plan.decision
    if not d.number.strip():
        return ""
    return (f" (ban hành kèm theo Quyết định số {fmt.symbol(d.number, 'QĐ', a.abbr)} {fmt.long_date(d.date, plan.year)}"
            f" của {a.head_title} {a.name})")


# -- the method -------------------------------------------------------------------------------


def method_paras(ev: Evaluated) -> list[Para]:
    tree = ev.tree
    depth = dict((c.code, d) for c, d in tree.walk())
    areas = tree.regular_top()
    subs = [c for c in tree.ordered if depth[c.code] == 1 and tree.extra(c) is None]
    parts = [c for c in tree.ordered if depth[c.code] >= 2 and tree.extra(c) is None]
    extras = [f"{'điểm thưởng' if tree.extra(c) is ScoreMethod.BONUS else 'điểm trừ'} tối đa {fmt.points(c.maximum)}"
              for c in tree.top if tree.extra(c) is not None]
    sizes = [f"{len(areas)} lĩnh vực", f"{len(subs)} tiêu chí" if subs else "",
             f"{len(parts)} tiêu chí thành phần" if parts else ""]
    out = [para(f"Bộ tiêu chí gồm {', '.join(x for x in sizes if x)}, tổng điểm tối đa 100 điểm"
                + (f"; {', '.join(extras)}" if extras else "") + ".")]
    autos = [c for c in tree.leaves if tree.method(c).automatic]
    if autos:
        out.append(para(f"Các tiêu chí chấm tự động từ sổ theo dõi tiến độ (số liệu đến hết ngày "
                        f"{fmt.short_date(ev.cutoff)}, phiếu báo cáo đến ngày {fmt.short_date(ev.as_of)}):"))
        for c in autos:
            words = SCORE_METHOD_WORDS[tree.method(c)].help.removeprefix("tự động: ")
            empty = "điểm tối đa" if c.empty is EmptyScope.FULL else "0 điểm"
            out.append(para(f"- {c.code} {c.name} ({fmt.points(c.maximum)} điểm): điểm = điểm tối đa × {words}; "
                            f"không phát sinh: {empty}."))
        out.append(para("Nhiệm vụ đến hạn là nhiệm vụ đã hoàn thành hoặc có thời hạn đến hết ngày chốt số liệu năm, "
                        "trừ nhiệm vụ chờ điều kiện và nhiệm vụ không thực hiện có lý do; mỗi đơn vị được đánh giá "
                        "theo báo cáo của chính đơn vị."))
    manual = [c for c in tree.leaves if tree.method(c).manual]
    if manual:
        out.append(para(f"{len(manual)} tiêu chí còn lại do đơn vị tự chấm, kèm tài liệu kiểm chứng; Văn phòng thẩm "
                        "định, điểm thẩm định khác điểm tự chấm đều ghi rõ lý do. Tiêu chí đơn vị chưa tự chấm và "
                        "chưa được thẩm định tính 0 điểm."))
    ranges = "; ".join(f"{b.name} {r}" for b, r in zip(ev.bands, band_ranges(ev.bands)))
    out.append(para(f"Xếp loại theo tổng điểm (điểm các lĩnh vực cộng điểm thưởng, trừ điểm trừ): {ranges}; tổng điểm "
                    "đúng bằng mức dưới của một loại thì xếp vào loại đó. Các đơn vị bằng điểm nhau cùng hạng."))
    return out


# -- the units ---------------------------------------------------------------------------------


def _lost(item: ItemScore) -> Decimal:
    return dec(item.criterion.maximum) - item.points


def strengths(r: Result, tree: Tree, remarks: list[str]) -> list[Para]:
    if remarks:
        return [para(f"Ưu điểm: {ends(t, '.')}") for t in remarks]
    regular = [i for i in r.items.values() if tree.extra(i.criterion) is None]
    full = [i for i in regular if _lost(i) == 0]
    areas = [c for c in tree.regular_top() if r.nodes[c.code].points == dec(c.maximum)]
    text = f"Ưu điểm: đạt điểm tối đa ở {len(full)}/{len(regular)} tiêu chí"
    if areas:
        text += f"; đạt điểm tối đa cả lĩnh vực {', '.join(f'{c.code} ({c.name})' for c in areas)}"
    if r.bonus:
        text += f"; được cộng {fmt.points(r.bonus)} điểm thưởng"
    return [para(text + ".")]


def shortfalls(r: Result, tree: Tree, remarks: list[str], limit: int = 6) -> list[Para]:
    if remarks:
        return [para(f"Tồn tại, hạn chế: {ends(t, '.')}") for t in remarks]
    lost = sorted((i for i in r.items.values() if tree.extra(i.criterion) is None and _lost(i) > 0),
                  key=lambda i: _lost(i), reverse=True)
    if not lost and not r.penalty:
        return [para("Tồn tại, hạn chế: không có tiêu chí nào bị trừ điểm.")]
    out = [para(f"Tồn tại, hạn chế: {len(lost)} tiêu chí chưa đạt điểm tối đa" +
                (f", bị trừ {fmt.points(r.penalty)} điểm" if r.penalty else "") + ":", "dan")]
    out += [para(f"- {i.criterion.code} {i.criterion.name}: {ends(i.explanation, '.')}") for i in lost[:limit]]
    if len(lost) > limit:
        out.append(para(f"- Và {len(lost) - limit} tiêu chí khác (chi tiết trong bảng điểm kèm theo)."))
    return out


def unit_paras(plan: Plan, ev: Evaluated) -> list[Para]:
    remarks: dict[tuple[str, RemarkPart], list[str]] = {}
    for rm in plan.evaluation.remarks:
        remarks.setdefault((rm.unit, rm.part), []).append(rm.text)
    out: list[Para] = []
    for n, r in enumerate(ev.results, 1):
        assert r.unit is not None and r.band is not None
        out.append(para(f"2.{n}. {r.unit.name}: {fmt.points(r.total)} điểm, xếp loại {r.band.name} (hạng {r.rank})",
                        "tieu_de"))
        said = (f"Tự chấm {fmt.points(r.self_total)} điểm; sau thẩm định {fmt.points(r.total)} điểm (các lĩnh vực "
                f"{fmt.points(r.base)}, thưởng {fmt.points(r.bonus)}, trừ {fmt.points(r.penalty)}).")
        if not r.assessed:
            said = (f"Đơn vị chưa gửi tự đánh giá: các tiêu chí tự chấm chưa được thẩm định tính 0 điểm; tổng "
                    f"{fmt.points(r.total)} điểm (các lĩnh vực {fmt.points(r.base)}, thưởng {fmt.points(r.bonus)}, "
                    f"trừ {fmt.points(r.penalty)}).")
        out.append(para(said))
        out += strengths(r, ev.tree, remarks.get((r.unit.code, RemarkPart.UU_DIEM), []))
        out += shortfalls(r, ev.tree, remarks.get((r.unit.code, RemarkPart.HAN_CHE), []))
    return out


def counts_phrase(ev: Evaluated, sep: str) -> str:
    """'1 đơn vị xếp loại Xuất sắc, 3 đơn vị xếp loại Tốt': the bands that have units."""
    return sep.join(f"{fmt.integer(len(m))} đơn vị xếp loại {b.name}" for b, m in band_counts(ev.results, ev.bands)
                    if m)


def missing_paras(ev: Evaluated) -> list[Para]:
    if not ev.missing:
        return [para("Tất cả các đơn vị đã gửi tự đánh giá.")]
    names = ", ".join(u.name for u in ev.missing)
    return [para(f"{len(ev.missing)} đơn vị chưa gửi tự đánh giá: {names}.")]


def band_table(ev: Evaluated) -> tuple[list[dict[str, str]], dict[str, str]]:
    total = len(ev.results)
    rows = []
    for n, ((band, members), bounds) in enumerate(zip(band_counts(ev.results, ev.bands), band_ranges(ev.bands)), 1):
        rows.append({"stt": str(n), "ten": band.name, "muc": bounds, "so": fmt.integer(len(members)),
                     "ty_le": fmt.ratio_percent(len(members), total),
                     "don_vi": ", ".join(r.unit.name for r in members if r.unit)})
    return rows, {"so": fmt.integer(total), "ty_le": "100%" if total else "0%"}


def rank_rows(ev: Evaluated) -> list[dict[str, object]]:
    areas = ev.tree.regular_top()
    rows: list[dict[str, object]] = []
    for r in ev.results:
        assert r.unit is not None and r.band is not None
        rows.append({"hang": str(r.rank), "ten": r.unit.name,
                     "diem": [fmt.points(r.nodes[c.code].points) for c in areas],
                     "thuong_tru": fmt.signed_points(r.bonus - r.penalty),
                     "tu_cham": fmt.points(r.self_total) if r.assessed else "chưa gửi",
                     "tong": fmt.points(r.total), "xep_loai": r.band.name})
    return rows


def report_context(plan: Plan, ev: Evaluated) -> dict[str, object]:
    a, docs = plan.agency, plan.evaluation.docs
    expand = expander(plan)
    rows, total = band_table(ev)
    summary = counts_phrase(ev, "; ")
    mean_self = _mean([r.self_total for r in ev.results if r.assessed])
    mean = _mean([r.total for r in ev.results])
    general = f"Tổng số {fmt.integer(len(ev.results))} đơn vị được đánh giá: {summary} (Bảng 1)."
    if mean is not None:
        general += (f" Điểm bình quân sau thẩm định {fmt.points(mean)} điểm" +
                    (f"; điểm tự chấm bình quân {fmt.points(mean_self)} điểm" if mean_self is not None else "") + ".")
    report_recipients = list(docs.report_recipients) or [f"{a.head_title}, các Phó {a.head_title} Sở",
                                                          "Các phòng, đơn vị thuộc Sở"]
    return {
        "co_quan": _agency(plan),
        "bc": {
            "so_ky_hieu": fmt.so_line(docs.report_no, "BC", a.abbr),
            "ngay_thang": fmt.date_line(a.place, docs.report_date, plan.year),
            "trich_yeu": f"Kết quả đánh giá, xếp loại công tác cải cách hành chính năm {plan.year} của "
                         f"{units_phrase(plan)}",
            "mo_dau": f"Thực hiện Kế hoạch cải cách hành chính năm {plan.year}{plan_reference(plan)}, {a.name} báo cáo "
                      f"kết quả đánh giá, xếp loại công tác cải cách hành chính năm {plan.year} của "
                      f"{units_phrase(plan)} như sau:",
            "phuong_phap": method_paras(ev),
            "ket_qua_chung": [para(general)],
            "bang_xep_loai": rows,
            "tong_xep_loai": total,
            "bang_xep_hang": rank_rows(ev),
            "don_vi": unit_paras(plan, ev),
            "chua_tu_danh_gia": missing_paras(ev),
            "ket_thuc": f"Trên đây là báo cáo kết quả đánh giá, xếp loại công tác cải cách hành chính năm {plan.year} "
                        f"của {units_phrase(plan)}./.",
            "ky": _signer(plan),
            "noi_nhan": recipients(report_recipients, a.office_code, expand),
        },
    }


def _mean(values: list[Decimal]) -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)) if values else None


def _signer(plan: Plan) -> dict[str, str]:
    signer = plan.report.signer if plan.report and plan.report.signer else plan.decision.signer
    return signature(signer) or {"dong1": "", "dong2": "", "ten": ""}


# -- the Quyết định công bố ----------------------------------------------------------------------


def decision_context(plan: Plan, ev: Evaluated) -> dict[str, object]:
    a, d, docs = plan.agency, plan.decision, plan.evaluation.docs
    expand = expander(plan)
    grounds = [expand(g) for g in docs.grounds]
    if not grounds and d.number.strip():
        grounds = [f"Căn cứ Quyết định số {fmt.symbol(d.number, 'QĐ', a.abbr)} {fmt.long_date(d.date, plan.year)} của "
                   f"{a.head_title} {a.name} ban hành Kế hoạch cải cách hành chính năm {plan.year}"]
    lines = [ends(g, ";") for g in grounds]
    proposer = docs.proposer or d.proposer
    if proposer:
        lines.append(f"Theo đề nghị của {ends(expand(proposer), '.')}")
    elif lines:
        lines[-1] = ends(lines[-1], ".")
    counts = counts_phrase(ev, ", ")
    first = (f"Công bố kết quả đánh giá, xếp loại công tác cải cách hành chính năm {plan.year} của "
             f"{fmt.integer(len(ev.results))} phòng, đơn vị thuộc {a.name} ({counts}), chi tiết tại Phụ lục kèm theo "
             "Quyết định này")
    others = [expand(x) for x in docs.articles] or [
        "Quyết định này có hiệu lực kể từ ngày ký",
        "Chánh Văn phòng Sở, Thủ trưởng các phòng, đơn vị thuộc Sở và các tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành Quyết định này"]
    dieu = [{"so": f"Điều {i}.", "text": ends(t, ".")} for i, t in enumerate([first, *others], 1)]
    dieu[-1]["text"] = ends(dieu[-1]["text"], "./.")
    number = fmt.symbol(docs.decision_no, "QĐ", a.abbr)
    areas = ev.tree.regular_top()
    extras = [c for c in ev.tree.top if ev.tree.extra(c) is not None]
    legend = [f"{c.code}: {c.name} (tối đa {fmt.points(c.maximum)} điểm)" for c in areas + extras]
    return {
        "co_quan": _agency(plan),
        "qd": {
            "so_ky_hieu": fmt.so_line(docs.decision_no, "QĐ", a.abbr),
            "ngay_thang": fmt.date_line(a.place, docs.decision_date, plan.year),
            "trich_yeu": f"Công bố kết quả đánh giá, xếp loại công tác cải cách hành chính năm {plan.year} của "
                         f"{units_phrase(plan)}",
            "tham_quyen": f"{a.head_title} {a.name}".upper(),
            "can_cu": lines,
            "dieu": dieu,
            "ky": signature(d.signer) or {"dong1": "", "dong2": "", "ten": ""},
            "noi_nhan": recipients(list(docs.recipients) or ["Như Điều 3", "Sở Nội vụ (b/c)",
                                                             f"{a.head_title}, các Phó {a.head_title} Sở"],
                                   a.office_code, expand),
        },
        "phu_luc": {
            "tieu_de": f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM {plan.year}",
            "kem_theo": f"(Kèm theo Quyết định số {number} {fmt.long_date(docs.decision_date, plan.year)} của "
                        f"{a.head_title} {a.name})",
            "cot": [c.code for c in areas],
            "hang": rank_rows(ev),
            # One paragraph: a second one would be the line that spills onto a page of its own.
            "chu_giai": [f"Điểm theo lĩnh vực (sau thẩm định): {'; '.join(legend)}. Thưởng, trừ: điểm thưởng trừ điểm "
                         "trừ, đã áp mức tối đa; các đơn vị bằng điểm nhau cùng hạng./."],
        },
    }


def phu_luc_widths(areas: int) -> list[int]:
    """The Phụ lục table's column widths in twips: fixed columns, then the lĩnh vực."""
    f = _FIXED_MM
    rest = _TABLE_MM - sum(f.values())
    each = min(rest / areas, _MAX_AREA_MM) if areas else 0.0
    name = f["don_vi"] + rest - each * areas
    cols = [f["hang"], name, *([each] * areas), f["thuong_tru"], f["tu_cham"], f["tong"], f["xep_loai"]]
    return [mm(x) for x in cols]


def widths_tweak(areas: int) -> Callable[[Any], None]:
    """The render tweak that gives the Phụ lục table one even column per lĩnh vực."""

    def tweak(document: Any) -> None:
        tbl = table_headed(document.element.body, RANK_HEADER)
        if tbl is not None:
            set_column_widths(tbl, phu_luc_widths(areas))

    return tweak


# -- the scores workbook -------------------------------------------------------------------------


def score_sheets(plan: Plan, ev: Evaluated) -> list[SheetData]:
    """TongHop (the ranking), ChiTiet (every score with its computation), TieuChi and XepLoai as used."""
    tree, areas = ev.tree, ev.tree.regular_top()
    summary = []
    for r in ev.results:
        assert r.unit is not None and r.band is not None
        summary.append([r.rank, r.unit.code, r.unit.name, *(float(r.nodes[c.code].points) for c in areas),
                        float(r.bonus), float(r.penalty), float(r.self_total) if r.assessed else None, float(r.total),
                        r.band.name, fmt.short_date(r.received) if r.received else ("" if r.assessed else "chưa gửi")])
    detail = []
    for r in ev.results:
        assert r.unit is not None
        for c in tree.leaves:
            i = r.items[c.code]
            e = i.entry
            detail.append([r.unit.code, r.unit.name, c.code, c.name, tree.root(c).code, float(c.maximum),
                           SCORE_METHOD_WORDS[i.method].label, _num(i.self_points), _num(i.appraised),
                           float(i.points), i.explanation, e.explanation if e else "", e.evidence if e else "",
                           e.note if e else ""])
    criteria = [[c.code, c.parent, c.name, float(c.maximum), SCORE_METHOD_WORDS[tree.method(c)].label, c.evidence]
                for c in tree.ordered]
    bands = [[b.name, b.lower, rng, b.note] for b, rng in zip(ev.bands, band_ranges(ev.bands))]
    return [
        SheetData("TongHop", ["Hạng", "Mã đơn vị", "Đơn vị", *(f"Lĩnh vực {c.code}" for c in areas), "Điểm thưởng",
                              "Điểm trừ", "Tổng tự chấm", "Tổng sau thẩm định", "Xếp loại", "Ngày tự đánh giá"],
                  summary, widths=(7, 12, 40, *(11,) * len(areas), 10, 10, 12, 14, 14, 14)),
        SheetData("ChiTiet", ["Mã đơn vị", "Đơn vị", "Mã tiêu chí", "Tiêu chí", "Lĩnh vực", "Điểm tối đa", "Cách chấm",
                              "Điểm tự chấm", "Điểm thẩm định", "Điểm tính", "Cách tính", "Giải trình",
                              "Tài liệu kiểm chứng", "Ý kiến thẩm định"], detail,
                  widths=(10, 30, 10, 45, 8, 10, 16, 10, 10, 10, 60, 40, 40, 40)),
        SheetData("TieuChi", ["Mã", "Mã cha", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Tài liệu kiểm chứng cần có"],
                  criteria, widths=(8, 8, 60, 10, 18, 50)),
        SheetData("XepLoai", ["Xếp loại", "Điểm từ", "Khoảng điểm", "Ghi chú"], bands, widths=(14, 10, 28, 60)),
    ]


def _num(x: Decimal | None) -> float | None:
    return float(x) if x is not None else None
