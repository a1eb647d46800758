"""ThongTin's fields: the agency, the plan's decision, the reports' and the evaluation's
documents. One row kind each; multi fields repeat their label, one line per row."""

from __future__ import annotations

from pipeline.schema.contract import Field, Kind

FIELDS: tuple[Field, ...] = (
    Field("chu_quan", "Cơ quan chủ quản", required=True, help="In hoa, ví dụ UBND TỈNH …"),
    Field("co_quan", "Cơ quan ban hành", required=True, help="In hoa, ví dụ SỞ NỘI VỤ"),
    Field("ten_co_quan", "Tên cơ quan trong câu", required=True, help="Viết thường như trong câu văn"),
    Field("viet_tat", "Tên viết tắt", required=True, help="Dùng trong số, ký hiệu: Số: …/QĐ-<viết tắt>"),
    Field("dia_danh", "Địa danh", required=True, help="Địa danh ghi trước ngày tháng"),
    Field("tinh", "Tên tỉnh", required=True, help="Dùng cho {tỉnh} trong nội dung"),
    Field("nam", "Năm kế hoạch", required=True, kind=Kind.INT),
    Field("nguoi_dung_dau", "Chức danh người đứng đầu", required=True, help="Ví dụ: Giám đốc"),
    Field("qd_so", "Số quyết định", help="Để trống khi chưa ban hành; văn thư ghi số khi ký"),
    Field("qd_ngay", "Ngày quyết định", kind=Kind.PARTIAL_DATE, help="dd/mm/yyyy, hoặc mm/yyyy khi chưa có ngày"),
    Field("qd_trich_yeu", "Trích yếu quyết định", required=True, template=True),
    Field("kh_trich_yeu", "Trích yếu kế hoạch", required=True, template=True),
    Field("can_cu", "Căn cứ", multi=True, template=True, help="Mỗi căn cứ một dòng, không ghi dấu ; cuối dòng"),
    Field("de_nghi", "Theo đề nghị của", template=True),
    # Not required: a draft may leave the Điều unwritten; `cchc plan` warns (derive.gaps).
    Field("dieu", "Điều", multi=True, template=True, help="Mỗi Điều một dòng, không ghi 'Điều 1.'"),
    Field("quyen_han", "Quyền hạn ký", help="KT., TM., Q., TL., TUQ. hoặc để trống"),
    Field("tham_quyen", "Chức vụ cấp trưởng", help="Ví dụ: GIÁM ĐỐC (dùng sau KT., Q., …)"),
    Field("chuc_vu", "Chức vụ người ký", required=True),
    Field("nguoi_ky", "Người ký", help="Để trống: giữ dòng trống để ghi tên khi ký"),
    Field("noi_nhan", "Nơi nhận", multi=True, template=True, help="Mỗi nơi nhận một dòng, không ghi '- ' và ';'"),
    Field("luu", "Đơn vị soạn thảo", required=True, aliases=("Lưu",), help="Ký hiệu ở dòng '- Lưu: VT, …'"),
    Field("kh_ky", "Kế hoạch có chữ ký", help="có/không (mặc định: không, theo mẫu văn bản ban hành kèm)"),
    Field(
        "pl_tieu_de",
        "Tiêu đề Phụ lục",
        template=True,
        help="Mặc định: NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN",
    ),
    Field("pl_kem_theo", "Dòng kèm theo Phụ lục", template=True, help="Không ghi dấu ngoặc"),
    Field("pl_huong", "Hướng trang Phụ lục", help="ngang (mặc định) hoặc dọc"),
    # The quarterly report (Báo cáo) has its own signer and recipients.
    Field("bc_trich_yeu", "Trích yếu báo cáo", template=True),
    Field("bc_kinh_gui", "Kính gửi", multi=True, template=True),
    Field("bc_quyen_han", "Quyền hạn ký báo cáo"),
    Field("bc_tham_quyen", "Chức vụ cấp trưởng (báo cáo)"),
    Field("bc_chuc_vu", "Chức vụ người ký báo cáo"),
    Field("bc_nguoi_ky", "Người ký báo cáo"),
    Field("bc_noi_nhan", "Nơi nhận báo cáo", multi=True, template=True),
    Field("bc_bieu_do", "Biểu đồ trong báo cáo",
          help="có/không (mặc định: không): biểu đồ tỷ lệ hoàn thành theo lĩnh vực sau phần II"),
    Field("ghi_chu", "Ghi chú về dữ liệu", multi=True, help="Ghi chú cho người dùng; không in ra văn bản"),
)

