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
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.derive.assign import guess_assignment
from pipeline.derive.calendar import sheet_rows
from pipeline.derive.units import UnitIndex
from pipeline.errors import CchcError, Problem, Severity
from pipeline.importer.docxread import open_docx
from pipeline.importer.info import DocInfo, abbreviation, document_info, province_in, title_case
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
from pipeline.importer.unit_mentions import build_units, default_office, qualifiers_for
from pipeline.importer.years import common_deadline_year, roll_text, stated_year, templatize
from pipeline.model import Unit, UnitType
from pipeline.schema import (
    CHI_TIEU,
    DON_VI,
    FIELD_BY_KEY,
    FIELDS,
    KY_BAO_CAO,
    NHIEM_VU,
    NOI_DUNG,
    THONG_TIN,
    UNIT_TYPE_WORDS,
)
from pipeline.text import clean, header_key, match_key
from pipeline.xlsx import SheetData, write_workbook

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
        text = (f"Đã nhập {self.tasks} nhiệm vụ, {self.sections} lĩnh vực, {self.units} đơn vị "
                f"(năm {self.year}) vào {self.path}.")
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
    units = build_units((t.values.get(k, "") for t in ext.tasks for k in (ASSIGNMENT, LEAD, SUPPORT)),
                        qualifiers_for(str(info["ten_co_quan"]) if info["ten_co_quan"] != BLANK else "",
                                       str(info["tinh"]) if info["tinh"] != BLANK else ""))
    task_rows, units = _tasks(ext, units, target, source_year if rolled else None, warn)
    if "luu" not in doc.values:
        office = default_office(units)
        info["luu"] = office.code if office else "VP"
    for key, value in guessed.items():
        warn(f"Văn bản không ghi '{FIELD_BY_KEY[key].label}'; đã ghi tạm “{value}”, hãy kiểm tra.", "ThongTin")

    extras = _extra_headers(ext.extras)
    sheets = _sheets(info, units, task_rows, extras, target)
    path = write_workbook(out, sheets, inputs=[source], replace=force)
    n_sections = len({match_key(row[1]) for row in task_rows})
    return ImportResult(path, source, target, source_year, len(task_rows), n_sections, len(units),
                        list(ext.skipped), warnings)


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
            v[key] = templatize(str(v[key]), source_year, name, caps)
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
    notes = [f"Sổ được nhập từ văn bản {source} ngày {today:%d/%m/%Y}. Danh sách đơn vị (sheet DonVi) và đơn vị "
             "chủ trì, phối hợp của từng nhiệm vụ được đoán từ cột phân công: hãy kiểm tra."]
    if rolled:
        v["qd_so"], v["qd_ngay"] = "", ""
        notes.append(f"BẢN NHÁP Kế hoạch năm {year}, lập từ Kế hoạch năm {source_year}: năm trong cột Thời gian đã "
                     f"chuyển sang {year}; số và ngày Quyết định để trống. Rà soát từng nhiệm vụ trước khi trình ký.")
    notes.append("Nội dung Kế hoạch (sheet NoiDung) và chỉ tiêu (sheet ChiTieu) chưa có: hãy soạn trước khi sinh "
                 "Kế hoạch.")
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


# -- the workbook ------------------------------------------------------------------------------


def _info_rows(values: dict[str, object]) -> list[list[object]]:
    rows: list[list[object]] = []
    for spec in FIELDS:
        value = values.get(spec.key)
        if spec.multi:
            lines: list[object] = list(value) if isinstance(value, list) else []
            rows += [[spec.label, line, spec.help if i == 0 else ""] for i, line in enumerate(lines)]
        elif value not in (None, "") or spec.required or spec.key in ("qd_so", "qd_ngay"):
            rows.append([spec.label, "" if value is None else value, spec.help])
    return rows


def _sheets(info: dict[str, object], units: list[Unit], tasks: list[list[str]], extras: list[str],
            year: int) -> list[SheetData]:
    headers = {s.name: [c.header for c in s.columns] for s in (THONG_TIN, DON_VI, NHIEM_VU, NOI_DUNG, CHI_TIEU,
                                                               KY_BAO_CAO)}
    # The rows carry the contract's required NhiemVu columns, then the document's extras: an optional
    # column of the contract (Loại thời hạn) would push the extras' headers off their values.
    headers[NHIEM_VU.name] = [c.header for c in NHIEM_VU.columns if c.required]
    unit_rows = [[u.code, u.name, "; ".join(u.aliases), UNIT_TYPE_WORDS[u.type].label] for u in units]
    return [
        SheetData(THONG_TIN.name, headers[THONG_TIN.name], _info_rows(info), widths=(30, 80, 50),
                  note="Mỗi dòng một trường. Trường nhiều dòng (Căn cứ, Điều, Nơi nhận) ghi lặp lại tên trường."),
        SheetData(DON_VI.name, headers[DON_VI.name], unit_rows, widths=(12, 50, 40, 18),
                  choices={3: [w.label for w in UNIT_TYPE_WORDS.values()]},
                  note="Đơn vị đoán từ cột phân công của văn bản gốc: kiểm tra mã, tên, tên gọi khác và loại."),
        SheetData(NHIEM_VU.name, [*headers[NHIEM_VU.name], *extras], tasks,
                  widths=(8, 24, 60, 40, 16, 30, 22, 40, *(30 for _ in extras)),
                  note="Mỗi dòng một nhiệm vụ. Mã không đổi khi sửa; STT và số La Mã tự đánh theo thứ tự dòng."),
        SheetData(NOI_DUNG.name, headers[NOI_DUNG.name], [], widths=(16, 120),
                  choices={0: ["Mục", "Khoản", "Điểm", "Đoạn", "Gạch đầu dòng"]},
                  note="Nội dung Kế hoạch. Mục, Khoản, Điểm tự đánh số. Dùng {năm}, {cơ quan}, {CT:2a}, {hạn kỳ 1}."),
        SheetData(CHI_TIEU.name, headers[CHI_TIEU.name], [], widths=(8, 10, 60, 10, 10, 12, 14, 14, 14, 14),
                  choices={3: ["≥", ">", "=", "≤", "<"]}),
        SheetData(KY_BAO_CAO.name, headers[KY_BAO_CAO.name], sheet_rows(year), widths=(6, 18, 18, 16, 16, 18, 12, 14),
                  note="Chốt số liệu theo Nghị định 09/2019/NĐ-CP và Văn bản 581/BNV-CCHC; hạn đơn vị báo cáo là "
                       "mặc định, sửa theo quy định của cơ quan."),
    ]
