"""Raw rows → models + findings: each code where the spec says, and nowhere else."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from tests.conftest import BUSINESS_HEADERS, business_row
from ukmreport.messages import finding_message
from ukmreport.validate import read_inputs


def codes(data) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.row, f.column) for f in data.findings]


def businesses(make_workbook, *rows, title=True):
    head = [["DATA PELAKU USAHA MIKRO KOTA BAUBAU TAHUN 2026"], []] if title else []
    return make_workbook({"Data UMKM": [*head, BUSINESS_HEADERS, *rows]})


def test_clean_row_has_no_finding(make_workbook, ctx):
    data = read_inputs([businesses(make_workbook, business_row())], ctx)
    assert data.findings == []
    [b] = data.businesses
    assert (b.row, b.nik, b.nama, b.kecamatan, b.sektor) == (
        4,
        "7472014503850001",
        "Wa Ode Hasnah",
        "Betoambari",
        "Kuliner",
    )
    assert (b.aset, b.omzet_tahunan, b.tanggal_lahir, b.jenis_kelamin) == (5_000_000, 60_000_000, date(1985, 3, 5), "P")
    assert data.counts["businesses"].model_dump() == {"rows": 1, "valid": 1, "errors": 0, "warnings": 0}


@pytest.mark.parametrize(
    "override, code, column",
    [
        ({"NIK": 7472014503850001}, "nik-numeric", "B"),
        ({"NIK": "747201450385001"}, "nik-format", "B"),
        ({"NIK": "7472014503850000"}, "nik-format", "B"),
        ({"NIK": "0072014503850001"}, "nik-region", "B"),
        ({"NIK": "7472013213850001"}, "nik-birthdate", "B"),
        ({"Tanggal Lahir": "06-03-1985"}, "nik-mismatch-birthdate", "E"),
        ({"Jenis Kelamin": "L"}, "nik-mismatch-gender", "D"),
        ({"Jenis Kelamin": "X"}, "bad-gender", "D"),
        ({"Tanggal Lahir": "31-02-1985"}, "bad-date", "E"),
        ({"Tanggal Lahir": "05-03-85"}, "two-digit-year", "E"),
        ({"Kecamatan": "Betoambri"}, "unknown-kecamatan", "H"),
        ({"Kelurahan": "Katobengkee"}, "unknown-kelurahan", "G"),
        ({"Kelurahan": "Wale"}, "kelurahan-mismatch", "G"),
        ({"No HP": 81234567890}, "bad-phone", "I"),
        ({"No HP": "0812"}, "bad-phone", "I"),
        ({"Bidang Usaha": "Astrologi"}, "unknown-sector", "K"),
        ({"Aset": "banyak"}, "bad-amount", "L"),
        ({"Aset": -5}, "negative-value", "L"),
        ({"Menerima KUR": "mungkin"}, "bad-yes-no", "O"),
        ({"No Rekening": "12ab"}, "bad-account", "Q"),
        ({"Nama": None}, "missing-value", "C"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_business_finding_is_produced_at_its_cell(make_workbook, ctx, override, code, column):
    data = read_inputs([businesses(make_workbook, business_row(**override))], ctx)
    assert codes(data) == [(code, 4, column)]


def test_date_in_future_is_a_warning(make_workbook, ctx):
    path = make_workbook({"UMKM": [[*BUSINESS_HEADERS, "Tanggal Pendataan"], [*business_row(), "01-01-2027"]]})
    data = read_inputs([path], ctx)
    assert [(f.code, f.severity, f.column) for f in data.findings] == [("date-in-future", "warning", "S")]
    assert data.businesses[0].valid


def test_error_row_is_counted_and_not_valid(make_workbook, ctx):
    data = read_inputs([businesses(make_workbook, business_row(), business_row(2, NIK=7472014503850002))], ctx)
    assert [b.valid for b in data.businesses] == [True, False]
    assert data.counts["businesses"].errors == 1


def test_duplicate_nik_names_the_first_row(make_workbook, ctx):
    data = read_inputs([businesses(make_workbook, business_row(1), business_row(2))], ctx)
    [finding] = data.findings
    assert (finding.code, finding.row, dict(finding.params)["first_row"]) == ("duplicate-nik", 5, "4")


def test_header_found_below_title_with_aliases_and_monthly_turnover(make_workbook, ctx):
    headers = [
        "No.",
        "Nomor Induk Kependudukan",
        "Nama Pemilik",
        "L/P",
        "Alamat Usaha",
        "Desa/Kelurahan",
        "KECAMATAN",
        "Nama Usaha",
        "Sektor Usaha",
        "Modal/Aset (Rp)",
        "Omzet per Bulan",
        "Kolom Aneh",
    ]
    row = [
        1,
        "'7472014503850001",
        "Wa Ode Hasnah",
        "Perempuan",
        "Jl. A",
        "Katobengke",
        "betoambari",
        "Kue",
        "makanan",
        "7,5 juta",
        "500 rb",
        "x",
    ]
    path = make_workbook({"Pelaku_Usaha": [["JUDUL"], [], [], [], [], [], headers, row]})
    data = read_inputs([path], ctx)
    assert codes(data) == [("unknown-column", 7, "L")]
    [b] = data.businesses
    assert (b.row, b.aset, b.omzet_tahunan, b.jenis_kelamin, b.sektor) == (8, 7_500_000, 6_000_000, "P", "Kuliner")


def test_total_row_ends_the_table_and_running_numbers_are_skipped(make_workbook, ctx):
    path = businesses(make_workbook, business_row(1), [2], [None, "JUMLAH", None], business_row(3, NIK="x"))
    data = read_inputs([path], ctx)
    assert data.findings == [] and len(data.businesses) == 1


def test_missing_required_column_is_one_sheet_error(make_workbook, ctx):
    headers = [h for h in BUSINESS_HEADERS if h != "Kecamatan"]
    row = business_row()
    del row[BUSINESS_HEADERS.index("Kecamatan")]
    data = read_inputs([make_workbook({"UMKM": [headers, row]})], ctx)
    assert [(f.code, dict(f.params)["header"]) for f in data.findings] == [("missing-column", "Kecamatan")]
    assert data.businesses == []


def test_header_not_found(make_workbook, ctx):
    data = read_inputs([make_workbook({"UMKM": [["a", "b"], [1, 2]]})], ctx)
    assert codes(data) == [("header-not-found", None, None)]


def test_unknown_workbook_is_a_warning_that_says_what_was_looked_for(make_workbook, ctx):
    data = read_inputs([make_workbook({"Sheet1": [["x"]]})], ctx)
    assert [(f.code, f.severity) for f in data.findings] == [("unknown-workbook", "warning")]
    text = finding_message(data.findings[0], "id")
    assert "Sheet1" in text and "Data Pelaku Usaha" in text and "Penilaian Kesehatan" in text
    assert "Nama Usaha" in text and "No Badan Hukum" in text  # the headers it looked for


def test_unreadable_file_does_not_stop_the_others(make_workbook, ctx, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"not a zip at all")
    good = businesses(make_workbook, business_row())
    data = read_inputs([bad, good], ctx)
    assert [f.code for f in data.findings] == ["unreadable-file"]
    assert len(data.businesses) == 1


def test_formula_without_saved_value(make_workbook, ctx):
    path = businesses(make_workbook, business_row(Aset="=1000*5"))
    data = read_inputs([path], ctx)
    assert codes(data) == [("formula-no-value", 4, "L")]


def test_two_row_merged_header(tmp_path, ctx):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data Koperasi"
    ws.append(["No", "No Badan Hukum", "Nama Koperasi", "Jenis", "Kecamatan", "Jumlah Anggota", "MODAL (Rp)", None])
    ws.append([None, None, None, None, None, None, "Modal Sendiri", "Modal Luar"])
    for col in "ABCDEF":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("G1:H1")
    ws.append([1, "12/BH/XXIV/2005", "KSP Maju", "KSP", "Wolio", 25, "10 juta", 0])
    path = tmp_path / "koperasi.xlsx"
    wb.save(path)
    data = read_inputs([path], ctx)
    assert data.findings == []
    [c] = data.cooperatives
    assert (c.row, c.jenis, c.modal_sendiri, c.modal_luar) == (3, "Simpan Pinjam", 10_000_000, 0)


def test_assessment_checks(make_workbook, ctx):
    coop = [
        ["No Badan Hukum", "Nama Koperasi", "Jenis", "Kecamatan", "Jumlah Anggota"],
        ["12/BH/2005", "KSP Maju", "Simpan Pinjam", "Wolio", 20],
        ["12/BH/2005", "KSP Maju Lagi", "Koperasi Syariah", "Wolio", 20],
    ]
    heads = [
        "No Badan Hukum",
        "Tahun Buku",
        "Permodalan",
        "KAP",
        "Manajemen",
        "Efisiensi",
        "Likuiditas",
        "Kemandirian",
        "Jatidiri",
    ]
    assess = [heads, ["12/BH/2005", 2025, 15, 25, 15, 10, 15, 10, 10], ["99/BH/2000", 2025, 18, 1, 1, 1, 1, 1, 1]]
    data = read_inputs([make_workbook({"Koperasi": coop, "Penilaian Kesehatan": assess})], ctx)
    assert sorted(codes(data)) == sorted(
        [
            ("duplicate-coop", 3, "A"),
            ("unknown-coop-type", 3, "C"),
            ("score-out-of-range", 3, "C"),
            ("assessment-unknown-coop", 3, "A"),
        ]
    )
