"""The small document model every reader produces, and how it becomes captured text.

A reader turns a report file into ``Block``s in reading order: the title, section headings and
paragraphs of the report itself. What is around the report — a web page's breadcrumbs, a
re-poster's introduction, a PDF's running heads, footers and page numbers — is kept apart as
``furniture`` lines: never quoted, but read for metadata (dates, codes, publishers).

``Captured.text`` is what goes to the dossier's ``sources/`` folder and what every quote is
checked against. For a ``.txt`` report it is the file itself, byte for byte; for the other formats
it is the blocks written out as plain text (Markdown-style ``#`` headings, a blank line between
paragraphs), so a person can read it and ``briefgen check`` can verify quotes against it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

TITLE, HEADING, PARAGRAPH = "title", "heading", "paragraph"
# a table or figure: its caption, the text inside it (table cells, chart labels) one line each,
# and its source line. The report's words, so quotes from it verify, but not prose: distill
# takes no claim, date or name from it.
EXHIBIT = "exhibit"
# a footnote, gathered under "Notes" at the end: the report's words (quotes from it verify), but
# a citation or an aside, so no candidate claim, date or definition for distill
NOTE = "note"


@dataclass(frozen=True)
class Block:
    """One block of the report: its title, a section heading (``level`` 2 and deeper), a
    paragraph, an exhibit (a table or figure, ``EXHIBIT``) or a footnote (``NOTE``)."""

    kind: str
    text: str
    level: int = 0
    # a paragraph a second reading of the file does not confirm (``pdf_check``): why, and where
    # ("page 3: …"); distill drafts nothing from it
    suspect: str = ""

    @property
    def is_heading(self) -> bool:
        return self.kind in (TITLE, HEADING)


@dataclass
class Captured:
    """A report file read by one reader."""

    path: Path
    format: str  # txt | html | pdf | docx
    reader: str  # the library that read it, with its version
    data: bytes  # the file as read
    text: str  # the captured text (see module docstring)
    blocks: list[Block]
    furniture: list[str] = field(default_factory=list)  # lines around the report, for metadata
    notes: list[str] = field(default_factory=list)  # what the reader could not settle, for a person
    hints: dict[str, str] = field(default_factory=dict)  # metadata the file format carries
    # Where the report starts and ends inside ``text`` when the capture also holds page chrome
    # (only ``.txt`` captures, which are kept byte for byte): markers for dossier.yaml.
    starts_after: str | None = None
    ends_before: str | None = None
    resolved: Path | None = None  # the file read, when ``path`` is a symbolic link to it
    dropped: str | None = None  # what the reader left out (characters content may not hold)

    @property
    def read_name(self) -> str:
        """The file as ``read_from`` records it: its name, or where a link led (the whole path)."""
        return str(self.resolved) if self.resolved is not None else self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def paragraphs(self) -> list[tuple[str | None, Block]]:
        """(section heading, paragraph) pairs in reading order."""
        heading: str | None = None
        out = []
        for block in self.blocks:
            if block.kind == HEADING:
                heading = block.text
            elif block.kind == PARAGRAPH:
                out.append((heading, block))
        return out

    @property
    def title(self) -> str | None:
        return next((b.text for b in self.blocks if b.kind == TITLE), None)


def to_text(blocks: list[Block]) -> str:
    """Blocks as captured text: ``# Title``, ``## Heading``, paragraphs, blank lines between."""
    out = []
    for block in blocks:
        if block.kind == TITLE:
            out.append(f"# {block.text}")
        elif block.kind == HEADING:
            out.append(f"{'#' * max(2, min(block.level, 6))} {block.text}")
        else:
            out.append(block.text)
    return "\n\n".join(out) + "\n"
