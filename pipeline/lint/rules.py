"""Nghị định 30/2020/NĐ-CP format rules (Phụ lục I) as checks over a resolved document.

Every message is the rule itself in Vietnamese; what was found follows in
parentheses ("(đang là …)"), and where it is names Word's own parts in Word's Vietnamese
words (a section is a "phần", as in "Ngắt phần"). Rules that the decree leaves open (a
landscape page without a table, "Kính gửi" for a báo cáo, a signature on an attached Kế
hoạch, "./." after a phụ lục table) are warnings; the rest are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.errors import Problem, Severity
from pipeline.lint import structure as st
from pipeline.lint.resolve import DocSection, Document, Line, Para, Piece
from pipeline.lint.structure import Part, squash
from pipeline.ooxml import tables

ERROR, WARNING = Severity.ERROR, Severity.WARNING
FONT_NAME = "Times New Roman"
MM_PER_TWIP = 25.4 / 1440

# -- messages (the rule, in Vietnamese) ---------------------------------------------------

PAPER = "Khổ giấy phải là A4 (210 × 297 mm)"
LANDSCAPE = "Trang khổ ngang không có bảng biểu: Nghị định 30 chỉ cho phép khổ ngang khi có bảng biểu; kiểm tra lại"
MARGINS = {
    "top": ("Lề trên phải từ 20 đến 25 mm", 20, 25),
    "bottom": ("Lề dưới phải từ 20 đến 25 mm", 20, 25),
    "left": ("Lề trái phải từ 30 đến 35 mm", 30, 35),
    "right": ("Lề phải phải từ 15 đến 20 mm", 15, 20),
}
FONT = f"Phông chữ phải là {FONT_NAME}"
COLOR = "Chữ phải màu đen"
NOT_RECOGNISED = "Không nhận ra văn bản theo Nghị định 30 (không thấy Quốc hiệu hay dòng 'Phụ lục')"

QUOC_HIEU = "Quốc hiệu cỡ chữ 12–13, in đậm, in hoa"
TIEU_NGU = "Tiêu ngữ cỡ chữ 13–14, in đậm, chữ đứng"
TIEU_NGU_TEXT = "Tiêu ngữ phải là 'Độc lập - Tự do - Hạnh phúc' (gạch nối có dấu cách hai bên)"
TIEU_NGU_MISSING = "Thiếu Tiêu ngữ 'Độc lập - Tự do - Hạnh phúc' dưới Quốc hiệu"
CHU_QUAN = "Tên cơ quan chủ quản cỡ chữ 12–13, in hoa, không đậm"
CO_QUAN = "Tên cơ quan ban hành cỡ chữ 12–13, in đậm, in hoa"
CO_QUAN_MISSING = "Thiếu tên cơ quan ban hành bên trái Quốc hiệu"
SO_FORMAT = "Số, ký hiệu cỡ chữ 13, chữ đứng, không đậm"
SO_PATTERN = ("Số, ký hiệu phải có dạng 'Số: 15/QĐ-BNV' (dấu hai chấm, '/' trước ký hiệu, '-' giữa các nhóm, "
              "không dấu cách)")
SO_ZERO = "Số văn bản dưới 10 phải có số 0 phía trước (01–09)"
SO_MISSING = "Thiếu dòng 'Số: …/…' dưới tên cơ quan ban hành"
DATE_FORMAT = "Địa danh, ngày tháng năm cỡ chữ 13–14, in nghiêng, không đậm"
DATE_PATTERN = "Địa danh, ngày tháng năm phải có dạng '<Địa danh>, ngày 05 tháng 3 năm 2020'"
DAY_ZERO = "Ngày dưới 10 phải có số 0 phía trước"
MONTH_ZERO = "Tháng 1 và 2 phải có số 0 phía trước; tháng 3–12 thì không"
DATE_INVALID = "Ngày tháng không có thật"
DATE_MISSING = "Thiếu dòng địa danh, ngày tháng năm ban hành"
VV = "Trích yếu công văn (V/v …) cỡ chữ 12–13, chữ đứng, không đậm"
TEN_LOAI = "Tên loại văn bản cỡ chữ 13–14, in đậm, in hoa, căn giữa"
TRICH_YEU = "Trích yếu cỡ chữ 13–14, in đậm, căn giữa"
KEM_THEO = "Dòng '(Kèm theo …)' cỡ chữ 13–14, in nghiêng, căn giữa, trong ngoặc đơn"
CAN_CU = "Căn cứ ban hành cỡ chữ 13–14, in nghiêng"
CAN_CU_END = "Mỗi dòng căn cứ kết thúc bằng dấu ';', dòng cuối bằng dấu '.'"
KINH_GUI = "Kính gửi cỡ chữ 13–14, chữ đứng, không đậm"
KINH_GUI_MISSING = ("Báo cáo, tờ trình, công văn gửi cấp trên cần có 'Kính gửi: …' "
                    "(kiểm tra theo quy định của địa phương)")
BODY_SIZE = "Nội dung cỡ chữ 13–14"
BODY_JUSTIFY = "Nội dung phải căn đều hai bên"
BODY_INDENT = "Thụt đầu dòng phải từ 1 cm đến 1,27 cm"
BODY_SPACING = "Khoảng cách giữa các đoạn tối thiểu 6 pt"
BODY_LINE = "Khoảng cách dòng từ 1 dòng (dòng đơn) đến 1,5 dòng"
HEADING_MUC = "Tiêu đề mục (I., II., …) cỡ chữ 13–14, in đậm, in hoa"
HEADING_PHAN = "Phần, Chương, Mục (dòng riêng) và tên: cỡ chữ 13–14, in đậm, căn giữa; tên in hoa"
DIEU_BOLD = "'Điều N.' phải in đậm"
DIEU_FORMAT = "Điều ghi 'Điều N.': số Ả Rập rồi dấu chấm"
END_MARK = "Nội dung văn bản phải kết thúc bằng dấu './.'"
CHUC_VU = "Quyền hạn, chức vụ người ký cỡ chữ 13–14, in đậm, in hoa"
HO_TEN = "Họ tên người ký cỡ chữ 13–14, in đậm, chữ thường"
SIGN_MISSING = "Thiếu quyền hạn, chức vụ và họ tên người ký bên phải 'Nơi nhận:'"
SIGN_ATTACHED = "Văn bản ban hành kèm theo có chữ ký hoặc nơi nhận; mẫu của Nghị định 30 không có, kiểm tra lại"
NOI_NHAN = "Nơi nhận: cỡ 12, đậm, nghiêng"
NOI_NHAN_TEXT = "Ghi 'Nơi nhận:' (chữ thường, có dấu hai chấm), căn sát lề trái"
NOI_NHAN_MISSING = "Thiếu 'Nơi nhận:' ở cuối văn bản"
RECIPIENT_FORMAT = "Danh sách nơi nhận cỡ chữ 11, chữ đứng, không đậm"
RECIPIENT_DASH = "Mỗi dòng nơi nhận bắt đầu bằng '- '"
RECIPIENT_END = "Mỗi dòng nơi nhận kết thúc bằng dấu ';'"
RECIPIENT_LAST = "Dòng cuối nơi nhận phải là '- Lưu: VT, …'"
PAGE_MISSING = "Thiếu số trang: chèn số trang (Chèn › Số trang) ở giữa lề trên"
PAGE_FOOTER = "Số trang đặt giữa lề trên (đầu trang), không đặt ở chân trang"
PAGE_FIRST = "Số trang đặt giữa lề trên, không hiện ở trang đầu"
PAGE_FORMAT = "Số trang cỡ chữ 13–14, chữ đứng, căn giữa"
PL_LABEL = "Chữ 'Phụ lục' (dòng riêng) cỡ chữ 14, in đậm, chữ thường, căn giữa"
PL_ROMAN = "Số thứ tự phụ lục dùng chữ số La Mã (Phụ lục I, II, …)"
PL_TITLE = "Tên phụ lục cỡ chữ 13–14, in đậm, in hoa, căn giữa"
PL_KEM_THEO_MISSING = "Phụ lục phải có dòng '(Kèm theo … số … ngày … của …)' dưới tên phụ lục"
PL_RESTART = "Phụ lục đánh số trang riêng: bắt đầu phần mới (Ngắt phần, trang mới), số trang từ 1"

CENTER = ("center",)
JUSTIFIED = ("both", "distribute")
FLUSH_LEFT = (None, "left", "start", "both", "distribute")

SO_RE = re.compile(r"^Số:(?P<num>[ ]\d+|[ .…]*)/(?P<code>(\d{4}/)?[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9&.]+)+)$")
DATE_RE = re.compile(r"^(?P<place>[^,]+), ngày(?P<day>[ ]+\d+[ ]+|[ .…]+)tháng(?P<month>[ ]+\d+[ ]+|[ .…]+)"
                     r"năm(?P<year>[ ]+\d{4}|[ .…]*)$")
LUU_RE = re.compile(r"^- Lưu: VT, .+\.$")
MUC_RE = re.compile(r"^[IVXLC]+\.\s")
PHAN_RE = re.compile(r"^(Phần|Chương|Mục|Tiểu mục)\s+([IVXLC]+|\d+|thứ\s+\w+)\.?$", re.I)
CAPTION_RE = re.compile(r"^(Bảng|Hình|Biểu đồ|Biểu|Sơ đồ|Đồ thị)\s+\d", re.I)


@dataclass(frozen=True)
class Spec:
    """What an element's text must look like; None leaves a property unchecked."""

    sizes: tuple[float, ...] | None = None
    bold: bool | None = None  # True: every piece bold; False: none bold
    italic: bool | None = None
    caps: bool | None = None  # True: all capitals; False: normal case
    align: tuple[str | None, ...] | None = None


