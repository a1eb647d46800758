"""Edit the clerk's workbook in place, changing only what an edit means to change.

A workbook is a zip of XML parts. An edit rewrites the rows it changes inside the
sheets it edits, copying every other row of those sheets as bytes, and touches
nothing else but what the change needs: a date format in styles.xml, a new sheet's
entries in workbook.xml, its relationships and the content types, the sheet's Excel
tables, Excel's recalculate-on-open flag, and when asked the sheet's protection and a new
sheet's column widths (`xlsx_protect`). Every other member of the zip (other sheets,
drawings and text boxes, comments, rich text, shared strings, VBA) is copied with its
content unchanged. New text is written as inline strings so sharedStrings.xml is never
rewritten. Rows are never deleted (that would shift every reference below them): a row
an edit empties keeps its place, blank, and readers skip blank rows.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from pipeline.read import cell_ref, col_letter, sheet_parts
from pipeline.schema import SheetSpec
from pipeline.text import XML_ILLEGAL
from pipeline.xlsx_protect import protect_sheet, with_widths

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
EXCEL_TEXT_LIMIT = 32767  # characters Excel keeps in one cell
# Number formats of date cells: Nghị định 30's rule (formatting.short_date) has no Excel number
# format, and these cells must stay dates; see xlsx.DATE_FORMAT.
DATE_FORMAT = "dd/mm/yyyy"
STAMP_FORMAT = "dd/mm/yyyy hh:mm"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_ROW = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)row\b([^>]*?)(/?)>")
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b[^>]*?(/?)>")
_R_ATTR = re.compile(rb'\sr="(\d+)"')
_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_DATE_IDS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_REF = re.compile(r"([A-Z]+)(\d+)")
_XML_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


@dataclass
class SheetEdit:
    """What to change in one sheet. Values are by column key of `spec`; None or '' empties a cell."""

    spec: SheetSpec | None  # the sheet's contract; None for a sheet whose formulas only lose their values
    sheet: str | None  # the sheet's name in the workbook; None: create it with the spec's headers
    header_row: int = 1  # 1-based
    columns: dict[str, int] = field(default_factory=dict)  # column key → 0-based index, as read found them
    updates: dict[int, dict[str, object]] = field(default_factory=dict)  # Excel row → new values
    appends: list[dict[str, object]] = field(default_factory=list)  # rows added after the last one
    # Formula cells ("H2") whose cached value no longer holds: dropped, so no reader takes the
    # old value for the new one (read.py then asks the clerk to let Excel recalculate).
    uncache: set[str] = field(default_factory=set)
    protect: bool = False  # lock the sheet (no password) after the edit: see `protect_sheet`
    widths: dict[str, float] = field(default_factory=dict)  # column key → width, for a sheet it creates


@dataclass
class Edited:
    payload: bytes  # the edited workbook
    added_columns: dict[str, list[str]] = field(default_factory=dict)  # sheet → headers added
    truncated: list[str] = field(default_factory=list)  # cells whose text was cut at Excel's limit
    formulas: bool = False  # the workbook holds formulas: Excel recalculates them on opening


# -- cell values ------------------------------------------------------------------------------


def excel_serial(value: dt.date, date1904: bool = False) -> float:
    """A date or datetime as the number Excel stores."""
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    delta = moment - base
    return delta.days + delta.seconds / 86400


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _text(value: str, where: str, truncated: list[str]) -> str:
    text = XML_ILLEGAL.sub("", value)
    if "_x" in text:  # '_x0041_' typed literally must survive a reader that decodes OOXML escapes
        text = _XML_ESCAPE_LIKE.sub(r"_x005F_\1", text)
    if len(text) > EXCEL_TEXT_LIMIT:
        truncated.append(where)
        text = text[:EXCEL_TEXT_LIMIT]
    return text


class _Styles:
    """styles.xml, parsed only when a date needs a format the copied style lacks."""

    def __init__(self, blob: bytes | None):
        self.root = etree.fromstring(blob, _PARSER) if blob else None
        self.changed = False
        self._cache: dict[tuple[int, str], int] = {}

    def _find(self, tag: str) -> etree._Element | None:
        return self.root.find(f"{{{MAIN}}}{tag}") if self.root is not None else None

    def _format_id(self, code: str) -> int:
        assert self.root is not None
        fmts = self._find("numFmts")
        if fmts is None:
            fmts = etree.Element(f"{{{MAIN}}}numFmts")
            self.root.insert(0, fmts)
        for f in fmts:
            if f.get("formatCode") == code:
                return int(f.get("numFmtId") or 0)
        new_id = max([163, *(int(f.get("numFmtId") or 0) for f in fmts)]) + 1
        etree.SubElement(fmts, f"{{{MAIN}}}numFmt", numFmtId=str(new_id), formatCode=code)
        fmts.set("count", str(len(fmts)))
        return new_id

    def _shows_date(self, fmt_id: int) -> bool:
        if fmt_id in _DATE_IDS:
            return True
        fmts = self._find("numFmts")
        code = next((f.get("formatCode") or "" for f in fmts if f.get("numFmtId") == str(fmt_id)), "") \
            if fmts is not None else ""
        bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code).lower()  # quoted text, escapes, colours
        return bool(re.search(r"[dy]", bare)) and "0" not in bare

    def with_format(self, base: int, code: str) -> int | None:
        """The index of a cell style like `base` showing `code`; None without styles.xml."""
        if self.root is None or self._find("cellXfs") is None:
            return None
        key = (base, code)
        if key not in self._cache:
            xfs = self._find("cellXfs")
            assert xfs is not None
            items = list(xfs)
            source = items[base] if 0 <= base < len(items) else None
            if source is not None and self._shows_date(int(source.get("numFmtId") or 0)):
                self._cache[key] = base
                return base
            fmt_id = self._format_id(code)
            for i, xf in enumerate(items):
                if xf.get("numFmtId") == str(fmt_id) and (source is None or all(
                        xf.get(a) == source.get(a) for a in ("fontId", "fillId", "borderId"))):
                    self._cache[key] = i
                    break
            else:
                xf = etree.SubElement(xfs, f"{{{MAIN}}}xf")
                for attr in ("fontId", "fillId", "borderId", "xfId"):
                    xf.set(attr, source.get(attr, "0") if source is not None else "0")
                xf.set("numFmtId", str(fmt_id))
                xf.set("applyNumberFormat", "1")
                if source is not None:
                    for child in source:
                        xf.append(etree.fromstring(etree.tostring(child)))
                xfs.set("count", str(len(xfs)))
                self._cache[key] = len(xfs) - 1
                self.changed = True
        return self._cache[key]

    def blob(self) -> bytes:
        assert self.root is not None
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cell_xml(ref: str, value: object, style: str | None, styles: _Styles, date1904: bool,
              truncated: list[str]) -> str | None:
    """One <c> element, or None for an empty value."""
    if value is None or value == "":
        return None
    s = f' s="{style}"' if style else ""
    if isinstance(value, str):
        text = escape(_text(value, ref, truncated))
        space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):
        code = STAMP_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
        dated = styles.with_format(int(style or 0), code)
        s = f' s="{dated}"' if dated is not None else s
        return f'<c r="{ref}"{s}><v>{_number(excel_serial(value, date1904))}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{_number(value)}</v></c>'
    raise TypeError(f"cannot store {type(value).__name__} in a cell")


# -- one sheet ----------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    start: int
    end: int


class _Sheet:
    """A sheet part as bytes, with the byte span of every row inside its sheetData."""

    def __init__(self, blob: bytes):
        self.blob = blob
        m = _SHEET_DATA.search(blob)
        if m is None:
            raise ValueError("sheet without sheetData")
        self.prefix = m.group(1)
        if m.group(2):  # <sheetData/>: an empty sheet
            self.data_start = self.data_end = m.end()
            self.empty_tag: tuple[int, int] | None = (m.start(), m.end())
        else:
            self.data_start = m.end()
            self.data_end = blob.index(b"</" + self.prefix + b"sheetData>", self.data_start)
            self.empty_tag = None
        self.rows: dict[int, _Row] = {}
        number = 0
        pos = self.data_start
        while (r := _ROW.search(blob, pos, self.data_end)) is not None:
            attr = _R_ATTR.search(r.group(2))
            number = int(attr.group(1)) if attr else number + 1
            end = r.end() if r.group(3) else blob.index(b"</" + r.group(1) + b"row>", r.end()) + len(r.group(1)) + 6
            self.rows[number] = _Row(number, r.start(), end)
            pos = end
        root = _ROOT.search(blob)
        if root is None:
            raise ValueError("sheet without a root element")
        self.root_tag = blob[root.start():blob.index(b">", root.start()) + 1]
        self.namespace = _root_namespace(self.root_tag, root.group(1))

    def namespaces(self) -> bytes:
        """The root element's namespace declarations, to parse a row fragment alone."""
        return b" ".join(re.findall(rb'xmlns(?::[\w.-]+)?="[^"]*"', self.root_tag))

    def last_row(self) -> int:
        return max(self.rows, default=0)


