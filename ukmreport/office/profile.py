"""The office that sends the documents, for the run's region: its profile, what the region gives, what is missing.

Everything that identifies an office (the kop, the letter's wording, who signs, the tembusan, the
letter-number pattern) comes from three sections of the settings: ``office``, ``head`` and
``letter``. A key ukmreport.toml leaves unset is taken, in order, from

1. the region's office profile, ``<region file stem>.office.toml`` beside the region file, when its
   ``region_code`` is the region's code (Kota Baubau's ships as regions/kota_baubau.office.toml);
2. the region itself: the government line, the seat where letters are dated, the area served,
   the region's head (Wali Kota or Bupati, by the region's kind) and the default tembusan.

What is still unset after that cannot be guessed, and ``require_office`` refuses the run naming
each key: another region never borrows Baubau's address. The head of office (who signs) has no
such check; a letter without one is marked as a draft by the renderer.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ukmreport.errors import ConfigError
from ukmreport.office.region import DEFAULT_REGION_FILE, Region
from ukmreport.settings import CONFIG_NAME, Head, Letter, Office, Settings

PROFILE_SUFFIX = ".office.toml"
SECTIONS = {"office": Office, "head": Head, "letter": Letter}
# What no region can tell: the office must say it (its profile, or ukmreport.toml).
REQUIRED = (
    "office.name",
    "office.short_name",
    "office.address",
    "office.phone",
    "office.email",
    "office.website",
    "letter.number_pattern",
)


def profile_path(region_file: Path | None) -> Path | None:
    """The office profile beside a region file (None: the packaged region's), if there is one."""
    if region_file is None:
        packaged = resources.files("ukmreport.regions").joinpath(DEFAULT_REGION_FILE.replace(".toml", PROFILE_SUFFIX))
        return Path(str(packaged)) if packaged.is_file() else None
    candidate = Path(region_file).with_name(Path(region_file).stem + PROFILE_SUFFIX)
    return candidate if candidate.is_file() else None


def load_profile(region_file: Path | None, region: Region) -> dict[str, dict[str, Any]]:
    """The profile's sections, or {} when there is none or it was made for another region."""
    path = profile_path(region_file)
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"office profile {path}: {exc}".splitlines()[0]) from exc
    if str(data.get("region_code", "")) != region.code:
        return {}
    unknown = sorted(set(data) - {"region_code", *SECTIONS})
    if unknown:
        raise ConfigError(f"office profile {path}: unknown section {unknown[0]!r}")
    for section, model in SECTIONS.items():
        try:
            model.model_validate(data.get(section, {}))
        except ValidationError as exc:
            error = exc.errors()[0]
            key = ".".join(str(part) for part in (section, *error["loc"]))
            raise ConfigError(f"office profile {path}: {key}: {error['msg']}") from exc
    return {section: dict(data.get(section, {})) for section in SECTIONS}


def derived(region: Region) -> dict[str, dict[str, Any]]:
    """What the region itself says about its office."""
    return {
        "office": {
            "government": region.government,
            "city": region.city,
            "region": region.name,
            "region_head": region.head_title,
        },
        "head": {},
        "letter": {"copies_to": [f"{region.head_title} (sebagai laporan)"]},
    }


def for_region(settings: Settings, region: Region) -> Settings:
    """The settings with every unset office, head and letter key filled from the profile, then the region."""
    layers = (load_profile(settings.region_file, region), derived(region))
    update: dict[str, Any] = {}
    for section in SECTIONS:
        current = getattr(settings, section)
        filled: dict[str, Any] = {}
        for layer in layers:
            for key, value in layer.get(section, {}).items():
                if getattr(current, key) is None and key not in filled:
                    filled[key] = value
        update[section] = current.model_copy(update=filled)
    logo = update["office"].logo
    if logo and not Path(logo).is_absolute() and (settings.config_dir / logo).is_file():
        update["office"] = update["office"].model_copy(update={"logo": str((settings.config_dir / logo).resolve())})
    filled = settings.model_copy(update=update)
    if settings.sample_signer:  # a head from the shipped profile is still the sample one, not the office's own
        filled.model_fields_set.discard("head")
    return filled


