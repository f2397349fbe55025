"""`ukmreport init`: blank workbooks that ukmreport reads back, with drop-downs and text identifiers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from ukmreport.cli import main
from ukmreport.errors import UkmreportError
from ukmreport.staff.blank import FIRST_DATA_ROW, HEADER_ROW, LISTS_SHEET, VALIDATED_ROWS, write_blank_workbooks
from ukmreport.validate import read_inputs

NAMES = ["data_koperasi.xlsx", "data_pelaku_usaha.xlsx", "usulan_bantuan.xlsx"]


@pytest.fixture
def blank(tmp_path, settings) -> Path:
    folder = tmp_path / "baru"  # created by init
    write_blank_workbooks(folder, settings)
    return folder


def headers(ws) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Header text -> column letter."""
    return {c.value: c.column_letter for c in ws[HEADER_ROW] if c.value}


def validations(ws) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Column letter of each validation's range -> the validation."""
    return {get_column_letter(ref.min_col): dv for dv in ws.data_validations.dataValidation for ref in dv.sqref.ranges}


def test_writes_three_workbooks_with_the_sheets_of_the_spec(blank):
    assert sorted(p.name for p in blank.iterdir()) == NAMES
    sheets = {name: openpyxl.load_workbook(blank / name).sheetnames for name in NAMES}
    assert sheets == {
        "data_pelaku_usaha.xlsx": ["Pelaku Usaha", LISTS_SHEET],
        "usulan_bantuan.xlsx": ["Usulan Bantuan", "Riwayat Bantuan"],
        "data_koperasi.xlsx": ["Koperasi", "Penilaian Kesehatan", LISTS_SHEET],
    }
    wb = openpyxl.load_workbook(blank / "data_pelaku_usaha.xlsx")
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert wb.properties.creator == "Dinas Koperasi dan UKM Kota Baubau"
    assert wb.properties.title == "Data Pelaku Usaha — Kota Baubau"


def test_sheet_layout_title_header_freeze(blank):
    ws = openpyxl.load_workbook(blank / "data_pelaku_usaha.xlsx")["Pelaku Usaha"]
    assert ws["A1"].value == "DATA PELAKU USAHA — KOTA BAUBAU"
    cols = headers(ws)
    assert list(cols)[:4] == ["No", "NIK", "Nama", "Jenis Kelamin"]
    assert "Tempat Lahir" in cols and "Tanggal Lahir" in cols and "Tempat/Tanggal Lahir" not in cols
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert ws[f"{cols['NIK']}{HEADER_ROW}"].font.b
    assert ws.column_dimensions[cols["Alamat"]].width > ws.column_dimensions[cols["Jenis Kelamin"]].width
    assert ws.max_row == HEADER_ROW  # no hint row, no styled empty cells below the header
    assert all(ws.cell(row=FIRST_DATA_ROW, column=c).value is None for c in range(1, len(cols) + 1))


def test_header_comments_and_input_messages_say_what_is_required(blank):
    ws = openpyxl.load_workbook(blank / "data_pelaku_usaha.xlsx")["Pelaku Usaha"]
    cols = headers(ws)
    nik = ws[f"{cols['NIK']}{HEADER_ROW}"]
    assert "Wajib diisi" in nik.comment.text and "16 angka" in nik.comment.text
    assert "Boleh kosong" in ws[f"{cols['Pekerjaan']}{HEADER_ROW}"].comment.text
    dv = validations(ws)[cols["Aset"]]
    assert dv.showInputMessage and dv.promptTitle == "Aset"
    assert dv.prompt.startswith("Wajib diisi.") and "tanpa tanah dan bangunan" in dv.prompt


def test_blank_templates_read_back_without_any_finding(blank, ctx):
    data = read_inputs(sorted(blank.iterdir()), ctx)
    assert data.findings == []
    kinds = {kind for info in data.files for kind in info.sheets.values()}
    assert len(kinds) == 5


def test_refuses_to_overwrite_and_writes_nothing(blank, settings):
    before = {p.name: p.read_bytes() for p in blank.iterdir()}
    with pytest.raises(UkmreportError, match="data_pelaku_usaha.xlsx"):
        write_blank_workbooks(blank, settings)
    assert {p.name: p.read_bytes() for p in blank.iterdir()} == before


def test_one_existing_file_is_enough_to_refuse(tmp_path, settings):
    (tmp_path / "usulan_bantuan.xlsx").write_bytes(b"mine")
    with pytest.raises(UkmreportError, match="usulan_bantuan.xlsx"):
        write_blank_workbooks(tmp_path, settings)
    assert [p.name for p in tmp_path.iterdir()] == ["usulan_bantuan.xlsx"]


