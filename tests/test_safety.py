"""Output safety: reproducible bytes, all-or-nothing publishing under SIGKILL, inputs untouched."""

from __future__ import annotations

import hashlib
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

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("safety")
    write_demo_inputs(
        root / "inputs",
        seed=3,
        today=date(2026, 11, 28),
        region=load_region(None),
        settings=load_settings(None),
        n_businesses=150,
        n_cooperatives=60,
    )
    return root / "inputs"


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_inputs_config_and_epoch_give_identical_reports(small_inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")  # 2026-11-28
    settings = load_settings(None)
    first = build(small_inputs, settings, out=tmp_path / "a", only=["usulan", "seleksi", "koperasi", "berkala"])
    second = build(small_inputs, settings, out=tmp_path / "b", only=["usulan", "seleksi", "koperasi", "berkala"])
    a, b = digests(first.out_dir), digests(second.out_dir)
    for name in a:
        if name.endswith((".pdf", ".html", ".xlsx", ".json")):
            assert a[name] == b[name], name
    assert any(n.endswith(".pdf") for n in a)


def test_inputs_are_unchanged_by_a_build(small_inputs, tmp_path):
    before = digests(small_inputs)
    build(small_inputs, load_settings(None), out=tmp_path, only=["seleksi"], formats=["html"])
    assert digests(small_inputs) == before


BUILD = [sys.executable, "-m", "ukmreport", "--quiet", "build", "--period", "2026"]


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_set_or_the_new_one(small_inputs, tmp_path):
    out = tmp_path / "reports"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795824000"}
    subprocess.run([*BUILD, str(small_inputs), "--out", str(out)], check=True, env=env, timeout=300)
    previous = digests(out / "2026")
    assert "manifest.json" in previous
    # A different config makes the new set differ from the old one in every report.
    config = tmp_path / "ukmreport.toml"
    config.write_text('[office]\nname = "DINAS KOPERASI DAN UKM (UJI)"\n', encoding="utf-8")
    newer = None
    for delay in (0.3, 0.8, 1.5, 2.5, 4.0, 6.0):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ukmreport",
                "--config",
                str(config),
                "--quiet",
                "build",
                "--period",
                "2026",
                str(small_inputs),
                "--out",
                str(out),
            ],
            env=env,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = digests(out / "2026")
        if now != previous:
            if newer is None:
                newer = _complete_new_set(config, small_inputs, tmp_path, env)
            assert now == newer, f"a mix after a kill at {delay}s"
    # Whatever was left, the next build recovers and publishes a complete set.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ukmreport",
            "--config",
            str(config),
            "--quiet",
            *BUILD[4:],
            str(small_inputs),
            "--out",
            str(out),
        ],
        check=True,
        env=env,
        timeout=300,
    )
    assert digests(out / "2026") == (newer or _complete_new_set(config, small_inputs, tmp_path, env))
    assert [p.name for p in out.iterdir()] == ["2026"]


def _complete_new_set(config: Path, inputs: Path, tmp_path: Path, env: dict[str, str]) -> dict[str, str]:
    ref = tmp_path / "reference"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ukmreport",
            "--config",
            str(config),
            "--quiet",
            "build",
            "--period",
            "2026",
            str(inputs),
            "--out",
            str(ref),
        ],
        check=True,
        env=env,
        timeout=300,
    )
    return digests(ref / "2026")
