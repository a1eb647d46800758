"""Find the task table(s) of an appendix and turn their rows into tasks under groups.

Layouts real plans use, and how each is read:

- the header row repeated on each page (a plain row inside the table) or repeated as a
  new table after a page break: a table whose columns mean the same as the previous
  task table continues it; a table with no header but the same number of columns right
  after it continues it too;
- a row split across pages: a row with an empty STT (or an STT merged down from the
  row above) continues the task above; each non-empty cell is joined with a space;
- group rows: a Roman numeral in its own cell ("I" | "Cải cách thể chế"), inside the
  text of a row merged across the table ("I. NÂNG CAO NHẬN THỨC …"), sub-levels
  ("III.1", "III.1.1"), or a numbered row with nothing but a title whose next row is
  numbered deeper ("1" then "1.1" or "a)");
- numbering restarting per group or running on: STT is not kept, tasks get new ids.

Groups nest; a task's Lĩnh vực is the title of the deepest group it sits in. When two
groups with different parents carry the same title ("Giai đoạn 2025-2027 › Dịch vụ
số" and "Giai đoạn 2028-2030 › Dịch vụ số"), their tasks get "Parent - Child" so the
sections stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.importer.docxread import Body, Grid
from pipeline.schema import NHIEM_VU
from pipeline.text import header_key, match_key

# Column roles. "extra" columns (Ghi chú, Kinh phí, …) are kept under their own header.
STT, TASK, ASSIGNMENT, LEAD, SUPPORT, DEADLINE, PRODUCT = (
    "stt", "task", "assignment", "lead", "support", "deadline", "product")
DETAILS = (ASSIGNMENT, LEAD, SUPPORT, DEADLINE, PRODUCT)

_HEADERS: dict[str, tuple[str, ...]] = {
    STT: ("STT", "TT", "Số TT", "Số thứ tự", "Thứ tự"),
    TASK: ("Nhiệm vụ", "Tên nhiệm vụ", "Nội dung", "Nội dung nhiệm vụ", "Nội dung công việc", "Nội dung thực hiện",
           "Nhiệm vụ, giải pháp", "Nhiệm vụ/giải pháp", "Nhiệm vụ cụ thể", "Công việc", "Tên công việc",
           "Nội dung, nhiệm vụ", "Tên nhiệm vụ, giải pháp"),
    ASSIGNMENT: ("Phân công và cách thức thực hiện", "Phân công", "Cách thức thực hiện", "Phân công thực hiện",
                 "Đơn vị thực hiện", "Cơ quan thực hiện", "Trách nhiệm thực hiện", "Phân công nhiệm vụ"),
    LEAD: ("Đơn vị chủ trì", "Cơ quan chủ trì", "Chủ trì"),
    SUPPORT: ("Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp"),
    DEADLINE: ("Thời gian", "Thời hạn", "Thời hạn hoàn thành", "Thời gian hoàn thành", "Thời gian thực hiện",
               "Tiến độ", "Tiến độ thực hiện", "Tiến độ hoàn thành", "Thời hạn thực hiện", "Thời gian triển khai"),
    PRODUCT: ("Kết quả/sản phẩm", "Kết quả/sản phẩm đạt được", "Sản phẩm", "Kết quả", "Sản phẩm dự kiến",
              "Kết quả thực hiện", "Kết quả dự kiến", "Sản phẩm đầu ra", "Kết quả, sản phẩm", "Sản phẩm/kết quả"),
}
_EXACT = {header_key(name): role for role, names in _HEADERS.items() for name in names}
for _role in (TASK, ASSIGNMENT, LEAD, SUPPORT, DEADLINE, PRODUCT):
    for _name in NHIEM_VU.column(_role).names:  # the workbook's own headers read back too
        _EXACT.setdefault(header_key(_name), _role)

DEFAULT_SECTION = "Nhiệm vụ chung"
UNNAMED = "Cột"  # header given to a column whose header cell is empty: "Cột 7"


def _keys(*words: str) -> tuple[str, ...]:
    return tuple(match_key(w) for w in words)


# Words looked for inside headers that no exact name matched (as match keys: tone placement differs).
_LEAD_W, _SUPPORT_W, _ASSIGN_W, _DO_W, _PRODUCT_W = _keys("chủ trì", "phối hợp", "phân công", "thực hiện", "sản phẩm")
_WHO = _keys("đơn vị", "cơ quan", "trách nhiệm")
_DEADLINE_HEADS = _keys("thời gian", "thời hạn", "tiến độ")
_PRODUCT_HEADS = _keys("kết quả", "sản phẩm")
_TASK_HEADS = _keys("nhiệm vụ", "nội dung", "tên nhiệm vụ", "công việc")
_FORM_WORDS = _keys("cộng hòa xã hội chủ nghĩa", "độc lập - tự do", "nơi nhận")


def role_of(header: str) -> str | None:
    """What a column header means, or None for an extra column."""
    key = header_key(header)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    if re.fullmatch(r"(số )?(tt|stt)", key):
        return STT
    lead, support = _LEAD_W in key, _SUPPORT_W in key
    if lead and support:
        return ASSIGNMENT
    if lead:
        return LEAD
    if support:
        return SUPPORT
    if key.startswith(_DEADLINE_HEADS):
        return DEADLINE
    if key.startswith(_PRODUCT_HEADS) or _PRODUCT_W in key:
        return PRODUCT
    if _ASSIGN_W in key or (_DO_W in key and any(w in key for w in _WHO)):
        return ASSIGNMENT
    if key.startswith(_TASK_HEADS):
        return TASK
    return None


# -- numbering codes -------------------------------------------------------------------

_ROMAN = re.compile(r"(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CODE_IN_TEXT = re.compile(r"^\s*([IVXL]+(?:\.\d+)*|\d+(?:\.\d+)*|[A-Z]|[a-zđ])\s*[.):\-–]\s*(\S.*)$", re.S)


@dataclass(frozen=True)
class Code:
    text: str
    level: float  # smaller is shallower
    kind: str  # "roman" | "letter" | "arabic" | "small" | "bullet"

    @property
    def group_like(self) -> bool:
        """Codes that only ever number groups (I, III.1, A)."""
        return self.kind in ("roman", "letter")


def parse_code(text: str) -> Code | None:
    s = text.strip()
    s = s[:-1] if s.endswith((".", ":", ")")) and len(s) > 1 else s
    if not s:
        return None
    head = s.split(".", 1)[0]
    if _ROMAN.fullmatch(head) and re.fullmatch(r"[IVXL]+(?:\.\d+)*", s):
        return Code(s, 1 + s.count("."), "roman")
    if re.fullmatch(r"[A-Z]", s):
        return Code(s, 0, "letter")
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", s):
        return Code(s, 10 + s.count("."), "arabic")
    if re.fullmatch(r"[a-zđ]", s):
        return Code(s, 20, "small")
    if re.fullmatch(r"[-+•*–]", s):
        return Code(s, 30, "bullet")
    return None


def split_code(text: str) -> tuple[Code | None, str]:
    """'I. NÂNG CAO …' → (Code I, 'NÂNG CAO …'); text without a code → (None, text)."""
    m = _CODE_IN_TEXT.match(text)
    if m:
        code = parse_code(m.group(1))
        if code and code.kind != "bullet":
            return code, m.group(2).strip()
    return None, text.strip()


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A row (or a whole table when row is 0) that could not be placed."""

    table: int
    row: int
    reason: str
    text: str = ""

    @property
    def where(self) -> str:
        return f"bảng {self.table}, dòng {self.row}" if self.row else f"bảng {self.table}"

    def __str__(self) -> str:
        tail = f": “{self.text}”" if self.text else ""
        return f"{self.where[0].upper()}{self.where[1:]}: {self.reason}{tail}"


