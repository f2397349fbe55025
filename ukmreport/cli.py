"""Command line: thin commands over the library. Errors are one line; exit codes 0, 1, 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

EXIT_OK, EXIT_FINDINGS, EXIT_FAIL = 0, 1, 2


class Options:
    def __init__(self, config: Path | None, lang: str, quiet: bool, verbose: bool) -> None:
        self.config, self.lang, self.quiet, self.verbose = config, lang, quiet, verbose

    def settings(self, **overrides: object) -> Any:
        from ukmreport.settings import load_settings

        return load_settings(self.config, lang=self.lang, **overrides)


def _fail(message: str) -> None:
    click.echo(f"ukmreport: {message}", err=True)


def guarded(func: Callable[..., int | None]) -> Callable[..., None]:
    """Turn the library's errors into one line and an exit code; a traceback only with --verbose."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from ukmreport.errors import UkmreportError

        opts: Options = click.get_current_context().obj
        try:
            code = func(*args, **kwargs)
        except UkmreportError as exc:
            _fail(f"error: {exc}")
            code = EXIT_FAIL
        except KeyboardInterrupt:
            _fail("interrupted; the previous reports are unchanged")
            code = 130
        except Exception as exc:  # the promise is: never a traceback unless asked for
            if opts.verbose:
                import traceback

                traceback.print_exc()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            _fail(f"unexpected error: {type(exc).__name__}: {first} (run with --verbose for details)")
            code = EXIT_FAIL
        sys.exit(code or EXIT_OK)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), help="Settings file (default: ukmreport.toml here)."
)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="Language of messages.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print more, and a traceback on unexpected errors.")
@click.version_option(package_name="ukmreport")
@click.pass_context
def main(ctx: click.Context, config: Path | None, lang: str, quiet: bool, verbose: bool) -> None:
    """Validate an SME office's workbooks and build its reports (ukmreport)."""
    ctx.obj = Options(config, lang, quiet, verbose)


@contextmanager
def progress_bar(opts: Options, label: str) -> Iterator[Callable[[str], None] | None]:
    """A progress line on a terminal; silent when output is not a terminal or with --quiet."""
    if opts.quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status(label) as status:
        yield lambda step: status.update(f"{label}: {step}")


def _period(value: str | None) -> Any:
    from ukmreport.period import parse_period

    return parse_period(value) if value else None


