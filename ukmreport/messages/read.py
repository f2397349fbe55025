"""Why a file cannot be read: the read stage's reasons, a code and its facts, in Indonesian and English."""

from __future__ import annotations

from ukmreport.messages.findings import fill

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
    return fill(READ_REASONS, code, lang, dict(params or {}))
