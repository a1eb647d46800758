"""Import an existing plan's appendix from a .docx into a workbook in the project's format.

A clerk starting with this tool has last year's plan as a Word file. `import_docx`
finds the appendix task table(s), reads the groups and tasks, guesses the
department's units from the assignment texts, fills ThongTin from what the document
states, and writes a workbook that `api.load(path, PLAN_SHEETS)` accepts.

Nothing is dropped silently: a row that cannot be placed, or a table that is not
recognised, is listed in `ImportResult.skipped` with the table and row number (the
workbook is still written); values the document does not state are filled with a
default and listed in `ImportResult.warnings`.

With `year`, the plan is rolled forward as a draft for that year: years in the
deadlines move ("Quý II/2025" → "Quý II/2026"; years inside cited documents stay),
the decision's number and date are cleared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.derive.assign import guess_assignment
from pipeline.derive.units import UnitIndex
from pipeline.errors import CchcError, Problem, Severity
from pipeline.formatting import short_date
from pipeline.importer.docxread import open_docx
from pipeline.importer.info import DocInfo, abbreviation, document_info, province_in, title_case
from pipeline.importer.narrative import Narrative, read_narrative
from pipeline.importer.sheets import Parts, workbook_sheets
from pipeline.importer.tables import (
    ASSIGNMENT,
    DEADLINE,
    LEAD,
    PRODUCT,
    SUPPORT,
    TASK,
    Extraction,
    RawTask,
    Skipped,
    extract,
    sections,
)
from pipeline.importer.unit_mentions import (
    build_units,
    default_office,
    doubtful_units,
    find_mentions,
    qualifiers_for,
)
from pipeline.importer.years import common_deadline_year, roll_text, stated_year, templatize
from pipeline.model import Unit, UnitType
from pipeline.schema import FIELD_BY_KEY, NHIEM_VU
from pipeline.text import clean, header_key, match_key
from pipeline.xlsx import write_workbook

__all__ = ["ImportResult", "Skipped", "default_output", "import_docx"]

BLANK = "……"  # what a value nobody stated looks like: a blank to fill by hand
OFFICE = Unit("VP", "Văn phòng", UnitType.PHONG)


@dataclass
class ImportResult:
    """What was written, and everything the clerk should look at."""

    path: Path  # the workbook written
    source: Path  # the document read
    year: int  # Năm kế hoạch of the workbook
    source_year: int | None  # the year the document is for, when it says so
    tasks: int
    sections: int
    units: int
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    paragraphs: int = 0  # NoiDung rows read from the Kế hoạch's text
    targets: int = 0  # ChiTieu rows found in it

    @property
    def complete(self) -> bool:
        """Every row of the task tables was placed (the CLI exits 0 only then)."""
        return not self.skipped

    @property
    def problems(self) -> list[Problem]:
        """Skipped rows as errors, then warnings: what `cli._echo_problems` prints."""
        return [Problem(s.reason + (f": “{s.text}”" if s.text else ""), file=self.source.name, cell=s.where)
                for s in self.skipped] + self.warnings

    @property
    def summary(self) -> str:
        text = (f"Đã nhập {self.tasks} nhiệm vụ, {self.sections} lĩnh vực, {self.units} đơn vị, {self.paragraphs} "
                f"đoạn nội dung và {self.targets} chỉ tiêu (năm {self.year}) vào {self.path}.")
        if self.skipped:
            text += f" Có {len(self.skipped)} dòng/bảng không đưa vào được — xem danh sách bên dưới."
        return text


def default_output(year: int) -> Path:
    return Path("data") / f"kehoach_{year}.xlsx"


def import_docx(source: Path, output: Path | None = None, *, year: int | None = None,
                force: bool = False) -> ImportResult:
    """Read the appendix of `source` (.docx) and write a workbook; see the module docstring."""
    source = Path(source)
    if year is not None and not 1990 <= year <= 2200:
        raise CchcError(f"Năm {year} không hợp lệ: ghi năm kế hoạch có bốn chữ số, ví dụ 2025.")
    if output is not None and Path(output).suffix.lower() != ".xlsx":
        raise CchcError(f"Tệp kết quả {Path(output).name} phải có đuôi .xlsx (sổ Excel).")
    body = open_docx(source)
    ext = extract(body)
    if not ext.task_tables:
        seen = [Problem(line, file=source.name) for line in ext.seen]
        what = f"Các bảng đã xem ({len(ext.seen)}):" if ext.seen else "Văn bản không có bảng nào."
        raise CchcError(
            f"Không tìm thấy bảng nhiệm vụ trong {source.name}: cần một bảng có dòng tên cột gồm 'Nhiệm vụ' "
            f"(hoặc 'Nội dung', 'Tên nhiệm vụ') và 'STT', 'Thời gian', 'Chủ trì' hoặc 'Kết quả'. {what}", seen)
    if not ext.tasks:
        raise CchcError(
            f"Bảng nhiệm vụ trong {source.name} không có dòng nhiệm vụ nào đọc được; chưa ghi sổ.",
            [Problem(str(s), file=source.name) for s in ext.skipped])

    doc = document_info(body, ext.layout_tables)
    deadlines = [t.values.get(DEADLINE, "") for t in ext.tasks]
    source_year = stated_year(body.paragraphs) or doc.date_year or common_deadline_year(deadlines)
    target = year or source_year or dt.date.today().year
    out = Path(output) if output is not None else default_output(target)
    if out.is_dir():
        raise CchcError(f"{out} là một thư mục; hãy ghi đường dẫn tệp .xlsx cần ghi.")
    if out.exists() and not force:
        raise CchcError(f"Tệp {out} đã có; chương trình không ghi đè sổ đang có. Dùng --force để ghi đè (sổ cũ "
                        "được lưu trong thư mục backup/), hoặc chọn tên tệp khác (-o).")
    warnings: list[Problem] = [Problem(note, file=source.name, severity=Severity.WARNING) for note in ext.notes]

    def warn(message: str, sheet: str = "") -> None:
        warnings.append(Problem(message, file=out.name, sheet=sheet, severity=Severity.WARNING))

    rolled = year is not None and source_year is not None and year != source_year
    if year is not None and source_year is None:
        warn(f"Không xác định được năm của văn bản nên Thời gian của các nhiệm vụ giữ nguyên; Năm kế hoạch ghi {year}.")
    if year is None and source_year is None:
        warn(f"Văn bản không ghi năm kế hoạch; Năm kế hoạch ghi tạm {target}.", "ThongTin")

    texts = [clean("\n".join(body.paragraphs))] + [v for t in ext.tasks for v in t.values.values()]
    info, guessed = _thong_tin(doc, texts, target, source_year, rolled, source.name)
    name, caps, tinh = (str(info[k]) if info[k] != BLANK else "" for k in ("ten_co_quan", "co_quan", "tinh"))
    story = read_narrative(body, set(ext.task_tables), source_year, name, caps)
    units = build_units(_unit_texts(ext, doc, story), qualifiers_for(name, tinh))
    task_rows, units = _tasks(ext, units, target, source_year if rolled else None, warn)
    units = _with_requirements(units, story)
    if "luu" not in doc.values:
        office = default_office(units)
        info["luu"] = office.code if office else "VP"
    for key, value in guessed.items():
        warn(f"Văn bản không ghi '{FIELD_BY_KEY[key].label}'; đã ghi tạm “{value}”, hãy kiểm tra.", "ThongTin")
    _story_notes(story, info, doc, source_year if rolled else None, target, warn)
    for a, b in doubtful_units(units):
        warn(f"Không phân biệt được hai tên đơn vị “{a.name}” ({a.code}) và “{b.name}” ({b.code}): có thể là một đơn "
             "vị viết hai cách, hoặc hai đơn vị có tên viết tắt giống nhau. Hãy sửa sheet DonVi (gộp vào cột Tên "
             "gọi khác, hoặc đổi mã).", "DonVi")

    parts = Parts(info, units, task_rows, _extra_headers(ext.extras), target, story)
    path = write_workbook(out, workbook_sheets(parts), inputs=[source], replace=force)
    n_sections = len({match_key(row[1]) for row in task_rows})
    return ImportResult(path, source, target, source_year, len(task_rows), n_sections, len(units),
                        list(ext.skipped), warnings, len(story.paragraphs), len(story.targets))


def _unit_texts(ext: Extraction, doc: DocInfo, story: Narrative) -> list[str]:
    """Every place the document names the department's units: the task table first (its
    order decides the codes' order), then the Điều, Nơi nhận and the narrative."""
    texts = [t.values.get(k, "") for t in ext.tasks for k in (ASSIGNMENT, LEAD, SUPPORT)]
    return texts + doc.lines.get("dieu", []) + doc.lines.get("noi_nhan", []) + [p.raw for p in story.paragraphs]


