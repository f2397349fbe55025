"""Progress with counts on a terminal (outputs.md, "Command line"): rows read per file, pages per PDF.

The command line is run as a user runs it, its stderr a pseudo-terminal: what the bar says must
match the input's rows and the PDFs written. NO_COLOR drops every colour code; piped stderr and
--quiet show no progress at all. The library side is tested through its Progress protocol.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.conftest import BUSINESS_HEADERS, business_row
from ukmreport.demo import write_demo_inputs
from ukmreport.office.region import load_region
from ukmreport.pipeline import build, read
from ukmreport.progress import ROWS_STEP
from ukmreport.settings import load_settings

TODAY = date(2026, 11, 28)
EPOCH = "1796000000"  # 2026-11-30
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour and style codes
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # any control sequence (cursor moves too)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo folder (120 businesses), read as staff would: `inputs/` beside the reports."""
    root = tmp_path_factory.mktemp("progress")
    write_demo_inputs(
        root / "inputs", seed=11, today=TODAY, region=load_region(None), settings=load_settings(None), n_businesses=120
    )
    return root


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "UKMREPORT_LANG")}
    return {**base, "TERM": "xterm-256color", "COLUMNS": "140", "SOURCE_DATE_EPOCH": EPOCH, **extra}


def on_terminal(*args: str, cwd: Path, environ: dict[str, str]) -> tuple[int, str]:
    """Run ukmreport with stderr on a pseudo-terminal (stdout piped away); return its code and stderr."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ukmreport", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=cwd,
        env=environ,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def pump() -> None:  # a pty holds a few kB: read while the command runs
        quiet_since = None
        while True:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the last writer closed the terminal
                    return
                if not data:
                    return
                chunks.append(data)
                quiet_since = None
            elif proc.poll() is not None:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 1:
                    return

    reader = threading.Thread(target=pump)
    reader.start()
    code = proc.wait(timeout=900)
    reader.join(timeout=30)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", errors="replace")


def shown(raw: str) -> str:
    """The terminal's text without its control sequences."""
    return ESCAPE.sub("", raw)


def last(pattern: str, text: str) -> str:
    found = re.findall(pattern, text)
    assert found, f"{pattern!r} not in {text[-2000:]!r}"
    return found[-1]


