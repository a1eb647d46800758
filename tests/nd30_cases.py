"""Hand-made documents that each break ONE Nghị định 30 rule, built from a generated plan.

Each case starts from the Quyết định + Kế hoạch + Phụ lục that `pipeline.api.build_plan`
writes (which passes the linter) and edits its XML the way a clerk's Word would, so
the linter must find exactly that one problem, where it is. The tests build them in a
temporary folder; to look at them in Word:

    python tests/nd30_cases.py            # writes tests/data/nd30/<case>.docx
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline import ooxml
from pipeline.errors import Severity
from pipeline.ooxml import w

ROOT = Path(__file__).resolve().parents[1]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
R_ID = f"{{{ooxml.R_NS}}}id"


class Package:
    """A .docx as a zip of parts; XML parts parsed on demand and written back on save."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as z:
            self.parts = {name: z.read(name) for name in z.namelist()}
        self._trees: dict[str, etree._Element] = {}

    def xml(self, name: str) -> etree._Element:
        if name not in self._trees:
            self._trees[name] = etree.fromstring(self.parts[name])
        return self._trees[name]

    def save(self, path: Path) -> Path:
        for name, root in self._trees.items():
            self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts.items():
                z.writestr(name, data)
        return path

    # -- finding things --------------------------------------------------------------

    @property
    def body(self) -> etree._Element:
        return self.xml("word/document.xml").find(w("body"))

    @property
    def styles(self) -> etree._Element:
        return self.xml("word/styles.xml")

    def paragraph(self, text: str, nth: int = 0, exact: bool = False) -> etree._Element:
        """The nth body paragraph whose text starts with (or equals) `text`."""
        found = [p for p in self.body.iter(w("p"))
                 if (ooxml.paragraph_text(p) == text if exact else ooxml.paragraph_text(p).startswith(text))]
        return found[nth]

    def sections(self) -> list[etree._Element]:
        return [sect for sect, _ in ooxml.body_sections(self.body)]

    def header(self, section: int, variant: str = "default") -> etree._Element:
        """The header part of a section (1-based) as an XML tree."""
        sect = self.sections()[section - 1]
        rid = next(ref.get(R_ID) for ref in sect.findall(w("headerReference")) if ref.get(w("type")) == variant)
        rels = self.xml("word/_rels/document.xml.rels")
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        return self.xml(f"word/{target}")

    def style(self, style_id: str) -> etree._Element:
        return next(s for s in self.styles.iter(w("style")) if s.get(w("styleId")) == style_id)


def child(parent: etree._Element, tag: str, first: bool = False) -> etree._Element:
    """parent's <w:tag>, created (first or last among the children) if missing."""
    el = parent.find(w(tag))
    if el is None:
        el = etree.Element(w(tag))
        parent.insert(0, el) if first else parent.append(el)
    return el


def ppr(p: etree._Element) -> etree._Element:
    return child(p, "pPr", first=True)


def rpr(run_or_style: etree._Element) -> etree._Element:
    first = run_or_style.tag == w("r")
    return child(run_or_style, "rPr", first=first)


def runs(p: etree._Element) -> list[etree._Element]:
    return [r for r in p.iter(w("r")) if r.find(w("t")) is not None]


