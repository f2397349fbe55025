"""python-calamine, behind calls that turn its errors and Rust panics into Unreadable.

What goes in is the bytes of a workbook the pre-flight has passed (the whole file, or one piece
of a big sheet wrapped as a workbook of its own); what comes out is calamine's workbook and its
sheets' rows. Nothing else in the package imports python_calamine.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from functools import lru_cache

from ukmreport.read.files import Unreadable, short_error, timed_out
from ukmreport.settings import Limits

_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_rows(sheet: object, name: str, deadline: float, limits: Limits) -> Iterator[list[object]]:
    """The rows calamine gives for one sheet; Unreadable when it fails or the deadline passes."""
    iterator = call(lambda: iter(sheet.iter_rows()), name)  # type: ignore[attr-defined]
    count = 0
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # calamine's errors, raised while converting a row
            raise Unreadable("sheet-damaged", sheet=name, detail=short_error(exc)) from exc
        except BaseException as exc:
            if is_panic(exc):
                raise Unreadable("sheet-value-out-of-range", sheet=name) from exc
            raise
        count += 1
        if not count & 0xFFF and time.monotonic() > deadline:
            raise timed_out(limits)
        yield row


def open_book(data: bytes) -> object:
    import python_calamine as pc

    def opened() -> object:
        try:
            return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except pc.PasswordError as exc:
            raise Unreadable("password") from exc

    return call(opened, None)


def call(func, sheet: str | None):  # type: ignore[no-untyped-def]
    """Run one calamine call; its errors, and its Rust panics (not Exceptions), become Unreadable.

    sheet: the sheet being read, or None when the workbook itself is being opened.
    """
    try:
        return func()
    except Unreadable:
        raise
    except Exception as exc:  # calamine raises its own zoo of errors for corrupt parts
        raise damaged(sheet, short_error(exc)) from exc
    except BaseException as exc:
        if is_panic(exc):
            raise damaged(sheet, short_error(exc)) from exc
        raise


def damaged(sheet: str | None, detail: str) -> Unreadable:
    return (
        Unreadable("sheet-damaged", sheet=sheet, detail=detail) if sheet else Unreadable("file-damaged", detail=detail)
    )


def is_panic(exc: BaseException) -> bool:
    """pyo3 turns a Rust panic into PanicException, a BaseException (not an Exception)."""
    return type(exc).__name__ == "PanicException"


@lru_cache(maxsize=1)
def rows_padding() -> tuple[bool, bool]:
    """Does this python-calamine's iter_rows start at row 1 / column A, or at the first cell?

    0.9 yields empty rows above the first filled row but starts each row at the first filled
    column. Measured once on a tiny workbook whose only cell is B3, so an upgrade cannot shift
    every row number silently.
    """
    import python_calamine as pc

    buf = io.BytesIO()
    ns = _MAIN_NS.decode()
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/s.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/worksheets/s.xml",
            f'<worksheet xmlns="{ns}"><sheetData><row r="3"><c r="B3"><v>1</v></c></row></sheetData></worksheet>',
        )
    rows = list(pc.CalamineWorkbook.from_filelike(io.BytesIO(buf.getvalue())).get_sheet_by_name("S").iter_rows())
    return len(rows) == 3, len(rows[-1]) == 2
