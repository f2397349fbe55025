"""The office profile (#14): Baubau's only for Baubau, another region's office from its own config.

The end-to-end test builds the demo for Kabupaten Buton (tests/data/kabupaten_buton.toml) with the
README's configuration, exactly as written there, and reads every document back.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pydantic import BaseModel
from pypdf import PdfReader

from ukmreport.errors import ConfigError
from ukmreport.office.profile import for_region, missing, require_office
from ukmreport.office.region import load_region
from ukmreport.render.html import render_html
from ukmreport.reports.common import letterhead
from ukmreport.reports.contexts import Letterhead
from ukmreport.settings import Office, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
BUTON = ROOT / "tests" / "data" / "kabupaten_buton.toml"
BAUBAU_WORDS = re.compile(r"baubau|bau-bau|wali kota|betoambari|batupoaro|2821234", re.IGNORECASE)
README_ADDRESS = "Jl. Poros Pasarwajo No. 5, Kelurahan Pasarwajo, Kecamatan Pasarwajo, Kabupaten Buton 93754"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ukmreport", *args], capture_output=True, text=True, cwd=cwd, timeout=900
    )


def readme_config() -> str:
    """The toml block of the README's Configuration section, as written."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Configuration") :]
    return section[section.index("```toml\n") + 8 : section.index("```\n", section.index("```toml"))]


