"""Benchmark of the wording lint (briefgen/wording/): precision and recall on a pair corpus.

Not a test (pytest does not collect it). Run from the repository root::

    .venv/bin/python tests/bench_wording.py          # also part of `make bench`

Corpus -- tests/data/wording_pairs.yaml: (source, rewrite) pairs marked *distorting* (with the
kind of change) or *faithful*, written from the patterns of issue 13, none from the china-russia
dossier. A pair is *flagged* when ``lint_text(rewrite, [source])`` returns any finding.

* recall = distorting pairs flagged / distorting pairs (goal >= 90 %); *kind right* = flagged
  distorting pairs whose findings include the expected kind
* false alarms = faithful pairs flagged / faithful pairs (goal <= 10 %)
* precision = distorting pairs flagged / all pairs flagged

Also: the lint on the china-russia dossier (layers read, findings, notes) and its speed (time per
pair after the vocabulary is loaded; one pass over the dossier, loading excluded).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAIRS = ROOT / "tests" / "data" / "wording_pairs.yaml"


def load_pairs() -> list[dict]:
    pairs = yaml.safe_load(PAIRS.read_text("utf-8"))["pairs"]
    for p in pairs:
        if isinstance(p["source"], str):
            p["source"] = [p["source"]]
    return pairs


def score(pairs: list[dict]) -> dict:
    from briefgen.wording import lint_text

    out = {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "kind_right": 0, "misses": [], "alarms": []}
    for p in pairs:
        findings = lint_text(p["rewrite"], p["source"])
        flagged = bool(findings)
        if p["expected"] == "distorting":
            if flagged:
                out["tp"] += 1
                out["kind_right"] += any(f.kind == p["kind"] for f in findings)
            else:
                out["fn"] += 1
                out["misses"].append(p)
        else:
            if flagged:
                out["fp"] += 1
                out["alarms"].append((p, findings))
            else:
                out["tn"] += 1
    return out


def main() -> int:
    from briefgen.wording import vocabulary

    pairs = load_pairs()
    vocabulary()
    start = time.perf_counter()
    s = score(pairs)
    per_pair = (time.perf_counter() - start) / len(pairs) * 1000
    report("all pairs", pairs, s)
    for batch in sorted({p.get("batch", 1) for p in pairs} - {1}):
        some = [p for p in pairs if p.get("batch", 1) == batch]
        report(f"batch {batch} only", some, score(some))
    print(f"  {'time per pair':<28}{per_pair:>7.2f} ms")
    from briefgen.check import lint_wording
    from briefgen.errors import Collector
    from briefgen.load import load_one

    dossier = load_one(ROOT / "content" / "china-russia")
    problems = Collector()
    start = time.perf_counter()
    n = lint_wording(dossier, problems)
    took = (time.perf_counter() - start) * 1000
    print(f"china-russia: {n} layers read in {took:.0f} ms; {len(problems.warnings)} findings, "
          f"{len(problems.notes)} exemptions")
    return 0


def report(title: str, pairs: list[dict], s: dict) -> None:
    distorting = s["tp"] + s["fn"]
    faithful = s["fp"] + s["tn"]
    flagged = s["tp"] + s["fp"]
    recall = s["tp"] / distorting if distorting else 0.0
    alarms = s["fp"] / faithful if faithful else 0.0
    precision = s["tp"] / flagged if flagged else 0.0

    print(f"wording lint, {title}: {len(pairs)} pairs ({distorting} distorting, {faithful} faithful), "
          f"{PAIRS.relative_to(ROOT)}")
    print(f"  {'measure':<28}{'value':>10}  goal")
    print(f"  {'recall':<28}{recall:>9.0%}  >= 90 %   ({s['tp']}/{distorting} distortions caught)")
    print(f"  {'kind right':<28}{s['kind_right']:>6}/{s['tp']:<3}  (caught with the expected kind)")
    print(f"  {'false alarms':<28}{alarms:>9.0%}  <= 10 %   ({s['fp']}/{faithful} faithful pairs flagged)")
    print(f"  {'precision':<28}{precision:>9.0%}            ({s['tp']}/{flagged} flagged pairs distorting)")
    for p in s["misses"]:
        print(f"  missed ({p['kind']}): {p['source'][0]!r} -> {p['rewrite']!r}")
    for p, findings in s["alarms"]:
        print(f"  false alarm: {p['rewrite']!r}: {findings[0].describe()}")


if __name__ == "__main__":
    sys.exit(main())
