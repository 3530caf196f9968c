"""Benchmark of distill's judgment on real reports: glossary, dates and ranking, against hand
labels and against CRS's own summaries, with baselines beside them.

Not a test (pytest does not collect it). Needs a checkout of ProfAmiot/crs-reports (the corpus;
``make bench`` skips this part with a note when it is absent)::

    .venv/bin/python tests/bench_judgment.py --corpus /path/to/crs-reports [--only CODE] [--show]

Only the development half is read (products whose number ends in an even digit).

* **Glossary** on the labelled set (tests/data/labels, read by hand): recall of the labelled
  definitions; *wrong* = an expansion the draft gives that the labels do not accept (a long form
  cut short, a name never defined). Goal: recall >= 95 %, 0 wrong.
* **Dates** on the labelled set: an event is right when its sentence is a labelled event's and
  its date is that event's. Precision over the draft's events (sentences labelled uncertain set
  aside), recall over the labelled events; *non-events* (a year that names something, a negated
  sentence, a citation, a period), *future* (a projection given as a past event) and *fragment*
  labels ("According to …", "To …") counted apart. Goals: precision >= 90 %, recall >= 85 %, 0
  fragments, 0 non-events or future years as past events.
* **Ranking**: (1) the labelled news or lead judgment's rank among the draft's points (its bottom
  line first): in the top 3 for at least 7 of 8; (2) duplicates and publisher boilerplate in the
  top 12 of every development product: 0; (3) for every development Report (R, RL, RS), the body
  without its summary page is ranked and the top-k sentences (k: as many words as CRS's summary)
  are scored against that summary with ROUGE-1/2 recall (rouge-score), beside Lead-k, LexRank
  and TextRank (sumy) with the same word budget. Goal: ROUGE-2 beats all three (mean).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import corpus as C  # noqa: E402

LABELS = ROOT / "tests" / "data" / "labels"
# a label that is no clause: "According to an August 9", "To January 22", "2025 | $1,500 in 2026 and 2027"
_FRAGMENT = re.compile(r"^(?:…|\.\.\.)?\s*(?:according to|to|as of|per|based on)\b|\|", re.IGNORECASE)


def reduce(text: str) -> str:
    return C.reduce(text.replace("’", "'").replace("“", '"').replace("”", '"'))


def same_sentence(a: str, b: str) -> bool:
    ra, rb = reduce(a), reduce(b)
    if not ra or not rb:
        return False
    short, long = sorted((ra, rb), key=len)
    return short in long and len(short) >= 0.6 * len(long)


@dataclass
class Edition:
    """What distill reads of one report: the capture and its sentences."""

    captured: object
    paragraphs: list
    id: str = "e"
    series: str | None = None
    date: object = None

    @property
    def sentences(self) -> list[str]:
        return [s.text for p in self.paragraphs for s in p.sentences]


SERIES = {"in-focus": "In Focus", "insights": "Insight", "sidebars": "Legal Sidebar", "reports": "Report"}


def read(pair: C.Pair) -> Edition:
    from datetime import date

    from briefgen.distill.sentences import read_sentences
    from briefgen.ingest import read_report

    captured = read_report(pair.pdf)
    web = C.read_web(pair.markdown)
    return Edition(captured, read_sentences(captured), series=SERIES.get(pair.kind),
                   date=date.fromisoformat(web.date) if web.date else None)


def ranked(edition: Edition) -> list[str]:
    """The draft's points in order: its bottom line first, then its items."""
    from briefgen.distill.rank import ranked

    return [c.sentence.text for c in ranked(edition.paragraphs, edition.series, edition.date)]


@dataclass
class Scores:
    glossary_found: int = 0
    glossary_labelled: int = 0
    glossary_wrong: list = field(default_factory=list)
    events: int = 0
    events_right: int = 0
    events_uncertain: int = 0
    labelled_events: int = 0
    labelled_found: int = 0
    non_events: list = field(default_factory=list)
    future: list = field(default_factory=list)
    fragments: list = field(default_factory=list)
    wrong_dates: list = field(default_factory=list)
    missed: list = field(default_factory=list)


def score_glossary(label: dict, edition: Edition, s: Scores) -> None:
    from briefgen.distill.glossary import glossary_section

    entries, _ = glossary_section([edition], "CRS")
    labelled = label.get("glossary") or []
    accept = labelled + (label.get("glossary_acceptable") or [])
    s.glossary_labelled += len(labelled)
    for want in labelled:
        if any(e["term"] == want["short"] and reduce(e["expansion"]) == reduce(want["long"]) for e in entries):
            s.glossary_found += 1
    names = set(label.get("undefined_names") or [])
    for e in entries:
        ok = any(e["term"] == a["short"] and reduce(e["expansion"]) == reduce(a["long"]) for a in accept)
        if not ok or e["term"] in names:
            s.glossary_wrong.append(f"{label['code']}: {e['term']} = {e['expansion']!r}")


