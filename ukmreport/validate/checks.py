"""Checks across the fields of one row.

What goes in is a row's parsed values (and the reader that reports findings); what comes out is
the values completed (a sector's group, a kelurahan's official name) and findings: a NIK whose
birth date or sex disagrees with the row, a kelurahan not in the region or not in the row's
kecamatan (shared/spec/workbooks.md). Duplicates are found across files, in cross.py.
"""

from __future__ import annotations

from typing import Protocol

from ukmreport.models import SheetKind
from ukmreport.validate.headers import Column
from ukmreport.validate.identifiers import nik_birth_date, nik_gender
from ukmreport.validate.kinds import Context, SectorValue

_UNSEEN = object()


class Reader(Protocol):
    """What the checks need of the sheet's reader: the context, its look-ups, a way to report."""

    ctx: Context
    nik_births: dict[str, object]
    kelurahan: dict[str, object]

    def add(
        self,
        code: str,
        row: int | None,
        column: str | None,
        field_name: str | None,
        value: object = None,
        **params: object,
    ) -> None: ...


# -- row checks ----------------------------------------------------------------------------------


def _check_business(
    reader: Reader, values: dict, errors: set[str], row: int, cols: dict[str, Column], cells: list
) -> None:
    sector = values.get("bidang_usaha")
    if isinstance(sector, SectorValue):
        values["bidang_usaha"] = str(sector)
        values["sektor"] = sector.sector
    nik = values.get("nik")
    if nik and "nik" not in errors:
        born = reader.nik_births.get(nik[6:12], _UNSEEN)
        if born is _UNSEEN:  # a NIK's birth date depends on its DDMMYY alone: 36,500 of them at most
            born = reader.nik_births[nik[6:12]] = nik_birth_date(nik, reader.ctx.today)
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
        sex = nik_gender(nik)
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


def _check_proposal(reader: Reader, values: dict, errors: set[str], row: int, cols: dict, cells: list) -> None:
    if values.get("status") is None:  # blank status means Diusulkan: the model's default
        values.pop("status", None)


def _no_row_check(reader: Reader, values: dict, errors: set[str], row: int, cols: dict, cells: list) -> None:
    return None


def _check_assessment(reader: Reader, values: dict, errors: set[str], row: int, cols: dict, cells: list) -> None:
    if not values.get("nomor_badan_hukum") and not values.get("nik_koperasi") and "nomor_badan_hukum" not in errors:
        col = cols.get("nomor_badan_hukum") or cols.get("nik_koperasi")
        reader.add("missing-value", row, col.letter if col else None, "nomor_badan_hukum", header="No Badan Hukum")
        errors.add("nomor_badan_hukum")


ROW_CHECKS = {
    SheetKind.BUSINESSES: _check_business,
    SheetKind.PROPOSALS: _check_proposal,
    SheetKind.AID_HISTORY: _no_row_check,
    SheetKind.COOPERATIVES: _no_row_check,
    SheetKind.COOP_ASSESSMENT: _check_assessment,
}
