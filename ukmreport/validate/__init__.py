"""Validation: raw sheets → pydantic models and findings (shared/spec/workbooks.md).

What goes in is the input folder's files as the read stage gives them; what comes out is a
Dataset: the valid rows of each sheet kind, every finding with its file, sheet, row and column.

The modules, in the order a sheet goes through them: inputs (files → Dataset), headers (the header
row and its columns), cells, dates and identifiers (one cell → a value or a finding code), kinds
(a field's kind → its parser; the Context), rows (a sheet's rows → models), checks (across a
row's fields, duplicates across rows), cross (across sheets, and the counts); schema holds the
sheets of shared/spec/workbooks.md as data.
"""

from ukmreport.validate.cells import (
    Gender,
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
    nik_birth_date,
    nik_gender,
    parse_account,
    parse_kk,
    parse_nib,
    parse_phone,
)
from ukmreport.validate.inputs import Context, input_files, read_inputs
from ukmreport.validate.schema import FIELDS, SHEET_NAMES, FieldSpec

__all__ = [
    "FIELDS",
    "PROVINCE_CODES",
    "SHEET_NAMES",
    "Context",
    "FieldSpec",
    "Gender",
    "check_nik",
    "clean_identifier",
    "fold",
    "input_files",
    "nik_birth_date",
    "nik_gender",
    "parse_account",
    "parse_amount",
    "parse_date",
    "parse_gender",
    "parse_integer",
    "parse_kk",
    "parse_nib",
    "parse_phone",
    "parse_place_date",
    "parse_text",
    "parse_year",
    "parse_yes_no",
    "read_inputs",
]
