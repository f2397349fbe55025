"""Hostile and broken .xls, .ods and .csv files: the same pre-flight and limits as for .xlsx.

One `ukmreport check --format json` run (a subprocess with a timeout and a 4 GB address-space
cap, tests/test_hostile.run_cli) reads a folder of them; each file must be exactly one
unreadable-file finding with a plain reason, and the good file beside them is still read. The
limits are set small in a ukmreport.toml so the files stay small.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from tests import hostile
from tests.conftest import BUSINESS_HEADERS, business_row
from tests.formats import ODS_MANIFEST, ods_content, ods_table, write_csv, write_ods, write_ods_parts
from tests.test_hostile import run_cli

DATA = Path(__file__).resolve().parent / "data"
LIMITS = "[limits]\nmax_file_mb = 4\nmax_rows = 5000\nmax_columns = 200\nmax_cells = 100000\n"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


def _stored(name: str, content: bytes) -> hostile.RawMember:
    return hostile.RawMember(name, content, zlib.crc32(content), len(content), len(content), method=0)


def _ods_members(content: hostile.RawMember) -> list[hostile.RawMember]:
    return [_stored("mimetype", ODS_MIME), hostile.deflated("META-INF/manifest.xml", ODS_MANIFEST.encode()), content]


def _repeated_row(rows: int, cells: int) -> str:
    """One row of `cells` filled cells, repeated `rows` times: a few bytes, rows × cells to calamine."""
    return (
        f'<table:table table:name="UMKM"><table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{cells}" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
    )


# Case -> (file name, writer, words the reason must contain)
def _cases(folder: Path) -> dict[str, tuple[Path, list[str]]]:
    good = [BUSINESS_HEADERS, business_row()]
    cases: dict[str, tuple[Path, list[str]]] = {}

    def case(name: str, path: Path, *words: str) -> None:
        cases[name] = (path, list(words))

    big = folder / "besar.csv"
    write_csv(big, [BUSINESS_HEADERS] + [business_row(i) for i in range(1, 30_000)])
    case("huge_csv", big, "melebihi batas 4 MB")
    many = folder / "banyak-baris.csv"
    write_csv(many, [BUSINESS_HEADERS] + [["x"] * 3 for _ in range(6000)])
    case("csv_too_many_rows", many, "lebih dari 5.000 baris", "max_rows")
    wide = folder / "lebar.csv"
    write_csv(wide, [["NIK"] * 5000])
    case("csv_too_many_columns", wide, "5.000 kolom", "max_columns")
    nul = folder / "biner.csv"
    nul.write_bytes(b"NIK,Nama\r\n7472014503850001,Wa Ode\x00\x00\x00\r\n")
    case("csv_with_nul", nul, "data biner", "0x00")
    utf16 = folder / "utf16.csv"
    utf16.write_bytes("NIK;Nama\r\n7472014503850001;Wa Ode\r\n".encode("utf-16"))
    case("csv_utf16", utf16, "UTF-16")
    long_field = folder / "sel-panjang.csv"
    long_field.write_bytes(b'NIK,Nama\r\n7472014503850001,"' + b"a" * 200_000 + b'"\r\n')
    case("csv_huge_field", long_field, "berkas CSV rusak")

    whole = (DATA / "riwayat_bantuan_excel97.xls").read_bytes()
    truncated = folder / "terpotong.xls"
    truncated.write_bytes(whole[: len(whole) // 2])
    case("truncated_xls", truncated, "rusak")
    html = folder / "ekspor-web.xls"  # what many web applications call an Excel export
    html.write_bytes(b"<html><body><table><tr><td>NIK</td></tr></table></body></html>")
    case("html_as_xls", html, "halaman web")

    head = ods_content(ods_table("UMKM", good)).split(b"</office:spreadsheet>")
    bomb = hostile._whitespace_bomb("content.xml", head[0], b"</office:spreadsheet>" + head[1], 2560)
    case("ods_zip_bomb", hostile.write_raw_zip(folder / "bom-zip.ods", _ods_members(bomb)), "2.560 MB", "bom zip")
    ratio = hostile._whitespace_bomb("content.xml", head[0], b"</office:spreadsheet>" + head[1], 64)
    case("ods_zip_ratio", hostile.write_raw_zip(folder / "bom-rasio.ods", _ods_members(ratio)), "200:1", "bom zip")
    cells = folder / "sel-berulang.ods"
    write_ods_parts(cells, ods_content(_repeated_row(2, 16_384)))
    case("ods_repeated_cells", cells, "16.384 kolom", "max_columns")
    area = folder / "area-berulang.ods"
    write_ods_parts(area, ods_content(_repeated_row(4_000, 150)))
    case("ods_repeated_area", area, "600.000 sel", "terlalu besar")
    rows = folder / "baris-berulang.ods"
    write_ods_parts(rows, ods_content(_repeated_row(1_000_000, 10)))
    case("ods_repeated_rows", rows, "max_rows")
    laughs = folder / "tawa.ods"
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    write_ods_parts(laughs, dtd + ods_content(ods_table("UMKM", good)).split(b"?>", 1)[1])
    case("ods_billion_laughs", laughs, "content.xml", "DTD")
    cut = folder / "terpotong.ods"
    write_ods(cut, {"UMKM": good})
    cut.write_bytes(cut.read_bytes()[:-40])
    case("truncated_ods", cut, "terpotong")
    return cases


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("hostile-formats")
    folder = root / "inputs"
    folder.mkdir()
    cases = _cases(folder)
    write_ods(folder / "baik.ods", {"Data UMKM": [BUSINESS_HEADERS, business_row()]})
    (root / "ukmreport.toml").write_text(LIMITS, encoding="utf-8")
    proc = run_cli("--config", str(root / "ukmreport.toml"), "check", "--format", "json", "inputs", cwd=root)
    return {"cases": cases, "proc": proc, "result": json.loads(proc.stdout) if proc.stdout else None}


def test_the_run_survives_every_file(corpus):
    proc = corpus["proc"]
    assert "Traceback" not in proc.stdout + proc.stderr and "panicked" not in proc.stderr
    assert corpus["result"] is not None, proc.stderr


def test_the_good_ods_beside_them_is_read(corpus):
    assert corpus["result"]["counts"]["businesses"]["rows"] == 1
    assert not [f for f in corpus["result"]["findings"] if f["file"].endswith("baik.ods")]


CASES = [
    "huge_csv",
    "csv_too_many_rows",
    "csv_too_many_columns",
    "csv_with_nul",
    "csv_utf16",
    "csv_huge_field",
    "truncated_xls",
    "html_as_xls",
    "ods_zip_bomb",
    "ods_zip_ratio",
    "ods_repeated_cells",
    "ods_repeated_rows",
    "ods_repeated_area",
    "ods_billion_laughs",
    "truncated_ods",
]


@pytest.mark.parametrize("case", CASES)
def test_each_is_one_unreadable_file_finding_with_a_plain_reason(corpus, case):
    path, words = corpus["cases"][case]
    mine = [f for f in corpus["result"]["findings"] if Path(f["file"]).name == path.name]
    assert [f["code"] for f in mine] == ["unreadable-file"], mine
    for word in words:
        assert word in mine[0]["message"], mine[0]["message"]


def test_every_case_is_listed(corpus):
    assert sorted(corpus["cases"]) == sorted(CASES)
