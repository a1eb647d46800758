"""Guess lead (chủ trì) and cooperating (phối hợp) units from a free-text assignment.

Plans write assignments as prose: "Văn phòng Sở chủ trì; các phòng đơn vị phối hợp",
"TTCNTT TNMT thực hiện. Các phòng, đơn vị phối hợp.", "Các phòng, Chi cục". The
import command and the bundled-data builder use this to fill the unit columns; the
clerk can then correct them in the workbook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.derive.units import UnitIndex
from pipeline.text import match_key

# Collective phrases → unit types, longest first so "các phòng, đơn vị sự nghiệp"
# is not read as "các phòng, đơn vị".
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (match_key(phrase), types)
    for phrase, types in (
        ("các phòng, đơn vị sự nghiệp", ("phong", "dvsn")),
        ("các phòng, chi cục", ("phong", "chi_cuc")),
        ("các phòng/ đơn vị", ("phong", "chi_cuc", "dvsn")),
        ("các phòng/đơn vị", ("phong", "chi_cuc", "dvsn")),
        ("các phòng, đơn vị", ("phong", "chi_cuc", "dvsn")),
        ("các phòng đơn vị", ("phong", "chi_cuc", "dvsn")),
        ("các đơn vị sự nghiệp", ("dvsn",)),
        ("đơn vị sự nghiệp", ("dvsn",)),
        ("các đơn vị trực thuộc", ("chi_cuc", "dvsn")),
        ("các phòng", ("phong",)),
        ("các chi cục", ("chi_cuc",)),
        ("các đơn vị", ("phong", "chi_cuc", "dvsn")),
    )
)

_LEAD = re.compile(r"\bchủ trì\b")
_SUPPORT = re.compile(r"\bphối hợp\b")
_DO = re.compile(r"\b(thực hiện|triển khai)\b")


@dataclass(frozen=True)
class Assignment:
    lead: tuple[str, ...]
    support: tuple[str, ...]
    defaulted: bool = False  # no unit named: the default lead was used


def _mentions(text: str, index: UnitIndex) -> list[str]:
    """Unit codes named in `text` (already a match key), longest names first."""
    names = sorted(
        ((match_key(n), u.code) for u in index.units for n in (u.name, *u.aliases) if n),
        key=lambda pair: -len(pair[0]),
    )
    found: list[str] = []
    for key, code in names:
        pattern = r"(?<!\w)" + re.escape(key) + r"(?!\w)"
        if re.search(pattern, text):
            if code not in found:
                found.append(code)
            text = re.sub(pattern, " ", text)
    for key, types in _GROUPS:
        if re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", text):
            found += [c for c in index.by_type(*types) if c not in found]
            text = text.replace(key, " ")
    return found


def guess_assignment(text: str, index: UnitIndex, default_lead: str | None = None) -> Assignment:
    key = match_key(text)
    lead_part, support_part = key, ""
    m_lead = _LEAD.search(key)
    m_support = _SUPPORT.search(key)
    if m_lead and not _mentions(key[: m_lead.start()], index) and key[m_lead.end():].lstrip().startswith(":"):
        # "Chủ trì: Thanh tra Sở; Phối hợp: Văn phòng Sở" — the label comes first.
        after = key[m_lead.end():]
        m_next = _SUPPORT.search(after)
        lead_part, support_part = (after[: m_next.start()], after[m_next.end():]) if m_next else (after, "")
    elif m_lead:
        lead_part, support_part = key[: m_lead.start()], key[m_lead.end():]
    elif m_support:
        # "X thực hiện. Y phối hợp." — the cooperating units are named just before "phối hợp".
        before = key[: m_support.start()]
        cut = max(before.rfind("."), before.rfind(";"))
        m_do = None if cut >= 0 else _DO.search(before)
        if cut >= 0:
            lead_part, support_part = before[:cut], before[cut + 1:]
        elif m_do:
            lead_part, support_part = before[: m_do.start()], before[m_do.end():]
        else:
            lead_part, support_part = "", before
    lead = _mentions(lead_part, index)
    support = [c for c in _mentions(support_part, index) if c not in lead]
    defaulted = False
    if not lead and default_lead:
        lead, defaulted = [default_lead], True
        support = [c for c in support if c != default_lead]
    return Assignment(tuple(lead), tuple(support), defaulted)