@dataclass
class Group:
    code: str
    title: str
    level: float
    parent: Group | None
    table: int
    row: int
    tasks: int = 0
    children: int = 0

    @property
    def path(self) -> tuple[str, ...]:
        up = self.parent.path if self.parent else ()
        return (*up, self.title)


@dataclass
class RawTask:
    table: int
    row: int
    group: Group | None
    values: dict[str, str]  # role or extra header → text

    @property
    def text(self) -> str:
        return self.values.get(TASK, "")


@dataclass
class Layout:
    """A task table (one or more Word tables that continue each other)."""

    ncols: int
    roles: dict[str, int]  # role → column
    extras: list[tuple[int, str]]  # (column, header text) of extra columns
    tables: list[int] = field(default_factory=list)

    @property
    def signature(self) -> tuple[object, ...]:
        return (self.ncols, tuple(sorted(self.roles.items())), tuple(h for _, h in self.extras))


@dataclass
class Extraction:
    tasks: list[RawTask] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings, Vietnamese
    layouts: list[Layout] = field(default_factory=list)
    task_tables: list[int] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # one line per table, for "no task table" errors
    extras: list[str] = field(default_factory=list)  # extra column headers, in order of appearance
    layout_tables: list[Grid] = field(default_factory=list)  # header block, signature …


