"""Signing: a rendered usulan.pdf in → the same file signed (PAdES, visible block, QR code) out.

Runs on the staged report set, after rendering and before publishing, so a certificate that
cannot sign leaves the previous reports in place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ukmreport.settings import Settings
from ukmreport.signing.certificate import SigningKey, load_signing_key
from ukmreport.signing.stamp import fonts_dir, sign_letter

__all__ = ["SigningKey", "load_signing_key", "sign_letter", "sign_staged"]

SIGNED = ("usulan",)  # the reports that are letters to the ministry


def sign_staged(staging: Path, written: list[dict[str, Any]], settings: Settings, key: SigningKey, today: date) -> None:
    """Sign every staged letter PDF and update its entry (sha256) in the list of written files."""
    from ukmreport.outputs import file_entry

    for i, entry in enumerate(written):
        if entry["name"] in SIGNED and entry["format"] == "pdf":
            path = staging / entry["path"]
            sign_letter(path, settings, key, today, fonts_dir())
            written[i] = file_entry(
                entry["name"], "pdf", path, staging, entry.get("pages"), personal_data=entry.get("personal_data", True)
            )
