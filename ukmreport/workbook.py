"""Read workbooks into raw rows that keep Excel's own addresses.

Values come from python-calamine (fast, read-only). Before calamine sees a file, a pre-flight
over the zip refuses what could hurt or hang the run: wrong containers, sizes and compression
ratios over the limits, and XML that declares a DTD or entities (billion laughs, XXE). The same
pass finds formula cells without a saved value, which calamine cannot tell from blanks.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ukmreport.settings import Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# A <c> element holding an <f> but no <v> (or an empty <v/>): a formula Excel never computed.
_FORMULA_CELL = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]{1,3})(\d+)\"[^>]*>(.*?)</c>", re.DOTALL)
_CHUNK = 1 << 20


class Unreadable(Exception):
    """Raised inside this module when a file cannot be read; the caller makes it a finding."""


@dataclass
class RawSheet:
    """One worksheet's cells as read, with Excel row numbers and column indexes (both 1-based)."""

    name: str
    visible: bool
    first_row: int
    first_col: int
    rows: Iterator[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2)
    formula_blanks: set[tuple[int, int]] = field(default_factory=set)  # (row, col)


@dataclass
class RawWorkbook:
    path: Path
    sha256: str
    sheets: list[RawSheet]


def column_letter(index: int) -> str:
    """Return Excel's column letters for a 1-based index (1 -> A, 28 -> AB)."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_workbook(path: Path, limits: Limits) -> RawWorkbook:
    """Check the file, then open it for reading; raise Unreadable with a plain reason."""
    path = Path(path)
    if path.is_symlink():
        raise Unreadable("berkas berupa tautan simbolik (symlink); salin berkas aslinya ke folder input")
    if not path.is_file():
        raise Unreadable("bukan berkas biasa (mungkin sebuah folder)")
    size = path.stat().st_size
    if size > limits.max_file_mb * 1024 * 1024:
        raise Unreadable(f"ukuran berkas {size / 1048576:.0f} MB melebihi batas {limits.max_file_mb:g} MB")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        raise Unreadable(_ole_reason(path))
    if not zipfile.is_zipfile(path):
        raise Unreadable("bukan berkas Excel .xlsx (isi berkas bukan arsip zip)")
    formula_blanks = _preflight(path, size, limits)
    digest = sha256_file(path)
    return RawWorkbook(path=path, sha256=digest, sheets=list(_calamine_sheets(path, formula_blanks, limits)))


def _ole_reason(path: Path) -> str:
    data = path.read_bytes()[: 4 * _CHUNK]
    if _ENCRYPTED_MARK in data:
        return "berkas dilindungi kata sandi; simpan ulang tanpa kata sandi"
    return "format Excel lama (.xls); simpan ulang sebagai .xlsx"


def _preflight(path: Path, size: int, limits: Limits) -> dict[str, set[tuple[int, int]]]:
    """Refuse zip bombs and XML with DTDs; return formula cells without value, per sheet part."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                raise Unreadable("bagian xl/workbook.xml tidak ada (bukan buku kerja Excel yang lengkap)")
            total = sum(info.file_size for info in infos)
            if total > limits.max_uncompressed_mb * 1024 * 1024:
                raise Unreadable(
                    f"isi berkas setelah dibuka {total / 1048576:.0f} MB melebihi batas "
                    f"{limits.max_uncompressed_mb:g} MB"
                )
            for info in infos:
                if info.compress_size and info.file_size / info.compress_size > limits.max_compression_ratio:
                    if info.file_size > 10 * 1024 * 1024:
                        raise Unreadable(
                            f"rasio kompresi bagian {info.filename} tidak wajar "
                            f"({info.file_size // max(info.compress_size, 1)}:1; kemungkinan bom zip)"
                        )
            formula_blanks: dict[str, set[tuple[int, int]]] = {}
            for info in infos:
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                blanks = _scan_part(zf, info)
                if blanks:
                    formula_blanks[info.filename] = blanks
            return formula_blanks
    except zipfile.BadZipFile as exc:
        raise Unreadable(f"arsip zip rusak ({exc})") from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise Unreadable(f"arsip zip tidak dapat dibuka ({exc})") from exc


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> set[tuple[int, int]]:
    """Stream one XML part: refuse DTDs; collect formula cells without value in worksheets."""
    is_sheet = info.filename.startswith("xl/worksheets/")
    blanks: set[tuple[int, int]] = set()
    tail = b""
    with zf.open(info) as fh:
        first = True
        while chunk := fh.read(_CHUNK):
            if first and _DTD.search(chunk[:4096]):
                raise Unreadable(
                    f"bagian {info.filename} memuat deklarasi DTD/entitas XML (ditolak demi keamanan)"
                )
            first = False
            if not is_sheet:
                if b"<!ENTITY" in chunk:
                    raise Unreadable(f"bagian {info.filename} memuat deklarasi entitas XML (ditolak)")
                continue
            data = tail + chunk
            if b"<f" not in data:
                tail = data[-256:]
                continue
            # Keep an unfinished <c> element for the next chunk.
            cut = data.rfind(b"<c ")
            complete, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            blanks.update(_formula_blanks(complete))
        if is_sheet and tail and b"<f" in tail:
            blanks.update(_formula_blanks(tail))
    return blanks