@dataclass(frozen=True)
class Finding:
    order: float
    problem: Problem


class Checker:
    def __init__(self, doc: Document):
        self.doc = doc
        self.position = {id(p): i for i, p in enumerate(doc.paras)}
        self.findings: list[Finding] = []

    # -- recording ---------------------------------------------------------------------

    def add(self, message: str, where: str, order: float, severity: Severity = ERROR, detail: str = "") -> None:
        text = f"{message} (đang là {detail})" if detail else message
        self.findings.append(Finding(order, Problem(text, self.doc.name, "", where, severity)))

    def at(self, message: str, line: Line | Para | None, severity: Severity = ERROR, detail: str = "") -> None:
        if line is None:  # nothing to point at: the problem is the document's
            self.add(message, "", -1, severity, detail)
            return
        para = line if isinstance(line, Para) else line.para
        text = line.text if isinstance(line, Line) else (para.nonblank()[0].text if para.nonblank() else "")
        position = self.position.get(id(para))
        # a header or footer paragraph: after its section's body
        order = position if position is not None else self._section_order(para.section + 1) - 0.25
        self.add(message, where_text(text, para), order, severity, detail)

    def _has_data_table(self, section: int) -> bool:
        found = {id(t): t for p in self.doc.paras if p.section == section and p.in_table
                 and (t := tables.enclosing_table(p.cell)) is not None}
        return any(tables.column_count(t) >= 3 for t in found.values())

    def _section_order(self, section: int) -> float:
        """Before the first paragraph of `section` (page setup, page numbers)."""
        first = next((i for i, p in enumerate(self.doc.paras) if p.section >= section), len(self.doc.paras))
        return first - 0.5

    def problems(self) -> list[Problem]:
        ordered = [f.problem for f in sorted(self.findings, key=lambda f: f.order)]
        return aggregate(ordered)

    # -- the rules ---------------------------------------------------------------------

    def run(self) -> list[Problem]:
        for section in self.doc.sections:
            self.page_setup(section)
        parts = st.split(self.doc.paras)
        if not parts or all(p.kind == "khac" for p in parts):
            self.add(NOT_RECOGNISED, "", -1, WARNING)
        for part in parts:
            if part.kind == "van_ban":
                self.van_ban(part)
            elif part.kind == "phu_luc":
                self.phu_luc(part, first=part is parts[0])
        self.page_numbers()
        self.fonts_and_colours()
        return self.problems()

    def page_setup(self, s: DocSection) -> None:
        where, order = section_name(s.index), self._section_order(s.index)
        w, h = s.props.w * MM_PER_TWIP, s.props.h * MM_PER_TWIP
        if abs(min(w, h) - 210) > 1 or abs(max(w, h) - 297) > 1:
            self.add(PAPER, where, order, detail=f"{w:.0f} × {h:.0f} mm")
        # NĐ 30 allows a landscape page for tables; the header and signature blocks (two
        # columns) are layout, not tables of the content.
        if (s.props.orient == "landscape" or w > h) and not self._has_data_table(s.index):
            self.add(LANDSCAPE, where, order, WARNING)
        for side, (message, low, high) in MARGINS.items():
            value = s.props.margin(side) * MM_PER_TWIP
            if side == "left":
                value += s.props.gutter * MM_PER_TWIP
            if not low - 0.1 <= value <= high + 0.1:
                self.add(message, where, order, detail=f"{value:.1f} mm".replace(".", ","))

    # -- one document (Quyết định, Kế hoạch, Báo cáo …) ----------------------------------------

    def van_ban(self, part: Part) -> None:
        self.element(part.quoc_hieu, Spec((12, 13), bold=True, italic=False, caps=True), QUOC_HIEU)
        if part.tieu_ngu is None:
            self.at(TIEU_NGU_MISSING, part.quoc_hieu)
        else:
            self.element(part.tieu_ngu, Spec((13, 14), bold=True, italic=False), TIEU_NGU)
            if squash(part.tieu_ngu.shown) != st.TIEU_NGU:
                self.at(TIEU_NGU_TEXT, part.tieu_ngu)
        for line in part.chu_quan:
            self.element(line, Spec((12, 13), bold=False, italic=False, caps=True), CHU_QUAN)
        for line in part.ban_hanh:
            self.element(line, Spec((12, 13), bold=True, italic=False, caps=True), CO_QUAN)
        if not part.ban_hanh:
            self.at(CO_QUAN_MISSING, part.quoc_hieu)
        self.so(part)
        self.date(part)
        if part.vv is not None:
            self.element(part.vv, Spec((12, 13), bold=False, italic=False), VV)
        if part.ten_loai is not None:
            self.element(part.ten_loai, Spec((13, 14), bold=True, italic=False, caps=True, align=CENTER), TEN_LOAI)
        for line in part.trich_yeu:
            self.element(line, Spec((13, 14), bold=True, italic=False, align=CENTER), TRICH_YEU)
        if part.kem_theo is not None:
            self.kem_theo(part.kem_theo)
        self.can_cu(part)
        self.kinh_gui(part)
        self.content(part.content, end_severity=ERROR)
        self.tail(part)

    def element(self, line: Line | None, spec: Spec, message: str, severity: Severity = ERROR) -> None:
        if line is None:
            return
        wrong = mismatch(line, spec)
        if wrong:
            self.at(message, line, severity, detail="; ".join(wrong))

    def so(self, part: Part) -> None:
        line = part.so
        if line is None:
            if not part.attached and (part.ten_loai is not None or part.date is not None):
                self.at(SO_MISSING, part.ban_hanh[-1] if part.ban_hanh else part.quoc_hieu)
            return
        self.element(line, Spec((13,), bold=False, italic=False), SO_FORMAT)
        for message in so_rules(line.text):
            self.at(message, line)

    def date(self, part: Part) -> None:
        line = part.date
        if line is None:
            if part.so is not None:
                self.at(DATE_MISSING, part.so)
            return
        self.element(line, Spec((13, 14), bold=False, italic=True), DATE_FORMAT)
        for message in date_rules(line.text):
            self.at(message, line)

    def kem_theo(self, line: Line) -> None:
        wrong = mismatch(line, Spec((13, 14), italic=True, align=CENTER))
        if not re.fullmatch(r"\(.+\)", squash(line.para.text)):  # the whole line, however it is broken
            wrong.append("thiếu ngoặc đơn")
        if wrong:
            self.at(KEM_THEO, line, detail="; ".join(wrong))

    def can_cu(self, part: Part) -> None:
        for k, para in enumerate(part.can_cu):
            for line in para.nonblank():
                self.element(line, Spec((13, 14), italic=True), CAN_CU)
            text = squash(para.text)
            last = k == len(part.can_cu) - 1
            if (last and not text.endswith(".")) or (not last and not text.endswith(";")):
                self.at(CAN_CU_END, para)
            self.layout(para)

    def kinh_gui(self, part: Part) -> None:
        for para in part.kinh_gui:
            for line in para.nonblank():
                self.element(line, Spec((13, 14), bold=False, italic=False), KINH_GUI)
        # A báo cáo whose Nơi nhận names its readers itself, without "- Như trên;", is addressed to
        # nobody above it (an internal report); one sent up opens its Nơi nhận with "Như trên".
        internal = bool(part.recipients) and not squash(part.recipients[0].text).startswith("- Như trên")
        addressed = ((part.type_name in st.ADDRESSED_TYPES and not internal)
                     or (part.ten_loai is None and part.vv is not None))
        if addressed and not part.kinh_gui and not part.attached:
            self.at(KINH_GUI_MISSING, part.ten_loai or part.vv, WARNING)

    def content(self, paras: list[Para], end_severity: Severity) -> None:
        heading_title = False
        for para in paras:
            lines = para.nonblank()
            if not lines or para.in_table:
                continue
            text = squash(para.text)
            if st.is_lenh(para) or CAPTION_RE.match(text) or text == "./.":  # "./." alone: the end mark
                heading_title = False
                continue
            if PHAN_RE.match(text) or heading_title:
                label = bool(PHAN_RE.match(text))
                for k, line in enumerate(lines):
                    caps = None if label and k == 0 else True  # "Chương I" then its title in capitals
                    self.element(line, Spec((13, 14), bold=True, italic=False, caps=caps, align=CENTER), HEADING_PHAN)
                heading_title = label and len(lines) == 1
                continue
            if MUC_RE.match(text):  # one line, or a long heading broken by hand (Shift+Enter)
                for line in lines:
                    self.element(line, Spec((13, 14), bold=True, italic=False, caps=True), HEADING_MUC)
                continue
            if para.fmt.align == "center" and all(p.fmt.bold for ln in lines for p in ln.visible()):
                for line in lines:
                    self.element(line, Spec((13, 14)), BODY_SIZE)
                continue
            self.body(para)
        last = next((ln for p in reversed(paras) for ln in reversed(p.nonblank())), None)
        if last is not None and not squash(last.text).endswith("./."):
            self.at(END_MARK, last, end_severity)

    def body(self, para: Para) -> None:
        sizes = sorted({p.fmt.size for ln in para.nonblank() for p in ln.visible()} - {13.0, 14.0})
        if sizes:
            self.at(BODY_SIZE, para, detail="cỡ " + ", ".join(pt(x) for x in sizes))
        self.layout(para)
        text = squash(para.text)
        if re.match(r"^Điều\s*(\d+|[IVXLC]+)\b", text):
            m = re.match(r"^Điều \d+\.", text)
            if m is None:
                self.at(DIEU_FORMAT, para)
            elif not prefix_bold(para.nonblank()[0], m.end()):
                self.at(DIEU_BOLD, para)

    def layout(self, para: Para) -> None:
        f = para.fmt
        if f.align not in JUSTIFIED:
            self.at(BODY_JUSTIFY, para, detail=align_name(f.align))
        if not 0.98 <= f.first_line_cm <= 1.29:
            self.at(BODY_INDENT, para, detail=f"{f.first_line_cm:.2f} cm".replace(".", ","))
        gap = 0.0 if f.contextual else f.before_pt + f.after_pt
        if gap < 6 - 0.01:
            self.at(BODY_SPACING, para, detail=f"{pt(gap)} pt")
        size = max((p.fmt.size for ln in para.nonblank() for p in ln.visible()), default=14.0)
        if f.line is not None:
            rule, value = f.line
            if rule == "auto":
                ok = 0.995 <= value <= 1.505
                shown = f"{value:.2f} dòng".replace(".", ",")
            else:
                low = 1.15 * size - 0.5 if rule == "exact" else 0
                ok = low <= value <= 1.73 * size + 0.5
                shown = f"{pt(value)} pt"
            if not ok:
                self.at(BODY_LINE, para, detail=shown)

    def tail(self, part: Part) -> None:
        if part.attached:
            if part.noi_nhan is not None or part.signature_found:
                anchor = part.noi_nhan or (part.chuc_vu[0] if part.chuc_vu else part.kem_theo)
                self.at(SIGN_ATTACHED, anchor, WARNING)
        elif part.so is not None and part.noi_nhan is None:
            self.at(NOI_NHAN_MISSING, part.ten_loai or part.so)
        for line in part.chuc_vu:
            self.element(line, Spec((13, 14), bold=True, italic=False, caps=True), CHUC_VU)
        if part.nguoi_ky is not None:
            self.element(part.nguoi_ky, Spec((13, 14), bold=True, italic=False, caps=False), HO_TEN)
        if part.noi_nhan is None:
            return
        if not part.signature_found and not part.attached:
            self.at(SIGN_MISSING, part.noi_nhan)
        label = part.noi_nhan
        self.element(label, Spec((12,), bold=True, italic=True), NOI_NHAN)
        if squash(label.text) != "Nơi nhận:" or label.para.fmt.align not in FLUSH_LEFT:
            self.at(NOI_NHAN_TEXT, label)
        lines = part.recipients
        for k, line in enumerate(lines):
            text = squash(line.text)
            wrong = mismatch(line, Spec((11,), bold=False))
            if line.visible() and all(p.fmt.italic for p in line.visible()):
                wrong.append("in nghiêng")
            if wrong:
                self.at(RECIPIENT_FORMAT, line, detail="; ".join(wrong))
            if not re.match(r"^[-+] \S", text):
                self.at(RECIPIENT_DASH, line)
            if k < len(lines) - 1 and not text.endswith((";", ":")):
                self.at(RECIPIENT_END, line)
        if not lines or not LUU_RE.match(squash(lines[-1].text)):
            self.at(RECIPIENT_LAST, lines[-1] if lines else label)

    # -- phụ lục -----------------------------------------------------------------------

    def phu_luc(self, part: Part, first: bool) -> None:
        label = part.label
        if label is None:
            return
        self.element(label, Spec((14,), bold=True, italic=False, caps=False, align=CENTER), PL_LABEL)
        if re.search(r"\d", label.text):
            self.at(PL_ROMAN, label)
        for line in part.title:
            self.element(line, Spec((13, 14), bold=True, italic=False, caps=True, align=CENTER), PL_TITLE)
        if part.kem_theo is None:
            self.at(PL_KEM_THEO_MISSING, part.title[-1] if part.title else label)
        else:
            self.kem_theo(part.kem_theo)
        # Mẫu 2.1 ends the content with "./."; after a table it is often left out, so only warn.
        self.content(part.content, end_severity=WARNING)
        if not first:
            start = part.paras[0]
            index = self.position[id(start)]
            new_section = index == 0 or self.doc.paras[index - 1].section != start.section
            if not new_section or self.doc.sections[start.section - 1].props.start != 1:
                self.at(PL_RESTART, label)

    # -- page numbers ------------------------------------------------------------------

    def page_numbers(self) -> None:
        for s in self.doc.sections:
            where, order = f"đầu trang {section_name(s.index)}", self._section_order(s.index)
            variants = ["default", "even"] if self.doc.even_odd else ["default"]
            for variant in variants:
                header = page_paras(s.parts.get(("header", variant)))
                footer = page_paras(s.parts.get(("footer", variant)))
                if not header and footer:
                    self.add(PAGE_FOOTER, f"chân trang {section_name(s.index)}", order)
                elif not header:
                    self.add(PAGE_MISSING, where, order)
                for para in header:
                    wrong = []
                    sizes = sorted({f.size for f in para.page_field or []} - {13.0, 14.0})
                    if sizes:
                        wrong.append("cỡ " + ", ".join(pt(x) for x in sizes))
                    if any(f.italic for f in para.page_field or []):
                        wrong.append("in nghiêng")
                    if para.fmt.align not in CENTER:
                        wrong.append(align_name(para.fmt.align))
                    if wrong:
                        self.add(PAGE_FORMAT, where, order, detail="; ".join(wrong))
            if s.index == 1 or s.props.start == 1:
                first = "first" if s.props.title_pg else "default"
                if page_paras(s.parts.get(("header", first))) or page_paras(s.parts.get(("footer", first))):
                    self.add(PAGE_FIRST, where, order)

    # -- every run ---------------------------------------------------------------------

    def fonts_and_colours(self) -> None:
        for para in self.doc.paras + self.doc.header_paras():
            font = colour = None
            for line in para.lines:
                for piece in line.visible():
                    font = font or wrong_font(piece)
                    if colour is None and piece.fmt.color not in ("auto", "000000"):
                        colour = f"màu #{piece.fmt.color}"
            if font:
                self.at(FONT, para, detail=font)
            if colour:
                self.at(COLOR, para, detail=colour)


