"""The whole run, stage after stage: read → validate → decide → build contexts → render → publish.

In: the input workbooks and the Settings. Out: reports/<period>/ holding every report in its
formats, the annotated copies of the inputs (anotasi/), decisions.json and manifest.json, published
at once when every report succeeded (outputs.py). The clock is read once per run (clock()) and
passed down; each report says what it needs in its declaration (reports/).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ukmreport import outputs
from ukmreport.access import Access, write_text
from ukmreport.errors import ConfigError, InputError, UkmreportError, UsageError
from ukmreport.models import Dataset, Decisions
from ukmreport.office.profile import for_region, require_office
from ukmreport.office.region import Region, load_region
from ukmreport.period import Period, default_period
from ukmreport.progress import Progress
from ukmreport.reports import Report, Run, select
from ukmreport.rules.cooperatives import decide_cooperatives
from ukmreport.rules.eligibility import decide_proposals
from ukmreport.settings import Settings
from ukmreport.validate import Context, input_files, read_inputs

__all__ = [
    "BuildResult",
    "Progress",
    "Run",
    "build",
    "clock",
    "decide",
    "office_settings",
    "prepare",
    "read",
    "require_readable",
    "write_demo",
]

ANNOTATED_DIR = "anotasi"
DEMO_MARK = ".ukmreport-demo"


@dataclass
class BuildResult:
    run: Run
    out_dir: Path
    outputs: list[dict[str, Any]]
    manifest: dict[str, Any]
    skipped: dict[str, str] = field(default_factory=dict)  # report -> why it was not rendered
    warnings: list[str] = field(default_factory=list)  # message codes (messages.BUILD) worth a line


def clock() -> datetime:
    """The run's clock, to the second: SOURCE_DATE_EPOCH when set (reproducible builds), else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise ConfigError(code="bad-epoch", value=repr(epoch)) from exc


def build(
    inputs: Path | list[Path],
    settings: Settings,
    *,
    period: Period | None = None,
    out: Path | None = None,
    only: list[str] | None = None,
    formats: list[str] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    signing_key: Any = None,
) -> BuildResult:
    """Run every stage and publish reports/<period>/ only when every report succeeded.

    One build per reports folder at a time (outputs.build_lock). With `only`, the other reports of
    the period folder are kept as the previous build left them.
    """
    settings = office_settings(settings)
    reports = select(only, settings)
    check_formats(formats, reports)
    root, now = out or settings.output_dir, now or clock()
    with outputs.build_lock(root, Access(group=settings.output.group_readable)):
        run = prepare(inputs, settings, period, progress, now=now)
        target = root / run.period.key
        group = settings.output.group_readable
        staging = outputs.staging_dir(target, group_readable=group)
        try:
            written, skipped = render_reports(run, reports, staging, formats, progress)
            if signing_key is not None:
                from ukmreport.signing import sign_staged

                sign_staged(staging, written, settings, signing_key, run.now.date())
            kept, states = outputs.keep_previous(target, staging, {r.name for r in reports} | {ANNOTATED_DIR})
            made_at = run.now.isoformat(timespec="seconds")
            for report in reports:
                states[report.name] = {
                    "run": made_at,
                    **({"skipped": skipped[report.name]} if report.name in skipped else {}),
                }
            personal = Access(personal=True, group=group)  # decisions.json: every proposal's NIK
            outputs.write_json(
                staging / "decisions.json", outputs.decisions_json(run.decisions, run.settings.lang), personal
            )
            manifest = outputs.manifest(
                generated_at=made_at,
                period=run.period.key,
                config_sha256=settings.config_sha256,
                inputs=list(run.data.files),
                outputs=[*({**entry, "run": made_at} for entry in written), *kept],
                summary_=outputs.summary(run.data, run.decisions),
            )
            manifest["reports"] = {r: states[r] for r in sorted(states, key=report_order)}
            outputs.write_json(staging / "manifest.json", manifest, Access(group=group))
            outputs.publish(staging, target, group_readable=group)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    signed = any(r.signed and r.name not in skipped for r in reports)
    warnings = ["sample-signer"] if signed and settings.sample_signer else []
    return BuildResult(run=run, out_dir=target, outputs=written, manifest=manifest, skipped=skipped, warnings=warnings)


def check_formats(formats: list[str] | None, reports: list[Report]) -> None:
    """Refuse a format no report is written in, before anything is read or touched."""
    known = {fmt for report in reports for fmt in report.formats}
    unknown = [fmt for fmt in formats or [] if fmt not in known]
    if unknown:
        raise UsageError(code="unknown-format", value=", ".join(unknown), choices=", ".join(sorted(known)))


