"""Editions: capture provenance in `briefgen check`, honest citing in briefs, and `briefgen update`."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from briefgen.compose.catalog import load_catalog
from briefgen.check import check
from briefgen.content.load import load_one
from briefgen.compose.select import context, initial_plan
from conftest import ROOT, run_briefgen

NEWER = "sources/crs-if12100-2023-09-13.txt"


def edit(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


def problems(content: Path, strict: bool = False) -> dict[str, list[str]]:
    report = check(content, "china-russia", strict=strict)
    p = report.problems
    return {"errors": [str(x) for x in p.errors], "warnings": [str(x) for x in p.warnings],
            "notes": [str(x) for x in p.notes]}


def tree(folder: Path) -> dict[str, str]:
    return {str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(folder.rglob("*")) if f.is_file()}


def later_edition(content: Path) -> str:
    """The 2023 capture with a date, a word and a sentence changed: a made-up later edition."""
    from bench_update import later_edition as made_up

    return made_up((content / "china-russia" / NEWER).read_text())


# --- capture provenance in check ----------------------------------------------------------------


def test_the_shipped_dossier_records_where_each_capture_came_from():
    d = load_one(ROOT / "content/china-russia")
    caps = {c.file: c for e in d.meta.editions for c in e.all_captures}
    assert caps["sources/crs-if12100-2022-05-02.txt"].origin == "repost"
    assert caps["sources/crs-if12100-2022-05-02.txt"].fidelity == "reworded"
    assert caps["sources/crs-if12100-2022-05-02-library-summary.txt"].partial


def test_check_finds_the_rewording_of_the_2022_repost_by_itself(content):
    meta = content / "china-russia/dossier.yaml"
    line = edit(meta, "          fidelity: reworded\n", "          fidelity: unknown\n")
    got = problems(content)
    assert got["errors"] == []
    (warning,) = [w for w in got["warnings"] if "fidelity" in w]
    assert warning.startswith(f"{meta}:{line}: dossier.editions[0].captures[1].fidelity: warning: ")
    assert "sources/crs-if12100-2022-05-02.txt" in warning and "mark it fidelity: reworded" in warning
    # every disagreeing sentence is reported, with its words: "fully" -> "completely" among them
    notes = [n for n in got["notes"] if "rewords" in n]
    assert len(notes) >= 5
    assert any("[-fully-] {+completely+}" in n for n in notes)
    assert any("[-falls short of-]" in n or "falls short of" in n for n in notes)


def test_two_captures_both_claiming_verbatim_but_disagreeing_is_an_error(content):
    edit(content / "china-russia/dossier.yaml", "          fidelity: reworded\n", "          fidelity: verbatim\n")
    (error,) = problems(content)["errors"]
    assert "are both marked verbatim but disagree in" in error
    assert "at most one is the publisher's wording" in error


def test_a_quote_from_the_repost_where_the_publisher_words_are_known_is_an_error(content):
    items = content / "china-russia/changes.yaml"
    line = edit(items, "quote: but has not fully overcome their historical strategic mistrust.",
                "quote: but has not completely overcome their historic strategic mistrust.")
    errors = problems(content)["errors"]
    (error,) = [e for e in errors if "re-poster's wording" in e]
    assert error.startswith(f"{items}:{line}: ")
    assert "the publisher's words (sources/crs-if12100-2022-05-02-library-summary.txt) are:" in error
    assert "has not fully overcome their historical strategic mistrust" in error


def test_quotation_marks_around_words_only_the_repost_has_is_an_error(content):
    changes = content / "china-russia/changes.yaml"
    edit(changes, "edition said it “has not fully overcome” it.", "edition said it “has not completely overcome” it.")
    errors = problems(content)["errors"]
    assert any("“has not completely overcome” in quotation marks as the report's words" in e
               and "crs-if12100-2022-05-02.txt, a reworded capture" in e for e in errors), errors


def test_a_wording_change_resting_on_the_repost_needs_unverified(content):
    changes = content / "china-russia/changes.yaml"
    text = changes.read_text()
    block = text[text.index("  - id: military-wording"):]
    assert "unverified: true" in block
    changes.write_text(text.replace(block, block.replace("    unverified: true\n", "", 1)))
    (error,) = problems(content)["errors"]
    assert "change 'military-wording' rests on the reworded capture of edition '2022-05-02'" in error
    assert "mark it unverified: true" in error


def test_the_fixed_dossier_is_clean_and_quotes_the_publisher_where_known():
    got = problems(ROOT / "content")
    assert got["errors"] == [] and got["warnings"] == []
    d = load_one(ROOT / "content/china-russia")
    library = (ROOT / "content/china-russia/sources/crs-if12100-2022-05-02-library-summary.txt").read_text()
    library = " ".join(library.split())
    from briefgen.content.captures import quotable

    # every 2022 quote is either the library's (CRS's) words or flagged as resting on the re-post
    owners = [*d.items, *d.timeline, *d.glossary, *d.changes, *d.what_to_watch]
    for owner in owners:
        for s in owner.sources:
            if s.edition == "2022-05-02" and " ".join(s.quote.split()) not in library:
                assert not quotable(d, s) and getattr(owner, "unverified", True) is not False or \
                    getattr(owner, "kind", "") in ("added", "dropped"), (owner.id, s.quote)


# --- briefs --------------------------------------------------------------------------------------


def _contexts(folder: Path):
    catalog = load_catalog(ROOT / "templates/catalog.yaml")
    d = load_one(folder)
    for a_id, audience in catalog.audiences.items():
        for l_id, length in catalog.lengths.items():
            layout = catalog.layout(a_id, l_id)
            yield a_id, l_id, context(d, a_id, audience, l_id, length, layout, initial_plan(d, audience, layout))


def test_the_what_changed_box_names_the_previous_edition_and_marks_unverified_changes():
    for audience, length, ctx in _contexts(ROOT / "content/china-russia"):
        if not ctx["changes"]:
            continue
        assert ctx["dossier"]["previous"]["label"] == "May 2, 2022"
        flagged = {c["text"] for c in ctx["changes"] if c["unverified"]}
        assert all("military" not in t.lower() or t in flagged for t in (c["text"] for c in ctx["changes"]))


def test_notes_citing_the_reworded_edition_say_it_is_a_repost(content):
    shown = []
    for audience, length, ctx in _contexts(content / "china-russia"):
        for item in ctx["items"]:
            if "May 2, 2022" in item["cite"] and "updated" not in item["cite"]:
                shown.append(item["cite"])
    # a note that rests only on the 2022 edition never quotes the re-post's words as CRS's
    repost = " ".join((content / "china-russia/sources/crs-if12100-2022-05-02.txt").read_text().split())
    library = " ".join((content / "china-russia/sources/crs-if12100-2022-05-02-library-summary.txt").read_text().split())
    for cite in shown:
        for quoted in re.findall(r"“([^”]{20,})", cite):
            q = quoted.rstrip("…").strip()
            assert q in library or q not in repost, cite


def test_a_one_edition_dossier_shows_no_what_changed_box_anywhere(content):
    d = content / "china-russia"
    meta = d / "dossier.yaml"
    text = meta.read_text()
    start = text.index("    - id: 2022-05-02")
    end = text.index("    - id: 2023-09-13")
    meta.write_text(text[:start] + text[end:])
    # with one edition, its quotes of 2022 must go: keep only 2023 sources
    import yaml

    for f in d.glob("*.yaml"):
        if f.name == "dossier.yaml":
            continue
        data = yaml.safe_load(f.read_text())
        if "changes" in data:
            f.unlink()
            continue
        for section, value in data.items():
            for entry in value if isinstance(value, list) else [value]:
                if isinstance(entry, dict) and "sources" in entry:
                    kept = [s for s in entry["sources"] if str(s["edition"]) != "2022-05-02"]
                    entry["sources"] = kept or [{"edition": "2023-09-13", "quote": "The PRC and Russia"
                                                 " often cooperate and coordinate in multilateral settings"}]
        f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    for audience, length, ctx in _contexts(d):
        assert ctx["changes"] == [], (audience, length)


def test_changes_between_older_editions_are_history_not_shown(content):
    d = load_one(content / "china-russia")
    assert {c.id for c in d.current_changes} == {c.id for c in d.changes}
    assert all(d.span(c) == ("2022-05-02", "2023-09-13") for c in d.changes)


# --- briefgen update -----------------------------------------------------------------------------


def test_update_adds_the_edition_lists_stale_claims_and_proposes_changes(content, tmp_path):
    report = tmp_path / "if12100-2024.txt"
    report.write_text(later_edition(content))
    folder = content / "china-russia"
    before = tree(folder)
    proc = run_briefgen("update", "china-russia", str(report), "--content", str(content))
    assert proc.returncode == 1, proc.stderr  # stale claims remain
    assert proc.stderr == ""
    out = proc.stdout
    assert out.splitlines()[0].startswith("edition 2024-03-01 added;")
    assert "5 stale; 3 proposed changes since 2023-09-13" in out.splitlines()[0]
    for label in ("item 'north-korea-veto'", "timeline event '2019:", "timeline event '2022: Joint veto"):
        assert label in out
    # the 2019 event's closest sentence is found, with the changed date first
    (line,) = [l for l in out.splitlines() if l.startswith("timeline event '2019:")]
    assert "[-2019-] {+2020+}" in line and "[date]" in line
    # proposals: the dropped sentence, then the date, then the word
    rows = [l for l in out.splitlines() if re.match(r"\d+\s+(added|dropped|changed)\s", l)]
    assert [r.split()[1] for r in rows] == ["dropped", "changed", "changed"]
    assert "date" in rows[1] and "wording" in rows[2]

    after = tree(folder)
    assert after["sources/if12100-2024.txt"] == hashlib.sha256(report.read_bytes()).hexdigest()
    assert after["changes.yaml"] == before["changes.yaml"]  # hand-written content untouched
    for name in before:
        if name != "dossier.yaml":
            assert after[name] == before[name], name
    meta = (folder / "dossier.yaml").read_text()
    assert 'id: "2024-03-01"' in meta and "as_of: 2024-03-01" in meta
    proposal = (folder / "review/changes-2023-09-13-to-2024-03-01.yaml").read_text()
    assert "In 2020, PRC and Russian leaders" in proposal and "kind: dropped" in proposal
    md = (folder / "review/update-2024-03-01.md").read_text()
    assert md.startswith("# Update of china-russia: edition 2024-03-01") and "## Stale claims" in md

    # the updated dossier loads; the 2022->2023 changes stay as history, no box until reviewed
    d = load_one(folder)
    assert d.ordered[-1] == "2024-03-01" and d.current_changes == []
    assert problems(content)["errors"] == []


def test_update_write_puts_the_proposals_into_changes_yaml(content, tmp_path):
    report = tmp_path / "if12100-2024.txt"
    report.write_text(later_edition(content))
    proc = run_briefgen("update", "china-russia", str(report), "--content", str(content), "--write")
    assert proc.returncode == 1, proc.stderr
    d = load_one(content / "china-russia")
    assert [c.kind for c in sorted(d.current_changes, key=lambda c: c.priority)] == ["dropped", "changed", "changed"]
    assert problems(content)["errors"] == []


def test_update_exits_0_when_nothing_is_stale(content, tmp_path):
    text = (content / "china-russia" / NEWER).read_text()
    text = text.replace("Sept. 13, 2023", "March 1, 2024").replace(
        "Both governments express opposition to the use of unilateral sanctions as tools of policy.",
        "Both governments express opposition to the use of unilateral sanctions as tools of policy. "
        "The two governments held further talks on these questions.")
    report = tmp_path / "if12100-2024.txt"
    report.write_text(text)
    # BRICS is spelled out only in the 2022 edition: stale already; drop it so nothing is
    glossary = content / "china-russia/glossary.yaml"
    g = glossary.read_text()
    start = g.index("  - term: BRICS")
    glossary.write_text(g[:start] + g[g.index("  - term:", start + 5):])
    proc = run_briefgen("update", "china-russia", str(report), "--content", str(content))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 stale; 1 proposed changes" in proc.stdout


@pytest.mark.parametrize("case", ["identical", "duplicate-date", "unreadable", "no-date", "no-dossier",
                                  "interleaved"])
def test_update_refuses_bad_input_with_a_message_and_changes_nothing(content, tmp_path, case):
    folder = content / "china-russia"
    report = tmp_path / "report.txt"
    dossier = "china-russia"
    if case == "identical":
        report.write_bytes((folder / NEWER).read_bytes())
        expect = "identical to sources/crs-if12100-2023-09-13.txt, a capture of edition '2023-09-13'"
    elif case == "duplicate-date":
        report.write_text(later_edition(content).replace("March 1, 2024", "Sept. 13, 2023"))
        expect = "already has an edition dated 2023-09-13"
    elif case == "unreadable":
        report = tmp_path / "report.pdf"
        report.write_bytes(b"%PDF-1.7\n this is not a PDF at all \x00\x01\x02")
        expect = "report.pdf"
    elif case == "interleaved":
        # what a naive PDF-to-text gives for a two-column In Focus: each line runs across both
        # columns ("…maintain a strategic and part, to reflect…"); it proposed 43 "changes"
        import pdfplumber

        with pdfplumber.open(ROOT / "tests/data/reports/if12100-infocus-weasyprint.pdf") as pdf:
            report.write_text("\n".join(page.extract_text() for page in pdf.pages))
        expect = "its lines interleave two columns of a page (lines "
    elif case == "no-date":
        report.write_text("China and Russia\n\nThe two countries talk often. They trade a great deal.\n")
        expect = "no report date found"
    else:
        dossier = "no-such-dossier"
        report.write_text(later_edition(content))
        expect = "no dossier 'no-such-dossier' in "
    before = tree(content)
    proc = run_briefgen("update", dossier, str(report), "--content", str(content))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert expect in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert tree(content) == before


def test_update_accepts_an_older_edition_and_says_so(content, tmp_path):
    text = later_edition(content).replace("March 1, 2024", "Jan. 10, 2023")
    report = tmp_path / "if12100-2023-01.txt"
    report.write_text(text)
    proc = run_briefgen("update", "china-russia", str(report), "--content", str(content))
    assert proc.returncode in (0, 1), proc.stderr
    assert "before the newest edition" in proc.stdout + proc.stderr
    # it names the edition it added by the date it used (it said "edition 2023-09-13 added")
    assert proc.stdout.splitlines()[0].startswith("edition 2023-01-10 added (older than 2023-09-13);")
    d = load_one(content / "china-russia")
    assert d.ordered == ["2022-05-02", "2023-01-10", "2023-09-13"]
    assert "as_of: 2023-09-13" in (content / "china-russia/dossier.yaml").read_text()


def test_a_date_line_is_not_an_editions_title(content, tmp_path):
    """A capture that opens with its date line kept "Updated February 24, 2023" as the title."""
    text = later_edition(content).replace("March 1, 2024", "February 24, 2023")
    body = text[text.index("The People’s Republic of China"):]
    report = tmp_path / "if12100-2023-02.txt"
    report.write_text(f"Updated February 24, 2023\n\nChina-Russia Relations\n\n{body}")
    proc = run_briefgen("update", "china-russia", str(report), "--content", str(content))
    assert proc.returncode in (0, 1), proc.stderr
    assert load_one(content / "china-russia").edition("2023-02-24").title == "China-Russia Relations"


def test_a_same_date_version_is_an_edition_of_its_own_named_by_version(content, tmp_path):
    """CRS re-issues a version with corrections under the same date; both can be added, the
    later version named by its number and ordered after the first."""
    text = later_edition(content)
    first = tmp_path / "if12100-v4.txt"
    first.write_text(text + "\n\nIF12100 · VERSION 4 · UPDATED\n")
    assert run_briefgen("update", "china-russia", str(first), "--content", str(content)).returncode in (0, 1)
    second = tmp_path / "if12100-v5.txt"
    second.write_text(text.replace("is extensive", "is very extensive") + "\n\nIF12100 · VERSION 5 · UPDATED\n")
    proc = run_briefgen("update", "china-russia", str(second), "--content", str(content))
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout.startswith("edition 2024-03-01-v5 added;")
    d = load_one(content / "china-russia")
    assert d.ordered[-2:] == ["2024-03-01", "2024-03-01-v5"] and d.latest.id == "2024-03-01-v5"
    # the same version again is refused, in one line
    again = tmp_path / "if12100-v5b.txt"
    again.write_text(text.replace("is extensive", "is rather extensive") + "\n\nIF12100 · VERSION 5 · UPDATED\n")
    proc = run_briefgen("update", "china-russia", str(again), "--content", str(content))
    assert proc.returncode == 2 and "already has an edition dated 2024-03-01 version 5" in proc.stderr


def test_proposed_changes_go_through_the_wording_lint():
    from briefgen.update import lint_proposals

    quote = "The direction of the bilateral relationship appears, in part, to reflect close personal ties."
    changes = [{"#": "rank 1: changed", "id": "changed-direction", "kind": "changed",
                "text": "The direction of the bilateral relationship reflects close personal ties.",
                "sources": [{"edition": "2023-09-13", "quote": quote}]},
               {"#": "rank 2: added", "id": "added-direction", "kind": "added", "text": f"Adds: “{quote}”",
                "sources": [{"edition": "2023-09-13", "quote": quote}]}]
    found = lint_proposals(changes)
    assert [cid for cid, _ in found] == ["changed-direction"]
    assert "'appears'" in found[0][1] and "wording: drops the hedge" in changes[0]["#"]
    assert "wording" not in changes[1]["#"]


def test_the_what_changed_heading_names_the_previous_edition_by_its_date(content, tmp_path):
    """An edition label such as "updated May 2, 2022" reads well in citations and the running
    foot; the box heading names the edition by its date ("since the May 2, 2022 edition", not
    "since the updated May 2, 2022 edition")."""
    from briefgen.build import BuildOptions, build

    edit(content / "china-russia/dossier.yaml", "label: May 2, 2022", "label: updated May 2, 2022")
    out = tmp_path / "out"
    build(BuildOptions(content=content, output=out, audience="staff", length="two-page", format="html"))
    html = (out / "china-russia/china-russia-staff-two-page.html").read_text()
    assert "What changed since the May 2, 2022 edition</h2>" in html
    assert "updated May 2, 2022 edition" not in html and "updated May 2, 2022" in html
