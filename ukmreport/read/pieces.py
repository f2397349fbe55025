"""A big worksheet read in pieces: scanned, parsed and validated at the same time, in little memory.

Read whole, a sheet is decompressed and scanned (area.py's pre-flight), then parsed by
calamine into one grid, then validated: three steps one after the other, and the grid of a
million-row sheet alone takes a gigabyte. Read in pieces, the sheet's XML is cut at row
boundaries every ``Limits.piece_bytes``; each piece is scanned like the whole sheet would be (its cells'
area checked against the limits *before* calamine sees it), wrapped in a small workbook of its own
and parsed by calamine in a second thread (calamine releases the GIL) while the rows of the
previous piece are validated here. Excel's row and column numbers are kept: a piece's rows start
where its first cell is, and the rows between pieces are given as blank rows.

The scanning itself (decompressing, the pre-flight's regular expressions, cutting, wrapping) runs
in a forked copy of this process where the system has fork, so that three things happen at once:
piece k is validated here, piece k+1 parsed by calamine, piece k+2 scanned by the copy. Only each
piece's small workbook and the formula cells without a value found in it come back through a pipe.

Shared strings (how Excel saves text) are parsed once, not once a piece: see _indexable.

What a piece cannot know (a comment or odd markup further down, rows out of order, a merged area
over data rows, which Excel writes after the last row) raises Restart, and the sheet is read whole:
workbook.read_sheet decides that, and its caller never sees a piece.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import re
import signal
import warnings
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from ukmreport.read import calamine
from ukmreport.read.area import Area, NeedsExactScan, check_area, scanned_blocks
from ukmreport.read.files import Unreadable
from ukmreport.read.package import Package, root_tag

_SHEET_DATA = re.compile(rb"<sheetData\s*>")
# calamine reserves room for the cells the dimension claims: a piece must not claim the sheet's.
_DIMENSION = re.compile(rb"<dimension\b[^>]*/>")
_END = b"</sheetData></worksheet>"
_STRING_ITEM = re.compile(rb"<si[\s>/]")
_EMPTY_STRINGS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)
_STRINGS_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)


def _zip(parts: list[tuple[str, bytes | None]], empty_strings: str | None) -> bytes:
    """The parts as a zip (stored: calamine reads it at once); the named strings part emptied."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts:
            zf.writestr(name, _EMPTY_STRINGS if name.lower() == empty_strings else (data or b""))
    return out.getvalue()


def _row_boundary(data: bytes, after: int) -> int:
    """The first place after `after` between two rows (after a row's end, or before a row), or -1."""
    end = data.find(b"</row>", after)
    if end >= 0:
        return end + 6
    return data.find(b"<row ", after)


class Restart(Exception):
    """This sheet cannot be read in pieces after all: read it whole (workbook.read_sheet does)."""


