"""The one catalogue of user-facing words: finding messages, reasons and notes, in id and en."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models pull in pydantic: `ukmreport --help` must not wait for it
    from ukmreport.models import Finding, Severity

SEVERITY: dict[str, Severity] = {
    **dict.fromkeys(
        "unreadable-file missing-column header-not-found formula-no-value missing-value bad-amount "
        "bad-date two-digit-year bad-number negative-value bad-gender bad-yes-no bad-phone "
        "bad-account bad-nib unknown-kecamatan unknown-status unknown-coop-type nik-format "
        "nik-numeric nik-region nik-birthdate duplicate-nik duplicate-coop score-out-of-range".split(),
        "error",
    ),
    **dict.fromkeys(
        "unknown-kelurahan kelurahan-mismatch unknown-sector date-in-future nik-mismatch-birthdate "
        "nik-mismatch-gender assessment-unknown-coop nik-koperasi-format".split(),
        "warning",
    ),
    **dict.fromkeys("unknown-column".split(), "info"),
    # Every file accounted for, nothing counted twice (issue #13, input side)
    **dict.fromkeys("unknown-workbook duplicate-file copy-of-file".split(), "warning"),
    **dict.fromkeys("sheet-by-headers ignored-file".split(), "info"),
}

# {placeholders} come from Finding.params; {value} is the cell as read.
FINDINGS: dict[str, dict[str, str]] = {
    "unreadable-file": {
        "id": "Berkas tidak dapat dibaca: {reason}",
        "en": "The file cannot be read: {reason}",
    },
    "unknown-workbook": {
        "id": (
            "Tidak ada lembar yang dikenali (lembar: {sheets}); berkas dilewati. Nama lembar yang diterima: "
            "{accepted}. Atau baris judul dengan kolom: {headers}"
        ),
        "en": (
            "No known sheet in this workbook (sheets: {sheets}); file skipped. Accepted sheet names: "
            "{accepted}. Or a header row with the columns: {headers}"
        ),
    },
    "header-not-found": {
        "id": "Baris judul kolom tidak ditemukan dalam 20 baris pertama",
        "en": "No header row found within the first 20 rows",
    },
    "missing-column": {
        "id": "Kolom wajib '{header}' tidak ada; lembar ini tidak dapat diproses",
        "en": "Required column '{header}' is missing; this sheet cannot be processed",
    },
    "unknown-column": {
        "id": "Kolom '{value}' tidak dikenal dan tidak dipakai",
        "en": "Unknown column '{value}' is ignored",
    },
    "formula-no-value": {
        "id": "Rumus tanpa nilai tersimpan; buka dan simpan ulang berkas di Excel",
        "en": "Formula without a saved value; open and save the file in Excel",
    },
    "missing-value": {"id": "Isian wajib '{header}' kosong", "en": "Required value '{header}' is empty"},
    "bad-amount": {
        "id": "Nilai uang tidak dapat dibaca (contoh yang benar: 7.000.000 atau 7,5 juta)",
        "en": "Amount cannot be read (valid examples: 7.000.000 or 7,5 juta)",
    },
    "negative-value": {"id": "Nilai tidak boleh negatif", "en": "Value must not be negative"},
    "bad-date": {
        "id": "Tanggal tidak valid (tulis hari-bulan-tahun, contoh 12-03-1985)",
        "en": "Invalid date (write day-month-year, e.g. 12-03-1985)",
    },
    "two-digit-year": {
        "id": "Tahun ditulis dua angka; tulis empat angka (contoh 1985)",
        "en": "Two-digit year; write all four digits (e.g. 1985)",
    },
    "bad-number": {"id": "Harus berupa bilangan bulat", "en": "Must be a whole number"},
    "bad-gender": {
        "id": "Jenis kelamin harus L atau P",
        "en": "Gender must be L (male) or P (female)",
    },
    "bad-yes-no": {"id": "Isi dengan Ya atau Tidak", "en": "Must be Ya (yes) or Tidak (no)"},
    "bad-phone": {
        "id": "Nomor HP tidak valid (10–13 angka diawali 08; ketik sebagai teks agar angka 0 tidak hilang)",
        "en": "Invalid phone number (10–13 digits starting 08; type it as text so the 0 is kept)",
    },
    "bad-account": {
        "id": "Nomor rekening tidak valid (8–20 angka, ketik sebagai teks)",
        "en": "Invalid account number (8–20 digits, typed as text)",
    },
    "bad-nib": {"id": "NIB harus 13 angka", "en": "NIB must be 13 digits"},
    "unknown-kecamatan": {
        "id": "Kecamatan '{value}' tidak dikenal{suggestion_id}",
        "en": "Unknown kecamatan '{value}'{suggestion_en}",
    },
    "unknown-kelurahan": {
        "id": "Kelurahan '{value}' tidak dikenal{suggestion_id}",
        "en": "Unknown kelurahan '{value}'{suggestion_en}",
    },
    "kelurahan-mismatch": {
        "id": "Kelurahan {kelurahan} berada di Kecamatan {expected}, bukan {kecamatan}",
        "en": "Kelurahan {kelurahan} lies in Kecamatan {expected}, not {kecamatan}",
    },
    "unknown-status": {
        "id": "Status harus Diusulkan, Disetujui, Ditolak atau Disalurkan",
        "en": "Status must be Diusulkan, Disetujui, Ditolak or Disalurkan",
    },
    "unknown-coop-type": {
        "id": "Jenis koperasi harus Simpan Pinjam, Konsumen, Produsen, Pemasaran atau Jasa",
        "en": "Cooperative type must be Simpan Pinjam, Konsumen, Produsen, Pemasaran or Jasa",
    },
    "unknown-sector": {
        "id": "Bidang usaha '{value}' tidak dikenal; dimasukkan ke Lainnya",
        "en": "Unknown sector '{value}'; counted as Lainnya",
    },
    "date-in-future": {"id": "Tanggal di masa depan", "en": "Date lies in the future"},
    "nik-format": {
        "id": "NIK harus 16 angka dengan 4 angka terakhir bukan 0000",
        "en": "NIK must be 16 digits, the last four not 0000",
    },
    "nik-numeric": {
        "id": "NIK diketik sebagai angka: Excel hanya menyimpan 15 angka, angka terakhir hilang; "
        "ketik ulang sebagai teks",
        "en": "NIK typed as a number: Excel keeps only 15 digits, the last one is lost; retype it as text",
    },
    "nik-region": {
        "id": "Kode provinsi NIK ({province}) tidak dikenal",
        "en": "Unknown province code {province} in the NIK",
    },
    "nik-birthdate": {
        "id": "Tanggal lahir dalam NIK tidak valid",
        "en": "The birth date encoded in the NIK is not a real date",
    },
    "nik-mismatch-birthdate": {
        "id": "Tanggal lahir di NIK ({nik_date}) berbeda dengan kolom tanggal lahir ({row_date})",
        "en": "Birth date in the NIK ({nik_date}) differs from the row's ({row_date})",
    },
    "nik-mismatch-gender": {
        "id": "Jenis kelamin di NIK ({nik_gender}) berbeda dengan kolom jenis kelamin ({row_gender})",
        "en": "Sex in the NIK ({nik_gender}) differs from the row's ({row_gender})",
    },
    "duplicate-nik": {
        "id": "NIK sudah tercatat {first_at_id}",
        "en": "NIK already recorded {first_at_en}",
    },
    "duplicate-coop": {
        "id": "Nomor badan hukum sudah tercatat {first_at_id}",
        "en": "Legal entity number already recorded {first_at_en}",
    },
    "score-out-of-range": {
        "id": "Nilai aspek harus antara 0 dan {max}",
        "en": "Aspect points must lie between 0 and {max}",
    },
    "assessment-unknown-coop": {
        "id": "Koperasi '{value}' tidak ada di lembar data koperasi",
        "en": "Cooperative '{value}' is not in the cooperatives sheet",
    },
    # -- every file accounted for, nothing counted twice (issue #13) --
    "ignored-file": {
        "id": "Bukan buku kerja yang dibaca (jenis {suffix}); dilewati. Yang dibaca: .xlsx, .xlsm, .xls, .ods, .csv",
        "en": "Not a workbook that is read (type {suffix}); skipped. Read are: .xlsx, .xlsm, .xls, .ods, .csv",
    },
    "sheet-by-headers": {
        "id": "Nama lembar tidak dikenal; dibaca sebagai lembar {kind_id} karena judul kolomnya",
        "en": "Unknown sheet name; read as a {kind_en} sheet because of its headers",
    },
    "duplicate-file": {
        "id": "Isi berkas sama persis dengan {original}; dilewati agar tidak dihitung dua kali",
        "en": "Byte-identical to {original}; skipped so nothing is counted twice",
    },
    "copy-of-file": {
        "id": (
            "Lembar ini salinan dari {original} ({repeated} dari {rows} baris sudah ada di sana); "
            "barisnya tidak dihitung dan tidak dilaporkan lagi"
        ),
        "en": (
            "This sheet is a copy of {original} ({repeated} of its {rows} rows are there already); "
            "its rows are not counted or reported again"
        ),
    },
    "nik-koperasi-format": {
        "id": "NIK Koperasi harus 16 angka",
        "en": "NIK Koperasi must be 16 digits",
    },
}

# A finding's message without one cell's particulars, for the counts of summaries: the same words
# with every {slot} gone, so that no summary reads "Kecamatan , bukan" or "NIK ()".
GENERIC: dict[str, dict[str, str]] = {
    "unreadable-file": {"id": "Berkas tidak dapat dibaca", "en": "The file cannot be read"},
    "unknown-workbook": {"id": "Tidak ada lembar yang dikenali; berkas dilewati", "en": "No known sheet; file skipped"},
    "missing-column": {
        "id": "Kolom wajib tidak ada; lembar tidak dapat diproses",
        "en": "A required column is missing; the sheet cannot be processed",
    },
    "unknown-column": {"id": "Kolom tidak dikenal dan tidak dipakai", "en": "Unknown column, ignored"},
    "missing-value": {"id": "Isian wajib kosong", "en": "A required value is empty"},
    "unknown-kecamatan": {"id": "Kecamatan tidak dikenal", "en": "Unknown kecamatan"},
    "unknown-kelurahan": {"id": "Kelurahan tidak dikenal", "en": "Unknown kelurahan"},
    "kelurahan-mismatch": {
        "id": "Kelurahan tidak berada di kecamatan yang tertulis",
        "en": "The kelurahan does not lie in the kecamatan given",
    },
    "unknown-sector": {
        "id": "Bidang usaha tidak dikenal; dimasukkan ke Lainnya",
        "en": "Unknown sector; counted as Lainnya",
    },
    "nik-region": {"id": "Kode provinsi NIK tidak dikenal", "en": "Unknown province code in the NIK"},
    "nik-mismatch-birthdate": {
        "id": "Tanggal lahir di NIK berbeda dengan kolom tanggal lahir",
        "en": "Birth date in the NIK differs from the row's",
    },
    "nik-mismatch-gender": {
        "id": "Jenis kelamin di NIK berbeda dengan kolom jenis kelamin",
        "en": "Sex in the NIK differs from the row's",
    },
    "duplicate-nik": {"id": "NIK sudah tercatat di baris lain", "en": "NIK already recorded on another row"},
    "duplicate-coop": {
        "id": "Nomor badan hukum sudah tercatat di baris lain",
        "en": "Legal entity number already recorded on another row",
    },
    "score-out-of-range": {"id": "Nilai aspek di luar batas", "en": "Aspect points out of range"},
    "assessment-unknown-coop": {
        "id": "Koperasi tidak ada di lembar data koperasi",
        "en": "Cooperative not in the cooperatives sheet",
    },
}

REASONS: dict[str, dict[str, str]] = {
    "invalid-nik": {"id": "NIK tidak valid", "en": "Invalid NIK"},
    "invalid-data": {"id": "Data usulan mengandung kesalahan", "en": "The proposal row has errors"},
    "not-registered": {
        "id": "Tidak terdaftar dalam data pelaku usaha",
        "en": "Not registered in the business owners sheet",
    },
    "not-micro": {"id": "Bukan usaha mikro", "en": "Not a micro business"},
    "civil-servant": {
        "id": "Berstatus ASN/TNI/Polri/pegawai BUMN/BUMD",
        "en": "Civil servant, soldier, police officer or state-enterprise employee",
    },
    "receiving-kur": {"id": "Sedang menerima KUR", "en": "Currently receiving KUR credit"},
    "no-bank-account": {
        "id": "Tidak memiliki rekening bank yang valid",
        "en": "No valid bank account",
    },
    "duplicate-proposal": {
        "id": "Diusulkan ganda untuk program yang sama",
        "en": "Proposed twice for the same program",
    },
    "already-received": {
        "id": "Sudah pernah menerima bantuan program yang sama",
        "en": "Already received this program",
    },
    "rat-missing": {
        "id": "RAT tahun buku yang jatuh tempo belum dilaksanakan",
        "en": "The RAT for the due fiscal year has not been held",
    },
    "inactive": {
        "id": "Tidak aktif: tidak ada RAT dalam tiga tahun terakhir (calon pembubaran)",
        "en": "Inactive: no RAT in three years (candidate for a dissolution review)",
    },
}

NOTES: dict[str, dict[str, str]] = {
    "account-name-mismatch": {
        "id": "Nama pemilik rekening berbeda dengan nama penerima",
        "en": "Account holder's name differs from the recipient's",
    },
    "recent-aid": {
        "id": "Menerima bantuan lain pada tahun ini atau tahun sebelumnya",
        "en": "Received other aid this year or last year",
    },
    "possible-duplicate": {
        "id": "Kemungkinan orang yang sama dengan NIK lain (nama dan tanggal lahir sama)",
        "en": "Possibly the same person under another NIK (same name and birth date)",
    },
    "nik-outside-region": {
        "id": "NIK terdaftar di luar daerah",
        "en": "NIK registered outside the region",
    },
    "name-mismatch": {
        "id": "Nama berbeda dengan data pelaku usaha",
        "en": "Name differs from the business owners sheet",
    },
    "rat-late": {"id": "RAT terlambat dilaksanakan", "en": "RAT held late"},
    "below-min-members": {
        "id": "Jumlah anggota di bawah batas minimum",
        "en": "Fewer members than the legal minimum",
    },
    "negative-shu": {"id": "SHU negatif (rugi)", "en": "Negative SHU (loss)"},
    "score-capped": {
        "id": "Skor sehat, tetapi RAT belum dilaksanakan: kategori diturunkan menjadi cukup sehat",
        "en": "Healthy score but no current RAT: category lowered to cukup sehat",
    },
}

CATEGORIES: dict[str, dict[str, str]] = {
    "sehat": {"id": "Sehat", "en": "Healthy"},
    "cukup_sehat": {"id": "Cukup Sehat", "en": "Fairly healthy"},
    "dalam_pengawasan": {"id": "Dalam Pengawasan", "en": "Under supervision"},
    "dalam_pengawasan_khusus": {"id": "Dalam Pengawasan Khusus", "en": "Under special supervision"},
    "tidak_dinilai": {"id": "Tidak Dinilai", "en": "Not assessed"},
}

SEVERITY_WORDS: dict[str, dict[str, str]] = {
    "error": {"id": "Kesalahan", "en": "Error"},
    "warning": {"id": "Peringatan", "en": "Warning"},
    "info": {"id": "Info", "en": "Info"},
}


SHEET_TITLES: dict[str, dict[str, str]] = {
    "businesses": {"id": "Pelaku usaha", "en": "Business owners"},
    "proposals": {"id": "Usulan bantuan", "en": "Grant proposals"},
    "aid_history": {"id": "Riwayat bantuan", "en": "Aid history"},
    "cooperatives": {"id": "Koperasi", "en": "Cooperatives"},
    "coop_assessment": {"id": "Penilaian kesehatan koperasi", "en": "Cooperative assessments"},
}


class Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(table: dict[str, dict[str, str]], code: str, lang: str, params: dict[str, object]) -> str:
    """The entry's text in lang (Indonesian when it has none), its placeholders filled; the code if unknown."""
    entry = table.get(code)
    if entry is None:
        return code
    return entry.get(lang, entry["id"]).format_map(Blank({k: str(v) for k, v in params.items()}))