def score_dates(label: dict, edition: Edition, s: Scores) -> None:
    from briefgen.distill.events import timeline_section

    events = timeline_section(edition, report_date=label["report_date"])
    labelled = label.get("events") or []
    s.labelled_events += len(labelled)
    found = set()
    for ev in events:
        text, when = ev["text"], str(ev["when"])
        if _FRAGMENT.match(ev.get("short") or ""):
            s.fragments.append(f"{label['code']}: {ev['short']!r}")
        if any(same_sentence(text, u["quote"]) for u in label.get("uncertain") or []):
            s.events_uncertain += 1
            continue
        s.events += 1
        match = [k for k, want in enumerate(labelled) if same_sentence(text, want["quote"])]
        right = [k for k in match if str(labelled[k]["when"]) == when
                 or when in [str(w) for w in labelled[k].get("also_when", [])]]
        if right:
            s.events_right += 1
            found.update(right)
            continue
        non = next((n for n in label.get("non_events") or [] if same_sentence(text, n["quote"])), None)
        watch = next((w for w in label.get("watch") or [] if same_sentence(text, w["quote"])), None)
        if watch is not None or (non is not None and non.get("reason") == "future"):
            s.future.append(f"{label['code']}: {when} {text[:90]}")
        elif non is not None:
            s.non_events.append(f"{label['code']}: {when} [{non.get('reason')}] {text[:90]}")
        else:
            s.wrong_dates.append(f"{label['code']}: {when} {text[:90]}"
                                 + (f" (label: {labelled[match[0]]['when']})" if match else " (no label)"))
    s.labelled_found += len(found)
    s.missed.extend(f"{label['code']}: {want['when']} {want['quote'][:90]}" for k, want in enumerate(labelled)
                    if k not in found)


def news_rank(label: dict, points: list[str]) -> int | None:
    news = label.get("news") or {}
    quotes = [news.get("quote", "")] + list(news.get("also") or [])
    for i, p in enumerate(points, 1):
        if any(q and same_sentence(p, q) for q in quotes):
            return i
    return None


def rouge_run(pair: C.Pair, edition: Edition) -> dict | None:
    """The draft's top-k against CRS's summary, beside three baselines, for one Report."""
    from rouge_score import rouge_scorer

    web = C.read_web(pair.markdown)
    if not web.summary:
        return None
    summary = " ".join(web.summary)
    budget = len(summary.split())
    in_summary = reduce(summary)
    body_paragraphs = [p for p in edition.paragraphs
                       if not (p.sentences and sum(reduce(s.text) in in_summary for s in p.sentences)
                               >= 0.5 * len(p.sentences))]
    body = Edition(edition.captured, body_paragraphs, series=edition.series, date=edition.date)
    body_sentences = [s.text for p in body_paragraphs for s in p.sentences]
    if len(body_sentences) < 10:
        return None

    def take(sentences: list[str]) -> str:
        out, words = [], 0
        for s in sentences:
            if words >= budget:
                break
            out.append(s)
            words += len(s.split())
        return " ".join(out)

    systems = {"briefgen": take(ranked(body)), "lead": take(body_sentences)}
    systems.update(_sumy(body_sentences, budget))
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    return {name: {k: v.recall for k, v in scorer.score(summary, text).items()} for name, text in systems.items()}


