"""Reading level of prose: Flesch-Kincaid grade (textstat) and mean sentence length."""

from __future__ import annotations

from dataclasses import dataclass

from .text import sentences, word_count


@dataclass(frozen=True)
class Reading:
    grade: float
    words_per_sentence: float
    words: int


def reading(text: str) -> Reading:
    """Measure ``text``; an empty text reads at grade 0."""
    import textstat  # imported lazily: loading its dictionaries costs ~0.1 s

    n_words = word_count(text)
    if not n_words:
        return Reading(0.0, 0.0, 0)
    n_sentences = max(1, len(sentences(text)))
    grade = round(float(textstat.flesch_kincaid_grade(text)), 1)
    return Reading(grade, round(n_words / n_sentences, 1), n_words)
