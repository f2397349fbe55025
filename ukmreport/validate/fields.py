"""Parse the values of workbook cells written in Indonesian conventions.

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

__all__ = [
    "PROVINCE_CODES",
    "Gender",
    "check_nik",
    "clean_identifier",
    "fold",
    "nik_birth_date",
    "nik_gender",
    "parse_account",
    "parse_amount",
    "parse_date",
    "parse_gender",
    "parse_integer",
    "parse_nib",
    "parse_phone",
    "parse_place_date",
    "parse_text",
    "parse_year",
    "parse_yes_no",
]

Gender = Literal["L", "P"]

# The 38 province codes that open a NIK (region-baubau.md).
PROVINCE_CODES: frozenset[str] = frozenset(
    [str(code) for code in range(11, 20)]
    + ["21"]
    + [str(code) for code in range(31, 37)]
    + ["51", "52", "53"]
    + [str(code) for code in range(61, 66)]
    + [str(code) for code in range(71, 77)]
    + ["81", "82"]
    + [str(code) for code in range(91, 97)]
)

_CACHE_SIZE = 65536
# No real amount, date or yes/no is longer: longer text is rejected before any regex.
_MAX_TEXT = 100
_BLANK_TEXT = frozenset({"", "-", "–", "—", "−"})

_NON_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """Casefold text and keep only its letters and digits."""
    return _NON_ALNUM.sub("", text.casefold())


def _real(raw: Any) -> int | float | None:
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
            value = _real(raw)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            text = " ".join(str(raw if value is None else value).split())
    except Exception:  # noqa: BLE001  # an odd object's str() may fail; text never does
        return None, None
    if text in _BLANK_TEXT:
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


@lru_cache(maxsize=_CACHE_SIZE)
def _amount_from_text(raw: str) -> tuple[int | float | None, str | None]:
    text = raw.strip().casefold()
    if text in _BLANK_TEXT:
        return None, None
    if len(text) > _MAX_TEXT:
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
    value = _real(raw)
    if value is None:
        return None, "bad-amount"
    return parse_amount(value)


_INTEGER = re.compile(r"(?P<sign>[-+−])?\s*(?P<number>" + _NUMBER + ")")


@lru_cache(maxsize=_CACHE_SIZE)
def _integer_from_text(raw: str) -> tuple[int | None, str | None]:
    text = raw.strip()
    if text in _BLANK_TEXT:
        return None, None
    match = _INTEGER.fullmatch(text) if len(text) <= _MAX_TEXT else None
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
    value = _real(raw)
    if value is None:
        return None, "bad-number"
    return parse_integer(value)


_MIN_YEAR, _MAX_YEAR = 1900, 2100
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # in a leap year


def parse_year(raw: Any) -> tuple[int | None, str | None]:
    """Read a year from 1900 to 2100; code bad-number."""
    if isinstance(raw, date):
        return raw.year, None
    value, code = parse_integer(raw)
    if value is None:
        return None, code
    if _MIN_YEAR <= value <= _MAX_YEAR:
        return value, None
    return None, "bad-number"


# --- dates ----------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "januari jan january",
        "februari feb pebruari peb febuari pebuari february",
        "maret mar mrt march",
        "april apr",
        "mei may",
        "juni jun june",
        "juli jul july",
        "agustus agu agt ags agus agust aug august",
        "september sep sept",
        "oktober okt oct october",
        "november nov nopember nop",
        "desember des dec december",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_TIME = (
    r"(?:(?:\s+|\s*t\s*|\s*,\s*|\s*(?:pukul|jam)\s*)"
    r"[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:[.,][0-9]+)?)?"
    r"(?:\s*(?:wib|wita|wit|am|pm))?)?"
)
_WEEKDAY = (
    r"(?:(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*)?"
)
_DATE_YMD = re.compile(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})" + _TIME)
_DATE_DMY = re.compile(r"([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]+)" + _TIME)
_DATE_D_MONTH_Y = re.compile(_WEEKDAY + r"([0-9]{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*([0-9]+)" + _TIME)
_DATE_MONTH_D_Y = re.compile(_WEEKDAY + r"([a-z]+)\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)([0-9]+)" + _TIME)
_YEAR = re.compile(r"[0-9]{4}")

# Excel's 1900 date system counts 1900-02-29, a day that never was: serial 60.
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()
_EXCEL_EPOCH_BEFORE_LEAP_BUG = _EXCEL_EPOCH + 1
_LAST_SERIAL = date(_MAX_YEAR, 12, 31).toordinal() - _EXCEL_EPOCH


def _date_or_code(year_text: str, month: int, day: int) -> tuple[date | None, str | None]:
    """Build a date from a day-month-year reading, or say why it is none."""
    if len(year_text) == 2:
        # Only blame the year when the day and month could be real.
        if 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]:
            return None, "two-digit-year"
        return None, "bad-date"
    if len(year_text) != 4:
        return None, "bad-date"
    year = int(year_text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None, "bad-date"
    try:
        return date(year, month, day), None
    except ValueError:
        return None, "bad-date"


@lru_cache(maxsize=_CACHE_SIZE)
def _date_from_text(raw: str, year_alone: bool) -> tuple[date | None, str | None]:
    text = raw.strip().casefold()
    if text in _BLANK_TEXT:
        return None, None
    if len(text) > _MAX_TEXT:
        return None, "bad-date"
    text = text.replace("'", "").replace("’", "")  # Jum'at
    if match := _DATE_YMD.fullmatch(text):
        return _date_or_code(match[1], int(match[2]), int(match[3]))
    if match := _DATE_DMY.fullmatch(text):
        return _date_or_code(match[3], int(match[2]), int(match[1]))
    if match := _DATE_D_MONTH_Y.fullmatch(text):
        month = _MONTHS.get(match[2])
        if month is None:
            return None, "bad-date"
        return _date_or_code(match[3], month, int(match[1]))
    if match := _DATE_MONTH_D_Y.fullmatch(text):
        month = _MONTHS.get(match[1])
        if month is None:
            return None, "bad-date"
        return _date_or_code(match[3], month, int(match[2]))
    if year_alone and _YEAR.fullmatch(text):
        year = int(text)
        if _MIN_YEAR <= year <= _MAX_YEAR:
            return date(year, 1, 1), None
    return None, "bad-date"


def _date_from_number(value: float, year_alone: bool) -> tuple[date | None, str | None]:
    """Read a number as a year (when allowed) or an Excel serial date."""
    if not math.isfinite(value):
        return None, "bad-date"
    if value.is_integer() and _MIN_YEAR <= value <= _MAX_YEAR:
        # Serials 1900..2100 are days of 1905 nobody here means; the cell holds a year.
        return (date(int(value), 1, 1), None) if year_alone else (None, "bad-date")
    serial = math.floor(value)  # the fraction is the time of day
    if serial < 1 or serial > _LAST_SERIAL or serial == 60:
        return None, "bad-date"
    if serial < 60:
        return date.fromordinal(_EXCEL_EPOCH_BEFORE_LEAP_BUG + serial), None
    return date.fromordinal(_EXCEL_EPOCH + serial), None


def parse_date(raw: Any, *, year_alone: bool = False) -> tuple[date | None, str | None]:
    """Read a date, day first; codes bad-date and two-digit-year."""
    if type(raw) is date:
        return raw, None
    if type(raw) is datetime:
        return raw.date(), None
    if type(raw) is str:
        return _date_from_text(raw, year_alone)
    if raw is None:
        return None, None
    if type(raw) is float or type(raw) is int:
        try:
            return _date_from_number(float(raw), year_alone)
        except OverflowError:  # an int too large for a float
            return None, "bad-date"
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return date(raw.year, raw.month, raw.day), None
    if isinstance(raw, str):
        return parse_date(str(raw), year_alone=year_alone)
    value = _real(raw)
    if value is None:
        return None, "bad-date"
    try:
        return _date_from_number(float(value), year_alone)
    except OverflowError:  # a Fraction or numpy integer too large for a float
        return None, "bad-date"


_PLACE_DATE_SEPARATOR = re.compile(r"\s*[,/;]\s*|\s+-\s+")
_FIRST_DIGIT = re.compile(r"[0-9]")


def parse_place_date(
    raw: Any,
) -> tuple[tuple[str | None, date | None] | None, str | None]:
    """Read a "Tempat, Tanggal Lahir" cell into (place, date); codes as parse_date."""
    if not isinstance(raw, str):
        if raw is None:
            return None, None
        born, code = parse_date(raw)
        return (None if born is None else (None, born)), code
    text = " ".join(raw.split())
    if text in _BLANK_TEXT:
        return None, None
    if len(text) > 2 * _MAX_TEXT:
        return None, "bad-date"
    first_code = None
    if text[0].isdigit():
        born, first_code = parse_date(text)
        if born is not None:
            return (None, born), None
    elif _FIRST_DIGIT.search(text) is None:
        # A place and no date at all: the date is simply not given.
        return (text.strip(" ,/;-") or None, None), None
    # The common case first: "Baubau, 12-03-1985" (one comma; parse_date caches repeated dates).
    head, comma, tail = text.partition(",")
    if comma and "," not in tail:
        born, code = parse_date(tail.strip())
        if born is not None:
            return (head.strip() or None, born), None
    # The date may itself hold / or , so try each separator from the left.
    for separator in _PLACE_DATE_SEPARATOR.finditer(text):
        place = text[: separator.start()].strip()
        born, code = parse_date(text[separator.end() :])
        if born is not None:
            return (place or None, born), None
        if code == "two-digit-year":
            first_code = code
    # "Baubau 12 Maret 1985": no separator, the date starts at the first digit.
    digit = _FIRST_DIGIT.search(text)
    if digit is not None and digit.start() > 0:
        born, code = parse_date(text[digit.start() :])
        if born is not None:
            return (text[: digit.start()].strip(" ,/;-") or None, born), None
        if code == "two-digit-year":
            first_code = code
    if not text[0].isdigit():  # Senin, 12 Maret 1985 / March 12, 1985
        born, code = parse_date(text)
        if born is not None:
            return (None, born), None
    return None, first_code or "bad-date"


# --- enumerations ---------------------------------------------------------------------

_CHECK_MARKS = frozenset("✓✔☑✅√")
_CROSS_MARKS = frozenset("✗✘☒❌")
_YES = frozenset(["ya", "y", "iya", "yes", "true", "benar", "1", "ada", "sudah", "pernah", "v", "ok"])
# "x" is left out on purpose: some forms mark a box with it, others strike a "no".
_NO = frozenset(
    ["tidak", "tdk", "t", "tidakada", "tak", "no", "n", "false", "salah", "0", "belum"]
    + ["belumpernah", "ga", "gak", "nggak", "enggak"]  # spoken forms
)


@lru_cache(maxsize=_CACHE_SIZE)
def _yes_no_from_text(raw: str) -> tuple[bool | None, str | None]:
    text = raw.strip()
    if text in _BLANK_TEXT:
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
    value = _real(raw)
    if value == 1:
        return True, None
    if value == 0 and value is not None:
        return False, None
    return None, "bad-yes-no"


_GENDERS: dict[str, Gender] = {
    **dict.fromkeys(["l", "lk", "laki", "lakilaki", "lelaki", "pria", "male"], "L"),
    **dict.fromkeys(["p", "pr", "perempuan", "wanita", "female"], "P"),
}


@lru_cache(maxsize=_CACHE_SIZE)
def _gender_from_text(raw: str) -> tuple[Gender | None, str | None]:
    text = raw.strip()
    if text in _BLANK_TEXT:
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


# --- identifiers ----------------------------------------------------------------------

# Identifiers are mostly unique, so a cache would only churn; str.translate is fast.
_IDENTIFIER_NOISE = str.maketrans("", "", " .-\t\n\r\xa0\u2009\u200b\u202f\u2010\u2011\u2012\u2013\u2014\u2212")
_LEADING_QUOTES = "'‘’`"
# Excel keeps 15 significant digits; a longer number typed in a cell has lost digits.
_MAX_NUMBER_DIGITS = 15


def _strip_identifier(text: str, noise: dict[int, None]) -> str:
    """Drop a leading quote and the noise characters from a typed identifier."""
    text = text.strip().lstrip(_LEADING_QUOTES)
    if text.isascii() and text.isdigit():
        return text  # the usual case, and str.translate costs a microsecond
    text = text.replace(" ", "").replace("-", "").replace(".", "")
    if text.isascii() and text.isdigit():
        return text
    return text.translate(noise)


def clean_identifier(raw: Any) -> tuple[str, bool]:
    """Strip a leading quote, spaces, dots and dashes; tell if typed as a number."""
    if type(raw) is str:
        return _strip_identifier(raw, _IDENTIFIER_NOISE), False
    if raw is None:
        return "", False
    if type(raw) is float or type(raw) is int:
        return _number_text(raw), True
    if isinstance(raw, str):
        return clean_identifier(str(raw))
    value = _real(raw)
    if value is not None:
        return _number_text(value), True
    text, _ = parse_text(raw)
    return (text or "").translate(_IDENTIFIER_NOISE), False


def _number_text(value: float) -> str:
    """Return a number's integer digits as Python writes them."""
    try:
        return str(int(value))
    except (OverflowError, ValueError):  # inf, nan
        return str(value)


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _typed_number_digits(raw: Any) -> str | None:
    """Return a whole, non-negative number's digits if at most 15, else None."""
    value = _real(raw)
    if value is None or value < 0:
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    digits = _number_text(value)
    return digits if _is_digits(digits) and len(digits) <= _MAX_NUMBER_DIGITS else None


