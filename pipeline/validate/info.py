"""ThongTin, the two-column sheet of fields (Trường | Giá trị), as typed values.

A single field maps to one value; a multi-line field (Căn cứ, Nơi nhận …) is one row
per line with the label repeated, and maps to the list of its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.model import PartialDate
from pipeline.read import Table, suggest
from pipeline.schema import FIELD_BY_KEY, FIELDS, Field
from pipeline.text import clean, header_key
from pipeline.validate.cells import CONVERTERS, Invalid, is_blank, to_text
from pipeline.validate.rows import Reporter, check_merged


@dataclass
class Info:
    """ThongTin's fields by key (schema.FIELDS): single fields map to a value, multi fields to lines."""

    values: dict[str, object] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # field key → cell of its (first) value

    def get(self, key: str) -> object:
        FIELD_BY_KEY[key]  # a mistyped key is a programming error, not an empty field
        value = self.values.get(key)
        return None if value in (None, "", []) else value

    def text(self, key: str, default: str = "") -> str:
        value = self.get(key)
        return default if value is None else str(value)

    def integer(self, key: str) -> int | None:
        value = self.get(key)
        return value if isinstance(value, int) else None

    def partial_date(self, key: str) -> PartialDate | None:
        value = self.get(key)
        return value if isinstance(value, PartialDate) else None

    def lines(self, key: str) -> list[str]:
        FIELD_BY_KEY[key]
        value = self.values.get(key)
        return list(value) if isinstance(value, list) else []


_FIELD_INDEX = {header_key(n): f for f in FIELDS for n in f.names}


def read_thong_tin(table: Table, report: Reporter) -> Info:
    check_merged(table, report)
    info = Info()
    seen: dict[str, str] = {}
    names, values = table.values.get("field", []), table.values.get("value", [None] * len(table.rows))
    for i, (raw_name, raw) in enumerate(zip(names, values)):
        if is_blank(raw_name):
            if not is_blank(raw):
                report.warn(table.sheet, table.ref("field", i), "Giá trị không có tên trường; dòng này bị bỏ qua.")
            continue
        spec: Field | None = _FIELD_INDEX.get(header_key(raw_name))
        if spec is None:
            near = suggest(str(raw_name), [f.label for f in FIELDS])
            hint = f" Có phải '{near}'?" if near else ""
            report.warn(table.sheet, table.ref("field", i), f"Trường '{clean(raw_name)}' không dùng đến.{hint}")
            continue
        ref = table.ref("value", i)
        if spec.multi:
            lines = info.values.setdefault(spec.key, [])
            info.cells.setdefault(spec.key, ref)
            if not is_blank(raw) and isinstance(lines, list):
                lines.append(_strip_line(to_text(raw)))
            continue
        if spec.key in seen:
            report.error(table.sheet, table.ref("field", i),
                         f"Trường '{spec.label}' được ghi hai lần (lần đầu ở ô {seen[spec.key]}).")
            continue
        seen[spec.key] = table.ref("field", i)
        info.cells[spec.key] = ref
        if is_blank(raw):
            info.values[spec.key] = None
            continue
        try:
            info.values[spec.key] = CONVERTERS[spec.kind](raw)
        except Invalid as exc:
            report.error(table.sheet, ref, f"'{spec.label}': {exc}.")
    for spec in FIELDS:
        if spec.required and info.get(spec.key) is None:
            where = info.cells.get(spec.key, "")
            report.error(table.sheet, where,
                         f"Thiếu '{spec.label}' (cột Trường ghi '{spec.label}', cột Giá trị ghi nội dung).")
    return info


def _strip_line(text: str) -> str:
    # The template adds "- " and the final ";" or "."; tolerate clerks who typed them.
    text = re.sub(r"^[-–+•]\s*", "", text.strip())
    return re.sub(r"\s*[;.]$", "", text) if not text.endswith("./.") else text[:-3]
