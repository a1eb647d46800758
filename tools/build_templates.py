"""Build the templates: qd_kehoach.docx, baocao_quy.docx, congvan_dondoc.docx, kehoach_donvi.docx,
qd_suadoi.docx, and the year-end evaluation's baocao_danhgia.docx, qd_xeploai.docx and
baocao_tudanhgia.docx.

Developer tool. The templates are committed and a clerk may restyle them in Word;
rerunning this script overwrites such edits, so change the script too when the
layout itself changes. Everything is built from named styles (ids CCHC…, Vietnamese
names in Word's Styles pane) so the look lives in the template, not in code.

    python tools/build_templates.py
"""

from __future__ import annotations

import math
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.shared import Mm, Twips

from pipeline import ooxml

ROOT = Path(__file__).resolve().parents[1]

NS = ooxml.decl("w")
FONT = "Times New Roman"
A4 = (210, 297)
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # mm, NĐ 30 ranges 20–25/20–25/30–35/15–20
PORTRAIT_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]  # 165 mm
LANDSCAPE_WIDTH = A4[1] - MARGINS["left"] - MARGINS["right"]  # 252 mm
FIRST_LINE = 720  # 1.27 cm in twips

# id: (name shown in Word, paragraph properties, run properties)
_CENTER = '<w:jc w:val="center"/>'
_JUSTIFY = '<w:jc w:val="both"/>'


def _sp(before: int = 0, after: int = 0, line: int = 240, rule: str = "auto") -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="{rule}"/>'


def _rpr(size: float, bold: bool = False, italic: bool = False) -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    i = "<w:i/><w:iCs/>" if italic else ""
    half = int(size * 2)
    return f'{b}{i}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


# A rule is an empty, 2 pt high paragraph with a top border; fit_rules sets its length.
RULE_PPR = '<w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>' + _sp(
    before=50, line=40, rule="exact")
BODY_SPACING = _sp(before=120, after=0, line=276)  # ≥ 6 pt between paragraphs, 1.15 lines
STYLES: dict[str, tuple[str, str, str]] = {
    "CCHCChuQuan": ("Tên cơ quan chủ quản", _CENTER + _sp(), _rpr(12)),
    "CCHCCoQuan": ("Tên cơ quan ban hành", _CENTER + _sp(), _rpr(12, bold=True)),
    "CCHCSoKyHieu": ("Số, ký hiệu", _CENTER + _sp(before=60), _rpr(13)),
    "CCHCQuocHieu": ("Quốc hiệu", _CENTER + _sp(), _rpr(12, bold=True)),
    "CCHCTieuNgu": ("Tiêu ngữ", _CENTER + _sp(), _rpr(13, bold=True)),
    "CCHCNgayThang": ("Địa danh, ngày tháng", _CENTER + _sp(before=60), _rpr(13, italic=True)),
    ooxml.RULE_FULL: (
        "Đường kẻ (dài bằng dòng trên)",
        RULE_PPR,
        _rpr(2),
    ),
    ooxml.RULE_SHORT: (
        "Đường kẻ (khoảng 1/3 dòng trên)",
        RULE_PPR,
        _rpr(2),
    ),
    "CCHCTenLoai": ("Tên loại văn bản", _CENTER + _sp(before=360), _rpr(14, bold=True)),
    "CCHCTrichYeu": ("Trích yếu", _CENTER + _sp(), _rpr(14, bold=True)),
    "CCHCThamQuyen": ("Thẩm quyền ban hành", _CENTER + _sp(before=240, after=120), _rpr(14, bold=True)),
    "CCHCLenh": ("QUYẾT ĐỊNH:", _CENTER + _sp(before=240, after=120), _rpr(14, bold=True)),
    "CCHCKemTheo": ("Dòng kèm theo", _CENTER + _sp(), _rpr(14, italic=True)),
    "CCHCCanCu": ("Căn cứ", _JUSTIFY + BODY_SPACING + f'<w:ind w:firstLine="{FIRST_LINE}"/>', _rpr(14, italic=True)),
    "CCHCNoiDung": ("Nội dung", _JUSTIFY + BODY_SPACING + f'<w:ind w:firstLine="{FIRST_LINE}"/>', _rpr(14)),
    # The paragraphs right before a signature keep it company: a signature block never
    # stands alone at the top of a page.
    "CCHCNoiDungCuoi": ("Nội dung (giữ cùng chữ ký)", "<w:keepNext/>", ""),  # based on "Nội dung"
    # Flush left, not justified (Nghị định 30's example): a long heading gets balanced line
    # breaks (ooxml/lines.py), which justification would stretch across the line.
    "CCHCMuc": ("Mục (I., II.)", '<w:jc w:val="left"/>' + BODY_SPACING + f'<w:ind w:firstLine="{FIRST_LINE}"/>'
                '<w:keepNext/>',
                _rpr(14, bold=True)),
    "CCHCKhoanTieuDe": ("Khoản có tiêu đề (1., 2.)",
                        _JUSTIFY + BODY_SPACING + f'<w:ind w:firstLine="{FIRST_LINE}"/><w:keepNext/>',
                        _rpr(14, bold=True)),
    "CCHCNoiNhanNhan": ("Nơi nhận:", _sp(before=120), _rpr(12, bold=True, italic=True)),
    "CCHCNoiNhan": ("Danh sách nơi nhận", _sp(), _rpr(11)),
    "CCHCChucVuKy": ("Quyền hạn, chức vụ người ký", _CENTER + _sp(before=120), _rpr(14, bold=True)),
    "CCHCKhoangKy": ("Khoảng trống để ký", _CENTER + _sp(line=360), _rpr(14)),
    "CCHCNguoiKy": ("Họ tên người ký", _CENTER + _sp(), _rpr(14, bold=True)),
    "CCHCPhuLuc": ("Phụ lục", _CENTER + _sp(), _rpr(14, bold=True)),
    "CCHCPhuLucTieuDe": ("Tiêu đề Phụ lục", _CENTER + _sp(), _rpr(14, bold=True)),
    "CCHCBang": ("Chữ trong bảng", _sp(before=40, after=40), _rpr(12)),
    "CCHCBangDeu": ("Chữ trong bảng (căn đều)", _JUSTIFY + _sp(before=40, after=40), _rpr(12)),
    "CCHCBangGiua": ("Chữ trong bảng (giữa)", _CENTER + _sp(before=40, after=40), _rpr(12)),
    "CCHCBangTieuDe": ("Tiêu đề cột bảng", _CENTER + _sp(before=40, after=40), _rpr(12, bold=True)),
    "CCHCBangNhom": ("Dòng nhóm trong bảng", _sp(before=40, after=40), _rpr(12, bold=True)),
    "CCHCSoTrang": ("Số trang", _CENTER + _sp(), _rpr(14)),
    "CCHCGhiChu": ("Ghi chú trong nội dung", _JUSTIFY + BODY_SPACING + f'<w:ind w:firstLine="{FIRST_LINE}"/>',
                   _rpr(14, italic=True)),
    "CCHCVv": ("Trích yếu công văn (V/v)", _CENTER + _sp(before=120), _rpr(12)),
    "CCHCKinhGui": ("Kính gửi", _CENTER + _sp(before=240, after=120), _rpr(14)),
    "CCHCKinhGuiDong": ("Kính gửi (nhiều nơi)", _sp(after=0) + '<w:ind w:left="3402"/>', _rpr(14)),
    # A figure stays with its caption below it; a table caption stays with the table below it.
    "CCHCHinh": ("Hình", _CENTER + _sp(before=120, after=0) + "<w:keepNext/>", _rpr(14)),
    # Mẫu 2.1: a Phụ lục's content ends with "./."; after a closing table it stands on its own line.
    "CCHCKetThuc": ("Dấu kết thúc (./.) sau bảng", '<w:jc w:val="right"/>' + _sp(before=60), _rpr(14)),
    "CCHCChuThich": ("Chú thích hình, bảng", _CENTER + _sp(before=60, after=60) + "<w:keepNext/>",
                     _rpr(13, italic=True)),
}


