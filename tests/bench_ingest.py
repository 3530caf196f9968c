"""Benchmark of ingest on real reports: each PDF's capture against the publisher's own web text.

Not a test (pytest does not collect it). Needs a checkout of ProfAmiot/crs-reports (the corpus;
CI has no network, so ``make bench`` skips this part with a note when it is absent)::

    .venv/bin/python tests/bench_ingest.py --corpus /path/to/crs-reports
    BRIEFGEN_CORPUS=/path/to/crs-reports make bench
    .venv/bin/python tests/bench_ingest.py --corpus … --only R48906 --show   # one product, misses listed

Only the development half is read (products whose number ends in an even digit); the odd half
is kept for acceptance. Per PDF (see ``tests/corpus.py`` for the comparison):

* precision: captured prose sentences (paragraphs, >= 6 words) found in the web text;
* coverage: web-text prose sentences (>= 6 words) found in the capture;
* every miss classified: splice, furniture, table cell, note mark, version difference, other;
* metadata: title, date, code and series as distill would find them, right or wrong;
* seconds per page, and the same pages through pdfplumber's bare ``extract_text``: wall-clock
  and CPU time side by side (the machine is shared; CPU time is this process's and its
  children's, pdftotext included, so others' load does not count).

Goals: precision >= 99 % with no splice among the misses, coverage >= 97 %, metadata right for
all; a 3-page In Focus <= 0.5 s, a 30-page report <= 5 s, and the reader <= 1.5x bare
``extract_text`` over the corpus (each judged on wall and on CPU time).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import corpus as C  # noqa: E402

MIN_WORDS = 6


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the reader runs pdftotext)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(pair: C.Pair, show: bool = False) -> dict:
    import pdfplumber

    from briefgen.ingest import read_report
    from briefgen.ingest.document import NOTE, PARAGRAPH
    from briefgen.ingest.meta import describe
    from briefgen.errors import ReportError

    web = C.read_web(pair.markdown)
    data = pair.pdf.read_bytes()
    t0, c0 = time.perf_counter(), _cpu()
    captured = read_report(pair.pdf)
    seconds, cpu = time.perf_counter() - t0, _cpu() - c0
    t0, c0 = time.perf_counter(), _cpu()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            page.extract_text()
    bare, bare_cpu = time.perf_counter() - t0, _cpu() - c0

    web_reduced = C.reduce(web.full())
    tables_reduced = C.reduce("\n".join(web.table_lines))
    furniture_reduced = C.reduce("\n".join(captured.furniture + [web.title, *web.authors]))
    # suspect paragraphs (not confirmed by the self-check) are set aside: distill drafts nothing
    # from them; they are counted below
    prose = [s for b in captured.blocks if b.kind == PARAGRAPH and not b.suspect for s in C.sentences(b.text)
             if len(s.split()) >= MIN_WORDS]
    found = [s for s in prose if C.reduce(s) in web_reduced]
    misses = [(C.classify(s, web_reduced, tables_reduced, furniture_reduced), s) for s in prose
              if C.reduce(s) not in web_reduced]
    captured_reduced = C.reduce(captured.text)
    web_sentences = [s for p in web.paragraphs + web.notes for s in C.sentences(p) if len(s.split()) >= MIN_WORDS]
    uncovered = [s for s in web_sentences if C.reduce(s) not in captured_reduced]
    notes = [b.text for b in captured.blocks if b.kind == NOTE]
    suspects = [b for b in captured.blocks if b.suspect]
    # a suspect paragraph whose every sentence is in the web text was read right: a false alarm
    false_alarms = [b for b in suspects if all(C.reduce(x) in web_reduced for x in C.sentences(b.text))]

    meta = {"title": None, "date": None, "code": None, "series": None}
    try:
        editions, product = describe([captured], {})
        meta = {"title": editions[0].title.value, "date": editions[0].date.isoformat(),
                "code": product.code.value, "series": product.series.value}
    except ReportError as exc:
        for key in meta:
            meta[key] = f"(not found: {str(exc).splitlines()[0][:60]})"
    right = {
        "title": C.reduce(meta["title"] or "") == C.reduce(web.title),
        "date": meta["date"] == web.date,
        "code": meta["code"] == web.code,
        "series": meta["series"] == web.series,
    }
    if show:
        print(f"\n== {pair.code} v{pair.version} ({pair.pdf.name}) {pages} pages")
        for key in meta:
            print(f"   {key:7} {'ok ' if right[key] else 'BAD'} {meta[key]!r}  (web: {getattr(web, key)!r})")
        for kind, s in misses:
            print(f"   MISS [{kind}] {s[:300]}")
        for s in uncovered:
            print(f"   UNCOVERED {s[:300]}")
        for b in suspects:
            print(f"   SUSPECT {'(false alarm) ' if b in false_alarms else ''}{b.suspect[:200]}")
    return {"code": pair.code, "kind": pair.kind, "pages": pages, "seconds": seconds, "bare": bare,
            "cpu": cpu, "bare_cpu": bare_cpu,
            "prose": len(prose), "found": len(found), "misses": Counter(k for k, _ in misses),
            "web": len(web_sentences), "covered": len(web_sentences) - len(uncovered), "meta": right,
            "notes": len(notes), "meta_values": meta, "suspects": len(suspects),
            "false_alarms": len(false_alarms)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("BRIEFGEN_CORPUS"),
                    help="a checkout of ProfAmiot/crs-reports (default: $BRIEFGEN_CORPUS)")
    ap.add_argument("--only", action="append", help="product code(s) to measure")
    ap.add_argument("--show", action="store_true", help="list every miss and uncovered sentence")
    args = ap.parse_args()
    if not args.corpus or not Path(args.corpus, "markdown").is_dir():
        print("bench_ingest: no corpus (give --corpus or set BRIEFGEN_CORPUS to a checkout of "
              "ProfAmiot/crs-reports); skipped")
        return 0
    todo = C.pairs(Path(args.corpus))
    if args.only:
        todo = [p for p in todo if p.code in args.only]
    if todo:  # imports and first-use set-up are not the reader's cost per report
        from briefgen.ingest import read_report

        read_report(todo[0].pdf)
    rows = [measure(p, args.show) for p in todo]
    print(f"\nIngest of real reports: {len(rows)} development-half PDFs against their web text\n")
    print(f"{'':10} {'':5} {'':7} {'':7} {'':40} {'':6} {'s/page':>15} {'x bare':>13}")
    print(f"{'product':10} {'pages':>5} {'prec':>7} {'cover':>7} {'misses (class)':40} {'meta':6} "
          f"{'wall':>7} {'cpu':>7} {'wall':>6} {'cpu':>6}")
    for r in rows:
        prec = r["found"] / r["prose"] if r["prose"] else 1.0
        cov = r["covered"] / r["web"] if r["web"] else 1.0
        miss = ", ".join(f"{k} {v}" for k, v in sorted(r["misses"].items())) or "-"
        meta = "ok" if all(r["meta"].values()) else ",".join(k for k, v in r["meta"].items() if not v)
        print(f"{r['code']:10} {r['pages']:5} {prec:7.1%} {cov:7.1%} {miss[:40]:40} {meta:6} "
              f"{r['seconds'] / r['pages']:7.3f} {r['cpu'] / r['pages']:7.3f} "
              f"{r['seconds'] / r['bare']:6.2f} {r['cpu'] / max(r['bare_cpu'], 1e-9):6.2f}")
    prose = sum(r["prose"] for r in rows)
    found = sum(r["found"] for r in rows)
    web = sum(r["web"] for r in rows)
    covered = sum(r["covered"] for r in rows)
    misses = sum((r["misses"] for r in rows), Counter())
    meta_bad = [f"{r['code']}:{k}" for r in rows for k, v in r["meta"].items() if not v]
    infocus = [r for r in rows if r["kind"] == "in-focus" and r["pages"] <= 3]
    long = [r for r in rows if r["pages"] >= 25]
    secs = sum(r["seconds"] for r in rows)
    bare = sum(r["bare"] for r in rows)
    cpu = sum(r["cpu"] for r in rows)
    bare_cpu = sum(r["bare_cpu"] for r in rows)

    def goal(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    print()
    print(f"{'measure':44} {'now':>22} {'goal':>12}")
    p = found / prose if prose else 1
    print(f"{'precision (captured sentences in web text)':44} {p:22.2%} {'>= 99%':>12} {goal(p >= 0.99)}")
    print(f"{'  misses by class':44} {', '.join(f'{k} {v}' for k, v in sorted(misses.items())) or '-':>22}")
    print(f"{'  splices':44} {misses.get('splice', 0):22} {'0':>12} {goal(misses.get('splice', 0) == 0)}")
    suspects, alarms = sum(r["suspects"] for r in rows), sum(r["false_alarms"] for r in rows)
    print(f"{'self-check: suspect paragraphs (false alarms)':44} {f'{suspects} ({alarms})':>22}")
    c = covered / web if web else 1
    print(f"{'coverage (web sentences in capture)':44} {c:22.2%} {'>= 97%':>12} {goal(c >= 0.97)}")
    print(f"{'metadata wrong (title, date, code, series)':44} {len(meta_bad):22} {'0':>12} {goal(not meta_bad)}")
    if meta_bad:
        print(f"{'  ':44} {' '.join(meta_bad)}")

    def timed(label: str, wall: float, cpu_: float, limit: float, fmt: str = ".2f") -> None:
        now = f"{wall:{fmt}} wall {cpu_:{fmt}} cpu"
        print(f"{label:44} {now:>22} {'<= ' + str(limit):>12} wall {goal(wall <= limit)}, cpu {goal(cpu_ <= limit)}")

    if infocus:
        timed("3-page In Focus, slowest (s)", max(r["seconds"] for r in infocus), max(r["cpu"] for r in infocus), 0.5)
    if long:
        timed("30-page report (s, median s/page x 30)",
              statistics.median(r["seconds"] / r["pages"] * 30 for r in long),
              statistics.median(r["cpu"] / r["pages"] * 30 for r in long), 5)
    timed("reader / bare extract_text (whole corpus)", secs / bare if bare else 0,
          cpu / bare_cpu if bare_cpu else 0, 1.5)
    print(f"{'  seconds: reader, bare (wall)':44} {secs:11.1f} {bare:10.1f}")
    print(f"{'  seconds: reader, bare (cpu)':44} {cpu:11.1f} {bare_cpu:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
