"""Open the office's PKCS#12 certificate once, before anything is rendered, and refuse it early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ukmreport.errors import SigningError


@dataclass(frozen=True)
class SigningKey:
    """A pyHanko signer ready to sign, and whom its certificate names."""

    signer: Any  # pyhanko.sign.signers.SimpleSigner
    subject: str
    not_after: datetime
    path: Path


def load_signing_key(path: Path, password: str | None, now: datetime | None = None) -> SigningKey:
    """Open CERT.p12 with its password; a wrong password, an expired or unreadable one is a SigningError."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(code="sign-cannot-read", certificate=path, reason=exc.strerror or exc) from exc
    secret = password.encode("utf-8") if password else None
    try:
        _, cert, _ = pkcs12.load_key_and_certificates(data, secret)
    except ValueError as exc:
        raise SigningError(code="sign-wrong-password", certificate=path) from exc
    if cert is None:
        raise SigningError(code="sign-no-certificate", certificate=path)
    now = now or datetime.now(UTC)
    subject = cert.subject.rfc4514_string()
    if cert.not_valid_after_utc < now:
        raise SigningError(
            code="sign-expired", certificate=path, subject=subject, day=f"{cert.not_valid_after_utc:%Y-%m-%d}"
        )
    if cert.not_valid_before_utc > now:
        raise SigningError(
            code="sign-not-yet-valid", certificate=path, subject=subject, day=f"{cert.not_valid_before_utc:%Y-%m-%d}"
        )
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret)
    except ValueError as exc:
        raise SigningError(code="sign-unusable", certificate=path, reason=exc) from exc
    return SigningKey(signer=signer, subject=subject, not_after=cert.not_valid_after_utc, path=Path(path))
