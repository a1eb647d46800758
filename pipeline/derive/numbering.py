"""Section numbers (I, II, …) and STT within each section, from the current rows."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Task
from pipeline.schema import roman
from pipeline.text import match_key


@dataclass(frozen=True)
class NumberedTask:
    stt: int
    task: Task


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    tasks: tuple[NumberedTask, ...]

    @property
    def roman(self) -> str:
        return roman(self.number)


def number_sections(tasks: list[Task]) -> list[Section]:
    """Group tasks by Lĩnh vực in order of first appearance; number STT within each.

    The order of tasks inside a section is the workbook's row order, so inserting,
    deleting or moving a row and regenerating renumbers everything.
    """
    order: dict[str, list[Task]] = {}
    titles: dict[str, str] = {}
    for task in tasks:
        key = match_key(task.section)
        titles.setdefault(key, task.section)
        order.setdefault(key, []).append(task)
    return [
        Section(i, titles[key], tuple(NumberedTask(j, t) for j, t in enumerate(group, 1)))
        for i, (key, group) in enumerate(order.items(), 1)
    ]