def finding_message(finding: Finding, lang: str = "id") -> str:
    """Return the finding's message in the given language, its placeholders filled."""
    params = Blank(finding.params)
    params["value"] = finding.value or ""
    kind = params.get("kind")
    if kind:
        params["kind_id"] = sheet_title(kind, "id").lower()
        params["kind_en"] = sheet_title(kind, "en").lower()
    suggestion = params.get("suggestion")
    if suggestion:
        params["suggestion_id"] = f"; mungkin maksudnya '{suggestion}'?"
        params["suggestion_en"] = f"; did you mean '{suggestion}'?"
    if "first_row" in params:  # a repeat: where the first is, with its file and sheet when not this row's
        first = [(params["first_file"] or finding.file, params["first_sheet"] or finding.sheet, params["first_row"])]
        for code in ("id", "en"):
            params[f"first_at_{code}"] = places_text(first, (finding.file, finding.sheet), code)
    if "reason_code" in params:  # a file that cannot be read: its reason in the run's language
        from ukmreport.messages.read import read_reason  # read.py builds on this module's Blank

        params["reason"] = read_reason(params["reason_code"], lang, dict(finding.params))
    template = FINDINGS.get(finding.code, {}).get(lang) or FINDINGS.get(finding.code, {}).get("id", finding.code)
    return template.format_map(params)


