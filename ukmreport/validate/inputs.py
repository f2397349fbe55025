"""Input files → a Dataset: every workbook opened, each known sheet validated, then across sheets.

What goes in is the input folder (or the files given) and the Context; what comes out is a
Dataset: the valid rows of each sheet kind, every finding with its file, sheet, row and column,
and the counts. A file that cannot be read becomes an unreadable-file finding; the rest go on.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ukmreport.messages import SEVERITY
from ukmreport.models import Dataset, Finding, InputFile, SheetKind
from ukmreport.read import Unreadable, open_workbook, read_sheet, sha256_file
from ukmreport.validate.cross import check_across_sheets, count_rows
from ukmreport.validate.kinds import Context
from ukmreport.validate.rows import SheetReader
from ukmreport.validate.schema import sheet_kind

__all__ = ["Context", "input_files", "read_inputs"]


def input_files(inputs: Path | Iterable[Path]) -> list[Path]:
    """List the workbooks to read: every .xlsx/.xlsm in a folder (sorted), or the files given."""
    paths = [inputs] if isinstance(inputs, Path) else list(inputs)
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and path.suffix.lower() not in (".xlsx", ".xlsm"):
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in (".xlsx", ".xlsm", ".xls") and not p.name.startswith(("~$", "."))
                )
            )
        else:
            found.append(path)
    return found


def read_inputs(paths: list[Path], ctx: Context, progress: Callable[[str], None] | None = None) -> Dataset:
    """Read and validate every workbook; unreadable files become findings, the rest go on."""
    data = Dataset()
    collecting = gc.isenabled()
    # Rows and findings hold no reference cycles, and with a million rows alive every full
    # collection walks them all: reading would grow faster than the rows.
    gc.disable()
    try:
        for path in paths:
            if progress:
                progress(str(path))
            _read_file(path, ctx, data)
    finally:
        if collecting:
            gc.enable()
    check_across_sheets(data)
    order = {info.path: i for i, info in enumerate(data.files)}
    data.findings.sort(key=lambda f: (order.get(f.file, 0), f.sheet or "", f.row or 0, _column_order(f.column)))
    count_rows(data)
    return data


def _column_order(letters: str | None) -> tuple[int, str]:
    return (len(letters), letters) if letters else (0, "")


def _read_file(path: Path, ctx: Context, data: Dataset) -> None:
    label = str(path)
    try:
        raw = open_workbook(path, ctx.settings.limits)
    except Unreadable as exc:
        data.files.append(InputFile(path=label, sha256=_safe_sha(path), readable=False))
        data.findings.append(unreadable_finding(label, exc))
        return
    except OSError as exc:
        data.files.append(InputFile(path=label, sha256="", readable=False))
        data.findings.append(unreadable_finding(label, Unreadable("cannot-open", detail=exc.strerror or exc)))
        return
    info = InputFile(path=label, sha256=raw.sha256)
    findings: list[Finding] = []
    rows: dict[SheetKind, list] = {}
    columns: dict[tuple[str, str], dict[str, str]] = {}
    deadline = time.monotonic() + ctx.settings.limits.seconds_per_file
    try:
        for sheet in raw.sheets:
            kind = sheet_kind(sheet.name)
            if kind is None:
                continue
            info.sheets[sheet.name] = kind
            reader = read_sheet(sheet, lambda s, k=kind: SheetReader(label, s, k, ctx, deadline).validated())
            rows.setdefault(kind, []).extend(reader.rows)
            findings.extend(reader.findings)
            columns[(label, sheet.name)] = reader.columns
    except Unreadable as exc:
        data.files.append(info.model_copy(update={"readable": False}))
        data.findings.append(unreadable_finding(label, exc))
        return
    finally:
        raw.close()
    if not info.sheets:
        names = ", ".join(s.name for s in raw.sheets) or "-"
        findings.append(_file_finding(label, "unknown-workbook", sheets=names))
    data.files.append(info)
    data.findings.extend(findings)
    data.columns.update(columns)
    data.businesses.extend(rows.get(SheetKind.BUSINESSES, []))
    data.proposals.extend(rows.get(SheetKind.PROPOSALS, []))
    data.aid_history.extend(rows.get(SheetKind.AID_HISTORY, []))
    data.cooperatives.extend(rows.get(SheetKind.COOPERATIVES, []))
    data.assessments.extend(rows.get(SheetKind.COOP_ASSESSMENT, []))


def _safe_sha(path: Path) -> str:
    try:
        return sha256_file(path) if path.is_file() and not path.is_symlink() else ""
    except OSError:
        return ""


def unreadable_finding(label: str, exc: Unreadable) -> Finding:
    """The reason's code and facts go with the finding, so it is said in the run's language."""
    return _file_finding(label, "unreadable-file", reason=str(exc), reason_code=exc.code, **exc.params)


def _file_finding(label: str, code: str, **params: str) -> Finding:
    return Finding(label, None, None, None, None, code, SEVERITY[code], None, tuple(params.items()))
