"""The staff's selection report: every proposal with its decision and reasons in words."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from ukmreport import formatting as fmt
from ukmreport.messages import places_text, reason_text
from ukmreport.models import ProposalDecision
from ukmreport.reports.common import doc_info, letterhead
from ukmreport.reports.contexts import Figure, SeleksiContext, SeleksiGroup, SeleksiRow
from ukmreport.reports.declaration import Report
from ukmreport.rules.eligibility import REASON_ORDER, name_key
from ukmreport.rules.explanations import CONFIRM_CHECKS, explain
from ukmreport.settings import Settings

GROUPS = (
    (
        "perlu-dikonfirmasi",
        "Perlu dikonfirmasi",
        "Memenuhi semua syarat, tetapi ada catatan yang harus diperiksa petugas (buku tabungan, KTP, data lain) "
        "sebelum dibayar. Setelah diperiksa, isi kolom Dikonfirmasi dengan Ya; sampai itu tidak masuk surat usulan.",
    ),
    ("layak", "Layak", "Memenuhi semua syarat. Yang berstatus Diusulkan masuk lampiran surat usulan."),
    ("tidak-layak", "Tidak layak", "Tidak memenuhi satu syarat atau lebih; alasan tercantum pada setiap baris."),
    (
        "ganda",
        "Usulan ganda dan kemungkinan orang yang sama",
        "NIK dan program yang sama diusulkan lebih dari sekali, atau nama dan tanggal lahir sama dengan NIK "
        "berbeda. Baris asal yang berada di kelompok lain ditampilkan (miring) tepat di atas baris yang "
        "mengulanginya.",
    ),
    (
        "sudah-menerima",
        "Sudah pernah menerima bantuan program yang sama",
        "Tercatat di riwayat bantuan atau sudah disetujui/disalurkan pada usulan lain.",
    ),
)


def group_of(d: ProposalDecision) -> str:
    if d.waiting:
        return "perlu-dikonfirmasi"
    if "already-received" in d.reasons:
        return "sudah-menerima"
    if "duplicate-proposal" in d.reasons or "possible-duplicate" in d.notes:
        return "ganda"
    return "layak" if d.eligible else "tidak-layak"


def build(decisions: list[ProposalDecision], settings: Settings, today: date) -> SeleksiContext:
    lang = settings.lang
    grouped: dict[str, list[ProposalDecision]] = {key: [] for key, _, _ in GROUPS}
    for d in decisions:
        grouped[group_of(d)].append(d)
    titles = tuple(settings.eligibility.name_titles)
    for key in ("perlu-dikonfirmasi", "layak", "tidak-layak"):
        grouped[key].sort(key=lambda d: (d.proposal.program or "", d.proposal.row))
    grouped["ganda"].sort(
        key=lambda d: (
            d.proposal.program or "",
            name_key(d.proposal.nama or "", titles),
            d.proposal.nik or "",
            d.proposal.row,
        )
    )
    grouped["sudah-menerima"].sort(key=lambda d: (d.proposal.program or "", d.proposal.nik or "", d.proposal.row))
    title_of = {key: title for key, title, _ in GROUPS}
    home = {(d.proposal.file, d.proposal.row): title_of[group_of(d)] for d in decisions}
    groups = [
        SeleksiGroup(key=key, title=title, description=text, rows=_rows(grouped[key], decisions, home, lang))
        for key, title, text in GROUPS
        if grouped[key]
    ]
    eligible = [d for d in decisions if d.eligible]
    in_letter = [d for d in eligible if d.proposal.status == "Diusulkan" and not d.waiting]
    waiting = [d for d in eligible if d.waiting]
    counts = Counter(code for d in decisions for code in d.reasons)
    figures = [
        Figure(label="Usulan diperiksa", value=fmt.number(len(decisions))),
        Figure(label="Layak", value=fmt.number(len(eligible))),
        Figure(label="Tidak layak", value=fmt.number(len(decisions) - len(eligible))),
        Figure(
            label="Perlu dikonfirmasi",
            value=fmt.number(len(waiting)),
            detail="layak, belum masuk surat" if waiting else "",
        ),
        Figure(
            label="Masuk surat usulan",
            value=fmt.number(len(in_letter)),
            detail=fmt.rupiah(sum(d.proposal.nilai_usulan or 0 for d in in_letter)),
        ),
    ]
    reason_counts = [
        Figure(label=reason_text(code, lang), value=fmt.number(counts[code]), detail=code)
        for code in REASON_ORDER
        if counts[code]
    ]
    return SeleksiContext(
        doc=doc_info(settings, "Hasil Seleksi Usulan Bantuan", today, subject="Keputusan kelayakan setiap usulan"),
        letterhead=letterhead(settings),
        figures=figures,
        reason_counts=reason_counts,
        groups=groups,
    )


def _rows(
    members: list[ProposalDecision],
    decisions: list[ProposalDecision],
    home: dict[tuple[str, int], str],
    lang: str,
) -> list[SeleksiRow]:
    """The group's rows in order, each repeat preceded by the row it repeats when that row lives in
    another group, and a program heading wherever the program changes."""
    by_row = {(d.proposal.file, d.proposal.row): d for d in decisions}
    here = {(d.proposal.file, d.proposal.row) for d in members}
    ordered: list[tuple[ProposalDecision, str]] = []
    shown: set[tuple[str, int]] = set()
    for d in members:
        for places in d.related_rows.values():
            for file, _sheet, row in places:
                key = (file, row)
                if key in by_row and key not in here and key not in shown:
                    shown.add(key)
                    ordered.append((by_row[key], f"baris asal, juga di kelompok {home[key]}"))
        ordered.append((d, ""))
    out = []
    previous = None
    for i, (d, repeated) in enumerate(ordered, 1):
        program = d.proposal.program or "Tanpa program"
        row = _row(i, d, lang, repeated)
        if program != previous:
            row = row.model_copy(update={"program_heading": program})
        previous = program
        out.append(row)
    return out


MINISTRY = {"Ditolak": "Ditolak kementerian", "Disetujui": "Disetujui kementerian", "Disalurkan": "Sudah disalurkan"}


def _note(d: ProposalDecision, code: str, lang: str) -> str:
    """A note's sentence; on a proposal waiting for confirmation, with what to check."""
    sentence = explain(code, d.facts.get(code), lang)
    check = CONFIRM_CHECKS.get(code) if d.waiting else None
    return f"{sentence} — {check.get(lang, check['id'])}" if check else sentence


