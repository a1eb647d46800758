"""Malformed workbooks, files and forms, built at test time from data/kehoach.xlsx.

Each `Case` builds its inputs in a fresh folder and says which command meets them,
where the message must point (file › sheet › cell) and what it must say, and the
exit code. Workbook errors are made with openpyxl as a clerk would in Excel;
package-level damage (DTD bombs, truncation, formulas without cached values) is
made by rewriting the zip. `tests/data/bad/` holds the few inputs that read better
as files: a CSV export and the billion-laughs prolog.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "kehoach.xlsx"
BAD = Path(__file__).parent / "data" / "bad"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SHEET_PART = {"ThongTin": "sheet1", "DonVi": "sheet2", "NhiemVu": "sheet3", "TienDo": "sheet7"}  # bundled order


@dataclass(frozen=True)
class Built:
    data: Path  # the workbook named by --data
    args: tuple[str, ...] = ()  # after the command (form paths for collect)
    inputs: tuple[Path, ...] = ()  # every file whose bytes must not change


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], Built]
    command: tuple[str, ...]
    where: str  # the location printed, e.g. "kehoach.xlsx › NhiemVu › E12"
    says: str  # a phrase of the message
    exit_code: int = 1
    output: str | None = None  # what -o names (relative to the case folder); it must not appear
    extra: tuple[str, ...] = field(default=())  # further phrases


# -- builders ------------------------------------------------------------------------


def copy_book(folder: Path, name: str = "kehoach.xlsx") -> Path:
    target = folder / name
    shutil.copy(BUNDLED, target)
    return target


def edit(fn: Callable, sheet: str | None = None) -> Callable[[Path], Built]:
    """A copy of the bundled workbook with `fn(ws)` (or `fn(wb)` when sheet is None) applied."""

    def build(folder: Path) -> Built:
        path = copy_book(folder)
        wb = load_workbook(path)
        fn(wb[sheet] if sheet else wb)
        wb.save(path)
        return Built(path, inputs=(path,))

    return build


def cells(sheet: str, **values) -> Callable[[Path], Built]:
    """Set cells by reference: cells("NhiemVu", E12="Chi cuc QLDD")."""

    def fn(ws) -> None:
        for ref, value in values.items():
            ws[ref].value = value
            if isinstance(value, str):
                ws[ref].data_type = "s"

    return edit(fn, sheet)


def raw_file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], Built]:
    def build(folder: Path) -> Built:
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        return Built(path, inputs=(path,))

    return build


def rezip(source: Path, target: Path, change: dict[str, Callable[[bytes], bytes]]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        assert set(change) <= set(zin.namelist()), f"{source.name} has no {set(change) - set(zin.namelist())}"
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in change:
                data = change[info.filename](data)
            zout.writestr(info, data)
    return target


def with_dtd(data: bytes) -> bytes:
    """Put the billion-laughs DOCTYPE before the root element and reference it in the first text."""
    bomb = (BAD / "billion_laughs.xml").read_text(encoding="utf-8")
    text = data.decode("utf-8")
    decl, body = text.split("?>", 1) if text.startswith("<?xml") else ("", text)
    root = re.match(r"\s*<([\w:]+)", body)[1]
    body = re.sub(r"<t>", "<t>&lol9;", body.lstrip(), count=1)
    return f"{decl + '?>' if decl else ''}\n{bomb.replace('ROOT', root)}{body}".lstrip().encode()


def zip_edit(member: str, fn: Callable[[bytes], bytes], base: Callable[[Path], Path] | None = None
             ) -> Callable[[Path], Built]:
    def build(folder: Path) -> Built:
        src = base(folder) if base else BUNDLED
        path = rezip(src, folder / "kehoach_tmp.xlsx", {member: fn})
        path = path.replace(folder / "kehoach.xlsx")
        return Built(path, inputs=(path,))

    return build


def shared_strings_copy(folder: Path) -> Path:
    """The bundled workbook rewritten by XlsxWriter, whose text lives in a sharedStrings part
    (the bundled workbook, like openpyxl's output, keeps text inline in the sheets)."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    src = CalamineWorkbook.from_path(str(BUNDLED))
    path = folder / "shared.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    for name in src.sheet_names:
        ws = wb.add_worksheet(name)
        for r, row in enumerate(src.get_sheet_by_name(name).to_python()):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    if value:
                        ws.write_string(r, c, value)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value)
    wb.close()
    return path


