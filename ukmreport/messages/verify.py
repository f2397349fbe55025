"""What verify and signing say, in Indonesian and English: the report's lines, each problem, each refusal.

A problem keeps its code and facts (verify/model.py Problem) and `--format json` gives both with
the sentence in the run's language; the text report and signing's one-line errors are said the
same way. {placeholders} are filled by verify_text() or say(); every entry has both languages.
"""

from __future__ import annotations

from ukmreport.messages.findings import fill

# What the report calls each check, before its problems ('signature: …').
CHECKS: dict[str, dict[str, str]] = {
    "check-file": {"id": "berkas", "en": "file"},
    "check-pdfa": {"id": "kesesuaian PDF/A", "en": "PDF/A conformance"},
    "check-attachment": {"id": "lampiran", "en": "attachment"},
    "check-letter": {"id": "surat", "en": "letter"},
    "check-identifier": {"id": "identitas", "en": "identifier"},
    "check-signature": {"id": "tanda tangan", "en": "signature"},
    "check-qr": {"id": "kode QR", "en": "QR code"},
}

# The text report: one block per file, then the repeated NIKs, shared accounts and the verdict.
REPORT: dict[str, dict[str, str]] = {
    "verify-ok": {"id": "BAIK ", "en": "OK   "},
    "verify-fail": {"id": "GAGAL", "en": "FAIL "},
    "verify-letter": {
        "id": "{number} ({date}) {program}: {count} penerima, {total}",
        "en": "{number} ({date}) {program}: {count} recipients, {total}",
    },
    "verify-not-pdfa": {"id": "bukan PDF/A", "en": "not PDF/A"},
    "verify-attachment": {"id": "lampiran {name}", "en": "attachment {name}"},
    "verify-no-attachment": {"id": "tanpa lampiran", "en": "no attachment"},
    "verify-signed": {
        "id": "ditandatangani oleh {signer} pada {time} ({state}, {coverage}, {trust})",
        "en": "signed by {signer} at {time} ({state}, {coverage}, {trust})",
    },
    "verify-intact": {"id": "utuh", "en": "intact"},
    "verify-broken": {"id": "RUSAK", "en": "BROKEN"},
    "verify-trusted": {"id": "rantai sertifikat terpercaya", "en": "chain trusted"},
    "verify-untrusted": {"id": "rantai sertifikat TIDAK terpercaya", "en": "chain NOT trusted"},
    "verify-unchecked": {"id": "rantai sertifikat tidak diperiksa", "en": "chain not checked"},
    "verify-unsigned": {"id": "tidak ditandatangani", "en": "not signed"},
    "verify-duplicates": {
        "id": "NIK yang diusulkan lebih dari sekali ({count}):",
        "en": "NIK proposed more than once ({count}):",
    },
    "verify-shared": {
        "id": "Nomor rekening yang dipakai NIK berbeda ({count}):",
        "en": "Account numbers shared by different NIKs ({count}):",
    },
    "verify-place": {"id": "{file} ({program}, no. {row})", "en": "{file} ({program}, row {row})"},
    "verify-summary": {
        "id": "{files} berkas, {letters} surat, {rows} penerima: {verdict}.",
        "en": "{files} file(s), {letters} letter(s), {rows} recipient(s): {verdict}.",
    },
    "verify-all-hold": {"id": "semua pemeriksaan terpenuhi", "en": "all checks hold"},
    "verify-problems": {"id": "{count} masalah", "en": "{count} problem(s)"},
}