# -- pure rules on text ----------------------------------------------------------------------


def so_rules(text: str) -> list[str]:
    """Problems of a "Số: …/…" line; a blank number ("Số:        /QĐ-…", a draft) is fine."""
    m = SO_RE.match(text.strip())
    if m is None:
        return [SO_PATTERN]
    number = m.group("num").strip()
    if not number.strip(".…"):
        return []
    if re.fullmatch(r"[1-9]", number):
        return [SO_ZERO]
    return [] if re.fullmatch(r"0[1-9]|[1-9]\d+", number) else [SO_PATTERN]


def date_rules(text: str) -> list[str]:
    """Problems of "<Địa danh>, ngày DD tháng M năm YYYY"; a blank day or month (a draft) is fine."""
    m = DATE_RE.match(text.strip())
    if m is None or not m.group("place")[0].isupper():
        return [DATE_PATTERN]
    day, month, year = (m.group(k).strip(" .…") for k in ("day", "month", "year"))
    out: list[str] = []
    if day and len(day) == 1 and day != "0":
        out.append(DAY_ZERO)
    elif day and (len(day) != 2 or not 1 <= int(day) <= 31):
        out.append(DATE_INVALID)
    if month and len(month) <= 2 and 1 <= int(month) <= 12:
        if (int(month) <= 2) != month.startswith("0"):
            out.append(MONTH_ZERO)
    elif month:
        out.append(DATE_INVALID)
    if day and month and year and not out:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            out.append(DATE_INVALID)
    return out


