"""Tests for the cell parsers: the spec's tables of spellings, and properties."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ukmreport.validate import (
    PROVINCE_CODES,
    check_nik,
    clean_identifier,
    fold,
    nik_birth_date,
    nik_gender,
    parse_account,
    parse_amount,
    parse_date,
    parse_gender,
    parse_integer,
    parse_nib,
    parse_phone,
    parse_place_date,
    parse_text,
    parse_year,
    parse_yes_no,
)

P = pytest.param

# --- fold and text --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        P("Tgl. Lahir", "tgllahir", id="dot and space dropped"),
        P("Modal/Aset (Rp)", "modalasetrp", id="slash and parentheses dropped"),
        P("LEA-LEA", "lealea", id="dash dropped, case folded"),
        P("Lea_Lea", "lealea", id="underscore dropped"),
        P("Jum'at, 1", "jumat1", id="apostrophe and comma dropped"),
        P("  Tidak   Ada ", "tidakada", id="spaces dropped"),
        P("", "", id="empty stays empty"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("  Toko   Sinar  Jaya ", "Toko Sinar Jaya", id="trimmed and collapsed"),
        P("a\tb\nc", "a b c", id="tabs and newlines collapse"),
        P(2586650756.0, "2586650756", id="whole float without .0"),
        P(12, "12", id="int"),
        P(1.5, "1.5", id="fraction kept"),
        P(date(2024, 3, 1), "2024-03-01", id="date as ISO"),
        P(datetime(2024, 3, 1), "2024-03-01", id="midnight datetime as ISO date"),
        P(datetime(2024, 3, 1, 8, 30), "2024-03-01 08:30:00", id="datetime with time"),
        P(True, "TRUE", id="logical as Excel shows it"),
        P(None, None, id="None is blank"),
        P("   ", None, id="whitespace is blank"),
        P("-", None, id="dash is blank"),
    ],
)
def test_parse_text(raw: Any, expected: str | None) -> None:
    assert parse_text(raw) == (expected, None)


# --- amounts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("7000000", 7_000_000, id="plain digits"),
        P("7.000.000", 7_000_000, id="dot groups thousands"),
        P("Rp 7.000.000", 7_000_000, id="Rp with space"),
        P("Rp7.000.000,-", 7_000_000, id="Rp and ,- for no cents"),
        P("Rp. 7.000.000,00", 7_000_000, id="Rp. and zero cents"),
        P("Rp7.000.000,50", 7_000_000.5, id="comma is the decimal mark"),
        P("7 juta", 7_000_000, id="juta"),
        P("7,5 juta", 7_500_000, id="decimal juta"),
        P("2,5jt", 2_500_000, id="jt attached"),
        P("7 jt.", 7_000_000, id="jt with dot"),
        P("1,2 M", 1_200_000_000, id="M is miliar"),
        P("1,2 miliar", 1_200_000_000, id="miliar"),
        P("1 milyar", 1_000_000_000, id="milyar"),
        P("1,5 T", 1_500_000_000_000, id="T is triliun"),
        P("1,5 triliun", 1_500_000_000_000, id="triliun"),
        P("500 rb", 500_000, id="rb"),
        P("500 ribu", 500_000, id="ribu"),
        P("7 juta rupiah", 7_000_000, id="trailing rupiah"),
        P("1.500 juta", 1_500_000_000, id="thousands of juta"),
        P("7.5 juta", 7_500_000, id="dot before non-group digits is a decimal point"),
        P("IDR 7,000,000", 7_000_000, id="several comma groups of three are thousands"),
        P("7,000,000.50", 7_000_000.5, id="English marks: last mark is the decimal"),
        P("-7.000.000", -7_000_000, id="leading minus"),
        P("-Rp1.500.000", -1_500_000, id="minus before Rp"),
        P("Rp -1.500.000", -1_500_000, id="minus after Rp"),
        P("(7.000.000)", -7_000_000, id="parentheses are negative"),
        P("Rp (7 juta)", -7_000_000, id="parentheses after Rp"),
        P("Rp -", 0, id="accounting zero"),
        P("0", 0, id="zero"),
        P("0,125", 0.12, id="decimals rounded to two"),
        P(7_000_000, 7_000_000, id="typed int"),
        P(2586650756.0, 2_586_650_756, id="typed whole float becomes int"),
        P(1234.5678, 1234.57, id="typed float rounded to two decimals"),
        P(-5.0, -5, id="typed negative kept"),
        P(None, None, id="None is blank"),
        P("", None, id="empty is blank"),
        P("  ", None, id="whitespace is blank"),
        P("-", None, id="dash is blank"),
    ],
)
def test_parse_amount_reads(raw: Any, expected: float | None) -> None:
    value, code = parse_amount(raw)
    assert (value, code) == (expected, None)
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "raw",
    [
        P("7,000", id="one comma then three digits is ambiguous"),
        P("7000.000", id="dot then three digits that do not group"),
        P("1.000.5", id="broken grouping"),
        P("7.000,000.5", id="marks in a broken order"),
        P("7 juta 500 ribu", id="two scale words"),
        P("7 kg", id="unknown unit"),
        P("--5", id="double minus"),
        P("(7.000.000", id="unclosed parenthesis"),
        P("Rp", id="currency alone"),
        P("tujuh juta", id="words"),
        P("#N/A", id="Excel error"),
        P(True, id="logical"),
        P(date(2024, 1, 1), id="date"),
        P(float("nan"), id="NaN"),
        P(float("inf"), id="infinity"),
        P("9" * 200, id="absurdly long"),
    ],
)
def test_parse_amount_rejects(raw: Any) -> None:
    assert parse_amount(raw) == (None, "bad-amount")


# --- integers and years ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        P(12, (12, None), id="int"),
        P(12.0, (12, None), id="whole float"),
        P("12", (12, None), id="text"),
        P(" 1.234 ", (1234, None), id="thousands dot"),
        P("12,0", (12, None), id="zero decimals"),
        P("-3", (-3, None), id="negative kept for the validator"),
        P(12.5, (None, "bad-number"), id="fraction float"),
        P("12,5", (None, "bad-number"), id="fraction text"),
        P("1,000", (None, "bad-number"), id="ambiguous comma"),
        P("dua", (None, "bad-number"), id="words"),
        P(True, (None, "bad-number"), id="logical"),
        P(None, (None, None), id="None is blank"),
        P("-", (None, None), id="dash is blank"),
    ],
)
def test_parse_integer(raw: Any, expected: tuple[int | None, str | None]) -> None:
    assert parse_integer(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        P(2024, (2024, None), id="int"),
        P(2024.0, (2024, None), id="float"),
        P("2024", (2024, None), id="text"),
        P(date(2023, 12, 31), (2023, None), id="date gives its year"),
        P(datetime(2023, 5, 1, 9), (2023, None), id="datetime gives its year"),
        P(1900, (1900, None), id="lowest year"),
        P(2100, (2100, None), id="highest year"),
        P(1899, (None, "bad-number"), id="too early"),
        P(2101, (None, "bad-number"), id="too late"),
        P("24", (None, "bad-number"), id="two digits"),
        P("2024/2025", (None, "bad-number"), id="a range"),
        P(None, (None, None), id="blank"),
    ],
)
def test_parse_year(raw: Any, expected: tuple[int | None, str | None]) -> None:
    assert parse_year(raw) == expected


# --- dates ----------------------------------------------------------------------------

MARCH_12 = date(1985, 3, 12)


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("12-03-1985", MARCH_12, id="day first with dashes"),
        P("12/03/1985", MARCH_12, id="day first with slashes"),
        P("12.03.1985", MARCH_12, id="day first with dots"),
        P("03/12/1985", date(1985, 12, 3), id="day first always, never month first"),
        P("12 Maret 1985", MARCH_12, id="Indonesian month name"),
        P("12 Mar 1985", MARCH_12, id="short month name"),
        P("12 mrt 1985", MARCH_12, id="mrt"),
        P("12-Mar-1985", MARCH_12, id="dashes around month name"),
        P("12 MARET 1985", MARCH_12, id="upper case"),
        P("12 Agustus 1985", date(1985, 8, 12), id="Agustus"),
        P("12 Agu 1985", date(1985, 8, 12), id="Agu"),
        P("12 Agt 1985", date(1985, 8, 12), id="Agt"),
        P("12 Ags 1985", date(1985, 8, 12), id="Ags"),
        P("1 Mei 1985", date(1985, 5, 1), id="Mei"),
        P("1 Okt 1985", date(1985, 10, 1), id="Okt"),
        P("1 Des 1985", date(1985, 12, 1), id="Des"),
        P("1 Nopember 1985", date(1985, 11, 1), id="Nopember"),
        P("1 Peb 1985", date(1985, 2, 1), id="Peb"),
        P("1 Pebruari 1985", date(1985, 2, 1), id="Pebruari"),
        P("12 March 1985", MARCH_12, id="English month"),
        P("March 12, 1985", MARCH_12, id="English order"),
        P("Selasa, 12 Maret 1985", MARCH_12, id="weekday before"),
        P("Jum'at, 1 Maret 2024", date(2024, 3, 1), id="Jum'at"),
        P("1985-03-12", MARCH_12, id="ISO"),
        P("1985-03-12 00:00:00", MARCH_12, id="ISO with time"),
        P("1985-03-12T10:30:00", MARCH_12, id="ISO with T and time"),
        P("12-03-1985 10.30 WITA", MARCH_12, id="time with zone"),
        P("29-02-2024", date(2024, 2, 29), id="leap day"),
        P(MARCH_12, MARCH_12, id="typed date"),
        P(datetime(1985, 3, 12, 14, 0), MARCH_12, id="typed datetime"),
        P(31118, MARCH_12, id="Excel serial"),
        P(31118.5, MARCH_12, id="Excel serial with time"),
        P(1, date(1900, 1, 1), id="serial 1"),
        P(59, date(1900, 2, 28), id="serial 59"),
        P(61, date(1900, 3, 1), id="serial 61 after Excel's fake leap day"),
        P(45292.0, date(2024, 1, 1), id="serial as calamine's float"),
    ],
)
def test_parse_date_reads(raw: Any, expected: date) -> None:
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize(
    "raw, code",
    [
        P("12-03-85", "two-digit-year", id="two-digit year with dashes"),
        P("12/3/85", "two-digit-year", id="two-digit year with slashes"),
        P("12 Mar 85", "two-digit-year", id="two-digit year with month name"),
        P("31-02-2020", "bad-date", id="no 31 February"),
        P("29-02-2023", "bad-date", id="no leap day in 2023"),
        P("12-13-1985", "bad-date", id="month 13"),
        P("99-99-99", "bad-date", id="nonsense with two-digit year"),
        P("12 Foo 1985", "bad-date", id="unknown month"),
        P("12-03-0085", "bad-date", id="year before 1900"),
        P("12-03-19850", "bad-date", id="five-digit year"),
        P("Maret 1985", "bad-date", id="month and year only"),
        P("1985", "bad-date", id="year alone where a date is needed"),
        P(1985, "bad-date", id="typed year where a date is needed"),
        P(60, "bad-date", id="serial 60 is Excel's fake 29 February 1900"),
        P(0, "bad-date", id="serial 0"),
        P(-5, "bad-date", id="negative serial"),
        P(3e9, "bad-date", id="serial past 2100"),
        P(float("nan"), "bad-date", id="NaN"),
        P(time(8, 30), "bad-date", id="time alone"),
        P(True, "bad-date", id="logical"),
        P("kemarin", "bad-date", id="words"),
    ],
)
def test_parse_date_rejects(raw: Any, code: str) -> None:
    assert parse_date(raw) == (None, code)


@pytest.mark.parametrize(
    "raw, expected",
    [
        P(2015, date(2015, 1, 1), id="typed year"),
        P(2015.0, date(2015, 1, 1), id="typed year as float"),
        P("2015", date(2015, 1, 1), id="text year"),
        P("12-03-2015", date(2015, 3, 12), id="full date still read"),
        P(42000, date(2014, 12, 27), id="serial still read"),
    ],
)
def test_parse_date_year_alone(raw: Any, expected: date) -> None:
    assert parse_date(raw, year_alone=True) == (expected, None)


@pytest.mark.parametrize("raw", [None, "", "   ", "-"], ids=["None", "empty", "spaces", "dash"])
def test_parse_date_blank(raw: Any) -> None:
    assert parse_date(raw) == (None, None)


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("Baubau, 12-03-1985", ("Baubau", MARCH_12), id="comma"),
        P("Baubau / 12 Maret 1985", ("Baubau", MARCH_12), id="slash"),
        P("Baubau,12 Maret 1985", ("Baubau", MARCH_12), id="comma without space"),
        P("Bau-Bau, 12/03/1985", ("Bau-Bau", MARCH_12), id="slashes inside the date"),
        P("Baubau 12 Maret 1985", ("Baubau", MARCH_12), id="no separator"),
        P("Baubau - 12 Maret 1985", ("Baubau", MARCH_12), id="spaced dash"),
        P(
            "Pasarwajo, Buton, 12-03-1985",
            ("Pasarwajo, Buton", MARCH_12),
            id="place with a comma",
        ),
        P("12-03-1985", (None, MARCH_12), id="date only"),
        P(MARCH_12, (None, MARCH_12), id="typed date only"),
        P("Baubau", ("Baubau", None), id="place only"),
    ],
)
def test_parse_place_date_reads(raw: Any, expected: tuple[str | None, date | None]) -> None:
    assert parse_place_date(raw) == (expected, None)


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("Baubau, 12-03-85", (None, "two-digit-year"), id="two-digit year"),
        P("Baubau, 31-02-1985", (None, "bad-date"), id="impossible date"),
        P("Baubau, kemarin 12", (None, "bad-date"), id="no date"),
        P(None, (None, None), id="blank"),
        P("-", (None, None), id="dash"),
    ],
)
def test_parse_place_date_rejects(raw: Any, expected: tuple[None, str | None]) -> None:
    assert parse_place_date(raw) == expected


# --- yes/no and gender ----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("Ya", (True, None), id="Ya"),
        P("Tidak", (False, None), id="Tidak"),
        P("Y", (True, None), id="Y"),
        P("T", (False, None), id="T"),
        P("ADA", (True, None), id="Ada"),
        P("Tidak Ada", (False, None), id="Tidak Ada"),
        P("tidak-ada", (False, None), id="tidak-ada"),
        P("TRUE", (True, None), id="TRUE text"),
        P("FALSE", (False, None), id="FALSE text"),
        P(True, (True, None), id="typed true"),
        P(False, (False, None), id="typed false"),
        P("1", (True, None), id="1 text"),
        P("0", (False, None), id="0 text"),
        P(1.0, (True, None), id="1 typed"),
        P(0, (False, None), id="0 typed"),
        P("✓", (True, None), id="check mark"),
        P("✔", (True, None), id="heavy check mark"),
        P("√", (True, None), id="root sign used as a check"),
        P("v", (True, None), id="v"),
        P(None, (None, None), id="blank"),
        P(" ", (None, None), id="space is blank"),
        P("x", (None, "bad-yes-no"), id="x is ambiguous"),
        P("mungkin", (None, "bad-yes-no"), id="words"),
        P(2, (None, "bad-yes-no"), id="2"),
        P(date(2024, 1, 1), (None, "bad-yes-no"), id="date"),
    ],
)
def test_parse_yes_no(raw: Any, expected: tuple[bool | None, str | None]) -> None:
    assert parse_yes_no(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("L", ("L", None), id="L"),
        P("p", ("P", None), id="p"),
        P("Laki-laki", ("L", None), id="Laki-laki"),
        P("Laki Laki", ("L", None), id="Laki Laki"),
        P("LAKI-LAKI", ("L", None), id="upper case"),
        P("Perempuan", ("P", None), id="Perempuan"),
        P("Pria", ("L", None), id="Pria"),
        P("Wanita", ("P", None), id="Wanita"),
        P("Lk", ("L", None), id="Lk"),
        P("Pr", ("P", None), id="Pr"),
        P(" l. ", ("L", None), id="punctuation and spaces"),
        P(None, (None, None), id="blank"),
        P("X", (None, "bad-gender"), id="unknown letter"),
        P("L/P", (None, "bad-gender"), id="both"),
        P(1, (None, "bad-gender"), id="number"),
    ],
)
def test_parse_gender(raw: Any, expected: tuple[str | None, str | None]) -> None:
    assert parse_gender(raw) == expected


# --- identifiers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("'7472014503850003", ("7472014503850003", False), id="leading quote"),
        P(" 7472 0145 0385 0003 ", ("7472014503850003", False), id="spaces"),
        P("7472.0145.0385-0003", ("7472014503850003", False), id="dots and dashes"),
        P(7472014503850000.0, ("7472014503850000", True), id="float as Python's int"),
        P(12345, ("12345", True), id="int"),
        P(None, ("", False), id="blank"),
    ],
)
def test_clean_identifier(raw: Any, expected: tuple[str, bool]) -> None:
    assert clean_identifier(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("7472014503850003", ("7472014503850003", []), id="valid man"),
        P("7472015203850003", ("7472015203850003", []), id="valid woman: day + 40"),
        P(
            "'7472 0145 0385 0003",
            ("7472014503850003", []),
            id="cleaned before checking",
        ),
        P(
            7472014503850003.0,
            ("7472014503850003", ["nik-numeric"]),
            id="typed as a number: only nik-numeric",
        ),
        P(747201450385000, ("747201450385000", ["nik-numeric"]), id="numeric short"),
        P("747201450385000", ("747201450385000", ["nik-format"]), id="15 digits"),
        P("74720145038500031", ("74720145038500031", ["nik-format"]), id="17 digits"),
        P("747201450385000A", ("747201450385000A", ["nik-format"]), id="letter"),
        P("7472014503850000", ("7472014503850000", ["nik-format"]), id="serial 0000"),
        P(
            "9972014503850003",
            ("9972014503850003", ["nik-region"]),
            id="unknown province",
        ),
        P("2072014503850003", ("2072014503850003", ["nik-region"]), id="province 20"),
        P("7472013202850003", ("7472013202850003", ["nik-birthdate"]), id="day 32"),
        P(
            "7472013002850003",
            ("7472013002850003", ["nik-birthdate"]),
            id="30 February",
        ),
        P(
            "7472017202850003",
            ("7472017202850003", ["nik-birthdate"]),
            id="woman day 72",
        ),
        P("7472014513850003", ("7472014513850003", ["nik-birthdate"]), id="month 13"),
        P("7472012902010003", ("7472012902010003", ["nik-birthdate"]), id="29-02-01"),
        P("7472016902000003", ("7472016902000003", []), id="woman born 29-02-2000"),
        P(
            "9972019913850003",
            ("9972019913850003", ["nik-region", "nik-birthdate"]),
            id="region and birth date",
        ),
        P(None, (None, []), id="blank"),
        P("-", (None, []), id="dash"),
    ],
)
def test_check_nik(raw: Any, expected: tuple[str | None, list[str]]) -> None:
    assert check_nik(raw, PROVINCE_CODES) == expected


def test_check_nik_uses_the_given_province_codes() -> None:
    assert check_nik("7472014503850003", frozenset({"73"})) == (
        "7472014503850003",
        ["nik-region"],
    )


TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    "nik, born, gender",
    [
        P("7472011203850001", date(1985, 3, 12), "L", id="man 1985"),
        P("7472015203850001", date(1985, 3, 12), "P", id="woman: day + 40"),
        P("7472011211250001", date(2025, 11, 12), "L", id="20YY when in the past"),
        P("7472011212260001", date(1926, 12, 12), "L", id="19YY when 20YY is ahead"),
        P("7472012902000001", date(2000, 2, 29), "L", id="leap day 2000"),
        P("7472013202850001", None, None, id="day 32"),
        P("7472011200850001", None, "L", id="month 0 still shows the sex"),
        P("747201120385", None, None, id="too short"),
    ],
)
def test_nik_birth_date_and_gender(nik: str, born: date | None, gender: str | None) -> None:
    assert nik_birth_date(nik, TODAY) == born
    assert nik_gender(nik) == gender


def test_province_codes() -> None:
    assert len(PROVINCE_CODES) == 38
    assert {
        "11",
        "19",
        "21",
        "31",
        "36",
        "51",
        "53",
        "61",
        "65",
        "71",
        "74",
    } <= PROVINCE_CODES
    assert {"76", "81", "82", "91", "96"} <= PROVINCE_CODES
    assert not {"10", "20", "22", "37", "54", "66", "77", "83", "97"} & PROVINCE_CODES


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("081234567890", ("081234567890", None), id="08"),
        P("0812-3456-7890", ("081234567890", None), id="dashes"),
        P("0812 3456 7890", ("081234567890", None), id="spaces"),
        P("(0812) 3456.7890", ("081234567890", None), id="parentheses and dots"),
        P("+62 812-3456-7890", ("081234567890", None), id="+62"),
        P("6281234567890", ("081234567890", None), id="628"),
        P("+62 (0) 812 3456 7890", ("081234567890", None), id="+62 (0)"),
        P("'0812345678", ("0812345678", None), id="10 digits"),
        P("0812345678901", ("0812345678901", None), id="13 digits"),
        P("081234567", (None, "bad-phone"), id="9 digits"),
        P("08123456789012", (None, "bad-phone"), id="14 digits"),
        P("0402 2821234", (None, "bad-phone"), id="landline"),
        P("81234567890", (None, "bad-phone"), id="no leading 0"),
        P("0812 / 0813", (None, "bad-phone"), id="two numbers"),
        P(81234567890.0, (None, "bad-phone"), id="typed number lost its 0"),
        P(81234567890, (None, "bad-phone"), id="typed int lost its 0"),
        P(None, (None, None), id="blank"),
        P("-", (None, None), id="dash"),
    ],
)
def test_parse_phone(raw: Any, expected: tuple[str | None, str | None]) -> None:
    assert parse_phone(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("1234567890", ("1234567890", None), id="text digits"),
        P("0012-345-678", ("0012345678", None), id="leading zeros kept in text"),
        P("12345678", ("12345678", None), id="8 digits"),
        P("1" * 20, ("1" * 20, None), id="20 digits"),
        P(1234567890.0, ("1234567890", None), id="typed number read as digits"),
        P(123456789012345, ("123456789012345", None), id="typed 15 digits"),
        P(1234567890123456.0, (None, "bad-account"), id="typed 16 digits lost one"),
        P("1234567", (None, "bad-account"), id="7 digits"),
        P("1" * 21, (None, "bad-account"), id="21 digits"),
        P("12345678A", (None, "bad-account"), id="letter"),
        P(12345678.5, (None, "bad-account"), id="fraction"),
        P(-12345678, (None, "bad-account"), id="negative"),
        P(True, (None, "bad-account"), id="logical"),
        P(None, (None, None), id="blank"),
    ],
)
def test_parse_account(raw: Any, expected: tuple[str | None, str | None]) -> None:
    assert parse_account(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        P("9120001234567", ("9120001234567", None), id="13 digits"),
        P("'9120 0012 34567", ("9120001234567", None), id="quote and spaces"),
        P(9120001234567.0, ("9120001234567", None), id="typed read as digits"),
        P("912000123456", (None, "bad-nib"), id="12 digits"),
        P("91200012345678", (None, "bad-nib"), id="14 digits"),
        P(1234567890123456.0, (None, "bad-nib"), id="typed 16 digits"),
        P(None, (None, None), id="blank"),
    ],
)
def test_parse_nib(raw: Any, expected: tuple[str | None, str | None]) -> None:
    assert parse_nib(raw) == expected


# --- properties -----------------------------------------------------------------------

PARSERS = {
    "text": (parse_text, {None}),
    "amount": (parse_amount, {None, "bad-amount"}),
    "integer": (parse_integer, {None, "bad-number"}),
    "year": (parse_year, {None, "bad-number"}),
    "date": (parse_date, {None, "bad-date", "two-digit-year"}),
    "year_alone": (
        lambda raw: parse_date(raw, year_alone=True),
        {None, "bad-date", "two-digit-year"},
    ),
    "place_date": (parse_place_date, {None, "bad-date", "two-digit-year"}),
    "yes_no": (parse_yes_no, {None, "bad-yes-no"}),
    "gender": (parse_gender, {None, "bad-gender"}),
    "phone": (parse_phone, {None, "bad-phone"}),
    "account": (parse_account, {None, "bad-account"}),
    "nib": (parse_nib, {None, "bad-nib"}),
}

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.text(alphabet="0123456789.,-+()/ RpjutaMTrbibu'Mei", max_size=30),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.decimals(),
    st.fractions(),
    st.builds(object),
)


@pytest.mark.parametrize("name", list(PARSERS))
@settings(max_examples=300, deadline=None)
@given(raw=cell_values)
def test_parsers_never_raise(name: str, raw: Any) -> None:
    parser, codes = PARSERS[name]
    result = parser(raw)
    assert isinstance(result, tuple) and len(result) == 2
    value, code = result
    assert code in codes
    assert value is None or code is None


@settings(max_examples=300, deadline=None)
@given(raw=cell_values)
def test_identifiers_never_raise(raw: Any) -> None:
    cleaned, typed_as_number = clean_identifier(raw)
    assert isinstance(cleaned, str) and isinstance(typed_as_number, bool)
    nik, codes = check_nik(raw, PROVINCE_CODES)
    assert nik is None or isinstance(nik, str)
    assert set(codes) <= {"nik-numeric", "nik-format", "nik-region", "nik-birthdate"}


@settings(deadline=None)
@given(st.dates())
def test_typed_dates_pass_through(d: date) -> None:
    assert parse_date(d) == (d, None)


@settings(deadline=None)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_floats_are_ints(n: int) -> None:
    value, code = parse_amount(float(n))
    assert code is None and type(value) is int and value == int(float(n))


@settings(deadline=None)
@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)))
def test_excel_serials(d: date) -> None:
    serial = (d - date(1899, 12, 30)).days
    if 1900 <= serial <= 2100:  # read as a year, never as a day of 1905
        return
    assert parse_date(serial) == (d, None)
    assert parse_date(float(serial) + 0.25) == (d, None)


@st.composite
def niks(draw: st.DrawFn) -> tuple[str, date, str]:
    """Draw a valid NIK with the birth date and gender it encodes."""
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    area = draw(st.integers(min_value=1, max_value=9999))
    # NIKs name only the last two digits of the year: a century's window up to TODAY.
    born = draw(st.dates(min_value=date(1926, 11, 29), max_value=TODAY))
    gender = draw(st.sampled_from(["L", "P"]))
    day = born.day + (40 if gender == "P" else 0)
    serial = draw(st.integers(min_value=1, max_value=9999))
    birth = f"{day:02d}{born.month:02d}{born.year % 100:02d}"
    nik = f"{province}{area:04d}{birth}{serial:04d}"
    return nik, born, gender


@settings(deadline=None)
@given(niks())
def test_valid_niks_round_trip(drawn: tuple[str, date, str]) -> None:
    nik, born, gender = drawn
    assert check_nik(nik, PROVINCE_CODES) == (nik, [])
    assert check_nik(" '" + nik, PROVINCE_CODES) == (nik, [])
    assert nik_birth_date(nik, TODAY) == born
    assert nik_gender(nik) == gender


@settings(deadline=None)
@given(st.from_regex(r"08[0-9]{8,11}", fullmatch=True))
def test_phones_round_trip(phone: str) -> None:
    assert parse_phone(phone) == (phone, None)
    assert parse_phone("+62" + phone[1:]) == (phone, None)
    assert parse_phone(f"{phone[:4]}-{phone[4:8]}-{phone[8:]}") == (phone, None)


def test_text_branches_are_cached() -> None:
    assert parse_amount("Rp 7.000.000") is parse_amount("Rp 7.000.000")
    assert parse_date("12-03-1985") is parse_date("12-03-1985")


def test_decimal_and_fraction_cells() -> None:
    assert parse_amount(Fraction(15, 2)) == (7.5, None)
    assert parse_integer(Decimal(12)) == (12, None)
    assert parse_amount(Decimal("NaN")) == (None, "bad-amount")


def _real_birth_date_oracle(nik: str) -> bool:
    """Tell by brute force whether a NIK's DDMMYY is a real day in 19YY or 20YY."""
    day = int(nik[6:8])
    day = day - 40 if day > 40 else day
    for century in (1900, 2000):
        try:
            date(century + int(nik[10:12]), int(nik[8:10]), day)
        except ValueError:
            continue
        return True
    return False


@given(st.from_regex(r"74[0-9]{10}[0-9]{3}[1-9]", fullmatch=True))
def test_nik_birthdate_check_matches_the_calendar(nik: str) -> None:
    _, codes = check_nik(nik, PROVINCE_CODES)
    assert ("nik-birthdate" in codes) == (not _real_birth_date_oracle(nik))


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["juta", "jt", " juta"]))
def test_juta_multiplies(n: int, word: str) -> None:
    assert parse_amount(f"{n}{word}") == (n * 1_000_000, None)
    assert parse_amount(f"Rp {n},5 {word}") == (n * 1_000_000 + 500_000, None)
