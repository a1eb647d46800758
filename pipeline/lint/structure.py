"""Find the elements of Nghị định 30 documents by their text, not by style names, so
documents typed by hand in other offices are read the same as ours.

A file may hold several documents (a Quyết định, the Kế hoạch it issues, a Phụ lục):
each starts at a Quốc hiệu or at a "Phụ lục" line and is a `Part`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.lint.resolve import Line, Para
from pipeline.ooxml import tables

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
# Tên loại (NĐ 30, Điều 7 and Phụ lục III) as they stand on their own line.
DOC_TYPES = frozenset({
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO", "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO", "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG",
    "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN", "GIẤY ỦY QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU",
    "GIẤY NGHỈ PHÉP", "PHIẾU GỬI", "PHIẾU CHUYỂN", "PHIẾU BÁO", "BẢN SAO Y", "BẢN TRÍCH SAO", "BẢN SAO LỤC",
})
# Tên loại that go to a higher body and so take "Kính gửi" (Phụ lục I, II.9.b).
ADDRESSED_TYPES = frozenset({"BÁO CÁO", "TỜ TRÌNH"})

SO = re.compile(r"^số\b[^/\n]{0,24}/", re.I)
DATE = re.compile(r"^[^,\d]{2,60}?,?\s*ngày\b.*\btháng\b.*\bnăm\b", re.I)
VV = re.compile(r"^v/v\b", re.I)
PHU_LUC = re.compile(r"^phụ lục(\s+(số\s+)?[IVXLC\d]+)?\s*[.:]?$", re.I)
KEM_THEO = re.compile(r"^\(.*\bkèm theo\b", re.I)
NOI_NHAN = re.compile(r"^nơi nhận\s*:?\s*(-.*)?$", re.I)  # the label, not "Nơi nhận hồ sơ: …" in the body
KINH_GUI = re.compile(r"^kính gửi\s*:", re.I)
CAN_CU = re.compile(r"^(căn cứ|theo đề nghị|xét đề nghị|xét)\b", re.I)
SIGN_PREFIX = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*\S")
SIGN_WORDS = ("GIÁM ĐỐC", "CHỦ TỊCH", "TRƯỞNG", "CHÁNH", "THỦ TRƯỞNG", "BÍ THƯ", "TỔNG BIÊN TẬP", "CHỦ NHIỆM")
HEADING = re.compile(r"^([IVXLC]+\.|\d+\.|[a-zđ]\)|Điều\s+\d|Phần\b|Chương\b|Mục\b)", re.I)
DRAFTER = re.compile(r"^[A-ZĐ]{1,8}\.?\s*\(\d+\)\.?$")  # ô 12: "PL.(300)"
# Old-style tone placement at the end of a syllable ("HOÀ", "UỶ") reads as NĐ 30's "HÒA", "ỦY".
_OLD_TONE = re.compile(r"(?<!Q)([OU])([ÀÁẢÃẠỲÝỶỸỴ])(?!\w)")
_MOVE_TONE = {("O", "À"): "ÒA", ("O", "Á"): "ÓA", ("O", "Ả"): "ỎA", ("O", "Ã"): "ÕA", ("O", "Ạ"): "ỌA",
              ("U", "Ỳ"): "ÙY", ("U", "Ý"): "ÚY", ("U", "Ỷ"): "ỦY", ("U", "Ỹ"): "ŨY", ("U", "Ỵ"): "ỤY"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Upper case, single spaces, new-style tone marks: for recognising fixed phrases."""
    return _OLD_TONE.sub(lambda m: _MOVE_TONE.get((m.group(1), m.group(2)), m.group(0)), squash(text).upper())


def is_quoc_hieu(line: Line) -> bool:
    return fold(line.text) == QUOC_HIEU


def is_tieu_ngu(line: Line) -> bool:
    return re.sub(r"[\s\-–—‐‑−]", "", fold(line.text)) == "ĐỘCLẬPTỰDOHẠNHPHÚC"


