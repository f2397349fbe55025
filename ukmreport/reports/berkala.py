"""The leadership's periodic report: businesses, grant proposals, cooperatives, data quality.

Laid out as a statistics publication: a foreword (a setting), the headline figures and a few
sentences of highlights written here from the figures, a page of concepts and definitions, then
one chapter per subject (berkala_tables.py) whose tables and figures are numbered, each with its
`Sumber:` line. Every figure is for the report period beside the same span of the previous one;
while the period runs, both are cut at the run's day and the report says "angka sementara".
People appear only with masked NIK and account numbers (REPORT.masks; [masking] overrides).
"""

from __future__ import annotations

from datetime import date, timedelta

from ukmreport import formatting as fmt
from ukmreport.messages import category_text
from ukmreport.period import MONTHS_ID, Period
from ukmreport.reports import berkala_tables as chapters
from ukmreport.reports.berkala_tables import GRANTED, Span, new_in, proposals_in, registered_by, share
from ukmreport.reports.common import doc_info, letterhead, place_date, signature
from ukmreport.reports.contexts import BerkalaContext, Concept, Figure, Section, Table
from ukmreport.reports.declaration import Report, Run
from ukmreport.reports.usulan import proposed
from ukmreport.settings import Settings


def spans(period: Period, today: date) -> tuple[Span, Span]:
    """The report span and the same span of the previous period: whole periods once the period has
    ended, else both cut at today's offset into them (1 Jan–4 Dec 2026 beside 1 Jan–4 Dec 2025)."""
    previous = period.previous()
    if today >= period.end or today < period.start:
        return Span(period.label, period.start, period.end), Span(previous.label, previous.start, previous.end)
    cut_before = min(previous.start + timedelta(days=(today - period.start).days), previous.end)
    return Span(_span_label(period.start, today), period.start, today), Span(
        _span_label(previous.start, cut_before), previous.start, cut_before
    )


def _span_label(start: date, end: date) -> str:
    """'1 Jan–4 Des 2026'."""
    return f"{start.day} {MONTHS_ID[start.month - 1][:3]}–{end.day} {MONTHS_ID[end.month - 1][:3]} {end.year}"


def build(run: Run) -> BerkalaContext:
    """The report for run.period, its identifiers masked as REPORT.masked(run.settings) says."""
    data, decisions, settings, period, today = run.data, run.decisions, run.settings, run.period, run.today
    both = spans(period, today)
    sections = [
        chapters.businesses(data, settings, run.region, both),
        chapters.proposals(data, decisions, both, REPORT.masked(settings)),
        chapters.cooperatives(data, decisions, settings, both),
        chapters.data_quality(data),
    ]
    provisional = f"data s.d. {fmt.long_date(today)} (angka sementara)" if period.start <= today < period.end else ""
    return BerkalaContext(
        doc=doc_info(
            settings,
            f"Laporan Berkala {period.label}",
            today,
            subject="Pelaku usaha, usulan bantuan, koperasi dan mutu data",
            period=period.label,
        ),
        letterhead=letterhead(settings),
        signature=signature(settings),
        period=period.label,
        previous=both[1].label,
        provisional=provisional,
        place_date=place_date(settings, today),
        foreword=[text.replace("{region}", settings.office.region or "") for text in settings.berkala.foreword],
        headline=_headline(run, both),
        highlights=highlights(run, both),
        concepts=concepts(settings, decisions.cooperatives[0].due_fiscal_year if decisions.cooperatives else None),
        sections=numbered(sections),
    )


def numbered(sections: list[Section]) -> list[Section]:
    """Number each chapter's tables and figures ('Tabel 2.1', 'Gambar 2.1') and give each its source."""
    out = []
    for i, section in enumerate(sections, 1):
        figure = 0
        charts = []
        for chart in section.charts:
            figure += 1
            charts.append(chart.model_copy(update={"number": f"Gambar {i}.{figure}", "source": section.source}))
        tables: list[Table] = []
        for j, table in enumerate(section.tables, 1):
            chart = table.chart
            if chart is not None:
                figure += 1
                chart = chart.model_copy(update={"number": f"Gambar {i}.{figure}", "source": section.source})
            tables.append(
                table.model_copy(update={"number": f"Tabel {i}.{j}", "source": section.source, "chart": chart})
            )
        out.append(section.model_copy(update={"charts": charts, "tables": tables}))
    return out


