"""Checks across the fields of one row.

What goes in is a row's parsed values (and the reader that reports findings); what comes out is
the values completed (a sector's group, a kelurahan's official name) and findings: a NIK whose
birth date or sex disagrees with the row, a kelurahan not in the region or not in the row's
kecamatan (shared/spec/workbooks.md). Duplicates are found across files, in cross.py.
"""

from __future__ import annotations

from typing import Protocol

from ukmreport import formatting as fmt
from ukmreport.messages import category_text
from ukmreport.models import SheetKind
from ukmreport.validate.headers import Column
from ukmreport.validate.health import category_of_text, choose_guideline, health_category, score
from ukmreport.validate.identifiers import nik_birth_date, nik_gender
from ukmreport.validate.kinds import Context, SectorValue
from ukmreport.validate.schema import FIELDS

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
    if "pedoman" in errors:  # a pedoman that is neither 2016 nor 2021 was reported as it was read
        return
    rules = reader.ctx.settings.cooperatives
    maxima = {**rules.aspect_max_2021, **rules.aspect_max}
    filled = {name for name in maxima if name in values or name in errors}
    guideline, missing, extra = choose_guideline(values.get("pedoman"), filled)
    if missing or extra:
        _incomplete(reader, row, cols, guideline, missing, extra, values.get("pedoman"))
        errors.add((missing or extra)[0])
        return
    assert guideline is not None  # complete rows have one
    values["pedoman"] = guideline
    for aspect, top in rules.aspect_maxima(guideline).items():
        points = values.get(aspect)
        if points is not None and points > top:  # within the other guideline's maximum, not this one's
            col = cols[aspect]
            reader.add("score-out-of-range", row, col.letter, aspect, points, max=f"{top:g}")
            errors.add(aspect)
    written = values.get("predikat")
    if written and not errors:
        computed = health_category(score(values, guideline, rules), rules, guideline)
        if category_of_text(written) != computed:
            col = cols["predikat"]
            reader.add(
                "predicate-mismatch",
                row,
                col.letter,
                "predikat",
                written,
                computed_id=category_text(computed, "id"),
                computed_en=category_text(computed, "en"),
                score_id=fmt.number(score(values, guideline, rules)),
                score_en=f"{score(values, guideline, rules):,g}",
            )


def _incomplete(
    reader: Reader,
    row: int,
    cols: dict[str, Column],
    guideline: str | None,
    missing: list[str],
    extra: list[str],
    pedoman: str | None,
) -> None:
    """assessment-incomplete: the aspects a row lacks, or the other guideline's aspects it has."""
    names = missing or extra
    headers = ", ".join(_header(reader, cols, name) for name in names)
    if missing:
        what_id = f"pedoman {guideline or '2016'} memerlukan {headers}, yang kosong"
        what_en = f"guideline {guideline or '2016'} needs {headers}, which are empty"
    elif pedoman:
        what_id = f"pedoman {pedoman} tidak memakai {headers}"
        what_en = f"guideline {pedoman} has no {headers}"
    else:
        what_id = f"kolom pedoman 2016 dan 2021 terisi bersama ({headers}); isi kolom Pedoman"
        what_en = f"aspects of both the 2016 and 2021 guidelines are filled ({headers}); fill in Pedoman"
    col = cols.get(names[0]) or cols.get("pedoman") or cols.get("tahun_buku")
    reader.add(
        "assessment-incomplete",
        row,
        col.letter if col else None,
        names[0],
        what_id=what_id,
        what_en=what_en,
    )


def _header(reader: Reader, cols: dict[str, Column], name: str) -> str:
    col = cols.get(name)
    if col is not None:
        return f"{col.spec.headers[0]} ({col.letter})"
    return next(spec.headers[0] for spec in FIELDS[SheetKind.COOP_ASSESSMENT] if spec.name == name)


ROW_CHECKS = {
    SheetKind.BUSINESSES: _check_business,
    SheetKind.PROPOSALS: _check_proposal,
    SheetKind.AID_HISTORY: _no_row_check,
    SheetKind.COOPERATIVES: _no_row_check,
    SheetKind.COOP_ASSESSMENT: _check_assessment,
}
