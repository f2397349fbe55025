"""What the command line says: help texts, progress, results and errors, in Indonesian and English."""

from __future__ import annotations

from ukmreport.messages.findings import fill
from ukmreport.messages.verify import VERIFY

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
    "build-sign": {
        "id": "Tandatangani surat usulan dengan sertifikat ini (CERT.p12); kata sandi dari UKMREPORT_SIGN_PASSWORD.",
        "en": "Sign the proposal letters with this certificate (CERT.p12); password from UKMREPORT_SIGN_PASSWORD.",
    },
    "verify": {
        "id": "Periksa surat usulan yang diterima: PDF/A, lampiran sesuai surat, tanda tangan, NIK antar-surat.",
        "en": "Check received proposal letters: PDF/A, attachment against the letter, signature, NIKs across letters.",
    },
    "verify-ca-bundle": {
        "id": "Sertifikat CA (PEM) untuk memeriksa rantai tanda tangan.",
        "en": "CA certificates (PEM) to check the signature's chain.",
    },
    "verify-jobs": {
        "id": "Jumlah proses yang membaca berkas sekaligus (bawaan: jumlah inti prosesor).",
        "en": "Processes reading files at once (default: the number of cores).",
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
    # the progress bar on a terminal (terminal.py): a line per stage, and the item under way
    "progress-read": {"id": "Membaca berkas", "en": "Reading files"},
    "progress-render": {"id": "Menyusun dokumen", "en": "Rendering documents"},
    "progress-files": {"id": "{done}/{total} berkas", "en": "{done}/{total} files"},
    "progress-documents": {"id": "{done}/{total} dokumen", "en": "{done}/{total} documents"},
    "progress-row": {"id": "{rows} baris", "en": "{rows} row"},
    "progress-rows": {"id": "{rows} baris", "en": "{rows} rows"},
    "progress-page": {"id": "{pages} halaman", "en": "{pages} page"},
    "progress-pages": {"id": "{pages} halaman", "en": "{pages} pages"},
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
    "sign-password": {
        "id": "Kata sandi untuk {certificate}",
        "en": "Password for {certificate}",
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
    "rules-sheet": {"id": "{file}, lembar '{sheet}':", "en": "{file}, sheet '{sheet}':"},
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

TEXTS: dict[str, dict[str, str]] = {**HELP, **CLI, **ERRORS, **VERIFY}


def say(code: str, lang: str = "id", **params: object) -> str:
    """Return the command line's sentence for code in lang, its placeholders filled."""
    return fill(TEXTS, code, lang, params)


def skipped_text(reason: str, lang: str = "id") -> str:
    entry = SKIPPED.get(reason)
    return entry.get(lang, entry["id"]) if entry else reason


# Why a file cannot be read (read/, Unreadable(code, **params)); the facts are file parts, sizes, limits.
