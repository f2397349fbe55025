"""Read workbooks into raw rows that keep Excel's own addresses.

Values come from python-calamine (fast, read-only). Calamine trusts its input, so nothing reaches
it before a pre-flight in Python has checked the bytes it will parse:

* the file: a regular file (not a symlink, folder or pipe), not over ``max_file_mb``, a zip and
  not an old .xls, a password-protected OLE container, a web page or a PDF renamed to .xlsx;
* the zip: at most ``MAX_PARTS`` parts, no duplicate part names (calamine and Python's zipfile
  would read different copies), declared sizes within ``max_uncompressed_mb`` and
  ``max_compression_ratio``; every part is then decompressed here with its size and CRC checked,
  so a zip whose headers lie about sizes cannot become a bomb;
* the XML: UTF-8 only, and no DTD or entity declarations (billion laughs, XXE). Calamine's parser
  does not expand entities either (it fails on them), so this is defence in depth and a plain
  reason instead of a parser error;
* each worksheet, just before calamine loads it: the area its cells span. Calamine turns a sheet
  into a dense grid of (last row - first row + 1) x (last column - first column + 1) cells, so
  one stray value in XFD1048576 asks for 550 GB and aborts the whole process (upstream:
  tafia/calamine#693, dimastbk/python-calamine#130); rows, columns and cells are checked against
  the limits first. The same pass finds formula cells without a saved value, which calamine
  cannot tell from blanks;
* sharedStrings' ``uniqueCount``: calamine reserves memory for that many strings up front.

Sheets are loaded lazily, one at a time, when their rows are first read: a sheet the caller never
reads (an unknown sheet name) is never parsed, and a finished sheet's memory is released. A sheet
whose XML is over pieces.PIECED_FROM is read in pieces, each piece through the same pre-flight
before calamine sees it (pieces.py).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from ukmreport.read import pieces
from ukmreport.settings import Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARKS = tuple(name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage"))
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Cells calamine may hold for one sheet (its grid costs about 32 bytes a cell, ~1.9 GB here) when
# Fallback when Limits lacks max_cells; a 1,048,576-row sheet of 57 columns still fits.
MAX_CELLS = 60_000_000
MAX_PARTS = 10_000  # a workbook from Excel has tens of parts; hundreds with many images
_BIG_PART = 10 * 1024 * 1024  # the compression ratio applies to parts larger than this
_CHUNK = 1 << 20
_MAX_BUFFER = 64 << 20  # a single element larger than this is read by the exact scanner
_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# A canonical cell start tag as Excel, LibreOffice and openpyxl write it: `<c r="B7" ...>`, r first,
# double quotes, not self-closing. Quoted values are matched whole, so a '>' inside one cannot end
# the tag early.
_CANON_CELL = re.compile(rb'<c r="([^"]*)"[^>/"]*(?:"[^"]*"[^>/"]*)*>')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>(.*?)</v>", re.DOTALL)
_STR_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")
# For the exact scanner: comments, CDATA sections and processing instructions (skipped whole; a
# bare "<!" or "<?" is one left unfinished at the end of a chunk), and the c, row and f tags with
# any prefix, their attribute values matched whole as quick-xml does.
_TOKEN = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!|<\?"
    rb"""|<(/?)(?:[^\s/>:!?]+:)?(c|row|f)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>""",
    re.DOTALL,
)
_ATTR = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(rb"([A-Za-z]*)(\d*)")
_DIGITS = b"0123456789"
_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.IGNORECASE)
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Workbook relationships whose targets are binary (macros, printer settings, embedded objects).
_BINARY_RELATIONSHIPS = ("/vbaProject", "/printerSettings", "/oleObject", "/package", "/image", "/customData")
# Excel's built-in number formats that show a date, time or duration.
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)])
# Below this a date cell's value makes calamine panic (chrono's TimeDelta overflows: -1.07e11 days).
_DATE_FLOOR = -1e11


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

    def finish(self) -> bool:
        """Called once its rows were read; True when `merged` became known only now."""
        return False

    def read_whole(self) -> None:
        """Read the sheet again from its first row, in one piece."""

    def close(self) -> None:
        """Stop whatever still works on this sheet's reading."""


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
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def open_workbook(path: Path, limits: Limits) -> RawWorkbook:
    """Check the file, then open it for reading; raise Unreadable with a plain reason.

    The file is read once into memory (at most ``max_file_mb``): its hash, the pre-flight and
    calamine all see the same bytes, even if someone saves over the file meanwhile.
    """
    path = Path(path)
    deadline = time.monotonic() + limits.seconds_per_file
    data = _read_regular_file(path, limits)
    if data.startswith(OLE_MAGIC):
        raise Unreadable(_ole_reason(data))
    if not data.startswith(b"PK"):
        raise Unreadable(_not_zip_reason(data))
    package = _Package(data, limits, deadline)
    sheets = package.open_sheets()
    return RawWorkbook(path=path, sha256=hashlib.sha256(data).hexdigest(), sheets=sheets)


# -- the file -------------------------------------------------------------------------------------


