"""The verify report as text for a person at the ministry's desk, in the run's language."""

from __future__ import annotations

from ukmreport import formatting as fmt
from ukmreport.messages import problem_text, verify_text
from ukmreport.verify.model import FileResult, Place, VerifyReport


def say_problems(report: VerifyReport, lang: str) -> VerifyReport:
    """Fill every problem's message in lang (the codes and facts stay, for `--format json`)."""
    for result in report.files:
        for problem in result.problems:
            problem.message = problem_text(problem.code, problem.params, lang)
    return report


def report_text(report: VerifyReport, lang: str = "id") -> str:
    lines: list[str] = []
    for result in report.files:
        lines.extend(_file_lines(result, lang))
    if report.duplicate_niks:
        lines.append(verify_text("verify-duplicates", lang, count=len(report.duplicate_niks)))
        for dup in report.duplicate_niks:
            lines.append(f"  {dup.nik}: " + "; ".join(_place(p, lang) for p in dup.places))
    if report.shared_accounts:
        lines.append(verify_text("verify-shared", lang, count=len(report.shared_accounts)))
        for shared in report.shared_accounts:
            places = "; ".join(f"{_place(p, lang)} NIK {p.nik}" for p in shared.places)
            lines.append(f"  {shared.no_rekening}: {places}")
    letters = sum(len(f.letters) for f in report.files)
    rows = sum(letter.count for f in report.files for letter in f.letters)
    problems = sum(len(f.problems) for f in report.files) + len(report.duplicate_niks) + len(report.shared_accounts)
    verdict = (
        verify_text("verify-all-hold", lang) if report.ok else verify_text("verify-problems", lang, count=problems)
    )
    lines.append(
        verify_text("verify-summary", lang, files=len(report.files), letters=letters, rows=rows, verdict=verdict)
    )
    return "\n".join(lines)


def _file_lines(result: FileResult, lang: str) -> list[str]:
    mark = verify_text("verify-fail" if result.problems else "verify-ok", lang)
    lines = [f"{mark} {result.path}"]
    problems = [
        f"      {_check(p.check, lang)}: {p.message or problem_text(p.code, p.params, lang)}" for p in result.problems
    ]
    if not result.readable:
        return lines + problems
    for letter in result.letters:
        total = fmt.rupiah(letter.total, cents=True)
        line = verify_text(
            "verify-letter",
            lang,
            number=letter.number,
            date=letter.date,
            program=letter.program,
            count=letter.count,
            total=total,
        )
        lines.append("      " + line)
    facts = [
        f"PDF/A-{result.pdfa}" if result.pdfa else verify_text("verify-not-pdfa", lang),
        verify_text("verify-attachment", lang, name=result.attachment)
        if result.attachment
        else verify_text("verify-no-attachment", lang),
    ]
    sig = result.signature
    if sig.signed:
        state = verify_text("verify-intact" if sig.intact and sig.valid else "verify-broken", lang)
        trust = {True: "verify-trusted", False: "verify-untrusted", None: "verify-unchecked"}[sig.trusted]
        facts.append(
            verify_text(
                "verify-signed",
                lang,
                signer=sig.signer or "?",
                time=sig.signed_at or "?",
                state=state,
                coverage=sig.coverage or "?",
                trust=verify_text(trust, lang),
            )
        )
    else:
        facts.append(verify_text("verify-unsigned", lang))
    lines.append("      " + "; ".join(facts))
    return lines + problems


def _check(check: str, lang: str) -> str:
    return verify_text(f"check-{check}", lang)


def _place(place: Place, lang: str) -> str:
    return verify_text("verify-place", lang, file=place.file, program=place.program, row=place.row)