def test_identifier_date_and_amount_columns_are_formatted(blank):
    ws = openpyxl.load_workbook(blank / "data_pelaku_usaha.xlsx")["Pelaku Usaha"]
    cols = headers(ws)
    for header in ("NIK", "No HP", "NIB", "No Rekening"):
        letter = cols[header]
        assert ws.column_dimensions[letter].number_format == "@", header
    assert ws.column_dimensions[cols["Tanggal Lahir"]].number_format == "dd-mm-yyyy"
    assert ws.column_dimensions[cols["Aset"]].number_format == "#,##0"
    assert ws.column_dimensions[cols["Nama"]].number_format == "General"
    kop = openpyxl.load_workbook(blank / "data_koperasi.xlsx")["Koperasi"]
    assert kop.column_dimensions[headers(kop)["NIK Koperasi"]].number_format == "@"
    assert kop.column_dimensions[headers(kop)["No Badan Hukum"]].number_format == "@"


def test_drop_downs_and_checks(blank, region, settings):
    wb = openpyxl.load_workbook(blank / "data_pelaku_usaha.xlsx")
    ws = wb["Pelaku Usaha"]
    cols, dvs = headers(ws), validations(ws)

    def listed(letter: str) -> list[str]:
        formula = dvs[letter].formula1
        sheet, cells = formula.split("!")
        assert sheet.strip("'") == LISTS_SHEET
        first, last = cells.replace("$", "").split(":")
        return [c.value for row in wb[LISTS_SHEET][f"{first}:{last}"] for c in row]

    assert sorted(listed(cols["Kecamatan"])) == sorted(region.kecamatan_names)
    kelurahan = listed(cols["Kelurahan"])
    assert sorted(kelurahan) == sorted(k for kec in region.kecamatan for k in kec.kelurahan)
    assert len(",".join(kelurahan)) > 255  # too long for an inline list: hence the range
    assert listed(cols["Bidang Usaha"]) == list(settings.sectors)
    assert dvs[cols["Jenis Kelamin"]].formula1 == '"L,P"'
    assert dvs[cols["Menerima KUR"]].formula1 == '"Ya,Tidak"'
    assert (dvs[cols["NIK"]].type, dvs[cols["NIK"]].formula1) == ("textLength", "16")
    assert (dvs[cols["Tenaga Kerja"]].type, dvs[cols["Tenaga Kerja"]].formula1) == ("whole", "0")
    assert (
        str(dvs[cols["Kecamatan"]].sqref)
        == f"{cols['Kecamatan']}{FIRST_DATA_ROW}:{cols['Kecamatan']}{HEADER_ROW + VALIDATED_ROWS}"
    )

    usulan = openpyxl.load_workbook(blank / "usulan_bantuan.xlsx")
    u = usulan["Usulan Bantuan"]
    assert validations(u)[headers(u)["Status"]].formula1 == '"Diusulkan,Disetujui,Ditolak,Disalurkan"'
    r = usulan["Riwayat Bantuan"]
    tahun = validations(r)[headers(r)["Tahun"]]
    assert (tahun.type, tahun.formula1, tahun.formula2) == ("whole", "1900", "2100")

    koperasi = openpyxl.load_workbook(blank / "data_koperasi.xlsx")
    k = koperasi["Koperasi"]
    assert validations(k)[headers(k)["Jenis"]].formula1 == '"Simpan Pinjam,Konsumen,Produsen,Pemasaran,Jasa"'
    p = koperasi["Penilaian Kesehatan"]
    kap = validations(p)[headers(p)["Kualitas Aktiva Produktif"]]
    assert (kap.type, kap.formula1, kap.formula2) == ("decimal", "0", "25")