def cell_xml(ref: str, inner: str, attrs: str = "") -> Callable[[bytes], bytes]:
    """Replace cell `ref` of a sheet part with `<c r=ref attrs>inner</c>`."""

    def fn(data: bytes) -> bytes:
        text = data.decode("utf-8")
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', f'<c r="{ref}"{attrs}>{inner}</c>', text, count=1)
        assert n == 1, ref
        return new.encode()

    return fn


def truncated() -> bytes:
    data = BUNDLED.read_bytes()
    return data[: len(data) // 2]


def corrupt_member() -> bytes:
    """Garbage in the middle of the TienDo part's compressed bytes."""
    data = bytearray(BUNDLED.read_bytes())
    with zipfile.ZipFile(BUNDLED) as zf:
        info = zf.getinfo("xl/worksheets/sheet7.xml")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26: info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    middle = start + info.compress_size // 2
    data[middle: middle + 64] = b"\xff" * 64
    return bytes(data)


def inflated_sizes() -> bytes:
    """A zip whose central directory claims gigabytes (a zip bomb's signature)."""
    data = bytearray(BUNDLED.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        data[pos + 24: pos + 28] = struct.pack("<I", 0x7FFFFFFF)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def docx_renamed() -> bytes:
    return next((ROOT / "templates").glob("*.docx")).read_bytes()


def plain_zip() -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "không phải sổ Excel")
    return buf.getvalue()


def directory(folder: Path) -> Built:
    path = folder / "kehoach.xlsx"
    path.mkdir()
    return Built(path)


def missing(folder: Path) -> Built:
    return Built(folder / "khong_co.xlsx")


def csv_export(folder: Path) -> Built:
    path = folder / "kehoach.csv"
    shutil.copy(BAD / "kehoach.csv", path)
    return Built(path, inputs=(path,))


# -- forms -----------------------------------------------------------------------------

FORM_DATE = dt.date(2024, 12, 5)


def form(unit: str = "TTR", quy: int = 4, rows: dict[str, object] | None = None, meta: dict[str, str] | None = None,
         date: dt.date | None = FORM_DATE, after: Callable[[Path, Path], Path] | None = None,
         run_quy: int = 4) -> Callable[[Path], Built]:
    """A valid workbook and one returned form for `unit`: `rows` sets form cells by reference (TienDo),
    `meta` the hidden identity, `after(folder, form)` damages the file; collected with --quy run_quy."""

    def build(folder: Path) -> Built:
        from pipeline import api

        book = copy_book(folder)
        forms = api.build_forms(book, quy, folder / "phieu", today=dt.date(2024, 12, 2)).written
        path = forms[0].parent / f"{unit}.xlsx"
        wb = load_workbook(path)
        ws = wb["TienDo"]
        ws["B2"].value = date
        for ref, value in (rows or {}).items():
            ws[ref].value = value
            if isinstance(value, str):
                ws[ref].data_type = "s"
        for key, value in (meta or {}).items():
            for row in wb["_cchc"].iter_rows(min_row=2):
                if row[0].value == key:
                    row[1].value = value
        wb.save(path)
        if after:
            path = after(folder, path)
        return Built(book, ("--quy", str(run_quy), str(path)), (book, path))

    return build


def already_collected(folder: Path, path: Path) -> Path:
    """Collect a later-dated copy first, so the form under test is older than what is recorded."""
    from pipeline import api

    newer = folder / "TTR_moi.xlsx"
    shutil.copy(path, newer)
    wb = load_workbook(newer)
    wb["TienDo"]["B2"].value = dt.date(2024, 12, 9)
    wb["TienDo"]["G5"].value = 95
    wb.save(newer)
    assert api.collect(folder / "kehoach.xlsx", 4, [newer]).written
    return path


def form_bomb(folder: Path, path: Path) -> Path:
    return rezip(path, folder / "TTR_bomb.xlsx", {"xl/worksheets/sheet2.xml": with_dtd})


def form_truncated(folder: Path, path: Path) -> Path:
    data = path.read_bytes()
    target = folder / "TTR_cut.xlsx"
    target.write_bytes(data[: len(data) // 3])
    return target


def bundled_as_form(folder: Path, path: Path) -> Path:
    return copy_book(folder, "TTR_nham.xlsx")


def locked(folder: Path, path: Path) -> Path:
    (folder / "~$kehoach.xlsx").write_bytes(b"owner")
    return path


# -- the cases ---------------------------------------------------------------------------

DOC = "out/van_ban.docx"
K = "kehoach.xlsx"


def _rename_sheet(wb) -> None:
    wb["NhiemVu"].title = "NhiemVu (2)"


def _drop_sheet(wb) -> None:
    del wb["NhanXet"]


def _drop_column(ws) -> None:
    ws.delete_cols(4)  # Trạng thái


def _merge(ws) -> None:
    ws.merge_cells("B3:B4")


def _ambiguous(wb) -> None:
    wb["DonVi"]["C8"].value = wb["DonVi"]["C8"].value + "; Văn phòng"
    wb["NhiemVu"]["E2"].value = "Văn phòng"


def _drop_period(ws) -> None:
    ws.delete_rows(5)


CASES: list[Case] = [
    # -- structure
    Case("missing-sheet", edit(_drop_sheet), ("report", "--quy", "3"), f"{K}: Thiếu sheet 'NhanXet'",
         "nhận xét của Văn phòng", output=DOC),
    Case("renamed-sheet", edit(_rename_sheet), ("appendix",), f"{K}: Thiếu sheet 'NhiemVu'",
         "Sheet 'NhiemVu (2)' có phải là sheet này không?", output=DOC),
    Case("misspelt-column", cells("NhiemVu", E1="Đơn vi chủ trì"), ("appendix",), f"{K} › NhiemVu › E1",
         "Thiếu cột 'Đơn vị chủ trì'. Tiêu đề 'Đơn vi chủ trì' ở ô E1 có phải là cột này không?", output=DOC),
    Case("missing-column", edit(_drop_column, "TienDo"), ("report", "--quy", "3"), f"{K} › TienDo › dòng 1",
         "Thiếu cột 'Trạng thái'", output=DOC),
    Case("merged-cells", edit(_merge, "NhiemVu"), ("plan",), f"{K} › NhiemVu › B3", "Ô gộp (merge) B3:B4",
         output=DOC),
    Case("missing-period-row", edit(_drop_period, "KyBaoCao"), ("report", "--quy", "3"), f"{K} › KyBaoCao:",
         "Thiếu dòng cho kỳ 4", output=DOC),
    # -- cells
    Case("empty-required-cell", cells("NhiemVu", C5=None), ("plan",), f"{K} › NhiemVu › C5",
         "Ô 'Nhiệm vụ' không được để trống.", output=DOC),
    Case("duplicate-task-id", cells("NhiemVu", A6="NV01"), ("appendix",), f"{K} › NhiemVu › A6",
         "Mã nhiệm vụ 'NV01' trùng với dòng 2", output=DOC),
    Case("unknown-unit-in-plan", cells("NhiemVu", E12="Chi cuc QLDD"), ("appendix",), f"{K} › NhiemVu › E12",
         "Đơn vị 'Chi cuc QLDD' không có trong sheet DonVi. Có phải 'Chi cục QLDD'?", output=DOC),
    Case("unknown-task-in-progress", cells("TienDo", A10="NV 01"), ("report", "--quy", "3"), f"{K} › TienDo › A10",
         "Mã nhiệm vụ 'NV 01' không có trong sheet NhiemVu. Có phải 'NV01'?", output=DOC),
    Case("unknown-unit-in-progress", cells("TienDo", B20="Phong QLMT"), ("validate",), f"{K} › TienDo › B20",
         "Đơn vị 'Phong QLMT' không có trong sheet DonVi. Có phải 'Phòng QLMT'?"),
    Case("ambiguous-alias", edit(_ambiguous), ("appendix",), f"{K} › NhiemVu › E2",
         "Tên đơn vị 'Văn phòng' không rõ là đơn vị nào (VP, VPDKDD)", output=DOC,
         extra=(f"{K} › DonVi › C8: Tên 'Văn phòng' dùng cho nhiều đơn vị (VP, VPDKDD)",)),
    Case("percent-out-of-range", cells("TienDo", E5=150), ("report", "--quy", "3"), f"{K} › TienDo › E5",
         "tỷ lệ 150 nằm ngoài khoảng 0–100", output=DOC),
    Case("percent-decimal-comma", cells("TienDo", E6="0,5"), ("report", "--quy", "2"), f"{K} › TienDo › E6",
         "tỷ lệ '0,5' không hợp lệ: ghi số từ 0 đến 100", output=DOC),
    Case("date-unparseable", cells("TienDo", H7="hôm qua"), ("forms", "--quy", "3"), f"{K} › TienDo › H7",
         "'hôm qua' không phải ngày; ghi dạng dd/mm/yyyy", output="out/phieu"),
    Case("date-nonexistent", cells("TienDo", H8="31/02/2024"), ("validate",), f"{K} › TienDo › H8",
         "ngày '31/02/2024' không tồn tại"),
    Case("status-unknown", cells("TienDo", D9="Xong rồi"), ("report", "--quy", "3"), f"{K} › TienDo › D9",
         "Trạng thái 'Xong rồi' không hợp lệ", output=DOC),
    Case("not-done-without-reason", cells("TienDo", D11="Không thực hiện", J11=None), ("report", "--quy", "1"),
         f"{K} › TienDo › J11", "Nhiệm vụ 'Không thực hiện' cần ghi lý do ở cột Ghi chú.", output=DOC),
    Case("period-unknown", cells("TienDo", C12="Quý V"), ("forms", "--quy", "2"), f"{K} › TienDo › C12",
         "không hiểu kỳ 'Quý V'", output="out/phieu"),
    Case("year-missing", cells("ThongTin", B8=None), ("plan",), f"{K} › ThongTin › B8",
         "Thiếu 'Năm kế hoạch'", output=DOC),
    Case("cutoff-not-a-date", cells("KyBaoCao", E3="30/6"), ("report", "--quy", "3"), f"{K} › KyBaoCao › E3",
         "'30/6' không phải ngày", output=DOC),
    Case("unit-type-unknown", cells("DonVi", D5="sở"), ("appendix",), f"{K} › DonVi › D5",
         "Loại 'sở' không hợp lệ", output=DOC),
    Case("target-not-a-number", cells("ChiTieu", E2="hai mươi"), ("plan",), f"{K} › ChiTieu › E2",
         "'hai mươi' không phải số", output=DOC),
    Case("unknown-placeholder", cells("NoiDung", B3="Năm {nam} và {cơ quan}"), ("plan",), f"{K} › NoiDung › B3",
         "Không hiểu {nam}", output=DOC),
    Case("formula-without-value", zip_edit("xl/worksheets/sheet3.xml", cell_xml("G5", "<f>G4</f>")),
         ("appendix",), f"{K} › NhiemVu › G5", "Ô có công thức nhưng chưa có giá trị đã tính", output=DOC),
    Case("formula-empty-value", zip_edit("xl/worksheets/sheet7.xml", cell_xml("D14", "<f>D13</f><v></v>")),
         ("validate",), f"{K} › TienDo › D14", "Ô có công thức nhưng chưa có giá trị đã tính"),
    # -- files
    Case("zero-byte", raw_file("kehoach.xlsx", b""), ("plan",), "Tệp kehoach.xlsx rỗng (0 byte)",
         "lấy lại bản sao lưu", output=DOC),
    Case("path-missing", missing, ("appendix",), "Không tìm thấy tệp", "khong_co.xlsx", output=DOC),
    Case("directory", directory, ("validate",), "kehoach.xlsx là một thư mục", "không phải tệp Excel .xlsx"),
    Case("xls-given", raw_file("kehoach.xls", OLE_MAGIC + b"\0" * 504), ("plan",),
         "Tệp kehoach.xls là định dạng Excel 97-2003 (.xls)", "Save As › Excel Workbook (*.xlsx)", output=DOC),
    Case("csv-given", csv_export, ("report", "--quy", "3"), "Tệp kehoach.csv không phải sổ Excel .xlsx",
         "lưu dạng Excel Workbook", output=DOC),
    Case("encrypted", raw_file("kehoach.xlsx", OLE_MAGIC + b"\0" * 1016), ("appendix",),
         "Tệp kehoach.xlsx được đặt mật khẩu (mã hóa)", "bỏ mật khẩu", output=DOC),
    Case("truncated", raw_file("kehoach.xlsx", truncated), ("plan",), "Tệp kehoach.xlsx bị hỏng hoặc bị cắt dở",
         "lấy lại bản sao lưu", output=DOC),
    Case("corrupt-member", raw_file("kehoach.xlsx", corrupt_member), ("report", "--quy", "3"), "kehoach.xlsx",
         "hỏng", output=DOC),
    Case("zip-bomb-sizes", raw_file("kehoach.xlsx", inflated_sizes), ("validate",),
         "Tệp kehoach.xlsx giải nén ra quá lớn", "không phải sổ kế hoạch bình thường"),
    Case("word-document", raw_file("kehoach.xlsx", docx_renamed), ("plan",),
         "Tệp kehoach.xlsx là văn bản Word (.docx)", "không phải sổ Excel", output=DOC),
    Case("plain-zip", raw_file("kehoach.xlsx", plain_zip), ("appendix",), "Tệp kehoach.xlsx bị hỏng",
         "thiếu phần xl/workbook.xml", output=DOC),
    Case("text-file", raw_file("kehoach.xlsx", "Mã;Nhiệm vụ\nNV01;…\n".encode()), ("plan",),
         "Tệp kehoach.xlsx không phải sổ Excel .xlsx hợp lệ", "không đúng định dạng", output=DOC),
    Case("xml-bomb-sheet", zip_edit("xl/worksheets/sheet3.xml", with_dtd), ("appendix",),
         "Tệp kehoach.xlsx bị từ chối: phần xl/worksheets/sheet3.xml có khai báo DTD", "XML bomb", output=DOC),
    Case("xml-bomb-shared-strings", zip_edit("xl/sharedStrings.xml", with_dtd, shared_strings_copy), ("validate",),
         "Tệp kehoach.xlsx bị từ chối: phần xl/sharedStrings.xml có khai báo DTD", "XML bomb"),
    # -- returned forms (collect): the workbook and the form must stay as they were
    Case("form-other-period", form(quy=3), ("collect",), "TTR.xlsx › _cchc › B6",
         "Phiếu TTR.xlsx là phiếu kỳ 3, không phải kỳ 4"),
    Case("form-other-year", form(meta={"nam": "2023"}), ("collect",), "TTR.xlsx › _cchc › B8",
         "là phiếu năm 2023, không phải năm 2024"),
    Case("form-other-agency", form(meta={"co_quan": "SNV"}), ("collect",), "TTR.xlsx › _cchc › B9",
         "là của cơ quan SNV, không phải STNMT"),
    Case("form-unknown-unit", form(meta={"don_vi": "TTRA"}), ("collect",), "TTR.xlsx › _cchc › B4",
         "Đơn vị 'TTRA' không có trong sheet DonVi. Có phải 'TTR'?"),
    Case("form-unassigned-task", form(rows={"A5": "NV01"}), ("collect",), "TTR.xlsx › TienDo › A5",
         "Nhiệm vụ NV01 không giao cho đơn vị TTR"),
    Case("form-status-unknown", form(rows={"F5": "Xong rồi"}), ("collect",), "TTR.xlsx › TienDo › F5",
         "Trạng thái 'Xong rồi' không hợp lệ"),
    Case("form-percent-out-of-range", form(rows={"G6": 150}), ("collect",), "TTR.xlsx › TienDo › G6",
         "tỷ lệ 150 nằm ngoài khoảng 0–100"),
    Case("form-percent-comma", form(rows={"G7": "0,5"}), ("collect",), "TTR.xlsx › TienDo › G7",
         "tỷ lệ '0,5' không hợp lệ"),
    Case("form-date-bad", form(rows={"F5": "Đã hoàn thành", "J5": "31/02/2024"}), ("collect",),
         "TTR.xlsx › TienDo › J5", "ngày '31/02/2024' không tồn tại"),
    Case("form-no-reason", form(rows={"F8": "Không thực hiện", "L8": None}), ("collect",), "TTR.xlsx › TienDo › L8",
         "Nhiệm vụ 'Không thực hiện' cần ghi lý do ở cột Ghi chú."),
    Case("form-no-report-date", form(date=None), ("collect",), "TTR.xlsx › TienDo › B2", "Chưa ghi Ngày báo cáo"),
    Case("form-older-than-recorded", form(rows={"G5": 60}, after=already_collected), ("collect",),
         "TTR.xlsx: Ngày báo cáo 05/12/2024 cũ hơn phiếu đã nhập", "(ngày 09/12/2024)"),
    Case("form-is-the-workbook", form(after=bundled_as_form), ("collect",), "TTR_nham.xlsx",
         "không phải phiếu báo cáo do chương trình lập"),
    Case("form-xml-bomb", form(rows={"G5": 60}, after=form_bomb), ("collect",), "TTR_bomb.xlsx",
         "phần xl/worksheets/sheet2.xml có khai báo DTD"),
    Case("form-truncated", form(after=form_truncated), ("collect",), "Tệp TTR_cut.xlsx bị hỏng hoặc bị cắt dở",
         "lấy lại bản sao lưu"),
    Case("workbook-open-in-excel", form(rows={"G5": 60}, after=locked), ("collect",),
         "Tệp kehoach.xlsx đang mở trong Excel", "Hãy đóng tệp trong Excel rồi chạy lại"),
    # -- wrong usage: click's own message, in Vietnamese (pipeline/cli_vi.py), exit code 2
    Case("usage-no-period", lambda folder: Built(copy_book(folder)), ("report",), "Lỗi: Thiếu tùy chọn '--quy'",
         "Cách dùng:", exit_code=2, output=DOC),
    Case("usage-period-out-of-range", lambda folder: Built(copy_book(folder)), ("forms", "--quy", "5"),
         "Giá trị không hợp lệ cho '--quy'", "'5' không phải kỳ báo cáo", exit_code=2, output="out/phieu"),
    Case("usage-collect-without-forms", lambda folder: Built(copy_book(folder)), ("collect", "--quy", "3"),
         "Lỗi: Thiếu tham số 'THƯ_MỤC_HOẶC_TỆP…'", "Cách dùng:", exit_code=2),
    Case("usage-unknown-command", lambda folder: Built(copy_book(folder)), ("bao-cao",), "Lỗi: Không có lệnh 'bao-cao'",
         "Cách dùng:", exit_code=2),
]
