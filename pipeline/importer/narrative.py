"""The Kế hoạch's own text, for the NoiDung and ChiTieu sheets.

The narrative is the run of paragraphs after the Kế hoạch's title block ("KẾ HOẠCH",
its trích yếu, "(Ban hành kèm theo …)") and before its end: the closing "./.", a
signature block, the Phụ lục, or the task table. Each paragraph's kind is read from
the numbering typed in front of it and the numbering is stripped, since the tool
numbers Mục, Khoản and Điểm itself:

    "I. MỤC TIÊU"  → Mục          "1. …" → Khoản      "a) …" → Điểm
    "- …", "+ …"   → Gạch đầu dòng                     anything else → Đoạn

The agency's name and the plan's year become {cơ quan} and {năm} where they are
exactly those (`years.templatize`). A number stated as a target ("ít nhất 20%",
"100%", "trên 35%") becomes a ChiTieu row coded by its paragraph ("2a", "8.1") and
the text gets {CT:…} in its place, but only where the placeholder prints the very
words the document has, so the printed text is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.formatting import target_phrase
from pipeline.importer.docxread import Body, Grid
from pipeline.importer.years import templatize
from pipeline.model import Comparator, ParagraphKind
from pipeline.schema import COMPARATOR_WORDS, roman
from pipeline.text import match_key

_TITLE = "KẾ HOẠCH"
_ENDS = tuple(match_key(w) for w in ("nơi nhận",))
_PHU_LUC = re.compile(r"^phụ lục(?:\s+(?:số\s+)?[IVXLC\d]+)?\s*[.:]?$", re.IGNORECASE)
_RULE = re.compile(r"^[\s\-_=*.–—]*$")
_MUC = re.compile(r"^([IVXLC]+)\s*[.:]\s*(\S.*)$", re.S)
_KHOAN = re.compile(r"^(\d{1,2})\s*[.)]\s+(\S.*)$", re.S)
_DIEM = re.compile(r"^([a-zđ])\s*\)\s*(\S.*)$", re.S)
_GACH = re.compile(r"^[-–+•*]\s*(\S.*)$", re.S)
_ROMAN = {roman(n): n for n in range(1, 40)}

# "ít nhất 20%", "trên 35%", "100%": an optional comparison, a number, a percent sign.
_OPS = (("ít nhất", Comparator.GE), ("tối thiểu", Comparator.GE), ("không thấp hơn", Comparator.GE),
        ("không dưới", Comparator.GE), ("trên", Comparator.GT), ("hơn", Comparator.GT),
        ("không vượt quá", Comparator.LE), ("không quá", Comparator.LE), ("tối đa", Comparator.LE),
        ("dưới", Comparator.LT))
_TARGET = re.compile(r"(?:(?<!\w)(?P<op>" + "|".join(w for w, _ in _OPS) + r")\s+)?(?<![\w.,/])(?P<num>\d{1,3}"
                     r"(?:[.,]\d+)?)\s*%", re.IGNORECASE)
_OP_OF = {match_key(w): op for w, op in _OPS}
_THEREIN = "trong đó"


@dataclass
class Paragraph:
    kind: ParagraphKind
    text: str  # numbering stripped, {năm}/{cơ quan}/{CT:…} in place
    number: str = ""  # the numbering the document typed ("I", "2", "a")
    raw: str = ""  # the paragraph as the document has it


@dataclass
class TargetRow:
    code: str
    goal: str  # the numbered objective ("2a", "8")
    name: str
    op: Comparator
    value: float
    unit: str
    phrase: str  # as the document wrote it
    linked: bool  # the paragraph holds {CT:code} in its place


@dataclass
class Narrative:
    paragraphs: list[Paragraph] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings, Vietnamese
    title_found: bool = False  # the document has a Kế hoạch title
    signed: bool = False  # the Kế hoạch ends with a signature block of its own


# -- finding the text ----------------------------------------------------------------------


def _is_title(text: str) -> bool:
    return " ".join(text.split()).upper() == _TITLE and text.strip().isupper()


def _block_end(grid: Grid, task_tables: set[int]) -> str | None:
    """Why a table ends the narrative ('signature', 'tasks'), or None for a table inside it."""
    if grid.number in task_tables:
        return "tasks"
    text = match_key(" ".join(cell.text for r in range(len(grid.rows)) for _, cell in grid.cells(r)))
    return "signature" if any(k in text for k in _ENDS) or match_key("cộng hòa xã hội") in text else None


def _skip_title_block(blocks: list[str | Grid], i: int) -> int:
    """The index after "KẾ HOẠCH", its trích yếu, the "(Ban hành kèm theo …)" line and the rule."""
    i += 1
    texts = [(j, b) for j, b in enumerate(blocks[i:i + 6], i) if isinstance(b, str) and b.strip()]
    if texts and not texts[0][1].lstrip().startswith("("):
        i = texts[0][0] + 1  # the trích yếu
        nxt = [(j, b) for j, b in texts[1:3]]
        if len(nxt) == 2 and len(nxt[0][1].split()) <= 8 and nxt[1][1].lstrip().startswith("(") \
                and not _kind_of(nxt[0][1])[2]:
            i = nxt[0][0] + 1  # a trích yếu broken over two lines
    while i < len(blocks) and isinstance(blocks[i], str):
        text = str(blocks[i]).strip()
        if text.startswith("("):
            while i < len(blocks) and isinstance(blocks[i], str) and not str(blocks[i]).rstrip().endswith(")"):
                i += 1
            i += 1
        elif _RULE.match(text):
            i += 1
        else:
            break
    return i


def narrative_blocks(body: Body, task_tables: set[int]) -> tuple[list[str], bool, bool, list[str]]:
    """(paragraphs, title found, signed, notes): the Kế hoạch's text, in order."""
    blocks = body.blocks
    start = next((i for i, b in enumerate(blocks) if isinstance(b, str) and _is_title(b)), None)
    if start is None:
        return [], False, False, []
    out: list[str] = []
    notes: list[str] = []
    signed = False
    for block in blocks[_skip_title_block(blocks, start):]:
        if isinstance(block, Grid):
            why = _block_end(block, task_tables)
            if why:
                signed = why == "signature"
                break
            notes.append(f"Bảng {block.number} nằm trong nội dung Kế hoạch: không nhập vào sheet NoiDung, hãy chép "
                         "tay nếu cần.")
            continue
        text = block.strip()
        if not text or _RULE.match(text):
            continue
        if _PHU_LUC.match(text) or _is_title(text) or match_key(text).startswith(_ENDS):
            break
        out.append(text)
        if text.endswith("./."):
            break
    return out, True, signed, notes


