"""One language at a time, common options anywhere, no library warnings, and the CONTOH mark."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tests.conftest import BUSINESS_HEADERS, business_row
from ukmreport.cli import main
from ukmreport.pipeline import write_demo
from ukmreport.settings import load_settings

DAY = 1_796_000_000
ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(DAY)}


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ukmreport", *args], capture_output=True, text=True, timeout=600, env=env or ENV, cwd=cwd
    )


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["build", "--help"], {}, ["Penggunaan:", "Opsi", "Susun hanya laporan ini", "Tampilkan bantuan ini"]),
        (["--lang", "en", "build", "--help"], {}, ["Usage:", "Options", "Build only this report", "Show this"]),
        (["build", "--lang", "en", "--help"], {}, ["Usage:", "Build only this report"]),
        (["build", "--help"], {"UKMREPORT_LANG": "en"}, ["Usage:", "Formats to write"]),
        (["--help"], {}, ["Perintah", "Memeriksa buku kerja", "Tulis data contoh"]),
        (["--help", "--lang", "en"], {}, ["Commands", "Validate the workbooks only"]),
    ],
    ids=["id by default", "en before", "en after", "UKMREPORT_LANG", "group id", "group en"],
)
def test_help_is_in_one_language(args, env, words):
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.output
    other = ["Usage:", "Options", "Show this"] if "Penggunaan:" in words else ["Penggunaan:", "Opsi"]
    if "Commands" in words or "Perintah" in words:
        other = ["Perintah"] if "Commands" in words else ["Commands", "Usage:"]
    for word in other:
        assert word not in result.output


@pytest.fixture
def bad_book(make_workbook) -> Path:
    return make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row(NIK=7472014503850001)]}, name="umkm.xlsx")


@pytest.mark.parametrize(
    "args",
    [["--lang", "en", "-q", "check", "{book}"], ["check", "{book}", "--lang", "en", "-q"], ["check", "-q", "{book}"]],
    ids=["before", "after", "env"],
)
def test_common_options_before_or_after_the_command(bad_book, args):
    env = {"UKMREPORT_LANG": "en"} if "--lang" not in args else {"UKMREPORT_LANG": "id"}
    result = CliRunner().invoke(main, [a.replace("{book}", str(bad_book)) for a in args], env=env)
    assert result.exit_code == 1
    assert result.output == ""  # -q: findings are not printed
    result = CliRunner().invoke(main, [a.replace("{book}", str(bad_book)) for a in args if a != "-q"], env=env)
    assert "Excel keeps only 15 digits" in result.output and "Kesalahan" not in result.output


def test_a_wrong_lang_is_one_line_exit_2(bad_book):
    proc = run("check", str(bad_book), "--lang", "fr")
    assert proc.returncode == 2 and proc.stderr.strip().splitlines() == [
        "ukmreport: penggunaan salah: nilai fr untuk --lang tidak sah; pilih id, en"
    ]
    proc = run("check", str(bad_book), env={**ENV, "UKMREPORT_LANG": "de"})
    assert proc.returncode == 2 and "UKMREPORT_LANG" in proc.stderr


def test_an_unknown_option_is_one_line_in_the_runs_language(bad_book):
    proc = run("build", str(bad_book), "--colour")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["ukmreport: penggunaan salah: opsi --colour tidak dikenal"]


def test_rules_output_in_english(make_workbook):
    book = make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row()]}, name="umkm.xlsx")
    result = CliRunner().invoke(main, ["rules", str(book), "--lang", "en"])
    assert result.exit_code == 0 and result.output.strip() == "No proposals or cooperatives."


@pytest.fixture(scope="module")
def demo_inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "inputs"
    write_demo(folder, load_settings(None), seed=7, businesses=100, today=datetime.fromtimestamp(DAY, UTC).date())
    return folder


def test_the_sample_signer_marks_every_page_of_the_letter_and_warns(demo_inputs, tmp_path):
    out = tmp_path / "r"
    proc = run("build", str(demo_inputs), "--out", str(out), "--only", "usulan", "--format", "pdf", "--period", "2026")
    assert proc.returncode == 0, proc.stderr
    # the one line on stderr is the warning: no library's warnings (fonts, deprecations) reach the user
    assert proc.stderr.strip().splitlines() == [
        "ukmreport: peringatan: ukmreport.toml tidak menyebut kepala dinas ([head]); surat ditandatangani "
        "pejabat contoh dan setiap halamannya diberi tanda CONTOH"
    ]
    pages = PdfReader(out / "2026" / "usulan.pdf").pages
    assert len(pages) >= 2 and all("CONTOH" in page.extract_text() for page in pages)


def test_a_configured_head_signs_without_the_mark(demo_inputs, tmp_path):
    config = tmp_path / "ukmreport.toml"
    config.write_text(
        '[head]\nposition = "Kepala Dinas"\nname = "Dra. Wa Ode Siti, M.M."\nrank = "Pembina (IV/a)"\n'
        'nip = "197501012000032001"\n',
        encoding="utf-8",
    )
    out = tmp_path / "r"
    proc = run(
        "build", str(demo_inputs), "--config", str(config), "--out", str(out), "--only", "usulan", "--format", "html"
    )
    assert proc.returncode == 0 and proc.stderr == ""
    html = (out / next(p.name for p in out.iterdir() if not p.name.startswith(".")) / "usulan.html").read_text("utf-8")
    assert "Wa Ode Siti" in html and 'class="contoh"' not in html
