"""The periodic report's chapters: businesses, grant proposals, cooperatives, data quality.

Each chapter compares the report span with the same span of the previous period (Span: a period,
or the part of it that has passed when it has not ended). berkala.py numbers the tables and figures.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

from ukmreport import formatting as fmt
from ukmreport.messages import SEVERITY, SEVERITY_WORDS, category_text, generic_message, reason_text, sheet_title
from ukmreport.models import HEALTH_CATEGORIES, Business, Dataset, Decisions, Proposal
from ukmreport.office.region import Region
from ukmreport.render import charts
from ukmreport.reports.contexts import Chart, Figure, Section, Table
from ukmreport.reports.koperasi import assessed
from ukmreport.reports.usulan import proposed
from ukmreport.rules.cooperatives import decide_cooperatives
from ukmreport.rules.eligibility import REASON_ORDER
from ukmreport.rules.size import SIZE_CLASSES, size_class
from ukmreport.settings import Settings

STATUSES = ("Diusulkan", "Disetujui", "Disalurkan", "Ditolak")
GRANTED = ("Disetujui", "Disalurkan")
DECIDED = (*GRANTED, "Ditolak")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@dataclass(frozen=True)
class Span:
    """The days a figure counts: a whole period, or its first part while it runs."""

    label: str  # 'Tahun 2026', or '1 Jan–4 Des 2026' for a part
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def registered_by(businesses: Iterable[Business], day: date) -> list[Business]:
    """Valid businesses recorded by the given day (a row without a recording date counts)."""
    return [b for b in businesses if b.valid and (b.tanggal_pendataan is None or b.tanggal_pendataan <= day)]


def new_in(businesses: Iterable[Business], span: Span) -> list[Business]:
    return [b for b in businesses if b.valid and b.tanggal_pendataan is not None and b.tanggal_pendataan in span]


def proposals_in(data: Dataset, span: Span) -> list[Proposal]:
    return [p for p in data.proposals if p.tanggal_usulan and p.tanggal_usulan in span]


def change(now: float, before: float) -> str:
    if before == 0:
        return "–" if now == 0 else "baru"
    delta = (now - before) / before
    sign = "+" if delta > 0 else ""
    return f"{sign}{fmt.percent(delta)}"


def share(part: int, whole: int) -> str:
    return fmt.percent(part / whole) if whole else "–"


def count_table(
    title: str,
    label: str,
    keys: list[str],
    now: Counter,
    before: Counter,
    spans: tuple[Span, Span],
    extra: tuple[str, Counter] | None = None,
    with_chart: bool = False,
) -> Table:
    span, previous = spans
    total_now, total_before = sum(now.values()), sum(before.values())
    headers = [label, span.label, "%", previous.label, "Perubahan"]
    numeric = [False, True, True, True, True]
    if extra:
        headers.insert(3, extra[0])
        numeric.insert(3, True)
    rows = []
    for key in keys:
        row = [
            key,
            fmt.number(now[key]),
            share(now[key], total_now),
            fmt.number(before[key]),
            change(now[key], before[key]),
        ]
        if extra:
            row.insert(3, fmt.number(extra[1][key]))
        rows.append(row)
    total = ["Jumlah", fmt.number(total_now), share(total_now, total_now), fmt.number(total_before)]
    total.append(change(total_now, total_before))
    if extra:
        total.insert(3, fmt.number(sum(extra[1].values())))
    return Table(
        title=title,
        headers=headers,
        rows=rows,
        numeric=numeric,
        total=total,
        chart=bar_chart(title, keys, now, before, spans) if with_chart else None,
    )


def bar_chart(title: str, keys: list[str], now: Counter, before: Counter, spans: tuple[Span, Span]) -> Chart:
    span, previous = spans
    svg = charts.bar_chart(
        keys,
        [(span.label, [now[k] for k in keys]), (previous.label, [before[k] for k in keys])],
        horizontal=True,
        key=re.sub(r"[^a-z0-9]+", "-", title.lower()),
    )
    return Chart(title=title, svg=svg, caption=f"Batang gelap: {span.label}; batang arsir: {previous.label}.")


def businesses(data: Dataset, settings: Settings, region: Region, spans: tuple[Span, Span]) -> Section:
    span, previous = spans
    now, before = registered_by(data.businesses, span.end), registered_by(data.businesses, previous.end)
    new, new_before = new_in(data.businesses, span), new_in(data.businesses, previous)

    def by(items: list[Business], key: Callable[[Business], str | None]) -> Counter:
        return Counter(key(b) or "Tidak diketahui" for b in items)

    rules = settings.eligibility
    size_now, size_before = by(now, lambda b: size_class(b, rules)), by(before, lambda b: size_class(b, rules))
    gender_name = {"L": "Laki-laki", "P": "Perempuan"}
    gender_now = by(now, lambda b: gender_name.get(b.jenis_kelamin or ""))
    gender_before = by(before, lambda b: gender_name.get(b.jenis_kelamin or ""))
    sec_now, sec_before = by(now, lambda b: b.sektor), by(before, lambda b: b.sektor)
    months = month_keys(span)
    new_by_month = Counter(b.tanggal_pendataan.strftime("%Y-%m") for b in new if b.tanggal_pendataan)
    size_labels = [s.capitalize() for s in SIZE_CLASSES]
    genders = ["Laki-laki", "Perempuan"] + (["Tidak diketahui"] if gender_now["Tidak diketahui"] else [])
    basis = "omzet tahunan" if rules.size_basis == "omzet" else "modal usaha"
    monthly = Chart(
        title="Pendataan pelaku usaha baru per bulan",
        svg=charts.bar_chart(
            [m[1] for m in months],
            [(span.label, [new_by_month[m[0]] for m in months])],
            horizontal=False,
            width_cm=15,
            key="pendataan-baru",
        ),
    )
    return Section(
        key="pelaku-usaha",
        title="Pelaku usaha",
        intro=(
            f"Pelaku usaha yang tercatat sampai {fmt.long_date(span.end)}, tanpa baris yang mengandung kesalahan, "
            f"dibanding keadaan {fmt.long_date(previous.end)}. Baru: tanggal pendataan dalam rentang yang sama. "
            f"Kelas usaha menurut {basis} (PP 7/2021)."
        ),
        source="Sumber: buku kerja data pelaku usaha, diolah.",
        figures=[
            Figure(label="Tercatat", value=fmt.number(len(now)), detail=f"{previous.label}: {fmt.number(len(before))}"),
            Figure(label="Baru", value=fmt.number(len(new)), detail=f"{previous.label}: {fmt.number(len(new_before))}"),
            Figure(label="Usaha mikro", value=share(size_now["mikro"], len(now))),
            Figure(label="Perempuan", value=share(gender_now["Perempuan"], len(now))),
        ],
        charts=[monthly] if len(months) > 1 else [],
        tables=[
            count_table(
                "Pelaku usaha per kecamatan",
                "Kecamatan",
                region.kecamatan_names,
                by(now, lambda b: b.kecamatan),
                by(before, lambda b: b.kecamatan),
                spans,
                extra=("Baru", by(new, lambda b: b.kecamatan)),
                with_chart=True,
            ),
            count_table(
                "Pelaku usaha per sektor",
                "Sektor",
                [s for s in settings.sectors if sec_now[s] or sec_before[s]],
                sec_now,
                sec_before,
                spans,
                with_chart=True,
            ),
            count_table(
                "Pelaku usaha per kelas usaha",
                "Kelas",
                size_labels,
                Counter({s.capitalize(): n for s, n in size_now.items() if s}),
                Counter({s.capitalize(): n for s, n in size_before.items() if s}),
                spans,
            ),
            count_table("Pelaku usaha per jenis kelamin", "Jenis kelamin", genders, gender_now, gender_before, spans),
        ],
    )


def month_keys(span: Span) -> list[tuple[str, str]]:
    out = []
    year, month = span.start.year, span.start.month
    while (year, month) <= (span.end.year, span.end.month):
        out.append((f"{year}-{month:02d}", MONTHS[month - 1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def proposals(data: Dataset, decisions: Decisions, spans: tuple[Span, Span], masks: Collection[str]) -> Section:
    span, previous = spans
    now, before = proposals_in(data, span), proposals_in(data, previous)
    status_now, status_before = Counter(p.status for p in now), Counter(p.status for p in before)
    amount_now: Counter = Counter()
    for p in now:
        amount_now[p.status] += p.nilai_usulan or 0
    status_table = Table(
        title="Usulan bantuan menurut status",
        headers=["Status", span.label, "Nilai", previous.label, "Perubahan"],
        numeric=[False, True, True, True, True],
        rows=[
            [s, fmt.number(status_now[s]), fmt.rupiah(amount_now[s]), fmt.number(status_before[s])]
            + [change(status_now[s], status_before[s])]
            for s in STATUSES
        ],
        total=[
            "Jumlah",
            fmt.number(len(now)),
            fmt.rupiah(sum(amount_now.values())),
            fmt.number(len(before)),
            change(len(now), len(before)),
        ],
        chart=bar_chart("Usulan menurut status", list(STATUSES), status_now, status_before, spans),
    )
    letter = [d for rows in proposed(decisions.proposals).values() for d in rows]
    letter_total = sum(int(d.proposal.nilai_usulan or 0) for d in letter)
    refusals = Counter(code for d in decisions.proposals for code in d.reasons)
    refused = sum(1 for d in decisions.proposals if not d.eligible)
    granted_now = sum(1 for p in now if p.status in GRANTED)
    decided_now = sum(1 for p in now if p.status in DECIDED)
    tables = [
        status_table,
        program_table(now, decisions),
        Table(
            title="Usulan tidak layak menurut alasan",
            headers=["Alasan", "Usulan"],
            numeric=[False, True],
            rows=[[reason_text(code), fmt.number(refusals[code])] for code in REASON_ORDER if refusals[code]],
            total=["Usulan tidak layak", fmt.number(refused)],
            note="Satu usulan dapat tidak layak karena lebih dari satu alasan.",
        ),
        *([refusals_table] if (refusals_table := refusal_table(data)) else []),
        history_table(data),
    ]
    recipients = recipient_table([p for p in now if p.status == "Disalurkan"], data, masks)
    if recipients:
        tables.append(recipients)
    return Section(
        key="usulan-bantuan",
        title="Usulan bantuan",
        intro=(
            f"Usulan dengan tanggal usulan dalam rentang {span.label}, menurut status dan program; usulan yang tidak lolos "
            "seleksi dinas menurut alasannya; yang ditolak kementerian menurut keterangan keputusannya; dan riwayat "
            "keputusan kementerian per tahun."
        ),
        source="Sumber: buku kerja usulan bantuan dan riwayat bantuan, diolah.",
        figures=[
            Figure(label="Usulan", value=fmt.number(len(now)), detail=f"{previous.label}: {fmt.number(len(before))}"),
            Figure(label="Masuk surat usulan", value=fmt.number(len(letter)), detail=fmt.rupiah(letter_total)),
            Figure(
                label="Tingkat persetujuan",
                value=share(granted_now, decided_now),
                detail=f"{fmt.number(granted_now)} dari {fmt.number(decided_now)} diputuskan",
            ),
            Figure(label="Nilai disalurkan", value=fmt.rupiah(amount_now["Disalurkan"])),
        ],
        tables=tables,
    )


def program_table(now: list[Proposal], decisions: Decisions) -> Table:
    """Per program: proposed, eligible, granted, disbursed, amounts and approval rate."""
    eligible = {(d.proposal.file, d.proposal.row) for d in decisions.proposals if d.eligible}
    programs: dict[str, list[Proposal]] = {}
    for p in now:
        programs.setdefault(p.program or "Tanpa program", []).append(p)
    rows = []
    for name, items in programs.items():
        granted = [p for p in items if p.status in GRANTED]
        decided = [p for p in items if p.status in DECIDED]
        rows.append(
            [
                name,
                fmt.number(len(items)),
                fmt.number(sum(1 for p in items if (p.file, p.row) in eligible)),
                fmt.number(len(granted)),
                fmt.number(sum(1 for p in items if p.status == "Disalurkan")),
                fmt.rupiah(sum(p.nilai_usulan or 0 for p in items)),
                fmt.rupiah(sum(p.nilai_usulan or 0 for p in granted)),
                share(len(granted), len(decided)),
            ]
        )
    return Table(
        title="Usulan bantuan menurut program",
        headers=["Program", "Usulan", "Layak", "Disetujui", "Disalurkan", "Nilai usulan", "Nilai disetujui"]
        + ["Tingkat persetujuan"],
        numeric=[False, True, True, True, True, True, True, True],
        rows=rows,
    )


def refusal_table(data: Dataset) -> Table | None:
    """The ministry's refusals by the reason its decision gave (the Keterangan cell), per year of proposal."""
    refused = [p for p in data.proposals if p.status == "Ditolak" and p.tanggal_usulan]
    if not refused:
        return None
    years = sorted({p.tanggal_usulan.year for p in refused if p.tanggal_usulan})
    why = Counter(((p.keterangan or "").strip() or "Tanpa keterangan", p.tanggal_usulan.year) for p in refused)  # type: ignore[union-attr]
    reasons = Counter((p.keterangan or "").strip() or "Tanpa keterangan" for p in refused)
    return Table(
        title="Usulan ditolak kementerian menurut keterangan",
        headers=["Keterangan keputusan", *(f"Usulan {y}" for y in years)],
        numeric=[False, *(True for _ in years)],
        rows=[[reason, *(fmt.number(why[reason, y]) for y in years)] for reason, _ in reasons.most_common()],
        total=["Jumlah ditolak", *(fmt.number(sum(why[r, y] for r in reasons)) for y in years)],
    )


