"""One validated settings model: packaged defaults < ukmreport.toml < command-line options."""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ukmreport.errors import ConfigError

CONFIG_NAME = "ukmreport.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Office(_Section):
    """Who sends the documents: the letterhead (kop surat) and how the letters name the office.

    None is "not set": office.py fills it from the region's office profile (Kota Baubau's ships
    beside its region file) or derives it from the region, and refuses a run that still lacks one.
    Set phone, email or website to "" for an office that has none.
    """

    government: str | None = Field(None, description="Derived: PEMERINTAH KABUPATEN BUTON.")
    name: str | None = None
    short_name: str | None = Field(None, description="In sentences: Dinas Koperasi dan UKM Kabupaten Buton.")
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    city: str | None = Field(None, description="Place written before the letter's date; derived: the region's seat.")
    region: str | None = Field(None, description="The area the office serves; derived: the region's name.")
    region_head: str | None = Field(None, description="Derived: Wali Kota Baubau, Bupati Buton.")
    logo: str | None = Field(
        None, description="Logo image: a file in the template folder, or a path relative to ukmreport.toml."
    )


class Head(_Section):
    """Who signs: name with titles, rank and NIP (Permendagri 1/2023, Pasal 44(3)); from the profile."""

    position: str | None = None
    name: str | None = None
    rank: str | None = None
    nip: str | None = None


# Every column the letter's attachment can show (reports/usulan.py fills them).
ATTACHMENT_COLUMNS = (
    "No",
    "NIK",
    "No. KK",
    "Nama Lengkap",
    "L/P",
    "Tempat/Tanggal Lahir",
    "Alamat",
    "Kelurahan",
    "Kecamatan",
    "Nama Usaha",
    "Bidang Usaha",
    "NIB",
    "No. HP",
    "Bank",
    "No Rekening",
    "Nama Pemilik Rekening",
    "Nilai",
)


class Letter(_Section):
    """The proposal letter's fixed parts; number_pattern and copies_to belong to the office profile."""

    number_pattern: str | None = Field(None, description="e.g. 500.3/{seq}/DKUKM/{month_roman}/{year}")
    sequence: str = "___"
    sifat: str = "Penting"
    subject: str = "Usulan Calon Penerima {program}"
    # Micro-business grants belong to the Kementerian UMKM since October 2024 (outputs.md).
    addressee: list[str] = [
        "Menteri Usaha Mikro, Kecil, dan Menengah Republik Indonesia",
        "c.q. Deputi Bidang Usaha Mikro",
    ]
    addressee_place: str = "Jakarta"
    copies_to: list[str] | None = Field(None, description="Tembusan; derived: the region's head (sebagai laporan).")
    # The attachment's columns, in order (PDF and XLSX): the ministry's grant format by default.
    columns: list[str] = [
        "No",
        "NIK",
        "No. KK",
        "Nama Lengkap",
        "L/P",
        "Alamat",
        "Kelurahan",
        "Kecamatan",
        "Nama Usaha",
        "Bidang Usaha",
        "No. HP",
        "Bank",
        "No Rekening",
        "Nama Pemilik Rekening",
        "Nilai",
    ]

    @field_validator("columns")
    @classmethod
    def _known_columns(cls, value: list[str]) -> list[str]:
        known = ATTACHMENT_COLUMNS
        unknown = [c for c in value if c not in known]
        if unknown or not value:
            raise ValueError(f"unknown column {', '.join(unknown) or '(none given)'}; choose from {', '.join(known)}")
        if value[-1] != "Nilai":
            raise ValueError("the last column must be Nilai: the total stands under it")
        return value


