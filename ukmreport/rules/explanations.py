"""Every reason and note as a sentence with its facts, in id and en (rules.md, "Every reason in words").

The rules record the facts behind each reason and note (ProposalDecision.facts,
CooperativeDecision.facts); this catalogue turns them into the sentence staff read in `rules`,
decisions.json and the reports: "Nilai 'tujuh juta' di E38 bukan angka".
"""

from __future__ import annotations

from ukmreport.messages import Blank, finding_message, places_text, reason_text
from ukmreport.models import Finding

# One sentence per reason and note, its {facts} filled from the decision (rules.md). {cells} lists
# the bad cells of a row, {where} a row's place; both are written by explain() in the run's language.
EXPLANATIONS: dict[str, dict[str, str]] = {
    "invalid-nik": {"id": "NIK tidak valid: {cells}", "en": "Invalid NIK: {cells}"},
    "invalid-data": {
        "id": "Baris usulan mengandung kesalahan: {cells}",
        "en": "The proposal row has errors: {cells}",
    },
    "not-registered": {
        "id": "NIK {nik} tidak ada di data pelaku usaha",
        "en": "NIK {nik} is not in the business owners sheet",
    },
    "business-row-invalid": {
        "id": "Tercatat di data pelaku usaha ({where}), tetapi baris itu mengandung kesalahan: {cells}; "
        "perbaiki baris itu, jangan didaftarkan ulang",
        "en": "Recorded in the business owners sheet ({where}), but that row has errors: {cells}; "
        "fix that row rather than register the person again",
    },
    "not-micro": {
        "id": "{basis_id} {amount} melebihi batas usaha mikro {threshold} (usaha {size})",
        "en": "{basis_en} {amount} exceeds the micro-business limit of {threshold} ({size} business)",
    },
    "not-micro-unknown": {
        "id": "{basis_id} tidak tercatat, sehingga kelas usaha tidak dapat ditentukan",
        "en": "{basis_en} is not recorded, so the size class cannot be determined",
    },
    "civil-servant": {
        "id": "Pekerjaan tercatat '{pekerjaan}' ({where})",
        "en": "Occupation recorded as '{pekerjaan}' ({where})",
    },
    "receiving-kur": {
        "id": "Tercatat sedang menerima KUR ({where})",
        "en": "Recorded as currently receiving KUR credit ({where})",
    },
    "no-bank-account": {
        "id": "Nomor rekening kosong di data pelaku usaha ({where})",
        "en": "No account number in the business owners sheet ({where})",
    },
    "duplicate-proposal": {
        "id": "NIK ini sudah diusulkan untuk {program} {first_at}",
        "en": "This NIK was already proposed for {program} {first_at}",
    },
    "already-received": {
        "id": "Sudah menerima {program}: {records}",
        "en": "Already received {program}: {records}",
    },
    "account-name-mismatch": {
        "id": "Rekening atas nama '{nama_rekening}', penerima bernama '{nama}'",
        "en": "The account is in the name of '{nama_rekening}', the recipient is '{nama}'",
    },
    "recent-aid": {"id": "Menerima bantuan lain: {records}", "en": "Received other aid: {records}"},
    "possible-duplicate": {
        "id": "Nama dan tanggal lahir ({born}) sama dengan usulan {others_at}",
        "en": "Same name and birth date ({born}) as the proposal {others_at}",
    },
    "nik-outside-region": {
        "id": "NIK {nik} tidak diawali kode daerah {region}",
        "en": "NIK {nik} does not start with the region code {region}",
    },
    "name-mismatch": {
        "id": "Nama di usulan '{nama}', di data pelaku usaha '{nama_terdaftar}'",
        "en": "Name on the proposal '{nama}', in the business owners sheet '{nama_terdaftar}'",
    },
    "rat-missing": {
        "id": "RAT terakhir untuk tahun buku {held}; RAT tahun buku {due} belum tercatat",
        "en": "Last RAT for fiscal year {held}; no RAT recorded for fiscal year {due}",
    },
    "rat-never": {
        "id": "Belum ada RAT yang tercatat; RAT tahun buku {due} sudah jatuh tempo",
        "en": "No RAT recorded; the RAT for fiscal year {due} is due",
    },
    "inactive": {
        "id": "Tidak ada RAT sejak tahun buku {since} (RAT terakhir: {held}); calon pembubaran",
        "en": "No RAT since fiscal year {since} (last RAT: {held}); candidate for a dissolution review",
    },
    "rat-late": {
        "id": "RAT tahun buku {year} dilaksanakan {held_on}, setelah batas {due_date}",
        "en": "The RAT for fiscal year {year} was held on {held_on}, after the deadline {due_date}",
    },
    "below-min-members": {
        "id": "Anggota {members} orang, di bawah minimum {minimum} orang",
        "en": "{members} members, below the minimum of {minimum}",
    },
    "negative-shu": {"id": "SHU {shu} (rugi)", "en": "SHU {shu} (a loss)"},
    "assessment-outdated": {
        "id": "Penilaian terakhir tahun buku {year} ({category_id}, pedoman {guideline}) lebih tua dari tahun "
        "buku {oldest}; perlu dinilai ulang",
        "en": "The last assessment, fiscal year {year} ({category_en}, guideline {guideline}), is older than "
        "fiscal year {oldest}; it needs a new one",
    },
    "score-capped": {
        "id": "Skor {score} termasuk sehat, tetapi RAT tahun buku {due} belum dilaksanakan: kategori cukup sehat",
        "en": "Score {score} is healthy, but the RAT for fiscal year {due} has not been held: fairly healthy",
    },
}

