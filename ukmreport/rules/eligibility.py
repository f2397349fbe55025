"""Grant eligibility (rules.md): one decision per proposal row, every reason that applies."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from functools import lru_cache

from ukmreport import formatting as fmt
from ukmreport.models import AidRecord, Business, Finding, Proposal, ProposalDecision
from ukmreport.rules.size import SIZE_CLASSES, size_class
from ukmreport.settings import EligibilityRules
from ukmreport.validate import fold, nik_birth_date

REASON_ORDER = (
    "invalid-nik",
    "invalid-data",
    "not-registered",
    "business-row-invalid",
    "not-micro",
    "civil-servant",
    "receiving-kur",
    "no-bank-account",
    "duplicate-proposal",
    "already-received",
)
NOTE_ORDER = ("account-name-mismatch", "recent-aid", "possible-duplicate", "nik-outside-region", "name-mismatch")
GRANTED = ("Disetujui", "Disalurkan")
# The checks the letter may state (usulan), each passed only on data that supports it.
CHECKS = ("nik", "registered", "micro", "occupation", "kur", "not-duplicate", "not-received", "account", "own-account")
RowKey = tuple[str, str, int]


def decide_proposals(
    proposals: list[Proposal],
    businesses: list[Business],
    aid_history: list[AidRecord],
    rules: EligibilityRules,
    region_code: str,
    findings: list[Finding] | None = None,
    columns: dict[tuple[str, str], dict[str, str]] | None = None,
) -> list[ProposalDecision]:
    """Decide every proposal row; indexes are built once so the whole pass is linear.

    `findings` let a reason name the bad cells of a row; `columns` (file, sheet -> field ->
    letter) tell which businesses sheets have a column at all, so the letter claims no check a
    sheet could not support.
    """
    registered: dict[str, Business] = {}
    recorded: dict[str, Business] = {}  # first row of each NIK, with or without errors
    for b in businesses:
        if b.nik and b.nik not in recorded:
            recorded[b.nik] = b
        if b.valid and b.nik and b.nik not in registered:
            registered[b.nik] = b
    errors_at: dict[RowKey, list[Finding]] = defaultdict(list)
    for f in findings or ():
        if f.severity == "error" and f.sheet is not None and f.row is not None:
            errors_at[(f.file, f.sheet, f.row)].append(f)
    columns = columns or {}
    titles = tuple(rules.name_titles)
    aid_by_nik: dict[str, list[AidRecord]] = defaultdict(list)
    for a in aid_history:
        if a.nik and "nik" not in a.error_fields:
            aid_by_nik[a.nik].append(a)
    granted_rows: dict[tuple[str, str], list[Proposal]] = defaultdict(list)
    by_name: dict[str, list[Proposal]] = defaultdict(list)
    for p in proposals:
        if p.nik and p.program and p.status in GRANTED:
            granted_rows[(p.nik, fold(p.program))].append(p)
        if p.nama:
            by_name[name_key(p.nama, tuple(rules.name_titles))].append(p)
    occupation = _occupation_pattern(tuple(rules.excluded_occupations))
    retired = _occupation_pattern(tuple(rules.retired_words))
    first_of: dict[tuple[str, str], Proposal] = {}
    decisions = []
    for p in proposals:
        reasons: set[str] = set()
        notes: set[str] = set()
        related: dict[str, list[RowKey]] = {}
        facts: dict[str, dict[str, object]] = {}
        own_errors = errors_at.get((p.file, p.sheet, p.row), [])
        if "nik" in p.error_fields:
            reasons.add("invalid-nik")
            facts["invalid-nik"] = {"cells": [f for f in own_errors if f.field == "nik"]}
        if p.error_fields - {"nik"}:
            reasons.add("invalid-data")
            facts["invalid-data"] = {"cells": [f for f in own_errors if f.field != "nik"]}
        business = registered.get(p.nik) if p.nik else None
        size = None
        if business is None:
            broken = recorded.get(p.nik) if p.nik and "nik" not in p.error_fields else None
            if broken is not None:
                reasons.add("business-row-invalid")
                facts["business-row-invalid"] = {
                    "where": _where(broken),
                    "cells": errors_at.get((broken.file, broken.sheet, broken.row), []),
                }
            else:
                reasons.add("not-registered")
                facts["not-registered"] = {"nik": p.nik or "-"}
        else:
            where = _where(business)
            size = size_class(business, rules)
            if size != "mikro":
                reasons.add("not-micro")
                facts["not-micro"] = _size_facts(business, size, rules)
            if business.pekerjaan and occupation.search(business.pekerjaan) and not retired.search(business.pekerjaan):
                reasons.add("civil-servant")
                facts["civil-servant"] = {"pekerjaan": business.pekerjaan, "where": where}
            if business.menerima_kur:
                reasons.add("receiving-kur")
                facts["receiving-kur"] = {"where": where}
            if not business.no_rekening:
                reasons.add("no-bank-account")
                facts["no-bank-account"] = {"where": where}
            if (
                business.nama_rekening
                and business.nama
                and name_key(business.nama_rekening, titles) != name_key(business.nama, titles)
            ):
                notes.add("account-name-mismatch")
                facts["account-name-mismatch"] = {"nama_rekening": business.nama_rekening, "nama": business.nama}
            if p.nama and business.nama and name_key(p.nama, titles) != name_key(business.nama, titles):
                notes.add("name-mismatch")
                facts["name-mismatch"] = {"nama": p.nama, "nama_terdaftar": business.nama}
        program = fold(p.program) if p.program else None
        if p.nik and program:
            key = (p.nik, program)
            if key in first_of:
                reasons.add("duplicate-proposal")
                first = _where(first_of[key])
                related["duplicate-proposal"] = [first]
                facts["duplicate-proposal"] = {"program": p.program or "", "first": first, "own": (p.file, p.sheet)}
            else:
                first_of[key] = p
            own_year = _own_outcome_year(p)
            received_rows = [q for q in granted_rows.get(key, []) if q is not p]
            received_aid = [
                a for a in aid_by_nik.get(p.nik, []) if a.program and fold(a.program) == program and a.tahun != own_year
            ]
            if received_rows or received_aid:
                reasons.add("already-received")
                if received_rows:
                    related["already-received"] = [_where(q) for q in received_rows]
                records = [_aid_record(a) for a in received_aid] + [_proposal_record(q) for q in received_rows]
                facts["already-received"] = {"program": p.program or "", "records": records, "own": (p.file, p.sheet)}
        if p.nik and p.tanggal_usulan:
            year = p.tanggal_usulan.year
            own_year = _own_outcome_year(p)
            recent = []
            for a in aid_by_nik.get(p.nik, []):
                if a.tahun is None or not year - rules.recent_aid_years <= a.tahun <= year:
                    continue
                if own_year is not None and a.tahun == own_year and a.program and program == fold(a.program):
                    continue  # the record of this very grant
                recent.append(_aid_record(a))
            if recent:
                notes.add("recent-aid")
                facts["recent-aid"] = {"records": recent}
        if p.nik and "nik" not in p.error_fields and not p.nik.startswith(region_code):
            notes.add("nik-outside-region")
            facts["nik-outside-region"] = {"nik": p.nik, "region": region_code}
        decisions.append(
            ProposalDecision.model_construct(
                proposal=p,
                business=business,
                eligible=not reasons,
                reasons=[r for r in REASON_ORDER if r in reasons],
                notes=[n for n in NOTE_ORDER if n in notes],
                related_rows=related,
                size_class=size,
                waiting=False,
                facts=facts,
                checks=frozenset(),
            )
        )
    _possible_duplicates(decisions, by_name, registered, rules)
    has_history = bool(aid_by_nik)
    confirm = set(rules.confirm_notes)
    for d in decisions:
        d.waiting = d.eligible and not d.proposal.dikonfirmasi and any(n in confirm for n in d.notes)
        d.checks = _checks(d, has_history, columns) if d.eligible else frozenset()
    return decisions


def _where(row: Business | Proposal | AidRecord) -> tuple[str, str, int]:
    return (row.file, row.sheet, row.row)


def _size_facts(business: Business, size: str | None, rules: EligibilityRules) -> dict[str, object]:
    """The amount the size class came from and the micro limit it passed (not-micro)."""
    amount = business.omzet_tahunan if rules.size_basis == "omzet" else business.aset
    basis = {"omzet": ("Omzet tahunan", "Annual turnover"), "modal": ("Modal usaha", "Business capital")}
    basis_id, basis_en = basis[rules.size_basis]
    threshold = rules.size_thresholds[rules.size_standard][rules.size_basis][0]
    facts: dict[str, object] = {"basis_id": basis_id, "basis_en": basis_en, "threshold": fmt.rupiah(threshold)}
    if amount is None or size not in SIZE_CLASSES:
        facts["variant"] = "not-micro-unknown"
        return facts
    facts.update(amount=fmt.rupiah(amount), size=size)
    return facts


def _aid_record(a: AidRecord) -> dict[str, object]:
    return {
        "program": a.program or "",
        "year": str(a.tahun) if a.tahun else "",
        "file": a.file,
        "sheet": a.sheet,
        "row": str(a.row),
        "source": a.sumber or "",
    }


def _proposal_record(p: Proposal) -> dict[str, object]:
    when = p.tanggal_keputusan or p.tanggal_usulan
    return {
        "program": p.program or "",
        "year": str(when.year) if when else "",
        "file": p.file,
        "sheet": p.sheet,
        "row": str(p.row),
        "status": p.status,
    }


def _checks(d: ProposalDecision, has_history: bool, columns: dict[tuple[str, str], dict[str, str]]) -> frozenset[str]:
    """The checks an eligible proposal passed on data that could show otherwise (the letter's phrases)."""
    b = d.business
    passed = {"nik", "registered", "micro", "not-duplicate", "account"}
    if b is None:
        return frozenset()
    sheet_columns = columns.get((b.file, b.sheet))
    if b.pekerjaan:
        passed.add("occupation")
    if sheet_columns is None or "menerima_kur" in sheet_columns:
        passed.add("kur")
    if has_history:
        passed.add("not-received")
    if b.nama_rekening and ("account-name-mismatch" not in d.notes or d.proposal.dikonfirmasi):
        passed.add("own-account")
    return frozenset(passed)


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
            _where(o)
            for o in by_name.get(name_key(p.nama, titles), [])
            if o.nik and o.nik != p.nik and _birth_date(registered.get(o.nik)) == mine
        ]
        if others:
            d.notes.append("possible-duplicate")
            d.notes.sort(key=NOTE_ORDER.index)
            d.related_rows["possible-duplicate"] = others
            d.facts["possible-duplicate"] = {
                "born": fmt.short_date(mine),
                "others": others,
                "own": (p.file, p.sheet),
            }


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
