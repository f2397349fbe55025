"""A corpus of hostile and broken inputs, written on demand (nothing large is committed).

Every case is a function ``case_<name>(folder[, secret | target]) -> Path`` that writes one input
into ``folder`` and returns its path; ``CASES`` lists them and ``write_corpus`` writes them all
next to a good workbook (about 9 MB in under a second). Workbooks are written here as raw OOXML
parts, not with openpyxl, so every byte is under control, output is identical on every run (fixed
zip timestamps) and a hostile variant is the good workbook with one part replaced. Zips whose
headers must lie are written byte by byte (``write_raw_zip``). The big-sounding cases stay small:
the 2.5 GiB zip bomb repeats one byte-aligned 1 KB deflate block (2.6 MB on disk, its CRC computed
with ``crc32_combine`` instead of over 2.5 GiB), the 300,000 styled empty rows take 2.5 MB.

Run ``python -m tests.hostile DIR`` to write the whole corpus into DIR for a look by hand.
"""

from __future__ import annotations

import itertools
import os
import re
import struct
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from tests.conftest import BUSINESS_HEADERS, business_row
from ukmreport.read import column_letter

ZIP_TIME = (2024, 1, 1, 0, 0, 0)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SECRET_MARKER = "RAHASIA-7f3a9c-JANGAN-BOCOR"

# Second clean row: another woman from Betoambari, so the good file has two valid rows.
GOOD_ROWS = [
    business_row(1),
    business_row(
        2,
        NIK="7472015206900002",
        Nama="Wa Ode Sitti",
        Tanggal_Lahir="12-06-1990",
        No_Rekening="012301000765432",
        Atas_Nama="Wa Ode Sitti",
        Nama_Usaha="Warung Sitti",
    ),
]
BUSINESS_SHEET = "Data UMKM"


# -- a tiny, deterministic xlsx writer --------------------------------------------------------------


@dataclass
class Formula:
    """A formula cell; ``value`` None writes no <v> (never calculated), '' writes an empty <v/>."""

    text: str
    value: object = None


@dataclass
class Sheet:
    name: str
    rows: Sequence[Sequence[object]] = ()
    first_row: int = 1
    state: str = "visible"  # visible, hidden, veryHidden
    merges: Sequence[str] = ()
    dimension: str | None = None  # None: computed from the rows
    sheet_data: bytes | None = None  # raw <sheetData> content instead of rows


@dataclass
class Book:
    sheets: list[Sheet]
    shared_strings: bool = True
    strings: list[str] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def string(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.strings)
            self.strings.append(text)
        return self._index[text]


def _xml_text(text: str) -> str:
    """Escape for XML, and control characters the way Excel does (_x001B_)."""
    out = []
    for ch in escape(text):
        if ord(ch) < 0x20 and ch not in "\t\n\r":
            out.append(f"_x{ord(ch):04X}_")
        else:
            out.append(ch)
    return "".join(out)


def _cell(book: Book, ref: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Formula):
        if value.value is None:
            return f'<c r="{ref}"><f>{escape(value.text)}</f></c>'
        return f'<c r="{ref}"><f>{escape(value.text)}</f><v>{escape(str(value.value))}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = str(value)
    if book.shared_strings:
        return f'<c r="{ref}" t="s"><v>{book.string(text)}</v></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{_xml_text(text)}</t></is></c>'


def sheet_xml(book: Book, sheet: Sheet) -> bytes:
    if sheet.sheet_data is not None:
        data = sheet.sheet_data
        dim = sheet.dimension or "A1"
    else:
        rows = []
        width = 1
        for offset, values in enumerate(sheet.rows):
            r = sheet.first_row + offset
            cells = "".join(_cell(book, f"{column_letter(c + 1)}{r}", v) for c, v in enumerate(values))
            width = max(width, len(values))
            if cells:
                rows.append(f'<row r="{r}">{cells}</row>')
        data = "".join(rows).encode()
        last = sheet.first_row + max(len(sheet.rows) - 1, 0)
        dim = sheet.dimension or f"A{sheet.first_row}:{column_letter(width)}{last}"
    merges = ""
    if sheet.merges:
        merges = (
            f'<mergeCells count="{len(sheet.merges)}">'
            + "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges)
            + "</mergeCells>"
        )
    return (
        (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><dimension ref="{dim}"/><sheetData>'
        ).encode()
        + data
        + f"</sheetData>{merges}</worksheet>".encode()
    )