def _headline(run: Run, both: tuple[Span, Span]) -> list[Figure]:
    data, coops = run.data, run.decisions.cooperatives
    span, previous = both
    new_now, new_before = len(new_in(data.businesses, span)), len(new_in(data.businesses, previous))
    letter = [d for rows in proposed(run.decisions.proposals).values() for d in rows]
    sehat = sum(1 for d in coops if d.category == "sehat")
    rat = sum(1 for d in coops if d.rat_compliant)
    rows = sum(c.rows for c in data.counts.values())
    valid = sum(c.valid for c in data.counts.values())
    growth = chapters.change(new_now, new_before)
    return [
        Figure(
            label="Pelaku usaha tercatat",
            value=fmt.number(len(registered_by(data.businesses, span.end))),
            detail=f"{fmt.number(new_now)} baru" + (f" ({growth} dari {previous.label})" if growth else ""),
        ),
        Figure(
            label="Diusulkan ke kementerian",
            value=fmt.number(len(letter)),
            detail=fmt.rupiah(sum(int(d.proposal.nilai_usulan or 0) for d in letter)),
        ),
        Figure(label="Koperasi sehat", value=f"{fmt.number(sehat)} dari {fmt.number(len(coops))}"),
        Figure(label="Koperasi telah RAT", value=share(rat, len(coops)), detail=f"{fmt.number(rat)} koperasi"),
        Figure(label="Baris data tanpa kesalahan", value=share(valid, rows), detail=f"{fmt.number(rows)} baris"),
    ]


def highlights(run: Run, both: tuple[Span, Span]) -> list[str]:
    """A few sentences a head of office can forward, each from a figure of the report."""
    data, decisions = run.data, run.decisions
    span, previous = both
    out = []
    now = registered_by(data.businesses, span.end)
    if now:
        new_now, new_before = len(new_in(data.businesses, span)), len(new_in(data.businesses, previous))
        growth = chapters.change(new_now, new_before)
        trend = (
            f", {'naik' if new_now > new_before else 'turun'} {growth.lstrip('+-')} dibanding {previous.label}"
            if new_before and new_now != new_before
            else ""
        )
        out.append(
            f"Sampai {fmt.long_date(span.end)} tercatat {fmt.number(len(now))} pelaku usaha; "
            f"{fmt.number(new_now)} di antaranya didata dalam rentang {span.label}{trend}."
        )
        kecamatan, n = _largest(b.kecamatan for b in now)
        sector, m = _largest(b.sektor for b in now)
        women = sum(1 for b in now if b.jenis_kelamin == "P")
        out.append(
            f"Pelaku usaha terbanyak berada di Kecamatan {kecamatan} ({share(n, len(now))}) dan bergerak di sektor "
            f"{sector} ({share(m, len(now))}); {share(women, len(now))} pelaku usaha adalah perempuan."
        )
    letter = [d for rows in proposed(decisions.proposals).values() for d in rows]
    if decisions.proposals:
        refused = sum(1 for d in decisions.proposals if not d.eligible)
        out.append(
            f"Dari {fmt.number(len(decisions.proposals))} usulan bantuan yang diperiksa, "
            f"{fmt.number(len(letter))} diusulkan ke kementerian senilai "
            f"{fmt.rupiah(sum(int(d.proposal.nilai_usulan or 0) for d in letter))} dan {fmt.number(refused)} "
            "tidak layak."
        )
    earlier = proposals_in(data, Span("", date(span.start.year - 1, 1, 1), date(span.start.year - 1, 12, 31)))
    decided = [p for p in earlier if p.status in (*GRANTED, "Ditolak")]
    if decided:
        granted = sum(1 for p in decided if p.status in GRANTED)
        out.append(
            f"Usulan tahun {span.start.year - 1} yang telah diputuskan kementerian: {fmt.number(granted)} dari "
            f"{fmt.number(len(decided))} disetujui ({share(granted, len(decided))})."
        )
    coops = decisions.cooperatives
    if coops:
        sehat = sum(1 for d in coops if d.category == "sehat")
        rat = sum(1 for d in coops if d.rat_compliant)
        inactive = sum(1 for d in coops if not d.active)
        out.append(
            f"{fmt.number(sehat)} dari {fmt.number(len(coops))} koperasi berkategori sehat; "
            f"{fmt.number(rat)} ({share(rat, len(coops))}) telah melaksanakan RAT tahun buku "
            f"{coops[0].due_fiscal_year}, dan {fmt.number(inactive)} tidak aktif tiga tahun terakhir."
        )
    return out


