"""WordprocessingML: the only code in pipeline/ that knows Word's XML.

Modelled on python-docx's oxml layer: everything else (render, lint, importer, export,
the tests and tools/build_templates.py) goes through these modules and never spells an
element name or a namespace.

    ns        namespaces, qn("w:p") / w("p"), the ST_OnOff rule
    package   the defensive .docx opener (limits, DTDs, corrupt parts) and relationships
    text      the one text rule: runs, paragraph and cell text as a reader sees them
    props     raw property values of one pPr/rPr, style definitions, theme, settings
    styles    the one style resolver (direct → character → paragraph → table → defaults)
    numbering list numbers and bullets as Word draws them
    tables    body blocks, table grids with merged cells, row flags, cell widths
    sections  sections, page geometry, header/footer references, PAGE fields
    write     run text, rules under headings, PAGE field runs, template tweaks
    serial    the same knowledge for XML handled as text (docxtpl, streamed rows)
    metrics   font widths (a generated data table)

The names below are the ones used outside pipeline/ooxml most often.
"""

from pipeline.ooxml.ns import A_NS, MC_NS, NSMAP, R_NS, W_NS, decl, flag, on_off, qn, w
from pipeline.ooxml.package import Package, open_docx
from pipeline.ooxml.props import style_id
from pipeline.ooxml.sections import (
    TWIPS_PER_MM,
    body_sections,
    body_width,
    has_page_field,
    page_geometry,
    section_breaks,
    section_props,
    section_widths,
)
from pipeline.ooxml.styles import ParaFmt, Resolver, RunFmt
from pipeline.ooxml.tables import row_flags
from pipeline.ooxml.text import cell_text, paragraph_text, paragraphs_in, run_pieces, runs, symbol_text
from pipeline.ooxml.write import (
    RULE_FULL,
    RULE_SHORT,
    fit_rules,
    keep_last_section,
    mm,
    page_field_runs,
    run_text,
    strip_theme_fonts,
    text_width_pt,
)

__all__ = [
    "A_NS",
    "MC_NS",
    "NSMAP",
    "RULE_FULL",
    "RULE_SHORT",
    "R_NS",
    "TWIPS_PER_MM",
    "W_NS",
    "Package",
    "ParaFmt",
    "Resolver",
    "RunFmt",
    "body_sections",
    "body_width",
    "cell_text",
    "decl",
    "fit_rules",
    "flag",
    "has_page_field",
    "keep_last_section",
    "mm",
    "on_off",
    "open_docx",
    "page_field_runs",
    "page_geometry",
    "paragraph_text",
    "paragraphs_in",
    "qn",
    "row_flags",
    "run_pieces",
    "run_text",
    "runs",
    "section_breaks",
    "section_props",
    "section_widths",
    "strip_theme_fonts",
    "style_id",
    "symbol_text",
    "text_width_pt",
    "w",
]
