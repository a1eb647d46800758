"""The Nghị định 30 linter (pipeline.lint): generated documents pass, each hand-made bad
document is caught with the right rule at the right place, and template variables the
data does not provide are listed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import BUNDLED, ROOT, set_field
from nd30_cases import CASES, Case, build, foreign_report, tabbed_plan

from pipeline import ooxml
from pipeline.errors import CchcError, Problem, Severity
from pipeline.lint import lint_docx, lint_template
from pipeline.lint.rules import date_rules, so_rules

TEMPLATE = ROOT / "templates" / "qd_kehoach.docx"
SO_ZERO = "Số văn bản dưới 10 phải có số 0 phía trước (01–09)"
SO_PATTERN = ("Số, ký hiệu phải có dạng 'Số: 15/QĐ-BNV' (dấu hai chấm, '/' trước ký hiệu, '-' giữa các nhóm, "
              "không dấu cách)")
DAY_ZERO = "Ngày dưới 10 phải có số 0 phía trước"
MONTH_ZERO = "Tháng 1 và 2 phải có số 0 phía trước; tháng 3–12 thì không"
DATE_INVALID = "Ngày tháng không có thật"
DATE_PATTERN = "Địa danh, ngày tháng năm phải có dạng '<Địa danh>, ngày 05 tháng 3 năm 2020'"


def rule(p: Problem) -> str:
    """The rule a problem states, without what was found: 'Phông chữ … (đang là Calibri)'."""
    return re.sub(r" \(đang là .*\)$", "", p.message)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


# -- generated documents -----------------------------------------------------------------


@pytest.fixture(scope="session")
def plan_problems(plan_docx) -> list[Problem]:
    return lint_docx(plan_docx)


def test_generated_plan_has_no_problem(plan_problems):
    # The landscape Phụ lục holds its table (NĐ 30 allows it), and "./." follows the table (Mẫu 2.1).
    assert [str(p) for p in plan_problems] == []


def test_generated_appendix_has_no_problem(appendix_docx):
    assert [str(p) for p in lint_docx(appendix_docx)] == []


def test_a_draft_with_blank_number_and_day_passes(plan_docx, plan_problems):
    from docxutil import Doc

    text = Doc(plan_docx).text()
    assert "Số:        /QĐ-STNMT" in text and "Khánh Hòa, ngày      tháng 01 năm 2024" in text
    assert not [p for p in plan_problems if "Số" in p.cell or "ngày" in p.cell]


def test_a_report_typed_in_another_office_passes(tmp_path):
    assert lint_docx(foreign_report(tmp_path / "bc.docx")) == []


def test_a_plan_laid_out_with_tabs_passes(tmp_path):
    """No tables: agency and Quốc hiệu share lines split by tabs; the signature is paragraphs."""
    assert lint_docx(tabbed_plan(tmp_path / "kh.docx")) == []


def test_a_tab_separated_quoc_hieu_is_still_checked(tmp_path):
    from nd30_cases import Package, rpr, runs, set_prop

    pkg = Package(tabbed_plan(tmp_path / "kh.docx"))
    set_prop(rpr(runs(pkg.paragraph("UBND TỈNH"))[1]), "b", val="0")
    problems = lint_docx(pkg.save(tmp_path / "kh2.docx"))
    assert [(p.message, p.cell) for p in problems] == [
        ("Quốc hiệu cỡ chữ 12–13, in đậm, in hoa (đang là không đậm)", 'đoạn "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"')]


def test_another_office_report_with_a_wrong_last_recipient(tmp_path):
    problems = lint_docx(foreign_report(tmp_path / "bc.docx", recipients_last="- Lưu VT"))
    assert [(rule(p), p.cell) for p in problems] == [("Dòng cuối nơi nhận phải là '- Lưu: VT, …'", 'đoạn "- Lưu VT"')]


def test_a_report_without_kinh_gui_is_only_warned(tmp_path):
    problems = lint_docx(foreign_report(tmp_path / "bc.docx", kinh_gui=False))
    assert [(p.severity, p.cell) for p in problems] == [(Severity.WARNING, 'đoạn "BÁO CÁO"')]
    assert problems[0].message.startswith("Báo cáo, tờ trình, công văn gửi cấp trên cần có 'Kính gửi: …'")


def test_a_report_that_names_its_readers_needs_no_kinh_gui(tmp_path):
    """Without "- Như trên;" the Nơi nhận lists every reader: nobody above is addressed (an internal report)."""
    path = foreign_report(tmp_path / "bc.docx", kinh_gui=False, recipients_first="- Các phòng, ban thuộc UBND tỉnh;")
    assert lint_docx(path) == []


def test_a_phu_luc_ending_with_a_table_takes_its_end_mark_after_it(appendix_docx, tmp_path):
    from nd30_cases import Package

    pkg = Package(appendix_docx)
    mark = pkg.paragraph("./.", exact=True)
    assert mark.getprevious().tag == ooxml.w("tbl")  # right under the closing table
    mark.getparent().remove(mark)
    problems = lint_docx(pkg.save(tmp_path / "pl.docx"))
    assert [(p.message, p.severity) for p in problems] == [("Nội dung văn bản phải kết thúc bằng dấu './.'",
                                                             Severity.WARNING)]


def test_lint_checks_every_file_and_names_a_missing_one(appendix_docx, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "khong_co.docx"), str(appendix_docx)])
    assert result.exit_code == 1
    assert f"khong_co.docx: Không tìm thấy tệp {tmp_path / 'khong_co.docx'}." in result.output
    assert "Không đọc được 1/2 tệp (xem ở trên); các tệp còn lại không có lỗi thể thức." in result.output


def test_every_message_is_vietnamese():
    """No English word of Word's own in a rule or where it points (issue 15: 'section 2: …')."""
    from pipeline.lint import rules

    messages = [v for k, v in vars(rules).items() if k.isupper() and isinstance(v, str)]
    messages += [m for m, _, _ in rules.MARGINS.values()] + [rules.section_name(2), rules.align_name(None)]
    english = re.compile(r"\b(section|single|page|header|footer|table|style|font|error|warning)\b", re.I)
    assert len(messages) > 40 and [m for m in messages if english.search(m)] == []


