"""The one catalogue of user-facing words: finding messages, reasons and notes, in id and en."""

from __future__ import annotations

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
        "id": "NIK sudah tercatat di {first_file}, lembar '{first_sheet}', baris {first_row}",
        "en": "NIK already recorded in {first_file}, sheet '{first_sheet}', row {first_row}",
    },
    "duplicate-coop": {
        "id": "Nomor badan hukum sudah tercatat di {first_file}, lembar '{first_sheet}', baris {first_row}",
        "en": "Legal entity number already recorded in {first_file}, sheet '{first_sheet}', row {first_row}",
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


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def finding_message(finding: Finding, lang: str = "id") -> str:
    """Return the finding's message in the given language, its placeholders filled."""
    params = _Blank(finding.params)
    params["value"] = finding.value or ""
    kind = params.get("kind")
    if kind:
        params["kind_id"] = sheet_title(kind, "id").lower()
        params["kind_en"] = sheet_title(kind, "en").lower()
    suggestion = params.get("suggestion")
    if suggestion:
        params["suggestion_id"] = f"; mungkin maksudnya '{suggestion}'?"
        params["suggestion_en"] = f"; did you mean '{suggestion}'?"
    if "reason_code" in params:  # a file that cannot be read: its reason in the run's language
        params["reason"] = read_reason(params["reason_code"], lang, dict(finding.params))
    template = FINDINGS.get(finding.code, {}).get(lang) or FINDINGS.get(finding.code, {}).get("id", finding.code)
    return template.format_map(params)


def reason_text(code: str, lang: str = "id") -> str:
    """Return the sentence for an eligibility or cooperative reason or note."""
    entry = REASONS.get(code) or NOTES.get(code)
    return entry.get(lang, entry["id"]) if entry else code


def category_text(code: str, lang: str = "id") -> str:
    entry = CATEGORIES.get(code)
    return entry.get(lang, entry["id"]) if entry else code


def generic_message(code: str, lang: str = "id") -> str:
    """The finding's message without one cell's particulars, for summaries ('Kecamatan '…' tidak dikenal')."""
    placeholder = tuple(
        (key, "…")
        for key in (
            *("header", "first_row", "max", "province", "reason", "sheets"),
            *("first_file", "first_sheet", "accepted", "headers", "suffix", "original", "repeated", "rows"),
        )
    )
    blank = Finding("", None, None, None, None, code, SEVERITY.get(code, "info"), "…", placeholder)
    return finding_message(blank, lang).split("; ")[0]


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
            "id": "Predikat tertulis '{value}', tetapi skor {score} termasuk {computed_id}; yang dipakai {computed_id}",
            "en": "Predicate written '{value}', but score {score} is {computed_en}; {computed_en} is used",
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

# -- what the command line says: help, progress, results, errors ----------------------------------
# {placeholders} are filled by say(); every entry has both languages (tests/test_messages.py).

HELP: dict[str, dict[str, str]] = {
    "main": {
        "id": "Memeriksa buku kerja Dinas Koperasi dan UKM dan menyusun laporannya (ukmreport).",
        "en": "Validate an SME office's workbooks and build its reports (ukmreport).",
    },
    "opt-config": {
        "id": "Berkas pengaturan (bawaan: ukmreport.toml di folder ini).",
        "en": "Settings file (default: ukmreport.toml here).",
    },
    "opt-lang": {
        "id": "Bahasa pesan: id atau en (juga UKMREPORT_LANG).",
        "en": "Language of messages: id or en (also UKMREPORT_LANG).",
    },
    "opt-quiet": {"id": "Hanya tampilkan kesalahan.", "en": "Print only errors."},
    "opt-verbose": {
        "id": "Tampilkan lebih banyak, termasuk peringatan pustaka dan jejak galat tak terduga.",
        "en": "Print more, including library warnings and a traceback on unexpected errors.",
    },
    "opt-help": {"id": "Tampilkan bantuan ini lalu keluar.", "en": "Show this message and exit."},
    "opt-version": {"id": "Tampilkan versi lalu keluar.", "en": "Show the version and exit."},
    "check": {
        "id": "Hanya memeriksa buku kerja; temuan dikelompokkan per berkas dan lembar.",
        "en": "Validate the workbooks only; print findings grouped by file and sheet.",
    },
    "check-format": {"id": "Bentuk keluaran: text atau json.", "en": "Output format: text or json."},
    "check-annotate": {"id": "Tulis salinan bertanda ke folder ini.", "en": "Write annotated copies here."},
    "build": {
        "id": "Memeriksa, menerapkan aturan, menyusun laporan dan menulis manifest.",
        "en": "Validate, apply the rules, render the reports and write the manifest.",
    },
    "build-out": {"id": "Folder laporan (bawaan reports/).", "en": "Reports folder (default reports/)."},
    "build-period": {
        "id": "2024, 2024-Q3 atau 2024-07 (bawaan: tahun ini).",
        "en": "2024, 2024-Q3 or 2024-07 (default: this year).",
    },
    "build-only": {
        "id": "Susun hanya laporan ini ({choices}); boleh diulang. Laporan lain dibiarkan.",
        "en": "Build only this report ({choices}); repeatable. Other reports are kept.",
    },
    "build-format": {
        "id": "Format yang ditulis, dipisah koma ({choices}).",
        "en": "Formats to write, comma-separated ({choices}).",
    },
    "build-strict": {
        "id": "Keluar dengan kode 1 bila input mengandung kesalahan.",
        "en": "Exit 1 when the inputs have errors.",
    },
    "rules": {
        "id": "Tampilkan kelayakan tiap usulan dan kesehatan tiap koperasi, beserta alasannya.",
        "en": "Print each proposal's eligibility and each cooperative's health, with reasons.",
    },
    "demo": {
        "id": "Tulis data contoh Kota Baubau yang realistis lalu susun semua laporan darinya.",
        "en": "Write a realistic demo input set for Kota Baubau and build every report from it.",
    },
    "demo-seed": {
        "id": "Benih acak: benih yang sama memberi data yang sama.",
        "en": "Random seed: the same seed gives the same data.",
    },
    "demo-businesses": {"id": "Jumlah pelaku usaha.", "en": "Number of business owners."},
    "init-region": {
        "id": "Berkas wilayah kantor: tulis juga ukmreport.toml berkomentar untuknya ke DIRECTORY.",
        "en": "The office's region file: also write a commented ukmreport.toml for it into DIRECTORY.",
    },
    "init": {
        "id": "Tulis buku kerja kosong siap isi, dengan daftar pilihan, ke DIRECTORY.",
        "en": "Write blank, ready-to-fill workbooks with drop-downs into DIRECTORY.",
    },
    # click's own words, in the help it lays out
    "Usage:": {"id": "Penggunaan:", "en": "Usage:"},
    "Options": {"id": "Opsi", "en": "Options"},
    "Commands": {"id": "Perintah", "en": "Commands"},
    "Arguments": {"id": "Argumen", "en": "Arguments"},
    "default": {"id": "bawaan", "en": "default"},
}

CLI: dict[str, dict[str, str]] = {
    "progress-check": {"id": "Memeriksa", "en": "Checking"},
    "progress-build": {"id": "Menyusun laporan", "en": "Building reports"},
    "progress-rules": {"id": "Menerapkan aturan", "en": "Applying the rules"},
    "progress-read": {"id": "Membaca {file}", "en": "Reading {file}"},
    "progress-render": {"id": "Menyusun {file}", "en": "Rendering {file}"},
    "rows": {"id": "baris", "en": "rows"},
    "pages": {"id": "halaman", "en": "pages"},
    "annotated": {"id": "Salinan bertanda: {files}", "en": "Annotated copies: {files}"},
    "annotated-none": {
        "id": "Salinan bertanda: tidak ada (tanpa temuan)",
        "en": "Annotated copies: none (no findings)",
    },
    "demo-written": {
        "id": "Data contoh ditulis ke {folder}/: {files}",
        "en": "Demo data written to {folder}/: {files}",
    },
    "config-written": {
        "id": "Pengaturan ditulis: {config} (isi baris bertanda ISI)",
        "en": "Settings written: {config} (fill in the lines marked ISI)",
    },
    "blank-written": {"id": "Buku kerja kosong ditulis: {files}", "en": "Blank workbooks written: {files}"},
    "built": {"id": "Laporan ditulis ke {folder}/:", "en": "Reports written to {folder}/:"},
    "built-pages": {"id": "{path} ({pages} halaman)", "en": "{path} ({pages} pages)"},
    "built-kept": {
        "id": "Laporan lain di folder ini dibiarkan seperti semula: {names}",
        "en": "The folder's other reports are kept as they were: {names}",
    },
    "built-summary": {
        "id": "Usulan: {proposals} diperiksa, {eligible} layak ({amount}), {ineligible} tidak layak; "
        "{waiting} layak menunggu konfirmasi (tidak masuk surat). "
        "Pelaku usaha valid: {businesses}. Temuan: {errors} kesalahan, {warnings} peringatan.",
        "en": "Proposals: {proposals} checked, {eligible} eligible ({amount}), {ineligible} ineligible; "
        "{waiting} eligible awaiting confirmation (not in the letter). "
        "Valid business owners: {businesses}. Findings: {errors} errors, {warnings} warnings.",
    },
    "skipped": {"id": "{name} tidak disusun: {reason}", "en": "{name} not built: {reason}"},
    "sample-signer": {
        "id": "peringatan: ukmreport.toml tidak menyebut kepala dinas ([head]); surat ditandatangani "
        "pejabat contoh dan setiap halamannya diberi tanda CONTOH",
        "en": "warning: ukmreport.toml names no head of office ([head]); the letter is signed by the "
        "sample head and every page of it is marked CONTOH",
    },
    "rules-proposals": {"id": "Usulan bantuan", "en": "Grant proposals"},
    "rules-cooperatives": {"id": "Koperasi", "en": "Cooperatives"},
    "rules-row": {"id": "baris", "en": "row"},
    "rules-eligible": {"id": "LAYAK", "en": "ELIGIBLE"},
    "rules-ineligible": {"id": "TIDAK LAYAK", "en": "INELIGIBLE"},
    "rules-waiting": {"id": "LAYAK, PERLU DIKONFIRMASI", "en": "ELIGIBLE, AWAITING CONFIRMATION"},
    "rules-guideline": {"id": "pedoman", "en": "guideline"},
    "rules-candidate": {"id": "calon penghargaan", "en": "recognition candidate"},
    "rules-none": {"id": "Tidak ada usulan atau koperasi.", "en": "No proposals or cooperatives."},
}

# Why a report was not rendered: the manifest records the key, the terminal says the sentence.
SKIPPED: dict[str, dict[str, str]] = {
    "no eligible proposals": {
        "id": "tidak ada usulan berstatus Diusulkan yang layak, maka tidak ada surat usulan",
        "en": "no eligible proposal with status Diusulkan, so there is no letter",
    },
    "no cooperatives": {
        "id": "tidak ada data koperasi",
        "en": "no cooperatives in the inputs",
    },
}

ERRORS: dict[str, dict[str, str]] = {
    "error": {"id": "kesalahan: {message}", "en": "error: {message}"},
    "usage": {"id": "penggunaan salah: {message}", "en": "usage: {message}"},
    "no-such-option": {"id": "opsi {option} tidak dikenal", "en": "no such option {option}"},
    "missing-value": {"id": "opsi {option} memerlukan nilai", "en": "option {option} needs a value"},
    "bad-value": {
        "id": "nilai {value} untuk {option} tidak sah; pilih {choices}",
        "en": "invalid value {value} for {option}; choose {choices}",
    },
    "unknown-format": {
        "id": "format {value} tidak dikenal; pilih dari {choices}",
        "en": "unknown format {value}; choose from {choices}",
    },
    "unknown-report": {
        "id": "laporan {value} tidak dikenal; pilih dari {choices}",
        "en": "unknown report {value}; choose from {choices}",
    },
    "bad-period": {
        "id": "periode '{value}': tulis tahun (2024), triwulan (2024-Q3) atau bulan (2024-07)",
        "en": "period '{value}': use a year (2024), a quarter (2024-Q3) or a month (2024-07)",
    },
    "bad-epoch": {
        "id": "SOURCE_DATE_EPOCH={value} bukan jumlah detik sejak 1970",
        "en": "SOURCE_DATE_EPOCH={value} is not a number of seconds since 1970",
    },
    "no-input-files": {
        "id": "tidak ada buku kerja di {folder}",
        "en": "no workbook found in {folder}",
    },
    "nothing-readable": {
        "id": "tidak satu pun berkas input dapat dibaca: {reasons}",
        "en": "no input file could be read: {reasons}",
    },
    "nothing-readable-shown": {
        "id": "tidak satu pun berkas input dapat dibaca (alasannya di atas)",
        "en": "no input file could be read (reasons above)",
    },
    "nothing-recognised": {
        "id": "tidak ada lembar yang dikenali di berkas input ({files}); tidak ada laporan yang ditulis",
        "en": "no known sheet in the input files ({files}); no report was written",
    },
    "folder-unwritable": {
        "id": "folder {folder} tidak dapat ditulis ({reason}); laporan sebelumnya tidak berubah",
        "en": "cannot write to the folder {folder} ({reason}); the previous reports are unchanged",
    },
    "build-running": {
        "id": "build lain (proses {pid}) sedang menulis ke {folder}; tunggu sampai selesai",
        "en": "another build (process {pid}) is writing to {folder}; wait for it to finish",
    },
    "interrupted": {
        "id": "dihentikan (Ctrl-C); laporan sebelumnya tidak berubah",
        "en": "interrupted (Ctrl-C); the previous reports are unchanged",
    },
    "terminated": {
        "id": "dihentikan (SIGTERM); laporan sebelumnya tidak berubah",
        "en": "terminated (SIGTERM); the previous reports are unchanged",
    },
    "unexpected": {
        "id": "kesalahan tak terduga: {kind}: {message} (jalankan dengan --verbose untuk rinciannya)",
        "en": "unexpected error: {kind}: {message} (run with --verbose for details)",
    },
}

TEXTS: dict[str, dict[str, str]] = {**HELP, **CLI, **ERRORS}


def say(code: str, lang: str = "id", **params: object) -> str:
    """Return the command line's sentence for code in lang, its placeholders filled."""
    entry = TEXTS.get(code)
    if entry is None:
        return code
    return entry.get(lang, entry["id"]).format_map(_Blank({k: str(v) for k, v in params.items()}))


def skipped_text(reason: str, lang: str = "id") -> str:
    entry = SKIPPED.get(reason)
    return entry.get(lang, entry["id"]) if entry else reason


# Why a file cannot be read (read/, Unreadable(code, **params)); the facts are file parts, sizes, limits.
READ_REASONS: dict[str, dict[str, str]] = {
    "symlink": {
        "id": "berkas berupa tautan simbolik (symlink); salin berkas aslinya ke folder input",
        "en": "the file is a symbolic link; copy the real file into the input folder",
    },
    "cannot-open": {"id": "berkas tidak dapat dibuka ({detail})", "en": "the file cannot be opened ({detail})"},
    "folder": {"id": "bukan berkas biasa (sebuah folder)", "en": "not a regular file (a folder)"},
    "not-regular": {
        "id": "bukan berkas biasa (mungkin pipa atau perangkat)",
        "en": "not a regular file (perhaps a pipe or a device)",
    },
    "empty-file": {"id": "berkas kosong (0 byte)", "en": "the file is empty (0 bytes)"},
    "file-too-big": {
        "id": "ukuran berkas {size} melebihi batas {limit} MB",
        "en": "the file's size {size} exceeds the limit of {limit} MB",
    },
    "password": {
        "id": "berkas dilindungi kata sandi; buka di Excel, hapus kata sandinya, lalu simpan ulang",
        "en": "the file is password-protected; open it in Excel, remove the password and save it again",
    },
    "old-xls": {
        "id": "format Excel lama (.xls); buka di Excel lalu simpan sebagai .xlsx",
        "en": "old Excel format (.xls); open it in Excel and save it as .xlsx",
    },
    "web-page": {
        "id": "isinya halaman web/XML, bukan buku kerja .xlsx; buka di Excel lalu simpan sebagai .xlsx",
        "en": "it holds a web page or XML, not an .xlsx workbook; open it in Excel and save it as .xlsx",
    },
    "pdf-file": {
        "id": "isinya dokumen PDF, bukan buku kerja .xlsx",
        "en": "it holds a PDF document, not an .xlsx workbook",
    },
    "text-file": {
        "id": "isinya teks (mungkin CSV), bukan buku kerja .xlsx; buka di Excel lalu simpan sebagai .xlsx",
        "en": "it holds text (perhaps CSV), not an .xlsx workbook; open it in Excel and save it as .xlsx",
    },
    "not-zip": {
        "id": "bukan berkas Excel .xlsx (isi berkas bukan arsip zip yang utuh)",
        "en": "not an Excel .xlsx file (its content is not a whole zip archive)",
    },
    "xlsb": {
        "id": "format Excel biner (.xlsb); buka di Excel lalu simpan sebagai .xlsx",
        "en": "binary Excel format (.xlsb); open it in Excel and save it as .xlsx",
    },
    "ods": {
        "id": "format OpenDocument (.ods); buka lalu simpan sebagai .xlsx",
        "en": "OpenDocument format (.ods); open it and save it as .xlsx",
    },
    "timeout": {
        "id": "pembacaan melebihi batas waktu {seconds} detik per berkas",
        "en": "reading took longer than the limit of {seconds} seconds per file",
    },
    "part-missing": {
        "id": "bagian {part} tidak ada (bukan buku kerja Excel yang lengkap)",
        "en": "part {part} is missing (not a complete Excel workbook)",
    },
    "part-damaged": {"id": "bagian {part} rusak ({detail})", "en": "part {part} is damaged ({detail})"},
    "sheet-part-missing": {
        "id": "bagian lembar '{sheet}' ({part}) tidak ada dalam berkas",
        "en": "the part of sheet '{sheet}' ({part}) is missing from the file",
    },
    "zip-truncated": {
        "id": "arsip zip terpotong (berkas tidak lengkap); salin ulang berkas aslinya",
        "en": "the zip archive is cut short (an incomplete file); copy the original again",
    },
    "zip-damaged": {"id": "arsip zip rusak ({detail})", "en": "the zip archive is damaged ({detail})"},
    "zip-twin-parts": {
        "id": "arsip berisi dua bagian bernama {part} (berkas rusak atau dimanipulasi)",
        "en": "the archive holds two parts named {part} (a damaged or tampered file)",
    },
    "zip-too-many-parts": {
        "id": "arsip berisi {count} bagian, melebihi batas {limit} (kemungkinan dimanipulasi)",
        "en": "the archive holds {count} parts, over the limit of {limit} (probably tampered with)",
    },
    "zip-too-big": {
        "id": "isi berkas setelah dibuka {size} melebihi batas {limit} MB (kemungkinan bom zip)",
        "en": "the file's content unpacks to {size}, over the limit of {limit} MB (probably a zip bomb)",
    },
    "zip-ratio": {
        "id": "bagian {part} mengembang {ratio}:1 saat dibuka, melebihi batas {limit}:1 (kemungkinan bom zip)",
        "en": "part {part} expands {ratio}:1 when unpacked, over the limit of {limit}:1 (probably a zip bomb)",
    },
    "zip-overlap": {
        "id": "bagian-bagian arsip zip saling tumpang tindih (kemungkinan bom zip)",
        "en": "the zip archive's parts overlap (probably a zip bomb)",
    },
    "zip-part-misplaced": {
        "id": "arsip zip rusak (bagian {part} tidak ditemukan di tempatnya)",
        "en": "the zip archive is damaged (part {part} is not where it should be)",
    },
    "zip-part-truncated": {
        "id": "arsip zip rusak (isi bagian {part} terpotong)",
        "en": "the zip archive is damaged (part {part} is cut short)",
    },
    "zip-part-damaged": {
        "id": "arsip zip rusak (bagian {part}: {detail})",
        "en": "the zip archive is damaged (part {part}: {detail})",
    },
    "zip-part-too-big": {
        "id": "bagian {part} lebih besar dari ukuran yang tercatat di arsip (berkas dimanipulasi atau rusak)",
        "en": "part {part} is larger than the archive records (a tampered or damaged file)",
    },
    "zip-method": {
        "id": "bagian {part} dikompresi dengan metode yang tidak dipakai Excel ({method})",
        "en": "part {part} is compressed with a method Excel does not use ({method})",
    },
    "zip-part-mismatch": {
        "id": "arsip zip rusak (isi bagian {part} tidak cocok dengan catatan arsip)",
        "en": "the zip archive is damaged (part {part} does not match the archive's record)",
    },
    "rels-twin-ids": {
        "id": "daftar relasi xl/_rels/workbook.xml.rels berisi Id ganda (berkas rusak)",
        "en": "the relationships in xl/_rels/workbook.xml.rels repeat an Id (a damaged file)",
    },
    "twin-sheets": {
        "id": "buku kerja berisi dua lembar bernama '{sheet}' (berkas rusak)",
        "en": "the workbook holds two sheets named '{sheet}' (a damaged file)",
    },
    "xml-no-start": {
        "id": "bagian {part} tidak diawali elemen XML dalam 64 MB pertama",
        "en": "part {part} has no XML element within its first 64 MB",
    },
    "xml-not-utf8": {
        "id": "bagian {part} tidak ditulis dalam UTF-8 (Excel selalu memakai UTF-8)",
        "en": "part {part} is not written in UTF-8 (Excel always uses UTF-8)",
    },
    "xml-encoding": {
        "id": "bagian {part} memakai pengodean {encoding}, bukan UTF-8",
        "en": "part {part} uses the encoding {encoding}, not UTF-8",
    },
    "xml-dtd": {
        "id": "bagian {part} memuat deklarasi DTD/entitas XML (ditolak demi keamanan)",
        "en": "part {part} holds XML DTD/entity declarations (refused for safety)",
    },
    "xml-count": {
        "id": "bagian {part} mengaku berisi {count} teks, tidak mungkin untuk ukurannya (berkas rusak atau dimanipulasi)",
        "en": "part {part} claims to hold {count} texts, impossible for its size (a damaged or tampered file)",
    },
    "xml-element-too-big": {
        "id": "bagian {part} berisi satu elemen XML lebih dari 64 MB",
        "en": "part {part} holds one XML element of more than 64 MB",
    },
    "date-out-of-range": {
        "id": "sel {cell} di bagian {part} berformat tanggal tetapi berisi angka {value}, di luar jangkauan tanggal",
        "en": "cell {cell} in part {part} is formatted as a date but holds the number {value}, out of the range of dates",
    },
    "bad-row-number": {
        "id": "bagian {part} berisi nomor baris yang tidak sah ({value})",
        "en": "part {part} holds an invalid row number ({value})",
    },
    "bad-cell-ref": {
        "id": "bagian {part} berisi alamat sel yang tidak sah ({value})",
        "en": "part {part} holds an invalid cell address ({value})",
    },
    "row-beyond-excel": {
        "id": "lembar '{sheet}' berisi sel di baris {row}, di luar batas Excel",
        "en": "sheet '{sheet}' has a cell on row {row}, beyond Excel's last row",
    },
    "column-beyond-excel": {
        "id": "lembar '{sheet}' berisi sel di luar kolom terakhir Excel (XFD)",
        "en": "sheet '{sheet}' has a cell beyond Excel's last column (XFD)",
    },
    "csv-too-many-rows": {
        "id": "lembar '{sheet}' berisi lebih dari {limit} baris (max_rows)",
        "en": "sheet '{sheet}' holds more than {limit} rows (max_rows)",
    },
    "csv-too-many-columns": {
        "id": "lembar '{sheet}' berisi {count} kolom di baris {row}, melebihi batas {limit} kolom (max_columns)",
        "en": "sheet '{sheet}' holds {count} columns in row {row}, over the limit of {limit} columns (max_columns)",
    },
    "csv-utf16": {
        "id": "berkas CSV berkode UTF-16; simpan ulang sebagai CSV UTF-8",
        "en": "the CSV file is UTF-16 encoded; save it again as UTF-8 CSV",
    },
    "csv-binary": {
        "id": "berkas CSV berisi data biner (byte {byte} di posisi {position}), bukan teks",
        "en": "the CSV file holds binary data (byte {byte} at position {position}), not text",
    },
    "csv-damaged": {
        "id": "berkas CSV rusak di baris {row} ({detail})",
        "en": "the CSV file is damaged at line {row} ({detail})",
    },
    "ods-not-spreadsheet": {
        "id": "berkas OpenDocument yang bukan lembar kerja (.ods)",
        "en": "an OpenDocument file that is not a spreadsheet (.ods)",
    },
    "xls-damaged": {
        "id": "berkas Excel 97–2003 (.xls) rusak atau tidak lengkap ({detail})",
        "en": "the Excel 97–2003 file (.xls) is damaged or incomplete ({detail})",
    },
    "too-many-rows": {
        "id": "lembar '{sheet}' berisi {rows} baris (baris {first} sampai {last}), melebihi batas {limit} baris (max_rows)",
        "en": "sheet '{sheet}' holds {rows} rows (rows {first} to {last}), over the limit of {limit} rows (max_rows)",
    },
    "too-many-columns": {
        "id": "lembar '{sheet}' terisi sampai kolom {column} ({columns} kolom), melebihi batas {limit} kolom "
        "(max_columns); jika sel di kolom itu seharusnya kosong, hapus isinya lalu simpan ulang",
        "en": "sheet '{sheet}' is filled up to column {column} ({columns} columns), over the limit of {limit} "
        "columns (max_columns); if the cells there should be empty, clear them and save again",
    },
    "too-many-cells": {
        "id": "lembar '{sheet}' terlalu besar: {rows} baris × {columns} kolom = {cells} sel, melebihi batas {limit} sel",
        "en": "sheet '{sheet}' is too large: {rows} rows × {columns} columns = {cells} cells, over the limit of {limit}",
    },
    "sheet-damaged": {
        "id": "isi lembar '{sheet}' rusak ({detail})",
        "en": "the content of sheet '{sheet}' is damaged ({detail})",
    },
    "sheet-value-out-of-range": {
        "id": "isi lembar '{sheet}' rusak (nilai di luar jangkauan, mis. tanggal)",
        "en": "the content of sheet '{sheet}' is damaged (a value out of range, e.g. a date)",
    },
    "file-damaged": {"id": "isi berkas rusak ({detail})", "en": "the file's content is damaged ({detail})"},
}


def read_reason(code: str, lang: str = "id", params: dict[str, str] | None = None) -> str:
    """Return why a file cannot be read, in lang, its facts filled in."""
    entry = READ_REASONS.get(code)
    if entry is None:
        return code
    return entry.get(lang, entry["id"]).format_map(_Blank(params or {}))
