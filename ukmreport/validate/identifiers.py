"""Parse identifiers: NIK (the birth date and sex it encodes), phone, bank account, NIB.

What goes in is a cell as the read stage gives it; what comes out is ``(value, code)`` as in
cells.py, or for a NIK ``(digits, codes)``: identifiers are text of digits, kept as written, and
a number Excel rounded past 15 digits is named as such.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ukmreport.validate.cells import BLANK_TEXT, DAYS_IN_MONTH, Gender, parse_text, real_number

# The 38 province codes that open a NIK (shared/spec/workbooks.md, NIK).
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
    value = real_number(raw)
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
    value = real_number(raw)
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
    return day <= DAYS_IN_MONTH[month]


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
    if not phone or phone in BLANK_TEXT:
        return None, None
    if phone.startswith("+62"):
        phone = phone[3:] if phone[3:4] == "0" else "0" + phone[3:]
    elif phone.startswith("628"):
        phone = "0" + phone[2:]
    if phone.startswith("08") and 10 <= len(phone) <= 13 and _is_digits(phone):
        return phone, None
    return None, "bad-phone"


def parse_kk(raw: Any) -> tuple[str | None, str | None]:
    """Read a family card number (No. KK): 16 digits as text; kk-numeric, kk-format."""
    if raw is None or isinstance(raw, str):
        digits, _ = clean_identifier(raw)
        if not digits or digits in BLANK_TEXT:
            return None, None
        if len(digits) != 16 or not _is_digits(digits) or digits.endswith("0000"):
            return None, "kk-format"
        return digits, None
    # A number has lost its last digit when it had 16 (Excel keeps 15): the KK is no longer known.
    return None, "kk-numeric"


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