def _largest(values: object) -> tuple[str, int]:
    counts: dict[str, int] = {}
    for value in values:  # type: ignore[attr-defined]
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts.items(), key=lambda kv: (kv[1], kv[0])) if counts else ("–", 0)


def concepts(settings: Settings, due: int | None) -> list[Concept]:
    """The page of concepts and definitions, its thresholds taken from the settings in force."""
    rules, coop = settings.eligibility, settings.cooperatives
    basis = "omzet" if rules.size_basis == "omzet" else "modal"
    mikro, kecil, menengah = (_short_amount(v) for v in rules.size_thresholds[rules.size_standard][basis])
    standard = "PP 7/2021" if rules.size_standard == "pp7_2021" else "UU 20/2008"
    sehat, cukup, awas = (fmt.number(b) for b in coop.bands("2016"))
    bands_2021 = coop.bands("2021")
    other_bands = (
        ""
        if bands_2021 == coop.bands("2016")
        else " (pedoman 2021: " + ", ".join(fmt.number(b) for b in bands_2021) + ")"
    )
    return [
        Concept(
            term="Pelaku usaha tercatat",
            text="Pelaku usaha dalam buku kerja data pelaku usaha dengan tanggal pendataan sampai akhir rentang "
            "laporan, tanpa kesalahan data.",
        ),
        Concept(
            term="Kelas usaha",
            text=f"Menurut {basis} ({standard}): usaha mikro sampai {mikro}, usaha kecil sampai {kecil}, "
            f"usaha menengah sampai {menengah}.",
        ),
        Concept(
            term="Usulan layak",
            text="Usulan yang memenuhi semua syarat bantuan yang diperiksa dinas; yang berstatus Diusulkan masuk "
            "surat usulan ke kementerian.",
        ),
        Concept(
            term="Tingkat persetujuan",
            text="Usulan yang disetujui atau disalurkan dibanding usulan yang sudah diputuskan kementerian "
            "(disetujui, disalurkan atau ditolak).",
        ),
        Concept(
            term="Kepatuhan RAT",
            text=(f"Koperasi telah melaksanakan Rapat Anggota Tahunan untuk tahun buku {due}" if due else "")
            + f" (jatuh tempo {coop.rat_due_months} bulan setelah tahun buku berakhir); tepat waktu bila "
            "dilaksanakan sebelum jatuh tempo. Tidak aktif: tanpa RAT dalam "
            f"{coop.active_window_years} tahun terakhir.",
        ),
        Concept(
            term="Kategori kesehatan koperasi",
            text=f"Menurut skor penilaian terakhir: {category_text('sehat')} {sehat} atau lebih, "
            f"{category_text('cukup_sehat')} {cukup} sampai di bawah {sehat}, {category_text('dalam_pengawasan')} "
            f"{awas} sampai di bawah {cukup}, {category_text('dalam_pengawasan_khusus')} di bawah {awas}{other_bands}; "
            f"{category_text('tidak_dinilai')}: belum ada penilaian, atau penilaian terakhir lebih tua dari "
            f"{coop.assessment_max_age_years} tahun buku. Setiap skor disertai tahun buku dan pedomannya. Pedoman: Peraturan Deputi Pengawasan "
            "06/Per/Dep.6/IV/2016 untuk penilaian sampai tahun buku 2020, Permenkop 9/2020 dengan Juknis "
            "Deputi Bidang Perkoperasian 15/2021 sesudahnya."
            + (" Koperasi tanpa RAT yang jatuh tempo tidak berkategori sehat." if coop.require_rat_for_sehat else ""),
        ),
        Concept(
            term="Angka sementara",
            text="Angka periode yang belum berakhir, dihitung sampai tanggal data dan dibandingkan dengan rentang "
            "yang sama periode sebelumnya; dapat berubah.",
        ),
    ]


def _short_amount(value: int) -> str:
    """'Rp2 miliar', 'Rp500 juta': a threshold as a definition states it."""
    if value % 1_000_000_000 == 0:
        return f"Rp{fmt.number(value // 1_000_000_000)} miliar"
    if value % 1_000_000 == 0:
        return f"Rp{fmt.number(value // 1_000_000)} juta"
    return fmt.rupiah(value)


REPORT = Report(
    name="berkala",
    personal_data=False,  # a leadership document: identifiers masked
    order=5,
    formats=("pdf", "html"),
    build=build,
    masks=("nik", "no_rekening"),
)
