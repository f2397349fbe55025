"""The message catalogue: every entry in both languages, every placeholder filled with a realistic value."""

from __future__ import annotations

import string

import pytest

from ukmreport import messages
from ukmreport.models import Finding

# A realistic value for every placeholder the catalogue uses.
VALUES: dict[str, str] = {
    "reason": "arsip zip terpotong (berkas tidak lengkap)",
    "sheets": "Sheet1, Rekap",
    "header": "NIK",
    "value": "Wolioo",
    "suggestion_id": "; mungkin maksudnya 'Wolio'?",
    "suggestion_en": "; did you mean 'Wolio'?",
    "kelurahan": "Bataraguru",
    "expected": "Wolio",
    "kecamatan": "Murhum",
    "province": "99",
    "nik_date": "05-03-1985",
    "row_date": "06-03-1985",
    "nik_gender": "P",
    "row_gender": "L",
    "first_row": "12",
    "max": "25",
    "choices": "usulan, seleksi, koperasi, validasi, berkala",
    "file": "inputs/data_pelaku_usaha.xlsx",
    "files": "data_pelaku_usaha.xlsx, usulan_bantuan.xlsx",
    "folder": "reports",
    "path": "usulan.pdf",
    "pages": "3",
    "done": "2",
    "names": "berkala, koperasi",
    "name": "usulan",
    "proposals": "29",
    "eligible": "11",
    "amount": "Rp77.000.000",
    "ineligible": "18",
    "businesses": "4.987",
    "errors": "13",
    "warnings": "40",
    "message": "format docx tidak dikenal",
    "option": "--lang",
    "reasons": "inputs/a.xlsx (berkas kosong (0 byte))",
    "pid": "4242",
    "kind": "MemoryError",
    "accepted": "Pelaku Usaha, Data UMKM, Usulan Bantuan, Koperasi",
    "headers": "NIK, Nama, Alamat, Kecamatan",
    "first_file": "inputs/data_pelaku_usaha.xlsx",
    "first_sheet": "Data UMKM",
    "first_at_id": "di data_pelaku_usaha.xlsx, lembar 'Data UMKM', baris 12",
    "first_at_en": "in data_pelaku_usaha.xlsx, sheet 'Data UMKM', row 12",
    "suffix": ".txt",
    "kind_id": "data pelaku usaha",
    "kind_en": "business owners",
    "original": "inputs/data_pelaku_usaha.xlsx",
    "rows": "5.000",
    "repeated": "4.998",
    "what_id": "aspek Tata Kelola tidak diisi",
    "what_en": "the Tata Kelola aspect is not filled in",
    "score": "77,50",
    "score_id": "77,25",
    "score_en": "77.25",
    "computed_id": "cukup sehat",
    "computed_en": "fairly healthy",
    "config": "kantor/ukmreport.toml",
    "waiting": "2",
    "certificate": "dinas.p12",
    # verify and signing (messages/verify.py)
    "account": "0123010001235",
    "attached": "'7472010101900001'",
    "printed": "'7472014503850001'",
    "change": "sertifikat CN=Drs. La Ode Muhammad Arsyad",
    "columns": "No Rekening, Nilai",
    "count": "3",
    "coverage": "ENTIRE_REVISION",
    "date": "4 Desember 2026",
    "day": "2026-11-30",
    "field": "nik",
    "font": "/AAAAAB+LiberationSans",
    "found": "PDF/A-2B",
    "in_words": "Rp7.000.000",
    "jumlah_count": "15",
    "jumlah_total": "Rp105.000.000",
    "letter": "BANTUAN PEMERINTAH BAGI PELAKU USAHA MIKRO (BPUM)",
    "letters": "2",
    "nik": "7472014503850001",
    "number": "500.3/017/DKUKM/XII/2026",
    "page": "2",
    "program": "BANTUAN PEMERINTAH BAGI PELAKU USAHA MIKRO (BPUM)",
    "row": "7",
    "sheet": "BPUM",
    "signer": "Common Name: Drs. La Ode Muhammad Arsyad, M.Si.",
    "state": "utuh",
    "subject": "CN=Drs. La Ode Muhammad Arsyad",
    "table_total": "Rp112.000.000",
    "time": "2026-12-04T09:15:00+08:00",
    "total": "Rp112.000.000",
    "trust": "rantai sertifikat terpercaya",
    "verdict": "semua pemeriksaan terpenuhi",
    "words": "seratus dua belas juta rupiah",
}

