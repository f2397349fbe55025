"""Writing the demo workbooks: title blocks, styled header rows, typed cells, reproducible bytes.

`save` fixes the zip timestamps and document properties to 08:00 on ``today`` so the same seed
gives the same bytes, and can stream extra rows of sheet XML straight into the first sheet.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Protocol
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

HEADER_ROW, FIRST_ROW = 4, 5  # businesses, proposals, assessments; cooperatives: header rows 4-5, data from 6

_THIN = Side(style="thin")
HEAD_STYLE = {
    "font": Font(bold=True),
    "fill": PatternFill("solid", fgColor="D9E1F2"),
    "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
    "border": Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN),
}


class StreamedRows(Protocol):
    """Sheet XML rows written into sheet1 by `save`; `ref` is the sheet's dimension (``A1:V5006``)."""

    ref: str

    def __call__(self, out: IO[bytes]) -> None: ...


def styled(cell: Any, **style: Any) -> Any:
    """The cell, with each style attribute set."""
    for key, value in style.items():
        setattr(cell, key, value)
    return cell


def save(
    wb: Workbook, path: Path, today: date, author: str, rows: StreamedRows | None = None, big: bool = False
) -> Path:
    """Save with fixed zip timestamps and document dates; `rows(out)` streams extra sheet XML into sheet1."""
    stamp = datetime(today.year, today.month, today.day, 8, 0, 0)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = author
    buf = io.BytesIO()
    ExcelWriter(wb, ZipFile(buf, "w", ZIP_DEFLATED)).save()  # not wb.save(): that stamps `modified` with now
    with ZipFile(buf) as src, ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as dst:
        for info in src.infolist():
            data = src.read(info)
            zi = ZipInfo(info.filename, stamp.timetuple()[:6])
            zi.compress_type, zi.external_attr = ZIP_DEFLATED, 0o600 << 16
            if rows is not None and info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>", 1)
                with dst.open(zi, "w", force_zip64=big) as out:
                    out.write(head.replace(b"</sheetPr>", f'</sheetPr><dimension ref="{rows.ref}"/>'.encode(), 1))
                    rows(out)
                    out.write(b"</sheetData>" + tail)
            else:
                dst.writestr(zi, data)
    return path


def title(ws: Any, lines: list[str], width: int, write_only: bool = False) -> None:
    """Centred bold title lines from row 1, each merged across `width` columns."""
    last = get_column_letter(width)
    for i, text in enumerate(lines, 1):
        font = Font(bold=True, size=14 if i == 1 else 12)
        if write_only:
            ws.append([styled(WriteOnlyCell(ws, value=text), font=font, alignment=Alignment(horizontal="center"))])
            ws.merged_cells.add(f"A{i}:{last}{i}")
        else:
            styled(ws.cell(i, 1, text), font=font, alignment=Alignment(horizontal="center"))
            ws.merge_cells(f"A{i}:{last}{i}")


def sheet(
    wb: Workbook, name: str, lines: list[str], headers: tuple[str, ...], widths: list[int], header_row: int
) -> Any:
    """A new sheet with its title, one styled header row and the panes frozen below it."""
    ws = wb.create_sheet(name)
    title(ws, lines, len(headers))
    for c, (h, w) in enumerate(zip(headers, widths, strict=True), 1):
        styled(ws.cell(header_row, c, h), **HEAD_STYLE)
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = f"C{header_row + 1}"
    return ws


def put(ws: Any, row: int, values: list[Any], text_cols: tuple[int, ...] = ()) -> None:
    """Write one row from column A: text columns as text, dates as DD/MM/YYYY, big amounts with separators."""
    for c, v in enumerate(values, 1):
        if v is None:
            continue
        cell = ws.cell(row, c, v)
        if c in text_cols:
            if isinstance(v, str):
                cell.number_format = "@"
        elif isinstance(v, date):
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(v, int) and v >= 100_000:
            cell.number_format = "#,##0"
