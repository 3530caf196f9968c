"""Render PDFs to PNG pages (pdftoppm) and tile them into one contact sheet per PDF.

Usage: python tools/contact_sheet.py OUT_DIR file.pdf [file.pdf ...]
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image


def sheet(pdf: Path, out_dir: Path, dpi: int = 50) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = [Image.open(p) for p in sorted(Path(tmp).glob("p-*.png"))]
        width = sum(p.width for p in pages) + 10 * (len(pages) + 1)
        height = max(p.height for p in pages) + 20
        canvas = Image.new("RGB", (width, height), "#777777")
        x = 10
        for p in pages:
            canvas.paste(p, (x, 10))
            x += p.width + 10
        target = out_dir / (pdf.stem + ".png")
        canvas.save(target)
        return target


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[2:]:
        print(sheet(Path(name), out))
