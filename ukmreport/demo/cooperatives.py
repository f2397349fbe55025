"""The cooperatives workbook (``data_koperasi.xlsx``): the register and the health assessments.

Sheet ``Data Koperasi`` has a two-row header (rows 4-5: ``MODAL (Rp)`` merged over ``Modal
Sendiri``/``Modal Luar``, other labels merged down both rows; data from row 6) and sheet
``Penilaian Kesehatan`` a header at row 4. With E = 31 December of ``today``'s year about 40% hold
a current RAT and 20% are inactive; about 25 come out ``sehat``, two score >= 80 without a current
RAT, and scores of exactly 80 and 79.75 sit on the boundary; one ``sehat`` cooperative has 7
members, below the legal minimum, and is kept from recognition. About 40% of the assessments of
fiscal years from 2021 on follow the 2021 guideline (four aspects), the others the 2016 one;
``Pedoman`` names the guideline on most rows (the others tell it by the columns filled) and
``Predikat`` holds the category the assessor wrote on about 60%. Planted: one register row of an
unknown type, one cooperative entered twice, one assessment out of range and one lacking an
aspect of its guideline (an older valid one decides each), one predikat that is not the category
its score gives, and one assessment of a cooperative not in the register.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ukmreport.demo.people import People
from ukmreport.demo.values import cum_weights, date_text, day_between
from ukmreport.demo.workbook import FIRST_ROW, HEAD_STYLE, HEADER_ROW, put, save, sheet, styled, title

if TYPE_CHECKING:
    from ukmreport.settings import Settings

COOP_FILE = "data_koperasi.xlsx"
COOP_HEADERS = (
    "No",
    "Nama Koperasi",
    "Jenis Koperasi",
    "No Badan Hukum",
    "Tanggal Badan Hukum",
    "NIK Koperasi",
    "Alamat",
    "Kecamatan",
    "Jumlah Anggota",
    "Tahun Buku RAT",
    "Tanggal RAT",
    "Modal Sendiri",
    "Modal Luar",
    "Aset",
    "Volume Usaha",
    "SHU",
)
# settings.cooperatives.aspect_max key -> column header of Penilaian Kesehatan
ASPECT_HEADERS = {
    "permodalan": "Permodalan",
    "kualitas_aktiva_produktif": "Kualitas Aktiva Produktif",
    "manajemen": "Manajemen",
    "efisiensi": "Efisiensi",
    "likuiditas": "Likuiditas",
    "kemandirian_pertumbuhan": "Kemandirian dan Pertumbuhan",
    "jatidiri_koperasi": "Jatidiri Koperasi",
}
ASPECT_HEADERS_2021 = {
    "tata_kelola": "Tata Kelola",
    "profil_risiko": "Profil Risiko",
    "kinerja_keuangan": "Kinerja Keuangan",
}
ASSESS_HEADERS = (
    "No",
    "No Badan Hukum",
    "Nama Koperasi",
    "Tahun Buku",
    "Pedoman",
    "Predikat",
    *ASPECT_HEADERS.values(),
    *ASPECT_HEADERS_2021.values(),
)
# Each aspect field, in the order of its column (both guidelines share Permodalan).
ASPECT_FIELDS = (*ASPECT_HEADERS, *ASPECT_HEADERS_2021)
FIRST_2021_YEAR = 2021  # the 2021 guideline scores fiscal years from this one on
SHARE_2021 = 0.4
SEHAT_KEPT_OUT_MEMBERS = 7  # the sehat cooperative below the legal minimum of members


def _points(r: random.Random, total: float, maxes: list[float]) -> list[float]:
    """Aspect points (quarter steps, each within its maximum) summing exactly to total."""
    q = [min(int(m * 4), max(0, round(m * 4 * (total / 100 + r.uniform(-0.1, 0.1))))) for m in maxes]
    diff = round(total * 4) - sum(q)
    while diff:
        i, step = r.randrange(len(q)), 1 if diff > 0 else -1
        if 0 <= q[i] + step <= maxes[i] * 4:
            q[i] += step
            diff -= step
    return [x / 4 for x in q]


def _band(score: float, guideline: str, settings: Settings) -> str:
    """The category a score falls in by its guideline's bands, before the RAT rule."""
    bands = settings.cooperatives.bands(guideline)
    if score >= bands[0]:
        return "sehat"
    return (
        "cukup_sehat" if score >= bands[1] else "dalam_pengawasan" if score >= bands[2] else "dalam_pengawasan_khusus"
    )


