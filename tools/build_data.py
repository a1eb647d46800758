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

# The units' own plans (seed Part IV.3). Sample like the units: the head's title and the
# ký hiệu of each unit that writes a plan; the requirement text is the seed's own (read from it).
UNIT_PLAN_COLUMNS = ["Lập kế hoạch CCHC riêng", "Chức danh thủ trưởng", "Ký hiệu văn bản",
                     "Yêu cầu đối với kế hoạch của đơn vị"]
UNIT_HEADS = {"CCQLDD": ("Chi cục trưởng", "CCQLĐĐ"), "VPDKDD": ("Giám đốc", "VPĐKĐĐ"),
              "TTCNTT": ("Giám đốc", "TTCNTT"), "TTQT": ("Giám đốc", "TTQT"), "TTPTQD": ("Giám đốc", "TTPTQĐ")}
REQUIRED_OF = ("CCQLDD", "VPDKDD")  # the seed's "Riêng Kế hoạch … của Chi cục Quản lý đất đai và Văn phòng Đăng ký …"
D_ = dt.date
# Sample register of the units' plans (KeHoachDonVi): unit, số, ngày, ngày nhận. One late, one not sent.
UNIT_PLANS = [
    ("CCQLDD", "05/KH-CCQLĐĐ", D_(2024, 1, 15), D_(2024, 1, 16), ""),
    ("VPDKDD", "12/KH-VPĐKĐĐ", D_(2024, 1, 18), D_(2024, 1, 19), ""),
    ("TTCNTT", "03/KH-TTCNTT", D_(2024, 1, 19), D_(2024, 1, 23), "Gửi qua hệ thống quản lý văn bản"),
    ("TTPTQD", "08/KH-TTPTQĐ", D_(2024, 1, 17), D_(2024, 1, 18), ""),
]


def seed_requirement(seed: Path) -> str:
    """The seed's paragraph of what it asks of two units' own plans, verbatim."""
    line = next(ln for ln in seed.read_text(encoding="utf-8").splitlines() if ln.startswith("Riêng Kế hoạch"))
    return clean(line)


def seed_plan_due(seed: Path) -> dt.date:
    """'… gửi về Văn phòng Sở trước ngày 20/01/2024' (seed Part IV.3)."""
    m = re.search(r"Kế hoạch cải cách hành chính năm \d{4} của đơn vị mình gửi về Văn phòng Sở trước ngày "
                  r"(\d{1,2})/(\d{1,2})/(\d{4})", seed.read_text(encoding="utf-8"))
    assert m, "the seed no longer states the units' plans deadline"
    return dt.date(int(m[3]), int(m[2]), int(m[1]))


def unit_rows(seed: Path) -> list[list[str]]:
    requirement = seed_requirement(seed)
    return [[c, n, a, t, "", *UNIT_HEADS.get(c, ("", "")), requirement if c in REQUIRED_OF else ""]
            for c, n, a, t in UNITS]

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
         "Sổ theo dõi kế hoạch của đơn vị (sheet KeHoachDonVi), chức danh thủ trưởng và ký hiệu văn bản của các đơn "
         "vị (sheet DonVi) là DỮ LIỆU MẪU; hạn 20/01 và yêu cầu riêng đối với Chi cục Quản lý đất đai, Văn phòng Đăng "
         "ký đất đai lấy từ mục IV.3 của Kế hoạch gốc.", ""),
        ("Ghi chú về dữ liệu",
         "Danh mục chỉ số (sheet ChiSo) theo mẫu phụ lục số liệu thường dùng; Sở Nội vụ ban hành lại biểu mẫu "
         "hằng năm: sửa danh mục theo biểu hiện hành của tỉnh. Số liệu trong ChiSo và SoLieuDonVi là DỮ LIỆU "
         "MẪU để thử báo cáo quý I–III, không phải số liệu thật.", ""),
    ]
    rows += EVALUATION_INFO  # the year-end evaluation (issue 13)
    return rows