def history_table(data: Dataset) -> Table:
    """Per year of proposal: how many the ministry decided and granted."""
    years: dict[int, list[Proposal]] = {}
    for p in data.proposals:
        if p.tanggal_usulan:
            years.setdefault(p.tanggal_usulan.year, []).append(p)
    rows = []
    for year in sorted(years):
        items = years[year]
        granted = sum(1 for p in items if p.status in GRANTED)
        decided = sum(1 for p in items if p.status in DECIDED)
        rows.append(
            [
                str(year),
                fmt.number(len(items)),
                fmt.number(decided),
                fmt.number(granted),
                fmt.number(sum(1 for p in items if p.status == "Ditolak")),
                f"{fmt.number(granted)} dari {fmt.number(decided)} ({share(granted, decided)})" if decided else "–",
            ]
        )
    return Table(
        title="Riwayat keputusan usulan per tahun",
        headers=["Tahun usulan", "Usulan", "Diputuskan", "Disetujui/disalurkan", "Ditolak", "Tingkat persetujuan"],
        numeric=[False, True, True, True, True, True],
        rows=rows,
        note="Tingkat persetujuan: disetujui atau disalurkan dibanding yang sudah diputuskan kementerian.",
    )


def recipient_table(recipients: list[Proposal], data: Dataset, masks: Collection[str]) -> Table | None:
    by_nik = {b.nik: b for b in data.businesses if b.valid and b.nik}
    rows = []
    for i, p in enumerate(recipients, 1):
        b = by_nik.get(p.nik or "")
        account = (b.no_rekening if b else None) or ""
        rows.append(
            [
                str(i),
                fmt.mask_nik(p.nik or "") if "nik" in masks else (p.nik or ""),
                p.nama or "",
                (b.kecamatan if b else None) or "–",
                (b.nama_bank if b else None) or "–",
                (fmt.mask_account(account) if "no_rekening" in masks else account) or "–",
                fmt.rupiah(p.nilai_usulan or 0),
            ]
        )
    if not rows:
        return None
    return Table(
        title="Penerima yang disalurkan",
        headers=["No", "NIK", "Nama", "Kecamatan", "Bank", "Rekening", "Nilai"],
        numeric=[True, False, False, False, False, False, True],
        rows=rows,
        note="NIK dan nomor rekening disamarkan.",
    )


