"""Parse dates written in Indonesian conventions, and a "place, date" of birth.

What goes in is a cell as the read stage gives it (None, str, int, float, bool, date, datetime,
time; a number is an Excel date serial); what comes out is ``(value, code)`` as in cells.py.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ukmreport.validate.cells import BLANK_TEXT, CACHE_SIZE, DAYS_IN_MONTH, MAX_TEXT, MAX_YEAR, MIN_YEAR, real_number

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
_LAST_SERIAL = date(MAX_YEAR, 12, 31).toordinal() - _EXCEL_EPOCH


def _date_or_code(year_text: str, month: int, day: int) -> tuple[date | None, str | None]:
    """Build a date from a day-month-year reading, or say why it is none."""
    if len(year_text) == 2:
        # Only blame the year when the day and month could be real.
        if 1 <= month <= 12 and 1 <= day <= DAYS_IN_MONTH[month]:
            return None, "two-digit-year"
        return None, "bad-date"
    if len(year_text) != 4:
        return None, "bad-date"
    year = int(year_text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, "bad-date"
    try:
        return date(year, month, day), None
    except ValueError:
        return None, "bad-date"


@lru_cache(maxsize=CACHE_SIZE)
def _date_from_text(raw: str, year_alone: bool) -> tuple[date | None, str | None]:
    text = raw.strip().casefold()
    if text in BLANK_TEXT:
        return None, None
    if len(text) > MAX_TEXT:
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
        if MIN_YEAR <= year <= MAX_YEAR:
            return date(year, 1, 1), None
    return None, "bad-date"


def _date_from_number(value: float, year_alone: bool) -> tuple[date | None, str | None]:
    """Read a number as a year (when allowed) or an Excel serial date."""
    if not math.isfinite(value):
        return None, "bad-date"
    if value.is_integer() and MIN_YEAR <= value <= MAX_YEAR:
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
    value = real_number(raw)
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
    if text in BLANK_TEXT:
        return None, None
    if len(text) > 2 * MAX_TEXT:
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
