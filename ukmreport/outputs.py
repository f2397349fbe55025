"""Machine-readable outputs (shared/spec/outputs.md) and the all-or-nothing move of a finished report set."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from ukmreport import __version__
from ukmreport.access import PUBLIC, Access, make_folder, published_folder_mode, write_text
from ukmreport.explanations import explanations
from ukmreport.messages import finding_message
from ukmreport.models import HEALTH_CATEGORIES, Dataset, Decisions, InputFile
from ukmreport.read import sha256_file


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
    """A fresh temporary folder beside the target, on the same file system, readable by its owner
    only (mkdtemp: 0700) while the reports, personal ones among them, are written into it."""
    make_folder(target.parent, Access(group=group_readable))
    recover(target)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


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
