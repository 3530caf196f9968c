"""The content model: a dossier's YAML files, read, validated and checked against its sources.

In: ``content/<dossier>/*.yaml`` and the captures under ``sources/``. Out: a ``Dossier`` (model.py)
and located problems (``file.yaml:LINE: field: message``, schema_errors.py). Quotes are aligned
with the captures that hold them (captures.py, align.py, provenance.py).

May import: the ground floor (``errors``, ``paths``, ``text``) and the ingest stage's readers.
Never compose, write, memo or cli.
"""
