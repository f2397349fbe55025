"""Rendering: a report's typed context → HTML, PDF (WeasyPrint) and XLSX files."""
