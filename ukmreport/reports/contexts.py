"""Typed contexts, one per report: everything a template lays out, already formatted.

Templates never compute: every number is formatted here (Babel), every sentence chosen here.
The build_* functions that fill these live in build.py.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Ctx(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DocInfo(_Ctx):
    """PDF metadata and the HTML <title>."""

    title: str
    author: str
    subject: str = ""
    lang: str = "id"
    generated: str  # '28 November 2026', for footers
    period: str = ""  # 'Tahun 2026', 'Triwulan III 2024'


class Letterhead(_Ctx):
    """Kop surat: government, office, address; the logo file lives in a template folder."""

    government: str
    office: str
    address: str
    contact: str
    logo: str | None = None


class Signature(_Ctx):
    position: str
    name: str
    rank: str
    nip: str  # formatted '19860926 201505 1 001'


class UsulanRow(_Ctx):
    no: int
    nik: str
    nama: str
    jenis_kelamin: str
    alamat: str
    kecamatan: str
    nama_usaha: str
    bidang_usaha: str
    bank: str
    no_rekening: str
    nilai: str  # 'Rp7.000.000,00', as the total under it
    no_kk: str = ""
    kelurahan: str = ""
    no_hp: str = ""
    nama_rekening: str = ""
    tempat_tanggal_lahir: str = ""
    nib: str = ""


class UsulanColumn(_Ctx):
    """One column of the attachment: its header, the UsulanRow field it shows, its share of the width."""

    header: str
    field: str
    width: str  # '9.5%'
    align: str = ""  # 'num' (right, figures), 'center', or '' (left)
    nowrap: bool = False


class UsulanLetter(_Ctx):
    """One letter to the ministry, for one program, with its attachment table."""

    program: str
    number: str  # '500.3/___/DKUKM/XI/2026'
    place_date: str  # 'Baubau, 28 November 2026'
    date: str  # '28 November 2026'
    sifat: str
    lampiran: str  # '1 (satu) berkas'
    hal: str
    addressee: list[str]
    addressee_place: str
    paragraphs: list[str]
    columns: list[UsulanColumn] = Field(default_factory=list)  # the attachment's, in order
    rows: list[UsulanRow]
    count: str  # '18'
    count_words: str  # 'delapan belas'
    total: str  # 'Rp126.000.000,00'
    total_words: str  # 'seratus dua puluh enam juta rupiah'
    amount_each: str  # 'Rp7.000.000,00'
    copies_to: list[str] = Field(default_factory=list)
    sender: str = ""  # 'Plt. Kepala Dinas …': whose letter the attachment belongs to


class UsulanContext(_Ctx):
    doc: DocInfo
    letterhead: Letterhead
    signature: Signature
    letters: list[UsulanLetter]
    sample_signer: bool = False  # signed by the built-in sample head: every page is marked CONTOH


class SeleksiRow(_Ctx):
    no: int
    file_row: str  # 'usulan_bantuan.xlsx, baris 12'
    nik: str
    nama: str
    program: str
    status: str
    nilai: str
    eligible: bool
    verdict: str  # 'Layak' / 'Tidak layak'
    reasons: list[str]  # sentences
    notes: list[str]  # sentences
    related: str = ""  # 'sama dengan baris 7'
    program_heading: str = ""  # the program, on the first row of each run of one program
    ministry: str = ""  # the ministry's earlier decision: 'Ditolak kementerian'
    repeated: str = ""  # on a row shown again beside its repeat: 'baris asal; juga di kelompok Layak'


class SeleksiGroup(_Ctx):
    key: str  # stable id for anchors: 'layak', 'ganda', 'sudah-menerima', 'tidak-layak'
    title: str
    description: str
    rows: list[SeleksiRow]


class Figure(_Ctx):
    label: str
    value: str
    detail: str = ""


class SeleksiContext(_Ctx):
    doc: DocInfo
    letterhead: Letterhead
    figures: list[Figure]
    reason_counts: list[Figure]
    groups: list[SeleksiGroup]


class CountRow(_Ctx):
    """One line of a summary table: a label, a count, its share, and an optional amount."""

    label: str
    count: str
    share: str = ""
    amount: str = ""
    key: str = ""


class KoperasiRow(_Ctx):
    no: int
    nama: str
    nomor_badan_hukum: str
    jenis: str
    kecamatan: str
    anggota: str
    rat_terakhir: str  # fiscal year of the last RAT, or '—'
    rat_status: str  # 'Tepat waktu', 'Terlambat', 'Belum RAT'
    skor: str  # '84,50'
    penilaian: str = ""  # the assessment behind the score: '(2024, pedoman 2021)'
    kategori: str
    kategori_key: str
    alasan: list[str]  # the row's own facts of its reasons, in a few words ('anggota 7 < 9')
    catatan: list[str]  # the same for its notes (shown in italics)


class GroupReason(_Ctx):
    """A reason or note said once above a group's table, and which of its cooperatives it covers."""

    text: str  # 'Tidak ada RAT sejak tahun buku 2023: calon pemeriksaan pembubaran'
    every: bool  # it covers every cooperative of the group
    count: str  # how many it covers: '10'
    column: str = ""  # where the rows it covers show their own facts: 'Keterangan', 'Status RAT'
    note: bool = False


