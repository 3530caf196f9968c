"""Reader for ``.docx``: paragraphs and heading levels by python-docx.

``Title`` is the report's title, ``Heading N`` a section heading of level N + 1; other styles are
paragraphs. Headers, footers and the document's core properties are furniture and hints for
metadata (the file's creation date is when someone saved it, not the report's date, and is not
used as one).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import ReportError
from .chrome import Spanned, split
from .document import HEADING, PARAGRAPH, TITLE, Block, Captured, to_text
from .guard import check_text_size, check_zip
from .rules import rules

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def read(path: Path, data: bytes, shown: str) -> Captured:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReportError(f"{shown}: not a readable Word document (not a .docx zip file; corrupt or truncated?)")
    check_zip(data, shown, "Word document")  # parts' sizes, declared and inflated, before python-docx
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReportError(f"{shown}: not a readable Word document ({exc})") from None
    except Exception as exc:  # lxml errors on a damaged part
        raise ReportError(f"{shown}: not a readable Word document ({type(exc).__name__}: {exc})") from None

    blocks: list[Spanned] = []
    size = 0
    style_name = _style_names(document)
    for para in document.paragraphs:
        text = " ".join(para.text.split())
        if not text:
            continue
        size += len(text.encode("utf-8")) + 2
        check_text_size(shown, size, early=True)  # stop as soon as the text is too long
        style = style_name(para)
        m = _HEADING_STYLE.match(style)
        if style.lower() == "title":
            kind, level = (TITLE, 1) if not any(b.block.kind == TITLE for b in blocks) else (HEADING, 2)
        elif m:
            kind, level = HEADING, int(m.group(1)) + 1
        else:
            kind, level = PARAGRAPH, 0
        blocks.append(Spanned(Block(kind, text, level)))
    report = split(blocks, rules())
    furniture = list(report.furniture)
    for section in document.sections:
        for part in (section.header, section.footer):
            for para in part.paragraphs:
                if para.text.strip():
                    furniture.append(" ".join(para.text.split()))
    props = document.core_properties
    hints = {k: v for k, v in (("title", props.title), ("author", props.author), ("subject", props.subject)) if v}
    body = [b.block for b in report.body]
    version = getattr(docx, "__version__", "")
    return Captured(path=path, format="docx", reader=f"python-docx {version}".strip(), data=data,
                    text=to_text(body), blocks=body, furniture=furniture, hints=hints)


def _style_names(document):
    """A paragraph's style name, as ``paragraph.style.name`` gives it, from a table made once:
    python-docx looks the default style up among all styles for every paragraph without one
    (2.6 ms each: 67 s for a report of 1 MB)."""
    from docx.enum.style import WD_STYLE_TYPE

    by_id = {s.style_id: s.name or "" for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = (default.name or "") if default is not None else ""
    return lambda para: by_id.get(para._p.style, fallback) if para._p.style else fallback