def is_caps(line: Line) -> bool:
    letters = [c for c in line.shown if c.isalpha()]
    return bool(letters) and all(c == c.upper() for c in letters)


def is_lenh(para: Para) -> bool:
    """'QUYẾT ĐỊNH:', 'QUYẾT NGHỊ:': the caps line that opens the articles."""
    lines = para.nonblank()
    if len(lines) != 1:
        return False
    text = squash(lines[0].shown)
    return text.endswith(":") and is_caps(lines[0]) and fold(text[:-1]) in DOC_TYPES | {"QUYẾT NGHỊ"}


def is_sign_title(line: Line) -> bool:
    text = squash(line.shown)
    return bool(SIGN_PREFIX.match(text)) or (is_caps(line) and len(text) <= 60
                                              and any(word in fold(text) for word in SIGN_WORDS))


def blank(para: Para) -> bool:
    return not para.text.strip()


@dataclass(eq=False)
class Part:
    kind: str  # "van_ban" (a document with a Quốc hiệu), "phu_luc", or "khac" (not recognised)
    paras: list[Para]
    quoc_hieu: Line | None = None
    tieu_ngu: Line | None = None
    chu_quan: list[Line] = field(default_factory=list)
    ban_hanh: list[Line] = field(default_factory=list)
    so: Line | None = None
    date: Line | None = None
    vv: Line | None = None
    ten_loai: Line | None = None
    trich_yeu: list[Line] = field(default_factory=list)
    kem_theo: Line | None = None
    label: Line | None = None  # "Phụ lục I"
    title: list[Line] = field(default_factory=list)  # the phụ lục's title
    tham_quyen: list[Para] = field(default_factory=list)
    can_cu: list[Para] = field(default_factory=list)
    lenh: Para | None = None
    kinh_gui: list[Para] = field(default_factory=list)
    content: list[Para] = field(default_factory=list)
    noi_nhan: Line | None = None
    recipients: list[Line] = field(default_factory=list)
    chuc_vu: list[Line] = field(default_factory=list)
    nguoi_ky: Line | None = None
    signature_found: bool = False

    @property
    def attached(self) -> bool:
        """Issued with another document (Mẫu for a Kế hoạch kèm theo Quyết định): no Số, no date."""
        return self.kem_theo is not None and self.so is None

    @property
    def type_name(self) -> str:
        return fold(self.ten_loai.shown) if self.ten_loai else ""


# -- splitting a file into documents ---------------------------------------------------


def split(paras: list[Para]) -> list[Part]:
    anchors: list[tuple[int, str]] = []
    for i, p in enumerate(paras):
        lines = p.nonblank()
        if any(is_quoc_hieu(seg) for line in lines for seg in line.segments):
            anchors.append((i, "van_ban"))
        elif lines and not p.in_table and PHU_LUC.match(squash(lines[0].text)) and len(lines) <= 2:
            anchors.append((i, "phu_luc"))
    if not anchors:
        return [Part("khac", paras)] if paras else []
    starts: list[tuple[int, str]] = []
    for k, (i, kind) in enumerate(anchors):
        start = i
        if kind == "van_ban" and paras[i].in_table:
            start = next(j for j in range(i + 1) if paras[j].top is paras[i].top)
        elif kind == "van_ban":
            prev = anchors[k - 1][0] if k else -1
            same = [j for j in range(prev + 1, i + 1) if paras[j].section == paras[i].section]
            start = same[0] if same else i
        if starts and start <= starts[-1][0]:
            continue
        starts.append((start, kind))
    starts[0] = (0, starts[0][1])
    parts = []
    for k, (start, kind) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(paras)
        part = Part(kind, paras[start:end])
        (_read_van_ban if kind == "van_ban" else _read_phu_luc)(part)
        parts.append(part)
    return parts


