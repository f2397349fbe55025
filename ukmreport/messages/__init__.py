"""The message catalogue: every word the tool says, in Indonesian (id) and English (en).

findings.py holds the findings, reasons, notes and categories; cli.py what the command line says
(help, progress, results, errors); read.py why a file cannot be read; verify.py what verify and
signing say (the report, each problem, each refused certificate). Everything is importable
from here, as one catalogue.
"""

from ukmreport.messages.cli import CLI, ERRORS, HELP, SKIPPED, TEXTS, say, skipped_text
from ukmreport.messages.findings import (
    CATEGORIES,
    FINDINGS,
    NOTES,
    REASONS,
    SEVERITY,
    SEVERITY_WORDS,
    SHEET_TITLES,
    Blank,
    category_text,
    finding_message,
    generic_message,
    places_text,
    reason_text,
    sheet_title,
)
from ukmreport.messages.read import READ_REASONS, read_reason
from ukmreport.messages.verify import VERIFY, problem_text, verify_text

__all__ = [
    "CATEGORIES",
    "CLI",
    "ERRORS",
    "FINDINGS",
    "HELP",
    "NOTES",
    "READ_REASONS",
    "REASONS",
    "SEVERITY",
    "SEVERITY_WORDS",
    "SHEET_TITLES",
    "SKIPPED",
    "TEXTS",
    "VERIFY",
    "Blank",
    "category_text",
    "finding_message",
    "generic_message",
    "places_text",
    "problem_text",
    "read_reason",
    "reason_text",
    "say",
    "sheet_title",
    "skipped_text",
    "verify_text",
]