# One problem each; the code is what `--format json` gives a tool, stable across languages.
PROBLEMS: dict[str, dict[str, str]] = {
    "file-unreadable": {"id": "tidak dapat dibaca: {reason}", "en": "cannot read: {reason}"},
    "file-not-pdf": {"id": "bukan PDF: {reason}", "en": "not a PDF: {reason}"},
    "file-damaged": {
        "id": "PDF rusak, teksnya tidak dapat dibaca: {reason}",
        "en": "damaged PDF, its text cannot be read: {reason}",
    },
    "file-damaged-inside": {
        "id": "PDF rusak, pemeriksaan berhenti: {kind}: {reason}",
        "en": "damaged PDF, checking stopped: {kind}: {reason}",
    },
    "pdfa-not-declared": {
        "id": "metadata XMP tidak menyatakan PDF/A-3b (yang tertulis: {found})",
        "en": "the XMP metadata does not declare PDF/A-3b (found {found})",
    },
    "pdfa-nothing-declared": {
        "id": "metadata XMP tidak menyatakan PDF/A sama sekali",
        "en": "the XMP metadata declares no PDF/A at all",
    },
    "pdfa-no-output-intent": {
        "id": "tidak ada output intent PDF/A dengan profil warna (PDF/A mewajibkannya)",
        "en": "no PDF/A output intent with a colour profile (PDF/A needs one)",
    },
    "pdfa-no-file-id": {
        "id": "trailer berkas tidak memuat /ID (PDF/A mewajibkannya)",
        "en": "the file trailer has no /ID (PDF/A needs one)",
    },
    "pdfa-javascript": {
        "id": "berkas memuat JavaScript atau aksi saat dibuka (PDF/A melarangnya)",
        "en": "the file holds JavaScript or an action run on opening (PDF/A forbids them)",
    },
    "pdfa-encrypted": {
        "id": "berkas terenkripsi (PDF/A melarangnya)",
        "en": "the file is encrypted (PDF/A forbids it)",
    },
    "pdfa-font-not-embedded": {
        "id": "huruf {font} di halaman {page} tidak disematkan",
        "en": "font {font} on page {page} is not embedded",
    },
    "pdfa-not-associated": {
        "id": "{name} tidak dinyatakan sebagai berkas terkait (/AF dengan /AFRelationship)",
        "en": "{name} is not declared as an associated file (/AF with /AFRelationship)",
    },
    "attachment-unreadable": {
        "id": "berkas yang dilampirkan tidak dapat dibaca: {reason}",
        "en": "the attached files cannot be read: {reason}",
    },
    "attachment-missing": {"id": "tidak ada XLSX yang dilampirkan", "en": "no XLSX attached"},
    "attachment-not-workbook": {
        "id": "{name} tidak dapat dibaca sebagai buku kerja: {reason}",
        "en": "{name} cannot be read as a workbook: {reason}",
    },
    "attachment-sheet-empty": {
        "id": "{name}, lembar {sheet}: lembarnya kosong",
        "en": "{name}, sheet {sheet}: the sheet is empty",
    },
    "attachment-no-column": {
        "id": "{name}, lembar {sheet}: tidak ada kolom {columns}",
        "en": "{name}, sheet {sheet}: no column {columns}",
    },
    "attachment-sheet-count": {
        "id": "lampiran berisi {sheets} lembar untuk {letters} surat",
        "en": "the attachment has {sheets} sheets for {letters} letters",
    },
    "attachment-row-count": {
        "id": "{letter}: lampiran berisi {attached} baris, surat {printed}",
        "en": "{letter}: the attachment has {attached} rows, the letter {printed}",
    },
    "attachment-total": {
        "id": "{letter}: jumlah di lampiran {attached}, di surat {printed}",
        "en": "{letter}: the attachment totals {attached}, the letter {printed}",
    },
    "attachment-row-differs": {
        "id": "{letter}: baris {row}: {field} {attached} di lampiran, {printed} di surat",
        "en": "{letter}: row {row}: {field} {attached} in the attachment, {printed} in the letter",
    },
    "attachment-more-rows-differ": {
        "id": "{letter}: {count} baris lain berbeda",
        "en": "{letter}: {count} more rows differ",
    },
    "letter-none": {
        "id": "tidak ada surat usulan dalam teksnya (tidak ada baris 'Terbilang:')",
        "en": "no proposal letter found in the text (no 'Terbilang:' line)",
    },
    "letter-no-jumlah": {
        "id": "{letter}: tidak ada baris 'JUMLAH (n orang)' di bawah tabel",
        "en": "{letter}: no 'JUMLAH (n orang)' line under the table",
    },
    "letter-jumlah-differs": {
        "id": "{letter}: tabel berisi {count} baris berjumlah {total}, tetapi baris JUMLAH-nya menyebut "
        "{jumlah_count} dan {jumlah_total}",
        "en": "{letter}: the table has {count} rows totalling {total} but its JUMLAH line says "
        "{jumlah_count} and {jumlah_total}",
    },
    "letter-words-differ": {
        "id": "{letter}: terbilang '{words}' bernilai {in_words}, bukan {total}",
        "en": "{letter}: the total in words '{words}' is {in_words}, not {total}",
    },
    "letter-count-differs": {
        "id": "{letter}: surat mengusulkan {count} ({words}) orang, tabel memuat {rows}",
        "en": "{letter}: the letter proposes {count} ({words}), the table lists {rows}",
    },
    "letter-total-differs": {
        "id": "{letter}: jumlah di surat {total} ({words}) bukan jumlah tabel {table_total}",
        "en": "{letter}: the letter's total {total} ({words}) is not the table's {table_total}",
    },
    "identifier-bad-nik": {
        "id": "{sheet}: baris {row}: NIK '{nik}' ({reasons})",
        "en": "{sheet}: row {row}: NIK '{nik}' ({reasons})",
    },
    "identifier-bad-account": {
        "id": "{sheet}: baris {row}: nomor rekening '{account}' tidak sah",
        "en": "{sheet}: row {row}: account number '{account}' is malformed",
    },
    "identifier-more": {
        "id": "{sheet}: {count} identitas lain tidak sah",
        "en": "{sheet}: {count} more identifiers are malformed",
    },
    "signature-unreadable": {
        "id": "tanda tangannya tidak dapat dibaca: {reason}",
        "en": "cannot read the signatures: {reason}",
    },
    "signature-damaged": {
        "id": "berkas memuat tanda tangan yang tidak dapat dibaca (kamus tanda tangan rusak)",
        "en": "the file holds a signature that cannot be read (damaged signature dictionary)",
    },
    "signature-not-validated": {
        "id": "tanda tangan {field} tidak dapat divalidasi: {reason}",
        "en": "cannot validate signature {field}: {reason}",
    },
    "signature-changed": {
        "id": "bagian yang ditandatangani diubah setelah penandatanganan (digest tidak cocok)",
        "en": "the signed bytes were changed after signing (digest mismatch)",
    },
    "signature-invalid": {
        "id": "tanda tangan tidak cocok dengan sertifikat penanda tangan",
        "en": "the signature does not match the signer's certificate",
    },
    "signature-coverage": {
        "id": "tanda tangan tidak mencakup seluruh berkas (cakupan {coverage})",
        "en": "the signature does not cover the whole file (coverage {coverage})",
    },
    "signature-untrusted": {
        "id": "sertifikat penanda tangan ({signer}) tidak berantai ke bundel CA",
        "en": "the signer's certificate ({signer}) does not chain to the CA bundle",
    },
    "signature-unsigned-altered": {
        "id": "bagian tanda tangan yang tidak ditandatangani telah diubah: {change}",
        "en": "the signature's unsigned part was altered: {change}",
    },
    "signature-padding": {
        "id": "ada bita yang diubah di /Contents (CMS atau pengisi nolnya)",
        "en": "bytes were changed in /Contents (the CMS or its zero padding)",
    },
    "qr-differs": {
        "id": "kode QR tidak memuat nomor, tanggal, jumlah penerima, jumlah dana dan hash lampiran surat ini",
        "en": "the QR code does not carry this letter's number, date, count, total and attachment hash",
    },
}

