"""Checks across sheets and files, and the row counts per sheet kind.

What goes in is the Dataset every sheet was read into; what comes out is the same Dataset with
the findings that need more than one sheet (an assessment naming a cooperative the cooperatives
sheet does not list) and its counts: rows, valid rows, rows with errors and with warnings.
"""

from __future__ import annotations

from ukmreport.messages import SEVERITY
from ukmreport.models import Dataset, Finding, SheetCount, SheetKind
from ukmreport.validate.cells import fold

# -- across sheets and files -----------------------------------------------------------------------


def check_across_sheets(data: Dataset) -> None:
    """Assessments must name a cooperative of the cooperatives sheet (warning when not)."""
    if not data.assessments:
        return
    by_bh = {fold(c.nomor_badan_hukum) for c in data.cooperatives if c.nomor_badan_hukum}
    by_nik = {c.nik_koperasi for c in data.cooperatives if c.nik_koperasi}
    for a in data.assessments:
        if (a.nomor_badan_hukum and fold(a.nomor_badan_hukum) in by_bh) or (
            a.nik_koperasi and a.nik_koperasi in by_nik
        ):
            continue
        if not a.nomor_badan_hukum and not a.nik_koperasi:
            continue
        name = "nomor_badan_hukum" if a.nomor_badan_hukum else "nik_koperasi"
        data.findings.append(
            Finding(
                a.file,
                a.sheet,
                a.row,
                data.columns.get((a.file, a.sheet), {}).get(name),
                name,
                "assessment-unknown-coop",
                SEVERITY["assessment-unknown-coop"],
                a.nomor_badan_hukum or a.nik_koperasi,
            )
        )


def count_rows(data: Dataset) -> None:
    """Rows, valid rows, rows with errors and rows with warnings, per sheet kind."""
    warned: dict[tuple[str, str | None, int | None], None] = {}
    for f in data.findings:
        if f.severity == "warning" and f.row is not None:
            warned[(f.file, f.sheet, f.row)] = None
    for kind, rows in (
        (SheetKind.BUSINESSES, data.businesses),
        (SheetKind.PROPOSALS, data.proposals),
        (SheetKind.AID_HISTORY, data.aid_history),
        (SheetKind.COOPERATIVES, data.cooperatives),
        (SheetKind.COOP_ASSESSMENT, data.assessments),
    ):
        count = SheetCount(rows=len(rows))
        for r in rows:
            if r.error_fields:
                count.errors += 1
            else:
                count.valid += 1
            if (r.file, r.sheet, r.row) in warned:
                count.warnings += 1
        data.counts[kind.value] = count
