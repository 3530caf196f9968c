"""Writers: one brief's HTML vocabulary out as PDF (WeasyPrint), DOCX (python-docx) or HTML.

In: the HTML that compose renders. Out: the file's bytes, reproducible (same input, same bytes).
docx_*.py are the Word writer's helpers; overrides.py reads a dossier's template overrides.

May import: compose, content and the ground floor. Never memo or cli.
"""
