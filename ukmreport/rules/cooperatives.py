"""Cooperative status and health (rules.md): RAT, activity, members, SHU, the health score by guideline."""

from __future__ import annotations

import calendar
from datetime import date

from ukmreport import formatting as fmt
from ukmreport.messages import category_text
from ukmreport.models import Assessment, Cooperative, CooperativeDecision, HealthCategory
from ukmreport.settings import CooperativeRules
from ukmreport.validate import fold, health


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


def health_category(value: float, rules: CooperativeRules, guideline: str | None = None) -> HealthCategory:
    return health.health_category(value, rules, guideline)


def guideline_of(assessment: Assessment) -> str:
    """The guideline a valid assessment was scored by (validation fills `pedoman`)."""
    if assessment.pedoman:
        return assessment.pedoman
    return "2021" if assessment.tata_kelola is not None else "2016"


def score(assessment: Assessment, rules: CooperativeRules) -> float:
    """Sum of the guideline's aspects' points (times their weights, 1 by default), to 2 decimals."""
    return health.score(assessment.__dict__, guideline_of(assessment), rules)


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
        facts = _status_facts(coop, reasons, notes, due, period_end, rules)
        assessment = next((latest[k] for k in _keys(coop.nomor_badan_hukum, coop.nik_koperasi) if k in latest), None)
        value: float | None = None
        category: HealthCategory = "tidak_dinilai"
        guideline: str | None = None
        if assessment is not None:
            guideline = guideline_of(assessment)
            value = score(assessment, rules)
            category = health_category(value, rules, guideline)
            oldest = due - (rules.assessment_max_age_years - 1)
            if assessment.tahun_buku < oldest:  # type: ignore[operator]
                notes.append("assessment-outdated")
                facts["assessment-outdated"] = {
                    "year": str(assessment.tahun_buku),
                    "category_id": f"{category_text(category, 'id')} {fmt.number(value, 2)}",
                    "category_en": f"{category_text(category, 'en')} {fmt.number(value, 2)}",
                    "guideline": guideline,
                    "oldest": str(oldest),
                }
                category, value, guideline, assessment = "tidak_dinilai", None, None, None
            elif category == "sehat" and rules.require_rat_for_sehat and not rat_compliant:
                category = "cukup_sehat"
                facts["score-capped"] = {"score": fmt.number(value, 2), "due": str(due)}
        kept_out = [n for n in notes if n in rules.recognition_excludes]
        healthy = category == "sehat" and rat_compliant and active
        decisions.append(
            CooperativeDecision(
                cooperative=coop,
                category=category,
                score=value,
                assessment_year=assessment.tahun_buku if assessment else None,
                guideline=guideline,
                rat_compliant=rat_compliant,
                active=active,
                due_fiscal_year=due,
                reasons=reasons,
                notes=notes,
                facts=facts,
                candidate=healthy and not kept_out,
                kept_out_by=kept_out if healthy else [],
            )
        )
    return decisions


def _status_facts(
    coop: Cooperative, reasons: list[str], notes: list[str], due: int, period_end: date, rules: CooperativeRules
) -> dict[str, dict[str, object]]:
    """The facts each RAT, member and SHU reason or note names (messages.explain)."""
    held = coop.tahun_buku_rat
    facts: dict[str, dict[str, object]] = {}
    if "rat-missing" in reasons:
        facts["rat-missing"] = (
            {"held": str(held), "due": str(due)} if held else {"variant": "rat-never", "due": str(due)}
        )
    if "inactive" in reasons:
        facts["inactive"] = {
            "held": str(held) if held else "-",
            "since": str(period_end.year - rules.active_window_years),
        }
    if "rat-late" in notes and held is not None and coop.tanggal_rat:
        facts["rat-late"] = {
            "year": str(held),
            "held_on": fmt.long_date(coop.tanggal_rat),
            "due_date": fmt.long_date(rat_due_date(held, rules)),
        }
    if "below-min-members" in notes:
        facts["below-min-members"] = {"members": str(coop.jumlah_anggota), "minimum": str(rules.min_members)}
    if "negative-shu" in notes and coop.shu is not None:
        facts["negative-shu"] = {"shu": fmt.rupiah(coop.shu)}
    return facts


def _keys(nomor_badan_hukum: str | None, nik_koperasi: str | None) -> list[str]:
    keys = []
    if nomor_badan_hukum:
        keys.append("bh:" + fold(nomor_badan_hukum))
    if nik_koperasi:
        keys.append("nik:" + nik_koperasi)
    return keys