# Where the first of a repeated row is, as a sentence says it: the row alone when it is in the
# repeat's own sheet, else with its file and sheet.
PLACES: dict[str, dict[str, str]] = {
    "row": {"id": "di baris {rows}", "en": "on row {rows}"},
    "rows": {"id": "di baris {rows}", "en": "on rows {rows}"},
    "sheet": {"id": "di lembar '{sheet}', baris {rows}", "en": "in sheet '{sheet}', row {rows}"},
    "sheet-rows": {"id": "di lembar '{sheet}', baris {rows}", "en": "in sheet '{sheet}', rows {rows}"},
    "file": {"id": "di {file}, lembar '{sheet}', baris {rows}", "en": "in {file}, sheet '{sheet}', row {rows}"},
    "file-rows": {"id": "di {file}, lembar '{sheet}', baris {rows}", "en": "in {file}, sheet '{sheet}', rows {rows}"},
    "and": {"id": " dan ", "en": " and "},
}


def places_text(
    places: Sequence[tuple[str, str | None, object]],
    own: tuple[str, str | None] | None,
    lang: str = "id",
    *,
    base_names: bool = False,
) -> str:
    """Rows as a sentence names them: "di baris 7, 9", or "di b.xlsx, lembar 'Usulan', baris 7" when
    (file, sheet) is not `own`, the row's own sheet. base_names: files by their name, without folders."""
    groups: dict[tuple[str, str | None], list[str]] = {}
    for file, sheet, row in places:
        groups.setdefault((file, sheet), []).append(str(row))
    parts = []
    for (file, sheet), rows in groups.items():
        if own is not None and file == own[0]:
            kind = "row" if sheet == own[1] else "sheet"
        else:
            kind = "file"
        key = kind if len(rows) == 1 else ("rows" if kind == "row" else f"{kind}-rows")
        name = file.replace("\\", "/").rsplit("/", 1)[-1] if base_names else file
        parts.append(fill(PLACES, key, lang, {"file": name, "sheet": sheet or "", "rows": ", ".join(rows)}))
    return fill(PLACES, "and", lang, {}).join(parts)


