"""Read a proposal letter back from its PDF: what the printed letters say, and the attached XLSX.

The printed side is the text pypdf extracts: per letter its number, date, the body's count and
total, the attachment table's rows (No, NIK, account, amount), the JUMLAH line and the total in
words. The attached side is the XLSX's sheets, one per letter, in the same order.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader

_NOMOR = re.compile(r"^Nomor\s*:\s*(.+?)\s*$", re.M)
_TANGGAL = re.compile(r"^Tanggal\s*:\s*(.+?)\s*$", re.M)
_JUDUL = re.compile(r"^DAFTAR CALON PENERIMA\s+(.+?)\s*$", re.M)
_BODY_COUNT = re.compile(r"mengusulkan (\d+) \(([^)]*)\) orang")
_BODY_TOTAL = re.compile(r"seluruhnya berjumlah (Rp[\d.,]+) \(([^)]*)\)")
_JUMLAH = re.compile(r"^JUMLAH \((\d+) orang\)\s+(Rp[\d.,]+)\s*$", re.M)
_TERBILANG = re.compile(r"Terbilang:\s*(.+?rupiah(?:\s+[a-z ]+?\s+sen)?)(?![a-z])", re.S)
_RUPIAH = re.compile(r"^-?Rp[\d.]+(,\d{2})?$")
_ROW_END = re.compile(r"(Rp[\d.]+,\d{2})\s*$")
_HEADER_LINES = ("No NIK Nama", "1 2 3 4 5 6 7 8 9 10 11", "Halaman ")

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
    problems: list[str] = field(default_factory=list)


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def printed_letters(texts: list[str]) -> list[PrintedLetter]:
    """Split the extracted text at each 'Terbilang:' (a letter's last line) and read each part."""
    text = "\n".join(texts)
    letters: list[PrintedLetter] = []
    start = 0
    for match in _TERBILANG.finditer(text):
        letters.append(_letter(text[start : match.start()], match.group(1)))
        start = match.end()
    return letters


def _letter(text: str, words: str) -> PrintedLetter:
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
        table = text[m.end() :]
        if j := _JUMLAH.search(table):
            letter.jumlah_count, letter.jumlah_total = int(j.group(1)), parse_rupiah(j.group(2))
            table = table[: j.start()]
        letter.rows = _rows(table.splitlines())
    return letter


def _rows(lines: list[str]) -> list[Row]:
    """Rows open with their number (1, 2, …) and close with their amount ('Rp7.000.000,00')."""
    rows: list[Row] = []
    current: list[str] = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith(_HEADER_LINES):
            continue
        if not current and not line.startswith(f"{len(rows) + 1} "):
            continue
        current.append(line)
        if _ROW_END.search(line):
            tokens = " ".join(current).split()
            # The account number is the row's last run of 8-20 digits (after NIK, No. KK and No. HP;
            # the account holder's name may stand between it and the amount).
            numbers = [t for t in tokens[2:-1] if t.isdigit() and 8 <= len(t) <= 20]
            account = numbers[-1] if numbers else ""
            rows.append(Row(int(tokens[0]), tokens[1], account, parse_rupiah(tokens[-1])))
            current = []
    return rows


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


def attachment(reader: PdfReader) -> tuple[str, bytes] | None:
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
        return AttachedSheet(name, [], ["the sheet is empty"])
    # The sheet opens with title rows (the letter it belongs to) above the header row, and ends
    # with its JUMLAH row: the data are the rows between.
    wanted = ("No", "NIK", "No Rekening", "Nilai")
    at = next((i for i, row in enumerate(grid[:20]) if all(h in [str(v).strip() for v in row] for h in wanted)), None)
    headers = [str(h).strip() for h in grid[at if at is not None else 0]]
    missing = [h for h in wanted if h not in headers]
    if at is None or missing:
        return AttachedSheet(name, [], [f"no column {', '.join(missing) or ', '.join(wanted)}"])
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
