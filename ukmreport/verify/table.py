"""Read a letter's printed pages with PDFium: every page's text, and the attachment table cell by cell.

pypdf's pure-Python text extraction is what made verify slow (~8 ms a table row); PDFium (the
pypdfium2 wheel) reads the same pages ~25x faster. Its text keeps the letter's lines, but a table
row whose cells wrap comes out as several lines, so the table is read by position instead: the
column numbers under the header (1, 2, 3 …) and the cell borders around them give each column's
left and right edge, the header labels above them say which column is which, and each row runs
from its number in the No column down to the next row's number. A cell's text is the words inside
its column and row, in the order they were printed, so a name or address over two lines is still
one cell and a number split over two lines is joined again.
"""

from __future__ import annotations

import bisect
import ctypes
import re
from dataclasses import dataclass
from typing import Any

# The columns verify compares, by their header label without spaces or case: field name.
WANTED = {"no": "no", "nik": "nik", "norekening": "no_rekening", "nilai": "nilai"}
_COLUMN_NUMBERS = re.compile(r"^1 2 3(?: \d+)*[ \t]*$", re.M)  # the row under the header: 1 2 3 … n
_WORD = re.compile(r"\S+")
MAX_TEXT_HEIGHT = 24.0  # points: taller characters are a watermark (the CONTOH mark), not table text
SAME_LINE = 2.0  # points between the middles of characters on one printed line


@dataclass(frozen=True)
class Word:
    """A run of printed characters: where it starts in the text, its box and the middle of its line."""

    start: int
    text: str
    left: float
    right: float
    top: float
    middle: float


@dataclass(frozen=True)
class TableRow:
    """One table row as printed: where its number stands in the text, and its cells by field."""

    offset: int
    cells: dict[str, str]


@dataclass
class PrintedPages:
    """Every page's text joined (lines split by \\n) and the table rows found on them, in order."""

    text: str
    rows: list[TableRow]


def read_pages(data: bytes) -> PrintedPages:
    """Open the PDF with PDFium and read its text and its attachment table; raises on a damaged file."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    texts: list[str] = []
    rows: list[TableRow] = []
    offset = 0
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = _page_text(textpage)
            for match in _COLUMN_NUMBERS.finditer(text):
                rows += [TableRow(offset + row.offset, row.cells) for row in _table_rows(page, textpage, text, match)]
            texts.append(text)
            offset += len(text) + 1
            textpage.close()
            page.close()
    finally:
        document.close()
    return PrintedPages("\n".join(texts), rows)


def _page_text(textpage: Any) -> str:
    """The page's text, one character for each of PDFium's (so a position is a character index)."""
    import pypdfium2.raw as raw

    count = textpage.count_chars()
    text = textpage.get_text_range()
    if len(text) != count:  # a character outside the BMP came back as one: rebuild index by index
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(count))
    return text.replace("\r\n", " \n").replace("\r", "\n")  # same length: positions stay indices


def _table_rows(page: Any, textpage: Any, text: str, numbers: re.Match[str]) -> list[TableRow]:
    """The rows of the table whose column-number row is numbers, read cell by cell."""
    words = _words(textpage, text, 0, len(text))
    numbered = [w for w in words if numbers.start() <= w.start < numbers.end()]
    if [w.text for w in numbered] != [str(i) for i in range(1, len(numbered) + 1)]:
        return []
    line = numbered[0].middle
    edges, top, bottom = _column_edges(page, numbered, line)
    header = [w for w in words if line + SAME_LINE < w.middle <= top]
    labels = [""] * len(numbered)
    for word in header:
        column = bisect.bisect(edges, (word.left + word.right) / 2) - 1
        if 0 <= column < len(labels):
            labels[column] += word.text
    fields = {i: WANTED[label.lower()] for i, label in enumerate(labels) if label.lower() in WANTED}
    if "no" not in fields.values():
        return []
    no_column = next(i for i, name in fields.items() if name == "no")
    body = [w for w in words if bottom < w.middle < line - SAME_LINE]
    jumlah = next((w.middle for w in body if w.text == "JUMLAH"), None)  # the total's row closes the table
    if jumlah is not None:
        body = [w for w in body if w.middle > jumlah + SAME_LINE]
    return _rows(body, edges, fields, no_column)


def _rows(body: list[Word], edges: list[float], fields: dict[int, str], no_column: int) -> list[TableRow]:
    """Group the words under the header into rows (a number in the No column opens one) and cells."""
    placed = [(bisect.bisect(edges, (w.left + w.right) / 2) - 1, w) for w in body]
    starts = sorted((w for column, w in placed if column == no_column and w.text.isdigit()), key=lambda w: -w.middle)
    tops = [-(w.top + SAME_LINE) for w in starts]  # ascending, for bisect
    cells: list[dict[str, list[Word]]] = [{} for _ in starts]
    for column, word in placed:
        if column not in fields:
            continue
        row = bisect.bisect(tops, -word.middle) - 1
        if row >= 0:
            cells[row].setdefault(fields[column], []).append(word)
    return [
        TableRow(
            start.start,
            {name: "".join(w.text for w in sorted(found, key=lambda w: w.start)) for name, found in row.items()},
        )
        for start, row in zip(starts, cells, strict=True)
    ]


def _words(textpage: Any, text: str, start: int, end: int) -> list[Word]:
    """The words of text[start:end] with their boxes (first and last character); watermarks left out."""
    import pypdfium2.raw as raw

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    handle = textpage.raw
    words = []
    for match in _WORD.finditer(text, start, end):
        raw.FPDFText_GetCharBox(handle, match.start(), left, right, bottom, top)
        first = (left.value, right.value, bottom.value, top.value)
        if first[3] - first[2] > MAX_TEXT_HEIGHT:
            continue
        raw.FPDFText_GetCharBox(handle, match.end() - 1, left, right, bottom, top)
        words.append(Word(match.start(), match.group(), first[0], right.value, first[3], (first[2] + first[3]) / 2))
    return words


def _column_edges(page: Any, numbered: list[Word], line: float) -> tuple[list[float], float, float]:
    """Each column's left edge and the last one's right edge, the table's top and bottom on this page.

    The edges are the cell borders (thin vertical strokes) that cross the column-number row; a
    table drawn without borders falls back to half-way between the column numbers.
    """
    import pypdfium2.raw as raw

    strokes = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    handle = page.raw  # the page's own objects, through the C calls: ~3x faster than get_objects()
    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, index)
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
            raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            if right.value - left.value < 2 and top.value - bottom.value > 2:
                strokes.append(((left.value + right.value) / 2, bottom.value, top.value))
    crossing = sorted({round(x, 1) for x, y1, y2 in strokes if y1 <= line <= y2})
    edges = [x for i, x in enumerate(crossing) if i == 0 or x - crossing[i - 1] > 1]
    middles = [(w.left + w.right) / 2 for w in numbered]
    if len(edges) != len(numbered) + 1 or any(
        not a < m < b for a, m, b in zip(edges, middles, edges[1:], strict=False)
    ):
        halves = [(a + b) / 2 for a, b in zip(middles, middles[1:], strict=False)]
        edges = [middles[0] - (halves[0] - middles[0] if halves else 50), *halves]
        edges.append(middles[-1] + (middles[-1] - halves[-1] if halves else 50))
        return edges, line + 40, float("-inf")  # the header: a few lines above the numbers
    inside = [(y1, y2) for x, y1, y2 in strokes if edges[0] - 1 <= x <= edges[-1] + 1]
    return edges, max(y2 for _, y2 in inside), min(y1 for y1, _ in inside)
