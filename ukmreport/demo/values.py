"""Drawing helpers and cell values the way staff type them: dates, amounts, rupiah."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from ukmreport.demo.words import load_words


def cum_weights(pairs: tuple[tuple[Any, float], ...]) -> tuple[list[Any], list[float]]:
    """(items, cumulative weights) for `random.choices(items, cum_weights=...)`."""
    items, cum, total = [], [], 0.0
    for item, weight in pairs:
        total += weight
        items.append(item)
        cum.append(total)
    return items, cum


def day_between(r: random.Random, first: date, last: date) -> date:
    """A day from first to last, both included (first when last is earlier)."""
    return first + timedelta(days=r.randint(0, max(0, (last - first).days)))


def date_text(d: date, r: random.Random) -> str:
    """A date typed as text: `12-03-2023`, `12 Maret 2023` or `12/03/2023`."""
    u = r.random()
    if u < 0.5:
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    month = load_words().months[d.month - 1]
    return f"{d.day} {month} {d.year}" if u < 0.8 else f"{d.day:02d}/{d.month:02d}/{d.year}"


def _decimal(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def amount_text(v: int, r: random.Random) -> str:
    """An amount as staff type it: `7,5 juta`, `500 rb`, `1,2 M`, `Rp 2.500.000`, `Rp2.500.000,-`."""
    if v >= 1_000_000_000 and v % 100_000_000 == 0:
        return _decimal(v / 1e9) + r.choice((" M", " miliar"))
    if 1_000_000 <= v < 1_000_000_000 and v % 100_000 == 0 and r.random() < 0.6:
        return _decimal(v / 1e6) + " juta"
    if v < 1_000_000 and v % 1000 == 0:
        return f"{v // 1000} " + r.choice(("rb", "ribu"))
    s = f"{v:,}".replace(",", ".")
    return r.choice((f"Rp {s}", s, f"Rp{s},-"))


def rupiah(v: int) -> str:
    """`Rp2.500.000,-`."""
    return "Rp" + f"{v:,}".replace(",", ".") + ",-"