def report_order(name: str) -> tuple[int, str]:
    from ukmreport.reports import REPORTS

    return (REPORTS[name].order if name in REPORTS else 99, name)


def prepare(
    inputs: Path | list[Path],
    settings: Settings,
    period: Period | None = None,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
) -> Run:
    """Read, validate and decide: everything before the reports."""
    now = now or clock()
    region, data = read(inputs, settings, now.date(), progress)
    settings = for_region(settings, region)
    require_readable(data)
    run = Run(settings=settings, region=region, now=now, period=period or default_period(now.date()), data=data)
    run.decisions = decide(run)
    return run


def read(
    inputs: Path | list[Path], settings: Settings, today: date, progress: Progress | None = None
) -> tuple[Region, Dataset]:
    """Read and validate every input workbook (stages 1 and 2)."""
    region = load_region(settings.region_file)
    paths = input_files(inputs)
    if not paths:
        raise InputError(code="no-input-files", folder=str(inputs))
    return region, read_inputs(paths, Context.make(settings, region, today), progress)


def office_settings(settings: Settings) -> Settings:
    """The settings with the office filled in for the region; ConfigError naming what is still unset."""
    region = load_region(settings.region_file)
    settings = for_region(settings, region)
    require_office(settings, region)
    return settings


def require_readable(data: Dataset, *, reasons_shown: bool = False) -> None:
    """Stop a run that has nothing to report on: no file could be read, or none holds a known sheet.

    reasons_shown: the caller has already shown the findings, so the error only points at them.
    """
    if any(f.readable and f.sheets for f in data.files):
        return
    if any(f.readable for f in data.files):
        names = ", ".join(Path(f.path).name for f in data.files if f.readable)
        raise InputError(code="nothing-recognised", files=names)
    if reasons_shown:
        raise InputError(code="nothing-readable-shown")
    reasons = {f.file: dict(f.params).get("reason", "") for f in data.findings if f.code == "unreadable-file"}
    raise InputError(
        code="nothing-readable", reasons="; ".join(f"{path} ({reasons.get(path, '?')})" for path in reasons)
    )


def decide(run: Run) -> Decisions:
    """Apply the grant and cooperative rules (stage 3)."""
    return Decisions(
        proposals=decide_proposals(
            run.data.proposals,
            run.data.businesses,
            run.data.aid_history,
            run.settings.eligibility,
            run.region.code,
            run.data.findings,
            run.data.columns,
        ),
        cooperatives=decide_cooperatives(
            run.data.cooperatives, run.data.assessments, run.period.end, run.settings.cooperatives
        ),
    )


