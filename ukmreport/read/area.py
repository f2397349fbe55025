"""A worksheet's cells scanned before calamine loads them: their area, and what calamine misses.

What goes in is one worksheet part of a checked Package; what comes out is an Area: the span of
rows and columns its cells take and the cells holding a formula without a saved value (calamine
cannot tell those from blanks), or Unreadable. Calamine turns a sheet into a dense grid of
(last row - first row + 1) x (last column - first column + 1) cells, so one stray value in
XFD1048576 asks for 550 GB and aborts the whole process (upstream: tafia/calamine#693,
dimastbk/python-calamine#130): check_area holds the area against the limits first. A date cell
far below year 1900 makes calamine panic, so it is refused here too.

Two scanners: a fast one for canonical sheets (every cell ``<c r="..">``), and an exact one that
walks every tag the way calamine does, for the rest.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from ukmreport.read.files import Unreadable, column_index, column_letter, thousands, timed_out
from ukmreport.read.package import (
    MAX_BUFFER,
    Package,
    attribute,
    check_declarations,
    check_encoding,
    row_number,
)
from ukmreport.settings import Limits

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Cells calamine may hold for one sheet (its grid costs about 32 bytes a cell, ~1.9 GB here) when
# Fallback when Limits lacks max_cells; a 1,048,576-row sheet of 57 columns still fits.
MAX_CELLS = 60_000_000

# A canonical cell start tag as Excel, LibreOffice and openpyxl write it: `<c r="B7" ...>`, r first,
# double quotes, not self-closing. Quoted values are matched whole, so a '>' inside one cannot end
# the tag early.
_CANON_CELL = re.compile(rb'<c r="([^"]*)"[^>/"]*(?:"[^"]*"[^>/"]*)*>')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>(.*?)</v>", re.DOTALL)
_STR_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")
# For the exact scanner: comments, CDATA sections and processing instructions (skipped whole; a
# bare "<!" or "<?" is one left unfinished at the end of a chunk), and the c, row and f tags with
# any prefix, their attribute values matched whole as quick-xml does.
_TOKEN = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!|<\?"
    rb"""|<(/?)(?:[^\s/>:!?]+:)?(c|row|f)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>""",
    re.DOTALL,
)
_REF = re.compile(rb"([A-Za-z]*)(\d*)")
_DIGITS = b"0123456789"
_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
# Below this a date cell's value makes calamine panic (chrono's TimeDelta overflows: -1.07e11 days).
_DATE_FLOOR = -1e11


@dataclass
class Area:
    """What the scan of one sheet part found: the span of its cells and formulas without value."""

    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    formula_blanks: set[tuple[int, int]] = field(default_factory=set)

    def add(self, row: int, col: int) -> None:
        if not self.max_row:
            self.min_row = self.max_row = row
            self.min_col = self.max_col = col
            return
        self.min_row, self.max_row = min(self.min_row, row), max(self.max_row, row)
        self.min_col, self.max_col = min(self.min_col, col), max(self.max_col, col)

    def add_refs(self, refs: list[bytes]) -> None:
        """Add many `B7`-style references at once: letters and digits split in C, not per cell."""
        joined = b" ".join(refs)
        if joined.translate(None, _LETTERS + _DIGITS + b" ") or b"" in refs:
            raise NeedsExactScan  # not letters and digits: calamine rejects it, the exact scan says why
        # Letters-only or digits-only references make calamine fail, so the corners of the valid
        # ones are all that matters, and every valid one's letters and digits are in these sets.
        digits = joined.translate(None, _LETTERS)
        letters = joined.translate(None, _DIGITS)
        rows = set(digits.split())
        if len(letters) == 2 * len(refs) - 1:  # one letter each (A..Z): no need to split
            cols = {bytes([c]) for c in set(letters[::2])}
        else:
            cols = set(letters.split())
        if not rows or not cols:
            raise NeedsExactScan
        if len(max(rows, key=len)) <= 12:
            low_row, high_row = min(rows, key=int), max(rows, key=int)  # key=int runs in C
        else:
            low_row, high_row = min(rows, key=_numeric_key), max(rows, key=_numeric_key)
        low_col, high_col = min(cols, key=_letters_key), max(cols, key=_letters_key)
        self.add(row_number(low_row), _column_number(low_col))
        self.add(row_number(high_row), _column_number(high_col))

    @property
    def height(self) -> int:
        return self.max_row - self.min_row + 1 if self.max_row else 0

    @property
    def width(self) -> int:
        return self.max_col - self.min_col + 1 if self.max_col else 0


def _numeric_key(value: bytes) -> tuple[int, bytes]:
    stripped = value.lstrip(b"0") or b"0"
    return len(stripped), stripped


def _letters_key(value: bytes) -> tuple[int, bytes]:
    return len(value), value.upper()


def _column_number(letters: bytes) -> int:
    return column_index(letters.decode("ascii")) if len(letters) <= 6 else 26**6


class NeedsExactScan(Exception):
    """The fast scan met something it cannot account for; the part is scanned tag by tag."""


def scan_sheet(package: Package, info: zipfile.ZipInfo) -> Area:
    try:
        return fast_scan(package, info)
    except NeedsExactScan:
        return exact_scan(package, info)


def fast_scan(package: Package, info: zipfile.ZipInfo) -> Area:
    """Canonical sheets (every cell `<c r="..">`): the area from the cell references, at C speed.

    Every non-self-closing element named c, whatever its prefix, ends with a tag ending in "c>",
    and every match of _CANON_CELL is the start tag of one such element (comments, CDATA and
    processing instructions, where a fake one could hide, send the part to the exact scanner).
    So when the matches are as many as the "c>" in the part, every cell calamine will read was
    counted with its own reference. Otherwise (cells without `r`, with a prefix, `r` not first,
    single quotes, ...) the exact scanner walks every tag.
    """
    area = Area()
    for _ in scanned_blocks(package, info, area):
        pass
    return area


def scanned_blocks(package: Package, info: zipfile.ZipInfo, area: Area, balanced: bool = False) -> Iterator[bytes]:
    """The part's XML in blocks cut after a cell or row end, each added to `area` before it is given.

    With `balanced`, every block must account for its own cells (what a reader that parses block
    by block needs); otherwise only the whole part must. Raises NeedsExactScan when it cannot.
    """
    name = info.filename
    starts = ends = 0
    first, buf = True, b""
    for chunk in package.chunks(info):
        if first:
            check_encoding(name, chunk)
            first = False
        buf += chunk
        # Cut after a cell or row end, so a cell (and its formula) is never split.
        cell_end, row_end = buf.rfind(b"</c>"), buf.rfind(b"</row>")
        cut = max(cell_end + 4 if cell_end >= 0 else 0, row_end + 6 if row_end >= 0 else 0)
        if not cut:
            if len(buf) < MAX_BUFFER:
                continue
            raise NeedsExactScan
        if time.monotonic() > package.deadline:
            raise timed_out(package.limits)
        block, buf = buf[:cut], buf[cut:]
        block_starts, block_ends = _fast_block(name, block, area, 0, 0, package.date_styles)
        if balanced and block_starts != block_ends:
            raise NeedsExactScan
        starts, ends = starts + block_starts, ends + block_ends
        yield block
    if buf:
        block_starts, block_ends = _fast_block(name, buf, area, 0, 0, package.date_styles)
        starts, ends = starts + block_starts, ends + block_ends
    if starts != ends:
        raise NeedsExactScan
    if buf:
        yield buf


def _fast_block(
    name: str, data: bytes, area: Area, starts: int, ends: int, date_styles: frozenset[int]
) -> tuple[int, int]:
    if b"!" in data and b"<!" in data:
        check_declarations(name, data)
        raise NeedsExactScan  # a comment or CDATA section
    if b"?" in data and data.find(b"<?", 1) > 0:
        raise NeedsExactScan  # a processing instruction after the XML declaration
    refs = _CANON_CELL.findall(data)
    if refs:
        area.add_refs(refs)
    if b"<f" in data:
        _formula_blanks(data, area)
    if date_styles and b"<v>-" in data:
        pos = data.find(b"<v>-")
        while pos >= 0:
            end = data.find(b"</v>", pos)
            start = data.rfind(b"<c", 0, pos)
            if end > 0 and start >= 0:
                _check_date_value(name, data[start : data.find(b">", start) + 1], data[pos + 3 : end], date_styles)
            pos = data.find(b"<v>-", pos + 4)
    return starts + len(refs), ends + data.count(b"c>")


def _check_date_value(name: str, tag: bytes, value: bytes, date_styles: frozenset[int]) -> None:
    """A date-formatted cell far below year 1900 (or -inf) makes calamine panic: refuse it first."""
    try:
        number = float(value)
    except ValueError:
        return
    if not number < _DATE_FLOOR:
        return
    style = attribute(tag, b"s")
    if style is not None and style.strip().isdigit() and int(style) in date_styles:
        where = attribute(tag, b"r")
        raise Unreadable("date-out-of-range", cell=_show(where) if where else "?", part=name, value=_show(value))


def _formula_blanks(data: bytes, area: Area) -> None:
    """Cells of a canonical block that hold a formula (<f>) but no saved value (<v>)."""
    pos = data.find(b"<f")
    while pos >= 0:
        if data[pos + 2 : pos + 3] in (b">", b" ", b"/", b"\t", b"\n", b"\r"):
            start = data.rfind(b'<c r="', 0, pos)
            end = data.find(b"</c>", pos)
            tag = _CANON_CELL.match(data, start) if start >= 0 else None
            if tag is not None and end > 0 and data.rfind(b"</c>", start, pos) < 0:
                ref = _REF.fullmatch(tag.group(1))
                if (
                    ref
                    and ref.group(1)
                    and ref.group(2)
                    and _formula_without_value(tag.group(0), data[tag.end() : end])
                ):
                    area.formula_blanks.add((row_number(ref.group(2)), _column_number(ref.group(1))))
                pos = end
        pos = data.find(b"<f", pos + 2)


def _formula_without_value(tag: bytes, body: bytes) -> bool:
    value = _VALUE.search(body)
    if value is not None and value.group(1).strip():
        return False
    # A formula that returned the empty string (t="str" with an empty <v>) has a value.
    return not (value is not None and _STR_TYPE.search(tag))


def exact_scan(package: Package, info: zipfile.ZipInfo) -> Area:
    """Walk the c and row tags the way calamine does: a cell without `r` takes the row and column
    counters. A cell's body is read only when it holds a formula or could hold a negative date."""
    area = Area()
    name = info.filename
    date_styles = package.date_styles
    row_index = 0  # 0-based, as in calamine
    last_ref: bytes | None = None  # the row's last cell with `r`; cells without follow it
    run = 0  # cells without `r` since then
    cell: tuple[bytes, int, bytes | None, int] | None = None  # start tag, end offset, ref, position index
    has_formula = False
    first, buf, pos = True, b"", 0
    chunks = package.chunks(info)
    while True:
        chunk = next(chunks, None)
        if chunk is not None and first:
            check_encoding(name, chunk)
            first = False
        data = buf + (chunk or b"")
        if b"<!" in data:
            check_declarations(name, data)
        check_dates = bool(date_styles) and b"<v>-" in data
        refs: list[bytes] = []  # references of cells with `r`, added in bulk
        spots: list[tuple[int, int]] = []  # positions of cells without
        end = pos
        for match in _TOKEN.finditer(data, pos):
            token = match.group(0)
            if token in (b"<!", b"<?"):
                break  # an unfinished comment, CDATA section or instruction: wait for more
            end = match.end()
            closing, local, attrs, empty = match.groups()
            if local == b"c":
                if closing:
                    if cell is not None and (has_formula or check_dates):
                        _inspect_cell(
                            name,
                            cell,
                            data[cell[1] : match.start()],
                            has_formula,
                            check_dates,
                            area,
                            date_styles,
                            row_index,
                            last_ref,
                        )
                    cell, has_formula = None, False
                elif not empty:  # calamine skips a self-closing cell: no value, no counter
                    if attrs.startswith(b' r="'):
                        ref: bytes | None = attrs[4 : attrs.find(b'"', 4)]
                    else:
                        ref = attribute(attrs, b"r")
                    if ref is not None:
                        refs.append(ref)
                        last_ref, run = ref, 0
                        cell = (token, end, ref, 0)
                    else:
                        run += 1
                        spot = (row_index + 1, (_ref_column(name, last_ref) if last_ref else 0) + run)
                        spots.append(spot)
                        cell = (token, end, None, spot[0] * (EXCEL_MAX_COLUMNS * 64) + spot[1])
            elif local == b"row":
                if closing:
                    row_index, last_ref, run = row_index + 1, None, 0
                elif not empty:
                    ref = attribute(attrs, b"r")
                    if ref is not None:
                        if not ref.isdigit():
                            raise Unreadable("bad-row-number", part=name, value=_show(ref))
                        row_index = row_number(ref) - 1
            elif local == b"f" and cell is not None and not closing:
                has_formula = True
        if refs:
            try:
                area.add_refs(refs)
            except NeedsExactScan:
                for ref in refs:
                    _ref_column(name, ref)  # raises Unreadable naming the first bad one
                raise
        for row, col in (min(spots), max(spots), min(spots, key=_second), max(spots, key=_second)) if spots else ():
            area.add(row, col)
        # Keep what is unfinished, and an open cell from its start tag on (its body may be needed).
        keep = min(end, cell[1]) if cell is not None else end
        if cell is not None:
            cell = (cell[0], cell[1] - keep, cell[2], cell[3])
        buf, pos = data[keep:], end - keep
        if chunk is None:
            break
        if len(buf) > MAX_BUFFER:
            raise Unreadable("xml-element-too-big", part=name)
        if time.monotonic() > package.deadline:
            raise timed_out(package.limits)
    return area