def missing(settings: Settings) -> list[str]:
    """The required keys still unset, as 'office.address'."""
    return [key for key in REQUIRED if getattr(getattr(settings, key.split(".")[0]), key.split(".")[1]) is None]


def require_office(settings: Settings, region: Region) -> None:
    """Refuse a run whose office is not fully known, naming each unset key and where to set it."""
    logo = settings.office.logo
    if logo and not _logo_found(settings, logo):
        raise ConfigError(
            f"office.logo: {logo} is neither beside {settings.config_path or CONFIG_NAME} nor in a template folder"
        )
    keys = missing(settings)
    if not keys:
        return
    where = settings.config_path or Path(CONFIG_NAME)
    raise ConfigError(
        f"the office of {region.name} is not configured: set {', '.join(keys)} in {where} "
        f"(or ship {Path(settings.region_file or DEFAULT_REGION_FILE).stem}{PROFILE_SUFFIX} beside the region file); "
        "`ukmreport init DIR --region FILE` writes a commented ukmreport.toml to fill in"
    )


def _logo_found(settings: Settings, logo: str) -> bool:
    from ukmreport.render.html import packaged_template_dir

    if Path(logo).is_absolute():
        return Path(logo).is_file()
    folders = [settings.override_template_dir, packaged_template_dir()]
    return any(folder is not None and (folder / logo).is_file() for folder in folders)


def config_text(region: Region, region_ref: str) -> str:
    """A commented ukmreport.toml for an office of this region: what the region gives, what is to fill in."""
    head = region.head_title
    return f'''# ukmreport.toml for the Dinas Koperasi dan UKM of {region.name} (written by `ukmreport init`).
# Run ukmreport from this folder. Keys left commented out with "ISI" must be filled in and
# uncommented: until then `ukmreport build` stops and names them. Lines marked "derived" show what
# ukmreport takes from the region file when the key is left out.

region_file = "{region_ref}"   # the region's kecamatan and kelurahan
input_dir = "."                # the workbooks beside this file

[office]
# government = "{region.government}"   # derived from the region file
# name = "ISI: DINAS KOPERASI DAN USAHA KECIL MENENGAH"   # the office's name as in its kop, in capitals
# short_name = "ISI: Dinas Koperasi dan UKM {region.name}"   # as the letters name it in a sentence
# address = "ISI: Jl. …, Kelurahan …, Kecamatan …, {region.name} …"   # street, kelurahan, postcode
# phone = "ISI: (0…) …"   # "" when the office has none
# email = "ISI: …@….go.id"   # "" when the office has none
# website = "ISI: ….go.id"   # "" when the office has none
# city = "{region.city}"   # derived: the region's seat, written before the letter's date
# logo = "logo.png"   # an image beside this file or in templates/, shown at the left of the kop

[head]
# Who signs the letters (Permendagri 1/2023, Pasal 44(3)); without them the letter is a draft.
# position = "ISI: Kepala Dinas Koperasi dan Usaha Kecil Menengah {region.name}"
# name = "ISI: name with academic titles"
# rank = "ISI: Pembina (IV/a)"
# nip = "ISI: 18 digits"

[letter]
# number_pattern = "ISI: 500.3/{{seq}}/…/{{month_roman}}/{{year}}"   # {{seq}} {{month}} {{month_roman}} {{year}}
# copies_to = ["{head} (sebagai laporan)"]   # derived: the tembusan goes to the region's head
'''


def new_config_path(directory: Path) -> Path:
    """directory/ukmreport.toml, refused when it exists: init never overwrites."""
    target = Path(directory) / CONFIG_NAME
    if target.exists() or target.is_symlink():
        raise ConfigError(f"{target} already exists; init does not overwrite it")
    return target


def write_config(directory: Path, region_file: Path, region: Region) -> Path:
    """Write directory/ukmreport.toml for the region file; never over an existing one."""
    target = new_config_path(directory)
    absolute = Path(region_file).resolve()
    try:
        ref = Path(os.path.relpath(absolute, Path(directory).resolve())).as_posix()
    except ValueError:  # another drive
        ref = absolute.as_posix()
    if ref.startswith("../"):  # outside the office's folder: where it is, wherever the folder moves
        ref = absolute.as_posix()
    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
        target.write_text(config_text(region, ref), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{target} cannot be written: {exc.strerror or exc}") from exc
    return target
