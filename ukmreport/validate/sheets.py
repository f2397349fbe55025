"""Raw rows → models + findings. Nothing here raises on bad data: every problem is a Finding."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path

from ukmreport.messages import SEVERITY
from ukmreport.models import (
    AidRecord,
    Assessment,
    Business,
    Cooperative,
    Dataset,
    Finding,
    InputFile,
    Proposal,
    SheetCount,
    SheetKind,
    construct_row,
)
from ukmreport.read import RawSheet, Unreadable, column_letter, open_workbook, read_sheet, sha256_file
from ukmreport.region import Region
from ukmreport.settings import Settings
from ukmreport.validate import fields as fp
from ukmreport.validate.schema import (
    FIELDS,
    RUNNING_NUMBER_HEADERS,
    FieldSpec,
    header_index,
    header_key,
    sheet_kind,
)

HEADER_SCAN_ROWS = 20
# Field kinds whose parsed value needs a further check (sign, range, future date, sector map).
_CHECKED_KINDS = frozenset(
    {"amount", "positive_amount", "signed_amount", "count", "date", "date_or_year", "place_date", "points", "sector"}
)
MIN_HEADER_MATCHES = 3
MODELS = {
    SheetKind.BUSINESSES: Business,
    SheetKind.PROPOSALS: Proposal,
    SheetKind.AID_HISTORY: AidRecord,
    SheetKind.COOPERATIVES: Cooperative,
    SheetKind.COOP_ASSESSMENT: Assessment,
}
STATUSES = {fp.fold(s): s for s in ("Diusulkan", "Disetujui", "Ditolak", "Disalurkan")}
COOP_TYPES = {
    **{fp.fold(s): s for s in ("Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa")},
    "ksp": "Simpan Pinjam",
    "kospin": "Simpan Pinjam",
    "usp": "Simpan Pinjam",
    "koperasisimpanpinjam": "Simpan Pinjam",
    "koperasikonsumen": "Konsumen",
    "koperasiprodusen": "Produsen",
    "koperasipemasaran": "Pemasaran",
    "koperasijasa": "Jasa",
}


@dataclass
class Context:
    """What validation needs besides the cells: settings, region and the day the tool runs."""

    settings: Settings
    region: Region
    today: date
    sectors: dict[str, str] = field(default_factory=dict)  # folded name or alias -> sector

    @classmethod
    def make(cls, settings: Settings, region: Region, today: date) -> Context:
        sectors: dict[str, str] = {}
        for sector, aliases in settings.sectors.items():
            sectors[fp.fold(sector)] = sector
            for alias in aliases:
                sectors[fp.fold(alias)] = sector
        return cls(settings=settings, region=region, today=today, sectors=sectors)


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
    _cross_sheet(data)
    order = {info.path: i for i, info in enumerate(data.files)}
    data.findings.sort(key=lambda f: (order.get(f.file, 0), f.sheet or "", f.row or 0, _column_order(f.column)))
    _count(data)
    return data


def _column_order(letters: str | None) -> tuple[int, str]:
    return (len(letters), letters) if letters else (0, "")


def _read_file(path: Path, ctx: Context, data: Dataset) -> None:
    label = str(path)
    try:
        raw = open_workbook(path, ctx.settings.limits)
    except Unreadable as exc:
        data.files.append(InputFile(path=label, sha256=_safe_sha(path), readable=False))
        data.findings.append(_file_finding(label, "unreadable-file", reason=str(exc)))
        return
    except OSError as exc:
        data.files.append(InputFile(path=label, sha256="", readable=False))
        data.findings.append(_file_finding(label, "unreadable-file", reason=exc.strerror or str(exc)))
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
        data.findings.append(_file_finding(label, "unreadable-file", reason=str(exc)))
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


def _file_finding(label: str, code: str, **params: str) -> Finding:
    return Finding(label, None, None, None, None, code, SEVERITY[code], None, tuple(params.items()))


_UNSEEN = object()


@dataclass
class _Column:
    index: int  # 0-based position in the raw row
    letter: str
    spec: FieldSpec
    factor: int
    parse: Callable[[object], tuple[object, str | None]]


class SheetReader:
    """Validate one sheet: find its header, map columns, parse every cell, check every row."""

    def __init__(self, file: str, sheet: RawSheet, kind: SheetKind, ctx: Context, deadline: float) -> None:
        self.file, self.sheet, self.kind, self.ctx, self.deadline = file, sheet, kind, ctx, deadline
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
        self.rows = self._read()
        return self

    def _read(self) -> list:
        rows = self.sheet.rows
        first_row, first_col = self.sheet.first_row, self.sheet.first_col
        index = header_index(self.kind)
        head: list[tuple[int, list[object]]] = []
        for offset, cells in enumerate(rows):
            head.append((first_row + offset, cells))
            if first_row + offset >= HEADER_SCAN_ROWS + 1:
                break
        header_pos = None
        for pos, (_, cells) in enumerate(head):
            if first_row + pos > HEADER_SCAN_ROWS:
                break
            matches = sum(1 for c in cells if isinstance(c, str) and header_key(c) in index)
            if matches >= MIN_HEADER_MATCHES:
                header_pos = pos
                break
        if header_pos is None:
            self.add("header-not-found", None, None, None)
            return []
        labels = [c if isinstance(c, str) else "" for c in head[header_pos][1]]
        data_pos = header_pos + 1
        if data_pos < len(head) and self._is_lower_header(head[header_pos][1], head[data_pos][1], index):
            lower = head[data_pos][1]
            labels = [
                (lower[i] if i < len(lower) and isinstance(lower[i], str) and lower[i].strip() else labels[i])
                for i in range(max(len(labels), len(lower)))
            ]
            data_pos += 1
        header_row = first_row + data_pos - 1
        columns = self._map_columns(labels, first_col, header_row, index)
        if columns is None:
            return []
        remaining = [cells for _, cells in head[data_pos:]]
        return self._read_rows(columns, first_row + data_pos, _chain(remaining, rows), first_col)

    def _is_lower_header(self, upper: list[object], lower: list[object], index: dict) -> bool:
        """A second header row: it names known headers where the upper row has a group title or blank."""
        for i, cell in enumerate(lower):
            if not isinstance(cell, str) or header_key(cell) not in index:
                continue
            above = upper[i] if i < len(upper) else ""
            if not (isinstance(above, str) and header_key(above) in index):
                return True
        return False

    def _map_columns(self, labels: list[str], first_col: int, header_row: int, index: dict) -> list[_Column] | None:
        columns: list[_Column] = []
        seen: set[str] = set()
        for i, label in enumerate(labels):
            if not label.strip():
                continue
            letter = column_letter(first_col + i)
            key = header_key(label)
            if key in RUNNING_NUMBER_HEADERS and i == 0:
                continue
            if key not in index:
                if key not in RUNNING_NUMBER_HEADERS:
                    self.add("unknown-column", header_row, letter, None, label.strip())
                continue
            spec, factor = index[key]
            if spec.name in seen:  # a duplicate header: the first column wins
                self.add("unknown-column", header_row, letter, None, label.strip())
                continue
            seen.add(spec.name)
            self.columns[spec.name] = letter
            columns.append(_Column(i, letter, spec, factor, self._parser(spec)))
        ok = True
        for spec in FIELDS[self.kind]:
            if not spec.required or spec.name in seen:
                continue
            if self.kind is SheetKind.COOP_ASSESSMENT and spec.name == "nomor_badan_hukum":
                continue
            self.add("missing-column", header_row, None, spec.name, header=spec.headers[0])
            ok = False
        if self.kind is SheetKind.COOP_ASSESSMENT and not seen & {"nomor_badan_hukum", "nik_koperasi"}:
            self.add("missing-column", header_row, None, "nomor_badan_hukum", header="No Badan Hukum")
            ok = False
        return columns if ok else None

    # -- cells ------------------------------------------------------------------------------
    def _parser(self, spec: FieldSpec) -> Callable[[object], tuple[object, str | None]]:
        ctx = self.ctx
        kind = spec.kind
        if kind == "text":
            return fp.parse_text
        if kind in ("amount", "positive_amount", "signed_amount"):
            return fp.parse_amount
        if kind == "date":
            return fp.parse_date
        if kind == "date_or_year":
            return lambda raw: fp.parse_date(raw, year_alone=True)
        if kind == "year":
            return fp.parse_year
        if kind == "count":
            return fp.parse_integer
        if kind == "points":
            return _parse_points
        if kind == "yes_no":
            return fp.parse_yes_no
        if kind == "gender":
            return fp.parse_gender
        if kind == "phone":
            return fp.parse_phone
        if kind == "account":
            return fp.parse_account
        if kind == "nib":
            return fp.parse_nib
        if kind == "place_date":
            return fp.parse_place_date
        if kind == "nik":
            return lambda raw: (fp.check_nik(raw, fp.PROVINCE_CODES), None)
        if kind == "nik_koperasi":
            return _parse_nik_koperasi
        if kind == "status":
            return lambda raw: _lookup(raw, STATUSES, "unknown-status")
        if kind == "coop_type":
            return lambda raw: _lookup(raw, COOP_TYPES, "unknown-coop-type")
        if kind == "kecamatan":
            return lambda raw: _lookup(raw, _KecamatanIndex(ctx.region), "unknown-kecamatan")
        if kind in ("kelurahan", "sector"):
            return fp.parse_text
        raise ValueError(f"unknown field kind {kind}")

    def _read_rows(self, columns: list[_Column], row_no: int, rows: Iterable[list[object]], first_col: int) -> list:
        model = MODELS[self.kind]
        blanks = self.sheet.formula_blanks
        merged = self._merged_fill(columns, row_no, first_col)
        merged_values: dict[tuple[int, int], object] = {}
        empty_run = 0
        stop_after = self.ctx.settings.limits.empty_rows_stop
        out = []
        check_row = _ROW_CHECKS[self.kind]
        by_name = {c.spec.name: c for c in columns}
        file, sheet = self.file, self.sheet.name
        today = self.ctx.today
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
                c.spec.kind in _CHECKED_KINDS,
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
            if (current & 0x3FFF) == 0 and time.monotonic() > self.deadline:
                raise Unreadable("pembacaan melebihi batas waktu per berkas")
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
        _DUPLICATES[self.kind](self, out, by_name)
        return out

    def _code_params(self, code: str, spec: FieldSpec, raw: object) -> dict[str, object]:
        if code == "unknown-kecamatan":
            return {"suggestion": self.ctx.region.suggest_kecamatan(str(raw)) or ""}
        if code == "score-out-of-range":
            return {"max": _points_max(self.ctx, spec.name)}
        return {}

    def _check_value(
        self, spec: FieldSpec, col: _Column, value: object, raw: object, row: int, errors: set[str], today: date
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
            maximum = _points_max(self.ctx, spec.name)
            if not 0 <= value <= maximum:  # type: ignore[operator]
                self.add("score-out-of-range", row, col.letter, spec.name, raw, max=_num(maximum))
                errors.add(spec.name)
                return None
        elif kind == "sector":
            sector = self.ctx.sectors.get(fp.fold(value)) or _sector_by_word(self.ctx.sectors, value)
            if sector is None:
                self.add("unknown-sector", row, col.letter, spec.name, raw)
                sector = "Lainnya"
            return _SectorValue(value, sector)
        return value

    def _merged_fill(
        self, columns: list[_Column], data_row: int, first_col: int
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


class _SectorValue(str):
    """The sector as written, carrying the sector it maps to."""

    sector: str

    def __new__(cls, written: str, sector: str) -> _SectorValue:
        obj = super().__new__(cls, written)
        obj.sector = sector
        return obj


def _sector_by_word(sectors: dict[str, str], text: str) -> str | None:
    words = text.lower().replace("/", " ").replace(",", " ").split()
    for word in words:
        hit = sectors.get(fp.fold(word))
        if hit:
            return hit
    return None


class _KecamatanIndex:
    """Dict-like view of the region's kecamatan for _lookup."""

    def __init__(self, region: Region) -> None:
        self.region = region

    def get(self, key: str) -> str | None:
        kec = self.region.find_kecamatan(key)
        return kec.name if kec else None