def book_parts(book: Book) -> dict[str, bytes]:
    """All parts of a minimal but complete workbook, in the order Excel writes them."""
    sheet_parts = {f"xl/worksheets/sheet{i}.xml": sheet_xml(book, s) for i, s in enumerate(book.sheets, 1)}
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.worksheet+xml"/>'
        for name in sheet_parts
    )
    if book.shared_strings:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.styles+xml"/>{overrides}</Types>'
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheets = "".join(
        f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}"'
        + (f' state="{s.state}"' if s.state != "visible" else "")
        + f' r:id="rId{i}"/>'
        for i, s in enumerate(book.sheets, 1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{sheets}</sheets></workbook>'
    )
    n = len(book.sheets)
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    rels += f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
    if book.shared_strings:
        rels += f'<Relationship Id="rId{n + 2}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf/><xf fillId="1" applyFill="1"/></cellXfs></styleSheet>'
    )
    parts = {
        "[Content_Types].xml": content_types.encode(),
        "_rels/.rels": root_rels.encode(),
        "xl/workbook.xml": workbook.encode(),
        "xl/_rels/workbook.xml.rels": workbook_rels.encode(),
        "xl/styles.xml": styles.encode(),
        **sheet_parts,
    }
    if book.shared_strings:
        items = "".join(
            f"<si><t{' xml:space=' + chr(34) + 'preserve' + chr(34) if s != s.strip() else ''}>{_xml_text(s)}</t></si>"
            for s in book.strings
        )
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN_NS}" count="{len(book.strings)}" uniqueCount="{len(book.strings)}">{items}</sst>'
        ).encode()
    return parts


Part = bytes | Callable[[], Iterable[bytes]]


# While write_corpus runs: each workbook's number, so its NIKs are its own (see _own_niks).
_CORPUS_FILES: list[Iterator[int]] = []
_NIK_TEXT = re.compile(rb"(?<=>)(7472\d{10})(\d{2})(?=<)")


def _own_niks(data: bytes, number: int) -> bytes:
    """The NIKs of one corpus file made its own: serial NN01 instead of 0001 (NN = the file's number).

    Sheets of one kind form one table across the files of a folder, and a file repeating an
    earlier one's people is a copy (copy-of-file): the corpus's files are each about their own
    hostility, so none may repeat another's rows.
    """
    return _NIK_TEXT.sub(lambda m: m.group(1)[:-2] + b"%02d" % number + m.group(2), data)


def write_zip(path: Path, parts: dict[str, Part]) -> Path:
    """Write parts as a deflated zip with fixed timestamps; a callable part is streamed in chunks."""
    import zipfile

    if _CORPUS_FILES:
        number = next(_CORPUS_FILES[0])
        parts = {
            name: _own_niks(data, number)
            if isinstance(data, bytes)
            else (lambda data=data: (_own_niks(chunk, number) for chunk in data()))
            for name, data in parts.items()
        }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            if isinstance(data, bytes):
                zf.writestr(info, data)
            else:
                with zf.open(info, "w", force_zip64=True) as fh:
                    for chunk in data():
                        fh.write(chunk)
    return path


def write_book(
    path: Path, sheets: list[Sheet], shared_strings: bool = True, replace: dict[str, Part | None] | None = None
) -> Path:
    """Write a workbook; ``replace`` swaps parts (None drops one) to make a hostile variant."""
    parts: dict[str, Part] = dict(book_parts(Book(list(sheets), shared_strings=shared_strings)))
    for name, data in (replace or {}).items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    return write_zip(path, parts)


def businesses(*rows: Sequence[object], name: str = BUSINESS_SHEET, **kw: object) -> Sheet:
    return Sheet(name, [BUSINESS_HEADERS, *rows], **kw)  # type: ignore[arg-type]


def good_parts(shared_strings: bool = True) -> dict[str, bytes]:
    return book_parts(Book([businesses(*GOOD_ROWS)], shared_strings=shared_strings))


def _sheet_with(data: bytes, parts: dict[str, bytes] | None = None, prolog: bytes = b"") -> bytes:
    """The good sheet part with its <sheetData> content replaced (and an optional prolog)."""
    sheet = (parts or good_parts())["xl/worksheets/sheet1.xml"]
    head, rest = sheet.split(b"<sheetData>", 1)
    tail = rest.split(b"</sheetData>", 1)[1]
    if prolog:
        head = head.split(b"\n", 1)[1]
    return prolog + head + b"<sheetData>" + data + b"</sheetData>" + tail


