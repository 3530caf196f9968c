"""Sentences with their positions, by pysbd (rule-based, English; no false breaks after "U.S.",
"Sept." or "No."). Used by the readers to find a re-poster's lead-in and by distill for claims."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in ``text``, trailing spaces excluded."""
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