def _read_regular_file(path: Path, limits: Limits) -> bytes:
    # A symlink is refused, not followed: a link in the input folder can point anywhere (outside
    # the office's data, at another user's files, at a device), and the report would then carry
    # data nobody put in the folder. Copy the real file into the folder instead.
    if path.is_symlink():
        raise Unreadable("berkas berupa tautan simbolik (symlink); salin berkas aslinya ke folder input")
    try:
        info = path.stat()
    except OSError as exc:
        raise Unreadable(f"berkas tidak dapat dibuka ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(info.st_mode):
        kind = "sebuah folder" if stat.S_ISDIR(info.st_mode) else "bukan berkas data (mungkin pipa atau perangkat)"
        raise Unreadable(f"bukan berkas biasa ({kind})")
    _check_file_size(info.st_size, limits)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Unreadable(f"berkas tidak dapat dibuka ({exc.strerror or exc})") from exc
    with open(fd, "rb", closefd=True) as fh:
        opened = os.fstat(fh.fileno())
        if not stat.S_ISREG(opened.st_mode):  # swapped for something else since the check above
            raise Unreadable("bukan berkas biasa")
        _check_file_size(opened.st_size, limits)
        data = fh.read(int(limits.max_file_mb * 1024 * 1024) + 1)
    _check_file_size(len(data), limits)
    if not data:
        raise Unreadable("berkas kosong (0 byte)")
    return data


def _check_file_size(size: int, limits: Limits) -> None:
    if size > limits.max_file_mb * 1024 * 1024:
        raise Unreadable(f"ukuran berkas {_mb(size)} melebihi batas {limits.max_file_mb:g} MB")


def _ole_reason(data: bytes) -> str:
    if any(mark in data for mark in _ENCRYPTED_MARKS):
        return "berkas dilindungi kata sandi; buka di Excel, hapus kata sandinya, lalu simpan ulang"
    return "format Excel lama (.xls); buka di Excel lalu simpan sebagai .xlsx"


def _not_zip_reason(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<html" in head[:256]:
        return "isinya halaman web/XML, bukan buku kerja .xlsx; buka di Excel lalu simpan sebagai .xlsx"
    if head.startswith(b"%pdf"):
        return "isinya dokumen PDF, bukan buku kerja .xlsx"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        b"\x00" not in data[:1024] and (b"," in head or b";" in head or b"\t" in head)
    ):
        return "isinya teks (mungkin CSV), bukan buku kerja .xlsx; buka di Excel lalu simpan sebagai .xlsx"
    return "bukan berkas Excel .xlsx (isi berkas bukan arsip zip)"


def _mb(size: int) -> str:
    return f"{size / 1048576:,.0f} MB".replace(",", ".") if size >= 1048576 else f"{size / 1048576:.1f} MB"


# -- the zip and its XML parts --------------------------------------------------------------------


class _Package:
    """The checked zip: part index, the sheet list, and the parts calamine reads at opening."""

    def __init__(self, data: bytes, limits: Limits, deadline: float) -> None:
        self.data, self.limits, self.deadline = data, limits, deadline
        self.view = memoryview(data)
        self.infos = self._central_directory()
        self.parts: dict[str, zipfile.ZipInfo] = {}
        for info in self.infos:
            key = info.filename.lower()
            if key in self.parts:
                raise Unreadable(f"arsip berisi dua bagian bernama {info.filename} (berkas rusak atau dimanipulasi)")
            self.parts[key] = info
        self._check_sizes()
        if "xl/workbook.xml" not in self.parts:
            if "xl/workbook.bin" in self.parts:
                raise Unreadable("format Excel biner (.xlsb); buka di Excel lalu simpan sebagai .xlsx")
            if "content.xml" in self.parts and "mimetype" in self.parts:
                raise Unreadable("format OpenDocument (.ods); buka lalu simpan sebagai .xlsx")
            raise Unreadable("bagian xl/workbook.xml tidak ada (bukan buku kerja Excel yang lengkap)")
        if "_rels/.rels" not in self.parts:
            raise Unreadable("bagian _rels/.rels tidak ada (bukan buku kerja Excel yang lengkap)")

    def _central_directory(self) -> list[zipfile.ZipInfo]:
        count = _zip_entry_count(self.data)
        if count is None:
            if self.data.startswith(b"PK\x03\x04"):
                raise Unreadable("arsip zip terpotong (berkas tidak lengkap); salin ulang berkas aslinya")
            raise Unreadable("bukan berkas Excel .xlsx (isi berkas bukan arsip zip yang utuh)")
        if count > MAX_PARTS:
            raise Unreadable(
                f"arsip berisi {_n(count)} bagian, melebihi batas {_n(MAX_PARTS)} (kemungkinan dimanipulasi)"
            )
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
                return zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError) as exc:
            raise Unreadable(f"arsip zip rusak ({_short(exc)})") from exc

    def _check_sizes(self) -> None:
        self._check_layout()
        limits = self.limits
        total = sum(info.file_size for info in self.infos)
        if total > limits.max_uncompressed_mb * 1024 * 1024:
            raise Unreadable(
                f"isi berkas setelah dibuka {_mb(total)} melebihi batas {limits.max_uncompressed_mb:g} MB "
                "(kemungkinan bom zip)"
            )
        for info in self.infos:
            if info.file_size > _BIG_PART and info.file_size > limits.max_compression_ratio * max(
                info.compress_size, 1
            ):
                raise Unreadable(
                    f"bagian {info.filename} mengembang {_n(info.file_size // max(info.compress_size, 1))}:1 saat "
                    f"dibuka, melebihi batas {limits.max_compression_ratio:g}:1 (kemungkinan bom zip)"
                )

    def _check_layout(self) -> None:
        """Each part's bytes are its own: overlapping parts are how a few KB claim gigabytes."""
        end = 0
        for info in sorted(self.infos, key=lambda i: i.header_offset):
            if info.header_offset < end:
                raise Unreadable("bagian-bagian arsip zip saling tumpang tindih (kemungkinan bom zip)")
            header = self.data[info.header_offset : info.header_offset + 30]
            if len(header) < 30:
                raise Unreadable("arsip zip terpotong (berkas tidak lengkap); salin ulang berkas aslinya")
            name_len, extra_len = struct.unpack("<HH", header[26:30])
            end = info.header_offset + 30 + name_len + extra_len + info.compress_size

    # -- parts ---------------------------------------------------------------------------------
    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.parts.get(name.lower())

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """Decompress one part here, checking its declared size and CRC: headers cannot lie."""
        view, name = self.view, info.filename
        offset = info.header_offset
        header = bytes(view[offset : offset + 30])
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise Unreadable(f"arsip zip rusak (bagian {name} tidak ditemukan di tempatnya)")
        flags, method = struct.unpack("<HH", header[6:10])
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = offset + 30 + name_len + extra_len
        end = start + info.compress_size
        if end > len(view):
            raise Unreadable("arsip zip terpotong (berkas tidak lengkap); salin ulang berkas aslinya")
        if flags & 0x1:
            raise Unreadable("berkas dilindungi kata sandi (bagian zip terenkripsi)")
        raw = view[start:end]
        crc = produced = 0
        if method == zipfile.ZIP_STORED:
            for pos in range(0, len(raw), _CHUNK):
                out = bytes(raw[pos : pos + _CHUNK])
                produced += len(out)
                crc = zlib.crc32(out, crc)
                yield out
        elif method == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            pos = 0
            while not inflater.eof:
                if inflater.unconsumed_tail:
                    pending = inflater.unconsumed_tail
                elif pos < len(raw):
                    pending, pos = raw[pos : pos + _CHUNK], pos + _CHUNK
                else:
                    raise Unreadable(f"arsip zip rusak (isi bagian {name} terpotong)")
                try:
                    out = inflater.decompress(pending, _CHUNK)
                except zlib.error as exc:
                    raise Unreadable(f"arsip zip rusak (bagian {name}: {exc})") from exc
                produced += len(out)
                if produced > info.file_size:
                    raise Unreadable(
                        f"bagian {name} lebih besar dari ukuran yang tercatat di arsip (berkas dimanipulasi atau rusak)"
                    )
                crc = zlib.crc32(out, crc)
                if out:
                    yield out
                if time.monotonic() > self.deadline:
                    raise Unreadable(_timeout(self.limits))
        else:
            raise Unreadable(f"bagian {name} dikompresi dengan metode yang tidak dipakai Excel ({method})")
        if produced != info.file_size or crc != info.CRC:
            raise Unreadable(f"arsip zip rusak (isi bagian {name} tidak cocok dengan catatan arsip)")

    def read(self, info: zipfile.ZipInfo) -> bytes:
        return b"".join(self.chunks(info))

    # -- opening ---------------------------------------------------------------------------------
    def open_sheets(self) -> list[RawSheet]:
        targets = self._sheets = self._sheet_targets()
        skip = {t.lower() for t in targets.values()} | {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
        for info in self.infos:
            key = info.filename.lower()
            if key in skip:
                continue  # sheets are scanned, with their cell area, just before calamine loads them
            if key.endswith(_XML_SUFFIXES) or key in self._rel_targets:
                _scan_xml(info.filename, self.chunks(info), info.file_size, binary_ok=key in self._binary_targets)
        self.date_styles = self._date_styles()
        try:
            book = _calamine_open(self.data)
        except Unreadable:
            self._diagnose()  # name the broken part instead of calamine's "Cannot detect file format"
            raise
        sheets: list[RawSheet] = []
        for meta in book.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue
            visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
            part = targets.get(meta.name)
            sheets.append(_LazySheet(meta.name, visible, book, self, self.find(part) if part else None, part))
        return sheets

    def _sheet_targets(self) -> dict[str, str]:
        """Map sheet names to part names the way calamine does (xl/ + target, or the absolute path)."""
        from defusedxml import ElementTree as ET
        from defusedxml.common import DefusedXmlException

        ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
        self._rel_targets: set[str] = set()
        self._binary_targets: set[str] = set()  # e.g. xl/vbaProject.bin: calamine does not parse them
        self._styles = "xl/styles.xml"
        self.shared_strings: str | None = None
        workbook_info = self.find("xl/workbook.xml")
        rels_info = self.find("xl/_rels/workbook.xml.rels")
        assert workbook_info is not None
        try:
            _scan_xml(workbook_info.filename, self.chunks(workbook_info), workbook_info.file_size)
            workbook = ET.fromstring(self.read(workbook_info))
            rels = []
            if rels_info is not None:
                _scan_xml(rels_info.filename, self.chunks(rels_info), rels_info.file_size)
                rels = list(ET.fromstring(self.read(rels_info)))
        except (ET.ParseError, DefusedXmlException, ValueError) as exc:
            raise Unreadable(f"isi xl/workbook.xml rusak ({_short(exc)})") from exc
        by_id: dict[str, str] = {}
        for rel in rels:
            rel_id, target = rel.get("Id", ""), rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if rel_id in by_id:
                raise Unreadable("daftar relasi xl/_rels/workbook.xml.rels berisi Id ganda (berkas rusak)")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            by_id[rel_id] = part
            self._rel_targets.add(part.lower())
            if rel.get("Type", "").endswith(_BINARY_RELATIONSHIPS) and not part.lower().endswith(_XML_SUFFIXES):
                self._binary_targets.add(part.lower())
            if rel.get("Type", "").endswith("/styles"):
                self._styles = part
            if rel.get("Type", "").endswith("/sharedStrings"):
                self.shared_strings = part
        names: dict[str, str] = {}
        seen: set[str] = set()
        for sheet in workbook.iter(f"{ns_main}sheet"):
            name = sheet.get("name", "")
            if name.casefold() in seen:  # calamine and this scan could then pick different parts
                raise Unreadable(f"buku kerja berisi dua lembar bernama '{name}' (berkas rusak)")
            seen.add(name.casefold())
            part = by_id.get(sheet.get(f"{ns_rel}id", ""))
            if part is not None:
                names[name] = part
        return names

    def _diagnose(self) -> None:
        """Raise Unreadable naming the first part calamine reads at opening that is not well-formed XML."""
        from defusedxml import ElementTree as ET

        for info in self.infos:
            key = info.filename.lower()
            if key.endswith(_XML_SUFFIXES) and (
                key in self._rel_targets or key.startswith(("xl/workbook", "xl/_rels", "_rels"))
            ):
                if key in {t.lower() for t in self._sheets.values()}:
                    continue
                try:
                    ET.fromstring(self.read(info))
                except ET.ParseError as exc:
                    raise Unreadable(f"bagian {info.filename} rusak ({_short(exc)})") from exc
                except Exception:
                    continue

    def _date_styles(self) -> frozenset[int]:
        """Cell styles (indexes into cellXfs) whose number format shows a date, time or duration."""
        from defusedxml import ElementTree as ET

        info = self.find(self._styles)
        if info is None:
            return frozenset()
        try:
            root = ET.fromstring(self.read(info))
        except Exception:  # calamine will say what is wrong with it
            return frozenset()
        codes = {el.get("numFmtId"): el.get("formatCode", "") for el in root.iter() if el.tag.endswith("}numFmt")}
        styles: set[int] = set()
        for container in root.iter():
            if not container.tag.endswith("}cellXfs"):
                continue
            for index, xf in enumerate(x for x in container if x.tag.endswith("}xf")):
                format_id = xf.get("numFmtId", "0")
                code = codes.get(format_id, "")
                if (format_id.isdigit() and int(format_id) in _DATE_FORMAT_IDS) or any(
                    ch in code for ch in "dmyhsDMYHS"
                ):
                    styles.add(index)
        return frozenset(styles)


def _zip_entry_count(data: bytes) -> int | None:
    """The entry count from the end-of-central-directory record, or None when there is none."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if pos < 0 or pos + 22 > len(data):
        return None
    count = struct.unpack("<H", data[pos + 10 : pos + 12])[0]
    if count == 0xFFFF:  # zip64: the real count is in the zip64 end record
        locator = data.rfind(b"PK\x06\x07", max(0, pos - 20), pos)
        if locator >= 0:
            record = struct.unpack("<Q", data[locator + 8 : locator + 16])[0]
            if record + 40 <= len(data) and data[record : record + 4] == b"PK\x06\x06":
                count = struct.unpack("<Q", data[record + 32 : record + 40])[0]
    return count


def _scan_xml(name: str, chunks: Iterator[bytes], size: int, binary_ok: bool = False) -> None:
    """Stream one XML part: UTF-8 only, no DTD or entity declarations, a sane sharedStrings count."""
    first, tail, head = True, b"", b""
    for chunk in chunks:
        if first:
            if binary_ok and not chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                return  # a binary part in its place (macros of an .xlsm): calamine does not parse it
            _check_encoding(name, chunk)
            first = False
        data = tail + chunk
        if b"<!" in data:
            _check_declarations(name, data)
        tail = data[-16:]
        if head is not None:
            head += chunk
            root = _root_tag(head)
            if root is not None:
                _check_unique_count(name, root, size)
                head = None
            elif len(head) > _MAX_BUFFER:
                raise Unreadable(f"bagian {name} tidak diawali elemen XML dalam 64 MB pertama")


_START_TAG = re.compile(rb"""<([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*)>""")


def _root_tag(head: bytes) -> re.Match[bytes] | None:
    """The root element's start tag, past the XML declaration and comments; None until complete."""
    pos = 0
    while True:
        lt = head.find(b"<", pos)
        if lt < 0:
            return None
        for opener, closer in ((b"<?", b"?>"), (b"<!--", b"-->"), (b"<!", b">")):
            if head.startswith(opener, lt):
                end = head.find(closer, lt + len(opener))
                if end < 0:
                    return None
                pos = end + len(closer)
                break
        else:
            return _START_TAG.match(head, lt)


def _check_encoding(name: str, head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or b"\x00" in head[:4]:
        raise Unreadable(f"bagian {name} tidak ditulis dalam UTF-8 (Excel selalu memakai UTF-8)")
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    match = _ENCODING.match(body[:512])
    if match and match.group(1).strip().lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise Unreadable(f"bagian {name} memakai pengodean {match.group(1).decode('ascii', 'replace')}, bukan UTF-8")


def _check_declarations(name: str, data: bytes) -> None:
    if _DECLARATION.search(data):
        raise Unreadable(f"bagian {name} memuat deklarasi DTD/entitas XML (ditolak demi keamanan)")


def _check_unique_count(name: str, root: re.Match[bytes], size: int) -> None:
    """Calamine reserves room for sharedStrings' `uniqueCount` up front: 4 billion aborts the process."""
    if root.group(1).rsplit(b":", 1)[-1] != b"sst":
        return
    value = _attribute(root.group(2), b"uniqueCount")
    if value is None or not value.strip().isdigit():
        return
    count = _row_number(value.strip())
    if count > max(1000, size // 5):  # each <si> takes more than five bytes
        raise Unreadable(
            f"bagian {name} mengaku berisi {_n(count)} teks, tidak mungkin untuk ukurannya "
            "(berkas rusak atau dimanipulasi)"
        )


# -- sheets ---------------------------------------------------------------------------------------


@dataclass
class _Area:
    """What the scan of one sheet part found: the span of its cells and formulas without value."""

    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    formula_blanks: set[tuple[int, int]] = field(default_factory=set)

    def add(self, row: int, col: int) -> None:
        if not self.max_row:
            self.min_row = self.max_row = row
            self.min_col = self.max_col = col
            return
        self.min_row, self.max_row = min(self.min_row, row), max(self.max_row, row)
        self.min_col, self.max_col = min(self.min_col, col), max(self.max_col, col)

    def add_refs(self, refs: list[bytes]) -> None:
        """Add many `B7`-style references at once: letters and digits split in C, not per cell."""
        joined = b" ".join(refs)
        if joined.translate(None, _LETTERS + _DIGITS + b" ") or b"" in refs:
            raise _NeedsExactScan  # not letters and digits: calamine rejects it, the exact scan says why
        # Letters-only or digits-only references make calamine fail, so the corners of the valid
        # ones are all that matters, and every valid one's letters and digits are in these sets.
        digits = joined.translate(None, _LETTERS)
        letters = joined.translate(None, _DIGITS)
        rows = set(digits.split())
        if len(letters) == 2 * len(refs) - 1:  # one letter each (A..Z): no need to split
            cols = {bytes([c]) for c in set(letters[::2])}
        else:
            cols = set(letters.split())
        if not rows or not cols:
            raise _NeedsExactScan
        if len(max(rows, key=len)) <= 12:
            low_row, high_row = min(rows, key=int), max(rows, key=int)  # key=int runs in C
        else:
            low_row, high_row = min(rows, key=_numeric_key), max(rows, key=_numeric_key)
        low_col, high_col = min(cols, key=_letters_key), max(cols, key=_letters_key)
        self.add(_row_number(low_row), _column_number(low_col))
        self.add(_row_number(high_row), _column_number(high_col))

    @property
    def height(self) -> int:
        return self.max_row - self.min_row + 1 if self.max_row else 0

    @property
    def width(self) -> int:
        return self.max_col - self.min_col + 1 if self.max_col else 0


def _numeric_key(value: bytes) -> tuple[int, bytes]:
    stripped = value.lstrip(b"0") or b"0"
    return len(stripped), stripped


def _letters_key(value: bytes) -> tuple[int, bytes]:
    return len(value), value.upper()


def _row_number(digits: bytes) -> int:
    digits = digits.lstrip(b"0") or b"0"
    return int(digits) if len(digits) <= 12 else 10**12  # far past Excel; int() of huge text is slow


def _column_number(letters: bytes) -> int:
    return column_index(letters.decode("ascii")) if len(letters) <= 6 else 26**6


class _NeedsExactScan(Exception):
    """The fast scan met something it cannot account for; the part is scanned tag by tag."""


def _scan_sheet(package: _Package, info: zipfile.ZipInfo) -> _Area:
    try:
        return _fast_scan(package, info)
    except _NeedsExactScan:
        return _exact_scan(package, info)


def _fast_scan(package: _Package, info: zipfile.ZipInfo) -> _Area:
    """Canonical sheets (every cell `<c r="..">`): the area from the cell references, at C speed.

    Every non-self-closing element named c, whatever its prefix, ends with a tag ending in "c>",
    and every match of _CANON_CELL is the start tag of one such element (comments, CDATA and
    processing instructions, where a fake one could hide, send the part to the exact scanner).
    So when the matches are as many as the "c>" in the part, every cell calamine will read was
    counted with its own reference. Otherwise (cells without `r`, with a prefix, `r` not first,
    single quotes, ...) the exact scanner walks every tag.
    """
    area = _Area()
    for _ in scanned_blocks(package, info, area):
        pass
    return area


def scanned_blocks(package: _Package, info: zipfile.ZipInfo, area: _Area, balanced: bool = False) -> Iterator[bytes]:
    """The part's XML in blocks cut after a cell or row end, each added to `area` before it is given.

    With `balanced`, every block must account for its own cells (what a reader that parses block
    by block needs); otherwise only the whole part must. Raises _NeedsExactScan when it cannot.
    """
    name = info.filename
    starts = ends = 0
    first, buf = True, b""
    for chunk in package.chunks(info):
        if first:
            _check_encoding(name, chunk)
            first = False
        buf += chunk
        # Cut after a cell or row end, so a cell (and its formula) is never split.
        cell_end, row_end = buf.rfind(b"</c>"), buf.rfind(b"</row>")
        cut = max(cell_end + 4 if cell_end >= 0 else 0, row_end + 6 if row_end >= 0 else 0)
        if not cut:
            if len(buf) < _MAX_BUFFER:
                continue
            raise _NeedsExactScan
        if time.monotonic() > package.deadline:
            raise Unreadable(_timeout(package.limits))
        block, buf = buf[:cut], buf[cut:]
        block_starts, block_ends = _fast_block(name, block, area, 0, 0, package.date_styles)
        if balanced and block_starts != block_ends:
            raise _NeedsExactScan
        starts, ends = starts + block_starts, ends + block_ends
        yield block
    if buf:
        block_starts, block_ends = _fast_block(name, buf, area, 0, 0, package.date_styles)
        starts, ends = starts + block_starts, ends + block_ends
    if starts != ends:
        raise _NeedsExactScan
    if buf:
        yield buf


def _fast_block(
    name: str, data: bytes, area: _Area, starts: int, ends: int, date_styles: frozenset[int]
) -> tuple[int, int]:
    if b"!" in data and b"<!" in data:
        _check_declarations(name, data)
        raise _NeedsExactScan  # a comment or CDATA section
    if b"?" in data and data.find(b"<?", 1) > 0:
        raise _NeedsExactScan  # a processing instruction after the XML declaration
    refs = _CANON_CELL.findall(data)
    if refs:
        area.add_refs(refs)
    if b"<f" in data:
        _formula_blanks(data, area)
    if date_styles and b"<v>-" in data:
        pos = data.find(b"<v>-")
        while pos >= 0:
            end = data.find(b"</v>", pos)
            start = data.rfind(b"<c", 0, pos)
            if end > 0 and start >= 0:
                _check_date_value(name, data[start : data.find(b">", start) + 1], data[pos + 3 : end], date_styles)
            pos = data.find(b"<v>-", pos + 4)
    return starts + len(refs), ends + data.count(b"c>")


def _check_date_value(name: str, tag: bytes, value: bytes, date_styles: frozenset[int]) -> None:
    """A date-formatted cell far below year 1900 (or -inf) makes calamine panic: refuse it first."""
    try:
        number = float(value)
    except ValueError:
        return
    if not number < _DATE_FLOOR:
        return
    style = _attribute(tag, b"s")
    if style is not None and style.strip().isdigit() and int(style) in date_styles:
        where = _attribute(tag, b"r")
        cell = f"sel {_show(where)} " if where else "sebuah sel "
        raise Unreadable(
            f"{cell}di bagian {name} berformat tanggal tetapi berisi angka {_show(value)}, di luar jangkauan tanggal"
        )


def _formula_blanks(data: bytes, area: _Area) -> None:
    """Cells of a canonical block that hold a formula (<f>) but no saved value (<v>)."""
    pos = data.find(b"<f")
    while pos >= 0:
        if data[pos + 2 : pos + 3] in (b">", b" ", b"/", b"\t", b"\n", b"\r"):
            start = data.rfind(b'<c r="', 0, pos)
            end = data.find(b"</c>", pos)
            tag = _CANON_CELL.match(data, start) if start >= 0 else None
            if tag is not None and end > 0 and data.rfind(b"</c>", start, pos) < 0:
                ref = _REF.fullmatch(tag.group(1))
                if (
                    ref
                    and ref.group(1)
                    and ref.group(2)
                    and _formula_without_value(tag.group(0), data[tag.end() : end])
                ):
                    area.formula_blanks.add((_row_number(ref.group(2)), _column_number(ref.group(1))))
                pos = end
        pos = data.find(b"<f", pos + 2)


def _formula_without_value(tag: bytes, body: bytes) -> bool:
    value = _VALUE.search(body)
    if value is not None and value.group(1).strip():
        return False
    # A formula that returned the empty string (t="str" with an empty <v>) has a value.
    return not (value is not None and _STR_TYPE.search(tag))


def _exact_scan(package: _Package, info: zipfile.ZipInfo) -> _Area:
    """Walk the c and row tags the way calamine does: a cell without `r` takes the row and column
    counters. A cell's body is read only when it holds a formula or could hold a negative date."""
    area = _Area()
    name = info.filename
    date_styles = package.date_styles
    row_index = 0  # 0-based, as in calamine
    last_ref: bytes | None = None  # the row's last cell with `r`; cells without follow it
    run = 0  # cells without `r` since then
    cell: tuple[bytes, int, bytes | None, int] | None = None  # start tag, end offset, ref, position index
    has_formula = False
    first, buf, pos = True, b"", 0
    chunks = package.chunks(info)
    while True:
        chunk = next(chunks, None)
        if chunk is not None and first:
            _check_encoding(name, chunk)
            first = False
        data = buf + (chunk or b"")
        if b"<!" in data:
            _check_declarations(name, data)
        check_dates = bool(date_styles) and b"<v>-" in data
        refs: list[bytes] = []  # references of cells with `r`, added in bulk
        spots: list[tuple[int, int]] = []  # positions of cells without
        end = pos
        for match in _TOKEN.finditer(data, pos):
            token = match.group(0)
            if token in (b"<!", b"<?"):
                break  # an unfinished comment, CDATA section or instruction: wait for more
            end = match.end()
            closing, local, attrs, empty = match.groups()
            if local == b"c":
                if closing:
                    if cell is not None and (has_formula or check_dates):
                        _inspect_cell(
                            name,
                            cell,
                            data[cell[1] : match.start()],
                            has_formula,
                            check_dates,
                            area,
                            date_styles,
                            row_index,
                            last_ref,
                        )
                    cell, has_formula = None, False
                elif not empty:  # calamine skips a self-closing cell: no value, no counter
                    if attrs.startswith(b' r="'):
                        ref: bytes | None = attrs[4 : attrs.find(b'"', 4)]
                    else:
                        ref = _attribute(attrs, b"r")
                    if ref is not None:
                        refs.append(ref)
                        last_ref, run = ref, 0
                        cell = (token, end, ref, 0)
                    else:
                        run += 1
                        spot = (row_index + 1, (_ref_column(name, last_ref) if last_ref else 0) + run)
                        spots.append(spot)
                        cell = (token, end, None, spot[0] * (EXCEL_MAX_COLUMNS * 64) + spot[1])
            elif local == b"row":
                if closing:
                    row_index, last_ref, run = row_index + 1, None, 0
                elif not empty:
                    ref = _attribute(attrs, b"r")
                    if ref is not None:
                        if not ref.isdigit():
                            raise Unreadable(f"bagian {name} berisi nomor baris yang tidak sah ({_show(ref)})")
                        row_index = _row_number(ref) - 1
            elif local == b"f" and cell is not None and not closing:
                has_formula = True
        if refs:
            try:
                area.add_refs(refs)
            except _NeedsExactScan:
                for ref in refs:
                    _ref_column(name, ref)  # raises Unreadable naming the first bad one
                raise
        for row, col in (min(spots), max(spots), min(spots, key=_second), max(spots, key=_second)) if spots else ():
            area.add(row, col)
        # Keep what is unfinished, and an open cell from its start tag on (its body may be needed).
        keep = min(end, cell[1]) if cell is not None else end
        if cell is not None:
            cell = (cell[0], cell[1] - keep, cell[2], cell[3])
        buf, pos = data[keep:], end - keep
        if chunk is None:
            break
        if len(buf) > _MAX_BUFFER:
            raise Unreadable(f"bagian {name} berisi satu elemen XML lebih dari 64 MB")
        if time.monotonic() > package.deadline:
            raise Unreadable(_timeout(package.limits))
    return area


def _second(spot: tuple[int, int]) -> int:
    return spot[1]


def _ref_column(name: str, ref: bytes) -> int:
    parsed = _REF.fullmatch(ref)
    if parsed is None or not parsed.group(1) or not parsed.group(2):
        raise Unreadable(f"bagian {name} berisi alamat sel yang tidak sah ({_show(ref)})")
    return _column_number(parsed.group(1))


def _inspect_cell(
    name: str,
    cell: tuple[bytes, int, bytes | None, int],
    body: bytes,
    has_formula: bool,
    check_dates: bool,
    area: _Area,
    date_styles: frozenset[int],
    row_index: int,
    last_ref: bytes | None,
) -> None:
    tag, _, ref, spot = cell
    if ref is not None:
        parsed = _REF.fullmatch(ref)
        if parsed is None or not parsed.group(1) or not parsed.group(2):
            return  # reported when the references are added
        position = (_row_number(parsed.group(2)), _column_number(parsed.group(1)))
    else:
        position = divmod(spot, EXCEL_MAX_COLUMNS * 64)
    if has_formula and _formula_without_value(tag, body):
        area.formula_blanks.add(position)
    if check_dates and b"<v>-" in body:
        value = _VALUE.search(body)
        if value:
            _check_date_value(name, tag, value.group(1).strip(), date_styles)


def _attribute(attrs: bytes, key: bytes) -> bytes | None:
    for match in _ATTR.finditer(attrs):
        if match.group(1) == key:
            return match.group(2) if match.group(2) is not None else match.group(3)
    return None


def _show(value: bytes) -> str:
    return value[:20].decode("utf-8", "replace")


def _check_area(sheet: str, area: _Area, limits: Limits) -> None:
    if not area.max_row:
        return
    if area.max_row > EXCEL_MAX_ROWS:
        raise Unreadable(f"lembar '{sheet}' berisi sel di baris {_n(area.max_row)}, di luar batas Excel")
    if area.max_col > EXCEL_MAX_COLUMNS:
        raise Unreadable(f"lembar '{sheet}' berisi sel di luar kolom terakhir Excel (XFD)")
    if area.height > limits.max_rows:
        raise Unreadable(
            f"lembar '{sheet}' berisi {_n(area.height)} baris (baris {_n(area.min_row)} sampai {_n(area.max_row)}), "
            f"melebihi batas {_n(limits.max_rows)} baris (max_rows)"
        )
    if area.width > limits.max_columns:
        raise Unreadable(
            f"lembar '{sheet}' terisi sampai kolom {column_letter(area.max_col)} ({_n(area.width)} kolom), "
            f"melebihi batas {_n(limits.max_columns)} kolom (max_columns); jika sel di kolom itu seharusnya "
            "kosong, hapus isinya lalu simpan ulang"
        )
    max_cells = getattr(limits, "max_cells", MAX_CELLS)
    if area.height * area.width > max_cells:
        raise Unreadable(
            f"lembar '{sheet}' terlalu besar: {_n(area.height)} baris × {_n(area.width)} kolom "
            f"= {_n(area.height * area.width)} sel, melebihi batas {_n(max_cells)} sel"
        )


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _timeout(limits: Limits) -> str:
    return f"pembacaan melebihi batas waktu {limits.seconds_per_file:g} detik per berkas"


class _LazySheet(RawSheet):
    """A RawSheet whose cells are scanned and loaded the first time any of them is asked for."""

    def __init__(
        self, name: str, visible: bool, book: object, package: _Package, info: zipfile.ZipInfo | None, part: str | None
    ) -> None:
        # RawSheet's fields are properties here; its dataclass __init__ is not called.
        self.name, self.visible = name, visible
        self._book, self._package, self._info, self._part = book, package, info, part
        self._loaded = self._whole = False
        self._pieced: pieces.PiecedSheet | None = None

    def _load(self) -> None:
        if self._loaded:
            return
        package, name = self._package, self.name
        if self._info is None:
            where = f" ({self._part})" if self._part else ""
            raise Unreadable(f"bagian lembar '{name}'{where} tidak ada dalam berkas")
        if not self._whole and pieces.wanted(self._info) and self._load_pieced():
            return
        area = _scan_sheet(package, self._info)
        _check_area(name, area, package.limits)
        sheet = _calamine_call(lambda: self._book.get_sheet_by_name(name), f"lembar '{name}' rusak")  # type: ignore[attr-defined]
        start_row, start_col = sheet.start or (0, 0)
        pads_rows, pads_cols = _iter_rows_padding()
        rows: Iterator[list[object]] = _rows(sheet, name, package)
        if pads_rows and start_row:
            rows = islice(rows, start_row, None)  # keep Excel's row numbers: skip calamine's padding
        self._first_row, self._first_col = start_row + 1, 1 if pads_cols else start_col + 1
        self._rows = rows
        merged = _calamine_call(lambda: sheet.merged_cell_ranges or [], f"lembar '{name}' rusak")
        self._merged = _clip_merges(merged, area)
        self._formula_blanks = area.formula_blanks
        self._loaded = True

    def _load_pieced(self) -> bool:
        sheet_parts = {p.lower() for p in self._package._sheets.values()}
        sheet = pieces.PiecedSheet(self._package, self._info, self.name, sheet_parts)  # type: ignore[arg-type]
        try:
            sheet.start()
        except pieces.Restart:
            return False
        self._pieced = sheet
        self._first_row, self._first_col = sheet.first_row, sheet.first_col
        self._rows = sheet.rows()
        self._merged = []  # Excel writes merged areas after the rows: known when finish() is called
        self._formula_blanks = sheet.area.formula_blanks  # filled as the pieces are scanned
        self._loaded = True
        return True

    def finish(self) -> bool:
        if self._pieced is None:
            return False
        self._rows = iter(())
        merged = self._pieced.finish()
        self._merged = _clip_merges(merged, self._pieced.area)
        self._pieced = None
        return True

    def read_whole(self) -> None:
        self.close()
        self._pieced, self._whole, self._loaded = None, True, False

    def close(self) -> None:
        if self._pieced is not None:
            self._pieced.close()

    @property  # type: ignore[override]
    def first_row(self) -> int:
        self._load()
        return self._first_row

    @property  # type: ignore[override]
    def first_col(self) -> int:
        self._load()
        return self._first_col

    @property  # type: ignore[override]
    def rows(self) -> Iterator[list[object]]:
        self._load()
        return self._rows

    @property  # type: ignore[override]
    def merged(self) -> list[tuple[int, int, int, int]]:
        self._load()
        return self._merged

    @property  # type: ignore[override]
    def formula_blanks(self) -> set[tuple[int, int]]:
        self._load()
        return self._formula_blanks

    def __repr__(self) -> str:
        return f"RawSheet(name={self.name!r}, visible={self.visible!r}, part={self._part!r})"


def _clip_merges(merged: list, area: _Area) -> list[tuple[int, int, int, int]]:
    """Merged areas in Excel's 1-based numbers, cut to the cells that hold values.

    A merge over A1:XFD1048576 would otherwise make its reader visit 17 billion cells.
    """
    out = []
    for (r1, c1), (r2, c2) in merged:
        r1, c1, r2, c2 = r1 + 1, c1 + 1, r2 + 1, c2 + 1
        if not area.max_row or r1 > area.max_row or c1 > area.max_col:
            continue
        out.append((r1, c1, min(r2, area.max_row), min(c2, area.max_col)))
    return out


def _rows(sheet: object, name: str, package: _Package) -> Iterator[list[object]]:
    deadline = package.deadline
    iterator = _calamine_call(lambda: iter(sheet.iter_rows()), f"isi lembar '{name}' rusak")  # type: ignore[attr-defined]
    count = 0
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # calamine's errors, raised while converting a row
            raise Unreadable(f"isi lembar '{name}' rusak ({_short(exc)})") from exc
        except BaseException as exc:
            if _is_panic(exc):
                raise Unreadable(f"isi lembar '{name}' rusak (nilai di luar jangkauan, mis. tanggal)") from exc
            raise
        count += 1
        if not count & 0xFFF and time.monotonic() > deadline:
            raise Unreadable(_timeout(package.limits))
        yield row


def _calamine_open(data: bytes) -> object:
    import python_calamine as pc

    def open_book() -> object:
        try:
            return pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except pc.PasswordError as exc:
            raise Unreadable(
                "berkas dilindungi kata sandi; buka di Excel, hapus kata sandinya, lalu simpan ulang"
            ) from exc

    return _calamine_call(open_book, "isi berkas rusak")


def _calamine_call(func, what: str):  # type: ignore[no-untyped-def]
    """Run one calamine call; its errors, and its Rust panics (not Exceptions), become Unreadable."""
    try:
        return func()
    except Unreadable:
        raise
    except Exception as exc:  # calamine raises its own zoo of errors for corrupt parts
        raise Unreadable(f"{what} ({_short(exc)})") from exc
    except BaseException as exc:
        if _is_panic(exc):
            raise Unreadable(f"{what} (pembaca berhenti: {_short(exc)})") from exc
        raise


def _is_panic(exc: BaseException) -> bool:
    """pyo3 turns a Rust panic into PanicException, a BaseException (not an Exception)."""
    return type(exc).__name__ == "PanicException"


@lru_cache(maxsize=1)
def _iter_rows_padding() -> tuple[bool, bool]:
    """Does this python-calamine's iter_rows start at row 1 / column A, or at the first cell?

    0.9 yields empty rows above the first filled row but starts each row at the first filled
    column. Measured once on a tiny workbook whose only cell is B3, so an upgrade cannot shift
    every row number silently.
    """
    import python_calamine as pc

    buf = io.BytesIO()
    ns = _MAIN_NS.decode()
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/s.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/worksheets/s.xml",
            f'<worksheet xmlns="{ns}"><sheetData><row r="3"><c r="B3"><v>1</v></c></row></sheetData></worksheet>',
        )
    rows = list(pc.CalamineWorkbook.from_filelike(io.BytesIO(buf.getvalue())).get_sheet_by_name("S").iter_rows())
    return len(rows) == 3, len(rows[-1]) == 2


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
