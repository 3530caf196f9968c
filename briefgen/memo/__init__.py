"""Memos: a cover memo with the dossier's briefs attached, as PDF, DOCX and .eml.

In: ``content/<dossier>/memos/*.yaml`` (model.py) and the built briefs. Out: memos and packets
(make.py) and e-mail files (eml.py).

May import: the build stage, write, compose, content and the ground floor. Never cli.
"""