def _fill(path: Path, sheet: str, rows: list[dict[str, object]]) -> None:
    """Type rows under the header as staff would, keeping the template's cell formats."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    cols = headers(ws)
    for offset, values in enumerate(rows):
        for header, value in values.items():
            ws[f"{cols[header]}{FIRST_DATA_ROW + offset}"] = value
    wb.save(path)


def test_a_filled_template_passes_with_no_finding(blank, ctx):
    _fill(
        blank / "data_pelaku_usaha.xlsx",
        "Pelaku Usaha",
        [
            {
                "No": 1,
                "NIK": "7472014503850001",
                "Nama": "Wa Ode Hasnah",
                "Jenis Kelamin": "P",
                "Tempat Lahir": "Baubau",
                "Tanggal Lahir": datetime(1985, 3, 5),
                "Alamat": "Jl. Betoambari No. 3",
                "Kelurahan": "Katobengke",
                "Kecamatan": "Betoambari",
                "No HP": "081234567890",
                "Nama Usaha": "Kue Hasnah",
                "Bidang Usaha": "Kuliner",
                "NIB": "1234567890123",
                "Mulai Usaha": 2015,
                "Aset": 5_000_000,
                "Omzet per Tahun": 60_000_000,
                "Tenaga Kerja": 2,
                "Pekerjaan": "Wiraswasta",
                "Menerima KUR": "Tidak",
                "Bank": "BRI",
                "No Rekening": "012301000123567",
                "Nama Pemilik Rekening": "Wa Ode Hasnah",
                "Tanggal Pendataan": datetime(2026, 1, 10),
            },
            {
                "No": 2,
                "NIK": "7472061203900002",
                "Nama": "La Ode Rahman",
                "Jenis Kelamin": "L",
                "Tanggal Lahir": datetime(1990, 3, 12),
                "Alamat": "Jl. Kartini No. 8",
                "Kelurahan": "Wajo",
                "Kecamatan": "Murhum",
                "Nama Usaha": "Bengkel Rahman",
                "Bidang Usaha": "Jasa",
                "Aset": 12_500_000,
                "Omzet per Tahun": 90_000_000,
                "Menerima KUR": "Ya",
            },
        ],
    )
    _fill(
        blank / "usulan_bantuan.xlsx",
        "Usulan Bantuan",
        [
            {
                "No": 1,
                "NIK": "7472014503850001",
                "Nama": "Wa Ode Hasnah",
                "Program": "BPUM",
                "Nilai": 7_000_000,
                "Tanggal Usulan": datetime(2026, 6, 1),
                "Status": "Diusulkan",
            },
        ],
    )
    _fill(
        blank / "usulan_bantuan.xlsx",
        "Riwayat Bantuan",
        [
            {
                "NIK": "7472061203900002",
                "Nama": "La Ode Rahman",
                "Program": "Bantuan Modal Kota",
                "Tahun": 2023,
                "Nilai": 1_500_000,
                "Sumber": "Kota",
            },
        ],
    )
    _fill(
        blank / "data_koperasi.xlsx",
        "Koperasi",
        [
            {
                "No": 1,
                "NIK Koperasi": "7472010010000001",
                "No Badan Hukum": "518/BH/XXV/2001",
                "Nama Koperasi": "KSP Sejahtera",
                "Jenis": "Simpan Pinjam",
                "Kecamatan": "Wolio",
                "Alamat": "Jl. Wolio",
                "Tanggal Badan Hukum": datetime(2001, 5, 2),
                "Jumlah Anggota": 45,
                "Tahun Buku RAT": 2025,
                "Tanggal RAT": datetime(2026, 3, 15),
                "Modal Sendiri": 150_000_000,
                "Modal Luar": 50_000_000,
                "Aset": 250_000_000,
                "Volume Usaha": 300_000_000,
                "SHU": -2_500_000,
            },
        ],
    )
    _fill(
        blank / "data_koperasi.xlsx",
        "Penilaian Kesehatan",
        [
            {
                "No Badan Hukum": "518/BH/XXV/2001",
                "NIK Koperasi": "7472010010000001",
                "Nama Koperasi": "KSP Sejahtera",
                "Tahun Buku": 2025,
                "Permodalan": 12,
                "Kualitas Aktiva Produktif": 20.5,
                "Manajemen": 13,
                "Efisiensi": 8,
                "Likuiditas": 12,
                "Kemandirian dan Pertumbuhan": 8,
                "Jatidiri Koperasi": 9,
            },
        ],
    )
    data = read_inputs(sorted(blank.iterdir()), ctx)
    assert data.findings == []
    counts = {kind: (c.rows, c.valid) for kind, c in data.counts.items()}
    assert counts == {
        "businesses": (2, 2),
        "proposals": (1, 1),
        "aid_history": (1, 1),
        "cooperatives": (1, 1),
        "coop_assessment": (1, 1),
    }
    first = data.businesses[0]
    assert (first.row, first.nik, first.kelurahan, first.sektor) == (
        FIRST_DATA_ROW,
        "7472014503850001",
        "Katobengke",
        "Kuliner",
    )


def test_init_command(tmp_path):
    runner = CliRunner()
    first = runner.invoke(main, ["init", str(tmp_path / "inputs")])
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in (tmp_path / "inputs").iterdir()) == NAMES
    again = runner.invoke(main, ["init", str(tmp_path / "inputs")])
    assert again.exit_code == 2
    assert "sudah ada" in again.output