_REQUIREMENT = (match_key("riêng"), match_key("kế hoạch"))


def _with_requirements(units: list[Unit], story: Narrative) -> list[Unit]:
    """A paragraph "Riêng Kế hoạch … của <đơn vị> phải …" is what the plan asks of those
    units' own plans (DonVi's requirement column, printed in `cchc unit-plans`)."""
    index = UnitIndex(units)
    found: dict[str, list[str]] = {}
    for p in story.paragraphs:
        key = match_key(p.raw)
        if key.startswith(_REQUIREMENT[0]) and _REQUIREMENT[1] in key:
            for m in find_mentions(p.raw):
                code = index.resolve(m.name).code
                if code and p.raw not in found.setdefault(code, []):
                    found[code].append(p.raw)
    return [replace(u, requirement="\n".join(found[u.code])) if u.code in found else u for u in units]


def _story_notes(story: Narrative, info: dict[str, object], doc: DocInfo, roll_from: int | None, year: int,
                 warn: Callable[[str, str], None]) -> None:
    """Roll the narrative's literal years (as `cchc new-year` does) and tell the clerk what was read."""
    notes = info["ghi_chu"] if isinstance(info["ghi_chu"], list) else []
    changed = []
    for i, p in enumerate(story.paragraphs):
        if roll_from is not None and roll_text(p.text, roll_from, year) != p.text:
            p.text = roll_text(p.text, roll_from, year)
            changed.append(i + 2)
    if changed:
        warn(f"Năm {roll_from} ghi trực tiếp trong nội dung đã được chuyển sang {year} ở dòng "
             f"{', '.join(map(str, changed))}; văn bản được trích dẫn và giai đoạn nhiều năm giữ nguyên. Hãy đọc lại.",
             "NoiDung")
    for note in story.notes:
        warn(note, "NoiDung")
    if not story.paragraphs:
        why = ("không có phần Kế hoạch (tiêu đề KẾ HOẠCH)" if not story.title_found
               else "có tiêu đề KẾ HOẠCH nhưng không có đoạn nội dung nào")
        warn(f"Văn bản {why}: sheet NoiDung và ChiTieu để trống; hãy soạn nội dung trước khi sinh Kế hoạch.", "NoiDung")
        notes.append("Nội dung Kế hoạch (sheet NoiDung) và chỉ tiêu (sheet ChiTieu) chưa có: hãy soạn trước khi sinh "
                     "Kế hoạch.")
    else:
        notes.append(f"Nội dung Kế hoạch ({len(story.paragraphs)} đoạn, sheet NoiDung) và {len(story.targets)} chỉ "
                     "tiêu (sheet ChiTieu) được nhập từ văn bản: kiểm tra Kiểu của từng đoạn, tên và giá trị chỉ tiêu.")
    if story.title_found:
        info["kh_ky"] = "có" if story.signed else "không"
    if not doc.lines.get("dieu"):
        warn("Văn bản không có Quyết định ban hành: các Điều và Nơi nhận ghi theo mẫu, căn cứ để trống; hãy soạn lại "
             "trước khi trình ký.", "ThongTin")


