"""Reports: a Run (settings, data, decisions) in, one typed context per report out.

Each report is one module here exporting ``REPORT``, a Report declaration (declaration.py) that
says its formats, context builder, attachments, masking, long table and whether it needs the
annotated copies, plus one template, templates/<name>.html. The registry below is collected from
those modules: adding a report is adding its module and its template. The contexts are pydantic
models (contexts.py) that the templates only lay out; text.py writes the terminal's plain text.
"""

from __future__ import annotations

import importlib
import pkgutil

from ukmreport.errors import ConfigError, UkmreportError
from ukmreport.reports.declaration import Report, Run
from ukmreport.settings import Settings

__all__ = ["REPORTS", "Report", "Run", "select"]


def _collect() -> dict[str, Report]:
    found: list[Report] = []
    for module in pkgutil.iter_modules(__path__):
        report = getattr(importlib.import_module(f"{__name__}.{module.name}"), "REPORT", None)
        if isinstance(report, Report):
            found.append(report)
    return {report.name: report for report in sorted(found, key=lambda r: r.order)}


REPORTS: dict[str, Report] = _collect()


def select(names: list[str] | None, settings: Settings) -> list[Report]:
    """The reports called names (every one when None), in their order; refuse unknown names."""
    unknown = [n for n in names or [] if n not in REPORTS]
    if unknown:
        raise UkmreportError(f"unknown report {', '.join(unknown)}; choose from {', '.join(REPORTS)}")
    stray = [n for n in settings.masking if n not in REPORTS]
    if stray:
        raise ConfigError(f"masking: no report called {', '.join(stray)}; choose from {', '.join(REPORTS)}")
    return [REPORTS[n] for n in names] if names else list(REPORTS.values())
