"""Benchmark of editions: what ``briefgen update`` proposes, against the hand-made dossier, and speed.

Not a test (pytest does not collect it). Run from the repository root::

    .venv/bin/python tests/bench_update.py          # also part of `make bench`

Quality -- the proposals for IF12100 from the May 2, 2022 edition to the Sept. 13, 2023 edition
(the edition's sentences in the publisher's words where a faithful capture gives them) are compared
with the reviewed change entries of content/china-russia/changes.yaml:

* *recovered*: a change entry is recovered when a proposal of the same kind quotes the same
  sentence of the newer edition (added, changed) or of the older one (dropped). Goal: every entry.
* *typography-only*: proposals whose two sides differ only in typography (quote marks, dashes,
  ``U.S.`` vs ``US``, serial commas, hyphens, spacing, case). Goal: none.
* *top three*: the three highest-ranked proposals are the whole-sentence additions of the entries
  (Russia's reliance, the North Korea veto, the IF11885 cross-reference). Goal: yes.

Speed -- ``briefgen update`` of china-russia with a made-up later edition (the 2023 text with one
number, one word and one sentence changed) in a fresh process, on a copy of the content folder;
exit status 1 (stale claims remain) expected.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefgen.content.align import typography  # noqa: E402
from briefgen.content.load import load_one  # noqa: E402
from briefgen.update.propose import edition_sentences, propose  # noqa: E402

DOSSIER = ROOT / "content" / "china-russia"


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", typography(text))


def later_edition(text: str) -> str:
    """The 2023 capture with a date, a word and a sentence changed: a stand-in for a later edition."""
    text = text.replace("Military cooperation between the PRC and Russia is significant",
                        "Military cooperation between the PRC and Russia is extensive")
    text = text.replace("In 2019, PRC and Russian leaders", "In 2020, PRC and Russian leaders")
    text = text.replace(" In 2022, the PRC joined Russia in vetoing a U.S.-led draft U.N. resolution that would "
                        "have tightened sanctions against North Korea over its missile launches.", "")
    return text.replace("Sept. 13, 2023", "March 1, 2024")


def quality() -> dict:
    dossier = load_one(DOSSIER)
    old_id, new_id = dossier.ordered[-2], dossier.ordered[-1]
    proposals = propose(edition_sentences(dossier, old_id), edition_sentences(dossier, new_id))
    recovered, missed = [], []
    for change in dossier.current_changes:
        side = "old" if change.kind == "dropped" else "new"
        edition = old_id if side == "old" else new_id
        quotes = [_key(s.quote) for s in change.sources if s.edition == edition]
        hit = None
        for rank, p in enumerate(proposals, 1):
            sentence = getattr(p, side)
            if p.kind == change.kind and sentence and any(q in _key(sentence.text) for q in quotes):
                hit = rank
                break
        (recovered if hit else missed).append((change.id, hit))
    typo = [p for p in proposals if p.old and p.new and _key(p.old.text) == _key(p.new.text)]
    additions = {c.id for c in dossier.current_changes if c.kind == "added"}
    top3 = sorted(r for cid, r in recovered if cid in additions)
    return {"proposals": proposals, "recovered": recovered, "missed": missed, "typo": typo,
            "changes": len(dossier.current_changes), "top3": top3 == [1, 2, 3] and len(additions) == 3,
            "additions": len(additions)}


def speed() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(DOSSIER, content / "china-russia")
        report = Path(tmp) / "if12100-later.txt"
        report.write_text(later_edition((DOSSIER / "sources/crs-if12100-2023-09-13.txt").read_text()))
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "briefgen.cli", "update", "china-russia", str(report),
                               "--content", str(content)], capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t0
        first = proc.stdout.splitlines()[0] if proc.stdout else proc.stderr.strip()[-200:]
        return {"wall": wall, "exit": proc.returncode, "summary": first}


def main() -> int:
    q = quality()
    s = speed()
    print("\n## update: proposals for IF12100, May 2, 2022 -> Sept. 13, 2023, against changes.yaml\n")
    print("| measure | result | goal |")
    print("|---|---|---|")
    print(f"| change entries recovered | {len(q['recovered'])}/{q['changes']} "
          f"(ranks {', '.join(f'{c}: {r}' for c, r in q['recovered'])}) | all |")
    print(f"| proposals in all | {len(q['proposals'])} ({sum(p.unverified for p in q['proposals'])} unverified: "
          "old side only in a reworded capture) | |")
    print(f"| typography-only proposals | {len(q['typo'])} | 0 |")
    print(f"| whole-sentence additions ranked 1-3 | {'yes' if q['top3'] else 'no'} ({q['additions']} additions) "
          "| yes |")
    if q["missed"]:
        print(f"\nmissed: {', '.join(c for c, _ in q['missed'])}")
    print(f"\n## update: speed (fresh process)\n\n| case | wall | exit | report |\n|---|---|---|---|\n"
          f"| later edition of china-russia (txt) | {s['wall']:.2f} s | {s['exit']} | {s['summary']} |")
    goals = [("every change entry recovered", not q["missed"]), ("no typography-only proposal", not q["typo"]),
             ("the three whole-sentence additions rank first", q["top3"]), ("update exits 1 (stale)", s["exit"] == 1)]
    print()
    for label, ok in goals:
        print(f"{'met    ' if ok else 'NOT MET'}  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