# -- header detection --------------------------------------------------------------------

HEADER_SEARCH_ROWS = 4


def _header_names(grid: Grid, r: int) -> list[str]:
    """Column names from row r, using row r+1 as a sub-header when it is one
    ('Cơ quan thực hiện' over 'Chủ trì' | 'Phối hợp')."""
    names = [cell.text if cell else "" for cell in grid.rows[r]]
    seen: set[int] = set()
    for c, cell in enumerate(grid.rows[r]):  # a header cell spanning columns names only its first
        if cell is not None:
            if id(cell.tc) in seen:
                names[c] = ""
            seen.add(id(cell.tc))
    return names


def _sub_header(grid: Grid, r: int) -> list[str] | None:
    """Row r+1 names sub-columns when each of its texts is a header ('Chủ trì', 'Phối hợp')
    standing under a row-r cell that spans several columns."""
    if r + 1 >= len(grid.rows):
        return None
    fresh = [(c, cell) for c, cell in grid.cells(r + 1) if cell.fresh and cell.text]
    if not fresh:
        return None
    roles = [role_of(cell.text) for _, cell in fresh]
    if not all(roles) or TASK in roles or STT in roles:
        return None
    for c, _ in fresh:
        above = grid.rows[r][c]
        if above is None or sum(1 for x in grid.rows[r] if x is not None and x.tc is above.tc) < 2:
            return None
    return [grid.text(r + 1, c) if cell is not None and cell.fresh else "" for c, cell in enumerate(grid.rows[r + 1])]


def _map_columns(names: list[str]) -> tuple[dict[str, int], list[tuple[int, str]]]:
    roles: dict[str, int] = {}
    extras: list[tuple[int, str]] = []
    for c, name in enumerate(names):
        if not name:  # no header of its own (under a header spanning columns): kept if it holds data
            extras.append((c, f"{UNNAMED} {c + 1}"))
            continue
        role = role_of(name)
        if role and role not in roles:
            roles[role] = c
        else:
            extras.append((c, " ".join(name.split())))
    return roles, extras


def find_header(grid: Grid) -> tuple[int, int, Layout] | None:
    """(first header row, number of header rows, layout) or None if no row names a task column."""
    best: tuple[int, int, Layout] | None = None
    for r in range(min(HEADER_SEARCH_ROWS, len(grid.rows))):
        names = _header_names(grid, r)
        sub = _sub_header(grid, r)
        height = 1
        if sub:
            names = [s or n for n, s in zip(names, sub)]
            height = 2
        roles, extras = _map_columns(names)
        if TASK not in roles or len(roles) < 2:
            continue
        if best is None or len(roles) > len(best[2].roles):
            best = (r, height, Layout(grid.ncols, roles, extras))
    return best


