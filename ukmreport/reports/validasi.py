"""The staff's validation report: every finding, grouped by sheet and code, with cell addresses.

Thousands of findings stay readable: each (sheet, code) group shows its count and the first
cells; the annotated copy of the workbook carries every one of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from ukmreport import formatting as fmt
from ukmreport.messages import SEVERITY, SEVERITY_WORDS, finding_message, generic_message, sheet_title
from ukmreport.models import Dataset, Finding
from ukmreport.reports.common import doc_info, letterhead
from ukmreport.reports.contexts import Figure, FindingCell, FindingGroup, SheetFindings, Table, ValidasiContext
from ukmreport.reports.declaration import Report
from ukmreport.settings import Settings

CELLS_SHOWN = 40
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def build(data: Dataset, settings: Settings, today: date, annotated: dict[str, str] | None = None) -> ValidasiContext:
    """annotated maps an input file to the relative path of its annotated copy."""
    lang = settings.lang
    by_sheet: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in data.findings:
        by_sheet[(f.file, f.sheet or "")].append(f)
    sheets = []
    for (file, sheet), findings in by_sheet.items():
        by_code: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_code[f.code].append(f)
        groups = [
            _group(code, items, lang)
            for code, items in sorted(by_code.items(), key=lambda kv: (SEVERITY_ORDER[SEVERITY[kv[0]]], -len(kv[1])))
        ]
        severities = Counter(f.severity for f in findings)
        sheets.append(
            SheetFindings(
                file=Path(file).name,
                sheet=sheet,
                anchor=re.sub(r"[^a-z0-9]+", "-", f"{Path(file).stem}-{sheet}".lower()).strip("-"),
                annotated=(annotated or {}).get(file, ""),
                counts=", ".join(
                    f"{fmt.number(severities[s])} {SEVERITY_WORDS[s][lang].lower()}"
                    for s in ("error", "warning", "info")
                    if severities[s]
                ),
                groups=groups,
            )
        )
    severities = Counter(f.severity for f in data.findings)
    figures = [
        Figure(label=SEVERITY_WORDS[s][lang], value=fmt.number(severities[s])) for s in ("error", "warning", "info")
    ]
    figures.insert(0, Figure(label="Berkas diperiksa", value=fmt.number(len(data.files))))
    totals = Table(
        headers=["Lembar", "Baris", "Valid", "Dengan kesalahan", "Dengan peringatan"],
        numeric=[False, True, True, True, True],
        rows=[
            [
                sheet_title(kind, lang),
                fmt.number(c.rows),
                fmt.number(c.valid),
                fmt.number(c.errors),
                fmt.number(c.warnings),
            ]
            for kind, c in data.counts.items()
            if c.rows
        ],
    )
    return ValidasiContext(
        doc=doc_info(settings, "Laporan Validasi Data", today, subject="Temuan pada buku kerja"),
        letterhead=letterhead(settings),
        figures=figures,
        sheets=sheets,
        totals=totals,
    )


def _group(code: str, items: list[Finding], lang: str) -> FindingGroup:
    severity = SEVERITY[code]
    shown = items[:CELLS_SHOWN]
    return FindingGroup(
        code=code,
        severity=severity,
        severity_label=SEVERITY_WORDS[severity][lang],
        description=generic_message(code, lang),
        count=fmt.number(len(items)),
        cells=[
            FindingCell(
                cell=f"{f.column or ''}{f.row or ''}" or "–", value=f.value or "", message=finding_message(f, lang)
            )
            for f in shown
        ],
        more=f"dan {fmt.number(len(items) - len(shown))} lainnya (lihat salinan bertanda)"
        if len(items) > len(shown)
        else "",
    )


REPORT = Report(
    name="validasi",
    personal_data=True,
    order=4,
    formats=("html",),
    build=lambda run: build(run.data, run.settings, run.today, run.annotated),
    needs_annotated=True,
)
