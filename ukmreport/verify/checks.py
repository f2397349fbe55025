"""Per letter file: PDF/A-3b, the attachment, the attachment against the printed letter, identifiers."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from ukmreport import formatting as fmt
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
        result.add("file", "file-unreadable", reason=exc.strerror or exc)
        return result, []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        letters = printed.printed_letters(data)
    except Exception as exc:
        if b"%PDF-" not in data[:1024] and b"%%EOF" not in data[-1024:]:
            result.readable = False
            result.add("file", "file-not-pdf", reason=_first_line(exc))
            return result, []
        # a damaged PDF: say what broke, and whether its signature still holds
        result.add("file", "file-damaged", reason=_first_line(exc))
        check_signature(data, result, roots, None)
        return result, []
    try:
        sheets, payload = _check_contents(reader, letters, result)
    except Exception as exc:  # a damaged object deep in the file: what broke, then the signature
        result.add("file", "file-damaged-inside", kind=type(exc).__name__, reason=_first_line(exc))
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
        result.add("letter", "letter-none")
    for i, letter in enumerate(letters):
        _check_letter(letter, result)
        if i < len(sheets):
            _compare(letter, sheets[i], result)
    if sheets and len(sheets) != len(letters):
        result.add("attachment", "attachment-sheet-count", sheets=len(sheets), letters=len(letters))
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
    if result.pdfa is None:
        result.add("pdfa", "pdfa-nothing-declared")
    elif result.pdfa != "3B":
        result.add("pdfa", "pdfa-not-declared", found=f"PDF/A-{result.pdfa}")
    intents = [intent.get_object() for intent in root.get("/OutputIntents") or []]
    if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
        result.add("pdfa", "pdfa-no-output-intent")
    if not reader.trailer.get("/ID"):
        result.add("pdfa", "pdfa-no-file-id")
    if _has_javascript(root):
        result.add("pdfa", "pdfa-javascript")
    if reader.is_encrypted:
        result.add("pdfa", "pdfa-encrypted")
    for page, font in _fonts(reader):
        if not _embedded(font):
            result.add("pdfa", "pdfa-font-not-embedded", font=font.get("/BaseFont"), page=page)


def _has_javascript(root: Any) -> bool:
    """JavaScript, which PDF/A forbids: named scripts, or an action run on opening the document."""
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    action = root.get("/OpenAction")
    action = action.get_object() if action is not None else None
    return "/AA" in root or (hasattr(action, "get") and action.get("/S") in ("/JavaScript", "/Launch"))


def _fonts(reader: Any) -> list[tuple[int, Any]]:
    """Every font of the pages and of their annotations' appearances (the signature block), by page."""
    found: list[tuple[int, Any]] = []
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
                found.append((number, font.get_object()))
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
        result.add("attachment", "attachment-unreadable", reason=_first_line(exc))
        return []
    if found is None:
        result.add("attachment", "attachment-missing")
        return []
    name, data = found
    result.attachment, result.attachment_sha256 = name, hashlib.sha256(data).hexdigest()
    if not _declared_as_associated(reader):
        result.add("pdfa", "pdfa-not-associated", name=name)
    try:
        sheets = printed.attached_sheets(data)
    except Exception as exc:
        result.add("attachment", "attachment-not-workbook", name=name, reason=_first_line(exc))
        return []
    for sheet in sheets:
        for code, facts in sheet.problems:
            result.add("attachment", code, name=name, sheet=sheet.name, **facts)
    return sheets


def _declared_as_associated(reader: Any) -> bool:
    files = reader.trailer["/Root"].get("/AF") or []
    return any("/AFRelationship" in spec.get_object() for spec in files)


def _check_letter(letter: printed.PrintedLetter, result: FileResult) -> None:
    """The letter against itself: the body, the table, the JUMLAH line and the total in words."""
    name = letter.program or letter.number or "?"
    count, total = len(letter.rows), sum(row.nilai or 0 for row in letter.rows)
    if letter.jumlah_count is None:
        result.add("letter", "letter-no-jumlah", letter=name)
    elif (letter.jumlah_count, letter.jumlah_total) != (count, total):
        result.add(
            "letter",
            "letter-jumlah-differs",
            letter=name,
            count=count,
            total=fmt.rupiah(total),
            jumlah_count=letter.jumlah_count,
            jumlah_total=fmt.rupiah(letter.jumlah_total or 0),
        )
    in_words = rupiah_words_to_int(letter.total_words)
    if in_words != total:
        shown = "?" if in_words is None else fmt.rupiah(in_words)
        result.add(
            "letter",
            "letter-words-differ",
            letter=name,
            words=letter.total_words,
            in_words=shown,
            total=fmt.rupiah(total),
        )
    if letter.body_count is not None and (letter.body_count != count or words_to_int(letter.body_count_words) != count):
        result.add(
            "letter",
            "letter-count-differs",
            letter=name,
            count=letter.body_count,
            words=letter.body_count_words,
            rows=count,
        )
    if letter.body_total is not None and (
        letter.body_total != total or rupiah_words_to_int(letter.body_total_words) != total
    ):
        result.add(
            "letter",
            "letter-total-differs",
            letter=name,
            total=fmt.rupiah(letter.body_total),
            words=letter.body_total_words,
            table_total=fmt.rupiah(total),
        )


def _compare(letter: printed.PrintedLetter, sheet: printed.AttachedSheet, result: FileResult) -> None:
    """The attachment's rows against the printed table, row by row."""
    name = letter.program or sheet.name
    if len(sheet.rows) != len(letter.rows):
        result.add(
            "attachment", "attachment-row-count", letter=name, attached=len(sheet.rows), printed=len(letter.rows)
        )
    sheet_total = sum(row.nilai or 0 for row in sheet.rows)
    letter_total = sum(row.nilai or 0 for row in letter.rows)
    if sheet_total != letter_total:
        result.add(
            "attachment",
            "attachment-total",
            letter=name,
            attached=fmt.rupiah(sheet_total),
            printed=fmt.rupiah(letter_total),
        )
    differences = [
        {"row": a.no, "field": field, "attached": repr(getattr(a, field)), "printed": repr(getattr(b, field))}
        for a, b in zip(sheet.rows, letter.rows, strict=False)
        for field in ("no", "nik", "no_rekening", "nilai")
        if getattr(a, field) != getattr(b, field)
    ]
    for facts in differences[:MAX_ROW_PROBLEMS]:
        result.add("attachment", "attachment-row-differs", letter=name, **facts)
    if len(differences) > MAX_ROW_PROBLEMS:
        result.add("attachment", "attachment-more-rows-differ", letter=name, count=len(differences) - MAX_ROW_PROBLEMS)


def _check_identifiers(sheet: printed.AttachedSheet, result: FileResult) -> None:
    """Every NIK and account number well-formed, with the same checks as the workbooks get."""
    bad: list[tuple[str, dict[str, object]]] = []
    for row in sheet.rows:
        _, codes = check_nik(row.nik, PROVINCE_CODES)
        if codes:
            bad.append(("identifier-bad-nik", {"row": row.no, "nik": row.nik, "codes": ",".join(codes)}))
        account, code = parse_account(row.no_rekening)
        if code or account != row.no_rekening:
            bad.append(("identifier-bad-account", {"row": row.no, "account": row.no_rekening}))
    for code, facts in bad[:MAX_ROW_PROBLEMS]:
        result.add("identifier", code, sheet=sheet.name, **facts)
    if len(bad) > MAX_ROW_PROBLEMS:
        result.add("identifier", "identifier-more", sheet=sheet.name, count=len(bad) - MAX_ROW_PROBLEMS)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
