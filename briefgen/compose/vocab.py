"""The HTML vocabulary: the one contract between templates and writers (docs/vocabulary.md).

``finish`` takes a template's output, checks that it uses only the vocabulary, numbers the
source notes in reading order and spells acronyms out, and returns the final HTML that both the
PDF and the DOCX writer consume.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from .acronyms import Expander
from ..errors import Problem, TemplateError
from ..text import word_count

ELEMENTS = {
    "html", "head", "meta", "title", "body", "header", "main", "footer", "section", "aside", "div",
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "b", "i", "abbr", "q", "a", "sup",
    "sub", "span", "br", "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
    "figure", "figcaption", "img", "svg", "small",
}
SVG_ELEMENTS = {
    "svg", "g", "line", "rect", "circle", "ellipse", "path", "polyline", "polygon", "text", "tspan",
    "title", "desc", "defs",
}
ATTRIBUTES = {
    "class", "id", "lang", "title", "href", "src", "alt", "colspan", "rowspan", "scope", "value",
    "role", "aria-label", "name", "content", "charset", "width", "height", "dir",
}
SKIP_ACRONYMS = "data-verbatim"  # quotes: never altered
KEEP_ACRONYMS = "data-keep-acronyms"  # citations and source lines keep the short form (first-use mode)


@dataclass
class Finished:
    """Final HTML plus what the build reports about it."""

    html: str
    body_text: str  # the text of <main>: what a word budget counts and a reading grade measures
    notes: int

    @property
    def body_words(self) -> int:
        return word_count(self.body_text)


def parse(html: str) -> etree._Element:
    return lxml.html.document_fromstring(html)


def serialise(root: etree._Element) -> str:
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode", method="html")


def validate(root: etree._Element, template: str, locate=None) -> None:
    """Refuse output outside the vocabulary: unknown elements, scripts, styles, remote links.

    ``locate(needle)`` may return (file, line) of the template text that produced a problem.
    """
    problems: list[Problem] = []

    def bad(message: str, needle: str = "") -> None:
        where = locate(needle) if (locate and needle) else None
        problems.append(Problem(*(where or (template, 0)), "", message))

    in_svg: set = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # comments
        tag = el.tag.lower()
        parent = el.getparent()
        svg_context = parent is not None and (parent in in_svg or parent.tag == "svg")
        if tag == "svg" or svg_context:
            in_svg.add(el)
            if tag not in SVG_ELEMENTS:
                bad(f"<{tag}> is not allowed inside <svg>", f"<{tag}")
            for name, value in el.attrib.items():
                if name.lower().startswith("on") or (name.lower().endswith("href") and not value.startswith("#")):
                    bad(f"attribute {name}={value!r} is not allowed in <svg>", name)
            continue
        if tag not in ELEMENTS:
            bad(f"<{tag}> is not part of the briefgen HTML vocabulary", f"<{tag}")
            continue
        for name, value in el.attrib.items():
            lname = name.lower()
            if lname.startswith("data-"):
                continue
            if lname not in ATTRIBUTES:
                bad(f"attribute {name!r} on <{tag}> is not part of the vocabulary", f"{name}=")
            elif lname == "href" and not value.startswith("#"):
                bad(f"<{tag} href={value!r}>: only links inside the document (#id) are allowed", value)
            elif lname == "src" and tag != "img":
                bad(f"attribute src on <{tag}> is not allowed", "src=")
        if tag == "figure" and not ((el.get("aria-label") or "").strip() or el.find(".//figcaption") is not None):
            bad("<figure> needs a <figcaption> or aria-label", "<figure")
    # alt text and heading order are accessibility rules, checked in every output by the
    # accessibility gate (briefgen/a11y, docs/accessibility.md), which names output and rule
    if problems:
        raise TemplateError(problems)


MAX_DEPTH = 100  # elements inside each other; briefs need about 12, writers walk them recursively


def _check_depth(root: etree._Element, template: str, locate=None) -> None:
    """Refuse output nested deeper than ``MAX_DEPTH`` (checked without recursion)."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            tag = el.tag if isinstance(el.tag, str) else "element"
            where = locate(f"<{tag}") if locate else None
            raise TemplateError([Problem(*(where or (template, 0)), "",
                                         f"output nests elements more than {MAX_DEPTH} deep (<{tag}>)")])
        stack.extend((child, depth + 1) for child in el)


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def number_notes(root: etree._Element, template: str, locate=None) -> int:
    """Turn ``<sup class="note-ref" data-cite="TEXT">`` into numbered references, in reading
    order, identical citations sharing a number, and fill ``<ol class="notes">`` with them."""
    refs = [el for el in root.iter("sup") if "data-cite" in el.attrib]
    lists = [el for el in root.iter("ol") if "notes" in (el.get("class") or "").split()]
    cites = {ref.get("data-cite", "").strip() for ref in refs} - {""}
    if len(cites) == 1 and lists:
        # one source for everything (a one-edition dossier): cite it once, not "1" after every
        # paragraph ("World War II1")
        _cite_once(refs, lists, cites.pop())
        return 1
    numbers: dict[str, int] = {}
    for ref in refs:
        cite = ref.attrib.pop("data-cite").strip()
        if not cite:
            ref.drop_tree()
            continue
        n = numbers.setdefault(cite, len(numbers) + 1)
        for child in list(ref):
            ref.remove(child)
        ref.text = None
        link = etree.SubElement(ref, "a", href=f"#note-{n}")
        link.text = str(n)
    if numbers and not lists:
        where = (locate("cite(") or locate("note-ref")) if locate else None  # where the template cites
        raise TemplateError([Problem(*(where or (template, 0)), "",
                                     'notes are cited but there is no <ol class="notes">')])
    for ol in lists:
        if not numbers:
            # no notes: drop the list and a heading that only introduces it
            container = ol.getparent()
            ol.drop_tree()
            if container is not None and container.tag in ("section", "footer") and not _text(container).replace(_heading_text(container), "").strip():
                container.drop_tree()
            continue
        ol.set(KEEP_ACRONYMS, "")
        for cite, n in numbers.items():
            li = etree.SubElement(ol, "li", id=f"note-{n}", value=str(n))
            li.text = cite
    return len(numbers)