def _lookup(raw: object, table: object, code: str) -> tuple[str | None, str | None]:
    text, _ = fp.parse_text(raw)
    if text is None:
        return None, None
    hit = table.get(fp.fold(text))  # type: ignore[attr-defined]
    return (hit, None) if hit else (None, code)


def _parse_points(raw: object) -> tuple[float | None, str | None]:
    value, code = fp.parse_amount(raw)
    return (None, "bad-number") if code else (value, None)  # type: ignore[return-value]


def _parse_nik_koperasi(raw: object) -> tuple[str | None, str | None]:
    digits, _numeric = fp.clean_identifier(raw)
    if not digits:
        return None, None
    if len(digits) != 16 or not digits.isdigit():
        return digits, "nik-koperasi-format"
    return digits, None


def _points_max(ctx: Context, name: str) -> float:
    return ctx.settings.cooperatives.aspect_max.get(name, 100)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


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


def _repeating_columns(sample: list[list[object]], columns: list[_Column]) -> set[int]:
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


# -- row checks ----------------------------------------------------------------------------------


def _check_business(
    reader: SheetReader, values: dict, errors: set[str], row: int, cols: dict[str, _Column], cells: list
) -> None:
    sector = values.get("bidang_usaha")
    if isinstance(sector, _SectorValue):
        values["bidang_usaha"] = str(sector)
        values["sektor"] = sector.sector
    nik = values.get("nik")
    if nik and "nik" not in errors:
        born = reader.nik_births.get(nik[6:12], _UNSEEN)
        if born is _UNSEEN:  # a NIK's birth date depends on its DDMMYY alone: 36,500 of them at most
            born = reader.nik_births[nik[6:12]] = fp.nik_birth_date(nik, reader.ctx.today)
        own = values.get("tanggal_lahir")
        if born and own and born != own:
            col = cols.get("tanggal_lahir") or cols.get("tempat_tanggal_lahir")
            reader.add(
                "nik-mismatch-birthdate",
                row,
                col.letter if col else None,
                "tanggal_lahir",
                own.strftime("%d-%m-%Y"),
                nik_date=born.strftime("%d-%m-%Y"),
                row_date=own.strftime("%d-%m-%Y"),
            )
        sex = fp.nik_gender(nik)
        own_sex = values.get("jenis_kelamin")
        if sex and own_sex and sex != own_sex:
            col = cols["jenis_kelamin"]
            reader.add(
                "nik-mismatch-gender", row, col.letter, "jenis_kelamin", own_sex, nik_gender=sex, row_gender=own_sex
            )
    kelurahan = values.get("kelurahan")
    if kelurahan:
        col = cols["kelurahan"]
        found = reader.kelurahan.get(kelurahan, _UNSEEN)
        if found is _UNSEEN:
            found = reader.kelurahan[kelurahan] = reader.ctx.region.find_kelurahan(kelurahan)
        kec_name = values.get("kecamatan")
        if found is None:
            kec = reader.ctx.region.find_kecamatan(kec_name) if kec_name else None
            reader.add(
                "unknown-kelurahan",
                row,
                col.letter,
                "kelurahan",
                kelurahan,
                suggestion=reader.ctx.region.suggest_kelurahan(kelurahan, kec) or "",
            )
        else:
            official, kec = found
            values["kelurahan"] = official
            if kec_name and kec.name != kec_name:
                reader.add(
                    "kelurahan-mismatch",
                    row,
                    col.letter,
                    "kelurahan",
                    kelurahan,
                    kelurahan=official,
                    expected=kec.name,
                    kecamatan=kec_name,
                )
    if "menerima_kur" not in values or values["menerima_kur"] is None:
        values["menerima_kur"] = False