# What staff check before confirming a note (seleksi, "Perlu dikonfirmasi").
CONFIRM_CHECKS: dict[str, dict[str, str]] = {
    "account-name-mismatch": {
        "id": "periksa buku tabungan: rekening harus atas nama penerima",
        "en": "check the bank book: the account must be in the recipient's name",
    },
    "possible-duplicate": {
        "id": "periksa KTP kedua orang: bukan orang yang sama",
        "en": "check both ID cards: not the same person",
    },
    "name-mismatch": {
        "id": "periksa KTP: nama yang benar, lalu samakan kedua lembar",
        "en": "check the ID card for the right name, then make both sheets agree",
    },
}

# Short words for a bad cell inside a sentence: "Nilai 'tujuh juta' di E38 bukan angka".
_CELL_PROBLEMS: dict[str, dict[str, str]] = {
    "bad-amount": {"id": "bukan angka", "en": "is not an amount"},
    "bad-date": {"id": "bukan tanggal", "en": "is not a date"},
    "two-digit-year": {"id": "bertahun dua angka", "en": "has a two-digit year"},
    "bad-number": {"id": "bukan bilangan bulat", "en": "is not a whole number"},
    "negative-value": {"id": "negatif", "en": "is negative"},
    "bad-gender": {"id": "bukan L/P", "en": "is not L/P"},
    "bad-yes-no": {"id": "bukan Ya/Tidak", "en": "is not yes/no"},
    "bad-phone": {"id": "bukan nomor HP yang sah", "en": "is not a valid phone number"},
    "bad-account": {"id": "bukan nomor rekening yang sah", "en": "is not a valid account number"},
    "bad-nib": {"id": "bukan NIB 13 angka", "en": "is not a 13-digit NIB"},
    "unknown-kecamatan": {"id": "bukan kecamatan yang dikenal", "en": "is not a known kecamatan"},
    "unknown-status": {"id": "bukan status yang dikenal", "en": "is not a known status"},
    "nik-format": {"id": "bukan NIK 16 angka", "en": "is not a 16-digit NIK"},
    "nik-numeric": {
        "id": "diketik sebagai angka (angka terakhir hilang)",
        "en": "was typed as a number (its last digit is lost)",
    },
    "nik-region": {"id": "berkode provinsi yang tidak dikenal", "en": "has an unknown province code"},
    "nik-birthdate": {"id": "memuat tanggal lahir yang tidak ada", "en": "encodes a birth date that does not exist"},
    "kk-format": {"id": "bukan No. KK 16 angka", "en": "is not a 16-digit family card number"},
    "kk-numeric": {"id": "diketik sebagai angka", "en": "was typed as a number"},
    "duplicate-nik": {"id": "sudah tercatat {first_at}", "en": "is already recorded {first_at}"},
    "date-in-future": {"id": "di masa depan", "en": "lies in the future"},
}


