"""The proposal letter to the ministry: eligible Diusulkan proposals, one letter per program."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from num2words import num2words

from ukmreport import formatting as fmt
from ukmreport.access import Access
from ukmreport.models import ProposalDecision
from ukmreport.period import ROMAN_MONTHS
from ukmreport.reports.common import doc_info, letterhead, place_date, sender, signature
from ukmreport.reports.contexts import UsulanColumn, UsulanContext, UsulanLetter, UsulanRow
from ukmreport.reports.declaration import Report, Run
from ukmreport.settings import Settings
from ukmreport.validate import fold

# Header -> (UsulanRow field, relative width, alignment, no wrap, the XLSX keeps it as text).
# Widths are shares of the landscape text area (252 mm at 7 pt): a 16-digit NIK needs ~23 mm.
COLUMNS: dict[str, tuple[str, float, str, bool, bool]] = {
    "No": ("no", 3.2, "num", True, False),
    "NIK": ("nik", 10.4, "num", True, True),
    "No. KK": ("no_kk", 10.4, "num", True, True),
    "Nama Lengkap": ("nama", 7.6, "", False, True),
    "L/P": ("jenis_kelamin", 2.6, "center", False, False),
    "Tempat/Tanggal Lahir": ("tempat_tanggal_lahir", 8.0, "", False, True),
    "Alamat": ("alamat", 6.6, "", False, True),
    "Kelurahan": ("kelurahan", 6.2, "", False, True),
    "Kecamatan": ("kecamatan", 6.4, "", False, True),
    "Nama Usaha": ("nama_usaha", 6.6, "", False, True),
    "Bidang Usaha": ("bidang_usaha", 7.0, "", False, True),
    "NIB": ("nib", 8.0, "num", True, True),
    "No. HP": ("no_hp", 8.0, "num", True, True),
    "Bank": ("bank", 4.4, "", False, True),
    "No Rekening": ("no_rekening", 9.6, "num", True, True),
    "Nama Pemilik Rekening": ("nama_rekening", 7.6, "", False, True),
    "Nilai": ("nilai", 9.4, "num", True, False),
}


def attachment_columns(settings: Settings) -> list[UsulanColumn]:
    """The attachment's columns as settings.letter.columns names them, their widths filling the page."""
    chosen = [(header, COLUMNS[header]) for header in settings.letter.columns]
    whole = sum(spec[1] for _, spec in chosen)
    return [
        UsulanColumn(header=header, field=field, width=f"{width / whole * 100:.2f}%", align=align, nowrap=nowrap)
        for header, (field, width, align, nowrap, _) in chosen
    ]


# What the letter may say of its recipients: one phrase per check of rules.md, stated only when
# every listed proposal passed it on data that could have shown otherwise (ProposalDecision.checks).
CHECK_PHRASES = (
    ("nik", "memiliki NIK yang sah"),
    ("registered", "tercatat dalam data pelaku usaha"),
    ("micro", "menjalankan usaha mikro"),
    ("occupation", "bukan ASN, anggota TNI/Polri atau pegawai BUMN/BUMD"),
    ("kur", "tidak sedang menerima KUR"),
    ("not-duplicate", "tidak diusulkan ganda"),
    ("not-received", "belum pernah menerima bantuan program yang sama menurut riwayat bantuan yang tercatat"),
    ("account", "memiliki rekening bank"),
)


def proposed(decisions: list[ProposalDecision]) -> dict[str, list[ProposalDecision]]:
    """Eligible, confirmed proposals with status Diusulkan, grouped by program (first spelling wins)."""
    programs: dict[str, tuple[str, list[ProposalDecision]]] = {}
    for d in decisions:
        p = d.proposal
        if d.eligible and not d.waiting and p.status == "Diusulkan" and p.program:
            programs.setdefault(fold(p.program), (p.program, []))[1].append(d)
    return {name: rows for name, rows in programs.values()}


def build(decisions: list[ProposalDecision], settings: Settings, today: date) -> UsulanContext:
    letters = [_letter(program, rows, settings, today) for program, rows in proposed(decisions).items()]
    title = f"Usulan Calon Penerima Bantuan — {settings.office.short_name}"
    return UsulanContext(
        doc=doc_info(settings, title, today, subject="Usulan calon penerima bantuan"),
        letterhead=letterhead(settings),
        signature=signature(settings),
        letters=letters,
        sample_signer=settings.sample_signer,
    )


