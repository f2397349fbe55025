"""Machine-readable outputs (shared/spec/outputs.md) and the all-or-nothing move of a finished report set."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ukmreport import __version__
from ukmreport.access import PUBLIC, Access, make_folder, published_folder_mode, write_text
from ukmreport.errors import BuildLocked, OutputError
from ukmreport.messages import finding_message
from ukmreport.models import HEALTH_CATEGORIES, Dataset, Decisions, InputFile
from ukmreport.read import sha256_file
from ukmreport.rules.explanations import explanations


def check_json(data: Dataset, lang: str = "id") -> dict[str, Any]:
    """The object `check --format json` prints."""
    return {
        "files": [
            {"path": f.path, "sha256": f.sha256, "sheets": {k: v.value for k, v in f.sheets.items()}}
            for f in data.files
        ],
        "findings": [
            {
                "file": f.file,
                "sheet": f.sheet,
                "row": f.row,
                "column": f.column,
                "field": f.field,
                "code": f.code,
                "severity": f.severity,
                "message": finding_message(f, lang),
                "value": f.value,
            }
            for f in data.findings
        ],
        "counts": {kind: count.model_dump() for kind, count in data.counts.items()},
    }


def decisions_json(decisions: Decisions, lang: str = "id") -> dict[str, Any]:
    """decisions.json (outputs.md): every decision with its reasons, notes and their sentences."""
    return {
        "proposals": [
            {
                "file": d.proposal.file,
                "row": d.proposal.row,
                "nik": d.proposal.nik,
                "nama": d.proposal.nama,
                "program": d.proposal.program,
                "status": d.proposal.status,
                "nilai": _plain(d.proposal.nilai_usulan),
                "eligible": d.eligible,
                "waiting": d.waiting,
                "reasons": d.reasons,
                "notes": d.notes,
                "explanations": explanations(d.reasons + d.notes, d.facts, lang),
            }
            for d in decisions.proposals
        ],
        "cooperatives": [
            {
                "file": d.cooperative.file,
                "row": d.cooperative.row,
                "nomor_badan_hukum": d.cooperative.nomor_badan_hukum,
                "nama_koperasi": d.cooperative.nama_koperasi,
                "category": d.category,
                "score": d.score,
                "assessment_year": d.assessment_year,
                "guideline": d.guideline,
                "active": d.active,
                "rat_compliant": d.rat_compliant,
                "rat_on_time": d.rat_on_time,
                "candidate": d.candidate,
                "reasons": d.reasons,
                "notes": d.notes,
                "explanations": explanations(d.reasons + d.notes + _capped(d), d.facts, lang),
            }
            for d in decisions.cooperatives
        ],
    }


def summary(data: Dataset, decisions: Decisions) -> dict[str, Any]:
    eligible = [d for d in decisions.proposals if d.eligible]
    health = Counter(d.category for d in decisions.cooperatives)
    severities = Counter(f.severity for f in data.findings)
    return {
        "businesses": sum(1 for b in data.businesses if b.valid),
        "proposals": len(decisions.proposals),
        "eligible": len(eligible),
        "ineligible": len(decisions.proposals) - len(eligible),
        "waiting": sum(1 for d in eligible if d.waiting),
        "amount_eligible": _plain(sum(d.proposal.nilai_usulan or 0 for d in eligible)),
        "cooperatives": len(decisions.cooperatives),
        "cooperative_health": {c: health.get(c, 0) for c in HEALTH_CATEGORIES},
        "rat_compliant": sum(1 for d in decisions.cooperatives if d.rat_compliant),
        "rat_on_time": sum(1 for d in decisions.cooperatives if d.rat_on_time),
        "recognition_candidates": sum(1 for d in decisions.cooperatives if d.candidate),
        "findings": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
    }


def manifest(
    *,
    generated_at: str,
    period: str,
    config_sha256: str,
    inputs: list[InputFile],
    outputs: list[dict[str, Any]],
    summary_: dict[str, Any],
) -> dict[str, Any]:
    return {
        "generated_at": generated_at,
        "period": period,
        "tool_version": __version__,
        "config_sha256": config_sha256,
        "inputs": [{"path": f.path, "sha256": f.sha256} for f in inputs],
        "outputs": outputs,
        "summary": summary_,
    }


def write_json(path: Path, obj: Any, access: Access = PUBLIC) -> None:
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n", access)


def file_entry(
    name: str, fmt: str, path: Path, root: Path, pages: int | None = None, *, personal_data: bool
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": name,
        "format": fmt,
        "path": path.relative_to(root).as_posix(),
        "sha256": sha256_file(path),
        "personal_data": personal_data,
    }
    if pages is not None:
        entry["pages"] = pages
    return entry


def _capped(d: Any) -> list[str]:
    """score-capped is no note of its own: its sentence says why a sehat score shows cukup sehat."""
    return ["score-capped"] if "score-capped" in d.facts else []


def _plain(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


# -- all-or-nothing publishing ----------------------------------------------------------------


def staging_dir(target: Path, *, group_readable: bool = False) -> Path:
    """A fresh temporary folder beside the target, on the same file system, named after this process,
    readable by its owner only (mkdtemp: 0700) while the reports, personal ones among them, are written into it."""
    writable_folder(target.parent, Access(group=group_readable))
    recover(target)
    try:
        return Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    except OSError as exc:
        raise OutputError(code="folder-unwritable", folder=str(target.parent), reason=exc.strerror or str(exc)) from exc


def publish(staging: Path, target: Path, *, group_readable: bool = False) -> None:
    """Put the finished set in place: the target is always the old complete set or the new one.

    The folder opens (access.published_folder_mode) only now, when its personal files and anotasi/
    are already closed to others.
    """
    os.chmod(staging, published_folder_mode(group_readable))
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous set
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def recover(target: Path) -> None:
    """Finish what a killed publish left: restore the previous set, drop stale temporary folders."""
    old = target.with_name(f".{target.name}.old")
    if old.exists() and not target.exists():
        os.rename(old, target)
    for stale in target.parent.glob(f".{target.name}.new-*"):
        if not staging_alive(stale):
            shutil.rmtree(stale, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- one build per reports folder ---------------------------------------------------------------
# A second build must not delete the first one's staging folder or swap reports under it: the
# folder is locked (flock, released by the kernel when the holder dies, so a killed build leaves
# no stale lock) and each staging folder carries the process id of the build that made it.

LOCK_NAME = ".ukmreport.lock"


def writable_folder(folder: Path, access: Access = PUBLIC) -> None:
    """Make the reports folder if needed; OutputError naming it when it cannot be made or written."""
    try:
        make_folder(folder, access)
    except OSError as exc:
        raise OutputError(code="folder-unwritable", folder=str(folder), reason=exc.strerror or str(exc)) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(code="folder-unwritable", folder=str(folder), reason=os.strerror(13))


@contextmanager
def build_lock(folder: Path, access: Access = PUBLIC) -> Iterator[None]:
    """Hold the reports folder for this build; BuildLocked naming the holder's process id if taken.

    The lock file is removed when the build ends, so a finished build leaves only its reports.
    """
    made = not folder.exists()
    writable_folder(folder, access)
    path = folder / LOCK_NAME
    fd = locked_file(path, folder)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        path.unlink(missing_ok=True)  # before the lock goes, so nobody locks a file about to vanish
        os.close(fd)
        if made:
            with suppress(OSError):  # not empty: something was published
                folder.rmdir()  # a build that published nothing leaves no empty reports folder behind


def locked_file(path: Path, folder: Path) -> int:
    """Open and lock the lock file; retry when it was removed by a build that ended meanwhile."""
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(code="folder-unwritable", folder=str(folder), reason=exc.strerror or str(exc)) from exc
        try:
            lock_now(fd)
        except (BlockingIOError, PermissionError):
            os.close(fd)
            raise BuildLocked(code="build-running", folder=str(folder), pid=lock_holder(path)) from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # locked a file its holder had just removed: lock the current one


def lock_now(fd: int) -> None:
    """Lock the open file without waiting: BlockingIOError (PermissionError on Windows) when held."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; msvcrt locks a byte range instead
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def lock_holder(path: Path) -> str:
    """The process id written in a held lock file ('?' when the holder has not written it yet)."""
    for _ in range(20):  # the holder writes its id just after taking the lock
        try:
            text = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            text = ""
        if text.isdigit():
            return text
        time.sleep(0.01)
    return "?"


