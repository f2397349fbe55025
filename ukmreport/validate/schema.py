"""The sheets of shared/spec/workbooks.md as data: accepted sheet names, fields, headers, kinds, required."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ukmreport.models import SheetKind
from ukmreport.validate.cells import fold


@dataclass(frozen=True)
class FieldSpec:
    """One column: the model field it fills, its accepted headers and how its cells are parsed."""

    name: str
    headers: tuple[str, ...]
    kind: str
    required: bool = False
    hint: str = ""
    # Headers that fill the same field with a factor (Omzet per Bulan × 12).
    scaled_headers: tuple[tuple[str, int], ...] = ()


SHEET_NAMES: dict[SheetKind, tuple[str, ...]] = {
    SheetKind.BUSINESSES: ("Pelaku Usaha", "Data Pelaku Usaha", "UMKM", "Data UMKM", "Usaha"),
    SheetKind.PROPOSALS: ("Usulan Bantuan", "Usulan", "Calon Penerima"),
    SheetKind.AID_HISTORY: ("Riwayat Bantuan", "Penerima Bantuan", "Riwayat"),
    SheetKind.COOPERATIVES: ("Koperasi", "Data Koperasi"),
    SheetKind.COOP_ASSESSMENT: ("Penilaian Kesehatan", "Kesehatan Koperasi"),
}

F = FieldSpec
FIELDS: dict[SheetKind, tuple[FieldSpec, ...]] = {
    SheetKind.BUSINESSES: (
        F("nik", ("NIK", "No KTP", "Nomor Induk Kependudukan"), "nik", True, "16 angka, ketik sebagai teks"),
        F("nama", ("Nama", "Nama Lengkap", "Nama Pemilik", "Nama Pelaku Usaha"), "text", True),
        F("jenis_kelamin", ("Jenis Kelamin", "JK", "L/P"), "gender", hint="L atau P"),
        F("tempat_lahir", ("Tempat Lahir",), "text"),
        F("tanggal_lahir", ("Tanggal Lahir", "Tgl Lahir"), "date", hint="hari-bulan-tahun, contoh 12-03-1985"),
        F(
            "tempat_tanggal_lahir",
            ("Tempat/Tanggal Lahir", "Tempat, Tanggal Lahir", "Tempat/Tgl Lahir", "TTL"),
            "place_date",
        ),
        F("alamat", ("Alamat", "Alamat Usaha"), "text", True),
        F("kelurahan", ("Kelurahan", "Desa/Kelurahan"), "kelurahan"),
        F("kecamatan", ("Kecamatan",), "kecamatan", True),
        F("no_kk", ("No KK", "Nomor KK", "Nomor Kartu Keluarga"), "kk", hint="16 angka, ketik sebagai teks"),
        F("no_hp", ("No HP", "Nomor HP", "Telepon", "No Telp", "WA"), "phone", hint="08…, ketik sebagai teks"),
        F("nama_usaha", ("Nama Usaha",), "text", True),
        F("bidang_usaha", ("Bidang Usaha", "Jenis Usaha", "Sektor", "Sektor Usaha"), "sector", True),
        F("nib", ("NIB", "Nomor Induk Berusaha"), "nib", hint="13 angka"),
        F("tanggal_mulai_usaha", ("Mulai Usaha", "Tanggal Mulai Usaha", "Tahun Berdiri"), "date_or_year"),
        F("aset", ("Aset", "Aset Usaha", "Modal Usaha", "Modal/Aset"), "amount", True, "tanpa tanah dan bangunan"),
        F(
            "omzet_tahunan",
            ("Omzet per Tahun", "Omzet Tahunan", "Penjualan Tahunan"),
            "amount",
            True,
            scaled_headers=(("Omzet per Bulan", 12), ("Omzet Bulanan", 12)),
        ),
        F("tenaga_kerja", ("Tenaga Kerja", "Jumlah Tenaga Kerja", "Karyawan"), "count"),
        F("pekerjaan", ("Pekerjaan", "Status Pekerjaan"), "text"),
        F(
            "menerima_kur",
            ("Menerima KUR", "Sedang Menerima KUR", "Pinjaman Bank", "Kredit Perbankan"),
            "yes_no",
            hint="Ya atau Tidak",
        ),
        F("nama_bank", ("Bank", "Nama Bank"), "text"),
        F("no_rekening", ("No Rekening", "Nomor Rekening", "Rekening"), "account", hint="ketik sebagai teks"),
        F("nama_rekening", ("Nama Pemilik Rekening", "Atas Nama", "Nama Rekening"), "text"),
        F("tanggal_pendataan", ("Tanggal Pendataan", "Tgl Input", "Tanggal Daftar"), "date"),
    ),
    SheetKind.PROPOSALS: (
        F("nik", ("NIK",), "nik", True, "16 angka, ketik sebagai teks"),
        F("nama", ("Nama", "Nama Lengkap"), "text", True),
        F("program", ("Program", "Jenis Bantuan", "Nama Program"), "text", True),
        F("nilai_usulan", ("Nilai", "Nilai Usulan", "Jumlah Bantuan", "Besaran"), "positive_amount", True),
        F("tanggal_usulan", ("Tanggal Usulan", "Tgl Usulan"), "date", True),
        F("status", ("Status",), "status", hint="Diusulkan, Disetujui, Ditolak, Disalurkan"),
        F("tanggal_keputusan", ("Tanggal Keputusan", "Tanggal Penyaluran"), "date"),
        F("keterangan", ("Keterangan", "Catatan"), "text"),
        F(
            "dikonfirmasi",
            ("Dikonfirmasi", "Sudah Diverifikasi", "Verifikasi"),
            "yes_no",
            hint="Ya bila catatan baris ini sudah diperiksa petugas",
        ),
    ),
    SheetKind.AID_HISTORY: (
        F("nik", ("NIK",), "nik", True, "16 angka, ketik sebagai teks"),
        F("nama", ("Nama",), "text"),
        F("program", ("Program", "Jenis Bantuan"), "text", True),
        F("tahun", ("Tahun",), "year", True),
        F("nilai", ("Nilai", "Jumlah"), "amount"),
        F("sumber", ("Sumber", "Sumber Dana"), "text", hint="Kementerian, Provinsi, Kota, …"),
    ),
    SheetKind.COOPERATIVES: (
        F("nik_koperasi", ("NIK Koperasi", "Nomor Induk Koperasi"), "nik_koperasi", hint="16 angka"),
        F("nomor_badan_hukum", ("No Badan Hukum", "Nomor Badan Hukum", "BH"), "text", True),
        F("nama_koperasi", ("Nama Koperasi", "Nama"), "text", True),
        F("jenis", ("Jenis", "Jenis Koperasi"), "coop_type", True),
        F("kecamatan", ("Kecamatan",), "kecamatan", True),
        F("alamat", ("Alamat",), "text"),
        F("tanggal_badan_hukum", ("Tanggal Badan Hukum", "Tgl BH"), "date"),
        F("jumlah_anggota", ("Jumlah Anggota", "Anggota"), "count", True),
        F("tahun_buku_rat", ("Tahun Buku RAT", "RAT Tahun Buku", "RAT Terakhir (Tahun Buku)"), "year"),
        F("tanggal_rat", ("Tanggal RAT", "Tgl RAT"), "date"),
        F("modal_sendiri", ("Modal Sendiri",), "signed_amount"),
        F("modal_luar", ("Modal Luar",), "signed_amount"),
        F("aset", ("Aset", "Total Aset"), "signed_amount"),
        F("volume_usaha", ("Volume Usaha",), "signed_amount"),
        F("shu", ("SHU", "Sisa Hasil Usaha"), "signed_amount"),
    ),
    SheetKind.COOP_ASSESSMENT: (
        F("nomor_badan_hukum", ("No Badan Hukum", "Nomor Badan Hukum", "BH"), "text"),
        F("nik_koperasi", ("NIK Koperasi", "Nomor Induk Koperasi"), "nik_koperasi"),
        F("nama_koperasi", ("Nama Koperasi", "Nama"), "text"),
        F("tahun_buku", ("Tahun Buku", "Tahun"), "year", True),
        F("pedoman", ("Pedoman", "Dasar Penilaian"), "guideline", hint="2016 atau 2021"),
        F("predikat", ("Predikat", "Kategori", "Hasil"), "text"),
        # Which aspects a row needs depends on its guideline (rules.md): checked per row, not per column.
        F("permodalan", ("Permodalan",), "points"),
        F("kualitas_aktiva_produktif", ("Kualitas Aktiva Produktif", "KAP"), "points"),
        F("manajemen", ("Manajemen",), "points"),
        F("efisiensi", ("Efisiensi",), "points"),
        F("likuiditas", ("Likuiditas",), "points"),
        F(
            "kemandirian_pertumbuhan",
            ("Kemandirian dan Pertumbuhan", "Kemandirian & Pertumbuhan", "Kemandirian"),
            "points",
        ),
        F("jatidiri_koperasi", ("Jatidiri Koperasi", "Jati Diri Koperasi", "Jatidiri"), "points"),
        F("tata_kelola", ("Tata Kelola",), "points"),
        F("profil_risiko", ("Profil Risiko", "Profil Resiko"), "points"),
        F("kinerja_keuangan", ("Kinerja Keuangan",), "points"),
    ),
}
del F

RUNNING_NUMBER_HEADERS = frozenset({"no", "nourut"})

_RP = re.compile(r"\(\s*rp\.?\s*\)|\brp\b\.?", re.IGNORECASE)
_NOMOR = re.compile(r"\bnomor\b|\bno\b\.?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def header_key(label: str) -> str:
    """Fold a header for matching: case, spaces, punctuation, '(Rp)' and No./Nomor alike."""
    text = _RP.sub(" ", label)
    text = _NOMOR.sub(" no ", text)
    return fold(text)


@lru_cache(maxsize=1024)
def sheet_kind(name: str) -> SheetKind | None:
    """Recognise a sheet by its name, folded."""
    key = fold(name)
    for kind, names in SHEET_NAMES.items():
        if key in {fold(n) for n in names}:
            return kind
    return None


def header_index(kind: SheetKind) -> dict[str, tuple[FieldSpec, int]]:
    """Map each folded accepted header to its field and factor."""
    index: dict[str, tuple[FieldSpec, int]] = {}
    for spec in FIELDS[kind]:
        for header in spec.headers:
            index[header_key(header)] = (spec, 1)
        for header, factor in spec.scaled_headers:
            index[header_key(header)] = (spec, factor)
    return index


def required_fields(kind: SheetKind) -> list[FieldSpec]:
    return [spec for spec in FIELDS[kind] if spec.required]