def letter_number(settings: Settings, today: date) -> str:
    return (settings.letter.number_pattern or "").format(
        seq=settings.letter.sequence, month_roman=ROMAN_MONTHS[today.month - 1], year=today.year, month=today.month
    )


def _letter(program: str, decisions: list[ProposalDecision], settings: Settings, today: date) -> UsulanLetter:
    with_kelurahan = "Kelurahan" in settings.letter.columns
    rows = [_row(i, d, with_kelurahan) for i, d in enumerate(decisions, 1)]
    total = sum(int(d.proposal.nilai_usulan or 0) for d in decisions)
    count = len(decisions)
    amounts = {int(d.proposal.nilai_usulan or 0) for d in decisions}
    each = amounts.pop() if len(amounts) == 1 else settings.program.amount
    count_words = num2words(count, lang="id")
    office = settings.office.short_name
    paragraphs = [
        f"Dalam rangka pemulihan dan penguatan usaha mikro di {settings.office.region}, bersama ini kami "
        f"mengusulkan {count} ({count_words}) orang pelaku usaha mikro sebagai calon penerima {program} "
        f"dengan besaran {fmt.rupiah(each, cents=True)} ({fmt.amount_in_words(each)}) per penerima, "
        f"sehingga seluruhnya berjumlah {fmt.rupiah(total, cents=True)} ({fmt.amount_in_words(total)}).",
        f"Seluruh calon penerima telah diverifikasi oleh {office} berdasarkan data pelaku usaha yang "
        f"tercatat: {verified(decisions)}. Daftar calon penerima terlampir.",
        "Demikian usulan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.",
    ]
    return UsulanLetter(
        program=program,
        number=letter_number(settings, today),
        place_date=place_date(settings, today),
        date=fmt.long_date(today),
        sifat=settings.letter.sifat,
        lampiran="1 (satu) berkas",
        hal=settings.letter.subject.format(program=program),
        addressee=settings.letter.addressee,
        addressee_place=settings.letter.addressee_place,
        paragraphs=paragraphs,
        columns=attachment_columns(settings),
        rows=rows,
        count=str(count),
        count_words=count_words,
        total=fmt.rupiah(total, cents=True),
        total_words=fmt.amount_in_words(total),
        amount_each=fmt.rupiah(each, cents=True),
        copies_to=settings.letter.copies_to or [],
        sender=sender(settings),
    )


def verified(decisions: list[ProposalDecision]) -> str:
    """The checks every listed proposal passed, as one clause: 'memiliki NIK yang sah, …, dan …'."""
    passed = frozenset.intersection(*(d.checks for d in decisions)) if decisions else frozenset()
    phrases = [phrase for code, phrase in CHECK_PHRASES if code in passed]
    if "account" in passed and "own-account" in passed:
        phrases[-1] += " atas nama sendiri"
    if len(phrases) < 2:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + ", dan " + phrases[-1]


def _row(no: int, d: ProposalDecision, with_kelurahan: bool = True) -> UsulanRow:
    p = d.proposal
    values = cells(d)
    return UsulanRow(
        no=no,
        nik=p.nik or "",
        nama=p.nama or "",
        jenis_kelamin=values["jenis_kelamin"],
        alamat=values["alamat"] if with_kelurahan else _address(d.business),
        kecamatan=values["kecamatan"],
        nama_usaha=values["nama_usaha"],
        bidang_usaha=values["bidang_usaha"],
        bank=values["bank"],
        no_rekening=values["no_rekening"],
        nilai=fmt.rupiah(p.nilai_usulan or 0, cents=True),
        no_kk=values["no_kk"],
        kelurahan=values["kelurahan"],
        no_hp=values["no_hp"],
        nama_rekening=values["nama_rekening"],
        tempat_tanggal_lahir=values["tempat_tanggal_lahir"],
        nib=values["nib"],
    )


