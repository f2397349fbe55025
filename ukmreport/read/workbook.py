"""A workbook opened for reading, and its sheets loaded one at a time as validation reads them.

What goes in is a path and the limits; what comes out is a RawWorkbook whose RawSheets give rows
of cells with Excel's row numbers and column indexes (both 1-based), or Unreadable with a plain
reason. Values come from python-calamine (fast, read-only). Calamine trusts its input, so nothing
reaches it before the pre-flight in Python has checked the bytes it will parse: the file
(files.py), the zip and its XML parts (package.py), and each worksheet's cells just before
calamine loads it (area.py).

Sheets are loaded lazily, one at a time, when their rows are first read: a sheet the caller never
reads (an unknown sheet name) is never parsed, and a finished sheet's memory is released. A sheet
whose XML is over ``Limits.pieced_from_bytes`` is read in pieces (pieces.py), each piece through
the same pre-flight before calamine sees it. Whether such a sheet must be read whole after all is
decided here, in read_sheet: the caller only ever sees one sheet's rows, as a whole read gives them.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from ukmreport.read import calamine, formats
from ukmreport.read.area import Area, check_area, scan_sheet
from ukmreport.read.files import Unreadable, container_of, read_checked
from ukmreport.read.package import Package
from ukmreport.read.pieces import PiecedSheet, Restart
from ukmreport.settings import Limits

T = TypeVar("T")


class RawSheet:
    """One worksheet's cells, scanned and loaded the first time any of them is asked for."""

    def __init__(
        self,
        name: str,
        visible: bool,
        book: object,
        package: Package | None,
        info: zipfile.ZipInfo | None,
        part: str | None,
        loader: formats.SheetLoader | None = None,
    ) -> None:
        """A worksheet of an .xlsx/.xlsm (book, package, info, part) or of another format (loader)."""
        self.name, self.visible = name, visible
        self._loader = loader
        self._book, self._package, self._info, self._part = book, package, info, part
        self._loaded = self._whole = False
        self._pieced: PiecedSheet | None = None
        self._data_row: int | None = None  # where the caller's data begins, once it asked for merges
        self._parsed = 0  # pieces given to calamine by pieced reads that ended

    # -- what the caller reads ------------------------------------------------------------------
    @property
    def first_row(self) -> int:
        """The Excel row number of the first row `rows` gives."""
        self._load()
        return self._first_row

    @property
    def first_col(self) -> int:
        """The Excel column index of each row's first cell."""
        self._load()
        return self._first_col

    @property
    def rows(self) -> Iterator[list[object]]:
        """The rows from first_row on, each a list of cell values from first_col on."""
        self._load()
        return self._rows

    @property
    def merged(self) -> list[tuple[int, int, int, int]]:
        """Merged areas as (row1, col1, row2, col2), cut to the cells that hold values."""
        self._load()
        return self._merged

    def head(self, count: int) -> list[list[object]]:
        """The first `count` rows, left in place: `rows` still gives them first."""
        self._load()
        taken = list(islice(self._rows, count))
        self._rows = chain(taken, self._rows)
        return taken

    def merged_from(self, row: int) -> list[tuple[int, int, int, int]]:
        """The merged areas that reach `row` or below: where the caller's data begins.

        A sheet read in pieces learns its merged areas only after its last row (Excel writes them
        there). Asking tells read_sheet that any found then reaching `row` changes what the
        caller read, and the sheet is read again whole.
        """
        self._data_row = row
        return [m for m in self.merged if m[2] >= row]

    @property
    def formula_blanks(self) -> set[tuple[int, int]]:
        """(row, column) of cells holding a formula without a saved value."""
        self._load()
        return self._formula_blanks

    @property
    def pieces(self) -> int:
        """How many pieces of this sheet calamine parsed so far (0 when it was read whole)."""
        return self._parsed + (self._pieced.parsed if self._pieced is not None else 0)

    def close(self) -> None:
        """Stop whatever still works on this sheet's reading."""
        if self._pieced is not None:
            self._pieced.close()

    def __repr__(self) -> str:
        return f"RawSheet(name={self.name!r}, visible={self.visible!r}, part={self._part!r})"

    # -- loading --------------------------------------------------------------------------------
    def _load(self) -> None:
        if self._loaded:
            return
        if self._loader is not None:
            loaded = self._loader()
            self._first_row, self._first_col, self._rows = loaded.first_row, loaded.first_col, loaded.rows
            self._merged, self._formula_blanks = loaded.merged, set()
            self._loaded = True
            return
        package, name = self._package, self.name
        assert package is not None
        if self._info is None:
            raise Unreadable("sheet-part-missing", sheet=name, part=self._part or "-")
        if not self._whole and self._info.file_size > package.limits.pieced_from_bytes and self._load_pieced():
            return
        area = scan_sheet(package, self._info)
        check_area(name, area, package.limits)
        sheet = calamine.call(lambda: self._book.get_sheet_by_name(name), f"lembar '{name}' rusak")  # type: ignore[attr-defined]
        start_row, start_col = sheet.start or (0, 0)
        pads_rows, pads_cols = calamine.rows_padding()
        rows: Iterator[list[object]] = calamine.sheet_rows(sheet, name, package.deadline, package.limits)
        if pads_rows and start_row:
            rows = islice(rows, start_row, None)  # keep Excel's row numbers: skip calamine's padding
        self._first_row, self._first_col = start_row + 1, 1 if pads_cols else start_col + 1
        self._rows = rows
        merged = calamine.call(lambda: sheet.merged_cell_ranges or [], f"lembar '{name}' rusak")
        self._merged = _clip_merges(merged, area)
        self._formula_blanks = area.formula_blanks
        self._loaded = True

    def _load_pieced(self) -> bool:
        assert self._info is not None
        sheet = PiecedSheet(self._package, self._info, self.name, self._package.sheet_parts)
        try:
            sheet.start()
        except Restart:
            self._parsed += sheet.parsed
            return False
        self._pieced = sheet
        self._first_row, self._first_col = sheet.first_row, sheet.first_col
        self._rows = sheet.rows()
        self._merged = []  # Excel writes merged areas after the rows: known when _finish() is called
        self._formula_blanks = sheet.area.formula_blanks  # filled as the pieces are scanned
        self._loaded = True
        return True

    def _finish(self) -> bool:
        """Once the caller is done: True when merged areas reaching its data turned up only now."""
        if self._pieced is None:
            return False
        self._rows = iter(())
        merged = self._pieced.finish()
        self._merged = _clip_merges(merged, self._pieced.area)
        self._parsed += self._pieced.parsed
        self._pieced = None
        return self._data_row is not None and any(m[2] >= self._data_row for m in self._merged)

    def _read_whole(self) -> None:
        self.close()
        self._parsed = self.pieces
        self._pieced, self._whole, self._loaded, self._data_row = None, True, False, None


