"""Tests for Indonesian output formatting; the parsers must read back what it writes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from babel.numbers import format_currency, format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from ukmreport.formatting import (
    amount_in_words,
    long_date,
    mask_account,
    mask_nik,
    nip,
    number,
    percent,
    rupiah,
    short_date,
)
from ukmreport.validate import parse_amount, parse_date

P = pytest.param


@pytest.mark.parametrize(
    "amount, cents, expected",
    [
        P(
            7_000_000,
            False,
            "Rp7.000.000",
            id="dot groups thousands, no space after Rp",
        ),
        P(7_000_000, True, "Rp7.000.000,00", id="cents after a comma"),
        P(-1_500_000, False, "-Rp1.500.000", id="minus before Rp"),
        P(0, False, "Rp0", id="zero"),
        P(999, False, "Rp999", id="no grouping below a thousand"),
        P(1234.5, True, "Rp1.234,50", id="float with cents"),
        P(2.675, True, "Rp2,68", id="half up on the printed digits"),
        P(1500.5, False, "Rp1.501", id="half up to whole rupiah"),
        P(-0.2, False, "Rp0", id="no minus zero"),
        P(Decimal(77000000), False, "Rp77.000.000", id="Decimal"),
    ],
)
def test_rupiah(amount: float, cents: bool, expected: str) -> None:
    assert rupiah(amount, cents=cents) == expected


@pytest.mark.parametrize(
    "x, decimals, expected",
    [
        P(1234.5, None, "1.234,5", id="decimal comma"),
        P(5000, None, "5.000", id="int"),
        P(1234.5678, None, "1.234,568", id="at most three decimals"),
        P(0.1 + 0.2, None, "0,3", id="float noise hidden"),
        P(1234.5, 2, "1.234,50", id="fixed decimals"),
        P(1234.5, 0, "1.235", id="no decimals, half up"),
        P(-1234567, None, "-1.234.567", id="negative"),
    ],
)
def test_number(x: float, decimals: int | None, expected: str) -> None:
    assert number(x, decimals) == expected


@pytest.mark.parametrize(
    "x, decimals, expected",
    [
        P(0.379, 1, "37,9%", id="ratio to percent"),
        P(1, 1, "100,0%", id="whole"),
        P(0.3795, 2, "37,95%", id="two decimals"),
        P(0.5, 0, "50%", id="no decimals"),
    ],
)
def test_percent(x: float, decimals: int, expected: str) -> None:
    assert percent(x, decimals) == expected


@pytest.mark.parametrize(
    "d, expected",
    [
        P(date(2026, 11, 28), "28 November 2026", id="November"),
        P(date(2026, 1, 1), "1 Januari 2026", id="Januari, no leading zero"),
        P(date(2026, 2, 9), "9 Februari 2026", id="Februari"),
        P(date(2026, 3, 9), "9 Maret 2026", id="Maret"),
        P(date(2026, 5, 9), "9 Mei 2026", id="Mei"),
        P(date(2026, 8, 17), "17 Agustus 2026", id="Agustus"),
        P(date(2026, 10, 9), "9 Oktober 2026", id="Oktober"),
        P(date(2026, 12, 9), "9 Desember 2026", id="Desember"),
    ],
)
def test_long_date(d: date, expected: str) -> None:
    assert long_date(d) == expected


def test_short_date() -> None:
    assert short_date(date(2026, 11, 28)) == "28-11-2026"
    assert short_date(date(2026, 1, 2)) == "02-01-2026"


@pytest.mark.parametrize(
    "amount, expected",
    [
        P(77_000_000, "tujuh puluh tujuh juta rupiah", id="77 juta"),
        P(7_000_000, "tujuh juta rupiah", id="7 juta"),
        P(1_500_000, "satu juta lima ratus ribu rupiah", id="1,5 juta"),
        P(1_000, "seribu rupiah", id="seribu"),
        P(0, "nol rupiah", id="zero"),
        P(7_000_000.5, "tujuh juta rupiah lima puluh sen", id="sen"),
    ],
)
def test_amount_in_words(amount: float, expected: str) -> None:
    assert amount_in_words(amount) == expected


@pytest.mark.parametrize(
    "nik, expected",
    [
        P("7472014503850003", "747201******0003", id="region and serial kept"),
        P("74720145038", "*******5038", id="short: last four only"),
        P("7472-0145", "*****0145", id="not digits: last four only"),
        P("123", "***", id="too short to show anything"),
        P("", "", id="empty"),
    ],
)
def test_mask_nik(nik: str, expected: str) -> None:
    assert mask_nik(nik) == expected


@pytest.mark.parametrize(
    "account, expected",
    [
        P("0123456789", "******6789", id="last four kept"),
        P("12345678901234567890", "****************7890", id="long"),
        P("1234", "****", id="four or fewer: all masked"),
    ],
)
def test_mask_account(account: str, expected: str) -> None:
    assert mask_account(account) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        P("198609262015051001", "19860926 201505 1 001", id="18 digits grouped"),
        P("19860926 201505 1 001", "19860926 201505 1 001", id="already grouped"),
        P("1986092620150510", "1986092620150510", id="16 digits unchanged"),
        P("-", "-", id="dash unchanged"),
    ],
)
def test_nip(value: str, expected: str) -> None:
    assert nip(value) == expected


# --- properties: Babel agrees, and the parsers read back what is written --------------


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_rupiah_matches_babel(n: int) -> None:
    babel = format_currency(n, "IDR", format="¤#,##0", currency_digits=False, locale="id")
    assert rupiah(n) == babel
    assert number(n) == format_decimal(n, locale="id")


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_amounts_round_trip(n: int) -> None:
    assert parse_amount(rupiah(n)) == (n, None)
    assert parse_amount(rupiah(n, cents=True)) == (n, None)
    assert parse_amount(number(n)) == (n, None)


@given(st.integers(min_value=-(10**13), max_value=10**13))
def test_cents_round_trip(cents: int) -> None:
    value, code = parse_amount(rupiah(Decimal(cents) / 100, cents=True))
    assert code is None and value is not None
    assert round(value * 100) == cents


@settings(deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_round_trip(d: date) -> None:
    assert parse_date(long_date(d)) == (d, None)
    assert parse_date(short_date(d)) == (d, None)


@given(st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_mask_nik_keeps_length_and_hides_birth_date(nik: str) -> None:
    masked = mask_nik(nik)
    assert len(masked) == 16
    assert masked[:6] == nik[:6] and masked[-4:] == nik[-4:]
    assert masked[6:12] == "******"
