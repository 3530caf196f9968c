"""The drafters' data: ``briefgen/data/plainwords.yaml`` (plain words, clause words), read once."""

from __future__ import annotations

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


__all__ = ["POS", "data"]
