"""The leadership's periodic report: businesses, grant proposals, cooperatives, data quality.

Every figure is for the report period, with the previous period beside it where the data has
it. People appear only with masked NIK and account numbers (REPORT.masks; [masking] overrides).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import date

from ukmreport import formatting as fmt
from ukmreport.messages import SEVERITY, SEVERITY_WORDS, category_text, generic_message, sheet_title
from ukmreport.models import HEALTH_CATEGORIES, Business, Dataset, Decisions, Proposal
from ukmreport.office.region import Region
from ukmreport.period import Period
from ukmreport.render import charts
from ukmreport.reports.common import doc_info, letterhead, place_date, signature
from ukmreport.reports.contexts import BerkalaContext, Chart, Figure, Section, Table
from ukmreport.reports.declaration import Report, Run
from ukmreport.reports.koperasi import assessed
from ukmreport.rules.cooperatives import decide_cooperatives
from ukmreport.rules.size import SIZE_CLASSES, size_class
from ukmreport.settings import Settings

STATUSES = ("Diusulkan", "Disetujui", "Disalurkan", "Ditolak")
GRANTED = ("Disetujui", "Disalurkan")


def build(run: Run) -> BerkalaContext:
    """The report for run.period, its identifiers masked as REPORT.masked(run.settings) says."""
    data, decisions, settings, period, today = run.data, run.decisions, run.settings, run.period, run.today
    previous = period.previous()
    sections = [
        _businesses(data, settings, run.region, period, previous),
        _proposals(data, decisions, settings, period, previous, REPORT.masked(settings)),
        _cooperatives(data, decisions, settings, period, previous),
        _data_quality(data, settings),
    ]
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
        previous=previous.label,
        place_date=place_date(settings, today),
        headline=_headline(data, decisions, settings, period, previous),
        sections=sections,
    )


def _registered_by(businesses: Iterable[Business], day: date) -> list[Business]:
    """Valid businesses recorded by the given day (a row without a recording date counts)."""
    return [b for b in businesses if b.valid and (b.tanggal_pendataan is None or b.tanggal_pendataan <= day)]


def _new_in(businesses: Iterable[Business], period: Period) -> list[Business]:
    return [b for b in businesses if b.valid and b.tanggal_pendataan is not None and b.tanggal_pendataan in period]


def _change(now: float, before: float) -> str:
    if before == 0:
        return "" if now == 0 else "baru"
    delta = (now - before) / before
    sign = "+" if delta > 0 else ""
    return f"{sign}{fmt.percent(delta)}"


def _share(part: int, whole: int) -> str:
    return fmt.percent(part / whole) if whole else "–"


def _count_table(
    title: str,
    label: str,
    keys: list[str],
    now: Counter,
    before: Counter,
    period: Period,
    previous: Period,
    extra: tuple[str, Counter] | None = None,
    chart: bool = False,
) -> Table:
    total_now, total_before = sum(now.values()), sum(before.values())
    headers = [label, period.label, "%", previous.label, "Perubahan"]
    numeric = [False, True, True, True, True]
    if extra:
        headers.insert(3, extra[0])
        numeric.insert(3, True)
    rows = []
    for key in keys:
        row = [
            key,
            fmt.number(now[key]),
            _share(now[key], total_now),
            fmt.number(before[key]),
            _change(now[key], before[key]),
        ]
        if extra:
            row.insert(3, fmt.number(extra[1][key]))
        rows.append(row)
    total = [
        "Jumlah",
        fmt.number(total_now),
        _share(total_now, total_now) if total_now else "–",
        fmt.number(total_before),
        _change(total_now, total_before),
    ]
    if extra:
        total.insert(3, fmt.number(sum(extra[1].values())))
    return Table(
        title=title,
        headers=headers,
        rows=rows,
        numeric=numeric,
        total=total,
        chart=_chart(title, keys, now, before, period, previous) if chart else None,
    )


def _chart(
    title: str,
    keys: list[str],
    now: Counter,
    before: Counter,
    period: Period,
    previous: Period,
    horizontal: bool = True,
) -> Chart:
    svg = charts.bar_chart(
        keys,
        [(period.label, [now[k] for k in keys]), (previous.label, [before[k] for k in keys])],
        horizontal=horizontal,
        key=re.sub(r"[^a-z0-9]+", "-", title.lower()),
    )
    return Chart(title=title, svg=svg, caption=f"Batang gelap: {period.label}; batang arsir: {previous.label}.")


# -- sections -------------------------------------------------------------------------------------


def _headline(
    data: Dataset, decisions: Decisions, settings: Settings, period: Period, previous: Period
) -> list[Figure]:
    registered = len(_registered_by(data.businesses, period.end))
    new_now, new_before = len(_new_in(data.businesses, period)), len(_new_in(data.businesses, previous))
    proposals_now = [p for p in data.proposals if p.tanggal_usulan and p.tanggal_usulan in period]
    disbursed = sum(p.nilai_usulan or 0 for p in proposals_now if p.status == "Disalurkan")
    coops = decisions.cooperatives
    sehat = sum(1 for d in coops if d.category == "sehat")
    rat = sum(1 for d in coops if d.rat_compliant)
    rows = sum(c.rows for c in data.counts.values())
    valid = sum(c.valid for c in data.counts.values())
    return [
        Figure(
            label="Pelaku usaha tercatat",
            value=fmt.number(registered),
            detail=f"{fmt.number(new_now)} baru ({_change(new_now, new_before) or 'tetap'} dari {previous.label})",
        ),
        Figure(
            label="Usulan bantuan periode ini",
            value=fmt.number(len(proposals_now)),
            detail=f"disalurkan {fmt.rupiah(disbursed)}",
        ),
        Figure(
            label="Koperasi sehat",
            value=f"{fmt.number(sehat)} dari {fmt.number(len(coops))}",
            detail=f"RAT dilaksanakan: {_share(rat, len(coops))}",
        ),
        Figure(
            label="Baris data tanpa kesalahan", value=_share(valid, rows), detail=f"{fmt.number(rows)} baris diperiksa"
        ),
    ]


def _businesses(data: Dataset, settings: Settings, region: Region, period: Period, previous: Period) -> Section:
    now = _registered_by(data.businesses, period.end)
    before = _registered_by(data.businesses, previous.end)
    new = _new_in(data.businesses, period)
    new_before = _new_in(data.businesses, previous)
    kecamatan = region.kecamatan_names

    def by(items: list[Business], key: Callable[[Business], str | None]) -> Counter:
        return Counter(key(b) or "Tidak diketahui" for b in items)

    kec_now, kec_before = by(now, lambda b: b.kecamatan), by(before, lambda b: b.kecamatan)
    sectors = list(settings.sectors)
    sec_now, sec_before = by(now, lambda b: b.sektor), by(before, lambda b: b.sektor)
    rules = settings.eligibility
    size_now = by(now, lambda b: size_class(b, rules))
    size_before = by(before, lambda b: size_class(b, rules))
    gender_name = {"L": "Laki-laki", "P": "Perempuan"}
    gender_now = by(now, lambda b: gender_name.get(b.jenis_kelamin or ""))
    gender_before = by(before, lambda b: gender_name.get(b.jenis_kelamin or ""))
    new_by_kec = by(new, lambda b: b.kecamatan)
    months = _months(period)
    new_by_month = Counter(b.tanggal_pendataan.strftime("%Y-%m") for b in new if b.tanggal_pendataan)
    size_labels = [s.capitalize() for s in SIZE_CLASSES]
    size_now_l = Counter({s.capitalize(): n for s, n in size_now.items() if s})
    size_before_l = Counter({s.capitalize(): n for s, n in size_before.items() if s})
    genders = ["Laki-laki", "Perempuan"] + (["Tidak diketahui"] if gender_now["Tidak diketahui"] else [])
    return Section(
        key="pelaku-usaha",
        title="Pelaku usaha",
        intro=(
            f"Pelaku usaha yang tercatat sampai akhir periode ({fmt.long_date(period.end)}), tanpa baris yang "
            f"mengandung kesalahan. Baru: tanggal pendataan dalam periode. Kelas usaha menurut "
            f"{'omzet tahunan' if rules.size_basis == 'omzet' else 'modal usaha'} (PP 7/2021)."
        ),
        figures=[
            Figure(label="Tercatat", value=fmt.number(len(now)), detail=f"{previous.label}: {fmt.number(len(before))}"),
            Figure(
                label="Baru dalam periode",
                value=fmt.number(len(new)),
                detail=f"{previous.label}: {fmt.number(len(new_before))}",
            ),
            Figure(label="Usaha mikro", value=_share(size_now["mikro"], len(now))),
            Figure(label="Perempuan", value=_share(gender_now["Perempuan"], len(now))),
        ],
        charts=[
            Chart(
                title="Pendataan baru per bulan",
                svg=charts.bar_chart(
                    [m[1] for m in months],
                    [(period.label, [new_by_month[m[0]] for m in months])],
                    horizontal=False,
                    width_cm=16,
                    key="pendataan-baru",
                ),
            ),
        ]
        if len(months) > 1
        else [],
        tables=[
            _count_table(
                "Per kecamatan",
                "Kecamatan",
                kecamatan,
                kec_now,
                kec_before,
                period,
                previous,
                extra=("Baru", new_by_kec),
                chart=True,
            ),
            _count_table(
                "Per sektor",
                "Sektor",
                [s for s in sectors if sec_now[s] or sec_before[s]],
                sec_now,
                sec_before,
                period,
                previous,
                chart=True,
            ),
            _count_table("Per kelas usaha", "Kelas", size_labels, size_now_l, size_before_l, period, previous),
            _count_table("Per jenis kelamin", "Jenis kelamin", genders, gender_now, gender_before, period, previous),
        ],
    )


def _months(period: Period) -> list[tuple[str, str]]:
    names = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
    out = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        out.append((f"{year}-{month:02d}", names[month - 1]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _proposals(
    data: Dataset, decisions: Decisions, settings: Settings, period: Period, previous: Period, masks: Collection[str]
) -> Section:
    def in_(p: Period) -> list[Proposal]:
        return [x for x in data.proposals if x.tanggal_usulan and x.tanggal_usulan in p]

    now, before = in_(period), in_(previous)
    status_now, status_before = Counter(p.status for p in now), Counter(p.status for p in before)
    amount_now = Counter()
    for p in now:
        amount_now[p.status] += p.nilai_usulan or 0
    status_table = Table(
        title="Menurut status",
        headers=["Status", period.label, "Nilai", previous.label, "Perubahan"],
        numeric=[False, True, True, True, True],
        rows=[
            [
                s,
                fmt.number(status_now[s]),
                fmt.rupiah(amount_now[s]),
                fmt.number(status_before[s]),
                _change(status_now[s], status_before[s]),
            ]
            for s in STATUSES
        ],
        total=[
            "Jumlah",
            fmt.number(len(now)),
            fmt.rupiah(sum(amount_now.values())),
            fmt.number(len(before)),
            _change(len(now), len(before)),
        ],
    )
    eligible = {(d.proposal.file, d.proposal.row) for d in decisions.proposals if d.eligible}
    programs: dict[str, list[Proposal]] = {}
    for p in now:
        programs.setdefault(p.program or "Tanpa program", []).append(p)
    program_rows = []
    for name, items in programs.items():
        granted = [p for p in items if p.status in GRANTED]
        decided = [p for p in items if p.status in (*GRANTED, "Ditolak")]
        program_rows.append(
            [
                name,
                fmt.number(len(items)),
                fmt.number(sum(1 for p in items if (p.file, p.row) in eligible)),
                fmt.number(len(granted)),
                fmt.number(sum(1 for p in items if p.status == "Disalurkan")),
                fmt.rupiah(sum(p.nilai_usulan or 0 for p in items)),
                fmt.rupiah(sum(p.nilai_usulan or 0 for p in granted)),
                _share(len(granted), len(decided)),
            ]
        )
    program_table = Table(
        title="Menurut program",
        headers=[
            "Program",
            "Diusulkan",
            "Layak",
            "Disetujui",
            "Disalurkan",
            "Nilai usulan",
            "Nilai disetujui",
            "Tingkat persetujuan",
        ],
        numeric=[False, True, True, True, True, True, True, True],
        rows=program_rows,
        note="Tingkat persetujuan: disetujui atau disalurkan dibanding yang sudah diputuskan (disetujui, "
        "disalurkan, ditolak).",
    )
    by_nik = {b.nik: b for b in data.businesses if b.valid and b.nik}
    recipients = [p for p in now if p.status == "Disalurkan"]
    recipient_rows = []
    for i, p in enumerate(recipients, 1):
        b = by_nik.get(p.nik or "")
        account = (b.no_rekening if b else None) or ""
        recipient_rows.append(
            [
                str(i),
                fmt.mask_nik(p.nik or "") if "nik" in masks else (p.nik or ""),
                p.nama or "",
                (b.kecamatan if b else None) or "",
                (b.nama_bank if b else None) or "",
                fmt.mask_account(account) if "no_rekening" in masks and account else account,
                fmt.rupiah(p.nilai_usulan or 0),
            ]
        )
    tables = [status_table, program_table]
    if recipient_rows:
        tables.append(
            Table(
                title="Penerima yang disalurkan dalam periode",
                headers=["No", "NIK", "Nama", "Kecamatan", "Bank", "Rekening", "Nilai"],
                numeric=[True, False, False, False, False, False, True],
                rows=recipient_rows,
                note="NIK dan nomor rekening disamarkan.",
            )
        )
    granted_now = sum(1 for p in now if p.status in GRANTED)
    decided_now = sum(1 for p in now if p.status in (*GRANTED, "Ditolak"))
    return Section(
        key="usulan-bantuan",
        title="Usulan bantuan",
        intro="Usulan dengan tanggal usulan dalam periode, menurut status dan program.",
        figures=[
            Figure(label="Usulan", value=fmt.number(len(now)), detail=f"{previous.label}: {fmt.number(len(before))}"),
            Figure(label="Disetujui/disalurkan", value=fmt.number(granted_now)),
            Figure(label="Tingkat persetujuan", value=_share(granted_now, decided_now)),
            Figure(label="Nilai disalurkan", value=fmt.rupiah(amount_now["Disalurkan"])),
        ],
        tables=[
            tables[0].model_copy(
                update={
                    "chart": _chart(
                        "Usulan menurut status", list(STATUSES), status_now, status_before, period, previous
                    )
                }
            ),
            *tables[1:],
        ],
    )


def _cooperatives(data: Dataset, decisions: Decisions, settings: Settings, period: Period, previous: Period) -> Section:
    now = decisions.cooperatives
    before = decide_cooperatives(data.cooperatives, data.assessments, previous.end, settings.cooperatives)
    labels = [category_text(c) for c in HEALTH_CATEGORIES]
    cat_now = Counter(category_text(d.category) for d in now)
    cat_before = Counter(category_text(d.category) for d in before)
    rat_now, rat_before = sum(d.rat_compliant for d in now), sum(d.rat_compliant for d in before)
    ontime_now, ontime_before = sum(d.rat_on_time for d in now), sum(d.rat_on_time for d in before)
    active_now, due = sum(d.active for d in now), (now[0].due_fiscal_year if now else None)
    return Section(
        key="koperasi",
        title="Koperasi",
        intro=(
            f"Kesehatan menurut penilaian terakhir yang berlaku ({assessed(now)}; yang lebih tua dari tiga "
            f"tahun buku: tidak dinilai). RAT dilaksanakan: tahun buku {due} atau sesudahnya; tepat waktu: sebelum batas. "
            f"Periode sebelumnya dihitung dari data yang sama pada akhir {previous.label}."
            if due
            else "Belum ada data koperasi."
        ),
        figures=[
            Figure(label="Koperasi", value=fmt.number(len(now))),
            Figure(label="Sehat", value=fmt.number(cat_now[category_text("sehat")])),
            Figure(
                label="RAT dilaksanakan / tepat waktu",
                value=f"{_share(rat_now, len(now))} / {_share(ontime_now, len(now))}",
                detail=f"{previous.label}: {_share(rat_before, len(before))} / {_share(ontime_before, len(before))}",
            ),
            Figure(label="Tidak aktif", value=fmt.number(len(now) - active_now)),
        ],
        tables=[
            _count_table(
                "Menurut kategori kesehatan", "Kategori", labels, cat_now, cat_before, period, previous, chart=True
            ),
            Table(
                title="Kepatuhan RAT",
                headers=["", period.label, previous.label],
                numeric=[False, True, True],
                rows=[
                    ["RAT dilaksanakan", fmt.number(rat_now), fmt.number(rat_before)],
                    ["  di antaranya tepat waktu", fmt.number(ontime_now), fmt.number(ontime_before)],
                    ["Belum RAT", fmt.number(len(now) - rat_now), fmt.number(len(before) - rat_before)],
                    ["Persentase tepat waktu", _share(ontime_now, len(now)), _share(ontime_before, len(before))],
                ],
            ),
        ],
    )


def _data_quality(data: Dataset, settings: Settings) -> Section:
    rows = []
    for kind, count in data.counts.items():
        if count.rows:
            rows.append(
                [
                    sheet_title(kind),
                    fmt.number(count.rows),
                    fmt.number(count.valid),
                    fmt.number(count.errors),
                    fmt.number(count.warnings),
                    _share(count.valid, count.rows),
                ]
            )
    codes = Counter(f.code for f in data.findings)
    top = [
        [code, SEVERITY_WORDS[SEVERITY[code]]["id"], generic_message(code), fmt.number(n)]
        for code, n in codes.most_common(12)
    ]
    unreadable = [f.file for f in data.findings if f.code == "unreadable-file"]
    return Section(
        key="mutu-data",
        title="Mutu data",
        intro="Baris yang mengandung kesalahan tidak dihitung dalam laporan ini; rinciannya ada di laporan validasi "
        "dan salinan buku kerja bertanda untuk staf."
        + (f" Berkas tidak terbaca: {', '.join(unreadable)}." if unreadable else ""),
        tables=[
            Table(
                title="Per lembar",
                headers=["Lembar", "Baris", "Valid", "Dengan kesalahan", "Dengan peringatan", "% valid"],
                numeric=[False, True, True, True, True, True],
                rows=rows,
            ),
            Table(
                title="Temuan terbanyak",
                headers=["Kode", "Tingkat", "Keterangan", "Jumlah"],
                numeric=[False, False, False, True],
                rows=top,
            ),
        ],
    )


REPORT = Report(
    name="berkala",
    personal_data=False,  # a leadership document: identifiers masked
    order=5,
    formats=("pdf", "html"),
    build=build,
    masks=("nik", "no_rekening"),
)