# Why a NIK is malformed ({reasons} above; the codes are the validator's, validate/identifiers.py).
NIK_REASONS: dict[str, dict[str, str]] = {
    "nik-format": {"id": "bukan 16 angka", "en": "not 16 digits"},
    "nik-numeric": {
        "id": "tersimpan sebagai angka, digit terakhirnya hilang",
        "en": "stored as a number, its last digits lost",
    },
    "nik-region": {"id": "kode provinsi tidak dikenal", "en": "unknown province code"},
    "nik-birthdate": {"id": "tanggal lahir di dalamnya mustahil", "en": "the birth date in it is impossible"},
}

# What part of a signature's unsigned CMS was altered ({change} above).
CMS_PARTS: dict[str, dict[str, str]] = {
    "cms-version": {"id": "versi", "en": "version"},
    "cms-digest-algorithms": {"id": "algoritma digest", "en": "digest algorithms"},
    "cms-content-type": {"id": "jenis isi", "en": "content type"},
    "cms-one-signer": {"id": "satu penanda tangan", "en": "one signer"},
    "cms-unsigned-attributes": {"id": "atribut tak bertanda tangan", "en": "unsigned attributes"},
    "cms-certificate": {"id": "sertifikat {subject}", "en": "certificate {subject}"},
    "cms-certificate-unreadable": {"id": "sertifikat yang tidak terbaca", "en": "an unreadable certificate"},
    "cms-unreadable": {"id": "tidak dapat dibaca ({kind})", "en": "cannot be read ({kind})"},
}

