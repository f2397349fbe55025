"""The HTML reports opened in a real browser (Debian's chromium): no console error, no broken image.

Skipped where chromium is not installed; .ci/run installs it so CI always runs this.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest

from ukmreport.demo import write_demo_inputs
from ukmreport.office.region import load_region
from ukmreport.pipeline import build
from ukmreport.settings import load_settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.machine, pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Runs in the page after load: every <img> decoded, every inline SVG has a size.
CHECK = """
<script>
window.addEventListener('load', () => {
  const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src.slice(0, 60));
  const svgs = [...document.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().width === 0);
  const page = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > page + 2);
  document.title = JSON.stringify({broken, emptySvgs: svgs.length, overflowingTables: wide.length});
});
</script>
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    write_demo_inputs(
        root / "inputs",
        seed=5,
        today=date.today(),
        region=load_region(None),
        settings=load_settings(None),
        n_businesses=200,
        n_cooperatives=60,
    )
    return build(root / "inputs", load_settings(None), out=root / "reports", formats=["html"]).out_dir


def open_in_chromium(html: Path) -> tuple[str, str]:
    """Load the page with the check script; return (document title JSON, browser log)."""
    probe = html.with_name(f"probe-{html.name}")
    probe.write_text(html.read_text("utf-8").replace("</body>", CHECK + "</body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1280,900",
                "--virtual-time-budget=5000",
                "--dump-dom",
                probe.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    probe.unlink()
    title = proc.stdout.split("<title>", 1)[1].split("</title>", 1)[0] if "<title>" in proc.stdout else ""
    return title.replace("&quot;", '"'), proc.stderr


@pytest.mark.parametrize("name", ["usulan", "seleksi", "koperasi", "berkala", "validasi"])
def test_report_opens_cleanly_in_chromium(reports, name):
    import json

    title, log = open_in_chromium(reports / f"{name}.html")
    result = json.loads(title)
    assert result == {"broken": [], "emptySvgs": 0, "overflowingTables": 0}
    console = [line for line in log.splitlines() if ":CONSOLE" in line]  # the reports run no script at all
    assert console == []