def reason_text(code: str, lang: str = "id") -> str:
    """Return the sentence for an eligibility or cooperative reason or note."""
    entry = REASONS.get(code) or NOTES.get(code)
    return entry.get(lang, entry["id"]) if entry else code


def category_text(code: str, lang: str = "id") -> str:
    entry = CATEGORIES.get(code)
    return entry.get(lang, entry["id"]) if entry else code


def generic_message(code: str, lang: str = "id") -> str:
    """The finding's message without one cell's particulars, for summaries ('Kecamatan tidak dikenal')."""
    entry = GENERIC.get(code)
    if entry:
        return entry.get(lang, entry["id"])
    placeholder = tuple(
        (key, "…")
        for key in (
            *("header", "first_row", "max", "province", "reason", "sheets"),
            *("first_file", "first_sheet", "accepted", "headers", "suffix", "original", "repeated", "rows"),
        )
    )
    from ukmreport.models import Finding

    blank = Finding("", None, None, None, None, code, SEVERITY.get(code, "info"), "…", placeholder)
    whole = finding_message(blank, lang)
    head = whole.split("; ")[0]
    return head if head.count("(") == head.count(")") else whole  # never cut inside a bracket


def sheet_title(kind: str, lang: str = "id") -> str:
    entry = SHEET_TITLES.get(kind)
    return entry.get(lang, entry["id"]) if entry else kind