def _category(score: float | None, guideline: str | None, compliant: bool, settings: Settings) -> str:
    if score is None or guideline is None:
        return "tidak_dinilai"
    band = _band(score, guideline, settings)
    if band == "sehat" and not compliant and settings.cooperatives.require_rat_for_sehat:
        return "cukup_sehat"
    return band


def _assessment_row(
    g: People, c: dict[str, Any], year: int, score: float, guideline: str, predikat: str | None = None
) -> list[Any]:
    """One Penilaian Kesehatan row from No Badan Hukum on: points by the guideline adding up to score."""
    r, s = g.r, g.settings
    maxima = s.cooperatives.aspect_maxima(guideline)
    points = dict(zip(maxima, _points(r, score, [float(m) for m in maxima.values()]), strict=True))
    pedoman = int(guideline) if r.random() < (0.75 if guideline == "2021" else 0.5) else None
    if predikat is None and r.random() < 0.6:
        predikat = r.choice(g.words.predicates[_band(score, guideline, s)])
    return [c["bh"], c["nama"], year, pedoman, predikat, *(points.get(a) for a in ASPECT_FIELDS)]


def _column(field: str) -> str:
    """The Penilaian Kesehatan column letter of an aspect field or of Predikat."""
    return get_column_letter(6 if field == "predikat" else 7 + ASPECT_FIELDS.index(field))