class PiecedSheet:
    """One worksheet part read piece by piece; `start()` parses the first piece."""

    def __init__(self, package: Package, info: zipfile.ZipInfo, name: str, sheet_parts: set[str]) -> None:
        self.package, self.info, self.name = package, info, name
        self.area = Area()
        self._blocks = scanned_blocks(package, info, self.area, balanced=True)
        self._sheet_parts = sheet_parts
        self._head = b""
        self._tail = b""  # the XML after the last row (merged areas), once the part is read to its end
        self._base: list[tuple[str, bytes | None]] | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._first: tuple[int, int, list[list[object]]] | None = None
        self.first_row = self.first_col = 1
        self._messages: Iterator[tuple] = iter(())
        self._sst_part: str | None = package.shared_strings
        self._strings_sent = False
        self._strings_future: Future | None = None
        self._strings_list: list[object] | None = None
        self._child = 0  # the forked scanner's process id
        self._next_row = 1
        self._merged: list = []
        self.parsed = 0  # pieces given to calamine

    # -- the pieces' XML ------------------------------------------------------------------------
    def _pieces(self) -> Iterator[bytes]:
        """Each piece as a worksheet of its own: the sheet's head, some rows, the closing tags."""
        try:
            pending: list[bytes] = []
            size = 0
            limit = self.package.limits.first_piece_bytes  # nothing overlaps the first piece's parse: keep it short
            for block in self._blocks:
                pending.append(block)
                size += len(block)
                if not self._head:
                    if size < limit:
                        continue
                    data = self._take_head(b"".join(pending))
                    pending, size = [data], len(data)
                if size < limit:
                    continue
                data, start = b"".join(pending), 0
                while len(data) - start >= limit:
                    cut = _row_boundary(data, start + limit)
                    if cut < 0:
                        break
                    yield self._head + data[start:cut] + _END
                    start, limit = cut, self.package.limits.piece_bytes
                pending, size = [data[start:]], len(data) - start
            data = b"".join(pending)
            if not self._head:
                data = self._take_head(data)
            end = data.find(b"</sheetData>")
            if end < 0:
                raise Restart
            self._tail = data[end:]
            yield self._head + data
        except NeedsExactScan as exc:
            raise Restart from exc

    def _take_head(self, data: bytes) -> bytes:
        """Keep the XML before the first row (without its dimension); return what follows."""
        match = _SHEET_DATA.search(data)
        root = root_tag(data)
        if match is None or root is None or root.group(1) != b"worksheet":
            raise Restart  # a prefixed root, an empty <sheetData/> or a head over a piece long
        self._head = _DIMENSION.sub(b"", data[: match.end()])
        return data[match.end() :]

    def _base_parts(self) -> list[tuple[str, bytes | None]]:
        """Every part of the file as it is, but the worksheets: this one None, the others empty."""
        if self._base is None:
            own = self.info.filename.lower()
            self._base = [
                (i.filename, None if i.filename.lower() == own else _EMPTY_SHEET)
                if i.filename.lower() in self._sheet_parts or i.filename.lower() == own
                else (i.filename, self.package.read(i))
                for i in self.package.infos
                if not i.is_dir()
            ]
        return self._base

    def _workbook(self, xml: bytes, indexed: bool = False) -> bytes:
        """A workbook holding this piece: every other part as in the file, other sheets empty."""
        empty = self._sst_part.lower() if indexed and self._sst_part else None
        parts = [(name, xml if data is None else data) for name, data in self._base_parts()]
        return _zip(parts, empty)

    def _scan(self) -> Iterator[tuple]:
        """What the scanner says: ("piece", its workbook, formula blanks found in it, indexed) for each
        piece, then ("end", the XML before the rows, the XML after them, the cells' area); before
        the first indexed piece ("strings", a workbook listing the shared strings)."""
        seen: set[tuple[int, int]] = set()
        for xml in self._pieces():
            self._check()
            blanks = self.area.formula_blanks
            new = blanks - seen if len(blanks) != len(seen) else set()
            seen |= new
            # The first piece keeps its strings: it is parsed at once, the list of strings is made
            # while it is validated.
            indexed = self._strings_sent and self._indexable(xml)
            yield (
                "piece",
                self._workbook(xml.replace(b' t="s"', b' t="str"') if indexed else xml, indexed),
                new,
                indexed,
            )
            if not self._strings_sent and self._sst_part is not None:
                yield ("strings", self._strings_book())
                self._strings_sent = True
        area = self.area
        yield ("end", self._head, self._tail, (area.min_row, area.max_row, area.min_col, area.max_col))

    def _forked_scan(self) -> Iterator[tuple]:
        """The same messages, from a forked copy of this process that scans while this one works."""
        read_fd, write_fd = os.pipe()
        with warnings.catch_warnings():  # Python 3.12 warns when other threads (a progress bar) run
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # the copy: never returns into the caller's code
            code = 0
            try:
                os.close(read_fd)
                with os.fdopen(write_fd, "wb") as out:
                    try:
                        for message in self._scan():
                            pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
                            out.flush()
                    except Restart:
                        pickle.dump(("restart",), out)
                    except Unreadable as exc:
                        pickle.dump(("unreadable", exc.code, exc.params), out)
                    except BaseException as exc:  # anything else: the sheet is read whole, here
                        pickle.dump(("failed", repr(exc)), out)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write_fd)
        self._child = pid
        with os.fdopen(read_fd, "rb") as pipe:
            while True:
                try:
                    message = pickle.load(pipe)
                except Exception as exc:  # the copy was killed (out of memory, a signal)
                    raise Restart from exc
                if message[0] == "unreadable":
                    raise Unreadable(message[1], **message[2])
                if message[0] in ("restart", "failed"):
                    raise Restart
                yield message
                if message[0] == "end":
                    return

    def _next_book(self) -> tuple[bytes, bool] | None:
        """The next piece's workbook and whether it is indexed (its formula blanks noted), or None."""
        for message in self._messages:
            if message[0] == "strings":
                if self._pool is not None:  # not when finish() only drains the scanner
                    self._strings_future = self._pool.submit(self._parse, message[1])
                continue
            if message[0] == "piece":
                self.area.formula_blanks.update(message[2])
                return message[1], message[3]
            self._head, self._tail = message[1], message[2]  # set in the scanner's process
            area = self.area
            area.min_row, area.max_row, area.min_col, area.max_col = message[3]
            return None
        return None

    # -- parsing ----------------------------------------------------------------------------------
    def _check(self) -> None:
        check_area(self.name, self.area, self.package.limits)

    def _parse(self, book_bytes: bytes) -> object:
        """In the second thread: calamine parses one piece (it does not hold the GIL meanwhile)."""
        book = calamine.open_book(book_bytes)
        return calamine.call(lambda: book.get_sheet_by_name(self.name), f"lembar '{self.name}' rusak")  # type: ignore[attr-defined]

    def _submit(self, book: tuple[bytes, bool]) -> Future:
        assert self._pool is not None
        self.parsed += 1
        return self._pool.submit(self._parse, book[0])

    def _cells(self, sheet: object, indexed: bool) -> tuple[int, int, list[list[object]]]:
        what = f"isi lembar '{self.name}' rusak"
        self._merged = calamine.call(lambda: sheet.merged_cell_ranges or [], what)  # type: ignore[attr-defined]
        start = calamine.call(lambda: sheet.start, what)  # type: ignore[attr-defined]
        if start is None:
            return 0, 0, []
        rows = calamine.call(lambda: sheet.to_python(skip_empty_area=True), what)  # type: ignore[attr-defined]
        if indexed:
            strings = self._strings()
            try:
                rows = [[strings[int(c)] if type(c) is str and c else c for c in row] for row in rows]
            except (ValueError, IndexError) as exc:
                raise Restart from exc
        return start[0], start[1], rows

    # -- shared strings ----------------------------------------------------------------------------
    # A piece's workbook would carry the whole sharedStrings part, and calamine would parse all of
    # it again for every piece (half a million strings take it about 0.4 s). So its string cells
    # become literal-text cells holding their index (t="s" -> t="str"), parsed without the strings,
    # and the indexes are looked up here in the list calamine made once, from a sheet that names
    # every shared string in turn: the texts are exactly calamine's. A piece with any cell typed
    # otherwise as text or error keeps the strings part instead.
    def _indexable(self, xml: bytes) -> bool:
        if self._sst_part is None or b' t="s"' not in xml:
            return False
        return not any(mark in xml for mark in (b"inlineStr", b't="str"', b't="e"', b't="d"', b"t='"))

    def _strings_book(self) -> bytes:
        assert self._sst_part is not None
        info = self.package.find(self._sst_part)
        count = len(_STRING_ITEM.findall(self.package.read(info))) if info is not None else 0
        rows = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (i + 1, i + 1, i) for i in range(count))
        sheet = _STRINGS_HEAD + rows + _END
        own = self.info.filename.lower()
        parts = [(name, sheet if name.lower() == own else data) for name, data in self._base_parts()]
        return _zip(parts, None)

    def _strings(self) -> list[object]:
        if self._strings_list is None:
            if self._strings_future is None:
                raise Restart
            try:
                sheet = self._strings_future.result()
                rows = calamine.call(lambda: sheet.to_python(skip_empty_area=False), "sharedStrings")  # type: ignore[attr-defined]
            except Unreadable as exc:
                raise Restart from exc
            self._strings_list = [row[0] if row else "" for row in rows]
        return self._strings_list

    def start(self) -> None:
        """Scan and parse the first piece: where the sheet's cells begin."""
        self._messages = (
            self._forked_scan() if hasattr(os, "fork") and self.package.limits.fork_scanner else self._scan()
        )
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ukmreport-piece")
        try:
            first = self._next_book()
            if first is None:
                raise Restart
            row, col, cells = self._cells(self._submit(first).result(), first[1])
        except BaseException:
            self.close()
            raise
        self._first = (row, col, cells)
        self.first_row, self.first_col = row + 1, col + 1
        self._next_row = self.first_row

    def rows(self) -> Iterator[list[object]]:
        """Every row from the first filled one, each piece parsed while the one before is read."""
        try:
            assert self._first is not None
            row, col, cells = self._first
            self._first = None
            book = self._next_book()
            while book is not None:
                upcoming = self._submit(book)  # parsed in the second thread while ...
                yield from self._give(row, col, cells)  # ... these rows are validated
                indexed, book = book[1], self._next_book()
                row, col, cells = self._cells(upcoming.result(), indexed)
            yield from self._give(row, col, cells)
        finally:
            self.close(stop_scanner=False)  # finish() may still need what the scanner says

    def _give(self, row: int, col: int, cells: list[list[object]]) -> Iterator[list[object]]:
        if not cells:
            return
        if row + 1 < self._next_row or col + 1 < self.first_col:
            raise Restart  # rows out of order, or a cell left of the first piece's first column
        for _ in range(row + 1 - self._next_row):
            yield []
        self._next_row = row + 1 + len(cells)
        pad = col + 1 - self.first_col
        if pad:
            lead = [""] * pad
            for cells_row in cells:
                yield lead + cells_row
        else:
            yield from cells

    def finish(self) -> list:
        """Scan what the reader did not ask for (the limits apply to the whole sheet); the merges."""
        self.close(stop_scanner=False)
        if not self._tail:
            while self._next_book() is not None:  # scanned (the limits apply to the whole sheet), not parsed
                pass
            self._reap()
            self._check()
            book = calamine.open_book(self._workbook(self._head + self._tail))
            sheet = calamine.call(lambda: book.get_sheet_by_name(self.name), f"lembar '{self.name}' rusak")  # type: ignore[attr-defined]
            self._merged = calamine.call(lambda: sheet.merged_cell_ranges or [], f"lembar '{self.name}' rusak")
        return self._merged

    def close(self, stop_scanner: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if stop_scanner:
            self._reap(kill=True)

    def _reap(self, kill: bool = False) -> None:
        if not self._child:
            return
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._child, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._child, 0)
        self._child = 0
