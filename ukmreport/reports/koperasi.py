"""The cooperatives report: health, RAT compliance, recognition candidates, inactive ones."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ukmreport import formatting as fmt
from ukmreport.messages import category_text, reason_text
from ukmreport.models import HEALTH_CATEGORIES, CooperativeDecision, Dataset
from ukmreport.period import Period
from ukmreport.reports.common import doc_info, letterhead
from ukmreport.reports.contexts import CountRow, Figure, KoperasiContext, KoperasiRow
from ukmreport.reports.declaration import Report
from ukmreport.rules.explanations import explain
from ukmreport.settings import Settings

COOP_TYPES = ("Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa")


def build(
    decisions: list[CooperativeDecision], data: Dataset, settings: Settings, period: Period, today: date
) -> KoperasiContext:
    lang = settings.lang
    total = len(decisions)
    rows = [_row(i, d, lang) for i, d in enumerate(_ordered(decisions), 1)]
    compliant = sum(1 for d in decisions if d.rat_compliant)
    active = sum(1 for d in decisions if d.active)
    recognition = [d for d in _ordered(decisions) if d.candidate]
    kept_out = [d for d in _ordered(decisions) if d.kept_out_by]
    on_time = sum(1 for d in decisions if d.rat_on_time)
    inactive = [d for d in _ordered(decisions) if not d.active]
    categories = Counter(d.category for d in decisions)
    types = Counter(d.cooperative.jenis for d in decisions)
    kecamatan = Counter(d.cooperative.kecamatan for d in decisions)
    due = decisions[0].due_fiscal_year if decisions else 0
    excluded = sum(1 for c in data.cooperatives if not c.valid)
    figures = [
        Figure(label="Koperasi tercatat", value=fmt.number(total)),
        Figure(label="Sehat", value=fmt.number(categories["sehat"]), detail=_share(categories["sehat"], total)),
        Figure(
            label=f"RAT tahun buku {due} dilaksanakan", value=fmt.number(compliant), detail=_share(compliant, total)
        ),
        Figure(label="RAT tepat waktu", value=fmt.number(on_time), detail=_share(on_time, total)),
        Figure(label="Tidak aktif", value=fmt.number(total - active), detail=_share(total - active, total)),
    ]
    return KoperasiContext(
        doc=doc_info(
            settings, "Keadaan Koperasi", today, subject="Kepatuhan RAT dan kesehatan koperasi", period=period.label
        ),
        letterhead=letterhead(settings),
        due_fiscal_year=str(due),
        figures=figures,
        by_category=[
            CountRow(
                label=category_text(c, lang), count=fmt.number(categories[c]), share=_share(categories[c], total), key=c
            )
            for c in HEALTH_CATEGORIES
        ],
        by_type=[
            CountRow(
                label=t,
                count=fmt.number(types[t]),
                share=_share(types[t], total),
                amount=fmt.number(sum(1 for d in decisions if d.cooperative.jenis == t and d.rat_compliant)),
            )
            for t in COOP_TYPES
            if types[t]
        ],
        by_kecamatan=[
            CountRow(label=name, count=fmt.number(kecamatan[name]), share=_share(kecamatan[name], total))
            for name in sorted(k for k in kecamatan if k)
        ],
        recognition=[_row(i, d, lang) for i, d in enumerate(recognition, 1)],
        kept_out=[_row(i, d, lang) for i, d in enumerate(kept_out, 1)],
        excludes=", ".join(reason_text(n, lang).lower() for n in settings.cooperatives.recognition_excludes),
        weights=_weights(settings),
        inactive=[_row(i, d, lang) for i, d in enumerate(inactive, 1)],
        rows=rows,
        errors_note=(
            f"{fmt.number(excluded)} baris koperasi mengandung kesalahan dan tidak dinilai; lihat laporan validasi."
            if excluded
            else ""
        ),
    )


def _ordered(decisions: list[CooperativeDecision]) -> list[CooperativeDecision]:
    """Best first: category, then score, then name."""
    rank = {c: i for i, c in enumerate(HEALTH_CATEGORIES)}
    return sorted(
        decisions,
        key=lambda d: (rank[d.category], -(d.score or 0), (d.cooperative.nama_koperasi or "").lower()),
    )


def _share(part: int, whole: int) -> str:
    return fmt.percent(part / whole) if whole else "–"


def _score(d: CooperativeDecision) -> str:
    """'84,50 (2024, pedoman 2021)': a score with the fiscal year and guideline it came from."""
    if d.score is None:
        return "–"
    return f"{fmt.number(d.score, 2)} ({d.assessment_year}, pedoman {d.guideline})"


def assessed(decisions: list[CooperativeDecision]) -> str:
    """Where the categories come from: 'tahun buku 2022–2024; pedoman 2016: 80, pedoman 2021: 40 koperasi'."""
    years = sorted({d.assessment_year for d in decisions if d.guideline and d.assessment_year})
    counts = Counter(d.guideline for d in decisions)
    by = ", ".join(f"pedoman {g}: {fmt.number(counts[g])}" for g in ("2016", "2021") if counts[g])
    return f"tahun buku {years[0]}–{years[-1]}; {by} koperasi" if years else "belum ada penilaian"


def _weights(settings: Settings) -> str:
    rules = settings.cooperatives
    parts = []
    for guideline in ("2016", "2021"):
        points = ", ".join(
            f"{name.replace('_', ' ')} {fmt.number(top)}" for name, top in rules.aspect_maxima(guideline).items()
        )
        parts.append(f"pedoman {guideline}: {points}")
    return "; ".join(parts)


def rat_status(d: CooperativeDecision) -> str:
    if d.cooperative.tahun_buku_rat is None:
        return "Belum pernah RAT"
    if not d.rat_compliant:
        return "Belum RAT"
    return "Terlambat" if "rat-late" in d.notes else "Tepat waktu"


def _row(no: int, d: CooperativeDecision, lang: str) -> KoperasiRow:
    c = d.cooperative
    return KoperasiRow(
        no=no,
        nama=c.nama_koperasi or "",
        nomor_badan_hukum=c.nomor_badan_hukum or "",
        jenis=c.jenis or "",
        kecamatan=c.kecamatan or "",
        anggota=fmt.number(c.jumlah_anggota) if c.jumlah_anggota is not None else "–",
        rat_terakhir=str(c.tahun_buku_rat) if c.tahun_buku_rat else "–",
        rat_status=rat_status(d),
        skor=_score(d),
        kategori=category_text(d.category, lang),
        kategori_key=d.category,
        alasan=[explain(r, d.facts.get(r), lang) for r in d.reasons]
        + ([explain("score-capped", d.facts["score-capped"], lang)] if "score-capped" in d.facts else []),
        catatan=[explain(n, d.facts.get(n), lang) for n in d.notes],
    )


REPORT = Report(
    name="koperasi",
    personal_data=False,  # a leadership document: identifiers masked
    order=3,
    formats=("pdf", "html"),
    build=lambda run: build(run.decisions.cooperatives, run.data, run.settings, run.period, run.today),
    masks=("nik", "no_rekening"),  # it shows neither today; should one appear, masked
    empty=lambda run: None if run.decisions.cooperatives else "no cooperatives",
)
