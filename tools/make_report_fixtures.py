"""Regenerate the generated report-file fixtures in tests/data/reports/.

The source texts there (*.txt, committed by hand, provenance in the README) are the input;
everything else in that folder is made by this script, in one run:

    .venv/bin/python tools/make_report_fixtures.py

What it makes (see tests/data/reports/README.md for what each fixture tests):
- two-column PDFs in the layout of a CRS In Focus, by two producers: WeasyPrint (CSS
  columns, justified, auto-hyphenated) and LibreOffice (a python-docx .docx with a
  two-column section, converted by `soffice --headless`);
- HTML: a news re-poster's saved page around a report, and a bare <body><p> page;
- a styled .docx (Title, Heading 1, Heading 2, body) with core properties;
- bad inputs: scanned PDF (image only), encrypted PDF, truncated PDF, .docx files that are
  corrupt or empty, a Windows-1252 and a Latin-1 .txt, an empty .txt.

Needs the project virtualenv (weasyprint, python-docx, pdfplumber, pikepdf) and Debian's
poppler-utils (pdftoppm), qpdf and LibreOffice (soffice). Dates inside the files are fixed, so
a second run writes the same bytes (checked for every file by running this twice).
"""

from __future__ import annotations

import base64
import copy
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from pathlib import Path

import pdfplumber
import pikepdf
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from weasyprint import HTML

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "reports"
CRS_URL = "https://crsreports.congress.gov"


# --------------------------------------------------------------------------- source texts


@dataclass
class Report:
    """One report text: title block facts and body blocks, in reading order."""

    code: str  # CRS product code, e.g. "IF12100"
    version: int
    status: str  # "UPDATED" or "NEW", as in the CRS footer
    date_line: str  # "Updated September 13, 2023"
    date: datetime  # fixed metadata date of every file made from this report
    title: str
    blocks: list[tuple[str, str]]  # (kind, text); kind: heading | para | bullet | quote
    authors: list[str] = field(default_factory=list)  # "Name, Position" lines


