"""The renderer's own mechanics: long tables split for LibreOffice, template errors
inside streamed loops, escaping of every value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, ROOT
from docxutil import Doc

from pipeline import api, ooxml
from pipeline.errors import CchcError
from pipeline.ooxml import w
from pipeline.render import docx as docx_render
from pipeline.render import plan as plan_render


def appendix_with_split(tmp_path: Path, split: int) -> Doc:
    plan = api.load(BUNDLED, ("ThongTin", "DonVi", "NhiemVu")).plan
    rendered = docx_render.render(api.template("qd_kehoach.docx"), plan_render.plan_context(plan),
                                  fast_loops=("phu_luc.nhom",), split_rows=split,
                                  tweak=lambda d: ooxml.keep_last_section(d.element.body))
    out = tmp_path / f"split{split}.docx"
    with out.open("wb") as fh:
        docx_render.write_package(rendered, fh)
    return Doc(out)


@pytest.mark.parametrize("split", [5, 6, 7, 10, 37, 200])
def test_long_tables_split_with_the_header_repeated_and_nothing_lost(tmp_path, split):
    doc = appendix_with_split(tmp_path, split)
    tables = doc.tables()
    rows = [r for t in tables for r in doc.rows(t)[1:]]
    assert len(rows) == 37  # 7 section rows + 30 tasks, in order, once
    assert [r[0] for r in rows if len(r) == 2] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    for t in tables:
        trs = t.findall(w("tr"))
        assert doc.rows(t)[0][:2] == ["STT", "Nhiệm vụ"]
        assert ooxml.row_flags(trs[0]) == (True, True)
        assert len(trs) > 1  # never a table that is only a header
        assert len(trs) - 1 <= split
    if split >= 2 * 37:  # below half the limit no section start opens a new table
        assert len(tables) == 1
    # a table that continues a section starts on a new page
    for t in tables[1:]:
        first = doc.rows(t)[1]
        gap = t.getprevious()
        breaks = gap.findall(f".//{w('br')}")
        continues = len(first) == 5
        assert bool(breaks) is continues


def test_a_typo_in_a_streamed_row_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch):
    import zipfile

    bad = tmp_path / "templates"
    bad.mkdir()
    src = ROOT / "templates" / "qd_kehoach.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad / "qd_kehoach.docx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ t.san_pham }}", b"{{ t.san_pham_moi }}")
            zout.writestr(item, data)
    monkeypatch.setenv("CCHC_TEMPLATES", str(bad))
    with pytest.raises(CchcError, match="san_pham_moi"):
        api.build_appendix(BUNDLED, tmp_path / "pl.docx")
    assert not (tmp_path / "pl.docx").exists()
    assert not list(tmp_path.glob(".pl-*"))  # no temporary file left behind
    shutil.rmtree(bad)