def test_signed_by_a_deputy_with_a_name_passes(workbook, tmp_path):
    from pipeline import api

    set_field(workbook, "Quyền hạn ký", "KT.")
    set_field(workbook, "Chức vụ người ký", "PHÓ GIÁM ĐỐC")
    set_field(workbook, "Người ký", "Nguyễn Văn An")
    problems = lint_docx(api.build_plan(workbook, tmp_path / "qd.docx").path)
    assert errors(problems) == []


def test_a_signed_attached_plan_is_only_warned(workbook, tmp_path):
    """NĐ 30's mẫu for a Kế hoạch issued with a Quyết định shows no signature; practice varies."""
    from pipeline import api

    set_field(workbook, "Kế hoạch có chữ ký", "có")
    problems = lint_docx(api.build_plan(workbook, tmp_path / "qd.docx").path)
    assert errors(problems) == []
    signed = [p for p in problems if p.message.startswith("Văn bản ban hành kèm theo có chữ ký hoặc nơi nhận")]
    assert [(p.severity, p.cell) for p in signed] == [(Severity.WARNING, 'đoạn "Nơi nhận:"')]


# -- one broken rule per document ------------------------------------------------------------


@pytest.fixture(scope="session")
def cases_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("nd30")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_broken_rule_is_found_where_it_is(case: Case, plan_docx, plan_problems, cases_dir):
    baseline = {(rule(p), p.severity, p.cell) for p in plan_problems}
    problems = lint_docx(build(case, plan_docx, cases_dir))
    new = [p for p in problems if (rule(p), p.severity, p.cell) not in baseline]
    if case.rule is None:
        assert new == []
        return
    assert {(rule(p), p.severity) for p in new} == {(case.rule, case.severity)}, [str(p) for p in new]
    assert new[0].cell == case.where
    assert all(len(re.sub(r'^.*?"|"$', "", p.cell)) <= 60 for p in new)


