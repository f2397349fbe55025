"""A cooperative health assessment's guideline, score and category (rules.md, Health category).

Two guidelines are in use: the 2016 savings-and-loan guideline (seven aspects) and the 2021
health examination (four aspects). What goes in is one assessment's points (or, while a row is
still being read, its filled fields); what comes out is the guideline, the score and its category.
Nothing here reads files or knows about findings. It lives with validation, which needs it first
(validate/checks.py: assessment-incomplete, predicate-mismatch), and rules/cooperatives.py takes it
from here, so that a row is judged the same way where it is read and where it is decided, and no
stage imports a later one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from ukmreport.models import GUIDELINE_ASPECTS, HealthCategory
from ukmreport.settings import CooperativeRules

GUIDELINES = ("2016", "2021")
# Aspects only one guideline has: they tell which one a row without `pedoman` follows.
OWN_ASPECTS = {
    "2016": tuple(a for a in GUIDELINE_ASPECTS["2016"] if a not in GUIDELINE_ASPECTS["2021"]),
    "2021": tuple(a for a in GUIDELINE_ASPECTS["2021"] if a not in GUIDELINE_ASPECTS["2016"]),
}
_CATEGORY_WORDS = {
    "sehat": "sehat",
    "healthy": "sehat",
    "cukupsehat": "cukup_sehat",
    "fairlyhealthy": "cukup_sehat",
    "kurangsehat": "dalam_pengawasan",
    "dalampengawasan": "dalam_pengawasan",
    "undersupervision": "dalam_pengawasan",
    "tidaksehat": "dalam_pengawasan_khusus",
    "sangattidaksehat": "dalam_pengawasan_khusus",
    "dalampengawasankhusus": "dalam_pengawasan_khusus",
}


def aspects(guideline: str, rules: CooperativeRules) -> dict[str, float]:
    """The aspects of a guideline and their maximum points, as configured."""
    return rules.aspect_maxima(guideline)


def choose_guideline(pedoman: str | None, filled: Collection[str]) -> tuple[str | None, list[str], list[str]]:
    """Which guideline a row follows, the aspects it lacks, and the other guideline's aspects it has.

    `filled` names the aspect fields with anything in them (a bad cell counts as filled). A row
    is complete when both lists are empty (workbooks.md, coop_assessment).
    """
    if pedoman in GUIDELINES:
        guideline: str | None = pedoman
    else:
        by_columns = [g for g in GUIDELINES if any(a in filled for a in OWN_ASPECTS[g])]
        guideline = by_columns[0] if len(by_columns) == 1 else None
        if len(by_columns) == 2:
            both = [a for g in GUIDELINES for a in OWN_ASPECTS[g] if a in filled]
            return None, [], both
        if guideline is None:  # nothing of either guideline: the 2016 table is the one asked for
            return None, [a for a in GUIDELINE_ASPECTS["2016"] if a not in filled], []
    other = "2016" if guideline == "2021" else "2021"
    missing = [a for a in GUIDELINE_ASPECTS[guideline] if a not in filled]
    extra = [a for a in OWN_ASPECTS[other] if a in filled]
    return guideline, missing, extra


def score(points: Mapping[str, float | None], guideline: str, rules: CooperativeRules) -> float:
    """Sum of the guideline's aspects' points (times their weights, 1 by default), to 2 decimals."""
    total = 0.0
    for aspect in GUIDELINE_ASPECTS[guideline]:
        total += (points.get(aspect) or 0) * rules.aspect_weights.get(aspect, 1.0)
    return round(total, 2)


def health_category(value: float, rules: CooperativeRules, guideline: str | None = None) -> HealthCategory:
    """The category a score falls in, by the guideline's bands."""
    sehat, cukup, pengawasan = rules.bands(guideline)
    if value >= sehat:
        return "sehat"
    if value >= cukup:
        return "cukup_sehat"
    if value >= pengawasan:
        return "dalam_pengawasan"
    return "dalam_pengawasan_khusus"


def category_of_text(text: str) -> str | None:
    """The category an assessor wrote ('Cukup Sehat', 'CUKUP SEHAT', 'Dalam Pengawasan'), or None."""
    return _CATEGORY_WORDS.get(re.sub(r"[^a-z]", "", text.lower()))