def _root_namespace(root_tag: bytes, name: bytes) -> str:
    element = etree.fromstring(root_tag + b"</" + name + b">", _PARSER)
    return etree.QName(element).namespace or MAIN


def _parse_row(sheet: _Sheet, fragment: bytes) -> etree._Element:
    wrapper = b"<wrap " + sheet.namespaces() + b">" + fragment + b"</wrap>"
    return etree.fromstring(wrapper, _PARSER)[0]


def _serialize_row(row: etree._Element) -> bytes:
    if "spans" in row.attrib:  # a hint of the row's used columns, which an edit may change
        del row.attrib["spans"]
    wrap = row.getparent()
    assert wrap is not None
    text = bytes(etree.tostring(wrap, encoding="UTF-8"))
    return text[text.index(b">") + 1: text.rindex(b"</")]


def _cells_by_column(row: etree._Element) -> dict[int, etree._Element]:
    out: dict[int, etree._Element] = {}
    col = -1
    for c in row:
        if not isinstance(c.tag, str) or etree.QName(c).localname != "c":
            continue
        m = _REF.match(c.get("r") or "")
        col = _col_index(m.group(1)) if m else col + 1
        out[col] = c
    return out


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class _SheetEditor:
    def __init__(self, edit: SheetEdit, blob: bytes, styles: _Styles, date1904: bool, out: Edited):
        self.edit, self.styles, self.date1904, self.out = edit, styles, date1904, out
        self.sheet = _Sheet(blob)
        self.columns = dict(edit.columns)
        self.replacements: dict[int, bytes] = {}  # row number → new row XML

    def _row_element(self, number: int) -> etree._Element:
        """Row `number` as an element: as edited so far, else as the sheet has it, else new."""
        if number in self.replacements:
            return _parse_row(self.sheet, self.replacements[number])
        span = self.sheet.rows.get(number)
        if span is not None:
            return _parse_row(self.sheet, self.sheet.blob[span.start:span.end])
        fragment = f'<{self.sheet.prefix.decode()}row r="{number}"/>'.encode()
        return _parse_row(self.sheet, fragment)

    def _ensure_columns(self, keys: set[str]) -> None:
        """Add the headers of contract columns the sheet lacks, after its last header."""
        spec = self.edit.spec
        missing = [c for c in spec.columns if c.key in keys and c.key not in self.columns] if spec else []
        if not missing:
            return
        header = self._row_element(self.edit.header_row)
        cells = _cells_by_column(header)
        used = [i for i, c in cells.items() if len(c)] + list(self.columns.values())
        nxt = max(used, default=-1) + 1
        style = next((c.get("s") for i, c in sorted(cells.items(), reverse=True) if c.get("s")), None)
        for col in missing:
            self.columns[col.key] = nxt
            self._put(header, nxt, col.header, style)
            nxt += 1
        self.replacements[self.edit.header_row] = _serialize_row(header)
        self.out.added_columns.setdefault(self.edit.sheet or "", []).extend(c.header for c in missing)

    def _put(self, row: etree._Element, col: int, value: object, style: str | None) -> None:
        number = int(row.get("r") or 0)
        ref = f"{col_letter(col)}{number}"
        cells = _cells_by_column(row)
        old = cells.get(col)
        if old is not None and style is None:
            style = old.get("s")
        xml = _cell_xml(ref, value, style, self.styles, self.date1904, self.out.truncated)
        new = etree.fromstring(f"<w xmlns='{self.sheet.namespace}'>{xml}</w>", _PARSER)[0] if xml else None
        if old is not None:
            if new is None:
                row.remove(old)
            else:
                old.addprevious(new)
                row.remove(old)
        elif new is not None:
            after = [i for i in cells if i < col]
            if after:
                cells[max(after)].addnext(new)
            else:
                row.insert(0, new)

    def _styles_from(self, number: int) -> dict[int, str]:
        """Each column's style in row `number` (the last data row): a new row looks like it."""
        if number <= self.edit.header_row or number not in self.sheet.rows:
            return {}
        return {i: c.get("s") or "" for i, c in _cells_by_column(self._row_element(number)).items()}

    def _uncache(self) -> None:
        by_row: dict[int, list[int]] = {}
        for ref in self.edit.uncache:
            m = _REF.fullmatch(ref)
            if m:
                by_row.setdefault(int(m.group(2)), []).append(_col_index(m.group(1)))
        for number, cols in by_row.items():
            if number not in self.sheet.rows:
                continue
            row = self._row_element(number)
            cells = _cells_by_column(row)
            for col in cols:
                cell = cells.get(col)
                if cell is None or not any(etree.QName(ch).localname == "f" for ch in cell if isinstance(ch.tag, str)):
                    continue
                for ch in list(cell):
                    if isinstance(ch.tag, str) and etree.QName(ch).localname == "v":
                        cell.remove(ch)
            self.replacements[number] = _serialize_row(row)

    def run(self) -> bytes:
        keys = {k for values in (*self.edit.updates.values(), *self.edit.appends) for k in values}
        self._ensure_columns(keys)
        self._uncache()
        for number, values in sorted(self.edit.updates.items()):
            row = self._row_element(number)
            for key, value in values.items():
                self._put(row, self.columns[key], value, None)
            self.replacements[number] = _serialize_row(row)
        last = max(self.sheet.last_row(), self.edit.header_row)
        looks = self._styles_from(last)
        appended: list[bytes] = []
        for values in self.edit.appends:
            last += 1
            row = self._row_element(last)
            for key, value in values.items():
                col = self.columns[key]
                self._put(row, col, value, looks.get(col) or None)
            appended.append(_serialize_row(row))
        return self._splice(appended, last)

    def _splice(self, appended: list[bytes], last: int) -> bytes:
        """The sheet with its rows in order: unchanged rows as they were, byte for byte."""
        blob, sheet = self.sheet.blob, self.sheet
        rows = [(n, self.replacements.get(n, blob[span.start:span.end])) for n, span in sheet.rows.items()]
        rows += [(n, xml) for n, xml in self.replacements.items() if n not in sheet.rows]
        body = b"".join(xml for _, xml in sorted(rows, key=lambda r: r[0])) + b"".join(appended)
        if sheet.empty_tag is not None:  # <sheetData/> opens up
            start, end = sheet.empty_tag
            tag = sheet.prefix + b"sheetData"
            out = blob[:start] + b"<" + tag + b">" + body + b"</" + tag + b">" + blob[end:]
        else:
            out = blob[:sheet.data_start] + body + blob[sheet.data_end:]
        return _dimension(out, last, max(self.columns.values(), default=0))