# -- raw zips: sizes and CRCs set by hand -----------------------------------------------------------


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's crc32_combine: the CRC of A+B from CRC(A), CRC(B) and len(B), without reading them."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_repeat(block: bytes, times: int) -> int:
    """CRC of block * times, by doubling (no GBs in memory or on the CPU)."""
    result, result_len = 0, 0
    power, power_len = zlib.crc32(block), len(block)
    while times:
        if times & 1:
            result = crc32_combine(result, power, power_len) if result_len else power
            result_len += power_len
        times >>= 1
        if times:
            power = crc32_combine(power, power, power_len)
            power_len *= 2
    return result


@dataclass
class RawMember:
    """A zip member written byte for byte: `data` is the deflate stream, sizes and CRC as declared."""

    name: str
    data: bytes
    crc: int
    compress_size: int
    file_size: int
    method: int = 8
    offset_of: str | None = None  # share another member's local header and data (overlapping zip)


def deflated(name: str, content: bytes) -> RawMember:
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = co.compress(content) + co.flush()
    return RawMember(name, data, zlib.crc32(content), len(data), len(content))


def write_raw_zip(path: Path, members: list[RawMember]) -> Path:
    """A zip64-free zip: local headers, data, central directory, end record; nothing checked."""
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    out = bytearray()
    offsets: dict[str, int] = {}
    central = bytearray()
    for m in members:
        name = m.name.encode()
        if m.offset_of is None:
            offsets[m.name] = len(out)
            out += (
                struct.pack(
                    "<IHHHHHIIIHH",
                    0x04034B50,
                    20,
                    0,
                    m.method,
                    dos_time,
                    dos_date,
                    m.crc,
                    m.compress_size,
                    m.file_size,
                    len(name),
                    0,
                )
                + name
                + m.data
            )
        offset = offsets[m.offset_of or m.name]
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                m.method,
                dos_time,
                dos_date,
                m.crc,
                m.compress_size,
                m.file_size,
                len(name),
                0,
                0,
                0,
                0,
                0o600 << 16,
                offset,
            )
            + name
        )
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    path.write_bytes(bytes(out))
    return path


def _members(parts: dict[str, bytes], **override: RawMember) -> list[RawMember]:
    return [override.get(name) or deflated(name, data) for name, data in parts.items()]


def _whitespace_bomb(name: str, head: bytes, tail: bytes, megabytes: int) -> RawMember:
    """A valid deflate stream: head, `megabytes` MB of spaces (one byte-aligned block repeated), tail.

    Z_FULL_FLUSH ends each block on a byte boundary with no reference to earlier data, so the
    same 1 KB of compressed bytes can be repeated to inflate to any size.
    """
    unit = b" " * (1 << 20)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = co.compress(head) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH)
    last = co.compress(tail) + co.flush()
    data = first + block * megabytes + last
    crc = crc32_combine(
        crc32_combine(zlib.crc32(head), crc32_repeat(unit, megabytes), len(unit) * megabytes),
        zlib.crc32(tail),
        len(tail),
    )
    return RawMember(name, data, crc, len(data), len(head) + len(unit) * megabytes + len(tail))


# -- the cases ---------------------------------------------------------------------------------------
# Each writes one input into `folder` and returns its path. `secret` is a file outside the input
# folder that XXE payloads point at.

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"


def _write(folder: Path, name: str, parts: dict[str, Part]) -> Path:
    return write_zip(folder / name, parts)


def case_good(folder: Path, name: str = "good.xlsx") -> Path:
    return write_book(folder / name, [businesses(*GOOD_ROWS)])


def case_not_a_zip(folder: Path) -> Path:
    path = folder / "bukan-zip.xlsx"
    path.write_bytes(b"Ini bukan buku kerja, hanya teks biasa.\n")
    return path


def case_empty_file(folder: Path) -> Path:
    path = folder / "kosong-0-byte.xlsx"
    path.write_bytes(b"")
    return path