def staging_prefix(target: Path) -> str:
    return f".{target.name}.new-{os.getpid()}-"


def staging_alive(staging: Path) -> bool:
    """Whether the build that made this staging folder still runs (its process id is in the name)."""
    pid = staging.name.rpartition(".new-")[2].split("-")[0]
    if not pid.isdigit():
        return False  # made before staging folders carried a process id
    return process_alive(int(pid))


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


# -- a build of some reports keeps the others ------------------------------------------------------


def keep_previous(target: Path, staging: Path, rebuilt: set[str]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Copy the previous set's outputs of reports this build does not remake into staging.

    Returns their manifest entries, each with the run that made it, and the previous state
    (made or skipped, and when) of the reports kept.
    """
    try:
        old = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], {}
    made_at = old.get("generated_at")
    kept: list[dict[str, Any]] = []
    root = target.resolve()
    for entry in old.get("outputs", []):
        if not isinstance(entry, dict) or entry.get("name") in rebuilt or not isinstance(entry.get("path"), str):
            continue
        source = (target / entry["path"]).resolve()
        if not source.is_relative_to(root) or not source.is_file():
            continue  # gone, or a manifest that points outside its folder: nothing to keep
        dest = staging / source.relative_to(root)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
        kept.append({**entry, "run": entry.get("run", made_at)})
    states = old.get("reports", {}) if isinstance(old.get("reports"), dict) else {}
    return kept, {name: state for name, state in states.items() if name not in rebuilt}