def _cite_once(refs: list[etree._Element], lists: list[etree._Element], cite: str) -> None:
    """Drop every note marker; the notes list becomes one source line under the same heading."""
    for ref in refs:
        ref.drop_tree()
    for ol in lists:
        line = etree.Element("p", {"class": "source-line", KEEP_ACRONYMS: ""})
        headed = any(el.tag in ("h2", "h3", "h4") for el in ol.getparent())
        line.text = cite if headed else f"Source: {cite}"  # under "Source notes" no label is needed
        ol.addprevious(line)
        ol.getparent().remove(ol)


def drop_unused_terms(root: etree._Element) -> None:
    """Rows marked ``<tr data-term="PRC">`` (an abbreviations table) stay only when the term is
    used elsewhere in the document; a table left empty goes with its section."""
    rows = [tr for tr in root.iter("tr") if tr.get("data-term")]
    if not rows:
        return
    body = root.find("body")
    skip = set(rows)
    text = " ".join(_text_outside(body, skip))
    tables = {next(tr.iterancestors("table"), None) for tr in rows} - {None}
    for tr in rows:
        term = tr.attrib.pop("data-term")
        if not re.search(r"(?<![\w.])" + re.escape(term) + r"(?![\w])", text):
            tr.getparent().remove(tr)
    for table in tables:
        if not table.findall("./tbody/tr") and not table.findall("./tr"):
            section = table.getparent()
            while section is not None and section.tag not in ("section", "aside", "body"):
                section = section.getparent()
            (section if section is not None and section.tag != "body" else table).drop_tree()


def _text_outside(el: etree._Element, skip: set) -> list[str]:
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child not in skip:
            out.extend(_text_outside(child, skip))
        out.append(child.tail or "")
    return out


def _heading_text(container: etree._Element) -> str:
    return " ".join(_text(h) for h in container if h.tag in ("h2", "h3", "h4"))