def _formula_blanks(data: bytes) -> Iterator[tuple[int, int]]:
    for match in _FORMULA_CELL.finditer(data):
        body = match.group(3)
        if b"<f" not in body:
            continue
        value = re.search(rb"<v>(.*?)</v>", body, re.DOTALL)
        if value is None or not value.group(1).strip():
            if b't="str"' in match.group(0)[:200] and value is not None:
                continue  # a formula that returned the empty string: it has a value
            yield int(match.group(2)), column_index(match.group(1).decode())


def _sheet_parts(path: Path) -> dict[str, str]:
    """Map sheet names to their zip part names via workbook.xml and its rels (no DTDs left here)."""
    from defusedxml import ElementTree as ET

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(path) as zf:
        workbook = ET.fromstring(zf.read("xl/workbook.xml"))
        try:
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{ns_main}sheet"):
        target = targets.get(sheet.get(f"{ns_rel}id"), "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = part
    return parts


def _calamine_sheets(
    path: Path, formula_blanks: dict[str, set[tuple[int, int]]], limits: Limits
) -> Iterator[RawSheet]:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        metadata = book.sheets_metadata
    except pc.PasswordError as exc:
        raise Unreadable("berkas dilindungi kata sandi; simpan ulang tanpa kata sandi") from exc
    except Exception as exc:  # calamine raises its own zoo of errors for corrupt parts
        raise Unreadable(f"isi berkas rusak ({_short(exc)})") from exc
    parts = _sheet_parts(path) if formula_blanks else {}
    sheets = []
    for meta in metadata:
        if str(meta.typ) != "SheetTypeEnum.WorkSheet" and "WorkSheet" not in str(meta.typ):
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except Exception as exc:
            raise Unreadable(f"lembar '{meta.name}' rusak ({_short(exc)})") from exc
        if sheet.height > limits.max_rows or sheet.width > limits.max_columns:
            raise Unreadable(
                f"lembar '{meta.name}' berisi {sheet.height} baris × {sheet.width} kolom, melebihi batas "
                f"{limits.max_rows} baris × {limits.max_columns} kolom"
            )
        start_row, start_col = sheet.start or (0, 0)
        sheets.append(
            RawSheet(
                name=meta.name,
                visible="Visible" in str(meta.visible) and "Hidden" not in str(meta.visible),
                first_row=start_row + 1,
                first_col=start_col + 1,
                rows=_rows(sheet),
                merged=[(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])],
                formula_blanks=formula_blanks.get(parts.get(meta.name, ""), set()),
            )
        )
    return iter(sheets)


def _rows(sheet: object) -> Iterator[list[object]]:
    try:
        yield from sheet.iter_rows()  # type: ignore[attr-defined]
    except Exception as exc:
        raise Unreadable(f"isi lembar rusak ({_short(exc)})") from exc


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