def cooperatives(data: Dataset, decisions: Decisions, settings: Settings, spans: tuple[Span, Span]) -> Section:
    span, previous = spans
    now = decisions.cooperatives
    before = decide_cooperatives(data.cooperatives, data.assessments, previous.end, settings.cooperatives)
    labels = [category_text(c) for c in HEALTH_CATEGORIES]
    cat_now = Counter(category_text(d.category) for d in now)
    cat_before = Counter(category_text(d.category) for d in before)
    rat_now, rat_before = sum(d.rat_compliant for d in now), sum(d.rat_compliant for d in before)
    on_time_now, on_time_before = sum(d.rat_on_time for d in now), sum(d.rat_on_time for d in before)
    active_now = sum(d.active for d in now)
    due = now[0].due_fiscal_year if now else None
    return Section(
        key="koperasi",
        title="Koperasi",
        intro=(
            f"Kesehatan menurut penilaian terakhir yang berlaku ({assessed(now)}; yang lebih tua dari tiga "
            f"tahun buku: tidak dinilai). RAT dilaksanakan: tahun buku {due} atau sesudahnya; tepat waktu: "
            "sebelum batas. "
            f"Pembanding dihitung dari data yang sama pada {fmt.long_date(previous.end)}."
            if due
            else "Belum ada data koperasi."
        ),
        source="Sumber: buku kerja data koperasi dan penilaian kesehatan koperasi, diolah.",
        figures=[
            Figure(label="Koperasi", value=fmt.number(len(now))),
            Figure(label="Sehat", value=fmt.number(cat_now[category_text("sehat")])),
            Figure(
                label=f"RAT tahun buku {due} dilaksanakan" if due else "RAT dilaksanakan",
                value=share(rat_now, len(now)),
                detail=f"{previous.label}: {share(rat_before, len(before))}",
            ),
            Figure(
                label="RAT tepat waktu",
                value=share(on_time_now, len(now)),
                detail=f"{previous.label}: {share(on_time_before, len(before))}",
            ),
            Figure(label="Tidak aktif", value=fmt.number(len(now) - active_now)),
        ],
        tables=[
            count_table(
                "Koperasi menurut kategori kesehatan", "Kategori", labels, cat_now, cat_before, spans, with_chart=True
            ),
            Table(
                title="Kepatuhan RAT koperasi",
                headers=["", span.label, previous.label],
                numeric=[False, True, True],
                rows=[
                    ["RAT dilaksanakan", fmt.number(rat_now), fmt.number(rat_before)],
                    ["di antaranya tepat waktu", fmt.number(on_time_now), fmt.number(on_time_before)],
                    ["Belum RAT", fmt.number(len(now) - rat_now), fmt.number(len(before) - rat_before)],
                    ["Persentase RAT dilaksanakan", share(rat_now, len(now)), share(rat_before, len(before))],
                    ["Persentase tepat waktu", share(on_time_now, len(now)), share(on_time_before, len(before))],
                ],
                total=["Jumlah koperasi", fmt.number(len(now)), fmt.number(len(before))],
            ),
        ],
    )


