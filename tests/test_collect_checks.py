"""What the clerk sees when units return forms that say contradictory, incomplete or ambiguous
things (issue 15): each case on real forms written by `api.build_forms` and filled with
openpyxl as a unit would, checked on the exact message (per unit and task: "TTR, nhiệm vụ
I.4 …"), the exit code, the workbook's bytes on refusal and the TienDo rows on acceptance;
and the exit code of a partly refused collect, a wrong-period form's message, and the forms'
pre-filled dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from conftest import edit_sheet
from test_forms import digest, entries, fill, form_rows, make_forms, task_numbers

from pipeline import api
from pipeline.cli import cli

NOW = dt.datetime(2024, 12, 12, 9, 30)
DATE = dt.date(2024, 12, 5)  # the quý IV forms' Ngày báo cáo
NO = task_numbers()


def row_of(form: Path, task: str) -> int:
    return 5 + list(form_rows(form)).index(task)


def collect(workbook: Path, form: Path, quy: int = 4):
    return api.collect(workbook, quy, [form], now=NOW)


def messages(result) -> list[str]:
    return [str(p) for p in result.problems + result.warnings if "NhiemVu › G30" not in str(p)]


def refused_unchanged(workbook: Path, result, before: str) -> None:
    assert result.exit_code == 1 and not result.written
    assert digest(workbook) == before and not (workbook.parent / "backup").exists()
    assert [f.outcome for f in result.detail.forms] == ["refused"]


def test_done_to_not_done_keeping_rate_result_and_evidence_is_refused(workbook: Path):
    """The issue's case: TTR reported NV04 done at 6 tháng (100%, 'Đã hoàn thành nhiệm vụ', its công văn);
    the quý IV form says 'Không thực hiện' and keeps all of it."""
    form = make_forms(workbook, 4)["TTR"]
    assert form_rows(form)["NV04"]["Trạng thái"] == "Đã hoàn thành"
    r = row_of(form, "NV04")
    fill(form, {"NV04": {"Trạng thái": "Không thực hiện", "Ngày hoàn thành": None, "Ghi chú": "Dừng theo chỉ đạo"}},
         DATE)
    before = digest(workbook)
    result = collect(workbook, form)
    refused_unchanged(workbook, result, before)
    assert messages(result) == [
        f"TTR, nhiệm vụ {NO['NV04']} (ô G{r}): Trạng thái 'Không thực hiện' nhưng tỷ lệ 100%. Đề nghị đơn vị sửa cho "
        "thống nhất.",
        f"TTR, nhiệm vụ {NO['NV04']} (ô F{r}): Kỳ trước (6 tháng đầu năm) đơn vị báo 'Đã hoàn thành', phiếu này "
        "ghi 'Không thực hiện' (lý do: Dừng theo chỉ đạo). Kết quả thực hiện và Văn bản/minh chứng vẫn ghi như khi "
        "báo hoàn thành."]
    assert "    Phieu_Q4_2024_TTR.xlsx: Phiếu Phieu_Q4_2024_TTR.xlsx có 1 lỗi; không nhập gì từ phiếu này." in \
        result.messages


def test_dropped_without_a_reason_gets_every_finding_of_its_row_at_once(workbook: Path):
    """No Ghi chú: the missing reason is asked once (by the step back), and the rate and date
    that contradict 'Không thực hiện' are named in the same run, not one per run."""
    form = make_forms(workbook, 4)["TTR"]
    r = row_of(form, "NV04")
    fill(form, {"NV04": {"Trạng thái": "Không thực hiện"}}, DATE)
    before = digest(workbook)
    result = collect(workbook, form)
    refused_unchanged(workbook, result, before)
    assert messages(result) == [
        f"TTR, nhiệm vụ {NO['NV04']} (ô J{r}): Có ngày hoàn thành 20/5/2024 nhưng trạng thái là 'Không thực hiện'. "
        "Đề nghị đơn vị sửa cho thống nhất.",
        f"TTR, nhiệm vụ {NO['NV04']} (ô G{r}): Trạng thái 'Không thực hiện' nhưng tỷ lệ 100%. Đề nghị đơn vị sửa cho "
        "thống nhất.",
        f"TTR, nhiệm vụ {NO['NV04']} (ô F{r}): Kỳ trước (6 tháng đầu năm) đơn vị báo 'Đã hoàn thành', phiếu này "
        "ghi 'Không thực hiện'. Kết quả thực hiện và Văn bản/minh chứng vẫn ghi như khi báo hoàn thành. Nếu nhiệm "
        "vụ thật sự chưa hoàn thành, ghi lý do ở cột Ghi chú; nếu ghi nhầm, sửa lại Trạng thái."]


def test_a_task_newly_dropped_without_a_reason_is_asked_for_it(workbook: Path):
    form = make_forms(workbook, 4)["TTR"]
    r = row_of(form, "NV02")  # in progress at quý III
    fill(form, {"NV02": {"Trạng thái": "Không thực hiện", "Tỷ lệ (%)": None}}, DATE)
    result = collect(workbook, form)
    assert result.exit_code == 1
    assert messages(result) == [f"TTR, nhiệm vụ {NO['NV02']} (ô L{r}): Nhiệm vụ 'Không thực hiện' cần ghi lý do ở "
                                "cột Ghi chú."]


def test_in_progress_keeping_a_completion_date_is_refused(workbook: Path):
    form = make_forms(workbook, 4)["TTR"]
    r = row_of(form, "NV04")
    fill(form, {"NV04": {"Trạng thái": "Đang thực hiện", "Tỷ lệ (%)": 50, "Ghi chú": "Đang sửa đổi quyết định"}},
         DATE)
    before = digest(workbook)
    result = collect(workbook, form)
    refused_unchanged(workbook, result, before)
    assert messages(result)[0] == (f"TTR, nhiệm vụ {NO['NV04']} (ô J{r}): Có ngày hoàn thành 20/5/2024 nhưng trạng "
                                   "thái là 'Đang thực hiện'. Đề nghị đơn vị sửa cho thống nhất.")


def test_done_without_date_is_refused_and_an_empty_rate_is_not_filled_from_before(workbook: Path):
    form = make_forms(workbook, 4)["TTR"]
    r = row_of(form, "NV02")
    assert form_rows(form)["NV02"]["Tỷ lệ (%)"] == 70  # quý III's, pre-filled
    done = {"Trạng thái": "Đã hoàn thành", "Tỷ lệ (%)": None, "Văn bản/minh chứng": None}
    fill(form, {"NV02": done}, DATE)
    before = digest(workbook)
    result = collect(workbook, form)
    refused_unchanged(workbook, result, before)
    assert messages(result) == [
        f"TTR, nhiệm vụ {NO['NV02']} (ô J{r}): Trạng thái 'Đã hoàn thành' nhưng chưa ghi Ngày hoàn thành: ghi ngày "
        "hoàn thành (ngày/tháng/năm) để tính đúng hạn hay quá hạn.",
        f"TTR, nhiệm vụ {NO['NV02']} (ô G{r}): Trạng thái 'Đã hoàn thành' nhưng để trống Tỷ lệ (%); sổ ghi đúng như "
        "phiếu (để trống).",
        f"TTR, nhiệm vụ {NO['NV02']} (ô I{r}): Trạng thái 'Đã hoàn thành' nhưng chưa ghi Văn bản/minh chứng."]
    # with its date the form is taken: the rate stays empty, the two gaps are reported
    fill(form, {"NV02": {"Ngày hoàn thành": dt.date(2024, 11, 28)}}, DATE)
    result = collect(workbook, form)
    assert result.exit_code == 0 and result.written
    assert [str(p) for p in result.warnings if str(p).startswith("TTR")] == messages(result)[-2:]
    row = entries(workbook, "TTR", 4)["NV02"]
    assert row[3:5] == ("Đã hoàn thành", None) and row[7] == dt.datetime(2024, 11, 28)


def test_completion_dates_outside_the_period_or_the_year_are_refused(workbook: Path):
    forms3 = make_forms(workbook, 3)
    form = forms3["TTR"]
    r = row_of(form, "NV02")
    cases = {dt.date(2025, 1, 5): "Ngày hoàn thành 05/01/2025 nằm ngoài năm kế hoạch 2024: kiểm tra lại ngày "
                                  "(nhiệm vụ hoàn thành năm sau được báo cáo trong năm sau).",
             dt.date(2024, 9, 20): "Ngày hoàn thành 20/9/2024 sau ngày chốt số liệu quý III (14/9/2024): số liệu kỳ "
                                   "này tính đến ngày chốt, nên ghi trạng thái của nhiệm vụ tại ngày chốt; việc hoàn "
                                   "thành sau đó báo cáo ở kỳ sau."}
    before = digest(workbook)
    for day, said in cases.items():
        fill(form, {"NV02": {"Trạng thái": "Đã hoàn thành", "Tỷ lệ (%)": 100, "Ngày hoàn thành": day,
                             "Văn bản/minh chứng": "Báo cáo số 12"}}, dt.date(2024, 9, 10))
        result = collect(workbook, form, 3)
        refused_unchanged(workbook, result, before)
        assert messages(result) == [f"TTR, nhiệm vụ {NO['NV02']} (ô J{r}): {said}"]


def test_a_workbook_date_outside_the_year_is_not_pre_filled(workbook: Path):
    """A date typed in TienDo by hand (05/01/2025 in a 2024 entry) is not carried into the quý IV form."""
    def late(ws):
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "NV04" and row[1].value == "TTR":
                row[7].value = dt.datetime(2025, 1, 5)

    edit_sheet(workbook, "TienDo", late)
    done = api.build_forms(workbook, 4, workbook.parent / "phieu", today=DATE)
    form = next(p for p in done.written if p.name == "Phieu_Q4_2024_TTR.xlsx")
    assert form_rows(form)["NV04"]["Ngày hoàn thành"] is None
    assert form_rows(form)["NV04"]["Trạng thái"] == "Đã hoàn thành"  # the rest is pre-filled
    notes = [str(p) for p in done.warnings if str(p).startswith("TTR")]
    assert len(notes) == 1 and notes[0].startswith(f"TTR, nhiệm vụ {NO['NV04']}: Ngày hoàn thành 05/01/2025 trong "
                                                   "sheet TienDo (dòng ")
    assert notes[0].endswith("nằm ngoài năm kế hoạch 2024, không điền sẵn vào phiếu; hãy sửa dòng đó trong sổ.")


def test_mapped_values_are_reported_once_per_mapping(workbook: Path):
    form = make_forms(workbook, 4)["TTR"]
    fill(form, {"NV02": {"Trạng thái": "Đang triển khai", "Tỷ lệ (%)": "80%"},
                "NV05": {"Trạng thái": "đang triển khai", "Tỷ lệ (%)": 0.9},
                "NV07": {"Trạng thái": "Đang triển khai"},
                "NV27": {"Trạng thái": "Hoàn thành", "Tỷ lệ (%)": "100%", "Ngày hoàn thành": dt.date(2024, 3, 10),
                         "Văn bản/minh chứng": "CV 5"},
                "NV14": {"Trạng thái": "Hoàn thành", "Tỷ lệ (%)": 100, "Ngày hoàn thành": dt.date(2024, 11, 10),
                         "Văn bản/minh chứng": "CV 6"}}, DATE)
    result = collect(workbook, form)
    assert result.exit_code == 0 and result.written
    n = NO
    assert messages(result) == [
        f"TTR: Trạng thái 'Đang triển khai' được hiểu là 'Đang thực hiện' (nhiệm vụ {n['NV02']}, {n['NV07']}).",
        f"TTR: Tỷ lệ (%) '80%' được hiểu là 80 (nhiệm vụ {n['NV02']}).",
        f"TTR: Trạng thái 'đang triển khai' được hiểu là 'Đang thực hiện' (nhiệm vụ {n['NV05']}).",
        f"TTR: Tỷ lệ (%) '0.9' được hiểu là 90 (nhiệm vụ {n['NV05']}).",
        f"TTR: Trạng thái 'Hoàn thành' được hiểu là 'Đã hoàn thành' (ngày hoàn thành không quá thời hạn; nhiệm vụ "
        f"{n['NV14']}).",
        f"TTR: Trạng thái 'Hoàn thành' được hiểu là 'Hoàn thành quá hạn' (ngày hoàn thành sau thời hạn; nhiệm vụ "
        f"{n['NV27']}).",
        f"TTR: Tỷ lệ (%) '100%' được hiểu là 100 (nhiệm vụ {n['NV27']})."]
    rows = entries(workbook, "TTR", 4)
    assert rows["NV02"][3:5] == ("Đang thực hiện", 80) and rows["NV05"][3:5] == ("Đang thực hiện", 90)
    assert rows["NV27"][3:5] == ("Hoàn thành quá hạn", 100) and rows["NV14"][3] == "Đã hoàn thành"


def test_mapping_lines_are_bounded(workbook: Path):
    form = make_forms(workbook, 4)["TTR"]
    open_tasks = ["NV02", "NV05", "NV06", "NV07", "NV08", "NV09", "NV13", "NV14", "NV20", "NV26", "NV28", "NV29"]
    fill(form, {t: {"Trạng thái": "Đang thực hiện", "Tỷ lệ (%)": f"{81 + i}%"} for i, t in enumerate(open_tasks)},
         DATE)
    result = collect(workbook, form)
    lines = [m for m in messages(result) if m.startswith("TTR: ")]
    assert len(lines) == 11 and lines[-1] == "TTR: … và 2 cách ghi khác được hiểu tương tự."
    assert lines[0] == f"TTR: Tỷ lệ (%) '81%' được hiểu là 81 (nhiệm vụ {NO['NV02']})."


def test_an_ambiguous_value_the_deadline_does_not_settle_is_asked_not_guessed(workbook: Path):
    form = make_forms(workbook, 4)["TTR"]
    r = row_of(form, "NV27")  # "Tháng 01/2024": the quý IV cut-off is past it
    fill(form, {"NV27": {"Trạng thái": "Hoàn thành", "Tỷ lệ (%)": 100, "Văn bản/minh chứng": "CV 5"}}, DATE)
    before = digest(workbook)
    result = collect(workbook, form)
    refused_unchanged(workbook, result, before)
    assert messages(result) == [
        f"TTR, nhiệm vụ {NO['NV27']} (ô F{r}): Trạng thái 'Hoàn thành' có thể là 'Đã hoàn thành' hoặc 'Hoàn thành "
        "quá hạn' (thời hạn 31/01/2024, chưa ghi Ngày hoàn thành): đề nghị đơn vị chọn một trạng thái trong danh "
        "sách."]


def test_a_partly_refused_collect_writes_the_good_forms_and_exits_3(workbook: Path):
    forms = make_forms(workbook, 4)
    good = fill(forms["VP"], {"NV01": {"Khó khăn, vướng mắc": "Thiếu kinh phí"}}, DATE)
    bad = fill(forms["TTR"], {"NV02": {"Trạng thái": "Chưa thực hiện"}}, DATE)  # 70% pre-filled
    before = digest(workbook)
    result = CliRunner().invoke(cli, ["--data", str(workbook), "collect", "--quy", "4", str(good), str(bad)])
    assert result.exit_code == 3, result.output
    assert digest(workbook) != before and entries(workbook, "VP", 4)["NV01"][8] == "Thiếu kinh phí"
    assert "TTR" not in {r[1] for r in entries(workbook, "TTR", 4).values()}
    assert ("1 phiếu bị từ chối, không ghi gì từ các phiếu này (các phiếu khác đã được ghi): báo đơn vị sửa theo các "
            "lỗi đã liệt kê rồi gửi lại.") in result.output
    assert f"TTR, nhiệm vụ {NO['NV02']} (ô G5): Trạng thái 'Chưa thực hiện' nhưng tỷ lệ đã 70%." in result.output
    # only the bad form again: nothing to write, exit 1
    again = CliRunner().invoke(cli, ["--data", str(workbook), "collect", "--quy", "4", str(bad)])
    assert again.exit_code == 1 and "Không có gì thay đổi" in again.output


def test_a_wrong_period_form_names_the_form_to_send_instead(workbook: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    api.build_forms(workbook, 4, today=DATE)
    q3 = api.build_forms(workbook, 3, today=DATE).written
    form = fill(next(p for p in q3 if p.name == "Phieu_Q3_2024_TTR.xlsx"), date=dt.date(2024, 9, 10))
    result = api.collect(workbook, 4, [form], now=NOW)
    assert result.exit_code == 1
    assert result.detail.forms[0].reason == (
        "Phiếu Phieu_Q3_2024_TTR.xlsx là phiếu kỳ 3, không phải kỳ 4 (năm 2024). Hãy gửi đơn vị phiếu năm 2024: "
        "output/2024/phieu/Q4/Phieu_Q4_2024_TTR.xlsx. Nếu đây đúng là phiếu kỳ 3 mà Văn phòng cần nhập, chạy cchc "
        "collect --quy 3.")
    # identity is the hidden sheet's, not the name: the same form renamed is still a quý III form of TTR
    renamed = tmp_path / "Phieu_Q4_2024_TTR_sua.xlsx"
    form.rename(renamed)
    taken = api.collect(workbook, 3, [renamed], now=NOW)
    assert [(f.outcome, f.unit) for f in taken.detail.forms] == [("replaced", "TTR")]