def cell_problem(finding: Finding, lang: str = "id") -> str:
    """One bad cell in a few words, with its address and value: "Nilai 'tujuh juta' di E38 bukan angka"."""
    cell = f"{finding.column or ''}{finding.row or ''}"
    params = Blank(finding.params)
    if finding.code in ("missing-value", "formula-no-value"):
        header = params.get("header") or finding.field or ""
        if lang == "en":
            return f"{header} in {cell} is empty" if finding.code == "missing-value" else f"{cell}: formula, no value"
        return f"{header} di {cell} kosong" if finding.code == "missing-value" else f"{cell}: rumus tanpa nilai"
    words = _CELL_PROBLEMS.get(finding.code)
    if words is None:
        return f"{cell}: {finding_message(finding, lang)}"
    if "first_row" in params:
        first = (params["first_file"] or finding.file, params["first_sheet"] or finding.sheet, params["first_row"])
        params["first_at"] = places_text([first], (finding.file, finding.sheet), lang, base_names=True)
    problem = words.get(lang, words["id"]).format_map(params)
    value = finding.value or ""
    if lang == "en":
        return f"value '{value}' in {cell} {problem}"
    return f"Nilai '{value}' di {cell} {problem}"


def place(file: str, sheet: str | None, row: int | None, lang: str = "id") -> str:
    """Where a row is, for a sentence: 'umkm.xlsx, lembar Pelaku Usaha, baris 12'."""
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    if lang == "en":
        return f"{name}, sheet {sheet}, row {row}"
    return f"{name}, lembar {sheet}, baris {row}"


def explain(code: str, facts: dict[str, object] | None, lang: str = "id") -> str:
    """The sentence of a reason or note with its facts, in the run's language (rules.md).

    Facts are strings, except `cells` (the Findings of a row), `where` ((file, sheet, row)),
    `records` (a list of dicts: program, year, file, sheet, row, and source or status), and for a
    repeat `first` ((file, sheet, row) of the row it repeats), `others` (a list of those) and `own`
    ((file, sheet) of the repeat itself: a place in the same sheet is named by its row alone).
    """
    facts = dict(facts or {})
    key = str(facts.pop("variant", code))
    template = EXPLANATIONS.get(key)
    if template is None:
        return reason_text(code, lang)
    params = Blank({k: v for k, v in facts.items() if isinstance(v, str)})
    cells = facts.get("cells")
    if isinstance(cells, (list, tuple)):
        params["cells"] = "; ".join(cell_problem(f, lang) for f in cells) or reason_text(code, lang)
    where = facts.get("where")
    if isinstance(where, tuple):
        params["where"] = place(*where, lang=lang)
    own = facts.get("own")
    own = own if isinstance(own, tuple) else None
    first = facts.get("first")
    if isinstance(first, tuple):
        params["first_at"] = places_text([first], own, lang, base_names=True)
    others = facts.get("others")
    if isinstance(others, list):
        params["others_at"] = places_text(others, own, lang, base_names=True)
    records = facts.get("records")
    if isinstance(records, list):
        params["records"] = "; ".join(_record(r, lang, own) for r in records)
    return template.get(lang, template["id"]).format_map(params)


def _record(record: dict[str, object], lang: str, own: tuple[str, str] | None = None) -> str:
    """One grant already received: program, year, and where it is recorded (its row alone when
    that is in the sheet of `own`, the proposal's)."""
    file, sheet, row = str(record["file"]), str(record["sheet"]), int(str(record["row"]))
    where = place(file, sheet, row, lang) if own != (file, sheet) else _row_word(row, lang)
    detail = record.get("source") or record.get("status") or ""
    if lang == "en":
        year = f" in {record['year']}" if record.get("year") else ""
        return f"{record['program']}{year} ({detail + ', ' if detail else ''}{where})"
    year = f" tahun {record['year']}" if record.get("year") else ""
    return f"{record['program']}{year} ({detail + ', ' if detail else ''}{where})"