def set_prop(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = child(parent, tag)
    for key, value in attrs.items():
        el.set(w(key), value)
    return el


def set_text(p: etree._Element, old: str, new: str) -> None:
    for t in p.iter(w("t")):
        if old in (t.text or ""):
            t.text = t.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not in paragraph {ooxml.paragraph_text(p)!r}")


def set_fonts(rpr_el: etree._Element, **attrs: str) -> None:
    fonts = child(rpr_el, "rFonts")
    fonts.attrib.clear()
    for key, value in attrs.items():
        fonts.set(w(key), value)


# -- the cases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    rule: str | None  # the one new message (without "(đang là …)"); None: nothing new
    where: str
    edit: Callable[[Package], None]
    severity: Severity = ERROR


DIEU_2 = "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
AT_DIEU_2 = f'đoạn "{DIEU_2}"'


def _margin(pkg: Package) -> None:
    pkg.sections()[0].find(w("pgMar")).set(w("left"), "1134")  # 20 mm


def _letter(pkg: Package) -> None:
    size = pkg.sections()[0].find(w("pgSz"))
    size.set(w("w"), "12240")
    size.set(w("h"), "15840")


def _landscape(pkg: Package) -> None:
    size = pkg.sections()[0].find(w("pgSz"))
    size.set(w("w"), "16838")
    size.set(w("h"), "11906")
    size.set(w("orient"), "landscape")


def _calibri_body(pkg: Package) -> None:
    set_fonts(rpr(pkg.style("CCHCNoiDung")), ascii="Calibri", hAnsi="Calibri")


def _hansi_arial(pkg: Package) -> None:
    run = runs(pkg.paragraph("Điều 2."))[1]  # " Quyết định này có hiệu lực …": Vietnamese letters use hAnsi
    set_fonts(rpr(run), ascii="Times New Roman", hAnsi="Arial")


def _theme_font(pkg: Package, typeface: str | None = None) -> None:
    set_fonts(rpr(pkg.style("Normal")), asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi")
    if typeface:
        latin = pkg.xml("word/theme/theme1.xml").find(f".//{{{ooxml.A_NS}}}minorFont/{{{ooxml.A_NS}}}latin")
        latin.set("typeface", typeface)


def _table_style_font(pkg: Package) -> None:
    # Paragraph styles no longer name a font (docDefaults still say Times New Roman); the
    # appendix table's style says Arial, and Word lets the table style win over defaults.
    normal = rpr(pkg.style("Normal"))
    normal.remove(normal.find(w("rFonts")))
    style = etree.SubElement(pkg.styles, w("style"))
    style.set(w("type"), "table")
    style.set(w("styleId"), "BangArial")
    set_prop(style, "name", val="Bảng Arial")
    set_fonts(child(style, "rPr"), ascii="Arial", hAnsi="Arial")
    table = next(t for t in pkg.body.iter(w("tbl")) if ooxml.cell_text(t.find(f".//{w('tc')}")) == "STT")
    tbl_pr = table.find(w("tblPr"))
    tbl_pr.insert(0, etree.Element(w("tblStyle")))
    tbl_pr[0].set(w("val"), "BangArial")


def _red(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("Điều 2."))[1]), "color", val="FF0000")


def _month(pkg: Package) -> None:
    set_text(pkg.paragraph("Khánh Hòa, ngày"), "tháng 01", "tháng 03")


def _day(pkg: Package) -> None:
    set_text(pkg.paragraph("Khánh Hòa, ngày"), "ngày      tháng", "ngày 5 tháng")


def _so(pkg: Package) -> None:
    set_text(pkg.paragraph("Số:"), "Số:        /", "Số: 5/")


def _so_bold(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("Số:"))[0]), "b")


def _date_upright(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("Khánh Hòa, ngày"))[0]), "i", val="0")


def _quoc_hieu(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("CỘNG HÒA XÃ HỘI"))[0]), "b", val="0")


def _tieu_ngu_size(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("Độc lập"))[0]), "sz", val="24")


def _tieu_ngu_dashes(pkg: Package) -> None:
    set_text(pkg.paragraph("Độc lập"), "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")


def _chu_quan_bold(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("UBND TỈNH"))[0]), "b")


def _ten_loai(pkg: Package) -> None:
    set_text(pkg.paragraph("QUYẾT ĐỊNH", exact=True), "QUYẾT ĐỊNH", "Quyết định")


def _can_cu(pkg: Package) -> None:
    set_text(pkg.paragraph("Căn cứ Luật"), "năm 2015;", "năm 2015")


def _body_left(pkg: Package) -> None:
    set_prop(ppr(pkg.paragraph("Điều 2.")), "jc", val="left")


