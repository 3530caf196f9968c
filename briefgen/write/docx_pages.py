"""Count DOCX pages as a word processor lays them out: LibreOffice headless -> PDF -> page count.

``soffice`` exits 0 even when a conversion fails, so every expected PDF is checked. Each call
gets its own LibreOffice profile so concurrent runs do not collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import BuildError

TIMEOUT_S = 300


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(files: list[Path], outdir: Path) -> dict[str, Path]:
    """Convert DOCX files to PDF in one soffice run; map each DOCX name to its PDF."""
    exe = soffice()
    if exe is None:
        raise BuildError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="briefgen-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise BuildError(f"LibreOffice did not finish converting {len(files)} files in {TIMEOUT_S} s") from None
    out = {}
    for f in files:
        pdf = outdir / (f.stem + ".pdf")
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise BuildError(f"{f.name}: LibreOffice could not convert it to PDF")
        out[f.name] = pdf
    return out


def docx_page_counts(files: list[Path]) -> dict[str, int]:
    """Pages of each DOCX as LibreOffice lays it out."""
    import pikepdf

    with tempfile.TemporaryDirectory(prefix="briefgen-lo-out-") as tmp:
        pdfs = convert_to_pdf(files, Path(tmp))
        counts = {}
        for name, pdf in pdfs.items():
            with pikepdf.open(pdf) as doc:
                counts[name] = len(doc.pages)
        return counts