def _row_word(row: int, lang: str) -> str:
    return f"row {row}" if lang == "en" else f"baris {row}"


def explanations(codes: list[str], facts: dict[str, dict[str, object]], lang: str = "id") -> dict[str, str]:
    """Code -> sentence for every reason and note of one decision."""
    return {code: explain(code, facts.get(code), lang) for code in codes}


# -- issue #17: a group of cooperatives states a shared reason once, its rows only their own facts ---

# The reason or note said once above a group's table: only the facts every cooperative shares
# (the due fiscal year, the active window, the legal minimum, the oldest valid assessment).
GROUP_SENTENCES: dict[str, dict[str, str]] = {
    "rat-missing": {
        "id": "RAT tahun buku {due}, yang sudah jatuh tempo, belum tercatat",
        "en": "No RAT recorded for fiscal year {due}, which is due",
    },
    "inactive": {
        "id": "Tidak ada RAT sejak tahun buku {since}: calon pemeriksaan pembubaran",
        "en": "No RAT since fiscal year {since}: candidates for a dissolution review",
    },
    "rat-late": {
        "id": "RAT terakhir dilaksanakan setelah batas waktunya",
        "en": "The last RAT was held after its deadline",
    },
    "below-min-members": {
        "id": "Anggota di bawah minimum {minimum} orang",
        "en": "Fewer members than the minimum of {minimum}",
    },
    "negative-shu": {"id": "SHU negatif (rugi)", "en": "Negative SHU (a loss)"},
    "assessment-outdated": {
        "id": "Penilaian kesehatan terakhir lebih tua dari tahun buku {oldest}: tidak dinilai, perlu dinilai ulang",
        "en": "The last health assessment is older than fiscal year {oldest}: not assessed, it needs a new one",
    },
    "score-capped": {
        "id": "Skor termasuk sehat, tetapi RAT tahun buku {due} belum dilaksanakan: kategori diturunkan "
        "menjadi cukup sehat",
        "en": "A healthy score, but the RAT for fiscal year {due} has not been held: lowered to fairly healthy",
    },
}

# What differs from one cooperative to the next, in a few words for its row. None: the row's own
# columns already show it (RAT terakhir, Status RAT), so the row says nothing more.
ROW_FACTS: dict[str, dict[str, str] | None] = {
    "rat-missing": None,
    "inactive": None,
    "rat-late": {"id": "RAT {year}: {held_on}, batas {due_date}", "en": "RAT {year}: {held_on}, deadline {due_date}"},
    "below-min-members": {"id": "anggota {members} < {minimum}", "en": "{members} members < {minimum}"},
    "negative-shu": {"id": "SHU {shu}", "en": "SHU {shu}"},
    "assessment-outdated": {
        "id": "penilaian {year}: {category_id}, pedoman {guideline}",
        "en": "assessment {year}: {category_en}, guideline {guideline}",
    },
    "score-capped": {"id": "skor {score}: sehat, diturunkan", "en": "score {score}: healthy, lowered"},
}


def group_sentence(code: str, facts: dict[str, object] | None, lang: str = "id") -> str:
    """The reason or note once for a whole group, with the facts its cooperatives share; the
    catalogue's generic wording for a code without one."""
    template = GROUP_SENTENCES.get(code)
    if template is None:
        return reason_text(code, lang)
    params = Blank({k: v for k, v in (facts or {}).items() if isinstance(v, str)})
    return template.get(lang, template["id"]).format_map(params)


def row_fact(code: str, facts: dict[str, object] | None, lang: str = "id") -> str | None:
    """A row's own facts of a reason or note in a few words ('anggota 7 < 9'); None when the row's
    columns already show them; the whole sentence for a code without a short form."""
    if code not in ROW_FACTS:
        return explain(code, facts, lang)
    template = ROW_FACTS[code]
    if template is None:
        return None
    params = Blank({k: v for k, v in (facts or {}).items() if isinstance(v, str)})
    return template.get(lang, template["id"]).format_map(params)
