"""Workbooks that are not Office Open XML: .xls (Excel 97–2003), .ods (OpenDocument) and .csv.

What goes in is the file's checked bytes (files.read_checked) and the limits; what comes out is
each sheet's name, visibility and a loader giving its rows (Loaded) the first time they are
asked for, or Unreadable with a plain reason. The same limits hold as for .xlsx:

* .xls: the file size, and the time limit while its rows are read. Its format caps a sheet at
  65,536 rows × 256 columns, so its area cannot ask calamine for more than that; the area
  calamine reports is still held against the limits before a row is read.
* .ods: the zip checks of package.py (sizes, compression ratio, overlapping parts, CRC), no DTD
  or entity declaration in any XML part, and each table's filled area (repeated rows and cells
  counted as calamine expands them) held against the limits before calamine opens the file.
* .csv: the file size, no NUL or other binary bytes, and the same row, column and cell limits.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ukmreport.read import calamine
from ukmreport.read.area import Area, check_area
from ukmreport.read.files import Unreadable, thousands, timed_out
from ukmreport.read.package import Package, check_declarations, check_encoding
from ukmreport.settings import Limits

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
CSV_DELIMITERS = (";", ",", "\t")
# Control characters a text file from a spreadsheet never holds (tab, CR and LF are fine).
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# ODS tables, rows and cells with any namespace prefix; quoted attribute values matched whole.
_ODS_TAG = re.compile(
    rb"""<(/?)(?:[\w.-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>"""
)
_ODS_ROWS = re.compile(rb"""number-rows-repeated\s*=\s*["'](\d+)["']""")
_ODS_COLS = re.compile(rb"""number-columns-repeated\s*=\s*["'](\d+)["']""")
_ODS_NAME = re.compile(rb"""(?:[\w.-]+:)?name\s*=\s*"([^"]*)\"""")
_ODS_TYPED = re.compile(rb"value-type\s*=")


@dataclass
class Loaded:
    """One sheet's rows as the read stage gives them, and its merged areas (1-based, inclusive)."""

    first_row: int
    first_col: int
    rows: Iterator[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


SheetLoader = Callable[[], Loaded]


def is_ods(package: Package) -> bool:
    """An OpenDocument spreadsheet: its `mimetype` part says so (first, stored, as the format asks)."""
    info = package.find("mimetype")
    return info is not None and package.read(info).strip() == ODS_MIMETYPE


# -- .xls and .ods: calamine ------------------------------------------------------------------------


def calamine_sheets(data: bytes, limits: Limits, deadline: float) -> list[tuple[str, bool, SheetLoader]]:
    """Open an .xls or a checked .ods with calamine: each worksheet's name, visibility and loader."""
    book = calamine.open_book(data)
    sheets = []
    for meta in book.sheets_metadata:  # type: ignore[attr-defined]
        if "WorkSheet" not in str(meta.typ):
            continue
        visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
        sheets.append((meta.name, visible, _calamine_loader(book, meta.name, deadline, limits)))
    return sheets


def _calamine_loader(book: object, name: str, deadline: float, limits: Limits) -> SheetLoader:
    def load() -> Loaded:
        sheet = calamine.call(lambda: book.get_sheet_by_name(name), f"lembar '{name}' rusak")  # type: ignore[attr-defined]
        start_row, start_col = sheet.start or (0, 0)
        area = Area()
        if sheet.height and sheet.width:
            area.add(start_row + 1, start_col + 1)
            area.add(start_row + sheet.height, start_col + sheet.width)
        check_area(name, area, limits)
        pads_rows, pads_cols = calamine.rows_padding()
        rows: Iterator[list[object]] = calamine.sheet_rows(sheet, name, deadline, limits)
        if pads_rows and start_row:
            rows = islice(rows, start_row, None)
        merged = calamine.call(lambda: sheet.merged_cell_ranges or [], f"lembar '{name}' rusak")
        return Loaded(
            start_row + 1,
            1 if pads_cols else start_col + 1,
            rows,
            [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in merged],
        )

    return load


def check_ods(package: Package) -> None:
    """The XML parts of an .ods: UTF-8, no DTD or entities, every table's area within the limits."""
    for info in package.infos:
        if not info.filename.lower().endswith(".xml"):
            continue
        if info.filename.lower() == "content.xml":
            _scan_ods_content(package, info)
            continue
        first, tail = True, b""
        for chunk in package.chunks(info):
            if first:
                check_encoding(info.filename, chunk)
                first = False
            data = tail + chunk
            if b"<!" in data:
                check_declarations(info.filename, data)
            tail = data[-16:]


def _scan_ods_content(package: Package, info: object) -> None:
    """Walk content.xml's tables, rows and cells, counting repeats the way calamine expands them.

    Repeated empty cells and rows (LibreOffice pads every sheet to its last column and row with
    them) cost calamine nothing; a repeated cell holding a value is that many cells.
    """
    table = _OdsTable(package.limits)
    first, carry = True, b""
    for chunk in package.chunks(info):  # type: ignore[arg-type]
        if first:
            check_encoding("content.xml", chunk)
            first = False
        data = carry + chunk
        if b"<!" in data:
            check_declarations("content.xml", data)
        end = data.rfind(b">") + 1
        if len(data) - end > 1 << 20:  # one tag of a megabyte: nothing a spreadsheet writes
            raise Unreadable("xml-element-too-big", part="content.xml")
        for match in _ODS_TAG.finditer(data, 0, end):
            table.tag(match)
        carry = data[end:]
    table.close()


class _OdsTable:
    """The area of the table being scanned: rows and columns of its cells holding a value."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.name, self.area = "", Area()
        self.row = self.col = 1
        self.row_repeat = 1
        self.row_min_col = self.row_max_col = 0

    def tag(self, match: re.Match[bytes]) -> None:
        closing, name, attrs, empty = match.groups()
        if name == b"table":
            if closing or empty:
                self.close()
            else:
                found = _ODS_NAME.search(attrs)
                self.name = found.group(1).decode("utf-8", "replace") if found else ""
                self.area, self.row = Area(), 1
        elif name == b"table-row":
            if closing:
                self._end_row()
            else:
                found = _ODS_ROWS.search(attrs)
                self.row_repeat = int(found.group(1)) if found else 1
                self.col, self.row_min_col, self.row_max_col = 1, 0, 0
                if empty:
                    self._end_row()
        elif not closing:
            found = _ODS_COLS.search(attrs)
            repeat = int(found.group(1)) if found else 1
            if not empty or _ODS_TYPED.search(attrs):
                self.row_min_col = self.row_min_col or self.col
                self.row_max_col = self.col + repeat - 1
            self.col += repeat

    def _end_row(self) -> None:
        if self.row_max_col:
            self.area.add(self.row, self.row_min_col)
            self.area.add(self.row + self.row_repeat - 1, self.row_max_col)
            check_area(self.name, self.area, self.limits)
        self.row += self.row_repeat
        self.row_repeat, self.row_max_col, self.row_min_col = 1, 0, 0

    def close(self) -> None:
        check_area(self.name, self.area, self.limits)
        self.area = Area()


# -- .csv -------------------------------------------------------------------------------------------


def csv_sheets(path: Path, data: bytes, limits: Limits, deadline: float) -> list[tuple[str, bool, SheetLoader]]:
    """A .csv is one sheet named after its file: text in UTF-8 (BOM or not) or Windows-1252."""
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    name = path.stem

    def load() -> Loaded:
        return Loaded(1, 1, _csv_rows(text, delimiter, name, limits, deadline))

    return [(name, True, load)]


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; Unreadable for binary content."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("csv-utf16")
    found = _BINARY.search(data)
    if found:
        raise Unreadable("csv-binary", byte=f"0x{data[found.start()]:02x}", position=thousands(found.start()))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The separator of the first lines: the one that splits them into the most equal columns."""
    lines = [line for line in islice(io.StringIO(text), 30) if line.strip()]
    best, best_score = ",", (-1, 0)
    for delimiter in CSV_DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts:
            continue
        widest = max(counts)
        score = (sum(1 for c in counts if c == widest and c > 1), widest)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str, delimiter: str, name: str, limits: Limits, deadline: float) -> Iterator[list[object]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    count = 0
    widest = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Unreadable("csv-damaged", row=thousands(reader.line_num), detail=exc) from exc
        count += 1
        widest = max(widest, len(row))
        if widest > limits.max_columns:
            raise Unreadable(
                "csv-too-many-columns",
                sheet=name,
                count=thousands(widest),
                row=thousands(count),
                limit=thousands(limits.max_columns),
            )
        if count > limits.max_rows:
            raise Unreadable("csv-too-many-rows", sheet=name, limit=thousands(limits.max_rows))
        if not count & 0xFFF and time.monotonic() > deadline:
            raise timed_out(limits)
        yield row  # type: ignore[misc]
