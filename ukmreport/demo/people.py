"""Business owners for one region: NIKs unique by construction, names, birthplaces, their business.

`People` draws everything from one ``random.Random``; an `Owner` is one person with one business,
the values as they are (the businesses sheet writes them with the mess staff leave). Every owner has
a family card number (No. KK): the kecamatan's code, the card's issue date (DDMMYY), a serial; now
and then two owners of one household share a card.
"""

from __future__ import annotations

import math
import random
from array import array
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ukmreport.demo.values import cum_weights, day_between
from ukmreport.demo.words import load_words, local_words_for

if TYPE_CHECKING:
    from ukmreport.office.region import Region
    from ukmreport.settings import Settings

BIRTH_FIRST, BIRTH_LAST = date(1955, 1, 1), date(2003, 12, 31)
BIRTH_DAYS = (BIRTH_LAST - BIRTH_FIRST).days + 1
KK_FIRST = date(2005, 1, 1)  # the cards in use: issued (or reissued) since the e-KTP era began
SHARED_KK = 0.04  # the share of owners whose family card is one an earlier owner of the kecamatan holds


@dataclass(slots=True)
class Owner:
    nik: str
    nama: str
    given: str
    female: bool
    place: str
    birth: date
    kec: int
    kel: str
    alamat: str
    phone: str | None
    usaha: str
    sector: str
    nib: str | None
    founded: int | None
    aset: int
    omzet_bulan: int
    workers: int | None
    job: str
    kur: bool
    bank: str | None
    account: str | None
    account_name: str | None
    registered: date
    kk: str


def _account_number(r: random.Random, pattern: str) -> str:
    """Account number by group lengths: '4-2-6-2-1' (BRI, dashes kept sometimes) or '10'."""
    groups = [f"{r.randrange(10 ** int(g)):0{g}d}" for g in pattern.split("-")]
    return "-".join(groups) if len(groups) > 1 and r.random() < 0.4 else "".join(groups)