# -- the year-end evaluation (issue 13): SAMPLE criteria, bands, self-scores and the Sở's own ----------

# Mã, Mã cha, Tiêu chí, Điểm tối đa, Cách chấm, Tài liệu kiểm chứng cần có. Shaped like the provinces'
# sets for sở, huyện and phòng chuyên môn (lĩnh vực → tiêu chí → tiêu chí thành phần, 100 points, a
# capped bonus and penalty); the wording and points are a sample, not any province's.
CRITERIA = [
    ("1", "", "Công tác chỉ đạo, điều hành cải cách hành chính", 20, "", ""),
    ("1.1", "1", "Thực hiện nhiệm vụ được giao chủ trì trong Kế hoạch cải cách hành chính của Sở", 12, "", ""),
    ("1.1.1", "1.1", "Tỷ lệ nhiệm vụ chủ trì hoàn thành trong năm", 6, "tỷ lệ hoàn thành", "Sheet TienDo"),
    ("1.1.2", "1.1", "Tỷ lệ nhiệm vụ chủ trì hoàn thành đúng hạn", 4, "tỷ lệ đúng hạn", "Sheet TienDo"),
    ("1.1.3", "1.1", "Nhiệm vụ hoàn thành có văn bản minh chứng", 2, "tỷ lệ có minh chứng", "Sheet TienDo"),
    ("1.2", "1", "Gửi phiếu báo cáo cải cách hành chính định kỳ đúng hạn", 4, "báo cáo đúng hạn", "Sheet NhanPhieu"),
    ("1.3", "1", "Tuyên truyền, phổ biến về cải cách hành chính tại đơn vị", 4, "tự chấm",
     "Kế hoạch, báo cáo, hình ảnh hoạt động tuyên truyền"),
    ("2", "", "Cải cách thể chế", 10, "", ""),
    ("2.1", "2", "Tham mưu xây dựng, góp ý văn bản quy phạm pháp luật đúng tiến độ", 5, "tự chấm",
     "Văn bản tham mưu, góp ý"),
    ("2.2", "2", "Rà soát, kiểm tra, theo dõi thi hành văn bản quy phạm pháp luật thuộc lĩnh vực", 5, "tự chấm",
     "Báo cáo rà soát, kiểm tra"),
    ("3", "", "Cải cách thủ tục hành chính", 20, "", ""),
    ("3.1", "3", "Rà soát, đề xuất đơn giản hóa thủ tục hành chính", 6, "tự chấm",
     "Báo cáo rà soát; phương án đơn giản hóa"),
    ("3.2", "3", "Giải quyết hồ sơ thủ tục hành chính đúng hạn", 10, "tự chấm",
     "Số liệu của Hệ thống thông tin giải quyết thủ tục hành chính"),
    ("3.3", "3", "Công khai thủ tục hành chính; tiếp nhận, xử lý phản ánh, kiến nghị", 4, "tự chấm", "Báo cáo"),
    ("4", "", "Cải cách tổ chức bộ máy", 10, "", ""),
    ("4.1", "4", "Thực hiện quy chế làm việc, quy định chức năng, nhiệm vụ của đơn vị", 5, "tự chấm", "Quy chế"),
    ("4.2", "4", "Chấp hành kỷ luật, kỷ cương hành chính", 5, "tự chấm", "Báo cáo"),
    ("5", "", "Cải cách chế độ công vụ", 15, "", ""),
    ("5.1", "5", "Bố trí công chức, viên chức theo vị trí việc làm", 5, "tự chấm", "Đề án vị trí việc làm"),
    ("5.2", "5", "Thực hiện văn hóa công vụ, đạo đức công vụ", 5, "tự chấm", "Báo cáo"),
    ("5.3", "5", "Đào tạo, bồi dưỡng công chức, viên chức", 5, "tự chấm", "Kế hoạch, danh sách cử đi học"),
    ("6", "", "Cải cách tài chính công", 10, "", ""),
    ("6.1", "6", "Thực hiện dự toán, quy chế chi tiêu nội bộ, công khai tài chính", 5, "tự chấm", "Quy chế, báo cáo"),
    ("6.2", "6", "Thực hành tiết kiệm, chống lãng phí; tự chủ tài chính (đơn vị sự nghiệp)", 5, "tự chấm", "Báo cáo"),
    ("7", "", "Xây dựng, phát triển chính quyền điện tử, chính quyền số", 15, "", ""),
    ("7.1", "7", "Xử lý văn bản, hồ sơ công việc trên môi trường mạng, sử dụng chữ ký số", 8, "tự chấm",
     "Số liệu của hệ thống quản lý văn bản"),
    ("7.2", "7", "Dịch vụ công trực tuyến; số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 7, "tự chấm",
     "Số liệu của Cổng dịch vụ công"),
    ("8", "", "Điểm thưởng", 5, "điểm thưởng", ""),
    ("8.1", "8", "Có sáng kiến, cách làm mới trong cải cách hành chính được công nhận", 3, "",
     "Quyết định công nhận sáng kiến"),
    ("8.2", "8", "Được khen thưởng về cải cách hành chính", 3, "", "Quyết định khen thưởng"),
    ("9", "", "Điểm trừ", 10, "điểm trừ", ""),
    ("9.1", "9", "Công chức, viên chức vi phạm kỷ luật, kỷ cương hành chính bị xử lý", 5, "", "Quyết định kỷ luật"),
    ("9.2", "9", "Phản ánh, kiến nghị về thái độ, chất lượng phục vụ được xác minh đúng", 5, "", "Kết quả xác minh"),
]
# Sample self-scores: each unit scores itself the maximum but for these points; TTQT sent nothing.
SELF_LOSS = {
    "VP": {"3.2": 1}, "TTR": {"2.1": 1, "5.3": 1}, "KHTC": {"3.1": 2, "7.2": 1},
    "QLMT": {"1.3": 1, "3.2": 2, "6.2": 1}, "TNN": {"2.2": 1, "3.3": 1, "7.1": 2}, "CCQLDD": {"3.2": 3, "7.2": 2},
    "VPDKDD": {"3.1": 1, "5.1": 1}, "TTCNTT": {"2.1": 2, "4.2": 1}, "TTPTQD": {"3.2": 4, "6.1": 1, "7.1": 1},
}
APPRAISALS = {  # (unit, criterion) → (appraised score, the council's reason)
    ("QLMT", "3.2"): (6, "Tỷ lệ hồ sơ giải quyết đúng hạn trên Hệ thống thấp hơn số đơn vị tự chấm"),
    ("CCQLDD", "7.2"): (4, "Tài liệu kiểm chứng chưa thể hiện tỷ lệ số hóa kết quả giải quyết"),
    ("TTPTQD", "6.1"): (3, "Chưa công khai quyết toán năm trước theo quy định"),
}
EXTRAS = {("TTCNTT", "8.1"): 3, ("TTCNTT", "8.2"): 3, ("VP", "8.2"): 2}  # TTCNTT's 6 is capped at 5
PENALTIES = {("TTPTQD", "9.1"): (2, "Một viên chức bị khiển trách trong năm")}  # the council's, no self-score
UNIT_REMARKS = [
    ("VP", "Ưu điểm", "Tham mưu kịp thời, đầy đủ các văn bản chỉ đạo, điều hành cải cách hành chính của Sở."),
    ("CCQLDD", "Tồn tại, hạn chế", "Nhiều nhiệm vụ chủ trì còn chậm do phụ thuộc ý kiến của cơ quan cấp trên; cần "
                                   "chủ động báo cáo, đề xuất sớm."),
    ("STNMT", "Kiến nghị", "Đề nghị Sở Nội vụ tổ chức tập huấn cách chấm điểm, tài liệu kiểm chứng của Chỉ số cải "
                           "cách hành chính cho công chức đầu mối."),
]