# Why signing refuses (errors.SigningError): one line, and nothing is published.
SIGNING: dict[str, dict[str, str]] = {
    "sign-cannot-read": {
        "id": "sertifikat {certificate} tidak dapat dibaca: {reason}",
        "en": "cannot read certificate {certificate}: {reason}",
    },
    "sign-wrong-password": {
        "id": "sertifikat {certificate} tidak dapat dibuka: kata sandi salah atau bukan berkas PKCS#12",
        "en": "cannot open certificate {certificate}: wrong password or not a PKCS#12 file",
    },
    "sign-no-certificate": {
        "id": "berkas {certificate} tidak memuat sertifikat",
        "en": "certificate {certificate} holds no certificate",
    },
    "sign-expired": {
        "id": "sertifikat {certificate} ({subject}) kedaluwarsa pada {day}",
        "en": "certificate {certificate} ({subject}) expired on {day}",
    },
    "sign-not-yet-valid": {
        "id": "sertifikat {certificate} ({subject}) baru berlaku mulai {day}",
        "en": "certificate {certificate} ({subject}) is not valid before {day}",
    },
    "sign-unusable": {
        "id": "sertifikat {certificate} tidak dapat dipakai: {reason}",
        "en": "cannot use certificate {certificate}: {reason}",
    },
    "sign-failed": {
        "id": "{file} tidak dapat ditandatangani dengan {certificate}: {reason}",
        "en": "cannot sign {file} with {certificate}: {reason}",
    },
    "verify-bad-ca-bundle": {
        "id": "bundel CA {certificate} tidak dapat dibaca: {reason}",
        "en": "cannot read the CA bundle {certificate}: {reason}",
    },
}

VERIFY: dict[str, dict[str, str]] = {**CHECKS, **REPORT, **PROBLEMS, **NIK_REASONS, **CMS_PARTS, **SIGNING}


def verify_text(code: str, lang: str = "id", **params: object) -> str:
    """Return verify's or signing's sentence for code in lang, its placeholders filled."""
    return fill(VERIFY, code, lang, params)


def problem_text(code: str, params: dict[str, str], lang: str = "id") -> str:
    """A verify problem's sentence in lang: its NIK reason codes and altered CMS part said in lang too."""
    filled: dict[str, object] = dict(params)
    if "codes" in params:
        reasons = [fill(NIK_REASONS, c, lang, {}) for c in params["codes"].split(",") if c]
        filled["reasons"] = ", ".join(reasons)
    if "change" in params:
        filled["change"] = fill(CMS_PARTS, params["change"], lang, params)
    return fill(PROBLEMS, code, lang, filled)
