"""Checks across sheets and files, and the row counts per sheet kind.

What goes in is the Dataset every sheet was read into; what comes out is the same Dataset as one
table per sheet kind across files (shared/spec/workbooks.md "One table per sheet kind, across
files"): a sheet that copies an earlier file's rows dropped (copy-of-file), a NIK or cooperative
listed twice marked wherever the two rows are (duplicate-nik, duplicate-coop), the findings that
need more than one sheet (an assessment naming a cooperative the cooperatives sheet does not
list), and its counts: rows, valid rows, rows with errors and with warnings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable

from ukmreport.messages import SEVERITY
from ukmreport.models import Dataset, Finding, SheetCount, SheetKind
from ukmreport.validate.cells import fold

COPY_SHARE = 0.9  # a sheet this much of whose rows an earlier file holds is a copy of it

# What makes two rows of a kind the same row, for telling a copied sheet.
ROW_KEYS: dict[SheetKind, Callable[[object], Hashable]] = {
    SheetKind.BUSINESSES: lambda r: r.nik,  # type: ignore[attr-defined]
    SheetKind.PROPOSALS: lambda r: (r.nik, fold(r.program or "")) if r.nik else None,  # type: ignore[attr-defined]
    SheetKind.AID_HISTORY: lambda r: (r.nik, fold(r.program or ""), r.tahun) if r.nik else None,  # type: ignore[attr-defined]
    SheetKind.COOPERATIVES: lambda r: fold(r.nomor_badan_hukum) if r.nomor_badan_hukum else None,  # type: ignore[attr-defined]
    SheetKind.COOP_ASSESSMENT: lambda r: (  # type: ignore[attr-defined]
        (fold(r.nomor_badan_hukum or "") or r.nik_koperasi, r.tahun_buku)
        if r.nomor_badan_hukum or r.nik_koperasi
        else None
    ),
}
TABLES = {
    SheetKind.BUSINESSES: "businesses",
    SheetKind.PROPOSALS: "proposals",
    SheetKind.AID_HISTORY: "aid_history",
    SheetKind.COOPERATIVES: "cooperatives",
    SheetKind.COOP_ASSESSMENT: "assessments",
}


def drop_copies(data: Dataset) -> None:
    """Drop every sheet whose rows (COPY_SHARE or more) repeat rows of its kind in earlier files.

    The copy's rows and findings go; one copy-of-file warning names it and the file it copies.
    Files are taken in the order they were read, so the earlier of two copies is the one kept.
    """
    order = {info.path: i for i, info in enumerate(data.files)}
    copies: set[tuple[str, str]] = set()
    for kind, table in TABLES.items():
        rows = getattr(data, table)
        key_of = ROW_KEYS[kind]
        first_file: dict[Hashable, str] = {}  # a row's key -> the first file holding it
        sheets: dict[tuple[str, str], list] = {}
        for row in rows:
            sheets.setdefault((row.file, row.sheet), []).append(row)
        by_file: dict[str, list[tuple[str, list]]] = {}
        for (file, sheet), sheet_rows in sheets.items():
            by_file.setdefault(file, []).append((sheet, sheet_rows))
        for file in sorted(by_file, key=lambda f: order.get(f, 0)):
            own: dict[Hashable, str] = {}
            for sheet, sheet_rows in by_file[file]:
                keys = [k for k in map(key_of, sheet_rows) if k is not None]
                origins = Counter(first_file[k] for k in keys if k in first_file)
                repeated = sum(origins.values())
                if keys and repeated >= COPY_SHARE * len(keys):
                    copies.add((file, sheet))
                    original = origins.most_common(1)[0][0]
                    data.findings.append(
                        Finding(
                            file,
                            sheet,
                            None,
                            None,
                            None,
                            "copy-of-file",
                            SEVERITY["copy-of-file"],
                            None,
                            (("original", original), ("repeated", str(repeated)), ("rows", str(len(sheet_rows)))),
                        )
                    )
                for k in keys:
                    own.setdefault(k, file)
            for k, f in own.items():
                first_file.setdefault(k, f)
    if not copies:
        return
    for table in TABLES.values():
        setattr(data, table, [r for r in getattr(data, table) if (r.file, r.sheet) not in copies])
    data.findings = [f for f in data.findings if (f.file, f.sheet) not in copies or f.code == "copy-of-file"]


def mark_duplicates(data: Dataset) -> None:
    """A NIK (businesses) or nomor badan hukum (cooperatives) listed again, in any file: an error
    on the repeat, naming the file, sheet and row of the first."""
    _mark(data, "businesses", "nik", lambda r: r.nik, "duplicate-nik")
    _mark(
        data,
        "cooperatives",
        "nomor_badan_hukum",
        lambda r: fold(r.nomor_badan_hukum) if r.nomor_badan_hukum else None,
        "duplicate-coop",
    )


def _mark(data: Dataset, table: str, name: str, key: Callable, code: str) -> None:
    rows = getattr(data, table)
    first: dict[Hashable, object] = {}
    for i, item in enumerate(rows):
        k = key(item)
        if not k:
            continue
        earlier = first.get(k)
        if earlier is None:
            first[k] = item
            continue
        data.findings.append(
            Finding(
                item.file,
                item.sheet,
                item.row,
                data.columns.get((item.file, item.sheet), {}).get(name),
                name,
                code,
                SEVERITY[code],
                str(getattr(item, name)),
                (
                    ("first_file", earlier.file),  # type: ignore[attr-defined]
                    ("first_sheet", earlier.sheet),  # type: ignore[attr-defined]
                    ("first_row", str(earlier.row)),  # type: ignore[attr-defined]
                ),
            )
        )
        rows[i] = item.model_copy(update={"error_fields": item.error_fields | {name}})


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
