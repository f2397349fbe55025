"""The few exceptions that stop a run; every other problem is a finding."""


class UkmreportError(Exception):
    """Base of every error the CLI turns into a one-line message."""


class ConfigError(UkmreportError):
    """Raised by settings loading when ukmreport.toml has a wrong key or value."""


class InputError(UkmreportError):
    """Raised by the pipeline when no input workbook could be read at all."""


class TemplateError(UkmreportError):
    """Raised by the renderer when a template is missing or broken."""


class RenderError(UkmreportError):
    """Raised by the renderer when a report cannot be written."""


class SigningError(UkmreportError):
    """Raised by signing when the certificate cannot sign: wrong password, expired, unreadable."""