def _ole(*streams: str) -> bytes:
    """An OLE2 compound file's first bytes: the magic, a header, directory entries by name."""
    header = OLE_MAGIC + bytes(16) + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9) + bytes(512 - 32)
    entries = b"".join(s.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for s in ("Root Entry", *streams))
    return header + entries.ljust(4096, b"\0")


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def case_old_xls(folder: Path) -> Path:
    path = folder / "lama.xls"
    path.write_bytes(_ole("Workbook", "\x05SummaryInformation"))
    return path


def case_xls_renamed(folder: Path) -> Path:
    path = folder / "lama-diganti-nama.xlsx"
    path.write_bytes(_ole("Workbook"))
    return path


def case_encrypted(folder: Path) -> Path:
    path = folder / "terkunci.xlsx"
    path.write_bytes(_ole("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    return path


def case_html_renamed(folder: Path) -> Path:
    path = folder / "ekspor-web.xlsx"
    path.write_bytes(b"<html><body><table><tr><td>NIK</td><td>Nama</td></tr></table></body></html>\n")
    return path


def case_truncated(folder: Path) -> Path:
    whole = case_good(folder, "_whole.xlsx")
    data = whole.read_bytes()
    whole.unlink()
    path = folder / "terpotong.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def case_missing_workbook_part(folder: Path) -> Path:
    parts = dict(good_parts())
    del parts["xl/workbook.xml"]
    return _write(folder, "tanpa-workbook-xml.xlsx", parts)


def case_missing_sheet_part(folder: Path) -> Path:
    parts = dict(good_parts())
    del parts[SHEET]
    return _write(folder, "tanpa-lembar.xlsx", parts)


def case_corrupt_sheet_xml(folder: Path) -> Path:
    """The sheet part cut off in the middle of a tag (a damaged copy)."""
    parts = good_parts()
    sheet = parts[SHEET]
    return _write(folder, "xml-rusak.xlsx", {**parts, SHEET: sheet[: sheet.index(b'<c r="C3"') + 5]})


def case_unescaped_ampersand(folder: Path) -> Path:
    """A bare '&' in a shared string (written by hand or by a careless program)."""
    parts = good_parts()
    return _write(
        folder, "ampersand-mentah.xlsx", {**parts, STRINGS: parts[STRINGS].replace(b"Kue Hasnah", b"Kue & Roti")}
    )


def _laughs(root: bytes) -> bytes:
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE ' + root + b" [" + entities + b"]>\n"


def case_billion_laughs_shared_strings(folder: Path) -> Path:
    parts = good_parts()
    body = parts[STRINGS].split(b"\n", 1)[1].replace(b"<t>Wa Ode Hasnah</t>", b"<t>&lol9;</t>")
    return _write(folder, "bom-entitas-teks.xlsx", {**parts, STRINGS: _laughs(b"sst") + body})


def case_billion_laughs_sheet(folder: Path) -> Path:
    parts = good_parts()
    data = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return _write(folder, "bom-entitas-lembar.xlsx", {**parts, SHEET: _sheet_with(data, parts, _laughs(b"worksheet"))})


def _xxe(root: bytes, secret: Path) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE '
        + root
        + b' [<!ENTITY rahasia SYSTEM "'
        + secret.resolve().as_uri().encode()
        + b'">]>\n'
    )


def case_xxe_shared_strings(folder: Path, secret: Path) -> Path:
    parts = good_parts()
    body = parts[STRINGS].split(b"\n", 1)[1].replace(b"<t>Wa Ode Hasnah</t>", b"<t>&rahasia;</t>")
    return _write(folder, "xxe-teks.xlsx", {**parts, STRINGS: _xxe(b"sst", secret) + body})


def case_xxe_sheet(folder: Path, secret: Path) -> Path:
    parts = good_parts()
    rows = [BUSINESS_HEADERS, business_row(1, Nama="&rahasia;")]
    sheet = sheet_xml(Book([], shared_strings=False), Sheet(BUSINESS_SHEET, rows)).replace(
        b"&amp;rahasia;", b"&rahasia;"
    )
    sheet = _xxe(b"worksheet", secret) + sheet.split(b"\n", 1)[1]
    return _write(folder, "xxe-lembar.xlsx", {**parts, SHEET: sheet})


def case_xxe_external_dtd(folder: Path, secret: Path) -> Path:
    parts = good_parts()
    prolog = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet SYSTEM "'
        + secret.resolve().as_uri().encode()
        + b'">\n'
    )
    return _write(folder, "xxe-dtd-luar.xlsx", {**parts, SHEET: _sheet_with(b"", parts, prolog)})


