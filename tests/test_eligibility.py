"""Grant eligibility (rules.md), one parametrised row per reason and note."""

from __future__ import annotations

from datetime import date

import pytest

from ukmreport.models import AidRecord, Business, Proposal
from ukmreport.rules.eligibility import decide_proposals, name_key
from ukmreport.rules.size import size_class
from ukmreport.settings import EligibilityRules

RULES = EligibilityRules()
NIK = "7472014503850001"


def business(**kw) -> Business:
    base = dict(
        file="u.xlsx",
        sheet="UMKM",
        row=5,
        nik=NIK,
        nama="Wa Ode Hasnah",
        tanggal_lahir=date(1985, 3, 5),
        kecamatan="Betoambari",
        aset=5e6,
        omzet_tahunan=6e7,
        pekerjaan="Wiraswasta",
        menerima_kur=False,
        nama_bank="BRI",
        no_rekening="012301000123567",
        nama_rekening="Wa Ode Hasnah",
    )
    base.update(kw)
    return Business(**base)


def proposal(**kw) -> Proposal:
    base = dict(
        file="p.xlsx",
        sheet="Usulan",
        row=6,
        nik=NIK,
        nama="Wa Ode Hasnah",
        program="BPUM",
        nilai_usulan=7e6,
        tanggal_usulan=date(2026, 3, 1),
        status="Diusulkan",
    )
    base.update(kw)
    return Proposal(**base)


def decide(proposals, businesses=None, aid=()):
    return decide_proposals(
        list(proposals), [business()] if businesses is None else businesses, list(aid), RULES, "7472"
    )


def test_clean_proposal_is_eligible():
    [d] = decide([proposal()])
    assert (d.eligible, d.reasons, d.notes, d.size_class) == (True, [], [], "mikro")


@pytest.mark.parametrize(
    "proposal_kw, business_kw, reason",
    [
        ({"error_fields": frozenset({"nik"})}, {}, "invalid-nik"),
        ({"error_fields": frozenset({"nilai_usulan"})}, {}, "invalid-data"),
        ({"nik": "7472014503850002"}, {}, "not-registered"),
        ({}, {"omzet_tahunan": 2_000_000_001}, "not-micro"),
        ({}, {"pekerjaan": "PNS Dinas Pendidikan"}, "civil-servant"),
        ({}, {"pekerjaan": "Anggota Polri"}, "civil-servant"),
        ({}, {"pekerjaan": "Guru PPPK"}, "civil-servant"),
        ({}, {"pekerjaan": "pegawai negeri sipil"}, "civil-servant"),
        ({}, {"pekerjaan": "Karyawan BUMN"}, "civil-servant"),
        ({}, {"menerima_kur": True}, "receiving-kur"),
        ({}, {"no_rekening": None}, "no-bank-account"),
    ],
    ids=[
        "nik-error",
        "other-error",
        "not-in-businesses",
        "sales-over-2M",
        "pns",
        "polri",
        "pppk",
        "pegawai-negeri",
        "bumn",
        "kur",
        "no-account",
    ],
)
def test_each_reason_makes_a_proposal_ineligible(proposal_kw, business_kw, reason):
    [d] = decide([proposal(**proposal_kw)], [business(**business_kw)])
    assert d.eligible is False
    assert reason in d.reasons


def test_invalid_nik_is_also_not_registered():
    [d] = decide([proposal(nik="747201450385", error_fields=frozenset({"nik"}))])
    assert d.reasons == ["invalid-nik", "not-registered"]


def test_business_row_with_error_is_business_row_invalid_not_unregistered():
    [d] = decide([proposal()], [business(error_fields=frozenset({"no_hp"}))])
    assert d.reasons == ["business-row-invalid"]
    assert d.facts["business-row-invalid"]["where"] == ("u.xlsx", "UMKM", 5)


@pytest.mark.parametrize("occupation", ["Pensiunan PNS", "Purnawirawan TNI", "Wiraswasta", "Pedagang ASNawi"])
def test_retired_and_lookalike_occupations_are_not_excluded(occupation):
    [d] = decide([proposal()], [business(pekerjaan=occupation)])
    assert d.eligible, d.reasons


def test_size_class_boundary_is_inclusive():
    assert size_class(business(omzet_tahunan=2_000_000_000), RULES) == "mikro"
    assert size_class(business(omzet_tahunan=2_000_000_001), RULES) == "kecil"
    assert size_class(business(omzet_tahunan=50_000_000_001), RULES) == "besar"
    modal = RULES.model_copy(update={"size_basis": "modal"})
    assert size_class(business(aset=1_000_000_001), modal) == "kecil"
    old = RULES.model_copy(update={"size_standard": "uu20_2008"})
    assert size_class(business(omzet_tahunan=300_000_001), old) == "kecil"


