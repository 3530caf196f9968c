"""The wording lint's vocabulary: marker groups and thresholds from ``briefgen/data/wording.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

KINDS = ("hedge", "attribution", "negation", "certainty")


# --- the vocabulary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    name: str
    kind: str
    check: str  # dropped | added | both
    kept_by: str  # kind | group
    scope: str  # clause | phrase
    words: tuple[tuple[str, ...], ...]
    equivalents: tuple[tuple[str, ...], ...] = ()
    also_keeps: tuple[str, ...] = ()  # kinds a kept marker of this group keeps beside it

    @property
    def drops(self) -> bool:
        return self.check in ("dropped", "both")

    @property
    def adds(self) -> bool:
        return self.check in ("added", "both")


@dataclass(frozen=True, eq=False)
class Vocabulary:
    groups: tuple[Group, ...]
    window: int
    near: int
    restated_score: int
    phrase_share: float
    same_claim: float
    negating_prefixes: tuple[str, ...]
    not_negated: frozenset[str]
    sources: tuple[tuple[str, ...], ...]
    source_verbs: frozenset[str]
    never: tuple[re.Pattern, ...]
    aliases: tuple[tuple[re.Pattern, str], ...]
    irregular: dict[str, str]
    ignore: frozenset[str]
    sources_group: Group = field(init=False)

    def __post_init__(self):
        reporting = next((g for g in self.groups if g.name == "reporting"), None)
        object.__setattr__(self, "sources_group", Group(
            "sources", "attribution", "dropped", "kind", "clause", self.sources,
            (reporting.equivalents if reporting else ()) + self.sources))

    def group(self, name: str) -> Group | None:
        return next((g for g in self.groups if g.name == name), None)

    def pool(self, group: Group) -> tuple[tuple[str, ...], ...]:
        """Words that keep ``group`` in a layer."""
        return _pool(self, group)

    def _pool(self, group: Group) -> tuple[tuple[str, ...], ...]:
        if group.kept_by == "group":
            return group.words + group.equivalents
        same = [w for g in self.groups if g.kind == group.kind and g.kept_by == "kind" for w in g.words]
        if group.kind == "attribution":
            same += self.sources
        return tuple(same) + group.equivalents


@lru_cache(maxsize=256)
def _pool(voc: "Vocabulary", group: Group) -> tuple[tuple[str, ...], ...]:
    return voc._pool(group)


GAP = "…"
"""In a vocabulary phrase, up to ``MAX_GAP`` words of any kind: "sees … as"."""
MAX_GAP = 4


NEXT = "{next}"
"""In an equivalent, the word that follows the marker in the quote, in any form: "to {next}";
with a prefix, that word with the prefix: "un{next}" ("did not fund" -> "unfunded")."""
NUMBER = "#"
"""At the end of a marker, a number must follow it (not part of the marker): "around #"."""


def _phrases(words) -> tuple[tuple[str, ...], ...]:
    out = []
    for w in words or ():
        if not isinstance(w, str):  # YAML reads a bare no, yes, on or off as a boolean
            raise ValueError(f"wording.yaml: {w!r} is not text; quote it")
        text = str(w).lower().replace("...", GAP).replace("-", " ")
        out.append(tuple(re.findall(r"\w*\{next\}|#|…|\w+", text)))  # "un{next}" is one word
    return tuple(out)


def _text_list(words, key: str) -> list[str]:
    for w in words:
        if not isinstance(w, str):  # YAML reads a bare no, yes, on or off as a boolean
            raise ValueError(f"wording.yaml: {key}: {w!r} is not text; quote it")
    return list(words)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The lint's data, read once from ``briefgen/data/wording.yaml``."""
    raw = yaml.load(resources.files("briefgen").joinpath("data/wording.yaml").read_text("utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10x quicker
    groups = []
    for g in raw["groups"]:
        if g["kind"] not in KINDS:
            raise ValueError(f"wording.yaml: group {g['name']}: unknown kind {g['kind']!r}")
        groups.append(Group(g["name"], g["kind"], g["check"], g["kept_by"], g["scope"],
                            _phrases(g["words"]), _phrases(g.get("equivalents")),
                            tuple(g.get("also_keeps", ()))))
    aliases = tuple(
        (re.compile(rf"(?<![\w.]){re.escape(k)}(?![\w])" if k[-1].isalnum() else rf"(?<![\w.]){re.escape(k)}"), v)
        for k, v in sorted(raw["aliases"].items(), key=lambda kv: -len(kv[0]))
    )
    return Vocabulary(
        groups=tuple(groups),
        window=int(raw["window"]),
        near=int(raw["near"]),
        restated_score=int(raw["restated_score"]),
        phrase_share=float(raw["phrase_share"]),
        same_claim=float(raw["same_claim"]),
        negating_prefixes=tuple(_text_list(raw["negating_prefixes"], "negating_prefixes")),
        not_negated=frozenset(_text_list(raw["not_negated_compounds"], "not_negated_compounds")),
        sources=_phrases(raw["sources"]),
        source_verbs=frozenset(_text_list(raw["source_verbs"], "source_verbs")),
        never=tuple(re.compile(p) for p in raw["never"]),
        aliases=aliases,
        irregular={str(k): str(v) for k, v in raw["irregular"].items()},
        ignore=frozenset(_text_list(raw["ignore"], "ignore")),
    )