def danh_gia(units: list[tuple[str, str, str, str]]) -> tuple[list[list[object]], list[list[object]]]:
    """DiemDanhGia and NhanDanhGia rows (sample)."""
    manual = [(c, m) for c, _, _, m, how, _ in CRITERIA if how == "tự chấm"]
    scores: list[list[object]] = []
    log: list[list[object]] = []
    for n, (code, *_rest) in enumerate(units):
        if code not in SELF_LOSS:
            continue
        for criterion, maximum in manual:
            own = maximum - SELF_LOSS[code].get(criterion, 0)
            appraised, note = APPRAISALS.get((code, criterion), (None, ""))
            scores.append([code, criterion, own, "", f"Báo cáo số {20 + n}/BC-{code} ngày 25/11/{YEAR}", appraised,
                           note])
        for (unit, criterion), points in EXTRAS.items():
            if unit == code:
                scores.append([code, criterion, points, "", f"Quyết định số {40 + n}/QĐ-UBND", None, ""])
        log.append([code, D(YEAR, 11, 25 + n % 5), f"{code}.xlsx", f"{25 + n % 5:02d}/11/{YEAR} 15:00"])
    for (unit, criterion), (points, note) in PENALTIES.items():
        scores.append([unit, criterion, None, "", "", points, note])
    return scores, log


