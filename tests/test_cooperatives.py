"""Cooperative rules (rules.md) at and around every boundary."""

from __future__ import annotations

from datetime import date

import pytest

from ukmreport.models import Assessment, Cooperative
from ukmreport.rules.cooperatives import decide_cooperatives, due_fiscal_year, health_category, rat_due_date
from ukmreport.settings import CooperativeRules

RULES = CooperativeRules()
END = date(2026, 12, 31)


def coop(**kw) -> Cooperative:
    base = dict(
        file="k.xlsx",
        sheet="Koperasi",
        row=8,
        nomor_badan_hukum="12/BH/XXIV/2005",
        nama_koperasi="KSP Maju",
        jenis="Simpan Pinjam",
        kecamatan="Wolio",
        jumlah_anggota=40,
        tahun_buku_rat=2025,
    )
    base.update(kw)
    return Cooperative(**base)


def assessment(total_points: tuple[float, ...] = (15, 25, 15, 10, 15, 10, 10), **kw) -> Assessment:
    names = (
        "permodalan",
        "kualitas_aktiva_produktif",
        "manajemen",
        "efisiensi",
        "likuiditas",
        "kemandirian_pertumbuhan",
        "jatidiri_koperasi",
    )
    base = dict(
        file="k.xlsx",
        sheet="Penilaian",
        row=3,
        nomor_badan_hukum="12/BH/XXIV/2005",
        tahun_buku=2025,
        **dict(zip(names, total_points, strict=True)),
    )
    base.update(kw)
    return Assessment(**base)


def decide(coops, assessments=(), end=END, rules=RULES):
    return decide_cooperatives(list(coops), list(assessments), end, rules)


@pytest.mark.parametrize(
    "end, due",
    [(date(2026, 6, 29), 2024), (date(2026, 6, 30), 2025), (date(2026, 12, 31), 2025), (date(2027, 1, 1), 2025)],
    ids=["day-before-30-june", "on-30-june", "year-end", "new-year"],
)
def test_due_fiscal_year(end, due):
    assert due_fiscal_year(end, RULES) == due


def test_due_date_follows_the_setting():
    assert rat_due_date(2025, RULES) == date(2026, 6, 30)
    assert rat_due_date(2025, RULES.model_copy(update={"rat_due_months": 3})) == date(2026, 3, 31)


@pytest.mark.parametrize(
    "held, compliant, active",
    [(2025, True, True), (2024, False, True), (2023, False, True), (2022, False, False), (None, False, False)],
    ids=["current", "one-behind", "three-years-window-edge", "outside-window", "never"],
)
def test_rat_compliance_and_activity(held, compliant, active):
    [d] = decide([coop(tahun_buku_rat=held)])
    assert (d.rat_compliant, d.active) == (compliant, active)
    assert ("rat-missing" in d.reasons) is (not compliant)
    assert ("inactive" in d.reasons) is (not active)


@pytest.mark.parametrize(
    "held_on, late", [(date(2026, 6, 30), False), (date(2026, 7, 1), True)], ids=["on-due-date", "day-after"]
)
def test_rat_late_note(held_on, late):
    [d] = decide([coop(tanggal_rat=held_on)])
    assert ("rat-late" in d.notes) is late


@pytest.mark.parametrize(
    "members, note", [(8, True), (9, False), (10, False)], ids=["8-members", "9-members", "10-members"]
)
def test_below_min_members(members, note):
    [d] = decide([coop(jumlah_anggota=members)])
    assert ("below-min-members" in d.notes) is note


@pytest.mark.parametrize("shu, note", [(-1, True), (0, False), (None, False)], ids=["loss", "zero", "blank"])
def test_negative_shu(shu, note):
    [d] = decide([coop(shu=shu)])
    assert ("negative-shu" in d.notes) is note


@pytest.mark.parametrize(
    "score, category",
    [
        (100, "sehat"),
        (80, "sehat"),
        (79.99, "cukup_sehat"),
        (66, "cukup_sehat"),
        (65.99, "dalam_pengawasan"),
        (51, "dalam_pengawasan"),
        (50.99, "dalam_pengawasan_khusus"),
        (0, "dalam_pengawasan_khusus"),
    ],
    ids=lambda v: str(v),
)
def test_health_bands(score, category):
    assert health_category(score, RULES) == category


def test_score_is_the_sum_of_the_latest_valid_assessment():
    old = assessment((5, 5, 5, 5, 5, 5, 5), tahun_buku=2023)
    latest_bad = assessment(tahun_buku=2026, error_fields=frozenset({"permodalan"}))
    latest = assessment((12.5, 20, 12.5, 8, 12, 8, 6.99), tahun_buku=2025)
    [d] = decide([coop()], [old, latest_bad, latest])
    assert (d.score, d.category, d.assessment_year) == (79.99, "cukup_sehat", 2025)


def test_exactly_80_from_decimal_points_is_sehat():
    [d] = decide([coop()], [assessment((12.1, 20.2, 12.3, 8.1, 12.2, 7.6, 7.5))])
    assert (d.score, d.category) == (80.0, "sehat")
    assert d.recognition


def test_sehat_without_current_rat_is_capped():
    [d] = decide([coop(tahun_buku_rat=2024)], [assessment()])
    assert (d.category, d.reasons, d.recognition) == ("cukup_sehat", ["rat-missing"], False)
    relaxed = RULES.model_copy(update={"require_rat_for_sehat": False})
    [d] = decide([coop(tahun_buku_rat=2024)], [assessment()], rules=relaxed)
    assert d.category == "sehat"


def test_not_assessed_still_gets_rat_status_and_notes():
    [d] = decide([coop(jumlah_anggota=5, tahun_buku_rat=2020)])
    assert (d.category, d.score, d.reasons, d.notes) == (
        "tidak_dinilai",
        None,
        ["rat-missing", "inactive"],
        ["below-min-members"],
    )


def test_row_with_error_gets_no_decision():
    assert decide([coop(error_fields=frozenset({"jenis"}))]) == []


def test_matched_by_nik_koperasi_when_no_badan_hukum():
    a = assessment(nomor_badan_hukum=None, nik_koperasi="7472010000000001")
    [d] = decide([coop(nik_koperasi="7472010000000001")], [a])
    assert d.category == "sehat"


def test_weights_and_bands_are_settings():
    rules = RULES.model_copy(update={"health_bands": [90, 70, 50], "aspect_weights": {"permodalan": 0}})
    [d] = decide([coop()], [assessment()], rules=rules)
    assert (d.score, d.category) == (85, "cukup_sehat")