class Acronyms:
    """Spell glossary terms out in the text of a document (see ``acronyms.Expander``)."""

    def __init__(self, terms: dict[str, str], mode: str):
        self.mode = mode
        self.expand = Expander(terms, mode)

    def apply(self, root: etree._Element) -> None:
        if self.expand.pattern is None:
            return
        body = root.find("body")
        if body is not None:
            self._walk(body, keep=False)

    def _walk(self, el: etree._Element, keep: bool) -> None:
        if el.tag == "svg" or SKIP_ACRONYMS in el.attrib:
            return
        keep = keep or (KEEP_ACRONYMS in el.attrib and self.mode == "first-use")
        if el.text and not keep:
            el.text = self.expand(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self._walk(child, keep)
            if child.tail and not keep:
                child.tail = self.expand(child.tail)


_TEXT_BLOCKS = ("p", "li", "td", "th", "figcaption", "caption", "h1", "h2", "h3", "h4")
_INNER = {"“": "‘", "”": "’"}


def nest_quotes(root: etree._Element) -> None:
    """Quotes inside quotes alternate: “…attempts to ‘de-dollarize’ the global economy…”. A note
    that quotes a passage which itself quotes a word would otherwise read “…“de-dollarize”…”.
    Double marks inside a double quotation become single; a block whose double marks do not pair
    up (a stray mark in the content) is left as written, and ``data-verbatim`` text is never
    touched."""
    body = root.find("body")
    if body is None:
        return
    for block in body.iter(*_TEXT_BLOCKS):
        if any(SKIP_ACRONYMS in a.attrib or a.tag == "svg" for a in (block, *block.iterancestors())):
            continue
        if any(child.tag in _TEXT_BLOCKS for child in block.iterdescendants()):
            continue  # a container: its own blocks are done on their own
        slots = _text_slots(block)
        text = "".join(get() for get, _ in slots)
        if "“" not in text:
            continue
        marks = [(i, c) for i, c in enumerate(text) if c in _INNER]
        depth, inner = 0, []
        for i, c in marks:
            if c == "“":
                if depth % 2:
                    inner.append(i)
                depth += 1
            else:
                depth -= 1
                if depth < 0:
                    break
                if depth % 2:
                    inner.append(i)
        if depth != 0 or not inner:
            continue
        chars = list(text)
        for i in inner:
            chars[i] = _INNER[chars[i]]
        new, at = "".join(chars), 0
        for get, put in slots:
            n = len(get())
            if n:
                put(new[at:at + n])
            at += n


def _text_slots(el: etree._Element) -> list:
    """(getter, setter) of every text node inside ``el``, in reading order."""
    slots = []

    def text_of(node):
        return (lambda: node.text or ""), (lambda value: setattr(node, "text", value))

    def tail_of(node):
        return (lambda: node.tail or ""), (lambda value: setattr(node, "tail", value))

    slots.append(text_of(el))
    for child in el:
        if isinstance(child.tag, str):
            slots.extend(_text_slots(child))
        slots.append(tail_of(child))
    return slots


def body_text(root: etree._Element) -> str:
    """The text of ``<main>``: the body (no title block, notes or source line)."""
    main = root.find(".//main")
    return " ".join(" ".join(_visible_text(main)).split()) if main is not None else ""


_FULL_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")


def prose_text(html: str) -> tuple[str, int, int]:
    """The full sentences of ``<main>``, what a reading grade can measure: (text, blocks kept,
    blocks). A paragraph or list item counts when it ends like a sentence; headings, figures,
    tables and headline fragments (bullets without a full stop) are left out, note markers too."""
    main = parse(html).find(".//main")
    if main is None:
        return "", 0, 0
    kept, blocks = [], 0
    for el in main.iter("p", "li"):
        if any(a.tag in ("figure", "table") or "data-fallback" in a.attrib for a in el.iterancestors()):
            continue
        if el.find(".//p") is not None or el.find(".//li") is not None:
            continue  # a container: its own blocks count
        text = " ".join(" ".join(_visible_text(el, skip_notes=True)).split())
        if not text:
            continue
        blocks += 1
        if _FULL_SENTENCE_END.search(text):
            kept.append(text)
    return " ".join(kept), len(kept), blocks


def reading_text(el: etree._Element) -> str:
    """An element's text as a reader reads it: no note numbers, figures or fallbacks."""
    return " ".join("".join(_visible_text(el, skip_notes=True)).split())


def _visible_text(el: etree._Element, skip_notes: bool = False) -> list[str]:
    out: list[str] = []
    if el.tag == "svg" or "data-fallback" in el.attrib:
        return out
    if skip_notes and "note-ref" in (el.get("class") or "").split():
        return out
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            out.extend(_visible_text(child, skip_notes))
        if child.tail:
            out.append(child.tail)
    return out


def finish(html: str, template: str, terms: dict[str, str], acronym_mode: str, locate=None) -> Finished:
    """Validate template output and apply notes and acronyms; see the module docstring."""
    try:
        root = parse(html)
    except (etree.ParserError, ValueError) as exc:
        raise TemplateError([Problem(template, 0, "", f"output is not HTML: {exc}")]) from None
    _check_depth(root, template, locate)
    validate(root, template, locate)
    notes = number_notes(root, template, locate)
    drop_unused_terms(root)
    nest_quotes(root)
    Acronyms(terms, acronym_mode).apply(root)
    return Finished(serialise(root), body_text(root), notes)
