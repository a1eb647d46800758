"""The Sở's own self-assessment on the province's index (sheet TuDanhGia) → the dict of
templates/baocao_tudanhgia.docx: the Báo cáo tự đánh giá, chấm điểm with its summary table
and explanations, and its Phụ lục, the Danh mục tài liệu kiểm chứng.

Each criterion lists its documents: those the clerk typed in TuDanhGia, and those the
workbook already holds that its Nguồn minh chứng names (the plan's Quyết định, the periodic
reports' numbers and dates, TienDo's Văn bản/minh chứng of the done tasks). An automatic
criterion draws on the sources its computation reads, without being told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline import formatting as fmt
from pipeline.derive.criteria import Tree, dec
from pipeline.derive.evaluation import Result
from pipeline.derive.rollup import latest_entries
from pipeline.derive.scoring import year_period
from pipeline.model import Criterion, EvidenceSource, Plan, RemarkPart, ScoreMethod
from pipeline.render.blocks import addressees, ends, expander, recipients, signature
from pipeline.render.evaluation import para
from pipeline.xlsx import SheetData

# The sources an automatic criterion reads.
IMPLIED = {ScoreMethod.DONE_SHARE: EvidenceSource.PROGRESS, ScoreMethod.ON_TIME_SHARE: EvidenceSource.PROGRESS,
           ScoreMethod.EVIDENCE_SHARE: EvidenceSource.PROGRESS, ScoreMethod.REPORTS_ON_TIME: EvidenceSource.REPORTS}
SOURCE_NAMES = {EvidenceSource.PLAN: "Kế hoạch", EvidenceSource.REPORTS: "Báo cáo định kỳ"}


@dataclass(frozen=True)
class Document:
    text: str
    source: str  # where it comes from: "Sở ghi", "Kế hoạch", "Báo cáo định kỳ", "Tiến độ NV03"


def held_documents(plan: Plan) -> dict[EvidenceSource, list[Document]]:
    """The evidence documents the workbook holds, by source."""
    a, d = plan.agency, plan.decision
    if d.number.strip():
        decision = (f"Quyết định số {fmt.symbol(d.number, 'QĐ', a.abbr)} {fmt.long_date(d.date, plan.year)} của "
                    f"{a.head_title} {a.name} ban hành Kế hoạch cải cách hành chính năm {plan.year}")
    else:
        decision = (f"Quyết định ban hành Kế hoạch cải cách hành chính năm {plan.year} (chưa ghi số, ngày ở sheet "
                    "ThongTin)")
    reports = []
    for p in sorted(plan.periods.values(), key=lambda p: p.number):
        if p.report_no.strip():
            reports.append(Document(f"Báo cáo số {fmt.symbol(p.report_no, 'BC', a.abbr)} "
                                    f"{fmt.long_date(p.report_date, plan.year)} về kết quả cải cách hành chính "
                                    f"{fmt.period_phrase(p.name, plan.year)}", SOURCE_NAMES[EvidenceSource.REPORTS]))
    progress = []
    seen: set[str] = set()
    latest = latest_entries(plan.entries, year_period(plan))
    for task in plan.tasks:
        for unit in task.lead:
            e = latest.get((task.id, unit))
            if e is None or not e.status.done:
                continue
            for doc in _lines(e.evidence):
                if doc not in seen:
                    seen.add(doc)
                    progress.append(Document(doc, f"Tiến độ {task.id}"))
    return {EvidenceSource.PLAN: [Document(decision, SOURCE_NAMES[EvidenceSource.PLAN])],
            EvidenceSource.REPORTS: reports, EvidenceSource.PROGRESS: progress}


def _lines(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"[\n;]+", text or "") if x.strip()]


def criterion_documents(plan: Plan, tree: Tree, result: Result) -> dict[str, list[Document]]:
    """Each leaf criterion's documents, in the order the Danh mục lists them."""
    held = held_documents(plan)
    out: dict[str, list[Document]] = {}
    for c in tree.leaves:
        item = result.items[c.code]
        docs = [Document(x, "Sở ghi") for x in _lines(item.entry.evidence if item.entry else "")]
        sources = list(c.sources)
        implied = IMPLIED.get(tree.method(c))
        if implied and implied not in sources:
            sources.insert(0, implied)
        for s in sources:
            docs += held[s]
        unique: dict[str, Document] = {}
        for doc in docs:
            unique.setdefault(doc.text, doc)
        out[c.code] = list(unique.values())
    return out


