"""Annotated copies: marks on the exact cells, a Temuan sheet that links to them, the original untouched.

Also reads the messy workbooks of tests/data/ (made by tests/data/make_messy.py) and checks that
exactly the planted findings come out.
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import BUSINESS_HEADERS, business_row
from tests.data.make_messy import PLANTED
from ukmreport.errors import UkmreportError
from ukmreport.models import Dataset, Finding, InputFile
from ukmreport.staff.annotate import FILLS, write_annotated
from ukmreport.validate import read_inputs

DATA = Path(__file__).parent / "data"
EVIL = '=HYPERLINK("http://x")'


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None


@pytest.fixture
def book(make_workbook) -> Path:
    """Businesses with a title block: row 4 clean, row 5 two errors, row 6 a warning and an error."""
    path = make_workbook(
        {
            "Data UMKM": [
                ["DATA PELAKU USAHA MIKRO KOTA BAUBAU TAHUN 2026"],
                [],
                BUSINESS_HEADERS,
                business_row(1),
                business_row(2, NIK=7472014503850002, Kecamatan="Betoambri"),
                business_row(3, NIK="7472014503850003", Jenis_Kelamin="L", Aset=EVIL),
            ],
            "Rekap": [["Jumlah aset"], ["=SUM('Data UMKM'!L4:L6)"]],
        }
    )
    wb = openpyxl.load_workbook(path)
    wb["Data UMKM"]["L6"].data_type = "s"  # the text '=HYPERLINK(...)' as staff typed it, not a formula
    wb["Data UMKM"]["C4"].font = openpyxl.styles.Font(bold=True, color="0000FF")
    wb.save(path)
    return path


@pytest.fixture
def annotated(book, ctx, tmp_path):  # type: ignore[no-untyped-def]
    data = read_inputs([book], ctx)
    assert [(f.code, f.column, f.row) for f in data.findings] == [
        ("nik-numeric", "B", 5),
        ("unknown-kecamatan", "H", 5),
        ("nik-mismatch-gender", "D", 6),
        ("bad-amount", "L", 6),
    ]
    before = sha256(book)
    [copy] = write_annotated(data, tmp_path / "anotasi")
    assert sha256(book) == before
    return data, copy


def test_copy_has_the_input_name_and_temuan_first_and_active(annotated, book):
    data, copy = annotated
    assert copy.name == book.name and copy != book
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames == ["Temuan", "Data UMKM", "Rekap"]
    assert wb.active.title == "Temuan"


def test_temuan_lists_every_finding_with_a_link_to_its_cell(annotated):
    data, copy = annotated
    ws = openpyxl.load_workbook(copy)["Temuan"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("No", "Lembar", "Sel", "Kolom/Field", "Tingkat", "Kode", "Pesan", "Nilai")
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows[1:]] == [
        (1, "Data UMKM", "B5", "nik", "Kesalahan", "nik-numeric"),
        (2, "Data UMKM", "H5", "kecamatan", "Kesalahan", "unknown-kecamatan"),
        (3, "Data UMKM", "D6", "jenis_kelamin", "Peringatan", "nik-mismatch-gender"),
        (4, "Data UMKM", "L6", "aset", "Kesalahan", "bad-amount"),
    ]
    assert rows[2][6] == "Kecamatan 'Betoambri' tidak dikenal; mungkin maksudnya 'Betoambari'?"
    links = [ws.cell(row=r, column=3).hyperlink for r in range(2, 6)]
    assert [link.location for link in links] == [
        "'Data UMKM'!B5",
        "'Data UMKM'!H5",
        "'Data UMKM'!D6",
        "'Data UMKM'!L6",
    ]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H5"
    assert ws["A1"].font.b


def test_cells_are_filled_by_severity_and_clean_cells_are_not(annotated):
    _, copy = annotated
    ws = openpyxl.load_workbook(copy)["Data UMKM"]
    assert fill(ws["B5"]) == fill(ws["H5"]) == fill(ws["L6"]) == FILLS["error"]
    assert fill(ws["D6"]) == FILLS["warning"]
    assert [fill(c) for c in ws[4]] == [None] * len(BUSINESS_HEADERS)
    assert fill(ws["C5"]) is None


def test_comments_carry_the_indonesian_message_and_code(annotated):
    _, copy = annotated
    ws = openpyxl.load_workbook(copy)["Data UMKM"]
    assert ws["B5"].comment.author == "ukmreport"
    assert ws["B5"].comment.text.startswith("Kesalahan: NIK diketik sebagai angka")
    assert "[nik-numeric]" in ws["B5"].comment.text
    assert ws["D6"].comment.text.startswith("Peringatan: Jenis kelamin di NIK (P) berbeda")
    assert ws["C5"].comment is None


def test_formulas_formatting_and_other_sheets_are_kept(annotated):
    _, copy = annotated
    wb = openpyxl.load_workbook(copy)
    assert wb["Rekap"]["A2"].value == "=SUM('Data UMKM'!L4:L6)"
    assert wb["Data UMKM"]["C4"].font.color.rgb == "000000FF"
    assert wb["Data UMKM"]["A1"].value == "DATA PELAKU USAHA MIKRO KOTA BAUBAU TAHUN 2026"
    assert wb["Data UMKM"]["L6"].value == EVIL


def test_a_formula_like_value_stays_text_in_temuan(annotated):
    _, copy = annotated
    ws = openpyxl.load_workbook(copy)["Temuan"]
    nilai = ws["H5"]
    assert (nilai.value, nilai.data_type) == (EVIL, "s")
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)


def test_english_headers_and_messages(book, ctx, tmp_path):
    data = read_inputs([book], ctx)
    [copy] = write_annotated(data, tmp_path / "out", lang="en")
    wb = openpyxl.load_workbook(copy)
    assert wb["Temuan"]["E1"].value == "Severity"
    assert wb["Temuan"]["E2"].value == "Error"
    assert wb["Data UMKM"]["B5"].comment.text.startswith("Error: NIK typed as a number")


def test_refuses_the_input_folder_and_writes_nothing(book, ctx):
    data = read_inputs([book], ctx)
    before = sorted(p.name for p in book.parent.iterdir())
    with pytest.raises(UkmreportError, match="folder"):
        write_annotated(data, book.parent)
    assert sorted(p.name for p in book.parent.iterdir()) == before


def test_refuses_the_folder_of_a_clean_input_too(make_workbook, ctx, tmp_path):
    clean = make_workbook({"UMKM": [BUSINESS_HEADERS, business_row()]}, name="bersih.xlsx")
    other = tmp_path / "lain"
    other.mkdir()
    bad = make_workbook({"UMKM": [BUSINESS_HEADERS, business_row(NIK="1")]}, name="lain/salah.xlsx")
    data = read_inputs([clean, bad], ctx)
    with pytest.raises(UkmreportError, match="bersih.xlsx"):
        write_annotated(data, clean.parent)
    assert sorted(p.name for p in other.iterdir()) == ["salah.xlsx"]


def test_a_workbook_openpyxl_cannot_load_is_named_after_the_others_are_written(make_workbook, ctx, tmp_path):
    first = make_workbook({"UMKM": [BUSINESS_HEADERS, business_row(NIK="1")]}, name="a.xlsx")
    second = make_workbook({"UMKM": [BUSINESS_HEADERS, business_row(NIK="2")]}, name="b.xlsx")
    without_content_types(first)  # python-calamine reads it, openpyxl does not
    data = read_inputs([first, second], ctx)
    assert all(f.readable for f in data.files)
    with pytest.raises(UkmreportError, match=r"a\.xlsx \(KeyError"):
        write_annotated(data, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b.xlsx"]


def without_content_types(path: Path) -> None:
    """Rewrite the workbook at path without [Content_Types].xml."""
    with zipfile.ZipFile(path) as source:
        parts = {
            info.filename: source.read(info) for info in source.infolist() if info.filename != "[Content_Types].xml"
        }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_no_copy_for_a_clean_workbook(make_workbook, ctx, tmp_path):
    path = make_workbook({"UMKM": [BUSINESS_HEADERS, business_row()]})
    data = read_inputs([path], ctx)
    assert write_annotated(data, tmp_path / "out") == []
    assert not (tmp_path / "out").exists()


def test_an_earlier_copy_is_replaced_and_no_temporary_file_is_left(book, ctx, tmp_path):
    data = read_inputs([book], ctx)
    out = tmp_path / "out"
    out.mkdir()
    (out / book.name).write_bytes(b"old copy")
    [copy] = write_annotated(data, out)
    assert openpyxl.load_workbook(copy).sheetnames[0] == "Temuan"
    assert sorted(p.name for p in out.iterdir()) == [book.name]


def test_error_wins_and_row_and_sheet_findings_mark_a_first_cell(make_workbook, tmp_path):
    path = make_workbook({"Usaha": [["judul"], ["", "NIK", "Nama"], ["", "x", "y"]]})
    file = str(path)
    findings = [
        Finding(file, "Usaha", 3, "B", "tanggal_lahir", "date-in-future", "warning"),
        Finding(file, "Usaha", 3, "B", "tanggal_lahir", "bad-date", "error"),
        Finding(file, "Usaha", 3, None, None, "assessment-unknown-coop", "warning"),
        Finding(file, "Usaha", None, None, None, "header-not-found", "error"),
        Finding(file, "Usaha", 2, "C", None, "unknown-column", "info", "Nama"),
    ]
    data = Dataset(files=[InputFile(path=str(path), sha256="")], findings=findings)
    [copy] = write_annotated(data, tmp_path / "out")
    wb = openpyxl.load_workbook(copy)
    ws = wb["Usaha"]
    assert fill(ws["B3"]) == FILLS["error"]
    assert ws["B3"].comment.text.splitlines()[0].startswith("Kesalahan: Tanggal tidak valid")
    assert "[date-in-future]" in ws["B3"].comment.text
    assert fill(ws["A3"]) == FILLS["warning"]  # the row's first cell
    assert fill(ws["A1"]) == FILLS["error"]  # the sheet's first cell
    assert fill(ws["C2"]) is None and "[unknown-column]" in ws["C2"].comment.text
    assert [c.value for c in wb["Temuan"]["C"][1:]] == ["B3", "B3", "A3", "A1", "C2"]


def test_a_finding_inside_a_merged_area_marks_its_top_left_cell(make_workbook, tmp_path):
    path = make_workbook({"Usaha": [["NIK", "Nama"], ["x", "y"], ["", "z"]]})
    wb = openpyxl.load_workbook(path)
    wb["Usaha"].merge_cells("A2:A3")
    wb.save(path)
    finding = Finding(str(path), "Usaha", 3, "A", "nik", "missing-value", "error", params=(("header", "NIK"),))
    data = Dataset(files=[InputFile(path=str(path), sha256="")], findings=[finding])
    [copy] = write_annotated(data, tmp_path / "out")
    ws = openpyxl.load_workbook(copy)["Usaha"]
    assert fill(ws["A2"]) == FILLS["error"] and "Isian wajib 'NIK' kosong" in ws["A2"].comment.text


def test_xlsm_keeps_its_suffix(make_workbook, ctx, tmp_path):
    path = make_workbook({"UMKM": [BUSINESS_HEADERS, business_row(NIK="123")]}, name="umkm.xlsm")
    data = read_inputs([path], ctx)
    [copy] = write_annotated(data, tmp_path / "out")
    assert copy.name == "umkm.xlsm"
    assert openpyxl.load_workbook(copy, keep_vba=True).sheetnames == ["Temuan", "UMKM"]


@pytest.mark.slow
def test_five_thousand_rows_annotate_in_seconds(make_workbook, ctx, tmp_path):
    rows = [business_row(i, NIK=f"747201450385{i:04d}") for i in range(1, 5001)]
    for i in range(0, 5000, 50):
        rows[i][11] = "banyak"  # Aset: 100 bad amounts
    path = make_workbook({"UMKM": [BUSINESS_HEADERS, *rows]})
    data = read_inputs([path], ctx)
    assert Counter(f.code for f in data.findings) == {"bad-amount": 100}
    start = time.monotonic()
    [copy] = write_annotated(data, tmp_path / "out")
    assert time.monotonic() - start < 30
    ws = openpyxl.load_workbook(copy, read_only=True)["Temuan"]
    assert ws.max_row == 101


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_messy_workbook_yields_exactly_the_planted_findings(name, ctx):
    data = read_inputs([DATA / name], ctx)
    found = Counter((f.code, f.row, f.column) for f in data.findings)
    assert found == Counter(PLANTED[name])


def test_messy_workbooks_are_small_and_all_listed():
    files = sorted(p.name for p in DATA.glob("*.xlsx"))
    assert files == sorted(PLANTED)
    assert all((DATA / name).stat().st_size < 30_000 for name in files)


def test_messy_workbooks_annotate(ctx, tmp_path):
    paths = sorted(DATA.glob("*.xlsx"))
    data = read_inputs(paths, ctx)
    copies = write_annotated(data, tmp_path / "out")
    assert sorted(c.name for c in copies) == [  # bukan_data_ukm.xlsx has only a file-wide finding
        "koperasi_kolom_asing_baris_total.xlsx",
        "umkm_judul_header_dua_baris_jumlah.xlsx",
        "usulan_rumus_tanpa_nilai_nik_angka.xlsx",
    ]
    wb = openpyxl.load_workbook(tmp_path / "out" / "umkm_judul_header_dua_baris_jumlah.xlsx")
    assert wb["Daftar Isian"].sheet_state == "hidden"
    assert wb["Data UMKM"]["L11"].value == "=SUM(L6:L8)"
    assert "A11:C11" in {str(r) for r in wb["Data UMKM"].merged_cells.ranges}
    assert fill(wb["Data UMKM"]["B7"]) == FILLS["error"]
