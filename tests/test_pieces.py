"""A big sheet read in pieces gives exactly what reading it whole gives: rows, findings, refusals.

The size from which a sheet is read in pieces and the size of a piece are made tiny here, so the
small workbooks of the other tests (the messy ones, the demo's, the hostile corpus) are cut into
many pieces, and each is read both ways.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import zipfile
from collections import deque
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import BUSINESS_HEADERS, TODAY, business_row
from tests.hostile import write_corpus
from ukmreport.demo import write_demo_inputs
from ukmreport.read import Unreadable, open_workbook, read_sheet
from ukmreport.read.pieces import PiecedSheet
from ukmreport.settings import Limits
from ukmreport.validate import Context, read_inputs

DATA = Path(__file__).parent / "data"


def read_both_ways(paths: list[Path], ctx: Context, piece_bytes: int = 3000, fork: bool = True):
    """(whole, pieced, number of pieces given to calamine) for the same files."""
    whole = read_inputs(paths, with_limits(ctx, pieced_from_bytes=1 << 40))
    pieced_ctx = with_limits(
        ctx, pieced_from_bytes=0, piece_bytes=piece_bytes, first_piece_bytes=piece_bytes // 2, fork_scanner=fork
    )
    pieced = read_inputs(paths, pieced_ctx)
    return whole, pieced, pieces_parsed(paths, pieced_ctx.settings.limits)


def with_limits(ctx: Context, **limits: object) -> Context:
    settings = ctx.settings.model_copy(update={"limits": ctx.settings.limits.model_copy(update=limits)})
    return Context.make(settings, ctx.region, ctx.today)


def pieces_parsed(paths: list[Path], limits: Limits) -> int:
    """How many pieces calamine parses when every sheet of these files is read to its end."""
    parsed = 0
    for path in paths:
        try:
            raw = open_workbook(path, limits)
        except Unreadable:
            continue
        try:
            for sheet in raw.sheets:
                with contextlib.suppress(Unreadable):
                    read_sheet(sheet, lambda s: deque(s.rows, maxlen=0))
                parsed += sheet.pieces
        finally:
            raw.close()
    return parsed


def assert_same(whole, pieced) -> None:  # type: ignore[no-untyped-def]
    assert pieced.findings == whole.findings
    assert pieced.files == whole.files
    assert pieced.counts == whole.counts
    for kind in ("businesses", "proposals", "aid_history", "cooperatives", "assessments"):
        assert [r.model_dump() for r in getattr(pieced, kind)] == [r.model_dump() for r in getattr(whole, kind)], kind


@pytest.mark.parametrize("fork", [True, False], ids=["scanned-by-a-forked-copy", "scanned-here"])
def test_messy_workbooks_read_alike_in_pieces(ctx, fork):
    paths = sorted(DATA.glob("*.xlsx"))
    whole, pieced, parsed = read_both_ways(paths, ctx, fork=fork)
    assert parsed > len(paths)  # really cut into pieces
    assert whole.findings  # the messy files have findings to compare
    assert_same(whole, pieced)


def test_demo_inputs_read_alike_in_pieces(ctx, settings, region, tmp_path):
    paths = write_demo_inputs(tmp_path, today=TODAY, region=region, settings=settings, n_businesses=600)
    whole, pieced, parsed = read_both_ways(paths, ctx, piece_bytes=20_000)
    assert parsed > 20
    assert len(whole.businesses) == 600
    assert_same(whole, pieced)


def test_hostile_corpus_reads_alike_in_pieces(ctx, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-XXE")
    corpus = write_corpus(tmp_path / "corpus", secret)
    paths = [p for name, p in sorted(corpus.items()) if p.is_file() and not p.is_symlink() and name != "lock_file"]
    whole, pieced, parsed = read_both_ways(paths, ctx)
    assert parsed
    assert any(f.code == "unreadable-file" for f in whole.findings)
    assert_same(whole, pieced)


def _businesses(tmp_path: Path, rows: list[list[object]], edit=None, shared: bool = False) -> Path:  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data UMKM"
    ws.append(BUSINESS_HEADERS)
    for row in rows:
        ws.append(row)
    if edit:
        edit(ws)
    path = tmp_path / "umkm.xlsx"
    wb.save(path)
    return _with_shared_strings(path) if shared else path


_INLINE = re.compile(
    rb'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>', re.S
)


def _with_shared_strings(path: Path) -> Path:
    """Rewrite openpyxl's inline strings as Excel writes text: a sharedStrings part and indexes."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    strings: dict[bytes, int] = {}

    def shared(m: re.Match[bytes]) -> bytes:
        index = strings.setdefault(m.group(3), len(strings))
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(2), index)

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = _INLINE.sub(shared, parts[sheet])
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main">' + b"".join(b"<si><t>%s</t></si>" % t for t in strings) + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert b't="s"' in parts[sheet] and b"inlineStr" not in parts[sheet]
    return path


