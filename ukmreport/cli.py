"""Command line: thin commands over the library. Errors are one line; exit codes 0, 1, 2, 130, 143.

Every word printed here comes from the message catalogue (messages.py) in the run's language:
--lang (before or after the command name), else UKMREPORT_LANG, else Indonesian.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

from ukmreport.messages import HELP, say
from ukmreport.options import checked_choice, checked_formats, checked_only, checked_period, format_names, report_names

EXIT_OK, EXIT_FINDINGS, EXIT_FAIL = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
LANGS = ("id", "en")
LANG_ENV = "UKMREPORT_LANG"


class Terminated(BaseException):
    """Raised in the main thread by the SIGTERM handler, so the build unwinds as for Ctrl-C."""


class Options:
    """The common options, given before or after the command name (after wins)."""

    def __init__(self, lang: str = "id") -> None:
        self.config: Path | None = None
        self.lang, self.quiet, self.verbose = lang, False, False

    def update(self, config: Path | None, quiet: bool, verbose: bool) -> None:
        self.config = config or self.config
        self.quiet, self.verbose = self.quiet or quiet, self.verbose or verbose

    def settings(self, **overrides: object) -> Any:
        from ukmreport.settings import load_settings

        return load_settings(self.config, lang=self.lang, **overrides)


def chosen_lang(args: Sequence[str]) -> str:
    """The language asked for: the last --lang among args, else UKMREPORT_LANG, else id."""
    env = os.environ.get(LANG_ENV, "").strip().lower()
    lang = env or "id"
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    if lang not in LANGS:  # said in the language of the environment, else Indonesian
        fallback = env if env in LANGS else "id"
        option = "--lang" if lang != env else LANG_ENV
        raise click.UsageError(say("bad-value", fallback, value=lang, option=option, choices=", ".join(LANGS)))
    return lang


def lang_of(ctx: click.Context | None) -> str:
    obj = ctx.find_root().obj if ctx is not None else None
    return obj.lang if isinstance(obj, Options) else "id"


# -- help in the run's language ---------------------------------------------------------------------


class Formatter(click.HelpFormatter):
    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=say("Usage:", self.lang) + " ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(say(heading, self.lang) if heading in HELP else heading)


class Context(click.Context):
    formatter_class = Formatter

    def make_formatter(self) -> click.HelpFormatter:
        return Formatter(lang_of(self), width=self.terminal_width, max_width=self.max_content_width)


def translated(key: str, ctx: click.Context, choices: Callable[[], str] | None) -> str:
    return say(key, lang_of(ctx), choices=choices() if choices else "") if key in HELP else key


class Option(click.Option):
    """An option whose help is a catalogue key; choices() fills its {choices}."""

    def __init__(self, *args: Any, choices: Callable[[], str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices_text = choices

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        key = self.help
        self.help = translated(key, ctx, self.choices_text) if key else key
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = key


class Command(click.Command):
    """A command whose help is a catalogue key."""

    context_class = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = say("opt-help", lang_of(ctx))
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        key = self.help
        self.help = translated(key, ctx, None) if key else key
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = key


class Cli(click.Group, Command):
    """The ukmreport group: one-line usage errors, signals, the language chosen before parsing."""

    context_class = Context
    command_class = Command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, say(cmd.help or "", lang_of(ctx))) for name, cmd in self.commands.items() if not cmd.hidden]
        if rows:
            with formatter.section(say("Commands", lang_of(ctx))):
                formatter.write_dl(rows)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:  # type: ignore[override]
        argv = list(sys.argv[1:] if args is None else args)
        extra.pop("standalone_mode", None)
        previous = signal.signal(signal.SIGTERM, on_sigterm)
        try:
            obj = Options(chosen_lang(argv))
            code = super().main(argv, prog_name or "ukmreport", standalone_mode=False, obj=obj, **extra)
        except click.UsageError as exc:
            fail(usage_text(exc, lang_of(exc.ctx)))
            code = EXIT_FAIL
        except click.ClickException as exc:
            fail(exc.format_message())
            code = exc.exit_code
        except (click.Abort, KeyboardInterrupt):
            fail(say("interrupted", lang_of(click.get_current_context(silent=True))))
            code = EXIT_INTERRUPTED
        finally:
            signal.signal(signal.SIGTERM, previous)
        sys.exit(code or EXIT_OK)


def usage_text(exc: click.UsageError, lang: str) -> str:
    if isinstance(exc, click.NoSuchOption):
        return say("usage", lang, message=say("no-such-option", lang, option=exc.option_name))
    if isinstance(exc, click.BadOptionUsage):
        return say("usage", lang, message=say("missing-value", lang, option=exc.option_name))
    return say("usage", lang, message=exc.format_message())


def on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def fail(message: str) -> None:
    click.echo(f"ukmreport: {message}", err=True)


def quiet_libraries(verbose: bool) -> None:
    """Send library loggers and Python warnings to debug level: shown only with --verbose."""
    logging.captureWarnings(True)
    root = logging.getLogger()
    if verbose:
        handler: logging.Handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        root.setLevel(logging.WARNING)
    else:
        handler = logging.NullHandler()  # else logging's last resort prints warnings on stderr
        warnings.simplefilter("ignore")
    root.addHandler(handler)


def guarded(func: Callable[..., int | None]) -> Callable[..., None]:
    """Turn the library's errors, Ctrl-C and SIGTERM into one line and an exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from ukmreport.errors import UkmreportError, UsageError

        opts: Options = click.get_current_context().find_root().obj
        quiet_libraries(opts.verbose)
        try:
            code = func(*args, **kwargs)
        except UsageError as exc:
            fail(say("usage", opts.lang, message=error_text(exc, opts.lang)))
            code = EXIT_FAIL
        except UkmreportError as exc:
            fail(say("error", opts.lang, message=error_text(exc, opts.lang)))
            code = EXIT_FAIL
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break the exit
            fail(say("interrupted", opts.lang))
            code = EXIT_INTERRUPTED
        except Terminated:
            fail(say("terminated", opts.lang))
            code = EXIT_TERMINATED
        except Exception as exc:  # the promise is: never a traceback unless asked for
            if opts.verbose:
                import traceback

                traceback.print_exc()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            fail(say("unexpected", opts.lang, kind=type(exc).__name__, message=first))
            code = EXIT_FAIL
        sys.exit(code or EXIT_OK)

    return wrapper


