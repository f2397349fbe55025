"""Every file in the input folder accounted for, nothing counted twice, through the command line.

One messy office folder, as issue #13 found them: the demo's workbooks, a byte-identical
`data_pelaku_usaha - Copy.xlsx`, an old backup of the businesses as .ods in a sub-folder, a
businesses sheet named `Sheet1`, proposals exported as a `;`-separated Windows-1252 .csv, an
aid history in Excel 97 (.xls), a notes file, an Excel lock file and hidden files. `ukmreport
check` and `ukmreport build` run on it as a user runs them (a subprocess, from the office folder).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import BUSINESS_HEADERS, TODAY, business_row
from tests.formats import write_csv, write_ods
from ukmreport.demo import write_demo_inputs
from ukmreport.office.region import load_region
from ukmreport.settings import load_settings

DATA = Path(__file__).resolve().parent / "data"
WOLIO_NIKS = ("7472014503850001", "7472016208880002")
PROPOSAL_CSV = "usulan_tambahan.csv"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ukmreport", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def demo_folder(folder: Path) -> Path:
    write_demo_inputs(
        folder, seed=11, today=TODAY, region=load_region(None), settings=load_settings(None), n_businesses=120
    )
    return folder


def add_the_mess(folder: Path) -> None:
    """What a real office folder holds beside the demo's three workbooks."""
    original = folder / "data_pelaku_usaha.xlsx"
    shutil.copyfile(original, folder / "data_pelaku_usaha - Copy.xlsx")  # Explorer's copy: the same bytes
    # An older save of the same register, kept in LibreOffice: different bytes, the same people.
    ws = openpyxl.load_workbook(original, read_only=True).worksheets[0]
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    (folder / "backup").mkdir()
    write_ods(folder / "backup" / "pelaku_usaha_lama.ods", {ws.title: rows})
    # Two business owners the register lacks, in a sheet nobody renamed.
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Sheet1"
    sheet.append(["DATA UMKM KELURAHAN WOLIO 2026"])
    sheet.append([])
    sheet.append(BUSINESS_HEADERS)
    sheet.append(business_row(1, NIK=WOLIO_NIKS[0]))
    sheet.append(business_row(2, NIK=WOLIO_NIKS[1], Nama="Wa Ode Marni", Tanggal_Lahir="22-08-1988"))
    wb.save(folder / "UMKM Wolio.xlsx")
    # Proposals for them, exported from a Windows spreadsheet: ';' and Windows-1252 (the en dash, é).
    write_csv(
        folder / PROPOSAL_CSV,
        [
            ["NIK", "Nama", "Program", "Nilai", "Tanggal Usulan", "Keterangan"],
            [WOLIO_NIKS[0], "Wa Ode Hasnah", "Bantuan Modal Usaha", "2.500.000", "15-09-2025", "Café – tahap 2"],
            [WOLIO_NIKS[1], "Wa Ode Marni", "Bantuan Modal Usaha", "2.500.000", "31-02-2025", "tanggal salah"],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    shutil.copyfile(DATA / "riwayat_bantuan_excel97.xls", folder / "riwayat_bantuan_lama.xls")
    (folder / "catatan.txt").write_text("kirim ke kepala dinas hari Senin\n", encoding="utf-8")
    (folder / "~$data_pelaku_usaha.xlsx").write_bytes(b"\x00lock")  # Excel's lock file while it is open
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / ".sync").mkdir()
    (folder / ".sync" / "state.csv").write_text("a,b\n", encoding="utf-8")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("kantor")
    demo_folder(root / "bersih")
    messy = demo_folder(root / "inputs")
    add_the_mess(messy)
    checked = {name: run("check", "--format", "json", name, cwd=root) for name in ("bersih", "inputs")}
    return {
        "root": root,
        "clean": json.loads(checked["bersih"].stdout),
        "messy": json.loads(checked["inputs"].stdout),
        "proc": checked["inputs"],
    }


def findings(doc: dict, code: str) -> list[dict]:
    return [f for f in doc["findings"] if f["code"] == code]


def test_every_file_is_read_or_named_and_hidden_ones_are_not(office):
    doc = office["messy"]
    read = {Path(f["path"]).as_posix().removeprefix("inputs/") for f in doc["files"]}
    assert read == {
        "data_koperasi.xlsx",
        "data_pelaku_usaha.xlsx",
        "data_pelaku_usaha - Copy.xlsx",
        "usulan_bantuan.xlsx",
        "UMKM Wolio.xlsx",
        PROPOSAL_CSV,
        "riwayat_bantuan_lama.xls",
        "backup/pelaku_usaha_lama.ods",
    }
    [ignored] = findings(doc, "ignored-file")
    assert Path(ignored["file"]).name == "catatan.txt" and ignored["severity"] == "info"
    assert ".txt" in ignored["message"]
    everything = json.dumps(doc)
    assert "~$" not in everything and ".DS_Store" not in everything and ".sync" not in everything
    assert "Traceback" not in office["proc"].stderr


def test_nothing_is_counted_twice(office):
    clean, messy = office["clean"]["counts"], office["messy"]["counts"]
    assert messy["businesses"]["rows"] == clean["businesses"]["rows"] + 2  # the two of Sheet1, no copy
    assert messy["cooperatives"] == clean["cooperatives"]
    assert messy["proposals"]["rows"] == clean["proposals"]["rows"] + 2
    assert messy["aid_history"]["rows"] == clean["aid_history"]["rows"] + 3  # the .xls
    # The copies add no duplicate findings: as many as the clean folder plants, no more.
    assert len(findings(office["messy"], "duplicate-nik")) == len(findings(office["clean"], "duplicate-nik"))


def test_a_byte_identical_copy_is_one_warning_naming_the_original(office):
    [dup] = findings(office["messy"], "duplicate-file")
    assert Path(dup["file"]).name == "data_pelaku_usaha - Copy.xlsx"
    assert dup["severity"] == "warning" and "data_pelaku_usaha.xlsx" in dup["message"]
    assert [f for f in office["messy"]["findings"] if f["file"] == dup["file"]] == [dup]


def test_an_older_copy_in_another_format_is_one_warning_naming_both_files(office):
    [copy] = findings(office["messy"], "copy-of-file")
    assert Path(copy["file"]).name == "pelaku_usaha_lama.ods"
    assert copy["severity"] == "warning" and "data_pelaku_usaha.xlsx" in copy["message"]
    assert [f for f in office["messy"]["findings"] if f["file"] == copy["file"]] == [copy]


def test_a_sheet_named_sheet1_is_read_by_its_headers(office):
    by_headers = findings(office["messy"], "sheet-by-headers")
    assert sorted(Path(f["file"]).name for f in by_headers) == ["UMKM Wolio.xlsx", PROPOSAL_CSV]
    [found] = [f for f in by_headers if f["sheet"] == "Sheet1"]
    assert found["severity"] == "info" and "pelaku usaha" in found["message"]
    entry = next(f for f in office["messy"]["files"] if f["path"].endswith("UMKM Wolio.xlsx"))
    assert entry["sheets"] == {"Sheet1": "businesses"}


def test_the_windows_csv_is_read_with_its_separator_and_accents(office):
    entry = next(f for f in office["messy"]["files"] if f["path"].endswith(PROPOSAL_CSV))
    assert entry["sheets"] == {"usulan_tambahan": "proposals"}
    mine = [f for f in office["messy"]["findings"] if f["file"].endswith(PROPOSAL_CSV)]
    # Its file name is no sheet name: its headers say it holds proposals.
    assert [(f["code"], f["row"], f["column"]) for f in mine] == [
        ("sheet-by-headers", None, None),
        ("bad-date", 3, "E"),
    ]
    assert "usulan bantuan" in mine[0]["message"]


def test_build_decides_on_every_format_and_annotates_the_csv_as_xlsx(office):
    root: Path = office["root"]  # type: ignore[assignment]
    proc = run("build", "inputs", "--out", "laporan", "--period", str(TODAY.year), cwd=root)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    out = root / "laporan" / str(TODAY.year)
    decisions = json.loads((out / "decisions.json").read_text(encoding="utf-8"))
    by_nik = {d["nik"]: d for d in decisions["proposals"] if d["file"].endswith(".csv")}
    hasnah = by_nik[WOLIO_NIKS[0]]
    assert hasnah["eligible"] and hasnah["reasons"] == []  # registered in Sheet1, read from the .csv
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    inputs = {Path(f["path"]).name for f in manifest["inputs"]}
    assert {PROPOSAL_CSV, "riwayat_bantuan_lama.xls", "pelaku_usaha_lama.ods"} <= inputs
    copy = out / "anotasi" / "usulan_tambahan.xlsx"
    wb = openpyxl.load_workbook(copy)
    ws = wb["usulan_tambahan"]
    assert ws["A2"].value == WOLIO_NIKS[0] and ws["A2"].data_type == "s"  # the NIK stays text
    assert "bad-date" in ws["E3"].comment.text
    assert ws["F2"].value == "Café – tahap 2"  # Windows-1252 read as such
    assert wb.sheetnames[0] == "Temuan"
    assert (out / "anotasi" / "pelaku_usaha_lama.xlsx").exists()  # the .ods copy, named on its sheet


def test_the_build_summary_counts_each_business_once(office):
    out = office["root"] / "laporan" / str(TODAY.year)  # type: ignore[operator]
    if not (out / "manifest.json").exists():
        pytest.skip("needs the build test's output")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    clean = office["clean"]["counts"]["businesses"]
    assert manifest["summary"]["businesses"] == clean["valid"] + 2


def test_a_nik_repeated_in_another_file_names_the_first_file_sheet_and_row(tmp_path, make_workbook):
    folder = tmp_path / "inputs"
    folder.mkdir()
    other = business_row(2, NIK="7472016208880002", Nama="Wa Ode Marni", Tanggal_Lahir="22-08-1988")
    third = business_row(2, NIK="7472015206900002", Nama="Wa Ode Sitti", Tanggal_Lahir="12-06-1990")
    a = make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row(1), other]}, name="a.xlsx")
    b = make_workbook({"Pelaku Usaha": [BUSINESS_HEADERS, third, business_row(2)]}, name="b.xlsx")
    shutil.move(a, folder / "a.xlsx")
    shutil.move(b, folder / "b.xlsx")
    proc = run("check", "--format", "json", "inputs", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # a duplicate NIK is an error
    doc = json.loads(proc.stdout)
    [dup] = doc["findings"]
    assert (dup["code"], Path(dup["file"]).name, dup["sheet"], dup["row"], dup["column"]) == (
        "duplicate-nik",
        "b.xlsx",
        "Pelaku Usaha",
        3,
        "B",
    )
    assert "a.xlsx, lembar 'Data UMKM', baris 2" in dup["message"]
    assert doc["counts"]["businesses"] == {"rows": 4, "valid": 3, "errors": 1, "warnings": 0}
