"""Report periods: a year (2024), a quarter (2024-Q3) or a month (2024-07)."""

from __future__ import annotations

import calendar
import re
from datetime import date

from pydantic import BaseModel, ConfigDict

from ukmreport.errors import UkmreportError

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
QUARTERS_ID = ("I", "II", "III", "IV")


class Period(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str  # '2024', '2024-Q3', '2024-07'
    start: date
    end: date

    @property
    def label(self) -> str:
        """Indonesian words: 'Tahun 2024', 'Triwulan III 2024', 'Juli 2024'."""
        if len(self.key) == 4:
            return f"Tahun {self.key}"
        if "-Q" in self.key:
            return f"Triwulan {QUARTERS_ID[int(self.key[-1]) - 1]} {self.start.year}"
        return f"{MONTHS_ID[self.start.month - 1]} {self.start.year}"

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        if len(self.key) == 4:
            return parse_period(str(self.start.year - 1))
        if "-Q" in self.key:
            q = int(self.key[-1])
            return parse_period(f"{self.start.year - 1}-Q4" if q == 1 else f"{self.start.year}-Q{q - 1}")
        m = self.start.month
        return parse_period(f"{self.start.year - 1}-12" if m == 1 else f"{self.start.year}-{m - 1:02d}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


_PATTERN = re.compile(r"^(\d{4})(?:-(?:[Qq]([1-4])|(\d{1,2})))?$")


def parse_period(text: str) -> Period:
    """Parse '2024', '2024-Q3' or '2024-07'; raise a one-line error otherwise."""
    match = _PATTERN.match(text.strip())
    if not match or not 1900 <= int(match.group(1)) <= 2100:
        raise UkmreportError(f"period '{text}': use a year (2024), a quarter (2024-Q3) or a month (2024-07)")
    year = int(match.group(1))
    if match.group(2):
        q = int(match.group(2))
        end_month = q * 3
        return Period(
            key=f"{year}-Q{q}",
            start=date(year, end_month - 2, 1),
            end=date(year, end_month, calendar.monthrange(year, end_month)[1]),
        )
    if match.group(3):
        month = int(match.group(3))
        if not 1 <= month <= 12:
            raise UkmreportError(f"period '{text}': month must be 01 to 12")
        return Period(
            key=f"{year}-{month:02d}",
            start=date(year, month, 1),
            end=date(year, month, calendar.monthrange(year, month)[1]),
        )
    return Period(key=str(year), start=date(year, 1, 1), end=date(year, 12, 31))


def default_period(today: date) -> Period:
    return parse_period(str(today.year))