def _sumy(sentences: list[str], budget: int) -> dict[str, str]:
    """LexRank and TextRank (sumy) over the body's sentences, taking sentences in their ranked
    order until the word budget is spent. sumy's own tokenizer needs NLTK data downloaded at run
    time; the sentences are given here (pysbd's) and words split by a pattern."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class Words:
        language = "english"

        @staticmethod
        def to_words(text: str) -> list[str]:
            return re.findall(r"[A-Za-z0-9][\w'’-]*", text)

    doc = ObjectDocumentModel([Paragraph([Sentence(s, Words) for s in sentences])])
    out = {}
    for name, cls in (("lexrank", LexRankSummarizer), ("textrank", TextRankSummarizer)):
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        # the k best sentences (in the document's order, as sumy gives them), k the least that
        # fills the word budget: found by bisection
        lo, hi = 1, len(sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if sum(len(str(x).split()) for x in summarizer(doc, mid)) >= budget:
                hi = mid
            else:
                lo = mid + 1
        out[name] = " ".join(str(x) for x in summarizer(doc, lo))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("BRIEFGEN_CORPUS"))
    ap.add_argument("--only", action="append")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--skip-rouge", action="store_true")
    args = ap.parse_args()
    if not args.corpus or not Path(args.corpus, "markdown").is_dir():
        print("bench_judgment: no corpus (give --corpus or set BRIEFGEN_CORPUS to a checkout of "
              "ProfAmiot/crs-reports); skipped")
        return 0
    pairs = {p.code: p for p in C.pairs(Path(args.corpus))}
    labels = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted(LABELS.glob("*.yaml"))]
    if args.only:
        labels = [lb for lb in labels if lb["code"] in args.only]
    s = Scores()
    cache: dict[str, Edition] = {}

    def edition(code: str) -> Edition:
        if code not in cache:
            cache[code] = read(pairs[code])
        return cache[code]

    ranks = {}
    for label in labels:
        if label["code"] not in pairs:
            continue
        e = edition(label["code"])
        if "glossary" in label["parts"]:
            score_glossary(label, e, s)
        if "dates" in label["parts"]:
            score_dates(label, e, s)
        if "news" in label["parts"]:
            ranks[label["code"]] = news_rank(label, ranked(e))

    dupes, boiler = [], []
    from briefgen.distill.rank import is_boilerplate

    todo = [p for p in pairs.values() if not args.only or p.code in args.only]
    for pair in todo:
        points = ranked(edition(pair.code))[:12]
        for i, a in enumerate(points):
            if is_boilerplate(a, "Congressional Research Service"):
                boiler.append(f"{pair.code}: {a[:90]}")
            for b in points[i + 1:]:
                if C.reduce(a) and (C.reduce(a) in C.reduce(b) or C.reduce(b) in C.reduce(a)):
                    dupes.append(f"{pair.code}: {a[:90]}")
    rouge = {}
    if not args.skip_rouge:
        for pair in todo:
            if pair.kind == "reports":
                r = rouge_run(pair, edition(pair.code))
                if r:
                    rouge[pair.code] = r

    def goal(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    print(f"\nDistill's judgment on real reports ({len(labels)} labelled products, {len(todo)} development products)\n")
    print(f"{'measure':52} {'now':>14} {'goal':>10}")
    rec = s.glossary_found / s.glossary_labelled if s.glossary_labelled else 1
    print(f"{'glossary recall':52} {rec:14.1%} {'>= 95%':>10} {goal(rec >= 0.95)}")
    print(f"{'glossary wrong expansions':52} {len(s.glossary_wrong):14} {'0':>10} {goal(not s.glossary_wrong)}")
    prec = s.events_right / s.events if s.events else 1
    rec = s.labelled_found / s.labelled_events if s.labelled_events else 1
    print(f"{'dates precision (uncertain set aside: ' + str(s.events_uncertain) + ')':52} {prec:14.1%} {'>= 90%':>10} "
          f"{goal(prec >= 0.9)}")
    print(f"{'dates recall':52} {rec:14.1%} {'>= 85%':>10} {goal(rec >= 0.85)}")
    print(f"{'  non-events given as events':52} {len(s.non_events):14} {'0':>10} {goal(not s.non_events)}")
    print(f"{'  future years given as past events':52} {len(s.future):14} {'0':>10} {goal(not s.future)}")
    print(f"{'  fragment labels':52} {len(s.fragments):14} {'0':>10} {goal(not s.fragments)}")
    top3 = sum(1 for r in ranks.values() if r is not None and r <= 3)
    shown = ", ".join(f"{k} {v if v is not None else '-'}" for k, v in ranks.items())
    print(f"{'news / lead judgment in the top 3':52} {f'{top3} of {len(ranks)}':>14} {'>= 7 of 8':>10} "
          f"{goal(top3 >= 7 and len(ranks) >= 8 or (len(ranks) < 8 and top3 >= len(ranks) - 1))}")
    print(f"{'  ranks':52} {shown}")
    print(f"{'duplicates in a top 12':52} {len(dupes):14} {'0':>10} {goal(not dupes)}")
    print(f"{'boilerplate in a top 12':52} {len(boiler):14} {'0':>10} {goal(not boiler)}")
    if rouge:
        names = ["briefgen", "lead", "lexrank", "textrank"]
        print(f"\nROUGE recall against CRS's summaries ({len(rouge)} development Reports), mean")
        print(f"{'':12}" + "".join(f"{n:>12}" for n in names))
        for metric in ("rouge1", "rouge2"):
            means = {n: statistics.mean(r[n][metric] for r in rouge.values()) for n in names}
            print(f"{metric:12}" + "".join(f"{means[n]:12.3f}" for n in names))
        m2 = {n: statistics.mean(r[n]["rouge2"] for r in rouge.values()) for n in names}
        ok = all(m2["briefgen"] > m2[n] for n in names[1:])
        print(f"{'ROUGE-2: briefgen beats Lead, LexRank and TextRank':52} {'':14} {'':10} {goal(ok)}")
        if args.show:
            for code, r in rouge.items():
                print(f"  {code:10}" + "".join(f"{r[n]['rouge2']:12.3f}" for n in names))
    if args.show:
        for title, rows in (("wrong expansions", s.glossary_wrong), ("non-events", s.non_events),
                            ("future", s.future), ("fragments", s.fragments), ("wrong dates", s.wrong_dates),
                            ("missed events", s.missed), ("duplicates", dupes), ("boilerplate", boiler)):
            if rows:
                print(f"\n{title}:")
                for row in rows:
                    print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
