"""Per letter file: PDF/A-3b, the attachment, the attachment against the printed letter, identifiers."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from ukmreport.validate import PROVINCE_CODES, check_nik, parse_account
from ukmreport.verify import letter as printed
from ukmreport.verify.model import FileResult, Letter
from ukmreport.verify.signature import check_signature
from ukmreport.verify.words import rupiah_words_to_int, words_to_int

_PDFA_PART = re.compile(rb"pdfaid:part(?:>|=\")\s*(\d)")
_PDFA_CONFORMANCE = re.compile(rb"pdfaid:conformance(?:>|=\")\s*([ABUabu])")
MAX_ROW_PROBLEMS = 5  # per letter; the rest are counted


def check_file(path: Path, roots: list[Any] | None) -> tuple[FileResult, list[printed.AttachedSheet]]:
    """Every check of one letter file; the attached sheets go on to the checks across files."""
    from pypdf import PdfReader

    result = FileResult(path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.readable = False
        result.add("file", f"cannot read: {exc.strerror or exc}")
        return result, []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        letters = printed.printed_letters(data)
    except Exception as exc:
        if b"%PDF-" not in data[:1024] and b"%%EOF" not in data[-1024:]:
            result.readable = False
            result.add("file", f"not a PDF: {_first_line(exc)}")
            return result, []
        # a damaged PDF: say what broke, and whether its signature still holds
        result.add("file", f"damaged PDF, its text cannot be read: {_first_line(exc)}")
        check_signature(data, result, roots, None)
        return result, []
    try:
        sheets, payload = _check_contents(reader, letters, result)
    except Exception as exc:  # a damaged object deep in the file: what broke, then the signature
        result.add("file", f"damaged PDF, checking stopped: {type(exc).__name__}: {_first_line(exc)}")
        sheets, payload = [], None
    check_signature(data, result, roots, payload)
    return result, sheets


def _check_contents(
    reader: Any, letters: list[printed.PrintedLetter], result: FileResult
) -> tuple[list[printed.AttachedSheet], str]:
    """PDF/A markers, the attachment, the letters and identifiers; returns the sheets and the QR payload."""
    from ukmreport.signing.stamp import qr_payload

    _check_pdfa(reader, result)
    sheets = _check_attachment(reader, result)
    if not letters:
        result.add("letter", "no proposal letter found in the text (no 'Terbilang:' line)")
    for i, letter in enumerate(letters):
        _check_letter(letter, result)
        if i < len(sheets):
            _compare(letter, sheets[i], result)
    if sheets and len(sheets) != len(letters):
        result.add("attachment", f"the attachment has {len(sheets)} sheets for {len(letters)} letters")
    for sheet in sheets:
        _check_identifiers(sheet, result)
    result.letters = [
        Letter(
            program=letter.program,
            number=letter.number,
            date=letter.date,
            count=len(letter.rows),
            total=sum(row.nilai or 0 for row in letter.rows),
        )
        for letter in letters
    ]
    return sheets, qr_payload(letters, result.attachment or "", result.attachment_sha256 or "")


def _check_pdfa(reader: Any, result: FileResult) -> None:
    root = reader.trailer["/Root"]
    metadata = root.get("/Metadata")
    xmp = metadata.get_object().get_data() if metadata is not None else b""
    part, conformance = _PDFA_PART.search(xmp), _PDFA_CONFORMANCE.search(xmp)
    if part and conformance:
        result.pdfa = part.group(1).decode() + conformance.group(1).decode().upper()
    if result.pdfa != "3B":
        result.add("pdfa", f"the XMP metadata does not declare PDF/A-3b (found {result.pdfa or 'none'})")
    if not root.get("/OutputIntents"):
        result.add("pdfa", "no output intent (PDF/A needs one)")
    if reader.is_encrypted:
        result.add("pdfa", "the file is encrypted (PDF/A forbids it)")
    for where, font in _fonts(reader):
        if not _embedded(font):
            result.add("pdfa", f"font {font.get('/BaseFont')} on {where} is not embedded")


def _fonts(reader: Any) -> list[tuple[str, Any]]:
    """Every font of the pages and of their annotations' appearances (the signature block)."""
    found: list[tuple[str, Any]] = []
    for number, page in enumerate(reader.pages, 1):
        streams = [page]
        for annot in page.get("/Annots") or []:
            appearance = annot.get_object().get("/AP", {}).get("/N")
            if appearance is not None:
                streams.append(appearance.get_object())
        seen: set[int] = set()
        while streams:
            stream = streams.pop()
            resources = stream.get("/Resources") or {}
            for font in (resources.get("/Font") or {}).values():
                found.append((f"page {number}", font.get_object()))
            for xobject in (resources.get("/XObject") or {}).values():
                obj = xobject.get_object()
                if obj.get("/Subtype") == "/Form" and id(obj) not in seen:
                    seen.add(id(obj))
                    streams.append(obj)
    return found


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    target = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    descriptor = target.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _check_attachment(reader: Any, result: FileResult) -> list[printed.AttachedSheet]:
    try:
        found = printed.attachment(reader)
    except Exception as exc:
        result.add("attachment", f"the attached files cannot be read: {_first_line(exc)}")
        return []
    if found is None:
        result.add("attachment", "no XLSX attached")
        return []
    name, data = found
    result.attachment, result.attachment_sha256 = name, hashlib.sha256(data).hexdigest()
    if not _declared_as_associated(reader):
        result.add("pdfa", f"{name} is not declared as an associated file (/AF with /AFRelationship)")
    try:
        sheets = printed.attached_sheets(data)
    except Exception as exc:
        result.add("attachment", f"{name} cannot be read as a workbook: {_first_line(exc)}")
        return []
    for sheet in sheets:
        for problem in sheet.problems:
            result.add("attachment", f"{name}, sheet {sheet.name}: {problem}")
    return sheets