def _row(c: Criterion, depth: int, result: Result, docs: dict[str, list[Document]], tree: Tree) -> dict[str, str]:
    node = result.nodes[c.code]
    count = sum(len(docs.get(x.code, [])) for x in [c, *_below(tree, c)])
    return {"ma": c.code, "ten": c.name, "toi_da": fmt.points(c.maximum), "tu_cham": fmt.points(node.self_points),
            "tai_lieu": fmt.integer(count) if count else "", "cap": str(depth)}


def _below(tree: Tree, c: Criterion) -> list[Criterion]:
    out = []
    for k in tree.kids(c):
        out += [k, *_below(tree, k)]
    return out


def summary_groups(tree: Tree, result: Result, docs: dict[str, list[Document]]) -> list[dict[str, object]]:
    """The summary table: each lĩnh vực's row, then its tiêu chí and thành phần."""
    depth = dict((c.code, d) for c, d in tree.walk())
    return [{**_row(top, 0, result, docs, tree),
             "tieu_chi": [_row(c, depth[c.code], result, docs, tree) for c in _below(tree, top)]} for top in tree.top]


def explanations(tree: Tree, result: Result, docs: dict[str, list[Document]]) -> list[dict[str, str]]:
    """Every leaf below its maximum or without a document: its computation, or the Sở's giải trình."""
    out = []
    for c in tree.leaves:
        item = result.items[c.code]
        own = item.self_points if item.self_points is not None else Decimal(0)
        extra = tree.extra(c) is not None
        short = not extra and own < dec(c.maximum)
        undocumented = not docs.get(c.code) and (not extra or own > 0)
        if not (short or undocumented):
            continue
        why = item.entry.explanation.strip() if item.entry else ""
        head = f"- {c.code} {c.name}"
        if item.method.automatic:
            parts = [f"{head} (tính từ sổ theo dõi): {item.explanation}"]
        elif item.self_points is None:
            parts = [f"{head}: chưa chấm (0/{fmt.points(c.maximum)} điểm)"]
        else:
            parts = [f"{head}: tự chấm {fmt.points(own)}/{fmt.points(c.maximum)} điểm"]
        if why:
            parts.append(f"giải trình: {ends(why, '')}")
        elif not item.method.automatic:
            parts.append("chưa ghi giải trình (sheet TuDanhGia)")
        if not docs.get(c.code):
            parts.append("chưa có tài liệu kiểm chứng")
        out.append(para(ends("; ".join(parts), ".")))
    return out or [para("Tất cả các tiêu chí đều đạt điểm tối đa và có tài liệu kiểm chứng.")]


