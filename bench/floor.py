"""The floor the renderer is measured against: the same appendix table's
WordprocessingML built with plain string joins and written into a .docx zip.

Run in a fresh process by bench/run.py:  python bench/floor.py TASKS.pickle OUT.docx
Prints one JSON line: seconds and peak-memory delta of the build+write, bytes of XML.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
import zipfile
from xml.sax.saxutils import escape

from memory import Peak

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
      'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
      'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      "</Types>")
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
WIDTHS = (680, 4535, 3515, 2041, 3515)
STYLES = ("CCHCBangGiua", "CCHCBangDeu", "CCHCBang", "CCHCBangGiua", "CCHCBang")


def cell(width: int, style: str, text: str) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="top"/></w:tcPr><w:p><w:pPr>'
            f'<w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
            "</w:tc>")


def build(groups: list[tuple[str, str, list[tuple[str, ...]]]]) -> str:
    rows = []
    for roman, title, tasks in groups:
        title_cell = cell(sum(WIDTHS[1:]), "CCHCBangNhom", title)
        title_cell = title_cell.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="4"/>')
        rows.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + cell(WIDTHS[0], "CCHCBangTieuDe", roman)
                    + title_cell + "</w:tr>")
        for values in tasks:
            rows.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                        + "".join(cell(wd, st, v) for wd, st, v in zip(WIDTHS, STYLES, values)) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{x}"/>' for x in WIDTHS)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tblPr><w:tblW w:w="14286" '
            f'w:type="dxa"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>' + "".join(rows)
            + "</w:tbl><w:sectPr/></w:body></w:document>")


def main() -> None:
    with open(sys.argv[1], "rb") as fh:
        groups = pickle.load(fh)
    peak = Peak()
    start = time.perf_counter()
    xml = build(groups)
    with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", xml)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak.stop(), "xml_bytes": len(xml.encode())}))


if __name__ == "__main__":
    main()
