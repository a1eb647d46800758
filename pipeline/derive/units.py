"""Resolve unit names typed by people to unit codes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from pipeline.model import Unit
from pipeline.text import match_key

SEPARATORS = re.compile(r"[;\n]+")


@dataclass(frozen=True)
class Resolution:
    code: str | None
    candidates: tuple[str, ...] = ()  # several codes: the name is ambiguous
    suggestion: str | None = None  # nearest known name when nothing matched


class UnitIndex:
    """Looks a unit up by code, name or alias, whatever the case, spacing,
    Unicode form or tone placement (Hòa/Hoà)."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self._by_key: dict[str, set[str]] = {}
        self._display: dict[str, str] = {}
        for unit in units:
            for name in (unit.code, unit.name, *unit.aliases):
                key = match_key(name)
                if key:
                    self._by_key.setdefault(key, set()).add(unit.code)
                    self._display.setdefault(key, name)

    def resolve(self, name: str) -> Resolution:
        key = match_key(name)
        codes = self._by_key.get(key)
        if codes and len(codes) == 1:
            return Resolution(next(iter(codes)))
        if codes:
            return Resolution(None, tuple(sorted(codes)))
        near = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.6)
        return Resolution(None, suggestion=self._display[near[0]] if near else None)

    def conflicts(self) -> list[tuple[str, list[str]]]:
        """Names (or aliases) that point at more than one unit."""
        return [(self._display[k], sorted(c)) for k, c in self._by_key.items() if len(c) > 1]

    def by_type(self, *types: str) -> list[str]:
        return [u.code for u in self.units if u.type in types]



def split_names(text: str) -> list[str]:
    """'VP; KHTC' → ['VP', 'KHTC']; a cell may also list one unit per line."""
    return [part.strip() for part in SEPARATORS.split(text or "") if part.strip()]
