"""The few exceptions that stop a run; every other problem is a finding.

An error may carry a message code and its parameters (messages.ERRORS): the command line then
says it in the run's language; without a code its text is said as it is.
"""

from __future__ import annotations


class UkmreportError(Exception):
    """Base of every error the CLI turns into a one-line message."""

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        super().__init__(message or code or "")
        self.code = code
        self.params = params

    def __str__(self) -> str:
        if not self.code:
            return super().__str__()
        from ukmreport.messages import say  # messages imports the models, which import this module

        return say(self.code, "id", **self.params)


class ConfigError(UkmreportError):
    """Raised by settings loading when ukmreport.toml has a wrong key or value."""


class InputError(UkmreportError):
    """Raised by the pipeline when no input workbook could be read at all."""


class TemplateError(UkmreportError):
    """Raised by the renderer when a template is missing or broken."""


class RenderError(UkmreportError):
    """Raised by the renderer when a report cannot be written."""


class UsageError(UkmreportError):
    """Raised by the library when an option names something that does not exist (a report, a format)."""


class OutputError(UkmreportError):
    """Raised by outputs.py when the reports folder cannot be written."""


class BuildLocked(UkmreportError):
    """Raised by outputs.build_lock when another build holds the reports folder."""
