"""Which variables a docxtpl template uses that the pipeline's data does not provide.

The template's XML goes through docxtpl's own tag clean-up (`patch_xml`, which joins
tags Word split across runs and unwraps {%p %}, {%tr %}, {{r }}), then Jinja's parser.
The syntax tree is walked with the shape of an example context: a loop variable takes
the shape of its list's items, so `{% for t in s.nhiem_vu %}{{ t.deadline }}` is
checked against the fields the rows really have.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Problem, Severity
from pipeline.lint.rules import excerpt
from pipeline.ooxml import package, serial
from pipeline.ooxml.ns import RT_FOOTER, RT_FOOTNOTES, RT_HEADER

ANY = object()  # a value whose shape is unknown (None in the example, a filter's result …)
_TAG_START = re.compile(r"\{[{%#]")
_JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "caller",
                            "true", "false", "none", "True", "False", "None"})
# Filters whose result is a list of the same items, or one of the items.
_SAME_LIST = frozenset({"sort", "reverse", "list", "unique", "selectattr", "rejectattr", "select", "reject"})
_ONE_ITEM = frozenset({"first", "last", "random", "min", "max"})
_LENIENT = frozenset({"default", "d"})


@dataclass(frozen=True)
class Seq:
    """A list in the example context, with the merged shape of its items."""

    item: object


def shape(value: object) -> object:
    if value is None:
        return ANY
    if isinstance(value, Mapping):
        return {str(k): shape(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return Seq(merge([shape(v) for v in value]))
    return value


def merge(shapes: list[object]) -> object:
    known = [s for s in shapes if s is not ANY]
    if not known:
        return ANY
    dicts = [s for s in known if isinstance(s, dict)]
    if len(dicts) == len(known):
        out: dict[str, list[object]] = {}
        for d in dicts:
            for k, v in d.items():
                out.setdefault(k, []).append(v)
        return {k: merge(v) for k, v in out.items()}
    seqs = [s for s in known if isinstance(s, Seq)]
    if len(seqs) == len(known):
        return Seq(merge([s.item for s in seqs]))
    return known[0] if all(type(s) is type(known[0]) for s in known) else ANY


# -- reading the template -----------------------------------------------------------


@dataclass
class Source:
    part: str  # "" for the body, "đầu trang", "chân trang" …
    xml: str  # patched, newlines removed
    starts: list[int] = field(default_factory=list)  # offset of the tag on each source line

    def jinja(self) -> str:
        """The XML with each tag on its own line, so a node's line number finds its tag."""
        self.starts = [0]
        chunks, pos = [], 0
        for m in _TAG_START.finditer(self.xml):
            chunks.append(self.xml[pos: m.start()])
            self.starts.append(m.start())
            pos = m.start()
        chunks.append(self.xml[pos:])
        return "\n".join(chunks)

    def where(self, lineno: int | None) -> str:
        offset = self.starts[min(max((lineno or 1) - 1, 0), len(self.starts) - 1)]
        text = serial.paragraph_text_at(self.xml, offset)
        if text is None:  # a {%p %} / {%tr %} tag: docxtpl removed its paragraph, the tag stands alone
            close = re.search(r"[}%#]}", self.xml[offset:])
            text = self.xml[offset: offset + close.end()] if close else self.xml[offset: offset + 60]
        prefix = f"{self.part}: " if self.part else ""
        return f'{prefix}đoạn "{excerpt(text)}"'


def sources(path: Path) -> list[Source]:
    """The template's body, headers, footers and footnotes as docxtpl patches them. The
    file is opened through pipeline.ooxml.package; docxtpl only cleans up the tags."""
    from docxtpl import DocxTemplate
    from lxml import etree

    tpl = DocxTemplate(str(path))  # patch_xml works on a string: the package is not opened here

    def patched(root: etree._Element) -> str:
        return tpl.patch_xml(etree.tostring(root, encoding="unicode"))

    with package.open_docx(Path(path)) as pkg:
        out = [Source("", patched(pkg.body))]
        for reltype, label in ((RT_HEADER, "đầu trang"), (RT_FOOTER, "chân trang"), (RT_FOOTNOTES, "chú thích")):
            for _, part in pkg.related(reltype):
                out.append(Source(label, patched(pkg.xml(part))))
    for s in out:
        s.xml = s.xml.replace("\r", " ").replace("\n", " ")
    return out


# -- walking the syntax tree --------------------------------------------------------------


@dataclass
class Unknown:
    expr: str
    lineno: int | None
    hint: str


