"""Text extraction for golden files and assertions: page-split PDF text, "Style | text" DOCX lines."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdf
from docx.oxml.ns import qn


def pdf_pages(path: Path) -> list[str]:
    """Text of each page, whitespace-normalised per line."""
    reader = pypdf.PdfReader(str(path))
    pages = []
    for page in reader.pages:
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        pages.append("\n".join(line for line in lines if line))
    return pages


def pdf_golden(path: Path) -> str:
    return "".join(f"=== page {n} ===\n{text}\n" for n, text in enumerate(pdf_pages(path), 1))


_FURNITURE = re.compile(r"(· (Principal|Staff|Public) brief$)|( · As of )|(^Page \d+ of \d+$)")


def pdf_text(path: Path) -> str:
    """The whole text, running headers and footers removed so paragraphs read across pages."""
    lines = [l for page in pdf_pages(path) for l in page.splitlines() if not _FURNITURE.search(l)]
    return " ".join(" ".join(lines).split())


def docx_lines(path: Path) -> list[str]:
    """One "Style | text" line per paragraph (header, body, tables, footer), fields as {PAGE}."""
    document = docx.Document(str(path))
    out = []
    section = document.sections[0]
    for para in section.header.paragraphs:
        out.append(f"[header] {para.style.name} | {_para_text(para)}")
    body = document.element.body
    for child in body:
        if child.tag == qn("w:p"):
            para = docx.text.paragraph.Paragraph(child, document)
            out.append(f"{para.style.name} | {_para_text(para)}")
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            out.append(f"[table {table.style.name}]")
            for row in table.rows:
                cells = [f"{c.paragraphs[0].style.name}: {_para_text(c.paragraphs[0])}" for c in row.cells]
                out.append("  " + " || ".join(cells))
    for para in section.footer.paragraphs:
        out.append(f"[footer] {para.style.name} | {_para_text(para)}")
    return out


def _para_text(para) -> str:
    parts = []
    for node in para._p.iter():
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:fldSimple"):
            parts.append("{" + node.get(qn("w:instr")).split()[0] + "}")
    text = "".join(parts)
    # drop the cached field results that follow a {FIELD} marker
    return re.sub(r"(\{[A-Z]+\})1", r"\1", text)


def docx_text(path: Path) -> str:
    lines = [line.split(" | ", 1)[-1] for line in docx_lines(path) if " | " in line]
    return " ".join(" ".join(lines).split())
