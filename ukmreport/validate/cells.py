"""Parse the values of workbook cells written in Indonesian conventions: text, numbers, yes/no.

Every parser takes what the workbook reader yields for a cell (None, str, int, float,
bool, date, datetime, time) and returns ``(value, code)``: ``(value, None)`` when the
cell is good, ``(None, None)`` when it is blank, and ``(None, code)`` with a finding
code of the spec when it is not. Parsers never raise: text is capped in length before
any regex or int(), and the tests feed them arbitrary values.

A 100,000-row sheet means millions of calls, so each parser tests the cell's exact type
first and caches its text branch, where the same strings repeat.
"""

from __future__ import annotations

import math
import numbers
import re
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

Gender = Literal["L", "P"]


CACHE_SIZE = 65536
# No real amount, date or yes/no is longer: longer text is rejected before any regex.
MAX_TEXT = 100
BLANK_TEXT = frozenset({"", "-", "–", "—", "−"})

_NON_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """Casefold text and keep only its letters and digits."""
    return _NON_ALNUM.sub("", text.casefold())


def real_number(raw: Any) -> int | float | None:
    """Return raw as a Python number when it is one (never a bool), else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):  # not registered as a numbers.Real
        return float(raw) if raw.is_finite() else math.nan
    if isinstance(raw, numbers.Integral):
        return int(raw)
    if isinstance(raw, numbers.Real):
        return float(raw)
    return None


# --- text -----------------------------------------------------------------------------


def parse_text(raw: Any) -> tuple[str | None, None]:
    """Read a cell as trimmed text with its inner whitespace collapsed."""
    try:
        if type(raw) is str:
            text = " ".join(raw.split())
        elif raw is None:
            return None, None
        elif isinstance(raw, bool):
            text = "TRUE" if raw else "FALSE"  # what Excel shows for a logical cell
        elif type(raw) is float:
            text = str(int(raw)) if raw.is_integer() else repr(raw)
        elif type(raw) is int:
            text = str(raw)
        elif isinstance(raw, datetime):
            text = raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
        elif isinstance(raw, (date, time)):
            text = raw.isoformat()
        elif isinstance(raw, str):
            text = " ".join(raw.split())
        else:
            value = real_number(raw)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = " ".join(str(raw if value is None else value).split())
    except Exception:  # noqa: BLE001  # an odd object's str() may fail; text never does
        return None, None
    if text in BLANK_TEXT:
        return None, None
    return text, None


# --- numbers and amounts --------------------------------------------------------------

# A number as staff type it: digits with dots and commas inside, never at either end.
_NUMBER = r"[0-9](?:[0-9.,]*[0-9])?"
_THOUSANDS_DOT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_THOUSANDS_COMMA = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")

_AMOUNT = re.compile(
    r"""
    (?P<sign>[-+−])?\s*
    (?:(?:rp|idr)\s*\.?\s*)?            # Rp, Rp., IDR
    (?P<sign2>[-+−])?\s*
    (?P<number>"""
    + _NUMBER
    + r""")
    \s*(?P<scale>[a-z]+)?\.?            # 7 juta, 2,5jt, 1,2 M, 500 rb.
    (?:\s*[.,]\s*-+)?                   # Rp7.000.000,- : "no cents"
    (?:\s*rupiah)?
    """,
    re.VERBOSE,
)
# Rp -  : how Excel's accounting format shows zero, pasted as text.
_AMOUNT_ZERO = re.compile(r"(?:rp|idr)\s*\.?\s*[-–—]+")

_SCALES: dict[str, int] = {
    "rb": 1_000,
    "ribu": 1_000,
    "k": 1_000,
    "jt": 1_000_000,
    "juta": 1_000_000,
    "m": 1_000_000_000,  # in Indonesian, M is miliar, never million
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "t": 1_000_000_000_000,
    "triliun": 1_000_000_000_000,
    "trilyun": 1_000_000_000_000,
}


def _split_number(text: str, *, scaled: bool) -> tuple[str, str] | None:
    """Split a typed number into integer and fraction digits; None when unreadable.

    Dot groups thousands and comma is the decimal mark (the contract), read this way
    where that rule alone says nothing or misleads:
    - both marks: the last one is the decimal mark, the other must group by three
      (``7.000.000,50``, and ``7,000,000.50`` too);
    - commas only, several groups of three: thousands (``7,000,000``);
    - one comma then exactly three digits, no scale word: ambiguous (``7,000`` is 7 by
      the contract, 7000 to anyone used to English Excel), so unreadable; with a scale
      word it is the decimal mark (``1,250 juta``);
    - one dot not followed by three digits: a decimal point (``7.5 juta``); one dot
      followed by three digits that do not group (``7000.000``): unreadable.
    """
    has_dot = "." in text
    has_comma = "," in text
    if not has_dot and not has_comma:
        return text, ""
    if has_dot and has_comma:
        last = max(text.rfind("."), text.rfind(","))
        whole, fraction = text[:last], text[last + 1 :]
        grouping = _THOUSANDS_DOT if text[last] == "," else _THOUSANDS_COMMA
        if not grouping.fullmatch(whole) or not fraction.isdigit():
            return None
        return whole.replace(".", "").replace(",", ""), fraction
    if has_dot:
        if _THOUSANDS_DOT.fullmatch(text):
            return text.replace(".", ""), ""
        whole, _, fraction = text.partition(".")
        if "." in fraction or len(fraction) == 3:
            return None  # 7000.000: neither a grouping nor a plausible decimal
        return whole, fraction
    whole, _, fraction = text.partition(",")
    if "," in fraction:
        if _THOUSANDS_COMMA.fullmatch(text):
            return text.replace(",", ""), ""
        return None
    if len(fraction) == 3 and not scaled and whole.strip("0"):
        return None
    return whole, fraction


def _to_amount(value: float) -> int | float:
    """Return an integral float as int, any other rounded to two decimals."""
    if value.is_integer():
        return int(value)
    rounded = round(value, 2)
    return int(rounded) if rounded.is_integer() else rounded


@lru_cache(maxsize=CACHE_SIZE)
def _amount_from_text(raw: str) -> tuple[int | float | None, str | None]:
    text = raw.strip().casefold()
    if text in BLANK_TEXT:
        return None, None
    if len(text) > MAX_TEXT:
        return None, "bad-amount"
    # Accountants write a negative amount in parentheses: (7.000.000), Rp (7 juta).
    in_parentheses = "(" in text or ")" in text
    if in_parentheses:
        if text.count("(") != 1 or text.count(")") != 1 or not text.endswith(")"):
            return None, "bad-amount"
        text = text.replace("(", "").replace(")", "")
    match = _AMOUNT.fullmatch(text)
    if match is None:
        if _AMOUNT_ZERO.fullmatch(text):
            return 0, None
        return None, "bad-amount"
    sign, sign2, scale_word = match["sign"], match["sign2"], match["scale"]
    if sign and sign2:
        return None, "bad-amount"
    if scale_word == "rupiah":
        scale_word = None
    scale = 1
    if scale_word is not None:
        if scale_word not in _SCALES:
            return None, "bad-amount"
        scale = _SCALES[scale_word]
    parts = _split_number(match["number"], scaled=scale_word is not None)
    if parts is None:
        return None, "bad-amount"
    whole, fraction = parts
    # Integer arithmetic keeps 1,2 M exactly 1200000000 where 1.2 * 1e9 might not be.
    numerator = int(whole + fraction) * scale
    denominator = 10 ** len(fraction)
    if numerator % denominator == 0:
        value: int | float = numerator // denominator
    else:
        value = _to_amount(numerator / denominator)
    negative = (sign or sign2 or "+") in "-−" or in_parentheses
    return (-value if negative and value else value), None


def parse_amount(raw: Any) -> tuple[int | float | None, str | None]:
    """Read an amount of rupiah; code bad-amount."""
    if type(raw) is float:
        if raw.is_integer():  # the usual case: calamine's 7000000.0
            return int(raw), None
        if math.isfinite(raw):
            return _to_amount(raw), None
        return None, "bad-amount"
    if type(raw) is int:
        return raw, None
    if type(raw) is str:
        return _amount_from_text(raw)
    if raw is None:
        return None, None
    if isinstance(raw, str):
        return parse_amount(str(raw))
    value = real_number(raw)
    if value is None:
        return None, "bad-amount"
    return parse_amount(value)


_INTEGER = re.compile(r"(?P<sign>[-+−])?\s*(?P<number>" + _NUMBER + ")")


@lru_cache(maxsize=CACHE_SIZE)
def _integer_from_text(raw: str) -> tuple[int | None, str | None]:
    text = raw.strip()
    if text in BLANK_TEXT:
        return None, None
    match = _INTEGER.fullmatch(text) if len(text) <= MAX_TEXT else None
    if match is None:
        return None, "bad-number"
    parts = _split_number(match["number"], scaled=False)
    if parts is None or parts[1].strip("0"):
        return None, "bad-number"
    value = int(parts[0])
    return (-value if match["sign"] in ("-", "−") else value), None


def parse_integer(raw: Any) -> tuple[int | None, str | None]:
    """Read a whole number; code bad-number."""
    if type(raw) is float:
        if raw.is_integer():
            return int(raw), None
        return None, "bad-number"
    if type(raw) is int:
        return raw, None
    if type(raw) is str:
        return _integer_from_text(raw)
    if raw is None:
        return None, None
    if isinstance(raw, str):
        return parse_integer(str(raw))
    value = real_number(raw)
    if value is None:
        return None, "bad-number"
    return parse_integer(value)


MIN_YEAR, MAX_YEAR = 1900, 2100
DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # in a leap year


def parse_year(raw: Any) -> tuple[int | None, str | None]:
    """Read a year from 1900 to 2100; code bad-number."""
    if isinstance(raw, date):
        return raw.year, None
    value, code = parse_integer(raw)
    if value is None:
        return None, code
    if MIN_YEAR <= value <= MAX_YEAR:
        return value, None
    return None, "bad-number"


# --- enumerations ---------------------------------------------------------------------

_CHECK_MARKS = frozenset("✓✔☑✅√")
_CROSS_MARKS = frozenset("✗✘☒❌")
_YES = frozenset(["ya", "y", "iya", "yes", "true", "benar", "1", "ada", "sudah", "pernah", "v", "ok"])
# "x" is left out on purpose: some forms mark a box with it, others strike a "no".
_NO = frozenset(
    ["tidak", "tdk", "t", "tidakada", "tak", "no", "n", "false", "salah", "0", "belum"]
    + ["belumpernah", "ga", "gak", "nggak", "enggak"]  # spoken forms
)


@lru_cache(maxsize=CACHE_SIZE)
def _yes_no_from_text(raw: str) -> tuple[bool | None, str | None]:
    text = raw.strip()
    if text in BLANK_TEXT:
        return None, None
    if text in _CHECK_MARKS:
        return True, None
    if text in _CROSS_MARKS:
        return False, None
    key = fold(text)
    if key in _YES:
        return True, None
    if key in _NO:
        return False, None
    return None, "bad-yes-no"


def parse_yes_no(raw: Any) -> tuple[bool | None, str | None]:
    """Read a yes/no cell; code bad-yes-no."""
    if type(raw) is str:
        return _yes_no_from_text(raw)
    if raw is None:
        return None, None
    if type(raw) is bool:
        return raw, None
    if isinstance(raw, str):
        return _yes_no_from_text(str(raw))
    value = real_number(raw)
    if value == 1:
        return True, None
    if value == 0 and value is not None:
        return False, None
    return None, "bad-yes-no"


_GENDERS: dict[str, Gender] = {
    **dict.fromkeys(["l", "lk", "laki", "lakilaki", "lelaki", "pria", "male"], "L"),
    **dict.fromkeys(["p", "pr", "perempuan", "wanita", "female"], "P"),
}


@lru_cache(maxsize=CACHE_SIZE)
def _gender_from_text(raw: str) -> tuple[Gender | None, str | None]:
    text = raw.strip()
    if text in BLANK_TEXT:
        return None, None
    gender = _GENDERS.get(fold(text))
    return (gender, None) if gender is not None else (None, "bad-gender")


def parse_gender(raw: Any) -> tuple[Gender | None, str | None]:
    """Read a gender as L or P; code bad-gender."""
    if type(raw) is str:
        return _gender_from_text(raw)
    if raw is None:
        return None, None
    if isinstance(raw, str):
        return _gender_from_text(str(raw))
    return None, "bad-gender"
