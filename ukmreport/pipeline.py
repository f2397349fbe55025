"""The whole run in stages: read → validate → decide → build contexts → render → publish."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ukmreport import outputs
from ukmreport.errors import InputError, UkmreportError
from ukmreport.models import Dataset, Decisions
from ukmreport.period import Period, default_period
from ukmreport.region import Region, load_region
from ukmreport.reports import berkala, koperasi, seleksi, usulan, validasi
from ukmreport.rules.cooperatives import decide_cooperatives
from ukmreport.rules.eligibility import decide_proposals
from ukmreport.settings import Settings
from ukmreport.validate.sheets import Context, input_files, read_inputs

Progress = Callable[[str], None]


@dataclass
class Run:
    """What the stages share: settings, the region, the day, the period, the data and decisions."""

    settings: Settings
    region: Region
    today: date
    period: Period
    data: Dataset
    decisions: Decisions = field(default_factory=Decisions)
    annotated: dict[str, str] = field(default_factory=dict)  # input file -> its annotated copy, relative


@dataclass(frozen=True)
class ReportSpec:
    name: str
    formats: tuple[str, ...]
    build: Callable[[Run], Any]
    pdf_variant: str | None = None


REPORTS: dict[str, ReportSpec] = {
    "usulan": ReportSpec(
        "usulan",
        ("pdf", "html", "xlsx"),
        lambda run: usulan.build(run.decisions.proposals, run.settings, run.today),
        pdf_variant="pdf/a-3b",
    ),
    "seleksi": ReportSpec(
        "seleksi", ("pdf", "html"), lambda run: seleksi.build(run.decisions.proposals, run.settings, run.today)
    ),
    "koperasi": ReportSpec(
        "koperasi",
        ("pdf", "html"),
        lambda run: koperasi.build(run.decisions.cooperatives, run.data, run.settings, run.period, run.today),
    ),
    "validasi": ReportSpec(
        "validasi",
        ("html",),
        lambda run: validasi.build(run.data, run.settings, run.today, run.annotated),
    ),
    "berkala": ReportSpec(
        "berkala",
        ("pdf", "html"),
        lambda run: berkala.build(run.data, run.decisions, run.settings, run.region, run.period, run.today),
    ),
}


@dataclass
class BuildResult:
    run: Run
    out_dir: Path
    outputs: list[dict[str, Any]]
    manifest: dict[str, Any]


def today_and_now() -> tuple[date, datetime]:
    """The run's clock: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return now.date(), now


def read(
    inputs: Path | list[Path], settings: Settings, today: date, progress: Progress | None = None
) -> tuple[Region, Dataset]:
    """Read and validate every input workbook (stage 1 and 2)."""
    region = load_region(settings.region_file)
    paths = input_files(inputs)
    if not paths:
        raise InputError(f"no workbook (.xlsx) found in {inputs}")
    return region, read_inputs(paths, Context.make(settings, region, today), progress)


def require_readable(data: Dataset) -> None:
    """Stop a run that has nothing to report on, saying why each file could not be read."""
    if any(f.readable for f in data.files):
        return
    reasons = {f.file: dict(f.params).get("reason", "") for f in data.findings if f.code == "unreadable-file"}
    raise InputError(
        "no input file could be read: " + "; ".join(f"{path} ({reasons.get(path, '?')})" for path in reasons)
    )


def decide(run: Run) -> Decisions:
    """Apply the grant and cooperative rules (stage 3)."""
    return Decisions(
        proposals=decide_proposals(
            run.data.proposals, run.data.businesses, run.data.aid_history, run.settings.eligibility, run.region.code
        ),
        cooperatives=decide_cooperatives(
            run.data.cooperatives, run.data.assessments, run.period.end, run.settings.cooperatives
        ),
    )


def prepare(
    inputs: Path | list[Path], settings: Settings, period: Period | None = None, progress: Progress | None = None
) -> Run:
    """Read, validate and decide: everything before the reports."""
    today, _ = today_and_now()
    region, data = read(inputs, settings, today, progress)
    require_readable(data)
    run = Run(settings=settings, region=region, today=today, period=period or default_period(today), data=data)
    run.decisions = decide(run)
    return run