def data_quality(data: Dataset) -> Section:
    rows = [
        [sheet_title(kind), fmt.number(c.rows), fmt.number(c.valid), fmt.number(c.errors), fmt.number(c.warnings)]
        + [share(c.valid, c.rows)]
        for kind, c in data.counts.items()
        if c.rows
    ]
    counts = list(data.counts.values())
    codes = Counter(f.code for f in data.findings)
    top = [
        [generic_message(code), SEVERITY_WORDS[SEVERITY[code]]["id"], fmt.number(n)]
        for code, n in codes.most_common(12)
    ]
    unreadable = [f.file for f in data.findings if f.code == "unreadable-file"]
    return Section(
        key="mutu-data",
        title="Mutu data",
        intro="Baris yang mengandung kesalahan tidak dihitung dalam laporan ini; rinciannya ada di laporan validasi "
        "dan salinan buku kerja bertanda untuk staf."
        + (f" Berkas tidak terbaca: {', '.join(unreadable)}." if unreadable else ""),
        source="Sumber: pemeriksaan buku kerja dinas oleh ukmreport.",
        tables=[
            Table(
                title="Baris data per lembar",
                headers=["Lembar", "Baris", "Valid", "Dengan kesalahan", "Dengan peringatan", "% valid"],
                numeric=[False, True, True, True, True, True],
                rows=rows,
                total=[
                    "Jumlah",
                    fmt.number(sum(c.rows for c in counts)),
                    fmt.number(sum(c.valid for c in counts)),
                    fmt.number(sum(c.errors for c in counts)),
                    fmt.number(sum(c.warnings for c in counts)),
                    share(sum(c.valid for c in counts), sum(c.rows for c in counts)),
                ],
            ),
            Table(
                title="Temuan terbanyak",
                headers=["Temuan", "Tingkat", "Jumlah"],
                numeric=[False, False, True],
                rows=top,
            ),
        ],
    )
