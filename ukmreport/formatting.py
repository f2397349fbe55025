"""Format numbers, amounts, dates and identifiers the Indonesian way for the reports.

Amounts and numbers use Python's own number formatting with the Indonesian separators
swapped in: Babel's ``format_currency`` gives the same text (the tests check it) but
costs about 35 µs a call, and a report can hold tens of thousands of figures. Month
names come from Babel's Indonesian locale.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.dates import format_date
from num2words import num2words

__all__ = [
    "amount_in_words",
    "long_date",
    "mask_account",
    "mask_nik",
    "nip",
    "number",
    "percent",
    "rupiah",
    "short_date",
]

_TO_INDONESIAN_SEPARATORS = str.maketrans(",.", ".,")


def _decimal(x: float | Decimal) -> Decimal:
    """Return x as a Decimal of the digits it prints as, so 2.675 rounds to 2.68."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return Decimal(x)
    value = Decimal(repr(float(x)))
    if not value.is_finite():
        raise ValueError(f"cannot format {x!r} as a number")
    return value


def _grouped(value: Decimal, decimals: int) -> str:
    """Round value half up to decimals places; write it with . groups and , mark."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    return format(rounded, f",.{decimals}f").translate(_TO_INDONESIAN_SEPARATORS)


def rupiah(amount: float | Decimal, *, cents: bool = False) -> str:
    """Format an amount as Rp7.000.000, or Rp7.000.000,00 with cents."""
    if type(amount) is int and not cents:  # the usual case, without Decimal's cost
        text = f"{amount:,}".replace(",", ".")
        return "-Rp" + text[1:] if amount < 0 else "Rp" + text
    text = _grouped(_decimal(amount), 2 if cents else 0)
    if text.startswith("-"):
        return "-Rp" + text[1:]
    return "Rp" + text


def number(x: float | Decimal, decimals: int | None = None) -> str:
    """Format a number as 1.234,5; without decimals given, up to three as needed."""
    if type(x) is int and not decimals:
        return f"{x:,}".replace(",", ".")
    value = _decimal(x)
    if decimals is not None:
        return _grouped(value, decimals)
    text = _grouped(value, 3)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def percent(x: float | Decimal, decimals: int = 1) -> str:
    """Format a ratio (0.379) as a percentage (37,9%)."""
    return _grouped(_decimal(x) * 100, decimals) + "%"


@lru_cache(maxsize=4096)
def long_date(d: date) -> str:
    """Format a date as 28 November 2026."""
    return format_date(d, "d MMMM y", locale="id")


def short_date(d: date) -> str:
    """Format a date as 28-11-2026."""
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def amount_in_words(amount: float | Decimal) -> str:
    """Spell an amount in Indonesian words: tujuh puluh tujuh juta rupiah."""
    value = _decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    rupiahs = int(value)
    words = num2words(rupiahs, lang="id").lower() + " rupiah"
    sen = abs(int((value - rupiahs) * 100))
    if sen:
        words += " " + num2words(sen, lang="id").lower() + " sen"
    if value < 0 and rupiahs == 0:
        words = "min " + words  # num2words says "min" only when the rupiah part is negative
    return words


def _masked(text: str, keep_start: int, keep_end: int) -> str:
    """Replace all but the first keep_start and last keep_end characters with *."""
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)  # too short to show any part without showing all of it
    middle = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * middle + text[len(text) - keep_end :]


def mask_nik(nik: str) -> str:
    """Mask a NIK's birth date and sex: 747201******0003."""
    if len(nik) == 16 and nik.isascii() and nik.isdigit():
        return _masked(nik, 6, 4)
    return _masked(nik, 0, 4)


def mask_account(acc: str) -> str:
    """Mask an account number to its last four characters: ******6789."""
    return _masked(acc, 0, 4)


def nip(nip: str) -> str:
    """Write an 18-digit NIP as 19860926 201505 1 001; return anything else as is."""
    digits = "".join(nip.split())
    if len(digits) != 18 or not digits.isascii() or not digits.isdigit():
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
