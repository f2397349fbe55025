"""The README documents every setting a user can put in ukmreport.toml (issue #17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from ukmreport.settings import ATTACHMENT_COLUMNS, Letter, Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def setting_keys(model: type[BaseModel] = Settings, prefix: str = "") -> list[str]:
    """Every key of ukmreport.toml: 'lang', 'office.logo', … (fields excluded from dumps are the run's own)."""
    keys = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            keys += setting_keys(kind, f"{prefix}{name}.")
        else:
            keys.append(f"{prefix}{name}")
    return keys


def test_the_walk_finds_sections_and_top_level_keys() -> None:
    keys = setting_keys()
    assert {"lang", "masking", "office.logo", "letter.columns", "berkala.foreword", "signing.certificate"} <= set(keys)
    assert "config_path" not in keys and "office" not in keys


@pytest.mark.parametrize("key", setting_keys())
def test_every_setting_is_in_the_readme(key: str) -> None:
    assert f"`{key}`" in README, f"README.md does not document the setting {key}"


def test_the_readme_lists_the_attachment_columns_and_their_default() -> None:
    for column in ATTACHMENT_COLUMNS:
        assert f"`{column}`" in README, column
    assert ", ".join(Letter().columns) in README
