"""No quadratic step: the lines of ukmreport's code run for 2N rows are about twice those for N.

Counted, not timed: a trace function counts every line executed in ukmreport's own modules while
reading and validating (duplicate NIKs, cross-sheet look-ups), deciding the proposals (duplicate
proposals, aid history, owner look-ups) and grouping the findings for the terminal and JSON. A
step that compares every row with every other would make the count grow four-fold.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tests.conftest import TODAY
from ukmreport.demo import write_business_workbook
from ukmreport.models import AidRecord, Business, Proposal
from ukmreport.outputs import check_json
from ukmreport.reports import text as report_text
from ukmreport.rules.eligibility import decide_proposals
from ukmreport.validate import read_inputs

PACKAGE = str(Path(__file__).resolve().parents[1] / "ukmreport")
LINEAR = 2.4  # 2N rows may cost up to 2.4 times N rows (fixed costs make it a little over 2)


def lines_run(work: Callable[[], object]) -> int:
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_reading_validating_and_grouping_findings_grow_linearly(ctx, settings, region, tmp_path):
    counts = []
    for n in (300, 600):
        path = write_business_workbook(
            tmp_path / f"umkm_{n}.xlsx", n, seed=7, today=TODAY, region=region, settings=settings
        )

        def work(path: Path = path) -> None:
            data = read_inputs([path], ctx)
            assert data.findings  # the generator plants errors: findings to group
            check_json(data, "id")
            report_text.findings_text(data, "id", color=False)

        counts.append(lines_run(work))
    assert counts[1] < LINEAR * counts[0], counts


def _rows(n: int) -> tuple[list[Proposal], list[Business], list[AidRecord]]:
    businesses, proposals, aid = [], [], []
    for i in range(n):
        nik = f"747201450385{i % (n // 2):04d}"  # every NIK twice: duplicate proposals and owners
        born = date(1985, 3, 5)
        businesses.append(
            Business(
                file="u.xlsx",
                sheet="UMKM",
                row=5 + i,
                nik=nik,
                nama=f"Warga {i}",
                tanggal_lahir=born,
                kecamatan="Betoambari",
                aset=5e6,
                omzet_tahunan=6e7,
                pekerjaan="Wiraswasta",
                menerima_kur=False,
                nama_bank="BRI",
                no_rekening="012301000123567",
                nama_rekening=f"Warga {i}",
            )
        )
        proposals.append(
            Proposal(
                file="p.xlsx",
                sheet="Usulan",
                row=6 + i,
                nik=nik,
                nama=f"Warga {i}",
                program="BPUM",
                nilai_usulan=7e6,
                tanggal_usulan=date(2026, 3, 1),
                status="Diusulkan",
            )
        )
        aid.append(AidRecord(file="p.xlsx", sheet="Riwayat", row=6 + i, nik=nik, program="BPUM", tahun=2020 + i % 6))
    return proposals, businesses, aid


def test_deciding_proposals_grows_linearly(settings):
    counts = []
    for n in (400, 800):
        proposals, businesses, aid = _rows(n)
        counts.append(
            lines_run(lambda p=proposals, b=businesses, a=aid: decide_proposals(p, b, a, settings.eligibility, "7472"))
        )
    assert counts[1] < LINEAR * counts[0], counts
