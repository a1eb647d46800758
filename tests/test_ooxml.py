"""pipeline.ooxml, the one WordprocessingML layer: the on/off rule, the text rule every
reader shares, the defensive opener, and the issued-document check built on them."""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from docx import Document
from docxutil import Doc
from lxml import etree

from pipeline import api, ooxml
from pipeline.cli import cli
from pipeline.errors import CchcError
from pipeline.export import is_issued
from pipeline.importer import docxread
from pipeline.lint import lint_docx, lint_template
from pipeline.lint.resolve import load
from pipeline.ooxml import package, sections, tables
from pipeline.ooxml.ns import A_NS, W_NS, decl, flag, on_off, w
from pipeline.ooxml.styles import Resolver
from pipeline.text import clean

NS = decl("w", "r", "mc", "wp", "a", "wps", "v")


def parse(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:body {NS}>{xml}</w:body>")[0]


def make_docx(path: Path, body_xml: str) -> Path:
    """A .docx from python-docx's default template whose body is `body_xml`."""
    doc = Document()
    body = doc.element.body
    sect = body[-1]
    for el in list(body)[:-1]:
        body.remove(el)
    for el in list(etree.fromstring(f"<w:body {NS}>{body_xml}</w:body>")):
        sect.addprevious(el)
    doc.save(str(path))
    return path


def rewrite(path: Path, edits: dict[str, Callable[[bytes], bytes]], *,
            compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Rewrite members of the zip at `path` in place."""
    with zipfile.ZipFile(path) as src:
        members = [(i, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", compression) as dst:
        for info, data in members:
            edit = edits.get(info.filename)
            dst.writestr(info.filename, edit(data) if edit else data)
    return path


# -- ST_OnOff --------------------------------------------------------------------------------


@pytest.mark.parametrize("value, absent, expected", [
    (None, True, True),  # <w:b/>: on
    (None, False, False),  # w:default missing: off
    ("1", True, True), ("true", True, True), ("on", True, True),
    ("0", True, False), ("false", True, False), ("off", True, False),
    ("True", True, True), ("OFF", True, False), (" 0 ", True, False),  # case and stray spaces ignored
    ("1", False, True), ("off", False, False),
    ("none", True, True), ("none", False, False),  # not an ST_OnOff value: read as absent
    ("", True, True), ("yes", False, False),
])
def test_on_off(value, absent, expected):
    assert on_off(value, absent) is expected


@pytest.mark.parametrize("xml, expected", [
    ("<w:b/>", True), ('<w:b w:val="0"/>', False), ('<w:b w:val="off"/>', False), ('<w:b w:val="true"/>', True),
])
def test_toggle_elements(xml, expected):
    assert flag(etree.fromstring(xml.replace("<w:b", f"<w:b {NS}"))) is expected


def test_no_element_is_off():
    assert flag(None) is False


def test_row_flags_and_section_title_page_use_the_rule():
    tbl = parse('<w:tbl><w:tr><w:trPr><w:tblHeader w:val="on"/><w:cantSplit w:val="false"/></w:trPr></w:tr></w:tbl>')
    assert ooxml.row_flags(tbl[0]) == (True, False)
    sect = parse('<w:sectPr><w:titlePg w:val="off"/></w:sectPr>')
    assert sections.section_props(sect).title_pg is False


# -- the text rule --------------------------------------------------------------------------

TEXT_BOX = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
            '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>HỘP</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
            '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            '<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>HỘP</w:t></w:r></w:p></w:txbxContent></v:textbox>'
            '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
TRICKY = (
    '<w:p><w:pPr><w:rPr><w:ins w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    '<w:r><w:t>A</w:t><w:tab/><w:t>B</w:t>'
    '<w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>C</w:t>'
    '<w:br/><w:t>D</w:t><w:cr/><w:t>E</w:t><w:noBreakHyphen/><w:t>F</w:t></w:r>'
    '<w:r><w:sym w:font="Symbol" w:char="F02D"/><w:sym w:font="Symbol" w:char="F0B7"/>'
    '<w:sym w:font="Arial" w:char="2022"/></w:r>'
    '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="1" w:name="x"/>'
    '<w:del w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>XÓA</w:delText></w:r></w:del>'
    '<w:moveFrom w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>CŨ</w:t></w:r></w:moveFrom>'
    '<w:moveTo w:id="4" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>m</w:t></w:r></w:moveTo>'
    '<w:ins w:id="5" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>i</w:t></w:r></w:ins>'
    '<w:bookmarkEnd w:id="1"/><w:proofErr w:type="spellEnd"/>'
    '<w:hyperlink w:anchor="x"><w:r><w:t>h</w:t></w:r></w:hyperlink>'
    '<w:sdt><w:sdtPr><w:alias w:val="nhãn"/></w:sdtPr><w:sdtContent><w:r><w:t>s</w:t></w:r></w:sdtContent></w:sdt>'
    '<w:smartTag w:uri="u" w:element="e"><w:r><w:t>t</w:t></w:r></w:smartTag>'
    '<w:customXml w:element="c"><w:r><w:t>x</w:t></w:r></w:customXml>'
    '<w:fldSimple w:instr=" PAGE "><w:r><w:t>9</w:t></w:r></w:fldSimple>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>f</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>k</w:t></w:r></mc:Choice>'
    '<mc:Fallback><w:r><w:t>k</w:t></w:r></mc:Fallback></mc:AlternateContent>'
    + TEXT_BOX + '<w:r><w:t xml:space="preserve"> hết</w:t></w:r></w:p>'
)
TRICKY_TEXT = "A\tB\tC\nD\nE-F-·•mihstx9fk hết"


def test_one_text_rule_for_a_paragraph():
    p = parse(TRICKY)
    assert ooxml.paragraph_text(p) == TRICKY_TEXT
    pieces = ooxml.run_pieces(p)
    assert "".join(t for _, t in pieces) == TRICKY_TEXT
    assert all(r.tag == w("r") for r, _ in pieces)
    # the text box is a paragraph of its own, read once (its mc:Fallback copy is not)
    assert [ooxml.paragraph_text(q) for q in ooxml.paragraphs_in(p)] == [TRICKY_TEXT, "HỘP"]


def test_cell_text_reads_nested_tables_but_not_text_boxes():
    tc = parse(f'<w:tc><w:tcPr/><w:p><w:r><w:t>một</w:t></w:r>{TEXT_BOX}</w:p><w:p/>'
               '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>hai</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>')
    assert ooxml.cell_text(tc) == "một\n\nhai"


def test_every_reader_agrees_on_the_text(tmp_path):
    """Lint, the importer and the tests' reader go through the same rule (the importer
    reads the body's flow only, so a floating text box is not among its paragraphs)."""
    path = make_docx(tmp_path / "t.docx", TRICKY)
    assert Doc(path).text() == f"{TRICKY_TEXT}\nHỘP"
    assert docxread.open_docx(path).paragraphs == [clean(TRICKY_TEXT)]
    assert [p.text for p in load(path).paras] == [TRICKY_TEXT, "HỘP"]


def test_the_importer_grid_follows_merges():
    tbl = parse('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>'
                '<w:p><w:r><w:t>gộp</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>'
                '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
                '<w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    rows = tables.grid(tbl)
    assert [[s.fresh for s in row if s] for row in rows] == [[True, True, True], [False, False, True]]
    assert rows[1][0] is not None and rows[0][0] is not None and rows[1][0].tc is rows[0][0].tc


# -- the style resolver -----------------------------------------------------------

STYLES = f"""<w:styles xmlns:w="{W_NS}">
  <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>
    <w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
    <w:rPr><w:sz w:val="24"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading"><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="SubHeading"><w:basedOn w:val="Heading"/>
    <w:rPr><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="table" w:styleId="Grid"><w:name w:val="Grid"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
</w:styles>"""
THEME = (f'<a:theme xmlns:a="{A_NS}"><a:themeElements><a:fontScheme><a:majorFont><a:latin typeface="Calibri"/>'
         '</a:majorFont><a:minorFont><a:latin typeface="Cambria"/></a:minorFont></a:fontScheme></a:themeElements>'
         '</a:theme>')


@pytest.fixture(scope="module")
def fmt():
    return Resolver(etree.fromstring(STYLES), etree.fromstring(THEME), None, None)


def test_run_formatting_follows_styles_then_defaults(fmt):
    plain = fmt.run({}, "Normal", None)
    assert (plain.size, plain.bold, plain.font_ascii) == (12.0, False, "Cambria")  # theme font via theme1.xml
    sub = fmt.run({}, "SubHeading", None)
    assert (sub.size, sub.bold, sub.font_ascii, sub.font_hansi) == (14.0, True, "Times New Roman", "Cambria")
    assert fmt.run({"sz": 13.0}, "SubHeading", None).size == 13.0  # direct formatting wins
    assert fmt.paragraph({}, "SubHeading", None, None).align == "center"  # basedOn chain


def test_bold_is_a_toggle_between_styles(fmt):
    assert fmt.run({"rStyle": "Strong"}, "Normal", None).bold
    assert not fmt.run({"rStyle": "Strong"}, "Heading", None).bold  # Strong inside a bold heading: not bold
    assert fmt.run({"rStyle": "Strong", "b": True}, "Heading", None).bold  # direct bold is absolute


def test_table_style_sits_between_paragraph_style_and_defaults(fmt):
    assert fmt.run({}, "SubHeading", "Grid").size == 14.0  # the paragraph style wins
    # Word's rule without overrideTableStyleFontSizeAndJustification: a 12 pt Normal gives way
    assert fmt.run({}, "Normal", "Grid").size == 10.0


NUMBERING = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
             '<w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
             '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def test_elements_resolve_through_their_paragraph_style_list_and_table():
    from pipeline.ooxml.numbering import Counters

    fmt = Resolver(etree.fromstring(STYLES), etree.fromstring(THEME), etree.fromstring(NUMBERING))
    p = parse('<w:p><w:pPr><w:pStyle w:val="Heading"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
              '</w:pPr><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>x</w:t></w:r></w:p>')
    para = fmt.paragraph_format(p)
    assert (para.align, para.left, para.first_line) == ("center", 720, -360)  # the list level's indents
    assert not fmt.run_format(ooxml.runs(p)[0], p).bold  # Strong inside a bold heading
    counters = Counters(fmt.levels)
    assert [counters.label("1", 0)[0] for _ in range(3)] == ["I. ", "II. ", "III. "]
    cell = parse('<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>y</w:t></w:r>'
                 '</w:p></w:tc></w:tr></w:tbl>').find(f".//{w('p')}")
    assert fmt.run_format(None, cell).size == 10.0  # the table style's size beats a 12 pt Normal


# -- the defensive opener ------------------------------------------------------------------------

DTD = b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'


def _with_dtd(data: bytes) -> bytes:
    return DTD + re.sub(rb"^<\?xml[^>]*\?>", b"", data.lstrip())


def _import(path: Path) -> object:
    return docxread.open_docx(path)


READERS = {
    "lint": lint_docx,
    "lint --template": lambda path: lint_template(path, {}),
    "import": _import,
    "docxutil": Doc,
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_a_dtd_in_any_part_is_refused(reader, tmp_path):
    path = rewrite(make_docx(tmp_path / "bom.docx", "<w:p/>"), {"word/styles.xml": _with_dtd})
    with pytest.raises(CchcError) as exc:
        reader(path)
    message = exc.value.message
    assert "bom.docx" in message and "word/styles.xml" in message and "DTD" in message and "từ chối" in message


def test_a_dtd_in_the_document_is_refused_by_lint(tmp_path):
    path = rewrite(make_docx(tmp_path / "bom.docx", "<w:p/>"),
                   {"word/document.xml": lambda d: _with_dtd(d).replace(b"w:styles", b"w:document", 1)})
    with pytest.raises(CchcError, match=r"bom\.docx bị từ chối: phần word/document\.xml có khai báo DTD"):
        lint_docx(path)


def test_a_corrupt_member_is_refused(tmp_path):
    path = make_docx(tmp_path / "hong.docx", "<w:p><w:r><w:t>Xin chào các bạn</w:t></w:r></w:p>")
    rewrite(path, {}, compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.index("Xin chào".encode())
    data[at] ^= 0x20  # one flipped bit: the member's CRC no longer matches
    path.write_bytes(bytes(data))
    with pytest.raises(CchcError, match=r"Tệp hong\.docx bị hỏng: phần word/document\.xml không đọc được"):
        lint_docx(path)


def test_broken_xml_in_a_part_is_refused(tmp_path):
    path = rewrite(make_docx(tmp_path / "hong.docx", "<w:p/>"), {"word/styles.xml": lambda d: d[: len(d) // 2]})
    with pytest.raises(CchcError, match=r"hong\.docx bị hỏng: phần word/styles\.xml không đọc được"):
        lint_docx(path)


def test_an_oversized_package_is_refused(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "lon.docx", "<w:p/>")
    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 4096)
    for reader in (lint_docx, _import):
        with pytest.raises(CchcError, match=r"Tệp lon\.docx giải nén ra quá lớn"):
            reader(path)


@pytest.mark.parametrize("head, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "được đặt mật khẩu (mã hóa) hoặc là định dạng Word 97-2003"),
    (b"{\\rtf1\\ansi hello}", "là định dạng RTF"),
    (b"%PDF-1.7\n", "là tệp PDF"),
])
def test_lint_refuses_what_is_not_a_docx(head, words, tmp_path):
    path = tmp_path / "vb.docx"
    path.write_bytes(head)
    with pytest.raises(CchcError) as exc:
        lint_docx(path)
    assert words in exc.value.message and "vb.docx" in exc.value.message


def test_the_main_document_is_found_through_the_package_relationships(tmp_path):
    path = make_docx(tmp_path / "khac.docx", "<w:p><w:r><w:t>ở chỗ khác</w:t></w:r></w:p>")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/main.xml"] = parts.pop("word/document.xml")
    parts["word/_rels/main.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/main.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/word/document.xml", b"/word/main.xml")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert docxread.open_docx(path).paragraphs == ["ở chỗ khác"]
    assert [p.text for p in load(path).paras] == ["ở chỗ khác"]


# -- the issued-document check ------------------------------------------------------------------

SPLIT_NUMBERS = {
    "proofErr and rsid runs": (
        '<w:r w:rsidR="00AB12CD"><w:t>Số</w:t></w:r><w:proofErr w:type="spellStart"/>'
        '<w:r w:rsidR="00EF3456"><w:t>:</w:t></w:r><w:proofErr w:type="spellEnd"/>'
        '<w:r><w:t xml:space="preserve"> </w:t></w:r><w:r w:rsidRPr="00113355"><w:t>05</w:t></w:r>'
        '<w:r><w:t>/QĐ-STNMT</w:t></w:r>'),
    "a bookmark between": (
        '<w:r><w:t xml:space="preserve">Số: </w:t></w:r><w:bookmarkStart w:id="7" w:name="_GoBack"/>'
        '<w:bookmarkEnd w:id="7"/><w:r><w:t>05/QĐ-STNMT</w:t></w:r>'),
    "a tracked insertion": (
        '<w:r><w:t xml:space="preserve">Số: </w:t></w:r>'
        '<w:ins w:id="1" w:author="VT" w:date="2024-01-05T00:00:00Z"><w:r><w:t>05</w:t></w:r></w:ins>'
        '<w:r><w:t>/QĐ-STNMT</w:t></w:r>'),
    "a content control": (
        '<w:sdt><w:sdtContent><w:r><w:t>Số:</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:r><w:t xml:space="preserve"> 05/QĐ-STNMT</w:t></w:r>'),
}
DRAFTS = {
    "the number deleted": (
        '<w:r><w:t xml:space="preserve">Số: </w:t></w:r>'
        '<w:del w:id="2" w:author="VT" w:date="2024-01-05T00:00:00Z"><w:r><w:delText>05</w:delText></w:r></w:del>'
        '<w:r><w:t>/QĐ-STNMT</w:t></w:r>'),
    "blank, split": '<w:r><w:t>Số</w:t></w:r><w:proofErr w:type="gramStart"/><w:r><w:t xml:space="preserve">:'
                    '        /QĐ-STNMT</w:t></w:r>',
}


def with_so_line(draft: Path, runs_xml: str, out: Path) -> Path:
    """The draft plan with its "Số: …" paragraph retyped as `runs_xml`."""
    from nd30_cases import Package

    pkg = Package(draft)
    p = pkg.paragraph("Số:")
    for child in [c for c in p if c.tag != w("pPr")]:
        p.remove(child)
    for el in list(etree.fromstring(f"<w:p {NS}>{runs_xml}</w:p>")):
        p.append(el)
    return pkg.save(out)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def draft(workbook, tmp_path) -> Path:
    return api.build_plan(workbook, tmp_path / "nhap.docx").path


@pytest.mark.parametrize("runs_xml", SPLIT_NUMBERS.values(), ids=SPLIT_NUMBERS.keys())
def test_a_number_split_across_runs_is_still_issued(runs_xml, draft, workbook, tmp_path):
    out = with_so_line(draft, runs_xml, tmp_path / "qd.docx")
    assert Doc(out).find("Số:").text == "Số: 05/QĐ-STNMT"
    assert is_issued(out)
    before = digest(out)
    with pytest.raises(CchcError, match="--force"):
        api.build_plan(workbook, out)
    result = CliRunner().invoke(cli, ["--data", str(workbook), "plan", "-o", str(out)])
    assert result.exit_code == 1 and "đã có số" in result.output
    assert digest(out) == before


@pytest.mark.parametrize("runs_xml", DRAFTS.values(), ids=DRAFTS.keys())
def test_a_draft_is_replaced_freely(runs_xml, draft, workbook, tmp_path):
    out = with_so_line(draft, runs_xml, tmp_path / "qd.docx")
    assert not is_issued(out)
    api.build_plan(workbook, out)
    assert not (tmp_path / "backup").exists()


def test_an_unreadable_file_is_not_issued(tmp_path):
    bad = tmp_path / "qd.docx"
    bad.write_bytes(b"PK not a zip")
    assert not is_issued(bad)


# -- one layer ------------------------------------------------------------------------------------


def test_the_wordprocessingml_namespace_is_spelled_once():
    hits = [f"{path}:{n}" for path in (ROOT / "pipeline").rglob("*.py")
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if "wordprocessingml/2006/main" in line]
    assert len(hits) == 1 and Path(hits[0].split(":")[0]) == ROOT / "pipeline" / "ooxml" / "ns.py", hits


def test_lint_does_not_import_render():
    render = re.compile(r"pipeline\.render|from pipeline import .*\brender\b")
    for path in (ROOT / "pipeline" / "lint").glob("*.py"):
        assert not render.search(path.read_text(encoding="utf-8")), path
