"""Per-unit forms (`cchc forms`) and collecting them back (`cchc collect`).

Forms are reopened with openpyxl and checked as a unit would meet them: locked task
columns, dropdowns, hidden identity, pre-filled latest entries. Returned forms are
edited with openpyxl as a unit would in Excel, then collected into a private copy of
the bundled workbook, whose bytes are compared to prove what was (not) written.
The last test keeps the package's modules (pipeline/forms/) importing one way."""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import shutil
from pathlib import Path

import minibook
import pytest
from click.testing import CliRunner
from conftest import BUNDLED, ROOT, edit_sheet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pipeline import api
from pipeline.cli import cli
from pipeline.errors import CchcError
from pipeline.schema import STATUS_WORDS
from pipeline.text import clean

TODAY = dt.date(2024, 12, 2)
NOW = dt.datetime(2024, 12, 12, 9, 30)
HEADERS = ["Mã nhiệm vụ", "Lĩnh vực", "Nhiệm vụ", "Vai trò (Chủ trì/Phối hợp)", "Thời gian", "Trạng thái",
           "Tỷ lệ (%)", "Kết quả thực hiện", "Văn bản/minh chứng", "Ngày hoàn thành", "Khó khăn, vướng mắc", "Ghi chú"]
LABELS = [w.label for w in STATUS_WORDS.values()]


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_forms(workbook: Path, quy: int, today: dt.date = TODAY) -> dict[str, Path]:
    """The period's forms by unit code (their names: Phieu_Q<quy>_<năm>_<code>.xlsx)."""
    written = api.build_forms(workbook, quy, workbook.parent / "phieu" / f"Q{quy}", today=today)
    return {p.stem.split("_", 3)[3]: p for p in written.written}


def fill(form: Path, rows: dict[str, dict[str, object]] | None = None, date: dt.date | None = None,
         meta: dict[str, str] | None = None, copy_to: Path | None = None) -> Path:
    """Edit a returned form as a unit would: entry cells by task id and header, the report date,
    or (to fake another period, year…) the hidden identity sheet."""
    wb = load_workbook(form)
    ws = wb["TienDo"]
    head = {c.value: c.column for c in ws[4]}
    for r in range(5, ws.max_row + 1):
        tid = ws.cell(r, 1).value
        for header, value in (rows or {}).get(tid, {}).items():
            cell = ws.cell(r, head[header])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    if date is not None:
        ws["B2"].value = date
    for key, value in (meta or {}).items():
        for row in wb["_cchc"].iter_rows(min_row=2):
            if row[0].value == key:
                row[1].value = value
    target = copy_to or form
    wb.save(target)
    return target


def entries(workbook: Path, unit: str, quy: int) -> dict[str, tuple]:
    """TienDo rows of one unit and period, read independently with openpyxl: task → row values."""
    wb = load_workbook(workbook, data_only=True)
    out = {}
    for row in wb["TienDo"].iter_rows(min_row=2, values_only=True):
        if row[1] == unit and row[2] == quy:
            out[row[0]] = row
    return out


def receipts(workbook: Path) -> list[tuple]:
    wb = load_workbook(workbook)
    if "NhanPhieu" not in wb.sheetnames:
        return []
    return [r for r in wb["NhanPhieu"].iter_rows(min_row=2, values_only=True) if r[0]]


def unit_tasks(unit: str) -> list[tuple[str, str]]:
    """(task id, role) for the tasks `unit` leads or supports, read from the bundled NhiemVu with openpyxl."""
    wb = load_workbook(BUNDLED)
    out = []
    for row in wb["NhiemVu"].iter_rows(min_row=2, values_only=True):
        lead = [u.strip() for u in (row[4] or "").split(";")]
        support = [u.strip() for u in (row[5] or "").split(";")]
        if unit in lead:
            out.append((row[0], "Chủ trì"))
        elif unit in support:
            out.append((row[0], "Phối hợp"))
    return out


def task_numbers() -> dict[str, str]:
    """Task id → "II.3" as the bundled plan's Phụ lục numbers it: sections (Lĩnh vực) in order of
    first appearance in NhiemVu, tasks counted within each; read with openpyxl."""
    sections: dict[str, list[str]] = {}
    for row in load_workbook(BUNDLED)["NhiemVu"].iter_rows(min_row=2, values_only=True):
        if row[0]:
            sections.setdefault(row[1], []).append(row[0])
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    return {tid: f"{romans[i]}.{j}" for i, ids in enumerate(sections.values()) for j, tid in enumerate(ids, 1)}


def form_rows(form: Path) -> dict[str, dict[str, object]]:
    ws = load_workbook(form)["TienDo"]
    head = [c.value for c in ws[4]]
    return {row[0]: dict(zip(head, row)) for row in ws.iter_rows(min_row=5, values_only=True) if row[0]}


