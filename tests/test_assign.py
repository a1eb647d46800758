"""Lead and cooperating units guessed from assignment prose (bundled data, import)."""

from __future__ import annotations

import pytest

from pipeline.derive.assign import guess_assignment
from pipeline.derive.units import UnitIndex
from pipeline.model import Unit

UNITS = UnitIndex([
    Unit("VP", "Văn phòng Sở", "phong"), Unit("TTR", "Thanh tra Sở", "phong"), Unit("KH", "Phòng Kế hoạch", "phong"),
    Unit("CC", "Chi cục Quản lý đất đai", "chi_cuc", ("Chi cục QLDD",)),
    Unit("DK", "Văn phòng Đăng ký đất đai Khánh Hòa", "dvsn"),
    Unit("IT", "Trung tâm Công nghệ thông tin", "dvsn", ("TTCNTT TNMT", "Trung tâm CNTT")),
])
ALL = ("VP", "TTR", "KH", "CC", "DK", "IT")


@pytest.mark.parametrize(("text", "lead", "support"), [
    ("Khi có chỉ đạo của UBND tỉnh.", ("VP",), ()),  # names no unit: the office leads
    ("Các phòng, đơn vị có liên quan", ALL, ()),
    ("Chi cục QLDD", ("CC",), ()),
    ("Các phòng, Chi cục", ("VP", "TTR", "KH", "CC"), ()),
    ("Các phòng, đơn vị sự nghiệp trực thuộc thực hiện gửi Sở Nội vụ", ("VP", "TTR", "KH", "DK", "IT"), ()),
    ("Văn phòng Đăng ký đất đai Khánh Hoà", ("DK",), ()),  # new tone placement
    ("Văn phòng Sở chủ trì Các phòng, đơn vị phối hợp thực hiện", ("VP",), ("TTR", "KH", "CC", "DK", "IT")),
    ("Văn phòng Sở chủ trì hướng dẫn các đơn vị sự nghiệp thực hiện.", ("VP",), ("DK", "IT")),
    ("Văn phòng Sở chủ trì hướng dẫn các đơn vị trực thuộc thực hiện. Trung tâm CNTT phối hợp.", ("VP",),
     ("IT", "CC", "DK")),
    ("TTCNTT TNMT thực hiện. Các phòng, đơn vị phối hợp.", ("IT",), ("VP", "TTR", "KH", "CC", "DK")),
    ("Văn phòng Sở chủ trì, các phòng/ đơn vị phối hợp.", ("VP",), ("TTR", "KH", "CC", "DK", "IT")),
    ("Chủ trì: Thanh tra Sở; Phối hợp: Văn phòng Sở", ("TTR",), ("VP",)),
])
def test_guess(text, lead, support):
    got = guess_assignment(text, UNITS, default_lead="VP")
    assert got.lead == lead
    assert set(got.support) == set(support)
    assert got.defaulted is (text.startswith("Khi có"))
