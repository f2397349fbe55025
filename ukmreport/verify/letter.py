"""Read a proposal letter back from its PDF: what the printed letters say, and the attached XLSX.

The printed side is what PDFium reads off the pages (table.py): per letter its number, date, the
body's count and total, the attachment table's rows (No, NIK, account, amount) read cell by cell,
the JUMLAH line and the total in words. The attached side is the XLSX's sheets, one per letter,
in the same order (pypdf finds the embedded file, calamine reads it).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from ukmreport.verify.table import PrintedPages, TableRow, read_pages

_NOMOR = re.compile(r"^Nomor\s*:\s*(.+?)\s*$", re.M)
_TANGGAL = re.compile(r"^Tanggal\s*:\s*(.+?)\s*$", re.M)
_JUDUL = re.compile(r"^DAFTAR CALON PENERIMA\s+(.+?)\s*$", re.M)
_BODY_COUNT = re.compile(r"mengusulkan (\d+) \(([^)]*)\) orang")
_BODY_TOTAL = re.compile(r"seluruhnya berjumlah (Rp[\d.,]+) \(([^)]*)\)")
_JUMLAH = re.compile(r"^JUMLAH \((\d+) orang\)\s+(Rp[\d.,]+)\s*$", re.M)
_TERBILANG = re.compile(r"Terbilang:\s*(.+?rupiah(?:\s+[a-z ]+?\s+sen)?)(?![a-z])", re.S)
_RUPIAH = re.compile(r"^-?Rp[\d.]+(,\d{2})?$")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Row:
    """One recipient as a table lists it: number, NIK, account number and amount in rupiah."""

    no: int
    nik: str
    no_rekening: str
    nilai: int | None


@dataclass
class PrintedLetter:
    """One letter as printed: its head, the body's figures and the attachment table."""

    program: str = ""
    number: str = ""
    date: str = ""
    body_count: int | None = None
    body_count_words: str = ""
    body_total: int | None = None
    body_total_words: str = ""
    rows: list[Row] = field(default_factory=list)
    jumlah_count: int | None = None
    jumlah_total: int | None = None
    total_words: str = ""


@dataclass
class AttachedSheet:
    name: str
    rows: list[Row]
    problems: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (code, facts): messages/verify.py


def printed_letters(data: bytes) -> list[PrintedLetter]:
    """The letters printed in a PDF's bytes; raises when PDFium cannot open the file."""
    return letters_of(read_pages(data))


def letters_of(pages: PrintedPages) -> list[PrintedLetter]:
    """Split the text at each 'Terbilang:' (a letter's last line) and read each part with its rows."""
    letters: list[PrintedLetter] = []
    start = 0
    for match in _TERBILANG.finditer(pages.text):
        rows = [row for row in pages.rows if start <= row.offset < match.start()]
        letters.append(_letter(pages.text[start : match.start()], match.group(1), rows))
        start = match.end()
    return letters


def _letter(text: str, words: str, rows: list[TableRow]) -> PrintedLetter:
    letter = PrintedLetter(total_words=_one_line(words))
    if m := _NOMOR.search(text):
        letter.number = m.group(1)
    if m := _TANGGAL.search(text):
        letter.date = m.group(1)
    flat = _one_line(text)
    if m := _BODY_COUNT.search(flat):
        letter.body_count, letter.body_count_words = int(m.group(1)), m.group(2)
    if m := _BODY_TOTAL.search(flat):
        letter.body_total, letter.body_total_words = parse_rupiah(m.group(1)), m.group(2)
    if m := _JUDUL.search(text):
        letter.program = m.group(1)
        if j := _JUMLAH.search(text, m.end()):
            letter.jumlah_count, letter.jumlah_total = int(j.group(1)), parse_rupiah(j.group(2))
        letter.rows = [
            Row(
                no=int(row.cells["no"]) if row.cells["no"].isdigit() else 0,  # 0: the comparison says so
                nik=row.cells.get("nik", ""),
                no_rekening=row.cells.get("no_rekening", ""),
                nilai=parse_rupiah(row.cells.get("nilai", "")),
            )
            for row in rows
        ]
    return letter


def _one_line(text: str) -> str:
    return " ".join(text.split())


def parse_rupiah(text: str) -> int | None:
    """'Rp140.000.000,00' → 140000000; None when it is not an amount in whole rupiah."""
    text = text.strip()
    if not _RUPIAH.match(text):
        return None
    whole, _, cents = text.replace("Rp", "").partition(",")
    if cents.strip("0"):
        return None
    return int(whole.replace(".", ""))


def attachment(reader: Any) -> tuple[str, bytes] | None:
    """The first embedded XLSX: its name and bytes."""
    for name, contents in reader.attachments.items():
        if name.lower().endswith(".xlsx") and contents:
            return name, contents[0]
    return None


def attached_sheets(data: bytes) -> list[AttachedSheet]:
    """Every sheet of the attached workbook as rows of No, NIK, No Rekening and Nilai."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for name in workbook.sheet_names:
        grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append(_sheet(name, grid))
    return sheets


def _sheet(name: str, grid: list[list[Any]]) -> AttachedSheet:
    if not grid:
        return AttachedSheet(name, [], [("attachment-sheet-empty", {})])
    # The sheet opens with title rows (the letter it belongs to) above the header row, and ends
    # with its JUMLAH row: the data are the rows between.
    wanted = ("No", "NIK", "No Rekening", "Nilai")
    at = next((i for i, row in enumerate(grid[:20]) if all(h in [str(v).strip() for v in row] for h in wanted)), None)
    headers = [str(h).strip() for h in grid[at if at is not None else 0]]
    missing = [h for h in wanted if h not in headers]
    if at is None or missing:
        return AttachedSheet(name, [], [("attachment-no-column", {"columns": ", ".join(missing or wanted)})])
    col = {h: headers.index(h) for h in wanted}
    rows = []
    for values in grid[at + 1 :]:
        if not any(v not in (None, "") for v in values):
            continue
        if str(values[0] or "").strip().upper().startswith(("JUMLAH", "TOTAL")):
            break
        rows.append(
            Row(
                no=_int(values[col["No"]]) or 0,
                nik=_text(values[col["NIK"]]),
                no_rekening=_text(values[col["No Rekening"]]),
                nilai=_int(values[col["Nilai"]]),
            )
        )
    return AttachedSheet(name, rows)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number where text belongs; the NIK check will say so
    return "" if value is None else str(value).strip()


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    return None