def buton_office(tmp_path: Path) -> Path:
    """A folder with the README's ukmreport.toml and the region file where it points."""
    text = readme_config()
    region_ref = re.search(r'^region_file = "([^"]+)"', text, re.MULTILINE)
    assert region_ref, "the README's example names no region file"
    (tmp_path / region_ref.group(1)).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUTON, tmp_path / region_ref.group(1))
    (tmp_path / "ukmreport.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_baubau_gets_its_profile_and_only_baubau():
    settings = for_region(Settings(), load_region(None))
    assert settings.office.government == "PEMERINTAH KOTA BAUBAU"
    assert settings.office.address.startswith("Jl. Betoambari No. 18")
    assert settings.head.name == "Drs. La Ode Muhammad Arsyad, M.Si."
    assert settings.letter.copies_to == ["Wali Kota Baubau (sebagai laporan)", "Arsip"]
    assert missing(settings) == []

    buton = for_region(Settings(region_file=BUTON), load_region(BUTON))
    assert buton.office.government == "PEMERINTAH KABUPATEN BUTON"
    assert buton.office.city == "Pasarwajo"
    assert buton.office.region == "Kabupaten Buton"
    assert buton.letter.copies_to == ["Bupati Buton (sebagai laporan)"]
    assert buton.office.address is None and buton.head.name is None
    assert missing(buton) == [
        "office.name",
        "office.short_name",
        "office.address",
        "office.phone",
        "office.email",
        "office.website",
        "letter.number_pattern",
    ]


def test_a_profile_applies_to_its_own_region_only(tmp_path):
    region = tmp_path / "kabupaten_buton.toml"
    shutil.copy(BUTON, region)
    baubau_profile = ROOT / "ukmreport" / "regions" / "kota_baubau.office.toml"
    profile = tmp_path / "kabupaten_buton.office.toml"
    shutil.copy(baubau_profile, profile)  # copied without changing region_code: still Baubau's
    assert for_region(Settings(region_file=region), load_region(region)).office.address is None

    profile.write_text(
        baubau_profile.read_text("utf-8")
        .replace('region_code = "7472"', 'region_code = "7404"')
        .replace("Jl. Betoambari No. 18", "Jl. Poros Pasarwajo No. 5"),
        encoding="utf-8",
    )
    settings = for_region(Settings(region_file=region, office=Office(phone="")), load_region(region))
    assert settings.office.address.startswith("Jl. Poros Pasarwajo No. 5")
    assert settings.office.phone == ""  # set in ukmreport.toml: wins over the profile
    assert letterhead(settings).contact == "diskopukm@baubaukota.go.id · baubaukota.go.id"


def test_a_missing_office_field_names_each_key_and_where(tmp_path):
    (tmp_path / "ukmreport.toml").write_text(
        f'region_file = "{BUTON.as_posix()}"\n[office]\nname = "DINAS KOPERASI"\n', encoding="utf-8"
    )
    settings = load_settings(tmp_path / "ukmreport.toml")
    region = load_region(settings.region_file)
    with pytest.raises(ConfigError) as caught:
        require_office(for_region(settings, region), region)
    message = str(caught.value)
    assert "office.address" in message and "office.short_name" in message and "letter.number_pattern" in message
    assert "set office.short_name," in message  # office.name is set: not asked for
    assert str(tmp_path / "ukmreport.toml") in message and "\n" not in message


def test_cli_build_without_the_office_address_is_exit_2_and_publishes_nothing(tmp_path, make_workbook):
    office = buton_office(tmp_path / "kantor")
    config = office / "ukmreport.toml"
    config.write_text(re.sub(r"^address = .*\n", "", config.read_text("utf-8"), flags=re.MULTILINE), "utf-8")
    from tests.conftest import BUSINESS_HEADERS, business_row

    book = make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row()]})
    proc = run("--config", str(config), "build", str(book), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "office.address" in proc.stderr and str(config) in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()

    demo = run("--config", str(config), "demo", str(tmp_path / "demo"), cwd=tmp_path)
    assert demo.returncode == 2 and "office.address" in demo.stderr
    assert not (tmp_path / "demo").exists()


def test_init_writes_a_commented_config_for_the_region(tmp_path):
    proc = run("init", "kantor", "--region", str(BUTON), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    config = tmp_path / "kantor" / "ukmreport.toml"
    text = config.read_text("utf-8")
    assert "Kabupaten Buton" in text and "Bupati Buton (sebagai laporan)" in text
    assert not BAUBAU_WORDS.search(text)
    settings = load_settings(config)
    assert settings.region_file.resolve() == BUTON.resolve()
    assert sorted(p.name for p in (tmp_path / "kantor").glob("*.xlsx"))  # the blank workbooks beside it

    build = run("build", cwd=tmp_path / "kantor")  # not yet filled in: refused, naming what to fill
    assert build.returncode == 2
    assert "office.name" in build.stderr and "office.address" in build.stderr

    again = run("init", "kantor", "--region", str(BUTON), cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert config.read_text("utf-8") == text


def test_a_logo_beside_the_config_is_in_the_kop(tmp_path):
    office = buton_office(tmp_path)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    (office / "logo.png").write_bytes(png)
    config = office / "ukmreport.toml"
    config.write_text(config.read_text("utf-8").replace("# logo = ", "logo = "), "utf-8")
    settings = load_settings(config)
    region = load_region(settings.region_file)
    settings = for_region(settings, region)
    require_office(settings, region)
    assert Path(settings.office.logo) == (office / "logo.png").resolve()

    class Ctx(BaseModel):
        letterhead: Letterhead

    html = render_html("letterhead", Ctx(letterhead=letterhead(settings)), settings)
    assert 'class="kop-logo"><img src="data:image/png;base64,' in html

    (office / "logo.png").unlink()
    with pytest.raises(ConfigError, match="office.logo: logo.png"):
        require_office(for_region(load_settings(config), region), region)


def document_texts(folder: Path) -> dict[str, str]:
    """Every PDF's text (pypdf), every HTML, every XLSX cell and its properties."""
    texts: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".pdf":
            texts[str(path)] = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        elif path.suffix in (".html", ".json"):
            texts[str(path)] = path.read_text("utf-8")
        elif path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path, read_only=True)
            cells = [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None]
            props = [wb.properties.creator or "", wb.properties.title or ""]
            texts[str(path)] = "\n".join(cells + props)
    return texts


@pytest.mark.slow
def test_the_demo_for_kabupaten_buton_names_nothing_of_baubau(tmp_path):
    office = buton_office(tmp_path)
    proc = run("demo", "inputs", "--businesses", "100", cwd=office)
    assert proc.returncode == 0, proc.stderr
    texts = document_texts(office / "reports")
    assert {Path(p).suffix for p in texts} >= {".pdf", ".html", ".xlsx"}
    inputs = document_texts(office / "inputs")
    named = {p: BAUBAU_WORDS.findall(t) for p, t in {**texts, **inputs}.items() if BAUBAU_WORDS.search(t)}
    assert named == {}

    letter = next(t for p, t in texts.items() if p.endswith("usulan.pdf"))
    assert "Tembusan:" in letter and "Bupati Buton (sebagai laporan)" in letter
    assert "usaha mikro di Kabupaten Buton" in " ".join(letter.split())
    assert "diverifikasi oleh Dinas Koperasi dan UKM Kabupaten Buton" in " ".join(letter.split())
    assert re.search(r"^Pasarwajo, \d+ \w+ \d{4}$", letter, re.MULTILINE)
    for path, text in texts.items():
        if path.endswith(".pdf"):
            flat = " ".join(text.split())
            assert "PEMERINTAH KABUPATEN BUTON" in flat, path
            assert README_ADDRESS in flat, path
    niks = re.findall(r"\b74\d{14}\b", letter)
    assert niks and all(nik.startswith("7404") for nik in niks)