def build(
    inputs: Path | list[Path],
    settings: Settings,
    *,
    period: Period | None = None,
    out: Path | None = None,
    only: list[str] | None = None,
    formats: list[str] | None = None,
    progress: Progress | None = None,
    signing_key: Any = None,
) -> BuildResult:
    """Run every stage and publish reports/<period>/ only when every report succeeded."""
    run = prepare(inputs, settings, period, progress)
    names = only or list(REPORTS)
    unknown = [n for n in names if n not in REPORTS]
    if unknown:
        raise UkmreportError(f"unknown report {', '.join(unknown)}; choose from {', '.join(REPORTS)}")
    target = (out or settings.output_dir) / run.period.key
    staging = outputs.staging_dir(target)
    try:
        specs = [REPORTS[n] for n in names]
        later = [spec for spec in specs if spec.name in NEEDS_ANNOTATED]
        with AnnotationJob(run, staging) as job:  # openpyxl on the other core while the PDFs render
            written = render_reports(run, [spec for spec in specs if spec not in later], staging, formats, progress)
            run.annotated = job.result()
        written += render_reports(run, later, staging, formats, progress)
        for copy in sorted((staging / ANNOTATED_DIR).glob("*")) if run.annotated else []:
            written.append(outputs.file_entry("anotasi", copy.suffix.lstrip("."), copy, staging))
        if signing_key is not None:
            from ukmreport.signing import sign_staged

            sign_staged(staging, written, settings, signing_key, run.today)
        outputs.write_json(staging / "decisions.json", outputs.decisions_json(run.decisions))
        _, now = today_and_now()
        manifest = outputs.manifest(
            generated_at=now.isoformat(timespec="seconds"),
            period=run.period.key,
            config_sha256=settings.config_sha256,
            inputs=[f for f in run.data.files],
            outputs=written,
            summary_=outputs.summary(run.data, run.decisions),
        )
        outputs.write_json(staging / "manifest.json", manifest)
        outputs.publish(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(run=run, out_dir=target, outputs=written, manifest=manifest)


ANNOTATED_DIR = "anotasi"
NEEDS_ANNOTATED = {"validasi"}  # reports that link to the annotated copies


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
        _, now = today_and_now()
        args = (slim, self.dest / ANNOTATED_DIR, self.run.settings.lang, now.replace(tzinfo=None))
        if (os.cpu_count() or 1) > 1:
            try:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
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
        written: list[Path] = self.future.result()
        by_name = {p.name: p for p in written}
        return {
            f.path: f"{ANNOTATED_DIR}/{by_name[Path(f.path).name].name}"
            for f in self.run.data.files
            if Path(f.path).name in by_name
        }

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class _Done:
    def __init__(self, value: list[Path]) -> None:
        self.value = value

    def result(self) -> list[Path]:
        return self.value


def _write_annotated(data: Dataset, dest: Path, lang: str, when: datetime) -> list[Path]:
    from ukmreport.staff.annotate import write_annotated

    return write_annotated(data, dest, lang, when)


def render_reports(
    run: Run, specs: list[ReportSpec], dest: Path, formats: list[str] | None, progress: Progress | None
) -> list[dict[str, Any]]:
    """Build each report's context and render it in its formats (stages 4 and 5)."""
    from ukmreport.render.html import render_html
    from ukmreport.render.pdf import render_pdf

    written: list[dict[str, Any]] = []
    _, now = today_and_now()
    for spec in specs:
        ctx = spec.build(run)
        wanted = [f for f in spec.formats if not formats or f in formats or (f == "xlsx" and "pdf" in formats)]
        attachments: list[Path] = []
        if "xlsx" in wanted:
            path = dest / f"{spec.name}.xlsx"
            _write_xlsx(spec.name, run, path, now)
            attachments.append(path)
            written.append(outputs.file_entry(spec.name, "xlsx", path, dest))
        if "html" in wanted:
            if progress:
                progress(f"{spec.name}.html")
            path = dest / f"{spec.name}.html"
            path.write_text(render_html(spec.name, ctx, run.settings), encoding="utf-8")
            written.append(outputs.file_entry(spec.name, "html", path, dest))
        if "pdf" in wanted:
            if progress:
                progress(f"{spec.name}.pdf")
            path = dest / f"{spec.name}.pdf"
            pages = render_pdf(
                spec.name, ctx, path, run.settings, attachments=attachments, pdf_variant=spec.pdf_variant
            )
            written.append(outputs.file_entry(spec.name, "pdf", path, dest, pages))
    return written


USULAN_HEADERS = (
    "No",
    "NIK",
    "Nama",
    "L/P",
    "Alamat",
    "Kelurahan",
    "Kecamatan",
    "Nama Usaha",
    "Bidang Usaha",
    "Bank",
    "No Rekening",
    "Nama Pemilik Rekening",
    "Nilai",
)


def _write_xlsx(name: str, run: Run, path: Path, now: datetime) -> None:
    from ukmreport.render.xlsx import write_table

    sheets = []
    for program, decisions in usulan.proposed(run.decisions.proposals).items():
        rows = []
        for i, d in enumerate(decisions, 1):
            p, b = d.proposal, d.business
            rows.append(
                [
                    i,
                    p.nik,
                    p.nama,
                    b.jenis_kelamin if b else None,
                    b.alamat if b else None,
                    b.kelurahan if b else None,
                    b.kecamatan if b else None,
                    b.nama_usaha if b else None,
                    (b.sektor or b.bidang_usaha) if b else None,
                    b.nama_bank if b else None,
                    b.no_rekening if b else None,
                    b.nama_rekening if b else None,
                    int(p.nilai_usulan or 0),
                ]
            )
        sheets.append((program, USULAN_HEADERS, rows))
    if not sheets:
        sheets.append(("Lampiran", USULAN_HEADERS, []))
    write_table(
        path,
        sheets,
        title="Lampiran usulan calon penerima bantuan",
        author=run.settings.office.short_name,
        created=now.replace(tzinfo=None, microsecond=0),
        text_columns=("NIK", "No Rekening", "Nama", "Alamat", "Nama Usaha", "Nama Pemilik Rekening"),
        widths={
            "NIK": 19,
            "Nama": 28,
            "Alamat": 36,
            "Nama Usaha": 26,
            "No Rekening": 20,
            "Bidang Usaha": 18,
            "Nama Pemilik Rekening": 28,
            "Nilai": 14,
            "No": 6,
            "L/P": 5,
        },
    )
