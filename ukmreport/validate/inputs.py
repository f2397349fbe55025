"""Input files → a Dataset: every file accounted for, each known sheet validated, then across files.

What goes in is the input folder (or the files given) and the Context; what comes out is a
Dataset: the valid rows of each sheet kind, every finding with its file, sheet, row and column,
and the counts. Every file is read or named in a finding: a file that cannot be read is
unreadable-file, one of another type ignored-file, a byte-identical copy of an earlier one
duplicate-file, one without a known sheet unknown-workbook. A sheet of an unknown name is read
when its headers name one sheet kind (sheet-by-headers). Sheets of one kind form one table
across files (cross.py): copies are dropped, duplicates found across files.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterable
from pathlib import Path

from ukmreport.messages import SEVERITY
from ukmreport.models import Dataset, Finding, InputFile, SheetKind
from ukmreport.progress import Progress
from ukmreport.read import Unreadable, open_workbook, read_sheet, sha256_file
from ukmreport.validate.cross import check_across_sheets, count_rows, drop_copies, mark_duplicates
from ukmreport.validate.headers import HEADER_SCAN_ROWS, kind_by_headers
from ukmreport.validate.kinds import Context
from ukmreport.validate.rows import SheetReader
from ukmreport.validate.schema import FIELDS, SHEET_NAMES, sheet_kind

__all__ = ["Context", "input_files", "read_inputs"]


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def input_files(inputs: Path | Iterable[Path]) -> list[Path]:
    """List every file to account for: a folder's and its sub-folders' files, or the files given.

    Excel's lock files (~$…), hidden files and hidden folders are left out. A folder's files come
    in path order, names compared without their extension (so `data.xlsx` comes before
    `data - Copy.xlsx` and `data (2).xlsx`): the earlier of two copies is the one counted.
    """
    paths = [inputs] if isinstance(inputs, Path) else list(inputs)
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and path.suffix.lower() not in WORKBOOK_SUFFIXES:
            found.extend(sorted(_folder_files(path), key=lambda p, root=path: _path_order(p, root)))
        else:
            found.append(path)
    return found


def _folder_files(root: Path) -> Iterable[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        # os.walk does not enter a linked folder: it is named (and refused as a link) instead.
        files += [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        for name in files:
            if not name.startswith(("~$", ".")):
                yield Path(folder) / name


def _path_order(path: Path, root: Path) -> tuple[tuple[str, ...], str, str]:
    relative = path.relative_to(root)
    return tuple(p.casefold() for p in relative.parent.parts), relative.stem.casefold(), relative.suffix.casefold()


def read_inputs(paths: list[Path], ctx: Context, progress: Progress | None = None) -> Dataset:
    """Read and validate every workbook; unreadable files become findings, the rest go on.

    progress hears of each file, and of its data rows read so far (per sheet and every ROWS_STEP rows).
    """
    data = Dataset()
    collecting = gc.isenabled()
    # Rows and findings hold no reference cycles, and with a million rows alive every full
    # collection walks them all: reading would grow faster than the rows.
    gc.disable()
    seen: dict[str, str] = {}  # sha256 -> the first file with those bytes
    if progress:
        progress.stage("read", len(paths))
    try:
        for path in paths:
            if progress:
                progress.item(str(path))
            if path.suffix.lower() not in WORKBOOK_SUFFIXES and not path.is_dir():
                data.findings.append(_file_finding(str(path), "ignored-file", suffix=path.suffix or "-"))
            else:
                _read_file(path, ctx, data, seen, progress)
            if progress:
                progress.item_done()
    finally:
        if collecting:
            gc.enable()
    drop_copies(data)
    mark_duplicates(data)
    check_across_sheets(data)
    order = {info.path: i for i, info in enumerate(data.files)}
    data.findings.sort(key=lambda f: (order.get(f.file, 0), f.sheet or "", f.row or 0, _column_order(f.column)))
    count_rows(data)
    return data


def _column_order(letters: str | None) -> tuple[int, str]:
    return (len(letters), letters) if letters else (0, "")


def _read_file(path: Path, ctx: Context, data: Dataset, seen: dict[str, str], progress: Progress | None) -> None:
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
    if raw.sha256 in seen:
        data.files.append(info)
        data.findings.append(_file_finding(label, "duplicate-file", original=seen[raw.sha256]))
        return
    seen[raw.sha256] = label
    findings: list[Finding] = []
    rows: dict[SheetKind, list] = {}
    columns: dict[tuple[str, str], dict[str, str]] = {}
    deadline = time.monotonic() + ctx.settings.limits.seconds_per_file
    unread: Unreadable | None = None  # why a sheet of unknown name could not be looked at
    counted = 0  # data rows of the file's sheets read before this one

    def rows_read(rows: int) -> None:
        if progress is not None:
            progress.count(counted + rows)

    on_rows = rows_read if progress else None
    try:
        for sheet in raw.sheets:
            kind = sheet_kind(sheet.name)
            if kind is None:
                try:
                    kind = kind_by_headers(sheet.head(HEADER_SCAN_ROWS + 1))
                except Unreadable as exc:
                    # Not one of the known sheets: it makes the file unreadable only when nothing
                    # else in it is read (a .csv is its only sheet).
                    unread = unread or exc
                    continue
                if kind is None:
                    continue
                findings.append(
                    Finding(
                        label,
                        sheet.name,
                        None,
                        None,
                        None,
                        "sheet-by-headers",
                        SEVERITY["sheet-by-headers"],
                        None,
                        (("kind", kind.value),),
                    )
                )
            info.sheets[sheet.name] = kind
            reader = read_sheet(sheet, lambda s, k=kind: SheetReader(label, s, k, ctx, deadline, on_rows).validated())
            counted += len(reader.rows)
            if progress:
                progress.count(counted)
            rows.setdefault(kind, []).extend(reader.rows)
            findings.extend(reader.findings)
            columns[(label, sheet.name)] = reader.columns
    except Unreadable as exc:
        data.files.append(info.model_copy(update={"readable": False}))
        data.findings.append(unreadable_finding(label, exc))
        return
    finally:
        raw.close()
    if not info.sheets and unread is not None:
        data.files.append(info.model_copy(update={"readable": False}))
        data.findings.append(_file_finding(label, "unreadable-file", reason=str(unread)))
        return
    if not info.sheets:
        names = ", ".join(s.name for s in raw.sheets) or "-"
        findings.append(_file_finding(label, "unknown-workbook", sheets=names, accepted=ACCEPTED, headers=LOOKED_FOR))
    data.files.append(info)
    data.findings.extend(findings)
    data.columns.update(columns)
    data.businesses.extend(rows.get(SheetKind.BUSINESSES, []))
    data.proposals.extend(rows.get(SheetKind.PROPOSALS, []))
    data.aid_history.extend(rows.get(SheetKind.AID_HISTORY, []))
    data.cooperatives.extend(rows.get(SheetKind.COOPERATIVES, []))
    data.assessments.extend(rows.get(SheetKind.COOP_ASSESSMENT, []))


# What an unknown-workbook finding says was looked for: the sheet names, and each kind's headers.
ACCEPTED = ", ".join(name for names in SHEET_NAMES.values() for name in names)
LOOKED_FOR = "; ".join(
    f"{SHEET_NAMES[kind][0]}: " + ", ".join(spec.headers[0] for spec in FIELDS[kind] if spec.required)
    for kind in SHEET_NAMES
)


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
