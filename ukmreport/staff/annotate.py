"""Annotated copies of the input workbooks: each finding marked on its cell, listed on a first sheet.

The copy is made with openpyxl (full load, formulas kept as formulas), so it keeps the original's
values, formulas, cell formatting, merged cells, column widths, data validations, defined names,
comments and other sheets; a `.xlsm` keeps its macros. openpyxl drops what it cannot model:
images, charts, shapes, pivot tables, slicers and some extension features (for instance
conditional formats and data validations defined in x14 extensions). Formula results are not kept
either (openpyxl writes formulas without cached values; Excel recalculates them on opening), so a
copy read back by ukmreport before Excel has saved it reports `formula-no-value` on those cells.

An .xls, .ods or .csv input, which openpyxl cannot open, gets an .xlsx copy made from the values
the read stage gives (each at its own row and column, text kept as text, merged areas merged):
its formatting, formulas and other sheets' objects are not carried over.
"""

from __future__ import annotations

import io
import math
import os
import re
import warnings
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ukmreport.access import Access, make_folder, new_file
from ukmreport.errors import UkmreportError
from ukmreport.messages import SEVERITY_WORDS, finding_message
from ukmreport.models import Dataset, Finding
from ukmreport.read import open_workbook
from ukmreport.render.xlsx import FORMULA_STARTS, fixed_timestamps
from ukmreport.settings import Limits

OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")  # what openpyxl opens; other inputs get a copy of their values
_INVALID_TITLE = re.compile(r"[\\/*?:\[\]]")
FINDINGS_SHEET = "Temuan"
AUTHOR = "ukmreport"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}  # Excel's own "light red" and "light yellow"
_RANK = {"error": 0, "warning": 1, "info": 2}
_HEADERS = {
    "id": ("No", "Lembar", "Sel", "Kolom/Field", "Tingkat", "Kode", "Pesan", "Nilai"),
    "en": ("No", "Sheet", "Cell", "Column/Field", "Severity", "Code", "Message", "Value"),
}
_WIDTHS = (6, 22, 10, 22, 12, 24, 80, 30)
_COMMENT_WIDTH_PX = 280
_COMMENT_CHARS_PER_LINE = 45  # at that width, in the comment font (Tahoma 8–9 in Excel)


def write_annotated(
    data: Dataset,
    dest_dir: Path,
    lang: str = "id",
    when: datetime | None = None,
    *,
    group_readable: bool = False,
    inside_existing: bool = False,
) -> list[Path]:
    """Write an annotated copy of every readable input with cell findings; return the copies' paths.

    The copies hold the inputs' NIKs and account numbers: they are created readable by their owner
    only (and its group with group_readable), and so is dest_dir when it is made here (access.py).
    inside_existing: dest_dir's parent must exist already (a build's staging folder), never be made.

    Raises UkmreportError when dest_dir is the folder of an input (a copy there would be read as
    input next time) before writing anything, and when a workbook cannot be copied, after writing
    the others.
    """
    dest_dir = Path(dest_dir)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in data.findings:
        by_file[finding.file].append(finding)
    target = dest_dir.resolve()
    for info in data.files:
        if Path(info.path).resolve().parent == target:
            raise UkmreportError(
                f"folder anotasi {dest_dir} adalah folder berkas input {Path(info.path).name}; pilih folder lain"
            )
    todo = [
        info.path
        for info in data.files
        if info.readable and any(f.sheet is not None for f in by_file.get(info.path, ()))
    ]
    if not todo:
        return []
    access = Access(personal=True, group=group_readable)
    try:
        make_folder(dest_dir, access, parents=not inside_existing)
    except OSError as exc:
        raise UkmreportError(f"folder anotasi {dest_dir} tidak dapat dibuat: {exc.strerror or exc}") from exc
    written: list[Path] = []
    failed: list[str] = []
    used: set[str] = set()
    for label in todo:
        source = Path(label)
        dest = dest_dir / _unique_name(annotated_name(source.name), used)
        try:
            _annotate_file(source, by_file[label], dest, lang, when, access)
        except Exception as exc:  # openpyxl fails in many ways on files calamine could read
            failed.append(f"{source.name} ({type(exc).__name__}: {str(exc)[:120]})")
            continue
        written.append(dest)
    if failed:
        raise UkmreportError("salinan beranotasi tidak dapat dibuat untuk: " + "; ".join(failed))
    return written


