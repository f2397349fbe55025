"""Pure data: the rows of each sheet kind, the findings about them, and the decisions made on them.

Rows are built by validate.py with `model_construct` (the values are already parsed and checked),
so these classes carry no I/O and no parsing: only fields and the invariants they name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
_RowT = TypeVar("_RowT", bound="_Row")


def construct_row(cls: type[_RowT], values: dict[str, object]) -> _RowT:
    """Build a row model from values validate.py already parsed and checked, without re-validation.

    This is what pydantic's `model_construct` does, without its per-field default lookups, which
    cost a third of a 100,000-row check. Defaults are taken from the model's fields once.
    """
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {
            name: info.get_default(call_default_factory=True) for name, info in cls.model_fields.items()
        }
        _ALL_FIELDS[cls] = set(defaults)
    obj = cls.__new__(cls)
    state = dict(defaults)
    state.update(values)
    object.__setattr__(obj, "__dict__", state)
    # One set for all rows: a set of its own per row would cost 1.2 KB, a third of a row's memory.
    # It names every field as set (nothing reads model_fields_set; exclude_unset keeps defaults).
    object.__setattr__(obj, "__pydantic_fields_set__", _ALL_FIELDS[cls])
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


_DEFAULTS: dict[type, dict[str, object]] = {}
_ALL_FIELDS: dict[type, set[str]] = {}


class SheetKind(StrEnum):
    BUSINESSES = "businesses"
    PROPOSALS = "proposals"
    AID_HISTORY = "aid_history"
    COOPERATIVES = "cooperatives"
    COOP_ASSESSMENT = "coop_assessment"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one cell (or sheet, or file); `params` fill the catalogue's message."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    field: str | None
    code: str
    severity: Severity
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    @property
    def cell(self) -> str | None:
        """Excel address such as 'Data UMKM'!F23, or None for a sheet- or file-wide finding."""
        if self.sheet is None or self.row is None:
            return None
        sheet = self.sheet.replace("'", "''")
        return f"'{sheet}'!{self.column or 'A'}{self.row}"


class _Row(BaseModel):
    """Where a row came from, and which of its fields had an error finding."""

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str
    row: int
    error_fields: frozenset[str] = frozenset()

    @property
    def valid(self) -> bool:
        return not self.error_fields


class Business(_Row):
    nik: str | None = None
    nama: str | None = None
    jenis_kelamin: Literal["L", "P"] | None = None
    tempat_lahir: str | None = None
    tanggal_lahir: date | None = None
    alamat: str | None = None
    kelurahan: str | None = None
    kecamatan: str | None = None
    no_kk: str | None = None
    no_hp: str | None = None
    nama_usaha: str | None = None
    bidang_usaha: str | None = None
    sektor: str | None = None
    nib: str | None = None
    tanggal_mulai_usaha: date | None = None
    aset: float | None = None
    omzet_tahunan: float | None = None
    tenaga_kerja: int | None = None
    pekerjaan: str | None = None
    menerima_kur: bool = False
    nama_bank: str | None = None
    no_rekening: str | None = None
    nama_rekening: str | None = None
    tanggal_pendataan: date | None = None


class Proposal(_Row):
    nik: str | None = None
    nama: str | None = None
    program: str | None = None
    nilai_usulan: float | None = None
    tanggal_usulan: date | None = None
    status: Literal["Diusulkan", "Disetujui", "Ditolak", "Disalurkan"] = "Diusulkan"
    tanggal_keputusan: date | None = None
    keterangan: str | None = None
    dikonfirmasi: bool = False  # staff have checked this row's notes by hand (rules.md)


class AidRecord(_Row):
    nik: str | None = None
    nama: str | None = None
    program: str | None = None
    tahun: int | None = None
    nilai: float | None = None
    sumber: str | None = None


CoopType = Literal["Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa"]


class Cooperative(_Row):
    nik_koperasi: str | None = None
    nomor_badan_hukum: str | None = None
    nama_koperasi: str | None = None
    jenis: CoopType | None = None
    kecamatan: str | None = None
    alamat: str | None = None
    tanggal_badan_hukum: date | None = None
    jumlah_anggota: int | None = None
    tahun_buku_rat: int | None = None
    tanggal_rat: date | None = None
    modal_sendiri: float | None = None
    modal_luar: float | None = None
    aset: float | None = None
    volume_usaha: float | None = None
    shu: float | None = None


ASPECTS = (
    "permodalan",
    "kualitas_aktiva_produktif",
    "manajemen",
    "efisiensi",
    "likuiditas",
    "kemandirian_pertumbuhan",
    "jatidiri_koperasi",
)
# The 2021 cooperative health examination (Permenkop 9/2020, Juknis Deputi Perkoperasian 15/2021).
ASPECTS_2021 = ("tata_kelola", "profil_risiko", "kinerja_keuangan", "permodalan")
Guideline = Literal["2016", "2021"]
GUIDELINE_ASPECTS: dict[str, tuple[str, ...]] = {"2016": ASPECTS, "2021": ASPECTS_2021}


class Assessment(_Row):
    nomor_badan_hukum: str | None = None
    nik_koperasi: str | None = None
    nama_koperasi: str | None = None
    tahun_buku: int | None = None
    pedoman: Guideline | None = None  # as written, or the one whose aspect columns are filled
    predikat: str | None = None  # the category the assessor wrote
    permodalan: float | None = None
    kualitas_aktiva_produktif: float | None = None
    manajemen: float | None = None
    efisiensi: float | None = None
    likuiditas: float | None = None
    kemandirian_pertumbuhan: float | None = None
    jatidiri_koperasi: float | None = None
    tata_kelola: float | None = None
    profil_risiko: float | None = None
    kinerja_keuangan: float | None = None


class SheetCount(BaseModel):
    rows: int = 0
    valid: int = 0
    errors: int = 0
    warnings: int = 0


class InputFile(BaseModel):
    """One workbook that was looked at, with the sheets recognised in it."""

    path: str
    sha256: str
    sheets: dict[str, SheetKind] = Field(default_factory=dict)
    readable: bool = True


@dataclass
class Dataset:
    """Everything read and validated from the input folder."""

    files: list[InputFile] = field(default_factory=list)
    businesses: list[Business] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    aid_history: list[AidRecord] = field(default_factory=list)
    cooperatives: list[Cooperative] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, SheetCount] = field(default_factory=dict)
    # (file, sheet) -> {field: column letter}: where each field was found, for row-level findings.
    columns: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


class ProposalDecision(BaseModel):
    """Eligibility of one proposal row: reasons make it ineligible, notes do not."""

    proposal: Proposal
    business: Business | None = None
    eligible: bool
    reasons: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    # Reason or note code -> (file, sheet, row) of the proposal rows it points at (a repeat's first).
    related_rows: dict[str, list[tuple[str, str, int]]] = Field(default_factory=dict)
    size_class: str | None = None
    # Eligible, but a note in confirm_notes is not yet confirmed: kept out of the letter.
    waiting: bool = False
    # Reason or note code -> the facts its sentence names (messages.explain).
    facts: dict[str, dict[str, object]] = Field(default_factory=dict)
    # The checks of rules.md this proposal passed on data that supports them (the letter's phrases).
    checks: frozenset[str] = frozenset()


HealthCategory = Literal["sehat", "cukup_sehat", "dalam_pengawasan", "dalam_pengawasan_khusus", "tidak_dinilai"]
HEALTH_CATEGORIES: tuple[HealthCategory, ...] = (
    "sehat",
    "cukup_sehat",
    "dalam_pengawasan",
    "dalam_pengawasan_khusus",
    "tidak_dinilai",
)


class CooperativeDecision(BaseModel):
    """Status and health of one cooperative row."""

    cooperative: Cooperative
    category: HealthCategory
    score: float | None = None
    assessment_year: int | None = None
    guideline: Guideline | None = None
    rat_compliant: bool
    active: bool
    due_fiscal_year: int
    reasons: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    facts: dict[str, dict[str, object]] = Field(default_factory=dict)
    # Candidate for recognition: sehat, RAT held, active, none of recognition_excludes (rules.md).
    candidate: bool = False
    # The notes that keep a sehat cooperative out of the candidates.
    kept_out_by: list[str] = Field(default_factory=list)

    @property
    def recognition(self) -> bool:
        """Candidate for recognition (rules.md)."""
        return self.candidate

    @property
    def rat_on_time(self) -> bool:
        """RAT held for the due fiscal year, and not late."""
        return self.rat_compliant and "rat-late" not in self.notes


@dataclass
class Decisions:
    proposals: list[ProposalDecision] = field(default_factory=list)
    cooperatives: list[CooperativeDecision] = field(default_factory=list)
