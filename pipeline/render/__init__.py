"""Stage 6: turn a plain template context into .docx files.

`context` builds the dicts the templates see; `docx` drives docxtpl and streams long
tables. Every piece of WordprocessingML they need comes from pipeline.ooxml.
"""
