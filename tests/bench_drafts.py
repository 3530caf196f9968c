"""Benchmark of the machine drafts (issue 21): coverage, fidelity, readability, quality, speed.

Not a test (pytest does not collect it). Run from the repository root::

    .venv/bin/python tests/bench_drafts.py                      # also part of `make bench`
    .venv/bin/python tests/bench_drafts.py --corpus /work/corpus

Corpus -- the real-report corpus (``--corpus`` or ``$BRIEFGEN_CORPUS``: a checkout with
``pdf/<kind>/*.pdf``), DEVELOPMENT HALF only: products whose number ends in an even digit (the
others are never read). Each In Focus, Insight and Legal Sidebar PDF is distilled into a temporary
folder. Without the corpus those rows are skipped with a note.

* coverage: of the top 12 candidate items, the share with both a headline and a plain draft;
  and whether the bottom line got both. Goal >= 90 % and yes.
* fidelity: drafts whose numbers, dates or names are not all in their quote (goal 0); drafts the
  wording lint flags (goal 0: such drafts are never written); headline drafts that are not the
  quote with words deleted (goal 0, i.e. 100 % deletion only).
* readability: each draft dossier's public layer (the plain texts, as ``check`` measures it):
  Flesch-Kincaid grade <= 8 and <= 15 words per sentence; headline drafts <= 12 words.
* speed: what drafting adds to the distill of a 3-page report (the draft stage's own time in a
  fresh process, the parser's dictionary and the reading-grade tables loaded there). Goal <= 1 s.

Quality -- china-russia: for each hand-made item, a headline and a plain version drafted from the
sentence it rests on, scored with ROUGE-L F1 (``rouge-score``) against the person's headline and
plain version, beside the first 12 words of the sentence (the baseline the drafts must beat).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("in-focus", "insights", "sidebars")


def even(path: Path) -> bool:
    m = re.match(r"[A-Za-z]+(\d+)", path.name)
    return bool(m) and int(m.group(1)) % 2 == 0


def corpus_reports(corpus: Path) -> list[Path]:
    return [p for kind in KINDS for p in sorted((corpus / "pdf" / kind).glob("*.pdf")) if even(p)]


def _one(report: Path, tmp: Path) -> dict:
    """Distill one report in a fresh process; return its drafting figures."""
    code = f"""
import json, sys, time
from pathlib import Path
from briefgen.distill import DistillOptions, distill
r = distill(DistillOptions(reports=[Path({str(report)!r})], dossier="x", content=Path({str(tmp)!r})))
print(json.dumps({{"seconds": r.drafts.seconds, "cpu": r.drafts.cpu, "failed": [[e, l, str(f)] for e, l, f in r.drafts.failed]}}))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out.update(measure(tmp / "x"))
    return out


def measure(folder: Path) -> dict:
    from briefgen.check import plain_layer
    from briefgen.distill.gates import deletion_only, facts, wording
    from briefgen.load import load_one
    from briefgen.readability import reading
    from briefgen.select import glossary_terms
    from briefgen.text import sentences, word_count

    d = load_one(folder)
    terms = glossary_terms(d)
    top = sorted(d.items, key=lambda i: i.priority)[:12]
    both = sum(1 for i in top if i.is_drafted("headline") and i.is_drafted("plain"))
    heads = sum(1 for i in top if i.is_drafted("headline"))
    plains = sum(1 for i in top if i.is_drafted("plain"))
    b = d.bottom_line
    bottom = bool(b and b.is_drafted("text") and b.is_drafted("plain"))
    bad_facts = bad_lint = not_deletion = long_heads = 0
    heads_all = []
    for owner, quote_of, layers in [(i, i.summary, ("headline", "plain")) for i in d.items] + \
            ([(b, b.sources[0].quote, ("text", "plain"))] if b else []):
        for layer in layers:
            if not owner.is_drafted(layer):
                continue
            text = getattr(owner, layer)
            quote = quote_of if owner is not b else b.sources[0].quote
            bad_facts += facts(text, quote, terms) is not None
            bad_lint += wording(text, quote) is not None
            if layer in ("headline", "text"):
                heads_all.append(word_count(text))
                not_deletion += deletion_only(text, quote) is not None
                long_heads += word_count(text) > 12
    layer = plain_layer(d)
    read = reading(layer) if layer else None
    longest = max((word_count(s) for s in sentences(layer)), default=0)
    return {"items": len(d.items), "top": len(top), "both": both, "heads": heads, "plains": plains,
            "bottom": bottom, "bad_facts": bad_facts, "bad_lint": bad_lint, "not_deletion": not_deletion,
            "long_heads": long_heads, "headlines": len(heads_all), "grade": read.grade if read else None,
            "wps": read.words_per_sentence if read else None, "longest": longest}


