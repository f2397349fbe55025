"""The demo's word lists, read from the data files beside this module.

``words.toml`` holds the generic Indonesian lists (months, given names, jobs, sectors, aid
programs, cooperative name patterns); ``kota_baubau.toml`` holds what belongs to Kota Baubau and
Buton (streets, neighbouring NIK codes and towns, Butonese names and words, banks, register
numbers). A region without a file of its own (named after it: "Kabupaten Buton" ->
kabupaten_buton.toml) gets ``neutral.toml``, completed from its region file: birthplaces are its
seat and kecamatan, and no NIK of "elsewhere" is its own. Files are read once; lists keep the
files' order, which the seeded draws depend on.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ukmreport.office.region import Region

LOCAL_WORDS_FILE = "kota_baubau.toml"
NEUTRAL_WORDS_FILE = "neutral.toml"

Weighted = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Bank:
    name: str
    weight: float
    digits: str  # account number digit groups: "4-2-6-2-1" or "10"


@dataclass(frozen=True, slots=True)
class AidProgram:
    name: str
    source: str
    amounts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Words:
    """The generic Indonesian lists of words.toml."""

    months: tuple[str, ...]
    roman_months: tuple[str, ...]
    male_names: tuple[str, ...]
    female_names: tuple[str, ...]
    degrees: tuple[str, ...]
    hajj_male: str
    hajj_female: str
    jobs: Weighted
    eligible_jobs: tuple[str, ...]
    eligible_jobs_women: tuple[str, ...]
    sector_weights: dict[str, float]
    default_sector_weight: float
    fallback_business_names: tuple[str, ...]
    phone_operators: tuple[str, ...]
    nib_prefixes: tuple[str, ...]
    aid_programs: tuple[AidProgram, ...]
    coop_types: Weighted
    coop_names: dict[str, tuple[str, ...]]
    offices: tuple[str, ...]
    predicates: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class LocalWords:
    """One region's own lists (a file shaped like kota_baubau.toml)."""

    male_prefixes: Weighted
    female_prefixes: Weighted
    surnames: tuple[str, ...]
    streets: tuple[str, ...]
    migrant_places: tuple[str, ...]
    neighbour_code: str
    neighbour_places: tuple[str, ...]
    outside: dict[str, str]  # kabupaten/kota code -> town
    business_words: tuple[str, ...]
    business_names: dict[str, tuple[str, ...]]
    banks: tuple[Bank, ...]
    coop_words: tuple[str, ...]
    old_register_numbers: tuple[str, ...]
    husband_prefix: str
    name_mismatch: str


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("ukmreport.demo").joinpath(name).read_text("utf-8"))


def _weighted(pairs: Any) -> Weighted:
    return tuple((str(item), float(weight)) for item, weight in (pairs.items() if isinstance(pairs, dict) else pairs))


def _lists(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in table.items()}


@cache
def load_words() -> Words:
    """The generic lists of the packaged words.toml."""
    d = _read("words.toml")
    names, jobs, sectors, coops = d["names"], d["jobs"], d["sectors"], d["cooperatives"]
    return Words(
        months=tuple(d["months"]),
        roman_months=tuple(d["roman_months"]),
        male_names=tuple(names["male"]),
        female_names=tuple(names["female"]),
        degrees=tuple(names["degrees"]),
        hajj_male=names["hajj_male"],
        hajj_female=names["hajj_female"],
        jobs=_weighted(jobs["weights"]),
        eligible_jobs=tuple(jobs["eligible"]),
        eligible_jobs_women=tuple(jobs["eligible_women"]),
        sector_weights=dict(_weighted(sectors["weights"])),
        default_sector_weight=float(sectors["default_weight"]),
        fallback_business_names=tuple(sectors["fallback_business_names"]),
        phone_operators=tuple(d["contacts"]["phone_operators"]),
        nib_prefixes=tuple(d["contacts"]["nib_prefixes"]),
        aid_programs=tuple(AidProgram(p["name"], p["source"], tuple(p["amounts"])) for p in d["aid_programs"]),
        coop_types=_weighted(coops["types"]),
        coop_names=_lists(coops["names"]),
        offices=tuple(coops["offices"]),
        predicates=_lists(coops["predicates"]),
    )


@cache
def load_local_words(name: str = LOCAL_WORDS_FILE) -> LocalWords:
    """One region's lists from a packaged file; Kota Baubau's unless told."""
    d = _read(name)
    return LocalWords(
        male_prefixes=_weighted(d["name_prefixes_male"]),
        female_prefixes=_weighted(d["name_prefixes_female"]),
        surnames=tuple(d["surnames"]),
        streets=tuple(d["streets"]),
        migrant_places=tuple(d["migrant_places"]),
        neighbour_code=d["neighbour"]["code"],
        neighbour_places=tuple(d["neighbour"]["places"]),
        outside=dict(d["outside"]),
        business_words=tuple(d["businesses"]["words"]),
        business_names=_lists(d["businesses"]["names"]),
        banks=tuple(Bank(bank, float(v["weight"]), v["digits"]) for bank, v in d["banks"].items()),
        coop_words=tuple(d["cooperatives"]["words"]),
        old_register_numbers=tuple(d["cooperatives"]["old_register_numbers"]),
        husband_prefix=d["planted"]["husband_prefix"],
        name_mismatch=d["planted"]["name_mismatch"],
    )


def local_words_file(region: Region) -> str | None:
    """The packaged file of the region's own lists ("Kota Baubau" -> kota_baubau.toml), if there is one."""
    name = re.sub(r"[^a-z0-9]+", "_", region.name.lower()).strip("_") + ".toml"
    if name in ("words.toml", NEUTRAL_WORDS_FILE):
        return None
    return name if resources.files("ukmreport.demo").joinpath(name).is_file() else None


def local_words_for(region: Region) -> LocalWords:
    """The region's own lists, else the neutral ones completed with the region's places."""
    own = local_words_file(region)
    if own is not None:
        return load_local_words(own)
    neutral = load_local_words(NEUTRAL_WORDS_FILE)
    outside = {code: town for code, town in neutral.outside.items() if code != region.code}
    neighbour_code, neighbour_places = neutral.neighbour_code, neutral.neighbour_places
    if neighbour_code == region.code:  # the run's own region cannot be "elsewhere"
        neighbour_code, town = next(iter(outside.items()))
        neighbour_places = (town,)
        del outside[neighbour_code]
    return replace(
        neutral,
        migrant_places=tuple(k.name for k in region.kecamatan if k.name != region.city) or (region.city,),
        neighbour_code=neighbour_code,
        neighbour_places=neighbour_places,
        outside=outside,
    )
