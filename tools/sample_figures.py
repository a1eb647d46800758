"""The bundled workbook's figures annex: the default indicator list (sheet ChiSo) and
sample figures for quý I–III (ChiSo's own columns and the units' SoLieuDonVi), used by
build_data.py.

The list is modelled on the usual "phụ lục số liệu" of a CCHC report (reference nd30.md
§3.3 and §7.4: the groups of the Bộ Nội vụ outline; TTHC, hồ sơ, online services and
payment, digitisation, satisfaction, inspections, propaganda, văn bản QPPL, biên chế,
electronic and signed documents). Sở Nội vụ re-issues its biểu most years: the clerk
adapts the list. Every figure is SAMPLE data, chosen so that the rates the annex
recomputes equal the results the sample ChiTieu states for the same measures (số hóa
2b.1, thanh toán trực tuyến 2c.2, hài lòng 8.1), so the report never contradicts itself.
"""

from __future__ import annotations

# Units that handle TTHC hồ sơ, with their share of the Sở's hồ sơ (the rest report 0).
TTHC_SHARES = {"VPDKDD": 0.70, "CCQLDD": 0.15, "TNN": 0.10, "QLMT": 0.05}
SILENT_IN_Q3 = "TTQT"  # as in TienDo: this unit sent nothing for quý III