def case_dtd_after_long_comment(folder: Path) -> Path:
    """A DTD behind 8 KB of comment: an old check looked at the first 4 KB only."""
    parts = good_parts()
    prolog = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!--'
        + b"x" * 8192
        + b"-->\n"
        + _laughs(b"worksheet").split(b"\n", 1)[1]
    )
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return _write(folder, "dtd-di-balik-komentar.xlsx", {**parts, SHEET: _sheet_with(rows, parts, prolog)})


def case_utf16_sheet(folder: Path) -> Path:
    """Calamine reads a UTF-16 sheet as empty, silently: refused instead."""
    parts = good_parts(shared_strings=False)
    text = parts[SHEET].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return _write(folder, "lembar-utf16.xlsx", {**parts, SHEET: text.encode("utf-16")})


def _sheet_bomb(parts: dict, megabytes: int) -> RawMember:
    """The good sheet with megabytes of blank space before </sheetData>, deflated."""
    head, tail = parts[SHEET].split(b"</sheetData>")
    return _whitespace_bomb(SHEET, head, b"</sheetData>" + tail, megabytes)


def case_zip_bomb(folder: Path) -> Path:
    """2.5 GiB of valid sheet XML in about 2.6 MB: refused by its declared size, nothing inflated."""
    parts = good_parts()
    bomb = _sheet_bomb(parts, 2560)
    return write_raw_zip(folder / "bom-zip.xlsx", _members(parts, **{SHEET: bomb}))


def case_zip_bomb_overlap(folder: Path) -> Path:
    """40 parts that all point at one 64 MB (62 KB compressed) stream: 2.5 GiB declared."""
    parts = good_parts()
    kernel = _whitespace_bomb("xl/media/k0.xml", b"<x>", b"</x>", 64)
    copies = [
        RawMember(
            f"xl/media/k{i}.xml", b"", kernel.crc, kernel.compress_size, kernel.file_size, offset_of="xl/media/k0.xml"
        )
        for i in range(1, 40)
    ]
    return write_raw_zip(folder / "bom-zip-tumpang.xlsx", [*_members(parts), kernel, *copies])


def case_zip_bomb_ratio(folder: Path) -> Path:
    """64 MB of sheet XML in 62 KB (about 1000:1): under the size limit, over the ratio limit."""
    parts = good_parts()
    bomb = _sheet_bomb(parts, 64)
    return write_raw_zip(folder / "bom-zip-rasio.xlsx", _members(parts, **{SHEET: bomb}))


def case_zip_lying_size(folder: Path) -> Path:
    """Headers claim 2 KB (with the CRC of those 2 KB); the stream inflates to 2.5 GiB."""
    parts = good_parts()
    bomb = _sheet_bomb(parts, 2560)
    head = parts[SHEET].split(b"</sheetData>")[0]
    claimed = head + b" " * (2048 - len(head))
    bomb.file_size, bomb.crc = len(claimed), zlib.crc32(claimed)
    return write_raw_zip(folder / "bom-zip-bohong.xlsx", _members(parts, **{SHEET: bomb}))


def case_far_cell(folder: Path) -> Path:
    """One stray value in XFD1048576: calamine would allocate 550 GB and abort the process."""
    parts = good_parts()
    sheet = parts[SHEET].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    return _write(folder, "sel-terjauh.xlsx", {**parts, SHEET: sheet})


def case_far_cell_no_refs(folder: Path) -> Path:
    """The same area from cells without `r` (counted by position) and a far row: exact scanner."""
    parts = good_parts()
    wide = b'<row r="5">' + b"<c><v>1</v></c>" * 300 + b"</row>"
    far = b'<row r="900000"><c><v>1</v></c></row>'
    sheet = parts[SHEET].replace(b"</sheetData>", wide + far + b"</sheetData>")
    return _write(folder, "sel-tanpa-alamat.xlsx", {**parts, SHEET: sheet})


def case_row_beyond_excel(folder: Path) -> Path:
    """Row 99,999,999,999 wraps around to row 1,215,752,191 inside calamine."""
    parts = good_parts()
    sheet = parts[SHEET].replace(b"</sheetData>", b'<row r="5"><c r="D99999999999"><v>1</v></c></row></sheetData>')
    return _write(folder, "baris-di-luar-excel.xlsx", {**parts, SHEET: sheet})