def _check_proposal(reader: SheetReader, values: dict, errors: set[str], row: int, cols: dict, cells: list) -> None:
    if values.get("status") is None:  # blank status means Diusulkan: the model's default
        values.pop("status", None)


def _no_row_check(reader: SheetReader, values: dict, errors: set[str], row: int, cols: dict, cells: list) -> None:
    return None


def _check_assessment(reader: SheetReader, values: dict, errors: set[str], row: int, cols: dict, cells: list) -> None:
    if not values.get("nomor_badan_hukum") and not values.get("nik_koperasi") and "nomor_badan_hukum" not in errors:
        col = cols.get("nomor_badan_hukum") or cols.get("nik_koperasi")
        reader.add("missing-value", row, col.letter if col else None, "nomor_badan_hukum", header="No Badan Hukum")
        errors.add("nomor_badan_hukum")


_ROW_CHECKS = {
    SheetKind.BUSINESSES: _check_business,
    SheetKind.PROPOSALS: _check_proposal,
    SheetKind.AID_HISTORY: _no_row_check,
    SheetKind.COOPERATIVES: _no_row_check,
    SheetKind.COOP_ASSESSMENT: _check_assessment,
}


# -- duplicates (one pass, a dict each: linear in rows) ------------------------------------------


def _dup_businesses(reader: SheetReader, rows: list, cols: dict[str, _Column]) -> None:
    _mark_duplicates(reader, rows, "nik", lambda r: r.nik, "duplicate-nik", cols)