def _indent(pkg: Package) -> None:
    set_prop(ppr(pkg.paragraph("Điều 2.")), "ind", firstLine="1134")  # 2 cm


def _double(pkg: Package) -> None:
    set_prop(ppr(pkg.paragraph("Điều 2.")), "spacing", line="480", lineRule="auto")


def _no_spacing(pkg: Package) -> None:
    set_prop(ppr(pkg.paragraph("Điều 2.")), "spacing", before="0", after="0")


def _dieu_plain(pkg: Package) -> None:
    first = rpr(runs(pkg.paragraph("Điều 2."))[0])
    first.remove(first.find(w("b")))


def _no_end_mark(pkg: Package) -> None:
    set_text(pkg.paragraph("Điều 3."), "Quyết định này./.", "Quyết định này.")


def _noi_nhan(pkg: Package) -> None:
    run = rpr(runs(pkg.paragraph("Nơi nhận:"))[0])
    set_prop(run, "b", val="0")
    set_prop(run, "i", val="0")


def _recipient_size(pkg: Package) -> None:
    set_prop(rpr(pkg.style("CCHCNoiNhan")), "sz", val="26")


def _last_recipient(pkg: Package) -> None:
    set_text(pkg.paragraph("- Lưu: VT, VP."), "- Lưu: VT, VP.", "- Lưu VP.")


def _bulleted_recipients(pkg: Package) -> None:
    """Recipients as a Word bullet list whose bullet is '-': reads the same as typed dashes."""
    numbering = pkg.xml("word/numbering.xml")
    abstract = etree.Element(w("abstractNum"))
    abstract.set(w("abstractNumId"), "90")
    lvl = etree.SubElement(abstract, w("lvl"))
    lvl.set(w("ilvl"), "0")
    for tag, val in (("start", "1"), ("numFmt", "bullet"), ("suff", "space"), ("lvlText", "-")):
        set_prop(lvl, tag, val=val)
    first_num = numbering.find(w("num"))
    first_num.addprevious(abstract)
    num = etree.SubElement(numbering, w("num"))
    num.set(w("numId"), "90")
    set_prop(num, "abstractNumId", val="90")
    for p in pkg.body.iter(w("p")):
        if ooxml.paragraph_text(p).startswith("- ") and ooxml.style_id(p) == "CCHCNoiNhan":
            set_text(p, "- ", "")
            num_pr = child(ppr(p), "numPr")
            set_prop(num_pr, "ilvl", val="0")
            set_prop(num_pr, "numId", val="90")


def _signer_plain(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("GIÁM ĐỐC", exact=True))[0]), "b", val="0")


def _kem_theo_upright(pkg: Package) -> None:
    set_prop(rpr(runs(pkg.paragraph("(Ban hành kèm theo"))[0]), "i", val="0")


def _page_field(header: etree._Element) -> list[etree._Element]:
    return [r for r in header.iter(w("r"))]


def _no_page_number(pkg: Package) -> None:
    header = pkg.header(1)
    for r in _page_field(header):
        r.getparent().remove(r)


def _page_number_first(pkg: Package) -> None:
    sect = pkg.sections()[0]
    sect.remove(sect.find(w("titlePg")))


def _page_number_italic(pkg: Package) -> None:
    for r in _page_field(pkg.header(1)):
        set_prop(rpr(r), "i")


def _page_number_footer(pkg: Package) -> None:
    """The number moved to a footer: section 1's default header now points at an empty part."""
    sect = pkg.sections()[0]
    header = pkg.header(1)
    first = pkg.header(1, "first")
    paragraph = header.find(w("p"))
    header.remove(paragraph)
    header.append(etree.fromstring(etree.tostring(first.find(w("p")))))
    rels = pkg.xml("word/_rels/document.xml.rels")
    rel = etree.SubElement(rels, rels[0].tag)
    rel.set("Id", "rIdFooter1")
    rel.set("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer")
    rel.set("Target", "footer90.xml")
    footer = etree.Element(w("ftr"), nsmap={"w": ooxml.W_NS})
    footer.append(paragraph)
    pkg._trees["word/footer90.xml"] = footer
    types = pkg.xml("[Content_Types].xml")
    override = etree.SubElement(types, f"{{{types.nsmap[None]}}}Override")
    override.set("PartName", "/word/footer90.xml")
    override.set("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")
    ref = etree.Element(w("footerReference"))
    ref.set(w("type"), "default")
    ref.set(R_ID, "rIdFooter1")
    sect.find(w("headerReference")).addnext(ref)