class Periodic(_Section):
    """The periodic report's own words ([berkala] in ukmreport.toml); {region} stands for the office's region."""

    foreword: list[str] = [
        "Laporan berkala ini menyajikan keadaan pelaku usaha mikro, kecil dan menengah serta koperasi "
        "di {region} menurut data yang dihimpun Dinas Koperasi dan UKM: jumlah dan sebaran pelaku usaha, "
        "usulan bantuan pemerintah beserta keputusannya, kesehatan koperasi dan kepatuhan RAT, serta mutu "
        "data yang menjadi dasarnya.",
        "Angka dalam laporan ini diolah dari buku kerja dinas; baris yang mengandung kesalahan tidak dihitung. "
        "Semoga laporan ini bermanfaat sebagai bahan perencanaan dan pengambilan keputusan.",
    ]


class Program(_Section):
    """The grant program proposed for, and its amount per recipient."""

    name: str = "Bantuan Pemerintah bagi Pelaku Usaha Mikro (BPUM)"
    amount: int = Field(7_000_000, gt=0)


class EligibilityRules(_Section):
    """Thresholds of shared/spec/rules.md: size classes and grant eligibility."""

    size_basis: Literal["omzet", "modal"] = "omzet"
    size_standard: Literal["pp7_2021", "uu20_2008"] = "pp7_2021"
    # Upper bounds (inclusive) of mikro, kecil, menengah, per standard and basis.
    size_thresholds: dict[str, dict[str, list[int]]] = {
        "pp7_2021": {
            "omzet": [2_000_000_000, 15_000_000_000, 50_000_000_000],
            "modal": [1_000_000_000, 5_000_000_000, 10_000_000_000],
        },
        "uu20_2008": {
            "omzet": [300_000_000, 2_500_000_000, 50_000_000_000],
            "modal": [50_000_000, 500_000_000, 10_000_000_000],
        },
    }
    excluded_occupations: list[str] = [
        "ASN",
        "PNS",
        "PPPK",
        "TNI",
        "Polri",
        "polisi",
        "tentara",
        "BUMN",
        "BUMD",
        "pegawai negeri",
        "aparatur sipil negara",
    ]
    retired_words: list[str] = ["pensiunan", "purnawirawan"]
    name_titles: list[str] = [
        "H",
        "Hj",
        "Dr",
        "Drs",
        "Dra",
        "Ir",
        "S.Pd",
        "S.E",
        "S.H",
        "S.Sos",
        "S.Kom",
        "S.T",
        "M.M",
        "M.Si",
        "A.Md",
        "S.Ag",
        "S.IP",
        "S.Kep",
        "S.Farm",
        "M.Pd",
        "M.H",
        "S.Ked",
        "Amd",
    ]
    recent_aid_years: int = Field(1, ge=0, description="Aid in the proposal's year or this many years before.")
    confirm_notes: list[str] = Field(
        ["account-name-mismatch", "possible-duplicate", "name-mismatch"],
        description="Notes that keep an eligible proposal out of the letter until its row says dikonfirmasi = yes.",
    )

    @field_validator("size_thresholds")
    @classmethod
    def _ascending(cls, value: dict[str, dict[str, list[int]]]) -> dict[str, dict[str, list[int]]]:
        for standard, bases in value.items():
            for basis, bounds in bases.items():
                if len(bounds) != 3 or sorted(bounds) != bounds:
                    raise ValueError(f"{standard}.{basis} needs three ascending amounts")
        return value


