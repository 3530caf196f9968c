"""What reading a report file may cost, and what its text may hold.

A report file is untrusted input: it may be a decompression bomb (a few hundred kilobytes that
inflate to gigabytes), a page holding a million words, a web page whose extraction takes hours,
a named pipe, a device or a ``/proc`` file. Each check here refuses such a file with one line
naming it and the limit it broke, before the expensive reader meets it. The limits are data:
``limits`` in briefgen/data/ingest.yaml (docs/ingest.md).

- ``read_file``: the bytes of a regular file (a symbolic link is followed and said so), never a
  FIFO, device, socket, folder or a file whose size the system cannot tell (``/proc``, ``/sys``).
- ``check_zip``: a Word file's parts, by their declared and their real inflated sizes.
- ``check_pdf_streams``: every zlib stream of a PDF, inflated in bounded pieces;
  ``PageBudget``: the objects on each page and the characters of the whole document, counted
  while pdfminer lays the page out, so a page of a million words stops at the limit.
- ``check_html``: the elements of a web page, the inline elements inside any one element
  (trafilatura's work grows faster than linearly with them) and its text.
- ``check_characters``: characters content may not hold (controls, noncharacters, bidi
  controls, private use), refused with their offset in a ``.txt`` report (kept byte for byte),
  left out of other captures and said so.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zlib
from dataclasses import replace
from pathlib import Path

from ..errors import ReportError
from .rules import rules

_DATA = "briefgen/data/ingest.yaml"


def limit(name: str) -> int:
    return rules().limits[name]


def _over(shown: str, what: str, name: str) -> ReportError:
    return ReportError(f"{shown}: {what}; the limit is {limit(name):,} ({_DATA}, limits.{name})")


# --- the file itself ------------------------------------------------------------------------------

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str | None:
    return next((name for test, name in _KINDS if test(mode)), None if stat.S_ISREG(mode) else "not a regular file")


def read_file(path: Path, shown: str) -> tuple[bytes, Path | None]:
    """The bytes of the regular file at ``path`` and, when ``path`` is a symbolic link, the file
    it leads to. Anything else is refused before it is opened for reading, and again on the open
    file (it may have been swapped meanwhile); a file holding more than its size says (``/proc``,
    ``/sys``, one still being written) is refused too."""
    if os.path.islink(path):
        shown = f"{shown} (a link to {os.path.realpath(path)})"
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise ReportError(f"{shown}: no such file") from None
    except OSError as exc:
        raise ReportError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    kind = _kind(before.st_mode)
    if kind:
        raise ReportError(f"{shown}: {kind}, not a report file; briefgen reads regular files only")
    if before.st_size > limit("max_file_bytes"):
        raise _over(shown, f"{before.st_size:,} bytes", "max_file_bytes")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise ReportError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        kind = _kind(st.st_mode)
        if kind or (st.st_dev, st.st_ino) != (before.st_dev, before.st_ino):
            raise ReportError(f"{shown}: {kind or 'replaced while it was opened'}, not a report file; "
                              "briefgen reads regular files only")
        data = f.read(st.st_size + 1)  # one byte more than the file says it holds
    if len(data) != st.st_size:
        raise ReportError(f"{shown}: holds {'more' if len(data) > st.st_size else 'less'} than its size of "
                          f"{st.st_size:,} bytes (a /proc or /sys file, or one still being written?); "
                          "briefgen reads regular files only: copy the report to a file first")
    target = Path(os.path.realpath(path)) if os.path.islink(path) else None
    return data, target


def check_text_size(shown: str, size: int, early: bool = False) -> None:
    """Refuse a capture of ``size`` bytes over ``max_text_bytes``; ``early``: a reader's count
    before it has finished (the text is at least that long), so that it stops at once."""
    most = limit("max_text_bytes")
    if size > most:
        raise _over(shown, f"its text is {'over ' * early}{(most if early else size):,} bytes", "max_text_bytes")


# --- zip (Word files) -----------------------------------------------------------------------------


def _zip_entries(data: bytes) -> int | None:
    """The number of entries the zip's end record declares (zip64 too), or None if there is none."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or end + 22 > len(data):
        return None
    entries = struct.unpack_from("<H", data, end + 10)[0]
    locator = end - 20
    if entries == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[offset:offset + 4] == b"PK\x06\x06" and offset + 40 <= len(data):
            entries = struct.unpack_from("<Q", data, offset + 32)[0]
    return entries