def annotated_name(name: str) -> str:
    """The annotated copy's file name for an input's: the same, as .xlsx for an .xls, .ods or .csv."""
    stem, suffix = os.path.splitext(name)
    return name if suffix.lower() in OPENPYXL_SUFFIXES else f"{stem}.xlsx"


def _unique_name(name: str, used: set[str]) -> str:
    """Keep the input's name; two inputs of the same name from different folders get '-2', '-3'."""
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    used.add(candidate.lower())
    return candidate


def _annotate_file(
    source: Path, findings: list[Finding], dest: Path, lang: str, when: datetime | None, access: Access
) -> None:
    if source.suffix.lower() in OPENPYXL_SUFFIXES:
        with warnings.catch_warnings():
            # openpyxl warns about every extension it drops; the module docstring says what is lost.
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm")
    else:
        wb, titles = _workbook_of_values(source)
        findings = [replace(f, sheet=titles.get(f.sheet, f.sheet)) if f.sheet else f for f in findings]
    targets = _mark_cells(wb, findings, lang)
    _findings_sheet(wb, findings, targets, lang)
    with new_file(dest, access) as fh:
        if when is None:
            wb.save(fh)
        else:  # a build: the same inputs and SOURCE_DATE_EPOCH give the same bytes
            buffer = io.BytesIO()
            wb.save(buffer)
            fh.write(fixed_timestamps(buffer.getvalue(), when))


def _workbook_of_values(source: Path) -> tuple[Workbook, dict[str, str]]:
    """An .xls, .ods or .csv as a new workbook of its values; also each sheet's name -> its title here.

    A title is the sheet's name unless Excel forbids it (a .csv named after a file may hold
    `[]:*?/\\` or run past 31 characters).
    """
    raw = open_workbook(source, Limits())
    wb = Workbook()
    wb.remove(wb.active)
    titles: dict[str, str] = {}
    try:
        for sheet in raw.sheets:
            title = _INVALID_TITLE.sub("_", sheet.name)[:31] or "Lembar"
            n = 2
            while title.lower() in (t.lower() for t in wb.sheetnames):
                title, n = f"{title[:27]} ({n})", n + 1
            titles[sheet.name] = title
            ws = wb.create_sheet(title)
            if not sheet.visible:
                ws.sheet_state = "hidden"
            first_col = sheet.first_col
            for row, cells in enumerate(sheet.rows, sheet.first_row):
                for col, value in enumerate(cells, first_col):
                    if value == "" or value is None:
                        continue
                    cell = ws.cell(row=row, column=col)
                    if isinstance(value, str):
                        _literal(cell, value)
                    else:
                        cell.value = value
                        if isinstance(value, (date, datetime)):
                            cell.number_format = "DD-MM-YYYY"
            for r1, c1, r2, c2 in sheet.merged:
                if (r1, c1) != (r2, c2):
                    ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    finally:
        raw.close()
    return wb, titles


def _target(ws: Worksheet, finding: Finding) -> tuple[int, int]:
    """The (row, column) a finding marks: its cell, else the row's first cell, else the first row."""
    row = finding.row or ws.min_row or 1
    col = column_index_from_string(finding.column) if finding.column else ws.min_column or 1
    if isinstance(ws.cell(row=row, column=col), MergedCell):  # it cannot hold a comment: use the top-left
        for merged in ws.merged_cells.ranges:
            if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
                return merged.min_row, merged.min_col
    return row, col


