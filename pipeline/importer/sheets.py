"""The imported plan as the sheets of a workbook in the project's format: every sheet of
the contract, so the workbook passes `cchc validate` as it is; the sheets of one year's
facts (TienDo, NhanXet, NhanPhieu, KeHoachDonVi) with their headers only."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.derive.calendar import sheet_rows
from pipeline.importer.narrative import Narrative
from pipeline.model import Unit
from pipeline.schema import COMPARATOR_WORDS, FIELDS, PARAGRAPH_KIND_WORDS, SHEETS, UNIT_TYPE_WORDS
from pipeline.xlsx import SheetData, contract_sheet

EMPTY_SHEETS = ("TienDo", "NhanXet", "NhanPhieu", "KeHoachDonVi")


@dataclass
class Parts:
    """Everything read from the document, ready to write."""

    info: dict[str, object]
    units: list[Unit]
    tasks: list[list[str]]
    extras: list[str]
    year: int
    story: Narrative = field(default_factory=Narrative)


def info_rows(values: dict[str, object]) -> list[list[object]]:
    rows: list[list[object]] = []
    for spec in FIELDS:
        value = values.get(spec.key)
        if spec.multi:
            lines: list[object] = list(value) if isinstance(value, list) else []
            rows += [[spec.label, line, spec.help if i == 0 else ""] for i, line in enumerate(lines)]
        elif value not in (None, "") or spec.required or spec.key in ("qd_so", "qd_ngay"):
            rows.append([spec.label, "" if value is None else value, spec.help])
    return rows


def _headers(name: str) -> list[str]:
    return [c.header for c in SHEETS[name].columns]


def workbook_sheets(p: Parts) -> list[SheetData]:
    unit_rows = [[u.code, u.name, "; ".join(u.aliases), UNIT_TYPE_WORDS[u.type].label, "", "", "", u.requirement]
                 for u in p.units]
    narrative = [[PARAGRAPH_KIND_WORDS[x.kind].label, x.text] for x in p.story.paragraphs]
    targets = [[t.code, t.goal, t.name, COMPARATOR_WORDS[t.op].label, t.value, t.unit] for t in p.story.targets]
    return [
        contract_sheet("ThongTin", _headers("ThongTin"), info_rows(p.info),
                       note="Mỗi dòng một trường. Trường nhiều dòng (Căn cứ, Điều, Nơi nhận) ghi lặp lại tên trường."),
        contract_sheet("DonVi", _headers("DonVi"), unit_rows,
                       note="Đơn vị tìm thấy trong văn bản gốc (Điều, Nơi nhận, nội dung, cột phân công): kiểm tra "
                            "mã, tên, tên gọi khác và loại."),
        contract_sheet("NhiemVu", [*_headers("NhiemVu"), *p.extras], p.tasks,
                       note="Mỗi dòng một nhiệm vụ. Mã không đổi khi sửa; STT và số La Mã tự đánh theo thứ tự dòng."),
        contract_sheet("NoiDung", _headers("NoiDung"), narrative,
                       note="Nội dung Kế hoạch. Mục, Khoản, Điểm tự đánh số. Dùng {năm}, {cơ quan}, {CT:2a}, "
                            "{hạn kỳ 1}."),
        contract_sheet("ChiTieu", _headers("ChiTieu"), targets,
                       note="Chỉ tiêu nêu trong nội dung Kế hoạch; {CT:mã} trong sheet NoiDung in ra chỉ tiêu."),
        contract_sheet("KyBaoCao", _headers("KyBaoCao"), sheet_rows(p.year),
                       note="Chốt số liệu theo Nghị định 09/2019/NĐ-CP và Văn bản 581/BNV-CCHC; hạn đơn vị báo cáo là "
                            "mặc định, sửa theo quy định của cơ quan."),
        *(contract_sheet(name, _headers(name), []) for name in EMPTY_SHEETS),
    ]