def _paragraphs(text: str) -> list[str]:
    """Every non-empty line is one block (the texts keep a paragraph on one line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _blocks(paras: list[str], headings: set[str], quotes: set[str] = frozenset()) -> list:
    missing = (headings | set(quotes)) - set(paras)
    if missing:
        raise SystemExit(f"make_report_fixtures: headings/quotes not found in text: {missing}")
    blocks = []
    for p in paras:
        if p in headings:
            blocks.append(("heading", p))
        elif p in quotes:
            blocks.append(("quote", p))
        elif p.startswith("• "):
            blocks.append(("bullet", p[2:]))
        else:
            blocks.append(("para", p))
    return blocks


def load_if12100() -> Report:
    """CRS In Focus IF12100 (Sept. 13, 2023 update), from the re-poster capture that is a
    byte-identical copy of /work/shared/sources/crs-if12100-2023-09-13.txt: only the report
    part, from "The People’s Republic of China" up to (not including) "Download the document here."
    """
    text = (DATA / "crs-if12100-2023-09-13.txt").read_text(encoding="utf-8")
    start = text.index("The People’s Republic of China")
    end = text.index("Download the document here.")
    paras = _paragraphs(text[start:end])
    return Report(
        code="IF12100", version=3, status="UPDATED",
        date_line="Updated September 13, 2023",
        date=datetime(2023, 9, 13, 12, 0, tzinfo=timezone.utc),
        title="China-Russia Relations",
        blocks=_blocks(paras, {"Key Features of the Relationship"}),
    )


def _load_infocus(name: str, code: str, version: int, status: str, date: datetime,
                  headings: set[str], n_authors: int, quotes: set[str] = frozenset()) -> Report:
    """A text made from a CRS In Focus PDF: title, date line, body blocks, author lines."""
    paras = _paragraphs((DATA / name).read_text(encoding="utf-8"))
    title, date_line, body, authors = paras[0], paras[1], paras[2:-n_authors], paras[-n_authors:]
    return Report(code=code, version=version, status=status, date_line=date_line, date=date,
                  title=title, blocks=_blocks(body, headings, quotes), authors=authors)


def load_if12672() -> Report:
    return _load_infocus(
        "crs-if12672-2026-04-22-russia-nuclear-weapons.txt", "IF12672", 12, "UPDATED",
        datetime(2026, 4, 22, 12, 0, tzinfo=timezone.utc),
        {"Force Structure", "Doctrine and Employment Plans", "Russian Coercive Signaling",
         "Arms Control and Risk Reduction"}, n_authors=1)


def load_if12610() -> Report:
    return _load_infocus(
        "crs-if12610-2026-04-17-space-force.txt", "IF12610", 6, "UPDATED",
        datetime(2026, 4, 17, 12, 0, tzinfo=timezone.utc),
        {"Why the Space Force Was Created", "Space Force Mission and Functions",
         "Space Force Organization", "Space Force Budget", "Major Space Acquisition Programs",
         "Potential Considerations for Congress"}, n_authors=2)


USGS_QUOTE = ("[The Director of the USGS] shall have the direction of the United States Geological "
              "Survey, and the classification of the public lands and examination of the geological "
              "structure, mineral resources, and products of the national domain.")


def load_if13205() -> Report:
    return _load_infocus(
        "crs-if13205-2026-04-16-usgs-fy2027-budget.txt", "IF13205", 1, "NEW",
        datetime(2026, 4, 16, 12, 0, tzinfo=timezone.utc),
        {"Background", "FY2027 Budget Request", "Mission Area and Budget Line Funding",
         "Congressionally Directed Spending", "Issues for Congress"}, n_authors=1,
        quotes={USGS_QUOTE})


def load_disclaimer() -> str:
    """The standard CRS disclaimer (last page of every In Focus PDF), without its heading."""
    return _paragraphs((DATA / "crs-infocus-disclaimer.txt").read_text(encoding="utf-8"))[1]


# --------------------------------------------------------------------------- helpers

written: list[Path] = []


def write(path: Path, data: bytes, what: str) -> None:
    path.write_bytes(data)
    written.append(path)
    print(f"wrote {path.relative_to(DATA.parent.parent.parent)}  ({len(data):,} bytes)  {what}")


def run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"make_report_fixtures: {' '.join(cmd)} failed:\n{proc.stderr}")


def pdf_date(d: datetime) -> str:
    return d.strftime("D:%Y%m%d%H%M%SZ")


def footer_text(r: Report) -> str:
    return f"{CRS_URL} | {r.code} · VERSION {r.version} · {r.status}"


# --------------------------------------------------------------------------- WeasyPrint PDF

INFOCUS_CSS = """
@page {
  size: letter; margin: 0.62in 0.8in 0.72in 0.8in;
  @top-right { content: string(title); font: 8.5pt "Carlito", sans-serif; color: #1f4e79; }
  @bottom-center { content: "%(footer)s"; font: 8pt "Carlito", sans-serif; color: #1f4e79; }
  @bottom-right { content: counter(page); font: 8pt "Carlito", sans-serif; color: #1f4e79; }
}
@page :first { @top-right { content: none; } }
html { font: 10pt/1.22 "Liberation Serif", serif; color: #111; }
body { margin: 0; }
.band { display: flex; justify-content: space-between; align-items: flex-end;
        border-bottom: 2.5pt solid #1f4e79; padding-bottom: 5pt; }
.crs { font: bold 15pt "Liberation Serif", serif; color: #1f4e79; }
.crs small { display: block; font: italic 8pt "Carlito", sans-serif; color: #555; }
.mark { font: bold 14pt "Carlito", sans-serif; color: white; background: #1f4e79;
        padding: 3pt 10pt; letter-spacing: 0.5pt; }
.date { text-align: right; margin: 8pt 0 2pt; font-size: 9.5pt; }
h1 { string-set: title content(); font: bold 18pt/1.15 "Liberation Serif", serif;
     margin: 0 0 10pt; }
.cols { column-count: 2; column-gap: %(gap)s; text-align: justify; hyphens: auto; }
.cols h2 { font: bold 12.5pt "Carlito", sans-serif; color: #1f4e79; margin: 8pt 0 2pt;
           break-after: avoid; text-align: left; hyphens: manual; }
.cols p { margin: 0 0 7pt; orphans: 2; widows: 2; }
.cols ul { margin: 0 0 7pt; padding-left: 14pt; }
.cols li { margin: 0 0 4pt; }
.cols blockquote { margin: 0 12pt 7pt; }
.authors { margin-top: 10pt; font-size: 9.5pt; text-align: left; }
.authors b { font-weight: bold; }
.code { font-size: 8.5pt; text-align: right; margin: 4pt 0 0; }
.disclaimer { break-before: page; font-size: 9pt; text-align: left; hyphens: manual; }
.disclaimer h2 { font: bold 11pt "Carlito", sans-serif; margin: 14pt 0 4pt; }
"""


def blocks_html(blocks: list[tuple[str, str]], heading_tag: str = "h2") -> str:
    out, in_list = [], False
    for kind, text in blocks:
        if kind == "bullet" and not in_list:
            out.append("<ul>")
            in_list = True
        if kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        t = escape(text, quote=False)
        if kind == "heading":
            out.append(f"<{heading_tag}>{t}</{heading_tag}>")
        elif kind == "bullet":
            out.append(f"<li>{t}</li>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{t}</p></blockquote>")
        else:
            out.append(f"<p>{t}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def authors_html(r: Report) -> str:
    if not r.authors:
        return ""
    lines = []
    for a in r.authors:
        name, _, role = a.partition(", ")
        lines.append(f"<b>{escape(name)}</b>, <i>{escape(role)}</i>")
    return (f'<p class="authors">{"<br>".join(lines)}</p>'
            f'<p class="code">{r.code}</p>')


def infocus_html(r: Report, gap: str) -> str:
    stamp = r.date.strftime("%Y-%m-%dT%H:%M:%SZ")
    css = INFOCUS_CSS % {"footer": footer_text(r), "gap": gap}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(r.title)}</title>
<meta name="author" content="Congressional Research Service">
<meta name="dcterms.created" content="{stamp}">
<meta name="dcterms.modified" content="{stamp}">
<style>{css}</style></head>
<body>
<div class="band"><div class="crs">Congressional Research Service
<small>Informing the legislative debate since 1914</small></div><div class="mark">IN FOCUS</div></div>
<p class="date">{escape(r.date_line)}</p>
<h1>{escape(r.title)}</h1>
<div class="cols">
{blocks_html(r.blocks)}
{authors_html(r)}
</div>
<section class="disclaimer"><h2>Disclaimer</h2><p>{escape(load_disclaimer())}</p></section>
</body></html>"""


def weasyprint_pdf(r: Report, gap: str) -> bytes:
    return HTML(string=infocus_html(r, gap)).write_pdf()


# --------------------------------------------------------------------------- python-docx helpers


def stable_docx(doc: Document, when: datetime) -> bytes:
    """Save with fixed core-property dates and fixed zip entry dates (python-docx writes
    the current time into the zip otherwise)."""
    cp = doc.core_properties
    cp.created = cp.modified = when.replace(tzinfo=None)
    cp.last_printed = when.replace(tzinfo=None)
    cp.revision = 1
    cp.last_modified_by = ""
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def set_fonts(style, name: str, size: float, bold=None, italic=None, color=None) -> None:
    style.font.name = name
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attr), None)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color


def add_field(paragraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


# --------------------------------------------------------------------------- LibreOffice PDF

NAVY = RGBColor(0x1F, 0x4E, 0x79)


def two_column_docx(r: Report, col_space_in: float) -> bytes:
    """A Word file laid out like an In Focus: one-column title block, then a continuous
    section break into a two-column section (w:cols w:num="2"), ragged right like CRS's
    own Word-made PDFs; running head on pages 2+, footer with page number on every page."""
    doc = Document()
    styles = doc.styles
    set_fonts(styles["Normal"], "Times New Roman", 10)
    pf = styles["Normal"].paragraph_format
    pf.space_after = Pt(6)
    pf.space_before = Pt(0)
    pf.line_spacing = 1.0
    set_fonts(styles["Title"], "Times New Roman", 18, bold=True, color=RGBColor(0, 0, 0))
    styles["Title"].paragraph_format.space_after = Pt(8)
    # the default Title style has a bottom border; an In Focus title has none
    ppr = styles["Title"].element.get_or_add_pPr()
    for bdr in ppr.findall(qn("w:pBdr")):
        ppr.remove(bdr)
    set_fonts(styles["Heading 1"], "Arial", 12, bold=True, color=NAVY)
    h1 = styles["Heading 1"].paragraph_format
    h1.space_before, h1.space_after, h1.keep_with_next = Pt(6), Pt(2), True
    set_fonts(styles["Quote"], "Times New Roman", 10, italic=False)
    styles["Quote"].paragraph_format.left_indent = Inches(0.2)
    styles["Quote"].paragraph_format.right_indent = Inches(0.2)

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(0.8)
    sec.top_margin, sec.bottom_margin = Inches(0.7), Inches(0.75)
    sec.header_distance = sec.footer_distance = Inches(0.35)
    sec.different_first_page_header_footer = True

    head = sec.header.paragraphs[0]
    head.text = r.title
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for footer in (sec.footer, sec.first_page_footer):
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(footer_text(r) + " · page ")
        add_field(p, "PAGE")
    for hf in (sec.header, sec.footer, sec.first_page_footer):
        for run in hf.paragraphs[0].runs:
            run.font.size = Pt(8)
            run.font.name = "Arial"
            run.font.color.rgb = NAVY

    band = doc.add_paragraph()
    run = band.add_run("Congressional Research Service")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(15), NAVY
    band.add_run("\tIN FOCUS").bold = True
    band.paragraph_format.tab_stops.add_tab_stop(Inches(6.9), WD_TAB_ALIGNMENT.RIGHT)
    date = doc.add_paragraph(r.date_line)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(r.title, style="Title")

    body = doc.add_section(WD_SECTION.CONTINUOUS)
    cols = body._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        body._sectPr.append(cols)
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), str(int(col_space_in * 1440)))

    for kind, text in r.blocks:
        if kind == "heading":
            doc.add_paragraph(text, style="Heading 1")
        elif kind == "bullet":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "quote":
            doc.add_paragraph(text, style="Quote")
        else:
            doc.add_paragraph(text)
    for a in r.authors:
        name, _, role = a.partition(", ")
        p = doc.add_paragraph()
        p.add_run(name).bold = True
        p.add_run(", ")
        p.add_run(role).italic = True
    # disclaimer on a page of its own, as in CRS's PDFs
    last = doc.add_section(WD_SECTION.NEW_PAGE)
    last.different_first_page_header_footer = False  # its page is no first page: running head
    one = last._sectPr.find(qn("w:cols"))
    one.set(qn("w:num"), "1")
    p = doc.add_paragraph()
    p.add_run("Disclaimer").bold = True
    p = doc.add_paragraph(load_disclaimer())
    p.runs[0].font.size = Pt(9)

    doc.core_properties.title = r.title
    doc.core_properties.author = "Congressional Research Service"
    return stable_docx(doc, r.date)


def soffice_pdf(docx_bytes: bytes, when: datetime) -> bytes:
    """Convert with LibreOffice in a private profile; soffice exits 0 even when it fails,
    so the PDF's presence and header are checked. Then fix the dates and the /ID."""
    with tempfile.TemporaryDirectory(prefix="briefgen-fixtures-") as tmp:
        tmpd = Path(tmp)
        src = tmpd / "in.docx"
        src.write_bytes(docx_bytes)
        run(["soffice", f"-env:UserInstallation=file://{tmpd}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmpd), str(src)])
        out = tmpd / "in.pdf"
        if not out.exists() or not out.read_bytes().startswith(b"%PDF-"):
            raise SystemExit("make_report_fixtures: soffice made no PDF (it exits 0 anyway)")
        return stable_pdf(out.read_bytes(), when)


def stable_pdf(data: bytes, when: datetime) -> bytes:
    """Fixed CreationDate/ModDate, no XMP or /DocChecksum, and a content-derived /ID."""
    pdf = pikepdf.open(io.BytesIO(data))
    stamp = pdf_date(when)
    pdf.docinfo["/CreationDate"] = stamp
    pdf.docinfo["/ModDate"] = stamp
    if "/Metadata" in pdf.Root:
        del pdf.Root["/Metadata"]  # LibreOffice writes no XMP by default; drop any with times
    if "/DocChecksum" in pdf.trailer:
        del pdf.trailer["/DocChecksum"]  # LibreOffice's, changes with the export time
    if "/ID" in pdf.trailer:
        del pdf.trailer["/ID"]  # random; qpdf computes one from the content instead
    buf = io.BytesIO()
    pdf.save(buf, deterministic_id=True)
    return buf.getvalue()


# --------------------------------------------------------------------------- HTML

SITE_CSS = """body{margin:0;font:16px/1.5 Georgia,serif;color:#222}
.site-header{background:#14213d;color:#fff;padding:12px 24px}
.site-header a{color:#fff;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:18px}
main{max-width:760px;margin:0 auto;padding:16px}
.breadcrumb{font-size:13px;color:#666}
.share a{margin-right:8px;font-size:13px}
aside{border-top:1px solid #ccc;margin-top:24px}
footer{background:#eee;font-size:13px;padding:16px 24px}"""


def saved_page_html(r: Report, *, section: list[str], headline: str, intro: str, pdf_url: str,
                    related: list[str], posted: str, head_in_article: bool,
                    from_the_report: bool) -> str:
    """A news re-poster's saved page: chrome, nav, breadcrumb, <h1>, intro line, the report in
    <article> (<h2> headings), "Download the document here.", a Related list and a footer.
    The site and its chrome are made up (example.org); only the report text is CRS's.
    head_in_article puts the <h1>, byline and intro inside <article> (else before it)."""
    site = "Example Policy Wire"
    crumbs = " » ".join(["Home", *section, headline])
    head = f"""    <h1>{escape(headline)}</h1>
    <p class="byline">Posted <time datetime="{posted}">{posted[:10]}</time> by Staff</p>
    <div class="share"><a href="#">Share</a><a href="#">Email</a><a href="#">Print</a></div>
    <p>{escape(intro, quote=False)}</p>"""
    if from_the_report:
        head += "\n    <p><strong>From the report</strong></p>"
    related_li = "\n".join(
        f'      <li><a href="https://news.example.org/{i}/">{escape(t)}</a></li>'
        for i, t in enumerate(related, start=101))
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(headline)} - {site}</title>
<meta property="og:title" content="{escape(headline)}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{posted}">
<link rel="canonical" href="https://news.example.org/{posted[:10].replace('-', '/')}/{r.code.lower()}/">
<style>{SITE_CSS}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body class="single-post">
<header class="site-header">
  <a class="logo" href="https://news.example.org/">{site}</a>
  <nav aria-label="Main">
    <ul><li><a href="/news/">News</a></li><li><a href="/topics/">Topics</a></li>
    <li><a href="/documents/">Documents</a></li><li><a href="/about/">About</a></li>
    <li><a href="/subscribe/">Subscribe</a></li></ul>
  </nav>
</header>
<main>
  <p class="breadcrumb">{escape(crumbs, quote=False)}</p>
{"" if head_in_article else head}
  <article>
{head if head_in_article else ""}
{blocks_html(r.blocks)}
    <p><a href="{pdf_url}">Download the document here.</a></p>
  </article>
  <aside class="related">
    <h3>Related</h3>
    <ul>
{related_li}
    </ul>
  </aside>
</main>
<footer>
  <p>© {posted[:4]} {site}. All rights reserved. Contact: editor@news.example.org</p>
  <p><a href="/privacy/">Privacy Policy</a> · <a href="/terms/">Terms of Use</a></p>
</footer>
<script>gtag('config', 'G-XXXXXXX');</script>
</body>
</html>
"""


def minimal_html(r: Report) -> str:
    """No <article>, no headings markup: just <body> with one <p> per block."""
    paras = "\n".join(f"<p>{escape(t, quote=False)}</p>" for _, t in
                      [("para", r.title), ("para", r.date_line), *r.blocks])
    return f"<html>\n<body>\n{paras}\n</body>\n</html>\n"


# --------------------------------------------------------------------------- styled DOCX

RUN_IN_HEADS = ("Ecosystems Mission Area.", "Geology, Energy, and Minerals Mission Area.",
                "Natural Hazards Mission Area.", "Water Resources Mission Area.",
                "Core Science Systems Mission Area.", "Science Support and Facilities.")


def styled_docx(r: Report) -> bytes:
    """Title / Heading 1 / Heading 2 / Normal / Quote, core properties title and created.
    The PDF's run-in bold heads ("Ecosystems Mission Area. The FY2027 ...") become Heading 2
    paragraphs (without the final period) followed by the rest of the paragraph."""
    doc = Document()
    doc.add_paragraph(r.title, style="Title")
    doc.add_paragraph(r.date_line, style="Subtitle")
    for kind, text in r.blocks:
        head = next((h for h in RUN_IN_HEADS if text.startswith(h + " ")), None)
        if kind == "heading":
            doc.add_paragraph(text, style="Heading 1")
        elif head:
            doc.add_paragraph(head[:-1], style="Heading 2")
            doc.add_paragraph(text[len(head) + 1:])
        elif kind == "quote":
            doc.add_paragraph(text, style="Quote")
        elif kind == "bullet":
            doc.add_paragraph(text, style="List Bullet")
        else:
            doc.add_paragraph(text)
    for a in r.authors:
        doc.add_paragraph(a)
    cp = doc.core_properties
    cp.title = r.title
    cp.author = "Congressional Research Service"
    cp.subject = f"CRS In Focus {r.code}"
    return stable_docx(doc, r.date)


# --------------------------------------------------------------------------- bad inputs


def scanned_pdf(good_pdf: Path, when: datetime) -> bytes:
    """Page 1 of a good PDF rendered to a greyscale JPEG (pdftoppm) and wrapped full-page in a
    new PDF with WeasyPrint <img>: a page with no text layer, as from a scanner."""
    with tempfile.TemporaryDirectory(prefix="briefgen-fixtures-") as tmp:
        stem = Path(tmp) / "page"
        run(["pdftoppm", "-r", "100", "-gray", "-jpeg", "-jpegopt", "quality=50", "-f", "1",
             "-l", "1", "-singlefile", str(good_pdf), str(stem)])
        jpeg = (Path(tmp) / "page.jpg").read_bytes()
    uri = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    html = f"""<html><head><meta name="dcterms.created" content="{stamp}">
<meta name="dcterms.modified" content="{stamp}"><style>@page {{ size: letter; margin: 0 }}
body {{ margin: 0 }} img {{ display: block; width: 8.5in; height: 11in }}</style></head>
<body><img src="{uri}" alt=""></body></html>"""
    return HTML(string=html).write_pdf()


def encrypted_pdf(good_pdf: Path, existing: Path) -> bytes:
    """AES-256, user password "user", owner password "owner". qpdf draws a random file key
    for AES-256 (no option fixes it), so the bytes differ on every run: an existing file is
    kept when it decrypts to the same PDF as a fresh one."""
    with tempfile.TemporaryDirectory(prefix="briefgen-fixtures-") as tmp:
        out, a, b = Path(tmp) / "enc.pdf", Path(tmp) / "a.pdf", Path(tmp) / "b.pdf"
        run(["qpdf", "--static-id", "--static-aes-iv", "--encrypt", "user", "owner", "256",
             "--", str(good_pdf), str(out)])
        if existing.exists():
            run(["qpdf", "--static-id", "--password=user", "--decrypt", str(out), str(a)])
            proc = subprocess.run(["qpdf", "--static-id", "--password=user", "--decrypt",
                                   str(existing), str(b)], capture_output=True)
            if proc.returncode == 0 and a.read_bytes() == b.read_bytes():
                return existing.read_bytes()
        return out.read_bytes()


def garbage_in_zip_docx(good_docx: bytes) -> bytes:
    """A real zip with the parts of a real .docx, but word/document.xml replaced by bytes that
    are not XML."""
    src = zipfile.ZipFile(io.BytesIO(good_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = bytes(range(256)) * 8  # every byte value: not XML, not UTF-8
            dst.writestr(copy.copy(info), data)
    return out.getvalue()


def empty_docx(when: datetime) -> bytes:
    """A valid .docx whose body has no paragraphs at all (only the section properties)."""
    doc = Document()
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    doc.core_properties.title = ""
    return stable_docx(doc, when)


# --------------------------------------------------------------------------- checks and facts

def line_end_hyphens(pdf_path: Path, source_text: str) -> tuple[list[str], int]:
    """Read each half page (column) with pdfplumber and return the real hyphenated compounds
    of the source text whose hyphen falls at a line end (a line ending in U+002D whose joined
    word, hyphen kept, is in the source), and the number of lines ending in U+2010, the
    hyphen WeasyPrint adds when it hyphenates a word."""
    found, auto = [], 0
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            mid = page.width / 2
            for x0, x1 in ((0, mid), (mid, page.width)):
                lines = (page.crop((x0, 0, x1, page.height)).extract_text() or "").split("\n")
                auto += sum(1 for line in lines if line.endswith("\u2010"))
                for a, b in zip(lines, lines[1:]):
                    last, first = a.split(" ")[-1], b.split(" ")[0]
                    if len(last) > 1 and last.endswith("-") and last[-2].isalpha() and first:
                        word = (last + first).strip("“”\"‘’(),.;:")
                        if word in source_text:
                            found.append(f"{word} (page {n}: “{last}” / “{first}”)")
    return found, auto


def require(cond: bool, message: str) -> None:
    if not cond:
        raise SystemExit(f"make_report_fixtures: {message}")


# --------------------------------------------------------------------------- main


def main() -> int:
    for tool in ("soffice", "pdftoppm", "qpdf"):
        require(shutil.which(tool) is not None, f"{tool} is not installed (Debian package)")
    if120, if672, if610, if205 = load_if12100(), load_if12672(), load_if12610(), load_if13205()

    # Two-column In Focus PDFs. The column gaps are tuned so that real hyphenated
    # compounds fall at line ends (checked below and reported).
    p = DATA / "if12100-infocus-weasyprint.pdf"
    write(p, weasyprint_pdf(if120, gap="0.5in"), "two-column In Focus, WeasyPrint, IF12100")
    p = DATA / "if12672-infocus-weasyprint.pdf"
    write(p, weasyprint_pdf(if672, gap="0.3in"),
          "two-column In Focus, WeasyPrint, IF12672 (3 pages + disclaimer)")
    d = two_column_docx(if120, col_space_in=0.3)
    write(DATA / "if12100-infocus-2col.docx", d, "two-column Word file (source of the LibreOffice PDF)")
    write(DATA / "if12100-infocus-libreoffice.pdf", soffice_pdf(d, if120.date),
          "two-column In Focus, LibreOffice from .docx, IF12100")
    d = two_column_docx(if672, col_space_in=0.3)
    write(DATA / "if12672-infocus-libreoffice.pdf", soffice_pdf(d, if672.date),
          "two-column In Focus, LibreOffice from .docx, IF12672")

    # HTML
    write(DATA / "if12100-saved-page.html", saved_page_html(
        if120, section=["Foreign Forces", "China"],
        headline="Report to Congress on the Relationship Between China and Russia",
        intro=("The following is the Sept. 13, 2023, Congressional Research Service In Focus "
               "report, China-Russia Relations."),
        pdf_url=f"{CRS_URL}/product/pdf/IF/IF12100/3",
        related=["Russia’s Nuclear Weapons", "Defense Primer: U.S. Space Force",
                 "The U.S. Geological Survey (USGS): FY2027 Budget Request"],
        posted="2023-09-18T09:30:00-04:00", head_in_article=True,
        from_the_report=True).encode("utf-8"),
        "saved web page around IF12100 (re-poster chrome as in the shared capture)")
    write(DATA / "if12610-saved-page.html", saved_page_html(
        if610, section=["Topics", "Space"], headline="Defense Primer: U.S. Space Force",
        intro=("The following is the April 17, 2026, Congressional Research Service In Focus "
               "report, Defense Primer: U.S. Space Force."),
        pdf_url=f"{CRS_URL}/product/pdf/IF/IF12610/6",
        related=["Report to Congress on the Relationship Between China and Russia",
                 "Russia’s Nuclear Weapons",
                 "The U.S. Geological Survey (USGS): FY2027 Budget Request"],
        posted="2026-04-20T08:00:00-04:00", head_in_article=False,
        from_the_report=False).encode("utf-8"),
        "saved web page around IF12610: <h1> = report title, before <article>")
    write(DATA / "if13205-minimal.html", minimal_html(if205).encode("utf-8"),
          "bare <body> with <p>s only, IF13205")

    # Styled DOCX
    good_docx = styled_docx(if205)
    write(DATA / "if13205-styled.docx", good_docx, "Title/Heading 1/Heading 2/body, IF13205")

    # Bad inputs
    good_pdf = DATA / "if12100-infocus-weasyprint.pdf"
    write(DATA / "bad-scanned-no-text.pdf", scanned_pdf(good_pdf, if120.date),
          "image-only page (no text layer)")
    write(DATA / "bad-encrypted.pdf", encrypted_pdf(good_pdf, DATA / "bad-encrypted.pdf"),
          "AES-256 encrypted (user password 'user')")
    pdf_bytes = good_pdf.read_bytes()
    write(DATA / "bad-truncated.pdf", pdf_bytes[: len(pdf_bytes) * 40 // 100],
          "first 40% of the bytes of a good PDF")
    write(DATA / "bad-garbage-in-zip.docx", garbage_in_zip_docx(good_docx),
          "zip with the parts of a .docx, word/document.xml is garbage")
    write(DATA / "bad-truncated.docx", good_docx[: len(good_docx) * 40 // 100],
          "first 40% of the bytes of a good .docx (not a readable zip)")
    write(DATA / "bad-empty.docx", empty_docx(if205.date), "valid .docx with no paragraphs")
    if12100_text = "\n\n".join([if120.title, if120.date_line, *(t for _, t in if120.blocks)]) + "\n"
    write(DATA / "bad-cp1252.txt", if12100_text.encode("cp1252"),
          "IF12100 in Windows-1252 (curly quotes as 0x92-0x94): not UTF-8")
    latin1 = "\n\n".join(t for _, t in if205.blocks[2:4]) + "\n"  # "Congress created ... §31" + quote
    write(DATA / "bad-latin1.txt", latin1.encode("latin-1"),
          "IF13205 excerpt in ISO-8859-1 (§ as 0xA7): not UTF-8")
    write(DATA / "bad-empty.txt", b"", "zero bytes")

    # Facts for the README and the PDF reader
    texts = {"if12100": if120, "if12672": if672}
    for f in written:
        if f.suffix == ".pdf" and not f.name.startswith("bad-"):
            r = texts[f.name.split("-")[0]]
            hits, auto = line_end_hyphens(f, "\n".join(t for _, t in r.blocks))
            print(f"  {f.name}: {auto} lines end in U+2010 (auto-hyphenation); real compounds "
                  f"broken at a line end: {'; '.join(hits) if hits else 'none'}")
    too_big = [f.name for f in written if f.stat().st_size >= 150_000]
    require(not too_big, f"fixtures over 150 KB: {too_big}")
    total = sum(f.stat().st_size for f in DATA.iterdir() if f.is_file())
    require(total < 1_500_000, f"tests/data/reports/ is {total:,} bytes (limit 1.5 MB)")
    print(f"{len(written)} files written; folder total {total:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