def error_text(exc: Exception, lang: str) -> str:
    from ukmreport.errors import UkmreportError

    if isinstance(exc, UkmreportError) and exc.code:
        return say(exc.code, lang, **exc.params)
    return str(exc)


def common(func: Callable[..., Any]) -> Callable[..., Any]:
    """Accept --config, --lang, --quiet and --verbose after the command name too."""

    @click.option("--config", type=click.Path(dir_okay=False, path_type=Path), cls=Option, help="opt-config")
    @click.option("--lang", cls=Option, help="opt-lang", expose_value=False)  # read by chosen_lang
    @click.option("--quiet", "-q", is_flag=True, cls=Option, help="opt-quiet")
    @click.option("--verbose", "-v", is_flag=True, cls=Option, help="opt-verbose")
    @wraps(func)
    def wrapper(*args: Any, config: Path | None, quiet: bool, verbose: bool, **kwargs: Any) -> Any:
        click.get_current_context().find_root().obj.update(config, quiet, verbose)
        return func(*args, **kwargs)

    return wrapper


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]}, help="main")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), cls=Option, help="opt-config")
@click.option("--lang", cls=Option, help="opt-lang", expose_value=False)  # read by chosen_lang
@click.option("--quiet", "-q", is_flag=True, cls=Option, help="opt-quiet")
@click.option("--verbose", "-v", is_flag=True, cls=Option, help="opt-verbose")
@click.version_option(package_name="ukmreport", cls=Option, help="opt-version")
@click.pass_context
def main(ctx: click.Context, config: Path | None, quiet: bool, verbose: bool) -> None:
    ctx.obj.update(config, quiet, verbose)