def _dup_cooperatives(reader: SheetReader, rows: list, cols: dict[str, _Column]) -> None:
    _mark_duplicates(
        reader,
        rows,
        "nomor_badan_hukum",
        lambda r: fp.fold(r.nomor_badan_hukum) if r.nomor_badan_hukum else None,
        "duplicate-coop",
        cols,
    )


def _mark_duplicates(
    reader: SheetReader, rows: list, name: str, key: Callable, code: str, cols: dict[str, _Column]
) -> None:
    first: dict[str, int] = {}
    col = cols.get(name)
    for i, item in enumerate(rows):
        k = key(item)
        if not k:
            continue
        if k in first:
            reader.add(
                code, item.row, col.letter if col else None, name, getattr(item, name), first_row=rows[first[k]].row
            )
            rows[i] = item.model_copy(update={"error_fields": item.error_fields | {name}})
        else:
            first[k] = i


def _no_dups(reader: SheetReader, rows: list, cols: dict) -> None:
    return None


_DUPLICATES = {
    SheetKind.BUSINESSES: _dup_businesses,
    SheetKind.PROPOSALS: _no_dups,
    SheetKind.AID_HISTORY: _no_dups,
    SheetKind.COOPERATIVES: _dup_cooperatives,
    SheetKind.COOP_ASSESSMENT: _no_dups,
}


# -- across sheets and files -----------------------------------------------------------------------


def _cross_sheet(data: Dataset) -> None:
    """Assessments must name a cooperative of the cooperatives sheet (warning when not)."""
    if not data.assessments:
        return
    by_bh = {fp.fold(c.nomor_badan_hukum) for c in data.cooperatives if c.nomor_badan_hukum}
    by_nik = {c.nik_koperasi for c in data.cooperatives if c.nik_koperasi}
    for a in data.assessments:
        if (a.nomor_badan_hukum and fp.fold(a.nomor_badan_hukum) in by_bh) or (
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


def _count(data: Dataset) -> None:
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
