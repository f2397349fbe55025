"""Worker processes: nothing a build starts outlives it, finished, failed or killed (#11).

A build renders long PDFs in pieces in worker processes forked from a forkserver, and writes the
annotated copies in another; each of these, and multiprocessing's resource tracker, must end with
the build. The builds here cut the letter into pieces of 10 rows so that the workers really run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from ukmreport.demo import write_demo_inputs
from ukmreport.office.region import load_region
from ukmreport.pipeline import build
from ukmreport.settings import load_settings

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workers")
    write_demo_inputs(
        root / "inputs",
        seed=5,
        today=date(2026, 11, 28),
        region=load_region(None),
        settings=load_settings(None),
        n_businesses=150,
        n_cooperatives=60,
    )
    return root / "inputs"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "ukmreport.toml"
    path.write_text("[rendering]\npdf_piece_rows = 10\nworkers = 2\n", encoding="utf-8")
    return path


def session_members(session: int) -> list[str]:
    """Command lines of the processes in this session (a build started with start_new_session)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended while we looked
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session and fields[0] != "Z":
            members.append(cmdline.strip()[:120])
    return members


def wait_until_gone(session: int, seconds: float = 5.0) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := session_members(session)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def start_build(inputs: Path, config: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ukmreport", "--config", str(config), "build", str(inputs), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def children_of(pid: int) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(entry.name)
    return found


def trackers() -> set[str]:
    """multiprocessing's resource tracker: one idle process that ends with the process that started it."""
    found = set()
    for pid in children_of(os.getpid()):
        try:
            if b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(pid)
        except OSError:
            continue
    return found


def test_a_finished_build_leaves_no_process(inputs: Path, config: Path, tmp_path: Path) -> None:
    proc = start_build(inputs, config, tmp_path / "reports")
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert wait_until_gone(proc.pid) == []


def test_a_killed_build_leaves_no_process(inputs: Path, config: Path, tmp_path: Path) -> None:
    proc = start_build(inputs, config, tmp_path / "reports")
    deadline = time.monotonic() + 300
    # Wait until the workers run: the build process, the forkserver and at least one worker.
    while len(session_members(proc.pid)) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before its workers could be seen"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert wait_until_gone(proc.pid) == []


def test_a_build_in_a_long_lived_process_ends_its_helpers(inputs: Path, config: Path, tmp_path: Path) -> None:
    before = set(children_of(os.getpid()))
    result = build(inputs, load_settings(config), out=tmp_path / "reports")
    assert result.manifest["outputs"]
    deadline = time.monotonic() + 5
    while (left := set(children_of(os.getpid())) - before - trackers()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left == set()  # the forkserver and the workers are gone; the resource tracker ends with us


def test_spawned_workers_write_the_same_letter_as_forked_ones(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no fork: workers started with spawn must give the very PDF the forkserver's give."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")
    letters = []
    for start in ("forkserver", "spawn"):
        config = tmp_path / f"{start}.toml"
        config.write_text(f'[rendering]\npdf_piece_rows = 10\nworkers = 2\nstart_method = "{start}"\n', "utf-8")
        result = build(inputs, load_settings(config), out=tmp_path / start, only=["usulan"])
        letters.append((result.out_dir / "usulan.pdf").read_bytes())
    assert letters[0] == letters[1]
