"""Parts that several reports share: letterhead, signature, document info."""

from __future__ import annotations

from datetime import date

from ukmreport import formatting as fmt
from ukmreport.reports.contexts import DocInfo, Letterhead, Signature
from ukmreport.settings import Settings


def letterhead(settings: Settings) -> Letterhead:
    """The kop from the office profile (office.py has filled it for the region and refused what is missing)."""
    office = settings.office
    contact = " · ".join(
        part for part in (f"Telp. {office.phone}" if office.phone else "", office.email, office.website) if part
    )
    return Letterhead(
        government=office.government or "",
        office=office.name or "",
        address=office.address or "",
        contact=contact,
        logo=office.logo,
    )


def signature(settings: Settings) -> Signature:
    head = settings.head
    return Signature(
        position=head.position or "",
        name=head.name or "",
        rank=head.rank or "",
        nip=fmt.nip(head.nip) if head.nip else "",
    )


def sender(settings: Settings) -> str:
    """Whose letter it is, as the attachment names it: the signer's position, else the office's head."""
    return settings.head.position or f"Kepala {settings.office.short_name}"


def doc_info(settings: Settings, title: str, today: date, subject: str = "", period: str = "") -> DocInfo:
    return DocInfo(
        title=title,
        author=settings.office.short_name or "",
        subject=subject,
        lang=settings.lang,
        generated=fmt.long_date(today),
        period=period,
    )


def place_date(settings: Settings, day: date) -> str:
    """'Baubau, 28 November 2026': no closing full stop (Permendagri 1/2023)."""
    return f"{settings.office.city}, {fmt.long_date(day)}"
