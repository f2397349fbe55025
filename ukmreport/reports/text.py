"""Plain-text output for the terminal: findings grouped by file and sheet, decisions, build summary."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Protocol

import click

from ukmreport import formatting as fmt
from ukmreport.messages import SEVERITY_WORDS, category_text, finding_message, say, skipped_text
from ukmreport.models import Dataset
from ukmreport.reports.declaration import Run
from ukmreport.rules.explanations import explain


class Built(Protocol):
    """What build_text reads of the pipeline's BuildResult."""

    out_dir: Path
    outputs: list[dict[str, Any]]
    manifest: dict[str, Any]
    skipped: dict[str, str]


# Control characters and bidi overrides in a cell must not drive the terminal (clear the screen,
# ring, or print the rest of the line reversed): show them escaped.
_UNSAFE = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x0A,)}
_UNSAFE.update({c: f"\\u{c:04x}" for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def safe(text: str) -> str:
    """Escape terminal control characters and bidi marks in text that came from a workbook."""
    return text.translate(_UNSAFE)


COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
WORDS = {
    "id": {
        "rows": "baris",
        "valid": "valid",
        "errors": "baris salah",
        "warnings": "baris dengan peringatan",
        "none": "Tidak ada temuan.",
        "total": "Jumlah temuan",
        "file": "Berkas",
    },
    "en": {
        "rows": "rows",
        "valid": "valid",
        "errors": "rows with errors",
        "warnings": "rows with warnings",
        "none": "No findings.",
        "total": "Findings",
        "file": "File",
    },
}


def findings_text(data: Dataset, lang: str = "id", color: bool = False) -> str:
    """Findings grouped by file and sheet, each with its cell, value and message; then totals."""
    words = WORDS[lang]
    lines: list[str] = []
    grouped: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for f in data.findings:
        grouped[f.file][f.sheet or ""].append(f)
    for file, sheets in grouped.items():
        lines.append(
            click.style(f"{words['file']} {safe(file)}", bold=True) if color else f"{words['file']} {safe(file)}"
        )
        for sheet, findings in sheets.items():
            if sheet:
                lines.append(f"  {safe(sheet)}")
            for f in findings:
                severity = SEVERITY_WORDS[f.severity][lang]
                label = click.style(f"{severity:<10}", fg=COLORS[f.severity]) if color else f"{severity:<10}"
                where = safe(f.cell or f.file)
                value = f" [{safe(f.value)}]" if f.value else ""
                lines.append(f"    {label} {where}{value}: {safe(finding_message(f, lang))} ({f.code})")
        lines.append("")
    if not data.findings:
        lines.append(words["none"])
    lines.append(_totals(data, lang))
    return "\n".join(lines)


def _totals(data: Dataset, lang: str) -> str:
    words = WORDS[lang]
    out = []
    for kind, c in data.counts.items():
        if c.rows:
            out.append(
                f"  {kind:<16} {fmt.number(c.rows)} {words['rows']}, {fmt.number(c.valid)} {words['valid']}, "
                f"{fmt.number(c.errors)} {words['errors']}, {fmt.number(c.warnings)} {words['warnings']}"
            )
    severities = Counter(f.severity for f in data.findings)
    summary = ", ".join(
        f"{fmt.number(severities[s])} {SEVERITY_WORDS[s][lang].lower()}" for s in ("error", "warning", "info")
    )
    return "\n".join([f"{words['total']}: {summary}", *out])


def decisions_text(run: Run, lang: str = "id") -> str:
    lines = []
    row = say("rules-row", lang)
    if run.decisions.proposals:
        lines.append(say("rules-proposals", lang))
    sheet = None
    for d in run.decisions.proposals:
        p = d.proposal
        if (p.file, p.sheet) != sheet:  # row numbers are per sheet: say whose they are
            sheet = (p.file, p.sheet)
            lines.append(f"  {say('rules-sheet', lang, file=safe(p.file), sheet=safe(p.sheet))}")
        if d.waiting:
            verdict = say("rules-waiting", lang)
        else:
            verdict = say("rules-eligible" if d.eligible else "rules-ineligible", lang)
        lines.append(
            f"  {row} {p.row:>4}  {safe(p.nik or '-'):<16}  {safe(p.nama or '-')[:30]:<30}  {p.status:<10}  {verdict}"
        )
        for code in d.reasons:
            lines.append(f"        - {safe(explain(code, d.facts.get(code), lang))} ({code})")
        for code in d.notes:
            lines.append(f"        · {safe(explain(code, d.facts.get(code), lang))} ({code})")
    if run.decisions.cooperatives:
        lines.append(say("rules-cooperatives", lang))
    sheet = None
    for d in run.decisions.cooperatives:
        c = d.cooperative
        if (c.file, c.sheet) != sheet:
            sheet = (c.file, c.sheet)
            lines.append(f"  {say('rules-sheet', lang, file=safe(c.file), sheet=safe(c.sheet))}")
        score = fmt.number(d.score, 2) if d.score is not None else "-"
        basis = f" ({d.assessment_year}, {say('rules-guideline', lang)} {d.guideline})" if d.guideline else ""
        lines.append(
            f"  {row} {c.row:>4}  {safe(c.nama_koperasi or '-')[:40]:<40}  {category_text(d.category, lang):<24} "
            f"{score:>6}{basis}"
        )
        for code in d.reasons + (["score-capped"] if "score-capped" in d.facts else []):
            lines.append(f"        - {safe(explain(code, d.facts.get(code), lang))} ({code})")
        for code in d.notes:
            lines.append(f"        · {safe(explain(code, d.facts.get(code), lang))} ({code})")
        if d.candidate:
            lines.append(f"        * {say('rules-candidate', lang)}")
    return "\n".join(lines) if lines else say("rules-none", lang)


def build_text(result: Built, lang: str = "id") -> str:
    s = result.manifest["summary"]
    lines = [say("built", lang, folder=result.out_dir)]
    for o in result.outputs:
        lines.append(
            "  " + (say("built-pages", lang, path=o["path"], pages=o["pages"]) if o.get("pages") else o["path"])
        )
    lines.append("  decisions.json, manifest.json")
    for name, reason in result.skipped.items():
        lines.append(say("skipped", lang, name=name, reason=skipped_text(reason, lang)))
    made = {o["name"] for o in result.outputs}
    kept = sorted({o["name"] for o in result.manifest["outputs"]} - made)
    if kept:
        lines.append(say("built-kept", lang, names=", ".join(kept)))
    lines.append(
        say(
            "built-summary",
            lang,
            proposals=s["proposals"],
            eligible=s["eligible"],
            amount=fmt.rupiah(s["amount_eligible"] or 0),
            ineligible=s["ineligible"],
            waiting=s["waiting"],
            businesses=fmt.number(s["businesses"]),
            errors=s["findings"]["error"],
            warnings=s["findings"]["warning"],
        )
    )
    return "\n".join(lines)
