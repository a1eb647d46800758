"""What the document says about itself, for the ThongTin sheet.

Read from the header block (chủ quản and cơ quan ban hành lines, "Số: 05/QĐ-SNV",
"Hà Nội, ngày 05 tháng 01 năm 2025"), the reference line of the Kế hoạch or the
Phụ lục ("Kèm theo Quyết định số 05/QĐ-SNV ngày 05/01/2025 …", "Kèm theo Kế hoạch
… Sở Nội vụ năm 2025"), and, for a full Quyết định, its căn cứ,
Điều, signature and Nơi nhận. Whatever the document does not state is left for
`import_docx` to fill with a default it reports.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.formatting import day2, month_nd30
from pipeline.importer.docxread import Body, Grid
from pipeline.importer.unit_mentions import initials
from pipeline.text import match_key

_QUOC_HIEU = (match_key("cộng hòa xã hội chủ nghĩa"), match_key("độc lập - tự do"))
# Line openings, as match keys (tone placement differs between old and new spelling).
_RECIPIENTS, _ARCHIVE, _ATTACHED, _GROUNDS, _PROPOSER, _APPENDIX, _TITLE_OF = (match_key(w) for w in (
    "nơi nhận", "lưu", "kèm theo", "căn cứ", "theo đề nghị của", "phụ lục", "cải cách hành chính của"))
_SO = re.compile(r"^\s*Số\s*:?\s*(?P<no>[0-9]*)[\s.…_]*/\s*(?P<kind>[A-ZĐ]{1,6})\s*-\s*(?P<abbr>[0-9A-ZĐ&.\-]+)")
_QD_REF = re.compile(
    r"Quyết định\s+số\s*(?P<no>[0-9]*)[\s.…_]*/\s*QĐ\s*-\s*(?P<abbr>[0-9A-ZĐ&.\-]+?)[\s,]*"
    r"(?:ngày\s*(?P<date>[0-9\s.…_/]*?(?:tháng[\s.…_]*[0-9]{0,2}[\s.…_]*năm\s*[0-9]{4}|[0-9]{1,2}\s*/\s*[0-9]{4})))?"
    r"(?=\s|$|\)|,)",
)
_PLACE_DATE = re.compile(
    r"^\s*(?P<place>[^\d,;:()]{2,40}?)\s*,\s*ngày\b[\s.…_]*(?P<d>\d{0,2})[\s.…_]*"
    r"(?:tháng\b[\s.…_]*(?P<m>\d{0,2})[\s.…_]*năm\b\s*|/\s*(?P<m2>\d{1,2})\s*/\s*)(?P<y>\d{4})"
)
_AGENCY_WORDS = ("Sở", "Ban", "Chi cục", "Cục", "Văn phòng", "Thanh tra", "Ủy ban nhân dân", "UBND", "Bộ",
                 "Trung tâm", "Tổng cục", "Vụ")
_SIGN_POWERS = ("KT.", "TM.", "Q.", "TL.", "TUQ.")


@dataclass
class DocInfo:
    values: dict[str, str] = field(default_factory=dict)  # ThongTin field key → value
    lines: dict[str, list[str]] = field(default_factory=dict)  # multi fields
    date_year: int | None = None  # the year of the decision's date, if stated


def _upper_line(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _is_rule(text: str) -> bool:
    return bool(re.fullmatch(r"[\s\-_=*.–—]+", text))


def _header_cells(tables: list[Grid]) -> tuple[list[str], list[str]]:
    """(agency lines, every line of the header block) from the table holding the quốc hiệu."""
    for grid in tables:
        for r in range(len(grid.rows)):
            cells = grid.cells(r)
            if any(any(q in match_key(cell.text) for q in _QUOC_HIEU) for _, cell in cells):
                agency = next((cell.text for _, cell in cells
                               if cell.text and not any(q in match_key(cell.text) for q in _QUOC_HIEU)), "")
                every = [ln for rr in range(len(grid.rows)) for _, cell in grid.cells(rr)
                         for ln in cell.text.split("\n")]
                return agency.split("\n"), every
    return [], []


def _split_agency(lines: list[str]) -> tuple[str, str]:
    """('UBND TỈNH ĐỒNG NAI', 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG') from the header block's agency lines."""
    lines = [ln.strip() for ln in lines if ln.strip() and not _is_rule(ln) and _upper_line(ln)]
    lines = [ln for ln in lines if not any(q in match_key(ln) for q in _QUOC_HIEU)]
    if not lines:
        return "", ""
    if len(lines) == 1 or re.search(r"(\bVÀ|,|-)$", lines[0]):
        return "", " ".join(lines)
    return lines[0], " ".join(lines[1:])


def sentence_name(caps: str, paragraphs: list[str]) -> str:
    """The agency's name as written in a sentence ('Sở Nông nghiệp và Môi trường'), found in the text."""
    if not caps:
        return ""
    needle = caps.casefold()
    for text in paragraphs:
        at = text.casefold().find(needle)
        if at >= 0:
            found = text[at: at + len(caps)]
            if not _upper_line(found):
                return found
    return ""


def _agency_in(text: str) -> str:
    """'… Kế hoạch cải cách hành chính Sở Nội vụ năm 2025)' → the agency's name."""
    words = text.split()
    for i in range(len(words)):
        for head in _AGENCY_WORDS:
            hw = head.split()
            if words[i: i + len(hw)] == hw and i + len(hw) < len(words) and words[i + len(hw)][:1].isupper():
                rest = " ".join(words[i:])
                rest = re.split(r"\s+năm\s+\d{4}|\)|;|\s+ngày\s+\d", rest)[0]
                return rest.strip(" .,")
    return ""


_KEEP_UPPER = {"UBND", "HĐND", "CNTT", "TNMT", "KH&CN", "GTVT"}


def title_case(caps: str) -> str:
    """'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG' → 'Sở Nông nghiệp và Môi trường': a guess for when the
    document never writes the name in a sentence (the first word, and the first word
    after 'và', ',' or '-', capitalised)."""
    out: list[str] = []
    cap_next = True
    for word in caps.split():
        low = word.lower()
        if word.strip(",") in _KEEP_UPPER:
            out.append(word)
        elif cap_next:
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
        cap_next = len(out) == 1 or low in ("và", "-", "–") or word.endswith((",", "-"))
    return " ".join(out)


def abbreviation(name: str) -> str:
    """'Sở Nông nghiệp và Môi trường' → 'SNNMT' (initials, 'và' left out)."""
    return initials(name)


def province_in(texts: list[str]) -> str:
    """The province named most often as 'tỉnh <Name>'."""
    counts: Counter[str] = Counter()
    for text in texts:
        for m in re.finditer(r"\btỉnh\s+", text):
            words = []
            for word in text[m.end():].split():
                token = word.strip(",.;:()")
                if not token or not token[0].isupper() or (token.isupper() and len(token) > 2):
                    break
                words.append(token)
                if token != word:
                    break
            if words:
                counts[" ".join(words)] += 1
    return counts.most_common(1)[0][0] if counts else ""


def _signature(tables: list[Grid]) -> tuple[dict[str, str], list[str]]:
    """Signer fields and Nơi nhận lines from the first 'Nơi nhận' table."""
    for grid in tables:
        for r in range(len(grid.rows)):
            cells = grid.cells(r)
            recv = next((cell.text for _, cell in cells if match_key(cell.text).startswith(_RECIPIENTS)), None)
            if recv is None:
                continue
            values: dict[str, str] = {}
            sign = next((cell.text for _, cell in cells if cell.text and cell.text != recv), "")
            lines = [ln.strip() for ln in sign.split("\n") if ln.strip() and not ln.strip().startswith("(")]
            titles = [ln for ln in lines if _upper_line(ln)]
            if titles and titles[0].startswith(_SIGN_POWERS):
                power, _, head = titles[0].partition(" ")
                values["quyen_han"], values["tham_quyen"] = power, head.strip()
                titles = titles[1:]
            if titles:
                values["chuc_vu"] = titles[0]
            names = [ln for ln in lines if not _upper_line(ln)]
            if names:
                values["nguoi_ky"] = names[-1]
            recipients: list[str] = []
            for ln in recv.split("\n")[1:]:
                item = re.sub(r"^[-–+•]\s*", "", ln.strip())
                item = re.sub(r"\s*[;.]$", "", item)
                if not item:
                    continue
                if match_key(item).startswith(_ARCHIVE):
                    parts = [p.strip() for p in item.split(":", 1)[-1].split(",")]
                    office = [p for p in parts if p and p.upper() != "VT"]
                    if office:
                        values["luu"] = re.sub(r"\s*\(.*$", "", office[0])
                    continue
                recipients.append(item)
            return values, recipients
    return {}, []


def document_info(body: Body, layout_tables: list[Grid]) -> DocInfo:
    info = DocInfo()
    paragraphs = [p for p in body.paragraphs if p]
    co_quan = _header(info, paragraphs, layout_tables)
    _decision_reference(info, paragraphs)
    # The agency's name in a sentence: from the text, else from a "Kèm theo …" line.
    name = sentence_name(co_quan, paragraphs)
    if not name:
        for p in paragraphs:
            key = match_key(p)
            if _ATTACHED in key or key.startswith(_TITLE_OF):
                name = _agency_in(p)
                if name:
                    break
    if name:
        info.values["ten_co_quan"] = name
        info.values.setdefault("co_quan", name.upper())
    _decision_parts(info, paragraphs)
    signer, recipients = _signature(layout_tables)
    info.values.update({k: v for k, v in signer.items() if v})
    if recipients:
        info.lines["noi_nhan"] = recipients
    return info


def _header(info: DocInfo, paragraphs: list[str], layout_tables: list[Grid]) -> str:
    """The header block: agency names, số/ký hiệu, địa danh and date. Returns the agency (caps)."""
    agency_lines, header_lines = _header_cells(layout_tables)
    if not agency_lines:  # a header block typed as paragraphs: the agency lines come before the quốc hiệu
        top = paragraphs[:8]
        at = next((i for i, p in enumerate(top) if any(q in match_key(p) for q in _QUOC_HIEU)), 0)
        agency_lines = [ln for p in top[:at] for ln in p.split("\n")]
        header_lines = top
    chu_quan, co_quan = _split_agency(agency_lines)
    if co_quan:
        info.values["co_quan"] = co_quan
    if chu_quan:
        info.values["chu_quan"] = chu_quan
    kind = ""
    for line in header_lines + paragraphs[:12]:
        if not kind and (m := _SO.match(line)):
            kind = m["kind"]
            info.values["viet_tat"] = m["abbr"].rstrip(".")
            if kind == "QĐ":
                info.values["qd_so"] = m["no"]
        if "dia_danh" not in info.values and (m := _PLACE_DATE.match(line)):
            info.values["dia_danh"] = m["place"].strip()
            info.date_year = int(m["y"])
            date = _date(m["d"], m["m"] or m["m2"], m["y"])
            if date:
                info.values["doc_ngay"] = date
    if kind == "QĐ" and "doc_ngay" in info.values:
        info.values["qd_ngay"] = info.values["doc_ngay"]
    info.values.pop("doc_ngay", None)
    return co_quan


def _decision_reference(info: DocInfo, paragraphs: list[str]) -> None:
    """"(Ban hành kèm theo Quyết định số 05/QĐ-SNV ngày 05/01/2025 của Giám đốc Sở …)"."""
    for p in paragraphs:
        m = _QD_REF.search(p)
        if m and _ATTACHED in match_key(p):
            if m["no"] or "qd_so" not in info.values:
                info.values["qd_so"] = m["no"]
            info.values.setdefault("viet_tat", m["abbr"].rstrip("."))
            if m["date"] and (ref_date := _parse_ref_date(m["date"])):
                if ref_date[0] or ref_date[1] or "qd_ngay" not in info.values:
                    info.values["qd_ngay"] = _date(*ref_date)
                info.date_year = int(ref_date[2])
            break


def _decision_parts(info: DocInfo, paragraphs: list[str]) -> None:
    """A full Quyết định: authority line, trích yếu, căn cứ, đề nghị, Điều, Phụ lục title."""
    caps = info.values.get("co_quan", "")
    for i, p in enumerate(paragraphs):
        key = match_key(p)
        if caps and _upper_line(p) and p.endswith(caps) and p != caps and "nguoi_dung_dau" not in info.values:
            head = p[: -len(caps)].strip()
            if head and len(head.split()) <= 4:
                info.values["nguoi_dung_dau"] = head[:1] + head[1:].lower()
        if p.strip() in ("QUYẾT ĐỊNH", "KẾ HOẠCH") and i + 1 < len(paragraphs):
            field_key = "qd_trich_yeu" if p.strip() == "QUYẾT ĐỊNH" else "kh_trich_yeu"
            nxt = paragraphs[i + 1].strip()
            if nxt and not _upper_line(nxt) and not nxt.startswith("("):
                info.values.setdefault(field_key, re.sub(r"^(V/v|Về việc)\s+", "", nxt).rstrip("."))
        if key.startswith(_GROUNDS) and "kh_trich_yeu" not in info.values:
            info.lines.setdefault("can_cu", []).append(_strip_end(p))
        elif key.startswith(_PROPOSER):
            info.values.setdefault("de_nghi", _strip_end(p[len("Theo đề nghị của"):]))
        elif m := re.match(r"^Điều\s+(\d+)\s*[.:]\s*(.+)$", p, re.S):
            info.lines.setdefault("dieu", []).append(_strip_end(m.group(2)))
        elif key.startswith(_APPENDIX) and i + 1 < len(paragraphs) and _upper_line(paragraphs[i + 1]):
            info.values.setdefault("pl_tieu_de", paragraphs[i + 1].strip())
            if i + 2 < len(paragraphs) and match_key(paragraphs[i + 2]).startswith("(" + _ATTACHED):
                info.values.setdefault("pl_kem_theo", paragraphs[i + 2].strip().strip("()").strip())


def _strip_end(text: str) -> str:
    """'…Quyết định này./.' or '…năm 2015;' → the line without its closing marks (the template adds them)."""
    return re.sub(r"\s*(?:\./\.|[;.,])\s*$", "", text.strip())


def _date(day: str | None, month: str | None, year: str) -> str:
    """ThongTin's text of a date, written as the documents write dates (Nghị định 30)."""
    day, month = (day or "").strip(), (month or "").strip()
    if day and month:
        return f"{day2(int(day))}/{month_nd30(int(month))}/{year}"
    if month:
        return f"{month_nd30(int(month))}/{year}"
    return ""


def _parse_ref_date(text: str) -> tuple[str, str, str] | None:
    m = re.search(r"(\d{1,2})?[\s.…_]*(?:tháng[\s.…_]*(\d{1,2})?[\s.…_]*năm\s*|/\s*(\d{1,2})?\s*/\s*)(\d{4})", text)
    if m is None:
        m2 = re.search(r"(\d{1,2})?\s*/\s*(\d{4})", text)
        return ("", m2.group(1) or "", m2.group(2)) if m2 else None
    return m.group(1) or "", m.group(2) or m.group(3) or "", m.group(4)