# -- helpers -------------------------------------------------------------------------------

ALIGN_NAMES = {"center": "căn giữa", "right": "căn phải", "end": "căn phải", "left": "căn trái",
               "start": "căn trái", "both": "căn đều", "distribute": "căn đều"}


def section_name(index: int) -> str:
    """A section as Word's Vietnamese interface calls it: "phần 2" (Bố trí › Ngắt › Ngắt phần)."""
    return f"phần {index}"


def align_name(align: str | None) -> str:
    return ALIGN_NAMES.get(align or "", align or "căn trái")


def pt(value: float) -> str:
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


def excerpt(text: str, limit: int = 60) -> str:
    text = re.sub(r"[\t\n]+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def where_text(text: str, para: Para) -> str:
    place = {"header": f"đầu trang {section_name(para.section)}: ",
             "footer": f"chân trang {section_name(para.section)}: "}.get(para.place, "")
    return f'{place}đoạn "{excerpt(text)}"'


def mismatch(line: Line, spec: Spec) -> list[str]:
    """What in `line` breaks `spec`, in words ("cỡ 14", "không đậm"…); empty when it conforms."""
    pieces = line.visible()
    if not pieces:
        return []
    wrong: list[str] = []
    if spec.sizes is not None:
        sizes = sorted({p.fmt.size for p in pieces} - set(spec.sizes))
        if sizes:
            wrong.append("cỡ " + ", ".join(pt(x) for x in sizes))
    for attr, yes, no in (("bold", "in đậm", "không đậm"), ("italic", "in nghiêng", "chữ đứng")):
        want = getattr(spec, attr)
        if want is True and not all(getattr(p.fmt, attr) for p in pieces):
            wrong.append(no)
        elif want is False and any(getattr(p.fmt, attr) for p in pieces):
            wrong.append(yes)
    if spec.caps is True and not st.is_caps(line):
        wrong.append("chữ thường")
    elif spec.caps is False and st.is_caps(line) and sum(c.isalpha() for c in line.shown) > 1:
        wrong.append("in hoa")
    if spec.align is not None and line.para.fmt.align not in spec.align:
        wrong.append(align_name(line.para.fmt.align))
    return wrong


def prefix_bold(line: Line, length: int) -> bool:
    """Whether the first `length` characters of the line (its typed text) are bold."""
    seen = 0
    for piece in line.pieces:
        if seen >= length:
            break
        part = piece.text[: max(0, length - seen)]
        if part.strip() and not piece.label and not piece.fmt.bold:
            return False
        seen += len(piece.text)
    return True


def wrong_font(piece: Piece) -> str | None:
    """The non-Times font a piece prints in: ASCII letters use the ascii font, Vietnamese
    letters (and other non-ASCII text) the hAnsi font."""
    text = piece.text
    for font, used in ((piece.fmt.font_ascii, any(" " < c < "\x7f" for c in text)),
                       (piece.fmt.font_hansi, any(c > "\x7f" and not c.isspace() for c in text))):
        if used and font is not None and font.strip().lower() != FONT_NAME.lower():
            return font
    return None


def page_paras(paras: list[Para] | None) -> list[Para]:
    return [p for p in paras or [] if p.page_field is not None]


def aggregate(problems: Iterable[Problem], keep: int = 3) -> list[Problem]:
    """At most `keep` problems per rule are listed; the rest are counted in one more line."""
    counts: dict[tuple[str, Severity], int] = {}
    out: list[Problem] = []
    extra: dict[tuple[str, Severity], int] = {}
    for p in problems:
        key = (p.message, p.severity)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= keep:
            out.append(p)
        else:
            extra[key] = extra.get(key, 0) + 1
    for (message, severity), n in extra.items():
        last = max(i for i, p in enumerate(out) if (p.message, p.severity) == (message, severity))
        first = out[last]
        out.insert(last + 1, Problem(message, first.file, "", f"… và {n} chỗ khác", severity))
    return out
