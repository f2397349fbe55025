"""What a report declares, and what every report is built from.

Each report module exports one ``REPORT = Report(...)``: the pipeline reads everything it needs to
know about the report from it, and nothing else in the package names the report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import get_args

from pydantic import BaseModel

from ukmreport.access import Access
from ukmreport.models import Dataset, Decisions
from ukmreport.office.region import Region
from ukmreport.period import Period
from ukmreport.settings import Identifier, Settings

IDENTIFIERS: frozenset[Identifier] = frozenset(get_args(Identifier))


@dataclass
class Run:
    """What the reports are built from: settings, region, the run's clock, period, data, decisions."""

    settings: Settings
    region: Region
    now: datetime  # read once per run: SOURCE_DATE_EPOCH when set, else the wall clock (UTC)
    period: Period
    data: Dataset
    decisions: Decisions = field(default_factory=Decisions)
    annotated: dict[str, str] = field(default_factory=dict)  # input file -> its annotated copy, relative

    @property
    def today(self) -> date:
        return self.now.date()


# Writes one attachment of a report (e.g. usulan.xlsx) at the given path, readable as Access says.
AttachmentWriter = Callable[[Run, Path, Access], None]


@dataclass(frozen=True)
class Report:
    """Everything the pipeline needs to know about one report.

    name          the template (templates/<name>.html) and the output files' name
    order         where the report comes among the others: in the build, the manifest, the CLI help
    formats       the formats it is written in ("pdf", "html", and any attachment's format)
    build         Run -> the report's typed context (reports/contexts.py)
    attachments   format -> writer of a file written beside the report and embedded in its PDF;
                  written whenever the PDF is
    masks         identifiers shown masked unless ukmreport.toml's [masking] says otherwise
    personal_data the report shows full NIKs or account numbers: its files are created readable by
                  their owner only (access.py); a report that unmasks one by [masking] is too
    long_table    (list field of the context, rows field of its items): the table along which a long
                  PDF is rendered in pieces; None for a report that is never long
    needs_annotated  the report links to the staff's annotated copies, so it is built after them
    pdf_variant   WeasyPrint's PDF variant, e.g. "pdf/a-3b"
    signed        a letter signed by the head of office: while ukmreport.toml names none, it carries
                  the CONTOH mark (its context's sample_signer) and the build warns
    empty         Run -> why the report has nothing to say ("no eligible proposals"), or None: an
                  empty report is not rendered, the manifest records the reason (messages.SKIPPED)
    """

    name: str
    order: int
    formats: tuple[str, ...]
    build: Callable[[Run], BaseModel]
    attachments: Mapping[str, AttachmentWriter] = field(default_factory=dict)
    masks: tuple[Identifier, ...] = ()
    personal_data: bool = False
    long_table: tuple[str, str] | None = None
    needs_annotated: bool = False
    pdf_variant: str | None = None
    signed: bool = False
    empty: Callable[[Run], str | None] | None = None

    def masked(self, settings: Settings) -> frozenset[Identifier]:
        """The identifiers this report masks: the office's setting for it, else its declaration."""
        return frozenset(settings.masking.get(self.name, self.masks))

    def holds_personal_data(self, settings: Settings) -> bool:
        """Whether this run's files of the report hold full NIKs or account numbers."""
        return self.personal_data or self.masked(settings) != IDENTIFIERS

    def access(self, settings: Settings) -> Access:
        """Who may read this run's files of the report."""
        return Access(personal=self.holds_personal_data(settings), group=settings.output.group_readable)

    def skipped(self, run: Run) -> str | None:
        """Why this report is not rendered for this run, or None when it is."""
        return self.empty(run) if self.empty else None

    def wanted(self, formats: list[str] | None) -> list[str]:
        """The formats to write when formats were asked for (all when None); attachments come with the PDF."""
        if not formats:
            return list(self.formats)
        return [f for f in self.formats if f in formats or (f in self.attachments and "pdf" in formats)]