class Walker:
    def __init__(self, provided: Mapping):
        self.root = shape(provided)
        self.found: list[Unknown] = []

    def run(self, tree) -> list[Unknown]:
        self.block(tree.body, [{}])
        return self.found

    # scope: innermost frame last; each maps a name to (shape, the list a loop variable
    # comes from, for messages: 't' from 's.nhiem_vu'; or None)
    def lookup(self, name: str, scope: list[dict]) -> tuple[object, str | None] | None:
        for frame in reversed(scope):
            if name in frame:
                return frame[name]
        if isinstance(self.root, dict) and name in self.root:
            return self.root[name], None
        return None

    def block(self, nodes_, scope: list[dict]) -> None:
        for node in nodes_:
            self.stmt(node, scope)

    def stmt(self, node, scope: list[dict]) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.For):
            items = self.expr(node.iter, scope)
            item = items.item if isinstance(items, Seq) else ANY
            inner = [*scope, {"loop": (ANY, None)}]
            self.bind(node.target, item, inner, expr_text(node.iter))
            if node.test is not None:
                self.expr(node.test, inner)
            self.block(node.body, inner)
            self.block(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope, None)
        elif isinstance(node, nodes.AssignBlock):
            self.block(node.body, scope)
            self.bind(node.target, ANY, scope, None)
        elif isinstance(node, nodes.With):
            inner = [*scope, {}]
            for target, value in zip(node.targets, node.values):
                self.bind(target, self.expr(value, scope), inner, None)
            self.block(node.body, inner)
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = [*scope, {"caller": (ANY, None), "varargs": (ANY, None), "kwargs": (ANY, None)}]
            for arg in node.args:
                inner[-1][arg.name] = (ANY, None)
            for default in node.defaults:
                self.expr(default, scope)
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call, scope)
            else:
                scope[-1][node.name] = (ANY, None)
            self.block(node.body, inner)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.block(node.body, scope)
            for elif_ in node.elif_:
                self.stmt(elif_, scope)
            self.block(node.else_, scope)
        elif isinstance(node, (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            return
        elif isinstance(node, nodes.Expr):
            self.expr(node, scope)
        else:
            for child in node.iter_child_nodes():
                (self.expr if isinstance(child, nodes.Expr) else self.stmt)(child, scope)

    def bind(self, target, value: object, scope: list[dict], source: str | None) -> None:
        from jinja2 import nodes

        if isinstance(target, nodes.Name):
            scope[-1][target.name] = (value, source)
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, ANY, scope, None)
        elif isinstance(target, nodes.NSRef):
            return

    def expr(self, node, scope: list[dict], report: bool = True) -> object:
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return ANY
            found = self.lookup(node.name, scope)
            if found is not None:
                return found[0]
            if report and node.name not in _JINJA_GLOBALS:
                self.found.append(Unknown(node.name, node.lineno, self.hint_name(node.name, scope)))
            return ANY
        if isinstance(node, nodes.Getattr):
            return self.member(node, self.expr(node.node, scope, report), node.attr, scope, report)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope, report)
            self.expr(node.arg, scope)
            if isinstance(node.arg, nodes.Const):
                return self.member(node, base, node.arg.value, scope, report)
            return base.item if isinstance(base, Seq) else ANY
        if isinstance(node, nodes.Filter):
            lenient = node.name in _LENIENT
            base = self.expr(node.node, scope, report and not lenient) if node.node is not None else ANY
            self.args(node, scope)
            if node.name in _SAME_LIST:
                return base
            if node.name in _ONE_ITEM:
                return base.item if isinstance(base, Seq) else ANY
            return base if lenient else ANY
        if isinstance(node, nodes.Test):
            lenient = node.name in ("defined", "undefined", "none")
            self.expr(node.node, scope, report and not lenient)
            self.args(node, scope)
            return ANY
        if isinstance(node, nodes.Call):
            self.expr(node.node, scope, report)
            self.args(node, scope)
            return ANY
        for child in node.iter_child_nodes():
            self.expr(child, scope, report)
        return ANY

    def args(self, node, scope: list[dict]) -> None:
        for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
            self.expr(arg, scope)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)

    def member(self, node, base: object, key: object, scope: list[dict], report: bool) -> object:
        if base is ANY:
            return ANY
        if isinstance(base, dict):
            if key in base:
                return base[key]
            if isinstance(key, str) and hasattr(dict, key):
                return ANY  # .items(), .get() …
        elif isinstance(base, Seq):
            if isinstance(key, int):
                return base.item
            if isinstance(key, str) and hasattr(list, key):
                return ANY
        elif isinstance(key, str) and hasattr(base, key):
            return ANY
        if report:
            self.found.append(Unknown(expr_text(node), node.lineno, self.hint_member(node, base, key, scope)))
        return ANY

    def hint_name(self, name: str, scope: list[dict]) -> str:
        names = [n for frame in scope for n in frame] + (list(self.root) if isinstance(self.root, dict) else [])
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        return f"có phải '{close[0]}'?" if close else ""

    def hint_member(self, node, base: object, key: object, scope: list[dict]) -> str:
        from jinja2 import nodes

        keys = list(base) if isinstance(base, dict) else []
        close = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.6)
        head = expr_text(node.node)
        if close:
            return f"có phải '{head}.{close[0]}'?"
        origin = ""
        if isinstance(node.node, nodes.Name):
            found = self.lookup(node.node.name, scope)
            if found and found[1]:
                origin = f"{head} lấy từ {found[1]}; "
        return f"{origin}có: {', '.join(keys)}" if keys else origin.rstrip("; ")


def expr_text(node) -> str:
    from jinja2 import nodes

    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{expr_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else "…"
        return f"{expr_text(node.node)}[{arg}]"
    if isinstance(node, nodes.Filter):
        return f"{expr_text(node.node)}|{node.name}" if node.node is not None else node.name
    return "…"


def check(path: Path, provided: Mapping) -> list[Problem]:
    from jinja2 import Environment, TemplateSyntaxError

    env = Environment()
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for source in sources(path):
        text = source.jinja()
        try:
            tree = env.parse(text)
        except TemplateSyntaxError as exc:
            problems.append(Problem(f"Mẫu có thẻ lệnh sai: {exc.message}", path.name, "", source.where(exc.lineno)))
            continue
        for unknown in Walker(provided).run(tree):
            where = source.where(unknown.lineno)
            if (unknown.expr, where) in seen:
                continue
            seen.add((unknown.expr, where))
            hint = f" ({unknown.hint})" if unknown.hint else ""
            problems.append(Problem(f"Mẫu dùng '{unknown.expr}' nhưng dữ liệu không có{hint}", path.name, "", where,
                                    Severity.ERROR))
    return problems
