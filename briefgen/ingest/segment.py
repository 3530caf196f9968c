"""Sentences with their positions, by pysbd (rule-based, English; no false breaks after "U.S.",
"Sept." or "No."). Used by the readers to find a re-poster's lead-in and by distill for claims."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


WINDOW = 4_000  # characters pysbd reads at a time in a long text
LONGEST = 64_000  # a "sentence" longer than this is cut there


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in ``text``, trailing spaces excluded. A sentence never
    ends at a congressional or legal abbreviation ("H.Rept. 119-215", "42 U.S.C. § 1981",
    "89 Fed. Reg. 91094", "Loper Bright v. Raimondo"; data: briefgen/data/ingest.yaml)."""
    spans = _windowed_spans(text)
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


def _windowed_spans(text: str) -> list[tuple[int, int]]:
    """pysbd's work grows with the square of a text's length (its abbreviation pass rewrites the
    whole text once per abbreviation; a one-paragraph report of 100 kB took 14 s, a page of
    170 kB 45 s), so a long text is read a window at a time: the sentences of a window but its
    last two are kept, and the next window starts where those two start, so a sentence the
    window's end cut short is read again whole. pysbd's decisions are local, but for brackets and
    quotation marks: where one opens before a window and closes in it, a break may differ from
    a reading of the whole text (1 of 12 CRS pages read as one paragraph of 9-20 kB). The
    sentences are the text's own characters either way."""
    if len(text) <= 2 * WINDOW:
        return _spans(text, 0, len(text))
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        size = WINDOW
        while True:
            end = min(len(text), start + size)
            found = _spans(text, start, end)
            if end == len(text) or len(found) > 2 or size >= LONGEST:
                break
            size *= 2  # a sentence longer than the window: read more
        if end == len(text):
            spans.extend(found)
            break
        if len(found) <= 2:  # no sentence ends in LONGEST characters: cut there
            spans.append((found[0][0] if found else start, end))
            start = end
            continue
        spans.extend(found[:-2])
        start = found[-2][0]
    return spans


def _spans(text: str, begin: int, stop: int) -> list[tuple[int, int]]:
    """The sentences of ``text[begin:stop]``, as offsets in ``text``. pysbd's own character spans
    search the whole text again for every sentence (quadratic as well); its sentences are the
    text's own characters (``clean=False``), so each is found after the one before it."""
    piece = text[begin:stop]
    spans = []
    pos = 0
    if not piece.strip():
        return spans
    for sent in _segmenter().processor(piece).process():
        start = piece.find(sent, pos)
        if start < 0:  # pysbd keeps the text's characters with clean=False; be safe anyway
            stripped = sent.strip()
            start = piece.find(stripped, pos) if stripped else -1
            if start < 0:
                continue
            sent = stripped
        end = start + len(sent.rstrip())
        start += len(sent) - len(sent.lstrip())
        if end > start:
            spans.append((begin + start, begin + end))
        pos = max(pos, end)
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
