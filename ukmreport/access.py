"""Who may read what ukmreport writes (shared/spec/outputs.md, "Identifiers" and after).

Personal outputs — those holding a full NIK or account number: usulan, seleksi, validasi, the
annotated copies, decisions.json — are created readable by their owner only (files 0600, folders
0700), or by the owner's group too when ``[output] group_readable = true`` (0640/0750), whatever
the umask. The mode is set on the file before a byte is written: a new file is opened with it
(O_EXCL, so never through a planted link) and, since the umask can only take bits away, raised to
the exact mode with fchmod; nothing is ever narrowed afterwards, so there is no moment when more
people can read than should. Every file is written under a temporary name and renamed into place.

Other outputs (berkala, koperasi, manifest.json, init's blank workbooks) get the modes the umask
gives, as any program's files do; with group_readable the group may read them too.

A build's folder (reports/<period>/) is private while it is written and, when published, opens to
what the umask allows minus write for others (0755 under the usual umask 022; 0700 under 077; with
group_readable at least 0750), so the leadership documents in it can be read while its personal
files and anotasi/ cannot. On Windows file modes do not apply: there the folder's own permissions
(ACLs) decide.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["PUBLIC", "Access", "make_folder", "new_file", "published_folder_mode", "umask", "write_bytes", "write_text"]


@dataclass(frozen=True)
class Access:
    """Who may read one output: personal ones their owner (and group), the rest as the umask gives."""

    personal: bool = False
    group: bool = False  # [output] group_readable

    @property
    def file_mode(self) -> int:
        if self.personal:
            return 0o640 if self.group else 0o600
        return 0o666

    @property
    def folder_mode(self) -> int:
        if self.personal:
            return 0o750 if self.group else 0o700
        return 0o777

    def exact_bits(self, folder: bool = False) -> int:
        """The bits set whatever the umask: all of a personal output's, the group's read when shared."""
        if self.personal:
            return self.folder_mode if folder else self.file_mode
        if self.group:
            return 0o050 if folder else 0o040
        return 0


PUBLIC = Access()


@contextmanager
def new_file(path: Path, access: Access = PUBLIC, *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """Open a new file for writing that replaces path once the block ends without an error.

    The file is created under a temporary name beside path with access's mode already set; on an
    error it is removed and path is left as it was. overwrite=False refuses (FileExistsError) to
    replace a path that appeared meanwhile.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, access.file_mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            _raise_bits(fh.fileno(), tmp, access.exact_bits())
            yield fh
        if not overwrite and (path.exists() or path.is_symlink()):
            raise FileExistsError(f"{path} already exists")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes, access: Access = PUBLIC) -> None:
    with new_file(path, access) as fh:
        fh.write(data)


def write_text(path: Path, text: str, access: Access = PUBLIC) -> None:
    write_bytes(path, text.encode("utf-8"), access)


def make_folder(path: Path, access: Access = PUBLIC, *, parents: bool = True) -> None:
    """Create path (missing parents as the umask gives) with access's mode; an existing folder is kept as it is.

    parents=False refuses to create a missing parent (FileNotFoundError): a build's worker must not
    bring back a staging folder that the build, or the next one, has already removed.
    """
    path = Path(path)
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path, access.folder_mode)
    except FileExistsError:
        if not path.is_dir():
            raise
        return
    bits = access.exact_bits(folder=True)
    if bits and hasattr(os, "chmod"):
        os.chmod(path, (os.stat(path).st_mode & 0o7777) | bits)  # only adds what the umask took away


def published_folder_mode(group: bool) -> int:
    """The mode of a published build folder: what the umask allows, never writable by others (it holds
    personal files), enterable by the group when group_readable."""
    return (0o755 & ~umask()) | (0o750 if group else 0o700)


def umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _raise_bits(fd: int, path: Path, bits: int) -> None:
    """Add bits the umask took from a new file's mode; it was created with no more than its mode."""
    if not bits:
        return
    if hasattr(os, "fchmod"):
        os.fchmod(fd, (os.fstat(fd).st_mode & 0o7777) | bits)
    else:  # Windows before Python 3.13: modes do not apply there
        os.chmod(path, (os.stat(path).st_mode & 0o7777) | bits)
