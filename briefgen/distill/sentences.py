"""The report as sentences: each with its paragraph, section and position, the unit of every claim."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.document import Captured
from .dates import mentions
from ..ingest.segment import sentence_spans


@dataclass(frozen=True)
class Sentence:
    text: str
    index: int  # position in the report
    paragraph: int  # index of its paragraph in the report
    position: int  # position within its paragraph (0 = lead sentence)
    section: str | None  # the heading it falls under
    section_index: int  # ordinal of that section (0 = before the first heading)
    paragraph_in_section: int  # 0 = the section's first paragraph

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Paragraph:
    text: str
    index: int
    section: str | None
    sentences: tuple[Sentence, ...]


_BULLET = re.compile(r"[•▪◦●‣∙·]\s+")  # a list item's mark: the template sets its own
_CROSS_REFERENCE = re.compile(r"^\(?(see|for more|for further|for a)\b", re.IGNORECASE)
# "More detailed information is available in CRS Report R46646, …", "Details on the poverty
# universe are available at https://…": the sentence's subject is information found elsewhere
_POINTER = re.compile(r"^(?:(?:more|further|additional)\s+)?(?:detailed\s+)?(?:information|discussion|analysis|"
                      r"details?|background)\b[^.;]{0,60}?\b(?:is|are|can be|may be)\s+(?:available|found)\s+"
                      r"(?:in|at|on|from)\s+(?:the\s+)?(?:CRS\b|https?://|www\.|(?:[\w.’'-]+\s+){0,4}(?:website|web site)\b|"
                      r"(?:report|appendix|section|box|text box|table|figure|in focus|insight|sidebar|legal sidebar)\b|"
                      r"[A-Z]{1,3}\d{4,5}\b)", re.IGNORECASE)


def is_cross_reference(text: str) -> bool:
    """"(See CRS In Focus IF11885, …)", "More detailed information is available in CRS Report
    R46646" and the like point elsewhere; they are not claims."""
    return bool(_CROSS_REFERENCE.match(text) or _POINTER.match(text)) \
        or (text.startswith("(") and text.rstrip(".").endswith(")"))


def read_sentences(captured: Captured) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    section_index = 0
    per_section = 0
    last_section: str | None = None
    for section, block in captured.paragraphs():
        if block.suspect:  # a second reading of the file does not confirm it (ingest.pdf_check)
            continue
        if section != last_section:
            section_index += 1
            per_section = 0
            last_section = section
        spans = sentence_spans(block.text)
        items = []
        for pos, (a, b) in enumerate(spans):
            a += len(_BULLET.match(block.text, a).group(0)) if _BULLET.match(block.text, a) else 0  # "• In 2014, …"
            s = Sentence(block.text[a:b], len(sentences), len(paragraphs), pos, section,
                         section_index if section is not None else 0, per_section)
            sentences.append(s)
            items.append(s)
        paragraphs.append(Paragraph(block.text, len(paragraphs), section, tuple(items)))
        per_section += 1
    return paragraphs


_ENDS_SENTENCE = re.compile(r"[.!][\"”’)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    """Does ``text`` end like a sentence (a claim), not like a byline, dateline or label?"""
    return bool(_ENDS_SENTENCE.search(text))


def tabular(text: str) -> bool:
    """A table read as one run of text (a PDF table without rules): four or more dates, or
    mostly numbers, in one "sentence". Its words are the report's, but it is no key point."""
    words = text.split()
    numeric = sum(1 for w in words if any(c.isdigit() for c in w))
    return len(mentions(text)) >= 4 or (len(words) >= 15 and numeric > 0.3 * len(words))


def is_boilerplate(text: str, publisher: str | None) -> bool:
    """Is ``text`` the publisher's standing text, not the report's (data: briefgen/data/ingest.yaml)?"""
    from ..ingest.rules import rules

    for p in rules().publishers:
        if publisher is None or p.name == publisher:
            if any(b.search(text) for b in p.boilerplate):
                return True
    return False