def check_zip(data: bytes, shown: str, what: str) -> None:
    """Refuse a zip whose parts are too many, or declare or really inflate to more than the
    limits (each part is inflated here in pieces of 1 MiB, counted and dropped: a part whose
    header understates its size fails its checksum at the declared size)."""
    import io
    import zipfile

    entries = _zip_entries(data)
    if entries is not None and entries > limit("max_zip_members"):
        raise _over(shown, f"a {what} of {entries:,} parts", "max_zip_members")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            total = 0
            for info in infos:
                xml = info.filename.endswith((".xml", ".rels"))
                cap = limit("max_xml_bytes") if xml else limit("max_inflated_bytes")
                if info.file_size > cap:
                    raise _over(shown, f"its part {info.filename} inflates to {info.file_size:,} bytes",
                                "max_xml_bytes" if xml else "max_inflated_bytes")
                total += info.file_size
                if total > limit("max_inflated_total"):
                    raise _over(shown, f"its parts inflate to more than {total:,} bytes", "max_inflated_total")
            for info in infos:
                with z.open(info) as f:
                    while f.read(1 << 20):
                        pass
    except ReportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, zlib.error,
            ValueError, RuntimeError) as exc:
        raise ReportError(f"{shown}: not a readable {what} ({exc}; corrupt or truncated?)") from None


# --- PDF ------------------------------------------------------------------------------------------

_STREAM = re.compile(rb"stream[^\r\n]{0,256}?(?:\r\n|\n|\r)")  # pdfminer skips the rest of the keyword's line
_CHUNK = 1 << 20


def _inflated_size(data: bytes, start: int, cap: int) -> int:
    """How many bytes the zlib data at ``data[start:]`` inflates to, counting no further than
    past ``cap`` (0 when no zlib data starts there). When what it inflates to is zlib data again
    (two /FlateDecode filters), the larger of the two layers counts."""
    if not _zlib_head(data[start:start + 2]):
        return 0
    outer, inner = zlib.decompressobj(), None
    size = inner_size = 0
    pos, end = start, len(data)
    pending = b""
    while max(size, inner_size) <= cap and not outer.eof:
        if not pending:
            if pos >= end:
                break
            pending = data[pos:pos + _CHUNK]
            pos += len(pending)
        try:
            out = outer.decompress(pending, _CHUNK)
        except zlib.error:  # not zlib data after all, or damaged: pdfminer will say what it makes of it
            break
        pending = outer.unconsumed_tail
        if size == 0 and _zlib_head(out[:2]):
            inner = zlib.decompressobj()
        size += len(out)
        if inner is not None and not inner.eof:
            try:
                inner_size += len(inner.decompress(inner.unconsumed_tail + out, cap + 1 - inner_size))
            except zlib.error:  # the first layer only looked like zlib data
                inner = None
    return max(size, inner_size)


def _zlib_head(head: bytes) -> bool:
    return len(head) == 2 and head[0] & 0x0F == 8 and not (head[0] << 8 | head[1]) % 31


def check_pdf_streams(data: bytes, shown: str) -> None:
    """Refuse a PDF any of whose zlib streams inflates past ``max_inflated_bytes``, or all of
    them together past ``max_inflated_total``: found in the file's bytes (object streams and
    all), inflated piece by piece, before pdfminer inflates any of them whole."""
    import logging

    # pdfminer's warnings ("Invalid MediaBox in /Page, defaulting to US Letter") would print a
    # second line of their own: what is wrong with a file is said in its one line
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    cap, total_cap = limit("max_inflated_bytes"), limit("max_inflated_total")
    total = 0
    for m in _STREAM.finditer(data):
        size = _inflated_size(data, m.end(), cap)
        if size > cap:
            raise _over(shown, f"a stream at byte {m.end():,} inflates to more than {cap:,} bytes", "max_inflated_bytes")
        total += size
        if total > total_cap:
            raise _over(shown, f"its streams inflate to more than {total:,} bytes", "max_inflated_total")


