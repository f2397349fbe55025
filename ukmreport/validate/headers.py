"""Header detection: where a sheet's header row is, and which field each column holds.

What goes in is a RawSheet's first rows and its sheet kind; what comes out is the columns that
map to fields of shared/spec/workbooks.md (each with its parser), the Excel row where the data
begins and the rows from there on, plus findings for unknown, duplicate and missing columns. A
header is the first of the first HEADER_SCAN_ROWS rows naming MIN_HEADER_MATCHES known headers;
a second row below it naming known headers under group titles completes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from ukmreport.models import SheetKind
from ukmreport.read import RawSheet, column_letter
from ukmreport.validate.kinds import Context, parser_for
from ukmreport.validate.schema import FIELDS, RUNNING_NUMBER_HEADERS, FieldSpec, header_index, header_key

HEADER_SCAN_ROWS = 20
MIN_HEADER_MATCHES = 3

# Reports one finding: code, row, column letter, field name, the value shown, and the message's params.
Report = Callable[..., None]


@dataclass
class Column:
    index: int  # 0-based position in the raw row
    letter: str
    spec: FieldSpec
    factor: int
    parse: Callable[[object], tuple[object, str | None]]


@dataclass
class Header:
    """The columns found, the Excel row where the data begins, and the rows from there on."""

    columns: list[Column]
    data_row: int
    rows: Iterator[list[object]]


def find_header(sheet: RawSheet, kind: SheetKind, ctx: Context, add: Report, letters: dict[str, str]) -> Header | None:
    """Find the header and map its columns; None (with findings) when the sheet has no usable one.

    `letters` receives each mapped field's column letter, even when a required column is missing.
    """
    rows = sheet.rows
    first_row, first_col = sheet.first_row, sheet.first_col
    index = header_index(kind)
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
        add("header-not-found", None, None, None)
        return None
    labels = [c if isinstance(c, str) else "" for c in head[header_pos][1]]
    data_pos = header_pos + 1
    if data_pos < len(head) and _is_lower_header(head[header_pos][1], head[data_pos][1], index):
        lower = head[data_pos][1]
        labels = [
            (lower[i] if i < len(lower) and isinstance(lower[i], str) and lower[i].strip() else labels[i])
            for i in range(max(len(labels), len(lower)))
        ]
        data_pos += 1
    header_row = first_row + data_pos - 1
    columns = _map_columns(labels, first_col, header_row, index, kind, ctx, add, letters)
    if columns is None:
        return None
    remaining = [cells for _, cells in head[data_pos:]]
    return Header(columns, first_row + data_pos, chain(remaining, rows))


def _is_lower_header(upper: list[object], lower: list[object], index: dict) -> bool:
    """A second header row: it names known headers where the upper row has a group title or blank."""
    for i, cell in enumerate(lower):
        if not isinstance(cell, str) or header_key(cell) not in index:
            continue
        above = upper[i] if i < len(upper) else ""
        if not (isinstance(above, str) and header_key(above) in index):
            return True
    return False


def _map_columns(
    labels: list[str],
    first_col: int,
    header_row: int,
    index: dict,
    kind: SheetKind,
    ctx: Context,
    add: Report,
    letters: dict[str, str],
) -> list[Column] | None:
    columns: list[Column] = []
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
                add("unknown-column", header_row, letter, None, label.strip())
            continue
        spec, factor = index[key]
        if spec.name in seen:  # a duplicate header: the first column wins
            add("unknown-column", header_row, letter, None, label.strip())
            continue
        seen.add(spec.name)
        letters[spec.name] = letter
        columns.append(Column(i, letter, spec, factor, parser_for(spec, ctx)))
    ok = True
    for spec in FIELDS[kind]:
        if not spec.required or spec.name in seen:
            continue
        if kind is SheetKind.COOP_ASSESSMENT and spec.name == "nomor_badan_hukum":
            continue
        add("missing-column", header_row, None, spec.name, header=spec.headers[0])
        ok = False
    if kind is SheetKind.COOP_ASSESSMENT and not seen & {"nomor_badan_hukum", "nik_koperasi"}:
        add("missing-column", header_row, None, "nomor_badan_hukum", header="No Badan Hukum")
        ok = False
    return columns if ok else None


def kind_by_headers(rows: list[list[object]]) -> SheetKind | None:
    """The one sheet kind whose required headers all stand in one header row of `rows`, else None.

    A two-row header counts as one: a row's headers together with those of the row below it.
    None when no kind or several kinds match (a sheet is never guessed).
    """
    matched = [kind for kind in SheetKind if _names_required(rows, kind)]
    return matched[0] if len(matched) == 1 else None


def _names_required(rows: list[list[object]], kind: SheetKind) -> bool:
    index = header_index(kind)
    required = {spec.name for spec in FIELDS[kind] if spec.required}
    either: set[str] = set()
    if kind is SheetKind.COOP_ASSESSMENT:  # one of the two identifies the cooperative
        required.discard("nomor_badan_hukum")
        either = {"nomor_badan_hukum", "nik_koperasi"}
    named = [
        {index[header_key(c)][0].name for c in cells if isinstance(c, str) and header_key(c) in index} for cells in rows
    ]
    for pos, names in enumerate(named):
        both = names | (named[pos + 1] if pos + 1 < len(named) else set())
        if required <= both and (not either or both & either):
            return True
    return False