class CooperativeRules(_Section):
    """Thresholds of shared/spec/rules.md for cooperatives: RAT, activity, health bands."""

    rat_due_months: int = Field(6, ge=0, le=24)
    active_window_years: int = Field(3, ge=0)
    min_members: int = Field(9, ge=0)
    health_bands: list[float] = [80, 66, 51]
    require_rat_for_sehat: bool = True
    aspect_max: dict[str, float] = {
        "permodalan": 15,
        "kualitas_aktiva_produktif": 25,
        "manajemen": 15,
        "efisiensi": 10,
        "likuiditas": 15,
        "kemandirian_pertumbuhan": 10,
        "jatidiri_koperasi": 10,
    }
    # The 2021 examination's aspects and their maximum points (defaults; the Juknis table may differ).
    aspect_max_2021: dict[str, float] = {
        "tata_kelola": 30,
        "profil_risiko": 15,
        "kinerja_keuangan": 40,
        "permodalan": 15,
    }
    health_bands_2021: list[float] = [80, 66, 51]
    aspect_weights: dict[str, float] = {}
    assessment_max_age_years: int = Field(3, ge=1, description="An assessment older than this is not current.")
    recognition_excludes: list[str] = ["rat-late", "below-min-members", "negative-shu"]

    @field_validator("health_bands", "health_bands_2021")
    @classmethod
    def _descending(cls, value: list[float]) -> list[float]:
        if len(value) != 3 or sorted(value, reverse=True) != value:
            raise ValueError("needs three descending scores, e.g. [80, 66, 51]")
        return value

    def aspect_maxima(self, guideline: str) -> dict[str, float]:
        """The aspects of a guideline ("2016" or "2021") and their maximum points."""
        return dict(self.aspect_max_2021) if guideline == "2021" else dict(self.aspect_max)

    def bands(self, guideline: str | None) -> list[float]:
        return list(self.health_bands_2021) if guideline == "2021" else list(self.health_bands)


Identifier = Literal["nik", "no_rekening"]


class Rendering(_Section):
    """How the PDFs are laid out: the size of the pieces a long table is cut into, and the processes."""

    pdf_piece_rows: int = Field(500, gt=0, description="A longer table is rendered in pieces of about this many rows.")
    workers: int | None = Field(
        None, ge=1, description="Processes for PDF pieces and annotated copies; default: the CPUs usable. 1: none."
    )

    start_method: Literal["forkserver", "spawn"] = Field(
        "forkserver", description="How workers start; spawn is what Windows has (and where there is no forkserver)."
    )
    font_subsetter: Literal["auto", "fonttools"] = Field(
        "auto", description="fonttools: subset the PDF fonts as on a machine without HarfBuzz-Subset."
    )

    def processes(self) -> int:
        """The worker processes to use: the setting, else the CPUs this process may run on."""
        if self.workers is not None:
            return self.workers
        try:
            return len(os.sched_getaffinity(0)) or 1
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1


class Limits(_Section):
    """What an input file may cost before it is refused as unreadable-file."""

    max_file_mb: float = Field(200, gt=0, description="A 1M-row sheet is ~65 MB; memory is ~2x this.")
    max_uncompressed_mb: float = Field(2048, gt=0)
    max_compression_ratio: float = Field(200, gt=1)
    max_rows: int = Field(1_100_000, gt=0)
    max_columns: int = Field(200, gt=0)
    max_cells: int = Field(60_000_000, gt=0, description="Filled area rows x columns; ~1.9 GB in calamine.")
    seconds_per_file: float = Field(600, gt=0)
    empty_rows_stop: int = Field(1000, gt=0, description="Stop reading after this many empty rows.")
    # How a big sheet is read in pieces (read/pieces.py): what it costs, not what it may cost.
    pieced_from_bytes: int = Field(
        32 << 20, ge=0, description="A sheet's XML over this is read in pieces (~30,000 rows of 22 columns)."
    )
    piece_bytes: int = Field(8 << 20, gt=0, description="XML per piece (~7,000 such rows); two are in memory at once.")
    first_piece_bytes: int = Field(1 << 20, gt=0, description="The first piece: nothing overlaps its parse.")
    fork_scanner: bool = Field(True, description="Scan the pieces in a forked copy where the system can fork.")


class Output(_Section):
    """Who may read the outputs besides their owner (access.py)."""

    group_readable: bool = Field(
        False,
        description="Let the owner's group read the outputs holding personal data too (0640/0750 instead of 0600/0700).",
    )


class Signing(_Section):
    """The office's PKCS#12 certificate for signing letters; its password is never read from this file."""

    certificate: Path | None = None