# The Sở's own self-assessment against a PAR-style index of the province (SAMPLE): Mã, Mã cha, Tiêu chí,
# Điểm tối đa, Cách chấm, Tài liệu kiểm chứng cần có, Nguồn minh chứng, Điểm tự chấm, Giải trình, Tài liệu.
OWN_INDEX = [
    ("1", "", "Công tác chỉ đạo, điều hành cải cách hành chính", 14, "", "", "", None, "", ""),
    ("1.1", "1", "Kế hoạch cải cách hành chính năm", 3, "", "", "", None, "", ""),
    ("1.1.1", "1.1", "Ban hành kế hoạch kịp thời, đầy đủ nhiệm vụ", 1, "tự chấm", "Quyết định ban hành Kế hoạch",
     "kế hoạch", 1, "", ""),
    ("1.1.2", "1.1", "Mức độ hoàn thành kế hoạch cải cách hành chính", 2, "tỷ lệ hoàn thành", "", "", None, "", ""),
    ("1.2", "1", "Thực hiện chế độ báo cáo cải cách hành chính định kỳ", 2, "tự chấm", "Các báo cáo định kỳ", "báo cáo",
     2, "", ""),
    ("1.3", "1", "Tuyên truyền cải cách hành chính", 2, "tự chấm", "Kế hoạch tuyên truyền", "", 1.5,
     "Chưa tổ chức hội thi tìm hiểu cải cách hành chính", "Kế hoạch số 15/KH-STNMT ngày 20/02/2024"),
    ("1.4", "1", "Kiểm tra cải cách hành chính đối với các đơn vị trực thuộc", 3, "tự chấm",
     "Kế hoạch, báo cáo kiểm tra", "tiến độ", 3, "", "Báo cáo số 210/BC-STNMT ngày 15/10/2024 về kết quả kiểm tra"),
    ("1.5", "1", "Đánh giá, xếp loại kết quả cải cách hành chính của các đơn vị trực thuộc", 2, "tự chấm",
     "Quyết định công bố kết quả", "", 2, "", ""),
    ("1.6", "1", "Sáng kiến, giải pháp mới trong chỉ đạo, điều hành", 2, "tự chấm", "", "", 0,
     "Năm 2024 chưa có sáng kiến được công nhận", ""),
    ("2", "", "Cải cách thể chế", 10, "", "", "", None, "", ""),
    ("2.1", "2", "Tham mưu ban hành văn bản quy phạm pháp luật thuộc lĩnh vực", 5, "tự chấm", "", "", 4,
     "Một dự thảo trình chậm so với chương trình", "Báo cáo số 180/BC-STNMT ngày 05/9/2024"),
    ("2.2", "2", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", 3, "tự chấm", "", "", 3, "",
     "Quyết định số 35/QĐ-STNMT ngày 15/3/2024"),
    ("2.3", "2", "Kiểm tra, theo dõi thi hành pháp luật", 2, "tự chấm", "", "", 2, "", ""),
    ("3", "", "Cải cách thủ tục hành chính", 20, "", "", "", None, "", ""),
    ("3.1", "3", "Rà soát, đơn giản hóa thủ tục hành chính", 5, "tự chấm", "", "tiến độ", 5, "", ""),
    ("3.2", "3", "Công khai thủ tục hành chính", 5, "tự chấm", "", "", 5, "", ""),
    ("3.3", "3", "Kết quả giải quyết hồ sơ thủ tục hành chính", 10, "tự chấm", "", "", 8,
     "Tỷ lệ hồ sơ đúng hạn đạt 96,5%", ""),
    ("4", "", "Cải cách tổ chức bộ máy", 10, "", "", "", None, "", ""),
    ("4.1", "4", "Thực hiện vị trí việc làm, cơ cấu ngạch công chức", 5, "tự chấm", "", "", 5, "", ""),
    ("4.2", "4", "Thực hiện phân cấp quản lý", 5, "tự chấm", "", "", 4, "Chưa có Đề án phân cấp của tỉnh", ""),
    ("5", "", "Cải cách chế độ công vụ", 12, "", "", "", None, "", ""),
    ("5.1", "5", "Tuyển dụng, sử dụng, đánh giá công chức, viên chức", 6, "tự chấm", "", "", 6, "", ""),
    ("5.2", "5", "Kỷ luật, kỷ cương hành chính", 6, "tự chấm", "", "", 5, "Một viên chức bị khiển trách", ""),
    ("6", "", "Cải cách tài chính công", 10, "", "", "", None, "", ""),
    ("6.1", "6", "Thực hiện quy định về quản lý tài chính, ngân sách", 5, "tự chấm", "", "", 5, "", ""),
    ("6.2", "6", "Tự chủ tài chính của các đơn vị sự nghiệp", 5, "tự chấm", "", "", 4,
     "Một đơn vị sự nghiệp chưa được giao tự chủ", ""),
    ("7", "", "Xây dựng, phát triển chính quyền số", 14, "", "", "", None, "", ""),
    ("7.1", "7", "Văn bản, hồ sơ công việc xử lý trên môi trường mạng", 7, "tự chấm", "", "", 7, "", ""),
    ("7.2", "7", "Dịch vụ công trực tuyến, thanh toán trực tuyến", 7, "tự chấm", "", "tiến độ", 6,
     "Tỷ lệ hồ sơ trực tuyến toàn trình chưa đạt chỉ tiêu", ""),
    ("8", "", "Mức độ hài lòng của người dân, tổ chức (tỉnh điều tra xã hội học)", 10, "", "", "", None, "", ""),
    ("8.1", "8", "Chỉ số hài lòng về sự phục vụ", 10, "tự chấm", "", "", None,
     "Do tỉnh đánh giá qua điều tra xã hội học; Sở không tự chấm", ""),
]


