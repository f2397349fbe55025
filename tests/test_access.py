"""Personal data stays with the people who need it (shared/spec/outputs.md, "Identifiers" and after).

Outputs holding full NIKs or account numbers are created owner-only whatever the umask; the others
get what the umask gives; no output marked personal_data: false holds a NIK or account number.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tests.conftest import BUSINESS_HEADERS, business_row
from ukmreport.access import PUBLIC, Access, make_folder, new_file, published_folder_mode, umask, write_bytes
from ukmreport.cli import main
from ukmreport.demo import write_demo_inputs
from ukmreport.office.region import load_region
from ukmreport.pipeline import build
from ukmreport.settings import load_settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes do not apply on Windows")

NUMBERS = re.compile(r"(?<!\d)\d{8,20}(?!\d)")
PERSONAL_FILE, PERSONAL_FOLDER = 0o600, 0o700


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def with_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under the umask it is parametrized with, then restore the old one."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


# -- the helper ------------------------------------------------------------------------------


@pytest.mark.parametrize("with_umask", [0o000, 0o022, 0o077], indirect=True)
def test_files_and_folders_get_their_mode_whatever_the_umask(with_umask, tmp_path):
    assert umask() == with_umask
    cases = {
        "personal": (Access(personal=True), 0o600, 0o700),
        "personal, group": (Access(personal=True, group=True), 0o640, 0o750),
        "public": (PUBLIC, 0o666 & ~with_umask, 0o777 & ~with_umask),
        "public, group": (Access(group=True), (0o666 & ~with_umask) | 0o040, (0o777 & ~with_umask) | 0o050),
    }
    for i, (label, (access, file_mode, folder_mode)) in enumerate(cases.items()):
        folder = tmp_path / f"d{i}"
        make_folder(folder, access)
        write_bytes(folder / "f", b"x", access)
        assert (mode(folder / "f"), mode(folder)) == (file_mode, folder_mode), label
    assert published_folder_mode(group=False) == (0o755 & ~with_umask) | 0o700
    assert published_folder_mode(group=True) == (0o755 & ~with_umask) | 0o750


@pytest.mark.parametrize("with_umask", [0o000], indirect=True)
def test_a_new_file_is_private_before_its_first_byte(with_umask, tmp_path):
    target = tmp_path / "decisions.json"
    target.write_text("old")
    target.chmod(0o644)  # an earlier, readable file: replaced by a new one, never written through
    with new_file(target, Access(personal=True)) as fh:
        [tmp] = [p for p in tmp_path.iterdir() if p != target]
        assert tmp.name.startswith(".decisions.json.") and mode(tmp) == 0o600
        fh.write(b"new")
    assert target.read_text() == "new" and mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["decisions.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "a.html"
    target.write_text("old")
    with pytest.raises(RuntimeError), new_file(target, Access(personal=True)) as fh:
        fh.write(b"half")
        raise RuntimeError("renderer died")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]
    with pytest.raises(FileExistsError), new_file(target, overwrite=False) as fh:
        fh.write(b"new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_an_existing_folder_is_kept_as_it_is(tmp_path):
    folder = tmp_path / "bersama"
    folder.mkdir()
    folder.chmod(0o755)
    make_folder(folder, Access(personal=True))
    assert mode(folder) == 0o755


# -- a build, as a user runs it ----------------------------------------------------------------


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("access")
    write_demo_inputs(
        root / "inputs", seed=5, today=date.today(), region=load_region(None), settings=load_settings(None), **SMALL
    )
    return root / "inputs"


SMALL = {"n_businesses": 100}


def cli(*args: str, mask: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "ukmreport", *args], capture_output=True, text=True, cwd=cwd, umask=mask, timeout=600
    )
    assert result.returncode in (0, 1), result.stderr
    return result


@pytest.fixture(scope="module", params=[0o000, 0o077], ids=["umask000", "umask077"])
def built(request: pytest.FixtureRequest, inputs: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("reports")
    cli("build", str(inputs), "--out", str(out), "--period", "2026", mask=request.param, cwd=out)
    folder = out / "2026"
    return request.param, folder, json.loads((folder / "manifest.json").read_text("utf-8"))


def test_a_build_closes_its_personal_outputs_to_others(built):
    mask, folder, manifest = built
    marks = {entry["path"]: entry["personal_data"] for entry in manifest["outputs"]}
    assert {p for p, personal in marks.items() if personal} >= {
        "usulan.pdf",
        "usulan.html",
        "usulan.xlsx",
        "seleksi.pdf",
        "seleksi.html",
        "validasi.html",
    }
    assert any(p.startswith("anotasi/") and personal for p, personal in marks.items())
    assert {p for p, personal in marks.items() if not personal} == {
        "berkala.pdf",
        "berkala.html",
        "koperasi.pdf",
        "koperasi.html",
    }
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert found == set(marks) | {"decisions.json", "manifest.json"}  # nothing unaccounted for
    for path, personal in marks.items():
        assert mode(folder / path) == (PERSONAL_FILE if personal else 0o666 & ~mask), path
    assert mode(folder / "decisions.json") == PERSONAL_FILE
    assert mode(folder / "manifest.json") == 0o666 & ~mask
    assert mode(folder / "anotasi") == PERSONAL_FOLDER
    assert mode(folder) == (0o755 & ~mask) | 0o700  # others may enter (never write) to read berkala
    assert [p.name for p in folder.parent.iterdir()] == ["2026"]  # no staging folder left


def test_outputs_not_marked_personal_hold_no_nik_or_account_number(built, inputs):
    _, folder, manifest = built
    secrets = input_identifiers(inputs)
    assert len(secrets) > 100
    public = [e["path"] for e in manifest["outputs"] if not e["personal_data"]]
    for path in [*public, "manifest.json"]:
        leaked = sorted(set(NUMBERS.findall(text_of(folder / path))) & secrets)
        assert leaked == [], (path, leaked[:3])
    # the scan sees identifiers where they are: the ministry's letter and its table carry them
    for path in ("usulan.pdf", "usulan.xlsx", "decisions.json"):
        assert set(NUMBERS.findall(text_of(folder / path))) & secrets, path


def input_identifiers(inputs: Path) -> set[str]:
    """Every 16-digit number (NIK, No. KK) in the input workbooks, and every number in a column
    whose header names an account (rekening)."""
    found: set[str] = set()
    for path in sorted(inputs.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            accounts: list[int] = []
            for row in ws.iter_rows(values_only=True):
                texts = ["" if v is None else str(v) for v in row]
                if any("rekening" in t.lower() for t in texts):
                    accounts = [i for i, t in enumerate(texts) if "no" in t.lower() and "rekening" in t.lower()]
                    continue
                found.update(n for t in texts for n in re.findall(r"(?<!\d)\d{16}(?!\d)", t))
                found.update(n for i in accounts if i < len(texts) for n in NUMBERS.findall(texts[i]))
        wb.close()
    return found


def text_of(path: Path) -> str:
    """What a reader of the file sees: PDF text, HTML and JSON as written, every XLSX cell."""
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True)
        cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        wb.close()
        return "\n".join(cells)
    return path.read_text("utf-8")


def test_the_build_folder_is_private_while_it_is_written(inputs, tmp_path):
    """Seen from inside the build: the staging folder is 0700 whatever the umask, before any report."""
    seen: list[tuple[str, int]] = []

    class Progress:  # told of each document as it is written
        def stage(self, stage: str, total: int) -> None: ...
        def count(self, done: int) -> None: ...
        def item_done(self) -> None: ...

        def item(self, name: str) -> None:
            for staging in (tmp_path / "out").glob(".2026.new-*"):
                seen.append((name, mode(staging)))

    old = os.umask(0)
    try:
        build(inputs, load_settings(None), out=tmp_path / "out", formats=["html"], progress=Progress(), now=None)
    finally:
        os.umask(old)
    assert seen and all(m == PERSONAL_FOLDER for _, m in seen), seen


def test_group_readable_opens_the_personal_outputs_to_the_group(inputs, tmp_path):
    (tmp_path / "ukmreport.toml").write_text("[output]\ngroup_readable = true\n", encoding="utf-8")
    cli("build", str(inputs), "--out", "r", "--period", "2026", "--format", "html", mask=0o077, cwd=tmp_path)
    folder = tmp_path / "r" / "2026"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    for entry in manifest["outputs"]:
        assert mode(folder / entry["path"]) == 0o640, entry["path"]  # umask 077 gives 0600 to public ones too
    assert mode(folder / "decisions.json") == 0o640
    assert (mode(folder / "anotasi"), mode(folder), mode(folder.parent)) == (0o750, 0o750, 0o750)


def test_unmasking_a_leadership_report_makes_it_personal(inputs, tmp_path):
    settings = load_settings(None, masking={"berkala": ["no_rekening"]})  # full NIKs shown
    result = build(inputs, settings, out=tmp_path, only=["berkala"], formats=["html"])
    [entry] = [e for e in result.outputs if e["name"] == "berkala"]
    assert entry["personal_data"] is True
    assert mode(result.out_dir / "berkala.html") == PERSONAL_FILE


# -- check --annotate and init ------------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o000, 0o077])
def test_check_annotate_writes_owner_only_copies(make_workbook, tmp_path, mask):
    book = make_workbook({"Data UMKM": [BUSINESS_HEADERS, business_row(NIK=7472014503850001)]}, name="umkm.xlsx")
    cli("check", str(book), "--annotate", str(tmp_path / "baru" / "anotasi"), mask=mask, cwd=tmp_path)
    copy = tmp_path / "baru" / "anotasi" / "umkm.xlsx"
    assert (mode(copy), mode(copy.parent)) == (PERSONAL_FILE, PERSONAL_FOLDER)
    assert mode(tmp_path / "baru") == 0o777 & ~mask  # the folders above it are the user's
    shared = tmp_path / "bersama"
    shared.mkdir()
    shared.chmod(0o755)
    result = CliRunner().invoke(main, ["check", str(book), "--annotate", str(shared)])
    assert result.exit_code == 1, result.output
    assert (mode(shared / "umkm.xlsx"), mode(shared)) == (PERSONAL_FILE, 0o755)
    assert [p.name for p in shared.iterdir()] == ["umkm.xlsx"]


@pytest.mark.parametrize("mask", [0o000, 0o077])
def test_init_writes_blank_workbooks_as_the_umask_gives(tmp_path, mask):
    cli("init", "kosong", mask=mask, cwd=tmp_path)
    folder = tmp_path / "kosong"
    files = sorted(folder.iterdir())
    assert files and all(mode(f) == 0o666 & ~mask for f in files), [oct(mode(f)) for f in files]
    assert mode(folder) == 0o777 & ~mask