def draw_cooperatives(
    g: People, n: int
) -> tuple[list[dict[str, Any]], list[tuple[list[Any], dict[str, Any] | None]], dict[str, Any]]:
    """The register's cooperatives, the assessment rows, and what was planted (see the module docstring)."""
    r, y, s = g.r, g.today.year, g.settings
    words, local = g.words, g.local
    f_due = y - 1  # E = 31 December of today's year, on/after 30 June
    types, type_cw = cum_weights(words.coop_types)
    used_names: set[str] = set()
    coops = []
    seqs = sorted(r.sample(range(100, 100 + 20 * n), n + 1))  # unique register numbers
    for i in range(n):
        jenis = r.choices(types, cum_weights=type_cw)[0]
        k = r.randrange(len(g.region.kecamatan))
        kec = g.region.kecamatan[k]
        for attempt in range(50):
            nama = r.choice(words.coop_names[jenis]).format(
                w=r.choice(local.coop_words), o=f"{r.choice(words.offices)} {g.region.name}", k=r.choice(kec.kelurahan)
            )
            nama += f" {r.choice(kec.kelurahan)}" if attempt > 20 else ""
            if nama not in used_names:
                break
        used_names.add(nama)
        bh_year = min(y - 1, 1985 + int(r.triangular(0, y - 1985, y - 1995)))
        bh_date = date(bh_year, r.randint(1, 12), r.randint(1, 28))
        if bh_year >= 2016:
            bh = f"AHU-{seqs[i] * 1000 + r.randrange(1000):07d}.AH.01.26.TAHUN {bh_year}"
        else:
            old_number = local.old_register_numbers[0 if r.random() < 0.7 else 1]
            bh = old_number.format(seq=seqs[i], month=words.roman_months[bh_date.month - 1], year=bh_year)
        members = r.randint(50, 600) if "Pegawai" in nama or "KPRI" in nama else int(20 * math.exp(r.random() * 3.2))
        coops.append(
            {
                "nama": nama,
                "jenis": jenis,
                "bh": bh,
                "bh_date": bh_date,
                "kec": kec.name,
                "nik": f"{g.kec_codes[k]}{r.randrange(10**10):010d}" if r.random() < 0.6 else None,
                "alamat": f"{r.choice(local.streets)} No. {r.randint(1, 120)}, Kel. {r.choice(kec.kelurahan)}",
                "members": members,
                "tb": None,
                "rat": None,
                "money": [None] * 5,
            }
        )
    order = list(range(n))
    r.shuffle(order)
    cuts = [round(n * c) for c in (0.40, 0.62, 0.80)]
    for pos, i in enumerate(order):
        c = coops[i]
        bucket = next((b for b, cut in enumerate(cuts) if pos < cut), 3)
        c["bucket"] = bucket
        c["tb"] = (f_due, y - 2, y - 3)[bucket] if bucket < 3 else (None if r.random() < 0.5 else y - r.randint(4, 8))
        if c["tb"] is not None and c["tb"] < c["bh_date"].year:  # founded after that year: no RAT yet
            c["tb"], c["bucket"] = None, 3
        if c["tb"] is not None and r.random() < 0.9:
            due = date(c["tb"] + 1, 6, 30)
            c["rat"] = (
                day_between(r, due + timedelta(days=1), date(c["tb"] + 1, 11, 30))
                if r.random() < 0.15
                else day_between(r, date(c["tb"] + 1, 1, 15), due)
            )
            if c["rat"] > g.today:
                c["rat"] = day_between(r, date(c["tb"] + 1, 1, 1), g.today)
        if c["tb"] is not None or r.random() < 0.4:
            ms = int(c["members"] * r.uniform(0.3, 5)) * 1_000_000
            ml = int(ms * r.uniform(0, 1.5)) // 100_000 * 100_000
            volume = int((ms + ml) * r.uniform(0.3, 2)) // 100_000 * 100_000
            shu = (
                -r.randint(1, 40) * 1_000_000
                if r.random() < 0.06
                else int(volume * r.uniform(0.01, 0.08)) // 1000 * 1000
            )
            c["money"] = [ms, ml, ms + ml, volume, shu]
    for x in r.sample(range(n), max(1, round(n * 3 / 159))):
        coops[x]["members"] = r.randint(5, 8)
    coops.sort(key=lambda c: c["bh_date"])
    syariah = r.randrange(n)
    coops[syariah]["jenis_text"] = "Koperasi Syariah"
    valid = [i for i in range(n) if i != syariah]
    # --- health: plan the categories, then draw points that add up to each planned score
    scale = n / 159
    want = {
        k: max(1, round(v * scale))
        for k, v in {"sehat": 25, "cukup_sehat": 35, "dalam_pengawasan": 32, "dalam_pengawasan_khusus": 15}.items()
    }

    def ksp_first(ids: list[int]) -> list[int]:
        return sorted(ids, key=lambda i: (coops[i]["jenis"] != "Simpan Pinjam", r.random()))

    compliant = [i for i in valid if coops[i]["bucket"] == 0]
    sehat = ksp_first(compliant)[: want["sehat"]]
    capped = ksp_first([i for i in valid if coops[i]["bucket"] in (1, 2)])[:2]
    rest = [i for i in valid if i not in sehat and i not in capped]
    dup_src = rest.pop(r.randrange(len(rest)))  # re-entered at the bottom; left unassessed
    n_rest = want["cukup_sehat"] + want["dalam_pengawasan"] + want["dalam_pengawasan_khusus"]
    assessed = ksp_first(rest)[:n_rest]
    assessed.sort(key=lambda i: min(coops[i]["bucket"], 2) + r.random() * 1.5)
    c1, c2 = want["cukup_sehat"], want["cukup_sehat"] + want["dalam_pengawasan"]
    bands = {"cukup_sehat": (66, 79.75), "dalam_pengawasan": (51, 65.75), "dalam_pengawasan_khusus": (30, 50.75)}
    plan = {i: r.randint(320, 376) / 4 for i in sehat} | {i: r.randint(324, 352) / 4 for i in capped}
    plan[sehat[0]] = 80.0
    for x, i in enumerate(assessed):
        lo, hi = bands["cukup_sehat" if x < c1 else "dalam_pengawasan" if x < c2 else "dalam_pengawasan_khusus"]
        plan[i] = r.randint(int(lo * 4), int(hi * 4)) / 4
    plan[assessed[c1 - 1]], plan[assessed[c1]], plan[assessed[c2 - 1]], plan[assessed[-1]] = 66.0, 65.75, 51.0, 50.75
    boundary = next((i for i in assessed[: c1 - 1] if coops[i]["bucket"] == 0), assessed[0])
    plan[boundary] = 79.75  # a current RAT and just short of sehat
    broken = assessed[c1 + 1]  # latest assessment out of range: an older valid one decides
    partial = assessed[c1 + 2]  # latest assessment without Profil Risiko: an older valid one decides
    wrong = next(i for i in assessed if i not in (boundary, broken, partial))  # predikat not its score's
    coops[sehat[1]]["members"] = SEHAT_KEPT_OUT_MEMBERS  # sehat, but kept from recognition

    def guideline_of(year: int) -> str:
        return "2021" if year >= FIRST_2021_YEAR and r.random() < SHARE_2021 else "2016"

    assessments: list[tuple[int, int, list[Any], dict[str, Any] | None]] = []
    deciding: dict[int, tuple[int, str]] = {}  # the fiscal year and guideline of the assessment that decides
    for i, score in plan.items():
        c = coops[i]
        year = c["tb"] if c["tb"] is not None else y - 2
        spoilt = i in (broken, partial)
        if spoilt or r.random() < 0.4:
            older = score if spoilt else max(20.0, min(97.0, score + r.randint(-32, 32) / 4))
            guideline = guideline_of(year - 1)
            assessments.append((year - 1, i, _assessment_row(g, c, year - 1, older, guideline), None))
            deciding[i] = (year - 1, guideline)
        guideline = "2021" if i == partial else guideline_of(year)
        predikat = None
        if i == wrong:
            predikat = "Cukup Sehat" if _band(score, guideline, s) == "sehat" else "Sehat"
        values = _assessment_row(g, c, year, score, guideline, predikat)
        finding = None
        if i == broken:
            field, code, severity = "permodalan", "score-out-of-range", "error"
            values[5] = s.cooperatives.aspect_maxima(guideline)["permodalan"] + 3
        elif i == partial:
            field, code, severity = "profil_risiko", "assessment-incomplete", "error"
            values[5 + ASPECT_FIELDS.index(field)] = None
        elif i == wrong:
            field, code, severity = "predikat", "predicate-mismatch", "warning"
        if i in (broken, partial, wrong):
            value = values[4] if field == "predikat" else values[5 + ASPECT_FIELDS.index(field)]
            finding = {"column": _column(field), "field": field, "code": code, "severity": severity, "value": value}
        if not spoilt:
            deciding[i] = (year, guideline)
        assessments.append((year, i, values, finding))
    assessments.sort(key=lambda a: (a[0], a[1]))
    ghost = local.old_register_numbers[0].format(seq=seqs[n], month="", year=1998)
    ghost_coop = {"bh": ghost, "nama": f'KSP "{r.choice(local.coop_words)} Lama"'}
    ghost_row = _assessment_row(g, ghost_coop, y - 2, 60.0, "2016")
    assessments.insert(r.randrange(len(assessments)), (y - 2, -1, ghost_row, None))
    # --- expectations
    expected = []
    for i, c in enumerate(coops):
        if i == syariah:
            continue
        ok = c["tb"] is not None and c["tb"] >= f_due
        active = c["tb"] is not None and c["tb"] >= y - 3
        notes = (
            (["rat-late"] if c["rat"] and c["rat"] > date(c["tb"] + 1, 6, 30) else [])
            + (["below-min-members"] if c["members"] < s.cooperatives.min_members else [])
            + (["negative-shu"] if c["money"][4] is not None and c["money"][4] < 0 else [])
        )
        score = plan.get(i)
        year, guideline = deciding.get(i, (None, None))
        oldest = f_due - (s.cooperatives.assessment_max_age_years - 1)
        if year is not None and year < oldest:  # not current: tidak dinilai (rules.md)
            score, year, guideline, notes = None, None, None, [*notes, "assessment-outdated"]
        category = _category(score, guideline, ok, s)
        kept_out = [x for x in notes if x in s.cooperatives.recognition_excludes]
        expected.append(
            {
                "index": i,
                "nomor_badan_hukum": c["bh"],
                "nama_koperasi": c["nama"],
                "category": category,
                "score": score,
                "assessment_year": year,
                "guideline": guideline,
                "rat_compliant": ok,
                "rat_on_time": ok and "rat-late" not in notes,
                "active": active,
                "candidate": category == "sehat" and ok and active and not kept_out,
                "kept_out_by": kept_out if category == "sehat" and ok and active else [],
                "reasons": (["rat-missing"] if not ok else []) + (["inactive"] if not active else []),
                "notes": notes,
            }
        )
    meta = {"syariah": syariah, "dup_src": dup_src, "ghost": ghost, "expected": expected}
    return coops, [(a[2], a[3]) for a in assessments], meta


