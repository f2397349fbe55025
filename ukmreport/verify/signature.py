"""The letter's PAdES signature: intact, covering the whole file, who signed, and what its QR code says."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ukmreport.errors import UkmreportError
from ukmreport.verify.model import FileResult, Signature


def trust_roots(ca_bundle: Path | None) -> list[Any] | None:
    """The certificates of a PEM bundle, or None when none was given."""
    if ca_bundle is None:
        return None
    from asn1crypto import pem, x509

    try:
        data = ca_bundle.read_bytes()
        if not pem.detect(data):
            roots = [x509.Certificate.load(data)]
        else:
            roots = [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        for root in roots:
            root.native  # noqa: B018 (parses every field: a broken certificate fails here, not mid-run)
    except OSError as exc:
        raise UkmreportError(code="verify-bad-ca-bundle", certificate=ca_bundle, reason=exc.strerror or exc) from exc
    except Exception as exc:  # asn1crypto raises ValueError, TypeError and its own kinds
        raise UkmreportError(code="verify-bad-ca-bundle", certificate=ca_bundle, reason=_first_line(exc)) from exc
    return roots


def check_signature(data: bytes, result: FileResult, roots: list[Any] | None, qr_payload: str | None) -> None:
    """Validate every signature in data (offline) and record what holds; qr_payload None: QR not compared."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as exc:  # a damaged file: what broke is the message
        result.signature = Signature(signed=b"/ByteRange" in data)
        result.add("signature", "signature-unreadable", reason=_first_line(exc))
        return
    if not signatures:
        if b"/ByteRange" in data:
            result.signature = Signature(signed=True)
            result.add("signature", "signature-damaged")
        return
    context = ValidationContext(trust_roots=roots or [], allow_fetching=False)
    for embedded in signatures:
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception as exc:
            result.signature = Signature(signed=True, intact=False, valid=False)
            result.add("signature", "signature-not-validated", field=embedded.field_name, reason=_first_line(exc))
            continue
        cert = status.signing_cert
        signature = Signature(
            signed=True,
            intact=status.intact,
            valid=status.valid,
            trusted=status.trusted if roots is not None else None,
            coverage=status.coverage.name if status.coverage is not None else None,
            signer=_signer_name(cert) if cert is not None else None,
            signed_at=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
            qr_matches=_qr_matches(embedded, qr_payload) if qr_payload is not None else None,
        )
        result.signature = signature
        if not status.intact:
            result.add("signature", "signature-changed")
        elif not status.valid:
            result.add("signature", "signature-invalid")
        if signature.coverage != "ENTIRE_FILE":
            result.add("signature", "signature-coverage", coverage=signature.coverage)
        if roots is not None and not status.trusted:
            result.add("signature", "signature-untrusted", signer=signature.signer)
        try:
            unsigned = _unsigned_changes(embedded)
        except Exception as exc:  # a damaged certificate or structure that still let validation run
            unsigned = [("cms-unreadable", {"kind": type(exc).__name__})]
        for change, facts in unsigned:
            result.add("signature", "signature-unsigned-altered", change=change, **facts)
        if not _padding_is_clean(data, embedded):
            result.add("signature", "signature-padding")
        if signature.qr_matches is False:
            result.add("qr", "qr-differs")


def _signer_name(cert: Any) -> str:
    """'Name (Organisation)' from the certificate's subject, in no language (asn1crypto's
    human_friendly labels the parts in English: 'Common Name: …; Organization: …')."""
    subject = cert.subject.native
    name = subject.get("common_name") or cert.subject.human_friendly
    organisation = subject.get("organization_name")
    return f"{name} ({organisation})" if organisation else str(name)


def _unsigned_changes(embedded: Any) -> list[tuple[str, dict[str, str]]]:
    """What the CMS says outside its signed attributes: one PAdES shape, and certificates that verify."""
    content = embedded.signed_data
    infos = content["signer_infos"]
    digest = infos[0]["digest_algorithm"]["algorithm"].native if len(infos) else None
    shape = {
        "cms-version": content["version"].native in ("v1", "v3"),
        "cms-digest-algorithms": [a["algorithm"].native for a in content["digest_algorithms"]] == [digest],
        "cms-content-type": content["encap_content_info"]["content_type"].native == "data"
        and content["encap_content_info"]["content"].native is None,
        "cms-one-signer": len(infos) == 1 and infos[0]["version"].native in ("v1", "v3"),
        "cms-unsigned-attributes": infos[0]["unsigned_attrs"].native in (None, [])
        or all(a["type"].native == "signature_time_stamp_token" for a in infos[0]["unsigned_attrs"]),
    }
    changes: list[tuple[str, dict[str, str]]] = [(code, {}) for code, holds in shape.items() if not holds]
    for subject in _altered_certificates(embedded):
        changes.append(("cms-certificate", {"subject": subject}) if subject else ("cms-certificate-unreadable", {}))
    return changes


def _altered_certificates(embedded: Any) -> list[str]:
    """The certificates a signature carries lie outside what it signs: each must be on the signer's
    chain (signer, its issuer, that one's issuer …) and verify against the next; any other is named."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    carried: list[Any] = []
    altered: list[str] = []
    for choice in embedded.signed_data["certificates"] or []:
        try:
            carried.append(x509.load_der_x509_certificate(choice.chosen.dump()))
        except Exception:  # a damaged certificate: ValueError, InvalidVersion, an asn1crypto error
            altered.append("")  # named as unreadable
    signer_der = embedded.signer_cert.dump()
    chain = [cert for cert in carried if cert.public_bytes(_der()) == signer_der]
    while chain:
        top = chain[-1]
        issuer = next((c for c in carried if c.subject == top.issuer and c not in chain), None)
        if issuer is None:
            if _claims_root(top) and not _self_signed(top):
                altered.append(top.subject.rfc4514_string())
            break
        _verify_issued(top, issuer, altered, InvalidSignature)
        chain.append(issuer)
    altered += [cert.subject.rfc4514_string() for cert in carried if cert not in chain]
    return altered


def _claims_root(cert: Any) -> bool:
    """A certificate with no authority key identifier, or its own: a root, which must sign itself."""
    from cryptography import x509

    try:
        authority = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
    except x509.ExtensionNotFound:
        return True
    try:
        subject = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return False
    return authority == subject


def _self_signed(cert: Any) -> bool:
    """Its own key verifies its signature (names aside: a changed issuer name must fail here too)."""
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(cert.signature_hash_algorithm))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), cert.signature_hash_algorithm)
        else:
            cert.verify_directly_issued_by(cert)
    except Exception:
        return False
    return True


def _der() -> Any:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _verify_issued(cert: Any, issuer: Any, altered: list[str], invalid: type[Exception]) -> None:
    try:
        cert.verify_directly_issued_by(issuer)
    except (invalid, ValueError, TypeError):
        altered.append(cert.subject.rfc4514_string())


def _padding_is_clean(data: bytes, embedded: Any) -> bool:
    """The one gap a signature leaves unsigned, /Contents, holds a well-formed CMS and then only zeros."""
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
    if any(der[header + size :]):
        return False
    from asn1crypto import cms

    try:  # strictly: pyHanko reads a CMS whose outer length was changed, this does not
        signed = cms.ContentInfo.load(der[: header + size], strict=True)["content"]
        for part in ("version", "digest_algorithms", "encap_content_info", "crls", "signer_infos"):
            signed[part].native  # noqa: B018 (parses every field)
        # the certificates only to their own encodings: _altered_certificates parses and checks each
        certificates = [choice.chosen.dump() for choice in signed["certificates"] or []]
    except Exception:
        return False
    return all(certificates)


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
