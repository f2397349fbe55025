"""The input file itself, and what every reading module shares.

What goes in is a path; what comes out is its bytes, once checked to be a regular file within
``max_file_mb`` (read_checked), and for a workbook what kind of container it is (container_of):
a zip (.xlsx, .xlsm, .ods), an OLE container (.xls), or plain text (.csv); a password-protected
OLE container, a web page or a PDF renamed to .xlsx is Unreadable with a plain reason. Also here: Excel's column letters, the file's hash, and
the wording of reasons the reading modules share.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ukmreport.settings import Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARKS = tuple(name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage"))
CHUNK = 1 << 20


class Unreadable(Exception):
    """Raised by the read stage when a file cannot be read; validation makes it a finding.

    code names the reason in the catalogue (messages.READ_REASONS), params fill it; str() is
    the Indonesian sentence.
    """

    def __init__(self, code: str, **params: object) -> None:
        from ukmreport.messages import read_reason

        self.code = code
        self.params = {key: str(value) for key, value in params.items()}
        super().__init__(read_reason(code, "id", self.params))


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
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def container_of(path: Path, data: bytes) -> str:
    """ "zip", "ole" (an .xls) or "text" (a .csv); Unreadable when the bytes are none a reader takes.

    The bytes decide, not the name: an .xls saved by Excel as .xlsx (or the reverse) is read as
    what it is. Only a .csv is taken as text, so a web page renamed to .xls gets a plain reason.
    """
    if data.startswith(OLE_MAGIC):
        if any(mark in data for mark in _ENCRYPTED_MARKS):
            raise Unreadable(_ole_reason(data))
        return "ole"
    if data.startswith(b"PK"):
        return "zip"
    if path.suffix.lower() == ".csv":
        return "text"
    raise Unreadable(_not_zip_reason(data))


def read_checked(path: Path, limits: Limits) -> bytes:
    """The file's bytes when it is a regular, non-empty file within ``max_file_mb``; else Unreadable."""
    # A symlink is refused, not followed: a link in the input folder can point anywhere (outside
    # the office's data, at another user's files, at a device), and the report would then carry
    # data nobody put in the folder. Copy the real file into the folder instead.
    if path.is_symlink():
        raise Unreadable("symlink")
    try:
        info = path.stat()
    except OSError as exc:
        raise Unreadable("cannot-open", detail=exc.strerror or exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("folder" if stat.S_ISDIR(info.st_mode) else "not-regular")
    _check_file_size(info.st_size, limits)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Unreadable("cannot-open", detail=exc.strerror or exc) from exc
    with open(fd, "rb", closefd=True) as fh:
        opened = os.fstat(fh.fileno())
        if not stat.S_ISREG(opened.st_mode):  # swapped for something else since the check above
            raise Unreadable("not-regular")
        _check_file_size(opened.st_size, limits)
        data = fh.read(int(limits.max_file_mb * 1024 * 1024) + 1)
    _check_file_size(len(data), limits)
    if not data:
        raise Unreadable("empty-file")
    return data


def _check_file_size(size: int, limits: Limits) -> None:
    if size > limits.max_file_mb * 1024 * 1024:
        raise Unreadable("file-too-big", size=mb(size), limit=f"{limits.max_file_mb:g}")


def _ole_reason(data: bytes) -> str:
    return "password"


def _not_zip_reason(data: bytes) -> str:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<html" in head[:256]:
        return "web-page"
    if head.startswith(b"%pdf"):
        return "pdf-file"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        b"\x00" not in data[:1024] and (b"," in head or b";" in head or b"\t" in head)
    ):
        return "text-file"
    return "not-zip"


def mb(size: int) -> str:
    return f"{size / 1048576:,.0f} MB".replace(",", ".") if size >= 1048576 else f"{size / 1048576:.1f} MB"


# -- the zip and its XML parts --------------------------------------------------------------------


def thousands(value: int) -> str:
    """A count the Indonesian way: 1.048.576."""
    return f"{value:,}".replace(",", ".")


def timed_out(limits: Limits) -> Unreadable:
    return Unreadable("timeout", seconds=f"{limits.seconds_per_file:g}")


def short_error(exc: BaseException) -> str:
    """The first line of an error's text, at most 160 characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
