"""The command line's option values, checked before anything is read or touched: a wrong one is a
usage error (exit 2, one line in the run's language), never a half-done build."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ukmreport.messages import say


def lang_of(ctx: click.Context | None) -> str:
    """The run's language, as the command line chose it (Indonesian before it is known)."""
    obj = ctx.find_root().obj if ctx is not None else None
    return getattr(obj, "lang", "id")


def report_names() -> str:
    from ukmreport.reports import REPORTS

    return ", ".join(REPORTS)


def format_names() -> str:
    from ukmreport.reports import REPORTS

    return ", ".join(sorted({fmt for report in REPORTS.values() for fmt in report.formats}))


def checked_period(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    from ukmreport.errors import UkmreportError
    from ukmreport.period import parse_period

    try:
        return parse_period(value) if value else None
    except UkmreportError:
        raise click.UsageError(say("bad-period", lang_of(ctx), value=value), ctx) from None


def checked_only(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str] | None:
    from ukmreport.reports import REPORTS

    names = [name.strip() for item in value for name in item.split(",") if name.strip()]
    unknown = [name for name in names if name not in REPORTS]
    if unknown:
        message = say("unknown-report", lang_of(ctx), value=", ".join(unknown), choices=report_names())
        raise click.UsageError(message, ctx)
    return names or None


def checked_formats(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    known = format_names().split(", ")
    unknown = [f for f in formats if f not in known]
    if unknown or not formats:
        message = say("unknown-format", lang_of(ctx), value=", ".join(unknown) or "''", choices=", ".join(known))
        raise click.UsageError(message, ctx)
    return formats


def checked_choice(*choices: str) -> Callable[[click.Context, click.Parameter, str], str]:
    def check(ctx: click.Context, param: click.Parameter, value: str) -> str:
        if value not in choices:
            option = f"--{param.name}"
            raise click.UsageError(
                say("bad-value", lang_of(ctx), value=value, option=option, choices=", ".join(choices)), ctx
            )
        return value

    return check