def case_huge_unique_count(folder: Path) -> Path:
    """sharedStrings claiming 4 billion strings: calamine reserves 96 GB up front and aborts."""
    parts = good_parts()
    strings = parts[STRINGS].replace(b'uniqueCount="', b'uniqueCount="4000000000" x="', 1)
    return _write(folder, "jumlah-teks-palsu.xlsx", {**parts, STRINGS: strings})


def case_huge_unique_count_after_comment(folder: Path) -> Path:
    """The same, behind 8 KB of comment: the count must be read from the root tag, wherever it is."""
    parts = good_parts()
    strings = parts[STRINGS].replace(b'uniqueCount="', b'uniqueCount="4000000000" x="', 1)
    strings = strings.replace(b"\n<sst", b"\n<!--" + b"x" * 8192 + b"-->\n<sst", 1)
    return _write(folder, "jumlah-teks-palsu-2.xlsx", {**parts, STRINGS: strings})


def case_date_out_of_range(folder: Path) -> Path:
    """A date-formatted cell holding -1e12: calamine panics (PanicException, not an Exception)."""
    parts = good_parts()
    styles = parts["xl/styles.xml"].replace(
        b'<cellXfs count="2"><xf/><xf fillId="1" applyFill="1"/></cellXfs>',
        b'<cellXfs count="2"><xf/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>',
    )
    sheet = parts[SHEET].replace(b'<c r="E2" t="s">', b'<c r="E2" s="1"><v>-1e12</v></c><c r="Y2" t="s">')
    return _write(folder, "tanggal-mustahil.xlsx", {**parts, "xl/styles.xml": styles, SHEET: sheet})


def case_duplicate_part(folder: Path) -> Path:
    """Two parts named xl/worksheets/sheet1.xml: calamine reads the first, zipfile the last."""
    parts = good_parts()
    sneaky = parts[SHEET].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    members = [*_members(parts), deflated(SHEET, sneaky)]
    return write_raw_zip(folder / "bagian-ganda.xlsx", members)


def case_duplicate_sheet_names(folder: Path) -> Path:
    parts = book_parts(Book([businesses(*GOOD_ROWS), businesses(*GOOD_ROWS, name="data umkm")]))
    workbook = parts["xl/workbook.xml"].replace(b'name="data umkm"', b'name="Data UMKM"')
    return _write(folder, "lembar-kembar.xlsx", {**parts, "xl/workbook.xml": workbook})


def case_unsupported_compression(folder: Path) -> Path:
    parts = good_parts()
    sheet = deflated(SHEET, parts[SHEET])
    sheet.method = 12  # bzip2: a zip can hold it, Excel never writes it
    return write_raw_zip(folder / "kompresi-aneh.xlsx", _members(parts, **{SHEET: sheet}))


def case_too_many_parts(folder: Path) -> Path:
    parts: dict[str, bytes] = dict(good_parts())
    members = _members(parts) + [RawMember(f"x/{i}", b"", 0, 0, 0, method=0) for i in range(10_001)]
    return write_raw_zip(folder / "terlalu-banyak-bagian.xlsx", members)


def case_symlink(folder: Path, target: Path) -> Path:
    path = folder / "tautan.xlsx"
    path.symlink_to(target)
    return path


def case_directory(folder: Path) -> Path:
    path = folder / "folder.xlsx"
    path.mkdir()
    (path / "isi.txt").write_text("bukan buku kerja\n", encoding="utf-8")
    return path


def case_fifo(folder: Path) -> Path:
    """A named pipe: opening it for reading would wait forever for a writer."""
    path = folder / "pipa.xlsx"
    os.mkfifo(path)
    return path


# -- readable but odd ---------------------------------------------------------------------------------


def case_dimension_lie(folder: Path) -> Path:
    parts = good_parts()
    sheet = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:Z1048576"/>', parts[SHEET])
    return _write(folder, "dimensi-bohong.xlsx", {**parts, SHEET: sheet})


def case_styled_empty_rows(folder: Path, count: int = 300_000) -> Path:
    """Three real rows, then `count` rows with styles and styled empty cells but no values."""
    parts = good_parts()
    head, tail = parts[SHEET].split(b"</sheetData>")
    head = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:R%d"/>' % (count + 3), head)

    def stream() -> Iterator[bytes]:
        yield head
        for start in range(4, count + 4, 10_000):
            yield b"".join(
                b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="R%d" s="1"/></row>' % (r, r, r)
                for r in range(start, min(start + 10_000, count + 4))
            )
        yield b"</sheetData>" + tail

    return _write(folder, "baris-kosong-berformat.xlsx", {**parts, SHEET: stream})


