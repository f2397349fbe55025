"""A realistic synthetic input set for the office: what `ukmreport demo` writes.

Three workbooks, laid out the way staff of Dinas Koperasi dan UKM Kota Baubau keep them
(title block, merged titles, header aliases of workbooks.md, typed and text values mixed):

* ``data_pelaku_usaha.xlsx`` sheet ``Data UMKM``: title rows 1-2, blank row 3, header row 4,
  data from row 5, then a blank row and a ``JUMLAH`` row totalling the asset column. One row per
  owner across the region's kecamatan and their own kelurahan; NIK, phone, NIB and account numbers
  as text; about 91% micro, 8% small, 1% medium by turnover; text amounts (``7,5 juta``) and text
  dates (``12 Maret 2023``) here and there, all valid. About 0.5% of rows carry one planted error
  each (numeric or 15-digit NIK, misspelt kecamatan, phone typed as a number, 31-02 birth date,
  repeated NIK, blank Nama Usaha) or warning (kelurahan of another kecamatan, JK against the NIK).
* ``usulan_bantuan.xlsx``: sheet ``Usulan Bantuan`` (header row 4, data from row 5) with a past
  round (29 proposals for ``settings.program`` dated last year: 11 ``Disalurkan``, 18 ``Ditolak``)
  followed by this year's round (``Diusulkan`` or blank) in which every eligibility reason and note
  of rules.md is planted; sheet ``Riwayat Bantuan`` (header row 3) with about 150 earlier grants,
  including the 11 from the past round under the same program name.
* ``data_koperasi.xlsx``: sheet ``Data Koperasi`` with a two-row header (rows 4-5: ``MODAL (Rp)``
  merged over ``Modal Sendiri``/``Modal Luar``, other labels merged down both rows; data from row 6)
  and sheet ``Penilaian Kesehatan`` (header row 4). With E = 31 December of ``today``'s year about
  40% hold a current RAT, 20% are inactive; about 25 come out ``sehat``, two score >= 80 without a
  current RAT, scores of exactly 80 and 79.75 sit on the boundary.

Everything is drawn from ``random.Random(seed)`` and ``today``: the same pair gives byte-identical
files (fixed zip timestamps and document properties). The businesses sheet is streamed straight
into the zip: openpyxl (write-only) builds the package, styles, title and header, and the data rows
are rendered as sheet XML here, because openpyxl's own cell writer costs ~0.5 ms a row without lxml.

What was planted is returned, not guessed: ``write_demo_inputs`` returns a list of paths with a
``planted`` attribute, a JSON-ready dict: Excel row numbers, and the findings, reasons, notes and
categories rules.md gives them (cooperatives for the period ending E = 31 December of ``today``'s
year; a granted proposal's own record in Riwayat Bantuan is not counted as another grant)::

    planted = {
      "today", "seed", "period_end" (E used for the cooperative expectations), "program",
      "businesses": {file, sheet, header_row, first_row, rows, findings: [{row, column, field, code, severity,
                     value, duplicate_of?}]},
      "proposals": {file, sheet, header_row, rows: [{row, nik, nama, round: past|new, status, role,
                    eligible, reasons, notes}], findings: [...], by_code: {reason-or-note: [rows]}},
      "aid_history": {file, sheet, header_row, rows},
      "cooperatives": {file, sheet, header_rows: [4, 5], rows: [{row, nomor_badan_hukum, nama_koperasi,
                       category, score, rat_compliant, active, reasons, notes}] (rows without errors),
                       findings: [...], health: {category: count}},
      "assessments": {file, sheet, header_row, rows, findings: [...]}}
"""

from __future__ import annotations

import io
import math
import random
from array import array
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

if TYPE_CHECKING:
    from ukmreport.region import Region
    from ukmreport.settings import Settings


