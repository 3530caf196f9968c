"""Sentences with their positions, by pysbd (rule-based, English; no false breaks after "U.S.",
"Sept." or "No."). Used by the readers to find a re-poster's lead-in and by distill for claims."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in ``text``, trailing spaces excluded. A sentence never
    ends at a congressional or legal abbreviation ("H.Rept. 119-215", "42 U.S.C. § 1981",
    "89 Fed. Reg. 91094", "Loper Bright v. Raimondo"; data: briefgen/data/ingest.yaml)."""
    spans = _pysbd_spans(text)
    if len(spans) < 2:
        return spans
    from .rules import rules

    after, before_number = rules().no_break_after, rules().no_break_before_number
    merged = [spans[0]]
    for a, b in spans[1:]:
        pa, pb = merged[-1]
        head = text[pa:pb]
        if (after is not None and after.search(head)) or (
                before_number is not None and before_number.search(head) and text[a:a + 1].isdigit()):
            merged[-1] = (pa, b)
        else:
            merged.append((a, b))
    return merged


def _pysbd_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for span in _segmenter().segment(text):
        start = text.find(span.sent, pos)
        if start < 0:  # pysbd never rewrites with clean=False; be safe anyway
            start = span.start
        end = start + len(span.sent.rstrip())
        start += len(span.sent) - len(span.sent.lstrip())
        if end > start:
            spans.append((start, end))
        pos = max(pos, end)
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
