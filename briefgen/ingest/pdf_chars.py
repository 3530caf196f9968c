"""A PDF page's words from PDFium (pypdfium2), as the layout code takes them.

The layout (``pdf_layout``, ``pdf_lines``) reads words as pdfplumber's ``extract_words`` gives
them: ``text, x0, x1, top, bottom, size, fontname, upright``, positions in points with ``top`` and
``bottom`` measured from the top of the page. PDFium reads a page's characters about fifteen
times faster than pdfminer, so the words are made here from PDFium's characters, the way
pdfplumber makes them (``keep_blank_chars=False``, ``use_text_flow=False``, tolerances 3 pt):

* a character's box is pdfminer's: from its origin on the baseline (text rise included), its
  advance width and the font's descent; ``size`` is the font size times the text matrix's scale
  (a font set at 1 pt and scaled by the matrix is as large as it looks);
* characters of one run (same font name, size and uprightness, in drawing order) are grouped
  into lines (tops within 3 pt) and read left to right; a word ends at a space, at a gap of over
  3 pt, where the next character starts left of the last one, at a change of line, and at a
  change of font name or size;
* PDFium leaves out a text object that draws nothing (its box has no width): a space drawn as an
  object of its own (Word does, between words and before a contents page's dot leader). Such an
  object still ends a word here, as the space it is does in pdfplumber ("Independence with",
  "Programs ......"). The spaces and line breaks PDFium generates are left out;
* the hyphen PDFium marks at a line end (U+0002) is the PDF's own character again, "-": PDFium
  gives one mark for a hyphen and a soft hyphen, and ``pdf.decide_hyphen`` weighs a "-" on the
  words either side, so a real hyphen ("China-Russia", "de-dollarize") is never dropped. A
  ligature PDFium splits into its letters keeps the ligature's box. A character whose font has
  no Unicode map is "(cid:N)", as pdfminer writes it (``pdf`` counts them);
* upright: the text matrix, with the page's /Rotate, neither turns nor mirrors the glyphs (text
  set sideways is ``upright=False``; ``pdf`` leaves it out).

Where the two engines differ, PDFium is the better reading: it drops a text object drawn twice
on itself (a fake bold) where pdfminer doubles its letters, and it takes a font's descent from
the font when its descriptor says 0. ``pdf_check`` reads the file with poppler, so the two
readings of a capture stay independent.
"""

from __future__ import annotations

import ctypes
import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

X_TOLERANCE = 3.0  # pdfplumber's defaults (utils.text DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE)
Y_TOLERANCE = 3.0
_HYPHEN_MARK = 0x2  # PDFium: a hyphen ("-" or soft) that ends a line before a word goes on
_EMPTY = 0.01  # PDFium's kSizeEpsilon: a text object narrower than this is left out


@dataclass
class PageWords:
    width: float
    height: float
    words: list[dict]


@dataclass
class _Run:
    """What every character of one text object shares."""

    fontname: str
    upright: bool
    lin: tuple[float, float, float, float]  # glyph space (1 unit = the font size) -> page, linear part
    scale_x: float  # the same before the page's rotation: x of (1, 0) (a loose box's width)
    descent: float  # the font's descent, in units of its size (negative)
    font: object  # FPDF_FONT, for advance widths
    font_key: int  # its address
    plain: bool = False  # upright, neither turned (by the page either) nor slanted: boxes by offsets
    top_offset: float = 0.0  # there: the box's top and bottom above the origin, and its size
    bottom_offset: float = 0.0
    size: float = 0.0


