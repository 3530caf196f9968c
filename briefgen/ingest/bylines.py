"""Bylines: who wrote the report, and their titles, are not the report's claims.

A byline block names authors and their roles ("Carol Hardy Vincent, Specialist in Natural
Resources Policy"; "Kavya Sekar Marcy E. Gallo Specialist in Health Policy Analyst in Science and
Technology Policy", two authors side by side read in rows), maybe with the report's date ("April
20, 2026 William J. Mallett Specialist in Transportation Policy", a Report's summary-page box).
Read as a paragraph it became a key point ("Alexandria K. Mickler Analyst in Health Policy").

A paragraph is a byline when it holds at least one role (data: ``bylines.roles`` in
briefgen/data/ingest.yaml) and every other word is part of a name (capitalised words and
initials), a date, or a joining word ("and", "of", "the"); and it does not end like a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .rules import FULL_DATE, rules

_NAME_WORD = re.compile(r"^(?:[A-Z][\w’'.\-]*|[A-Z]\.|Mc[A-Z]\w*|de|van|von|da|del|la|le)[,;]?$")
_JOIN = {"and", "of", "the", "for", "&", ",", ";", "in", "on"}
_DATE = re.compile(rf"\b(?:{FULL_DATE})\b")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’)\]]*$")


@lru_cache(maxsize=1)
def _roles() -> re.Pattern:
    roles = rules().byline_roles
    return re.compile(r"\b(?:" + "|".join(roles) + r")\b")


def is_byline(text: str) -> bool:
    """Does ``text`` (one paragraph) only name authors, their roles and maybe a date?"""
    text = " ".join(text.split())
    if not text or len(text.split()) > 80 or not _roles().search(text):
        return False
    if _ENDS_SENTENCE.search(text) and not re.search(r"\b[A-Z]\.$", text):  # "…, Jr." / an initial
        return False
    rest = _roles().sub(" ", _DATE.sub(" ", text))
    for token in rest.split():
        token = token.lstrip(".,;")  # what a role's match left of a name ("B. Comay": ". Comay,")
        if not token or token.lower() in _JOIN or _NAME_WORD.match(token):
            continue
        return False
    return True
