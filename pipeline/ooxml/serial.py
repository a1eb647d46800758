"""WordprocessingML as serialised text, for code that works on XML strings: docxtpl's
patched template (lint --template) and the rows streamed into document.xml (render/docx).

These patterns rely on the "w" prefix, which is what docxtpl and python-docx write.
"""

from __future__ import annotations

import re
from html import unescape

ROW_BOUNDARY = r"</w:tr>|<w:tr[ >]"  # the end of a row, or the start of one
ROW_END = "</w:tr>"
_TABLE_END = "</w:tbl>"
# An almost invisible paragraph between two tables (Word would merge adjacent ones).
_GAP = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr>'
        '<w:sz w:val="2"/></w:rPr></w:pPr>{}</w:p>')
_PAGE_BREAK = '<w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:br w:type="page"/></w:r>'
_XML_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def table_head(xml: str, at: int) -> str | None:
    """The XML from the enclosing <w:tbl> to `at` (its properties, grid and the rows
    before `at`), if `at` sits in a table's row list."""
    start = max(xml.rfind("<w:tbl>", 0, at), xml.rfind("<w:tbl ", 0, at))
    if start < 0 or xml.rfind(_TABLE_END, 0, at) > start:
        return None
    return xml[start:at]


def table_break(page_break: bool) -> str:
    """Close the current table and leave a hair-thin paragraph (with a page break, if
    asked) so that the next table, opened by the caller, stays a table of its own."""
    return _TABLE_END + _GAP.format(_PAGE_BREAK if page_break else "")


def paragraph_text_at(xml: str, offset: int) -> str | None:
    """Text of the paragraph around `offset` in serialised document XML (as docxtpl's
    patched template is), or None when `offset` lies between paragraphs."""
    begin = max(xml.rfind("<w:p>", 0, offset), xml.rfind("<w:p ", 0, offset))
    if begin <= xml.rfind("</w:p>", 0, offset):
        return None
    end = xml.find("</w:p>", offset)
    return unescape("".join(_XML_TEXT.findall(xml[begin: end if end >= 0 else len(xml)])))
