"""Field kinds → cell parsers, and the Context validation needs besides the cells.

What goes in is a field's spec (schema.py) and the Context (settings, region, today); what comes
out is the parser for that field's cells: a cell in, ``(value, finding code)`` out, as in
cells.py. The look-ups here (statuses, cooperative types, kecamatan, sectors) are the lists of
shared/spec/workbooks.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ukmreport.settings import Settings
from ukmreport.validate.cells import (
    fold,
    parse_amount,
    parse_gender,
    parse_integer,
    parse_text,
    parse_year,
    parse_yes_no,
)
from ukmreport.validate.dates import parse_date, parse_place_date
from ukmreport.validate.identifiers import (
    PROVINCE_CODES,
    check_nik,
    clean_identifier,
    parse_account,
    parse_kk,
    parse_nib,
    parse_phone,
)
from ukmreport.validate.schema import FieldSpec

if TYPE_CHECKING:  # region.py folds names with cells.fold: a run-time import would be a cycle
    from ukmreport.office.region import Region

# Field kinds whose parsed value needs a further check (sign, range, future date, sector map).
CHECKED_KINDS = frozenset(
    {"amount", "positive_amount", "signed_amount", "count", "date", "date_or_year", "place_date", "points", "sector"}
)
STATUSES = {fold(s): s for s in ("Diusulkan", "Disetujui", "Ditolak", "Disalurkan")}
COOP_TYPES = {
    **{fold(s): s for s in ("Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa")},
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
            sectors[fold(sector)] = sector
            for alias in aliases:
                sectors[fold(alias)] = sector
        return cls(settings=settings, region=region, today=today, sectors=sectors)


def parser_for(spec: FieldSpec, ctx: Context) -> Callable[[object], tuple[object, str | None]]:
    """The parser of one field kind: a cell in, (value, finding code) out."""
    kind = spec.kind
    if kind == "text":
        return parse_text
    if kind in ("amount", "positive_amount", "signed_amount"):
        return parse_amount
    if kind == "date":
        return parse_date
    if kind == "date_or_year":
        return lambda raw: parse_date(raw, year_alone=True)
    if kind == "year":
        return parse_year
    if kind == "count":
        return parse_integer
    if kind == "points":
        return parse_points
    if kind == "yes_no":
        return parse_yes_no
    if kind == "gender":
        return parse_gender
    if kind == "phone":
        return parse_phone
    if kind == "account":
        return parse_account
    if kind == "nib":
        return parse_nib
    if kind == "place_date":
        return parse_place_date
    if kind == "nik":
        return lambda raw: (check_nik(raw, PROVINCE_CODES), None)
    if kind == "nik_koperasi":
        return parse_nik_koperasi
    if kind == "kk":
        return parse_kk
    if kind == "guideline":
        return parse_guideline
    if kind == "status":
        return lambda raw: lookup(raw, STATUSES, "unknown-status")
    if kind == "coop_type":
        return lambda raw: lookup(raw, COOP_TYPES, "unknown-coop-type")
    if kind == "kecamatan":
        return lambda raw: lookup(raw, KecamatanIndex(ctx.region), "unknown-kecamatan")
    if kind in ("kelurahan", "sector"):
        return parse_text
    raise ValueError(f"unknown field kind {kind}")


class SectorValue(str):
    """The sector as written, carrying the sector it maps to."""

    sector: str

    def __new__(cls, written: str, sector: str) -> SectorValue:
        obj = super().__new__(cls, written)
        obj.sector = sector
        return obj


def sector_by_word(sectors: dict[str, str], text: str) -> str | None:
    words = text.lower().replace("/", " ").replace(",", " ").split()
    for word in words:
        hit = sectors.get(fold(word))
        if hit:
            return hit
    return None


class KecamatanIndex:
    """Dict-like view of the region's kecamatan for lookup."""

    def __init__(self, region: Region) -> None:
        self.region = region

    def get(self, key: str) -> str | None:
        kec = self.region.find_kecamatan(key)
        return kec.name if kec else None


def lookup(raw: object, table: object, code: str) -> tuple[str | None, str | None]:
    text, _ = parse_text(raw)
    if text is None:
        return None, None
    hit = table.get(fold(text))  # type: ignore[attr-defined]
    return (hit, None) if hit else (None, code)


def parse_points(raw: object) -> tuple[float | None, str | None]:
    value, code = parse_amount(raw)
    return (None, "bad-number") if code else (value, None)  # type: ignore[return-value]


def parse_guideline(raw: object) -> tuple[str | None, str | None]:
    """`2016` or `2021`, also inside words ('Pedoman 2021', 'Juknis 15/2021'); else assessment-incomplete."""
    text, _ = parse_text(raw)
    if text is None:
        return None, None
    found = [year for year in ("2016", "2021") if year in text]
    return (found[0], None) if len(found) == 1 else (None, "assessment-incomplete")


def parse_nik_koperasi(raw: object) -> tuple[str | None, str | None]:
    digits, _numeric = clean_identifier(raw)
    if not digits:
        return None, None
    if len(digits) != 16 or not digits.isdigit():
        return digits, "nik-koperasi-format"
    return digits, None


def points_max(ctx: Context, name: str) -> float:
    """An aspect's maximum points; an aspect both guidelines share is checked per row as well."""
    rules = ctx.settings.cooperatives
    return max(rules.aspect_max.get(name, 0), rules.aspect_max_2021.get(name, 0)) or 100


def plain_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