def _is_form_block(grid: Grid) -> bool:
    """The header block (quốc hiệu) or the signature block (Nơi nhận)."""
    text = match_key(" ".join(cell.text for r in range(len(grid.rows)) for _, cell in grid.cells(r)))
    return any(k in text for k in _FORM_WORDS)


def _is_layout_table(grid: Grid) -> bool:
    """Header block, signature block, boxes: tables that carry no data rows."""
    return grid.ncols < 2 or len(grid.rows) < 2 or _is_form_block(grid)


# -- rows ------------------------------------------------------------------------------------


@dataclass
class _Row:
    table: int
    row: int  # 1-based, in the Word table
    layout: Layout
    values: dict[str, str]  # role or extra header → text (horizontally deduped)
    fresh: dict[str, bool]  # False: the cell is merged down from the row above
    single: str | None  # the text when one cell spanning several columns is the row's only content
    preview: str

    @property
    def stt(self) -> str:
        return self.values.get(STT, "")

    @property
    def details(self) -> bool:
        return any(self.values.get(k) for k in (*DETAILS, *(h for _, h in self.layout.extras)))

    @property
    def empty(self) -> bool:
        return not any(self.values.values())


def _row(grid: Grid, r: int, layout: Layout) -> _Row:
    values: dict[str, str] = {}
    fresh: dict[str, bool] = {}
    columns = [(role, c) for role, c in layout.roles.items()] + [(h, c) for c, h in layout.extras]
    for key, c in columns:
        cell = grid.rows[r][c] if c < len(grid.rows[r]) else None
        values[key] = grid.text(r, c) if cell is not None else ""
        fresh[key] = cell.fresh if cell is not None else True
    distinct = [(c, cell) for c, cell in grid.cells(r) if cell.text]
    single = None
    if len(distinct) == 1:
        c, cell = distinct[0]
        span = sum(1 for x in grid.rows[r] if x is not None and x.tc is cell.tc)
        if span >= 2 and cell.fresh:
            single = cell.text
    return _Row(grid.number, r + 1, layout, values, fresh, single, grid.row_text(r))


def _is_header_repeat(row: _Row) -> bool:
    task = row.values.get(TASK, "")
    if role_of(task) != TASK:
        return False
    return all(not text or role_of(text) == key for key, text in row.values.items() if key in _HEADERS)


def _is_number_row(row: _Row) -> bool:
    """'(1) (2) (3) …' under the header: column numbers, not data."""
    texts = [t for t in row.values.values() if t]
    numbers = [re.fullmatch(r"\(?(\d{1,2})\)?\.?", t) for t in texts]
    if len(texts) < 3 or not all(numbers):
        return False
    seq = [int(m.group(1)) for m in numbers if m]
    return seq == sorted(seq) and len(set(seq)) == len(seq)


# -- the walk --------------------------------------------------------------------------------


