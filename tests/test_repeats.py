"""A repeat names the file, sheet and row of the first (workbooks.md, "One table per sheet kind, across
files"): the row alone when the first is in the same sheet, with its file and sheet when it is not.

Through the command line, as staff run it: `rules` (text and JSON, both languages), `check` for the
businesses' duplicate NIKs, and `build` for decisions.json and the seleksi report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import BUSINESS_HEADERS, business_row

EPOCH = "1796000000"  # 2026-11-30
NIK_HASNAH = "7472014503850001"
NIK_TWIN = "7472024503850002"  # another Wa Ode Hasnah, born the same day
NIK_ALI = "7472011203800003"
PROPOSAL_HEADERS = ["No", "NIK", "Nama", "Program", "Nilai Usulan", "Tanggal Usulan", "Status", "Tanggal Keputusan"]


def write(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


def proposal(no: int, nik: str, nama: str, program: str, status: str = "Diusulkan", decided: str = "") -> list[object]:
    return [no, nik, nama, program, "Rp 7.000.000", "01-03-2026", status, decided]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Businesses in one file, proposals in two: usulan_a.xlsx (sheet Usulan) and usulan_b.xlsx
    (sheet Usulan Bantuan), each repeating rows of the other or of itself."""
    root = tmp_path_factory.mktemp("repeats")
    folder = root / "inputs"
    folder.mkdir()
    twin = business_row(2, NIK=NIK_TWIN, No_Rekening="012301000999999")
    ali = business_row(3, NIK=NIK_ALI, Nama="La Ode Ali", Jenis_Kelamin="L", Tanggal_Lahir="12-03-1980")
    ali[BUSINESS_HEADERS.index("Atas Nama")] = "La Ode Ali"
    write(folder / "data_pelaku_usaha.xlsx", {"Pelaku Usaha": [BUSINESS_HEADERS, business_row(1), twin, ali]})
    write(
        folder / "usulan_a.xlsx",
        {
            "Usulan": [
                PROPOSAL_HEADERS,
                proposal(1, NIK_HASNAH, "Wa Ode Hasnah", "BPUM"),  # row 2: the first
                proposal(2, NIK_HASNAH, "Wa Ode Hasnah", "BPUM"),  # row 3: repeats row 2, same sheet
                proposal(3, NIK_ALI, "La Ode Ali", "Banpres", "Disalurkan", "01-08-2025"),  # row 4
            ]
        },
    )
    write(
        folder / "usulan_b.xlsx",
        {
            "Usulan Bantuan": [
                PROPOSAL_HEADERS,
                proposal(1, NIK_HASNAH, "Wa Ode Hasnah", "BPUM"),  # row 2: repeats usulan_a row 2
                proposal(2, NIK_ALI, "La Ode Ali", "Banpres"),  # row 3: already received (usulan_a row 4)
                proposal(3, NIK_TWIN, "Wa Ode Hasnah", "Modal Usaha"),  # row 4: same name and birth date
            ]
        },
    )
    return root


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("UKMREPORT_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "ukmreport", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=600
    )


def decisions(inputs: Path, lang: str) -> dict[tuple[str, int], dict]:
    proc = run("rules", "inputs", "--format", "json", "--lang", lang, cwd=inputs)
    assert proc.returncode == 0, proc.stderr
    return {(Path(p["file"]).name, p["row"]): p for p in json.loads(proc.stdout)["proposals"]}


def test_a_repeat_in_the_same_sheet_is_named_by_its_row_alone(inputs):
    id_, en = decisions(inputs, "id"), decisions(inputs, "en")
    assert id_[("usulan_a.xlsx", 3)]["explanations"]["duplicate-proposal"] == (
        "NIK ini sudah diusulkan untuk BPUM di baris 2"
    )
    assert en[("usulan_a.xlsx", 3)]["explanations"]["duplicate-proposal"] == (
        "This NIK was already proposed for BPUM on row 2"
    )


def test_a_repeat_of_another_file_names_its_file_and_sheet(inputs):
    id_, en = decisions(inputs, "id"), decisions(inputs, "en")
    repeat = id_[("usulan_b.xlsx", 2)]
    assert repeat["reasons"] == ["duplicate-proposal"]
    assert repeat["explanations"]["duplicate-proposal"] == (
        "NIK ini sudah diusulkan untuk BPUM di usulan_a.xlsx, lembar 'Usulan', baris 2"
    )
    assert en[("usulan_b.xlsx", 2)]["explanations"]["duplicate-proposal"] == (
        "This NIK was already proposed for BPUM in usulan_a.xlsx, sheet 'Usulan', row 2"
    )
    assert id_[("usulan_a.xlsx", 2)]["eligible"]  # the first is judged on its own merits