# Styles that inherit from another of ours, so restyling "Nội dung" restyles them too.
BASED_ON = {"CCHCNoiDungCuoi": "CCHCNoiDung"}


def setup_styles(doc) -> None:
    styles = doc.styles.element
    defaults = styles.find(ooxml.w("docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, parse_xml(
        f'<w:docDefaults {NS}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
        f'<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'
        f'</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{_sp()}</w:pPr></w:pPrDefault></w:docDefaults>'
    ))
    ooxml.strip_theme_fonts(styles)
    # Keep the black from docDefaults (strip_theme_fonts removed every colour).
    rpr = styles.find(f"{ooxml.w('docDefaults')}/{ooxml.w('rPrDefault')}/{ooxml.w('rPr')}")
    rpr.insert(1, parse_xml(f'<w:color {NS} w:val="000000"/>'))
    normal = doc.styles["Normal"].element
    for tag in ("pPr", "rPr"):
        el = normal.find(ooxml.w(tag))
        if el is not None:
            normal.remove(el)
    normal.append(parse_xml(f'<w:rPr {NS}><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
                            f'w:cs="{FONT}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'))
    for sid, (name, ppr, rpr_xml) in STYLES.items():
        base = BASED_ON.get(sid, "Normal")
        styles.append(parse_xml(
            f'<w:style {NS} w:type="paragraph" w:customStyle="1" w:styleId="{sid}">'
            f'<w:name w:val="{escape(name)}"/><w:basedOn w:val="{base}"/><w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr_xml}</w:rPr></w:style>"
        ))


# -- body XML helpers --------------------------------------------------------------


def p(text: str = "", style: str | None = None, runs: list[tuple[str, str]] | None = None, extra_ppr: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr = f"<w:pPr>{ppr}{extra_ppr}</w:pPr>" if ppr or extra_ppr else ""
    if runs is None:
        runs = [(text, "")] if text else []
    body = "".join(f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(t)}</w:t></w:r>'
                   for t, rpr in runs)
    return f"<w:p {NS}>{ppr}{body}</w:p>"


def tag(jinja: str) -> str:
    """A paragraph holding only a docxtpl tag such as '{%p for x in y %}'."""
    return p(jinja)