def _phu_luc_caps(pkg: Package) -> None:
    set_text(pkg.paragraph("Phụ lục", exact=True), "Phụ lục", "PHỤ LỤC")


def _phu_luc_title(pkg: Package) -> None:
    title = pkg.paragraph("NHIỆM VỤ CỤ THỂ, SẢN PHẨM")
    set_text(title, "NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN",
             "Nhiệm vụ cụ thể, sản phẩm, tiến độ và trách nhiệm thực hiện")


def _phu_luc_no_kem_theo(pkg: Package) -> None:
    line = pkg.paragraph("(Kèm theo Kế hoạch")
    line.getparent().remove(line)


def _phu_luc_numbering(pkg: Package) -> None:
    sect = pkg.sections()[2]
    sect.remove(sect.find(w("pgNumType")))


CASES: list[Case] = [
    Case("margin_left", "Lề trái phải từ 30 đến 35 mm", "phần 1", _margin),
    Case("letter_paper", "Khổ giấy phải là A4 (210 × 297 mm)", "phần 1", _letter),
    Case("landscape_decision",
         "Trang khổ ngang không có bảng biểu: Nghị định 30 chỉ cho phép khổ ngang khi có bảng biểu; kiểm tra lại",
         "phần 1", _landscape, WARNING),
    Case("calibri_body", "Phông chữ phải là Times New Roman",
         'đoạn "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách…"', _calibri_body),
    Case("vietnamese_letters_in_arial", "Phông chữ phải là Times New Roman", AT_DIEU_2, _hansi_arial),
    Case("theme_font_in_normal", "Phông chữ phải là Times New Roman", 'đoạn "UBND TỈNH KHÁNH HÒA"', _theme_font),
    Case("theme_font_is_times", None, "", lambda pkg: _theme_font(pkg, "Times New Roman")),
    Case("table_style_font", "Phông chữ phải là Times New Roman", 'đoạn "STT"', _table_style_font),
    Case("coloured_text", "Chữ phải màu đen", AT_DIEU_2, _red),
    Case("month_03", "Tháng 1 và 2 phải có số 0 phía trước; tháng 3–12 thì không",
         'đoạn "Khánh Hòa, ngày      tháng 03 năm 2024"', _month),
    Case("day_5", "Ngày dưới 10 phải có số 0 phía trước", 'đoạn "Khánh Hòa, ngày 5 tháng 01 năm 2024"', _day),
    Case("so_5", "Số văn bản dưới 10 phải có số 0 phía trước (01–09)", 'đoạn "Số: 5/QĐ-STNMT"', _so),
    Case("so_bold", "Số, ký hiệu cỡ chữ 13, chữ đứng, không đậm", 'đoạn "Số:        /QĐ-STNMT"', _so_bold),
    Case("date_upright", "Địa danh, ngày tháng năm cỡ chữ 13–14, in nghiêng, không đậm",
         'đoạn "Khánh Hòa, ngày      tháng 01 năm 2024"', _date_upright),
    Case("quoc_hieu_not_bold", "Quốc hiệu cỡ chữ 12–13, in đậm, in hoa",
         'đoạn "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"', _quoc_hieu),
    Case("tieu_ngu_12pt", "Tiêu ngữ cỡ chữ 13–14, in đậm, chữ đứng", 'đoạn "Độc lập - Tự do - Hạnh phúc"',
         _tieu_ngu_size),
    Case("tieu_ngu_en_dashes", "Tiêu ngữ phải là 'Độc lập - Tự do - Hạnh phúc' (gạch nối có dấu cách hai bên)",
         'đoạn "Độc lập – Tự do – Hạnh phúc"', _tieu_ngu_dashes),
    Case("chu_quan_bold", "Tên cơ quan chủ quản cỡ chữ 12–13, in hoa, không đậm", 'đoạn "UBND TỈNH KHÁNH HÒA"',
         _chu_quan_bold),
    Case("ten_loai_lowercase", "Tên loại văn bản cỡ chữ 13–14, in đậm, in hoa, căn giữa", 'đoạn "Quyết định"',
         _ten_loai),
    Case("can_cu_without_semicolon", "Mỗi dòng căn cứ kết thúc bằng dấu ';', dòng cuối bằng dấu '.'",
         'đoạn "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6…"', _can_cu),
    Case("body_left_aligned", "Nội dung phải căn đều hai bên", AT_DIEU_2, _body_left),
    Case("indent_2cm", "Thụt đầu dòng phải từ 1 cm đến 1,27 cm", AT_DIEU_2, _indent),
    Case("double_line_spacing", "Khoảng cách dòng từ 1 dòng (dòng đơn) đến 1,5 dòng", AT_DIEU_2, _double),
    Case("no_paragraph_spacing", "Khoảng cách giữa các đoạn tối thiểu 6 pt", AT_DIEU_2, _no_spacing),
    Case("dieu_not_bold", "'Điều N.' phải in đậm", AT_DIEU_2, _dieu_plain),
    Case("missing_end_mark", "Nội dung văn bản phải kết thúc bằng dấu './.'",
         'đoạn "Điều 3. Chánh Văn phòng Sở, Chánh Thanh tra Sở, Trưởng các…"', _no_end_mark),
    Case("signer_title_not_bold", "Quyền hạn, chức vụ người ký cỡ chữ 13–14, in đậm, in hoa", 'đoạn "GIÁM ĐỐC"',
         _signer_plain),
    Case("noi_nhan_plain", "Nơi nhận: cỡ 12, đậm, nghiêng", 'đoạn "Nơi nhận:"', _noi_nhan),
    Case("recipients_13pt", "Danh sách nơi nhận cỡ chữ 11, chữ đứng, không đậm", 'đoạn "- Như Điều 3;"',
         _recipient_size),
    Case("last_recipient_not_luu", "Dòng cuối nơi nhận phải là '- Lưu: VT, …'", 'đoạn "- Lưu VP."',
         _last_recipient),
    Case("recipients_as_word_bullets", None, "", _bulleted_recipients),
    Case("kem_theo_upright", "Dòng '(Kèm theo …)' cỡ chữ 13–14, in nghiêng, căn giữa, trong ngoặc đơn",
         'đoạn "(Ban hành kèm theo Quyết định số        /QĐ-STNMT ngày…"', _kem_theo_upright),
    Case("no_page_number", "Thiếu số trang: chèn số trang (Chèn › Số trang) ở giữa lề trên", "đầu trang phần 1",
         _no_page_number),
    Case("page_number_on_first_page", "Số trang đặt giữa lề trên, không hiện ở trang đầu", "đầu trang phần 1",
         _page_number_first),
    Case("page_number_italic", "Số trang cỡ chữ 13–14, chữ đứng, căn giữa", "đầu trang phần 1",
         _page_number_italic),
    Case("page_number_in_footer", "Số trang đặt giữa lề trên (đầu trang), không đặt ở chân trang",
         "chân trang phần 1", _page_number_footer),
    Case("phu_luc_caps", "Chữ 'Phụ lục' (dòng riêng) cỡ chữ 14, in đậm, chữ thường, căn giữa", 'đoạn "PHỤ LỤC"',
         _phu_luc_caps),
    Case("phu_luc_title_lowercase", "Tên phụ lục cỡ chữ 13–14, in đậm, in hoa, căn giữa",
         'đoạn "Nhiệm vụ cụ thể, sản phẩm, tiến độ và trách nhiệm thực hiện"', _phu_luc_title),
    Case("phu_luc_without_kem_theo", "Phụ lục phải có dòng '(Kèm theo … số … ngày … của …)' dưới tên phụ lục",
         'đoạn "NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN"', _phu_luc_no_kem_theo),
    Case("phu_luc_numbering_continues",
         "Phụ lục đánh số trang riêng: bắt đầu phần mới (Ngắt phần, trang mới), số trang từ 1",
         'đoạn "Phụ lục"', _phu_luc_numbering),
]


