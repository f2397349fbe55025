"""Cooperative status and health (rules.md): RAT, activity, members, SHU, seven-aspect score."""

from __future__ import annotations

import calendar
from datetime import date

from ukmreport.models import ASPECTS, Assessment, Cooperative, CooperativeDecision, HealthCategory
from ukmreport.settings import CooperativeRules
from ukmreport.validate import fold


def rat_due_date(fiscal_year: int, rules: CooperativeRules) -> date:
    """The last day by which the RAT for a fiscal year must be held (30 June of the next year)."""
    months = rules.rat_due_months
    year = fiscal_year + 1 + (months - 1) // 12 if months else fiscal_year
    month = (months - 1) % 12 + 1 if months else 12
    return date(year, month, calendar.monthrange(year, month)[1])


def due_fiscal_year(period_end: date, rules: CooperativeRules) -> int:
    """F: the latest fiscal year whose RAT is due by the period's last day."""
    year = period_end.year
    while rat_due_date(year, rules) > period_end:
        year -= 1
    return year


def health_category(score: float, rules: CooperativeRules) -> HealthCategory:
    sehat, cukup, pengawasan = rules.health_bands
    if score >= sehat:
        return "sehat"
    if score >= cukup:
        return "cukup_sehat"
    if score >= pengawasan:
        return "dalam_pengawasan"
    return "dalam_pengawasan_khusus"


def score(assessment: Assessment, rules: CooperativeRules) -> float:
    """Sum of the aspects' points (times their weights, 1 by default), rounded to 2 decimals."""
    total = 0.0
    for aspect in ASPECTS:
        total += (getattr(assessment, aspect) or 0) * rules.aspect_weights.get(aspect, 1.0)
    return round(total, 2)


def decide_cooperatives(
    cooperatives: list[Cooperative], assessments: list[Assessment], period_end: date, rules: CooperativeRules
) -> list[CooperativeDecision]:
    """Decide every cooperative row without an error."""
    latest: dict[str, Assessment] = {}
    for a in assessments:
        if not a.valid or a.tahun_buku is None:
            continue
        for key in _keys(a.nomor_badan_hukum, a.nik_koperasi):
            held = latest.get(key)
            if held is None or a.tahun_buku > held.tahun_buku:  # type: ignore[operator]
                latest[key] = a
    due = due_fiscal_year(period_end, rules)
    decisions = []
    for coop in cooperatives:
        if not coop.valid:
            continue
        reasons: list[str] = []
        notes: list[str] = []
        held = coop.tahun_buku_rat
        rat_compliant = held is not None and held >= due
        if not rat_compliant:
            reasons.append("rat-missing")
        if held is not None and coop.tanggal_rat and coop.tanggal_rat > rat_due_date(held, rules):
            notes.append("rat-late")
        active = held is not None and held >= period_end.year - rules.active_window_years
        if not active:
            reasons.append("inactive")
        if coop.jumlah_anggota is not None and coop.jumlah_anggota < rules.min_members:
            notes.append("below-min-members")
        if coop.shu is not None and coop.shu < 0:
            notes.append("negative-shu")
        assessment = next((latest[k] for k in _keys(coop.nomor_badan_hukum, coop.nik_koperasi) if k in latest), None)
        value: float | None = None
        category: HealthCategory = "tidak_dinilai"
        if assessment is not None:
            value = score(assessment, rules)
            category = health_category(value, rules)
            if category == "sehat" and rules.require_rat_for_sehat and not rat_compliant:
                category = "cukup_sehat"
        decisions.append(
            CooperativeDecision(
                cooperative=coop,
                category=category,
                score=value,
                assessment_year=assessment.tahun_buku if assessment else None,
                rat_compliant=rat_compliant,
                active=active,
                due_fiscal_year=due,
                reasons=reasons,
                notes=notes,
            )
        )
    return decisions


def _keys(nomor_badan_hukum: str | None, nik_koperasi: str | None) -> list[str]:
    keys = []
    if nomor_badan_hukum:
        keys.append("bh:" + fold(nomor_badan_hukum))
    if nik_koperasi:
        keys.append("nik:" + nik_koperasi)
    return keys