def _birth_fields(ddmmyy: int) -> tuple[int, int, int] | None:
    """Return a NIK's day (women's less 40), month and two-digit year, if in range."""
    day, month, year = ddmmyy // 10000, ddmmyy // 100 % 100, ddmmyy % 100
    if day > 40:
        day -= 40
    if not 1 <= day <= 31 or not 1 <= month <= 12:
        return None
    return day, month, year


def _birth_date_is_real(ddmmyy: int) -> bool:
    """Tell whether a NIK's DDMMYY is a real day in 19YY or 20YY."""
    fields = _birth_fields(ddmmyy)
    if fields is None:
        return False
    day, month, year = fields
    if month == 2 and day == 29:
        # Every 20YY divisible by 4 is a leap year, 2000 included; 19YY adds none.
        return year % 4 == 0
    return day <= _DAYS_IN_MONTH[month]


def nik_birth_date(nik: str, today: date | None = None) -> date | None:
    """Return the birth date a NIK encodes, in the century that puts it in the past.

    Pass ``today`` when calling in a loop: looking up the clock costs more than the rest.
    """
    if len(nik) != 16 or not _is_digits(nik):
        return None
    fields = _birth_fields(int(nik[6:12]))
    if fields is None:
        return None
    day, month, year = fields
    if today is None:
        today = date.today()
    for century in (2000, 1900):
        try:
            born = date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            return born
    return None