def _dimension(blob: bytes, last_row: int, last_col: int) -> bytes:
    m = re.search(rb'<((?:[\w.-]+:)?)dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"', blob)
    if m is None:
        return blob
    end_col = max(_col_index(m.group(4).decode()) if m.group(4) else 0, last_col)
    end_row = max(int(m.group(5)) if m.group(5) else int(m.group(3)), last_row)
    ref = f"{m.group(2).decode()}{m.group(3).decode()}:{col_letter(end_col)}{end_row}".encode()
    return blob[:m.start()] + b"<" + m.group(1) + b'dimension ref="' + ref + b'"' + blob[m.end():]


# -- the package ----------------------------------------------------------------------------------


def _new_sheet(spec: SheetSpec) -> SheetEdit:
    return SheetEdit(spec, None, 1, {c.key: i for i, c in enumerate(spec.columns)})


def _empty_sheet_xml() -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" '
            f'xmlns:r="{REL}"><dimension ref="A1"/><sheetData/></worksheet>').encode()


class _Package:
    def __init__(self, data: bytes):
        self.src = zipfile.ZipFile(io.BytesIO(data))
        self.names = self.src.namelist()
        self.changed: dict[str, bytes] = {}
        self.added: dict[str, bytes] = {}

    def read(self, name: str) -> bytes:
        if name in self.changed:
            return self.changed[name]
        if name in self.added:
            return self.added[name]
        return self.src.read(name)

    def add_sheet(self, name: str) -> str:
        """Register a new worksheet part; returns its part name."""
        taken = set(self.names) | set(self.added)
        n = 1
        while f"xl/worksheets/sheet{n}.xml" in taken:
            n += 1
        part = f"xl/worksheets/sheet{n}.xml"
        self.added[part] = _empty_sheet_xml()
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = etree.fromstring(self.read(rels_name), _PARSER)
        ids = {r.get("Id") for r in rels}
        rid = next(f"rId{i}" for i in range(1, len(ids) + 2) if f"rId{i}" not in ids)
        etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=SHEET_TYPE,
                         Target=posixpath.relpath(part, "xl"))
        self.changed[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        book = etree.fromstring(self.read("xl/workbook.xml"), _PARSER)
        sheets = book.find(f"{{{MAIN}}}sheets")
        assert sheets is not None
        sheet_id = max([0, *(int(s.get("sheetId") or 0) for s in sheets)]) + 1
        etree.SubElement(sheets, f"{{{MAIN}}}sheet", name=name, sheetId=str(sheet_id), attrib={f"{{{REL}}}id": rid})
        self.changed["xl/workbook.xml"] = etree.tostring(book, xml_declaration=True, encoding="UTF-8",
                                                         standalone=True)
        types = etree.fromstring(self.read("[Content_Types].xml"), _PARSER)
        etree.SubElement(types, f"{{{CT}}}Override", PartName=f"/{part}", ContentType=SHEET_CT)
        self.changed["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8",
                                                             standalone=True)
        return part

    def write(self) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in self.src.infolist():
                blob = self.changed.get(info.filename)
                # Copied members keep their content and their own compression.
                dst.writestr(info, blob if blob is not None else self.src.read(info.filename),
                             compress_type=zipfile.ZIP_DEFLATED if blob is not None else info.compress_type)
            for name, blob in self.added.items():
                dst.writestr(name, blob)
        return buf.getvalue()


def _date1904(book: bytes) -> bool:
    m = re.search(rb"<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904=\"(1|true)\"", book)
    return m is not None


def _recalculate_on_open(book: bytes) -> bytes:
    """Set Excel's fullCalcOnLoad: formulas that read the edited cells are recomputed on opening."""
    root = etree.fromstring(book, _PARSER)
    calc = root.find(f"{{{MAIN}}}calcPr")
    if calc is None:
        calc = etree.SubElement(root, f"{{{MAIN}}}calcPr")
        after = [el for el in root if etree.QName(el).localname in ("definedNames", "sheets", "externalReferences")]
        if after:
            after[-1].addnext(calc)
    if calc.get("fullCalcOnLoad") in ("1", "true"):
        return book
    calc.set("fullCalcOnLoad", "1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _update_tables(pkg: _Package, part: str, header_row: int, last_row: int) -> None:
    """An Excel table (ListObject) whose header is the edited sheet's header grows with its rows."""
    rels_name = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    if rels_name not in pkg.names:
        return
    for rel in etree.fromstring(pkg.read(rels_name), _PARSER):
        if not (rel.get("Type") or "").endswith("/table"):
            continue
        href = rel.get("Target") or ""
        target = href.lstrip("/") if href.startswith("/") else posixpath.normpath(
            posixpath.join(posixpath.dirname(part), href))
        if target not in pkg.names:
            continue
        table = etree.fromstring(pkg.read(target), _PARSER)
        m = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", table.get("ref") or "")
        if not m or int(m.group(2)) != header_row:
            continue
        ref = f"{m.group(1)}{m.group(2)}:{m.group(3)}{max(last_row, header_row + 1)}"
        table.set("ref", ref)
        auto = table.find(f"{{{MAIN}}}autoFilter")
        if auto is not None:
            auto.set("ref", ref)
        pkg.changed[target] = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def apply(data: bytes, edits: Sequence[SheetEdit], name: str = "kehoach.xlsx") -> Edited:
    """The workbook `data` (named `name` in messages) with `edits` applied; see the module
    docstring for what changes."""
    pkg = _Package(data)
    parts = sheet_parts(pkg.src, Path(name))
    styles_name = "xl/styles.xml"
    styles = _Styles(pkg.read(styles_name) if styles_name in pkg.names else None)
    date1904 = _date1904(pkg.read("xl/workbook.xml"))
    out = Edited(b"")
    for edit in edits:
        if edit.sheet is None or edit.sheet not in parts:
            if edit.spec is None:
                raise ValueError(f"no sheet {edit.sheet!r} to edit")
            name = edit.sheet or edit.spec.name
            part = pkg.add_sheet(name)
            parts[name] = part
            header = _new_sheet(edit.spec)
            edit = SheetEdit(edit.spec, name, 1, header.columns, edit.updates | {1: {
                c.key: c.header for c in edit.spec.columns}}, edit.appends, protect=edit.protect,
                widths=edit.widths)
        else:
            part = parts[edit.sheet]
        editor = _SheetEditor(edit, pkg.read(part), styles, date1904, out)
        blob = editor.run()
        if part in pkg.added and edit.widths:
            blob = with_widths(blob, editor.columns, edit.widths)
        if edit.protect:
            blob = protect_sheet(blob)
        if part in pkg.added:
            pkg.added[part] = blob
        else:
            pkg.changed[part] = blob
        last = max(editor.sheet.last_row(), edit.header_row) + len(edit.appends)
        _update_tables(pkg, part, edit.header_row, last)
    if styles.changed:
        pkg.changed[styles_name] = styles.blob()
    out.formulas = any(_FORMULA.search(pkg.read(p)) for p in parts.values() if p in pkg.names)
    if out.formulas:
        pkg.changed["xl/workbook.xml"] = _recalculate_on_open(pkg.read("xl/workbook.xml"))
    out.payload = pkg.write()
    return out


__all__ = ["DATE_FORMAT", "EXCEL_TEXT_LIMIT", "STAMP_FORMAT", "Edited", "SheetEdit", "apply", "cell_ref",
           "excel_serial", "protect_sheet"]