def input_rows(path: Path) -> int:
    """Data rows of a demo workbook, counted apart from ukmreport: the rows numbered in column A."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return sum(
            1 for ws in wb.worksheets for row in ws.iter_rows(max_col=1, values_only=True) if type(row[0]) is int
        )
    finally:
        wb.close()


def test_check_on_a_terminal_counts_the_rows_of_each_file(office):
    code, raw = on_terminal("check", "inputs", cwd=office, environ=env())
    assert code == 1  # the demo has errors on purpose
    text = shown(raw)
    files = sorted((office / "inputs").glob("*.xlsx"))
    expected = {f.name: input_rows(f) for f in files}
    assert all(expected.values()), expected
    for name, rows in expected.items():
        assert last(rf"inputs/{re.escape(name)}\s+([\d.]+) baris", text).replace(".", "") == str(rows)
    total = last(r"Membaca berkas\s.*?(\d+)/(\d+) berkas · ([\d.]+) baris", text)
    assert total == (str(len(files)), str(len(files)), f"{sum(expected.values()):,}".replace(",", "."))
    assert SGR.search(raw), "in colour on a terminal without NO_COLOR"


def test_build_on_a_terminal_counts_the_pages_of_each_pdf_even_in_pieces(office, tmp_path):
    """NO_COLOR and English; seleksi cut in pieces of 15 rows, counted as they come back."""
    shutil.copytree(office / "inputs", tmp_path / "inputs")
    (tmp_path / "ukmreport.toml").write_text("[rendering]\npdf_piece_rows = 15\n", encoding="utf-8")
    code, raw = on_terminal(
        "build", "inputs", "--out", "reports", "--lang", "en", cwd=tmp_path, environ=env(NO_COLOR="1")
    )
    assert code == 0, raw
    assert not SGR.search(raw), SGR.findall(raw)[:5]
    text = shown(raw)
    pdfs = sorted((tmp_path / "reports").glob("*/*.pdf"))
    pages = {p.name: len(PdfReader(p).pages) for p in pdfs}
    assert {"usulan.pdf", "seleksi.pdf"} <= pages.keys()
    for name, count in pages.items():
        assert last(rf"  {re.escape(name)}\s+(\d+) pages?", text) == str(count)
    seleksi = re.findall(r"  seleksi\.pdf\s+(\d+) pages?", text)
    assert len(set(seleksi)) > 1, "the pieces' pages are counted as they come back, not once at the end"
    written = len(list((tmp_path / "reports").glob("*/*.*"))) - 2  # not manifest.json, decisions.json
    done = last(r"Rendering documents\s+([#-]+)\s+(\d+)/(\d+) documents · ([\d,]+) pages", text)
    assert done == ("#" * 20, str(written), str(written), f"{sum(pages.values()):,}")
    assert last(r"Reading files\s.*?\d+/\d+ files · ([\d,]+) rows", text).replace(",", "").isdigit()


def test_piped_stderr_shows_no_progress_and_no_escape_codes(office, tmp_path):
    shutil.copytree(office / "inputs", tmp_path / "inputs")
    for args in (("check", "inputs"), ("build", "inputs", "--out", "r", "--format", "html")):
        proc = subprocess.run(
            [sys.executable, "-m", "ukmreport", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env(),
            timeout=600,
        )
        assert proc.returncode in (0, 1), proc.stderr
        assert "\x1b" not in proc.stderr and "\x1b" not in proc.stdout
        for word in ("Membaca berkas", "Menyusun dokumen", "baris", "dokumen"):
            assert word not in proc.stderr


def test_quiet_on_a_terminal_shows_no_progress(office):
    code, raw = on_terminal("check", "inputs", "--quiet", cwd=office, environ=env())
    assert code == 1
    assert "Membaca" not in raw and "baris" not in raw and not SGR.search(raw)


# -- the library side: what a Progress is told -----------------------------------------------------


class Recorder:
    """A progress.Progress that writes down every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def stage(self, stage: str, total: int) -> None:
        self.calls.append(("stage", stage, total))

    def item(self, name: str) -> None:
        self.calls.append(("item", Path(name).name))

    def count(self, done: int) -> None:
        self.calls.append(("count", done))

    def item_done(self) -> None:
        self.calls.append(("done",))


def test_reading_tells_each_file_and_its_rows_every_step_not_every_row(make_workbook, tmp_path):
    rows = 2 * ROWS_STEP + 500
    big = [BUSINESS_HEADERS] + [business_row(i) for i in range(1, rows + 1)]
    make_workbook({"Pelaku Usaha": big}, name="a.xlsx")
    make_workbook({"Pelaku Usaha": [BUSINESS_HEADERS, business_row(1)]}, name="b.xlsx")
    (tmp_path / "catatan.txt").write_text("bukan buku kerja", encoding="utf-8")
    progress = Recorder()
    read(tmp_path, load_settings(None), TODAY, progress)
    # told at Excel rows 1024 and 2048, of the data rows before them (from row 2, under the header)
    assert progress.calls == [
        ("stage", "read", 3),
        ("item", "a.xlsx"),
        ("count", ROWS_STEP - 2),
        ("count", 2 * ROWS_STEP - 2),
        ("count", rows),
        ("done",),
        ("item", "b.xlsx"),
        ("count", 1),
        ("done",),
        ("item", "catatan.txt"),
        ("done",),
    ]


def test_rendering_tells_each_document_and_the_pages_of_its_pdf(office, tmp_path):
    progress = Recorder()
    settings = load_settings(None)
    result = build(office / "inputs", settings, out=tmp_path / "r", only=["usulan"], progress=progress)
    pages = len(PdfReader(result.out_dir / "usulan.pdf").pages)
    render = progress.calls[progress.calls.index(("stage", "render", 3)) :]
    assert render == [
        ("stage", "render", 3),
        ("item", "usulan.xlsx"),
        ("done",),
        ("item", "usulan.html"),
        ("done",),
        ("item", "usulan.pdf"),
        ("count", pages),
        ("done",),
    ]