@main.command()
@click.argument("inputs", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--annotate", type=click.Path(file_okay=False, path_type=Path), help="Write annotated copies here.")
@click.pass_obj
@guarded
def check(opts: Options, inputs: Path | None, fmt: str, annotate: Path | None) -> int:
    """Validate the workbooks only; print findings grouped by file and sheet."""
    from ukmreport.outputs import check_json
    from ukmreport.pipeline import read, today_and_now
    from ukmreport.reports import text as report_text

    settings = opts.settings()
    today, _ = today_and_now()
    with progress_bar(opts, "Memeriksa") as progress:
        _, data = read(inputs or settings.input_dir, settings, today, progress)
    if fmt == "json":
        click.echo(json.dumps(check_json(data, settings.lang), ensure_ascii=False, indent=2))
    elif not opts.quiet:
        click.echo(report_text.findings_text(data, settings.lang, color=sys.stdout.isatty()))
    if annotate is not None:  # after the findings, so a refused folder does not hide them
        from ukmreport.staff.annotate import write_annotated

        written = write_annotated(data, annotate, settings.lang)
        if not opts.quiet and fmt != "json":
            click.echo("Salinan bertanda: " + (", ".join(str(p) for p in written) or "tidak ada (tanpa temuan)"))
    if not any(f.readable for f in data.files):
        _fail("error: no input file could be read (reasons above)")
        return EXIT_FAIL
    return EXIT_FINDINGS if any(f.severity == "error" for f in data.findings) else EXIT_OK


@main.command()
@click.argument("inputs", required=False, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Reports folder (default reports/).")
@click.option("--period", help="2024, 2024-Q3 or 2024-07 (default: this year).")
@click.option("--only", multiple=True, help="Build only this report (repeatable).")
@click.option("--format", "formats", default="html,pdf", show_default=True, help="Formats to write: html,pdf.")
@click.option("--strict", is_flag=True, help="Exit 1 when the inputs have errors.")
@click.option("--sign", type=click.Path(dir_okay=False, path_type=Path), help="Sign the letters with CERT.p12.")
@click.pass_obj
@guarded
def build(
    opts: Options,
    inputs: Path | None,
    out: Path | None,
    period: str | None,
    only: tuple[str, ...],
    formats: str,
    strict: bool,
    sign: Path | None,
) -> int:
    """Validate, apply the rules, render the reports and write the manifest."""
    from ukmreport.pipeline import build as run_build
    from ukmreport.reports import text as report_text

    settings = opts.settings()
    key = _signing_key(sign or settings.signing.certificate)
    with progress_bar(opts, "Menyusun laporan") as progress:
        result = run_build(
            inputs or settings.input_dir,
            settings,
            period=_period(period),
            out=out,
            only=list(only) or None,
            formats=[f.strip() for f in formats.split(",") if f.strip()],
            progress=progress,
            signing_key=key,
        )
    if not opts.quiet:
        click.echo(report_text.build_text(result))
    errors = result.manifest["summary"]["findings"]["error"]
    return EXIT_FINDINGS if strict and errors else EXIT_OK


def _signing_key(certificate: Path | None) -> Any:
    """Open the certificate before anything is built: password from UKMREPORT_SIGN_PASSWORD or a prompt."""
    if certificate is None:
        return None
    import os

    from ukmreport.signing import load_signing_key

    password = os.environ.get("UKMREPORT_SIGN_PASSWORD")
    if password is None:
        password = click.prompt(f"Password for {certificate}", hide_input=True, err=True)
    return load_signing_key(certificate, password)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--ca-bundle", type=click.Path(dir_okay=False, exists=True, path_type=Path), help="PEM CA certificates.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
@guarded
def verify(opts: Options, files: tuple[Path, ...], ca_bundle: Path | None, fmt: str) -> int:
    """Check received letter PDFs: PDF/A, attachment against the letter, signature, NIKs across letters."""
    from ukmreport.verify import verify_letters
    from ukmreport.verify.text import report_text

    report = verify_letters(list(files), ca_bundle)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif not opts.quiet or not report.ok:
        click.echo(report_text(report))
    if not report.readable:
        return EXIT_FAIL
    return EXIT_OK if report.ok else EXIT_FINDINGS


@main.command()
@click.argument("inputs", required=False, type=click.Path(path_type=Path))
@click.option("--period", help="2024, 2024-Q3 or 2024-07 (default: this year).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
@guarded
def rules(opts: Options, inputs: Path | None, period: str | None, fmt: str) -> int:
    """Print each proposal's eligibility and each cooperative's health, with reasons."""
    from ukmreport.outputs import decisions_json
    from ukmreport.pipeline import prepare
    from ukmreport.reports import text as report_text

    settings = opts.settings()
    with progress_bar(opts, "Menerapkan aturan") as progress:
        run = prepare(inputs or settings.input_dir, settings, _period(period), progress)
    if fmt == "json":
        click.echo(json.dumps(decisions_json(run.decisions), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text.decisions_text(run, settings.lang))
    return EXIT_OK


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=2024, show_default=True, help="Random seed: the same seed gives the same data.")
@click.option("--businesses", "n_businesses", default=5000, show_default=True, help="Number of business owners.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Reports folder (default reports/).")
@click.pass_obj
@guarded
def demo(opts: Options, directory: Path | None, seed: int, n_businesses: int, out: Path | None) -> int:
    """Write a realistic demo input set for Kota Baubau and build every report from it."""
    from ukmreport.demo.generator import write_demo_inputs
    from ukmreport.errors import UkmreportError
    from ukmreport.pipeline import build as run_build
    from ukmreport.pipeline import today_and_now
    from ukmreport.region import load_region
    from ukmreport.reports import text as report_text

    settings = opts.settings()
    target = directory or settings.input_dir
    if target.exists() and not (target / ".ukmreport-demo").exists():
        own = [p.name for p in target.iterdir() if not p.name.startswith(".") and p.name != "README.md"]
        if own:
            raise UkmreportError(
                f"{target} already holds files ({', '.join(sorted(own)[:3])}); give an empty folder: ukmreport demo DIR"
            )
    target.mkdir(parents=True, exist_ok=True)
    (target / ".ukmreport-demo").write_text("Folder ini dibuat oleh `ukmreport demo`.\n", encoding="utf-8")
    today, _ = today_and_now()
    files = write_demo_inputs(
        target,
        seed=seed,
        today=today,
        region=load_region(settings.region_file),
        settings=settings,
        n_businesses=n_businesses,
    )
    if not opts.quiet:
        click.echo(f"Data contoh ditulis ke {target}/: " + ", ".join(f.name for f in files))
    with progress_bar(opts, "Menyusun laporan") as progress:
        result = run_build(target, settings, out=out, progress=progress)
    if not opts.quiet:
        click.echo(report_text.build_text(result))
    return EXIT_OK


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.pass_obj
@guarded
def init(opts: Options, directory: Path) -> int:
    """Write blank, ready-to-fill workbooks with drop-downs into DIRECTORY."""
    from ukmreport.staff.blank import write_blank_workbooks

    settings = opts.settings()
    files = write_blank_workbooks(directory, settings)
    if not opts.quiet:
        click.echo("Buku kerja kosong ditulis: " + ", ".join(str(f) for f in files))
    return EXIT_OK
