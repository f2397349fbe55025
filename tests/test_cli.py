"""The command line as a user runs it: exit codes, one-line errors, JSON, help, README."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import BUSINESS_HEADERS, business_row
from ukmreport.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ukmreport", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


@pytest.fixture
def clean_book(make_workbook) -> Path:
    return make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row()]}, name="umkm.xlsx")


@pytest.fixture
def bad_book(make_workbook) -> Path:
    return make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row(NIK=7472014503850001)]}, name="umkm.xlsx")


def test_check_clean_exits_0(clean_book):
    result = CliRunner().invoke(main, ["check", str(clean_book)])
    assert result.exit_code == 0, result.output
    assert "Tidak ada temuan" in result.output


def test_check_errors_exit_1_and_name_the_cell(bad_book):
    result = CliRunner().invoke(main, ["check", str(bad_book)])
    assert result.exit_code == 1
    assert "'Data UMKM'!B2" in result.output and "nik-numeric" in result.output
    assert "Excel hanya menyimpan 15 angka" in result.output


def test_check_in_english(bad_book):
    result = CliRunner().invoke(main, ["--lang", "en", "check", str(bad_book)])
    assert "Excel keeps only 15 digits" in result.output


def test_check_json_is_the_spec_shape(bad_book):
    result = CliRunner().invoke(main, ["check", "--format", "json", str(bad_book)])
    doc = json.loads(result.output)
    assert doc["files"][0]["sheets"] == {"Data UMKM": "businesses"}
    assert len(doc["files"][0]["sha256"]) == 64
    [finding] = doc["findings"]
    assert finding == {
        "file": str(bad_book),
        "sheet": "Data UMKM",
        "row": 2,
        "column": "B",
        "field": "nik",
        "code": "nik-numeric",
        "severity": "error",
        "message": finding["message"],
        "value": "7472014503850001",
    }
    assert doc["counts"]["businesses"] == {"rows": 1, "valid": 0, "errors": 1, "warnings": 0}


def test_nothing_readable_exits_2_with_one_line(tmp_path):
    (tmp_path / "a.xlsx").write_text("not excel")
    proc = run("check", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1


def test_empty_folder_exits_2(tmp_path):
    proc = run("check", str(tmp_path), "--lang", "en")
    assert proc.returncode == 2 and "no workbook" in proc.stderr
    proc = run("check", str(tmp_path))
    assert proc.returncode == 2 and "tidak ada buku kerja" in proc.stderr


def test_bad_period_and_bad_config_are_one_line_errors(tmp_path, clean_book):
    proc = run("--lang", "en", "build", str(clean_book), "--period", "2024-Q5", cwd=tmp_path)
    assert proc.returncode == 2 and "period '2024-Q5'" in proc.stderr
    config = tmp_path / "ukmreport.toml"
    config.write_text('[office]\nnmae = "x"\n')
    proc = run("--config", str(config), "check", str(clean_book))
    assert proc.returncode == 2
    assert "office.nmae" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    config.write_text("[program]\namount = -5\n")
    proc = run("--config", str(config), "check", str(clean_book))
    assert proc.returncode == 2 and "program.amount" in proc.stderr


def test_rules_prints_reasons_in_words(tmp_path, make_workbook):
    proposals = [
        ["NIK", "Nama", "Program", "Nilai", "Tanggal Usulan"],
        ["7472014503850001", "Wa Ode Hasnah", "BPUM", "7.000.000", "01-03-2026"],
        ["7472014503850009", "Orang Lain", "BPUM", "7.000.000", "01-03-2026"],
    ]
    path = make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row()], "Usulan": proposals})
    result = CliRunner().invoke(main, ["rules", str(path)])
    assert result.exit_code == 0
    assert (
        "LAYAK" in result.output
        and "NIK 7472014503850009 tidak ada di data pelaku usaha (not-registered)" in result.output
    )
    doc = json.loads(CliRunner().invoke(main, ["rules", "--format", "json", str(path)]).output)
    assert [p["eligible"] for p in doc["proposals"]] == [True, False]


def test_build_only_one_report(tmp_path, clean_book):
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(clean_book),
            "--out",
            str(tmp_path / "r"),
            "--only",
            "seleksi",
            "--format",
            "html",
            "--period",
            "2026",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "r" / "2026").iterdir()) == [
        "decisions.json",
        "manifest.json",
        "seleksi.html",
    ]


def test_demo_refuses_a_folder_with_the_offices_files(tmp_path):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "punya_kantor.xlsx").write_bytes(b"x")
    proc = run("demo", cwd=tmp_path)
    assert proc.returncode == 2 and "already holds files" in proc.stderr
    assert (tmp_path / "inputs" / "punya_kantor.xlsx").read_bytes() == b"x"


def test_demo_runs_in_a_fresh_clones_inputs_folder(tmp_path):
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "README.md").write_text("# inputs/\n")
    proc = run("demo", "--businesses", "100", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "inputs").glob("*.xlsx")) == [
        "data_koperasi.xlsx",
        "data_pelaku_usaha.xlsx",
        "usulan_bantuan.xlsx",
    ]
    assert (tmp_path / "reports" / str(date.today().year) / "usulan.pdf").is_file()
    again = run("demo", "--businesses", "100", cwd=tmp_path)  # a second demo overwrites its own files
    assert again.returncode == 0, again.stderr


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and command.help
        assert f"ukmreport {name}" in readme, name


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"## Quick start\s+```sh\n(.*?)```", readme, re.S)
    assert block is not None
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2
    assert lines[0].endswith("ukmreport demo") and "pytest" in lines[1]


def test_python_m_and_version():
    proc = run("--version")
    assert proc.returncode == 0 and "version" in proc.stdout


def test_an_office_overrides_the_letterhead_beside_its_config(tmp_path, make_workbook):
    office = tmp_path / "kantor"
    (office / "templates").mkdir(parents=True)
    (office / "ukmreport.toml").write_text(
        '[office]\ngovernment = "PEMERINTAH KABUPATEN BUTON"\ncity = "Pasarwajo"\n', encoding="utf-8"
    )
    (office / "templates" / "letterhead.html").write_text(
        '{% extends "packaged/letterhead.html" %}{% block contact %}Kop khusus Kabupaten Buton{% endblock %}',
        encoding="utf-8",
    )
    path = make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row()]})
    proc = run(
        "--config",
        str(office / "ukmreport.toml"),
        "build",
        str(path),
        "--out",
        str(tmp_path / "r"),
        "--only",
        "seleksi",
        "--format",
        "html",
        "--period",
        "2026",
    )
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "r" / "2026" / "seleksi.html").read_text("utf-8")
    assert "Kop khusus Kabupaten Buton" in html and "PEMERINTAH KABUPATEN BUTON" in html
    assert "DINAS KOPERASI DAN USAHA KECIL MENENGAH" in html  # the rest of the packaged letterhead stays


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_bad_source_date_epoch_is_a_one_line_error(tmp_path, clean_book, command):
    args = [command, str(clean_book)] + (["--out", str(tmp_path / "r")] if command == "build" else [])
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": "yesterday", "UKMREPORT_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "ukmreport: error: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970"
    ]
    assert not (tmp_path / "r").exists()


def test_help_does_not_wait_for_the_heavy_libraries():
    """`ukmreport --help` imports only the CLI and the catalogue: pydantic, WeasyPrint and the readers load
    when a command needs them (the benchmark times start-up; this keeps the reason it is fast)."""
    code = (
        "import sys; from ukmreport.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'weasyprint', 'python_calamine', 'openpyxl', 'pypdf', 'pypdfium2', 'rich')"
        " if m in sys.modules]\n"
        "print('heavy:' + ','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "heavy:"