# -- a document from another office -------------------------------------------------------


def foreign_report(path: Path, *, recipients_last: str = "- Lưu: VT, VP.", kinh_gui: bool = True,
                   recipients_first: str = "- Như trên;") -> Path:
    """A báo cáo typed in another office, from python-docx's default template (theme fonts
    Calibri/Cambria in docDefaults): fonts set on its own styles and runs, the agency name
    and the Quốc hiệu/Tiêu ngữ as two lines of one paragraph each, the page number as a
    simple field, a data table with Word's "Table Grid" style."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import parse_xml
    from docx.shared import Cm, Mm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = doc.styles.add_style("NoiDungBaoCao", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    fmt = body.paragraph_format
    fmt.alignment, fmt.first_line_indent = WD_ALIGN_PARAGRAPH.JUSTIFY, Cm(1)
    fmt.space_before, fmt.line_spacing = Pt(6), 1.2

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header._p.append(parse_xml(f'<w:fldSimple xmlns:w="{ooxml.W_NS}" w:instr=" PAGE "><w:r><w:rPr>'
                               '<w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'))

    def para(container, lines: list[tuple[str, dict]], align=WD_ALIGN_PARAGRAPH.CENTER, style=None):
        p = container.add_paragraph(style=style)
        p.alignment = align
        for k, (text, f) in enumerate(lines):
            run = p.add_run(text)
            if k < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)
            run.bold, run.italic = f.get("b"), f.get("i")
            if "pt" in f:
                run.font.size = Pt(f["pt"])
        return p

    top = doc.add_table(rows=2, cols=2)
    left, right = top.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    para(left, [("ỦY BAN NHÂN DÂN", {"b": True, "pt": 13}), ("TỈNH ĐỒNG THÁP", {"b": True, "pt": 13})])
    para(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"b": True, "pt": 13}),
                 ("Độc lập - Tự do - Hạnh phúc", {"b": True, "pt": 14})])
    left, right = top.rows[1].cells
    left.paragraphs[0].add_run("Số: 05/BC-UBND").font.size = Pt(13)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = right.paragraphs[0].add_run("Đồng Tháp, ngày 05 tháng 3 năm 2025")
    run.italic = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    para(doc, [("BÁO CÁO", {"b": True})]).paragraph_format.space_before = Pt(18)
    para(doc, [("Kết quả thực hiện công tác cải cách hành chính quý I năm 2025", {"b": True})])
    doc.add_paragraph()
    if kinh_gui:
        para(doc, [("Kính gửi: Bộ Nội vụ.", {})])
    para(doc, [("I. KẾT QUẢ THỰC HIỆN", {"b": True})], None, body)
    para(doc, [("Ủy ban nhân dân tỉnh báo cáo kết quả cải cách hành chính quý I năm 2025 như sau:", {})], None, body)
    data = doc.add_table(rows=2, cols=3, style="Table Grid")
    for cell, text in zip(data.rows[0].cells + data.rows[1].cells, ["STT", "Chỉ tiêu", "Kết quả", "1", "Hồ sơ "
                                                                     "đúng hạn", "98%"]):
        cell.paragraphs[0].add_run(text).font.size = Pt(12)
    para(doc, [("Trên đây là báo cáo kết quả cải cách hành chính quý I năm 2025./.", {})], None, body)

    sign = doc.add_table(rows=1, cols=2)
    left, right = sign.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    para(left, [("Nơi nhận:", {"b": True, "i": True, "pt": 12})], WD_ALIGN_PARAGRAPH.LEFT)
    for line in [recipients_first, "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", recipients_last]:
        para(left, [(line, {"pt": 11})], WD_ALIGN_PARAGRAPH.LEFT)
    para(right, [("KT. CHỦ TỊCH", {"b": True}), ("PHÓ CHỦ TỊCH", {"b": True})])
    for _ in range(3):
        right.add_paragraph()
    para(right, [("Nguyễn Văn An", {"b": True})])
    doc.save(str(path))
    return Path(path)


def tabbed_plan(path: Path) -> Path:
    """A Kế hoạch laid out without tables: agency and Quốc hiệu on one line split by a tab,
    the signature as right-aligned paragraphs after the body, Nơi nhận below it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm, Mm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    normal.paragraph_format.space_after, normal.paragraph_format.line_spacing = Pt(0), 1.0
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header._p.append(parse_xml(f'<w:fldSimple xmlns:w="{ooxml.W_NS}" w:instr=" PAGE "><w:r><w:rPr>'
                               '<w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'))

    def line(parts: list[tuple[str, bool, bool, int]], align=None):
        p = doc.add_paragraph()
        p.alignment = align
        for text, bold, italic, size in parts:
            run = p.add_run(text)
            run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return p

    line([("UBND TỈNH KHÁNH HÒA\t", False, False, 13), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, 13)])
    line([("SỞ NỘI VỤ", True, False, 13), ("\tĐộc lập - Tự do - Hạnh phúc", True, False, 14)])
    line([("Số: 12/KH-SNV\t", False, False, 13), ("Khánh Hòa, ngày 05 tháng 3 năm 2025", False, True, 14)])
    line([("KẾ HOẠCH", True, False, 14)], WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_before = Pt(12)
    line([("Tuyên truyền cải cách hành chính năm 2025", True, False, 14)], WD_ALIGN_PARAGRAPH.CENTER)
    doc.add_paragraph()
    for text in ["Thực hiện Kế hoạch của UBND tỉnh, Sở Nội vụ ban hành Kế hoạch như sau:",
                 "Giao Văn phòng Sở theo dõi, đôn đốc thực hiện Kế hoạch này./."]:
        p = line([(text, False, False, 14)], WD_ALIGN_PARAGRAPH.JUSTIFY)
        p.paragraph_format.first_line_indent, p.paragraph_format.space_before = Cm(1), Pt(6)
    line([("KT. GIÁM ĐỐC", True, False, 14)], WD_ALIGN_PARAGRAPH.RIGHT)
    line([("PHÓ GIÁM ĐỐC", True, False, 14)], WD_ALIGN_PARAGRAPH.RIGHT)
    doc.add_paragraph()
    doc.add_paragraph()
    line([("Trần Thị Bình", True, False, 14)], WD_ALIGN_PARAGRAPH.RIGHT)
    line([("Nơi nhận:", True, True, 12)])
    for text in ["-\tUBND tỉnh (b/c);", "- Lưu: VT, VP."]:
        line([(text, False, False, 11)])
    doc.save(str(path))
    return Path(path)


def build(case: Case, plan: Path, out_dir: Path) -> Path:
    pkg = Package(plan)
    case.edit(pkg)
    return pkg.save(Path(out_dir) / f"{case.name}.docx")


def main() -> None:
    import tempfile

    from pipeline import api

    out = ROOT / "tests" / "data" / "nd30"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        plan = api.build_plan(ROOT / "data" / "kehoach.xlsx", Path(tmp) / "plan.docx").path
        for case in CASES:
            print(build(case, plan, out).relative_to(ROOT))
    print(foreign_report(out / "foreign_report.docx").relative_to(ROOT))
    print(tabbed_plan(out / "tabbed_plan.docx").relative_to(ROOT))


if __name__ == "__main__":
    main()
