"""Sentence alignment between two texts of the same report (two captures of an edition, or two
editions), with word-level differences that ignore typography.

Typography never counts as a difference: curly vs straight quotes and apostrophes, dashes,
"U.S." vs "US", a serial comma, line breaks, letter case of the first word. ``align`` pairs the
sentences of two texts in order (a monotone alignment maximising rapidfuzz similarity, so a
sentence moved far away shows as dropped and added), leaving unmatched sentences alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..ingest.chrome import heading_like
from ..ingest.segment import sentences as split_sentences

MATCH = 62.0  # similarity (0-100) from which two sentences are the same sentence, reworded or not
_INITIALISM = re.compile(r"\b((?:[A-Za-z]\.){2,})")


def typography(text: str) -> str:
    """``text`` with every difference that is only typography removed, lower-cased."""
    t = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = re.sub(r"[‐‑–—]", "-", t)
    t = _INITIALISM.sub(lambda m: m.group(1).replace(".", ""), t)  # U.S. = US
    t = re.sub(r"(?<=[A-Za-z])-(?=[a-z])", "", t)  # non-binding = nonbinding, multi-faceted = multifaceted
    t = re.sub(r",(\s+(?:and|or)\s)", r"\1", t)  # serial comma
    t = re.sub(r"\s+", " ", t).strip().lower()
    return t


def tokens(text: str) -> list[str]:
    return re.findall(r"[\w'$%-]+|[^\w\s]", typography(text))


def same_words(a: str, b: str) -> bool:
    return [t for t in tokens(a) if t not in '".,;:()'] == [t for t in tokens(b) if t not in '".,;:()']


def report_sentences(report: str) -> list[str]:
    """Sentences of a report text, paragraph by paragraph (a heading line is its own sentence)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n(?=\S)", report):
        para = " ".join(para.split())
        if para.startswith("#") or heading_like(para):
            continue
        out.extend(s for s in split_sentences(para) if len(s.split()) >= 3)
    return out


@dataclass
class Pair:
    old: str | None
    new: str | None
    score: float = 0.0
    old_index: int | None = None
    new_index: int | None = None

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "dropped"
        return "same" if same_words(self.old, self.new) else "changed"


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(typography(a), typography(b))


def align(old: list[str], new: list[str], threshold: float = MATCH) -> list[Pair]:
    """Monotone alignment of two sentence lists: the chain of sentence pairs, in order in both
    lists, with the greatest total rapidfuzz similarity (each sentence's five best candidates,
    then a weighted longest-increasing-subsequence; O(n log n) after the comparisons)."""
    from rapidfuzz import fuzz, process

    a = [typography(s) for s in old]
    b = [typography(s) for s in new]
    cands: list[tuple[int, int, float]] = []
    if a and b:
        for i, q in enumerate(a):
            for _, score, j in process.extract(q, b, scorer=fuzz.ratio, limit=5, score_cutoff=threshold):
                cands.append((i, j, float(score)))
    chain = _heaviest_chain(cands, len(b))
    pairs: list[Pair] = []
    i = j = 0
    for ci, cj, score in chain:
        pairs.extend(Pair(old[k], None, 0.0, k, None) for k in range(i, ci))
        pairs.extend(Pair(None, new[k], 0.0, None, k) for k in range(j, cj))
        pairs.append(Pair(old[ci], new[cj], score, ci, cj))
        i, j = ci + 1, cj + 1
    pairs.extend(Pair(old[k], None, 0.0, k, None) for k in range(i, len(old)))
    pairs.extend(Pair(None, new[k], 0.0, None, k) for k in range(j, len(new)))
    return pairs


def _heaviest_chain(cands: list[tuple[int, int, float]], m: int) -> list[tuple[int, int, float]]:
    """The max-weight subset of (i, j, w) strictly increasing in both i and j (Fenwick tree of
    prefix maxima over j)."""
    tree_val = [0.0] * (m + 1)
    tree_arg = [-1] * (m + 1)

    def query(j: int) -> tuple[float, int]:  # best chain ending with some j' < j
        best, arg = 0.0, -1
        while j > 0:
            if tree_val[j] > best:
                best, arg = tree_val[j], tree_arg[j]
            j -= j & -j
        return best, arg

    def update(j: int, value: float, arg: int) -> None:
        j += 1
        while j <= m:
            if value > tree_val[j]:
                tree_val[j], tree_arg[j] = value, arg
            j += j & -j

    cands = sorted(cands)
    score = [0.0] * len(cands)
    back = [-1] * len(cands)
    k = 0
    while k < len(cands):
        group_end = k
        while group_end < len(cands) and cands[group_end][0] == cands[k][0]:
            group_end += 1
        for g in range(k, group_end):  # same i: query all before any update
            prev, arg = query(cands[g][1])
            score[g], back[g] = prev + cands[g][2], arg
        for g in range(k, group_end):
            update(cands[g][1], score[g], g)
        k = group_end
    if not cands:
        return []
    end = max(range(len(cands)), key=lambda g: score[g])
    chain = []
    while end >= 0:
        chain.append(cands[end])
        end = back[end]
    return chain[::-1]


@dataclass
class WordDiff:
    removed: list[str] = field(default_factory=list)  # phrases of the old text not in the new
    inserted: list[str] = field(default_factory=list)  # phrases of the new text not in the old
    ops: list[tuple[str, str, str]] = field(default_factory=list)  # (op, old phrase, new phrase)

    def show(self) -> str:
        """``[-old-] {+new+}`` for each difference, in order."""
        parts = []
        for op, a, b in self.ops:
            if op == "replace":
                parts.append(f"[-{a}-] {{+{b}+}}")
            elif op == "delete":
                parts.append(f"[-{a}-]")
            elif op == "insert":
                parts.append(f"{{+{b}+}}")
        return "; ".join(parts)


def word_diff(old: str, new: str) -> WordDiff:
    """Phrase-level differences between two sentences, typography ignored, original words shown."""
    ow, nw = old.split(), new.split()
    okey = [typography(w).strip('",.;:()') for w in ow]
    nkey = [typography(w).strip('",.;:()') for w in nw]
    diff = WordDiff()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, okey, nkey, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a = " ".join(ow[i1:i2]).strip(",;:")
        b = " ".join(nw[j1:j2]).strip(",;:")
        if not a.strip('",.;:()') and not b.strip('",.;:()'):
            continue  # punctuation only
        diff.ops.append((op, a, b))
        if a:
            diff.removed.append(a)
        if b:
            diff.inserted.append(b)
    return diff
