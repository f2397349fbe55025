"""Write the messy workbooks of tests/data/ the way office staff make them.

Run from the repository root after changing this script, then commit the .xlsx files:

    .venv/bin/python tests/data/make_messy.py

Each file plants a few problems and is otherwise clean; PLANTED lists them as (code, row, column),
and tests/test_annotate.py checks that read_inputs reports exactly these. openpyxl writes formulas
without a cached value, which is how the `formula-no-value` cells are made.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent

PLANTED: dict[str, list[tuple[str, int | None, str | None]]] = {
    "umkm_judul_header_dua_baris_jumlah.xlsx": [
        ("unknown-column", 5, "O"),
        ("nik-numeric", 7, "B"),
        ("bad-phone", 8, "I"),
    ],
    "usulan_rumus_tanpa_nilai_nik_angka.xlsx": [
        ("formula-no-value", 6, "E"),
        ("formula-no-value", 7, "E"),
        ("nik-numeric", 8, "B"),
    ],
    "koperasi_kolom_asing_baris_total.xlsx": [
        ("unknown-column", 4, "F"),
        ("unknown-column", 4, "G"),
        ("score-out-of-range", 5, "C"),
        ("assessment-unknown-coop", 6, "A"),
    ],
    "bukan_data_ukm.xlsx": [
        ("unknown-workbook", None, None),
    ],
}

BOLD = Font(bold=True)
GREY = PatternFill("solid", fgColor="D9D9D9")


def _rows(ws: Worksheet, first: int, rows: Sequence[Sequence[object]]) -> None:
    for r, row in enumerate(rows, first):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


def _title(ws: Worksheet, lines: Sequence[str], last_col: int) -> None:
    for r, text in enumerate(lines, 1):
        ws.cell(row=r, column=1, value=text).font = Font(bold=True, size=13 if r == 1 else 11)
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last_col)


# The rows below read as the tables they are: keep the formatter off them.
# fmt: off
def umkm() -> Workbook:
    """Businesses: a title block, a two-row merged header, text amounts, a JUMLAH row, a hidden sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data UMKM"
    _title(ws, ["DATA PELAKU USAHA MIKRO KOTA BAUBAU TAHUN 2024", "DINAS KOPERASI DAN UKM"], 16)
    # Row 4: labels merged over rows 4–5, and group titles over the sub-headers of row 5.
    upper = {
        1: "No.", 2: "NIK", 3: "Nama Pemilik", 4: "L/P", 5: "Tempat, Tanggal Lahir", 6: "ALAMAT",
        9: "No. HP", 10: "USAHA", 14: "Tenaga Kerja", 15: "Keterangan Lain", 16: "Menerima KUR",
    }
    lower = {6: "Alamat", 7: "Kelurahan", 8: "Kecamatan", 10: "Nama Usaha", 11: "Sektor",
             12: "Modal Usaha (Rp)", 13: "Omzet per Bulan"}
    for col, text in upper.items():
        ws.cell(row=4, column=col, value=text)
        if col == 6:
            ws.merge_cells(start_row=4, start_column=6, end_row=4, end_column=8)
        elif col == 10:
            ws.merge_cells(start_row=4, start_column=10, end_row=4, end_column=13)
        else:
            ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
    for col, text in lower.items():
        ws.cell(row=5, column=col, value=text)
    for row in ws.iter_rows(min_row=4, max_row=5, max_col=16):
        for cell in row:
            cell.font, cell.fill = BOLD, GREY
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _rows(ws, 6, [
        # clean: text NIK, place and date in one cell, text amounts in Indonesian style
        [1, "7472014503850001", "Wa Ode Hasnah", "P", "Baubau, 05-03-1985", "Jl. Betoambari No. 3",
         "Katobengke", "Betoambari", "0812-3456-7890", "Kue Hasnah", "Kuliner", "7,5 juta", "Rp 2.500.000",
         2, "titip di pasar", "Tidak"],
        # nik-numeric: the NIK was typed as a number; otherwise clean (+62 phone, words for sector, KUR)
        [2, 7472061203900002, "La Ode Rahman", "Laki-laki", "Baubau / 12 Maret 1990", "Jl. Kartini No. 8",
         "Wajo", "MURHUM", "+62 812 1111 2222", "Bengkel Rahman", "bengkel", "Rp7.000.000,-", "3 juta",
         "3", None, "T"],
        # bad-phone: a phone number typed as a number has lost its 0
        [3, "7472075607920003", "Wa Ode Sitti", "Perempuan", None, "Jl. Palabusa", "Palabusa", "lea lea",
         81299998888, "Rumput Laut Sitti", "rumput laut", "1,2 M", "500 rb", 0, None, "Tidak"],
        [4],  # only a running number: skipped
        [],
    ])
    ws["A11"] = "JUMLAH"
    ws.merge_cells("A11:C11")
    ws["L11"] = "=SUM(L6:L8)"  # a formula without a saved value, on the total row: not read
    ws["A13"] = "Catatan: data sementara, belum diverifikasi"
    ws["B14"] = "xx"  # below the total: ignored
    widths = (5, 20, 22, 6, 24, 24, 14, 14, 16, 20, 14, 16, 16, 8, 18, 10)
    for col, width in zip("ABCDEFGHIJKLMNOP", widths, strict=True):
        ws.column_dimensions[col].width = width
    lists = wb.create_sheet("Daftar Isian")
    _rows(lists, 1, [["Kecamatan"], ["Betoambari"], ["Murhum"], ["Lea-Lea"]])
    lists.sheet_state = "hidden"
    return wb