# -- kinds and numbering ----------------------------------------------------------------------


def _kind_of(text: str) -> tuple[ParagraphKind, str, str]:
    """(kind, text without its numbering, the number typed)."""
    for pattern, kind in ((_MUC, ParagraphKind.MUC), (_KHOAN, ParagraphKind.KHOAN), (_DIEM, ParagraphKind.DIEM)):
        m = pattern.match(text)
        if m and (kind is not ParagraphKind.MUC or m.group(1) in _ROMAN):
            return kind, m.group(2).strip(), m.group(1)
    m = _GACH.match(text)
    if m:
        return ParagraphKind.GACH, m.group(1).strip(), ""
    return ParagraphKind.DOAN, text, ""


def _closing(text: str) -> str:
    """'… Kế hoạch này./.' → '… Kế hoạch này.' (the tool adds the closing mark)."""
    return text[:-3].rstrip() + "." if text.endswith("./.") else text


# -- targets -------------------------------------------------------------------------------------


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(";", 0, start), text.rfind(":", 0, start)) + 1
    ends = [i for i in (text.find(";", end), text.find(":", end)) if i >= 0]
    return left, min(ends) if ends else len(text)


def _target_name(text: str, spans: list[tuple[int, int]], k: int) -> str:
    """The words a target is about: its clause, cut at the targets beside it and at "trong đó"."""
    start, end = spans[k]
    left, right = _clause(text, start, end)
    if k and spans[k - 1][1] > left:
        left = spans[k - 1][1]
    following = k + 1 < len(spans) and spans[k + 1][0] < right
    if following:
        right = spans[k + 1][0]
    before, after = text[left:start], text[end:right]
    if _THEREIN in before:
        before = before.rsplit(_THEREIN, 1)[1]
    if _THEREIN in after:
        after = after.split(_THEREIN, 1)[0]
    if following and len(before.split()) >= 2:
        after = ""  # the words after belong to the next target ("… trên 87%, đối với … trên 87%")
    name = " ".join(f"{before}{text[start:end]}{after}".split()).strip(" ,.;:")
    name = name[:1].upper() + name[1:]
    return name if len(name) <= 160 else name[:157].rsplit(" ", 1)[0] + "…"