TABLES = {
    "FINDINGS": messages.FINDINGS,
    "REASONS": messages.REASONS,
    "NOTES": messages.NOTES,
    "CATEGORIES": messages.CATEGORIES,
    "SEVERITY_WORDS": messages.SEVERITY_WORDS,
    "SHEET_TITLES": messages.SHEET_TITLES,
    "HELP": messages.HELP,
    "CLI": messages.CLI,
    "ERRORS": messages.ERRORS,
    "SKIPPED": messages.SKIPPED,
    "VERIFY": messages.VERIFY,
}
ENTRIES = [(table, code) for table, entries in TABLES.items() for code in entries]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize(("table", "code"), ENTRIES, ids=[f"{t}:{c}" for t, c in ENTRIES])
def test_every_entry_reads_in_both_languages_with_every_placeholder_filled(table, code):
    entry = TABLES[table][code]
    assert set(entry) == {"id", "en"}, f"{code} needs exactly id and en"
    assert placeholders(entry["id"]) == placeholders(entry["en"]) or table == "FINDINGS"
    for lang in ("id", "en"):
        template = entry[lang]
        assert template.strip(), f"{code} is empty in {lang}"
        missing = placeholders(template) - VALUES.keys()
        assert not missing, f"no realistic value for {missing}"
        text = template.format_map(VALUES)
        assert "{" not in text and "}" not in text
        assert "()" not in text and "''" not in text and " ," not in text


@pytest.mark.parametrize("code", sorted(messages.FINDINGS))
def test_every_finding_message_renders_through_finding_message(code):
    params = tuple((k, VALUES[k]) for k in ("reason", "sheets", "header", "first_row", "max", "province"))
    params += tuple((k, VALUES[k]) for k in ("kelurahan", "expected", "kecamatan", "nik_date", "row_date"))
    params += (("nik_gender", "P"), ("row_gender", "L"), ("suggestion", "Wolio"))
    params += tuple((k, VALUES[k]) for k in ("first_file", "first_sheet", "accepted", "headers", "suffix", "original"))
    params += tuple((k, VALUES[k]) for k in ("kind_id", "kind_en", "rows", "repeated", "what_id", "what_en"))
    params += tuple((k, VALUES[k]) for k in ("score_id", "score_en", "computed_id", "computed_en"))
    finding = Finding("a.xlsx", "Data UMKM", 7, "H", "kecamatan", code, messages.SEVERITY[code], "Wolioo", params)
    for lang in ("id", "en"):
        text = messages.finding_message(finding, lang)
        assert text and "{" not in text and "()" not in text and "''" not in text


@pytest.mark.parametrize("code", sorted(messages.TEXTS))
def test_say_fills_every_placeholder(code):
    for lang in ("id", "en"):
        text = messages.say(code, lang, **VALUES)
        assert "{" not in text and text.strip()


def test_the_two_languages_differ_where_words_differ():
    same = [code for code, entry in messages.TEXTS.items() if entry["id"] == entry["en"]]
    assert not same, same


@pytest.mark.parametrize("code", sorted(messages.verify.PROBLEMS))
def test_every_verify_problem_renders_through_problem_text(code):
    params = {k: VALUES[k] for k in ("letter", "sheet", "row", "name", "reason", "kind", "count", "total", "words")}
    params |= {"codes": "nik-region,nik-birthdate", "change": "cms-certificate", "subject": VALUES["subject"]}
    for lang in ("id", "en"):
        text = messages.problem_text(code, params | {k: VALUES[k] for k in VALUES if k not in params}, lang)
        assert text and "{" not in text and "cms-" not in text and "nik-region" not in text
    assert "kode provinsi tidak dikenal" in messages.problem_text("identifier-bad-nik", params, "id")
    assert "certificate CN=" in messages.problem_text("signature-unsigned-altered", params, "en")