def _skip_blank(paras: list[Para], i: int) -> int:
    while i < len(paras) and blank(paras[i]):
        i += 1
    return i


def _header_zone(paras: list[Para], qh: int) -> int:
    """Index just past the header block (Quốc hiệu, agency, Số, date)."""
    if paras[qh].in_table:
        end = qh
        while end < len(paras) and paras[end].top is paras[qh].top:
            end += 1
        # Số and date sometimes sit in a second table right under the first.
        nxt = _skip_blank(paras, end)
        if nxt < len(paras) and paras[nxt].in_table:
            table = paras[nxt].top
            lines = _segments([p for p in paras[nxt:] if p.top is table])
            if any(SO.match(squash(ln.text)) or DATE.match(squash(ln.text)) for ln in lines):
                end = nxt
                while end < len(paras) and paras[end].top is table:
                    end += 1
        return end
    last = qh
    for j in range(qh, min(qh + 10, len(paras))):
        if any(is_tieu_ngu(ln) or SO.match(squash(ln.text)) or DATE.match(squash(ln.text))
               for ln in _segments([paras[j]])):
            last = j
    return last + 1


def _read_van_ban(part: Part) -> None:
    paras = part.paras
    qh = next(i for i, p in enumerate(paras) if any(is_quoc_hieu(seg) for seg in _segments([p])))
    end = _header_zone(paras, qh)
    header = _segments(paras[:end])
    qh_line = next(seg for seg in _segments([paras[qh]]) if is_quoc_hieu(seg))
    part.quoc_hieu = qh_line
    after_qh = header[header.index(qh_line) + 1:]
    part.tieu_ngu = next((ln for ln in after_qh if is_tieu_ngu(ln)), None)
    part.so = next((ln for ln in header if SO.match(squash(ln.text))), None)
    part.date = next((ln for ln in header if DATE.match(squash(ln.text)) and not SO.match(squash(ln.text))), None)
    part.vv = next((ln for ln in header if VV.match(squash(ln.text))), None)
    _agency(part, paras, qh, header)
    i = _front_matter(part, paras, end)
    _tail_and_content(part, paras, i)


def _segments(paras: list[Para]) -> list[Line]:
    return [seg for p in paras for ln in p.nonblank() for seg in ln.segments]


def _agency(part: Part, paras: list[Para], qh: int, header: list[Line]) -> None:
    """Ô 2: the lines left of the Quốc hiệu (in a table), or the header lines that are
    none of the other elements (a header laid out with tabs), up to the Số line."""
    qh_para = paras[qh]
    known = {id(x) for x in (part.quoc_hieu, part.tieu_ngu) if x is not None}
    stop = {id(x) for x in (part.so, part.date, part.vv) if x is not None}
    if qh_para.in_table:
        cells = tables.row_cells(tables.table_row(qh_para.cell))
        left = cells[: cells.index(qh_para.cell)] if qh_para.cell in cells else []
        lines = _segments([p for p in paras if p.cell in left])
    else:
        lines = [ln for ln in header if id(ln) not in known]
    names: list[Line] = []
    for ln in lines:
        if id(ln) in stop or is_tieu_ngu(ln) or is_quoc_hieu(ln):
            break
        names.append(ln)
    if len(names) < 2:
        part.ban_hanh = names
        return
    # The issuing body's own name starts with a body word; what is above it is the chủ quản.
    body_words = ("SỞ", "BAN", "CHI CỤC", "CỤC", "VỤ", "VĂN PHÒNG", "THANH TRA", "TRUNG TÂM", "PHÒNG", "TRƯỜNG",
                  "BỆNH VIỆN", "ỦY BAN", "UBND", "BỘ", "TỔNG CỤC", "HỘI ĐỒNG", "VIỆN", "KHO BẠC", "ĐÀI", "BAN QUẢN LÝ")
    k = next((j for j in range(1, len(names)) if fold(names[j].text).startswith(body_words)), None)
    if k is None:
        bold = [all(p.fmt.bold for p in ln.visible()) for ln in names]
        k = 1 if not bold[0] and bold[1] else 0
    part.chu_quan, part.ban_hanh = names[:k], names[k:]


