"""The drafters' data: ``briefgen/data/plainwords.yaml`` (plain words, clause words), read once;
and ``plain_words``, which writes the list's plain words into a sentence."""

from __future__ import annotations

import re

from functools import lru_cache
from importlib import resources

import yaml

POS = {"verb": "v", "noun": "n", "adjective": "a", "adverb": "e", "preposition": ""}


@lru_cache(maxsize=1)
def data() -> dict:
    raw = yaml.load(resources.files("briefgen").joinpath("data/plainwords.yaml").read_text("utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10x quicker
    words = {}
    for instead, entry in (raw.get("words") or {}).items():
        if isinstance(entry, dict):
            plain, pos = str(entry["plain"]), str(entry.get("pos") or "")
            if pos and pos not in POS:
                raise ValueError(f"plainwords.yaml: {instead}: unknown pos {pos!r} (one of {', '.join(POS)})")
        else:
            plain, pos = str(entry), ""
        words[str(instead).lower()] = (plain, pos)
    clauses = raw["clauses"]
    return {
        "words": words,
        "clauses": {k: (tuple(str(x).lower() for x in v) if isinstance(v, list) else str(v))
                    for k, v in clauses.items()},
        **{name: {str(k).lower(): str(v) for k, v in (raw.get(name) or {}).items()}
           for name in ("restart", "after", "before", "joined", "resplit")},
        "limits": {str(k): float(v) for k, v in (raw.get("limits") or {}).items()},
    }


@lru_cache(maxsize=1)
def _plain_pattern() -> re.Pattern:
    phrases = sorted(data()["words"], key=lambda k: -len(k.split()))
    return re.compile(r"(?<![\w’'-])(" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in phrases)
                      + r")(?![\w’'-])", re.IGNORECASE)


def plain_words(sentence: str) -> str:
    """Replace the plain-word list's words (the part of speech as the parser reads it); never
    inside a quotation (the publisher's exact words) or a name."""
    table = data()["words"]
    pos_at: dict[int, str] | None = None  # parsed only when an entry asks for a part of speech
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”?|\"[^\"]*\"?", sentence)]
    out, pos = [], 0
    for m in _plain_pattern().finditer(sentence):
        found = m.group(1)
        if found[:1].isupper() and m.start() > 0:
            continue  # a name ("Numerous Acts")
        if any(a <= m.start() < b for a, b in quoted):
            continue
        plain, want = table[" ".join(found.lower().split())]
        if want:
            if pos_at is None:
                from .parse import parse

                p = parse(sentence)
                pos_at = {leaf.start: leaf.pos for leaf in p.leaves} if p is not None else {}
            if m.start() not in pos_at or (POS[want] and pos_at[m.start()] != POS[want]):
                continue
        if found[:1].isupper():
            plain = plain[:1].upper() + plain[1:]
        out.append(sentence[pos:m.start()])
        out.append(plain)
        pos = m.end()
    out.append(sentence[pos:])
    return "".join(out)


__all__ = ["POS", "data", "plain_words"]