def _value(number: str) -> float:
    return float(number.replace(",", "."))


def _targets(text: str, goal: str, taken: set[str], muc: str) -> tuple[str, list[TargetRow]]:
    """The paragraph with {CT:…} where it states targets, and the targets."""
    found = list(_TARGET.finditer(text))
    if not found:
        return text, []
    spans = [m.span() for m in found]
    rows = []
    for k, m in enumerate(found):
        base = goal or "CT"
        code = f"{base}.{k + 1}" if len(found) > 1 or not goal else base
        if code in taken:
            code = f"{muc}.{code}" if muc and f"{muc}.{code}" not in taken else code
        n = 2
        while code in taken:
            code, n = f"{code.rsplit('-', 1)[0]}-{n}", n + 1
        taken.add(code)
        op = _OP_OF.get(match_key(m["op"]), Comparator.GE) if m["op"] else Comparator.EQ
        value = _value(m["num"])
        phrase = m.group(0)
        linked = target_phrase(op, value, "%") == phrase
        rows.append(TargetRow(code, goal, _target_name(text, spans, k), op, value, "%", phrase, linked))
    for row, m in sorted(zip(rows, found), key=lambda pair: -pair[1].start()):
        if row.linked:
            text = f"{text[:m.start()]}{{CT:{row.code}}}{text[m.end():]}"
    return text, rows


# -- the whole narrative ---------------------------------------------------------------------------


def read_narrative(body: Body, task_tables: set[int], year: int | None, agency: str, agency_caps: str
                   ) -> Narrative:
    """The Kế hoạch's paragraphs as NoiDung rows and its targets as ChiTieu rows."""
    texts, found, signed, notes = narrative_blocks(body, task_tables)
    out = Narrative(title_found=found, signed=signed, notes=notes)
    counts = {ParagraphKind.MUC: 0, ParagraphKind.KHOAN: 0}
    muc = khoan = diem = ""
    taken: set[str] = set()
    for i, raw in enumerate(texts):
        kind, text, number = _kind_of(raw)
        if kind is ParagraphKind.MUC:  # a balanced heading's line break stands for a space
            text = re.sub(r"[ \t]*\n[ \t]*", " ", text)
        if i == len(texts) - 1:
            text = _closing(text)
        if kind is ParagraphKind.MUC:
            counts[ParagraphKind.MUC] += 1
            counts[ParagraphKind.KHOAN] = 0
            muc, khoan, diem = number, "", ""
            _check_number(out, number, roman(counts[ParagraphKind.MUC]), raw)
        elif kind is ParagraphKind.KHOAN:
            counts[ParagraphKind.KHOAN] += 1
            khoan, diem = number, ""
            _check_number(out, number, str(counts[ParagraphKind.KHOAN]), raw)
        elif kind is ParagraphKind.DIEM:
            diem = number
        text = templatize(text, year, agency, agency_caps)
        goal = f"{khoan}{diem}" if khoan else muc
        text, rows = _targets(text, goal, taken, muc)
        out.targets += rows
        out.paragraphs.append(Paragraph(kind, text, number, raw))
    unlinked = [t for t in out.targets if not t.linked]
    if unlinked:
        out.notes.append("Chỉ tiêu " + ", ".join(f"{t.code} (“{t.phrase}”)" for t in unlinked) + " được đưa vào sheet "
                         "ChiTieu nhưng nội dung giữ nguyên chữ của văn bản (không thay bằng {CT:…}) vì cách viết khác "
                         f"cách chương trình in ({', '.join(_labels())}); sửa nếu cần.")
    return out


def _labels() -> list[str]:
    return [f"{COMPARATOR_WORDS[op].label} → “{target_phrase(op, 20, '%')}”" for op in Comparator]


def _check_number(out: Narrative, typed: str, printed: str, raw: str) -> None:
    if typed != printed:
        out.notes.append(f"Đoạn “{raw[:60]}”: văn bản đánh số “{typed}” nhưng chương trình sẽ đánh số lại là "
                         f"“{printed}” theo thứ tự; kiểm tra sheet NoiDung.")

