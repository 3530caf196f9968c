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
* speed: what drafting adds to the distill of a 3-page report: each In Focus PDF is distilled in a
  fresh process with drafting and without it (``add_drafts`` and the warm workers replaced by
  nothing), twice each; the smaller wall and processor times (the process and its children) of
  each kind are compared. Goal <= 1 s.
* Done when: each even-numbered CRS text fixture in tests/data/reports is distilled and built
  (``briefgen distill REPORT --dossier X && briefgen build --dossier X``, HTML): the principal
  one-page's key points that have a headline, and the public one-page's plain points, their
  reading grade and whether the "[Draft: … no plain-language version]" note shows.

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


def _one(report: Path, tmp: Path, drafts: bool = True) -> dict:
    """Distill one report in a fresh process (without drafting: ``drafts`` False); return its
    drafting figures, its wall time and its processor time (its own and its workers')."""
    off = "" if drafts else """
import contextlib
import briefgen.distill.draft as D, briefgen.distill.workers as W
from briefgen.distill.drafting import DraftLog
D.add_drafts = lambda *a, **k: DraftLog()
W.warm = contextlib.nullcontext
"""
    code = f"""
import json, resource, sys, time
from pathlib import Path
{off}
from briefgen.distill import DistillOptions, distill
start = time.perf_counter()
r = distill(DistillOptions(reports=[Path({str(report)!r})], dossier="x", content=Path({str(tmp)!r})))
wall = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({{"seconds": r.drafts.seconds, "wall": wall, "cpu": cpu,
                  "failed": [[e, l, str(f)] for e, l, f in r.drafts.failed]}}))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if drafts:
        out.update(measure(tmp / "x"))
    return out


def added_time(report: Path, tmp: Path, first: dict, runs: int = 2) -> tuple[float, float]:
    """What drafting adds to distilling ``report``: (wall, processor) seconds, the smaller of
    ``runs`` runs with drafting (``first`` is one) against the smaller of as many without."""
    with_ = [first] + [_one(report, tmp / f"w{i}") for i in range(1, runs)]
    without = [_one(report, tmp / f"n{i}", drafts=False) for i in range(runs)]
    if any("error" in r for r in with_ + without):
        return float("nan"), float("nan")
    return (min(r["wall"] for r in with_) - min(r["wall"] for r in without),
            min(r["cpu"] for r in with_) - min(r["cpu"] for r in without))


def measure(folder: Path) -> dict:
    from briefgen.check import plain_layer
    from briefgen.distill.gates import deletion_only, facts, keeps, wording
    from briefgen.content.load import load_one
    from briefgen.compose.readability import reading
    from briefgen.compose.select import glossary_terms
    from briefgen.text import sentences, word_count

    d = load_one(folder)
    terms = glossary_terms(d)
    top = sorted(d.items, key=lambda i: i.priority)[:12]
    both = sum(1 for i in top if i.is_drafted("headline") and i.is_drafted("plain"))
    heads = sum(1 for i in top if i.is_drafted("headline"))
    plains = sum(1 for i in top if i.is_drafted("plain"))
    b = d.bottom_line
    bottom = bool(b and b.is_drafted("text") and b.is_drafted("plain"))
    bad_facts = bad_lint = not_deletion = long_heads = lost = 0
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
            if layer == "plain":
                lost += keeps(text, quote, terms) is not None
            if layer in ("headline", "text"):
                heads_all.append(word_count(text))
                not_deletion += deletion_only(text, quote) is not None
                long_heads += word_count(text) > 12
    layer = plain_layer(d)
    read = reading(layer) if layer else None
    longest = max((word_count(s) for s in sentences(layer)), default=0)
    return {"items": len(d.items), "top": len(top), "both": both, "heads": heads, "plains": plains,
            "bottom": bottom, "bad_facts": bad_facts, "bad_lint": bad_lint, "not_deletion": not_deletion, "lost": lost,
            "long_heads": long_heads, "headlines": len(heads_all), "grade": read.grade if read else None,
            "wps": read.words_per_sentence if read else None, "longest": longest}


def plain_candidate(sentence: str, terms: dict) -> str | None:
    from briefgen.compose.acronyms import Expander
    from briefgen.distill.plain import plain

    attempt = plain(sentence, Expander(terms, "spell-out"), grade=99)
    return attempt.text


def quality() -> dict:
    from rouge_score import rouge_scorer

    from briefgen.distill.drafting import draft_headline, draft_plain, rests_on
    from briefgen.content.load import load_one
    from briefgen.compose.select import glossary_terms

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


FIXTURES = (("crs-if12100-2023-09-13.txt", ["--code", "IF12100"]),
            ("crs-if12610-2026-04-17-space-force.txt", ["--code", "IF12610", "--publisher", "Congressional Research Service",
                                                        "--series", "In Focus"]),
            ("crs-if12672-2026-04-22-russia-nuclear-weapons.txt", ["--code", "IF12672", "--publisher",
                                                                   "Congressional Research Service", "--series", "In Focus"]))


def _items(html: str, section: str) -> list[str]:
    """The list items of a brief's section (``<section class="…">``)."""
    m = re.search(rf'<section class="{section}"[^>]*>(.*?)</section>', html, re.S)
    return re.findall(r"<li[^>]*>(.*?)</li>", m.group(1), re.S) if m else []


