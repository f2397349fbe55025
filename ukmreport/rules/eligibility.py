"""Grant eligibility (rules.md): one decision per proposal row, every reason that applies."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from functools import lru_cache

from ukmreport.models import AidRecord, Business, Proposal, ProposalDecision
from ukmreport.rules.size import size_class
from ukmreport.settings import EligibilityRules
from ukmreport.validate import fold, nik_birth_date

REASON_ORDER = (
    "invalid-nik",
    "invalid-data",
    "not-registered",
    "not-micro",
    "civil-servant",
    "receiving-kur",
    "no-bank-account",
    "duplicate-proposal",
    "already-received",
)
NOTE_ORDER = ("account-name-mismatch", "recent-aid", "possible-duplicate", "nik-outside-region", "name-mismatch")
GRANTED = ("Disetujui", "Disalurkan")


def decide_proposals(
    proposals: list[Proposal],
    businesses: list[Business],
    aid_history: list[AidRecord],
    rules: EligibilityRules,
    region_code: str,
) -> list[ProposalDecision]:
    """Decide every proposal row; indexes are built once so the whole pass is linear."""
    registered: dict[str, Business] = {}
    for b in businesses:
        if b.valid and b.nik and b.nik not in registered:
            registered[b.nik] = b
    aid_by_nik: dict[str, list[AidRecord]] = defaultdict(list)
    for a in aid_history:
        if a.nik and "nik" not in a.error_fields:
            aid_by_nik[a.nik].append(a)
    granted_rows: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_name: dict[str, list[Proposal]] = defaultdict(list)
    for p in proposals:
        if p.nik and p.program and p.status in GRANTED:
            granted_rows[(p.nik, fold(p.program))].append(p.row)
        if p.nama:
            by_name[name_key(p.nama, tuple(rules.name_titles))].append(p)
    occupation = _occupation_pattern(tuple(rules.excluded_occupations))
    retired = _occupation_pattern(tuple(rules.retired_words))
    first_of: dict[tuple[str, str], int] = {}
    decisions = []
    for p in proposals:
        reasons: set[str] = set()
        notes: set[str] = set()
        related: dict[str, list[int]] = {}
        if "nik" in p.error_fields:
            reasons.add("invalid-nik")
        if p.error_fields - {"nik"}:
            reasons.add("invalid-data")
        business = registered.get(p.nik) if p.nik else None
        size = None
        if business is None:
            reasons.add("not-registered")
        else:
            size = size_class(business, rules)
            if size != "mikro":
                reasons.add("not-micro")
            if business.pekerjaan and occupation.search(business.pekerjaan) and not retired.search(business.pekerjaan):
                reasons.add("civil-servant")
            if business.menerima_kur:
                reasons.add("receiving-kur")
            if not business.no_rekening:
                reasons.add("no-bank-account")
            if (
                business.nama_rekening
                and business.nama
                and name_key(business.nama_rekening, tuple(rules.name_titles))
                != name_key(business.nama, tuple(rules.name_titles))
            ):
                notes.add("account-name-mismatch")
            if (
                p.nama
                and business.nama
                and name_key(p.nama, tuple(rules.name_titles)) != name_key(business.nama, tuple(rules.name_titles))
            ):
                notes.add("name-mismatch")
        program = fold(p.program) if p.program else None
        if p.nik and program:
            key = (p.nik, program)
            if key in first_of:
                reasons.add("duplicate-proposal")
                related["duplicate-proposal"] = [first_of[key]]
            else:
                first_of[key] = p.row
            own_year = _own_outcome_year(p)
            received_rows = [r for r in granted_rows.get(key, []) if r != p.row]
            received_aid = [
                a for a in aid_by_nik.get(p.nik, []) if a.program and fold(a.program) == program and a.tahun != own_year
            ]
            if received_rows or received_aid:
                reasons.add("already-received")
                if received_rows:
                    related["already-received"] = received_rows
        if p.nik and p.tanggal_usulan:
            year = p.tanggal_usulan.year
            own_year = _own_outcome_year(p)
            for a in aid_by_nik.get(p.nik, []):
                if a.tahun is None or not year - rules.recent_aid_years <= a.tahun <= year:
                    continue
                if own_year is not None and a.tahun == own_year and a.program and program == fold(a.program):
                    continue  # the record of this very grant
                notes.add("recent-aid")
                break
        if p.nik and "nik" not in p.error_fields and not p.nik.startswith(region_code):
            notes.add("nik-outside-region")
        decisions.append(
            ProposalDecision.model_construct(
                proposal=p,
                business=business,
                eligible=not reasons,
                reasons=[r for r in REASON_ORDER if r in reasons],
                notes=[n for n in NOTE_ORDER if n in notes],
                related_rows=related,
                size_class=size,
            )
        )
    _possible_duplicates(decisions, by_name, registered, rules)
    return decisions


def _own_outcome_year(p: Proposal) -> int | None:
    """The year of this proposal's own grant, when it was granted: its aid record is not 'another' grant."""
    if p.status not in GRANTED:
        return None
    when = p.tanggal_keputusan or p.tanggal_usulan
    return when.year if when else None


def _possible_duplicates(
    decisions: list[ProposalDecision],
    by_name: dict[str, list[Proposal]],
    registered: dict[str, Business],
    rules: EligibilityRules,
) -> None:
    """Note proposals whose name matches another NIK's with the same birth date."""
    titles = tuple(rules.name_titles)
    for d in decisions:
        p = d.proposal
        if not p.nama or not p.nik:
            continue
        mine = _birth_date(registered.get(p.nik))
        if mine is None:
            continue
        others = [
            o.row
            for o in by_name.get(name_key(p.nama, titles), [])
            if o.nik and o.nik != p.nik and _birth_date(registered.get(o.nik)) == mine
        ]
        if others:
            d.notes.append("possible-duplicate")
            d.notes.sort(key=NOTE_ORDER.index)
            d.related_rows["possible-duplicate"] = others


def _birth_date(business: Business | None) -> date | None:
    if business is None:
        return None
    return business.tanggal_lahir or (nik_birth_date(business.nik) if business.nik else None)


@lru_cache(maxsize=64)
def _occupation_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=65536)
def name_key(name: str, titles: tuple[str, ...]) -> str:
    """Fold a person's name for comparison, dropping titles (H., Hj., Dr.) and degrees (S.Pd.)."""
    folded_titles = _folded_titles(titles)
    main, *_degrees = name.split(",")  # 'Wa Ode Hasnah, S.Pd., M.Si.'
    words = [w for w in re.split(r"\s+", main.strip()) if w]
    kept = [w for w in words if fold(w) not in folded_titles or len(words) == 1]
    return fold("".join(kept))


@lru_cache(maxsize=64)
def _folded_titles(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(t) for t in titles)