def nik_gender(nik: str) -> Gender | None:
    """Return the gender a NIK encodes: P when 40 was added to the day of birth."""
    if len(nik) != 16 or not _is_digits(nik):
        return None
    day = int(nik[6:8])
    if 1 <= day <= 31:
        return "L"
    if 41 <= day <= 71:
        return "P"
    return None


def check_nik(raw: Any, province_codes: frozenset[str]) -> tuple[str | None, list[str]]:
    """Clean a NIK cell and list its nik-* codes; a bad NIK is returned as written."""
    if type(raw) is str:
        nik = raw.strip()
        if len(nik) != 16 or not nik.isdigit() or not nik.isascii():
            nik = _strip_identifier(nik, _IDENTIFIER_NOISE)
    else:
        nik, typed_as_number = clean_identifier(raw)
        if typed_as_number:
            return nik, ["nik-numeric"]
    if not nik:
        return None, []
    if len(nik) != 16 or not _is_digits(nik) or nik.endswith("0000"):
        return nik, ["nik-format"]
    codes = []
    if nik[:2] not in province_codes:
        codes.append("nik-region")
    # Whether the day is real does not depend on the century: no clock needed.
    if not _birth_date_is_real(int(nik[6:12])):
        codes.append("nik-birthdate")
    return nik, codes