class _Page:
    """PDF user space -> pdfplumber's page coordinates: pdfminer's matrix for /Rotate
    (PDFPageInterpreter.process_page), then pdfplumber's top-down flip of its MediaBox."""

    def __init__(self, page):
        box = page.get_mediabox(fallback_ok=False) or page.get_bbox()
        x0, y0, x1, y1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
        rotate = page.get_rotation() % 360
        self.rot = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                    270: (0, 1, -1, 0, y1, -x0)}.get(rotate, (1, 0, 0, 1, -x0, -y0))
        self.x0, self.y0, bx1, by1 = (y0, x0, y1, x1) if rotate in (90, 270) else (x0, y0, x1, y1)
        self.width, self.height = bx1 - self.x0, by1 - self.y0

    def linear(self, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        """A matrix's linear part, then the page's rotation (row vectors: p' = p · M · R)."""
        ra, rb, rc, rd = self.rot[:4]
        return a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd

    def box(self, x: float, y: float, lin, descent: float, adv: float) -> tuple[float, float, float, float]:
        """pdfminer's box (LTChar) of a glyph at origin (x, y) in user space: its corners (0,
        descent) and (adv, descent + 1) in glyph space; (x0, x1, top, bottom)."""
        ra, rb, rc, rd, re_, rf = self.rot
        px, py = x * ra + y * rc + re_, x * rb + y * rd + rf
        a, b, c, d = lin
        qx0, qy0 = px + c * descent, py + d * descent
        qx1, qy1 = px + a * adv + c * (descent + 1), py + b * adv + d * (descent + 1)
        return (min(qx0, qx1) + self.x0, max(qx0, qx1) + self.x0,
                self.height - max(qy0, qy1) - self.y0, self.height - min(qy0, qy1) - self.y0)


def page_words(page) -> PageWords:
    """The words of one page (a ``pypdfium2.PdfPage``)."""
    import pypdfium2.raw as R

    geometry = _Page(page)
    textpage = page.get_textpage()
    try:
        chars = _chars(R, textpage.raw, geometry)
    finally:
        textpage.close()
    cuts = _blank_objects(R, page.raw, geometry)
    return PageWords(geometry.width, geometry.height, _words(chars, cuts))


def _chars(R, tp, geometry: _Page):
    """The page's characters as pdfminer boxes them: (text, x0, x1, top, bottom, run, size)."""
    get_unicode, is_generated, map_error = R.FPDFText_GetUnicode, R.FPDFText_IsGenerated, R.FPDFText_HasUnicodeMapError
    get_origin, text_object = R.FPDFText_GetCharOrigin, _text_object(R)
    tp_address = ctypes.cast(tp, ctypes.c_void_p).value
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = R.FS_RECTF()
    value = ctypes.c_float()
    buffers = (ctypes.create_string_buffer(256), ctypes.c_int(), R.FS_MATRIX(), ctypes.c_float())
    runs: dict[int, _Run] = {}
    fonts: dict[int, tuple] = {}  # font -> (its handle, descent)
    widths: dict[tuple[int, int], float] = {}  # (font, character) -> advance, in units of the size
    dx = geometry.rot[4] + geometry.x0
    bottom_y = geometry.height - geometry.rot[5] - geometry.y0  # the page's top-down flip
    out = []
    last_key = last_x = last_y = None  # the character before: a ligature's letters share an origin
    for i in range(R.FPDFText_CountChars(tp)):
        u = get_unicode(tp, i)
        if u in (0x20, 0x0D, 0x0A) and is_generated(tp, i):
            continue
        key = text_object(tp_address, i)
        if not key:
            continue
        run = runs.get(key)
        if run is None:
            run = runs[key] = _run(R, tp, i, key, geometry, fonts, buffers)
        if u == 0 or map_error(tp, i):
            text = f"(cid:{u})"
        elif u == _HYPHEN_MARK and R.FPDFText_IsHyphen(tp, i):
            text, u = "-", 0x2D
        else:
            text = chr(u)
        get_origin(tp, i, ox, oy)
        x, y = ox.value, oy.value
        piece = key == last_key and x == last_x and y == last_y
        last_key, last_x, last_y = key, x, y
        # the advance: the font's width for the character, checked against the loose box
        # (the advance and the glyph's outline); a ligature's letters (one glyph, one origin)
        # and a width PDFium cannot map back take the loose box's width
        adv = None if piece else widths.get((run.font_key, u))
        if adv is None:
            adv = _advance(R, tp, i, run, u, piece, loose, value)
            if not piece:
                widths[(run.font_key, u)] = adv
        if run.plain:  # the common case of ``geometry.box``: upright, unturned, unslanted
            x0 = x + dx
            x1 = x0 + run.lin[0] * adv
            if x1 < x0:
                x0, x1 = x1, x0
            top, bottom = bottom_y - y - run.top_offset, bottom_y - y - run.bottom_offset
            size = run.size
        else:
            x0, x1, top, bottom = geometry.box(x, y, run.lin, run.descent, adv)
            size = _size(run.lin, adv)
        if piece and out:  # the ligature's earlier letters reach as far
            prev = out[-1]
            out[-1] = (prev[0], min(prev[1], x0), max(prev[2], x1), *prev[3:])
        out.append((text, x0, x1, top, bottom, run, size))
    return out


def _advance(R, tp, i: int, run: _Run, u: int, piece: bool, loose, value) -> float:
    """A character's advance in units of its size: the font's width for it where PDFium maps
    it back and it fits the loose box, else the loose box's width."""
    R.FPDFText_GetLooseCharBox(tp, i, loose)
    span = loose.right - loose.left
    sx = abs(run.scale_x)
    width = span / sx if sx else 0.0
    if piece or not (run.font and R.FPDFFont_GetGlyphWidth(run.font, u, 1.0, value)):
        return width
    return value.value if 0 < value.value and value.value * sx <= span + _EMPTY else width


_TEXT_OBJECT = []


def _text_object(R):
    """FPDFText_GetTextObject returning the object's address (an int, a key), not a pointer
    object that would need a cast for every character."""
    if not _TEXT_OBJECT:
        address = ctypes.cast(R.FPDFText_GetTextObject, ctypes.c_void_p).value
        _TEXT_OBJECT.append(ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address))
    return _TEXT_OBJECT[0]