def _front_matter(part: Part, paras: list[Para], i: int) -> int:
    """Tên loại, trích yếu and the '(Kèm theo …)' line; returns the index after them."""
    i = _skip_blank(paras, i)
    if i < len(paras) and not paras[i].in_table:
        lines = paras[i].nonblank()
        if lines and fold(lines[0].shown) in DOC_TYPES:
            part.ten_loai = lines[0]
            part.trich_yeu = lines[1:]
            i += 1
            taken = _trich_yeu(paras, i)
            part.trich_yeu += [ln for p in taken for ln in p.nonblank()]
            i += len(taken)
    j = _skip_blank(paras, i)
    if j < len(paras) and not paras[j].in_table and KEM_THEO.match(squash(paras[j].text)):
        part.kem_theo = paras[j].nonblank()[0]
        i = j + 1
    return i


def _trich_yeu(paras: list[Para], i: int) -> list[Para]:
    """The paragraph after the tên loại, and up to two more aligned like it (a long trích yếu)."""
    out: list[Para] = []
    while i < len(paras) and len(out) < 3:
        p = paras[i]
        text = squash(p.text)
        if (blank(p) or p.in_table or KEM_THEO.match(text) or CAN_CU.match(text) or is_lenh(p)
                or HEADING.match(text) or KINH_GUI.match(text) or all(is_caps(ln) for ln in p.nonblank())
                or (out and p.fmt.align != out[0].fmt.align)):
            break
        out.append(p)
        i += 1
    return out


def _tail_and_content(part: Part, paras: list[Para], i: int) -> None:
    # Căn cứ block: only when a "QUYẾT ĐỊNH:" line opens the articles.
    lenh = next((k for k in range(i, len(paras)) if not paras[k].in_table and is_lenh(paras[k])), None)
    first_article = next((k for k in range(i, len(paras)) if squash(paras[k].text).startswith("Điều ")), None)
    if lenh is not None and (first_article is None or lenh < first_article):
        block = [p for p in paras[i:lenh] if not blank(p) and not p.in_table]
        while block and all(is_caps(ln) for ln in block[0].nonblank()):
            part.tham_quyen.append(block.pop(0))
        part.can_cu = block
        part.lenh = paras[lenh]
        i = lenh + 1
    tail = _tail(part, paras, i)
    content = paras[i:tail]
    for k, p in enumerate(content):
        lines = p.nonblank()
        if lines and not p.in_table and KINH_GUI.match(squash(lines[0].text)):
            block = [p]
            for q in content[k + 1:]:
                if blank(q) or not re.match(r"^[-–+•]", squash(q.text)):
                    break
                block.append(q)
            part.kinh_gui = block
            break
    part.content = [p for p in content if p not in part.kinh_gui]


def _tail(part: Part, paras: list[Para], start: int) -> int:
    """Find Nơi nhận and the signature; return where they start (len(paras) if absent)."""
    tail = len(paras)
    for k in range(start, len(paras)):
        p = paras[k]
        label = next((ln for ln in p.nonblank() if NOI_NHAN.match(squash(ln.text))), None)
        if label is None:
            continue
        part.noi_nhan = label
        if p.in_table:
            same_cell = [q for q in paras[k:] if q.cell is p.cell]
            lines = [ln for q in same_cell for ln in q.nonblank()]
            part.recipients = _recipients(lines[lines.index(label) + 1:])
            for cell in tables.row_cells(tables.table_row(p.cell)):
                if cell is not p.cell:
                    _signature(part, [q for q in paras if q.cell is cell])
            tail = next(j for j in range(k + 1) if paras[j].top is p.top)
        else:
            lines = p.nonblank()[p.nonblank().index(label) + 1:]
            for q in paras[k + 1:]:
                if blank(q) and lines:
                    break
                lines += q.nonblank()
            part.recipients = _recipients(lines)
            tail = k
        break
    if not part.signature_found:
        found = _signature_table(part, paras, start, tail)
        if found is None:
            found = _signature_paragraphs(part, paras, start, tail)
        if found is not None:
            tail = found
    return tail


