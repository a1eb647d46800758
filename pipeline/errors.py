"""The one exception type the CLI turns into a message and an exit code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from pipeline.schema import MAX_PROBLEMS


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
    # Found by validating the workbook (`api.load`): every command reading those sheets finds it
    # again, so only `validate` lists it; the others print how many there are (cli._finish).
    workbook: bool = False

    @property
    def where(self) -> str:
        parts = [p for p in (self.file, self.sheet) if p]
        loc = " › ".join(parts)
        if self.cell:
            loc = f"{loc} › {self.cell}" if loc else self.cell
        return loc

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class Findings(list[Problem]):
    """Problems up to a bound; past it they are only counted, so a file with millions of bad
    cells cannot fill memory and the screen with messages."""

    def __init__(self, items: Iterable[Problem] = (), limit: int = MAX_PROBLEMS):
        super().__init__(items)
        self.limit = limit
        self.more = {Severity.ERROR: 0, Severity.WARNING: 0}

    def add(self, problem: Problem) -> None:
        if len(self) < self.limit:
            self.append(problem)
        else:
            self.more[problem.severity] += 1

    def complete(self) -> list[Problem]:
        """The kept problems, then one line per severity saying how many more there are."""
        out = list(self)
        for severity, n in self.more.items():
            if n:
                more, kept = f"{n:,}".replace(",", "."), f"{self.limit:,}".replace(",", ".")
                out.append(Problem(f"… và {more} {severity.value} khác, không liệt kê (chỉ ghi {kept} thông báo đầu "
                                   "tiên). Hãy sửa các lỗi trên rồi chạy lại.", severity=severity))
        return out


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
