"""The benchmark runs end to end (`--quick`) and reports every figure; no timing is asserted."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"

READERS = ("calamine", "openpyxl", "check")


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "tmp.json"
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--out", str(out), "--quiet-progress"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "TARGETS" in done.stdout
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_machine_and_run_are_described(results: dict) -> None:
    machine = results["machine"]
    for key in ("nproc", "ram_total_mb"):
        assert _positive(machine[key]), key
    assert machine["processor"] and machine["python"]
    assert len(results["load_start"]) == 3 and len(results["load_end"]) == 3
    assert results["args"]["quick"] is True


@pytest.mark.slow
def test_reads_have_every_figure(results: dict) -> None:
    entry = results["reads"]["5000"]
    assert entry["rows"] == 5000
    for reader in READERS:
        figures = entry[reader]
        for key in ("seconds", "cpu_s", "rows_per_s", "peak_mb", "tree_peak_rss_mb"):
            assert _positive(figures[key]), (reader, key)
    for key in ("check_over_calamine", "openpyxl_over_calamine", "check_over_calamine_cpu"):
        assert _positive(entry[key]), key
    # the generated data plants errors: check exits 1 and has looked at every row
    assert entry["check"]["exit_code"] == 1
    assert entry["check"]["checked_rows"] == 5000
    assert entry["check_ok"] is True


@pytest.mark.slow
def test_pdf_has_every_figure(results: dict) -> None:
    pdf = results["pdf"]
    assert pdf["rows"] == 1000
    entry = pdf["usulan"]
    for kind in ("single", "chunked"):
        for key in ("work_s", "cpu_s", "peak_mb", "pages", "tree_peak_pss_mb"):
            assert _positive(entry[kind][key]), (kind, key)
    for key in ("speedup", "memory_ratio", "memory_ratio_tree_pss", "pages_single", "pages_chunked"):
        assert _positive(entry[key]), key
    assert isinstance(entry["chunked_page_numbers_ok"], bool)
    assert entry["chunked_last_footer"].startswith("Halaman ")


@pytest.mark.slow
def test_build_and_startup_have_every_figure(results: dict) -> None:
    build = results["build"]
    for key in ("work_s", "pdf_s", "non_pdf_s", "non_pdf_share", "peak_mb"):
        assert _positive(build[key]), key
    assert 0 < build["non_pdf_share"] < 1
    assert set(build["pdfs"]) >= {"usulan", "seleksi"}
    startup = results["startup"]
    assert _positive(startup["module_help_ms"])
    assert startup["script_help_ms"] is None or _positive(startup["script_help_ms"])


@pytest.mark.slow
def test_every_target_is_judged(results: dict) -> None:
    ids = {t["id"] for t in results["targets"]}
    assert {
        "check_100k_over_calamine",
        "pdf_usulan_speedup",
        "pdf_usulan_memory",
        "pdf_usulan_page_numbers",
        "pdf_usulan_pages",
        "build_non_pdf_share",
        "startup_module",
    } <= ids
    for t in results["targets"]:
        assert t["pass"] in (True, False, None)
        if t["id"] != "check_100k_over_calamine":  # 100,000 rows are not part of --quick
            assert t["pass"] is not None and t["value"] is not None, t["id"]