@dataclass
class RawWorkbook:
    """An opened workbook: its file's path and hash, and its worksheets in the workbook's order."""

    path: Path
    sha256: str
    sheets: list[RawSheet]

    def close(self) -> None:
        """Stop whatever still works on its sheets' reading."""
        for sheet in self.sheets:
            sheet.close()


def open_workbook(path: Path, limits: Limits) -> RawWorkbook:
    """Check the file, then open it for reading; raise Unreadable with a plain reason.

    An .xlsx/.xlsm goes through the pre-flight here; an .xls, .ods or .csv through formats.py.

    The file is read once into memory (at most ``max_file_mb``): its hash, the pre-flight and
    calamine all see the same bytes, even if someone saves over the file meanwhile.
    """
    path = Path(path)
    deadline = time.monotonic() + limits.seconds_per_file
    data = read_checked(path, limits)
    container = container_of(path, data)
    sha256 = hashlib.sha256(data).hexdigest()
    if container == "text":
        others = formats.csv_sheets(path, data, limits, deadline)
    elif container == "ole":
        try:
            others = formats.calamine_sheets(data, limits, deadline)
        except Unreadable as exc:
            raise Unreadable("xls-damaged", detail=exc) from exc
    else:
        package = Package(data, limits, deadline, ooxml=False)
        if formats.is_ods(package):
            formats.check_ods(package)
            others = formats.calamine_sheets(data, limits, deadline)
        else:
            package.check_ooxml()
            return _open_ooxml(path, data, sha256, package)
    sheets = [RawSheet(name, visible, None, None, None, None, loader) for name, visible, loader in others]
    return RawWorkbook(path=path, sha256=sha256, sheets=sheets)


def _open_ooxml(path: Path, data: bytes, sha256: str, package: Package) -> RawWorkbook:
    targets = package.check_parts()
    try:
        book = calamine.open_book(data)
    except Unreadable:
        package.diagnose()  # name the broken part instead of calamine's "Cannot detect file format"
        raise
    sheets: list[RawSheet] = []
    for meta in book.sheets_metadata:  # type: ignore[attr-defined]
        if "WorkSheet" not in str(meta.typ):
            continue
        visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
        part = targets.get(meta.name)
        sheets.append(RawSheet(meta.name, visible, book, package, package.find(part) if part else None, part))
    return RawWorkbook(path=path, sha256=sha256, sheets=sheets)


def read_sheet(sheet: RawSheet, consume: Callable[[RawSheet], T]) -> T:
    """Run `consume` over the sheet and return what it returns, as if the sheet were read whole.

    A sheet read in pieces may meet what only a whole read handles: rows out of order, markup a
    piece cannot place, a scanner that died, or merged areas (known only after the last row)
    reaching the rows `consume` took as data (RawSheet.merged_from). Then `consume` runs again,
    over the sheet read whole; what the first run returned is dropped.
    """
    try:
        result = consume(sheet)
        if not sheet._finish():
            return result
    except Restart:
        pass
    sheet._read_whole()
    result = consume(sheet)
    sheet._finish()
    return result


def _clip_merges(merged: list, area: Area) -> list[tuple[int, int, int, int]]:
    """Merged areas in Excel's 1-based numbers, cut to the cells that hold values.

    A merge over A1:XFD1048576 would otherwise make its reader visit 17 billion cells.
    """
    out = []
    for (r1, c1), (r2, c2) in merged:
        r1, c1, r2, c2 = r1 + 1, c1 + 1, r2 + 1, c2 + 1
        if not area.max_row or r1 > area.max_row or c1 > area.max_col:
            continue
        out.append((r1, c1, min(r2, area.max_row), min(c2, area.max_col)))
    return out