class People:
    """Draws people and businesses for one region from one Random; NIKs are unique by construction."""

    def __init__(self, rng: random.Random, today: date, region: Region, settings: Settings) -> None:
        self.r, self.today, self.region, self.settings = rng, today, region, settings
        self.words, self.local = load_words(), local_words_for(region)
        self.kec_codes = [k.code.replace(".", "") for k in region.kecamatan]
        self.neighbour = [f"{self.local.neighbour_code}{d:02d}" for d in range(1, 13)]
        self.others = [f"{code}{d:02d}" for code in self.local.outside for d in (1, 2, 3)]
        prefixes = self.kec_codes + self.neighbour + self.others
        self._prefix_index = {p: i for i, p in enumerate(prefixes)}
        # Last serial used per (prefix, birth date, sex): real serials run per district and day.
        self._serials = array("H", bytes(2 * 2 * len(prefixes) * BIRTH_DAYS))
        self.sectors = list(settings.sectors)
        weights = self.words.sector_weights
        self._sector_cw = cum_weights(
            tuple((s, weights.get(s, self.words.default_sector_weight)) for s in self.sectors)
        )[1]
        self._male_cw, self._female_cw = cum_weights(self.local.male_prefixes), cum_weights(self.local.female_prefixes)
        self._jobs_cw = cum_weights(self.words.jobs)
        self._banks_cw = cum_weights(tuple((b.name, b.weight) for b in self.local.banks))
        self._account_digits = {b.name: b.digits for b in self.local.banks}
        self._cards: list[list[str]] = [[] for _ in region.kecamatan]  # family cards issued, per kecamatan

    def kk(self, k: int, birth: date, registered: date) -> str:
        """A family card number: the kecamatan's code, the issue date DDMMYY, a serial (never 0000).

        Sometimes the card of an earlier owner of the same kecamatan: a husband and wife who both
        run a business are one household.
        """
        r, cards = self.r, self._cards[k]
        if cards and r.random() < SHARED_KK:
            return r.choice(cards)
        adult = date(birth.year + 17, birth.month, min(birth.day, 28))
        issued = day_between(r, max(KK_FIRST, adult), registered)
        card = f"{self.kec_codes[k]}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}{r.randint(1, 9999):04d}"
        if len(cards) < 50:
            cards.append(card)
        else:
            cards[r.randrange(50)] = card
        return card

    def nik(self, prefix: str, birth: date, female: bool) -> str:
        """A new NIK: district prefix, birth date (day + 40 for women), the next serial of that day."""
        key = (self._prefix_index[prefix] * BIRTH_DAYS + (birth - BIRTH_FIRST).days) * 2 + female
        serial = self._serials[key] + 1 if self._serials[key] else self.r.randint(1, 40)
        if serial > 9999:
            raise ValueError("more than 9999 people share a district and birth date")
        self._serials[key] = serial
        return f"{prefix}{birth.day + 40 * female:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"

    def name(self, female: bool) -> tuple[str, str]:
        """(full name, given name)."""
        r, words = self.r, self.words
        items, cum = self._female_cw if female else self._male_cw
        prefix = r.choices(items, cum_weights=cum)[0]
        given = r.choice(words.female_names if female else words.male_names)
        if prefix == "Nur" and given.startswith("Nur"):
            prefix = ""
        surname = " " + r.choice(self.local.surnames) if r.random() < 0.45 else ""
        return (f"{prefix} " if prefix else "") + given + surname, given

    def _prefix(self, k: int) -> str:
        u = self.r.random()
        if u < 0.75:
            return self.kec_codes[k]
        if u < 0.85:
            return self.r.choice(self.kec_codes)
        return self.r.choice(self.neighbour) if u < 0.97 else self.r.choice(self.others)

    def _place(self, prefix: str) -> str:
        r, local = self.r, self.local
        if prefix[:4] == self.region.code:
            return (
                (self.region.city if r.random() < 0.9 else self.region.name)
                if r.random() < 0.8
                else r.choice(local.migrant_places)
            )
        if prefix[:4] == local.neighbour_code:
            return r.choice(local.neighbour_places) if r.random() < 0.85 else self.region.city
        return local.outside[prefix[:4]]

    def amounts(self, size: str) -> tuple[int, int, int]:
        """(assets, monthly turnover, workers) for a size class by annual turnover (PP 7/2021)."""
        r = self.r

        def logu(lo: float, hi: float, step: int, skew: float = 1.0) -> int:
            return int(round(math.exp(math.log(lo) + (math.log(hi) - math.log(lo)) * r.random() ** skew) / step)) * step

        if size == "mikro":
            return logu(5e5, 3e8, 100_000, 1.4), logu(2e6, 1.25e8, 50_000, 1.6), r.choice((0, 1, 1, 1, 2, 2, 3, 4))
        if size == "kecil":
            return logu(3e8, 4e9, 10_000_000), logu(1.75e8, 1.2e9, 5_000_000), r.randint(5, 19)
        return logu(5e9, 9.5e9, 100_000_000), logu(1.3e9, 4e9, 50_000_000), r.randint(20, 99)

    def owner(
        self,
        *,
        eligible: bool = False,
        female: bool | None = None,
        prefix: str | None = None,
        birth: date | None = None,
        name: str | None = None,
        registered: date | None = None,
    ) -> Owner:
        """A random owner; `eligible` draws a clean grant candidate (micro, no KUR, own account, no titles)."""
        r, words, local = self.r, self.words, self.local
        female = r.random() < 0.55 if female is None else female
        nama, given = self.name(female)
        if name is not None:
            nama, given = name, name.split()[-1]
        if birth is None:
            birth = BIRTH_FIRST + timedelta(days=int(r.triangular(0, BIRTH_DAYS - 1, BIRTH_DAYS * 0.55)))
        k = r.randrange(len(self.region.kecamatan))
        kec = self.region.kecamatan[k]
        if prefix is None:
            prefix = self.kec_codes[k] if eligible else self._prefix(k)
        nik = self.nik(prefix, birth, female)
        sector = self.sectors[r.choices(range(len(self.sectors)), cum_weights=self._sector_cw)[0]]
        patterns = local.business_names.get(sector, words.fallback_business_names)
        usaha = r.choice(patterns).format(n=given, w=r.choice(local.business_words))
        sector_text = sector
        aliases = self.settings.sectors[sector]
        if aliases and r.random() < 0.2:
            sector_text = " ".join(w if w == "dan" else w.capitalize() for w in r.choice(aliases).split())
        size = "mikro" if eligible else r.choices(("mikro", "kecil", "menengah"), cum_weights=(91, 99, 100))[0]
        aset, omzet, workers = self.amounts(size)
        if eligible:
            job = r.choice(words.eligible_jobs + words.eligible_jobs_women if female else words.eligible_jobs)
        else:
            job = r.choices(self._jobs_cw[0], cum_weights=self._jobs_cw[1])[0]
            if job == "Ibu Rumah Tangga" and not female:
                job = "Wiraswasta"
        if sector == "Perikanan" and job in ("Wiraswasta", "Pedagang") and r.random() < 0.6:
            job = "Nelayan"
        plain = nama
        if not eligible and r.random() < 0.05:
            if r.random() < 0.6:
                nama = f"{words.hajj_female if female else words.hajj_male} {nama}"
            else:
                nama = f"{nama}, {r.choice(words.degrees)}"
        bank = account = account_name = None
        if eligible or r.random() < 0.8:
            bank = r.choices(self._banks_cw[0], cum_weights=self._banks_cw[1])[0]
            account = _account_number(r, self._account_digits[bank])
            account_name = nama if eligible else (plain.upper() if r.random() < 0.25 else plain)
            if bank == "BRI" and r.random() < 0.3:
                bank = "Bank BRI"
        registered = registered or self.today - timedelta(days=r.randint(0, 1095))
        first_year = min(max(birth.year + 18, registered.year - 25), registered.year)
        founded = r.randint(first_year, registered.year) if r.random() < 0.9 else None
        phone = None
        if eligible or r.random() < 0.9:
            digits = "08" + r.choice(words.phone_operators) + f"{r.randrange(10**8):08d}"[: r.choice((7, 8))]
            u = r.random()
            phone = (
                digits if u < 0.6 else f"{digits[:4]}-{digits[4:8]}-{digits[8:]}" if u < 0.85 else "+62" + digits[1:]
            )
        alamat = f"{r.choice(local.streets)} No. {r.randint(1, 150)}"
        if r.random() < 0.4:
            alamat += f", RT {r.randint(1, 12):03d}/RW {r.randint(1, 6):03d}"
        nib = f"{r.choice(words.nib_prefixes)}{r.randrange(10**11):011d}" if r.random() < 0.45 else None
        kur = False if eligible else r.random() < 0.08
        return Owner(
            nik,
            nama,
            given,
            female,
            self._place(prefix),
            birth,
            k,
            r.choice(kec.kelurahan),
            alamat,
            phone,
            usaha,
            sector_text,
            nib,
            founded,
            aset,
            omzet,
            workers if r.random() < 0.9 else None,
            job,
            kur,
            bank,
            account,
            account_name,
            registered,
            self.kk(k, birth, registered),
        )