def case_formulas_without_values(folder: Path) -> Path:
    rows = [
        business_row(1, Aset=Formula("5000000*1")),
        business_row(
            2,
            NIK="7472015206900002",
            Tanggal_Lahir="12-06-1990",
            Omzet_per_Tahun=Formula("SUM(L3)", ""),
            Nama="Wa Ode Sitti",
        ),
    ]
    return write_book(folder / "rumus-tanpa-nilai.xlsx", [businesses(*rows)])


def case_merged_kecamatan(folder: Path) -> Path:
    rows = [
        business_row(1),
        business_row(2, NIK="7472015206900002", Tanggal_Lahir="12-06-1990", Kecamatan=None, Nama="Wa Ode Sitti"),
        business_row(3, NIK="7472014107880003", Tanggal_Lahir="01-07-1988", Kecamatan=None, Nama="Wa Ode Ria"),
    ]
    return write_book(folder / "kecamatan-digabung.xlsx", [businesses(*rows, merges=["H2:H4"])])


def case_hidden_sheet(folder: Path) -> Path:
    sheets = [Sheet("Petunjuk", [["Isi lembar Data UMKM."]]), businesses(*GOOD_ROWS, state="hidden")]
    return write_book(folder / "lembar-tersembunyi.xlsx", sheets)


def case_very_hidden_sheet(folder: Path) -> Path:
    sheets = [Sheet("Petunjuk", [["Isi lembar Data UMKM."]]), businesses(*GOOD_ROWS, state="veryHidden")]
    return write_book(folder / "lembar-sangat-tersembunyi.xlsx", sheets)


def case_headers_only(folder: Path) -> Path:
    return write_book(folder / "judul-saja.xlsx", [businesses()])


def case_empty_workbook(folder: Path) -> Path:
    return write_book(folder / "buku-kosong.xlsx", [Sheet("Sheet1", [])])


def case_no_sheets(folder: Path) -> Path:
    return write_book(folder / "tanpa-lembar-sama-sekali.xlsx", [])


def case_duplicate_headers(folder: Path) -> Path:
    headers = [*BUSINESS_HEADERS, "Nama"]
    rows = [[*business_row(1), "Nama Lain"], [*GOOD_ROWS[1], "Nama Lain"]]
    return write_book(folder / "judul-ganda.xlsx", [Sheet(BUSINESS_SHEET, [headers, *rows])])


def case_header_row_25(folder: Path) -> Path:
    return write_book(folder / "judul-baris-25.xlsx", [businesses(*GOOD_ROWS, first_row=25)])


def case_header_after_blank_rows(folder: Path) -> Path:
    """Header on row 4 under three empty rows: row numbers must stay Excel's (row 6 is the bad one)."""
    rows = [GOOD_ROWS[0], business_row(2, NIK="7472015206900002", Tanggal_Lahir="12-06-1990", Jenis_Kelamin="X")]
    return write_book(folder / "judul-baris-4.xlsx", [businesses(*rows, first_row=4)])


LONG_TEXT = ("Kecamatan Panjang Sekali " * 1300)[:32_000]


def case_long_cell(folder: Path) -> Path:
    return write_book(folder / "sel-32000-karakter.xlsx", [businesses(business_row(1, Kecamatan=LONG_TEXT))])


CONTROL_TEXT = "Betoambari\x1b[2J\x1b[31mMERAH\x07\u202eilsaB\u200f"


def case_control_characters(folder: Path) -> Path:
    row = business_row(1, Kecamatan=CONTROL_TEXT, Nama="Wa Ode\x1b]0;judul\x07 Hasnah\u202e")
    return write_book(folder / "karakter-kendali.xlsx", [businesses(row)])


def case_numbers_out_of_range(folder: Path) -> Path:
    parts = good_parts()
    sheet = parts[SHEET]
    sheet = re.sub(rb'<c r="L2" t="s"><v>\d+</v></c>', b'<c r="L2"><v>1e400</v></c>', sheet)
    sheet = re.sub(rb'<c r="M2" t="s"><v>\d+</v></c>', b'<c r="M2"><v>nan</v></c>', sheet)
    sheet = re.sub(rb'<c r="L3" t="s"><v>\d+</v></c>', b'<c r="L3"><v>-inf</v></c>', sheet)
    return _write(folder, "angka-tak-hingga.xlsx", {**parts, SHEET: sheet})


