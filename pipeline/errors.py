"""The one exception type the CLI turns into a message and an exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    """One finding about the input, located as precisely as we can."""

    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    severity: Severity = Severity.ERROR

    @property
    def where(self) -> str:
        parts = [p for p in (self.file, self.sheet) if p]
        loc = " › ".join(parts)
        if self.cell:
            loc = f"{loc} › {self.cell}" if loc else self.cell
        return loc

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class CchcError(Exception):
    """Raised for invalid input or a refused action; the CLI prints it and exits with `exit_code`.

    `problems` carries every finding so a clerk sees them all at once, not one per run.
    """

    message: str
    problems: list[Problem] = field(default_factory=list)
    exit_code: int = 1

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        lines = [self.message]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)
