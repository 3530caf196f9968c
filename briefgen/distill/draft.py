"""Assemble a draft dossier from captured editions: every entry quotes the report verbatim, and
what only a person can write (headlines, the plain layer, why it matters) is left as a to-do."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..ingest.document import Captured
from ..ingest.meta import EditionMeta, ProductMeta
from ..text import display_date
from .drafting import DraftLog, add_drafts, mark, terms_of
from .emit import dump
from .events import timeline_section, watch_section
from .glossary import glossary_section
from .rank import Candidate, ranked_points, section_label
from .sentences import Paragraph

_STOP = {"the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "by", "as", "at", "from",
         "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "has", "have", "had",
         "its", "their", "it", "they", "which", "who", "also", "both", "two", "s"}


@dataclass
class Edition:
    captured: Captured
    meta: EditionMeta
    id: str
    file: str  # sources/<name>.txt
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def sentences(self) -> list[str]:
        return [s.text for p in self.paragraphs for s in p.sentences]


@dataclass
class Draft:
    files: dict[str, str]  # file name in the dossier folder -> text
    sources: dict[str, bytes]  # sources/<name> -> bytes
    stats: dict[str, int]
    todo: list[str]
    drafts: DraftLog | None = None  # the machine drafts written and refused (drafting.py)


def slug(text: str, words: int = 4, limit: int = 40) -> str:
    tokens = [t for t in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s ", " "))
              if t not in _STOP]
    out = "-".join(tokens[:words])[:limit].strip("-")
    return out or "item"


def _unique(base: str, used: set[str]) -> str:
    name, n = base, 2
    while name in used:
        name = f"{base}-{n}"
        n += 1
    used.add(name)
    return name


def _publisher_domains(product: ProductMeta) -> tuple[str, ...]:
    from ..ingest.rules import rules

    return next((p.domains for p in rules().publishers if p.name == product.publisher.value), ())


def _origin(captured: Captured, product: ProductMeta) -> dict:
    """Where a capture came from, as far as the capture itself says (``unknown`` otherwise)."""
    furniture = " \n".join(captured.furniture).lower()
    out: dict = {}
    if re.search(r"the following is|»|›", furniture):
        out["origin"] = "repost"
        if captured.hints.get("sitename") or captured.hints.get("hostname"):
            out["by"] = captured.hints.get("sitename") or captured.hints.get("hostname")
    elif re.search(r"report number:|retrieved from:", furniture):
        out["origin"] = "library"
    elif captured.format == "pdf" and any(d in line.lower() for line in captured.furniture
                                          for d in _publisher_domains(product)):
        out["origin"] = "publisher"
        out["note"] = "the PDF carries the publisher's own footer; confirm it is the publisher's file"
    else:
        out["origin"] = "unknown"
    posted = next((m.group(1) for line in captured.furniture
                   if (m := re.match(r"^(?:date|posted|published)\s*:?\s*(\d{4}-\d{2}-\d{2})$", line.strip(), re.I))), None)
    posted = posted or captured.hints.get("page_date")
    if posted and re.fullmatch(r"\d{4}-\d{2}-\d{2}", posted):
        out["retrieved"] = date.fromisoformat(posted)
    out["fidelity"] = "unknown"
    return out


MIN_QUOTE = 12  # characters: a shorter detail is no second quote (model_types.Source)


def _detail_spans(chosen: list[Candidate]) -> dict[int, str]:
    """Each item's detail: its sentence and the unchosen sentences that follow it in its paragraph
    (the sentences before a paragraph's first chosen one go with it), so no sentence is told twice.
    Each sentence is found after the one before it ("… this fall. Reportedly" has "Reportedly"
    twice); a detail never shorter than its own sentence."""
    out: dict[int, str] = {}
    by_paragraph: dict[int, list[Candidate]] = {}
    for c in chosen:
        by_paragraph.setdefault(c.sentence.paragraph, []).append(c)
    for cs in by_paragraph.values():
        cs.sort(key=lambda c: c.sentence.position)
        p = cs[0].paragraph
        spans, pos = [], 0
        for s in p.sentences:
            at = p.text.find(s.text, pos)
            at = p.text.find(s.text) if at < 0 else at
            spans.append((at, at + len(s.text)))
            pos = max(pos, at + len(s.text))
        starts = [0] + [c.sentence.position for c in cs[1:]] + [len(p.sentences)]
        for c, a, b in zip(cs, starts, starts[1:]):
            begin, end = spans[a][0], spans[b - 1][1]
            detail = p.text[begin:end] if 0 <= begin < end else ""
            out[id(c)] = detail if c.sentence.text in detail else c.sentence.text
    return out


def edition_entry(e: Edition, product: ProductMeta) -> tuple[dict, bool]:
    """An edition for dossier.yaml with its one capture, and whether its origin needs a person."""
    c = e.captured
    capture = {
        "file": e.file,
        "sha256": c.text_sha256,
        **_origin(c, product),
        "read_from": {"file": c.read_name, "sha256": c.sha256, "format": c.format, "reader": c.reader},
    }
    if c.starts_after:
        capture["report_starts_after"] = c.starts_after
    if c.ends_before:
        capture["report_ends_before"] = c.ends_before
    label = f"updated {display_date(e.meta.date)}" if e.meta.updated else display_date(e.meta.date)
    entry = {
        "#": f"date {e.meta.date_how}; title {e.meta.title.how}",
        "id": e.id,
        "date": e.meta.date,
        "title": e.meta.title.value,
        "label": label,
        "captures": [capture],
    }
    if e.id != e.meta.date.isoformat() and e.meta.version is not None:
        entry["version"] = e.meta.version  # orders same-date editions
    return entry, capture["origin"] in ("repost", "unknown")


def build_draft(editions: list[Edition], product: ProductMeta, name: str, previous: dict | None = None) -> Draft:
    editions = sorted(editions, key=lambda e: (e.meta.date, e.meta.version or 0))
    newest = editions[-1]
    todo: list[str] = []
    stats = {"editions": len(editions), "sentences": sum(len(e.sentences) for e in editions)}

    # --- dossier.yaml -------------------------------------------------------------------------
    edition_entries = []
    sources: dict[str, bytes] = {}
    for e in editions:
        entry, needs_origin = edition_entry(e, product)
        if needs_origin:
            todo.append(f"say where {e.file} came from (origin, by, retrieved) and how faithful it is "
                        "(fidelity: verbatim or reworded); see docs/content.md")
        sources[e.file] = e.captured.text.encode("utf-8")
        edition_entries.append(entry)
        # what the reader could not settle (a paragraph a second reading does not confirm)
        todo.extend(f"check {e.file} against the report ({note})" for note in e.captured.notes)
    product_entry = {
        "#": f"publisher {product.publisher.how}; series {product.series.how}; code {product.code.how}",
        "series": product.series.value,
        "code": product.code.value,
        "publisher": product.publisher.value,
    }
    if product.short:
        product_entry["publisher_short"] = product.short
    dossier = {
        "title": newest.meta.title.value,
        "draft": True,
        "#": "to do: subtitle (one line under the title), topic (what the dossier is about) and author\n"
             "(who the briefs are from). Set draft: false when every to-do is done; briefgen check lists them.",
        "language": "en-US",
        "as_of": newest.meta.date,
        "product": product_entry,
        "editions": edition_entries,
    }

    # --- glossary -----------------------------------------------------------------------------
    glossary, missing = glossary_section(editions, product.short)
    glossary_todo = [f"expand '{t}' (used {n} time{'s' * (n != 1)}, never defined in the report): add a glossary "
                     f"entry whose expansion a source gives, or leave it" for t, n in sorted(missing.items())]
    todo.extend(glossary_todo)
    stats["glossary"] = len(glossary)
    stats["undefined"] = len(missing)

    # --- items ----------------------------------------------------------------------------------
    # the draft's points, best first (rank.py: the news, the report's findings; no near duplicate,
    # no boilerplate); the first stands in for the bottom line (below) and is not again an item
    points = ranked_points(newest, product.series.value)
    lead = points[0].sentence if points else None
    lead_text = lead.text[len(section_label(lead.text)):] if lead else None
    chosen = points[1:]
    used: set[str] = set()
    items = []
    buckets = max(1, min(5, len(chosen)))
    spans = _detail_spans(chosen)
    for rank, c in enumerate(chosen):
        s = c.sentence
        # a section label at the front ("Criminal Law & Procedure: A divided …") is the item's
        # topic, not part of its point: the summary and its quote start after it
        label = section_label(s.text)
        text = s.text[len(label):]
        detail = spans[id(c)]
        if label and detail.startswith(label):
            detail = detail[len(label):]
        sources_ = [{"edition": newest.id, "quote": text}]
        if detail != text and len(detail) >= MIN_QUOTE:  # the schema's shortest quote
            sources_.append({"edition": newest.id, "quote": detail})
        topic = label.strip(" :•▪◦●‣∙·") or s.section
        items.append({
            "#": f"rank {rank + 1}: " + "; ".join(c.reasons) if c.reasons else f"rank {rank + 1}",
            "id": _unique(slug(text), used),
            "topic": slug(topic, 4, 40) if topic else "opening",
            "priority": 1 + rank * buckets // len(chosen),
            "summary": text,
            "detail": detail,
            "sources": sources_,
        })
    stats["items"] = len(items)

    # --- timeline -------------------------------------------------------------------------------
    timeline = timeline_section(newest, newest.meta.date)
    stats["events"] = len(timeline)

    # --- framing --------------------------------------------------------------------------------
    framing: dict = {}
    if lead is not None:
        framing["bottom_line"] = {
            "#": "to do: the report's top-ranked sentence stands in for the bottom line; write yours from it,\n"
                 "and a plain-language version (plain:) for the public.",
            "text": lead_text,
            "sources": [{"edition": newest.id, "quote": lead_text}],
        }
    framing["#"] = ("to do: why_it_matters (text, plain, sources) and what_to_watch (a list of points) need a\n"
                    "person; briefgen check lists them.")
    # points to watch: the report's sentences about what is scheduled or projected after its date
    # (never timeline events), quoted and marked as machine-drafted for a person to review
    framing["what_to_watch"] = [mark({"text": w["text"], "sources": w["sources"]}, {"text": w["text"]})
                                for w in watch_section(newest, newest.meta.date)]

    # --- machine drafts: headlines and plain versions (drafting.py); a person's text kept ------------
    drafts = add_drafts(items, framing, terms_of(glossary, product.short, product.publisher.value), previous=previous)

    header = (f"Draft made by briefgen distill from {', '.join(e.captured.path.name for e in editions)}.\n"
              "Every quote is the report's text, verbatim; everything else is for a person to review.")
    files = {
        "dossier.yaml": dump({"dossier": dossier}, header),
        "framing.yaml": dump(framing, "The frame: bottom line, why it matters, what to watch."),
        "items.yaml": dump({"items": items}, (
            "Candidate key points, best first (the comment above each says why it was picked).\n"
            "summary = the report's sentence, detail = its paragraph. To do for each: a headline (<= 12 words)\n"
            "and the plain-language layer (plain:), keeping every hedge and attribution; drop what is not a\n"
            "key point.")),
        "timeline.yaml": dump({"timeline": timeline}, (
            "Every dated statement of the newest edition. short = the clause that carries the date (the\n"
            "figure's label): reword it if you like; drop events that are not worth a date.")),
        "glossary.yaml": dump({"glossary": glossary, "todo": glossary_todo}, (
            "Abbreviations the report defines, with its own expansions. Those it uses without defining are\n"
            "listed as to-dos: briefgen never invents an expansion.")),
    }
    if todo:
        files["todo.yaml"] = dump({"todo": [t for t in todo if t not in glossary_todo]},
                                  "What a person still has to do besides the layers check lists.")
    return Draft(files=files, sources=sources, stats=stats, todo=todo, drafts=drafts)