def _run(R, tp, i: int, key: int, geometry: _Page, fonts: dict, buffers) -> _Run:
    name, flags, matrix, value = buffers
    size = R.FPDFText_GetFontSize(tp, i)
    length = R.FPDFText_GetFontInfo(tp, i, name, len(name), flags)
    fontname = name.raw[:max(0, min(length, len(name)) - 1)].decode("utf-8", "replace")
    R.FPDFText_GetMatrix(tp, i, matrix)
    lin = geometry.linear(matrix.a * size, matrix.b * size, matrix.c * size, matrix.d * size)
    font = R.FPDFTextObj_GetFont(ctypes.cast(key, R.FPDF_PAGEOBJECT))
    font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if font_key not in fonts:
        descent = -abs(value.value) if font and R.FPDFFont_GetDescent(font, 1.0, value) else 0.0
        fonts[font_key] = (font, descent)
    font, descent = fonts[font_key]
    a, b, c, d = lin
    plain = geometry.rot[:4] == (1, 0, 0, 1) and bool(a) and not b and not c
    low, high = sorted((d * descent, d * (descent + 1)))
    return _Run(fontname, _upright(lin), lin, matrix.a * size, descent, font, font_key,
                plain, high, low, abs(d))


def _upright(lin) -> bool:
    a, b, c, d = lin
    return a * d > 0 and b * c <= 0


def _size(lin, adv: float) -> float:
    """pdfminer's size: the box's height, its width when the matrix turns the text a quarter
    (its a is 0). Text set at a slant: the height takes in the advance."""
    a, b, c, d = lin
    return abs(b * adv + d) if a else abs(a * adv + c)