# -- issue #16: KK, assessment guideline, and every reason's sentence with its facts ------------------

SEVERITY.update(
    {
        **dict.fromkeys(("kk-format", "kk-numeric", "assessment-incomplete"), "error"),
        "predicate-mismatch": "warning",
    }
)
FINDINGS.update(
    {
        "kk-format": {
            "id": "No. KK harus 16 angka dengan 4 angka terakhir bukan 0000",
            "en": "No. KK (family card) must be 16 digits, the last four not 0000",
        },
        "kk-numeric": {
            "id": "No. KK diketik sebagai angka: Excel hanya menyimpan 15 angka; ketik ulang sebagai teks",
            "en": "No. KK typed as a number: Excel keeps only 15 digits; retype it as text",
        },
        "assessment-incomplete": {
            "id": "Penilaian kesehatan tidak dapat dihitung: {what_id}",
            "en": "The health assessment cannot be scored: {what_en}",
        },
        "predicate-mismatch": {
            "id": "Predikat tertulis '{value}', tetapi skor {score_id} termasuk {computed_id}; yang dipakai {computed_id}",
            "en": "Predicate written '{value}', but score {score_en} is {computed_en}; {computed_en} is used",
        },
    }
)
REASONS["business-row-invalid"] = {
    "id": "Baris data pelaku usaha mengandung kesalahan",
    "en": "The business owner's row has errors",
}
NOTES["assessment-outdated"] = {
    "id": "Penilaian kesehatan sudah lebih dari tiga tahun buku",
    "en": "The health assessment is more than three fiscal years old",
}
