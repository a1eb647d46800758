"""Stage 6: turn a plain template context into .docx files.

`ooxml` holds every raw WordprocessingML tweak; `context` builds the dicts the
templates see; `docx` drives docxtpl and streams long tables.
"""