def _mark_cells(wb: Workbook, findings: list[Finding], lang: str) -> dict[Finding, str]:
    """Fill and comment every cell with findings; return each finding's cell address (e.g. 'B4')."""
    cells: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    addresses: dict[Finding, str] = {}
    for finding in findings:
        if finding.sheet is None or finding.sheet not in wb.sheetnames:
            continue
        row, col = _target(wb[finding.sheet], finding)
        cells[(finding.sheet, row, col)].append(finding)
        addresses[finding] = f"{get_column_letter(col)}{row}"
    fills = {sev: PatternFill("solid", fgColor=color) for sev, color in FILLS.items()}
    for (sheet, row, col), here in cells.items():
        cell = wb[sheet].cell(row=row, column=col)
        here.sort(key=lambda f: _RANK[f.severity])
        worst = here[0].severity
        if worst in fills:
            cell.fill = fills[worst]
        text = "\n".join(f"{_severity_word(f, lang)}: {finding_message(f, lang)} [{f.code}]" for f in here)
        if cell.comment is not None and cell.comment.author != AUTHOR:  # keep the staff's own note
            author = f"{cell.comment.author}: " if cell.comment.author else ""
            text += f"\n\n— {author}{cell.comment.text}".rstrip()
        width, height = _comment_size(text)
        cell.comment = Comment(text, AUTHOR, height=height, width=width)
    return addresses


def _comment_size(text: str) -> tuple[int, int]:
    """Width and height in pixels (openpyxl's unit): wide enough for a sentence, tall enough for every line."""
    lines = sum(max(1, math.ceil(len(line) / _COMMENT_CHARS_PER_LINE)) for line in text.splitlines())
    return _COMMENT_WIDTH_PX, min(600, 24 + 15 * lines)


def _findings_sheet(wb: Workbook, findings: Iterable[Finding], addresses: dict[Finding, str], lang: str) -> None:
    title, n = FINDINGS_SHEET, 2
    while title in wb.sheetnames:  # an input may already have a sheet of that name
        title, n = f"{FINDINGS_SHEET} ({n})", n + 1
    ws = wb.create_sheet(title, 0)
    headers = _HEADERS.get(lang, _HEADERS["id"])
    ws.append(list(headers))
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(vertical="center")
    severity_fills = {sev: PatternFill("solid", fgColor=color) for sev, color in FILLS.items()}
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for number, finding in enumerate(findings, 1):
        row = number + 1
        address = addresses.get(finding)
        values = (
            finding.sheet or "",
            address or "",
            finding.field or "",
            _severity_word(finding, lang),
            finding.code,
            finding_message(finding, lang),
            finding.value or "",
        )
        ws.cell(row=row, column=1, value=number).alignment = top
        for col, value in enumerate(values, 2):
            _literal(ws.cell(row=row, column=col), value).alignment = wrap if col in (7, 8) else top
        if address and finding.sheet:
            link = ws.cell(row=row, column=3)
            sheet = finding.sheet.replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{address}")
            link.style = "Hyperlink"
            link.alignment = top
        if finding.severity in severity_fills:
            ws.cell(row=row, column=5).fill = severity_fills[finding.severity]
        lines = max(math.ceil(len(text) / _WIDTHS[col - 1]) for col, text in ((7, values[5]), (8, values[6])))
        if lines > 1:  # neither Excel nor LibreOffice grows a row for wrapped text written by openpyxl
            ws.row_dimensions[row].height = 15 * lines
    for col, width in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 2)}"
    for other in wb.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    wb.active = 0


def _severity_word(finding: Finding, lang: str) -> str:
    words = SEVERITY_WORDS[finding.severity]
    return words.get(lang, words["id"])


def _literal(cell: Cell, value: str) -> Cell:
    """Write text that stays text: '=HYPERLINK(…)' in a bad cell must not become a formula here."""
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # type: ignore[attr-defined]  # Excel keeps it text when someone edits the cell
    return cell