# -- progress ---------------------------------------------------------------------------------------


@contextmanager
def progress_bar(opts: Options) -> Iterator[Any]:
    """A progress bar with counts on a terminal (terminal.py); None when stderr is not one or with --quiet."""
    from ukmreport.terminal import progress_display

    with progress_display(opts.quiet, opts.lang) as progress:
        yield progress


# -- option values, checked before anything is read or touched --------------------------------------


# -- the commands -----------------------------------------------------------------------------------


@main.command(help="check")
@click.argument("inputs", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", default="text", callback=checked_choice("text", "json"), cls=Option, help="check-format"
)
@click.option("--annotate", type=click.Path(file_okay=False, path_type=Path), cls=Option, help="check-annotate")
@common
@click.pass_obj
@guarded
def check(opts: Options, inputs: Path | None, fmt: str, annotate: Path | None) -> int:
    from ukmreport.outputs import check_json
    from ukmreport.pipeline import clock, read, require_readable
    from ukmreport.reports import text as report_text

    settings = opts.settings()
    with progress_bar(opts) as progress:
        _, data = read(inputs or settings.input_dir, settings, clock().date(), progress)
    if fmt == "json":
        click.echo(json.dumps(check_json(data, settings.lang), ensure_ascii=False, indent=2))
    elif not opts.quiet:
        click.echo(report_text.findings_text(data, settings.lang, color=sys.stdout.isatty() and not no_color()))
    if annotate is not None:  # after the findings, so a refused folder does not hide them
        from ukmreport.staff.annotate import write_annotated

        written = write_annotated(data, annotate, settings.lang, group_readable=settings.output.group_readable)
        if not opts.quiet and fmt != "json":
            names = ", ".join(str(p) for p in written)
            click.echo(say("annotated", opts.lang, files=names) if names else say("annotated-none", opts.lang))
    require_readable(data, reasons_shown=True)
    return EXIT_FINDINGS if any(f.severity == "error" for f in data.findings) else EXIT_OK


def no_color() -> bool:
    return "NO_COLOR" in os.environ


@main.command(help="build")
@click.argument("inputs", required=False, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), cls=Option, help="build-out")
@click.option("--period", callback=checked_period, cls=Option, help="build-period")
@click.option("--only", multiple=True, callback=checked_only, cls=Option, help="build-only", choices=report_names)
@click.option(
    "--format",
    "formats",
    default="html,pdf",
    callback=checked_formats,
    cls=Option,
    help="build-format",
    choices=format_names,
)
@click.option("--strict", is_flag=True, cls=Option, help="build-strict")
@click.option("--sign", type=click.Path(dir_okay=False, path_type=Path), cls=Option, help="build-sign")
@common
@click.pass_obj
@guarded
def build(
    opts: Options,
    inputs: Path | None,
    out: Path | None,
    period: Any,
    only: list[str] | None,
    formats: list[str],
    strict: bool,
    sign: Path | None,
) -> int:
    from ukmreport.pipeline import build as run_build

    settings = opts.settings()
    key = signing_key(opts, sign or settings.signing.certificate)
    with progress_bar(opts) as progress:
        result = run_build(
            inputs or settings.input_dir,
            settings,
            period=period,
            out=out,
            only=only,
            formats=formats,
            progress=progress,
            signing_key=key,
        )
    tell_built(opts, result)
    errors = result.manifest["summary"]["findings"]["error"]
    return EXIT_FINDINGS if strict and errors else EXIT_OK


def tell_built(opts: Options, result: Any) -> None:
    """The build's warnings (always) and what it wrote (unless --quiet)."""
    from ukmreport.reports import text as report_text

    for code in result.warnings:
        fail(say(code, opts.lang))
    if not opts.quiet:
        click.echo(report_text.build_text(result, opts.lang))