# -- ThongTin --------------------------------------------------------------------------------

# The head's title by the kind of agency, when the document does not say it.
_HEADS = tuple((match_key(kind), head) for kind, head in (
    ("sở", "Giám đốc"), ("ủy ban nhân dân", "Chủ tịch"), ("ubnd", "Chủ tịch"), ("bộ", "Bộ trưởng"),
    ("chi cục", "Chi cục trưởng"), ("ban", "Trưởng ban"), ("trung tâm", "Giám đốc"), ("cục", "Cục trưởng"),
    ("văn phòng", "Chánh Văn phòng"), ("thanh tra", "Chánh Thanh tra"),
))
# Agencies under a provincial People's Committee: their chủ quản is "UBND TỈNH <tỉnh>".
_LOCAL = tuple(match_key(k) for k in ("sở", "ban", "chi cục", "văn phòng", "thanh tra", "trung tâm"))


def _province_of(chu_quan: str) -> str:
    m = re.search(r"(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ|TP\.?)\s+(.+)$", chu_quan)
    return " ".join(w.capitalize() for w in m.group(1).split()) if m else ""


def _thong_tin(doc: DocInfo, texts: list[str], year: int, source_year: int | None, rolled: bool,
               source: str) -> tuple[dict[str, object], dict[str, str]]:
    """ThongTin values by field key (lists for multi fields) and the ones guessed or defaulted."""
    v: dict[str, object] = dict(doc.values)
    guessed: dict[str, str] = {}

    def default(key: str, value: str) -> None:
        if not v.get(key):
            v[key] = value or BLANK
            guessed[key] = value or BLANK

    name = str(v.get("ten_co_quan") or "")
    default("ten_co_quan", title_case(str(v.get("co_quan") or "")))
    default("co_quan", name.upper())
    name = str(v["ten_co_quan"]) if v["ten_co_quan"] != BLANK else ""
    province = _province_of(str(v.get("chu_quan") or ""))
    if province:
        v["tinh"] = province
    default("tinh", str(v.get("dia_danh") or "") or province_in(texts))
    tinh = str(v["tinh"]) if v["tinh"] != BLANK else ""
    is_local = match_key(name).startswith(_LOCAL)
    default("chu_quan", f"UBND TỈNH {tinh.upper()}" if tinh and is_local else "")
    default("dia_danh", tinh)
    default("viet_tat", abbreviation(name) if name else "")
    v["nam"] = year
    issuer = re.search(r"\(\s*(?:Ban hành\s+)?kèm theo[^()]*?\bcủa\s+(\w+(?:\s+\w+){0,2}?)\s+" + re.escape(name),
                       texts[0], re.IGNORECASE) if name else None
    if not v.get("nguoi_dung_dau") and issuer and issuer.group(1)[:1].isupper():
        v["nguoi_dung_dau"] = issuer.group(1)  # "(Ban hành kèm theo Quyết định … của Giám đốc Sở …)"
    if not v.get("nguoi_dung_dau"):
        head = str(v.get("tham_quyen") or v.get("chuc_vu") or "")
        head = re.sub(r"^PHÓ\s+", "", head)
        if head and len(head.split()) <= 3:
            v["nguoi_dung_dau"] = head[:1] + head[1:].lower()
        else:
            key = match_key(name)
            default("nguoi_dung_dau", next((h for prefix, h in _HEADS if key.startswith(prefix)), "Thủ trưởng"))
    default("chuc_vu", str(v["nguoi_dung_dau"]).upper())

    caps = str(v["co_quan"]) if v["co_quan"] != BLANK else ""
    for key in ("qd_trich_yeu", "kh_trich_yeu", "pl_tieu_de", "pl_kem_theo"):
        if v.get(key):
            # A line break in a centred title is layout (a clerk's, or ours: ooxml.lines), not text.
            v[key] = templatize(str(v[key]).replace("\n", " "), source_year, name, caps)
    v.setdefault("qd_trich_yeu", "Ban hành Kế hoạch cải cách hành chính năm {năm} của {cơ quan}")
    v.setdefault("kh_trich_yeu", "Cải cách hành chính của {cơ quan} năm {năm}")
    lines: dict[str, list[str]] = {k: list(x) for k, x in doc.lines.items()}
    if lines.get("dieu"):
        lines["dieu"] = [templatize(x, source_year, name, caps) for x in lines["dieu"]]
    else:
        lines["dieu"] = [
            "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm {năm} của {cơ quan}",
            "Quyết định này có hiệu lực kể từ ngày ký",
            "Chánh Văn phòng, Thủ trưởng các phòng, đơn vị thuộc {cơ quan} và các tổ chức, cá nhân có liên quan "
            "chịu trách nhiệm thi hành Quyết định này",
        ]
    lines.setdefault("noi_nhan", ["Như Điều 3"])
    today = dt.date.today()
    notes = [f"Sổ được nhập từ văn bản {source} ngày {short_date(today)}. Danh sách đơn vị (sheet DonVi) lấy từ các "
             "tên đơn vị văn bản nêu; đơn vị chủ trì, phối hợp của từng nhiệm vụ được đoán từ cột phân công: hãy kiểm "
             "tra."]
    if rolled:
        v["qd_so"], v["qd_ngay"] = "", ""
        notes.append(f"BẢN NHÁP Kế hoạch năm {year}, lập từ Kế hoạch năm {source_year}: năm trong cột Thời gian đã "
                     f"chuyển sang {year}; số và ngày Quyết định để trống. Rà soát từng nhiệm vụ trước khi trình ký.")
    lines["ghi_chu"] = notes
    v.update(lines)
    return v, guessed