def _second(spot: tuple[int, int]) -> int:
    return spot[1]


def _ref_column(name: str, ref: bytes) -> int:
    parsed = _REF.fullmatch(ref)
    if parsed is None or not parsed.group(1) or not parsed.group(2):
        raise Unreadable("bad-cell-ref", part=name, value=_show(ref))
    return _column_number(parsed.group(1))


def _inspect_cell(
    name: str,
    cell: tuple[bytes, int, bytes | None, int],
    body: bytes,
    has_formula: bool,
    check_dates: bool,
    area: Area,
    date_styles: frozenset[int],
    row_index: int,
    last_ref: bytes | None,
) -> None:
    tag, _, ref, spot = cell
    if ref is not None:
        parsed = _REF.fullmatch(ref)
        if parsed is None or not parsed.group(1) or not parsed.group(2):
            return  # reported when the references are added
        position = (row_number(parsed.group(2)), _column_number(parsed.group(1)))
    else:
        position = divmod(spot, EXCEL_MAX_COLUMNS * 64)
    if has_formula and _formula_without_value(tag, body):
        area.formula_blanks.add(position)
    if check_dates and b"<v>-" in body:
        value = _VALUE.search(body)
        if value:
            _check_date_value(name, tag, value.group(1).strip(), date_styles)