def _blank_objects(R, page, geometry: _Page) -> list[tuple[float, float]]:
    """Where the page draws a text object of no width (PDFium leaves it out of its text): its
    origin, (x, top) as a space's box would have them. Form XObjects are looked into."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    matrix = R.FS_MATRIX()
    size = ctypes.c_float()
    value = ctypes.c_float()
    out = []
    stack = [(R.FPDFPage_CountObjects(page), lambda k: R.FPDFPage_GetObject(page, k), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))]
    while stack:
        count, get, form = stack.pop()
        for k in range(count):
            obj = get(k)
            kind = R.FPDFPageObj_GetType(obj)
            if kind == R.FPDF_PAGEOBJ_FORM and R.FPDFPageObj_GetMatrix(obj, matrix):
                inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), form)
                stack.append((R.FPDFFormObj_CountObjects(obj), lambda j, o=obj: R.FPDFFormObj_GetObject(o, j), inner))
                continue
            if kind != R.FPDF_PAGEOBJ_TEXT or not R.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            if abs(right.value - left.value) >= _EMPTY or not R.FPDFPageObj_GetMatrix(obj, matrix):
                continue
            if not R.FPDFTextObj_GetFontSize(obj, size):
                continue
            m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), form)
            s = size.value
            lin = geometry.linear(m[0] * s, m[1] * s, m[2] * s, m[3] * s)
            font = R.FPDFTextObj_GetFont(obj)
            descent = -abs(value.value) if font and R.FPDFFont_GetDescent(font, 1.0, value) else 0.0
            x0, _, top_, _ = geometry.box(m[4], m[5], lin, descent, 0.0)
            out.append((x0, top_))
    return out


def _compose(m, n):
    """The matrix m, then n (row vectors)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _words(chars: list, cuts: list[tuple[float, float]]) -> list[dict]:
    """pdfplumber's WordExtractor.iter_extract_tuples over these characters; ``cuts`` are
    spaces PDFium left out, (x, top): one ends a word on its line where it stands."""
    cuts = sorted((t, x) for x, t in cuts)
    cut_tops = [t for t, _ in cuts]
    words = []
    for (upright, fontname, size), group in itertools.groupby(
            chars, key=lambda ch: (ch[5].upright, ch[5].fontname, ch[6])):
        for line in _cluster(list(group)):
            line.sort(key=lambda ch: ch[1])
            top = line[0][3]
            here = sorted(x for _, x in cuts[bisect_left(cut_tops, top - Y_TOLERANCE):
                                             bisect_right(cut_tops, top + Y_TOLERANCE)])
            word = None  # [[text], x0, x1, top, bottom, the last character's x0, x1, top]
            for text, x0, x1, ctop, bottom, _run, _size in line:
                if word is not None and (text.isspace() or x0 < word[5] or x0 > word[6] + X_TOLERANCE
                                         or abs(ctop - word[7]) > Y_TOLERANCE
                                         or (here and _cut_between(here, word[5], x0))):
                    words.append(_word(word, upright, fontname, size))
                    word = None
                if text.isspace():
                    continue
                if word is None:
                    word = [[text], x0, x1, ctop, bottom, x0, x1, ctop]
                else:
                    word[0].append(text)
                    if x0 < word[1]:
                        word[1] = x0
                    if x1 > word[2]:
                        word[2] = x1
                    if ctop < word[3]:
                        word[3] = ctop
                    if bottom > word[4]:
                        word[4] = bottom
                    word[5], word[6], word[7] = x0, x1, ctop
            if word is not None:
                words.append(_word(word, upright, fontname, size))
    return words


def _word(word: list, upright: bool, fontname: str, size: float) -> dict:
    return {"text": "".join(word[0]), "x0": word[1], "x1": word[2], "top": word[3], "bottom": word[4],
            "upright": upright, "fontname": fontname, "size": size}


def _cut_between(xs: list[float], a: float, b: float) -> bool:
    """Does one of the sorted ``xs`` stand in [a, b)?"""
    i = bisect_left(xs, a)
    return i < len(xs) and xs[i] < b


def _cluster(chars: list) -> list[list]:
    """Lines: characters whose tops are within the tolerance of the next one's (chained), in
    the order of their tops (pdfplumber's cluster_objects on ``top``)."""
    tops = sorted({ch[3] for ch in chars})
    index: dict[float, int] = {}
    k = 0
    for prev, t in zip([None, *tops], tops):
        if prev is not None and t > prev + Y_TOLERANCE:
            k += 1
        index[t] = k
    lines: list[list] = [[] for _ in range(k + 1)]
    for ch in chars:
        lines[index[ch[3]]].append(ch)
    return [ln for ln in lines if ln]
