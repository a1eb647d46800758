"""cchc: sinh văn bản cải cách hành chính theo Nghị định 30/2020/NĐ-CP từ sổ Excel.

The package is laid out by the stage of the data's journey:
read (xlsx → raw sheets) → validate (raw → problems) → model (raw → dataclasses)
→ derive (numbering, units, deadlines, roll-up) → format (Vietnamese text)
→ render (template context → .docx) → export (atomic writes, PDF).
`pipeline.api` ties the stages together; `pipeline.cli` is a thin click layer over it.
"""

__version__ = "0.1.0"