def _declared_as_associated(reader: Any) -> bool:
    files = reader.trailer["/Root"].get("/AF") or []
    return any("/AFRelationship" in spec.get_object() for spec in files)


def _check_letter(letter: printed.PrintedLetter, result: FileResult) -> None:
    """The letter against itself: the body, the table, the JUMLAH line and the total in words."""
    name = letter.program or letter.number or "letter"
    count, total = len(letter.rows), sum(row.nilai or 0 for row in letter.rows)
    if letter.jumlah_count is None:
        result.add("letter", f"{name}: no 'JUMLAH (n orang)' line under the table")
    elif (letter.jumlah_count, letter.jumlah_total) != (count, total):
        result.add(
            "letter",
            f"{name}: the table has {count} rows totalling {total:,} but its JUMLAH line says "
            f"{letter.jumlah_count} and {letter.jumlah_total or 0:,}",
        )
    in_words = rupiah_words_to_int(letter.total_words)
    if in_words != total:
        result.add("letter", f"{name}: the total in words '{letter.total_words}' is {in_words} , not {total:,}")
    if letter.body_count is not None and (letter.body_count != count or words_to_int(letter.body_count_words) != count):
        result.add(
            "letter",
            f"{name}: the letter proposes {letter.body_count} ({letter.body_count_words}), the table lists {count}",
        )
    if letter.body_total is not None and (
        letter.body_total != total or rupiah_words_to_int(letter.body_total_words) != total
    ):
        result.add(
            "letter",
            f"{name}: the letter's total {letter.body_total:,} ({letter.body_total_words}) is not the table's {total:,}",
        )


def _compare(letter: printed.PrintedLetter, sheet: printed.AttachedSheet, result: FileResult) -> None:
    """The attachment's rows against the printed table, row by row."""
    name = letter.program or sheet.name
    if len(sheet.rows) != len(letter.rows):
        result.add("attachment", f"{name}: the attachment has {len(sheet.rows)} rows, the letter {len(letter.rows)}")
    sheet_total = sum(row.nilai or 0 for row in sheet.rows)
    letter_total = sum(row.nilai or 0 for row in letter.rows)
    if sheet_total != letter_total:
        result.add("attachment", f"{name}: the attachment totals {sheet_total:,}, the letter {letter_total:,}")
    differences = [
        f"row {a.no}: {field} {getattr(a, field)!r} in the attachment, {getattr(b, field)!r} in the letter"
        for a, b in zip(sheet.rows, letter.rows, strict=False)
        for field in ("no", "nik", "no_rekening", "nilai")
        if getattr(a, field) != getattr(b, field)
    ]
    for message in differences[:MAX_ROW_PROBLEMS]:
        result.add("attachment", f"{name}: {message}")
    if len(differences) > MAX_ROW_PROBLEMS:
        result.add("attachment", f"{name}: {len(differences) - MAX_ROW_PROBLEMS} more rows differ")


def _check_identifiers(sheet: printed.AttachedSheet, result: FileResult) -> None:
    """Every NIK and account number well-formed, with the same checks as the workbooks get."""
    bad = []
    for row in sheet.rows:
        _, codes = check_nik(row.nik, PROVINCE_CODES)
        if codes:
            bad.append(f"row {row.no}: NIK {row.nik!r} ({', '.join(codes)})")
        account, code = parse_account(row.no_rekening)
        if code or account != row.no_rekening:
            bad.append(f"row {row.no}: account number {row.no_rekening!r} (bad-account)")
    for message in bad[:MAX_ROW_PROBLEMS]:
        result.add("identifier", f"{sheet.name}: {message}")
    if len(bad) > MAX_ROW_PROBLEMS:
        result.add("identifier", f"{sheet.name}: {len(bad) - MAX_ROW_PROBLEMS} more identifiers are malformed")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
