"""Composing a brief: what goes on the page, and fitting it to the length's budget.

In: a ``Dossier`` (content), the catalog of audiences and lengths (catalog.py) and the templates.
Out: the brief's HTML vocabulary (render.py, vocab.py) and its plan, fitted page by page
(select.py chooses, fit.py and brief.py shrink until it fits; acronyms.py, readability.py).

May import: content and the ground floor. Never write, memo or cli.
"""