def _signature_table(part: Part, paras: list[Para], lo: int, hi: int) -> int | None:
    """The last table before `hi` if it is a signature table (a cell opening with 'KT. GIÁM ĐỐC' …)."""
    last = next((k for k in range(hi - 1, lo - 1, -1) if paras[k].in_table), None)
    if last is None:
        return None
    table = paras[last].top
    first = next(k for k in range(lo, last + 1) if paras[k].top is table)
    cells: dict[object, list[Para]] = {}  # cell → its paragraphs, in order
    for q in paras[first: last + 1]:
        cells.setdefault(q.cell, []).append(q)
    if len(cells) > 4:  # a signature table is one row of two or three cells
        return None
    for cell_paras in cells.values():
        opening = next((ln for q in cell_paras for ln in q.nonblank()), None)
        if opening is not None and is_sign_title(opening):
            _signature(part, cell_paras)
            return first
    return None


def _signature_paragraphs(part: Part, paras: list[Para], lo: int, hi: int) -> int | None:
    """A signature typed as centred or right-aligned paragraphs after the body's './.'."""
    end_mark = next((k for k in range(hi - 1, lo - 1, -1) if squash(paras[k].text).endswith("./.")), None)
    if end_mark is None:
        return None
    for k in range(end_mark + 1, hi):
        p = paras[k]
        opening = p.nonblank()[:1]
        if not p.in_table and opening and is_sign_title(opening[0]) and p.fmt.align in ("center", "right", "end"):
            _signature(part, [q for q in paras[k:hi] if not q.in_table])
            return k
    return None


def _recipients(lines: list[Line]) -> list[Line]:
    while lines and DRAFTER.match(squash(lines[-1].text)):
        lines = lines[:-1]
    return lines


def _signature(part: Part, cell_paras: list[Para]) -> None:
    """Quyền hạn, chức vụ (caps lines on top) and the signer's name (last line, after the gap)."""
    lines = [ln for p in cell_paras for ln in p.lines]
    shown = [ln for ln in lines if ln.text.strip() and not squash(ln.text).startswith("(")]
    if not shown:
        return
    part.signature_found = True
    top: list[Line] = []
    for ln in lines:
        if not ln.text.strip():
            if top:
                break
            continue
        if squash(ln.text).startswith("("):
            continue
        top.append(ln)
    rest = [ln for ln in shown if ln not in top]
    if rest:
        part.chuc_vu, part.nguoi_ky = top, rest[-1]
    elif len(top) >= 2 and not is_caps(top[-1]):
        part.chuc_vu, part.nguoi_ky = top[:-1], top[-1]
    else:
        part.chuc_vu = top


def _read_phu_luc(part: Part) -> None:
    paras = part.paras
    k = next(i for i, p in enumerate(paras) if p.nonblank() and not p.in_table
             and PHU_LUC.match(squash(p.nonblank()[0].text)))
    lines = paras[k].nonblank()
    part.label = lines[0]
    part.title = lines[1:]
    i = k + 1
    while i < len(paras) and len(part.title) < 3:
        p = paras[i]
        if blank(p) or p.in_table or KEM_THEO.match(squash(p.text)):
            break
        part.title += p.nonblank()
        i += 1
    j = _skip_blank(paras, i)
    if j < len(paras) and not paras[j].in_table and KEM_THEO.match(squash(paras[j].text)):
        part.kem_theo = paras[j].nonblank()[0]
        i = j + 1
    part.content = paras[i:]