def evaluation_sheets(units: list[tuple[str, str, str, str]]) -> list[SheetData]:
    from pipeline.schema import DEFAULT_BANDS

    scores, log = danh_gia(units)
    criteria = [[c, parent, name, m, how, asked, "", ""] for c, parent, name, m, how, asked in CRITERIA]
    methods = ["tự chấm", "điểm thưởng", "điểm trừ", "tỷ lệ hoàn thành", "tỷ lệ đúng hạn", "báo cáo đúng hạn",
               "tỷ lệ có minh chứng"]
    own = [[c, parent, name, m, how, asked, "", source, score, why, docs]
           for c, parent, name, m, how, asked, source, score, why, docs in OWN_INDEX]
    criteria_head = ["Mã", "Mã cha", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Tài liệu kiểm chứng cần có",
                     "Khi không phát sinh", "Nguồn minh chứng"]
    return [
        SheetData("TieuChi", criteria_head, criteria, widths=(8, 8, 60, 10, 18, 36, 16, 16),
                  choices={4: methods, 6: ["điểm tối đa", "0 điểm"]},
                  note="DỮ LIỆU MẪU. Bộ tiêu chí đánh giá các phòng, đơn vị: lĩnh vực (Mã cha trống) → tiêu chí → tiêu "
                       "chí thành phần; Cách chấm để trống ở dòng nhóm (điểm là tổng các dòng con)."),
        SheetData("XepLoai", ["Xếp loại", "Điểm từ", "Ghi chú"], [list(b) for b in DEFAULT_BANDS], widths=(16, 10, 70),
                  note="Mức xếp loại mặc định; sửa theo Quy chế đánh giá, xếp loại của tỉnh. Điểm đúng bằng mức dưới "
                       "thuộc loại cao hơn."),
        SheetData("DiemDanhGia", ["Đơn vị", "Mã tiêu chí", "Điểm tự chấm", "Giải trình", "Tài liệu kiểm chứng",
                                  "Điểm thẩm định", "Ý kiến thẩm định"], scores, widths=(10, 12, 12, 40, 40, 14, 50),
                  note="DỮ LIỆU MẪU. cchc collect --danh-gia ghi điểm tự chấm; Văn phòng ghi điểm, ý kiến thẩm định."),
        SheetData("NhanDanhGia", ["Đơn vị", "Ngày tự đánh giá", "Tệp", "Thời điểm nhập"], log, widths=(10, 16, 20, 18),
                  note="DỮ LIỆU MẪU. Chương trình tự ghi khi nhập phiếu tự đánh giá."),
        SheetData("NhanXetDonVi", ["Đơn vị", "Mục", "Nội dung"], [list(r) for r in UNIT_REMARKS], widths=(10, 20, 100),
                  choices={1: ["Ưu điểm", "Tồn tại, hạn chế", "Kiến nghị"]},
                  note="DỮ LIỆU MẪU. Nhận xét của Văn phòng về từng đơn vị; Đơn vị ghi tên viết tắt của Sở cho báo cáo "
                       "tự đánh giá của Sở."),
        SheetData("TuDanhGia", [*criteria_head, "Điểm tự chấm", "Giải trình", "Tài liệu kiểm chứng"], own,
                  widths=(8, 8, 60, 10, 18, 30, 14, 16, 12, 40, 40), choices={4: methods},
                  note="DỮ LIỆU MẪU. Tiêu chí chỉ số cải cách hành chính của tỉnh (nhập hằng năm), điểm Sở tự chấm."),
    ]


