"""Find the department's own units in assignment texts and give each a code.

A unit is a capitalised phrase that starts with a unit-type word — "Văn phòng Sở",
"Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Chi cục QLĐĐ", "Trung tâm CNTT",
"Văn phòng Đăng ký đất đai Đồng Nai", "Ban Quản lý …" — or an abbreviation of one
("TTCNTT TNMT", "VPĐKĐĐ"). It ends at punctuation or at a verb such as "chủ trì",
"phối hợp", "thực hiện". Bodies outside the department ("UBND tỉnh", "Sở Nội vụ",
"Bộ …", "Văn phòng UBND tỉnh") are not units.

Names that abbreviate each other ("Chi cục QLDD" / "Chi cục Quản lý đất đai",
"Trung tâm CNTT" / "TTCNTT TNMT", "Văn phòng" / "Văn phòng Sở") share a key: the
type plus the initials of the rest, after dropping what only names the department
("Sở", its field "nông nghiệp và môi trường" or "NNMT", the province). One unit per
key; the fullest name is the unit's name, the others its aliases; the key gives
the code (VP, TTR, KHTC, CCQLDD, TTCNTT, VPDKDD).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.model import Unit, UnitType
from pipeline.text import match_key

# (type phrase as a match key, unit type, key prefix); longer phrases first.
_TYPES: tuple[tuple[str, UnitType, str], ...] = tuple((match_key(phrase), utype, prefix) for phrase, utype, prefix in (
    ("văn phòng đăng ký", UnitType.DVSN, "VPDK"),
    ("ban quản lý", UnitType.DVSN, "BQL"),
    ("trung tâm", UnitType.DVSN, "TT"),
    ("chi cục", UnitType.CHI_CUC, "CC"),
    ("văn phòng", UnitType.PHONG, "VP"),
    ("thanh tra", UnitType.PHONG, "TTR"),
    ("phòng", UnitType.PHONG, "P"),
))

# Abbreviated unit names: prefix → (type, key prefix). "TTHC" and "CCHC" are not units.
_ABBR = re.compile(r"^(VPĐK|VPDK|BQL|TT|CC)([A-ZĐ&]{2,})$")
_ABBR_TYPES = {"VPĐK": (UnitType.DVSN, "VPDK"), "VPDK": (UnitType.DVSN, "VPDK"), "BQL": (UnitType.DVSN, "BQL"),
               "TT": (UnitType.DVSN, "TT"), "CC": (UnitType.CHI_CUC, "CC")}
_NOT_UNITS = {"TTHC", "CCHC", "CCVC", "TTTT", "TTDL", "TTCP", "TTXVN", "TTĐT", "TTDT"}

# Words that end a unit name: what units do, and the small words around them.
_STOP = {match_key(w) for w in (
    "chủ trì", "phối hợp", "thực hiện", "triển khai", "hướng dẫn", "tham mưu", "tổ chức", "xây dựng", "báo cáo",
    "tổng hợp", "theo dõi", "đôn đốc", "kiểm tra", "rà soát", "cập nhật", "gửi", "trình", "có", "được", "là",
    "để", "với", "cùng", "các", "của", "theo", "về", "trong", "tại", "hoặc", "đối với", "phụ trách", "giúp",
    "lập", "ban hành", "đề xuất", "chịu trách nhiệm", "chịu", "thi hành", "căn cứ", "khi", "sau", "trước", "cho",
    "những", "nhằm",
    "đảm bảo", "bảo đảm", "liên quan", "thuộc", "trực thuộc", "đơn vị", "thẩm định", "tiếp nhận",
    "giải quyết", "công khai", "hoàn thành", "đăng tải", "chỉ đạo", "phê duyệt", "đánh giá", "tuyên truyền",
    "tập huấn", "sử dụng", "vận hành", "nâng cấp", "duy trì", "bố trí", "và", "hay", "như", "đã", "sẽ", "đang",
    "phải", "cần", "từ", "đến", "nếu", "thì", "mà", "do", "bằng", "qua", "tới", "vào", "ra", "lên",
    "cơ quan", "địa phương", "cá nhân", "doanh nghiệp", "người dân", "nhân dân", "tổ chức",
)}
_ROLES = {match_key(w) for w in ("chủ trì", "phối hợp", "thực hiện", "triển khai", "tham mưu")}
_COLLECTIVE = {match_key(w) for w in ("các", "những", "mỗi", "từng", "mọi")}
_OUTSIDE_WORDS = ("tỉnh", "ubnd", "ủy ban", "uỷ ban", "chính phủ", "trung ương", "quốc gia", "huyện", "quận",
                  "thị xã", "thành phố", "tp", "phường", "hđnd", "quốc hội", "thủ tướng", "chủ tịch",
                  "tỉnh ủy", "tỉnh uỷ")
_OUTSIDE = re.compile(r"(?<!\w)(" + "|".join(re.escape(match_key(w)) for w in _OUTSIDE_WORDS) + r")(?!\w)")
# "Bộ" and "xã" name outside bodies only as such: "Bộ Nội vụ", "UBND xã", not "cán bộ", "xã hội".
_MINISTRY = re.compile(r"(?<!\w)Bộ(?!\w)")
_COMMUNE = re.compile(r"(?<!\w)xã(?!\w)(?!\s+hội)", re.IGNORECASE)


def _outside(name: str) -> bool:
    return bool(_OUTSIDE.search(match_key(name)) or _MINISTRY.search(name) or _COMMUNE.search(name))


_AND = match_key("và")
_TOKEN = re.compile(r"[^\W_]+(?:&[^\W_]+)*|\S")
_MAX_WORDS = 14


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def cap(self) -> bool:
        return self.text[0].isupper() or self.text[0].isdigit()

    @property
    def abbr(self) -> bool:
        letters = [ch for ch in self.text if ch.isalpha()]
        return len(letters) >= 2 and all(ch.isupper() for ch in letters)

    @property
    def key(self) -> str:
        return match_key(self.text)


@dataclass(frozen=True)
class Mention:
    name: str  # as written
    type: UnitType
    prefix: str  # key prefix of its type
    tail: str  # the name without its type words


def _type_at(toks: list[_Tok], i: int) -> tuple[int, UnitType, str] | None:
    """(number of tokens, type, prefix) if a capitalised unit-type phrase starts at i."""
    if not toks[i].word or not toks[i].cap:
        return None
    for phrase, utype, prefix in _TYPES:
        words = phrase.split()
        if i + len(words) <= len(toks) and all(toks[i + k].key == words[k] for k in range(len(words))):
            return len(words), utype, prefix
    return None


def _stop_at(toks: list[_Tok], j: int) -> bool:
    if toks[j].key in _STOP:
        return True
    return j + 1 < len(toks) and f"{toks[j].key} {toks[j + 1].key}" in _STOP


def _role_at(toks: list[_Tok], j: int) -> bool:
    """A capitalised verb of assignment ("Chủ trì") ends a name too."""
    if toks[j].key in _ROLES:
        return True
    return j + 1 < len(toks) and f"{toks[j].key} {toks[j + 1].key}" in _ROLES


def find_mentions(text: str) -> list[Mention]:
    """Every unit-like phrase in `text`, outside bodies excluded."""
    toks = [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        abbr = _ABBR.match(tok.text) if tok.word else None
        found = _type_at(toks, i)
        prev = toks[i - 1].key if i else ""
        if abbr and tok.text not in _NOT_UNITS and prev not in _COLLECTIVE:
            utype, prefix = _ABBR_TYPES[abbr.group(1)]
            j = i + 1
            while j < len(toks) and toks[j].word and toks[j].abbr and len(toks[j].text) <= 8:
                j += 1
            rest = text[toks[i].start + len(abbr.group(1)): toks[j - 1].end]
            out.append(Mention(text[tok.start: toks[j - 1].end], utype, prefix, rest))
            i = j
            continue
        if found is None or prev in _COLLECTIVE:
            i += 1
            continue
        n, utype, prefix = found
        j = i + n
        last = j - 1  # last token of the name
        proper = prefix in ("VPDK", "BQL")  # the type phrase is already a name
        while j < len(toks) and j - i < _MAX_WORDS:
            t = toks[j]
            if not t.word:
                # "Kế hoạch - Tài chính", "TNN-KS-KTTV": a dash inside a name
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                if t.text in "-–" and proper and nxt and nxt.word and nxt.cap and _type_at(toks, j + 1) is None:
                    j += 1
                    continue
                break
            if _type_at(toks, j) is not None:
                break
            if t.cap and not _role_at(toks, j):
                proper, last = True, j
            elif t.key == _AND and proper and j + 1 < len(toks) and toks[j + 1].word \
                    and not _stop_at(toks, j + 1) and _type_at(toks, j + 1) is None:
                pass  # "nông nghiệp và môi trường"
            elif proper and not _stop_at(toks, j):
                last = j
            else:
                break
            j += 1
        if not proper and prefix not in ("VP", "TTR", "VPDK"):
            i += n  # "Phòng" alone, "Trung tâm" alone: not a name
            continue
        name = text[tok.start: toks[last].end]
        tail = text[toks[i + n - 1].end: toks[last].end].strip() if last >= i + n else ""
        if not _outside(name):
            out.append(Mention(name, utype, prefix, tail))
        i = last + 1
    return out


# -- merging and codes --------------------------------------------------------------------


def _ascii_upper(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).upper()


def initials(text: str) -> str:
    """'Quản lý đất đai' → 'QLDD'; abbreviations keep all their letters ('KH&CN' → 'KHCN')."""
    out = []
    for m in _TOKEN.finditer(text):
        tok = _Tok(m.group(0), m.start(), m.end())
        if not tok.word or tok.key == _AND:
            continue
        out.append("".join(ch for ch in _ascii_upper(tok.text) if ch.isalnum()) if tok.abbr
                   else _ascii_upper(tok.text[0]))
    return "".join(out)


def _strip_qualifiers(tail: str, qualifiers: list[str]) -> str:
    """Drop trailing words that only say whose unit it is."""
    words = [m.group(0) for m in _TOKEN.finditer(tail) if m.group(0)[0].isalnum()]
    keys = [match_key(w) for w in words]
    changed = True
    while changed and keys:
        changed = False
        for q in qualifiers:
            qw = q.split()
            if qw and keys[-len(qw):] == qw:
                del keys[-len(qw):], words[-len(qw):]
                changed = True
                break
    return " ".join(words)


def qualifiers_for(agency: str, province: str) -> list[str]:
    """Words that only say whose unit it is: 'Sở', the department's field and its
    initials, the province ('Văn phòng Đăng ký đất đai Đồng Nai')."""
    out = [match_key(w) for w in ("sở", "thuộc sở", "trực thuộc sở")]
    words = agency.split()
    if len(words) > 1:
        field_name = " ".join(words[1:])
        out += [match_key(field_name), initials(field_name).casefold()]
    if province:
        out += [match_key(province), match_key(f"tỉnh {province}")]
    return [q for q in out if q]


@dataclass
class _Found:
    key: str
    type: UnitType
    prefix: str
    names: list[str] = field(default_factory=list)


def _fullness(name: str) -> tuple[int, int]:
    toks = [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(name)]
    return sum(1 for t in toks if t.word and not t.abbr), len(name)


def build_units(texts: Iterable[str], qualifiers: list[str]) -> list[Unit]:
    """Units named in `texts`, aliases merged, codes unique; offices first, then
    other phòng, chi cục, đơn vị sự nghiệp, each in order of first mention."""
    found: dict[str, _Found] = {}
    for text in texts:
        for m in find_mentions(text):
            key = m.prefix + initials(_strip_qualifiers(m.tail, qualifiers))
            entry = found.setdefault(key, _Found(key, m.type, m.prefix))
            if all(match_key(n) != match_key(m.name) for n in entry.names):
                entry.names.append(m.name)
    rank = {"VP": 0, "TTR": 1}
    order = sorted(found.values(), key=lambda f: (
        list(UnitType).index(f.type), rank.get(f.key, 2)))
    units: list[Unit] = []
    taken: set[str] = set()  # match keys of every code, name and alias used so far
    for f in order:
        names = sorted(f.names, key=_fullness, reverse=True)
        name = names[0]
        aliases = [n for n in names[1:] if match_key(n) not in taken]
        code = _code(f, taken)
        taken |= {match_key(code), match_key(name), *(match_key(a) for a in aliases)}
        units.append(Unit(code, name, f.type, tuple(aliases)))
    return units


def _code(f: _Found, taken: set[str]) -> str:
    base = f.key
    if f.prefix == "P" and len(base) > 1:
        base = base[1:]  # "Phòng Kế hoạch - Tài chính" → KHTC, as clerks write it
    code, n = base, 2
    while match_key(code) in taken:
        code, n = f"{base}{n}", n + 1
    return code


def default_office(units: list[Unit]) -> Unit | None:
    """The Văn phòng (VP) unit, which leads tasks that name no unit."""
    return next((u for u in units if u.code == "VP"), None)


def doubtful_units(units: list[Unit]) -> list[tuple[Unit, Unit]]:
    """Pairs of units of one type the names could not tell apart: one code extends the other
    ("Phòng Tài nguyên nước" TNN, "Phòng TNN-KS-KTTV" TNNKSKTTV), or the codes differ only by
    the number added to keep them unique (KHTC, KHTC2)."""
    def stem(code: str) -> str:
        return code.rstrip("0123456789") or code

    out = []
    for i, a in enumerate(units):
        for b in units[i + 1:]:
            if a.type is b.type and (stem(b.code).startswith(stem(a.code)) or stem(a.code).startswith(stem(b.code))):
                out.append((a, b))
    return out
