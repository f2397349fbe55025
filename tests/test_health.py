"""Cooperative health by both guidelines, outdated assessments, recognition candidates (rules.md, issue #16)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_cooperatives import END, RULES, assessment, coop, decide
from ukmreport.models import Assessment
from ukmreport.rules.explanations import explain
from ukmreport.settings import CooperativeRules
from ukmreport.validate import parse_kk, read_inputs
from ukmreport.validate.health import choose_guideline


def assessment_2021(points=(30, 15, 40, 15), **kw) -> Assessment:
    names = ("tata_kelola", "profil_risiko", "kinerja_keuangan", "permodalan")
    base = dict(file="k.xlsx", sheet="Penilaian", row=4, nomor_badan_hukum="12/BH/XXIV/2005", tahun_buku=2025)
    base.update(dict(zip(names, points, strict=True)), pedoman="2021")
    base.update(kw)
    return Assessment(**base)


@pytest.mark.parametrize(
    ("points", "category"),
    [
        pytest.param((24, 12, 32, 12), "sehat", id="2021-80-is-sehat"),
        pytest.param((24, 12, 31.99, 12), "cukup_sehat", id="2021-just-below-80-is-cukup-sehat"),
        pytest.param((20, 10, 26, 10), "cukup_sehat", id="2021-66-is-cukup-sehat"),
        pytest.param((15, 10, 20, 6), "dalam_pengawasan", id="2021-51-is-dalam-pengawasan"),
        pytest.param((15, 10, 20, 5.99), "dalam_pengawasan_khusus", id="2021-below-51-is-khusus"),
    ],
)
def test_2021_guideline_scores_its_four_aspects(points, category):
    [d] = decide([coop()], [assessment_2021(points)])
    assert (d.category, d.guideline, d.assessment_year) == (category, "2021", 2025)


def test_2021_weights_are_settings():
    rules = CooperativeRules(aspect_weights={"kinerja_keuangan": 0.5})
    [d] = decide([coop()], [assessment_2021((30, 15, 40, 15))], rules=rules)
    assert d.score == 80


@pytest.mark.parametrize(
    ("pedoman", "filled", "expected"),
    [
        pytest.param(
            None,
            {"tata_kelola", "profil_risiko", "kinerja_keuangan", "permodalan"},
            ("2021", [], []),
            id="by-2021-columns",
        ),
        pytest.param(
            None,
            {"permodalan", "manajemen"},
            (
                "2016",
                [
                    "kualitas_aktiva_produktif",
                    "efisiensi",
                    "likuiditas",
                    "kemandirian_pertumbuhan",
                    "jatidiri_koperasi",
                ],
                [],
            ),
            id="2016-missing-aspects",
        ),
        pytest.param(
            None,
            {"tata_kelola", "manajemen"},
            (None, [], ["manajemen", "tata_kelola"]),
            id="aspects-of-both-guidelines",
        ),
        pytest.param(
            "2016",
            {"tata_kelola"},
            (
                "2016",
                [
                    "permodalan",
                    "kualitas_aktiva_produktif",
                    "manajemen",
                    "efisiensi",
                    "likuiditas",
                    "kemandirian_pertumbuhan",
                    "jatidiri_koperasi",
                ],
                ["tata_kelola"],
            ),
            id="pedoman-wins-over-columns",
        ),
    ],
)
def test_the_guideline_comes_from_pedoman_or_the_columns_filled(pedoman, filled, expected):
    assert choose_guideline(pedoman, filled) == expected


@pytest.mark.parametrize(
    ("end", "year", "outdated"),
    [
        pytest.param(END, 2025, False, id="F-is-current"),
        pytest.param(END, 2023, False, id="F-minus-2-three-fiscal-years-is-current"),
        pytest.param(END, 2022, True, id="F-minus-3-four-fiscal-years-is-outdated"),
        pytest.param(date(2026, 6, 29), 2022, False, id="before-30-june-F-is-2024-so-2022-is-current"),
        pytest.param(date(2026, 6, 29), 2021, True, id="before-30-june-2021-is-outdated"),
        pytest.param(date(2026, 6, 30), 2022, True, id="on-30-june-F-is-2025-so-2022-is-outdated"),
    ],
)
def test_an_assessment_older_than_three_fiscal_years_is_not_current(end, year, outdated):
    # END 2026-12-31: F = 2025, the oldest current assessment is for 2023.
    [d] = decide([coop(tahun_buku_rat=2024)], [assessment(tahun_buku=year)], end=end)
    assert ("assessment-outdated" in d.notes) is outdated
    if outdated:
        assert (d.category, d.score, d.guideline, d.assessment_year) == ("tidak_dinilai", None, None, None)
        sentence = explain("assessment-outdated", d.facts["assessment-outdated"])
        assert str(year) in sentence and "Sehat 100,00" in sentence and "2016" in sentence
    else:
        assert (d.score, d.assessment_year, d.guideline) == (100, year, "2016")


@pytest.mark.parametrize(
    ("year", "outdated"),
    [pytest.param(2023, False, id="2021-guideline-2023-current"), pytest.param(2022, True, id="2021-guideline-2022")],
)
def test_a_2021_guideline_assessment_outdates_the_same_way(year, outdated):
    [d] = decide([coop()], [assessment_2021((24, 12, 32, 12), tahun_buku=year)])
    assert ("assessment-outdated" in d.notes) is outdated
    if outdated:
        sentence = explain("assessment-outdated", d.facts["assessment-outdated"])
        assert "2022" in sentence and "Sehat 80,00" in sentence and "pedoman 2021" in sentence
    else:
        assert (d.category, d.score, d.assessment_year, d.guideline) == ("sehat", 80, 2023, "2021")


def test_the_age_limit_is_a_setting():
    rules = CooperativeRules(assessment_max_age_years=1)
    [old] = decide([coop()], [assessment(tahun_buku=2024)], rules=rules)
    [current] = decide([coop()], [assessment(tahun_buku=2025)], rules=rules)
    assert ("assessment-outdated" in old.notes, "assessment-outdated" in current.notes) == (True, False)


def points_for(score: float, maxima: dict[str, float]) -> dict[str, float]:
    """Points adding up to score, each aspect filled up to its maximum in turn."""
    points, left = {}, score
    for aspect, top in maxima.items():
        points[aspect] = round(min(top, left), 2)
        left = round(left - points[aspect], 2)
    assert left == 0
    return points


@pytest.mark.parametrize(
    ("score", "category"),
    [
        pytest.param(80, "sehat", id="80-sehat"),
        pytest.param(79.99, "cukup_sehat", id="79.99-cukup-sehat"),
        pytest.param(66, "cukup_sehat", id="66-cukup-sehat"),
        pytest.param(65.99, "dalam_pengawasan", id="65.99-dalam-pengawasan"),
        pytest.param(51, "dalam_pengawasan", id="51-dalam-pengawasan"),
        pytest.param(50.99, "dalam_pengawasan_khusus", id="50.99-khusus"),
    ],
)
@pytest.mark.parametrize("guideline", ["2016", "2021"])
def test_each_band_edge_by_each_guideline(guideline, score, category):
    points = points_for(score, RULES.aspect_maxima(guideline))
    row = Assessment(file="k.xlsx", sheet="Penilaian", row=4, nomor_badan_hukum="12/BH/XXIV/2005", tahun_buku=2025)
    [d] = decide([coop()], [row.model_copy(update={**points, "pedoman": guideline})])
    assert (d.score, d.category, d.guideline) == (score, category, guideline)


def test_2021_bands_are_their_own_setting():
    rules = CooperativeRules(health_bands_2021=[85, 70, 55])
    [by_2021] = decide([coop()], [assessment_2021((24, 12, 32, 12))], rules=rules)
    [by_2016] = decide([coop()], [assessment((15, 25, 15, 10, 15, 0, 0))], rules=rules)
    assert (by_2021.score, by_2021.category) == (80, "cukup_sehat")
    assert (by_2016.score, by_2016.category) == (80, "sehat")


@pytest.mark.parametrize(
    ("coop_kw", "note"),
    [
        pytest.param({"jumlah_anggota": 7}, "below-min-members", id="seven-members-kept-out"),
        pytest.param({"shu": -2_500_000}, "negative-shu", id="negative-shu-kept-out"),
        pytest.param({"tanggal_rat": END.replace(year=2026, month=9, day=1)}, "rat-late", id="late-rat-kept-out"),
    ],
)
def test_a_sehat_cooperative_with_an_excluding_note_is_no_candidate(coop_kw, note):
    [d] = decide([coop(**coop_kw)], [assessment()])
    assert (d.category, d.candidate, d.kept_out_by) == ("sehat", False, [note])


@pytest.mark.parametrize(
    ("members", "candidate"),
    [
        pytest.param(8, False, id="8-members-below-the-legal-9"),
        pytest.param(9, True, id="9-members-the-legal-minimum"),
        pytest.param(10, True, id="10-members"),
    ],
)
def test_members_against_the_legal_minimum(members, candidate):
    [d] = decide([coop(jumlah_anggota=members)], [assessment()])
    assert (d.category, d.candidate) == ("sehat", candidate)
    assert d.kept_out_by == ([] if candidate else ["below-min-members"])
    assert ("below-min-members" in d.notes) is not candidate
    if not candidate:
        assert explain("below-min-members", d.facts["below-min-members"]) == "Anggota 8 orang, di bawah minimum 9 orang"


def test_the_legal_minimum_is_a_setting():
    [d] = decide([coop(jumlah_anggota=19)], [assessment()], rules=CooperativeRules(min_members=20))
    assert (d.notes, d.candidate) == (["below-min-members"], False)


@pytest.mark.parametrize(
    ("held_on", "on_time", "candidate"),
    [
        pytest.param(date(2026, 6, 30), True, True, id="held-on-the-deadline-day"),
        pytest.param(date(2026, 7, 1), False, False, id="held-the-day-after"),
        pytest.param(None, True, True, id="date-not-recorded"),
    ],
)
def test_rat_held_on_time_at_the_deadline(held_on, on_time, candidate):
    [d] = decide([coop(tanggal_rat=held_on)], [assessment()])
    assert (d.rat_compliant, d.rat_on_time, d.candidate) == (True, on_time, candidate)
    assert d.kept_out_by == ([] if on_time else ["rat-late"])


@pytest.mark.parametrize(
    ("shu", "candidate"),
    [
        pytest.param(-1, False, id="a-loss-of-one-rupiah"),
        pytest.param(0, True, id="zero-is-no-loss"),
        pytest.param(None, True, id="blank"),
    ],
)
def test_shu_zero_or_negative_for_recognition(shu, candidate):
    [d] = decide([coop(shu=shu)], [assessment()])
    assert (d.category, d.candidate, d.kept_out_by) == ("sehat", candidate, [] if candidate else ["negative-shu"])


def test_a_sehat_cooperative_without_notes_is_a_candidate_and_excludes_are_a_setting():
    [d] = decide([coop()], [assessment()])
    assert (d.candidate, d.kept_out_by) == (True, [])
    [kept] = decide([coop(jumlah_anggota=7)], [assessment()], rules=CooperativeRules(recognition_excludes=[]))
    assert kept.candidate


def test_rat_held_and_held_on_time_are_two_figures():
    [late] = decide([coop(tanggal_rat=END.replace(month=9, day=1))], [assessment()])
    assert (late.rat_compliant, late.rat_on_time) == (True, False)
    assert "1 September 2026" in explain("rat-late", late.facts["rat-late"])


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("7472010101200001", ("7472010101200001", None), id="16-digits-as-text"),
        pytest.param("'7472.0101.0120.0001", ("7472010101200001", None), id="quote-and-dots-cleaned"),
        pytest.param("747201010120001", (None, "kk-format"), id="15-digits"),
        pytest.param("74720101012000011", (None, "kk-format"), id="17-digits"),
        pytest.param("7472-0101-0120-0001", ("7472010101200001", None), id="16-digits-with-dashes"),
        pytest.param("74720101O1200001", (None, "kk-format"), id="letter-O-for-zero"),
        pytest.param("7472010101200000", (None, "kk-format"), id="serial-0000"),
        pytest.param(7472010101200001, (None, "kk-numeric"), id="typed-as-number"),
        pytest.param("", (None, None), id="blank-is-allowed"),
    ],
)
def test_no_kk(cell, expected):
    assert parse_kk(cell) == expected


HEADS_2021 = [
    "No Badan Hukum",
    "Tahun Buku",
    "Pedoman",
    "Predikat",
    "Tata Kelola",
    "Profil Risiko",
    "Kinerja Keuangan",
    "Permodalan",
]


def test_assessment_findings_incomplete_and_predicate_mismatch(make_workbook, ctx):
    coops = [
        ["No Badan Hukum", "Nama Koperasi", "Jenis", "Kecamatan", "Jumlah Anggota"],
        ["12/BH/2005", "KSP Maju", "KSP", "Wolio", 20],
    ]
    rows = [
        HEADS_2021,
        ["12/BH/2005", 2025, "2021", "Sehat", 25, 12, 35, 12],  # 84: sehat, as written
        ["12/BH/2005", 2024, "2021", "Sehat", 20.5, 10, 30, 10],  # 70,5: cukup sehat, written sehat
        ["12/BH/2005", 2023, "", "", 20, "", 30, 10],  # 2021 by its columns, Profil Risiko empty
        ["12/BH/2005", 2022, "2019", "", 20, 10, 30, 10],  # no such guideline
        ["12/BH/2005", 2021, "2021", "", 20, 10, 30, 16],  # permodalan over the 2021 maximum
    ]
    data = read_inputs([make_workbook({"Koperasi": coops, "Penilaian Kesehatan": rows})], ctx)
    found = sorted((f.code, f.row, f.column) for f in data.findings)
    assert found == [
        ("assessment-incomplete", 4, "F"),
        ("assessment-incomplete", 5, "C"),
        ("predicate-mismatch", 3, "D"),
        ("score-out-of-range", 6, "H"),
    ]
    assert [a.valid for a in data.assessments] == [True, True, False, False, False]
    assert data.assessments[0].pedoman == "2021"
    from ukmreport.messages import finding_message

    mismatch = next(f for f in data.findings if f.code == "predicate-mismatch")
    assert (
        finding_message(mismatch)
        == "Predikat tertulis 'Sehat', tetapi skor 70,5 termasuk Cukup Sehat; yang dipakai Cukup Sehat"
    )
    assert "but score 70.5 is" in finding_message(mismatch, "en")  # each language its own decimal mark
    incomplete = next(f for f in data.findings if f.code == "assessment-incomplete" and f.row == 4)
    assert "Profil Risiko (F)" in finding_message(incomplete)


def test_no_kk_column_is_read_and_checked(make_workbook, ctx):
    from tests.conftest import BUSINESS_HEADERS, business_row

    head = [*BUSINESS_HEADERS, "No KK"]
    good = [*business_row(), "7472010101200001"]
    bad = [*business_row(nik="7472014503850002", nama="La Ode Bakri"), 7472010101200001]
    data = read_inputs([make_workbook({"Data UMKM": [head, good, bad]})], ctx)
    assert data.businesses[0].no_kk == "7472010101200001"
    assert [(f.code, f.row) for f in data.findings if f.code.startswith("kk")] == [("kk-numeric", 3)]


def test_rules_unchanged_for_2016(tmp_path):
    [d] = decide([coop()], [assessment()])
    assert (d.guideline, d.score) == ("2016", 100)
    assert RULES.aspect_max_2021 == {"tata_kelola": 30, "profil_risiko": 15, "kinerja_keuangan": 40, "permodalan": 15}