def test_at_least_fifteen_distinct_rules_are_exercised():
    assert len({c.rule for c in CASES if c.rule}) >= 15


def test_what_was_found_follows_the_rule(plan_docx, cases_dir):
    case = next(c for c in CASES if c.name == "margin_left")
    problems = lint_docx(build(case, plan_docx, cases_dir))
    assert "Lề trái phải từ 30 đến 35 mm (đang là 20,0 mm)" in [p.message for p in problems]
    case = next(c for c in CASES if c.name == "theme_font_in_normal")
    fonts = [p for p in lint_docx(build(case, plan_docx, cases_dir)) if rule(p) == "Phông chữ phải là Times New Roman"]
    assert fonts[0].message.endswith("(đang là Cambria)")  # minorHAnsi resolved through theme1.xml
    assert len(fonts) == 4 and fonts[-1].cell.startswith("… và ")  # one line per paragraph, then a count


def test_not_a_docx_is_refused(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CchcError, match=r"x\.docx .*không phải văn bản Word"):
        lint_docx(bad)


# -- số and date lines -----------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Số: 05/QĐ-BNV", []),
    ("Số: 15/QĐ-BNV", []),
    ("Số: 12/UBND-VX", []),
    ("Số: 01/2023/QĐ-UBND", []),
    ("Số: 15/QyĐ-BNV", []),
    ("Số: 10/BNV-CCHC&PC", []),
    ("Số:        /QĐ-STNMT", []),
    ("Số: …/KH-SNNMT", []),
    ("Số: 5/QĐ-BNV", [SO_ZERO]),
    ("Số:15/QĐ-BNV", [SO_PATTERN]),
    ("Số: 15 /QĐ-BNV", [SO_PATTERN]),
    ("Số: 15/QĐ - BNV", [SO_PATTERN]),
    ("Số: 005/QĐ-BNV", [SO_PATTERN]),
    ("Số 15/QĐ-BNV", [SO_PATTERN]),
])
def test_so_line(text, expected):
    assert so_rules(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hà Nội, ngày 05 tháng 01 năm 2020", []),
    ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", []),
    ("Khánh Hòa, ngày      tháng 01 năm 2024", []),
    ("Khánh Hòa, ngày … tháng … năm 2024", []),
    ("Khánh Hòa, ngày 10 tháng 12 năm 2024", []),
    ("Khánh Hòa, ngày 5 tháng 3 năm 2024", [DAY_ZERO]),
    ("Khánh Hòa, ngày 05 tháng 03 năm 2024", [MONTH_ZERO]),
    ("Khánh Hòa, ngày 05 tháng 1 năm 2024", [MONTH_ZERO]),
    ("Khánh Hòa, ngày 5 tháng 2 năm 2024", [DAY_ZERO, MONTH_ZERO]),
    ("Khánh Hòa, ngày 30 tháng 02 năm 2024", [DATE_INVALID]),
    ("Khánh Hòa, ngày 32 tháng 3 năm 2024", [DATE_INVALID]),
    ("Khánh Hòa ngày 05 tháng 3 năm 2024", [DATE_PATTERN]),
    ("khánh Hòa, ngày 05 tháng 3 năm 2024", [DATE_PATTERN]),
])
def test_date_line(text, expected):
    assert date_rules(text) == expected


# -- template variables ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def provided() -> dict:
    from pipeline import api, schema
    from pipeline.render.plan import plan_context

    return plan_context(api.load(BUNDLED, schema.PLAN_SHEETS).plan)


def edited_template(tmp_path: Path, edit) -> Path:
    out = tmp_path / "mau.docx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
    return out


