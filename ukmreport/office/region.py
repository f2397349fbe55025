"""The office's region: its kecamatan and kelurahan, loaded from a TOML data file."""

from __future__ import annotations

import difflib
import tomllib
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ukmreport.errors import ConfigError
from ukmreport.validate.cells import fold

DEFAULT_REGION_FILE = "kota_baubau.toml"
# A region's kind by the first word of its name, and the title of its head (UU 23/2014).
KIND_PREFIXES = {"kota": "kota", "kabupaten": "kabupaten", "kab.": "kabupaten"}
HEAD_TITLES = {"kota": "Wali Kota", "kabupaten": "Bupati"}


class Kecamatan(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kelurahan: list[str]
    kelurahan_aliases: dict[str, str] = Field(default_factory=dict)


class Region(BaseModel):
    """A regency or city with its districts; nothing about one region is hard-coded elsewhere."""

    model_config = ConfigDict(frozen=True, ignored_types=(cached_property,))

    name: str  # "Kota Baubau", "Kabupaten Buton"
    city: str  # the seat: where the office's letters are dated ("Baubau", "Pasarwajo")
    province: str
    code: str
    kind: Literal["kota", "kabupaten"] | None = None  # read from the name when not given
    aliases: list[str] = Field(default_factory=list)
    kecamatan: list[Kecamatan]

    @model_validator(mode="after")
    def _kind_known(self) -> Region:
        if self.kind is None and self.region_kind is None:
            raise ValueError(f"name {self.name!r} starts with neither 'Kota' nor 'Kabupaten': set kind")
        return self

    @property
    def region_kind(self) -> str | None:
        """'kota' or 'kabupaten': the file's kind, else the first word of the name."""
        first = self.name.split(maxsplit=1)[0].lower() if self.name.strip() else ""
        return self.kind or KIND_PREFIXES.get(first)

    @property
    def short_name(self) -> str:
        """The name without its kind: "Kota Baubau" -> "Baubau", "Kabupaten Buton" -> "Buton"."""
        parts = self.name.split(maxsplit=1)
        return parts[1] if len(parts) == 2 and parts[0].lower() in KIND_PREFIXES else self.name

    @property
    def head_title(self) -> str:
        """The region's head: "Wali Kota Baubau", "Bupati Buton"."""
        return f"{HEAD_TITLES[self.region_kind or 'kota']} {self.short_name}"

    @property
    def government(self) -> str:
        """The first line of the kop: "PEMERINTAH KABUPATEN BUTON"."""
        return f"PEMERINTAH {(self.region_kind or 'kota').upper()} {self.short_name.upper()}"

    @cached_property
    def _kecamatan_index(self) -> dict[str, Kecamatan]:
        index: dict[str, Kecamatan] = {}
        for kec in self.kecamatan:
            for name in [kec.name, *kec.aliases]:
                index[fold(name)] = kec
        return index

    @cached_property
    def _kelurahan_index(self) -> dict[str, tuple[str, Kecamatan]]:
        index: dict[str, tuple[str, Kecamatan]] = {}
        for kec in self.kecamatan:
            for kel in kec.kelurahan:
                index[fold(kel)] = (kel, kec)
            for alias, kel in kec.kelurahan_aliases.items():
                index[fold(alias)] = (kel, kec)
        return index

    def find_kecamatan(self, text: str) -> Kecamatan | None:
        """Return the kecamatan named by text (folded), or None."""
        return self._kecamatan_index.get(fold(text))

    def find_kelurahan(self, text: str) -> tuple[str, Kecamatan] | None:
        """Return the kelurahan's official name and its kecamatan, or None."""
        return self._kelurahan_index.get(fold(text))

    def suggest_kecamatan(self, text: str) -> str | None:
        """Return the closest known kecamatan name, for a 'did you mean' hint."""
        return _closest(text, {fold(k.name): k.name for k in self.kecamatan})

    def suggest_kelurahan(self, text: str, kecamatan: Kecamatan | None = None) -> str | None:
        """Return the closest known kelurahan name, preferring the given kecamatan's."""
        pool = [kecamatan] if kecamatan else self.kecamatan
        return _closest(text, {fold(k): k for kec in pool for k in kec.kelurahan})

    @property
    def kecamatan_names(self) -> list[str]:
        return [k.name for k in self.kecamatan]


def _closest(text: str, names: dict[str, str]) -> str | None:
    match = difflib.get_close_matches(fold(text), list(names), n=1, cutoff=0.6)
    return names[match[0]] if match else None


def load_region(path: Path | None) -> Region:
    """Load a region file; None means the packaged Kota Baubau file."""
    try:
        if path is None:
            data = tomllib.loads(resources.files("ukmreport.regions").joinpath(DEFAULT_REGION_FILE).read_text("utf-8"))
        else:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        return Region.model_validate(data)
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise ConfigError(f"region file {path or DEFAULT_REGION_FILE}: {exc}".splitlines()[0]) from exc
