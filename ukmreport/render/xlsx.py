"""Plain XLSX tables for other programs to load (the ministry's copy of the attachment).

Every cell value is written as a literal: a text starting with = + - @ stays text, never a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ukmreport.access import PUBLIC, Access, make_folder, write_bytes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class SheetTable:
    """One sheet: an optional title block above the header row, the rows, an optional total row
    (its label, put under the first column, and the sum, under the last)."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    title: Sequence[str] = ()
    total: tuple[str, float] | None = None


def write_table(
    dest: Path,
    sheets: Sequence[SheetTable],
    *,
    title: str,
    author: str,
    created: datetime,
    text_columns: Sequence[str] = (),
    widths: dict[str, float] | None = None,
    access: Access = PUBLIC,
) -> None:
    """Write one sheet per SheetTable, set up to print as a person would: landscape, one page wide,
    the header row repeated on every page; bold frozen header; text columns kept as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = title
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.properties.created = created
    wb.properties.modified = created
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="D9D9D9")
    for sheet in sheets:
        headers = list(sheet.headers)
        ws = wb.create_sheet(_sheet_title(sheet.name, wb.sheetnames))
        last = get_column_letter(len(headers))
        for line in sheet.title:
            ws.append([line])
            ws.merge_cells(f"A{ws.max_row}:{last}{ws.max_row}")
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
            ws.cell(row=ws.max_row, column=1).alignment = Alignment(horizontal="center")
        header_row = len(sheet.title) + 2 if sheet.title else 1  # a blank row under the title
        for i, header in enumerate(headers, 1):
            ws.cell(row=header_row, column=i, value=header)
        for cell in ws[header_row]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        text_idx = {i for i, h in enumerate(headers) if h in text_columns}
        for values in sheet.rows:
            ws.append([None] * len(values))
            _fill(ws, ws.max_row, values, text_idx)
        if sheet.total is not None:
            label, amount = sheet.total
            ws.append([label] + [None] * (len(headers) - 2) + [amount])
            row = ws.max_row
            if len(headers) > 2:
                ws.merge_cells(f"A{row}:{get_column_letter(len(headers) - 1)}{row}")
            for cell in ws[row]:
                cell.font = header_font
            ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
            ws.cell(row=row, column=len(headers)).number_format = "#,##0"
        ws.freeze_panes = f"A{header_row + 1}"
        for i, header in enumerate(headers, 1):
            width = (widths or {}).get(header) or max(10, min(40, len(header) + 4))
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.oddFooter.center.text = "Halaman &P dari &N"
    buffer = io.BytesIO()
    wb.save(buffer)
    make_folder(dest.parent)
    write_bytes(dest, fixed_timestamps(buffer.getvalue(), created), access)


def _fill(ws: Any, row: int, values: Sequence[object], text_idx: set[int]) -> None:
    for i, value in enumerate(values):
        cell = ws.cell(row=row, column=i + 1)
        if isinstance(value, str) or i in text_idx:
            text = "" if value is None else str(value)
            cell.value = text
            cell.data_type = "s"  # a literal string, whatever it starts with
            if i in text_idx:
                cell.number_format = "@"
            if text.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
        else:
            cell.value = value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.number_format = "#,##0"


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def fixed_timestamps(data: bytes, when: datetime) -> bytes:
    """Rewrite an .xlsx with one fixed time (zip entries, modified date): same table, same bytes.

    openpyxl stamps the zip entries and docProps' modified date with the wall clock on save.
    """
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            content = src.read(info)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + iso + rb"\g<2>", content)
            dst.writestr(entry, content)
    return out.getvalue()


def _sheet_title(name: str, taken: list[str]) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'")[:31] or "Sheet"
    title, n = clean, 2
    while title in taken:
        suffix = f" ({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    return title
