"""Read an amount written in Indonesian words back as a number (the inverse of num2words lang="id")."""

from __future__ import annotations

_UNITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}


def words_to_int(words: str) -> int | None:
    """'seratus empat puluh juta' → 140000000; None for anything that is not a number in words."""
    total = group = small = 0
    seen = False
    for word in words.lower().replace("-", " ").split():
        seen = True
        if word in _UNITS:
            small += _UNITS[word]
        elif word == "belas" and 0 < small < 10:
            small += 10
        elif word == "puluh" and 0 < small < 10:
            small *= 10
        elif word == "ratus" and 0 < small < 10:
            group, small = group + small * 100, 0
        elif word == "seratus":
            group, small = group + 100, 0
        elif word == "seribu":
            total += 1000
        elif word in _SCALES:
            total, group, small = total + (group + small) * _SCALES[word], 0, 0
        else:
            return None
    return total + group + small if seen else None


def rupiah_words_to_int(words: str) -> int | None:
    """'tujuh juta rupiah' → 7000000; an amount with sen (cents) is not a whole-rupiah total: None."""
    text = " ".join(words.lower().split())
    if not text.endswith(" rupiah"):
        return None
    return words_to_int(text.removesuffix(" rupiah"))
