"""Hostile report files, made at test time and small on disk: decompression bombs, huge pages,
special files. Used by tests/test_report_limits.py and tests/bench_hostile.py.

Nothing here is committed as a big file: a bomb is a few hundred kilobytes of zlib data that
inflates to hundreds of megabytes, or a zip member whose header declares a huge size.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

REPORT = ("The People's Republic of China and Russia have deepened their strategic partnership over "
          "the past decade. Military cooperation between the two countries has grown in scale and "
          "scope. Both governments oppose what they describe as a United States-led world order.")


def varied_text(size: int, seed: int = 1) -> str:
    """About ``size`` characters of sentences that never repeat (words drawn from the report)."""
    import random

    rng = random.Random(seed)
    words = sorted({w.strip(".,'").lower() for w in REPORT.split()} | {"budget", "treaty", "sanctions", "exports",
                   "energy", "navy", "trade", "summit", "policy", "security", "agreement", "pipeline"})
    out, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(12, 24))).capitalize() + "."
        out.append(sentence)
        length += len(sentence) + 1
    return " ".join(out)


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def _num(x: float) -> str:
    """A PDF number: never in exponent notation."""
    return f"{x:.3f}".rstrip("0").rstrip(".")


def text_stream(lines: list[str], x: float = 72, y: float = 720, size: float = 11, lead: float = 14) -> bytes:
    """A content stream setting ``lines`` in Helvetica, one under the other."""
    out = [f"BT /F1 {_num(size)} Tf {_num(lead)} TL {_num(x)} {_num(y)} Td".encode()]
    for line in lines:
        out.append(b"(" + _escape(line) + b") Tj T*")
    out.append(b"ET")
    return b"\n".join(out) + b"\n"


def deflate_chunks(chunks, level: int = 9) -> bytes:
    """zlib data of the concatenated ``chunks`` (an iterable of bytes), compressed piece by piece."""
    z = zlib.compressobj(level)
    out = [z.compress(c) for c in chunks]
    out.append(z.flush())
    return b"".join(out)


def pdf(streams: list[bytes], width: float = 612, height: float = 792, flate: bool = True) -> bytes:
    """A PDF of one page per content stream (already zlib-compressed when ``flate``), Helvetica."""
    objects: list[bytes] = []
    n_pages = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, data in enumerate(streams):
        page = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_num(width)} {_num(height)}] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objects.append(page.encode())
        head = f"<< /Length {len(data)}{' /Filter /FlateDecode' if flate else ''} >>\nstream\n".encode()
        objects.append(head + data + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def plain_pdf(text: str = REPORT, **kw) -> bytes:
    """A small, ordinary one-page PDF report."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) > 80:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return pdf([zlib.compress(text_stream(lines))], **kw)


def pdf_many_words(words: int) -> bytes:
    """One page holding ``words`` words, 12 to a line: a small file, a huge page."""
    per_line = 12
    line = b"(" + b" ".join([b"word"] * per_line) + b") Tj T*\n"

    def chunks():
        yield b"BT /F1 1 Tf 1.2 TL 10 780 Td\n"
        full, rest = divmod(words, per_line)
        block = line * 1000
        for _ in range(full // 1000):
            yield block
        yield line * (full % 1000)
        if rest:
            yield b"(" + b" ".join([b"word"] * rest) + b") Tj\n"
        yield b"ET\n"
    return pdf([deflate_chunks(chunks())])


def pdf_inflating_to(total: int) -> bytes:
    """A readable one-page report whose content stream inflates to ``total`` bytes (spaces before
    the text): a highly compressible flate stream."""
    body = text_stream([REPORT[:90], REPORT[90:180], REPORT[180:]])
    pad = total - len(body)

    def chunks():
        block = b" " * (1 << 20)
        for _ in range(pad >> 20):
            yield block
        yield b" " * (pad & ((1 << 20) - 1))
        yield body
    return pdf([deflate_chunks(chunks())])


def docx_with_document_of(size: int, base: bytes) -> bytes:
    """The Word file ``base`` with its word/document.xml replaced by one of about ``size`` bytes
    (the same short paragraph again and again): a member that inflates far beyond its compressed
    size."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    para = b"<w:p><w:r><w:t>The report says this again and again.</w:t></w:r></w:p>"
    tail = b"</w:body></w:document>"
    count = max(1, (size - len(head) - len(tail)) // len(para))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                member = zipfile.ZipInfo("word/document.xml", date_time=info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(member, "w", force_zip64=size > 0x7FFFFFFF) as f:
                    f.write(head)
                    block = para * 20000
                    for _ in range(count // 20000):
                        f.write(block)
                    f.write(para * (count % 20000))
                    f.write(tail)
            else:
                dst.writestr(info, src.read(info.filename))
    return out.getvalue()


def zip_declaring(base: bytes, member: str, declared: int) -> bytes:
    """``base`` (a zip) with the central-directory and local headers of ``member`` altered to
    declare an uncompressed size of ``declared`` bytes (the data stays as it was)."""
    data = bytearray(base)
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        info = z.getinfo(member)
    # local header: uncompressed size at offset 22
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    # central directory entry: find it by its name
    name = member.encode()
    pos = data.find(b"PK\x01\x02" + bytes(0), 0)
    while pos != -1:
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + n]) == name:
            struct.pack_into("<I", data, pos + 24, declared)
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def html_page(elements: int, text: str = "word word word word.") -> bytes:
    """A web page of ``elements`` paragraphs inside nested divisions."""
    head = b"<!DOCTYPE html><html><head><title>Report</title></head><body><main><h1>Report</h1>"
    para = f"<div><p>{text}</p></div>".encode()
    return head + para * elements + b"</main></body></html>"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
