"""What a build may and may not do to the reports folder (shared/spec/outputs.md), as a user runs it."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import BUSINESS_HEADERS, business_row
from ukmreport.pipeline import write_demo
from ukmreport.settings import load_settings

DAY = 1_796_000_000  # 2026-11-30, a run's stamp via SOURCE_DATE_EPOCH
ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(DAY)}


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ukmreport", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env or ENV,
        cwd=cwd,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (hidden ones too) with the digest of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def demo_inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "inputs"
    write_demo(folder, load_settings(None), seed=7, businesses=100, today=_today())
    return folder


def _today():
    from datetime import UTC, datetime

    return datetime.fromtimestamp(DAY, UTC).date()


@pytest.fixture(scope="module")
def built(demo_inputs, tmp_path_factory) -> Path:
    """A reports folder holding one complete html build of the demo."""
    out = tmp_path_factory.mktemp("built") / "reports"
    proc = run("build", str(demo_inputs), "--out", str(out), "--format", "html", "--period", "2026")
    assert proc.returncode == 0, proc.stderr
    return out


def test_only_keeps_the_other_reports_and_the_manifest_says_which_run_made_each(demo_inputs, built, tmp_path):
    out = tmp_path / "reports"
    subprocess.run(["cp", "-a", str(built), str(out)], check=True)
    before = snapshot(out / "2026")
    later = {**ENV, "SOURCE_DATE_EPOCH": str(DAY + 3600)}
    args = ("build", str(demo_inputs), "--out", str(out), "--format", "html", "--period", "2026", "--only", "seleksi")
    proc = run(*args, env=later)
    assert proc.returncode == 0, proc.stderr
    after = snapshot(out / "2026")
    for name in ("usulan.html", "koperasi.html", "berkala.html", "validasi.html"):
        assert after[name] == before[name], f"{name} was not kept as it was"
    manifest = json.loads((out / "2026" / "manifest.json").read_text("utf-8"))
    listed = {o["path"] for o in manifest["outputs"]}
    present = {p for p in after if p not in ("manifest.json", "decisions.json")}
    assert listed == present
    runs = {o["name"]: o["run"] for o in manifest["outputs"]}
    assert runs["seleksi"] == "2026-11-30T01:53:20+00:00" and runs["usulan"] == "2026-11-30T00:53:20+00:00"
    assert manifest["reports"]["seleksi"]["run"] != manifest["reports"]["usulan"]["run"]
    assert "berkala" in proc.stdout and "seleksi.html" in proc.stdout


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--format", "docx", "unknown format docx"),
        ("--only", "foo", "unknown report foo"),
        ("--period", "2024-Q5", "period '2024-Q5'"),
    ],
    ids=["unknown format", "unknown report", "impossible quarter"],
)
def test_a_wrong_option_value_is_exit_2_one_line_and_nothing_touched(demo_inputs, built, option, value, says):
    before = snapshot(built)
    proc = run("build", str(demo_inputs), "--out", str(built), option, value, "--lang", "en")
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert says in line and line.startswith("ukmreport: usage: ")
    assert snapshot(built) == before


def test_inputs_with_no_known_sheet_are_exit_2_and_nothing_published(make_workbook, tmp_path):
    book = make_workbook({"Sheet1": [["Nama", "Umur"], ["Wa Ode", 40]]}, name="catatan.xlsx")
    proc = run("build", str(book), "--out", str(tmp_path / "r"), "--format", "html", "--lang", "en")
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert "no known sheet" in line and "catatan.xlsx" in line
    assert not (tmp_path / "r" / "2026").exists()


def test_an_empty_report_is_not_rendered_and_the_manifest_says_why(make_workbook, tmp_path):
    book = make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row()]}, name="umkm.xlsx")
    proc = run("build", str(book), "--out", str(tmp_path / "r"), "--format", "html", "--period", "2026")
    assert proc.returncode == 0, proc.stderr
    folder = tmp_path / "r" / "2026"
    assert not (folder / "usulan.html").exists() and not (folder / "koperasi.html").exists()
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["reports"]["usulan"]["skipped"] == "no eligible proposals"
    assert manifest["reports"]["koperasi"]["skipped"] == "no cooperatives"
    assert '"skipped": "no eligible proposals"' in (folder / "manifest.json").read_text("utf-8")
    assert "usulan tidak disusun: tidak ada usulan berstatus Diusulkan yang layak" in proc.stdout
    assert "CONTOH" not in proc.stderr  # no letter, so nothing to warn about


def test_a_second_build_exits_2_naming_the_running_one(demo_inputs, tmp_path):
    out = tmp_path / "reports"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from ukmreport.outputs import build_lock\n"
            f"with build_lock(Path({str(out)!r})):\n    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        live = out / f".2026.new-{holder.pid}-abc"
        live.mkdir()
        proc = run("build", str(demo_inputs), "--out", str(out), "--format", "html", "--lang", "en")
        assert proc.returncode == 2
        [line] = proc.stderr.strip().splitlines()
        assert f"another build (process {holder.pid}) is writing to {out}" in line
        assert live.is_dir() and not (out / "2026").exists()
    finally:
        holder.kill()
        holder.wait()


def test_dead_builds_staging_folders_are_cleaned_and_live_ones_kept(demo_inputs, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / f".2026.new-{dead.stdout.strip()}-x1").mkdir()
        (out / f".2026.new-{alive.pid}-x2").mkdir()
        proc = run("build", str(demo_inputs), "--out", str(out), "--format", "html", "--period", "2026")
        assert proc.returncode == 0, proc.stderr
        assert sorted(p.name for p in out.iterdir() if p.name.startswith(".2026")) == [f".2026.new-{alive.pid}-x2"]
    finally:
        alive.kill()
        alive.wait()


def test_an_output_folder_that_cannot_be_written_is_one_line_naming_it(demo_inputs, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = run("build", str(demo_inputs), "--out", str(blocker / "reports"), "--format", "html", "--lang", "en")
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert f"cannot write to the folder {blocker / 'reports'}" in line and "Traceback" not in proc.stdout


@pytest.mark.parametrize(
    ("sig", "code", "word"),
    [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C")],
    ids=["SIGTERM", "Ctrl-C"],
)
def test_a_signal_stops_the_build_with_one_line_and_the_reports_intact(demo_inputs, built, tmp_path, sig, code, word):
    out = tmp_path / "reports"
    subprocess.run(["cp", "-a", str(built), str(out)], check=True)
    before = snapshot(out / "2026")
    build = subprocess.Popen(
        [sys.executable, "-m", "ukmreport", "build", str(demo_inputs), "--out", str(out), "--period", "2026"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches every process of it
    )
    deadline = time.monotonic() + 120
    while not list(out.glob(".2026.new-*/*.pdf")) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before a PDF was begun"
    if sig == signal.SIGINT:
        os.killpg(build.pid, sig)
    else:
        build.send_signal(sig)
    stdout, stderr = build.communicate(timeout=120)
    assert build.returncode == code, stderr
    assert "Traceback" not in stderr + stdout
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and word in lines[0], stderr
    assert snapshot(out / "2026") == before
    assert not list(out.glob(".2026.new-*"))
