"""briefgen: briefing documents from sourced content.

The pipeline, one folder a stage (README, "How the code is laid out"):
ingest (report files -> captured text), distill (captures -> a draft dossier), update (a new
edition -> stale claims, proposed changes), content (the dossier's model and check), compose (what
goes on a page, fitted), write (PDF, DOCX, HTML), build (every brief of a dossier), memo, preview,
a11y and wording. ``errors``, ``paths`` and ``text`` are the ground floor every layer may use.
"""
