"""Demo letters for the signing and verify tests and the verify benchmark: built once, small."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from ukmreport import pipeline
from ukmreport.office.region import load_region
from ukmreport.settings import Settings

DAY: date = pipeline.clock().date()  # the day the pipeline will use


def demo_inputs(folder: Path, *, seed: int = 2024, businesses: int = 600) -> Path:
    """A small demo input set (a few dozen proposals) in folder, as `ukmreport demo` writes it."""
    pipeline.write_demo(folder, Settings(), seed=seed, businesses=businesses, today=DAY)
    return folder


def build_letter(inputs: Path, out: Path, signing_key: Any = None, settings: Settings | None = None) -> Path:
    """Build only the usulan PDF (with its XLSX) and return the published letter."""
    settings = settings or Settings()
    result = pipeline.build(inputs, settings, out=out, only=["usulan"], formats=["pdf"], signing_key=signing_key)
    return result.out_dir / "usulan.pdf"


def _businesses(inputs: Path, dest: Path) -> tuple[Path, Any, Any, int, list[Any]]:
    """Copy inputs to dest and open its businesses sheet: (path, workbook, sheet, header row, header names)."""
    shutil.copytree(inputs, dest)
    path = dest / "data_pelaku_usaha.xlsx"
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    header = next(i for i, row in enumerate(sheet.iter_rows(values_only=True), 1) if row and "No KTP" in row)
    return path, workbook, sheet, header, [cell.value for cell in sheet[header]]


def share_account(inputs: Path, dest: Path, niks: tuple[str, str]) -> str:
    """Copy inputs to dest with the second NIK's business given the first NIK's account; return its digits."""
    path, workbook, sheet, header, names = _businesses(inputs, dest)
    nik_col, account_col = names.index("No KTP") + 1, names.index("No Rekening") + 1
    cells = {sheet.cell(r, nik_col).value: sheet.cell(r, account_col) for r in range(header + 1, sheet.max_row + 1)}
    account = str(cells[niks[0]].value)
    cells[niks[1]].value = account
    workbook.save(path)
    return "".join(ch for ch in account if ch.isdigit())  # as read: the demo writes some with dashes


def lengthen(inputs: Path, dest: Path, nik: str, **cells: str) -> None:
    """Copy inputs to dest with the business of nik given these cells (by header), e.g. a long address."""
    path, workbook, sheet, header, names = _businesses(inputs, dest)
    row = next(r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, names.index("No KTP") + 1).value == nik)
    for name, value in cells.items():
        sheet.cell(row, names.index(name) + 1).value = value
    workbook.save(path)


def propose_everyone(businesses: list[Any], settings: Settings, day: date = DAY) -> list[Any]:
    """One proposal for the program per business owner, dated day, in the order of the businesses."""
    from ukmreport.models import Proposal

    return [
        Proposal(
            file="usulan_bantuan.xlsx",
            sheet="Usulan Bantuan",
            row=i + 5,
            nik=b.nik,
            nama=b.nama,
            program=settings.program.name,
            nilai_usulan=float(settings.program.amount),
            tanggal_usulan=day,
            status="Diusulkan",
        )
        for i, b in enumerate(businesses)
    ]


def eligible_run(folder: Path, count: int, settings: Settings | None = None) -> tuple[pipeline.Run, list[Any]]:
    """A run over demo owners (the demo generator's businesses workbook, written into folder), each
    proposed for the program and decided by the real rules; with the first `count` eligible decisions."""
    from ukmreport.demo import write_business_workbook
    from ukmreport.period import default_period
    from ukmreport.rules.eligibility import decide_proposals

    settings = settings or Settings()
    region = load_region(settings.region_file)
    folder.mkdir(parents=True, exist_ok=True)
    owners = int(count * 1.8) + 200  # about 64 % of the demo's owners are eligible
    workbook = write_business_workbook(
        folder / "usaha.xlsx", owners, seed=7, today=DAY, region=region, settings=settings, errors=False
    )
    _, data = pipeline.read([workbook], settings, DAY)
    proposals = propose_everyone(data.businesses, settings)
    decided = decide_proposals(proposals, data.businesses, [], settings.eligibility, region.code)
    eligible = [d for d in decided if d.eligible][:count]
    if len(eligible) < count:
        raise ValueError(f"only {len(eligible)} eligible owners; need {count}")
    return pipeline.Run(settings, region, pipeline.clock(), default_period(DAY), data), eligible


def render_letter(run: pipeline.Run, decisions: list[Any], dest: Path) -> Path:
    """The usulan PDF (with its XLSX inside) of these decisions, rendered into dest."""
    from ukmreport.models import Decisions
    from ukmreport.reports import REPORTS

    dest.mkdir(parents=True, exist_ok=True)
    run.decisions = Decisions(proposals=decisions)
    pipeline.render_report(run, REPORTS["usulan"], dest, ["pdf"], None)
    return dest / "usulan.pdf"


def long_letter(folder: Path, rows: int) -> Path:
    """A letter of `rows` recipients rendered into folder."""
    run, eligible = eligible_run(folder / "data", rows)
    return render_letter(run, eligible, folder)