def extract(body: Body) -> Extraction:
    out = Extraction()
    rows: list[_Row] = []
    current: Layout | None = None
    gap = False  # text between the last task table and this one
    for block in body.blocks:
        if isinstance(block, str):
            if block.strip():
                gap = True
            continue
        grid = block
        first = grid.row_text(0, 80) if grid.rows else ""
        size = f"{len(grid.rows)} dòng × {grid.ncols} cột"
        found = find_header(grid)
        if found:
            start, height, layout = found
            if current is not None and layout.signature == current.signature:
                layout = current
            else:
                out.layouts.append(layout)
                current = layout
            layout.tables.append(grid.number)
            out.task_tables.append(grid.number)
            out.seen.append(f"Bảng {grid.number} ({size}): bảng nhiệm vụ — {first}")
            for r in range(start):
                if any(cell.text for _, cell in grid.cells(r)):
                    out.notes.append(f"Bảng {grid.number}, dòng {r + 1}: dòng phía trên tên cột được coi là "
                                     f"tiêu đề, không phải nhiệm vụ: “{grid.row_text(r, 80)}”.")
            rows += [_row(grid, r, layout) for r in range(start + height, len(grid.rows))]
            gap = False
        elif current is not None and not gap and grid.ncols == current.ncols and not _is_form_block(grid):
            # The table goes on after a page break without repeating its header.
            current.tables.append(grid.number)
            out.task_tables.append(grid.number)
            out.seen.append(f"Bảng {grid.number} ({size}): tiếp theo bảng nhiệm vụ phía trên — {first}")
            rows += [_row(grid, r, current) for r in range(len(grid.rows))]
        elif _is_layout_table(grid):
            out.layout_tables.append(grid)
            out.seen.append(f"Bảng {grid.number} ({size}): không phải bảng nhiệm vụ — {first}")
        else:
            names = " | ".join(" ".join(t.split()) for t in _header_names(grid, 0) if t)
            out.seen.append(f"Bảng {grid.number} ({size}): không có cột nhiệm vụ — {first}")
            out.skipped.append(Skipped(
                grid.number, 0,
                f"không nhận ra bảng nhiệm vụ ({len(grid.rows)} dòng; cần cột 'Nhiệm vụ' hoặc 'Nội dung' "
                "và cột STT/Thời gian/Chủ trì/Kết quả)", names[:160]))
            gap = True
    _classify(rows, out)
    for layout in out.layouts:
        for _, header in layout.extras:
            if header in out.extras:
                continue
            if not header.startswith(UNNAMED) or any(t.values.get(header) for t in out.tasks):
                out.extras.append(header)
    return out


def _classify(rows: list[_Row], out: Extraction) -> None:
    _Classifier(rows, out).run()