def test_duplicate_proposal_names_the_first_row_which_keeps_its_own_merits():
    first, second = decide([proposal(row=6), proposal(row=9, program=" bpum ")])
    assert first.eligible and first.reasons == []
    assert second.reasons == ["duplicate-proposal"]
    assert second.related_rows["duplicate-proposal"] == [("p.xlsx", "Usulan", 6)]


def test_other_program_is_not_a_duplicate():
    first, second = decide([proposal(row=6), proposal(row=9, program="Banpres")])
    assert first.eligible and second.eligible


def test_already_received_from_aid_history():
    aid = [AidRecord(file="p.xlsx", sheet="Riwayat", row=3, nik=NIK, program="bpum", tahun=2024)]
    [d] = decide([proposal()], aid=aid)
    assert d.reasons == ["already-received"]


def test_already_received_from_a_granted_proposal_row():
    granted, new = decide([proposal(row=6, status="Disalurkan", tanggal_usulan=date(2025, 3, 1)), proposal(row=30)])
    assert granted.eligible
    assert new.reasons == ["duplicate-proposal", "already-received"]
    assert new.related_rows["already-received"] == [("p.xlsx", "Usulan", 6)]


def test_granted_row_is_not_refused_for_its_own_aid_record():
    aid = [AidRecord(file="p.xlsx", sheet="Riwayat", row=3, nik=NIK, program="BPUM", tahun=2025)]
    [d] = decide(
        [proposal(status="Disalurkan", tanggal_usulan=date(2025, 3, 1), tanggal_keputusan=date(2025, 8, 1))], aid=aid
    )
    assert d.eligible and d.notes == []


@pytest.mark.parametrize(
    "business_kw, proposal_kw, aid, note",
    [
        ({"nama_rekening": "La Ode Ahmad"}, {}, [], "account-name-mismatch"),
        ({}, {}, [("Bantuan Modal Provinsi", 2025)], "recent-aid"),
        ({}, {}, [("Bantuan Modal Provinsi", 2026)], "recent-aid"),
        ({"nik": "7404014503850001"}, {"nik": "7404014503850001"}, [], "nik-outside-region"),
        ({}, {"nama": "Wa Ode Hasna"}, [], "name-mismatch"),
    ],
    ids=["account-holder", "aid-last-year", "aid-this-year", "outside-region", "name"],
)
def test_each_note_leaves_the_proposal_eligible(business_kw, proposal_kw, aid, note):
    records = [
        AidRecord(file="p", sheet="R", row=2, nik=business_kw.get("nik", NIK), program=p, tahun=y) for p, y in aid
    ]
    [d] = decide([proposal(**proposal_kw)], [business(**business_kw)], records)
    assert d.eligible and d.notes == [note]


def test_aid_two_years_ago_is_not_recent():
    aid = [AidRecord(file="p", sheet="R", row=2, nik=NIK, program="Lain", tahun=2024)]
    [d] = decide([proposal()], aid=aid)
    assert d.notes == []


def test_titles_and_degrees_do_not_make_a_name_mismatch():
    [d] = decide([proposal(nama="Hj. Wa Ode Hasnah, S.Pd.")], [business(nama_rekening="WA ODE HASNAH")])
    assert d.notes == []
    assert name_key("Dr. Ir. La Ode Ali, M.Si.", tuple(RULES.name_titles)) == "laodeali"


def test_possible_duplicate_same_name_and_birth_date_other_nik():
    other = "7472024503850002"
    rows = [business(), business(row=6, nik=other, nama="WA ODE HASNAH", no_rekening="9999999999")]
    a, b = decide([proposal(row=6), proposal(row=7, nik=other, nama="Wa Ode  Hasnah")], rows)
    assert a.notes == ["possible-duplicate"] and b.notes == ["possible-duplicate"]
    assert a.related_rows["possible-duplicate"] == [("p.xlsx", "Usulan", 7)]
    assert a.eligible and b.eligible


def test_same_name_other_birth_date_is_not_a_possible_duplicate():
    other = "7472024504850002"
    rows = [business(), business(row=6, nik=other, tanggal_lahir=date(1985, 4, 5))]
    a, b = decide([proposal(row=6), proposal(row=7, nik=other)], rows)
    assert a.notes == [] and b.notes == []


def test_all_reasons_are_listed_not_only_the_first():
    [d] = decide([proposal()], [business(menerima_kur=True, no_rekening=None, pekerjaan="TNI", omzet_tahunan=3e9)])
    assert d.reasons == ["not-micro", "civil-servant", "receiving-kur", "no-bank-account"]


def test_thresholds_come_from_settings():
    rules = RULES.model_copy(update={"excluded_occupations": ["Kepala Desa"]})
    [d] = decide_proposals([proposal()], [business(pekerjaan="kepala desa")], [], rules, "7472")
    assert d.reasons == ["civil-servant"]
