"""A constituent parse of one sentence, for the drafters (``headline``, ``plain``).

The parser is Link Grammar (CMU / AbiWord, LGPL): Debian's ``python3-link-grammar`` with its
English dictionary ``link-grammar-dictionaries-en``, installed by ``tools/sysdeps.sh`` like the
other system packages. It is a rule-based parser: no model to download, the same parse for the
same sentence on every machine (no time limit cuts a parse short; a sentence is parsed only up to
``MAX_WORDS`` words, so its cost is bounded by its length, not by the clock).

Debian builds the bindings for its own Python 3.11; a virtualenv on another 3.11 imports them
from Debian's ``dist-packages`` folder, that module alone (``_import``): nothing else of that folder
comes onto ``sys.path``. Without the package, or with a Python whose ABI differs, ``available()``
is False and the drafters draft nothing (they say so), never something worse.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_WORDS = 70  # longer sentences are not parsed (their cost grows with the cube of the length)
LINKAGES = 1000  # linkages ranked by cost (with fewer, a random sample is ranked: the best may be missed)
VERIFY = 20  # linkages of a cut read before it is found not to keep its verb and subject
SHORT = 16  # the longest link most connectors may make (words)
DEBIAN = (Path("/usr/lib/python3/dist-packages"),)
_lock = threading.Lock()


@dataclass
class Leaf:
    text: str  # the word as written in the parsed text
    pos: str  # Link Grammar's subscript: "v" verb, "n" noun, "a" adjective, "e" adverb, "" unknown
    start: int  # character offsets in the parsed text
    end: int


@dataclass
class Parse:
    """A linkage: the words the parser linked, and its links between them."""

    text: str
    leaves: list[Leaf]
    links: list[tuple[int, int, str]]  # (left leaf, right leaf, label), walls left out
    subject: int | None  # the leaf the left wall links as the subject (Wd), if any
    verb: int | None  # the main verb (WV), if any
    nulls: int  # words the parser left unlinked


def _import():
    try:
        import linkgrammar  # noqa: F401 - installed where this Python finds it

        return linkgrammar
    except ImportError:
        pass
    for base in DEBIAN:
        init = base / "linkgrammar" / "__init__.py"
        if not init.is_file():
            continue
        spec = importlib.util.spec_from_file_location("linkgrammar", init,
                                                      submodule_search_locations=[str(init.parent)])
        module = importlib.util.module_from_spec(spec)
        sys.modules["linkgrammar"] = module
        try:
            spec.loader.exec_module(module)
        except ImportError:  # built for another Python
            sys.modules.pop("linkgrammar", None)
            for name in [n for n in sys.modules if n.startswith("linkgrammar.")]:
                sys.modules.pop(name, None)
            return None
        return module
    return None


@lru_cache(maxsize=1)
def _parser():
    lg = _import()
    if lg is None:
        return None
    saved = os.dup(1), os.dup(2)  # the library reports its locale while it reads the dictionary
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
        try:
            dictionary = lg.Dictionary("en")
        except Exception:  # no English dictionary installed
            return None
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
    options = lg.ParseOptions(verbosity=0, linkage_limit=LINKAGES, max_parse_time=-1, min_null_count=0, short_length=SHORT,
                              max_null_count=0, islands_ok=False, repeatable_rand=True)
    atexit.register(_parser.cache_clear)  # free the dictionary while its module is still there
    return lg, dictionary, options


def available() -> bool:
    """Whether the parser is installed (``tools/sysdeps.sh`` installs it)."""
    return _parser() is not None


def why_unavailable() -> str:
    return ("no parser: install Debian's python3-link-grammar and link-grammar-dictionaries-en "
            "(tools/sysdeps.sh does), with a Python 3.11")


def _pos(word: str) -> str:
    m = re.search(r"\.([a-z])[-a-z*]*$", word)
    return m.group(1) if m else ""



def _readings(text: str, masked: str, options):
    """The parser's linkages of ``masked`` (``text`` as the parser reads it), best first, as
    ``Parse``s of ``text``."""
    lg, dictionary, _ = _parser()
    with _lock:  # the library's dictionary is shared; one parse at a time
        linkages = lg.Sentence(masked, dictionary, options).parse()
        for linkage in linkages:
            found = _read(text, linkage)
            if found is not None:
                yield found


@lru_cache(maxsize=512)
def parse(text: str) -> Parse | None:
    """The best parse of one sentence, every word linked, or None (no parser, too long, or no
    parse). A parse that leaves words unlinked is never used: the drafts it gave read worse than
    none (docs/drafts.md)."""
    p = _parser()
    if p is None or len(text.split()) > MAX_WORDS:
        return None
    return next(_readings(text, _masked(text), p[2]), None)


@lru_cache(maxsize=512)
def linked_pairs(text: str, k: int = 20) -> frozenset:
    """The word pairs (their character offsets in ``text``) that any of the ``k`` best parses of
    ``text`` links: what the sentence may say, however the parser ranks its readings."""
    p = _parser()
    if p is None or len(text.split()) > MAX_WORDS:
        return frozenset()
    pairs = set()
    for seen, found in enumerate(_readings(text, _masked(text), p[2])):
        if seen >= k:
            break
        pairs |= {frozenset((found.leaves[a].start, found.leaves[b].start)) for a, b, _ in found.links}
    return frozenset(pairs)


_PRONOUNS = {"it", "that", "there", "what", "here", "he", "she", "who", "this"}
_AUXILIARIES = {"can", "could", "may", "might", "will", "would", "shall", "should", "must", "do", "does", "did",
                "to", "let", "lets", "help", "helps", "helped", "make", "makes", "made", "is", "are", "was", "were",
                "be", "been", "being", "am", "has", "have", "had", "having"}
_CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_APPROXIMATORS = {"about", "around"}  # adverbs before a number only ("about 300 kg")
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}")
_QUOTES = re.compile(r"[“”\"]")


def _masked(text: str) -> str:
    """``text`` with dotted abbreviations written as one capitalised word of the same length
    ("U.S." -> "Uxxx": the parser reads a period as the end of a sentence), quotation marks as
    spaces (the parser links the quoted words, not the marks), and a first word that the
    dictionary knows in lower case in lower case ("Recent congressional activity" is not a name;
    "Russia" stays). Offsets are kept."""
    text = _DOTTED.sub(lambda m: m.group(0)[0] + "x" * (len(m.group(0)) - 1), text)
    text = _QUOTES.sub(" ", text)
    first = re.match(r"\s*([A-Z][a-z]+)\b", text)
    if first and first.group(1) not in _CALENDAR and _known(first.group(1).lower()):
        at = first.start(1)  # "Recent congressional activity": a capital that only starts the sentence
        text = text[:at] + text[at].lower() + text[at + 1:]
    return text


@lru_cache(maxsize=512)
def linkages(text: str) -> tuple[Parse, ...]:
    """The ``VERIFY`` best parses of ``text`` as a sentence (a final period added: the wall links
    the main verb of a sentence that ends), every word linked; none without a parser or past
    ``MAX_WORDS``."""
    p = _parser()
    if p is None or len(text.split()) > MAX_WORDS:
        return ()
    if not text.rstrip().endswith((".", "?", "!")):
        text = text.rstrip() + "."
    found = []
    for seen, reading in enumerate(_readings(text, _masked(text), p[2])):
        if seen >= VERIFY:
            break
        found.append(reading)
    return tuple(found)


def parses(text: str, verb_at: int | None = None, subject_at: int | None = None) -> bool:
    """Whether ``text`` parses as a clause with every word linked: a linkage leaves no word out and
    links a main verb to the wall (the word at character ``verb_at``, when given, with the subject at
    ``subject_at``: the clause a cut leaves is still read as the same verb and subject; one of its
    ``VERIFY`` best linkages must)."""
    return any(same_clause(found, verb_at, subject_at) for found in linkages(text))


def same_clause(found: Parse, verb_at: int | None, subject_at: int | None) -> bool:
    """Whether ``found`` links a main verb to the wall (at character ``verb_at``, with its subject at
    ``subject_at``, when given)."""
    return found.verb is not None and (verb_at is None or found.leaves[found.verb].start == verb_at) \
        and (subject_at is None or (found.subject is not None and found.leaves[found.subject].start == subject_at))


@lru_cache(maxsize=4096)
def _known(word: str) -> bool:
    from linkgrammar import clinkgrammar as clg

    return bool(clg.dictionary_word_is_known(_parser()[1]._obj, word))


def _read(text: str, linkage) -> Parse | None:
    """A linkage as a ``Parse``, or None when it reads a possessive as "is" ("China’s economic
    support" as "China is economic")."""
    from linkgrammar import clinkgrammar as clg

    count = linkage.num_of_words()
    words = [(linkage.word(i), linkage.word_char_start(i), linkage.word_char_end(i)) for i in range(count)]
    nulls = sum(1 for w, _, _ in words if w.startswith("[") and w.endswith("]"))
    number: dict[int, int] = {}
    leaves: list[Leaf] = []
    for i, (w, a, b) in enumerate(words):
        if w in ("LEFT-WALL", "RIGHT-WALL") or (w.startswith("[") and w.endswith("]")):
            continue
        number[i] = len(leaves)
        leaves.append(Leaf(text[a:b], _pos(w), a, b))
    first = next((w for w, _, _ in words if w != "LEFT-WALL"), "")
    if first.endswith("[!<CAPITALIZED-WORDS>]") and _known(first.split("[")[0].lower()):
        return None  # "Recent congressional activity …": a sentence's first word is no name because of its capital
    for (before, _, _), (w, _, _) in zip(words, words[1:]):
        if w in ("’s.v", "'s.v") and before.split(".")[0].lower() not in _PRONOUNS:
            return None  # "the treaty’s February 5 date" is not "the treaty is …" (report prose has no "Russia's" for "Russia is")
    links, subject, verb = [], None, None
    obj = linkage._obj
    for k in range(linkage.num_of_links()):
        left, right = clg.linkage_get_link_lword(obj, k), clg.linkage_get_link_rword(obj, k)
        label = clg.linkage_get_link_label(obj, k)
        if words[left][0] == "LEFT-WALL" and right in number:
            if label.startswith("Wd"):
                subject = number[right]
            elif label.startswith("WV"):
                verb = number[right]
        if left in number and right in number:
            links.append((number[left], number[right], label))
    for a, b, label in links:
        if label.startswith("R") and leaves[b].text.lower() == "that" \
                and any(leaves[i].pos == "v" for i in range(a + 1, b)):
            return None  # "The GAOA explicitly provided that LRF deposits would not …": "that" opens what was provided
        if label.startswith("MVa") and leaves[b].text.lower() in _APPROXIMATORS and b + 1 < len(leaves) \
                and not leaves[b + 1].text[:1].isdigit():
            return None  # "factor into decisions about permissible uses": "about" is a preposition, not "approximately"
    if verb is not None and (leaves[verb].pos not in ("v", "j") or not leaves[verb].text[:1].isalpha()):
        return None  # "programs" read as the main verb
    if verb is not None and leaves[verb].pos == "v" and any(b == verb and label.startswith("I") and leaves[a].pos == "v"
                                and leaves[a].text.lower() not in _AUXILIARIES for a, b, label in links):
        return None  # "established a program that was designed to help states improve": "improve" is not the main verb
    return Parse(text, leaves, links, subject, verb, nulls)


__all__ = ["Leaf", "Parse", "available", "linked_pairs", "linkages", "parse", "parses", "same_clause", "why_unavailable"]
