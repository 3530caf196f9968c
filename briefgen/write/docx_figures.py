"""Figures for the DOCX writer: an SVG image of the vocabulary (a ``data:`` URI that the
templates' ``figure_uri`` makes, e.g. the timeline) drawn as a PNG picture with CairoSVG, so Word
readers see the figure the PDF shows, with the same fonts."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import BuildError


@dataclass(frozen=True)
class Picture:
    png: bytes
    width_pt: float


SVG_SCALE = 3  # pixels per CSS pixel: about 290 dpi at the figure's printed size
_SVG_URI = re.compile(r"^data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)$")
_SVG_WIDTH = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"')


def svg_picture(src: str) -> Picture | None:
    """PNG of an SVG ``data:`` URI (as the templates' ``figure_uri`` makes), or None for any
    other image. CairoSVG draws it with the fonts the PDF uses; equal SVG gives equal bytes."""
    match = _SVG_URI.match(src)
    if not match:
        return None
    return _render_svg(base64.b64decode(match.group(1)))


@lru_cache(maxsize=32)
def _render_svg(svg: bytes) -> Picture:
    import cairosvg  # imported only when a DOCX has a figure (about 0.2 s)

    width = _SVG_WIDTH.search(svg)
    if width is None:
        raise BuildError("an SVG figure needs a width on its <svg> element for DOCX")
    width_pt = float(width.group(1)) * (0.75 if width.group(2) in (None, b"px") else 1.0)
    try:
        png = cairosvg.svg2png(bytestring=svg, scale=SVG_SCALE, unsafe=False)
    except Exception as exc:  # noqa: BLE001 - a malformed figure is a template problem
        raise BuildError(f"an SVG figure cannot be drawn for DOCX: {exc}") from None
    return Picture(png, width_pt)
