"""Build data/kehoach.xlsx, the bundled workbook, from the seed plan.

Developer tool, run once when the bundled data changes:

    python tools/build_data.py ../shared/seed/000_2373c7fb0f388595.txt

The narrative and the 30 tasks are taken verbatim from the seed; where the seed names
the plan's year, agency, targets or reporting deadlines the text gets a placeholder
({năm}, {CT:2a}, {hạn kỳ 1} …) so next year's plan is an edit of ThongTin, not of
every paragraph. Units, căn cứ, Điều texts and sample progress are sample data and
ThongTin says so.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from sample_figures import chi_so_rows, so_lieu_rows

from pipeline.derive.assign import guess_assignment
from pipeline.derive.calendar import sheet_rows
from pipeline.derive.units import UnitIndex
from pipeline.formatting import short_date
from pipeline.model import Unit
from pipeline.text import clean
from pipeline.xlsx import SheetData, write_workbook

ROOT = Path(__file__).resolve().parents[1]

YEAR = 2024
AGENCY = "Sở Tài nguyên và Môi trường"

UNITS = [
    # code, name, aliases, type
    ("VP", "Văn phòng Sở", "Văn phòng", "phòng"),
    ("TTR", "Thanh tra Sở", "Thanh tra", "phòng"),
    ("KHTC", "Phòng Kế hoạch - Tài chính", "Phòng KHTC", "phòng"),
    ("QLMT", "Phòng Quản lý môi trường", "Phòng QLMT", "phòng"),
    ("TNN", "Phòng Tài nguyên nước - Khoáng sản - Khí tượng thủy văn", "Phòng TNN-KS-KTTV; Phòng Tài nguyên nước",
     "phòng"),
    ("CCQLDD", "Chi cục Quản lý đất đai", "Chi cục QLDD; Chi cục QLĐĐ", "chi cục"),
    ("VPDKDD", "Văn phòng Đăng ký đất đai Khánh Hòa", "Văn phòng Đăng ký đất đai; VPĐKĐĐ", "đơn vị sự nghiệp"),
    ("TTCNTT", "Trung tâm Công nghệ thông tin tài nguyên và môi trường", "TTCNTT TNMT; Trung tâm CNTT",
     "đơn vị sự nghiệp"),
    ("TTQT", "Trung tâm Quan trắc tài nguyên và môi trường", "Trung tâm Quan trắc", "đơn vị sự nghiệp"),
    ("TTPTQD", "Trung tâm Phát triển quỹ đất", "TTPTQĐ", "đơn vị sự nghiệp"),
]
TYPE_KEYS = {"phòng": "phong", "chi cục": "chi_cuc", "đơn vị sự nghiệp": "dvsn"}

# Seed wording → placeholder, applied to the narrative only (task texts stay verbatim).
PLACEHOLDERS = [
    ("cắt giảm ít nhất 20% thông tin", "cắt giảm {CT:2a} thông tin"),
    ("b) 100% hồ sơ", "b) {CT:2b.1} hồ sơ"),
    ("theo quy định; 100% kết quả", "theo quy định; {CT:2b.2} kết quả"),
    ("c) 100% thủ tục", "c) {CT:2c.1} thủ tục"),
    ("trực tuyến đạt trên 35%", "trực tuyến đạt {CT:2c.2}"),
    ("trên địa bàn tỉnh trên 87%", "trên địa bàn tỉnh {CT:8.1}"),
    ("công lập đạt trên 87%", "công lập đạt {CT:8.2}"),
    ("(quý I trước ngày 10/3/2024; 6 tháng trước ngày 10/6/2024; quý III trước ngày 10/9/2024, năm trước ngày "
     "10/12/2024)",
     "(quý I trước ngày {hạn kỳ 1}; 6 tháng trước ngày {hạn kỳ 2}; quý III trước ngày {hạn kỳ 3}, năm trước ngày "
     "{hạn kỳ 4})"),
    ("hành chính công trực tuyến tỉnh Khánh Hòa", "hành chính công trực tuyến tỉnh {tỉnh}"),
    ("Giám đốc Sở", "{người đứng đầu}"),
    ("NĂM 2024", "NĂM {năm}"),
    ("/2024", "/{năm}"),
    ("năm 2024", "năm {năm}"),
]

TARGETS = [
    # code, objective, name, op, value, unit, actual per period (sample)
    ("2a", "2a", "Thông tin phải khai báo được cắt giảm khi tái cấu trúc quy trình TTHC", "≥", 20, "%",
     (8, 15, 18, None)),
    ("2b.1", "2b", "Hồ sơ, kết quả giải quyết TTHC được số hóa", "=", 100, "%", (92, 96, 97.5, None)),
    ("2b.2", "2b", "Kết quả TTHC được cung cấp đồng thời bản điện tử có giá trị pháp lý", "=", 100, "%",
     (88, 95, 100, None)),
    ("2c.1", "2c", "TTHC có nghĩa vụ tài chính đủ điều kiện được triển khai thanh toán trực tuyến", "=", 100, "%",
     (100, 100, 100, None)),
    ("2c.2", "2c", "Tỷ lệ giao dịch thanh toán trực tuyến", ">", 35, "%", (28.4, 31.2, 36.7, None)),
    ("8.1", "8", "Mức độ hài lòng đối với sự phục vụ của cơ quan hành chính nhà nước", ">", 87, "%",
     (None, 88.5, 89.2, None)),
    ("8.2", "8", "Mức độ hài lòng đối với sự phục vụ của đơn vị sự nghiệp công lập", ">", 87, "%",
     (None, 86.1, 86.9, None)),
]


def parse_seed(path: Path) -> tuple[list[tuple[str, str]], list[dict[str, str]]]:
    """(narrative rows as (kind, text), tasks as dicts) from the seed text."""
    text = path.read_text(encoding="utf-8")
    head, table = text.split("**PHỤ LỤC**", 1)
    start = head.index("#### I. MỤC TIÊU")
    narrative: list[tuple[str, str]] = []
    for raw in head[start:].splitlines():
        line = clean(raw.replace("**", "").lstrip("#").strip())
        if not line:
            continue
        if m := re.match(r"^([IVX]+)\.\s+(.*)$", line):
            narrative.append(("Mục", m.group(2)))
        elif m := re.match(r"^(\d+)\.\s+(.*)$", line):
            narrative.append(("Khoản", m.group(2)))
        elif m := re.match(r"^([a-zđ])\)\s+(.*)$", line):
            narrative.append(("Điểm", m.group(2)))
        elif line.startswith("- "):
            narrative.append(("Gạch đầu dòng", line[2:]))
        else:
            narrative.append(("Đoạn", line))
    kind, last = narrative[-1]
    narrative[-1] = (kind, last.removesuffix("./.") + ".")  # the template adds "./."
    out = []
    for kind, line in narrative:
        for old, new in PLACEHOLDERS:
            line = line.replace(old, new)
        out.append((kind, line))

    tasks: list[dict[str, str]] = []
    section = ""
    for raw in table.splitlines():
        if "\t" not in raw:
            continue
        cells = [clean(re.sub(r"</?b>", "", c)) for c in raw.split("\t")]
        cells += [""] * (5 - len(cells))
        if cells[0] == "STT":
            continue
        if re.fullmatch(r"[IVX]+", cells[0]) and not any(cells[2:]):
            section = cells[1]
            continue
        if not cells[0]:
            # A row split across pages: its continuation joins the row above with a space.
            prev = tasks[-1]
            for key, value in zip(("task", "assignment", "deadline", "product"), cells[1:]):
                if value:
                    prev[key] = f"{prev[key]} {value}".strip()
            continue
        tasks.append({"section": section, "task": cells[1], "assignment": cells[2], "deadline": cells[3],
                      "product": cells[4]})
    return out, tasks


D = dt.date


def _scenario(task_id: str, leads: list[str]) -> dict[int, list[tuple[str, str, int, object, str]]]:
    """Sample progress of one task: period → [(unit, status, percent, done_on, note)].

    Mixed on purpose: on-time and late completions, an overdue task, recurring and
    conditional ones, a task not carried out (with its reason) and multi-unit tasks
    where one unit lags behind.
    """
    every = {p: [(u, "Chưa thực hiện", 0, None, "") for u in leads] for p in (1, 2, 3)}

    def all_units(period: int, status: str, pct: int, done: object = None, note: str = "") -> None:
        every[period] = [(u, status, pct, done, note) for u in leads]

    def lag(period: int, done: object, laggard_every: int, pct: int = 70) -> None:
        # every n-th unit is still working on it
        every[period] = [(u, "Đang thực hiện", pct, None, "") if i % laggard_every == 1 else
                         (u, "Đã hoàn thành", 100, done, "") for i, u in enumerate(leads)]

    match task_id:
        case "NV01":  # due Quý II, still open at quý III: overdue
            all_units(2, "Đang thực hiện", 40)
            all_units(3, "Đang thực hiện", 70, note="Chờ UBND tỉnh tổ chức lấy ý kiến")
        case "NV27" | "NV28" | "NV19" | "NV03":  # done on time in quý I
            done = {"NV27": D(YEAR, 1, 25), "NV28": D(YEAR, 2, 28), "NV19": D(YEAR, 3, 5), "NV03": D(YEAR, 2, 15)}
            all_units(1, "Đã hoàn thành", 100, done[task_id])
            every[2] = every[3] = []
        case "NV29":  # the plan says "Trong năm 2023": done in April, late
            all_units(1, "Đang thực hiện", 50)
            all_units(2, "Đã hoàn thành", 100, D(YEAR, 4, 10))
            every[3] = []
        case "NV30" | "NV13" | "NV09" | "NV24" | "NV26" | "NV20" | "NV11" | "NV07":
            for period, pct in ((1, 15), (2, 45), (3, 70)):
                if task_id == "NV11" and period == 1:  # started in quý II: nothing done yet
                    all_units(period, "Chưa thực hiện", 0)
                else:
                    all_units(period, "Đang thực hiện", pct)
        case "NV06" | "NV08" | "NV21":  # recurring
            for period in (1, 2, 3):
                all_units(period, "Đang thực hiện", 25 * period)
        case "NV22" | "NV10":
            all_units(1, "Đã hoàn thành", 100, D(YEAR, 3, 1))
            every[2] = every[3] = []
        case "NV23":
            all_units(1, "Đang thực hiện", 30)
            all_units(2, "Đã hoàn thành", 100, D(YEAR, 6, 5))
            every[3] = []
        case "NV14":
            all_units(2, "Đang thực hiện", 50)
            all_units(3, "Đã hoàn thành", 100, D(YEAR, 8, 20))
        case "NV04":
            all_units(1, "Đang thực hiện", 50)
            all_units(2, "Đã hoàn thành", 100, D(YEAR, 5, 20))
            every[3] = []
        case "NV16":
            reason = ("UBND tỉnh giao Sở Nội vụ chủ trì xây dựng Đề án phân cấp; Sở chỉ tham gia góp ý")
            all_units(2, "Không thực hiện", 0, note=reason)
            all_units(3, "Không thực hiện", 0, note=reason)
        case "NV02":
            all_units(2, "Đang thực hiện", 50)
            lag(3, D(YEAR, 8, 15), 2)
        case "NV05":
            all_units(1, "Đang thực hiện", 20)
            all_units(2, "Đang thực hiện", 60)
            lag(3, D(YEAR, 9, 5), 4, 80)
        case _:  # conditional tasks: waiting for the province or an approval
            for period in (1, 2, 3):
                all_units(period, "Chưa thực hiện", 0, note="Chờ hướng dẫn, phê duyệt của cấp có thẩm quyền")
    return every


RESULTS = {
    "Chưa thực hiện": "",
    "Đang thực hiện": "Đang triển khai theo kế hoạch, đã phân công công chức theo dõi",
    "Đã hoàn thành": "Đã hoàn thành nhiệm vụ",
    "Không thực hiện": "",
}
SILENT_IN_Q3 = "TTQT"  # sample: this unit did not send its quý III report


def tien_do(task_rows: list[list[object]]) -> list[list[object]]:
    rows: list[list[object]] = []
    serial = 100
    for row in task_rows:
        task_id, leads = str(row[0]), str(row[4]).split("; ")
        for period, items in sorted(_scenario(task_id, leads).items()):
            for unit, status, pct, done, note in items:
                if period == 3 and unit == SILENT_IN_Q3:
                    continue
                evidence = ""
                if done is not None:
                    serial += 7
                    evidence = f"Công văn số {serial}/STNMT-{unit} ngày {short_date(done)}"
                issues = "Chờ ý kiến của cơ quan có thẩm quyền" if status == "Đang thực hiện" and pct < 50 else ""
                rows.append([task_id, unit, period, status, pct, RESULTS[status], evidence, done, issues, note])
    return rows


NHAN_XET = [
    (2, "Ưu điểm", "Lãnh đạo Sở quan tâm chỉ đạo công tác cải cách hành chính; các phòng, đơn vị triển khai "
                   "nhiệm vụ theo Kế hoạch, chất lượng giải quyết thủ tục hành chính được duy trì."),
    (2, "Kiến nghị", "Đề nghị Sở Nội vụ tiếp tục tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức "
                     "đầu mối của các sở, ngành."),
    (3, "Chỉ đạo, điều hành", "Trong kỳ, Giám đốc Sở đã chỉ đạo các phòng, đơn vị rà soát tiến độ từng nhiệm vụ, "
                              "tập trung hoàn thành các nhiệm vụ đến hạn trong quý IV."),
    (3, "Ưu điểm", "Công tác cải cách hành chính được triển khai đồng bộ; tỷ lệ hồ sơ, kết quả giải quyết thủ tục "
                   "hành chính được số hóa tiếp tục tăng; thanh toán trực tuyến vượt chỉ tiêu đề ra."),
    (3, "Tồn tại, hạn chế", "Một số nhiệm vụ còn chậm so với tiến độ đề ra; mức độ hài lòng đối với đơn vị sự "
                            "nghiệp công lập chưa đạt chỉ tiêu; một đơn vị chưa gửi báo cáo đúng hạn."),
    (3, "Nguyên nhân", "Một số nhiệm vụ phụ thuộc vào tiến độ, hướng dẫn của cơ quan cấp trên; công chức phụ "
                       "trách cải cách hành chính tại một số đơn vị còn kiêm nhiệm."),
    (3, "Kiến nghị", "Đề nghị Sở Nội vụ sớm hướng dẫn việc xây dựng Đề án phân cấp quản lý nhà nước theo ngành, "
                     "lĩnh vực để Sở triển khai thực hiện."),
]


def thong_tin() -> list[tuple[str, object, str]]:
    rows: list[tuple[str, object, str]] = [
        ("Cơ quan chủ quản", "UBND TỈNH KHÁNH HÒA", "In hoa; viết tắt UBND được phép"),
        ("Cơ quan ban hành", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "In hoa"),
        ("Tên cơ quan trong câu", AGENCY, "Dùng cho {cơ quan} trong nội dung"),
        ("Tên viết tắt", "STNMT", "Dùng trong số, ký hiệu văn bản"),
        ("Địa danh", "Khánh Hòa", "Ghi trước ngày tháng: Khánh Hòa, ngày … tháng … năm …"),
        ("Tên tỉnh", "Khánh Hòa", "Dùng cho {tỉnh}"),
        ("Năm kế hoạch", YEAR, ""),
        ("Chức danh người đứng đầu", "Giám đốc", "Dùng cho {người đứng đầu} (Giám đốc Sở) và dòng thẩm quyền"),
        ("Số quyết định", "", "Để trống: văn thư ghi số khi ký ban hành"),
        ("Ngày quyết định", "01/2024", "dd/mm/yyyy; ghi mm/yyyy khi chưa có ngày ký"),
        ("Trích yếu quyết định", "Ban hành Kế hoạch cải cách hành chính năm {năm} của {cơ quan}", ""),
        ("Trích yếu kế hoạch", "Cải cách hành chính của {cơ quan} năm {năm}", ""),
        ("Căn cứ", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
         "Mẫu: kiểm tra các căn cứ trước khi trình ký"),
        ("Căn cứ", "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình "
                   "tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030", ""),
        ("Căn cứ", "Căn cứ Quyết định số 4831/QĐ-UBND ngày 24 tháng 12 năm 2021 của UBND tỉnh ban hành Chương "
                   "trình cải cách hành chính tỉnh Khánh Hòa giai đoạn 2021 - 2030", ""),
        ("Theo đề nghị của", "Chánh Văn phòng Sở", ""),
        ("Điều", "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm {năm} của {cơ quan}",
         "Mỗi Điều một dòng; chương trình tự đánh số Điều 1, Điều 2, …"),
        ("Điều", "Quyết định này có hiệu lực kể từ ngày ký", ""),
        ("Điều", "Chánh Văn phòng Sở, Chánh Thanh tra Sở, Trưởng các phòng, Chi cục trưởng Chi cục Quản lý đất "
                 "đai, Giám đốc các đơn vị sự nghiệp trực thuộc Sở và các tổ chức, cá nhân có liên quan chịu trách "
                 "nhiệm thi hành Quyết định này", ""),
        ("Quyền hạn ký", "", "KT., TM., Q., TL., TUQ. hoặc để trống khi cấp trưởng ký"),
        ("Chức vụ cấp trưởng", "GIÁM ĐỐC", "Dùng sau quyền hạn: KT. GIÁM ĐỐC"),
        ("Chức vụ người ký", "GIÁM ĐỐC", ""),
        ("Người ký", "", "Để trống: văn bản giữ dòng trống để ghi họ tên khi ký"),
        ("Nơi nhận", "Như Điều 3", "Không ghi '- ' và ';' — chương trình tự thêm; dòng Lưu tự thêm cuối"),
        ("Nơi nhận", "Sở Nội vụ (b/c)", ""),
        ("Nơi nhận", "Giám đốc, các Phó Giám đốc Sở", ""),
        ("Nơi nhận", "Cổng thông tin điện tử của Sở", ""),
        ("Đơn vị soạn thảo", "VP", "Ký hiệu đơn vị soạn thảo trong dòng '- Lưu: VT, VP.'"),
        ("Kế hoạch có chữ ký", "không", "Kế hoạch ban hành kèm Quyết định không có chữ ký riêng (theo mẫu)"),
        ("Tiêu đề Phụ lục", "NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN", ""),
        ("Dòng kèm theo Phụ lục", "Kèm theo Kế hoạch cải cách hành chính {cơ quan} năm {năm}", ""),
        ("Hướng trang Phụ lục", "ngang", "ngang hoặc dọc"),
        ("Ghi chú về dữ liệu",
         "Danh sách đơn vị (sheet DonVi) là DỮ LIỆU MẪU: Kế hoạch gốc chỉ nêu Văn phòng Sở, Chi cục Quản lý đất "
         "đai, Văn phòng Đăng ký đất đai và Trung tâm CNTT; hãy thay bằng danh sách thật của cơ quan.", ""),
        ("Trích yếu báo cáo", "Kết quả thực hiện công tác cải cách hành chính {kỳ báo cáo}",
         "{kỳ báo cáo}: quý I năm …, 6 tháng đầu năm …, quý III năm … (tên kỳ lấy từ sheet KyBaoCao)"),
        ("Kính gửi", "Sở Nội vụ", "Để trống nếu báo cáo không cần dòng Kính gửi"),
        ("Quyền hạn ký báo cáo", "KT.", ""),
        ("Chức vụ cấp trưởng (báo cáo)", "GIÁM ĐỐC", ""),
        ("Chức vụ người ký báo cáo", "PHÓ GIÁM ĐỐC", ""),
        ("Người ký báo cáo", "", "Để trống: giữ dòng trống để ghi họ tên khi ký"),
        ("Nơi nhận báo cáo", "Như trên", ""),
        ("Nơi nhận báo cáo", "Giám đốc, các Phó Giám đốc Sở", ""),
        ("Nơi nhận báo cáo", "Các phòng, đơn vị thuộc Sở", ""),
        ("Ghi chú về dữ liệu",
         "Các dòng tiến độ (sheet TienDo), nhận xét (NhanXet) và kết quả chỉ tiêu theo kỳ (ChiTieu) là DỮ LIỆU "
         "MẪU để thử báo cáo quý I–III, không phải số liệu thật; số văn bản minh chứng cũng là mẫu.", ""),
        ("Ghi chú về dữ liệu",
         "Căn cứ, các Điều và Nơi nhận của Quyết định là mẫu soạn sẵn (Kế hoạch gốc không kèm Quyết định): "
         "kiểm tra trước khi trình ký.", ""),
        # The figures annex and the chart switch (issue 14).
        ("Biểu đồ trong báo cáo", "không", "có/không: biểu đồ tỷ lệ hoàn thành theo lĩnh vực sau phần II"),
        ("Ghi chú về dữ liệu",
         "Danh mục chỉ số (sheet ChiSo) theo mẫu phụ lục số liệu thường dùng; Sở Nội vụ ban hành lại biểu mẫu "
         "hằng năm: sửa danh mục theo biểu hiện hành của tỉnh. Số liệu trong ChiSo và SoLieuDonVi là DỮ LIỆU "
         "MẪU để thử báo cáo quý I–III, không phải số liệu thật.", ""),
    ]
    return rows


def build(seed: Path, out: Path) -> None:
    narrative, tasks = parse_seed(seed)
    units = [Unit(code, name, TYPE_KEYS[utype], tuple(a.strip() for a in aliases.split(";")))
             for code, name, aliases, utype in UNITS]
    index = UnitIndex(units)
    task_rows = []
    for i, t in enumerate(tasks, 1):
        # Task I.1 names no unit: Văn phòng Sở, which coordinates the plan, leads it.
        a = guess_assignment(t["assignment"], index, default_lead="VP")
        task_rows.append([f"NV{i:02d}", t["section"], t["task"], t["assignment"], "; ".join(a.lead),
                          "; ".join(a.support), t["deadline"], t["product"]])
    periods = sheet_rows(YEAR)
    sheets = [
        SheetData("ThongTin", ["Trường", "Giá trị", "Ghi chú"], thong_tin(), widths=(30, 80, 50),
                  note="Mỗi dòng một trường. Trường nhiều dòng (Căn cứ, Điều, Nơi nhận) ghi lặp lại tên trường."),
        SheetData("DonVi", ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại"],
                  [[c, n, a, t] for c, n, a, t in UNITS], widths=(12, 50, 40, 18),
                  choices={3: ["phòng", "chi cục", "đơn vị sự nghiệp"]}),
        SheetData("NhiemVu", ["Mã", "Lĩnh vực", "Nhiệm vụ", "Phân công và cách thức thực hiện", "Đơn vị chủ trì",
                              "Đơn vị phối hợp", "Thời gian", "Kết quả/sản phẩm"],
                  task_rows, widths=(8, 24, 60, 40, 16, 30, 22, 40),
                  note="Mỗi dòng một nhiệm vụ. Mã không đổi khi sửa; STT và số La Mã tự đánh theo thứ tự dòng."),
        SheetData("NoiDung", ["Kiểu", "Nội dung"], narrative, widths=(16, 120),
                  choices={0: ["Mục", "Khoản", "Điểm", "Đoạn", "Gạch đầu dòng"]},
                  note="Nội dung Kế hoạch. Mục, Khoản, Điểm tự đánh số. Dùng {năm}, {cơ quan}, {CT:2a}, {hạn kỳ 1}."),
        SheetData("ChiTieu", ["Mã", "Mục tiêu", "Chỉ tiêu", "So sánh", "Giá trị", "Đơn vị tính", "Kết quả quý I",
                              "Kết quả 6 tháng", "Kết quả quý III", "Kết quả năm"],
                  [[c, g, n, op, v, u, *actual] for c, g, n, op, v, u, actual in TARGETS],
                  widths=(8, 10, 60, 10, 10, 12, 14, 14, 14, 14), choices={3: ["≥", ">", "=", "≤", "<"]},
                  note="Kết quả theo kỳ là DỮ LIỆU MẪU để thử báo cáo."),
        SheetData("KyBaoCao", ["Kỳ", "Tên kỳ", "Hạn đơn vị báo cáo", "Chốt số liệu từ", "Chốt số liệu đến",
                               "Hạn gửi Sở Nội vụ", "Số báo cáo", "Ngày báo cáo", "Văn bản yêu cầu báo cáo"],
                  [list(p) for p in periods], widths=(6, 18, 18, 16, 16, 18, 12, 14, 60),
                  note="Chốt số liệu theo Nghị định 09/2019/NĐ-CP và Văn bản 581/BNV-CCHC; hạn gửi do tỉnh quy định. "
                       "Văn bản yêu cầu báo cáo (nếu có): ví dụ Công văn số …/SNV-CCHC ngày … của Sở Nội vụ về việc "
                       "báo cáo …; báo cáo trích dẫn ở câu mở đầu."),
        SheetData("TienDo", ["Mã nhiệm vụ", "Đơn vị", "Kỳ", "Trạng thái", "Tỷ lệ (%)", "Kết quả thực hiện",
                             "Văn bản/minh chứng", "Ngày hoàn thành", "Khó khăn, vướng mắc", "Ghi chú"],
                  tien_do(task_rows), widths=(12, 10, 6, 20, 10, 40, 40, 14, 30, 30),
                  choices={3: ["Chưa thực hiện", "Đang thực hiện", "Đã hoàn thành", "Hoàn thành quá hạn",
                               "Không thực hiện"]},
                  note="DỮ LIỆU MẪU. Mỗi dòng: một đơn vị báo cáo một nhiệm vụ trong một kỳ (1–4)."),
        SheetData("NhanXet", ["Kỳ", "Mục", "Nội dung"], [list(r) for r in NHAN_XET], widths=(6, 22, 120),
                  choices={1: ["Chỉ đạo, điều hành", "Ưu điểm", "Tồn tại, hạn chế", "Nguyên nhân", "Phương hướng",
                               "Kiến nghị"]},
                  note="Nhận xét của Văn phòng cho từng kỳ báo cáo (DỮ LIỆU MẪU)."),
        SheetData("ChiSo", ["Mã chỉ số", "Nhóm", "Chỉ số", "Đơn vị tính", "Loại", "Tử số", "Mẫu số", "Đơn vị báo cáo",
                            "Số liệu quý I", "Số liệu 6 tháng", "Số liệu quý III", "Số liệu năm", "Ghi chú"],
                  chi_so_rows(), widths=(9, 20, 60, 12, 10, 8, 8, 10, 10, 10, 10, 10, 30),
                  choices={1: ["Chỉ đạo, điều hành", "Thể chế", "Thủ tục hành chính", "Tổ chức bộ máy",
                               "Chế độ công vụ", "Tài chính công", "Chính quyền số"], 4: ["số lượng", "tỷ lệ"],
                           7: ["có", "không"]},
                  note="Phụ lục số liệu của báo cáo (DỮ LIỆU MẪU). Số liệu quý I … năm: phần Văn phòng tổng hợp trực "
                       "tiếp; chỉ số 'Đơn vị báo cáo: có' được cộng thêm số liệu các đơn vị gửi qua phiếu (sheet "
                       "SoLieuDonVi). Tỷ lệ = Tử số / Mẫu số, tính lại từ tổng số."),
        SheetData("SoLieuDonVi", ["Mã chỉ số", "Đơn vị", "Kỳ", "Giá trị", "Ghi chú"],
                  so_lieu_rows([u[0] for u in UNITS]), widths=(10, 10, 6, 12, 40),
                  note="DỮ LIỆU MẪU. Số liệu từng đơn vị theo kỳ; lệnh cchc collect ghi từ sheet SoLieu của phiếu."),
    ]
    write_workbook(out, sheets, replace=True)


if __name__ == "__main__":
    seed = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/seed/000_2373c7fb0f388595.txt"
    build(seed, ROOT / "data" / "kehoach.xlsx")
    print("data/kehoach.xlsx")