class KoperasiGroup(_Ctx):
    """One list of cooperatives: each reason and note said once in `reasons`, each row's own facts in its row."""

    key: str  # anchor: 'penghargaan', 'tidak-aktif', 'sehat', …
    title: str  # 'Calon penerima penghargaan (25)'
    note: str
    reasons: list[GroupReason]  # every reason and note of the group's rows, stated once
    rows: list[KoperasiRow]
    total: str  # 'Jumlah: 25 koperasi, 2.310 anggota'
    part: int  # 1 for the first part of the report (the lists to act on), 2 for the others


class KoperasiContext(_Ctx):
    doc: DocInfo
    letterhead: Letterhead
    signature: Signature
    place_date: str
    due_fiscal_year: str
    figures: list[Figure]
    by_category: list[CountRow]
    by_type: list[CountRow]
    by_kecamatan: list[CountRow]
    totals: CountRow  # the row under each summary table
    groups: list[KoperasiGroup]  # every cooperative in exactly one group
    errors_note: str = ""
    excludes: str = ""  # 'RAT terlambat, anggota di bawah minimum, SHU negatif'
    weights: str = ""  # the aspects' maximum points used, per guideline


class Chart(_Ctx):
    """An SVG drawn by charts.py (matplotlib); its text is the library's, not cell values."""

    title: str
    svg: str
    caption: str = ""
    number: str = ""  # 'Gambar 1.1', given when the report numbers its figures
    source: str = ""  # 'Sumber: …'


class Table(_Ctx):
    """A plain table: headers, formatted cells; `numeric` right-aligns a column."""

    title: str = ""
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    total: list[str] | None = None
    note: str = ""
    chart: Chart | None = None  # shown beside the table
    number: str = ""  # 'Tabel 1.1', given when the report numbers its tables
    source: str = ""  # 'Sumber: …'


class Concept(_Ctx):
    """One entry of a publication's 'Konsep dan definisi' page."""

    term: str
    text: str


class Section(_Ctx):
    key: str
    title: str
    intro: str = ""
    source: str = ""  # 'Sumber: …' under each of its tables and figures
    figures: list[Figure] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)


class BerkalaContext(_Ctx):
    doc: DocInfo
    letterhead: Letterhead
    signature: Signature
    period: str  # 'Tahun 2026'
    previous: str  # 'Tahun 2025', or its same span when the period has not ended
    provisional: str = ""  # 'data s.d. 4 Desember 2026 (angka sementara)' while the period runs
    place_date: str
    foreword: list[str]  # paragraphs
    headline: list[Figure]
    highlights: list[str]  # sentences written from the figures
    concepts: list[Concept]
    sections: list[Section]


class FindingCell(_Ctx):
    cell: str  # 'F23'
    value: str
    message: str


class FindingGroup(_Ctx):
    code: str
    severity: str  # 'error' / 'warning' / 'info', for styling
    severity_label: str
    description: str
    count: str
    cells: list[FindingCell]
    more: str = ""  # 'dan 1.234 lainnya'


class SheetFindings(_Ctx):
    file: str
    sheet: str  # '' for a finding about the whole file
    anchor: str
    annotated: str = ""  # relative link to the annotated copy
    counts: str  # '12 kesalahan, 3 peringatan'
    groups: list[FindingGroup]


class ValidasiContext(_Ctx):
    doc: DocInfo
    letterhead: Letterhead
    figures: list[Figure]
    sheets: list[SheetFindings]
    totals: Table