def signing_key(opts: Options, certificate: Path | None) -> Any:
    """Open the certificate before anything is built: password from UKMREPORT_SIGN_PASSWORD or a prompt."""
    if certificate is None:
        return None
    import os

    from ukmreport.signing import load_signing_key

    password = os.environ.get("UKMREPORT_SIGN_PASSWORD")
    if password is None:
        password = click.prompt(say("sign-password", opts.lang, certificate=certificate), hide_input=True, err=True)
    return load_signing_key(certificate, password)


@main.command(help="verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--ca-bundle", type=click.Path(dir_okay=False, exists=True, path_type=Path), cls=Option, help="verify-ca-bundle"
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", cls=Option, help="check-format")
@click.option("--jobs", type=click.IntRange(min=1), default=None, cls=Option, help="verify-jobs")
@common
@click.pass_obj
@guarded
def verify(opts: Options, files: tuple[Path, ...], ca_bundle: Path | None, fmt: str, jobs: int | None) -> int:
    from ukmreport.verify import default_jobs, verify_letters
    from ukmreport.verify.text import report_text

    report = verify_letters(list(files), ca_bundle, jobs=jobs or default_jobs(), lang=opts.lang)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif not opts.quiet or not report.ok:
        click.echo(report_text(report, opts.lang))
    if not report.readable:
        return EXIT_FAIL
    return EXIT_OK if report.ok else EXIT_FINDINGS


@main.command(help="rules")
@click.argument("inputs", required=False, type=click.Path(path_type=Path))
@click.option("--period", callback=checked_period, cls=Option, help="build-period")
@click.option(
    "--format", "fmt", default="text", callback=checked_choice("text", "json"), cls=Option, help="check-format"
)
@common
@click.pass_obj
@guarded
def rules(opts: Options, inputs: Path | None, period: Any, fmt: str) -> int:
    from ukmreport.outputs import decisions_json
    from ukmreport.pipeline import prepare
    from ukmreport.reports import text as report_text

    settings = opts.settings()
    with progress_bar(opts) as progress:
        run = prepare(inputs or settings.input_dir, settings, period, progress)
    if fmt == "json":
        click.echo(json.dumps(decisions_json(run.decisions, settings.lang), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text.decisions_text(run, settings.lang))
    return EXIT_OK


@main.command(help="demo")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", default=2024, type=int, cls=Option, help="demo-seed")
@click.option("--businesses", "n_businesses", default=5000, type=int, cls=Option, help="demo-businesses")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), cls=Option, help="build-out")
@common
@click.pass_obj
@guarded
def demo(opts: Options, directory: Path | None, seed: int, n_businesses: int, out: Path | None) -> int:
    from ukmreport.pipeline import build as run_build
    from ukmreport.pipeline import clock, write_demo

    settings = opts.settings()
    target, now = directory or settings.input_dir, clock()
    files = write_demo(target, settings, seed=seed, businesses=n_businesses, today=now.date())
    if not opts.quiet:
        click.echo(say("demo-written", opts.lang, folder=target, files=", ".join(f.name for f in files)))
    with progress_bar(opts) as progress:
        result = run_build(target, settings, out=out, progress=progress, now=now)
    tell_built(opts, result)
    return EXIT_OK


@main.command(help="init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--region", type=click.Path(dir_okay=False, exists=True, path_type=Path), cls=Option, help="init-region")
@common
@click.pass_obj
@guarded
def init(opts: Options, directory: Path, region: Path | None) -> int:
    from ukmreport.office.profile import new_config_path, write_config
    from ukmreport.office.region import load_region
    from ukmreport.staff.blank import write_blank_workbooks

    settings = opts.settings(region_file=region.resolve() if region else None)
    if region is not None:
        new_config_path(directory)  # refuses an existing one before any workbook is written
    files = write_blank_workbooks(directory, settings)
    if region is not None:
        config = write_config(directory, region, load_region(settings.region_file))
        if not opts.quiet:
            click.echo(say("config-written", opts.lang, config=config))
    if not opts.quiet:
        click.echo(say("blank-written", opts.lang, files=", ".join(str(f) for f in files)))
    return EXIT_OK
