"""HTML writer: vocabulary HTML -> one self-contained, accessible web page (for an intranet).

The page is the brief's final vocabulary HTML (the same input as the PDF and DOCX writers),
turned into a web page:

- the stylesheet ``brief-web.css`` (looked up in the template folders like every other file,
  so a user's folder can restyle it) is inlined in ``<style>``;
- figures drawn as ``data:`` SVG images are inlined as ``<svg role="img" aria-label=ALT>``, and
  their data tables for writers that cannot show images are dropped (the alt text holds them);
- landmarks: the title block is the banner, ``<main>`` the body, and everything after it (notes,
  source line, the running footer's text) one ``<footer>``; the running head (the title again)
  is dropped;
- note references link to their notes and each note links back to its first reference;
- a Content-Security-Policy forbids any request the page could make: no external request of
  any kind, even if a stylesheet asked for one.

The output is a pure function of its input, so rebuilds are byte-identical.
"""

from __future__ import annotations

import base64
import copy
import re
from urllib.parse import unquote_to_bytes

from lxml import etree

from ..errors import Problem, TemplateError
from ..compose.render import Templates
from ..compose.vocab import parse, serialise

STYLESHEET = "brief-web.css"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_SVG_NS = "http://www.w3.org/2000/svg"
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                ".svg": "image/svg+xml"}


def write_html(html: str, templates: Templates, stylesheet: str = STYLESHEET) -> bytes:
    """The web page for a brief's final vocabulary HTML, as UTF-8 bytes."""
    root = parse(html)
    head = root.find("head")
    body = root.find("body")
    if head is None or body is None:
        raise TemplateError([Problem("", 0, "", "brief HTML has no <head> or <body>")])
    _head(head, templates, stylesheet)
    _figures(root, templates)
    _notes(root)
    _landmarks(body)
    for el in root.iter():
        if isinstance(el.tag, str):
            for name in [n for n in el.attrib if n.startswith("data-")]:
                del el.attrib[name]
    text = serialise(root)
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def _head(head, templates: Templates, stylesheet: str) -> None:
    charset = head.find("meta[@charset]")
    index = list(head).index(charset) + 1 if charset is not None else 0
    for offset, attrs in enumerate((
        {"http-equiv": "Content-Security-Policy", "content": CSP},
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    )):
        meta = etree.Element("meta")
        for key, value in attrs.items():
            meta.set(key, value)
        meta.tail = "\n"
        head.insert(index + offset, meta)
    css = templates.find(stylesheet).read_text(encoding="utf-8")
    bare = re.sub(r"/\*.*?\*/", "", css, flags=re.S).lower()
    if "url(" in bare.replace(" ", "") or "@import" in bare:
        raise TemplateError([Problem(str(templates.find(stylesheet)), 0, "",
                                     "the web stylesheet may not load anything (url() or @import)")])
    style = etree.SubElement(head, "style")
    style.text = "\n" + css.strip() + "\n"
    style.tail = "\n"


def _figures(root, templates: Templates) -> None:
    """Inline every ``data:image/svg+xml`` image as an SVG element with the image's alt text."""
    for img in list(root.iter("img")):
        src = img.get("src") or ""
        if not src.startswith("data:"):
            img.set("src", _data_uri(src, templates))
            continue
        if not src.startswith("data:image/svg+xml"):
            continue
        header, _, payload = src.partition(",")
        data = base64.b64decode(payload) if header.endswith(";base64") else unquote_to_bytes(payload)
        svg = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        svg = _strip_namespace(svg)
        svg.set("xmlns", _SVG_NS)
        alt = (img.get("alt") or "").strip()
        svg.set("role", "img")
        if alt:
            svg.set("aria-label", alt)
        for key in ("width", "height"):  # scale with the page; the viewBox keeps the shape
            svg.attrib.pop(key, None)
        svg.set("class", " ".join(filter(None, [img.get("class"), "figure-svg"])))
        svg.tail = img.tail
        img.getparent().replace(img, svg)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and "data-fallback" in el.attrib:
            el.drop_tree()


def _data_uri(src: str, templates: Templates) -> str:
    """An image file from the template folders as a ``data:`` URI (the page loads nothing)."""
    path = templates.find(src)  # TemplateError when it is not a file in the template folders
    kind = _IMAGE_TYPES.get(path.suffix.lower(), "")
    if not kind:
        raise TemplateError([Problem(src, 0, "", "only image files can be shown in an <img>")])
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _strip_namespace(el):
    """An SVG element tree without namespaces, so the HTML serialiser writes plain tag names."""
    out = etree.Element(etree.QName(el).localname)
    for key, value in el.attrib.items():
        out.set(etree.QName(key).localname if key.startswith("{") else key, value)
    out.text = el.text
    for child in el:
        if isinstance(child.tag, str):
            new = _strip_namespace(child)
            new.tail = child.tail
            out.append(new)
    out.tail = el.tail
    return out


def _notes(root) -> None:
    """Note references link to their notes; each note links back to its first reference."""
    first: dict[str, str] = {}
    for sup in root.iter("sup"):
        link = sup.find("a")
        if link is None or not (link.get("href") or "").startswith("#note-"):
            continue
        target = link.get("href")[1:]
        number = target.split("-", 1)[1]
        link.set("aria-label", f"Note {number}")
        if target not in first:
            first[target] = f"ref-{number}"
            link.set("id", first[target])
    for li in root.iter("li"):
        ref = first.get(li.get("id") or "")
        if ref is None:
            continue
        back = etree.SubElement(li, "a", href=f"#{ref}")
        back.set("class", "back")
        back.set("aria-label", f"Back to the text of note {li.get('id').split('-', 1)[1]}")
        back.text = "↩"
        if len(li) > 1:
            li[-2].tail = (li[-2].tail or "") + " "
        else:
            li.text = (li.text or "") + " "


def _landmarks(body) -> None:
    """Banner (title block), main, and one contentinfo footer holding what follows ``<main>``."""
    main = body.find("main")
    if main is None:
        raise TemplateError([Problem("", 0, "", "brief HTML has no <main>")])
    colophon = []
    for div in list(body):
        if not isinstance(div.tag, str):
            continue
        classes = (div.get("class") or "").split()
        if "running-head" in classes:
            body.remove(div)
        elif "running-foot" in classes:
            p = etree.Element("p")
            p.set("class", "colophon")
            p.text = div.text
            for child in div:
                p.append(copy.deepcopy(child))
            colophon.append(p)
            body.remove(div)
    after = []
    seen_main = False
    for el in list(body):
        if el is main:
            seen_main = True
            continue
        if seen_main and isinstance(el.tag, str):
            after.append(el)
    footer = etree.Element("footer")
    footer.set("class", "page-foot")
    for el in after:
        body.remove(el)
        if el.tag == "footer":  # a footer may not hold a footer: keep its content as a section
            el.tag = "section"
        footer.append(el)
    footer.extend(colophon)
    if len(footer):
        main.addnext(footer)
    footer.tail = "\n"


__all__ = ["write_html", "STYLESHEET"]