EVALUATION_INFO = [
    ("Hạn đơn vị tự đánh giá", D(YEAR, 11, 30), "Mẫu: hạn các đơn vị gửi phiếu tự đánh giá về Văn phòng"),
    ("Hạn đánh giá, xếp loại", D(YEAR, 12, 15), "Kế hoạch, Phần IV.2: trước ngày 15/12"),
    ("Số quyết định xếp loại", "", "Để trống: văn thư ghi số khi ký"),
    ("Ngày quyết định xếp loại", f"12/{YEAR}", ""),
    ("Đề nghị xếp loại", "Chánh Văn phòng Sở", "Theo đề nghị của …"),
    ("Nơi nhận quyết định xếp loại", "Như Điều 3", ""),
    ("Nơi nhận quyết định xếp loại", "Sở Nội vụ (b/c)", ""),
    ("Nơi nhận quyết định xếp loại", "Giám đốc, các Phó Giám đốc Sở", ""),
    ("Nơi nhận quyết định xếp loại", "Cổng thông tin điện tử của Sở", ""),
    ("Tên chỉ số CCHC của tỉnh", "Chỉ số cải cách hành chính các sở, ban, ngành tỉnh {tỉnh}",
     "Chỉ số Sở tự chấm ở sheet TuDanhGia"),
    ("Ghi chú về dữ liệu",
     "Bộ tiêu chí (TieuChi), mức xếp loại (XepLoai), điểm tự chấm và thẩm định (DiemDanhGia, NhanDanhGia), nhận xét "
     "(NhanXetDonVi) và tự đánh giá của Sở (TuDanhGia) là DỮ LIỆU MẪU, dựng theo cách chấm phổ biến của các tỉnh "
     "(lĩnh vực → tiêu chí → tiêu chí thành phần, 100 điểm); hãy thay bằng Bộ tiêu chí và Quy chế của tỉnh.", ""),
]