# -- NhiemVu -------------------------------------------------------------------------------


def _tasks(ext: Extraction, units: list[Unit], year: int, roll_from: int | None,
           warn: Callable[[str, str], None]) -> tuple[list[list[str]], list[Unit]]:
    """NhiemVu rows (standard columns then extras) and the units, the office added when needed."""
    needs_default = False
    index = UnitIndex(units)
    office = default_office(units) or OFFICE
    plans: list[tuple[RawTask, tuple[str, ...], tuple[str, ...], bool]] = []
    for t in ext.tasks:
        lead_text, support_text = t.values.get(LEAD, ""), t.values.get(SUPPORT, "")
        assignment = t.values.get(ASSIGNMENT, "")
        if LEAD in t.values or SUPPORT in t.values:  # separate chủ trì / phối hợp columns
            lead = _named(lead_text, index)
            support = tuple(c for c in _named(support_text, index) if c not in lead)
            if not lead and assignment:
                a = guess_assignment(assignment, index)
                lead, support = a.lead, tuple(dict.fromkeys((*support, *a.support)))
        else:
            a = guess_assignment(assignment, index)
            lead, support = a.lead, a.support
        defaulted = not lead
        if defaulted:
            lead = (office.code,)
            support = tuple(c for c in support if c != office.code)
            needs_default = True
        plans.append((t, lead, support, defaulted))
    if needs_default and default_office(units) is None:
        units = [OFFICE, *units]
        warn("Sổ thêm đơn vị 'Văn phòng' (mã VP) để làm đơn vị chủ trì cho nhiệm vụ không nêu đơn vị nào của cơ "
             "quan; sửa lại nếu cần.", "DonVi")

    titles = sections(ext.tasks)
    width = max(2, len(str(len(plans))))
    rows: list[list[str]] = []
    defaulted_ids, undated, stale = [], [], []
    for i, (t, lead, support, defaulted) in enumerate(plans, 1):
        tid = f"NV{i:0{width}d}"
        deadline = t.values.get(DEADLINE, "")
        if roll_from is not None:
            deadline = roll_text(deadline, roll_from, year)
            if any(re.search(rf"(?<!\d){roll_from}(?!\d)", t.values.get(k, "")) for k in (TASK, PRODUCT)):
                stale.append(tid)
        if defaulted:
            defaulted_ids.append(tid)
        if not deadline:
            undated.append(tid)
        assignment = t.values.get(ASSIGNMENT, "")
        if not assignment and (t.values.get(LEAD) or t.values.get(SUPPORT)):
            parts = [f"Chủ trì: {t.values[LEAD]}" if t.values.get(LEAD) else "",
                     f"Phối hợp: {t.values[SUPPORT]}" if t.values.get(SUPPORT) else ""]
            assignment = "\n".join(p for p in parts if p)
        row = [tid, titles[id(t)], t.text, assignment, "; ".join(lead), "; ".join(support), deadline,
               t.values.get(PRODUCT, "")]
        row += [""] * (len(NHIEM_VU.columns) - len(row))  # the contract's later columns (Tình trạng …) blank
        row += [t.values.get(h, "") for h in ext.extras]
        rows.append([clean(x) for x in row])
    if defaulted_ids:
        warn(f"{len(defaulted_ids)} nhiệm vụ không nêu đơn vị nào của cơ quan ({_ids(defaulted_ids)}): Đơn vị chủ "
             f"trì ghi tạm {office.code} ({office.name}); hãy kiểm tra.", "NhiemVu")
    if undated:
        warn(f"{len(undated)} nhiệm vụ chưa có Thời gian ({_ids(undated)}); hãy điền trước khi sinh văn bản.",
             "NhiemVu")
    if stale:
        warn(f"{len(stale)} nhiệm vụ còn ghi năm {roll_from} trong nội dung hoặc kết quả ({_ids(stale)}); sửa nếu "
             f"cần cho năm {year}.", "NhiemVu")
    return rows, units


def _named(text: str, index: UnitIndex) -> tuple[str, ...]:
    """Every unit named in one column's text, collective phrases ('các phòng') included."""
    if not text:
        return ()
    a = guess_assignment(text, index)
    return tuple(dict.fromkeys((*a.lead, *a.support)))


def _ids(ids: list[str], limit: int = 8) -> str:
    return ", ".join(ids[:limit]) + (f" và {len(ids) - limit} nhiệm vụ khác" if len(ids) > limit else "")


def _extra_headers(extras: list[str]) -> list[str]:
    """Extra column headers, renamed where they would read as one of the contract's columns."""
    taken = {header_key(n) for c in NHIEM_VU.columns for n in c.names}
    out = []
    for h in extras:
        name = h if header_key(h) not in taken else f"{h} (văn bản gốc)"
        while header_key(name) in taken:
            name += "*"
        taken.add(header_key(name))
        out.append(name)
    return out
