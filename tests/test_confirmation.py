"""Issue #16: the right reason, confirmation before paying, every reason's sentence with its facts."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_eligibility import NIK, business, decide, proposal
from ukmreport.models import AidRecord, Finding
from ukmreport.reports.usulan import proposed, verified
from ukmreport.rules.eligibility import decide_proposals
from ukmreport.rules.explanations import explain, explanations
from ukmreport.settings import EligibilityRules

OTHER_NIK = "7472010101900002"


def bad_cell(row: int, column: str, field: str, code: str, value: str, file="u.xlsx", sheet="UMKM") -> Finding:
    return Finding(file, sheet, row, column, field, code, "error", value)


@pytest.mark.parametrize(
    ("note", "business_kw", "proposal_kw"),
    [
        pytest.param("account-name-mismatch", {"nama_rekening": "La Ode Safaruddin"}, {}, id="account-in-other-name"),
        pytest.param("name-mismatch", {}, {"nama": "Wa Ode Hasna"}, id="name-differs-from-register"),
    ],
)
def test_a_note_that_needs_a_person_keeps_the_proposal_waiting_until_confirmed(note, business_kw, proposal_kw):
    [waiting] = decide([proposal(**proposal_kw)], [business(**business_kw)])
    assert (waiting.eligible, waiting.waiting, note in waiting.notes) == (True, True, True)
    assert proposed([waiting]) == {}
    [confirmed] = decide([proposal(dikonfirmasi=True, **proposal_kw)], [business(**business_kw)])
    assert (confirmed.eligible, confirmed.waiting) == (True, False)
    assert list(proposed([confirmed])) == ["BPUM"]


def test_possible_duplicate_waits_until_confirmed():
    twin = business(row=6, nik=OTHER_NIK, tanggal_lahir=date(1985, 3, 5))
    decisions = decide([proposal(), proposal(row=7, nik=OTHER_NIK)], [business(), twin])
    assert [(d.waiting, d.facts["possible-duplicate"]["others"]) for d in decisions] == [
        (True, [("p.xlsx", "Usulan", 7)]),
        (True, [("p.xlsx", "Usulan", 6)]),
    ]


def test_a_note_that_needs_no_person_does_not_wait():
    [d] = decide([proposal(nik="7371014503850001")], [business(nik="7371014503850001")])
    assert (d.notes, d.waiting) == (["nik-outside-region"], False)


def test_confirm_notes_is_a_setting():
    rules = EligibilityRules(confirm_notes=[])
    [d] = decide_proposals([proposal()], [business(nama_rekening="La Ode Safaruddin")], [], rules, "7472")
    assert (d.eligible, d.waiting) == (True, False)


def test_an_ineligible_proposal_is_never_waiting():
    [d] = decide([proposal()], [business(nama_rekening="La Ode Safaruddin", menerima_kur=True)])
    assert (d.eligible, d.waiting) == (False, False)


def test_business_row_invalid_names_the_row_and_its_bad_cells():
    broken = business(row=12, error_fields=frozenset({"no_hp"}))
    found = [bad_cell(12, "I", "no_hp", "bad-phone", "81234567890")]
    [d] = decide_proposals([proposal()], [broken], [], EligibilityRules(), "7472", found)
    assert d.reasons == ["business-row-invalid"]
    sentence = explain("business-row-invalid", d.facts["business-row-invalid"])
    assert "u.xlsx, lembar UMKM, baris 12" in sentence
    assert "Nilai '81234567890' di I12 bukan nomor HP yang sah" in sentence
    english = explain("business-row-invalid", d.facts["business-row-invalid"], "en")
    assert "row 12" in english and "I12" in english


def test_a_later_valid_row_of_the_same_nik_still_registers():
    rows = [business(row=5, error_fields=frozenset({"no_hp"})), business(row=9)]
    [d] = decide([proposal()], rows)
    assert d.eligible


def test_invalid_nik_is_not_registered_not_business_row_invalid():
    [d] = decide([proposal(nik="747201450385", error_fields=frozenset({"nik"}))])
    assert d.reasons == ["invalid-nik", "not-registered"]


def test_invalid_data_names_the_cell_and_value():
    found = [bad_cell(38, "E", "nilai_usulan", "bad-amount", "tujuh juta", "p.xlsx", "Usulan")]
    p = proposal(row=38, error_fields=frozenset({"nilai_usulan"}))
    [d] = decide_proposals([p], [business()], [], EligibilityRules(), "7472", found)
    assert explain("invalid-data", d.facts["invalid-data"]) == (
        "Baris usulan mengandung kesalahan: Nilai 'tujuh juta' di E38 bukan angka"
    )


@pytest.mark.parametrize(
    ("business_kw", "proposal_kw", "aid", "code", "words"),
    [
        pytest.param(
            {"omzet_tahunan": 2_400_000_000},
            {},
            [],
            "not-micro",
            ["Rp2.400.000.000", "Rp2.000.000.000"],
            id="not-micro-turnover-and-limit",
        ),
        pytest.param(
            {"pekerjaan": "PNS Dinas Kesehatan"},
            {},
            [],
            "civil-servant",
            ["'PNS Dinas Kesehatan'"],
            id="civil-servant-occupation-as-written",
        ),
        pytest.param(
            {},
            {},
            [
                AidRecord(
                    file="r.xlsx", sheet="Riwayat", row=4, nik=NIK, program="BPUM", tahun=2021, sumber="Kementerian"
                )
            ],
            "already-received",
            ["BPUM tahun 2021", "Kementerian", "r.xlsx, lembar Riwayat, baris 4"],
            id="already-received-program-year-and-where",
        ),
        pytest.param(
            {"nama_rekening": "La Ode Safaruddin"},
            {},
            [],
            "account-name-mismatch",
            ["'La Ode Safaruddin'", "'Wa Ode Hasnah'"],
            id="account-name-mismatch-both-names",
        ),
        pytest.param({"no_rekening": None}, {}, [], "no-bank-account", ["baris 5"], id="no-bank-account-names-the-row"),
    ],
)
def test_each_sentence_names_its_facts(business_kw, proposal_kw, aid, code, words):
    [d] = decide([proposal(**proposal_kw)], [business(**business_kw)], aid)
    sentence = explanations(d.reasons + d.notes, d.facts)[code]
    for word in words:
        assert word in sentence


def test_duplicate_proposal_sentence_names_the_first_row():
    first, second = decide([proposal(row=6), proposal(row=9)])
    assert explain("duplicate-proposal", second.facts["duplicate-proposal"]) == (
        "NIK ini sudah diusulkan untuk BPUM di baris 6"
    )
    assert first.eligible


@pytest.mark.parametrize(
    ("business_kw", "aid", "claimed", "not_claimed"),
    [
        pytest.param(
            {}, True, ["atas nama sendiri", "bukan ASN", "belum pernah menerima"], [], id="all-checks-supported"
        ),
        pytest.param(
            {"nama_rekening": None},
            True,
            ["memiliki rekening bank"],
            ["atas nama sendiri"],
            id="no-account-name-no-own-name-claim",
        ),
        pytest.param({"pekerjaan": None}, True, [], ["bukan ASN"], id="no-occupation-no-civil-servant-claim"),
        pytest.param({}, False, [], ["belum pernah menerima"], id="no-aid-history-no-already-received-claim"),
    ],
)
def test_the_letter_states_only_the_checks_the_data_supports(business_kw, aid, claimed, not_claimed):
    history = [AidRecord(file="r.xlsx", sheet="Riwayat", row=4, nik=OTHER_NIK, program="BPUM", tahun=2020)]
    [d] = decide([proposal()], [business(**business_kw)], history if aid else [])
    text = verified([d])
    for phrase in claimed:
        assert phrase in text
    for phrase in not_claimed:
        assert phrase not in text


def test_a_confirmed_account_mismatch_may_be_called_own_account():
    [d] = decide([proposal(dikonfirmasi=True)], [business(nama_rekening="La Ode Safaruddin")])
    assert "atas nama sendiri" in verified([d])


def test_sentences_follow_the_language():
    [d] = decide([proposal()], [business(pekerjaan="Anggota Polri")])
    assert explain("civil-servant", d.facts["civil-servant"], "en").startswith("Occupation recorded as 'Anggota Polri'")


PROPOSAL_HEADS = ["No", "NIK", "Nama", "Program", "Nilai", "Tanggal Usulan", "Status", "Dikonfirmasi"]


@pytest.mark.parametrize(
    ("cell", "waiting", "reasons"),
    [
        pytest.param("Ya", False, [], id="Ya-confirmed"),
        pytest.param("ya", False, [], id="ya-confirmed"),
        pytest.param("YA", False, [], id="YA-confirmed"),
        pytest.param("Sudah", False, [], id="Sudah-confirmed"),
        pytest.param("Tidak", True, [], id="Tidak-waits"),
        pytest.param(None, True, [], id="blank-waits"),
        pytest.param("cek lagi", False, ["invalid-data"], id="other-text-is-bad-yes-no-and-invalid-data"),
    ],
)
def test_dikonfirmasi_as_staff_type_it(make_workbook, ctx, cell, waiting, reasons):
    """Only a yes lets a proposal with a note that needs a person into the letter; text that is
    neither yes nor no is a bad-yes-no error on its cell, so the row is ineligible (invalid-data),
    never paid on a guess."""
    from tests.conftest import BUSINESS_HEADERS, business_row
    from ukmreport.messages import finding_message
    from ukmreport.validate import read_inputs

    businesses = [BUSINESS_HEADERS, business_row(**{"Atas Nama": "La Ode Safaruddin"})]
    row = [1, NIK, "Wa Ode Hasnah", "BPUM", 7_000_000, "01-03-2026", "Diusulkan", cell]
    data = read_inputs([make_workbook({"Data UMKM": businesses, "Usulan Bantuan": [PROPOSAL_HEADS, row]})], ctx)
    [d] = decide_proposals(
        data.proposals, data.businesses, data.aid_history, ctx.settings.eligibility, "7472", data.findings
    )
    assert (d.reasons, d.notes, d.waiting) == (reasons, ["account-name-mismatch"], waiting)
    assert list(proposed([d])) == ([] if waiting or reasons else ["BPUM"])
    bad = [(f.code, f.row, f.column) for f in data.findings if f.field == "dikonfirmasi"]
    assert bad == ([("bad-yes-no", 2, "H")] if reasons else [])
    if reasons:
        sentence = explain("invalid-data", d.facts["invalid-data"])
        assert "H2" in sentence and "cek lagi" in sentence, sentence
        assert (
            finding_message(next(f for f in data.findings if f.field == "dikonfirmasi")) == "Isi dengan Ya atau Tidak"
        )


def test_init_writes_no_kk_as_text_and_dikonfirmasi_with_its_drop_down(tmp_path, settings):
    import openpyxl

    from ukmreport.staff.blank import HEADER_ROW, write_blank_workbooks

    books = {p.name: openpyxl.load_workbook(p) for p in write_blank_workbooks(tmp_path, settings)}
    umkm = books["data_pelaku_usaha.xlsx"].worksheets[0]
    heads = {c.value: c.column_letter for c in umkm[HEADER_ROW]}
    assert umkm.column_dimensions[heads["No KK"]].number_format == "@"  # 16 digits stay text
    kk_checks = [v for v in umkm.data_validations.dataValidation if str(v.sqref).startswith(heads["No KK"])]
    assert [(v.type, v.formula1) for v in kk_checks] == [("textLength", "16")]
    usulan = books["usulan_bantuan.xlsx"]["Usulan Bantuan"]
    heads = {c.value: c.column_letter for c in usulan[HEADER_ROW]}
    lists = [v for v in usulan.data_validations.dataValidation if str(v.sqref).startswith(heads["Dikonfirmasi"])]
    assert [(v.type, v.formula1) for v in lists] == [("list", '"Ya,Tidak"')]
