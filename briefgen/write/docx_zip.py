"""The DOCX container: a python-docx document's parts written as a reproducible zip.

Every entry has the same date (1980-01-01), mode 0644 and a fixed order ([Content_Types].xml,
then the package relationships, then the rest by name), so equal documents give equal bytes.

It is also where a DOCX build spends its time: python-docx's default reference.docx carries
800 kB of style XML (styles.xml, stylesWithEffects.xml) that every brief repeats unchanged.
Those parts are compressed once per process and their compressed bytes reused (``_deflate``
keeps the last few), and the parts go into the zip once, instead of python-docx writing a zip
that is then read back and rewritten. The bytes are exactly what ``zipfile`` writes for the same
entries at compression level 6 (a test holds the two equal).
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache

_DOS_TIME, _DOS_DATE = 0, (1980 - 1980) << 9 | 1 << 5 | 1  # 1980-01-01 00:00:00
_VERSION = 20  # deflate needs PKZIP 2.0
_MODE = 0o644 << 16
_FIRST = ("[Content_Types].xml", "_rels/.rels")


class _Collect:
    """Stands in for python-docx's zip writer and keeps each part's bytes by name."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.members[pack_uri.membername] = blob

    def close(self) -> None:
        pass


def package_members(document) -> dict[str, bytes]:
    """The entries of ``document``'s package, as ``Document.save`` would zip them."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    collect = _Collect()
    PackageWriter._write_content_types_stream(collect, package.parts)
    PackageWriter._write_pkg_rels(collect, package.rels)
    PackageWriter._write_parts(collect, package.parts)
    return collect.members


@lru_cache(maxsize=64)
def _deflate(data: bytes) -> tuple[int, bytes]:
    """CRC-32 and raw deflate stream of ``data`` (what zipfile writes at level 6)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def zip_members(members: dict[str, bytes]) -> bytes:
    """A zip of ``members`` with fixed dates, modes and order (deflated, no zip64)."""
    names = [n for n in _FIRST if n in members] + sorted(n for n in members if n not in _FIRST)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = members[name]
        crc, packed = _deflate(data) if len(data) > 4096 else _deflate.__wrapped__(data)
        raw = name.encode("ascii") if name.isascii() else name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800
        fields = (_VERSION, flags, zlib.DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(packed), len(data), len(raw))
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + raw
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", _VERSION, *fields, 0, 0, 0, 0, _MODE, offset) + raw)
        out += (local, packed)
        offset += len(local) + len(packed)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(names), len(names), len(directory), offset, 0)
    return b"".join(out) + directory + end