def replace_once(xml: str, old: str, new: str) -> str:
    assert xml.count(old) == 1, old
    return xml.replace(old, new)


def test_bundled_template_uses_only_provided_variables(provided):
    assert lint_template(TEMPLATE, provided) == []


def test_typos_are_reported_with_where_they_are(tmp_path, provided):
    def edit(xml: str) -> str:
        xml = replace_once(xml, "{{ t.thoi_gian }}", "{{ t.deadline }}")
        return replace_once(xml, "{{ qd.so_ky_hieu }}", "{{ qd.so_kyhieu }}")

    problems = lint_template(edited_template(tmp_path, edit), provided)
    got = {(p.cell, p.message) for p in problems}
    assert got == {
        ('đoạn "{{ t.deadline }}"', "Mẫu dùng 't.deadline' nhưng dữ liệu không có "
                                    "(t lấy từ s.nhiem_vu; có: stt, ma, nhiem_vu, phan_cong, thoi_gian, san_pham)"),
        ('đoạn "{{ qd.so_kyhieu }}"', "Mẫu dùng 'qd.so_kyhieu' nhưng dữ liệu không có (có phải 'qd.so_ky_hieu'?)"),
    }
    assert all(p.severity is Severity.ERROR and p.file == "mau.docx" for p in problems)


def test_a_tag_word_split_across_runs_is_read_as_one(tmp_path, provided):
    # Word often splits "{{ t.deadline }}" into runs (spell check, formatting); docxtpl rejoins them.
    split = '{{ t.dead</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">line }}'
    problems = lint_template(edited_template(tmp_path, lambda x: replace_once(x, "{{ t.thoi_gian }}", split)),
                             provided)
    assert [p.message.split(" (")[0] for p in problems] == ["Mẫu dùng 't.deadline' nhưng dữ liệu không có"]


def test_loop_variable_outside_its_loop_and_unknown_names(tmp_path, provided):
    def edit(xml: str) -> str:
        xml = replace_once(xml, "{{ qd.trich_yeu }}", "{{ qd.trich_yeu }} {{ t.stt }} {{ ngay_ky }}")
        # guarded forms do not count: the pipeline's own templates use them for optional data
        return replace_once(xml, "{{ ke_hoach.trich_yeu }}",
                            "{{ ke_hoach.trich_yeu }}{{ ghi_chu|default('') }}{% if so_ban is defined %}x{% endif %}")

    problems = lint_template(edited_template(tmp_path, edit), provided)
    assert sorted(p.message.split(" (")[0] for p in problems) == [
        "Mẫu dùng 'ngay_ky' nhưng dữ liệu không có",
        "Mẫu dùng 't' nhưng dữ liệu không có",
    ]
    assert {p.cell for p in problems} == {'đoạn "{{ qd.trich_yeu }} {{ t.stt }} {{ ngay_ky }}"'}


def test_not_a_template_is_refused(tmp_path, provided):
    bad = tmp_path / "mau.docx"
    bad.write_bytes(b"PK not really")
    with pytest.raises(CchcError, match=r"mau\.docx bị hỏng"):
        lint_template(bad, provided)


def test_template_syntax_error_is_a_problem(tmp_path, provided):
    bad = edited_template(tmp_path, lambda x: replace_once(x, "{{ qd.trich_yeu }}", "{{ qd.trich_yeu }"))
    problems = lint_template(bad, provided)
    assert len(problems) == 1 and problems[0].message.startswith("Mẫu có thẻ lệnh sai")


@pytest.mark.parametrize("template", sorted(p.name for p in (ROOT / "templates").glob("*.docx")))
def test_every_bundled_template_uses_only_provided_variables(template):
    """`cchc lint --template` on each shipped template: a clerk who edits none gets no error."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["--data", str(BUNDLED), "lint", "--template", str(ROOT / "templates" / template)])
    assert result.exit_code == 0, result.output
    assert "Mẫu dùng đúng các biến chương trình cung cấp." in result.output
