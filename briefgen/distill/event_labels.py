"""A timeline event's label: the sentence's main clause without its date, in the publisher's
words, a clause a reader understands, never a fragment ("According to an August 9", "To January
22"); its attribution ("…, according to a 2025 DIA statement") outlives a cut."""

from __future__ import annotations

import re

from .dates import Mention

_LEAD_IN = re.compile(r"^(?:(?:more recently|most recently|recently|in addition|additionally|also|however|then|later|"
                      r"ultimately|finally|subsequently|meanwhile|separately|similarly|likewise|in turn|"
                      r"at that time|at the time|thereafter|next),\s+)+", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^(?:according to|based on|per|as reported (?:by|in))\s+(?:[^,()]|\([^()]*\)){3,160}?,\s+",
                          re.IGNORECASE)


def event_label(sentence: str, m: Mention, limit: int = 64) -> str:
    """The figure's label: the sentence's main clause without its date, in the publisher's words,
    cut at a word with "…" past ``limit`` characters. Never "According to …", "To …"."""
    text = sentence.rstrip(". ")
    a, b = m.start, m.end
    # an act dated in a leading subordinate clause ("Although the relationship began with … in
    # 1991, the two countries share …"): that clause, without its "Although"
    sub = re.match(r"^(?:Although|Though|While|Because|As|After|Before|When|Once|Since|Until)\s+", text)
    if sub:
        end = text.find(", ", b)
        if end > 0 and text.rfind(", ", 0, a) < 0:
            text = text[sub.end():end]
            a, b = a - sub.end(), b - sub.end()
    # the date and the words that carry it: "On March 19, 2026," / "in February 2026" / "(… 2024)"
    lead = re.search(r"(?:\b(?:on|in|during|at|by|to|from|early|late|mid-|earlier in|later in)\s+(?:early\s+|late\s+)?)$",
                     text[:a], re.IGNORECASE)
    if lead:
        a = lead.start()
    elif re.search(r"\b(?:a|an|the|its|their|his|her|this|that)\s+$", text[:a], re.IGNORECASE):
        # a date inside a noun phrase ("a 2025 estimate", "the 2024 amendments") stays: without
        # it the phrase would not read ("a estimate")
        b = a
    if re.match(r"^,?\s*", text[b:]) and text[:a].rstrip().endswith(",") is False and a < 3:
        b += len(re.match(r"^,?\s*", text[b:]).group(0))
    pre = text[:a]
    orphan = re.search(r",\s+\w+(?:ed|en)\s+$", pre)  # "In Meyer v. Nebraska, decided [in 1923], the Court …"
    if orphan and re.match(r"^\s*,", text[b:]):
        pre = pre[:orphan.start()] + ","
    if a == b:
        rest = text
    elif a <= 2:
        rest = text[b:].lstrip(" ,")
    elif pre.rstrip().endswith(","):
        rest = pre.rstrip() + " " + text[b:].lstrip(" ,")
    else:
        rest = pre.rstrip() + (text[b:] if text[b:].startswith(",") else " " + text[b:].lstrip())
    rest = re.sub(r"\s+,", ",", rest)
    rest = re.sub(r",\s*,", ",", rest)
    rest = _LEAD_IN.sub("", rest.strip())
    said = ""
    attribution = _ATTRIBUTION.match(rest)
    if attribution:  # "According to official U.S. assessments, Iran halted …": the claim first,
        # and the attribution kept whole or cut at a word, never lost to the label's length
        said = re.sub(r"\s*\([^()]*\)", "", attribution.group(0)).strip(" ,")
        said = said[0].lower() + said[1:]
        rest = rest[attribution.end():].rstrip(" ,")
        quoted = re.fullmatch(r"[“\"]([^“”\"]+)[”\"]", rest.rstrip("."))
        if quoted:  # the claim is the attributed words themselves: the attribution says so
            rest = quoted.group(1)
    rest = re.sub(r",?\s+according to\s+(?:an?|the)\s+(?:press\s+)?(?:report|release|statement)$", "", rest)
    # the main clause: up to a clause that only adds ("…, holding that …", "…, which …")
    cut = re.search(r",\s+(?:holding|concluding|finding|noting|explaining|citing|which|who|while|whereas|"
                    r"although|as well as|including)\b", rest)
    if cut and cut.start() > 20:
        rest = rest[:cut.start()]
    rest = rest.strip(" ,;:—–")
    if rest[:1].islower():
        rest = rest[0].upper() + rest[1:]
    if said:
        # the claim whole and the attribution cut at a word if that fits; else both cut, the
        # attribution to its first words: never lost to the label's length
        whole = rest + ", " + said
        if len(whole) <= limit:
            return whole
        if len(rest) + 2 + len(_cut(said, 16)) <= limit:
            return _cut(whole, limit)
        said = _cut(said, 28)
        return _cut(rest, limit - len(said) - 2) + ", " + said
    return _cut(rest, limit)


def _cut(text: str, limit: int) -> str:
    """``text`` cut at a word with "…" to at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
