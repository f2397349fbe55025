"""Write the committed Excel 97–2003 (.xls) fixtures. Run: pip install xlwt && python tests/data/make_legacy.py

python-calamine reads .xls but cannot write it, and LibreOffice is not installed here, so these
few small files are made with xlwt (a test-time tool, not a dependency) and committed.

riwayat_bantuan_excel97.xls: an aid-history sheet as an office keeps it in an old Excel, a
title block above the header, NIKs typed as text, a year typed as a number, a saved date.
"""

from __future__ import annotations

from pathlib import Path

import xlwt

HERE = Path(__file__).resolve().parent

AID_ROWS = [
    ("7472014503850001", "Wa Ode Hasnah", "BPUM", 2021, "2.400.000", "Kementerian"),
    ("7472061203900002", "La Ode Rahman", "Bantuan Modal Kota", 2023, "1.500.000", "Kota"),
    ("7472075607920003", "Wa Ode Sitti", "BPUM", 2022, "1.200.000", "Kementerian"),
]


def write_aid_history(path: Path) -> Path:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Riwayat Bantuan")
    ws.write(0, 0, "RIWAYAT PENERIMA BANTUAN KOTA BAUBAU")
    for col, header in enumerate(("No", "NIK", "Nama", "Program", "Tahun", "Nilai", "Sumber")):
        ws.write(2, col, header)
    for i, (nik, nama, program, tahun, nilai, sumber) in enumerate(AID_ROWS, 1):
        for col, value in enumerate((i, nik, nama, program, tahun, nilai, sumber)):
            ws.write(2 + i, col, value)
    wb.save(str(path))
    return path


if __name__ == "__main__":
    print(write_aid_history(HERE / "riwayat_bantuan_excel97.xls"))
