"""Hostile and broken input: keep working, lose nothing, leak nothing.

The corpus is written by tests/hostile.py into a temporary folder (nothing large is committed).
One `ukmreport check --format json` run, in a subprocess with a timeout and a 4 GB address-space
cap, reads the whole folder; each case then asserts its own findings from that run. A crash in any
case (calamine aborts the process on some inputs) would fail every test here, loudly.
Cases that need their own exit code, a terminal or small limits run separately.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pytest

from tests import hostile
from tests.conftest import TODAY
from ukmreport.office.region import load_region
from ukmreport.read import EXCEL_MAX_ROWS, MAX_CELLS, Unreadable, calamine, open_workbook, sha256_file
from ukmreport.read.area import NeedsExactScan, exact_scan, fast_scan
from ukmreport.read.package import Package
from ukmreport.settings import Limits, Settings
from ukmreport.validate import Context, read_inputs

ADDRESS_SPACE = 4 << 30  # a regression that lets calamine allocate 550 GB fails here, not the machine
CLI_TIMEOUT = 60


def run_cli(*args: str, cwd: Path, timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess[str]:
    """`python -m ukmreport ARGS` with a timeout and an address-space cap; .maxrss_kb is its own peak."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    proc = subprocess.Popen(
        [sys.executable, "-m", "ukmreport", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
    )
    streams: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda key=key, stream=stream: streams.__setitem__(key, stream.read()))
        for key, stream in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory, not every child's
    finally:
        timer.cancel()
    for reader in readers:
        reader.join()
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode == -9:
        raise subprocess.TimeoutExpired(proc.args, timeout)
    done = subprocess.CompletedProcess(
        proc.args, proc.returncode, streams["out"].decode("utf-8"), streams["err"].decode("utf-8", "replace")
    )
    done.maxrss_kb = usage.ru_maxrss  # type: ignore[attr-defined]
    return done


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry of the folder: file hashes, link targets, folder listings, permission bits."""
    state: dict[str, str] = {}
    for entry in sorted(folder.iterdir()):
        st = entry.lstat()
        if entry.is_symlink():
            state[entry.name] = f"link -> {os.readlink(entry)}"
        elif entry.is_dir():
            state[entry.name] = "dir " + ",".join(sorted(p.name for p in entry.iterdir()))
        elif entry.is_file():
            state[entry.name] = f"{oct(st.st_mode)} " + hashlib.sha256(entry.read_bytes()).hexdigest()
        else:
            state[entry.name] = f"other {oct(st.st_mode)}"
    return state


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("hostile")
    secret = root / "rahasia.txt"
    secret.write_text(hostile.SECRET_MARKER + "\n", encoding="utf-8")
    folder = root / "inputs"
    started = time.perf_counter()
    paths = hostile.write_corpus(folder, secret)
    generated = time.perf_counter() - started
    before = snapshot(folder)
    started = time.perf_counter()
    proc = run_cli("check", "--format", "json", str(folder), cwd=root)
    elapsed = time.perf_counter() - started
    after = snapshot(folder)
    result = json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else None
    return {
        "root": root,
        "folder": folder,
        "paths": paths,
        "secret": secret,
        "generated": generated,
        "proc": proc,
        "result": result,
        "elapsed": elapsed,
        "before": before,
        "after": after,
        "maxrss_kb": proc.maxrss_kb,
    }


def findings_of(corpus: dict, case: str) -> list[dict]:
    name = corpus["paths"][case].name
    return [f for f in corpus["result"]["findings"] if Path(f["file"]).name == name]


def file_entry(corpus: dict, case: str) -> dict | None:
    name = corpus["paths"][case].name
    entries = [f for f in corpus["result"]["files"] if Path(f["path"]).name == name]
    return entries[0] if entries else None


# -- the run as a whole ------------------------------------------------------------------------------


def test_corpus_is_small_and_quick_to_write(corpus):
    assert corpus["generated"] < 5
    total = sum(p.lstat().st_size for p in corpus["folder"].iterdir() if p.is_file() and not p.is_symlink())
    assert total < 16 * 1024 * 1024


def test_check_exits_1_without_traceback_or_noise(corpus):
    proc = corpus["proc"]
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "panicked" not in proc.stderr  # a Rust panic message, even a caught one
    assert proc.stderr == ""
    assert corpus["result"] is not None


def test_whole_corpus_reads_fast_in_little_memory(corpus):
    # The timeout is the real guard; this documents the order of magnitude (about 1.5 s, 100 MB).
    assert corpus["elapsed"] < CLI_TIMEOUT
    assert corpus["maxrss_kb"] < 1024 * 1024


def test_inputs_are_byte_identical_afterwards(corpus):
    assert corpus["after"] == corpus["before"]
    assert oct(corpus["paths"]["read_only"].stat().st_mode & 0o777) == "0o444"


def test_every_input_is_listed_once_and_the_lock_file_is_skipped(corpus):
    listed = Counter(Path(f["path"]).name for f in corpus["result"]["files"])
    assert all(n == 1 for n in listed.values())
    # A folder is walked into, even one named like a workbook (the directory case).
    expected = {p.name for case, p in corpus["paths"].items() if case not in ("lock_file", "directory")}
    assert set(listed) == expected
    assert corpus["paths"]["lock_file"].name not in listed


def test_a_sub_folder_named_like_a_workbook_is_walked_into(corpus):
    inside = [f for f in corpus["result"]["findings"] if Path(f["file"]).parent.name == "folder.xlsx"]
    assert [(Path(f["file"]).name, f["code"]) for f in inside] == [("isi.txt", "ignored-file")]


def test_the_secret_behind_the_xxe_never_shows(corpus):
    proc = corpus["proc"]
    assert hostile.SECRET_MARKER not in proc.stdout + proc.stderr
    text = run_cli("check", str(corpus["folder"]), cwd=corpus["root"])
    assert hostile.SECRET_MARKER not in text.stdout + text.stderr
    assert "Traceback" not in text.stdout + text.stderr


def test_good_rows_are_all_counted(corpus):
    expected = sum(READABLE_ROWS.values())
    assert corpus["result"]["counts"]["businesses"]["rows"] == expected
    for case in ("good", "unicode_name", "leading_dash", "read_only"):
        entry = file_entry(corpus, case)
        assert entry is not None and entry["sheets"] == {"Data UMKM": "businesses"}
        assert findings_of(corpus, case) == []


# -- each case -----------------------------------------------------------------------------------------

# Case -> words its plain reason must contain. Every one is a single unreadable-file finding.
UNREADABLE = {
    "not_a_zip": ["bukan buku kerja .xlsx"],
    "empty_file": ["kosong"],
    "old_xls": ["Excel 97–2003 (.xls)", "rusak"],
    "xls_renamed": ["Excel 97–2003 (.xls)", "rusak"],
    "encrypted": ["kata sandi"],
    "html_renamed": ["halaman web"],
    "truncated": ["terpotong"],
    "missing_workbook_part": ["xl/workbook.xml tidak ada"],
    "missing_sheet_part": ["xl/worksheets/sheet1.xml", "tidak ada"],
    "corrupt_sheet_xml": ["lembar 'Data UMKM' rusak"],
    "unescaped_ampersand": ["xl/sharedStrings.xml rusak"],
    "billion_laughs_shared_strings": ["xl/sharedStrings.xml", "DTD"],
    "billion_laughs_sheet": ["xl/worksheets/sheet1.xml", "DTD"],
    "xxe_shared_strings": ["xl/sharedStrings.xml", "DTD"],
    "xxe_sheet": ["xl/worksheets/sheet1.xml", "DTD"],
    "xxe_external_dtd": ["DTD"],
    "dtd_after_long_comment": ["DTD"],
    "utf16_sheet": ["UTF-8"],
    "zip_bomb": ["2.560 MB", "batas 2048 MB", "bom zip"],
    "zip_bomb_overlap": ["tumpang tindih"],
    "zip_bomb_ratio": ["200:1", "bom zip"],
    "zip_lying_size": ["lebih besar dari ukuran yang tercatat"],
    "far_cell": ["kolom XFD", "max_columns"],
    "far_cell_no_refs": ["kolom KN", "max_columns"],
    "row_beyond_excel": ["di luar batas Excel"],
    "huge_unique_count": ["4.000.000.000", "tidak mungkin"],
    "huge_unique_count_after_comment": ["4.000.000.000", "tidak mungkin"],
    "date_out_of_range": ["sel E2", "di luar jangkauan tanggal"],
    "duplicate_part": ["dua bagian"],
    "duplicate_sheet_names": ["dua lembar"],
    "unsupported_compression": ["metode"],
    "too_many_parts": ["10.000"],
    "symlink": ["symlink"],
    "fifo": ["bukan berkas biasa"],
}

# Case -> the exact findings of a readable file, as (code, row, column).
READABLE = {
    "good": set(),
    "unicode_name": set(),
    "leading_dash": set(),
    "read_only": set(),
    "dimension_lie": set(),
    "styled_empty_rows": set(),
    "merged_kecamatan": set(),  # H3 and H4 take H2's value: no missing-value
    "hidden_sheet": set(),
    "very_hidden_sheet": set(),
    "headers_only": set(),
    "cells_without_refs": set(),
    "odd_but_valid_xml": set(),
    "huge_merge": set(),
    "far_cell_in_unknown_sheet": set(),
    "formulas_without_values": {("formula-no-value", 2, "L"), ("formula-no-value", 3, "M")},
    "empty_workbook": {("unknown-workbook", None, None)},
    "no_sheets": {("unknown-workbook", None, None)},
    "duplicate_headers": {("unknown-column", 1, "S")},
    "header_row_25": {("header-not-found", None, None)},
    "header_after_blank_rows": {("bad-gender", 6, "D")},  # Excel's row 6, not shifted by blank rows
    "long_cell": {("unknown-kecamatan", 2, "H")},
    "control_characters": {("unknown-kecamatan", 2, "H")},
    "numbers_out_of_range": {("bad-amount", 2, "L"), ("bad-amount", 2, "M"), ("bad-amount", 3, "L")},
}

# Business rows each readable file contributes.
READABLE_ROWS = {case: 2 for case in READABLE} | {
    "merged_kecamatan": 3,
    "headers_only": 0,
    "empty_workbook": 0,
    "no_sheets": 0,
    "header_row_25": 0,
    "long_cell": 1,
    "control_characters": 1,
}


def test_every_case_has_an_expectation():
    walked = {"lock_file", "directory"}  # skipped, and walked into: tests of their own above
    assert set(hostile.CASES) - walked == set(UNREADABLE) | (set(READABLE) - {"good"})


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_case_is_one_plain_finding(corpus, case):
    found = findings_of(corpus, case)
    assert [(f["code"], f["severity"], f["sheet"], f["row"]) for f in found] == [
        ("unreadable-file", "error", None, None)
    ]
    message = found[0]["message"]
    assert message.startswith("Berkas tidak dapat dibaca: ")
    for words in UNREADABLE[case]:
        assert words in message
    assert "Traceback" not in message and "\n" not in message
    assert file_entry(corpus, case) is not None


@pytest.mark.parametrize("case", sorted(READABLE))
def test_readable_case_has_exactly_its_findings(corpus, case):
    found = {(f["code"], f["row"], f["column"]) for f in findings_of(corpus, case)}
    assert found == READABLE[case]
    entry = file_entry(corpus, case)
    assert entry is not None


def test_hidden_sheets_of_a_known_kind_are_read(corpus):
    for case in ("hidden_sheet", "very_hidden_sheet"):
        assert file_entry(corpus, case)["sheets"] == {"Data UMKM": "businesses"}


def test_long_cell_value_is_cut_in_the_finding(corpus):
    [finding] = findings_of(corpus, "long_cell")
    assert len(finding["value"]) <= 200 and finding["value"].endswith("…")
    assert len(finding["message"]) < 400


def test_control_characters_survive_as_data_in_json(corpus):
    [finding] = findings_of(corpus, "control_characters")
    assert finding["value"] == hostile.CONTROL_TEXT  # kept as read: staff must find the cell
    assert "\x1b" not in corpus["proc"].stdout  # JSON escapes C0 controls (\u001b)


# -- exit codes, file names --------------------------------------------------------------------------


def test_exit_2_when_nothing_can_be_read(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    hostile.case_not_a_zip(folder)
    hostile.case_encrypted(folder)
    proc = run_cli("check", "--format", "json", str(folder), cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("ukmreport: kesalahan:")
    single = run_cli("check", str(folder / "terkunci.xlsx"), cwd=tmp_path)
    assert single.returncode == 2 and "Traceback" not in single.stderr


def test_exit_2_still_tells_why(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    hostile.case_encrypted(folder)
    proc = run_cli("check", str(folder), cwd=tmp_path)
    assert proc.returncode == 2
    assert "kata sandi" in proc.stdout + proc.stderr


def test_exit_0_when_only_info(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    hostile.case_good(folder)
    hostile.case_empty_workbook(folder)
    proc = run_cli("check", "--format", "json", str(folder), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    codes = [f["code"] for f in json.loads(proc.stdout)["findings"]]
    assert codes == ["unknown-workbook"]


def test_file_names_with_spaces_unicode_and_a_leading_dash(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    hostile.case_leading_dash(folder)
    hostile.case_unicode_name(folder)
    for args in (["--", "-data.xlsx"], ["./-data.xlsx"], ["data umkm ü 2024.xlsx"], ["."]):
        proc = run_cli("check", "--format", "json", *args, cwd=folder)
        assert proc.returncode == 0, (args, proc.stderr)
        doc = json.loads(proc.stdout)
        assert doc["counts"]["businesses"]["rows"] == 2
        # The two files hold the same bytes: the folder counts them once, with one warning.
        assert [f["code"] for f in doc["findings"]] == (["duplicate-file"] if args == ["."] else [])
    # Without `--` a leading dash is an option: bad usage, exit 2, one line, no traceback.
    proc = run_cli("check", "-data.xlsx", cwd=folder)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_directory_named_like_a_workbook_given_directly(tmp_path):
    path = hostile.case_directory(tmp_path)
    proc = run_cli("check", "--format", "json", str(path), cwd=tmp_path)
    assert proc.returncode == 2  # nothing readable
    assert "Traceback" not in proc.stderr


def test_text_output_on_a_terminal_shows_control_characters_escaped(tmp_path):
    import pty

    folder = tmp_path / "inputs"
    folder.mkdir()
    hostile.case_control_characters(folder)
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "ukmreport", "check", str(folder)],
            cwd=tmp_path,
            stdout=slave,
            stderr=slave,
            stdin=subprocess.DEVNULL,
        )
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=CLI_TIMEOUT)
    finally:
        os.close(master)
    text = out.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert "Betoambari" in text
    assert "\x1b[2J" not in text  # would clear the screen
    assert "\x07" not in text and "\u202e" not in text


# -- limits, through the library ------------------------------------------------------------------------


def _ctx(**limits: object) -> Context:
    return Context.make(Settings(limits=Limits(**limits)), load_region(None), TODAY)


def _rows(n: int) -> list[list[object]]:
    return [hostile.business_row(i, NIK=f"74720145038500{i:02d}") for i in range(1, n + 1)]


def test_row_limit_is_one_finding_naming_the_limit(tmp_path):
    big = hostile.write_book(tmp_path / "besar.xlsx", [hostile.businesses(*_rows(15))])
    good = hostile.case_good(tmp_path)
    data = read_inputs([big, good], _ctx(max_rows=10))
    [finding] = [f for f in data.findings if f.file == str(big)]
    reason = dict(finding.params)["reason"]
    assert finding.code == "unreadable-file"
    assert "16 baris" in reason and "batas 10 baris (max_rows)" in reason
    assert data.counts["businesses"].rows == 2  # the other file is still read


def test_column_limit_is_one_finding_naming_the_limit(tmp_path):
    wide = hostile.write_book(tmp_path / "lebar.xlsx", [hostile.businesses(*_rows(2))])
    data = read_inputs([wide], _ctx(max_columns=10))
    [finding] = data.findings
    reason = dict(finding.params)["reason"]
    assert (
        finding.code == "unreadable-file"
        and "kolom R (18 kolom)" in reason
        and "batas 10 kolom (max_columns)" in reason
    )


def test_cell_limit(tmp_path):
    path = hostile.write_book(tmp_path / "sel.xlsx", [hostile.businesses(*_rows(2))])
    data = read_inputs([path], _ctx(max_cells=40))
    [finding] = data.findings
    assert "3 baris × 18 kolom = 54 sel, melebihi batas 40 sel" in dict(finding.params)["reason"]


def test_time_limit_per_file(tmp_path):
    path = hostile.case_styled_empty_rows(tmp_path, count=50_000)
    data = read_inputs([path, hostile.case_good(tmp_path)], _ctx(seconds_per_file=1e-6))
    reasons = [dict(f.params)["reason"] for f in data.findings if f.code == "unreadable-file"]
    assert reasons and all("batas waktu" in r for r in reasons)


def test_limits_have_sane_defaults():
    limits = Limits()
    assert limits.max_rows >= EXCEL_MAX_ROWS  # a province's 1,048,576-row sheet still fits
    assert getattr(limits, "max_cells", MAX_CELLS) >= EXCEL_MAX_ROWS * 50
    assert limits.max_file_mb >= 100 and limits.max_uncompressed_mb >= 1024


# -- the readers underneath ----------------------------------------------------------------------------


def _build(case: str, folder: Path) -> Path:
    func = hostile.CASES[case]
    return func(folder, folder / "rahasia.txt") if "secret" in func.__code__.co_varnames else func(folder)


def _read_all(path: Path) -> None:
    raw = open_workbook(path, Limits())
    for sheet in raw.sheets:
        list(sheet.rows)


def test_openpyxl_parses_with_defusedxml(tmp_path):
    import openpyxl
    from defusedxml import DefusedXmlException

    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(ValueError) as info:  # openpyxl wraps the parser's refusal
        openpyxl.load_workbook(hostile.case_billion_laughs_shared_strings(tmp_path))
    assert isinstance(info.value.__cause__, DefusedXmlException)


@pytest.mark.parametrize(
    "case", ["billion_laughs_shared_strings", "billion_laughs_sheet", "xxe_shared_strings", "xxe_sheet"]
)
def test_calamine_alone_does_not_expand_entities(tmp_path, case):
    """Without the pre-flight, calamine (quick-xml) fails on the entity: no expansion, no file read."""
    import python_calamine as pc

    (tmp_path / "rahasia.txt").write_text(hostile.SECRET_MARKER, encoding="utf-8")
    path = _build(case, tmp_path)
    started = time.perf_counter()
    with pytest.raises(Exception) as info:
        book = pc.CalamineWorkbook.from_path(str(path))
        list(book.get_sheet_by_name("Data UMKM").iter_rows())
    assert time.perf_counter() - started < 2
    assert "entity" in str(info.value) and hostile.SECRET_MARKER not in str(info.value)


@pytest.mark.parametrize(
    "case",
    [
        "billion_laughs_shared_strings",
        "xxe_shared_strings",
        "zip_bomb",
        "zip_bomb_overlap",
        "zip_bomb_ratio",
        "huge_unique_count",
        "huge_unique_count_after_comment",
        "duplicate_part",
        "too_many_parts",
    ],
)
def test_package_is_refused_before_calamine_opens_it(tmp_path, monkeypatch, case):
    def forbidden(data: bytes) -> None:
        raise AssertionError("calamine was given a file the pre-flight should have refused")

    monkeypatch.setattr(calamine, "open_book", forbidden)
    with pytest.raises(Unreadable):
        _read_all(_build(case, tmp_path))


@pytest.mark.parametrize(
    "case",
    [
        "billion_laughs_sheet",
        "xxe_sheet",
        "xxe_external_dtd",
        "dtd_after_long_comment",
        "utf16_sheet",
        "zip_lying_size",
        "far_cell",
        "far_cell_no_refs",
        "row_beyond_excel",
        "date_out_of_range",
    ],
)
def test_sheet_is_refused_before_calamine_parses_it(tmp_path, monkeypatch, case):
    """Sheets are checked lazily: calamine has opened the workbook, but never gets this sheet."""
    calls: list[str] = []
    original = calamine.call
    monkeypatch.setattr(calamine, "call", lambda func, what: calls.append(what) or original(func, what))
    with pytest.raises(Unreadable):
        _read_all(_build(case, tmp_path))
    assert calls == [None]  # the opening only (no sheet named): no get_sheet_by_name, no iter_rows


def test_xxe_target_is_never_opened(tmp_path):
    """No Python code opens the XXE target (calamine, in Rust, does not resolve entities at all)."""
    secret = tmp_path / "rahasia.txt"
    secret.write_text(hostile.SECRET_MARKER, encoding="utf-8")
    opened: list[str] = []

    def hook(event: str, args: tuple) -> None:
        if event == "open" and args and str(args[0]).endswith("rahasia.txt"):
            opened.append(str(args[0]))

    sys.addaudithook(hook)  # stays for the session; it only records
    for case in ("xxe_shared_strings", "xxe_sheet", "xxe_external_dtd"):
        with pytest.raises(Unreadable):
            _read_all(hostile.CASES[case](tmp_path, secret))
    assert opened == []


def test_lying_sizes_are_caught_while_inflating(tmp_path):
    path = hostile.case_zip_lying_size(tmp_path)
    started = time.perf_counter()
    with pytest.raises(Unreadable, match="lebih besar dari ukuran yang tercatat"):
        _read_all(path)
    assert time.perf_counter() - started < 2


def test_reader_keeps_excel_row_numbers_after_blank_rows(tmp_path):
    [sheet] = open_workbook(hostile.case_header_after_blank_rows(tmp_path), Limits()).sheets
    rows = list(sheet.rows)
    assert sheet.first_row == 4 and rows[0][1] == "NIK" and len(rows) == 3


def test_cells_without_references_are_placed_like_calamine_does(tmp_path):
    [sheet] = open_workbook(hostile.case_cells_without_refs(tmp_path), Limits()).sheets
    rows = list(sheet.rows)
    assert (sheet.first_row, sheet.first_col) == (1, 1)
    assert rows[1][:3] == [1.0, "7472014503850001", "Wa Ode Hasnah"]


def test_unknown_sheets_are_never_loaded(tmp_path):
    raw = open_workbook(hostile.case_far_cell_in_unknown_sheet(tmp_path), Limits())
    assert [s.name for s in raw.sheets] == ["Data UMKM", "Rekap"]
    assert len(list(raw.sheets[0].rows)) == 3
    with pytest.raises(Unreadable, match="max_columns"):
        _ = raw.sheets[1].first_row  # only if someone asks for it


def test_huge_merges_are_cut_to_the_filled_cells(tmp_path):
    [sheet] = open_workbook(hostile.case_huge_merge(tmp_path), Limits()).sheets
    assert sheet.merged == [(2, 8, 3, 8)]


def test_formula_blanks_are_found_by_both_scanners(tmp_path):
    path = hostile.case_formulas_without_values(tmp_path)
    [sheet] = open_workbook(path, Limits()).sheets
    assert sheet.formula_blanks == {(2, 12), (3, 13)}
    raw = Package(path.read_bytes(), Limits(), time.monotonic() + 60)
    raw.check_parts()
    area = exact_scan(raw, raw.find(hostile.SHEET))
    assert area.formula_blanks == {(2, 12), (3, 13)} and (area.max_row, area.max_col) == (3, 18)


def test_sha256_is_of_the_bytes_read(tmp_path):
    path = hostile.case_good(tmp_path)
    raw = open_workbook(path, Limits())
    assert raw.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == sha256_file(path)


def test_generator_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        hostile.write_corpus(folder, tmp_path / "rahasia.txt")
    same = {k: v for k, v in snapshot(a).items() if k != "tautan.xlsx"}
    assert same == {k: v for k, v in snapshot(b).items() if k != "tautan.xlsx"}


def test_crc_helpers_match_zlib():
    block = bytes(range(256)) * 5
    assert hostile.crc32_repeat(block, 37) == zlib.crc32(block * 37)
    assert hostile.crc32_combine(zlib.crc32(b"abc"), zlib.crc32(block), len(block)) == zlib.crc32(b"abc" + block)


def test_zip_bomb_is_an_honest_zip(tmp_path):
    """Its sizes and CRC are right (checked on a small twin): it would really inflate to 2.5 GiB."""
    twin = hostile._whitespace_bomb("x.xml", b"<a>", b"</a>", 3)
    inflated = zlib.decompress(twin.data, -15)
    assert len(inflated) == twin.file_size == 3 * 1024 * 1024 + 7 and zlib.crc32(inflated) == twin.crc
    path = hostile.case_zip_bomb(tmp_path)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(hostile.SHEET)
    assert info.file_size > 2560 * 1024 * 1024 and path.stat().st_size < 3 * 1024 * 1024


MIXED_ROWS = (
    b'<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c><c r="E3"><v>3</v></c><c><v>4</v></c></row>'
    b"<row><c><v>5</v></c></row>"
    b'<row r="9" spans="1:3"><c s="1"/><c><v>6</v></c><x:c xmlns:x="urn:any" r="H9"><x:v>7</x:v></x:c></row>'
)


@pytest.mark.parametrize(
    "case", ["good", "cells_without_refs", "odd_but_valid_xml", "formulas_without_values", "header_after_blank_rows"]
)
def test_scanners_agree_with_calamine(tmp_path, case):
    """The area both scanners compute is the one calamine fills (its start and end, 1-based)."""
    path = hostile.case_good(tmp_path) if case == "good" else _build(case, tmp_path)
    _assert_area_matches_calamine(path)


def test_exact_scanner_follows_calamine_counters(tmp_path):
    parts = hostile.good_parts()
    path = hostile.write_zip(tmp_path / "campur.xlsx", {**parts, hostile.SHEET: hostile._sheet_with(MIXED_ROWS, parts)})
    _assert_area_matches_calamine(path, fast=False)


def _assert_area_matches_calamine(path: Path, fast: bool = True) -> None:
    import python_calamine as pc

    package = Package(path.read_bytes(), Limits(), time.monotonic() + 60)
    package.check_parts()
    info = package.find(hostile.SHEET)
    exact = exact_scan(package, info)
    sheet = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data UMKM")
    (r1, c1), (r2, c2) = sheet.start, sheet.end
    assert (exact.min_row, exact.min_col, exact.max_row, exact.max_col) == (r1 + 1, c1 + 1, r2 + 1, c2 + 1)
    if fast:
        try:
            quick = fast_scan(package, info)
        except NeedsExactScan:
            return
        assert (quick.min_row, quick.min_col, quick.max_row, quick.max_col) == (r1 + 1, c1 + 1, r2 + 1, c2 + 1)


def test_macro_workbook_with_a_binary_part_still_opens(tmp_path):
    """An .xlsm's vbaProject.bin is a workbook relationship but not XML: it is not scanned as XML."""
    parts = dict(hostile.good_parts())
    rels = parts["xl/_rels/workbook.xml.rels"]
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        b'Target="vbaProject.bin"/></Relationships>',
    )
    parts["xl/vbaProject.bin"] = hostile.OLE_MAGIC + bytes(range(256)) * 64
    raw = open_workbook(hostile.write_zip(tmp_path / "makro.xlsm", parts), Limits())
    assert len(list(raw.sheets[0].rows)) == 3