CELL_FIELDS = (
    "jenis_kelamin alamat kelurahan kecamatan nama_usaha bidang_usaha bank no_rekening no_kk no_hp "
    "nama_rekening tempat_tanggal_lahir nib"
).split()


def cells(d: ProposalDecision) -> dict[str, str]:
    """The business's side of an attachment row, as text ('' where the sheet has nothing)."""
    b = d.business
    if b is None:
        return dict.fromkeys(CELL_FIELDS, "")
    birth = ", ".join(x for x in (b.tempat_lahir, fmt.short_date(b.tanggal_lahir) if b.tanggal_lahir else "") if x)
    return {
        "jenis_kelamin": b.jenis_kelamin or "",
        "alamat": b.alamat or "",
        "kelurahan": b.kelurahan or "",
        "kecamatan": b.kecamatan or "",
        "nama_usaha": b.nama_usaha or "",
        "bidang_usaha": b.sektor or b.bidang_usaha or "",
        "bank": b.nama_bank or "",
        "no_rekening": b.no_rekening or "",
        "no_kk": b.no_kk or "",
        "no_hp": b.no_hp or "",
        "nama_rekening": b.nama_rekening or "",
        "tempat_tanggal_lahir": birth,
        "nib": b.nib or "",
    }


def _address(b: object) -> str:
    if b is None:
        return ""
    parts = [b.alamat, f"Kel. {b.kelurahan}" if b.kelurahan else None]  # type: ignore[attr-defined]
    return ", ".join(p for p in parts if p)


def sheet_name(program: str, index: int) -> str:
    """A whole word or two for the sheet's tab (Excel keeps 31 characters): the program's short name
    in brackets ('BPUM'), else 'Lampiran', numbered when there are several programs."""
    short = re.search(r"\(([^()]{1,31})\)\s*$", program)
    if short:
        return short.group(1).strip()
    return "Lampiran" if index == 1 else f"Lampiran {index}"


def write_xlsx(run: Run, path: Path, access: Access) -> None:
    """Write the letters' table as the ministry loads and prints it: one sheet per program, the same
    columns as the PDF, a title above, the total row under, landscape and one page wide."""
    from ukmreport.render.xlsx import SheetTable, write_table

    settings = run.settings
    headers = list(settings.letter.columns)
    sheets = []
    for index, (program, decisions) in enumerate(proposed(run.decisions.proposals).items(), 1):
        rows = []
        for i, d in enumerate(decisions, 1):
            values: dict[str, object] = {**cells(d), "no": i, "nik": d.proposal.nik, "nama": d.proposal.nama}
            values["nilai"] = int(d.proposal.nilai_usulan or 0)
            rows.append([values[COLUMNS[h][0]] for h in headers])
        total = sum(int(d.proposal.nilai_usulan or 0) for d in decisions)
        sheets.append(
            SheetTable(
                name=sheet_name(program, index),
                headers=headers,
                rows=rows,
                title=[
                    f"Lampiran Surat {settings.head.position}",
                    f"Nomor {letter_number(settings, run.today)} tanggal {fmt.long_date(run.today)}",
                    f"Daftar Calon Penerima {program}",
                ],
                total=(f"JUMLAH ({len(rows)} orang)", total),
            )
        )
    if not sheets:
        sheets.append(SheetTable(name="Lampiran", headers=headers, rows=[], title=["Lampiran"], total=None))
    write_table(
        path,
        sheets,
        title="Lampiran usulan calon penerima bantuan",
        author=settings.office.short_name or "",
        created=run.now.replace(tzinfo=None, microsecond=0),
        access=access,
        text_columns=[h for h in headers if COLUMNS[h][4]],
        widths={header: max(5.0, COLUMNS[header][1] * 2.6) for header in headers},
    )


REPORT = Report(
    name="usulan",
    personal_data=True,
    order=1,
    formats=("pdf", "html", "xlsx"),
    build=lambda run: build(run.decisions.proposals, run.settings, run.today),
    attachments={"xlsx": write_xlsx},
    long_table=("letters", "rows"),
    pdf_variant="pdf/a-3b",
    signed=True,
    empty=lambda run: None if proposed(run.decisions.proposals) else "no eligible proposals",
)