def _rows(n: int) -> list[list[object]]:
    return [business_row(i, NIK=f"74720145038{i:05d}") for i in range(1, n + 1)]


@pytest.mark.parametrize("shared", [False, True], ids=["inline-strings", "shared-strings"])
def test_a_merge_over_data_rows_found_at_the_end_rereads_the_sheet_whole(ctx, tmp_path, shared):
    path = _businesses(tmp_path, _rows(200), lambda ws: ws.merge_cells("H150:H160"), shared)
    whole, pieced, parsed = read_both_ways([path], ctx)
    assert parsed > 5
    assert_same(whole, pieced)
    assert {r.kecamatan for r in pieced.businesses if 150 <= r.row <= 160} == {"Betoambari"}


@pytest.mark.parametrize("shared", [False, True], ids=["inline-strings", "shared-strings"])
def test_a_far_cell_after_the_data_is_refused_as_when_read_whole(ctx, tmp_path, shared):
    def far(ws):  # type: ignore[no-untyped-def]
        ws.cell(row=250, column=1, value="JUMLAH")  # the data ends here: the reader stops asking
        ws["XFD1048576"] = "x"

    path = _businesses(tmp_path, _rows(200), far, shared)
    whole, pieced, _ = read_both_ways([path], ctx)
    assert [f.code for f in whole.findings] == ["unreadable-file"]
    assert_same(whole, pieced)


@pytest.mark.parametrize("shared", [False, True], ids=["inline-strings", "shared-strings"])
def test_rows_out_of_order_are_reread_whole(ctx, tmp_path, shared):
    path = _businesses(tmp_path, _rows(120), shared=shared)
    # Move row 3's XML after the last row: calamine places it by its number, a piece cannot.
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    start, end = sheet.index(b'<row r="3"'), sheet.index(b'<row r="4"')
    row3 = sheet[start:end]
    sheet = sheet[:start] + sheet[end:]
    close = sheet.index(b"</sheetData>")
    parts["xl/worksheets/sheet1.xml"] = sheet[:close] + row3 + sheet[close:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    whole, pieced, parsed = read_both_ways([path], ctx)
    assert parsed > 2
    assert_same(whole, pieced)
    assert len(pieced.businesses) == 120


@pytest.mark.parametrize("shared", [False, True], ids=["inline-strings", "shared-strings"])
def test_a_scanner_that_dies_makes_the_sheet_read_whole(ctx, monkeypatch, tmp_path, shared):
    path = _businesses(tmp_path, _rows(150), shared=shared)
    sent = []
    original = PiecedSheet._scan

    def dying(self):  # type: ignore[no-untyped-def]
        for message in original(self):
            sent.append(message[0])
            if sent.count("piece") == 3:  # in the forked copy: as if the kernel killed it for memory
                os.kill(os.getpid(), signal.SIGKILL)
            yield message

    # The only private name a test uses: there is no public way to kill the forked scanner.
    monkeypatch.setattr(PiecedSheet, "_scan", dying)
    whole, pieced, parsed = read_both_ways([path], ctx, fork=True)  # the copy dies, never this process
    assert parsed >= 2  # two pieces arrived before the copy died
    assert_same(whole, pieced)
    assert len(pieced.businesses) == 150


@pytest.mark.parametrize("fork", [True, False], ids=["scanned-by-a-forked-copy", "scanned-here"])
@pytest.mark.parametrize("shared", [False, True], ids=["inline-strings", "shared-strings"])
def test_a_total_row_halfway_ends_the_data_as_when_read_whole(ctx, tmp_path, shared, fork):
    def total(ws):  # type: ignore[no-untyped-def]
        ws.cell(row=100, column=1, value="JUMLAH")  # rows below it are notes, not data
        ws.merge_cells("A120:C120")  # and a merge below the data: no reason to read the sheet whole

    path = _businesses(tmp_path, _rows(200), total, shared)
    whole, pieced, parsed = read_both_ways([path], ctx, fork=fork)
    assert parsed >= 2
    assert_same(whole, pieced)
    assert len(pieced.businesses) == 98 and not any(f.code == "unreadable-file" for f in pieced.findings)