def test_already_received_names_the_granted_row_of_the_other_file(inputs):
    id_, en = decisions(inputs, "id"), decisions(inputs, "en")
    again = id_[("usulan_b.xlsx", 3)]
    assert "already-received" in again["reasons"]
    assert again["explanations"]["already-received"] == (
        "Sudah menerima Banpres: Banpres tahun 2025 (Disalurkan, usulan_a.xlsx, lembar Usulan, baris 4)"
    )
    assert "usulan_a.xlsx, sheet Usulan, row 4" in en[("usulan_b.xlsx", 3)]["explanations"]["already-received"]
    assert again["explanations"]["duplicate-proposal"].endswith("di usulan_a.xlsx, lembar 'Usulan', baris 4")


def test_a_possible_duplicate_names_the_other_file_both_ways(inputs):
    id_, en = decisions(inputs, "id"), decisions(inputs, "en")
    twin = id_[("usulan_b.xlsx", 4)]["explanations"]["possible-duplicate"]
    # Wa Ode Hasnah is proposed on rows 2 and 3 of usulan_a.xlsx and on row 2 of the twin's own sheet
    assert twin.endswith("sama dengan usulan di usulan_a.xlsx, lembar 'Usulan', baris 2, 3 dan di baris 2")
    back = en[("usulan_a.xlsx", 2)]["explanations"]["possible-duplicate"]
    assert back.endswith("as the proposal in usulan_b.xlsx, sheet 'Usulan Bantuan', row 4")


def test_the_rules_text_says_the_same(inputs):
    proc = run("rules", "inputs", "--lang", "en", cwd=inputs)
    assert proc.returncode == 0, proc.stderr
    assert "This NIK was already proposed for BPUM on row 2 (duplicate-proposal)" in proc.stdout
    assert "This NIK was already proposed for BPUM in usulan_a.xlsx, sheet 'Usulan', row 2" in proc.stdout


def test_a_repeated_nik_in_the_businesses_sheet_names_its_place(inputs, tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    write(folder / "a.xlsx", {"Data UMKM": [BUSINESS_HEADERS, business_row(1), business_row(2)]})
    ali = business_row(1, NIK=NIK_ALI, Nama="La Ode Ali", Jenis_Kelamin="L", Tanggal_Lahir="12-03-1980")
    # one row of two repeats a.xlsx: not a copy of it (copy-of-file), a repeat
    write(folder / "b.xlsx", {"Pelaku Usaha": [BUSINESS_HEADERS, ali, business_row(2)]})
    for lang, same, other in (
        ("id", "NIK sudah tercatat di baris 2", "lembar 'Data UMKM', baris 2"),
        ("en", "NIK already recorded on row 2", "sheet 'Data UMKM', row 2"),
    ):
        proc = run("check", "inputs", "--format", "json", "--lang", lang, cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        found = {(Path(f["file"]).name, f["row"]): f["message"] for f in json.loads(proc.stdout)["findings"]}
        assert found[("a.xlsx", 3)] == same
        assert found[("b.xlsx", 3)].endswith(f"a.xlsx, {other}")


def test_decisions_json_and_seleksi_name_the_first_rows_file(inputs):
    proc = run("build", "inputs", "--out", "reports", "--only", "seleksi", "--format", "html", cwd=inputs)
    assert proc.returncode == 0, proc.stderr
    [folder] = (inputs / "reports").iterdir()
    saved = json.loads((folder / "decisions.json").read_text("utf-8"))
    by_row = {(Path(p["file"]).name, p["row"]): p for p in saved["proposals"]}
    assert by_row[("usulan_b.xlsx", 2)]["explanations"]["duplicate-proposal"].endswith(
        "di usulan_a.xlsx, lembar 'Usulan', baris 2"
    )
    html = (folder / "seleksi.html").read_text("utf-8").replace("&#39;", "'")
    assert "NIK ini sudah diusulkan untuk BPUM di usulan_a.xlsx, lembar 'Usulan', baris 2" in html
    assert "usulan pertama di usulan_a.xlsx, lembar 'Usulan', baris 2" in html
    assert "NIK ini sudah diusulkan untuk BPUM di baris 2<" in html
