"""Verify: letter PDFs in → a VerifyReport out (the ministry's side of the signed letters).

Per file: PDF/A-3b with its XLSX attached, the attachment equal to the printed table and its total
in words, well-formed identifiers, and the signature (intact, whole file, signer, QR code); the
files are read in parallel processes when jobs > 1. Across the files, here: every NIK proposed more
than once and every account number shared by different NIKs.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ukmreport.verify.checks import check_file
from ukmreport.verify.letter import AttachedSheet
from ukmreport.verify.model import DuplicateNik, FileResult, Place, SharedAccount, VerifyReport
from ukmreport.verify.signature import trust_roots
from ukmreport.verify.text import say_problems

__all__ = ["FileResult", "VerifyReport", "default_jobs", "verify_letters"]


def verify_letters(paths: list[Path], ca_bundle: Path | None = None, jobs: int = 1, lang: str = "id") -> VerifyReport:
    """Check every letter file (in jobs processes), then the recipients across all of them here;
    each problem is said in lang."""
    with _libraries_quiet():
        roots = trust_roots(ca_bundle)
        if jobs > 1 and len(paths) > 1:
            from ukmreport.render.workers import running

            workers = min(jobs, len(paths))
            with running(workers, start="spawn") as pool:
                bundles = [ca_bundle] * len(paths)
                checked = list(pool.map(_check_apart, paths, bundles, chunksize=max(1, len(paths) // (4 * workers))))
        else:
            checked = [check_file(Path(path), roots) for path in paths]
    return say_problems(_across(paths, checked), lang)


def default_jobs() -> int:
    """The cores this process may use."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _check_apart(path: Path, ca_bundle: Path | None) -> tuple[FileResult, list[AttachedSheet]]:
    """check_file in a worker process, which reads the CA bundle once."""
    with _libraries_quiet():
        return check_file(Path(path), _worker_roots(ca_bundle))


@lru_cache(maxsize=1)
def _worker_roots(ca_bundle: Path | None) -> list | None:
    return trust_roots(ca_bundle)


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


def _across(paths: list[Path], checked: list[tuple[FileResult, list[AttachedSheet]]]) -> VerifyReport:
    """The files' results, and every NIK and account number found in more than one place."""
    results: list[FileResult] = []
    places: list[Place] = []
    accounts: dict[str, list[Place]] = defaultdict(list)
    for path, (result, sheets) in zip(paths, checked, strict=True):
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