# ----------------------------------------------------------------------------- data
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MALE_PREFIX = (("La Ode ", 16), ("La ", 18), ("Muhammad ", 8), ("Muh. ", 3), ("Andi ", 4), ("Abdul ", 4), ("", 47))
FEMALE_PREFIX = (("Wa Ode ", 16), ("Wa ", 16), ("Siti ", 9), ("Sitti ", 4), ("Nur ", 4), ("Andi ", 2), ("", 49))
MALE_NAMES = _words(
    "Hamirudin Rusli Sahiruddin Amiruddin Arsyad Baharuddin Darmin Hasanuddin Ikhsan Jufri Kamaruddin Rahman "
    "Safaruddin Nasrun Wahidin Asrun Hardin Jamaludin Ismail Kadir Mustafa Yasin Sudirman Ramli Halim Umar Ali "
    "Syamsul Rahmat Hasan Arif Yusuf Samsudin Rusdin Sahrul Jumadil Irwan Herman Zainal Amran Darwis Sukri Taufik "
    "Fadli Munir Sabaruddin Tamrin Rasyid Anwar Alimin Masri"
)
FEMALE_NAMES = _words(
    "Hasnah Nurhayati Nurlina Hasmia Rosmiati Wahyuni Sumarni Hartati Marlina Rahmawati Fatmawati Nurjannah "
    "Asmawati Rusni Halimah Sartika Yuliana Darmawati Jumiati Nurbaya Salma Hadijah Ratna Suryani Mardiana Irma "
    "Asriani Aisyah Murni Hamsina Nuraeni Sumiati Rosdiana Nurmala Hasriani Fitriani Musdalifah Sahariah"
)
SURNAMES = _words(
    "Hamid Rahim Saleh Husain Abdullah Ramadhan Sulaiman Basri Malik Kasim Latif Ibrahim Nasir Syukur Haris "
    "Idrus Hamzah Kahar Mansyur Effendi Hakim Salim Yunus Rauf Manarfa Hibali Sirajuddin Arifin"
)
ROMAN = _words("I II III IV V VI VII VIII IX X XI XII")
DEGREES = (", S.Pd.", ", S.E.", ", S.H.", ", A.Md.", ", S.Sos.")
MONTHS = (
    "",
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
NEIGHBOUR = "7404"  # Kabupaten Buton: many Baubau residents were first registered there
NEIGHBOUR_PLACES = ("Pasarwajo", "Buton", "Lasalimu", "Kapontori", "Wabula", "Siompu")
OUTSIDE = (
    ("7471", "Kendari"),
    ("7403", "Raha"),
    ("7407", "Wangi-Wangi"),
    ("7371", "Makassar"),
    ("7308", "Watampone"),
    ("7271", "Palu"),
    ("8171", "Ambon"),
    ("3171", "Jakarta"),
    ("3578", "Surabaya"),
)
MIGRANT_PLACES = ("Pasarwajo", "Raha", "Wangi-Wangi", "Kendari", "Makassar", "Lasalimu")
STREETS = (
    "Jl. Betoambari",
    "Jl. Sultan Hasanuddin",
    "Jl. Erlangga",
    "Jl. Yos Sudarso",
    "Jl. Dayanu Ikhsanuddin",
    "Jl. Murhum",
    "Jl. Bataraguru",
    "Jl. Gajah Mada",
    "Jl. Sultan Qaimuddin",
    "Jl. Wa Ode Wau",
    "Jl. Kartini",
    "Jl. Ahmad Yani",
    "Jl. Pahlawan",
    "Jl. Anoa",
    "Jl. Sapati",
    "Jl. La Ode Ngkada",
    "Lr. Kenari",
    "Lr. Cempaka",
)
WORDS = (
    "Berkah",
    "Barakati",
    "Sejahtera",
    "Maju Jaya",
    "Mandiri",
    "Amanah",
    "Bahari",
    "Sinar Baru",
    "Cahaya",
    "Rezeki",
    "Harapan",
    "Mekar",
    "Bintang",
    "Putra",
    "Indah",
    "Wolio",
    "Buton Raya",
    "Kamali",
    "Mutiara",
)
SECTOR_WEIGHTS = {
    "Kuliner": 30,
    "Perdagangan": 30,
    "Fesyen": 6,
    "Kerajinan": 4,
    "Pertanian": 5,
    "Perikanan": 8,
    "Peternakan": 3,
    "Jasa": 10,
    "Industri Pengolahan": 3,
    "Lainnya": 1,
}
BUSINESS_NAMES = {
    "Kuliner": ("Warung Makan {n}", "Kue {n}", "Rumah Makan {w}", "Kedai Kopi {w}", "Kasuami {n}", "Bakso {n}"),
    "Perdagangan": ("Kios {n}", "Toko {w}", "Kios Sembako {n}", "UD {w}", "Toko Kelontong {n}", "Kios Pulsa {n}"),
    "Fesyen": ("Tenun Buton {n}", "Penjahit {n}", "Konveksi {w}", "Butik {n}"),
    "Kerajinan": ("Kerajinan Kuningan {n}", "Anyaman {w}", "Souvenir {w}"),
    "Pertanian": ("Kebun Sayur {n}", "Tani {w}", "Jambu Mete {n}"),
    "Perikanan": ("Ikan Asin {n}", "Rumput Laut {w}", "Ikan Segar {n}", "Budidaya Ikan {w}"),
    "Peternakan": ("Ternak Ayam {n}", "Peternakan {w}", "Telur Ayam {n}"),
    "Jasa": ("Bengkel {w}", "Laundry {n}", "Salon {n}", "Fotokopi {w}", "Service HP {w}"),
    "Industri Pengolahan": ("Abon Ikan {n}", "Keripik {w}", "Kacang Mete {w}", "Air Minum Isi Ulang {w}"),
}
JOBS = (
    ("Wiraswasta", 38),
    ("Pedagang", 20),
    ("Ibu Rumah Tangga", 14),
    ("Nelayan", 7),
    ("Petani", 5),
    ("Karyawan Swasta", 4),
    ("Buruh", 3),
    ("Honorer", 2),
    ("Pensiunan PNS", 2),
    ("PNS", 2),
    ("Mahasiswa", 1),
    ("Guru PPPK", 1),
    ("Anggota Polri", 0.5),
    ("Karyawan BUMN", 0.5),
)
ELIGIBLE_JOBS = ("Wiraswasta", "Pedagang", "Nelayan", "Petani", "Ibu Rumah Tangga")
BANKS = (
    ("BRI", 45, "4-2-6-2-1"),
    ("BNI", 15, "10"),
    ("Bank Mandiri", 12, "3-2-7-1"),
    ("BSI", 15, "10"),
    ("Bank Sultra", 13, "12"),
)
AID_PROGRAMS = (
    ("Banpres Produktif Usaha Mikro", "Kementerian", (2_400_000, 1_200_000)),
    ("Bantuan Modal Usaha Provinsi", "Provinsi", (5_000_000, 3_000_000)),
    ("Bantuan Alat Usaha Kota", "Kota", (2_500_000, 3_000_000, 1_500_000)),
)
COOP_TYPES = (("Simpan Pinjam", 30), ("Konsumen", 30), ("Produsen", 20), ("Pemasaran", 10), ("Jasa", 10))
COOP_NAMES = {
    "Simpan Pinjam": ('KSP "{w}"', 'Koperasi Simpan Pinjam "{w}"', 'Kopwan "{w}"', 'KSP Credit Union "{w}"'),
    "Konsumen": (
        "Koperasi Konsumen Pegawai {o}",
        'KPRI "{w}"',
        'Koperasi Serba Usaha "{w}"',
        'Koperasi Konsumen "{w}"',
    ),
    "Produsen": ('Koperasi Produsen "{w}"', 'Koperasi Nelayan "{w}"', 'KUD "{w}"', 'Koperasi Produsen Tenun "{w}"'),
    "Pemasaran": ('Koperasi Pemasaran "{w}"', "Koperasi Pedagang Pasar {k}", 'Koperasi Serba Usaha "{w}"'),
    "Jasa": ('Koperasi Jasa Angkutan "{w}"', 'Koperasi Jasa "{w}"', 'Koperasi Jasa Pelabuhan "{w}"'),
}
COOP_WORDS = (
    "Sejahtera",
    "Maju Bersama",
    "Bahari",
    "Mekar Jaya",
    "Karya Mandiri",
    "Bina Usaha",
    "Sinar Harapan",
    "Sumber Rezeki",
    "Tunas Baru",
    "Barakati",
    "Pomaa-Maasiaka",
    "Wolio Sejahtera",
    "Bersatu",
    "Amanah",
    "Berkah",
    "Harapan Baru",
    "Samudra",
    "Kamali",
    "Lipu Makmur",
    "Kaowa",
    "Mutiara",
    "Nusa Indah",
    "Sangia",
    "Bukti Kasih",
    "Sabangka Asarope",
    "Bahtera",
    "Tiga Putri",
    "Anugerah",
    "Kasih Ibu",
)
OFFICES = (
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Sekretariat Daerah",
    "RSUD",
    "Dinas Perhubungan",
    "Kantor Kementerian Agama",
    "Dinas Pekerjaan Umum",
    "BPKAD",
    "Dinas Sosial",
    "Badan Pusat Statistik",
)
ASPECT_HEADERS = {
    "permodalan": "Permodalan",
    "kualitas_aktiva_produktif": "Kualitas Aktiva Produktif",
    "manajemen": "Manajemen",
    "efisiensi": "Efisiensi",
    "likuiditas": "Likuiditas",
    "kemandirian_pertumbuhan": "Kemandirian dan Pertumbuhan",
    "jatidiri_koperasi": "Jatidiri Koperasi",
}

BUSINESS_FILE, PROPOSAL_FILE, COOP_FILE = "data_pelaku_usaha.xlsx", "usulan_bantuan.xlsx", "data_koperasi.xlsx"
BUSINESS_HEADERS = (
    "No",
    "No KTP",
    "Nama Pemilik",
    "JK",
    "Tempat, Tanggal Lahir",
    "Alamat Usaha",
    "Desa/Kelurahan",
    "Kecamatan",
    "No HP",
    "Nama Usaha",
    "Sektor Usaha",
    "NIB",
    "Tahun Berdiri",
    "Modal/Aset (Rp)",
    "Omzet per Bulan",
    "Jumlah Tenaga Kerja",
    "Pekerjaan",
    "Menerima KUR",
    "Nama Bank",
    "No Rekening",
    "Atas Nama",
    "Tanggal Pendataan",
)
PROPOSAL_HEADERS = (
    "No",
    "NIK",
    "Nama Lengkap",
    "Jenis Bantuan",
    "Nilai Usulan",
    "Tgl Usulan",
    "Status",
    "Tanggal Keputusan",
    "Keterangan",
)
AID_HEADERS = ("No", "NIK", "Nama", "Program", "Tahun", "Nilai", "Sumber Dana")
COOP_HEADERS = (
    "No",
    "Nama Koperasi",
    "Jenis Koperasi",
    "No Badan Hukum",
    "Tanggal Badan Hukum",
    "NIK Koperasi",
    "Alamat",
    "Kecamatan",
    "Jumlah Anggota",
    "Tahun Buku RAT",
    "Tanggal RAT",
    "Modal Sendiri",
    "Modal Luar",
    "Aset",
    "Volume Usaha",
    "SHU",
)
ASSESS_HEADERS = ("No", "No Badan Hukum", "Nama Koperasi", "Tahun Buku", *ASPECT_HEADERS.values())
HEADER_ROW, FIRST_ROW = 4, 5  # businesses and proposals; cooperatives: header rows 4-5, data from 6
BIRTH_FIRST, BIRTH_LAST, EXCEL_EPOCH = date(1955, 1, 1), date(2003, 12, 31), date(1899, 12, 30)
BIRTH_DAYS = (BIRTH_LAST - BIRTH_FIRST).days + 1
# (code, column, field, severity) of the businesses errors; each is planted at least once.
BUSINESS_ERRORS = (
    ("nik-numeric", "B", "nik", "error"),
    ("nik-format", "B", "nik", "error"),
    ("unknown-kecamatan", "H", "kecamatan", "error"),
    ("bad-phone", "I", "no_hp", "error"),
    ("bad-date", "E", "tanggal_lahir", "error"),
    ("duplicate-nik", "B", "nik", "error"),
    ("missing-value", "J", "nama_usaha", "error"),
    ("kelurahan-mismatch", "G", "kelurahan", "warning"),
    ("nik-mismatch-gender", "D", "jenis_kelamin", "warning"),
)


# ----------------------------------------------------------------------------- helpers
def _cw(pairs: tuple[tuple[Any, float], ...]) -> tuple[list[Any], list[float]]:
    items, cum, total = [], [], 0.0
    for item, weight in pairs:
        total += weight
        items.append(item)
        cum.append(total)
    return items, cum


def _between(r: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=r.randint(0, max(0, (last - first).days)))


def _date_text(d: date, r: random.Random) -> str:
    u = r.random()
    if u < 0.5:
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    return f"{d.day} {MONTHS[d.month]} {d.year}" if u < 0.8 else f"{d.day:02d}/{d.month:02d}/{d.year}"


def _dec(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _amount_text(v: int, r: random.Random) -> str:
    """An amount as staff type it: `7,5 juta`, `500 rb`, `1,2 M`, `Rp 2.500.000`, `Rp2.500.000,-`."""
    if v >= 1_000_000_000 and v % 100_000_000 == 0:
        return _dec(v / 1e9) + r.choice((" M", " miliar"))
    if 1_000_000 <= v < 1_000_000_000 and v % 100_000 == 0 and r.random() < 0.6:
        return _dec(v / 1e6) + " juta"
    if v < 1_000_000 and v % 1000 == 0:
        return f"{v // 1000} " + r.choice(("rb", "ribu"))
    s = f"{v:,}".replace(",", ".")
    return r.choice((f"Rp {s}", s, f"Rp{s},-"))


def _rupiah(v: int) -> str:
    return "Rp" + f"{v:,}".replace(",", ".") + ",-"


def _misspell(name: str) -> str:
    """Drop the last vowel that is not the final letter: Betoambari -> Betoambri."""
    for i in range(len(name) - 2, 0, -1):
        if name[i].lower() in "aeiou":
            return name[:i] + name[i + 1 :]
    return name + "x"


def _digits(r: random.Random, pattern: str) -> str:
    """Account number by group lengths: '4-2-6-2-1' (BRI, dashes kept sometimes) or '10'."""
    groups = [f"{r.randrange(10 ** int(g)):0{g}d}" for g in pattern.split("-")]
    return "-".join(groups) if len(groups) > 1 and r.random() < 0.4 else "".join(groups)


class DemoFiles(list):
    """The files written (a list of Path), with `.planted`: what the validator must find."""

    planted: dict[str, Any]


@dataclass(slots=True)
class Owner:
    nik: str
    nama: str
    given: str
    female: bool
    place: str
    birth: date
    kec: int
    kel: str
    alamat: str
    phone: str | None
    usaha: str
    sector: str
    nib: str | None
    founded: int | None
    aset: int
    omzet_bulan: int
    workers: int | None
    job: str
    kur: bool
    bank: str | None
    account: str | None
    account_name: str | None
    registered: date


class _Gen:
    """Draws people and businesses for one region from one Random; NIKs are unique by construction."""

    def __init__(self, rng: random.Random, today: date, region: Region, settings: Settings) -> None:
        self.r, self.today, self.region, self.settings = rng, today, region, settings
        self.kec_codes = [k.code.replace(".", "") for k in region.kecamatan]
        self.neighbour = [f"{NEIGHBOUR}{d:02d}" for d in range(1, 13)]
        self.others = [f"{code}{d:02d}" for code, _ in OUTSIDE for d in (1, 2, 3)]
        prefixes = self.kec_codes + self.neighbour + self.others
        self._prefix_index = {p: i for i, p in enumerate(prefixes)}
        # Last serial used per (prefix, birth date, sex): real serials run per district and day.
        self._serials = array("H", bytes(2 * 2 * len(prefixes) * BIRTH_DAYS))
        self.sectors = list(settings.sectors)
        self.sector_cw = _cw(tuple((s, SECTOR_WEIGHTS.get(s, 2)) for s in self.sectors))[1]
        self.male_cw, self.female_cw = _cw(MALE_PREFIX), _cw(FEMALE_PREFIX)
        self.jobs_cw, self.banks_cw = _cw(JOBS), _cw(tuple((b, w) for b, w, _ in BANKS))
        self.patterns = {b: p for b, _, p in BANKS}

    def nik(self, prefix: str, birth: date, female: bool) -> str:
        key = (self._prefix_index[prefix] * BIRTH_DAYS + (birth - BIRTH_FIRST).days) * 2 + female
        serial = self._serials[key] + 1 if self._serials[key] else self.r.randint(1, 40)
        if serial > 9999:
            raise ValueError("more than 9999 people share a district and birth date")
        self._serials[key] = serial
        return f"{prefix}{birth.day + 40 * female:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"

    def name(self, female: bool) -> tuple[str, str]:
        r = self.r
        items, cum = self.female_cw if female else self.male_cw
        prefix = r.choices(items, cum_weights=cum)[0]
        given = r.choice(FEMALE_NAMES if female else MALE_NAMES)
        if prefix == "Nur " and given.startswith("Nur"):
            prefix = ""
        nama = prefix + given + (" " + r.choice(SURNAMES) if r.random() < 0.45 else "")
        return nama, given

    def prefix(self, k: int) -> str:
        u = self.r.random()
        if u < 0.75:
            return self.kec_codes[k]
        if u < 0.85:
            return self.r.choice(self.kec_codes)
        return self.r.choice(self.neighbour) if u < 0.97 else self.r.choice(self.others)

    def place(self, prefix: str) -> str:
        r = self.r
        if prefix[:4] == self.region.code:
            return (
                (self.region.city if r.random() < 0.9 else self.region.name)
                if r.random() < 0.8
                else r.choice(MIGRANT_PLACES)
            )
        if prefix[:4] == NEIGHBOUR:
            return r.choice(NEIGHBOUR_PLACES) if r.random() < 0.85 else self.region.city
        return dict(OUTSIDE)[prefix[:4]]

    def amounts(self, size: str) -> tuple[int, int, int]:
        """(assets, monthly turnover, workers) for a size class by annual turnover (PP 7/2021)."""
        r = self.r

        def logu(lo: float, hi: float, step: int, skew: float = 1.0) -> int:
            return int(round(math.exp(math.log(lo) + (math.log(hi) - math.log(lo)) * r.random() ** skew) / step)) * step

        if size == "mikro":
            return logu(5e5, 3e8, 100_000, 1.4), logu(2e6, 1.25e8, 50_000, 1.6), r.choice((0, 1, 1, 1, 2, 2, 3, 4))
        if size == "kecil":
            return logu(3e8, 4e9, 10_000_000), logu(1.75e8, 1.2e9, 5_000_000), r.randint(5, 19)
        return logu(5e9, 9.5e9, 100_000_000), logu(1.3e9, 4e9, 50_000_000), r.randint(20, 99)

    def owner(
        self,
        *,
        eligible: bool = False,
        female: bool | None = None,
        prefix: str | None = None,
        birth: date | None = None,
        name: str | None = None,
        registered: date | None = None,
    ) -> Owner:
        """A random owner; `eligible` draws a clean grant candidate (micro, no KUR, own account, no titles)."""
        r = self.r
        female = r.random() < 0.55 if female is None else female
        nama, given = self.name(female)
        if name is not None:
            nama, given = name, name.split()[-1]
        if birth is None:
            birth = BIRTH_FIRST + timedelta(days=int(r.triangular(0, BIRTH_DAYS - 1, BIRTH_DAYS * 0.55)))
        k = r.randrange(len(self.region.kecamatan))
        kec = self.region.kecamatan[k]
        if prefix is None:
            prefix = self.kec_codes[k] if eligible else self.prefix(k)
        nik = self.nik(prefix, birth, female)
        sector = self.sectors[r.choices(range(len(self.sectors)), cum_weights=self.sector_cw)[0]]
        usaha = r.choice(BUSINESS_NAMES.get(sector, ("Usaha {n}", "{w} Mandiri"))).format(n=given, w=r.choice(WORDS))
        sector_text = sector
        aliases = self.settings.sectors[sector]
        if aliases and r.random() < 0.2:
            sector_text = " ".join(w if w == "dan" else w.capitalize() for w in r.choice(aliases).split())
        size = "mikro" if eligible else r.choices(("mikro", "kecil", "menengah"), cum_weights=(91, 99, 100))[0]
        aset, omzet, workers = self.amounts(size)
        if eligible:
            job = r.choice(ELIGIBLE_JOBS[: 5 if female else 4])
        else:
            job = r.choices(self.jobs_cw[0], cum_weights=self.jobs_cw[1])[0]
            if job == "Ibu Rumah Tangga" and not female:
                job = "Wiraswasta"
        if sector == "Perikanan" and job in ("Wiraswasta", "Pedagang") and r.random() < 0.6:
            job = "Nelayan"
        plain = nama
        if not eligible and r.random() < 0.05:
            nama = (("Hj. " if female else "H. ") + nama) if r.random() < 0.6 else nama + r.choice(DEGREES)
        bank = account = account_name = None
        if eligible or r.random() < 0.8:
            bank = r.choices(self.banks_cw[0], cum_weights=self.banks_cw[1])[0]
            account = _digits(r, self.patterns[bank])
            account_name = nama if eligible else (plain.upper() if r.random() < 0.25 else plain)
            if bank == "BRI" and r.random() < 0.3:
                bank = "Bank BRI"
        registered = registered or self.today - timedelta(days=r.randint(0, 1095))
        first_year = min(max(birth.year + 18, registered.year - 25), registered.year)
        founded = r.randint(first_year, registered.year) if r.random() < 0.9 else None
        phone = None
        if eligible or r.random() < 0.9:
            digits = (
                "08"
                + r.choice(("11", "12", "13", "21", "22", "23", "52", "53", "77", "81", "82", "95"))
                + f"{r.randrange(10**8):08d}"[: r.choice((7, 8))]
            )
            u = r.random()
            phone = (
                digits if u < 0.6 else f"{digits[:4]}-{digits[4:8]}-{digits[8:]}" if u < 0.85 else "+62" + digits[1:]
            )
        alamat = f"{r.choice(STREETS)} No. {r.randint(1, 150)}"
        if r.random() < 0.4:
            alamat += f", RT {r.randint(1, 12):03d}/RW {r.randint(1, 6):03d}"
        nib = f"{r.choice(('91', '81', '02', '12'))}{r.randrange(10**11):011d}" if r.random() < 0.45 else None
        kur = False if eligible else r.random() < 0.08
        return Owner(
            nik,
            nama,
            given,
            female,
            self.place(prefix),
            birth,
            k,
            r.choice(kec.kelurahan),
            alamat,
            phone,
            usaha,
            sector_text,
            nib,
            founded,
            aset,
            omzet,
            workers if r.random() < 0.9 else None,
            job,
            kur,
            bank,
            account,
            account_name,
            registered,
        )

    def ttl(self, place: str, d: date, day: str | None = None) -> str:
        r = self.r
        if day is not None:
            return f"{place}, {day}-{d.year}"
        u = r.random()
        text = (
            f"{d.day:02d}-{d.month:02d}-{d.year}"
            if u < 0.55
            else (f"{d.day} {MONTHS[d.month]} {d.year}" if u < 0.9 else f"{d.day:02d}/{d.month:02d}/{d.year}")
        )
        return f"{place} / {text}" if r.random() < 0.1 else f"{place}, {text}"

    def values(self, o: Owner) -> list[Any]:
        """The 22 cells of one businesses row, with the mess staff leave (all of it valid)."""
        r = self.r
        kec = self.region.kecamatan[o.kec]
        u = r.random()
        kec_text = kec.name if u < 0.85 else kec.name.upper() if u < 0.95 or not kec.aliases else r.choice(kec.aliases)
        aliases = [a for a, kel in kec.kelurahan_aliases.items() if kel == o.kel]
        u = r.random()
        kel = o.kel if u < 0.88 else o.kel.upper() if u < 0.95 or not aliases else aliases[0]
        jk = ("P" if o.female else "L") if r.random() < 0.8 else ("Perempuan" if o.female else "Laki-laki")
        kur = ("Ya" if o.kur else "Tidak") if r.random() < 0.82 else ("Y" if o.kur else r.choice(("T", None)))
        founded = o.founded if o.founded is None or r.random() < 0.85 else str(o.founded)
        return [
            None,
            o.nik,
            o.nama,
            jk,
            self.ttl(o.place, o.birth),
            o.alamat,
            kel,
            kec_text,
            o.phone,
            o.usaha,
            o.sector,
            o.nib,
            founded,
            o.aset if r.random() < 0.88 else _amount_text(o.aset, r),
            o.omzet_bulan if r.random() < 0.88 else _amount_text(o.omzet_bulan, r),
            o.workers,
            o.job,
            kur,
            o.bank,
            o.account,
            o.account_name,
            o.registered if r.random() < 0.85 else _date_text(o.registered, r),
        ]


# ----------------------------------------------------------------------------- writing
THIN = Side(style="thin")
HEAD_STYLE = {
    "font": Font(bold=True),
    "fill": PatternFill("solid", fgColor="D9E1F2"),
    "alignment": Alignment(horizontal="center", vertical="center", wrap_text=True),
    "border": Border(left=THIN, right=THIN, top=THIN, bottom=THIN),
}


def _styled(cell: Any, **style: Any) -> Any:
    for key, value in style.items():
        setattr(cell, key, value)
    return cell


def _stamp(today: date) -> datetime:
    return datetime(today.year, today.month, today.day, 8, 0, 0)


def _save(wb: Workbook, path: Path, today: date, author: str, rows: Any = None, big: bool = False) -> Path:
    """Save with fixed zip timestamps and document dates; `rows(out)` streams extra sheet XML into sheet1."""
    stamp = _stamp(today)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = author
    buf = io.BytesIO()
    ExcelWriter(wb, ZipFile(buf, "w", ZIP_DEFLATED)).save()  # not wb.save(): that stamps `modified` with now
    with ZipFile(buf) as src, ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as dst:
        for info in src.infolist():
            data = src.read(info)
            zi = ZipInfo(info.filename, stamp.timetuple()[:6])
            zi.compress_type, zi.external_attr = ZIP_DEFLATED, 0o600 << 16
            if rows is not None and info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>", 1)
                with dst.open(zi, "w", force_zip64=big) as out:
                    out.write(head.replace(b"</sheetPr>", f'</sheetPr><dimension ref="{rows.ref}"/>'.encode(), 1))
                    rows(out)
                    out.write(b"</sheetData>" + tail)
            else:
                dst.writestr(zi, data)
    return path


def _title(ws: Any, lines: list[str], width: int, write_only: bool = False) -> None:
    last = get_column_letter(width)
    for i, text in enumerate(lines, 1):
        font = Font(bold=True, size=14 if i == 1 else 12)
        if write_only:
            ws.append([_styled(WriteOnlyCell(ws, value=text), font=font, alignment=Alignment(horizontal="center"))])
            ws.merged_cells.add(f"A{i}:{last}{i}")
        else:
            _styled(ws.cell(i, 1, text), font=font, alignment=Alignment(horizontal="center"))
            ws.merge_cells(f"A{i}:{last}{i}")


def _sheet(
    wb: Workbook, name: str, title: list[str], headers: tuple[str, ...], widths: list[int], header_row: int
) -> Any:
    ws = wb.create_sheet(name)
    _title(ws, title, len(headers))
    for c, (h, w) in enumerate(zip(headers, widths, strict=True), 1):
        _styled(ws.cell(header_row, c, h), **HEAD_STYLE)
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = f"C{header_row + 1}"
    return ws


def _put(ws: Any, row: int, values: list[Any], text_cols: tuple[int, ...] = ()) -> None:
    for c, v in enumerate(values, 1):
        if v is None:
            continue
        cell = ws.cell(row, c, v)
        if c in text_cols:
            if isinstance(v, str):
                cell.number_format = "@"
        elif isinstance(v, date):
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(v, int) and v >= 100_000:
            cell.number_format = "#,##0"


class _BusinessRows:
    """Renders the businesses data rows as sheet XML, planting errors and capturing chosen owners."""

    def __init__(
        self, g: _Gen, n: int, specials: dict[int, Owner], errors: bool, n_capture: int, styles: tuple[int, int, int]
    ) -> None:
        self.g, self.n, self.specials, self.styles = g, n, specials, styles
        r = g.r
        k = max(len(BUSINESS_ERRORS), round(n * 0.005)) if errors else 0
        free = [i for i in r.sample(range(10, n), min(n - 10, k + n_capture + len(specials))) if i not in specials]
        self.errors = {
            i: BUSINESS_ERRORS[j] if j < len(BUSINESS_ERRORS) else r.choice(BUSINESS_ERRORS)
            for j, i in enumerate(free[:k])
        }
        self.capture_at = set(free[k : k + n_capture])
        self.captured: list[Owner] = []
        self.findings: list[dict[str, Any]] = []
        self.last = FIRST_ROW + n + 1
        self.ref = f"A1:{get_column_letter(len(BUSINESS_HEADERS))}{self.last}"
        self.cols = [get_column_letter(c) for c in range(1, len(BUSINESS_HEADERS) + 1)]

    def __call__(self, out: Any) -> None:
        g, chunk, total, previous = self.g, [], 0, None
        for i in range(self.n):
            row = FIRST_ROW + i
            o = self.specials.get(i) or g.owner()
            values = g.values(o)
            values[0] = i + 1
            total += o.aset
            planted = self.errors.get(i)
            if planted:
                self.findings.append(self._plant(planted, values, o, row, previous))
            elif i not in self.specials:
                previous = (row, o, values[3], values[4])
                if i in self.capture_at:
                    self.captured.append(o)
            chunk.append(self._xml(row, values))
            if len(chunk) >= 2000:
                out.write("".join(chunk).encode())
                chunk.clear()
        chunk.append(f'<row r="{self.last - 1}"/>')
        bold = self.styles[2]
        chunk.append(
            f'<row r="{self.last}"><c r="A{self.last}" s="{bold}" t="inlineStr"><is><t>JUMLAH</t></is></c>'
            f'<c r="N{self.last}" s="{bold}"><v>{total}</v></c></row>'
        )
        out.write("".join(chunk).encode())

    def _plant(
        self,
        planted: tuple[str, str, str, str],
        values: list[Any],
        o: Owner,
        row: int,
        previous: tuple[int, Owner, Any, Any] | None,
    ) -> dict[str, Any]:
        code, column, field, severity = planted
        g, extra = self.g, {}
        if code == "nik-numeric":  # Excel kept 15 significant digits
            values[1] = int(o.nik[:15] + "0")
        elif code == "nik-format":
            values[1] = o.nik[:7] + o.nik[8:]
        elif code == "unknown-kecamatan":
            values[7] = _misspell(g.region.kecamatan[o.kec].name)
        elif code == "bad-phone":
            values[8] = int("8" + f"{g.r.randrange(10**10):010d}")
        elif code == "bad-date":
            values[4] = g.ttl(o.place, o.birth, day="31-02")
        elif code == "duplicate-nik":  # the same person entered again with a second business
            assert previous is not None
            extra["duplicate_of"], first = previous[0], previous[1]
            values[1:5] = [first.nik, first.nama, previous[2], previous[3]]
        elif code == "missing-value":
            values[9] = None
        elif code == "kelurahan-mismatch":
            others = [k for j, k in enumerate(g.region.kecamatan) if j != o.kec]
            values[6] = g.r.choice(g.r.choice(others).kelurahan)
        elif code == "nik-mismatch-gender":
            values[3] = "L" if o.female else "P"
        column_index = ord(column) - ord("A")
        return {
            "row": row,
            "column": column,
            "field": field,
            "code": code,
            "severity": severity,
            "value": values[column_index],
            **extra,
        }

    def _xml(self, row: int, values: list[Any]) -> str:
        s_date, s_amount, _ = self.styles
        parts = [f'<row r="{row}">']
        for col, v in zip(self.cols, values, strict=True):
            if v is None:
                continue
            if isinstance(v, str):
                text = escape(v) if "&" in v or "<" in v or ">" in v else v
                parts.append(f'<c r="{col}{row}" t="inlineStr"><is><t>{text}</t></is></c>')
            elif isinstance(v, date):
                parts.append(f'<c r="{col}{row}" s="{s_date}"><v>{(v - EXCEL_EPOCH).days}</v></c>')
            else:
                style = f' s="{s_amount}"' if col in "NO" else ""
                parts.append(f'<c r="{col}{row}"{style}><v>{v}</v></c>')
        parts.append("</row>")
        return "".join(parts)


def _business_file(
    path: Path, g: _Gen, n: int, specials: dict[int, Owner], errors: bool, n_capture: int = 0
) -> _BusinessRows:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data UMKM")
    widths = (5, 19, 26, 5, 28, 30, 16, 13, 15, 26, 16, 15, 8, 15, 15, 9, 16, 9, 13, 20, 26, 12)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = f"C{FIRST_ROW}"
    _title(
        ws,
        ["DATA PELAKU USAHA MIKRO, KECIL DAN MENENGAH", f"{g.region.name.upper()} TAHUN {g.today.year}"],
        len(BUSINESS_HEADERS),
        write_only=True,
    )
    ws.append([])
    ws.append([_styled(WriteOnlyCell(ws, value=h), **HEAD_STYLE) for h in BUSINESS_HEADERS])
    styles = (
        _styled(WriteOnlyCell(ws), number_format="DD/MM/YYYY").style_id,
        _styled(WriteOnlyCell(ws), number_format="#,##0").style_id,
        _styled(WriteOnlyCell(ws), font=Font(bold=True), number_format="#,##0").style_id,
    )
    rows = _BusinessRows(g, n, specials, errors, n_capture, styles)
    _save(wb, path, g.today, g.settings.office.short_name, rows, big=n * 3000 > 2**31)
    return rows


def write_business_workbook(
    path: Path, n_rows: int, *, seed: int, today: date, region: Region, settings: Settings, errors: bool = True
) -> Path:
    """Write only the businesses workbook with n_rows owners (any size, flat memory), for benchmarks."""
    if n_rows < 20:
        raise ValueError("n_rows must be at least 20")
    _business_file(Path(path), _Gen(random.Random(seed), today, region, settings), n_rows, {}, errors)
    return Path(path)


# ----------------------------------------------------------------------------- proposals
def _proposal_rows(
    g: _Gen, roles: dict[str, list[Owner]], unregistered: list[Owner], past: date, decided: date
) -> list[dict[str, Any]]:
    """Every proposal row, past round first, with the decision rules.md gives it."""
    r, s, today = g.r, g.settings, g.today

    def row(o: Owner, role: str, reasons: tuple[str, ...] = (), notes: tuple[str, ...] = (), **cells: Any) -> dict:
        is_new = "status" not in cells
        base = {
            "nik": o.nik,
            "nama": o.nama.upper() if is_new and r.random() < 0.15 else o.nama,
            "nilai": s.program.amount if r.random() < 0.75 else _rupiah(s.program.amount),
            "tgl": _between(r, date(today.year, 1, 1), today) if is_new else past,
            "status": "Diusulkan",
            "keputusan": None,
            "ket": f"Usulan Kel. {o.kel}" if is_new and r.random() < 0.3 else None,
        }
        if not isinstance(base["tgl"], str) and r.random() < 0.2:
            base["tgl"] = _date_text(base["tgl"], r)
        base.update(cells)
        return {
            **base,
            "round": "new" if is_new else "past",
            "role": role,
            "reasons": list(reasons),
            "notes": list(notes),
        }

    # The aid record of a row's own grant is not "another" grant: the funded rows stay eligible.
    past_rows = [
        row(o, "funded", status="Disalurkan", keputusan=decided, ket=f"Disalurkan ke rekening {o.bank}")
        for o in roles["funded"]
    ]
    past_rows += [
        row(
            o,
            "rejected",
            status="Ditolak",
            keputusan=decided,
            ket=r.choice(("Tidak lolos verifikasi", "Kuota terbatas", None)),
        )
        for o in roles["rejected"]
    ]
    r.shuffle(past_rows)
    new = [row(o, "eligible") for o in roles["eligible"]]
    for x in r.sample(range(len(new)), 3):
        new[x]["status"] = None
    new += [row(o, "duplicate-first") for o in roles["duplicate"]]
    new += [row(o, "duplicate-proposal", ("duplicate-proposal",)) for o in roles["duplicate"]]
    a, b = roles["invalid-nik"]
    new += [
        row(
            a,
            "invalid-nik",
            ("invalid-nik", "not-registered"),
            nik=a.nik[:9] + a.nik[10:],
            finding=("B", "nik", "nik-format"),
        ),
        row(
            b,
            "invalid-nik",
            ("invalid-nik", "not-registered"),
            nik=int(b.nik[:15] + "0"),
            finding=("B", "nik", "nik-numeric"),
        ),
    ]
    a, b = roles["invalid-data"]
    t = _between(r, date(today.year, 1, 1), today)
    new += [
        row(a, "invalid-data", ("invalid-data",), nilai="tujuh juta", finding=("E", "nilai_usulan", "bad-amount")),
        row(
            b,
            "invalid-data",
            ("invalid-data",),
            tgl=f"{t.day:02d}-{t.month:02d}-{t.year % 100:02d}",
            finding=("F", "tanggal_usulan", "two-digit-year"),
        ),
    ]
    new += [row(o, "not-registered", ("not-registered",)) for o in unregistered]
    for role in ("not-micro", "civil-servant", "receiving-kur", "no-bank-account"):
        new += [row(o, role, (role,)) for o in roles[role]]
    new += [
        row(o, "already-received", ("duplicate-proposal", "already-received"), ("recent-aid",))
        for o in roles["funded"][:2]
    ]
    for role in ("account-name-mismatch", "recent-aid", "nik-outside-region"):
        new += [row(o, role, (), (role,)) for o in roles[role]]
    new += [row(o, "name-mismatch", (), ("name-mismatch",), nama=o.nama[:-1]) for o in roles["name-mismatch"]]
    a, b = roles["possible-duplicate"]
    new += [
        row(a, "possible-duplicate", (), ("possible-duplicate",)),
        row(b, "possible-duplicate", (), ("possible-duplicate", "nik-outside-region")),
    ]
    r.shuffle(new)
    for o in roles["duplicate"]:  # a repeated proposal must come after the one it repeats
        x, z = (i for i, p in enumerate(new) if p["nik"] == o.nik)
        if new[x]["role"] != "duplicate-first":
            new[x], new[z] = new[z], new[x]
    return past_rows + new


def _proposal_file(path: Path, g: _Gen, rows: list[dict[str, Any]], aid: list[list[Any]]) -> dict[str, Any]:
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(
        wb,
        "Usulan Bantuan",
        ["DAFTAR USULAN CALON PENERIMA BANTUAN USAHA MIKRO", f"{g.settings.office.short_name.upper()}"],
        PROPOSAL_HEADERS,
        [5, 19, 28, 34, 15, 13, 12, 13, 30],
        HEADER_ROW,
    )
    planted_rows, findings, by_code = [], [], {}
    for i, p in enumerate(rows):
        excel_row = FIRST_ROW + i
        _put(
            ws,
            excel_row,
            [
                i + 1,
                p["nik"],
                p["nama"],
                g.settings.program.name,
                p["nilai"],
                p["tgl"],
                p["status"],
                p["keputusan"],
                p["ket"],
            ],
            text_cols=(2,),
        )
        if "finding" in p:
            column, field, code = p["finding"]
            findings.append(
                {
                    "row": excel_row,
                    "column": column,
                    "field": field,
                    "code": code,
                    "severity": "error",
                    "value": p[{"B": "nik", "E": "nilai", "F": "tgl"}[column]],
                }
            )
        nik = str(p["nik"])
        planted_rows.append(
            {
                "row": excel_row,
                "nik": nik,
                "nama": p["nama"],
                "round": p["round"],
                "status": p["status"] or "Diusulkan",
                "role": p["role"],
                "eligible": not p["reasons"],
                "reasons": p["reasons"],
                "notes": p["notes"],
            }
        )
        for code in p["reasons"] + p["notes"]:
            by_code.setdefault(code, []).append(excel_row)
    ws2 = _sheet(
        wb, "Riwayat Bantuan", ["RIWAYAT PENERIMA BANTUAN USAHA MIKRO"], AID_HEADERS, [5, 19, 28, 40, 8, 14, 14], 3
    )
    for i, values in enumerate(aid):
        _put(ws2, 4 + i, [i + 1, *values], text_cols=(2,))
    _save(wb, path, g.today, g.settings.office.short_name)
    return {
        "file": path.name,
        "sheet": "Usulan Bantuan",
        "header_row": HEADER_ROW,
        "rows": planted_rows,
        "findings": findings,
        "by_code": dict(sorted(by_code.items())),
    }


def _aid_rows(g: _Gen, roles: dict[str, list[Owner]], captured: list[Owner], n_total: int = 150) -> list[list[Any]]:
    r, y, s = g.r, g.today.year, g.settings
    rows = [[o.nik, o.nama, s.program.name, y - 1, s.program.amount, "Kementerian"] for o in roles["funded"]]
    rows += [
        [o.nik, o.nama, "Bantuan Modal Usaha Provinsi", y - r.randint(0, 1), 5_000_000, "Provinsi"]
        for o in roles["recent-aid"]
    ]
    rows += [[o.nik, o.nama, "Bantuan Alat Usaha Kota", y - 3, 2_500_000, "Kota"] for o in roles["eligible"][:2]]
    people = [(o.nik, o.nama) for o in captured]
    for _ in range(8):  # recorded by another office's list, never registered here
        female = r.random() < 0.5
        birth = date(r.randint(1960, 2000), r.randint(1, 12), r.randint(1, 28))
        people.append((g.nik(r.choice(g.kec_codes), birth, female), g.name(female)[0]))
    while len(rows) < n_total and people:
        nik, nama = people.pop(r.randrange(len(people)))
        for _ in range(1 if r.random() < 0.85 else 2):
            program, source, values = r.choice(AID_PROGRAMS)
            value = r.choice(values)
            rows.append(
                [
                    nik,
                    nama,
                    program,
                    y - r.randint(1, 5),
                    value if r.random() < 0.85 else _amount_text(value, r),
                    source,
                ]
            )
    return sorted(rows, key=lambda v: (v[3], v[2], v[1]))


# ----------------------------------------------------------------------------- cooperatives
def _points(r: random.Random, total: float, maxes: list[float]) -> list[float]:
    """Seven aspect points (quarter steps, each within its maximum) summing exactly to total."""
    q = [min(int(m * 4), max(0, round(m * 4 * (total / 100 + r.uniform(-0.1, 0.1))))) for m in maxes]
    diff = round(total * 4) - sum(q)
    while diff:
        i, step = r.randrange(len(q)), 1 if diff > 0 else -1
        if 0 <= q[i] + step <= maxes[i] * 4:
            q[i] += step
            diff -= step
    return [x / 4 for x in q]


def _category(score: float | None, compliant: bool, settings: Settings) -> str:
    if score is None:
        return "tidak_dinilai"
    bands, rules = settings.cooperatives.health_bands, settings.cooperatives
    if score >= bands[0]:
        return "sehat" if compliant or not rules.require_rat_for_sehat else "cukup_sehat"
    return (
        "cukup_sehat" if score >= bands[1] else "dalam_pengawasan" if score >= bands[2] else "dalam_pengawasan_khusus"
    )


def _cooperatives(g: _Gen, n: int) -> tuple[list[dict[str, Any]], list[list[Any]], dict[str, Any]]:
    r, y, s = g.r, g.today.year, g.settings
    f_due = y - 1  # E = 31 December of today's year, on/after 30 June
    types, type_cw = _cw(COOP_TYPES)
    used_names: set[str] = set()
    coops = []
    seqs = sorted(r.sample(range(100, 100 + 20 * n), n + 1))  # unique register numbers
    for i in range(n):
        jenis = r.choices(types, cum_weights=type_cw)[0]
        k = r.randrange(len(g.region.kecamatan))
        kec = g.region.kecamatan[k]
        for attempt in range(50):
            nama = r.choice(COOP_NAMES[jenis]).format(
                w=r.choice(COOP_WORDS), o=f"{r.choice(OFFICES)} {g.region.name}", k=r.choice(kec.kelurahan)
            )
            nama += f" {r.choice(kec.kelurahan)}" if attempt > 20 else ""
            if nama not in used_names:
                break
        used_names.add(nama)
        bh_year = min(y - 1, 1985 + int(r.triangular(0, y - 1985, y - 1995)))
        bh_date = date(bh_year, r.randint(1, 12), r.randint(1, 28))
        bh = (
            f"AHU-{seqs[i] * 1000 + r.randrange(1000):07d}.AH.01.26.TAHUN {bh_year}"
            if bh_year >= 2016
            else f"{seqs[i]}/BH/XXIV/{bh_year}"
            if r.random() < 0.7
            else f"{seqs[i]}/BH/KDK.24/{ROMAN[bh_date.month - 1]}/{bh_year}"
        )
        members = r.randint(50, 600) if "Pegawai" in nama or "KPRI" in nama else int(20 * math.exp(r.random() * 3.2))
        coops.append(
            {
                "nama": nama,
                "jenis": jenis,
                "bh": bh,
                "bh_date": bh_date,
                "kec": kec.name,
                "nik": f"{g.kec_codes[k]}{r.randrange(10**10):010d}" if r.random() < 0.6 else None,
                "alamat": f"{r.choice(STREETS)} No. {r.randint(1, 120)}, Kel. {r.choice(kec.kelurahan)}",
                "members": members,
                "tb": None,
                "rat": None,
                "money": [None] * 5,
            }
        )
    order = list(range(n))
    r.shuffle(order)
    cuts = [round(n * c) for c in (0.40, 0.62, 0.80)]
    for pos, i in enumerate(order):
        c = coops[i]
        bucket = next((b for b, cut in enumerate(cuts) if pos < cut), 3)
        c["bucket"] = bucket
        c["tb"] = (f_due, y - 2, y - 3)[bucket] if bucket < 3 else (None if r.random() < 0.5 else y - r.randint(4, 8))
        if c["tb"] is not None and c["tb"] < c["bh_date"].year:  # founded after that year: no RAT yet
            c["tb"], c["bucket"] = None, 3
        if c["tb"] is not None and r.random() < 0.9:
            due = date(c["tb"] + 1, 6, 30)
            c["rat"] = (
                _between(r, due + timedelta(days=1), date(c["tb"] + 1, 11, 30))
                if r.random() < 0.15
                else _between(r, date(c["tb"] + 1, 1, 15), due)
            )
            if c["rat"] > g.today:
                c["rat"] = _between(r, date(c["tb"] + 1, 1, 1), g.today)
        if c["tb"] is not None or r.random() < 0.4:
            ms = int(c["members"] * r.uniform(0.3, 5)) * 1_000_000
            ml = int(ms * r.uniform(0, 1.5)) // 100_000 * 100_000
            volume = int((ms + ml) * r.uniform(0.3, 2)) // 100_000 * 100_000
            shu = (
                -r.randint(1, 40) * 1_000_000
                if r.random() < 0.06
                else int(volume * r.uniform(0.01, 0.08)) // 1000 * 1000
            )
            c["money"] = [ms, ml, ms + ml, volume, shu]
    for x in r.sample(range(n), max(1, round(n * 3 / 159))):
        coops[x]["members"] = r.randint(5, 8)
    coops.sort(key=lambda c: c["bh_date"])
    syariah = r.randrange(n)
    coops[syariah]["jenis_text"] = "Koperasi Syariah"
    valid = [i for i in range(n) if i != syariah]
    # --- health: plan the categories, then draw points that add up to each planned score
    scale = n / 159
    want = {
        k: max(1, round(v * scale))
        for k, v in {"sehat": 25, "cukup_sehat": 35, "dalam_pengawasan": 32, "dalam_pengawasan_khusus": 15}.items()
    }

    def ksp_first(ids: list[int]) -> list[int]:
        return sorted(ids, key=lambda i: (coops[i]["jenis"] != "Simpan Pinjam", r.random()))

    compliant = [i for i in valid if coops[i]["bucket"] == 0]
    sehat = ksp_first(compliant)[: want["sehat"]]
    capped = ksp_first([i for i in valid if coops[i]["bucket"] in (1, 2)])[:2]
    rest = [i for i in valid if i not in sehat and i not in capped]
    dup_src = rest.pop(r.randrange(len(rest)))  # re-entered at the bottom; left unassessed
    n_rest = want["cukup_sehat"] + want["dalam_pengawasan"] + want["dalam_pengawasan_khusus"]
    assessed = ksp_first(rest)[:n_rest]
    assessed.sort(key=lambda i: min(coops[i]["bucket"], 2) + r.random() * 1.5)
    c1, c2 = want["cukup_sehat"], want["cukup_sehat"] + want["dalam_pengawasan"]
    bands = {"cukup_sehat": (66, 79.75), "dalam_pengawasan": (51, 65.75), "dalam_pengawasan_khusus": (30, 50.75)}
    plan = {i: r.randint(320, 376) / 4 for i in sehat} | {i: r.randint(324, 352) / 4 for i in capped}
    plan[sehat[0]] = 80.0
    for x, i in enumerate(assessed):
        lo, hi = bands["cukup_sehat" if x < c1 else "dalam_pengawasan" if x < c2 else "dalam_pengawasan_khusus"]
        plan[i] = r.randint(int(lo * 4), int(hi * 4)) / 4
    plan[assessed[c1 - 1]], plan[assessed[c1]], plan[assessed[c2 - 1]], plan[assessed[-1]] = 66.0, 65.75, 51.0, 50.75
    boundary = next((i for i in assessed[: c1 - 1] if coops[i]["bucket"] == 0), assessed[0])
    plan[boundary] = 79.75  # a current RAT and just short of sehat
    broken = assessed[c1 + 1]  # latest assessment out of range, an older valid one decides
    maxes = [float(s.cooperatives.aspect_max[k]) for k in ASPECT_HEADERS]
    assessments: list[tuple[int, int, list[Any]]] = []
    for i, score in plan.items():
        c = coops[i]
        year = c["tb"] if c["tb"] is not None else y - 2
        has_older = i == broken or r.random() < 0.4
        if has_older:
            older = score if i == broken else max(20.0, min(97.0, score + r.randint(-32, 32) / 4))
            assessments.append((year - 1, i, [c["bh"], c["nama"], year - 1, *_points(r, older, maxes)]))
        points = _points(r, score, maxes)
        if i == broken:
            points[0] = maxes[0] + 3
        assessments.append((year, i, [c["bh"], c["nama"], year, *points]))
    assessments.sort(key=lambda a: (a[0], a[1]))
    ghost = f"{seqs[n]}/BH/XXIV/1998"
    ghost_row = [ghost, f'KSP "{r.choice(COOP_WORDS)} Lama"', y - 2, *_points(r, 60.0, maxes)]
    assessments.insert(r.randrange(len(assessments)), (y - 2, -1, ghost_row))
    # --- expectations
    expected = []
    for i, c in enumerate(coops):
        if i == syariah:
            continue
        ok = c["tb"] is not None and c["tb"] >= f_due
        active = c["tb"] is not None and c["tb"] >= y - 3
        notes = (
            (["rat-late"] if c["rat"] and c["rat"] > date(c["tb"] + 1, 6, 30) else [])
            + (["below-min-members"] if c["members"] < s.cooperatives.min_members else [])
            + (["negative-shu"] if c["money"][4] is not None and c["money"][4] < 0 else [])
        )
        score = plan.get(i)
        expected.append(
            {
                "index": i,
                "nomor_badan_hukum": c["bh"],
                "nama_koperasi": c["nama"],
                "category": _category(score, ok, s),
                "score": score,
                "rat_compliant": ok,
                "active": active,
                "reasons": (["rat-missing"] if not ok else []) + (["inactive"] if not active else []),
                "notes": notes,
            }
        )
    meta = {"syariah": syariah, "dup_src": dup_src, "ghost": ghost, "expected": expected}
    return coops, [a[2] for a in assessments], meta


def _coop_file(
    path: Path, g: _Gen, coops: list[dict[str, Any]], assessments: list[list[Any]], info: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    r = g.r
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Data Koperasi")
    _title(ws, ["DATA KOPERASI", f"{g.region.name.upper()} TAHUN {g.today.year}"], len(COOP_HEADERS))
    widths = [5, 40, 15, 34, 12, 19, 40, 13, 9, 9, 12, 15, 15, 15, 15, 14]
    for c, (h, w) in enumerate(zip(COOP_HEADERS, widths, strict=True), 1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = w
        if h in ("Modal Sendiri", "Modal Luar"):
            _styled(ws.cell(5, c, h), **HEAD_STYLE)
        else:
            _styled(ws.cell(4, c, h), **HEAD_STYLE)
            ws.merge_cells(f"{letter}4:{letter}5")
    _styled(ws.cell(4, 12, "MODAL (Rp)"), **HEAD_STYLE)
    ws.merge_cells("L4:M4")
    ws.freeze_panes = "C6"
    order = list(range(len(coops))) + [info["dup_src"]]
    row_of = {}
    for x, i in enumerate(order):
        c = coops[i]
        jenis = c.get("jenis_text") or (
            r.choice(("KSP", "Simpan Pinjam")) if c["jenis"] == "Simpan Pinjam" else c["jenis"]
        )
        rat = c["rat"] if c["rat"] is None or r.random() < 0.9 else _date_text(c["rat"], r)
        _put(
            ws,
            6 + x,
            [
                x + 1,
                c["nama"],
                jenis,
                c["bh"],
                c["bh_date"],
                c["nik"],
                c["alamat"],
                c["kec"],
                c["members"],
                c["tb"],
                rat,
                *c["money"],
            ],
            text_cols=(4, 6),
        )
        row_of.setdefault(i, 6 + x)
    last = 6 + len(order) + 1
    ws.cell(last, 1, "JUMLAH").font = Font(bold=True)
    ws.cell(last, 9, sum(coops[i]["members"] for i in order)).font = Font(bold=True)
    findings = [
        {
            "row": row_of[info["syariah"]],
            "column": "C",
            "field": "jenis",
            "code": "unknown-coop-type",
            "severity": "error",
            "value": "Koperasi Syariah",
        },
        {
            "row": 6 + len(coops),
            "column": "D",
            "field": "nomor_badan_hukum",
            "code": "duplicate-coop",
            "severity": "error",
            "value": coops[info["dup_src"]]["bh"],
            "duplicate_of": row_of[info["dup_src"]],
        },
    ]
    ws2 = _sheet(
        wb,
        "Penilaian Kesehatan",
        ["HASIL PENILAIAN KESEHATAN KOPERASI", g.region.name.upper()],
        ASSESS_HEADERS,
        [5, 34, 40, 9, 11, 13, 11, 10, 10, 13, 11],
        HEADER_ROW,
    )
    a_findings = []
    for x, values in enumerate(assessments):
        _put(ws2, FIRST_ROW + x, [x + 1, *values], text_cols=(2,))
        if values[3] > g.settings.cooperatives.aspect_max["permodalan"]:
            a_findings.append(
                {
                    "row": FIRST_ROW + x,
                    "column": "E",
                    "field": "permodalan",
                    "code": "score-out-of-range",
                    "severity": "error",
                    "value": values[3],
                }
            )
        if values[0] == info["ghost"]:
            a_findings.append(
                {
                    "row": FIRST_ROW + x,
                    "column": "B",
                    "field": "nomor_badan_hukum",
                    "code": "assessment-unknown-coop",
                    "severity": "warning",
                    "value": values[0],
                }
            )
    _save(wb, path, g.today, g.settings.office.short_name)
    rows = [{"row": row_of[e.pop("index")], **e} for e in info["expected"]]
    health: dict[str, int] = {}
    for e in rows:
        health[e["category"]] = health.get(e["category"], 0) + 1
    coop = {
        "file": path.name,
        "sheet": "Data Koperasi",
        "header_rows": [4, 5],
        "rows": rows,
        "findings": findings,
        "health": dict(sorted(health.items())),
        "rat_compliant": sum(e["rat_compliant"] for e in rows),
    }
    assess = {
        "file": path.name,
        "sheet": "Penilaian Kesehatan",
        "header_row": HEADER_ROW,
        "rows": len(assessments),
        "findings": a_findings,
    }
    return coop, assess


# ----------------------------------------------------------------------------- the whole set
def write_demo_inputs(
    dest: Path,
    *,
    seed: int = 2024,
    today: date,
    region: Region,
    settings: Settings,
    n_businesses: int = 5000,
    n_cooperatives: int = 159,
) -> list[Path]:
    """Write a realistic synthetic input set for the region into dest; return the files written.

    The returned list has a `planted` attribute saying which rows carry which finding, eligibility
    reason and note, and each cooperative's expected category (see the module docstring).
    """
    if n_businesses < 100 or n_cooperatives < 60:
        raise ValueError("the demo needs at least 100 businesses and 60 cooperatives")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    g = _Gen(random.Random(seed), today, region, settings)
    r, y = g.r, today.year
    past = date(y - 1, r.randint(3, 5), r.randint(1, 28))
    decided = past + timedelta(days=r.randint(60, 120))
    used: set[str] = set()

    def person(n: int, before: date | None = None, **kw: Any) -> list[Owner]:
        found = []
        while len(found) < n:
            reg = _between(r, today - timedelta(days=1095), before - timedelta(days=1)) if before else None
            o = g.owner(eligible=True, registered=reg, **kw)
            if o.nama.lower() not in used and o.nik[-1] != "0":
                used.add(o.nama.lower())
                found.append(o)
        return found

    roles = {
        "funded": person(11, past),
        "rejected": person(18, past),
        "eligible": person(12),
        "duplicate": person(2),
        "invalid-nik": person(2),
        "invalid-data": person(2),
        "not-micro": person(2),
        "civil-servant": person(2),
        "receiving-kur": person(2),
        "no-bank-account": person(2),
        "account-name-mismatch": person(1, female=True),
        "recent-aid": person(1),
        "nik-outside-region": person(1, prefix=r.choice(g.neighbour)),
        "name-mismatch": person(1, female=True, name="Wa Ode Hasnah"),
    }
    roles["eligible"][0].job = "Pensiunan PNS"  # retired: not excluded
    for o in roles["not-micro"]:
        o.aset, o.omzet_bulan, o.workers = g.amounts("kecil")
    roles["civil-servant"][0].job, roles["civil-servant"][1].job = "PNS", "Anggota Polri"
    for o in roles["receiving-kur"]:
        o.kur = True
    for o in roles["no-bank-account"]:
        o.bank = o.account = o.account_name = None
    roles["account-name-mismatch"][0].account_name = "La Ode " + r.choice(MALE_NAMES)  # the husband's account
    twin = person(1)[0]
    roles["possible-duplicate"] = [
        twin,
        g.owner(eligible=True, female=twin.female, birth=twin.birth, name=twin.nama, prefix=r.choice(g.neighbour)),
    ]
    unregistered = person(2)  # drawn like the others but never written to the businesses sheet
    placed = [o for people in roles.values() for o in people]
    specials = dict(zip(r.sample(range(10, n_businesses), len(placed)), placed, strict=True))
    rows = _business_file(dest / BUSINESS_FILE, g, n_businesses, specials, True, n_capture=140)
    proposals = _proposal_rows(g, roles, unregistered, past, decided)
    aid = _aid_rows(g, roles, rows.captured)
    planted_proposals = _proposal_file(dest / PROPOSAL_FILE, g, proposals, aid)
    # One extra register row carries the planted unknown-type error, so n_cooperatives stay valid.
    coops, assessments, info = _cooperatives(g, n_cooperatives + 1)
    coop, assess = _coop_file(dest / COOP_FILE, g, coops, assessments, info)
    files = DemoFiles([dest / BUSINESS_FILE, dest / PROPOSAL_FILE, dest / COOP_FILE])
    files.planted = {
        "seed": seed,
        "today": today.isoformat(),
        "period_end": date(y, 12, 31).isoformat(),
        "program": settings.program.name,
        "businesses": {
            "file": BUSINESS_FILE,
            "sheet": "Data UMKM",
            "header_row": HEADER_ROW,
            "first_row": FIRST_ROW,
            "rows": n_businesses,
            "findings": rows.findings,
        },
        "proposals": planted_proposals,
        "aid_history": {"file": PROPOSAL_FILE, "sheet": "Riwayat Bantuan", "header_row": 3, "rows": len(aid)},
        "cooperatives": coop,
        "assessments": assess,
    }
    return files