def usulan() -> Workbook:
    """Proposals with a formula column never computed, dates in several spellings; aid history."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Usulan Bantuan"
    _title(ws, ["DAFTAR USULAN CALON PENERIMA BPUM TAHUN 2024"], 8)
    ws["J1"] = 7000000  # the amount the formulas below point at
    _rows(ws, 5, [
        ["No", "NIK", "Nama Lengkap", "Jenis Bantuan", "Nilai Usulan", "Tgl Usulan", "Status", "Keterangan"],
        # formula-no-value in E6 and E7: =$J$1 was never computed
        [1, "7472014503850001", "Wa Ode Hasnah", "BPUM", "=$J$1", "12 Maret 2024", "disetujui ", None],
        [2, "'7472061203900002", "La Ode Rahman", "BPUM", "=$J$1", "12/03/2024", "DITOLAK", "menerima KUR"],
        # nik-numeric in B8; a date as an Excel serial number
        [3, 7472075607920003, "Wa Ode Sitti", "BPUM", "7 juta", 45363, None, "-"],
    ])
    for cell in ws[5]:
        cell.font, cell.fill = BOLD, GREY
    aid = wb.create_sheet("Riwayat Bantuan")
    _rows(aid, 1, [
        ["NIK", "Nama", "Program", "Tahun", "Nilai", "Sumber Dana"],
        ["7472014503850001", "Wa Ode Hasnah", "BPUM", "2021", "2.400.000", "Kementerian"],
        ["7472 0612 0390 0002", "La Ode Rahman", "Bantuan Modal Kota", 2023, 1500000, "Kota"],
    ])
    return wb


def koperasi() -> Workbook:
    """Cooperatives with unknown columns and a TOTAL row; assessments with comma decimals."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data Koperasi"
    _title(ws, ["DATA KOPERASI AKTIF KOTA BAUBAU", "KEADAAN 31 DESEMBER 2024"], 9)
    _rows(ws, 4, [
        # unknown-column in F4 and G4
        ["No.", "Nomor Badan Hukum", "Nama Koperasi", "Jenis Koperasi", "Kecamatan", "Ketua", "No. Telp Ketua",
         "Jumlah Anggota", "Tahun Buku RAT", "Modal Sendiri", "SHU"],
        [1, "518/BH/XXV/2001", "KSP Sejahtera", "KSP", "Wolio", "La Ode Kasim", "081234000111", 45, 2024,
         "Rp 150.000.000", "-2.500.000"],
        [2, "77/BH/XXV/2010", "Koperasi Nelayan Palabusa", "produsen", "Lea Lea", "Wa Ode Nur", None, "30", "2023",
         "75 juta", 1200000],
        ["TOTAL", None, None, None, None, None, None, "=SUM(H5:H6)"],
        [None, "99/BH/XXV/2015", "(baris di bawah total tidak dibaca)", "Jasa", "Tidak Ada"],
    ])
    for cell in ws[4]:
        cell.font, cell.fill = BOLD, GREY
    pk = wb.create_sheet("Penilaian Kesehatan")
    _rows(pk, 1, [
        ["PENILAIAN KESEHATAN KSP/USP TAHUN BUKU 2024"],
        [],
        [],
        ["No Badan Hukum", "Tahun Buku", "Permodalan", "KAP", "Manajemen", "Efisiensi", "Likuiditas",
         "Kemandirian & Pertumbuhan", "Jatidiri Koperasi"],
        # score-out-of-range in C5: Permodalan above its maximum of 15
        ["518/BH/XXV/2001", 2024, "16", "20,5", 12, 8, "12,25", 7.5, 9],
        # assessment-unknown-coop in A6: this legal entity number is not on the cooperatives sheet
        ["123/BH/XXV/2019", 2024, 10, 15, 10, 5, 10, 5, 5],
        ["77/BH/XXV/2010", "2024", 12, "22", 13, 9, 14, 8, 9],
    ])
    return wb
# fmt: on


def bukan_data() -> Workbook:
    """A workbook with no known sheet: reported once, skipped."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap Anggaran"
    _rows(ws, 1, [["Uraian", "Pagu", "Realisasi"], ["Belanja Pegawai", 1_000_000, 900_000]])
    return wb


BUILDERS = {
    "umkm_judul_header_dua_baris_jumlah.xlsx": umkm,
    "usulan_rumus_tanpa_nilai_nik_angka.xlsx": usulan,
    "koperasi_kolom_asing_baris_total.xlsx": koperasi,
    "bukan_data_ukm.xlsx": bukan_data,
}


def main() -> None:
    for name, build in BUILDERS.items():
        wb = build()
        wb.properties.creator = "Staf Dinas"
        wb.save(HERE / name)
        print(HERE / name)


if __name__ == "__main__":
    main()