class _Classifier:
    """Sorts the content rows of the task tables into groups, tasks and continuations, in order."""

    def __init__(self, rows: list[_Row], out: Extraction):
        self.out = out
        self.content = [r for r in rows if not r.empty and not _is_header_repeat(r) and not _is_number_row(r)]
        self.numbered: dict[int, bool] = {}  # id(layout) → some task row carries an Arabic STT
        self.roman: dict[int, bool] = {}
        for r in self.content:
            code = parse_code(r.stt) if r.stt else None
            if code and code.kind == "arabic":
                self.numbered[id(r.layout)] = True
            heading = split_code(r.single)[0] if r.single else None
            if (code and code.group_like) or (heading and heading.group_like):
                self.roman[id(r.layout)] = True
        self.stack: list[Group] = []
        self.last: RawTask | None = None  # the task a continuation row joins
        self.ungrouped = 0

    def run(self) -> None:
        layout: Layout | None = None
        for i, r in enumerate(self.content):
            if r.layout is not layout:
                layout, self.stack, self.last = r.layout, [], None
            self.row(i, r)
        self.notes()

    def push(self, code: Code | None, title: str, r: _Row) -> None:
        # An unnumbered heading is a top-level group, or one just under the Roman groups.
        unnumbered = 5 if self.roman.get(id(r.layout)) else 1
        level = code.level if code is not None else unnumbered
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent:
            parent.children += 1
        group = Group(code.text if code else "", title, level, parent, r.table, r.row)
        self.stack.append(group)
        self.out.groups.append(group)
        self.last = None

    def deeper_next(self, i: int, code: Code) -> bool:
        """Whether the next row is numbered deeper than `code` ("1" then "1.1" or "a)")."""
        if i + 1 >= len(self.content):
            return False
        nxt = self.content[i + 1]
        nc = split_code(nxt.single)[0] if nxt.single else parse_code(nxt.stt) if nxt.stt else None
        return nc is not None and nc.level > code.level

    def skip(self, r: _Row, reason: str) -> None:
        self.out.skipped.append(Skipped(r.table, r.row, reason, r.preview))

    def heading(self, r: _Row, code: Code | None, task_text: str) -> bool:
        """Rows 1–3: a group heading, taken (or skipped) here; False when the row is no heading."""
        if r.details:
            return False
        # 1. one cell merged across the row: a heading ("I. NÂNG CAO …", "Nhóm nhiệm vụ …")
        if r.single is not None:
            if not _has_letters(r.single):
                self.skip(r, "dòng không có chữ (không phải nhiệm vụ, không phải tên nhóm)")
            else:
                self.push(*split_code(r.single), r)
            return True
        # 2. a group code in the STT cell, a title beside it
        if code is not None and code.group_like:
            title = task_text or next((v for k, v in r.values.items() if v and k != STT), "")
            if not title:
                self.skip(r, f"dòng nhóm {code.text} không có tên nhóm")
            else:
                self.push(code, title, r)
            return True
        # 3. no STT, the group code inside the text ("I. Cải cách thể chế")
        if not r.stt and task_text:
            c, title = split_code(task_text)
            if c is not None and c.group_like:
                self.push(c, title, r)
                return True
        return False

    def row(self, i: int, r: _Row) -> None:
        code = parse_code(r.stt) if r.stt else None
        task_text = r.values.get(TASK, "")
        if self.heading(r, code, task_text):
            return
        # 4. a row split across pages continues the task above
        stt_continued = STT in r.layout.roles and (not r.stt or not r.fresh.get(STT, True))
        if stt_continued and self.numbered.get(id(r.layout)) and self.last is not None:
            for key, value in r.values.items():
                if key == STT or not value or not r.fresh.get(key, True):
                    continue
                self.last.values[key] = f"{self.last.values.get(key, '')} {value}".strip()
            return
        # 5. a numbered title with nothing else, numbered deeper below: a sub-group
        if code is not None and not r.details and task_text and self.deeper_next(i, code):
            self.push(code, task_text, r)
            return
        # 6. a task
        if not task_text:
            self.skip(r, "dòng không có nội dung nhiệm vụ" if r.details or r.stt
                      else "dòng không có nội dung nhiệm vụ và không nối được vào nhiệm vụ nào phía trên")
            return
        while code is not None and self.stack and self.stack[-1].level >= code.level:
            self.stack.pop()  # task "2" closes group "1" (whose tasks were "1.1", "1.2")
        group = self.stack[-1] if self.stack else None
        if group is None:
            self.ungrouped += 1
        else:
            group.tasks += 1
        self.last = RawTask(r.table, r.row, group, {k: v for k, v in r.values.items() if k != STT})
        self.out.tasks.append(self.last)

    def notes(self) -> None:
        out = self.out
        if self.ungrouped:
            out.notes.append(f"{self.ungrouped} nhiệm vụ không nằm dưới nhóm nào; Lĩnh vực ghi là “{DEFAULT_SECTION}”.")
        for g in out.groups:
            if not g.tasks and not g.children:
                out.notes.append(f"Bảng {g.table}, dòng {g.row}: nhóm “{g.title}” không có nhiệm vụ nào nên không "
                                 "có trong sổ.")
        if any(g.parent is not None for g in out.groups if g.tasks):
            out.notes.append("Bảng có nhóm nhiều cấp (ví dụ III.1, III.1.1): Lĩnh vực của mỗi nhiệm vụ là nhóm sâu "
                             "nhất chứa nó.")


def sections(tasks: Iterable[RawTask]) -> dict[int, str]:
    """id(task) → Lĩnh vực: the deepest group's title, 'Parent - Child' where two
    different groups share a title."""
    tasks = list(tasks)
    paths: dict[str, set[tuple[str, ...]]] = {}
    for t in tasks:
        if t.group:
            paths.setdefault(match_key(t.group.title), set()).add(t.group.path)
    out: dict[int, str] = {}
    for t in tasks:
        if t.group is None:
            out[id(t)] = DEFAULT_SECTION
        elif len(paths[match_key(t.group.title)]) > 1:
            out[id(t)] = " - ".join(t.group.path)
        else:
            out[id(t)] = t.group.title
    return out