def case_huge_merge(folder: Path) -> Path:
    """Merges down to the last row and out to XFD: a reader must not walk 17 billion cells."""
    merges = ["H2:H1048576", "S1:XFD1048576"]
    return write_book(folder / "gabung-raksasa.xlsx", [businesses(*GOOD_ROWS, merges=merges)])


def case_far_cell_in_unknown_sheet(folder: Path) -> Path:
    """XFD1048576 in a sheet nobody reads (not a known sheet name): never loaded, so no harm."""
    parts = book_parts(Book([businesses(*GOOD_ROWS), Sheet("Rekap", [["Jumlah", 2]])]))
    rekap = "xl/worksheets/sheet2.xml"
    far = parts[rekap].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    return _write(folder, "sel-terjauh-di-lembar-lain.xlsx", {**parts, rekap: far})


def case_cells_without_refs(folder: Path) -> Path:
    """Legal but rare: rows and cells without `r` (positions by counting); read by the exact scanner."""
    parts = good_parts()
    sheet = re.sub(rb' r="[A-Z]+\d+"', b"", parts[SHEET])
    sheet = re.sub(rb'<row r="\d+">', b"<row>", sheet)
    return _write(folder, "tanpa-alamat-sel.xlsx", {**parts, SHEET: sheet})


def case_odd_but_valid_xml(folder: Path) -> Path:
    """A comment, `r` after `s`, single quotes and a namespace prefix: all legal XML."""
    parts = good_parts()
    sheet = parts[SHEET].replace(b"<sheetData>", b"<!-- dibuat oleh program lain --><sheetData>")
    sheet = sheet.replace(b'<c r="A2">', b"<c s='0' r='A2'>")
    sheet = sheet.replace(b'<c r="B2" t="s"><v>', b'<x:c xmlns:x="' + MAIN_NS.encode() + b'" r="B2" t="s"><x:v>')
    sheet = re.sub(rb"(<x:c [^>]*><x:v>\d+)</v></c>", rb"\1</x:v></x:c>", sheet)
    return _write(folder, "xml-tidak-biasa.xlsx", {**parts, SHEET: sheet})


def case_read_only(folder: Path) -> Path:
    path = case_good(folder, "hanya-baca.xlsx")
    path.chmod(0o444)
    return path


def case_unicode_name(folder: Path) -> Path:
    return case_good(folder, "data umkm ü 2024.xlsx")


def case_leading_dash(folder: Path) -> Path:
    return case_good(folder, "-data.xlsx")


def case_lock_file(folder: Path) -> Path:
    """Excel's owner file (~$name.xlsx) while a workbook is open: skipped, not reported."""
    path = folder / "~$good.xlsx"
    path.write_bytes(b"\x0bSomeone    " + bytes(150))
    return path


# -- the corpus ---------------------------------------------------------------------------------------


def write_corpus(folder: Path, secret: Path) -> dict[str, Path]:
    """Write every case into `folder` (the secret file goes elsewhere); return case name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    _CORPUS_FILES.append(itertools.count(1))
    try:
        paths: dict[str, Path] = {"good": case_good(folder)}
        for name, func in CASES.items():
            params = func.__code__.co_varnames[: func.__code__.co_argcount]
            kwargs: dict[str, object] = {}
            if "secret" in params:
                kwargs["secret"] = secret
            if "target" in params:
                kwargs["target"] = paths["good"]
            paths[name] = func(folder, **kwargs)
    finally:
        _CORPUS_FILES.clear()
    return paths


CASES: dict[str, Callable[..., Path]] = {
    name.removeprefix("case_"): func
    for name, func in list(globals().items())
    if name.startswith("case_") and name != "case_good" and callable(func)
}


if __name__ == "__main__":
    import time

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    started = time.perf_counter()
    secret_file = target.parent / f"{target.name}-rahasia.txt"
    secret_file.write_text(SECRET_MARKER + "\n", encoding="utf-8")
    written = write_corpus(target, secret_file)
    print(f"{len(written)} berkas ditulis ke {target}/ dalam {time.perf_counter() - started:.1f} detik")
