"""The zip package and the XML pre-flight of its parts, before calamine sees a byte of them.

What goes in is the file's bytes; what comes out is a Package: its part index, every part's
bytes decompressed here with their sizes and CRC checked, the sheet names mapped to their parts,
and the styles that show dates; or Unreadable. Checked here:

* the zip: at most ``MAX_PARTS`` parts, no duplicate part names (calamine and Python's zipfile
  would read different copies), no overlapping parts, declared sizes within
  ``max_uncompressed_mb`` and ``max_compression_ratio``; a zip whose headers lie about sizes
  cannot become a bomb, since every part is decompressed here;
* the XML of every part but the worksheets (scanned with their cells in area.py): UTF-8 only,
  and no DTD or entity declarations (billion laughs, XXE). Calamine's parser does not expand
  entities either (it fails on them), so this is defence in depth and a plain reason instead of
  a parser error;
* sharedStrings' ``uniqueCount``: calamine reserves memory for that many strings up front.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator

from ukmreport.read.files import CHUNK, Unreadable, mb, short_error, thousands, timed_out
from ukmreport.settings import Limits

MAX_PARTS = 10_000  # a workbook from Excel has tens of parts; hundreds with many images
_BIG_PART = 10 * 1024 * 1024  # the compression ratio applies to parts larger than this
MAX_BUFFER = 64 << 20  # a single element larger than this is read by the exact scanner
_ATTR = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)", re.IGNORECASE)
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Workbook relationships whose targets are binary (macros, printer settings, embedded objects).
_BINARY_RELATIONSHIPS = ("/vbaProject", "/printerSettings", "/oleObject", "/package", "/image", "/customData")
# Excel's built-in number formats that show a date, time or duration.
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)])


class Package:
    """The checked zip: part index, the sheet list, and the parts calamine reads at opening."""

    def __init__(self, data: bytes, limits: Limits, deadline: float, ooxml: bool = True) -> None:
        """Check the zip; with `ooxml`, also that it is an Excel workbook (an .ods passes False)."""
        self.data, self.limits, self.deadline = data, limits, deadline
        self.view = memoryview(data)
        self.infos = self._central_directory()
        self.parts: dict[str, zipfile.ZipInfo] = {}
        for info in self.infos:
            key = info.filename.lower()
            if key in self.parts:
                raise Unreadable("zip-twin-parts", part=info.filename)
            self.parts[key] = info
        self._check_sizes()
        if ooxml:
            self.check_ooxml()

    def check_ooxml(self) -> None:
        """Unreadable unless the zip holds an Excel workbook's main parts."""
        if "xl/workbook.xml" not in self.parts:
            if "xl/workbook.bin" in self.parts:
                raise Unreadable("xlsb")
            if "content.xml" in self.parts and "mimetype" in self.parts:
                raise Unreadable("ods-not-spreadsheet")
            raise Unreadable("part-missing", part="xl/workbook.xml")
        if "_rels/.rels" not in self.parts:
            raise Unreadable("part-missing", part="_rels/.rels")

    def _central_directory(self) -> list[zipfile.ZipInfo]:
        count = _zip_entry_count(self.data)
        if count is None:
            if self.data.startswith(b"PK\x03\x04"):
                raise Unreadable("zip-truncated")
            raise Unreadable("not-zip")
        if count > MAX_PARTS:
            raise Unreadable("zip-too-many-parts", count=thousands(count), limit=thousands(MAX_PARTS))
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
                return zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError) as exc:
            raise Unreadable("zip-damaged", detail=short_error(exc)) from exc

    def _check_sizes(self) -> None:
        self._check_layout()
        limits = self.limits
        total = sum(info.file_size for info in self.infos)
        if total > limits.max_uncompressed_mb * 1024 * 1024:
            raise Unreadable("zip-too-big", size=mb(total), limit=f"{limits.max_uncompressed_mb:g}")
        for info in self.infos:
            if info.file_size > _BIG_PART and info.file_size > limits.max_compression_ratio * max(
                info.compress_size, 1
            ):
                ratio = thousands(info.file_size // max(info.compress_size, 1))
                raise Unreadable(
                    "zip-ratio", part=info.filename, ratio=ratio, limit=f"{limits.max_compression_ratio:g}"
                )

    def _check_layout(self) -> None:
        """Each part's bytes are its own: overlapping parts are how a few KB claim gigabytes."""
        end = 0
        for info in sorted(self.infos, key=lambda i: i.header_offset):
            if info.header_offset < end:
                raise Unreadable("zip-overlap")
            header = self.data[info.header_offset : info.header_offset + 30]
            if len(header) < 30:
                raise Unreadable("zip-truncated")
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
            raise Unreadable("zip-part-misplaced", part=name)
        flags, method = struct.unpack("<HH", header[6:10])
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = offset + 30 + name_len + extra_len
        end = start + info.compress_size
        if end > len(view):
            raise Unreadable("zip-truncated")
        if flags & 0x1:
            raise Unreadable("password")
        raw = view[start:end]
        crc = produced = 0
        if method == zipfile.ZIP_STORED:
            for pos in range(0, len(raw), CHUNK):
                out = bytes(raw[pos : pos + CHUNK])
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
                    pending, pos = raw[pos : pos + CHUNK], pos + CHUNK
                else:
                    raise Unreadable("zip-part-truncated", part=name)
                try:
                    out = inflater.decompress(pending, CHUNK)
                except zlib.error as exc:
                    raise Unreadable("zip-part-damaged", part=name, detail=exc) from exc
                produced += len(out)
                if produced > info.file_size:
                    raise Unreadable("zip-part-too-big", part=name)
                crc = zlib.crc32(out, crc)
                if out:
                    yield out
                if time.monotonic() > self.deadline:
                    raise timed_out(self.limits)
        else:
            raise Unreadable("zip-method", part=name, method=method)
        if produced != info.file_size or crc != info.CRC:
            raise Unreadable("zip-part-mismatch", part=name)

    def read(self, info: zipfile.ZipInfo) -> bytes:
        return b"".join(self.chunks(info))

    # -- opening ---------------------------------------------------------------------------------
    def check_parts(self) -> dict[str, str]:
        """Scan every part calamine reads at opening; return the sheet names and their parts.

        The worksheets are left out: each is scanned with its cells' area just before calamine
        loads it (area.py).
        """
        targets = self.sheets = self._sheet_targets()
        self.sheet_parts = {t.lower() for t in targets.values()}
        skip = self.sheet_parts | {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"}
        for info in self.infos:
            key = info.filename.lower()
            if key in skip:
                continue
            if key.endswith(_XML_SUFFIXES) or key in self._rel_targets:
                _scan_xml(info.filename, self.chunks(info), info.file_size, binary_ok=key in self._binary_targets)
        self.date_styles = self._date_styles()
        return targets

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
            raise Unreadable("part-damaged", part="xl/workbook.xml", detail=short_error(exc)) from exc
        by_id: dict[str, str] = {}
        for rel in rels:
            rel_id, target = rel.get("Id", ""), rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            if rel_id in by_id:
                raise Unreadable("rels-twin-ids")
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
                raise Unreadable("twin-sheets", sheet=name)
            seen.add(name.casefold())
            part = by_id.get(sheet.get(f"{ns_rel}id", ""))
            if part is not None:
                names[name] = part
        return names

    def diagnose(self) -> None:
        """Raise Unreadable naming the first part calamine reads at opening that is not well-formed XML."""
        from defusedxml import ElementTree as ET

        for info in self.infos:
            key = info.filename.lower()
            if key.endswith(_XML_SUFFIXES) and (
                key in self._rel_targets or key.startswith(("xl/workbook", "xl/_rels", "_rels"))
            ):
                if key in self.sheet_parts:
                    continue
                try:
                    ET.fromstring(self.read(info))
                except ET.ParseError as exc:
                    raise Unreadable("part-damaged", part=info.filename, detail=short_error(exc)) from exc
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
            check_encoding(name, chunk)
            first = False
        data = tail + chunk
        if b"<!" in data:
            check_declarations(name, data)
        tail = data[-16:]
        if head is not None:
            head += chunk
            root = root_tag(head)
            if root is not None:
                _check_unique_count(name, root, size)
                head = None
            elif len(head) > MAX_BUFFER:
                raise Unreadable("xml-no-start", part=name)


_START_TAG = re.compile(rb"""<([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*)>""")


def root_tag(head: bytes) -> re.Match[bytes] | None:
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


def check_encoding(name: str, head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or b"\x00" in head[:4]:
        raise Unreadable("xml-not-utf8", part=name)
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    match = _ENCODING.match(body[:512])
    if match and match.group(1).strip().lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise Unreadable("xml-encoding", part=name, encoding=match.group(1).decode("ascii", "replace"))


def check_declarations(name: str, data: bytes) -> None:
    if _DECLARATION.search(data):
        raise Unreadable("xml-dtd", part=name)


def _check_unique_count(name: str, root: re.Match[bytes], size: int) -> None:
    """Calamine reserves room for sharedStrings' `uniqueCount` up front: 4 billion aborts the process."""
    if root.group(1).rsplit(b":", 1)[-1] != b"sst":
        return
    value = attribute(root.group(2), b"uniqueCount")
    if value is None or not value.strip().isdigit():
        return
    count = row_number(value.strip())
    if count > max(1000, size // 5):  # each <si> takes more than five bytes
        raise Unreadable("xml-count", part=name, count=thousands(count))


def attribute(attrs: bytes, key: bytes) -> bytes | None:
    """One attribute's value in a start tag's attribute text, or None."""
    for match in _ATTR.finditer(attrs):
        if match.group(1) == key:
            return match.group(2) if match.group(2) is not None else match.group(3)
    return None


def row_number(digits: bytes) -> int:
    """A row number's digits as a number; past Excel's rows for text over 12 digits."""
    digits = digits.lstrip(b"0") or b"0"
    return int(digits) if len(digits) <= 12 else 10**12  # far past Excel; int() of huge text is slow
