"""The preview page: the brief's pages as they will print, its budgets, fit and problems.

The page is itself accessible (landmarks, headings, alt text, a live region for problems) and
loads nothing from outside the preview server. It reloads itself when the server announces a
new render (Server-Sent Events on ``/events``).
"""

from __future__ import annotations

import re
from html import escape, unescape

from .render import Snapshot

CSS = """
body { margin: 0; overflow-anchor: none; font: 15px/1.4 Carlito, Calibri, "Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #d9dee4; }
header { position: sticky; top: 0; z-index: 1; background: #1f3a5f; color: #ffffff; padding: 0.5rem 1rem; }
header h1 { font-size: 1.05rem; margin: 0; }
header p { margin: 0.15rem 0 0; }
header a { color: #ffffff; font-weight: bold; margin-right: 0.8rem; }
.fit-ok { color: #c9f2c9; } .fit-bad { color: #ffd7d7; }
main { padding: 1rem; }
.problems { background: #fff4e5; color: #1a1a1a; border: 2px solid #8a5a00; padding: 0.4rem 0.8rem; margin: 0.4rem 0 0; max-height: 40vh; overflow: auto; }
.problems h2 { font-size: 1rem; margin: 0 0 0.3rem; color: #6b4500; }
.problems pre { margin: 0; white-space: pre-wrap; font: 13px/1.35 "Liberation Mono", monospace; }
.facts { max-width: 60rem; margin: 0 auto 1rem; background: #ffffff; padding: 0.5rem 1rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 1.5rem; }
.facts div { min-width: 0; }
.facts h2 { font-size: 1rem; margin: 0.2rem 0; }
.facts p { margin: 0; font-size: 0.85rem; color: #404040; }
.facts ul { margin: 0.2rem 0 0.4rem; padding-left: 1.2rem; }
.drafts { grid-column: 1 / -1; }
.legend { margin: 0.2rem 0; }
.drafted, .swatch-drafted { background: #efe4fb; color: #3b1d5e; border-left: 4px solid #6b3fa0; padding: 0 0.3rem; }
.swatch-person { background: #ffffff; color: #1a1a1a; border-left: 4px solid #1a1a1a; padding: 0 0.3rem; }
.pages { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: center; }
.pages img { width: min(100%, 8.5in); background: #ffffff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.35); }
"""

SCRIPT = """
(function () {
  var version = Number(document.body.dataset.version);
  // After a reload, scroll to where the reader was, by our hand: the browser's own restoring
  // (and scroll anchoring) moved the page down by the height of a new problem banner, so the
  // sticky header covered the top of what was under it.
  var key = 'briefgen-preview-scroll';
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  var saved = Number(sessionStorage.getItem(key) || 0);
  sessionStorage.removeItem(key);
  window.scrollTo(0, saved);
  var checks = document.getElementById('checks');
  if (checks && checks.dataset.pending) {
    fetch('/checks').then(function (r) { return r.json(); }).then(function (data) {
      if (data.version !== version) return;
      checks.textContent = '';
      (data.checks.length ? data.checks : [checks.dataset.none]).forEach(function (text) {
        var li = document.createElement('li'); li.textContent = text; checks.appendChild(li);
      });
      delete checks.dataset.pending;
    });
  }
  function reload() { sessionStorage.setItem(key, String(window.scrollY)); window.location.reload(); }
  if (window.EventSource) {
    var source = new EventSource('/events?since=' + version);
    source.onmessage = function (event) { if (Number(event.data) > version) { source.close(); reload(); } };
  } else {
    setInterval(function () {
      fetch('/version').then(function (r) { return r.text(); }).then(function (v) { if (Number(v) > version) reload(); });
    }, 500);
  }
})();
"""


NO_FINDINGS = "no problems found"