def build(seed: Path, out: Path) -> None:
    narrative, tasks = parse_seed(seed)
    info = thong_tin()
    info.insert(next(i for i, r in enumerate(info) if r[0] == "Kế hoạch có chữ ký"),
                ("Hạn gửi kế hoạch của đơn vị", seed_plan_due(seed),
                 "Hạn các chi cục, đơn vị sự nghiệp gửi Kế hoạch CCHC của đơn vị về Văn phòng (mục IV.3)"))
    units = [Unit(code, name, TYPE_KEYS[utype], tuple(a.strip() for a in aliases.split(";")))
             for code, name, aliases, utype in UNITS]
    index = UnitIndex(units)
    task_rows = []
    for i, t in enumerate(tasks, 1):
        # Task I.1 names no unit: Văn phòng Sở, which coordinates the plan, leads it.
        a = guess_assignment(t["assignment"], index, default_lead="VP")
        task_rows.append([f"NV{i:02d}", t["section"], t["task"], t["assignment"], "; ".join(a.lead),
                          "; ".join(a.support), t["deadline"], t["product"], "", ""])
    periods = sheet_rows(YEAR)
    sheets = [
        SheetData("ThongTin", ["Trường", "Giá trị", "Ghi chú"], info, widths=(30, 80, 50),
                  note="Mỗi dòng một trường. Trường nhiều dòng (Căn cứ, Điều, Nơi nhận) ghi lặp lại tên trường."),
        SheetData("DonVi", ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại", *UNIT_PLAN_COLUMNS],
                  unit_rows(seed), widths=(12, 50, 40, 18, 14, 20, 14, 60),
                  choices={3: ["phòng", "chi cục", "đơn vị sự nghiệp"], 4: ["có", "không"]},
                  note="Lập kế hoạch CCHC riêng: để trống thì chi cục và đơn vị sự nghiệp lập, phòng không lập."),
        SheetData("NhiemVu", ["Mã", "Lĩnh vực", "Nhiệm vụ", "Phân công và cách thức thực hiện", "Đơn vị chủ trì",
                              "Đơn vị phối hợp", "Thời gian", "Kết quả/sản phẩm", "Tình trạng nhiệm vụ",
                              "Lý do điều chỉnh", "Loại thời hạn"],
                  task_rows, widths=(8, 24, 60, 40, 16, 30, 22, 40, 16, 40, 16),
                  choices={8: ["Còn hiệu lực", "Bãi bỏ"], 10: ["một lần", "định kỳ", "chờ điều kiện"]},
                  note="Mỗi dòng một nhiệm vụ. Mã không đổi khi sửa; STT và số La Mã tự đánh theo thứ tự dòng cho đến "
                       "khi Kế hoạch được ban hành. Bãi bỏ nhiệm vụ: ghi 'Bãi bỏ' ở cột Tình trạng, không xóa dòng."),
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
        SheetData("KeHoachDonVi", ["Đơn vị", "Số kế hoạch", "Ngày kế hoạch", "Ngày nhận", "Ghi chú"],
                  [list(r) for r in UNIT_PLANS], widths=(14, 18, 14, 14, 40),
                  note="Kế hoạch CCHC các đơn vị gửi Văn phòng (DỮ LIỆU MẪU): một đơn vị gửi quá hạn, một chưa gửi."),
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
        *evaluation_sheets(UNITS),  # issue 13, after the sheets other code counts on by position
    ]
    write_workbook(out, sheets, replace=True)


if __name__ == "__main__":
    seed = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/seed/000_2373c7fb0f388595.txt"
    build(seed, ROOT / "data" / "kehoach.xlsx")
    print("data/kehoach.xlsx")