def done_when(tmp: Path) -> list[dict]:
    """The issue's "Done when" on each even-numbered text fixture: distill, build the one-pages
    (HTML), and read what the principal and the public brief show."""
    from briefgen.compose.readability import reading

    rows = []
    for name, extra in FIXTURES:
        content, out = tmp / name / "content", tmp / name / "output"
        cmd = [sys.executable, "-c", "from briefgen.cli import main; main()"]
        first = subprocess.run(cmd + ["distill", str(ROOT / "tests" / "data" / "reports" / name), "--dossier", "x",
                                      "--content", str(content), *extra], capture_output=True, text=True, cwd=ROOT)
        second = subprocess.run(cmd + ["build", "--dossier", "x", "--content", str(content), "--output", str(out),
                                       "--length", "one-page", "--format", "html"], capture_output=True, text=True, cwd=ROOT)
        if first.returncode or second.returncode:
            rows.append({"fixture": name, "error": (first.stderr or second.stderr).strip().splitlines()[-1:]})
            continue
        principal = (out / "x" / "x-principal-one-page.html").read_text("utf-8")
        public = (out / "x" / "x-public-one-page.html").read_text("utf-8")
        bullets = _items(principal, "key-points")
        points = [p for p in _items(public, "points") if not re.sub(r"<[^>]+>", "", p).startswith("[Draft:")]
        text = " ".join(re.sub(r"<[^>]+>", "", p) for p in points)
        rows.append({"fixture": name, "bullets": len(bullets),
                     "headlined": sum('class="run-in"' in b or len(re.sub(r"<[^>]+>", "", b).split()) <= 12 for b in bullets),
                     "points": len(points), "grade": reading(text).grade if text else None,
                     "note": len(points) < len(_items(public, "points")),
                     "marked": "draft, not reviewed" in re.sub(r"<[^>]+>", "", public).lower()})
    return rows


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

    with tempfile.TemporaryDirectory() as tmp:
        done = done_when(Path(tmp))
    print("\n== Done when: `briefgen distill REPORT --dossier X && briefgen build --dossier X` (one-pages, HTML)")
    print(f"{'fixture':<52} {'principal: headlined bullets':>28} {'public: plain points':>21} {'grade':>6} "
          f"{'[Draft: …] note':>16} {'marked draft':>13}")
    for r in done:
        if "error" in r:
            print(f"{r['fixture']:<52} error: {r['error']}")
            continue
        grade = f"{r['grade']:.1f}" if r["grade"] is not None else "–"
        print(f"{r['fixture']:<52} {r['headlined']:>23}/{r['bullets']:<4} {r['points']:>21} {grade:>6} "
              f"{'shown' if r['note'] else 'none':>16} {'yes' if r['marked'] else 'no':>13}")

    if not args.corpus or not Path(args.corpus).is_dir():
        print("\n== corpus: skipped (no --corpus and no $BRIEFGEN_CORPUS: the real-report corpus is not here)")
        return
    reports = corpus_reports(Path(args.corpus))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, report in enumerate(reports):
            folder = Path(tmp) / f"r{i}"
            row = _one(report, folder)
            if "error" not in row and report.name.startswith("IF"):
                row["added_wall"], row["added_cpu"] = added_time(report, folder, row)
            rows.append((report.name, row))
    print(f"\n== corpus: {len(reports)} development-half reports ({', '.join(KINDS)}; even product numbers)")
    print(f"{'report':<28} {'both/top':>9} {'head':>5} {'plain':>6} {'bottom':>7} {'grade':>6} {'wps':>5} "
          f"{'longest':>8} {'facts':>6} {'lost':>5} {'lint':>5} {'not-del':>8} {'stage s':>8} {'+wall':>6} {'+cpu':>6}")
    ok = [r for _, r in rows if "error" not in r]
    for name, r in rows:
        if "error" in r:
            print(f"{name[:28]:<28} error: {r['error'][:80]}")
            continue
        grade = f"{r['grade']:.1f}" if r["grade"] is not None else "–"
        wps = f"{r['wps']:.1f}" if r["wps"] is not None else "–"
        added = (f"{r['added_wall']:>6.2f} {r['added_cpu']:>6.2f}" if "added_wall" in r else f"{'':>6} {'':>6}")
        print(f"{name[:28]:<28} {r['both']:>4}/{r['top']:<4} {r['heads']:>5} {r['plains']:>6} "
              f"{'yes' if r['bottom'] else 'no':>7} {grade:>6} {wps:>5} {r['longest']:>8} {r['bad_facts']:>6} "
              f"{r['lost']:>5} {r['bad_lint']:>5} {r['not_deletion']:>8} {r['seconds']:>8.2f} {added}")
    if not ok:
        return
    top = sum(r["top"] for r in ok)
    gates = {}
    for r in ok:
        for _, _, why in r["failed"]:
            gate = why.split(":", 1)[0]
            gates[gate] = gates.get(gate, 0) + 1
    graded = [r["grade"] for r in ok if r["grade"] is not None]
    timed = [r for r in ok if "added_wall" in r and r["added_wall"] == r["added_wall"]]
    both = sum(r["both"] for r in ok)
    heads = sum(r["headlines"] for r in ok)
    done_ok = [r for r in done if "error" not in r]

    def status(met: bool) -> str:
        return "met" if met else "NOT MET"

    print(f"\n== goals (issue 21), measured side by side; machine: load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    print(f"{'goal':<62} {'measured':<58} status")
    for goal, measured, met in (
        ("coverage: top-12 items with headline and plain >= 90 %", f"{both}/{top} = {100 * both / top:.0f} %",
         both >= 0.9 * top),
        ("  headline alone / plain alone",
         f"{sum(r['heads'] for r in ok)}/{top} ({100 * sum(r['heads'] for r in ok) / top:.0f} %), "
         f"{sum(r['plains'] for r in ok)}/{top} ({100 * sum(r['plains'] for r in ok) / top:.0f} %)", None),
        ("coverage: the bottom line gets both (every report)", f"{sum(r['bottom'] for r in ok)}/{len(ok)} reports",
         all(r["bottom"] for r in ok)),
        ("fidelity: drafts with a number/date/name not in the quote = 0", str(sum(r["bad_facts"] for r in ok)),
         sum(r["bad_facts"] for r in ok) == 0),
        ("fidelity: plain drafts that drop a number/date/name = 0", str(sum(r["lost"] for r in ok)),
         sum(r["lost"] for r in ok) == 0),
        ("fidelity: drafts the wording lint flags = 0", str(sum(r["bad_lint"] for r in ok)),
         sum(r["bad_lint"] for r in ok) == 0),
        ("fidelity: headline drafts deletion only = 100 %",
         f"{heads - sum(r['not_deletion'] for r in ok)}/{heads}", sum(r["not_deletion"] for r in ok) == 0),
        ("readability: public layer grade <= 8 (each draft dossier)",
         f"{sum(g <= 8 for g in graded)}/{len(graded)} with a public layer; max {max(graded) if graded else '–'}",
         all(g <= 8 for g in graded)),
        ("readability: <= 15 words a plain sentence", f"longest {max(r['longest'] for r in ok)}",
         max(r["longest"] for r in ok) <= 15),
        ("readability: headline drafts <= 12 words", f"{sum(r['long_heads'] for r in ok)} longer",
         sum(r["long_heads"] for r in ok) == 0),
        ("quality: ROUGE-L of headlines beats the first 12 words",
         f"{q['head']['draft'] or 0:.3f} vs {q['head']['baseline_same'] or 0:.3f} ({q['head']['drafted']}/15 drafted)",
         (q["head"]["draft"] or 0) > (q["head"]["baseline_same"] or 1)),
        ("quality: ROUGE-L of plain versions beats the first 12 words",
         f"{q['plain']['draft']:.3f} vs {q['plain']['baseline_same']:.3f} ({q['plain']['drafted']}/15 drafted)"
         if q["plain"]["draft"] is not None else "no plain draft written", 
         q["plain"]["draft"] is not None and q["plain"]["draft"] > q["plain"]["baseline_same"]),
        ("speed: drafting adds <= 1 s to a 3-page distill (wall, median)",
         f"{statistics.median(r['added_wall'] for r in timed):.2f} s wall (max {max(r['added_wall'] for r in timed):.2f}),"
         f" {statistics.median(r['added_cpu'] for r in timed):.2f} s processor; {len(timed)} In Focus PDFs"
         if timed else "–", bool(timed) and statistics.median(r["added_wall"] for r in timed) <= 1.0),
        ("done when: principal one-page of headline bullets",
         ", ".join(f"{r['headlined']}/{r['bullets']}" for r in done_ok),
         bool(done_ok) and all(r["bullets"] and r["headlined"] == r["bullets"] for r in done_ok)),
        ("done when: public one-page >= 4 plain points, grade <= 8, no note",
         ", ".join(f"{r['points']} points{' + note' if r['note'] else ''}" for r in done_ok),
         bool(done_ok) and all(r["points"] >= 4 and not r["note"] and (r["grade"] or 0) <= 8 for r in done_ok)),
        ("drafts refused, by gate", ", ".join(f"{g} {n}" for g, n in sorted(gates.items())) or "none", None),
    ):
        print(f"{goal:<62} {measured:<58} {'' if met is None else status(met)}")


if __name__ == "__main__":
    main()
