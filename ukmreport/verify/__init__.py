"""Verify: letter PDFs in → a VerifyReport out (the ministry's side of the signed letters).

Per file: PDF/A-3b with its XLSX attached, the attachment equal to the printed table and its total
in words, well-formed identifiers, and the signature (intact, whole file, signer, QR code). Across
the files: every NIK proposed more than once and every account number shared by different NIKs.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ukmreport.verify.checks import check_file
from ukmreport.verify.model import DuplicateNik, FileResult, Place, SharedAccount, VerifyReport
from ukmreport.verify.signature import trust_roots

__all__ = ["FileResult", "VerifyReport", "verify_letters"]


def verify_letters(paths: list[Path], ca_bundle: Path | None = None) -> VerifyReport:
    """Check every letter file, then the recipients across all of them."""
    with _libraries_quiet():
        return _verify(paths, trust_roots(ca_bundle))


@contextmanager
def _libraries_quiet() -> Iterator[None]:
    """pypdf and pyHanko log what a damaged or unsigned-chain file looks like; the report says it once."""
    loggers = [logging.getLogger(name) for name in ("pypdf", "pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _verify(paths: list[Path], roots: list | None) -> VerifyReport:
    results: list[FileResult] = []
    places: list[Place] = []
    accounts: dict[str, list[Place]] = defaultdict(list)
    for path in paths:
        result, sheets = check_file(Path(path), roots)
        results.append(result)
        for sheet, letter in zip(sheets, result.letters + [None] * len(sheets), strict=False):
            program = letter.program if letter else sheet.name
            for row in sheet.rows:
                place = Place(file=str(path), program=program, row=row.no, nik=row.nik)
                places.append(place)
                if row.no_rekening:
                    accounts[row.no_rekening].append(place)
    by_nik: dict[str, list[Place]] = defaultdict(list)
    for place in places:
        if place.nik:
            by_nik[place.nik].append(place)
    return VerifyReport(
        files=results,
        duplicate_niks=[DuplicateNik(nik=nik, places=found) for nik, found in by_nik.items() if len(found) > 1],
        shared_accounts=[
            SharedAccount(no_rekening=account, niks=sorted({p.nik for p in found}), places=found)
            for account, found in accounts.items()
            if len({p.nik for p in found}) > 1
        ],
    )
