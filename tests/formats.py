"""Writers for the input formats besides .xlsx, for tests: .ods by hand (zip + XML) and .csv.

Nothing here is a dependency of ukmreport: python-calamine reads these formats but cannot write
them, and LibreOffice is not installed, so an .ods is written the way LibreOffice lays one out
(a stored `mimetype` first, a manifest, content.xml). The .xls fixtures are committed files made
by tests/data/make_legacy.py.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, (date, datetime)):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods_content(tables: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    ).encode()


def ods_table(name: str, rows: Sequence[Sequence[object]]) -> str:
    body = "".join("<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
    return f"<table:table table:name={quoteattr(name)}>{body}</table:table>"


def write_ods_parts(
    path: Path, content: bytes, mimetype: bytes = b"application/vnd.oasis.opendocument.spreadsheet"
) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype", (2024, 1, 1, 0, 0, 0)), mimetype)
        zf.writestr(zipfile.ZipInfo("META-INF/manifest.xml", (2024, 1, 1, 0, 0, 0)), ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo("content.xml", (2024, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return path


def write_ods(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """Write an .ods of {sheet name: rows}."""
    return write_ods_parts(path, ods_content("".join(ods_table(name, rows) for name, rows in sheets.items())))


def write_csv(path: Path, rows: Sequence[Sequence[object]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    """Write rows as a spreadsheet program exports them: every cell as text, quoted when needed."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
