"""The letter's PAdES signature: intact, covering the whole file, who signed, and what its QR code says."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ukmreport.verify.model import FileResult, Signature


def trust_roots(ca_bundle: Path | None) -> list[Any] | None:
    """The certificates of a PEM bundle, or None when none was given."""
    if ca_bundle is None:
        return None
    from asn1crypto import pem, x509

    data = ca_bundle.read_bytes()
    if not pem.detect(data):
        return [x509.Certificate.load(data)]
    return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]


def check_signature(data: bytes, result: FileResult, roots: list[Any] | None, qr_payload: str | None) -> None:
    """Validate every signature in data (offline) and record what holds; qr_payload None: QR not compared."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as exc:  # a damaged file: what broke is the message
        result.signature = Signature(signed=b"/ByteRange" in data)
        result.add("signature", f"cannot read the signatures: {_first_line(exc)}")
        return
    if not signatures:
        if b"/ByteRange" in data:
            result.signature = Signature(signed=True)
            result.add("signature", "the file holds a signature that cannot be read (damaged signature dictionary)")
        return
    context = ValidationContext(trust_roots=roots or [], allow_fetching=False)
    for embedded in signatures:
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception as exc:
            result.signature = Signature(signed=True, intact=False, valid=False)
            result.add("signature", f"cannot validate signature {embedded.field_name}: {_first_line(exc)}")
            continue
        cert = status.signing_cert
        signature = Signature(
            signed=True,
            intact=status.intact,
            valid=status.valid,
            trusted=status.trusted if roots is not None else None,
            coverage=status.coverage.name if status.coverage is not None else None,
            signer=cert.subject.human_friendly if cert is not None else None,
            signed_at=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
            qr_matches=_qr_matches(embedded, qr_payload) if qr_payload is not None else None,
        )
        result.signature = signature
        if not status.intact:
            result.add("signature", "the signed bytes were changed after signing (digest mismatch)")
        elif not status.valid:
            result.add("signature", "the signature does not match the signer's certificate")
        if signature.coverage != "ENTIRE_FILE":
            result.add("signature", f"the signature does not cover the whole file (coverage {signature.coverage})")
        if roots is not None and not status.trusted:
            result.add("signature", f"the signer's certificate ({signature.signer}) does not chain to the CA bundle")
        if not _padding_is_clean(data, embedded):
            result.add("signature", "bytes were changed in the signature's unsigned padding (/Contents)")
        if signature.qr_matches is False:
            result.add("qr", "the QR code does not carry this letter's number, date, count, total and attachment hash")


def _padding_is_clean(data: bytes, embedded: Any) -> bool:
    """The one gap a signature leaves unsigned, /Contents, holds the CMS and then only zeros."""
    try:
        start, length, end, _ = (int(value) for value in embedded.sig_object["/ByteRange"])
        gap = data[start + length : end].strip(b"<> \r\n")
        der = bytes.fromhex(gap.decode("ascii"))
    except (ValueError, KeyError, UnicodeDecodeError):
        return False
    if len(der) < 2 or der[0] != 0x30:
        return False
    size, header = der[1], 2
    if size & 0x80:
        count = size & 0x7F
        size, header = int.from_bytes(der[2 : 2 + count], "big"), 2 + count
    return not any(der[header + size :])


def _qr_matches(embedded: Any, payload: str) -> bool | None:
    """Redraw the QR code of the payload as pyHanko does and compare it with the one in the block."""
    try:
        import qrcode
        from pyhanko.pdf_utils.qr import PdfStreamQRImage

        field = embedded.sig_field
        appearance = field["/AP"]["/N"]
    except Exception:  # an invisible signature, or no QR support: nothing to compare
        return None
    try:
        drawn = _find_xobject(appearance, "/QR", depth=0)
        if drawn is None:
            return None
        printed = bytes(drawn.data)
    except Exception:  # a damaged appearance (bad reference, corrupt stream): the QR cannot be confirmed
        return False
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload)
    qr.make()
    return printed == bytes(qr.make_image(image_factory=PdfStreamQRImage).render_command_stream())


def _find_xobject(stream: Any, name: str, depth: int) -> Any:
    stream = stream.get_object()
    xobjects = stream.get("/Resources", {}).get("/XObject", {})
    if name in xobjects:
        return xobjects[name].get_object()
    if depth > 4:
        return None
    for child in xobjects.values():
        found = _find_xobject(child, name, depth + 1)
        if found is not None:
            return found
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
