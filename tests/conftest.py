"""Shared fixtures: the smallest workbooks, built in code, and the default settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from ukmreport.office.region import Region, load_region
from ukmreport.settings import Settings, load_settings
from ukmreport.validate import Context

TODAY = date(2026, 11, 28)

BUSINESS_HEADERS = [
    "No",
    "NIK",
    "Nama",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Alamat",
    "Kelurahan",
    "Kecamatan",
    "No HP",
    "Nama Usaha",
    "Bidang Usaha",
    "Aset",
    "Omzet per Tahun",
    "Pekerjaan",
    "Menerima KUR",
    "Bank",
    "No Rekening",
    "Atas Nama",
]


def business_row(no: int = 1, **overrides: object) -> list[object]:
    """A clean business row (Wa Ode Hasnah, born 5 March 1985, woman) with overrides by header."""
    row: dict[str, object] = {
        "No": no,
        "NIK": "7472014503850001",
        "Nama": "Wa Ode Hasnah",
        "Jenis Kelamin": "P",
        "Tanggal Lahir": "05-03-1985",
        "Alamat": "Jl. Sultan Hasanuddin No. 5",
        "Kelurahan": "Katobengke",
        "Kecamatan": "Betoambari",
        "No HP": "081234567890",
        "Nama Usaha": "Kue Hasnah",
        "Bidang Usaha": "Kuliner",
        "Aset": "Rp 5.000.000",
        "Omzet per Tahun": "60 juta",
        "Pekerjaan": "Wiraswasta",
        "Menerima KUR": "Tidak",
        "Bank": "BRI",
        "No Rekening": "012301000123567",
        "Atas Nama": "Wa Ode Hasnah",
    }
    row.update({k.replace("_", " "): v for k, v in overrides.items()})
    return [row[h] for h in BUSINESS_HEADERS]


@pytest.fixture
def settings() -> Settings:
    return load_settings(None)


@pytest.fixture
def region() -> Region:
    return load_region(None)


@pytest.fixture
def ctx(settings: Settings, region: Region) -> Context:
    return Context.make(settings, region, TODAY)


WorkbookFactory = Callable[..., Path]


@pytest.fixture
def make_workbook(tmp_path: Path) -> WorkbookFactory:
    """Write a workbook of {sheet name: rows} (first rows may be a title block) and return its path."""

    def make(sheets: dict[str, Sequence[Sequence[object]]], name: str = "book.xlsx") -> Path:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(list(row))
        path = tmp_path / name
        wb.save(path)
        return path

    return make