def _row(no: int, d: ProposalDecision, lang: str, repeated: str = "") -> SeleksiRow:
    p = d.proposal
    related = []
    for code, places in d.related_rows.items():
        label = {
            "duplicate-proposal": "usulan pertama",
            "already-received": "disetujui/disalurkan",
            "possible-duplicate": "mirip usulan",
        }.get(code, "sama dengan")
        related.append(f"{label} {places_text(places, (p.file, p.sheet), 'id', base_names=True)}")
    return SeleksiRow(
        no=no,
        file_row=f"{Path(p.file).name}, baris {p.row}",
        nik=p.nik or "",
        nama=p.nama or "",
        program=p.program or "",
        status=p.status,
        nilai=fmt.rupiah(p.nilai_usulan) if p.nilai_usulan is not None else "",
        eligible=d.eligible,
        verdict=("Layak, perlu dikonfirmasi" if d.waiting else "Layak") if d.eligible else "Tidak layak",
        reasons=[explain(code, d.facts.get(code), lang) for code in d.reasons],
        notes=[_note(d, code, lang) for code in d.notes],
        related="; ".join(related),
        ministry=MINISTRY.get(p.status, ""),
        repeated=repeated,
    )


REPORT = Report(
    name="seleksi",
    personal_data=True,
    order=2,
    formats=("pdf", "html"),
    build=lambda run: build(run.decisions.proposals, run.settings, run.today),
    long_table=("groups", "rows"),
)
