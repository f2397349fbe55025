"""The cooperatives report: health, RAT compliance, recognition candidates, inactive ones."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ukmreport import formatting as fmt
from ukmreport.messages import category_text, reason_text
from ukmreport.models import HEALTH_CATEGORIES, CooperativeDecision, Dataset
from ukmreport.period import Period
from ukmreport.reports.common import doc_info, letterhead, place_date, signature
from ukmreport.reports.contexts import CountRow, Figure, KoperasiContext, KoperasiGroup, KoperasiRow
from ukmreport.reports.declaration import Report
from ukmreport.settings import Settings

COOP_TYPES = ("Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa")


def build(
    decisions: list[CooperativeDecision], data: Dataset, settings: Settings, period: Period, today: date
) -> KoperasiContext:
    lang = settings.lang
    total = len(decisions)
    compliant = sum(1 for d in decisions if d.rat_compliant)
    active = sum(1 for d in decisions if d.active)
    categories = Counter(d.category for d in decisions)
    types = Counter(d.cooperative.jenis for d in decisions)
    kecamatan = Counter(d.cooperative.kecamatan for d in decisions)
    due = decisions[0].due_fiscal_year if decisions else 0
    excluded = sum(1 for c in data.cooperatives if not c.valid)
    figures = [
        Figure(label="Koperasi tercatat", value=fmt.number(total)),
        Figure(label="Sehat", value=fmt.number(categories["sehat"]), detail=_share(categories["sehat"], total)),
        Figure(label=f"RAT tahun buku {due}", value=fmt.number(compliant), detail=_share(compliant, total)),
        Figure(label="Tidak aktif", value=fmt.number(total - active), detail=_share(total - active, total)),
    ]
    return KoperasiContext(
        doc=doc_info(
            settings, "Keadaan Koperasi", today, subject="Kepatuhan RAT dan kesehatan koperasi", period=period.label
        ),
        letterhead=letterhead(settings),
        signature=signature(settings),
        place_date=place_date(settings, today),
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
        totals=CountRow(
            label="Jumlah", count=fmt.number(total), share=_share(total, total), amount=fmt.number(compliant)
        ),
        groups=groups(decisions, due, lang),
        errors_note=(
            f"{fmt.number(excluded)} baris koperasi mengandung kesalahan dan tidak dinilai; lihat laporan validasi."
            if excluded
            else ""
        ),
    )


def groups(decisions: list[CooperativeDecision], due: int, lang: str = "id") -> list[KoperasiGroup]:
    """Every cooperative once: first the recognition candidates and the inactive ones (the lists an
    office acts on), then the other active ones by health category."""
    ordered = _ordered(decisions)
    recognition = [d for d in ordered if d.recognition]
    inactive = [d for d in ordered if not d.active]
    rest = [d for d in ordered if d.active and not d.recognition]
    out = [
        _group(
            "penghargaan",
            f"Calon penerima penghargaan ({len(recognition)})",
            f"Koperasi berkategori sehat yang aktif dan telah melaksanakan RAT tahun buku {due}.",
            recognition,
            1,
            lang,
        ),
        _group(
            "tidak-aktif",
            f"Koperasi tidak aktif: calon pemeriksaan pembubaran ({len(inactive)})",
            "Tidak melaksanakan RAT dalam tiga tahun terakhir.",
            inactive,
            1,
            lang,
        ),
    ]
    for category in HEALTH_CATEGORIES:
        members = [d for d in rest if d.category == category]
        if members:
            note = (
                "Berkategori sehat tetapi bukan calon penghargaan: RAT tahun buku yang jatuh tempo belum dilaksanakan."
                if category == "sehat"
                else "Koperasi aktif, urut menurut skor."
            )
            title = f"{category_text(category, lang)} ({len(members)})"
            out.append(_group(category, title, note, members, 2, lang))
    return out


def _group(key: str, title: str, note: str, members: list[CooperativeDecision], part: int, lang: str) -> KoperasiGroup:
    rows = [_row(i, d, lang) for i, d in enumerate(members, 1)]
    shared = [text for text in rows[0].alasan if all(text in r.alasan for r in rows)] if len(rows) > 1 else []
    rows = [r.model_copy(update={"alasan": [t for t in r.alasan if t not in shared]}) for r in rows]
    anggota = sum(d.cooperative.jumlah_anggota or 0 for d in members)
    return KoperasiGroup(
        key=key,
        title=title,
        note=note,
        common=shared,
        rows=rows,
        total=f"Jumlah: {fmt.number(len(rows))} koperasi, {fmt.number(anggota)} anggota",
        part=part,
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
        skor=fmt.number(d.score, 2) if d.score is not None else "–",
        penilaian=f"penilaian {d.assessment_year}" if d.score is not None and d.assessment_year else "",
        kategori=category_text(d.category, lang),
        kategori_key=d.category,
        alasan=[reason_text(r, lang) for r in d.reasons]
        + (
            [reason_text("score-capped", lang)]
            if d.score is not None and d.category == "cukup_sehat" and d.score >= 80
            else []
        ),
        catatan=[reason_text(n, lang) for n in d.notes],
    )


REPORT = Report(
    name="koperasi",
    order=3,
    formats=("pdf", "html"),
    build=lambda run: build(run.decisions.cooperatives, run.data, run.settings, run.period, run.today),
    masks=("nik", "no_rekening"),  # it shows neither today; should one appear, masked
)
