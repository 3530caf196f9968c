"""DOCX document properties: what a brief's HTML head says (title, author, description,
keywords, language, date) as the DOCX core properties and default language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree


@dataclass
class DocMeta:
    title: str
    author: str
    subject: str
    keywords: str
    language: str
    created: datetime


def meta_from_html(root: etree._Element) -> DocMeta:
    def meta(name: str) -> str:
        el = root.find(f".//head/meta[@name='{name}']")
        return (el.get("content") or "") if el is not None else ""

    title = root.findtext(".//head/title") or ""
    created = meta("dcterms.created") or "1980-01-01"
    when = datetime.fromisoformat(created[:10]).replace(tzinfo=timezone.utc)
    return DocMeta(title.strip(), meta("author"), meta("description"), meta("keywords"),
                   (root.get("lang") or "").strip(), when)  # no language: the accessibility gate says so



CORE_PROPERTY_MAX = 255  # characters: the limit of every DOCX core property (title, author, ...)


def fit_property(text: str, limit: int = CORE_PROPERTY_MAX) -> str:
    """Text for a DOCX core property: longer text is cut at a word and ends with "…" (only the
    file's metadata is shortened; the document shows the whole text)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def set_properties(document, meta: DocMeta) -> None:
    """Core properties (title, author, dates: from the HTML, so rebuilds give equal bytes) and
    the document language of the default run properties."""
    props = document.core_properties
    props.title = fit_property(meta.title)
    props.author = fit_property(meta.author)
    props.subject = fit_property(meta.subject)
    props.keywords = fit_property(meta.keywords)
    props.language = fit_property(meta.language)
    props.created = meta.created.replace(tzinfo=None)
    props.modified = meta.created.replace(tzinfo=None)
    props.last_printed = meta.created.replace(tzinfo=None)
    props.last_modified_by = fit_property(meta.author)
    props.revision = 1
    props.comments = ""
    props.category = ""
    props.identifier = ""
    # document language for spelling and screen readers
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    if meta.language:
        lang.set(qn("w:val"), meta.language)
    elif lang.get(qn("w:val")) is not None:
        del lang.attrib[qn("w:val")]