# Issue 11: when the units' own plans are due at Văn phòng (seed Part IV.3: before 20/01).
UNIT_PLAN_DUE = Field("kh_don_vi_han", "Hạn gửi kế hoạch của đơn vị", kind=Kind.DATE,
                      help="Hạn các chi cục, đơn vị sự nghiệp gửi Kế hoạch CCHC của đơn vị; mặc định 20/01")
UNIT_PLAN_DUE_DEFAULT = (1, 20)  # (month, day) of the plan year when ThongTin leaves it blank
FIELDS = (*FIELDS, UNIT_PLAN_DUE)
# The year-end evaluation's documents and deadlines (issue 13).
FIELDS += (
    Field("dg_han", "Hạn đánh giá, xếp loại", kind=Kind.DATE, help="Ví dụ 15/12/2025 (Kế hoạch giao Văn phòng)"),
    Field("tdg_han", "Hạn đơn vị tự đánh giá", kind=Kind.DATE, help="Hạn các đơn vị gửi phiếu tự đánh giá"),
    Field("dg_so", "Số báo cáo đánh giá"),
    Field("dg_ngay", "Ngày báo cáo đánh giá", kind=Kind.PARTIAL_DATE),
    Field("dg_noi_nhan", "Nơi nhận báo cáo đánh giá", multi=True, template=True),
    Field("xl_so", "Số quyết định xếp loại"),
    Field("xl_ngay", "Ngày quyết định xếp loại", kind=Kind.PARTIAL_DATE),
    Field("xl_can_cu", "Căn cứ quyết định xếp loại", multi=True, template=True,
          help="Mặc định: căn cứ Quyết định ban hành Kế hoạch"),
    Field("xl_de_nghi", "Đề nghị xếp loại", template=True, help="Theo đề nghị của …; mặc định: như Kế hoạch"),
    Field("xl_dieu", "Điều quyết định xếp loại", multi=True, template=True,
          help="Điều 2, Điều 3 … (Điều 1 công bố kết quả, chương trình tự viết)"),
    Field("xl_noi_nhan", "Nơi nhận quyết định xếp loại", multi=True, template=True),
    Field("chi_so", "Tên chỉ số CCHC của tỉnh", template=True,
          help="Chỉ số Sở tự chấm (sheet TuDanhGia), ví dụ Chỉ số cải cách hành chính các sở, ngành"),
    Field("tdg_so", "Số báo cáo tự đánh giá"),
    Field("tdg_ngay", "Ngày báo cáo tự đánh giá", kind=Kind.PARTIAL_DATE),
)

# Issue 15: the new deadline of a công văn đôn đốc (`cchc remind`).
REMIND_WORKING_DAYS = 3  # working days after the công văn's date when ThongTin sets none
FIELDS += (
    Field("dd_ngay", "Ngày công văn đôn đốc", kind=Kind.DATE,
          help="Để trống khi chưa ký (văn bản để trống ngày); hạn mới tính từ ngày này, hoặc từ hôm nay"),
    Field("dd_han", "Hạn gửi khi đôn đốc", kind=Kind.DATE,
          help="Hạn mới ghi trong công văn đôn đốc; để trống: tính theo số ngày làm việc"),
    Field("dd_so_ngay", "Số ngày làm việc khi đôn đốc", kind=Kind.INT,
          help=f"Hạn mới = ngày công văn + số ngày làm việc (bỏ thứ Bảy, Chủ nhật; chưa trừ ngày lễ); "
               f"mặc định {REMIND_WORKING_DAYS}"),
)

FIELD_BY_KEY = {f.key: f for f in FIELDS}
