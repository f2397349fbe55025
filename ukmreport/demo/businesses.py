"""The businesses workbook (``data_pelaku_usaha.xlsx``, sheet ``Data UMKM``), streamed row by row.

Title rows 1-2, blank row 3, header row 4, data from row 5, then a blank row and a ``JUMLAH`` row
totalling the asset column. One row per owner drawn by `People`, with the mess staff leave (all of
it valid), and about 0.5% of rows carrying one planted error or warning of `BUSINESS_ERRORS`. The
last column, ``No KK``, was added when the ministry's grant format asked for the family card number.
openpyxl (write-only) builds the package, styles, title and header; the data rows are rendered as
sheet XML here, because openpyxl's own cell writer costs ~0.5 ms a row without lxml.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ukmreport.demo.people import Owner, People
from ukmreport.demo.values import amount_text, date_text
from ukmreport.demo.workbook import FIRST_ROW, HEAD_STYLE, save, styled, title

if TYPE_CHECKING:
    from ukmreport.office.region import Region
    from ukmreport.settings import Settings

BUSINESS_FILE = "data_pelaku_usaha.xlsx"
BUSINESS_HEADERS = (
    "No",
    "No KTP",
    "Nama Pemilik",
    "JK",
    "Tempat, Tanggal Lahir",
    "Alamat Usaha",
    "Desa/Kelurahan",
    "Kecamatan",
    "No HP",
    "Nama Usaha",
    "Sektor Usaha",
    "NIB",
    "Tahun Berdiri",
    "Modal/Aset (Rp)",
    "Omzet per Bulan",
    "Jumlah Tenaga Kerja",
    "Pekerjaan",
    "Menerima KUR",
    "Nama Bank",
    "No Rekening",
    "Atas Nama",
    "Tanggal Pendataan",
    "No KK",
)
# (code, column, field, severity) of the businesses errors; each is planted at least once.
BUSINESS_ERRORS = (
    ("nik-numeric", "B", "nik", "error"),
    ("nik-format", "B", "nik", "error"),
    ("unknown-kecamatan", "H", "kecamatan", "error"),
    ("bad-phone", "I", "no_hp", "error"),
    ("bad-date", "E", "tanggal_lahir", "error"),
    ("duplicate-nik", "B", "nik", "error"),
    ("missing-value", "J", "nama_usaha", "error"),
    ("kelurahan-mismatch", "G", "kelurahan", "warning"),
    ("nik-mismatch-gender", "D", "jenis_kelamin", "warning"),
    ("kk-format", "W", "no_kk", "error"),
    ("kk-numeric", "W", "no_kk", "error"),
)
ERROR_OF = {e[0]: e for e in BUSINESS_ERRORS}
_EXCEL_EPOCH = date(1899, 12, 30)
_WIDTHS = (5, 19, 26, 5, 28, 30, 16, 13, 15, 26, 16, 15, 8, 15, 15, 9, 16, 9, 13, 20, 26, 12, 19)


def _misspell(name: str) -> str:
    """Drop the last vowel that is not the final letter: Betoambari -> Betoambri."""
    for i in range(len(name) - 2, 0, -1):
        if name[i].lower() in "aeiou":
            return name[:i] + name[i + 1 :]
    return name + "x"


def _birth_text(g: People, place: str, d: date, day: str | None = None) -> str:
    """Tempat, Tanggal Lahir: `Baubau, 12-03-1985`, `Baubau / 12 Maret 1985`; `day` forces a bad day."""
    r = g.r
    if day is not None:
        return f"{place}, {day}-{d.year}"
    u = r.random()
    text = (
        f"{d.day:02d}-{d.month:02d}-{d.year}"
        if u < 0.55
        else (f"{d.day} {g.words.months[d.month - 1]} {d.year}" if u < 0.9 else f"{d.day:02d}/{d.month:02d}/{d.year}")
    )
    return f"{place} / {text}" if r.random() < 0.1 else f"{place}, {text}"


def _cells(g: People, o: Owner) -> list[Any]:
    """The 23 cells of one businesses row, with the mess staff leave (all of it valid)."""
    r = g.r
    kec = g.region.kecamatan[o.kec]
    u = r.random()
    kec_text = kec.name if u < 0.85 else kec.name.upper() if u < 0.95 or not kec.aliases else r.choice(kec.aliases)
    aliases = [a for a, kel in kec.kelurahan_aliases.items() if kel == o.kel]
    u = r.random()
    kel = o.kel if u < 0.88 else o.kel.upper() if u < 0.95 or not aliases else aliases[0]
    jk = ("P" if o.female else "L") if r.random() < 0.8 else ("Perempuan" if o.female else "Laki-laki")
    kur = ("Ya" if o.kur else "Tidak") if r.random() < 0.82 else ("Y" if o.kur else r.choice(("T", None)))
    founded = o.founded if o.founded is None or r.random() < 0.85 else str(o.founded)
    return [
        None,
        o.nik,
        o.nama,
        jk,
        _birth_text(g, o.place, o.birth),
        o.alamat,
        kel,
        kec_text,
        o.phone,
        o.usaha,
        o.sector,
        o.nib,
        founded,
        o.aset if r.random() < 0.88 else amount_text(o.aset, r),
        o.omzet_bulan if r.random() < 0.88 else amount_text(o.omzet_bulan, r),
        o.workers,
        o.job,
        kur,
        o.bank,
        o.account,
        o.account_name,
        o.registered if r.random() < 0.85 else date_text(o.registered, r),
        o.kk,
    ]


class BusinessRows:
    """Renders the businesses data rows as sheet XML, planting errors and capturing chosen owners.

    After it has run, `findings` holds the planted findings (Excel row, column, field, code,
    severity, value) and `captured` the clean owners picked for other sheets to refer to. `broken`
    names the error (a code of `BUSINESS_ERRORS`) planted on some of the `specials`' rows.
    """

    def __init__(
        self,
        g: People,
        n: int,
        specials: dict[int, Owner],
        errors: bool,
        n_capture: int,
        styles: tuple[int, int, int],
        broken: dict[int, str] | None = None,
    ) -> None:
        self.g, self.n, self.specials, self.styles = g, n, specials, styles
        self.broken = {i: ERROR_OF[code] for i, code in (broken or {}).items()}
        r = g.r
        k = max(len(BUSINESS_ERRORS), round(n * 0.005)) if errors else 0
        free = [i for i in r.sample(range(10, n), min(n - 10, k + n_capture + len(specials))) if i not in specials]
        self.errors = {
            i: BUSINESS_ERRORS[j] if j < len(BUSINESS_ERRORS) else r.choice(BUSINESS_ERRORS)
            for j, i in enumerate(free[:k])
        }
        self.capture_at = set(free[k : k + n_capture])
        self.captured: list[Owner] = []
        self.findings: list[dict[str, Any]] = []
        self.last = FIRST_ROW + n + 1
        self.ref = f"A1:{get_column_letter(len(BUSINESS_HEADERS))}{self.last}"
        self.cols = [get_column_letter(c) for c in range(1, len(BUSINESS_HEADERS) + 1)]

    def __call__(self, out: IO[bytes]) -> None:
        g, chunk, total, previous = self.g, [], 0, None
        for i in range(self.n):
            row = FIRST_ROW + i
            o = self.specials.get(i) or g.owner()
            values = _cells(g, o)
            values[0] = i + 1
            total += o.aset
            planted = self.errors.get(i) or self.broken.get(i)
            if planted:
                self.findings.append(self._plant(planted, values, o, row, previous))
            elif i not in self.specials:
                previous = (row, o, values[3], values[4])
                if i in self.capture_at:
                    self.captured.append(o)
            chunk.append(self._xml(row, values))
            if len(chunk) >= 2000:
                out.write("".join(chunk).encode())
                chunk.clear()
        chunk.append(f'<row r="{self.last - 1}"/>')
        bold = self.styles[2]
        chunk.append(
            f'<row r="{self.last}"><c r="A{self.last}" s="{bold}" t="inlineStr"><is><t>JUMLAH</t></is></c>'
            f'<c r="N{self.last}" s="{bold}"><v>{total}</v></c></row>'
        )
        out.write("".join(chunk).encode())

    def _plant(
        self,
        planted: tuple[str, str, str, str],
        values: list[Any],
        o: Owner,
        row: int,
        previous: tuple[int, Owner, Any, Any] | None,
    ) -> dict[str, Any]:
        code, column, field, severity = planted
        g, extra = self.g, {}
        if code == "nik-numeric":  # Excel kept 15 significant digits
            values[1] = int(o.nik[:15] + "0")
        elif code == "nik-format":
            values[1] = o.nik[:7] + o.nik[8:]
        elif code == "unknown-kecamatan":
            values[7] = _misspell(g.region.kecamatan[o.kec].name)
        elif code == "bad-phone":
            values[8] = int("8" + f"{g.r.randrange(10**10):010d}")
        elif code == "bad-date":
            values[4] = _birth_text(g, o.place, o.birth, day="31-02")
        elif code == "duplicate-nik":  # the same person entered again with a second business
            assert previous is not None
            extra["duplicate_of"], first = previous[0], previous[1]
            values[1:5] = [first.nik, first.nama, previous[2], previous[3]]
        elif code == "missing-value":
            values[9] = None
        elif code == "kelurahan-mismatch":
            others = [k for j, k in enumerate(g.region.kecamatan) if j != o.kec]
            values[6] = g.r.choice(g.r.choice(others).kelurahan)
        elif code == "nik-mismatch-gender":
            values[3] = "L" if o.female else "P"
        elif code == "kk-format":  # a digit left out
            values[22] = o.kk[:9] + o.kk[10:]
        elif code == "kk-numeric":  # Excel kept 15 significant digits
            values[22] = int(o.kk[:15] + "0")
        column_index = ord(column) - ord("A")
        return {
            "row": row,
            "column": column,
            "field": field,
            "code": code,
            "severity": severity,
            "value": values[column_index],
            **extra,
        }

    def _xml(self, row: int, values: list[Any]) -> str:
        s_date, s_amount, _ = self.styles
        parts = [f'<row r="{row}">']
        for col, v in zip(self.cols, values, strict=True):
            if v is None:
                continue
            if isinstance(v, str):
                text = escape(v) if "&" in v or "<" in v or ">" in v else v
                parts.append(f'<c r="{col}{row}" t="inlineStr"><is><t>{text}</t></is></c>')
            elif isinstance(v, date):
                parts.append(f'<c r="{col}{row}" s="{s_date}"><v>{(v - _EXCEL_EPOCH).days}</v></c>')
            else:
                style = f' s="{s_amount}"' if col in "NO" else ""
                parts.append(f'<c r="{col}{row}"{style}><v>{v}</v></c>')
        parts.append("</row>")
        return "".join(parts)


def write_business_sheet(
    path: Path,
    g: People,
    n: int,
    specials: dict[int, Owner],
    errors: bool,
    n_capture: int = 0,
    broken: dict[int, str] | None = None,
) -> BusinessRows:
    """Write the businesses workbook with n owners; `specials` places given owners at given row indexes.

    `broken` plants an error of `BUSINESS_ERRORS` (by code) on some of the specials' rows.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data UMKM")
    for c, w in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = f"C{FIRST_ROW}"
    title(
        ws,
        ["DATA PELAKU USAHA MIKRO, KECIL DAN MENENGAH", f"{g.region.name.upper()} TAHUN {g.today.year}"],
        len(BUSINESS_HEADERS),
        write_only=True,
    )
    ws.append([])
    ws.append([styled(WriteOnlyCell(ws, value=h), **HEAD_STYLE) for h in BUSINESS_HEADERS])
    styles = (
        styled(WriteOnlyCell(ws), number_format="DD/MM/YYYY").style_id,
        styled(WriteOnlyCell(ws), number_format="#,##0").style_id,
        styled(WriteOnlyCell(ws), font=Font(bold=True), number_format="#,##0").style_id,
    )
    rows = BusinessRows(g, n, specials, errors, n_capture, styles, broken)
    save(wb, path, g.today, g.settings.office.short_name, rows, big=n * 3000 > 2**31)
    return rows


def write_business_workbook(
    path: Path, n_rows: int, *, seed: int, today: date, region: Region, settings: Settings, errors: bool = True
) -> Path:
    """Write only the businesses workbook with n_rows owners (any size, flat memory), for benchmarks."""
    if n_rows < 20:
        raise ValueError("n_rows must be at least 20")
    write_business_sheet(Path(path), People(random.Random(seed), today, region, settings), n_rows, {}, errors)
    return Path(path)
