"""The cooperatives report: health, RAT compliance, recognition candidates, inactive ones."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ukmreport import formatting as fmt
from ukmreport.messages import category_text, reason_text
from ukmreport.models import HEALTH_CATEGORIES, CooperativeDecision, Dataset
from ukmreport.period import Period
from ukmreport.reports.common import doc_info, letterhead, place_date, signature
from ukmreport.reports.contexts import CountRow, Figure, GroupReason, KoperasiContext, KoperasiGroup, KoperasiRow
from ukmreport.reports.declaration import Report
from ukmreport.rules.explanations import group_sentence, row_fact
from ukmreport.settings import Settings

COOP_TYPES = ("Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa")


def build(
    decisions: list[CooperativeDecision], data: Dataset, settings: Settings, period: Period, today: date
) -> KoperasiContext:
    lang = settings.lang
    total = len(decisions)
    compliant = sum(1 for d in decisions if d.rat_compliant)
    active = sum(1 for d in decisions if d.active)
    on_time = sum(1 for d in decisions if d.rat_on_time)
    excludes = ", ".join(reason_text(n, lang).lower() for n in settings.cooperatives.recognition_excludes)
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
        groups=groups(decisions, due, lang, excludes),
        excludes=excludes,
        weights=_weights(settings),
        errors_note=(
            f"{fmt.number(excluded)} baris koperasi mengandung kesalahan dan tidak dinilai; lihat laporan validasi."
            if excluded
            else ""
        ),
    )


def groups(decisions: list[CooperativeDecision], due: int, lang: str = "id", excludes: str = "") -> list[KoperasiGroup]:
    """Every cooperative once: first the recognition candidates, the sehat ones kept from recognition
    by a note and the inactive ones (the lists an office acts on), then the other active ones by
    health category."""
    ordered = _ordered(decisions)
    recognition = [d for d in ordered if d.candidate]
    kept_out = [d for d in ordered if d.kept_out_by]
    inactive = [d for d in ordered if not d.active]
    rest = [d for d in ordered if d.active and not d.candidate and not d.kept_out_by]
    without = f", tanpa catatan: {excludes}" if excludes else ""
    out = [
        _group(
            "penghargaan",
            f"Calon penerima penghargaan ({len(recognition)})",
            f"Koperasi berkategori sehat yang aktif dan telah melaksanakan RAT tahun buku {due}{without}.",
            recognition,
            1,
            lang,
        ),
    ]
    if kept_out:
        out.append(
            _group(
                "tidak-diusulkan",
                f"Sehat, tetapi tidak diusulkan ({len(kept_out)})",
                "Berkategori sehat, aktif dan telah melaksanakan RAT, tetapi tertahan oleh catatan di bawah ini.",
                kept_out,
                1,
                lang,
            )
        )
    out.append(
        _group(
            "tidak-aktif",
            f"Koperasi tidak aktif: calon pemeriksaan pembubaran ({len(inactive)})",
            "Tidak melaksanakan RAT dalam tiga tahun terakhir; tahun buku RAT terakhirnya di kolom RAT terakhir.",
            inactive,
            1,
            lang,
        )
    )
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
    reasons, own = _reasons(members, lang)
    rows = [_row(i, d, lang, own) for i, d in enumerate(members, 1)]
    anggota = sum(d.cooperative.jumlah_anggota or 0 for d in members)
    return KoperasiGroup(
        key=key,
        title=title,
        note=note,
        reasons=reasons,
        rows=rows,
        total=f"Jumlah: {fmt.number(len(rows))} koperasi, {fmt.number(anggota)} anggota",
        part=part,
    )


def _codes(d: CooperativeDecision) -> list[str]:
    """The cooperative's reasons, notes and a lowered category, in that order."""
    return [*d.reasons, *d.notes, *(["score-capped"] if "score-capped" in d.facts else [])]


def _reasons(members: list[CooperativeDecision], lang: str) -> tuple[list[GroupReason], set[str]]:
    """Each reason and note of the group once, with the facts its cooperatives share and how many it
    covers; and the codes whose facts differ from row to row (shown in the rows' Keterangan)."""
    order = list(dict.fromkeys(code for d in members for code in _codes(d)))
    reasons: list[GroupReason] = []
    own: set[str] = set()
    for code in order:
        having = [d for d in members if code in _codes(d)]
        facts = [d.facts.get(code) or {} for d in having]
        shared = {k: v for k, v in facts[0].items() if all(f.get(k) == v for f in facts)}
        shorts = {row_fact(code, f, lang) for f in facts}
        every = len(having) == len(members)
        text, column = group_sentence(code, shared, lang), ""
        if text[1:2].islower():  # listed after a colon: 'tidak ada RAT …', but 'RAT …' and 'SHU …' stay
            text = text[0].lower() + text[1:]
        if shorts == {None}:
            column = "" if every else "Status RAT"
        elif every and len(shorts) == 1 and len(having) > 1:
            text = f"{text}: {shorts.pop()}"  # the same few words for every row: said here, not row by row
        else:
            own.add(code)
            column = "Keterangan"
        reasons.append(
            GroupReason(
                text=text, every=every, count=fmt.number(len(having)), column=column, note=code not in having[0].reasons
            )
        )
    return reasons, own


def _ordered(decisions: list[CooperativeDecision]) -> list[CooperativeDecision]:
    """Best first: category, then score, then name."""
    rank = {c: i for i, c in enumerate(HEALTH_CATEGORIES)}
    return sorted(
        decisions,
        key=lambda d: (rank[d.category], -(d.score or 0), (d.cooperative.nama_koperasi or "").lower()),
    )


def _share(part: int, whole: int) -> str:
    return fmt.percent(part / whole) if whole else "–"


def _assessment(d: CooperativeDecision) -> str:
    """'(2024, pedoman 2021)': the fiscal year and guideline a score came from, shown under it."""
    if d.score is None:
        return ""
    return f"({d.assessment_year}, pedoman {d.guideline})"


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
        return "Belum pernah"
    if not d.rat_compliant:
        return "Belum RAT"
    return "Terlambat" if "rat-late" in d.notes else "Tepat waktu"


def _row(no: int, d: CooperativeDecision, lang: str, own: set[str]) -> KoperasiRow:
    """One cooperative; its reasons and notes only as the facts of its own that the group's
    sentences above the table (the codes not in own) do not already say."""
    c = d.cooperative
    facts = {code: row_fact(code, d.facts.get(code), lang) for code in _codes(d) if code in own}
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
        penilaian=_assessment(d),
        kategori=category_text(d.category, lang),
        kategori_key=d.category,
        alasan=[text for code, text in facts.items() if text and code in d.reasons],
        catatan=[text for code, text in facts.items() if text and code not in d.reasons],
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
