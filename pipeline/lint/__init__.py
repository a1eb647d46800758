"""Check Word documents against Nghị định 30/2020/NĐ-CP, and templates against the data.

    lint_docx(path)                 every format problem of a .docx, with where it is
    lint_template(path, provided)   every template variable the data does not provide

Both return `Problem`s (severity ERROR or WARNING); an unreadable file raises CchcError.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipeline.errors import Problem
from pipeline.lint import resolve, rules, template_vars


def lint_docx(path: Path) -> list[Problem]:
    """Nghị định 30 problems of one .docx: page setup, fonts, header block, body, signature,
    Nơi nhận, page numbers and phụ lục, each located by an excerpt of its paragraph."""
    return rules.Checker(resolve.load(Path(path))).run()


def lint_template(path: Path, provided: Mapping) -> list[Problem]:
    """Variables the template at `path` uses that `provided` (an example context) lacks,
    loop fields included, each located by its paragraph."""
    return template_vars.check(Path(path), provided)


__all__ = ["lint_docx", "lint_template"]