# (code, nhóm, chỉ số, đơn vị tính, loại, tử số, mẫu số, đơn vị báo cáo, office figures quý I, 6 tháng, quý III)
V, U = "", "có"  # Văn phòng gathers it / the units report it through their forms
INDICATORS: list[tuple[str, str, str, str, str, str, str, str, tuple[float | None, ...]]] = [
    ("CD.1", "Chỉ đạo, điều hành", "Số cuộc kiểm tra công tác cải cách hành chính tại các đơn vị", "cuộc",
     "số lượng", "", "", V, (0, 2, 2)),
    ("CD.2", "Chỉ đạo, điều hành", "Số đơn vị được kiểm tra", "đơn vị", "số lượng", "", "", V, (0, 3, 3)),
    ("CD.3", "Chỉ đạo, điều hành", "Số tồn tại, hạn chế phát hiện qua kiểm tra", "vấn đề", "số lượng", "", "", V,
     (0, 5, 4)),
    ("CD.4", "Chỉ đạo, điều hành", "Số tồn tại, hạn chế đã khắc phục", "vấn đề", "số lượng", "", "", V, (0, 3, 4)),
    ("CD.5", "Chỉ đạo, điều hành", "Tỷ lệ tồn tại, hạn chế đã khắc phục", "%", "tỷ lệ", "CD.4", "CD.3", V, ()),
    ("CD.6", "Chỉ đạo, điều hành", "Số tin, bài tuyên truyền về cải cách hành chính", "tin, bài", "số lượng", "", "",
     U, ()),
    ("CD.7", "Chỉ đạo, điều hành", "Số sáng kiến, giải pháp cải cách hành chính được công nhận", "sáng kiến",
     "số lượng", "", "", V, (0, 1, 0)),
    ("TC.1", "Thể chế", "Số văn bản quy phạm pháp luật tham mưu UBND tỉnh ban hành", "văn bản", "số lượng", "", "",
     U, ()),
    ("TC.2", "Thể chế", "Số văn bản quy phạm pháp luật được rà soát", "văn bản", "số lượng", "", "", U, ()),
    ("TC.3", "Thể chế", "Số văn bản quy phạm pháp luật kiến nghị sửa đổi, bổ sung, thay thế, bãi bỏ", "văn bản",
     "số lượng", "", "", U, ()),
    ("TT.1", "Thủ tục hành chính", "Số TTHC thuộc thẩm quyền giải quyết của Sở", "thủ tục", "số lượng", "", "", V,
     (112, 112, 114)),
    ("TT.2", "Thủ tục hành chính", "Số TTHC được công bố, công khai đầy đủ", "thủ tục", "số lượng", "", "", V,
     (112, 112, 114)),
    ("TT.3", "Thủ tục hành chính", "Số TTHC được đơn giản hóa, cắt giảm", "thủ tục", "số lượng", "", "", V,
     (3, 5, 2)),
    ("TT.4", "Thủ tục hành chính", "Số dịch vụ công trực tuyến toàn trình", "dịch vụ", "số lượng", "", "", V,
     (38, 40, 42)),
    ("TT.5", "Thủ tục hành chính", "Số dịch vụ công trực tuyến một phần", "dịch vụ", "số lượng", "", "", V,
     (74, 72, 72)),
    ("TT.6", "Thủ tục hành chính", "Số hồ sơ TTHC tiếp nhận", "hồ sơ", "số lượng", "", "", U, ()),
    ("TT.7", "Thủ tục hành chính", "Số hồ sơ TTHC tiếp nhận trực tuyến", "hồ sơ", "số lượng", "", "", U, ()),
    ("TT.8", "Thủ tục hành chính", "Tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến", "%", "tỷ lệ", "TT.7", "TT.6", V, ()),
    ("TT.9", "Thủ tục hành chính", "Số hồ sơ TTHC đã giải quyết", "hồ sơ", "số lượng", "", "", U, ()),
    ("TT.10", "Thủ tục hành chính", "Số hồ sơ TTHC giải quyết đúng hạn", "hồ sơ", "số lượng", "", "", U, ()),
    ("TT.11", "Thủ tục hành chính", "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "%", "tỷ lệ", "TT.10", "TT.9", V, ()),
    ("TT.12", "Thủ tục hành chính", "Số hồ sơ TTHC giải quyết quá hạn", "hồ sơ", "số lượng", "", "", U, ()),
    ("TT.13", "Thủ tục hành chính", "Số văn bản xin lỗi người dân, tổ chức do giải quyết quá hạn", "văn bản",
     "số lượng", "", "", U, ()),
    ("TT.14", "Thủ tục hành chính", "Số hồ sơ, kết quả giải quyết TTHC được số hóa", "hồ sơ", "số lượng", "", "", U,
     ()),
    ("TT.15", "Thủ tục hành chính", "Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa", "%", "tỷ lệ", "TT.14", "TT.9",
     V, ()),
    ("TT.16", "Thủ tục hành chính", "Số giao dịch thanh toán trực tuyến", "giao dịch", "số lượng", "", "", U, ()),
    ("TT.17", "Thủ tục hành chính", "Số giao dịch có nghĩa vụ tài chính", "giao dịch", "số lượng", "", "", U, ()),
    ("TT.18", "Thủ tục hành chính", "Tỷ lệ thanh toán trực tuyến", "%", "tỷ lệ", "TT.16", "TT.17", V, ()),
    ("TT.19", "Thủ tục hành chính", "Số phiếu đánh giá sự hài lòng", "phiếu", "số lượng", "", "", V,
     (None, 1200, 1000)),
    ("TT.20", "Thủ tục hành chính", "Số phiếu đánh giá hài lòng", "phiếu", "số lượng", "", "", V, (None, 1062, 892)),
    ("TT.21", "Thủ tục hành chính", "Tỷ lệ người dân, tổ chức hài lòng", "%", "tỷ lệ", "TT.20", "TT.19", V, ()),
    ("TT.22", "Thủ tục hành chính", "Số phản ánh, kiến nghị về TTHC được tiếp nhận", "phản ánh", "số lượng", "", "",
     V, (2, 3, 1)),
    ("TT.23", "Thủ tục hành chính", "Số phản ánh, kiến nghị về TTHC đã xử lý", "phản ánh", "số lượng", "", "", V,
     (2, 3, 1)),
    ("BM.1", "Tổ chức bộ máy", "Số phòng chuyên môn, chi cục thuộc Sở", "đơn vị", "số lượng", "", "", V, (6, 6, 6)),
    ("BM.2", "Tổ chức bộ máy", "Số đơn vị sự nghiệp công lập thuộc Sở", "đơn vị", "số lượng", "", "", V, (4, 4, 4)),
    ("BM.3", "Tổ chức bộ máy", "Biên chế công chức được giao", "người", "số lượng", "", "", V, (98, 98, 98)),
    ("BM.4", "Tổ chức bộ máy", "Số công chức có mặt", "người", "số lượng", "", "", V, (92, 93, 94)),
    ("BM.5", "Tổ chức bộ máy", "Số người tinh giản biên chế", "người", "số lượng", "", "", V, (0, 2, 1)),
    ("CV.1", "Chế độ công vụ", "Số vị trí việc làm được phê duyệt", "vị trí", "số lượng", "", "", V, (58, 58, 58)),
    ("CV.2", "Chế độ công vụ", "Số công chức, viên chức được tuyển dụng", "người", "số lượng", "", "", V, (0, 3, 2)),
    ("CV.3", "Chế độ công vụ", "Số lượt công chức, viên chức được đào tạo, bồi dưỡng", "lượt người", "số lượng", "",
     "", U, ()),
    ("CV.4", "Chế độ công vụ", "Số công chức, viên chức bị xử lý kỷ luật", "người", "số lượng", "", "", V,
     (0, 0, 0)),
    ("TCC.1", "Tài chính công", "Số đơn vị sự nghiệp tự bảo đảm chi thường xuyên", "đơn vị", "số lượng", "", "", V,
     (1, 1, 1)),
    ("TCC.2", "Tài chính công", "Số đơn vị sự nghiệp tự bảo đảm một phần chi thường xuyên", "đơn vị", "số lượng",
     "", "", V, (3, 3, 3)),
    ("CQS.1", "Chính quyền số", "Số văn bản đi", "văn bản", "số lượng", "", "", U, ()),
    ("CQS.2", "Chính quyền số", "Số văn bản đi gửi dưới dạng điện tử", "văn bản", "số lượng", "", "", U, ()),
    ("CQS.3", "Chính quyền số", "Tỷ lệ văn bản đi gửi dưới dạng điện tử", "%", "tỷ lệ", "CQS.2", "CQS.1", V, ()),
    ("CQS.4", "Chính quyền số", "Số văn bản đi được ký số", "văn bản", "số lượng", "", "", U, ()),
    ("CQS.5", "Chính quyền số", "Tỷ lệ văn bản đi được ký số", "%", "tỷ lệ", "CQS.4", "CQS.1", V, ()),
    ("CQS.6", "Chính quyền số", "Số cuộc họp trực tuyến", "cuộc", "số lượng", "", "", V, (6, 14, 8)),
]

# The Sở's hồ sơ per period (quý I, 6 tháng, quý III), split over the TTHC units by TTHC_SHARES.
# Đã giải quyết × (số hóa rate 2b.1) and nghĩa vụ tài chính × (thanh toán rate 2c.2) are whole numbers.
HO_SO = {  # code → totals per period
    "TT.6": (2620, 5430, 2930),  # tiếp nhận
    "TT.7": (1650, 3530, 2050),  # trực tuyến
    "TT.9": (2500, 5200, 2800),  # đã giải quyết
    "TT.10": (2460, 5130, 2772),  # đúng hạn
    "TT.14": (2300, 4992, 2730),  # số hóa: 92%, 96%, 97,5%
    "TT.16": (142, 312, 367),  # thanh toán trực tuyến: 28,4%, 31,2%, 36,7%
    "TT.17": (500, 1000, 1000),  # có nghĩa vụ tài chính
}
# Each unit's own figures per period for the other unit-reported counts: (quý I, 6 tháng, quý III).
PER_UNIT = {
    "CD.6": {"VP": (3, 7, 4), "TTCNTT": (2, 5, 3), "VPDKDD": (1, 2, 1)},
    "TC.1": {"VP": (0, 1, 0), "QLMT": (1, 1, 0), "TNN": (0, 1, 1), "CCQLDD": (1, 2, 1)},
    "TC.2": {"VP": (2, 4, 2), "QLMT": (3, 5, 2), "TNN": (2, 4, 2), "CCQLDD": (4, 7, 3), "TTR": (1, 2, 1)},
    "TC.3": {"QLMT": (1, 1, 0), "CCQLDD": (1, 2, 1)},
    "CV.3": {"VP": (4, 9, 5), "TTR": (1, 3, 1), "KHTC": (1, 2, 1), "QLMT": (2, 4, 2), "TNN": (2, 3, 1),
             "CCQLDD": (3, 6, 3), "VPDKDD": (6, 12, 7), "TTCNTT": (2, 4, 2), "TTQT": (1, 3, 1), "TTPTQD": (1, 2, 1)},
}
# Outgoing documents per unit and period (quý I, 6 tháng, quý III); sent electronically and signed digitally.
VAN_BAN = {"VP": (420, 880, 450), "TTR": (60, 130, 70), "KHTC": (90, 190, 100), "QLMT": (150, 310, 160),
           "TNN": (140, 300, 150), "CCQLDD": (210, 440, 230), "VPDKDD": (380, 790, 410), "TTCNTT": (50, 110, 60),
           "TTQT": (40, 90, 45), "TTPTQD": (70, 150, 80)}


def chi_so_rows() -> list[list[object]]:
    """ChiSo as build_data writes it: Mã chỉ số … Đơn vị báo cáo, Số liệu quý I … năm, Ghi chú."""
    rows = []
    for code, area, name, unit, kind, num, den, by_units, values in INDICATORS:
        figures = [*values, None, None, None, None][:4]
        rows.append([code, area, name, unit, kind, num, den, by_units, *figures, ""])
    return rows


def _split(total: int, shares: dict[str, float]) -> dict[str, int]:
    """`total` over the units by their shares, in whole numbers that add up exactly."""
    parts = {u: int(total * share) for u, share in shares.items()}
    first = next(iter(shares))
    parts[first] += total - sum(parts.values())
    return parts


def so_lieu_rows(units: list[str]) -> list[list[object]]:
    """SoLieuDonVi: each unit's figure for each unit-reported count, quý I–III; 0 where it has none."""
    reported = [row[0] for row in INDICATORS if row[7] == U]
    rows: list[list[object]] = []
    for period in (1, 2, 3):
        for unit in units:
            if period == 3 and unit == SILENT_IN_Q3:
                continue
            for code in reported:
                rows.append([code, unit, period, _figure(code, unit, period - 1), ""])
    return rows


def _figure(code: str, unit: str, p: int) -> int:
    if code in HO_SO:
        return _split(HO_SO[code][p], TTHC_SHARES).get(unit, 0)
    if code == "TT.12":  # quá hạn = đã giải quyết − đúng hạn
        return _figure("TT.9", unit, p) - _figure("TT.10", unit, p)
    if code == "TT.13":  # one apology per late hồ sơ
        return _figure("TT.12", unit, p)
    if code in PER_UNIT:
        return PER_UNIT[code].get(unit, (0, 0, 0))[p]
    sent = VAN_BAN[unit][p]
    if code == "CQS.1":
        return sent
    if code == "CQS.2":
        return sent - sent // 50  # about 98% sent electronically
    return sent - sent // 20  # CQS.4: about 95% signed digitally