class PageBudget:
    """What reading a PDF's pages may cost: past ``max_pdf_page_objects`` objects or characters
    on one page, or ``max_pdf_chars`` characters in the document, the file is refused at once
    (a one-page PDF of a million words took 4 GiB and four minutes)."""

    def __init__(self, shown: str):
        self.shown = shown
        self.chars = 0

    def objects(self, page, number: int) -> None:
        """Refuse a page (a ``pypdfium2.PdfPage``) of too many objects, before its text is read."""
        import pypdfium2.raw as R

        per_page = limit("max_pdf_page_objects")
        if R.FPDFPage_CountObjects(page.raw) > per_page:
            raise _over(self.shown, f"page {number} holds more than {per_page:,} characters, lines, shapes and "
                        "images", "max_pdf_page_objects")

    def characters(self, count: int, number: int) -> None:
        """Count a page's ``count`` characters against the page's and the document's limits."""
        per_page, per_document = limit("max_pdf_page_objects"), limit("max_pdf_chars")
        self.chars += count
        if count > per_page:
            raise _over(self.shown, f"page {number} holds more than {per_page:,} characters, lines, shapes and "
                        "images", "max_pdf_page_objects")
        if self.chars > per_document:
            raise _over(self.shown, f"more than {per_document:,} characters by page {number}", "max_pdf_chars")


# --- HTML -----------------------------------------------------------------------------------------


def check_html(data: bytes, shown: str):
    """The page parsed by lxml, once it is known to hold at most ``max_html_elements``
    elements, none with more than ``max_html_children`` inline elements directly inside, and at most
    ``max_html_text`` characters of text outside scripts and styles. The start tags are
    counted in the bytes first, so a page of millions of elements is never built as a tree."""
    import trafilatura

    most = limit("max_html_elements")
    starts = data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")
    if starts > most * 2:  # far too many to be worth parsing: '<' in text counts too
        raise _over(shown, f"about {starts:,} elements", "max_html_elements")
    tree = trafilatura.load_html(data)
    if tree is None:
        return None
    count, text, children = 0, 0, limit("max_html_children")
    for el in tree.iter():
        count += 1
        if len(el) > children and (inline := sum(1 for c in el if c.tag in _INLINE)) > children:
            raise _over(shown, f"an element <{el.tag}> holds {inline:,} inline elements", "max_html_children")
        if isinstance(el.tag, str) and el.tag not in _NOT_TEXT:
            text += len(el.text or "")
        text += len(el.tail or "")
    if count > most:
        raise _over(shown, f"{count:,} elements", "max_html_elements")
    if text > limit("max_html_text"):
        raise _over(shown, f"{text:,} characters of text", "max_html_text")
    return tree


_NOT_TEXT = {"script", "style", "noscript", "template", "svg", "math"}
# elements inside a line of text: trafilatura's work grows with the square of their number in
# one element (10,000 links in a paragraph took 13 s, 20,000 took 235 s)
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
           "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
           "time", "tt", "u", "var", "wbr"}


# --- characters ------------------------------------------------------------------------------------

# What briefgen.text.bad_character refuses in content (the first match is described by it):
# C0 and C1 controls but tab, line feed and carriage return; bidirectional controls;
# noncharacters; surrogates; private use (whose planes 15 and 16 hold the last noncharacters).
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff"
                  "\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff"
                  + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(1, 15)) + "]")
# characters str.splitlines() breaks lines at: a .txt report's blocks never hold them
_LINE_BREAKS = set("\x0b\x0c\x1c\x1d\x1e\x85")


def check_characters(captured, shown: str):
    """``captured`` without characters content may not hold. A ``.txt`` capture is the file
    itself, so such a character is refused, with its byte offset and line; from the other
    captures (text the reader rebuilt) it is left out, and ``captured.dropped`` says so."""
    from ..text import bad_character

    if captured.format == "txt":
        text = captured.text
        for m in _BAD.finditer(text):
            if m.group() in _LINE_BREAKS:
                continue
            at = m.start()
            offset = len(text[:at].encode("utf-8")) + (3 if captured.data.startswith(b"\xef\xbb\xbf") else 0)
            line = text.count("\n", 0, at) + 1
            raise ReportError(f"{shown}: byte {offset:,} (line {line}): {bad_character(m.group())}; "
                              "a report's words are quoted as they are, so remove it from the file first")
        return captured
    found = [m.group() for block in captured.blocks for m in _BAD.finditer(block.text)]
    if not found:
        return captured
    from .document import Block, to_text

    blocks = [Block(b.kind, " ".join(_BAD.sub("", b.text).split()), b.level) for b in captured.blocks]
    blocks = [b for b in blocks if b.text]
    first = bad_character(found[0]).split("(found ")[-1].rstrip(")")
    note = (f"{len(found)} character{'s' * (len(found) != 1)} content may not hold left out of the capture "
            f"(the first: {first})")
    return replace(captured, blocks=blocks, text=to_text(blocks),
                   furniture=[_BAD.sub("", f) for f in captured.furniture], dropped=note)
