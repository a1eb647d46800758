"""The Quyết định + Kế hoạch + Phụ lục from the bundled workbook, reopened with
python-docx and checked as a clerk (and Nghị định 30) would."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, edit_sheet, seed_tasks, set_field
from docxutil import Doc

from pipeline import api, ooxml
from pipeline.lint import lint_docx
from pipeline.ooxml import w

TNR = "Times New Roman"


def appendix_table(doc: Doc):
    for t in doc.tables():
        rows = doc.rows(t)
        if rows and rows[0][0] == "STT":
            return t, rows
    raise AssertionError("no appendix table")


def appendix_entries(doc: Doc) -> list[tuple[str, str, list[str]]]:
    """(section roman, section title, task cells) in table order."""
    _, rows = appendix_table(doc)
    out, roman, title = [], "", ""
    for cells in rows[1:]:
        if len(cells) == 2:
            roman, title = cells
        else:
            out.append((roman, title, cells))
    return out


# -- content ---------------------------------------------------------------------


@pytest.mark.parametrize("which", ["plan", "appendix"])
def test_every_seed_task_appears_once_in_order_under_its_section(which, plan_docx, appendix_docx):
    doc = Doc(plan_docx if which == "plan" else appendix_docx)
    got = appendix_entries(doc)
    expected = seed_tasks()
    assert len(expected) == 30
    assert len(got) == 30
    for (roman, title, cells), (e_roman, e_title, e) in zip(got, expected):
        assert (roman, title) == (e_roman, e_title)
        assert cells == [e["stt"], e["task"], e["assignment"], e["deadline"], e["product"]]
        assert all(c == unicodedata.normalize("NFC", c) for c in cells)
    assert [r for r, _, _ in got].count("VII") == 4
    # the page-split rows of the seed are joined with a space
    assert any(c[2] == "Văn phòng Sở chủ trì hướng dẫn các đơn vị trực thuộc thực hiện" for _, _, c in got)


def test_narrative_is_verbatim_and_ends_with_closing_mark(plan_docx):
    doc = Doc(plan_docx)
    text = doc.reading()  # a balanced heading's line break reads as its space
    seed = (ROOT / "tests/data/seed_kehoach_2024.txt").read_text(encoding="utf-8")
    narrative = seed[seed.index("#### I. MỤC TIÊU"): seed.index("**PHỤ LỤC**")]
    lines = [unicodedata.normalize("NFC", ln.replace("**", "").lstrip("#").strip()) for ln in narrative.splitlines()]
    lines = [ln for ln in lines if ln]
    assert len(lines) >= 30
    for line in lines:
        assert line in text, line
    assert "Giám đốc Sở yêu cầu các phòng, đơn vị" in text
    assert re.search(r"toàn bộ nội dung Kế hoạch này\./\.$", text, re.M)


def test_decision_parts_and_draft_blanks(plan_docx):
    doc = Doc(plan_docx)
    text = doc.reading()
    assert "Số:        /QĐ-STNMT" in text
    assert "Khánh Hòa, ngày      tháng 01 năm 2024" in text
    assert "Ban hành Kế hoạch cải cách hành chính năm 2024 của Sở Tài nguyên và Môi trường" in text
    assert "GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" in text
    assert "QUYẾT ĐỊNH:" in text
    for n in (1, 2, 3):
        assert f"Điều {n}." in text
    assert "(Ban hành kèm theo Quyết định số        /QĐ-STNMT ngày      tháng 01 năm 2024 của Giám đốc Sở " \
           "Tài nguyên và Môi trường)" in text
    assert "(Kèm theo Kế hoạch cải cách hành chính Sở Tài nguyên và Môi trường năm 2024)" in text
    # căn cứ end with ';', "Theo đề nghị" with '.'
    can_cu = [p.text for p in doc.paragraphs() if p.style == "CCHCCanCu" and p.text.startswith("Căn cứ")]
    assert can_cu and all(t.endswith(";") for t in can_cu)
    assert doc.find("Theo đề nghị của").text.endswith(".")
    assert doc.find("Điều 3.").text.endswith("./.")


def test_signature_block_keeps_an_empty_line_for_the_name(plan_docx):
    doc = Doc(plan_docx)
    signer = doc.find_exact("GIÁM ĐỐC")
    assert signer.bold and signer.size in (13, 14)
    cell = next(signer.el.iterancestors(w("tc")))
    paras = [doc.para(p) for p in cell.iter(w("p"))]
    assert paras[-1].text == ""  # the name line, blank until signed; no invented name
    assert paras[-1].style == "CCHCNguoiKy"


# -- format: Nghị định 30 -------------------------------------------------------------


def test_page_setup_margins_and_orientation(plan_docx):
    doc = Doc(plan_docx)
    sects = doc.sections()
    assert len(sects) == 3
    for i, sect in enumerate(sects):
        g = ooxml.page_geometry(sect)
        landscape = i == 2
        assert bool(g["landscape"]) is landscape
        assert sorted((round(g["w"]), round(g["h"]))) == [210, 297]
        assert 20 <= g["top"] <= 25 and 20 <= g["bottom"] <= 25
        assert 30 <= g["left"] <= 35 and 15 <= g["right"] <= 20


def test_page_numbers_top_centre_hidden_on_first_page_restarting_per_part(plan_docx):
    doc = Doc(plan_docx)
    for sect in doc.sections():
        assert sect.find(w("titlePg")) is not None
        assert sect.find(w("pgNumType")).get(w("start")) == "1"
        headers = doc.header_parts(sect)
        assert ooxml.has_page_field(headers["default"])
        assert not ooxml.has_page_field(headers["first"])
        p = headers["default"].find(f".//{w('p')}")
        assert doc.styles.para_attr(p, "jc", "val") == "center"
        assert doc.styles.run_size_pt(None, p) in (13, 14)
        assert not doc.styles.run_flag(None, p, "i")


def test_every_run_is_times_new_roman_black_without_theme_fonts(plan_docx):
    doc = Doc(plan_docx)
    runs = doc.all_runs()
    assert len(runs) > 200
    for r, p in runs:
        assert doc.styles.run_font(r, p, "hAnsi") == TNR
        assert doc.styles.run_font(r, p, "ascii") == TNR
    styles_xml = doc.styles_root
    for el in styles_xml.iter(w("rFonts")):
        assert not [a for a in el.attrib if a.endswith("Theme") or a.endswith("theme")]
    for el in doc.body.iter(w("color")):
        assert el.get(w("val")) in ("000000", "auto")
    colors = [c.get(w("val")) for c in styles_xml.iter(w("color"))]
    assert colors and set(colors) <= {"000000", "auto"}


def test_header_block_sizes_and_styles(plan_docx):
    doc = Doc(plan_docx)
    qh = doc.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert qh.size in (12, 13) and qh.bold and qh.text.isupper()
    tn = doc.find("Độc lập - Tự do - Hạnh phúc")
    assert tn.size in (13, 14) and tn.bold
    chu_quan = doc.find("UBND TỈNH KHÁNH HÒA")
    assert chu_quan.size in (12, 13) and not chu_quan.bold
    ban_hanh = doc.find("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG")
    assert ban_hanh.size in (12, 13) and ban_hanh.bold
    so = doc.find("Số:")
    assert so.size == 13 and not so.bold and not so.italic
    date = doc.find("Khánh Hòa, ngày")
    assert date.size in (13, 14) and date.italic
    # the agency name and the Tiêu ngữ each have a rule (a bordered paragraph) right below
    for para, style in ((ban_hanh, ooxml.RULE_SHORT), (tn, ooxml.RULE_FULL)):
        nxt = para.el.getnext()
        assert ooxml.style_id(nxt) == style
        border = doc.styles.by_id[style].find(f"{w('pPr')}/{w('pBdr')}/{w('top')}")
        assert border.get(w("val")) == "single"
    title = doc.find("QUYẾT ĐỊNH")
    assert title.size in (13, 14) and title.bold and title.align == "center"
    trich_yeu = doc.find("Ban hành Kế hoạch")
    assert trich_yeu.size in (13, 14) and trich_yeu.bold and trich_yeu.align == "center"


def test_rules_are_a_third_to_a_half_of_the_text_they_underline(plan_docx):
    doc = Doc(plan_docx)
    widths = ooxml.section_widths(doc.body)
    checked = 0
    for top in doc.body:
        for p in top.iter(w("p")):
            if ooxml.style_id(p) != ooxml.RULE_SHORT:
                continue
            ind = p.find(f"{w('pPr')}/{w('ind')}")
            cell = next(p.iterancestors(w("tc")), None)
            avail = int(cell.find(f"{w('tcPr')}/{w('tcW')}").get(w("w"))) if cell is not None else widths[top]
            rule = avail - int(ind.get(w("left"))) - int(ind.get(w("right")))
            prev = p.getprevious()
            longest = max(ooxml.text_width_pt(line, doc.styles.run_size_pt(None, prev),
                                              doc.styles.run_flag(None, prev, "b"))
                          for line in ooxml.paragraph_text(prev).split("\n"))  # a balanced heading's lines
            text_w = min(longest * 20, avail)
            assert 1 / 3 <= rule / text_w <= 1 / 2 + 0.01
            checked += 1
    assert checked >= 4


def test_body_text_justified_indented_spaced(plan_docx):
    doc = Doc(plan_docx)
    bodies = [p for p in doc.paragraphs() if p.style in ("CCHCNoiDung", "CCHCNoiDungCuoi") and p.text]
    assert len(bodies) > 30
    for p in bodies:
        assert p.size in (13, 14) and p.align == "both"
        assert 1.0 <= p.first_line_cm <= 1.28
        assert p.before_pt + p.after_pt >= 6
        rule, value = p.line
        assert (rule == "auto" and 1.0 <= value <= 1.5) or (rule != "auto" and 1.15 * 14 <= value <= 1.73 * 14)
    can_cu = [p for p in doc.paragraphs() if p.style == "CCHCCanCu"]
    assert len(can_cu) == 4
    for p in can_cu:
        assert p.italic and p.size in (13, 14) and p.align == "both"
    dieu = doc.find("Điều 1.")
    first_run = dieu.el.find(f".//{w('r')}")
    assert doc.styles.run_flag(first_run, dieu.el, "b")  # "Điều 1." bold, the rest not
    muc = doc.find("I. MỤC TIÊU TRỌNG TÂM NĂM 2024")
    assert muc.bold and muc.size in (13, 14)


def test_noi_nhan_block(plan_docx):
    doc = Doc(plan_docx)
    label = doc.find("Nơi nhận:")
    assert label.size == 12 and label.bold and label.italic and label.align in (None, "left", "start")
    items = [p for p in doc.paragraphs() if p.style == "CCHCNoiNhan" and p.text]
    assert items[0].text == "- Như Điều 3;"
    assert all(p.size == 11 and not p.bold for p in items)
    assert all(p.text.startswith("- ") for p in items)
    assert all(p.text.endswith(";") for p in items[:-1])
    assert items[-1].text == "- Lưu: VT, VP."


def test_appendix_headings_table_flags_and_widths(plan_docx):
    doc = Doc(plan_docx)
    label = doc.find("Phụ lục")
    assert label.text == "Phụ lục" and label.size == 14 and label.bold
    title = doc.find("NHIỆM VỤ CỤ THỂ, SẢN PHẨM")
    assert title.text.isupper() and title.bold and title.size in (13, 14)
    ref = doc.find("(Kèm theo Kế hoạch")
    assert ref.italic and ref.size in (13, 14)
    table, _ = appendix_table(doc)
    trs = table.findall(w("tr"))
    assert ooxml.row_flags(trs[0]) == (True, True)
    assert all(ooxml.row_flags(tr)[1] for tr in trs)  # no row splits across pages
    assert not any(ooxml.row_flags(tr)[0] for tr in trs[1:])
    grid = [int(g.get(w("w"))) for g in table.iter(w("gridCol"))]
    assert len(grid) == 5
    sect = doc.sections()[-1]
    assert abs(sum(grid) - ooxml.body_width(sect)) < 30
    section_rows = [tr for tr in trs if len(tr.findall(w("tc"))) == 2]
    assert len(section_rows) == 7
    for tr in section_rows:
        span = tr.findall(w("tc"))[1].find(f"{w('tcPr')}/{w('gridSpan')}")
        assert span.get(w("val")) == "4"
        for p in tr.iter(w("p")):
            if ooxml.paragraph_text(p):
                assert doc.para(p).bold
    for tr in trs[1:]:
        for p in tr.iter(w("p")):
            if ooxml.paragraph_text(p):
                assert doc.para(p).size in (12, 13)


@pytest.mark.parametrize("appendix_only", [False, True])
def test_a_portrait_phu_luc_when_thong_tin_asks_for_it(workbook, tmp_path, appendix_only):
    """'Hướng trang Phụ lục: dọc': the Phụ lục's section is A4 portrait with the plan's margins,
    its table fitted to the text width with the STT column kept, every task still there."""
    set_field(workbook, "Hướng trang Phụ lục", "dọc")
    build = api.build_appendix if appendix_only else api.build_plan
    doc = Doc(build(workbook, tmp_path / "out.docx").path)
    g = ooxml.page_geometry(doc.sections()[-1])
    assert not g["landscape"] and (round(g["w"]), round(g["h"])) == (210, 297)
    assert 30 <= g["left"] <= 35 and 15 <= g["right"] <= 20
    text_width = round((g["w"] - g["left"] - g["right"]) * 1440 / 25.4)
    for tbl in [t for t in doc.tables() if doc.rows(t)[0][:2] == ["STT", "Nhiệm vụ"]]:
        grid = [int(c.get(w("w"))) for c in tbl.iter(w("gridCol"))]
        assert abs(sum(grid) - text_width) <= len(grid)
        assert grid[0] == 680  # STT, 12 mm as in the landscape template
        for tr in tbl.iter(w("tr")):  # the streamed rows narrowed like the grid
            widths = [int(x.get(w("w"))) for x in tr.iter(w("tcW"))]
            assert sum(widths) in (sum(grid), *grid), widths
    assert len(appendix_entries(doc)) == 30
    assert [str(p) for p in lint_docx(doc.path)] == []


def test_appendix_alone_is_one_landscape_section(appendix_docx):
    doc = Doc(appendix_docx)
    sects = doc.sections()
    assert len(sects) == 1 and ooxml.page_geometry(sects[0])["landscape"]
    text = doc.text()
    assert "QUYẾT ĐỊNH" not in text and "KẾ HOẠCH" not in text
    assert text.lstrip().startswith("Phụ lục")
    assert len(appendix_entries(doc)) == 30


# -- the clerk edits the workbook --------------------------------------------------------


def test_insert_delete_move_renumbers(workbook: Path, tmp_path: Path):
    def edit(ws):
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        ids = [r[0] for r in rows]
        # insert a new task in section II, right after NV07
        at = ids.index("NV07") + 3  # 1-based row of NV07 is index+2; insert after it
        ws.insert_rows(at)
        for c, v in enumerate(["NV99", "Cải cách thủ tục hành chính (TTHC)", "Nhiệm vụ mới chèn vào",
                               "Văn phòng Sở chủ trì", "VP", "", "Quý III/2024", "Báo cáo"], 1):
            ws.cell(row=at, column=c, value=v)
        # delete NV03 (section I)
        ws.delete_rows(ids.index("NV03") + 2)
        # move NV26, the only task of section VI, to section I
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "NV26":
                row[1].value = "Cải cách thể chế"

    edit_sheet(workbook, "NhiemVu", edit)
    out = api.build_appendix(workbook, tmp_path / "pl.docx").path
    got = appendix_entries(Doc(out))
    sections: dict[str, list[tuple[str, str]]] = {}
    for roman, title, cells in got:
        sections.setdefault(f"{roman} {title}", []).append((cells[0], cells[1]))
    keys = list(sections)
    assert keys[0] == "I Cải cách thể chế"
    assert keys[1] == "II Cải cách thủ tục hành chính (TTHC)"
    assert keys[-1] == "VI CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"  # VII becomes VI: section VI emptied
    assert len(keys) == 6
    for tasks in sections.values():
        assert [stt for stt, _ in tasks] == [str(i) for i in range(1, len(tasks) + 1)]
    assert len(sections[keys[0]]) == 5  # 5 - NV03 + NV26
    assert sections[keys[0]][-1][1] == "Xây dựng Cổng dữ liệu ngành tài nguyên và môi trường"
    assert sections[keys[1]][2][1] == "Nhiệm vụ mới chèn vào"
    assert len(sections[keys[1]]) == 7
    assert "Tham gia góp ý Quy định hệ số điều chỉnh giá đất" not in Doc(out).text()


def test_another_agency_and_year(workbook: Path, tmp_path: Path):
    set_field(workbook, "Cơ quan ban hành", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    set_field(workbook, "Tên cơ quan trong câu", "Sở Nông nghiệp và Môi trường")
    set_field(workbook, "Tên viết tắt", "SNNMT")
    set_field(workbook, "Năm kế hoạch", 2025)
    set_field(workbook, "Số quyết định", "5")
    set_field(workbook, "Ngày quyết định", "05/01/2025")
    set_field(workbook, "Quyền hạn ký", "KT.")
    set_field(workbook, "Chức vụ người ký", "PHÓ GIÁM ĐỐC")
    set_field(workbook, "Người ký", "Nguyễn Văn An")

    def shift_calendar(ws):
        for row in ws.iter_rows(min_row=2):
            for cell in row[2:6]:
                if cell.value is not None and hasattr(cell.value, "year"):
                    cell.value = cell.value.replace(year=cell.value.year + 1)

    edit_sheet(workbook, "KyBaoCao", shift_calendar)
    doc = Doc(api.build_plan(workbook, tmp_path / "qd.docx").path)
    text = doc.reading()
    assert doc.find("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG").bold
    assert "Số: 05/QĐ-SNNMT" in text
    assert "Khánh Hòa, ngày 05 tháng 01 năm 2025" in text
    assert "Ban hành Kế hoạch cải cách hành chính năm 2025 của Sở Nông nghiệp và Môi trường" in text
    assert "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in text
    assert doc.find_exact("KT. GIÁM ĐỐC").bold and doc.find_exact("PHÓ GIÁM ĐỐC").bold
    assert doc.find_exact("Nguyễn Văn An").bold
    assert "Cải cách hành chính của Sở Nông nghiệp và Môi trường năm 2025" in text
    assert ("(Ban hành kèm theo Quyết định số 05/QĐ-SNNMT ngày 05 tháng 01 năm 2025 của Giám đốc Sở Nông nghiệp "
            "và Môi trường)") in text
    assert "I. MỤC TIÊU TRỌNG TÂM NĂM 2025" in text
    assert "quý I trước ngày 10/3/2025" in text
    assert "Kế hoạch cải cách hành chính năm 2025 của đơn vị mình gửi về Văn phòng Sở trước ngày 20/01/2025" in text
    assert "(Kèm theo Kế hoạch cải cách hành chính Sở Nông nghiệp và Môi trường năm 2025)" in text
    # outside the task table (whose texts are the clerk's data), nothing of the old agency or year is left
    table, _ = appendix_table(doc)
    outside = "\n".join(ooxml.paragraph_text(p) for p in doc.body.iter(w("p"))
                        if table not in p.iterancestors(w("tbl")))
    assert "STNMT" not in outside
    assert "Tài nguyên và Môi trường" not in outside and "TÀI NGUYÊN" not in outside
    assert "2024" not in outside


def test_no_agency_province_or_year_literals_in_code_or_templates():
    import zipfile

    forbidden = re.compile(r"STNMT|t[àa]i nguy[êe]n v[àa] m[ôo]i tr[ưu][ờo]ng|kh[áa]nh h[òo][àa]?|2024",
                           re.IGNORECASE)
    offenders = []
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        offenders += [f"{path.name}: {m.group(0)}" for m in forbidden.finditer(text)]
    for path in (ROOT / "templates").glob("*.docx"):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".xml"):
                    text = zf.read(name).decode("utf-8")
                    offenders += [f"{path.name}/{name}: {m.group(0)}" for m in forbidden.finditer(text)]
    assert offenders == []
