"""The proposal letter to the ministry: eligible Diusulkan proposals, one letter per program."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from num2words import num2words

from ukmreport import formatting as fmt
from ukmreport.access import Access
from ukmreport.models import ProposalDecision
from ukmreport.period import ROMAN_MONTHS
from ukmreport.reports.common import doc_info, letterhead, place_date, sender, signature
from ukmreport.reports.contexts import UsulanContext, UsulanLetter, UsulanRow
from ukmreport.reports.declaration import Report, Run
from ukmreport.settings import Settings
from ukmreport.validate import fold

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
    rows = [_row(i, d) for i, d in enumerate(decisions, 1)]
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


def _row(no: int, d: ProposalDecision) -> UsulanRow:
    p, b = d.proposal, d.business
    return UsulanRow(
        no=no,
        nik=p.nik or "",
        nama=p.nama or "",
        jenis_kelamin=(b.jenis_kelamin if b else None) or "",
        alamat=_address(b),
        kecamatan=(b.kecamatan if b else None) or "",
        nama_usaha=(b.nama_usaha if b else None) or "",
        bidang_usaha=(b.sektor or b.bidang_usaha if b else None) or "",
        bank=(b.nama_bank if b else None) or "",
        no_rekening=(b.no_rekening if b else None) or "",
        nilai=fmt.rupiah(p.nilai_usulan or 0, cents=True),
    )


def _address(b: object) -> str:
    if b is None:
        return ""
    parts = [b.alamat, f"Kel. {b.kelurahan}" if b.kelurahan else None]  # type: ignore[attr-defined]
    return ", ".join(p for p in parts if p)


USULAN_HEADERS = (
    "No",
    "NIK",
    "Nama",
    "L/P",
    "Alamat",
    "Kelurahan",
    "Kecamatan",
    "Nama Usaha",
    "Bidang Usaha",
    "Bank",
    "No Rekening",
    "Nama Pemilik Rekening",
    "Nilai",
)


def write_xlsx(run: Run, path: Path, access: Access) -> None:
    """Write the letters' table as a plain workbook the ministry can load, one sheet per program."""
    from ukmreport.render.xlsx import write_table

    sheets = []
    for program, decisions in proposed(run.decisions.proposals).items():
        rows = []
        for i, d in enumerate(decisions, 1):
            p, b = d.proposal, d.business
            rows.append(
                [
                    i,
                    p.nik,
                    p.nama,
                    b.jenis_kelamin if b else None,
                    b.alamat if b else None,
                    b.kelurahan if b else None,
                    b.kecamatan if b else None,
                    b.nama_usaha if b else None,
                    (b.sektor or b.bidang_usaha) if b else None,
                    b.nama_bank if b else None,
                    b.no_rekening if b else None,
                    b.nama_rekening if b else None,
                    int(p.nilai_usulan or 0),
                ]
            )
        sheets.append((program, USULAN_HEADERS, rows))
    if not sheets:
        sheets.append(("Lampiran", USULAN_HEADERS, []))
    write_table(
        path,
        sheets,
        title="Lampiran usulan calon penerima bantuan",
        author=run.settings.office.short_name or "",
        created=run.now.replace(tzinfo=None, microsecond=0),
        access=access,
        text_columns=("NIK", "No Rekening", "Nama", "Alamat", "Nama Usaha", "Nama Pemilik Rekening"),
        widths={
            "NIK": 19,
            "Nama": 28,
            "Alamat": 36,
            "Nama Usaha": 26,
            "No Rekening": 20,
            "Bidang Usaha": 18,
            "Nama Pemilik Rekening": 28,
            "Nilai": 14,
            "No": 6,
            "L/P": 5,
        },
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