class Settings(_Section):
    """Everything a run needs; the region defaults to Kota Baubau, the office comes from its profile (office.py)."""

    input_dir: Path = Path("inputs")
    output_dir: Path = Path("reports")
    region_file: Path | None = None
    template_dir: Path | None = None
    lang: Literal["id", "en"] = "id"
    sectors: dict[str, list[str]] = {
        "Kuliner": ["makanan", "minuman", "makanan dan minuman", "mamin", "warung makan", "kue", "rumah makan"],
        "Perdagangan": ["dagang", "kios", "toko", "kelontong", "jual beli", "retail"],
        "Fesyen": ["fashion", "pakaian", "konveksi", "penjahit", "jahit", "tenun"],
        "Kerajinan": ["kriya", "handicraft", "anyaman"],
        "Pertanian": ["tani", "agribisnis", "perkebunan", "hortikultura"],
        "Perikanan": ["ikan", "nelayan", "budidaya ikan", "rumput laut"],
        "Peternakan": ["ternak", "ayam", "unggas"],
        "Jasa": ["servis", "bengkel", "laundry", "salon", "transportasi", "ojek", "fotokopi"],
        "Industri Pengolahan": ["pengolahan", "industri", "produksi"],
        "Lainnya": ["lain lain", "lain-lain"],
    }
    office: Office = Office()
    head: Head = Head()
    letter: Letter = Letter()
    program: Program = Program()
    berkala: Periodic = Periodic()
    eligibility: EligibilityRules = EligibilityRules()
    cooperatives: CooperativeRules = CooperativeRules()
    # Report name -> identifiers it masks, replacing what the report declares (reports/<name>.py).
    masking: dict[str, list[Identifier]] = {}
    rendering: Rendering = Rendering()
    limits: Limits = Limits()
    output: Output = Output()
    signing: Signing = Signing()
    config_path: Path | None = Field(None, exclude=True)
    config_sha256: str = Field("", exclude=True)

    @model_validator(mode="after")
    def _other_sector(self) -> Settings:
        if "Lainnya" not in self.sectors:
            raise ValueError("sectors must include 'Lainnya' (where unknown sectors go)")
        return self

    @property
    def sample_signer(self) -> bool:
        """No [head] in ukmreport.toml: letters are signed by the built-in sample head of office."""
        return "head" not in self.model_fields_set or self.head == Head()

    @property
    def config_dir(self) -> Path:
        return self.config_path.parent if self.config_path else Path.cwd()

    @property
    def override_template_dir(self) -> Path | None:
        """The office's own template folder: the setting, else templates/ beside the config."""
        if self.template_dir is not None:
            return self.template_dir if self.template_dir.is_absolute() else self.config_dir / self.template_dir
        candidate = self.config_dir / "templates"
        return candidate if self.config_path and candidate.is_dir() else None


def load_settings(config: Path | None = None, **overrides: object) -> Settings:
    """Read ukmreport.toml (given, or in the working folder) and apply command-line overrides."""
    path = config if config is not None else (Path(CONFIG_NAME) if Path(CONFIG_NAME).is_file() else None)
    data: dict[str, object] = {}
    digest = hashlib.sha256(b"").hexdigest()
    if path is not None:
        try:
            raw = Path(path).read_bytes()
            data = tomllib.loads(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        digest = hashlib.sha256(raw).hexdigest()
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path or 'settings'}: {_first_error(exc)}") from exc
    config_path = Path(path).resolve() if path else None
    region_file = settings.region_file
    if config_path and region_file is not None and not region_file.is_absolute():
        region_file = config_path.parent / region_file  # like template_dir: beside the settings file
    signing = settings.signing
    if config_path and signing.certificate is not None and not signing.certificate.is_absolute():
        signing = signing.model_copy(update={"certificate": config_path.parent / signing.certificate})  # likewise
    return settings.model_copy(
        update={"config_path": config_path, "config_sha256": digest, "region_file": region_file, "signing": signing}
    )


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    key = ".".join(str(part) for part in error["loc"]) or "(top)"
    more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{key}: {error['msg']}{more}"