def _fit_facts(snap: Snapshot) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(heading, what it means, entries) of each thing the fit loop did to reach the budget."""
    return (
        ("Dropped by the fit loop", "Items left out so that the brief fits its budget.", snap.dropped),
        ("Shortened by the fit loop", "Items shown shorter than planned (one sentence instead of the "
         "paragraph, or the headline alone) so that the brief fits.", snap.shortened),
        ("Trimmed by the fit loop", "Lists cut short so that the brief fits: entries shown of those written.",
         snap.trimmed),
    )


def _size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG image (its IHDR chunk)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


_DRAFTED = re.compile(r'<span class="drafted">(.*?)</span>', re.S)


def drafted_texts(html: str) -> list[str]:
    """The machine-drafted, unreviewed passages a brief shows (templates mark them
    ``<span class="drafted">``), in reading order, each once."""
    out: list[str] = []
    for m in _DRAFTED.finditer(html):
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", m.group(1))).split())
        if text and text not in out:
            out.append(text)
    return out


def _drafts_panel(snap: Snapshot) -> str:
    drafted = drafted_texts(snap.html) if snap.rendered_ok else []
    if not drafted:
        return ""
    items = "".join(f'<li><span class="drafted">{escape(t)}</span></li>' for t in drafted)
    return ('<div class="drafts"><h2>Machine drafts on this brief (not reviewed)</h2>'
            '<p class="legend"><span class="swatch-drafted">Purple</span>: drafted by briefgen from the report’s '
            'sentence; check each against its quote, then edit it or delete its line under '
            '<code>drafted:</code>. <span class="swatch-person">White</span>: text a person wrote or reviewed '
            f'(not listed).</p><ul>{items}</ul></div>')


def preview_page(snap: Snapshot) -> str:
    """The preview page for a snapshot, as HTML text."""
    e = escape
    if snap.rendered_ok:
        fits = snap.used_pages <= snap.budget_pages
        words = f"{snap.words} words" + (f" of {snap.budget_words}" if snap.budget_words else " (no word budget)")
        status = (f'<p><span class="{"fit-ok" if fits else "fit-bad"}">{"Fits" if fits else "Over budget"}</span>: '
                  f'{len(snap.pages)} page{"s" * (len(snap.pages) != 1)} of {snap.budget_pages} '
                  f'({snap.used_pages:.2f} used) · {e(words)} · {snap.renders} layout render'
                  f'{"s" * (snap.renders != 1)} in {snap.seconds:.2f} s</p>')
        links = (f'<p><a href="/files/{e(snap.name)}.pdf">PDF</a><a href="/files/{e(snap.name)}.docx">DOCX</a>'
                 f'<span>render {snap.number}</span></p>')
    else:
        status, links = "<p>No render yet.</p>", ""
    problems = ""
    if snap.problems:
        shown = "older render shown below" if snap.rendered_ok else "nothing rendered yet"
        problems = (f'<section class="problems" role="alert" aria-labelledby="problems-h"><h2 id="problems-h">'
                    f'The latest save did not render ({shown})</h2><pre>{e(chr(10).join(snap.problems))}</pre></section>')
    facts = []
    for title, why, entries in _fit_facts(snap):
        items = "".join(f"<li>{e(x)}</li>" for x in entries) or "<li>none</li>"
        facts.append(f"<div><h2>{title}</h2><p>{why}</p><ul>{items}</ul></div>")
    if snap.rendered_ok:
        checks = ("".join(f"<li>{e(x)}</li>" for x in snap.checks) or f"<li>{NO_FINDINGS}</li>") if snap.finished \
            else "<li>checking…</li>"
        facts.append(f'<div><h2>Accessibility (PDF)</h2><p>What the build\'s accessibility rules find in the PDF.</p>'
                     f'<ul id="checks" aria-live="polite" data-none="{NO_FINDINGS}" '
                     f'data-pending="{"" if snap.finished else "1"}">{checks}</ul></div>')
    panel = _drafts_panel(snap)
    if panel:
        facts.insert(0, panel)
    pages = "".join(
        f'<img src="/page/{n}.png?v={snap.version}" alt="Page {n} of {len(snap.pages)} of the brief as it will '
        f'print (the PDF link above has its text)" width="{w}" height="{h}">'
        for n, (w, h) in enumerate((_size(png) for png in snap.pages), 1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: {e(snap.label or snap.name or "briefgen")}</title>
<style>{CSS}</style>
</head>
<body data-version="{snap.version}">
<header>
<h1>Preview: {e(snap.label or "briefgen")}</h1>
{status}
{links}
{problems}
</header>
<main>
<section class="facts" aria-label="Fit and checks">{"".join(facts)}</section>
<section class="pages" aria-label="Pages">{pages}</section>
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""
