"""Business size class (PP 7/2021 Pasal 35 by default; UU 20/2008 as a configured alternative)."""

from __future__ import annotations

from ukmreport.models import Business
from ukmreport.settings import EligibilityRules

SIZE_CLASSES = ("mikro", "kecil", "menengah", "besar")


def size_class(business: Business, rules: EligibilityRules) -> str | None:
    """Return mikro/kecil/menengah/besar from annual sales (or capital), or None when unknown."""
    amount = business.omzet_tahunan if rules.size_basis == "omzet" else business.aset
    if amount is None:
        return None
    bounds = rules.size_thresholds[rules.size_standard][rules.size_basis]
    for name, upper in zip(SIZE_CLASSES, bounds, strict=False):
        if amount <= upper:
            return name
    return "besar"
