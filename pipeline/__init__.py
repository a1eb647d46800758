"""cchc: sinh văn bản cải cách hành chính theo Nghị định 30/2020/NĐ-CP từ sổ Excel.

The package is laid out by the stage of the data's journey, each stage handing the
next a plain structure:
read (xlsx → raw column lists) → validate (typed values → model, every problem by its
cell) → derive (numbering, units, deadlines, roll-up) → formatting (Vietnamese text)
→ render (template context → .docx) → export (atomic writes, backups) and pdf.
`model` (dataclasses, enums) and `schema` (the workbook contract and its words) are the
bottom layers; `ooxml` is the only code that knows WordprocessingML; `forms`, `lint` and
`importer` are their own concerns. `api` is the one door; `cli` is a thin click layer.
"""

__version__ = "0.1.0"