def write_cooperative_workbook(
    path: Path,
    g: People,
    coops: list[dict[str, Any]],
    assessments: list[tuple[list[Any], dict[str, Any] | None]],
    info: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Write both sheets; return the planted ``cooperatives`` and ``assessments`` entries."""
    r = g.r
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Data Koperasi")
    title(ws, ["DATA KOPERASI", f"{g.region.name.upper()} TAHUN {g.today.year}"], len(COOP_HEADERS))
    widths = [5, 40, 15, 34, 12, 19, 40, 13, 9, 9, 12, 15, 15, 15, 15, 14]
    for c, (h, w) in enumerate(zip(COOP_HEADERS, widths, strict=True), 1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = w
        if h in ("Modal Sendiri", "Modal Luar"):
            styled(ws.cell(5, c, h), **HEAD_STYLE)
        else:
            styled(ws.cell(4, c, h), **HEAD_STYLE)
            ws.merge_cells(f"{letter}4:{letter}5")
    styled(ws.cell(4, 12, "MODAL (Rp)"), **HEAD_STYLE)
    ws.merge_cells("L4:M4")
    ws.freeze_panes = "C6"
    order = list(range(len(coops))) + [info["dup_src"]]
    row_of = {}
    for x, i in enumerate(order):
        c = coops[i]
        jenis = c.get("jenis_text") or (
            r.choice(("KSP", "Simpan Pinjam")) if c["jenis"] == "Simpan Pinjam" else c["jenis"]
        )
        rat = c["rat"] if c["rat"] is None or r.random() < 0.9 else date_text(c["rat"], r)
        put(
            ws,
            6 + x,
            [
                x + 1,
                c["nama"],
                jenis,
                c["bh"],
                c["bh_date"],
                c["nik"],
                c["alamat"],
                c["kec"],
                c["members"],
                c["tb"],
                rat,
                *c["money"],
            ],
            text_cols=(4, 6),
        )
        row_of.setdefault(i, 6 + x)
    last = 6 + len(order) + 1
    ws.cell(last, 1, "JUMLAH").font = Font(bold=True)
    ws.cell(last, 9, sum(coops[i]["members"] for i in order)).font = Font(bold=True)
    findings = [
        {
            "row": row_of[info["syariah"]],
            "column": "C",
            "field": "jenis",
            "code": "unknown-coop-type",
            "severity": "error",
            "value": "Koperasi Syariah",
        },
        {
            "row": 6 + len(coops),
            "column": "D",
            "field": "nomor_badan_hukum",
            "code": "duplicate-coop",
            "severity": "error",
            "value": coops[info["dup_src"]]["bh"],
            "duplicate_of": row_of[info["dup_src"]],
        },
    ]
    ws2 = sheet(
        wb,
        "Penilaian Kesehatan",
        ["HASIL PENILAIAN KESEHATAN KOPERASI", g.region.name.upper()],
        ASSESS_HEADERS,
        [5, 34, 40, 9, 9, 16, 11, 13, 11, 10, 10, 13, 11, 11, 11, 13],
        HEADER_ROW,
    )
    a_findings = []
    for x, (values, finding) in enumerate(assessments):
        put(ws2, FIRST_ROW + x, [x + 1, *values], text_cols=(2,))
        if finding is not None:
            a_findings.append({"row": FIRST_ROW + x, **finding})
        if values[0] == info["ghost"]:
            a_findings.append(
                {
                    "row": FIRST_ROW + x,
                    "column": "B",
                    "field": "nomor_badan_hukum",
                    "code": "assessment-unknown-coop",
                    "severity": "warning",
                    "value": values[0],
                }
            )
    save(wb, path, g.today, g.settings.office.short_name)
    rows = [{"row": row_of[e.pop("index")], **e} for e in info["expected"]]
    health: dict[str, int] = {}
    for e in rows:
        health[e["category"]] = health.get(e["category"], 0) + 1
    coop = {
        "file": path.name,
        "sheet": "Data Koperasi",
        "header_rows": [4, 5],
        "rows": rows,
        "findings": findings,
        "health": dict(sorted(health.items())),
        "rat_compliant": sum(e["rat_compliant"] for e in rows),
    }
    assess = {
        "file": path.name,
        "sheet": "Penilaian Kesehatan",
        "header_row": HEADER_ROW,
        "rows": len(assessments),
        "findings": a_findings,
    }
    return coop, assess
