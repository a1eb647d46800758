"""The contract's building blocks: a sheet's columns, their kinds, and ThongTin's fields."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    DATE = "date"
    PARTIAL_DATE = "partial_date"  # "05/01/2025", "01/2025" or blank: the văn thư fills the day
    PERIOD = "period"  # 1–4, "Quý III", "Q3", "III", "6 tháng", "năm"
    PERCENT = "percent"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False  # the column must exist
    nonempty: bool = False  # each data row must fill it
    kind: Kind = Kind.TEXT
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    title: str  # what the sheet is, for messages
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    optional: bool = False  # a missing sheet is no problem (read as absent)

    def column(self, key: str) -> Column:
        """The column of `key`; KeyError for a key the contract does not have (a typo in code)."""
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"{self.name} has no column {key!r}")


@dataclass(frozen=True)
class Field:
    """One row kind of the two-column ThongTin sheet (Trường | Giá trị)."""

    key: str
    label: str
    required: bool = False
    multi: bool = False  # one row per line, the label repeated (căn cứ, nơi nhận)
    kind: Kind = Kind.TEXT
    aliases: tuple[str, ...] = ()
    help: str = ""
    # Placeholders like {năm} are expanded in these fields.
    template: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)