# -- the forms -----------------------------------------------------------------------


def test_one_form_per_unit_in_the_default_folder(workbook: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = api.build_forms(workbook, 3, today=TODAY).written
    codes = [r[0] for r in load_workbook(BUNDLED)["DonVi"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [p.name for p in written] == [f"Phieu_Q3_2024_{c}.xlsx" for c in codes]
    assert all(p.parent == Path("output/2024/phieu/Q3") and p.exists() for p in written)
    assert Path("output/2024/phieu/Q3/nhan").is_dir() and not any(Path("output/2024/phieu/Q3/nhan").iterdir())


def test_form_content_protection_and_validation(workbook: Path):
    form = make_forms(workbook, 3)["VP"]
    wb = load_workbook(form)
    # the figures sheet (SoLieu) sits beside the status rows when ChiSo asks the units for figures
    assert wb.sheetnames == ["HuongDan", "TienDo", "SoLieu", "_cchc"]
    assert [ws.sheet_state for ws in wb] == ["visible", "visible", "visible", "veryHidden"]
    ws = wb["TienDo"]
    assert [c.value for c in ws[4]] == HEADERS
    expected = unit_tasks("VP")
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert [(r[0], r[3]) for r in rows] == expected
    assert ws.protection.sheet and not ws.protection.password
    last = 4 + len(expected)
    for r in (5, last):
        assert all(ws.cell(r, c).protection.locked for c in range(1, 6)), "task columns are locked"
        assert not any(ws.cell(r, c).protection.locked for c in range(6, 13)), "entry columns are open"
        assert all(ws.cell(r, c).alignment.wrap_text for c in range(1, 13))
    assert ws.freeze_panes == "A5"
    assert ws.column_dimensions["C"].width >= 30 and ws.column_dimensions["H"].width >= 18
    assert ws["A2"].value == "Ngày báo cáo" and ws["B2"].value.date() == TODAY
    assert not ws["B2"].protection.locked and ws["B2"].number_format == "dd/mm/yyyy"
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    status = rules[f"F5:F{last}"]
    assert status.type == "list" and status.formula1 == '"' + ",".join(LABELS) + '"'
    percent = rules[f"G5:G{last}"]
    assert (percent.type, percent.formula1, percent.formula2) == ("whole", "0", "100")
    assert percent.operator in (None, "between")  # between is the default
    assert rules[f"J5:J{last}"].type == "date" and rules["B2"].type == "date"
    meta = dict(wb["_cchc"].iter_rows(min_row=2, values_only=True))
    assert {k: meta[k] for k in ("don_vi", "ky", "nam", "co_quan")} == {
        "don_vi": "VP", "ky": "3", "nam": "2024", "co_quan": "STNMT"}
    assert wb["_cchc"].protection.sheet
    guide = "\n".join(str(r[0]) for r in wb["HuongDan"].iter_rows(values_only=True) if r[0])
    assert "Hạn gửi phiếu về Văn phòng: 10/9/2024." in guide
    assert "Đơn vị báo cáo: Văn phòng Sở (mã VP)" in guide and "kỳ 3; năm 2024; cơ quan STNMT" in guide
    assert "Ngày báo cáo" in guide
    for label in LABELS:
        assert f"• {label}:" in guide
    assert "'Không thực hiện' bắt buộc ghi lý do ở cột Ghi chú" in guide


def test_prefilled_with_latest_entries_up_to_the_period(workbook: Path):
    tienDo = [r for r in load_workbook(BUNDLED)["TienDo"].iter_rows(min_row=2, values_only=True) if r[0]]

    def latest(unit: str, quy: int) -> dict[str, tuple]:
        best: dict[str, tuple] = {}
        for row in tienDo:  # a later row wins a tie, as when a unit resends
            if row[1] == unit and row[2] <= quy and row[2] >= best.get(row[0], (0, 0, 0))[2]:
                best[row[0]] = row
        return best

    for quy in (2, 4):  # Q2: that period's own entries; Q4: none yet, so Q3's
        form = make_forms(workbook, quy)["CCQLDD"]
        got = form_rows(form)
        want = latest("CCQLDD", quy)
        assert set(got) == {t for t, _ in unit_tasks("CCQLDD")}
        for tid, row in got.items():
            src = want.get(tid)
            if src is None:
                assert row["Trạng thái"] is None and row["Tỷ lệ (%)"] is None
                continue
            assert row["Trạng thái"] == src[3]
            assert row["Tỷ lệ (%)"] == src[4]
            assert (row["Kết quả thực hiện"] or None) == src[5]
            assert (row["Ngày hoàn thành"].date() if row["Ngày hoàn thành"] else None) == (
                src[7].date() if src[7] else None)
            assert (row["Ghi chú"] or None) == src[9]
    assert any(r["Trạng thái"] for r in form_rows(form).values())


def test_formula_like_text_stays_text(workbook: Path):
    nasty = {"NV01": "=SUM(A1:A2)", "NV02": "+84 258", "NV04": "-1", "NV05": "@cell"}

    def tasks(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value in nasty:
                row[2].value = nasty[row[0].value]
                row[2].data_type = "s"

    def progress(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "NV01" and row[1].value == "VP" and row[2].value == 3:
                row[5].value = "=HYPERLINK(\"http://x\")"
                row[5].data_type = "s"

    edit_sheet(workbook, "NhiemVu", tasks)
    edit_sheet(workbook, "TienDo", progress)
    form = make_forms(workbook, 3)["VP"]
    ws = load_workbook(form)["TienDo"]
    texts = {ws.cell(r, 1).value: ws.cell(r, 3) for r in range(5, ws.max_row + 1)}
    for tid, text in nasty.items():
        assert texts[tid].value == text and texts[tid].data_type == "s"
    assert ws["H5"].value == "=HYPERLINK(\"http://x\")" and ws["H5"].data_type == "s"
    import zipfile

    with zipfile.ZipFile(form) as zf:
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def test_every_document_command_validates_first(workbook: Path, tmp_path: Path):
    def break_it(ws):
        ws["E12"].value = "Chi cuc QLDD"

    edit_sheet(workbook, "NhiemVu", break_it)
    with pytest.raises(CchcError) as err:
        api.build_forms(workbook, 3, tmp_path / "phieu", today=TODAY)
    assert "kehoach.xlsx › NhiemVu › E12" in str(err.value)
    assert not (tmp_path / "phieu").exists()


# -- collecting ------------------------------------------------------------------------


def test_collect_adds_then_is_idempotent(workbook: Path):
    form = fill(make_forms(workbook, 4)["VP"],
                {"NV01": {"Trạng thái": "Đã hoàn thành", "Tỷ lệ (%)": 100, "Ngày hoàn thành": dt.date(2024, 11, 20),
                          "Kết quả thực hiện": "Đã ban hành Chương trình"}},
                date=dt.date(2024, 12, 5))
    before = digest(workbook)
    result = api.collect(workbook, 4, [form], now=NOW)
    assert [f.outcome for f in result.detail.forms] == ["added"] and result.exit_code == 0
    assert result.written and digest(workbook) != before
    assert result.detail.backup == workbook.parent / "backup" / "kehoach-20241212-093000.xlsx"
    assert digest(result.detail.backup) == before, "the backup is the workbook as it was"
    rows = entries(workbook, "VP", 4)
    reported = {t for t, r in form_rows(form).items() if r["Trạng thái"]}
    assert set(rows) == reported and len(reported) == len(unit_tasks("VP")) - 1  # NV26: never reported
    nv01 = rows["NV01"]
    assert nv01[3:6] == ("Đã hoàn thành", 100, "Đã ban hành Chương trình")
    assert nv01[7] == dt.datetime(2024, 11, 20)
    assert receipts(workbook) == [("VP", 4, dt.datetime(2024, 12, 5), "Phieu_Q4_2024_VP.xlsx", NOW)]
    assert "Thêm mới: 1 phiếu" in result.detail.summary()
    # the same form again: nothing to do, nothing written, no second backup
    after = digest(workbook)
    again = api.collect(workbook, 4, [form], now=NOW + dt.timedelta(hours=1))
    assert [f.outcome for f in again.detail.forms] == ["unchanged"] and not again.written and again.exit_code == 0
    assert digest(workbook) == after
    assert len(list((workbook.parent / "backup").glob("*.xlsx"))) == 1
    assert "Không có gì thay đổi" in again.detail.summary()


def sheet_values(workbook: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(workbook)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb}


def test_collect_keeps_everything_else_in_the_workbook(workbook: Path):
    original = sheet_values(workbook)
    form = fill(make_forms(workbook, 4)["QLMT"], {"NV02": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))
    assert api.collect(workbook, 4, [form], now=NOW).written
    wb = load_workbook(workbook)
    assert wb.sheetnames == [*original, "NhanPhieu"]
    after = sheet_values(workbook)
    for name, rows in original.items():
        if name != "TienDo":
            assert after[name] == rows, name  # dates stay dates, numbers numbers
    assert after["TienDo"][: len(original["TienDo"])] == original["TienDo"]  # entries only appended
    assert isinstance(after["KyBaoCao"][1][2], dt.datetime)
    rules = [str(dv.sqref) for dv in wb["TienDo"].data_validations.dataValidation]
    assert "D2:D1001" in rules
    assert wb["TienDo"].freeze_panes == load_workbook(BUNDLED)["TienDo"].freeze_panes
    result = CliRunner().invoke(cli, ["--data", str(workbook), "validate"])
    assert result.exit_code == 0, result.output


def test_a_form_replaces_only_the_tasks_it_lists(workbook: Path):
    def add(ws):  # an entry for a task not on the QLMT form (a warning, not an error)
        ws.append(["NV03", "QLMT", 3, "Đang thực hiện", 20, "Ghi tay", None, None, None, None])

    edit_sheet(workbook, "TienDo", add)
    form = make_forms(workbook, 3)["QLMT"]
    had = entries(workbook, "QLMT", 3)
    cleared = next(t for t, r in form_rows(form).items() if t in had and r["Trạng thái"])
    fill(form, {cleared: {h: None for h in HEADERS[5:]}}, dt.date(2024, 9, 9))
    result = api.collect(workbook, 3, [form], now=NOW)
    assert [f.outcome for f in result.detail.forms] == ["replaced"]
    after = entries(workbook, "QLMT", 3)
    assert cleared not in after, "a listed task left blank loses its entry"
    assert after["NV03"][3:6] == ("Đang thực hiện", 20, "Ghi tay"), "a task not on the form is kept"


def test_received_forms_are_validated_as_part_of_the_workbook(workbook: Path):
    form = fill(make_forms(workbook, 4)["VP"], {"NV01": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))
    api.collect(workbook, 4, [form], now=NOW)

    def spoil(ws):
        ws["C2"].value = "hôm qua"
        ws["A3"].value, ws["B3"].value, ws["C3"].value = "Phong X", 4, dt.date(2024, 12, 6)

    edit_sheet(workbook, "NhanPhieu", spoil)
    result = CliRunner().invoke(cli, ["--data", str(workbook), "validate"])
    assert result.exit_code == 1
    assert "kehoach.xlsx › NhanPhieu › C2: 'Ngày báo cáo': 'hôm qua' không phải ngày" in result.output
    assert "kehoach.xlsx › NhanPhieu › A3: Đơn vị 'Phong X' không có trong sheet DonVi." in result.output
    assert api.build_report(workbook, 4, output=workbook.parent / "bc.docx").path.exists(), \
        "other commands do not read NhanPhieu"


def test_collect_keeps_formula_values_that_do_not_depend_on_it(tmp_path: Path):
    from bad_cases import cell_xml, rezip

    def both(*fns):
        def fn(data: bytes) -> bytes:
            for f in fns:
                data = f(data)
            return data
        return fn

    workbook = rezip(BUNDLED, tmp_path / "kehoach.xlsx", {
        "xl/worksheets/sheet3.xml": cell_xml("G2", '<f>"Quý II/"&amp;"2024"</f><v>Quý II/2024</v>', ' t="str"'),
        "xl/worksheets/sheet5.xml": both(cell_xml("G2", "<f>6+2</f><v>8</v>"),
                                         cell_xml("H2", '<f>COUNTIF(TienDo!D:D,"Đã hoàn thành")</f><v>15</v>')),
    })
    form = fill(make_forms(workbook, 4)["VP"], {"NV01": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))
    result = api.collect(workbook, 4, [form], now=NOW)
    assert result.written
    notes = "\n".join(str(p) for p in result.warnings)
    assert "Công thức ở ChiTieu!H2 phụ thuộc số liệu vừa nhập" in notes and "G2" not in notes
    from python_calamine import CalamineWorkbook

    values = CalamineWorkbook.from_path(str(workbook))
    assert values.get_sheet_by_name("NhiemVu").to_python()[1][6] == "Quý II/2024"
    assert values.get_sheet_by_name("ChiTieu").to_python()[1][6] == 8
    errors = [str(p) for p in api.check_workbook(workbook).problems]
    assert errors == ["kehoach.xlsx › ChiTieu › H2: Ô có công thức nhưng chưa có giá trị đã tính (sổ được tạo bằng "
                      "chương trình khác và chưa mở bằng Excel). Hãy mở sổ bằng Excel, lưu lại rồi chạy lại, hoặc "
                      "thay công thức bằng giá trị."]
    assert load_workbook(workbook).calculation.fullCalcOnLoad


def test_later_report_replaces_earlier_is_refused(workbook: Path, tmp_path: Path):
    blank = make_forms(workbook, 4)["TTR"]
    first = fill(blank, {"NV02": {"Trạng thái": "Đang thực hiện", "Tỷ lệ (%)": 80}}, dt.date(2024, 12, 5),
                 copy_to=tmp_path / "TTR_1.xlsx")
    api.collect(workbook, 4, [first], now=NOW)
    count = len(entries(workbook, "TTR", 4))
    later = fill(blank, {"NV02": {"Trạng thái": "Đã hoàn thành", "Tỷ lệ (%)": 100,
                                  "Ngày hoàn thành": dt.date(2024, 12, 6)}}, dt.date(2024, 12, 9),
                 copy_to=tmp_path / "TTR_2.xlsx")
    result = api.collect(workbook, 4, [later], now=NOW)
    assert [(f.outcome, f.previous) for f in result.detail.forms] == [("replaced", dt.date(2024, 12, 5))]
    rows = entries(workbook, "TTR", 4)
    assert len(rows) == count and rows["NV02"][3:5] == ("Đã hoàn thành", 100)
    assert [r[2].date() for r in receipts(workbook)] == [dt.date(2024, 12, 5), dt.date(2024, 12, 9)]
    # an older report, or the same date with other content, changes nothing
    before = digest(workbook)
    older = fill(blank, {"NV02": {"Tỷ lệ (%)": 85}}, dt.date(2024, 12, 7),
                 copy_to=tmp_path / "TTR_0.xlsx")
    same_day = fill(blank, {"NV02": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 9), copy_to=tmp_path / "TTR_3.xlsx")
    result = api.collect(workbook, 4, [older, same_day], now=NOW)
    assert [f.outcome for f in result.detail.forms] == ["refused", "refused"] and result.exit_code == 1
    assert "cũ hơn phiếu đã nhập" in result.detail.forms[0].reason and "07/12/2024" in result.detail.forms[0].reason
    assert "cùng Ngày báo cáo 09/12/2024" in result.detail.forms[1].reason
    assert digest(workbook) == before and not result.written


def test_two_reports_in_one_run_the_later_wins(workbook: Path, tmp_path: Path):
    blank = make_forms(workbook, 4)["KHTC"]
    late = fill(blank, {"NV05": {"Ghi chú": "Bản gửi ngày 09/12"}}, dt.date(2024, 12, 9),
                copy_to=tmp_path / "a.xlsx")
    early = fill(blank, {"NV05": {"Ghi chú": "Bản gửi ngày 04/12"}}, dt.date(2024, 12, 4),
                 copy_to=tmp_path / "b.xlsx")
    result = api.collect(workbook, 4, [late, early], now=NOW)
    assert [(f.path.name, f.outcome) for f in result.detail.forms] == [("b.xlsx", "added"), ("a.xlsx", "replaced")]
    assert entries(workbook, "KHTC", 4)["NV05"][9] == "Bản gửi ngày 09/12"
    assert [r[2].date() for r in receipts(workbook)] == [dt.date(2024, 12, 4), dt.date(2024, 12, 9)]


def test_replacing_this_periods_entries_keeps_rows_in_place(workbook: Path):
    def row_numbers(unit: str, quy: int) -> list[int]:
        ws = load_workbook(workbook)["TienDo"]
        return [r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == unit and ws.cell(r, 3).value == quy]

    before_rows = row_numbers("QLMT", 3)
    total = load_workbook(workbook)["TienDo"].max_row
    form = make_forms(workbook, 3)["QLMT"]
    tid = next(iter(form_rows(form)))
    fill(form, {tid: {"Khó khăn, vướng mắc": "Thiếu kinh phí"}}, dt.date(2024, 9, 9))
    result = api.collect(workbook, 3, [form], now=NOW)
    assert [f.outcome for f in result.detail.forms] == ["replaced"]
    # rows already there keep their place; tasks pre-filled from earlier periods are appended
    earlier = {t for t, r in form_rows(form).items() if r["Trạng thái"]} - set(entries(BUNDLED, "QLMT", 3))
    assert earlier
    assert row_numbers("QLMT", 3) == before_rows + list(range(total + 1, total + 1 + len(earlier)))
    assert entries(workbook, "QLMT", 3)[tid][8] == "Thiếu kinh phí"


def test_refused_forms_name_the_reason_and_change_nothing(workbook: Path, tmp_path: Path):
    forms3 = make_forms(workbook, 3)
    forms4 = make_forms(workbook, 4)
    d = dt.date(2024, 12, 5)
    other_task = next(t for t, _ in unit_tasks("VP") if t not in dict(unit_tasks("TTR")))
    cases = {
        "period": fill(forms3["TTR"], date=d, copy_to=tmp_path / "period.xlsx"),
        "year": fill(forms4["TTR"], date=d, meta={"nam": "2023"}, copy_to=tmp_path / "year.xlsx"),
        "agency": fill(forms4["TTR"], date=d, meta={"co_quan": "SNV"}, copy_to=tmp_path / "agency.xlsx"),
        "unit": fill(forms4["TTR"], date=d, meta={"don_vi": "PHONG_X"}, copy_to=tmp_path / "unit.xlsx"),
        "task": fill(forms4["TTR"], date=d, copy_to=tmp_path / "task.xlsx"),
        "cells": fill(forms4["TTR"], {
            "NV02": {"Trạng thái": "Xong rồi"},
            "NV05": {"Trạng thái": "Đang thực hiện", "Tỷ lệ (%)": 150},
            "NV06": {"Trạng thái": "Đã hoàn thành", "Ngày hoàn thành": "31/02/2024"},
            "NV07": {"Trạng thái": "Không thực hiện", "Ghi chú": None},
        }, date=d, copy_to=tmp_path / "cells.xlsx"),
        "workbook": tmp_path / "kehoach_copy.xlsx",
    }
    shutil.copy(BUNDLED, cases["workbook"])
    wb = load_workbook(cases["task"])
    wb["TienDo"]["A5"].value = other_task
    wb.save(cases["task"])
    assert set(dict(unit_tasks("TTR"))) >= {"NV02", "NV05", "NV06", "NV07"}
    before = digest(workbook)
    result = api.collect(workbook, 4, list(cases.values()), now=NOW)
    got = {f.path.stem: f for f in result.detail.forms}
    assert all(f.outcome == "refused" for f in result.detail.forms) and len(got) == len(cases)
    assert result.exit_code == 1 and not result.written and digest(workbook) == before
    assert not (workbook.parent / "backup").exists()
    assert "kỳ 3, không phải kỳ 4" in got["period"].reason
    assert "năm 2023, không phải năm 2024" in got["year"].reason
    assert "cơ quan SNV, không phải STNMT" in got["agency"].reason
    assert "'PHONG_X' không có trong sheet DonVi" in got["unit"].reason
    assert "không phải phiếu báo cáo" in got["kehoach_copy"].reason
    # a task's problems are named by the unit and the task's number in the plan, then the cell
    no = task_numbers()
    where = [str(p) for p in got["task"].problems]
    assert where == [f"TTR, nhiệm vụ {no[other_task]} (ô A5): Nhiệm vụ {other_task} không giao cho đơn vị TTR "
                     "(không chủ trì, không phối hợp)."]
    text = "\n".join(str(p) for p in got["cells"].problems)
    assert "có 4 lỗi" in got["cells"].reason  # a cell that cannot be read is not judged by the other rules
    rows = form_rows(forms4["TTR"])
    row_of = {tid: 5 + i for i, tid in enumerate(rows)}
    assert f"TTR, nhiệm vụ {no['NV02']} (ô F{row_of['NV02']}): Trạng thái 'Xong rồi' không hợp lệ" in text
    assert f"TTR, nhiệm vụ {no['NV05']} (ô G{row_of['NV05']}): 'Tỷ lệ (%)': tỷ lệ 150 nằm ngoài khoảng 0–100" in text
    assert (f"TTR, nhiệm vụ {no['NV06']} (ô J{row_of['NV06']}): 'Ngày hoàn thành': ngày '31/02/2024' không "
            "tồn tại") in text
    assert f"TTR, nhiệm vụ {no['NV07']} (ô L{row_of['NV07']}): Nhiệm vụ 'Không thực hiện' cần ghi lý do" in text
    assert "period.xlsx › _cchc › B6" in "\n".join(str(p) for p in got["period"].problems)


def test_collect_refuses_while_the_workbook_is_open_in_excel(workbook: Path):
    form = fill(make_forms(workbook, 4)["VP"], {"NV01": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))
    lock = workbook.with_name("~$kehoach.xlsx")
    lock.write_bytes(b"owner")
    before = digest(workbook)
    result = CliRunner().invoke(cli, ["--data", str(workbook), "collect", "--quy", "4", str(form)])
    assert result.exit_code == 1
    assert "kehoach.xlsx đang mở trong Excel" in result.output
    assert digest(workbook) == before and not (workbook.parent / "backup").exists()


def test_collect_refuses_an_invalid_workbook(workbook: Path):
    form = fill(make_forms(workbook, 4)["VP"], {"NV01": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))

    def break_it(ws):
        ws["E20"].value = 250

    edit_sheet(workbook, "TienDo", break_it)
    before = digest(workbook)
    with pytest.raises(CchcError) as err:
        api.collect(workbook, 4, [form], now=NOW)
    assert "kehoach.xlsx › TienDo › E20: 'Tỷ lệ (%)': tỷ lệ 250 nằm ngoài khoảng 0–100." in str(err.value)
    assert digest(workbook) == before


def test_make_collect_reads_the_returned_forms_folder(workbook: Path, tmp_path: Path, monkeypatch):
    """`make forms` then `make collect`: blank forms in phieu/Q3/, returned ones saved in phieu/Q3/nhan/,
    which `collect --quy 3` reads when no path is given."""
    monkeypatch.chdir(tmp_path)
    made = CliRunner().invoke(cli, ["--data", str(workbook), "forms", "--quy", "3"])
    assert made.exit_code == 0, made.output
    inbox = Path("output/2024/phieu/Q3/nhan")
    assert f"Phiếu đơn vị gửi lại: lưu vào {inbox} rồi chạy cchc collect --quy 3." in made.output
    before = digest(workbook)
    runner = CliRunner()
    empty = runner.invoke(cli, ["--data", str(workbook), "collect", "--quy", "3"])
    assert empty.exit_code == 1 and digest(workbook) == before
    assert (f"Đường dẫn phiếu không đúng; chưa nhập phiếu nào, sổ giữ nguyên:\n  - thư mục {inbox} chưa có phiếu "
            "nào (.xlsx): lưu các phiếu đơn vị gửi lại vào thư mục này rồi chạy lại.") in empty.output
    assert "chưa điền" not in empty.output  # the blank forms beside it are not read
    for form in Path("output/2024/phieu/Q3").glob("*.xlsx"):  # every unit returns its form, TTQT filled in
        shutil.copy(form, inbox / form.name)
    task = unit_tasks("TTQT")[0][0]
    fill(inbox / "Phieu_Q3_2024_TTQT.xlsx", {task: {"Khó khăn, vướng mắc": "Thiếu nhân lực"}}, dt.date(2024, 9, 8))
    result = runner.invoke(cli, ["--data", str(workbook), "collect", "--quy", "3"])
    assert result.exit_code == 0, result.output
    assert "Thêm mới: 1 phiếu" in result.output
    assert "Phieu_Q3_2024_TTQT.xlsx: Trung tâm Quan trắc tài nguyên và môi trường (TTQT)" in result.output
    assert "Không thay đổi: 9 phiếu" in result.output  # returned untouched: not a report
    assert entries(workbook, "TTQT", 3)[task][8] == "Thiếu nhân lực"
    (inbox / "ghi_chu.csv").write_text("Mã,Trạng thái\n", encoding="utf-8")  # a unit's file in another format
    after = digest(workbook)
    result = runner.invoke(cli, ["--data", str(workbook), "collect", "--quy", "3"])
    assert result.exit_code == 1 and digest(workbook) == after  # refused, nothing else new: nothing written
    assert "Từ chối: 1 phiếu" in result.output and "ghi_chu.csv không phải sổ Excel" in result.output
    # the blank forms' folder named by mistake: a note says where the returned ones go
    blank = runner.invoke(cli, ["--data", str(workbook), "collect", "--quy", "3", "output/2024/phieu/Q3"])
    assert ("Thư mục output/2024/phieu/Q3 là nơi lưu phiếu gửi đi; phiếu đơn vị gửi lại lưu trong "
            "output/2024/phieu/Q3/nhan.") in blank.output


def test_a_wrong_path_is_the_clerks_error_not_a_refused_form(workbook: Path, tmp_path: Path):
    form = fill(make_forms(workbook, 4)["VP"], {"NV01": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))
    other = tmp_path / "BaoCao.docx"
    other.write_bytes(b"PK")
    before = digest(workbook)
    result = CliRunner().invoke(cli, ["--data", str(workbook), "collect", "--quy", "4", str(form),
                                      str(tmp_path / "Phieu_TTR.xlsx"), str(other), str(workbook)])
    assert result.exit_code == 1 and digest(workbook) == before
    assert result.output.splitlines()[:4] == [
        "Đường dẫn phiếu không đúng; chưa nhập phiếu nào, sổ giữ nguyên:",
        f"  - không tìm thấy {tmp_path / 'Phieu_TTR.xlsx'}: kiểm tra lại đường dẫn.",
        f"  - {other} không phải tệp Excel: phiếu là tệp .xlsx do cchc forms lập.",
        f"  - {workbook} là chính sổ kế hoạch, không phải phiếu của đơn vị."]
    assert "Từ chối" not in result.output


def test_report_after_collect_reflects_the_new_entries(workbook: Path, tmp_path: Path):
    from docxutil import Doc

    before = Doc(api.build_report(workbook, 3, output=tmp_path / "truoc.docx").path).text()
    assert "chưa gửi báo cáo kỳ này: Trung tâm Quan trắc tài nguyên và môi trường" in before
    form = make_forms(workbook, 3)["TTQT"]
    done = {t: {"Trạng thái": "Đã hoàn thành", "Tỷ lệ (%)": 100, "Ngày hoàn thành": dt.date(2024, 8, 30)}
            for t, role in unit_tasks("TTQT")}
    fill(form, done, dt.date(2024, 9, 9))
    assert api.collect(workbook, 3, [form], now=NOW).written
    after = Doc(api.build_report(workbook, 3, output=tmp_path / "sau.docx").path).text()
    assert "chưa gửi báo cáo kỳ này: Trung tâm Quan trắc" not in after
    assert "Tất cả các đơn vị đã gửi báo cáo." in after and "Tất cả các đơn vị đã gửi báo cáo." not in before
    plan = api.load(workbook, ("ThongTin", "DonVi", "NhiemVu", "KyBaoCao", "TienDo")).plan
    ttqt = [e for e in plan.entries if e.unit == "TTQT" and e.period == 3]
    assert {e.task for e in ttqt} == set(done) and all(e.status == "xong" for e in ttqt)


# -- property: a form returned untouched is a no-op; returned with only a new date, taken once


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30).filter(
    lambda t: not clean(t).startswith("#"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_text, min_size=4, max_size=4), status=st.sampled_from(LABELS),
       pct=st.none() | st.integers(0, 100), entry_period=st.integers(1, 4), quy=st.integers(1, 4))
def test_untouched_form_is_a_noop(tmp_path_factory, texts, status, pct, entry_period, quy):
    folder = tmp_path_factory.mktemp("prop")
    result, evidence, issues, note = texts
    if status == "Không thực hiện":
        note = f"Lý do: {note}"
    # An entry that agrees with itself (collect refuses a dated form whose entries contradict themselves)
    done = status in ("Đã hoàn thành", "Hoàn thành quá hạn")
    if pct is not None and (done or (status == "Chưa thực hiện" and pct) or (status == "Không thực hiện")):
        pct = 100 if done else 0
    done_on = minibook.D(2025, 3, 1) if done else None
    tasks = [minibook.task("T1", "A", "Quý II/2025"), minibook.task("T2", "B", "Quý III/2025", support="A")]
    progress = [["T1", "A", entry_period, status, pct, result, evidence, done_on, issues, note],
                ["T2", "B", 1, "Đang thực hiện", 10, "", "", None, "", ""]]
    book = minibook.write(folder / "kehoach.xlsx", tasks, progress)
    form = api.build_forms(book, quy, folder / "phieu", today=minibook.D(2025, 1, 2)).written[0]
    assert form.name == f"Phieu_Q{quy}_2025_A.xlsx"
    before = digest(book)
    untouched = api.collect(book, quy, [form])
    assert [f.outcome for f in untouched.detail.forms] == ["unchanged"] and not untouched.written
    assert digest(book) == before and not (folder / "backup").exists()
    # The unit confirms by dating the form: taken once (same content), then a no-op.
    fill(form, date=minibook.D(2025, 12, 20))
    taken = api.collect(book, quy, [form])
    if entry_period > quy:  # nothing to pre-fill: a dated but empty form is no report
        assert [f.outcome for f in taken.detail.forms] == ["refused"] and not taken.written
        assert digest(book) == before
        return
    assert [f.outcome for f in taken.detail.forms] == (["replaced"] if entry_period == quy else ["added"])
    assert taken.written
    after = digest(book)
    again = api.collect(book, quy, [form])
    assert [f.outcome for f in again.detail.forms] == ["unchanged"], again.detail.summary()
    assert digest(book) == after


# -- the package: one module per job, imports one way -----------------------------------


def test_forms_modules_import_one_way():
    """layout → write ← content → check → read → decide → edit (journal apart), counting imports
    inside functions; only the
    package's __init__ ties them together, and no module imports it."""
    allowed = {"content": set(), "layout": set(), "write": {"content", "layout"}, "check": {"content"},
               "read": {"content", "check"}, "decide": {"content", "read"}, "edit": {"content", "decide"},
               "journal": set(),
               # the self-assessment forms (issue 13): the same path beside the status forms'
               "assess_content": set(), "assess_write": {"content", "write", "assess_content"},
               "assess_read": {"assess_content"}, "assess_decide": {"content", "decide", "assess_content",
                                                                     "assess_read"},
               "assess_edit": {"edit", "assess_decide"}}
    package = ROOT / "pipeline" / "forms"
    modules = {p.stem for p in package.glob("*.py")}
    assert modules == {*allowed, "__init__"}
    for name in allowed:
        used = set()
        for node in ast.walk(ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}.py: relative import"
                targets = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            used |= {t.split(".")[2] if t.count(".") >= 2 else "__init__"
                     for t in targets if t == "pipeline.forms" or t.startswith("pipeline.forms.")}
        used &= modules  # 'from pipeline.forms.read import Entry' also names pipeline.forms.read.Entry
        assert used <= allowed[name], f"{name}.py imports {sorted(used - allowed[name])}"