def render_reports(
    run: Run, reports: list[Report], dest: Path, formats: list[str] | None, progress: Progress | None
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Build each report's context and write it in its formats (stages 4 and 5), the annotated copies
    on the side: reports that link to them come after them. A report with nothing to say is not
    rendered; the second value says which and why."""
    from ukmreport.render import workers

    skipped = {r.name: reason for r in reports if (reason := r.skipped(run))}
    reports = [r for r in reports if r.name not in skipped]
    if progress:
        progress.stage("render", sum(len(r.wanted(formats)) for r in reports))
    later = [report for report in reports if report.needs_annotated]
    try:
        with AnnotationJob(run, dest) as job:  # openpyxl on the other core while the PDFs render
            written = [e for r in reports if r not in later for e in render_report(run, r, dest, formats, progress)]
            run.annotated = job.result()
        written += [entry for r in later for entry in render_report(run, r, dest, formats, progress)]
    finally:
        workers.stop()  # nothing of this build's processes outlives it
    for copy in sorted((dest / ANNOTATED_DIR).glob("*")) if run.annotated else []:
        written.append(outputs.file_entry("anotasi", copy.suffix.lstrip("."), copy, dest, personal_data=True))
    return written, skipped


def render_report(
    run: Run, report: Report, dest: Path, formats: list[str] | None, progress: Progress | None
) -> list[dict[str, Any]]:
    """Write one report: its attachments first (the PDF embeds them), then HTML, then PDF."""
    from ukmreport.render.html import render_html
    from ukmreport.render.pdf import render_pdf

    ctx = report.build(run)
    wanted = report.wanted(formats)
    access = report.access(run.settings)
    written: list[dict[str, Any]] = []
    attachments: list[Path] = []
    for fmt, write in report.attachments.items():
        if fmt in wanted:
            path = dest / f"{report.name}.{fmt}"
            with document(progress, path.name):
                write(run, path, access)
            attachments.append(path)
            written.append(outputs.file_entry(report.name, fmt, path, dest, personal_data=access.personal))
    if "html" in wanted:
        path = dest / f"{report.name}.html"
        with document(progress, path.name):
            write_text(path, render_html(report.name, ctx, run.settings), access)
        written.append(outputs.file_entry(report.name, "html", path, dest, personal_data=access.personal))
    if "pdf" in wanted:
        path = dest / f"{report.name}.pdf"
        with document(progress, path.name):
            pages = render_pdf(
                report.name,
                ctx,
                path,
                run.settings,
                stamp=run.now,
                attachments=attachments,
                pdf_variant=report.pdf_variant,
                long_table=report.long_table,
                access=access,
                on_pages=progress.count if progress else None,
            )
        written.append(outputs.file_entry(report.name, "pdf", path, dest, pages, personal_data=access.personal))
    return written


@contextmanager
def document(progress: Progress | None, name: str) -> Iterator[None]:
    """Tell progress of one document written in the with-block (nothing when it is None)."""
    if progress:
        progress.item(name)
    yield
    if progress:
        progress.item_done()


class AnnotationJob:
    """Write the staff's annotated copies into dest/anotasi/, in a worker process when one can start.

    The copies cost an openpyxl load and save per workbook (seconds for 5,000 rows) and depend on
    nothing the reports make, so on a machine with two cores they are written while PDFs render.
    """

    def __init__(self, run: Run, dest: Path) -> None:
        self.run, self.dest = run, dest
        self.pool: Any = None
        self.future: Any = None

    def __enter__(self) -> AnnotationJob:
        data = self.run.data
        if not any(f.sheet for f in data.findings):
            return self
        slim = Dataset(files=data.files, findings=data.findings)  # all write_annotated reads
        settings = self.run.settings
        args = (
            slim,
            self.dest / ANNOTATED_DIR,
            settings.lang,
            self.run.now.replace(tzinfo=None),
            settings.output.group_readable,
        )
        if self.run.settings.rendering.processes() > 1:
            try:
                from ukmreport.render import workers

                self.pool = workers.pool(1, start=self.run.settings.rendering.start_method)
                self.future = self.pool.submit(_write_annotated, *args)
                return self
            except OSError:  # no processes to be had here: write them in this one
                self.pool = None
        self.future = _Done(_write_annotated(*args))
        return self

    def result(self) -> dict[str, str]:
        """Input file -> relative path of its annotated copy."""
        if self.future is None:
            return {}
        from ukmreport.staff.annotate import annotated_name

        written: list[Path] = self.future.result()
        by_name = {p.name: p for p in written}
        return {
            f.path: f"{ANNOTATED_DIR}/{by_name[annotated_name(Path(f.path).name)].name}"
            for f in self.run.data.files
            if annotated_name(Path(f.path).name) in by_name
        }

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self.pool is not None:
            from ukmreport.render import workers

            workers.end(self.pool, abort=kind is not None)
            self.pool = None


class _Done:
    def __init__(self, value: list[Path]) -> None:
        self.value = value

    def result(self) -> list[Path]:
        return self.value


def _write_annotated(data: Dataset, dest: Path, lang: str, when: datetime, group_readable: bool) -> list[Path]:
    from ukmreport.staff.annotate import write_annotated

    return write_annotated(data, dest, lang, when, group_readable=group_readable, inside_existing=True)


def write_demo(directory: Path, settings: Settings, *, seed: int, businesses: int, today: date) -> list[Path]:
    """Write the demo input set into directory: an empty folder, or one an earlier demo wrote."""
    from ukmreport.demo import write_demo_inputs

    settings = office_settings(settings)
    if directory.exists() and not (directory / DEMO_MARK).exists():
        own = [p.name for p in directory.iterdir() if not p.name.startswith(".") and p.name != "README.md"]
        if own:
            raise UkmreportError(
                f"{directory} already holds files ({', '.join(sorted(own)[:3])}); give an empty folder: "
                "ukmreport demo DIR"
            )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / DEMO_MARK).write_text("Folder ini dibuat oleh `ukmreport demo`.\n", encoding="utf-8")
    return write_demo_inputs(
        directory,
        seed=seed,
        today=today,
        region=load_region(settings.region_file),
        settings=settings,
        n_businesses=businesses,
    )
