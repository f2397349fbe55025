"""One sheet's rows → models and findings: every cell parsed, every row checked.

What goes in is a RawSheet of the read stage, its sheet kind and the Context; what comes out is
the sheet's data rows as models (``SheetReader.rows``) and its findings, each with the row and
column letter where the problem is. Nothing here raises on bad data: every problem is a Finding.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from itertools import chain, islice

from ukmreport.messages import SEVERITY
from ukmreport.models import AidRecord, Assessment, Business, Cooperative, Finding, Proposal, SheetKind, construct_row
from ukmreport.progress import ROWS_STEP
from ukmreport.read import RawSheet, Unreadable
from ukmreport.validate.cells import fold
from ukmreport.validate.checks import ROW_CHECKS
from ukmreport.validate.headers import Column, find_header
from ukmreport.validate.kinds import (
    CHECKED_KINDS,
    Context,
    SectorValue,
    plain_number,
    points_max,
    sector_by_word,
)
from ukmreport.validate.schema import FieldSpec

MODELS = {
    SheetKind.BUSINESSES: Business,
    SheetKind.PROPOSALS: Proposal,
    SheetKind.AID_HISTORY: AidRecord,
    SheetKind.COOPERATIVES: Cooperative,
    SheetKind.COOP_ASSESSMENT: Assessment,
}


class SheetReader:
    """Validate one sheet: find its header, map columns, parse every cell, check every row."""

    def __init__(
        self,
        file: str,
        sheet: RawSheet,
        kind: SheetKind,
        ctx: Context,
        deadline: float,
        on_rows: Callable[[int], None] | None = None,
    ) -> None:
        """on_rows hears the number of data rows read so far, every ROWS_STEP rows of the sheet."""
        self.file, self.sheet, self.kind, self.ctx, self.deadline = file, sheet, kind, ctx, deadline
        self.on_rows = on_rows
        self.findings: list[Finding] = []
        self.columns: dict[str, str] = {}  # field -> column letter
        self.rows: list = []  # the data rows as models, once validated()
        # Look-ups the row checks repeat: a NIK's DDMMYY -> birth date, kelurahan as written -> found
        self.nik_births: dict[str, object] = {}
        self.kelurahan: dict[str, object] = {}

    # -- findings ---------------------------------------------------------------------------
    def add(
        self,
        code: str,
        row: int | None,
        column: str | None,
        field_name: str | None,
        value: object = None,
        **params: object,
    ) -> None:
        shown = None if value is None or value == "" else _shown(value)
        self.findings.append(
            Finding(
                self.file,
                self.sheet.name,
                row,
                column,
                field_name,
                code,
                SEVERITY[code],
                shown,
                tuple((k, str(v)) for k, v in params.items()),
            )
        )

    # -- header -----------------------------------------------------------------------------
    def validated(self) -> SheetReader:
        """Read the sheet: every data row as a model in `rows`, its problems in `findings`."""
        header = find_header(self.sheet, self.kind, self.ctx, self.add, self.columns)
        if header is not None:
            self.rows = self._read_rows(header.columns, header.data_row, header.rows, self.sheet.first_col)
        return self

    def _read_rows(self, columns: list[Column], row_no: int, rows: Iterable[list[object]], first_col: int) -> list:
        """The data rows from `row_no` on, until a total row or `empty_rows_stop` blank rows."""
        model = MODELS[self.kind]
        blanks = self.sheet.formula_blanks
        merged = self._merged_fill(columns, row_no, first_col)
        merged_values: dict[tuple[int, int], object] = {}
        empty_run = 0
        stop_after = self.ctx.settings.limits.empty_rows_stop
        out = []
        check_row = ROW_CHECKS[self.kind]
        by_name = {c.spec.name: c for c in columns}
        file, sheet = self.file, self.sheet.name
        today = self.ctx.today
        on_rows, step = self.on_rows, ROWS_STEP - 1
        # The hot loop: one tuple per column, so each cell costs a parse call and little else.
        rows = iter(rows)
        sample = list(islice(rows, MEMO_SAMPLE))
        repeating = _repeating_columns(sample, columns)
        plan = [
            (
                c.index,
                c,
                c.spec,
                c.spec.kind,
                c.spec.required,
                c.parse,
                c.spec.kind in CHECKED_KINDS,
                {} if c.index in repeating else None,
            )
            for c in columns
        ]
        for cells in chain(sample, rows):
            current = row_no
            row_no += 1
            if not any(cells) and _blank(cells) and not (blanks and _has_blank(blanks, current)):
                empty_run += 1
                if empty_run >= stop_after:
                    break
                continue
            empty_run = 0
            if (current & step) == 0:  # every ROWS_STEP rows: the clock, and the progress shown
                if time.monotonic() > self.deadline:
                    raise Unreadable("timeout", seconds=f"{self.ctx.settings.limits.seconds_per_file:g}")
                if on_rows is not None:
                    on_rows(len(out))
            if _is_total_row(cells):
                break
            if merged:
                cells = _apply_merges(cells, current, merged, merged_values)
            if _only_running_number(cells):
                continue
            width = len(cells)
            values: dict[str, object] = {}
            errors: set[str] = set()
            for index, col, spec, kind, required, parse, checked, memo in plan:
                raw = cells[index] if index < width else ""
                if raw == "" or raw is None:
                    if blanks and (current, first_col + index) in blanks:
                        self.add("formula-no-value", current, col.letter, spec.name)
                        errors.add(spec.name)
                    elif required:
                        self.add("missing-value", current, col.letter, spec.name, header=spec.headers[0])
                        errors.add(spec.name)
                    continue
                if memo is not None and type(raw) in _MEMO_TYPES:
                    hit = memo.get(raw)
                    if hit is None:
                        hit = parse(raw)
                        if len(memo) < MEMO_SIZE:
                            memo[raw] = hit
                    value, code = hit
                else:
                    value, code = parse(raw)
                if kind == "nik":
                    nik, codes = value  # type: ignore[misc]
                    values["nik"] = nik
                    if codes:
                        for c in codes:
                            self.add(c, current, col.letter, "nik", raw)
                        errors.add("nik")
                    continue
                if code is not None:
                    self.add(code, current, col.letter, spec.name, raw, **self._code_params(code, spec, raw))
                    if SEVERITY[code] == "error":
                        errors.add(spec.name)
                    if code == "nik-koperasi-format":
                        values[spec.name] = value
                    continue
                if value is None:
                    if required:
                        self.add("missing-value", current, col.letter, spec.name, header=spec.headers[0])
                        errors.add(spec.name)
                    continue
                if checked:
                    value = self._check_value(spec, col, value, raw, current, errors, today)
                    if value is None:
                        continue
                    if kind == "place_date":
                        place, born = value  # type: ignore[misc]
                        if place:
                            values.setdefault("tempat_lahir", place)
                        if born:
                            values.setdefault("tanggal_lahir", born)
                        continue
                values[spec.name] = value
            check_row(self, values, errors, current, by_name, cells)
            values["file"], values["sheet"], values["row"] = file, sheet, current
            if errors:
                values["error_fields"] = frozenset(errors)
            out.append(construct_row(model, values))
        return out

    def _code_params(self, code: str, spec: FieldSpec, raw: object) -> dict[str, object]:
        if code == "unknown-kecamatan":
            return {"suggestion": self.ctx.region.suggest_kecamatan(str(raw)) or ""}
        if code == "score-out-of-range":
            return {"max": points_max(self.ctx, spec.name)}
        if code == "assessment-incomplete":  # a pedoman that names neither guideline
            return {
                "what_id": f"pedoman '{raw}' tidak dikenal; tulis 2016 atau 2021",
                "what_en": f"unknown guideline '{raw}'; write 2016 or 2021",
            }
        return {}

    def _check_value(
        self, spec: FieldSpec, col: Column, value: object, raw: object, row: int, errors: set[str], today: date
    ) -> object:
        kind = spec.kind
        if kind in ("amount", "positive_amount", "count"):
            if value < 0:  # type: ignore[operator]
                self.add("negative-value", row, col.letter, spec.name, raw)
                errors.add(spec.name)
                return None
            if kind == "positive_amount" and value == 0:
                self.add("bad-amount", row, col.letter, spec.name, raw)
                errors.add(spec.name)
                return None
            if col.factor != 1:
                return value * col.factor  # type: ignore[operator]
        elif kind in ("date", "date_or_year"):
            if value > today:  # type: ignore[operator]
                self.add("date-in-future", row, col.letter, spec.name, raw)
        elif kind == "place_date":
            born = value[1]  # type: ignore[index]
            if born is not None and born > today:
                self.add("date-in-future", row, col.letter, spec.name, raw)
        elif kind == "points":
            maximum = points_max(self.ctx, spec.name)
            if not 0 <= value <= maximum:  # type: ignore[operator]
                self.add("score-out-of-range", row, col.letter, spec.name, raw, max=plain_number(maximum))
                errors.add(spec.name)
                return None
        elif kind == "sector":
            sector = self.ctx.sectors.get(fold(value)) or sector_by_word(self.ctx.sectors, value)
            if sector is None:
                self.add("unknown-sector", row, col.letter, spec.name, raw)
                sector = "Lainnya"
            return SectorValue(value, sector)
        return value

    def _merged_fill(
        self, columns: list[Column], data_row: int, first_col: int
    ) -> dict[int, list[tuple[int, int, int]]]:
        """Merged areas in the data: every cell of a merge takes the value of its top-left cell."""
        wanted = {first_col + c.index for c in columns}
        fill: dict[int, list[tuple[int, int, int]]] = {}
        for r1, c1, r2, c2 in self.sheet.merged_from(data_row):
            fill.setdefault(-r1, []).append((c1 - first_col, r1, c1 - first_col))
            for r in range(max(r1, data_row), r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1) and c in wanted:
                        fill.setdefault(r, []).append((c - first_col, r1, c1 - first_col))
        return fill


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "…"


def _chain(first: list[list[object]], rest: Iterable[list[object]]) -> Iterable[list[object]]:
    yield from first
    yield from rest


def _blank(cells: list[object]) -> bool:
    """No value at all (any() alone would take a row of zeros for blank)."""
    return all(c == "" or c is None for c in cells)


MEMO_SAMPLE = 500
MEMO_SIZE = 20_000  # parses remembered per column at most: dates of a few years fit
# Cell types a memo may key on: equal keys of these types always parse alike (unlike 1, 1.0 and True).
_MEMO_TYPES = frozenset({str, float, date, datetime})


def _repeating_columns(sample: list[list[object]], columns: list[Column]) -> set[int]:
    """Columns whose cells repeat (kecamatan, sector, bank, yes/no, dates): worth remembering parses.

    A parse result depends only on the cell, so rows with the same text can share it; for NIKs,
    phone numbers and addresses, which hardly repeat, a memo would only cost memory. A sample of
    500 rows shows a tenth of its registration dates twice: over 100,000 rows they all repeat.
    """
    repeating = set()
    for col in columns:
        texts = [row[col.index] for row in sample if col.index < len(row) and type(row[col.index]) in _MEMO_TYPES]
        if len(texts) >= 20 and len(set(texts)) <= len(texts) * 9 // 10:
            repeating.add(col.index)
    return repeating


def _has_blank(blanks: set[tuple[int, int]], row: int) -> bool:
    return any(r == row for r, _ in blanks)


def _is_total_row(cells: list[object]) -> bool:
    for cell in cells[:3]:
        if cell == "" or cell is None:
            continue
        if isinstance(cell, str):
            word = cell.strip().upper()
            return word.startswith(("JUMLAH", "TOTAL"))
        return False
    return False


def _only_running_number(cells: list[object]) -> bool:
    """A row holding nothing but its number in the first column (a numbered blank row)."""
    if not cells or not isinstance(cells[0], (int, float)):
        return False
    return all(c == "" or c is None for c in islice(cells, 1, None))


def _apply_merges(
    cells: list[object], row: int, merged: dict[int, list[tuple[int, int, int]]], values: dict[tuple[int, int], object]
) -> list[object]:
    """Remember this row's merge origins, then give every covered cell its origin's value."""
    for col in merged.get(-row, ()):  # origins are listed under the negative row number
        values[(row, col[0])] = cells[col[0]] if col[0] < len(cells) else ""
    fills = merged.get(row)
    if not fills:
        return cells
    cells = list(cells)
    for col, r1, c1 in fills:
        source = values.get((r1, c1))
        if source is None:
            continue
        while len(cells) <= col:
            cells.append("")
        cells[col] = source
    return cells