def tc(width_mm: float, paras: list[str], span: int = 1, valign: str = "top", vmerge: str = "") -> str:
    """A cell; `vmerge` 'restart' or 'continue' joins it with the cell below or above (a two-row header)."""
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    merge = (f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>") if vmerge else ""
    inner = "".join(x.replace(f" {NS}", "") for x in paras) or "<w:p/>"
    return (f'<w:tc><w:tcPr><w:tcW w:w="{ooxml.mm(width_mm)}" w:type="dxa"/>{grid}{merge}'
            f'<w:vAlign w:val="{valign}"/></w:tcPr>{inner}</w:tc>')


def tr(cells: list[str], header: bool = False, cant_split: bool = True) -> str:
    flags = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{flags}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(widths_mm: list[float], rows: list[str], borders: bool, center: bool = False, cell_margin: int = 85) -> str:
    line = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    none = '<w:{0} w:val="nil"/>'
    edge = line if borders else none
    b = "".join(edge.format(e) for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{ooxml.mm(x)}"/>' for x in widths_mm)
    jc = '<w:jc w:val="center"/>' if center else ""
    return (f'<w:tbl {NS}><w:tblPr><w:tblW w:w="{ooxml.mm(sum(widths_mm))}" w:type="dxa"/>{jc}'
            f'<w:tblBorders>{b}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/>'
            f'</w:tblCellMar>'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def loop_row(jinja: str, widths: list[float]) -> str:
    """A table row holding a {%tr …%} tag; docxtpl drops the row itself."""
    return tr([tc(widths[0], [p(jinja, "CCHCBang")])] + [tc(x, [p("", "CCHCBang")]) for x in widths[1:]])


# -- shared blocks -----------------------------------------------------------------

HEADER_LEFT = 74.0  # fits "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" at 12 pt bold on one line
HEADER_RIGHT = PORTRAIT_WIDTH - HEADER_LEFT


def header_block(so_var: str | None, date_var: str | None, vv_var: str | None = None) -> str:
    """Ô 1–4: agency names left, Quốc hiệu and Tiêu ngữ right, each with its rule;
    Số and the date line on a second row so they always share a line."""
    left = [p("{{ co_quan.chu_quan }}", "CCHCChuQuan"), p("{{ co_quan.ban_hanh }}", "CCHCCoQuan"),
            p("", ooxml.RULE_SHORT)]
    right = [p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CCHCQuocHieu"), p("Độc lập - Tự do - Hạnh phúc", "CCHCTieuNgu"),
             p("", ooxml.RULE_FULL)]
    rows = [tr([tc(HEADER_LEFT, left), tc(HEADER_RIGHT, right)])]
    if so_var and date_var:
        left2 = [p("{{ %s }}" % so_var, "CCHCSoKyHieu")]
        if vv_var:  # a công văn's trích yếu sits under its number (ô 5b)
            left2.append(p("{{ %s }}" % vv_var, "CCHCVv"))
        rows.append(tr([tc(HEADER_LEFT, left2), tc(HEADER_RIGHT, [p("{{ %s }}" % date_var, "CCHCNgayThang")])]))
    # No cell margins: the header uses the full text width, as the mẫu do.
    return tbl([HEADER_LEFT, HEADER_RIGHT], rows, borders=False, cell_margin=0)


SIGN_LEFT = 75.0
SIGN_RIGHT = PORTRAIT_WIDTH - SIGN_LEFT


def signature_block(var: str) -> str:
    """Nơi nhận at the left margin, level with the signer's title on the right."""
    left = [p("Nơi nhận:", "CCHCNoiNhanNhan"), tag("{%p for n in " + var + ".noi_nhan %}"),
            p("{{ n }}", "CCHCNoiNhan"), tag("{%p endfor %}")]
    right = [p("{{ %s.ky.dong1 }}" % var, "CCHCChucVuKy"), tag("{%p if " + var + ".ky.dong2 %}"),
             p("{{ %s.ky.dong2 }}" % var, "CCHCNguoiKy"), tag("{%p endif %}"),
             p("", "CCHCKhoangKy"), p("", "CCHCKhoangKy"), p("", "CCHCKhoangKy"), p("", "CCHCKhoangKy"),
             p("{{ %s.ky.ten }}" % var, "CCHCNguoiKy")]
    return tbl([SIGN_LEFT, SIGN_RIGHT], [tr([tc(SIGN_LEFT, left), tc(SIGN_RIGHT, right)], cant_split=True)],
               borders=False)


def kinh_gui_block(var: str) -> list[str]:
    """Ô 9a: 'Kính gửi: X.' on one line, or 'Kính gửi:' over '- X;' lines (context.addressees)."""
    return [
        tag("{%p if " + var + ".kinh_gui_mot %}"), p("{{ %s.kinh_gui_mot }}" % var, "CCHCKinhGui"), tag("{%p endif %}"),
        tag("{%p if " + var + ".kinh_gui_nhieu %}"),
        p("Kính gửi:", "CCHCKinhGui"),
        tag("{%p for k in " + var + ".kinh_gui_nhieu %}"), p("{{ k }}", "CCHCKinhGuiDong"), tag("{%p endfor %}"),
        tag("{%p endif %}"),
    ]


def narrative(var: str) -> list[str]:
    """Paragraphs from the workbook: Mục headings bold, everything else body text."""
    return [
        tag("{%p for d in " + var + " %}"),
        tag("{%p if d.kieu == 'muc' %}"),
        p("{{ d.text }}", "CCHCMuc"),
        tag("{%p elif d.kieu == 'tieu_de' %}"),
        p("{{ d.text }}", "CCHCKhoanTieuDe"),
        tag("{%p elif d.kieu == 'ghi_chu' %}"),
        p("{{ d.text }}", "CCHCGhiChu"),
        tag("{%p else %}"),
        p("{{ d.text }}", "CCHCNoiDung"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


# -- documents ---------------------------------------------------------------------


class Builder:
    def __init__(self) -> None:
        self.doc = Document()
        setup_styles(self.doc)
        self.body = self.doc.element.body
        for el in list(self.body):
            if el.tag != ooxml.w("sectPr"):
                self.body.remove(el)
        self._format_section(self.doc.sections[0], landscape=False)

    def add(self, *xml: str) -> None:
        for x in xml:
            self.body.insert(len(self.body) - 1, parse_xml(x))

    def new_section(self, landscape: bool) -> None:
        self.doc.add_section(WD_SECTION.NEW_PAGE)
        # add_section leaves an empty paragraph holding the previous sectPr; fine.
        self._format_section(self.doc.sections[-1], landscape)

    def _format_section(self, section, landscape: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(A4[1]), Mm(A4[0])) if landscape else (Mm(A4[0]), Mm(A4[1]))
        # Round margins up to whole twips so 15 mm never reads back as 14.99 mm.
        top, bottom, left, right = (Twips(math.ceil(MARGINS[k] * ooxml.TWIPS_PER_MM))
                                    for k in ("top", "bottom", "left", "right"))
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = top, bottom, left, right
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        # Each part numbers its pages from 1 and shows no number on its first page (NĐ 30).
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        header = section.header._element
        for el in list(header):
            header.remove(el)
        header.append(parse_xml(
            f'<w:p {NS}><w:pPr><w:pStyle w:val="CCHCSoTrang"/></w:pPr>{ooxml.page_field_runs()}</w:p>'))
        sect = section._sectPr
        for old in sect.findall(ooxml.w("pgNumType")):
            sect.remove(old)
        cols = sect.find(ooxml.w("cols"))
        pg = parse_xml(f'<w:pgNumType {NS} w:start="1"/>')
        if cols is not None:
            cols.addprevious(pg)
        else:
            sect.find(ooxml.w("pgMar")).addnext(pg)

    def save(self, path: Path) -> None:
        self.doc.core_properties.author = ""
        self.doc.core_properties.title = ""
        self.doc.core_properties.comments = (
            "Mẫu của cchc: sửa kiểu chữ trong Styles; giữ nguyên các thẻ lệnh trong ngoặc nhọn.")
        self.doc.save(path)


PL_WIDTHS = [12.0, 80.0, 62.0, 36.0, 62.0]  # STT, Nhiệm vụ, Phân công, Thời gian, Kết quả = 252 mm


def grouped_table(widths: list[float], headers: list[str], cells: list[tuple[str, str]],
                  groups: str = "phu_luc.nhom", items: str = "nhiem_vu", split_flag: str = "") -> str:
    """The Phụ lục table: a repeated header row, then for each group of `groups` a
    row with its Roman numeral and title spanning the table, then one row per item of
    the group's `items` (cells given as (field of t, style)). Rows never split across
    pages, except, with `split_flag`, an item whose field of that name is true: a row
    too tall for one page, which Word and LibreOffice would otherwise cut off. A group's
    row keeps with the row after it (keepNext on every paragraph of the row, which both
    Word and LibreOffice honour for rows), so a section title never ends a page."""
    keep = "<w:keepNext/>"
    rows = [tr([tc(x, [p(h, "CCHCBangTieuDe")], valign="center") for x, h in zip(widths, headers)], header=True)]
    rows.append(loop_row("{%tr for s in " + groups + " %}", widths))
    rows.append(tr([tc(widths[0], [p("{{ s.so }}", "CCHCBangTieuDe", extra_ppr=keep)]),
                    tc(sum(widths[1:]), [p("{{ s.ten }}", "CCHCBangNhom", extra_ppr=keep)], span=len(widths) - 1)]))
    rows.append(loop_row("{%tr for t in s." + items + " %}", widths))
    row = tr([tc(x, [p("{{ t.%s }}" % field_, style)]) for x, (field_, style) in zip(widths, cells)])
    if split_flag:
        row = row.replace("<w:cantSplit/>", "{%% if not t.%s %%}<w:cantSplit/>{%% endif %%}" % split_flag, 1)
    rows.append(row)
    rows.append(loop_row("{%tr endfor %}", widths))
    rows.append(loop_row("{%tr endfor %}", widths))
    return tbl(widths, rows, borders=True, center=True)


def appendix_table(widths: list[float]) -> str:
    return grouped_table(widths, ["STT", "Nhiệm vụ", "Phân công và cách thức thực hiện", "Thời gian",
                                  "Kết quả/sản phẩm đạt được"],
                         [("stt", "CCHCBangGiua"), ("nhiem_vu", "CCHCBang"), ("phan_cong", "CCHCBang"),
                          ("thoi_gian", "CCHCBangGiua"), ("san_pham", "CCHCBang")])


def build_qd_kehoach(path: Path) -> None:
    b = Builder()
    # Part 1: the Quyết định (Mẫu 1.3).
    b.add(
        header_block("qd.so_ky_hieu", "qd.ngay_thang"),
        p("QUYẾT ĐỊNH", "CCHCTenLoai"),
        p("{{ qd.trich_yeu }}", "CCHCTrichYeu"),
        p("", ooxml.RULE_SHORT),
        p("{{ qd.tham_quyen }}", "CCHCThamQuyen"),
        tag("{%p for c in qd.can_cu %}"), p("{{ c }}", "CCHCCanCu"), tag("{%p endfor %}"),
        p("QUYẾT ĐỊNH:", "CCHCLenh"),
        tag("{%p for d in qd.dieu %}"),
        p(style="CCHCNoiDungCuoi", runs=[("{{ d.so }}", "<w:b/><w:bCs/>"), (" {{ d.text }}", "")]),
        tag("{%p endfor %}"),
        signature_block("qd"),
    )
    # Part 2: the Kế hoạch issued with it: header without Số/date, no signature by default.
    b.new_section(landscape=False)
    b.add(
        header_block(None, None),
        p("KẾ HOẠCH", "CCHCTenLoai"),
        p("{{ ke_hoach.trich_yeu }}", "CCHCTrichYeu"),
        p("{{ ke_hoach.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        *narrative("ke_hoach.doan"),
        tag("{%p if ke_hoach.ky %}"),
        signature_block("ke_hoach"),
        tag("{%p endif %}"),
    )
    # Part 3: the Phụ lục, landscape.
    b.new_section(landscape=True)
    b.add(
        p("Phụ lục", "CCHCPhuLuc"),
        p("{{ phu_luc.tieu_de }}", "CCHCPhuLucTieuDe"),
        p("{{ phu_luc.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        p(""),
        appendix_table(PL_WIDTHS),
        end_mark(),
    )
    b.save(path)


def data_table(widths: list[float], headers: list[str], loop: str, cells: list[tuple[str, str]],
               total: list[tuple[str, str]] | None = None) -> str:
    """A bordered table: a repeated header row, one template row per item of `loop`,
    and an optional total row (cells given as (jinja expression or text, style))."""
    rows = [tr([tc(x, [p(h, "CCHCBangTieuDe")], valign="center") for x, h in zip(widths, headers)], header=True)]
    rows.append(loop_row("{%tr for r in " + loop + " %}", widths))
    rows.append(tr([tc(x, [p(text, style)]) for x, (text, style) in zip(widths, cells)]))
    rows.append(loop_row("{%tr endfor %}", widths))
    if total:
        rows.append(tr([tc(x, [p(text, style)]) for x, (text, style) in zip(widths, total)]))
    return tbl(widths, rows, borders=True, center=True)


# Cells are left-aligned: justified text gapes in a narrow column ("Nghị   định   số"). "Chữ trong bảng
# (căn đều)" stays in the styles for a clerk who wants it.
G, L, H = "CCHCBangGiua", "CCHCBang", "CCHCBangTieuDe"


def two_level_table(widths: list[float], top: list[tuple[str, int]], sub: list[str], loop: str,
                    cells: list[tuple[str, str]]) -> str:
    """A data table whose header has two rows: `top` (text, columns spanned), a span-1 cell
    standing for both rows, and `sub`, the headers under the spanning cells in order."""
    first, second, col, under = [], [], 0, iter(sub)
    for text, span in top:
        width = sum(widths[col:col + span])
        if span == 1:
            first.append(tc(width, [p(text, H)], valign="center", vmerge="restart"))
            second.append(tc(width, [p("", H)], valign="center", vmerge="continue"))
        else:
            first.append(tc(width, [p(text, H)], span=span, valign="center"))
            second += [tc(widths[c], [p(next(under), H)], valign="center") for c in range(col, col + span)]
        col += span
    rows = [tr(first, header=True), tr(second, header=True), loop_row("{%tr for r in " + loop + " %}", widths),
            tr([tc(x, [p(text, style)]) for x, (text, style) in zip(widths, cells)]),
            loop_row("{%tr endfor %}", widths)]
    return tbl(widths, rows, borders=True, center=True)


def caption(text: str) -> str:
    return p(text, "CCHCChuThich")


def end_mark() -> str:
    """The "./." that ends a Phụ lục whose content ends with a table (Mẫu 2.1)."""
    return p("./.", "CCHCKetThuc")


def build_baocao_quy(path: Path) -> None:
    b = Builder()
    b.add(
        header_block("bc.so_ky_hieu", "bc.ngay_thang"),
        p("BÁO CÁO", "CCHCTenLoai"),
        p("{{ bc.trich_yeu }}", "CCHCTrichYeu"),
        p("", ooxml.RULE_SHORT),
        *kinh_gui_block("bc"),
        p("{{ bc.mo_dau }}", "CCHCNoiDung"),
        p("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "CCHCMuc"),
        *narrative("bc.gioi_thieu"),
        caption("Bảng 1. Tình hình thực hiện nhiệm vụ theo tình trạng"),
        data_table([14, 96, 27, 28], ["STT", "Tình trạng", "Số nhiệm vụ", "Tỷ lệ"], "bc.bang_tinh_trang",
                   [("{{ r.stt }}", G), ("{{ r.ten }}", L), ("{{ r.so }}", G), ("{{ r.ty_le }}", G)],
                   [("", H), ("Tổng cộng", H), ("{{ bc.tong_tinh_trang.so }}", H),
                    ("{{ bc.tong_tinh_trang.ty_le }}", H)]),
        caption("Bảng 2. Tình hình thực hiện nhiệm vụ theo lĩnh vực"),
        data_table([14, 63, 20, 22, 24, 22], ["STT", "Lĩnh vực", "Tổng số", "Đã hoàn thành", "Quá hạn chưa hoàn thành",
                                              "Tỷ lệ hoàn thành"], "bc.bang_linh_vuc",
                   [("{{ r.stt }}", G), ("{{ r.ten }}", L), ("{{ r.tong }}", G), ("{{ r.xong }}", G),
                    ("{{ r.qua_han }}", G), ("{{ r.ty_le }}", G)],
                   [("", H), ("Tổng cộng", H), ("{{ bc.tong_linh_vuc.tong }}", H), ("{{ bc.tong_linh_vuc.xong }}", H),
                    ("{{ bc.tong_linh_vuc.qua_han }}", H), ("{{ bc.tong_linh_vuc.ty_le }}", H)]),
        *narrative("bc.chi_dao"),
        p("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "CCHCMuc"),
        *narrative("bc.ket_qua"),
        tag("{%p if bc.bieu_do %}"),  # optional: ThongTin "Biểu đồ trong báo cáo"
        p("{{ bc.bieu_do }}", "CCHCHinh"),
        caption("{{ bc.chu_thich_hinh }}"),
        tag("{%p endif %}"),
        p("{{ bc.chi_tieu_tieu_de }}", "CCHCKhoanTieuDe"),
        caption("Bảng 3. Kết quả thực hiện các chỉ tiêu"),
        data_table([12, 75, 24, 24, 30], ["STT", "Chỉ tiêu", "Kế hoạch", "Kết quả kỳ này", "Đánh giá"],
                   "bc.bang_chi_tieu",
                   [("{{ r.stt }}", G), ("{{ r.ten }}", L), ("{{ r.ke_hoach }}", G), ("{{ r.ket_qua }}", G),
                    ("{{ r.danh_gia }}", G)]),
        p("III. ĐÁNH GIÁ CHUNG", "CCHCMuc"),
        *narrative("bc.danh_gia_uu_diem"),
        *narrative("bc.danh_gia_han_che"),
        caption("Bảng 4. Nhiệm vụ quá hạn chưa hoàn thành"),
        tag("{%p if bc.bang_qua_han %}"),
        data_table([12, 70, 35, 23, 25], ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"],
                   "bc.bang_qua_han",
                   [("{{ r.stt }}", G), ("{{ r.nhiem_vu }}", L), ("{{ r.don_vi }}", L), ("{{ r.thoi_han }}", G),
                    ("{{ r.tinh_trang }}", G)]),
        tag("{%p else %}"), p("Không có nhiệm vụ quá hạn.", "CCHCGhiChu"), tag("{%p endif %}"),
        caption("Bảng 5. Đơn vị chưa gửi báo cáo kỳ này"),
        tag("{%p if bc.bang_chua_bao_cao %}"),
        data_table([12, 95, 30, 28], ["STT", "Đơn vị", "Số nhiệm vụ chủ trì", "Hạn báo cáo"], "bc.bang_chua_bao_cao",
                   [("{{ r.stt }}", G), ("{{ r.ten }}", L), ("{{ r.so_nv }}", G), ("{{ r.han }}", G)]),
        tag("{%p else %}"), p("Tất cả các đơn vị đã gửi báo cáo.", "CCHCGhiChu"), tag("{%p endif %}"),
        caption("Bảng 6. Tình hình thực hiện theo đơn vị"),
        # A unit's own tasks apart from those it leads with other units ("Các phòng, đơn vị …").
        two_level_table([12, 45, 15, 16, 15, 15, 17, 14, 16],
                        [("STT", 1), ("Đơn vị", 1), ("Nhiệm vụ đơn vị chủ trì riêng", 3),
                         ("Nhiệm vụ giao chung nhiều đơn vị", 3), ("Báo cáo kỳ này", 1)],
                        ["Số nhiệm vụ", "Đã hoàn thành", "Quá hạn", "Số nhiệm vụ", "Đã hoàn thành phần việc",
                         "Quá hạn"], "bc.bang_don_vi",
                        [("{{ r.stt }}", G), ("{{ r.ten }}", L), ("{{ r.rieng }}", G), ("{{ r.rieng_xong }}", G),
                         ("{{ r.rieng_qua_han }}", G), ("{{ r.chung }}", G), ("{{ r.chung_xong }}", G),
                         ("{{ r.chung_qua_han }}", G), ("{{ r.bao_cao }}", G)]),
        p("Nhiệm vụ giao chung: nhiệm vụ do nhiều đơn vị cùng chủ trì; mỗi đơn vị được tính theo phần việc "
          "của mình.", "CCHCGhiChu"),
        p("{{ bc.phuong_huong_tieu_de }}", "CCHCMuc"),
        *narrative("bc.phuong_huong"),
        p("V. ĐỀ XUẤT, KIẾN NGHỊ", "CCHCMuc"),
        *narrative("bc.kien_nghi"),
        p("{{ bc.ket_thuc }}", "CCHCNoiDungCuoi"),
        signature_block("bc"),
    )
    # Phụ lục I, the figures annex (portrait), only when the workbook has indicators (ChiSo): the
    # {%p if %} spans its section break, so without it the status Phụ lục follows the body.
    b.new_section(landscape=False)
    b.add(
        tag("{%p if so_lieu.co %}"),
        p("{{ so_lieu.nhan }}", "CCHCPhuLuc"),
        p("{{ so_lieu.tieu_de }}", "CCHCPhuLucTieuDe"),
        p("{{ so_lieu.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        p("{{ so_lieu.ky }}", "CCHCGhiChu"),
        grouped_table([12.0, 77.0, 22.0, 22.0, 32.0], ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Ghi chú"],
                      [("stt", G), ("ten", L), ("dvt", G), ("ket_qua", G), ("ghi_chu", L)],
                      groups="so_lieu.nhom", items="chi_so"),
        tag("{%p if so_lieu.ghi_chu %}"), p("{{ so_lieu.ghi_chu }}", "CCHCGhiChu"), tag("{%p endif %}"),
        end_mark(),
    )
    b.new_section(landscape=True)
    b.add(tag("{%p endif %}"))
    # The results column is the widest: a task of several units names each unit before its result.
    status_table = grouped_table(
        [12.0, 48.0, 30.0, 26.0, 28.0, 80.0, 28.0],
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả thực hiện, văn bản",
         "Khó khăn, vướng mắc, ghi chú"],
        [("stt", G), ("nhiem_vu", L), ("don_vi", L), ("thoi_han", G), ("tinh_trang", G), ("ket_qua", L),
         ("ghi_chu", L)], split_flag="tach")  # left-aligned: justified text gapes in a 48 mm column
    b.add(
        p("{{ phu_luc.nhan }}", "CCHCPhuLuc"),
        p("{{ phu_luc.tieu_de }}", "CCHCPhuLucTieuDe"),
        p("{{ phu_luc.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        p(""),
        status_table,
        end_mark(),
    )
    b.save(path)


def build_congvan_dondoc(path: Path) -> None:
    """Công văn đôn đốc (Mẫu 1.5): Số and V/v left, Kính gửi, body, signature, Nơi nhận."""
    b = Builder()
    b.add(
        header_block("cv.so_ky_hieu", "cv.ngay_thang", "cv.trich_yeu"),
        *kinh_gui_block("cv"),
        *narrative("cv.doan"),
        signature_block("cv"),
    )
    b.save(path)


# A unit's own plan (issue 11): STT, Nhiệm vụ, Phối hợp với, Thời gian, Kết quả, STT in the Sở's plan = 252 mm.
UNIT_PL_WIDTHS = [12.0, 76.0, 48.0, 30.0, 52.0, 34.0]


def build_kehoach_donvi(path: Path) -> None:
    """A unit's Kế hoạch issued on its own (Mẫu 1.4): Số …/KH-…, the department as chủ quản, the
    content, the unit head's signature and Nơi nhận, then its tasks as a landscape Phụ lục."""
    b = Builder()
    b.add(
        header_block("kh.so_ky_hieu", "kh.ngay_thang"),
        p("KẾ HOẠCH", "CCHCTenLoai"),
        p("{{ kh.trich_yeu }}", "CCHCTrichYeu"),
        p("", ooxml.RULE_SHORT),
        *narrative("kh.doan"),
        p("{{ kh.ket_thuc }}", "CCHCNoiDungCuoi"),
        signature_block("kh"),
    )
    b.new_section(landscape=True)
    # One table per part (tasks led, tasks supported), each under a heading kept with it, so a
    # part's title never stands alone at the foot of a page.
    table = data_table(UNIT_PL_WIDTHS, ["STT", "Nhiệm vụ", "Phối hợp với", "Thời gian", "Kết quả/sản phẩm",
                                        "Nhiệm vụ trong Kế hoạch của Sở"], "s.nhiem_vu",
                       [("{{ r.stt }}", G), ("{{ r.nhiem_vu }}", L), ("{{ r.phoi_hop }}", L),
                        ("{{ r.thoi_gian }}", G), ("{{ r.san_pham }}", L), ("{{ r.ke_hoach_so }}", L)])
    b.add(
        p("Phụ lục", "CCHCPhuLuc"),
        p("{{ phu_luc.tieu_de }}", "CCHCPhuLucTieuDe"),
        p("{{ phu_luc.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        tag("{%p for s in phu_luc.nhom %}"),
        p("{{ s.so }}. {{ s.ten }}", "CCHCKhoanTieuDe"),
        table,
        tag("{%p endfor %}"),
        end_mark(),
    )
    b.save(path)


# Issue 12: the Quyết định sửa đổi, bổ sung Kế hoạch and its Phụ lục of changes.
SD_WIDTHS = [24.0, 68.0, 60.0, 62.0, 38.0]  # STT "(mục VIII)", Nhiệm vụ, đã ban hành, sửa đổi, Lý do = 252 mm


def build_qd_suadoi(path: Path) -> None:
    """Mẫu 1.3 like the plan's decision; Điều 1 carries its khoản; a landscape Phụ lục of
    changes grouped bổ sung / điều chỉnh / bãi bỏ (render/amend.py)."""
    b = Builder()
    b.add(
        header_block("qd.so_ky_hieu", "qd.ngay_thang"),
        p("QUYẾT ĐỊNH", "CCHCTenLoai"),
        p("{{ qd.trich_yeu }}", "CCHCTrichYeu"),
        p("", ooxml.RULE_SHORT),
        p("{{ qd.tham_quyen }}", "CCHCThamQuyen"),
        tag("{%p for c in qd.can_cu %}"), p("{{ c }}", "CCHCCanCu"), tag("{%p endfor %}"),
        p("QUYẾT ĐỊNH:", "CCHCLenh"),
        tag("{%p for d in qd.dieu %}"),
        p(style="CCHCNoiDungCuoi", runs=[("{{ d.so }}", "<w:b/><w:bCs/>"), (" {{ d.text }}", "")]),
        tag("{%p for k in d.khoan %}"), p("{{ k }}", "CCHCNoiDung"), tag("{%p endfor %}"),
        tag("{%p endfor %}"),
        signature_block("qd"),
    )
    b.new_section(landscape=True)
    b.add(
        p("Phụ lục", "CCHCPhuLuc"),
        p("{{ phu_luc.tieu_de }}", "CCHCPhuLucTieuDe"),
        p("{{ phu_luc.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        p(""),
        grouped_table(SD_WIDTHS, ["STT", "Nhiệm vụ", "Nội dung đã ban hành", "Nội dung sửa đổi, bổ sung",
                                  "Lý do điều chỉnh"],
                      [("stt", G), ("nhiem_vu", L), ("truoc", L), ("sau", L), ("ly_do", L)]),
        end_mark(),
    )
    b.save(path)


# -- the year-end evaluation (issue 13): Báo cáo đánh giá, Quyết định công bố, Báo cáo tự đánh giá -------


def nested_table(widths: list[float], headers: list[str], outer: str, inner: str,
                 group: list[tuple[str, str]], items: list[tuple[str, str]],
                 total: list[tuple[str, str]] | None = None, span_group: bool = False) -> str:
    """A bordered table: a repeated header row, then for each item of `outer` (as g) a group row
    and one row per item of g.`inner` (as r); cells given as (jinja expression, style). With
    `span_group` the group row's second cell spans the rest of the table. A group row keeps
    with its first item, as in `grouped_table`."""
    keep = "<w:keepNext/>"
    rows = [tr([tc(x, [p(h, H)], valign="center") for x, h in zip(widths, headers)], header=True)]
    rows.append(loop_row("{%tr for g in " + outer + " %}", widths))
    if span_group:
        rows.append(tr([tc(widths[0], [p(group[0][0], group[0][1], extra_ppr=keep)]),
                        tc(sum(widths[1:]), [p(group[1][0], group[1][1], extra_ppr=keep)], span=len(widths) - 1)]))
    else:
        rows.append(tr([tc(x, [p(text, style, extra_ppr=keep)]) for x, (text, style) in zip(widths, group)]))
    rows.append(loop_row("{%tr for r in g." + inner + " %}", widths))
    rows.append(tr([tc(x, [p(text, style)]) for x, (text, style) in zip(widths, items)]))
    rows.append(loop_row("{%tr endfor %}", widths))
    rows.append(loop_row("{%tr endfor %}", widths))
    if total:
        rows.append(tr([tc(x, [p(text, style)]) for x, (text, style) in zip(widths, total)]))
    return tbl(widths, rows, borders=True, center=True)


def narrative_kept(var: str) -> list[str]:
    """`narrative`, plus 'dan': a lead-in line ("…:") kept on the page of the list it opens."""
    return [
        tag("{%p for d in " + var + " %}"),
        tag("{%p if d.kieu == 'tieu_de' %}"),
        p("{{ d.text }}", "CCHCKhoanTieuDe"),
        tag("{%p elif d.kieu == 'dan' %}"),
        p("{{ d.text }}", "CCHCNoiDungCuoi"),
        tag("{%p elif d.kieu == 'ghi_chu' %}"),
        p("{{ d.text }}", "CCHCGhiChu"),
        tag("{%p else %}"),
        p("{{ d.text }}", "CCHCNoiDung"),
        tag("{%p endif %}"),
        tag("{%p endfor %}"),
    ]


def build_baocao_danhgia(path: Path) -> None:
    """Báo cáo kết quả đánh giá, xếp loại (Mẫu 1.4): method, results by band, each unit, missing ones."""
    b = Builder()
    b.add(
        header_block("bc.so_ky_hieu", "bc.ngay_thang"),
        p("BÁO CÁO", "CCHCTenLoai"),
        p("{{ bc.trich_yeu }}", "CCHCTrichYeu"),
        p("", ooxml.RULE_SHORT),
        p("{{ bc.mo_dau }}", "CCHCNoiDung"),
        p("I. PHƯƠNG PHÁP ĐÁNH GIÁ, XẾP LOẠI", "CCHCMuc"),
        *narrative("bc.phuong_phap"),
        p("II. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI", "CCHCMuc"),
        p("1. Kết quả chung", "CCHCKhoanTieuDe"),
        *narrative("bc.ket_qua_chung"),
        caption("Bảng 1. Kết quả xếp loại"),
        data_table([12, 24, 38, 18, 18, 55], ["STT", "Xếp loại", "Mức điểm", "Số đơn vị", "Tỷ lệ", "Đơn vị"],
                   "bc.bang_xep_loai",
                   [("{{ r.stt }}", G), ("{{ r.ten }}", L), ("{{ r.muc }}", L), ("{{ r.so }}", G),
                    ("{{ r.ty_le }}", G), ("{{ r.don_vi }}", L)],
                   [("", H), ("Tổng cộng", H), ("", H), ("{{ bc.tong_xep_loai.so }}", H),
                    ("{{ bc.tong_xep_loai.ty_le }}", H), ("", H)]),
        caption("Bảng 2. Điểm và thứ hạng của các đơn vị"),
        data_table([14, 76, 25, 25, 25], ["Thứ hạng", "Đơn vị", "Tổng điểm tự chấm", "Tổng điểm sau thẩm định",
                                          "Xếp loại"], "bc.bang_xep_hang",
                   [("{{ r.hang }}", G), ("{{ r.ten }}", L), ("{{ r.tu_cham }}", G), ("{{ r.tong }}", G),
                    ("{{ r.xep_loai }}", G)]),
        p("2. Kết quả của từng đơn vị", "CCHCKhoanTieuDe"),
        *narrative_kept("bc.don_vi"),
        p("3. Đơn vị chưa gửi tự đánh giá", "CCHCKhoanTieuDe"),
        *narrative("bc.chua_tu_danh_gia"),
        p("{{ bc.ket_thuc }}", "CCHCNoiDungCuoi"),
        signature_block("bc"),
    )
    b.save(path)


# The ranking Phụ lục: its lĩnh vực columns come from a column loop ({%tc %}); the renderer
# sets their widths (render.evaluation.widths_tweak finds the table by its first header cell).
RANK_WIDTHS = [13.0, 52.0, 36.0, 35.0, 36.0, 19.0, 19.0, 20.0, 22.0]  # 252 mm


def ranking_table() -> str:
    w_ = RANK_WIDTHS
    head = ["Hạng", "Đơn vị", "{%tc for c in phu_luc.cot %}", "{{ c }}", "{%tc endfor %}", "Thưởng, trừ",
            "Tổng điểm tự chấm", "Tổng điểm sau thẩm định", "Xếp loại"]
    cells = [("{{ r.hang }}", G), ("{{ r.ten }}", L), ("{%tc for d in r.diem %}", G), ("{{ d }}", G),
             ("{%tc endfor %}", G), ("{{ r.thuong_tru }}", G), ("{{ r.tu_cham }}", G), ("{{ r.tong }}", G),
             ("{{ r.xep_loai }}", G)]
    rows = [tr([tc(x, [p(h, H)], valign="center") for x, h in zip(w_, head)], header=True),
            loop_row("{%tr for r in phu_luc.hang %}", w_),
            tr([tc(x, [p(text, style)]) for x, (text, style) in zip(w_, cells)]),
            loop_row("{%tr endfor %}", w_)]
    return tbl(w_, rows, borders=True, center=True)


def build_qd_xeploai(path: Path) -> None:
    """Quyết định công bố kết quả xếp loại (Mẫu 1.2) and its landscape Phụ lục, the ranking."""
    b = Builder()
    b.add(
        header_block("qd.so_ky_hieu", "qd.ngay_thang"),
        p("QUYẾT ĐỊNH", "CCHCTenLoai"),
        p("{{ qd.trich_yeu }}", "CCHCTrichYeu"),
        p("", ooxml.RULE_SHORT),
        p("{{ qd.tham_quyen }}", "CCHCThamQuyen"),
        tag("{%p for c in qd.can_cu %}"), p("{{ c }}", "CCHCCanCu"), tag("{%p endfor %}"),
        p("QUYẾT ĐỊNH:", "CCHCLenh"),
        tag("{%p for d in qd.dieu %}"),
        p(style="CCHCNoiDungCuoi", runs=[("{{ d.so }}", "<w:b/><w:bCs/>"), (" {{ d.text }}", "")]),
        tag("{%p endfor %}"),
        signature_block("qd"),
    )
    b.new_section(landscape=True)
    b.add(
        p("Phụ lục", "CCHCPhuLuc"),
        p("{{ phu_luc.tieu_de }}", "CCHCPhuLucTieuDe"),
        p("{{ phu_luc.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        p(""),
        ranking_table(),
        tag("{%p for x in phu_luc.chu_giai %}"), p("{{ x }}", "CCHCGhiChu"), tag("{%p endfor %}"),
    )
    b.save(path)


def build_baocao_tudanhgia(path: Path) -> None:
    """Báo cáo tự đánh giá, chấm điểm (Mẫu 1.4) with its summary table, and the Danh mục tài liệu
    kiểm chứng as its Phụ lục (each criterion, then its documents)."""
    b = Builder()
    b.add(
        header_block("bc.so_ky_hieu", "bc.ngay_thang"),
        p("BÁO CÁO", "CCHCTenLoai"),
        p("{{ bc.trich_yeu }}", "CCHCTrichYeu"),
        p("", ooxml.RULE_SHORT),
        *kinh_gui_block("bc"),
        p("{{ bc.mo_dau }}", "CCHCNoiDung"),
        p("I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", "CCHCMuc"),
        *narrative("bc.tong_hop"),
        caption("Bảng 1. Tổng hợp điểm tự đánh giá"),
        nested_table([16, 89, 20, 20, 20], ["Mã", "Lĩnh vực, tiêu chí", "Điểm tối đa", "Điểm tự chấm",
                                             "Số tài liệu kiểm chứng"], "bc.bang", "tieu_chi",
                     [("{{ g.ma }}", H), ("{{ g.ten }}", "CCHCBangNhom"), ("{{ g.toi_da }}", H),
                      ("{{ g.tu_cham }}", H), ("{{ g.tai_lieu }}", H)],
                     [("{{ r.ma }}", G), ("{{ r.ten }}", L), ("{{ r.toi_da }}", G), ("{{ r.tu_cham }}", G),
                      ("{{ r.tai_lieu }}", G)],
                     [("", H), ("Tổng cộng", H), ("{{ bc.tong.toi_da }}", H), ("{{ bc.tong.tu_cham }}", H), ("", H)]),
        p("II. GIẢI TRÌNH ĐIỂM TỰ CHẤM", "CCHCMuc"),
        *narrative("bc.giai_trinh"),
        p("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ", "CCHCMuc"),
        *narrative("bc.kho_khan"),
        p("{{ bc.ket_thuc }}", "CCHCNoiDungCuoi"),
        signature_block("bc"),
    )
    b.new_section(landscape=False)
    b.add(
        p("Phụ lục", "CCHCPhuLuc"),
        p("{{ phu_luc.tieu_de }}", "CCHCPhuLucTieuDe"),
        p("{{ phu_luc.kem_theo }}", "CCHCKemTheo"),
        p("", ooxml.RULE_SHORT),
        p(""),
        nested_table([14, 111, 40], ["STT", "Tài liệu kiểm chứng", "Nguồn"], "phu_luc.nhom", "tai_lieu",
                     [("{{ g.so }}", H), ("{{ g.ten }}", "CCHCBangNhom")],
                     [("{{ r.stt }}", G), ("{{ r.ten }}", L), ("{{ r.nguon }}", L)], span_group=True),
        end_mark(),
    )
    b.save(path)


EVALUATION_TEMPLATES = {"baocao_danhgia.docx": build_baocao_danhgia, "qd_xeploai.docx": build_qd_xeploai,
                        "baocao_tudanhgia.docx": build_baocao_tudanhgia}


def main() -> None:
    out = ROOT / "templates"
    out.mkdir(exist_ok=True)
    build_qd_kehoach(out / "qd_kehoach.docx")
    build_baocao_quy(out / "baocao_quy.docx")
    build_congvan_dondoc(out / "congvan_dondoc.docx")
    build_kehoach_donvi(out / "kehoach_donvi.docx")
    build_qd_suadoi(out / "qd_suadoi.docx")
    print("templates/qd_kehoach.docx, templates/baocao_quy.docx, templates/congvan_dondoc.docx, "
          "templates/kehoach_donvi.docx, templates/qd_suadoi.docx")
    for name, build in EVALUATION_TEMPLATES.items():  # issue 13
        build(out / name)
        print(f"templates/{name}")


if __name__ == "__main__":
    main()