def context(plan: Plan, result: Result) -> dict[str, object]:
    a, docs_info = plan.agency, plan.evaluation.docs
    expand = expander(plan)
    tree = Tree(plan.evaluation.own_criteria)
    docs = criterion_documents(plan, tree, result)
    index = expand(docs_info.index_name) or "Chỉ số cải cách hành chính"
    info = plan.report
    assert info is not None
    total = result.self_total
    remarks = [r.text for r in plan.evaluation.remarks if r.unit == "" and r.part in (RemarkPart.HAN_CHE,
                                                                                        RemarkPart.KIEN_NGHI)]
    number = fmt.symbol(docs_info.own_no, "BC", a.abbr)
    groups = summary_groups(tree, result, docs)
    n = 0
    listing = []
    for c in tree.leaves:
        items = []
        for doc in docs[c.code]:
            n += 1
            items.append({"stt": str(n), "ten": doc.text, "nguon": doc.source})
        if not items:
            items.append({"stt": "", "ten": "(Chưa có tài liệu kiểm chứng)", "nguon": ""})
        listing.append({"so": c.code, "ten": c.name, "tai_lieu": items})
    return {
        "co_quan": {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name},
        "bc": {
            "so_ky_hieu": fmt.so_line(docs_info.own_no, "BC", a.abbr),
            "ngay_thang": fmt.date_line(a.place, docs_info.own_date, plan.year),
            "trich_yeu": f"Tự đánh giá, chấm điểm {index} năm {plan.year} của {a.name}",
            **addressees([expand(x) for x in info.addressees]),
            "mo_dau": f"{a.name} báo cáo kết quả tự đánh giá, chấm điểm {index} năm {plan.year} như sau:",
            "tong_hop": [para(f"Tổng điểm tự đánh giá: {fmt.points(total)}/100 điểm "
                              f"({fmt.percent(float(total))}); trong đó {len(tree.leaves)} tiêu chí, "
                              f"{fmt.integer(n)} tài liệu kiểm chứng (Phụ lục)."
                              + (f" Điểm thưởng {fmt.points(result.bonus)}." if result.bonus else "")
                              + (f" Điểm trừ {fmt.points(result.penalty)}." if result.penalty else ""))],
            "bang": groups,
            "tong": {"toi_da": "100", "tu_cham": fmt.points(total)},
            "giai_trinh": explanations(tree, result, docs),
            "kho_khan": [para(t) for t in remarks] or [para(
                "(Văn phòng chưa ghi khó khăn, vướng mắc, kiến nghị: sheet NhanXetDonVi, Đơn vị ghi "
                f"{a.abbr}, Mục “Tồn tại, hạn chế” hoặc “Kiến nghị”.)", "ghi_chu")],
            "ket_thuc": f"Trên đây là báo cáo kết quả tự đánh giá, chấm điểm {index} năm {plan.year} của "
                        f"{a.name}./.",
            "ky": signature(info.signer or plan.decision.signer) or {"dong1": "", "dong2": "", "ten": ""},
            "noi_nhan": recipients(info.recipients, a.office_code, expand),
        },
        "phu_luc": {
            "tieu_de": "DANH MỤC TÀI LIỆU KIỂM CHỨNG",
            "kem_theo": f"(Kèm theo Báo cáo số {number} {fmt.long_date(docs_info.own_date, plan.year)} của {a.name})",
            "nhom": listing,
        },
    }


def sheets(plan: Plan, result: Result) -> list[SheetData]:
    """The Sở's scores with their computation, and the documents of each criterion."""
    tree = Tree(plan.evaluation.own_criteria)
    docs = criterion_documents(plan, tree, result)
    scores = []
    for c, depth in tree.walk():
        node = result.nodes[c.code]
        item = result.items.get(c.code)
        scores.append([c.code, c.parent, c.name, depth, float(c.maximum), float(node.self_points),
                       item.explanation if item else "tổng các tiêu chí thành phần",
                       item.entry.explanation if item and item.entry else ""])
    listing = [[c.code, c.name, doc.text, doc.source] for c in tree.leaves for doc in docs[c.code]]
    return [
        SheetData("TuDanhGia", ["Mã", "Mã cha", "Tiêu chí", "Cấp", "Điểm tối đa", "Điểm tự chấm", "Cách tính",
                                "Giải trình"], scores, widths=(8, 8, 60, 6, 10, 10, 60, 50)),
        SheetData("TaiLieuKiemChung", ["Mã tiêu chí", "Tiêu chí", "Tài liệu kiểm chứng", "Nguồn"], listing,
                  widths=(10, 50, 80, 16)),
    ]
