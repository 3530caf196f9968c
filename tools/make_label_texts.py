"""Write the prose texts that the hand labels in tests/data/labels/ are checked against.

For each tests/data/labels/<CODE>.yaml this reads the product's web-page capture,
<corpus>/markdown/<kind>/<CODE>v<version>-*.md (ProfAmiot/crs-reports, CRS's own text), and writes
tests/data/labels/texts/<CODE>.txt: line 1 the title, line 2 the date line as the page prints it
("Updated April 9, 2026"), then one paragraph, heading, list item or table row per line, from the
first line after the page's "Listen" bar up to (not including) "# Footnotes" or "Disclaimer:".
Links "[text](url)" become "text"; markdown emphasis (*, **, _x_) is dropped; runs of blanks become
one space. The page's own chrome (navigation, overview table, contents, figure and table lists,
footnotes, disclaimer) is left out. Nothing else is changed: a space lost next to a link in the
capture ("from[2024](url)" -> "from2024") stays lost, as the page has it.

    .venv/bin/python tools/make_label_texts.py            # write the texts
    .venv/bin/python tools/make_label_texts.py --check    # exit 1 if a committed text differs
    .venv/bin/python tools/make_label_texts.py --corpus /work/corpus

The corpus is not in the repository (nor in CI); the texts are committed. CRS texts are U.S.
government works, in the public domain (see tests/data/labels/README.md).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "labels"
KIND_DIRS = {"in-focus": "in-focus", "insight": "insights", "legal-sidebar": "sidebars", "report": "reports"}

_DATELINE = re.compile(r"((?:Updated )?[A-Z][a-z]+ \d{1,2}, \d{4})\s*\([A-Z]+\d+\)\s*$")
_PAGE_LISTS = re.compile(r"^# (Contents|Figures|Tables|Appendixes)\s*$")
_EMPHASIS_UNDERSCORE = re.compile(r"__+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")


def _closing(text: str, start: int, open_ch: str, close_ch: str) -> int:
    """Index of the bracket closing the one at text[start], or -1."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == open_ch:
            depth += 1
        elif text[i] == close_ch:
            depth -= 1
            if depth == 0:
                return i
    return -1


def strip_links(text: str) -> str:
    """"[text](url)" -> "text" (nested brackets in the text and parentheses in the URL are
    balanced); a bracket that is not a link ("[r]egardless") is kept."""
    out = []
    i = 0
    while i < len(text):
        if text[i] == "[":
            end = _closing(text, i, "[", "]")
            if end != -1 and end + 1 < len(text) and text[end + 1] == "(":
                url_end = _closing(text, end + 1, "(", ")")
                if url_end != -1:
                    # A URL with an unbalanced ")" ("#:~:text=3)(A)%20applies)") closes too
                    # early: URLs here have no blanks, so it runs to the last ")" before one.
                    after = text[url_end + 1:]
                    rest = after.split(maxsplit=1)[0] if after[:1].strip() else ""
                    if rest[:1] in ("(", "%") and "[" not in rest and ")" in rest:
                        url_end += 1 + rest.rindex(")")
                    out.append(strip_links(text[i + 1:end]))
                    i = url_end + 1
                    continue
        out.append(text[i])
        i += 1
    return "".join(out)


def clean_line(line: str) -> str:
    text = strip_links(line).replace("*", "")
    text = _EMPHASIS_UNDERSCORE.sub("", text)
    return " ".join(text.split())


def page_text(markdown: str) -> str:
    """The product's prose text (see the module docstring) from its markdown capture."""
    lines = markdown.splitlines()
    title = next(l[2:].strip() for l in lines if l.startswith("# "))
    listen = next(i for i, l in enumerate(lines) if l.startswith("[Listen]("))
    # "[Listen](url)TitleUpdated April 9, 2026   (IF12106)": the date line follows the title.
    # In a Report the title and date are on the next line that is not blank.
    bar = clean_line(lines[listen]).removeprefix("Listen")
    if not bar:
        listen = next(i for i in range(listen + 1, len(lines)) if lines[i].strip())
        bar = clean_line(lines[listen])
    # The bar's title may differ from the page title ("15 Five-Year Plan" for "15th"): take
    # the date at its end.
    dateline = _DATELINE.search(bar).group(1)
    out = [title, dateline]
    skipping_list = False
    for raw in lines[listen + 1:]:
        stripped = raw.strip()
        if stripped == "# Footnotes" or stripped.startswith("Disclaimer:"):
            break
        if _PAGE_LISTS.match(stripped):
            skipping_list = True
            continue
        if skipping_list:
            if not stripped or stripped.startswith("- ["):
                continue
            skipping_list = False
        text = clean_line(raw)
        if text and text not in ("---", "|", "Jump to Main Text of Report"):
            out.append(text)
    return "\n".join(out) + "\n"


def markdown_file(corpus: Path, code: str, version: int, kind: str) -> Path:
    found = sorted((corpus / "markdown" / KIND_DIRS[kind]).glob(f"{code}v{version}-*.md"))
    if len(found) != 1:
        raise SystemExit(f"{code}: expected one markdown file for version {version}, found {len(found)}")
    return found[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpus"))
    parser.add_argument("--check", action="store_true", help="compare with the committed texts")
    args = parser.parse_args(argv)
    differ = 0
    for label_file in sorted(LABELS.glob("*.yaml")):
        label = yaml.safe_load(label_file.read_text(encoding="utf-8"))
        source = markdown_file(args.corpus, label["code"], label["version"], label["kind"])
        text = page_text(source.read_text(encoding="utf-8"))
        target = LABELS / "texts" / f"{label['code']}.txt"
        if args.check:
            same = target.exists() and target.read_text(encoding="utf-8") == text
            differ += not same
            print(f"{'same' if same else 'DIFFERS'}  {target.relative_to(ROOT)}  <- {source.name}")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}  <- {source.name}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