def _show(value: bytes) -> str:
    return value[:20].decode("utf-8", "replace")


def check_area(sheet: str, area: Area, limits: Limits) -> None:
    if not area.max_row:
        return
    if area.max_row > EXCEL_MAX_ROWS:
        raise Unreadable("row-beyond-excel", sheet=sheet, row=thousands(area.max_row))
    if area.max_col > EXCEL_MAX_COLUMNS:
        raise Unreadable("column-beyond-excel", sheet=sheet)
    if area.height > limits.max_rows:
        raise Unreadable(
            "too-many-rows",
            sheet=sheet,
            rows=thousands(area.height),
            first=thousands(area.min_row),
            last=thousands(area.max_row),
            limit=thousands(limits.max_rows),
        )
    if area.width > limits.max_columns:
        raise Unreadable(
            "too-many-columns",
            sheet=sheet,
            column=column_letter(area.max_col),
            columns=thousands(area.width),
            limit=thousands(limits.max_columns),
        )
    max_cells = getattr(limits, "max_cells", MAX_CELLS)
    if area.height * area.width > max_cells:
        raise Unreadable(
            "too-many-cells",
            sheet=sheet,
            rows=thousands(area.height),
            columns=thousands(area.width),
            cells=thousands(area.height * area.width),
            limit=thousands(max_cells),
        )
