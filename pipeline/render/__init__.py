"""Stage 6 (render): plain template contexts → .docx files and the figures workbook.

    plan      the Quyết định, Kế hoạch and Phụ lục (templates/qd_kehoach.docx)
    report/   the periodic report, split along its outline (templates/baocao_quy.docx)
    remind    the công văn đôn đốc (templates/congvan_dondoc.docx)
    blocks    what every context shares: placeholder values, signature, Nơi nhận, Kính gửi
    docx      docxtpl driving, long table loops streamed into the zip
    chart     the report's completion chart (PNG)
    figures   the report's figures workbook (…_so_lieu.xlsx)

Contexts are dicts of already formatted text; every piece of WordprocessingML comes
from pipeline.ooxml.
"""