_PHONE_NOISE = str.maketrans("", "", "()" + " .-\t\n\r\xa0\u2009\u200b\u202f\u2010\u2011\u2013")


def parse_phone(raw: Any) -> tuple[str | None, str | None]:
    """Read a mobile number as 08…; code bad-phone."""
    if type(raw) is str:
        phone = _strip_identifier(raw, _PHONE_NOISE)
    elif raw is None:
        return None, None
    elif isinstance(raw, str):
        return parse_phone(str(raw))
    else:
        # A number-typed phone has lost its leading 0 (and anything else is no phone).
        return None, "bad-phone"
    if not phone or phone in _BLANK_TEXT:
        return None, None
    if phone.startswith("+62"):
        phone = phone[3:] if phone[3:4] == "0" else "0" + phone[3:]
    elif phone.startswith("628"):
        phone = "0" + phone[2:]
    if phone.startswith("08") and 10 <= len(phone) <= 13 and _is_digits(phone):
        return phone, None
    return None, "bad-phone"


def _parse_digits(raw: Any, code: str, min_length: int, max_length: int) -> tuple[str | None, str | None]:
    """Read an identifier of min_length..max_length digits (typed: up to 15)."""
    if type(raw) is str or raw is None or isinstance(raw, str):
        digits, _ = clean_identifier(raw)
        if not digits:
            return None, None
    elif isinstance(raw, bool):
        return None, code
    else:
        typed = _typed_number_digits(raw)
        if typed is None:
            return None, code
        digits = typed
    if min_length <= len(digits) <= max_length and _is_digits(digits):
        return digits, None
    return None, code


def parse_account(raw: Any) -> tuple[str | None, str | None]:
    """Read a bank account number of 8 to 20 digits; code bad-account."""
    return _parse_digits(raw, "bad-account", 8, 20)


def parse_nib(raw: Any) -> tuple[str | None, str | None]:
    """Read a NIB (Nomor Induk Berusaha) of 13 digits; code bad-nib."""
    return _parse_digits(raw, "bad-nib", 13, 13)