def plain_candidate(sentence: str, terms: dict) -> str | None:
    from briefgen.acronyms import Expander
    from briefgen.distill.plain import plain

    attempt = plain(sentence, Expander(terms, "spell-out"), grade=99)
    return attempt.text


def quality() -> dict:
    from rouge_score import rouge_scorer

    from briefgen.distill.drafting import draft_headline, draft_plain, rests_on
    from briefgen.load import load_one
    from briefgen.select import glossary_terms

    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
    hand = load_one(ROOT / "content" / "china-russia")
    terms = glossary_terms(hand)
    rows = []
    for item in hand.items:
        sentence = rests_on(item.summary, [s.quote for s in item.sources])
        head, _ = draft_headline(sentence)
        plain, why = draft_plain(sentence, terms, hand.meta.readability.plain_max_grade)
        # what the drafter made before the gates, to show why a plain draft was refused
        candidate = plain_candidate(sentence, terms) if plain is None else None
        first12 = " ".join(sentence.split()[:12])
        rows.append({"id": item.id, "sentence": sentence, "head": head, "plain": plain, "candidate": candidate,
                     "refused": str(why) if why else "",
                     "human_head": item.headline, "human_plain": item.plain, "first12": first12})

    def f1(ref, text):
        return scorer.score(ref, text)["rougeL"].fmeasure

    out = {"rows": rows}
    for kind, human in (("head", "human_head"), ("plain", "human_plain")):
        done = [r for r in rows if r[kind]]
        out[kind] = {
            "drafted": len(done), "of": len(rows),
            "draft": statistics.mean(f1(r[human], r[kind]) for r in done) if done else None,
            "baseline_same": statistics.mean(f1(r[human], r["first12"]) for r in done) if done else None,
            "baseline_all": statistics.mean(f1(r[human], r["first12"]) for r in rows),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=os.environ.get("BRIEFGEN_CORPUS"))
    ap.add_argument("--pairs", type=int, default=15, help="draft/human pairs to print (china-russia)")
    args = ap.parse_args()
    from briefgen.distill.parse import available, why_unavailable

    if not available():
        print(f"bench_drafts: skipped: {why_unavailable()}")
        return
    q = quality()
    print("== quality on china-russia: ROUGE-L F1 against the person's text (items drafted / all)")
    print(f"{'layer':<10} {'drafted':>8} {'draft':>7} {'first 12 words (same items)':>28} {'(all items)':>12}")
    for kind in ("head", "plain"):
        k = q[kind]
        draft = f"{k['draft']:.3f}" if k["draft"] is not None else "–"
        same = f"{k['baseline_same']:.3f}" if k["baseline_same"] is not None else "–"
        print(f"{kind:<10} {k['drafted']:>3}/{k['of']:<4} {draft:>7} {same:>28} {k['baseline_all']:>12.3f}")
    print(f"\n== {args.pairs} draft/human pairs (china-russia); a plain draft the gates refused is shown with why")
    print("| item | layer | machine draft | person's text |\n|---|---|---|---|")
    shown = 0
    for kind, human in (("head", "human_head"), ("plain", "human_plain")):
        for r in q["rows"]:
            text = r[kind] or (f"*not written ({r['refused']})*: {r['candidate']}" if kind == "plain" and r["candidate"]
                               else None)
            if text and shown < args.pairs:
                shown += 1
                print(f"| {r['id']} | {'headline' if kind == 'head' else 'plain'} | {text} | {r[human]} |")

    if not args.corpus or not Path(args.corpus).is_dir():
        print("\n== corpus: skipped (no --corpus and no $BRIEFGEN_CORPUS: the real-report corpus is not here)")
        return
    reports = corpus_reports(Path(args.corpus))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, report in enumerate(reports):
            folder = Path(tmp) / f"r{i}"
            rows.append((report.name, _one(report, folder)))
    print(f"\n== corpus: {len(reports)} development-half reports ({', '.join(KINDS)}; even product numbers)")
    print(f"{'report':<28} {'both/top':>9} {'head':>5} {'plain':>6} {'bottom':>7} {'grade':>6} {'wps':>5} "
          f"{'longest':>8} {'facts':>6} {'lint':>5} {'not-del':>8} {'s':>6}")
    ok = [r for _, r in rows if "error" not in r]
    for name, r in rows:
        if "error" in r:
            print(f"{name[:28]:<28} error: {r['error'][:80]}")
            continue
        grade = f"{r['grade']:.1f}" if r["grade"] is not None else "–"
        wps = f"{r['wps']:.1f}" if r["wps"] is not None else "–"
        print(f"{name[:28]:<28} {r['both']:>4}/{r['top']:<4} {r['heads']:>5} {r['plains']:>6} "
              f"{'yes' if r['bottom'] else 'no':>7} {grade:>6} {wps:>5} {r['longest']:>8} {r['bad_facts']:>6} "
              f"{r['bad_lint']:>5} {r['not_deletion']:>8} {r['seconds']:>6.2f}")
    if not ok:
        return
    top = sum(r["top"] for r in ok)
    gates = {}
    for r in ok:
        for _, _, why in r["failed"]:
            gate = why.split(":", 1)[0]
            gates[gate] = gates.get(gate, 0) + 1
    graded = [r["grade"] for r in ok if r["grade"] is not None]
    three = [r["seconds"] for name, r in rows if "error" not in r and name.startswith("IF")]
    three_cpu = [r["cpu"] for name, r in rows if "error" not in r and name.startswith("IF")]
    print("\n== goals, measured side by side")
    print(f"{'goal':<58} {'measured':<40}")
    for goal, measured in (
        ("coverage: top-12 items with headline and plain >= 90 %",
         f"{sum(r['both'] for r in ok)}/{top} = {100 * sum(r['both'] for r in ok) / top:.0f} %"),
        ("  headline alone / plain alone", f"{sum(r['heads'] for r in ok)}/{top}, {sum(r['plains'] for r in ok)}/{top}"),
        ("coverage: bottom line gets both", f"{sum(r['bottom'] for r in ok)}/{len(ok)} reports"),
        ("fidelity: drafts with a number/date/name not in the quote = 0", str(sum(r['bad_facts'] for r in ok))),
        ("fidelity: drafts the wording lint flags = 0", str(sum(r['bad_lint'] for r in ok))),
        ("fidelity: headline drafts deletion only = 100 %",
         f"{sum(r['headlines'] - r['not_deletion'] for r in ok)}/{sum(r['headlines'] for r in ok)}"),
        ("readability: public layer grade <= 8",
         f"{sum(g <= 8 for g in graded)}/{len(graded)} dossiers with a public layer; max "
         f"{max(graded) if graded else '–'}"),
        ("readability: <= 15 words a plain sentence", f"longest {max(r['longest'] for r in ok)}"),
        ("readability: headline drafts <= 12 words", f"{sum(r['long_heads'] for r in ok)} longer"),
        ("speed: drafting adds <= 1 s (3-page In Focus, median)",
         f"{statistics.median(three):.2f} s wall (max {max(three):.2f}), {statistics.median(three_cpu):.2f} s CPU; "
         f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores" if three else "–"),
        ("drafts refused, by gate", ", ".join(f"{g} {n}" for g, n in sorted(gates.items())) or "none"),
    ):
        print(f"{goal:<58} {measured:<40}")


if __name__ == "__main__":
    main()
