"""What verify finds, as data: per file, per letter, and across all the letters given."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Problem(BaseModel):
    """One thing that does not hold: the check ('signature', 'attachment', …), a stable code and its
    facts (messages/verify.py), and the sentence in the run's language (filled by say_problems)."""

    check: str
    code: str
    params: dict[str, str] = Field(default_factory=dict)
    message: str = ""


class Signature(BaseModel):
    signed: bool = False
    intact: bool | None = None  # the signed bytes hash to what was signed
    valid: bool | None = None  # and the signature matches the signer's certificate
    trusted: bool | None = None  # the certificate chains to the CA bundle (None: no bundle given)
    coverage: str | None = None  # ENTIRE_FILE when nothing was appended after signing
    signer: str | None = None
    signed_at: str | None = None
    qr_matches: bool | None = None  # the QR code says the letter's number, date, count, total, sha256


class Letter(BaseModel):
    program: str
    number: str
    date: str
    count: int
    total: int


class FileResult(BaseModel):
    path: str
    readable: bool = True
    pdfa: str | None = None  # '3B' when the XMP metadata says PDF/A-3b
    attachment: str | None = None
    attachment_sha256: str | None = None
    letters: list[Letter] = Field(default_factory=list)
    signature: Signature = Field(default_factory=Signature)
    problems: list[Problem] = Field(default_factory=list)

    def add(self, check: str, code: str, **params: object) -> None:
        self.problems.append(Problem(check=check, code=code, params={k: str(v) for k, v in params.items()}))


class Place(BaseModel):
    """Where a recipient is proposed: file, program and row number in the attachment."""

    file: str
    program: str
    row: int
    nik: str = ""


class DuplicateNik(BaseModel):
    nik: str
    places: list[Place]


class SharedAccount(BaseModel):
    no_rekening: str
    niks: list[str]
    places: list[Place]


class VerifyReport(BaseModel):
    files: list[FileResult]
    duplicate_niks: list[DuplicateNik] = Field(default_factory=list)
    shared_accounts: list[SharedAccount] = Field(default_factory=list)

    @property
    def readable(self) -> bool:
        return any(f.readable for f in self.files)

    @property
    def ok(self) -> bool:
        return (
            self.readable
            and not any(f.problems for f in self.files)
            and not self.duplicate_niks
            and not self.shared_accounts
        )
