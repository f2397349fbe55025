"""The verify report as text for a person at the ministry's desk."""

from __future__ import annotations

from ukmreport import formatting as fmt
from ukmreport.verify.model import FileResult, Place, VerifyReport


def report_text(report: VerifyReport) -> str:
    lines: list[str] = []
    for result in report.files:
        lines.extend(_file_lines(result))
    if report.duplicate_niks:
        lines.append(f"NIK proposed more than once ({len(report.duplicate_niks)}):")
        for dup in report.duplicate_niks:
            lines.append(f"  {dup.nik}: " + "; ".join(_place(p) for p in dup.places))
    if report.shared_accounts:
        lines.append(f"Account numbers shared by different NIKs ({len(report.shared_accounts)}):")
        for shared in report.shared_accounts:
            lines.append(f"  {shared.no_rekening}: " + "; ".join(f"{_place(p)} NIK {p.nik}" for p in shared.places))
    letters = sum(len(f.letters) for f in report.files)
    rows = sum(letter.count for f in report.files for letter in f.letters)
    problems = sum(len(f.problems) for f in report.files) + len(report.duplicate_niks) + len(report.shared_accounts)
    verdict = "all checks hold" if report.ok else f"{problems} problem(s)"
    lines.append(f"{len(report.files)} file(s), {letters} letter(s), {rows} recipient(s): {verdict}.")
    return "\n".join(lines)


def _file_lines(result: FileResult) -> list[str]:
    mark = "OK  " if not result.problems else "FAIL"
    lines = [f"{mark} {result.path}"]
    if not result.readable:
        return lines + [f"     {p.check}: {p.message}" for p in result.problems]
    for letter in result.letters:
        lines.append(
            f"     {letter.number} ({letter.date}) {letter.program}: {letter.count} recipients, "
            f"{fmt.rupiah(letter.total, cents=True)}"
        )
    facts = [f"PDF/A-{result.pdfa}" if result.pdfa else "not PDF/A", f"attachment {result.attachment or 'none'}"]
    sig = result.signature
    if sig.signed:
        state = "intact" if sig.intact and sig.valid else "BROKEN"
        trust = {True: ", chain trusted", False: ", chain NOT trusted", None: ", chain not checked"}[sig.trusted]
        facts.append(f"signed by {sig.signer} at {sig.signed_at} ({state}, {sig.coverage}{trust})")
    else:
        facts.append("not signed")
    lines.append("     " + "; ".join(facts))
    lines.extend(f"     {p.check}: {p.message}" for p in result.problems)
    return lines


def _place(place: Place) -> str:
    return f"{place.file} ({place.program}, no {place.row})"
