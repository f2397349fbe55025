"""The benchmark's own inputs, generated with the demo generator and kept in benchmarks/data/.

Every file is keyed by what made it: its size, the seed, the fixed day and a digest of the
generator's source. A file whose sidecar (``NAME.json``) matches is reused; anything else is
written again (to a temporary name, then renamed, so an interrupted run leaves no half file).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import ukmreport

# One fixed day for everything: the generator draws dates up to `today`, and the measured
# processes run with SOURCE_DATE_EPOCH set to it, so the validator sees the day the data was made for.
TODAY = date(2026, 11, 28)
SOURCE_DATE_EPOCH = str(int(datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC).timestamp()))
PACKAGE = Path(ukmreport.__file__).resolve().parent


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*.py")) + sorted(path.rglob("*.toml")) if path.is_dir() else [path]
        for f in files:
            h.update(str(f.relative_to(PACKAGE.parent)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def generator_digest() -> str:
    """What a demo workbook depends on: the generator, the default settings and the regions."""
    return _digest(PACKAGE / "demo", PACKAGE / "settings.py", PACKAGE / "office", PACKAGE / "regions")


def package_digest() -> str:
    return _digest(PACKAGE)


def _fresh(path: Path, key: dict[str, Any]) -> bool:
    sidecar = path.with_name(path.name + ".meta.json")
    if not path.exists() or not sidecar.is_file():
        return False
    try:
        return json.loads(sidecar.read_text(encoding="utf-8")).get("key") == key
    except (OSError, ValueError):
        return False


def _seal(path: Path, key: dict[str, Any], **info: Any) -> None:
    sidecar = path.with_name(path.name + ".meta.json")
    sidecar.write_text(json.dumps({"key": key, **info}, indent=2), encoding="utf-8")


def _settings_region() -> tuple[Any, Any]:
    from ukmreport.office.region import load_region
    from ukmreport.settings import load_settings

    settings = load_settings(None)
    return settings, load_region(settings.region_file)


def business_workbook(data_dir: Path, n_rows: int, seed: int, *, errors: bool = True) -> tuple[Path, float | None]:
    """The demo businesses workbook with n_rows owners; return (path, seconds spent writing it or None)."""
    from ukmreport.demo import write_business_workbook

    name = f"businesses_{n_rows}_seed{seed}{'' if errors else '_clean'}.xlsx"
    path = data_dir / name
    key = {
        "n_rows": n_rows,
        "seed": seed,
        "today": TODAY.isoformat(),
        "errors": errors,
        "generator": generator_digest(),
    }
    if _fresh(path, key):
        return path, None
    data_dir.mkdir(parents=True, exist_ok=True)
    settings, region = _settings_region()
    tmp = path.with_name(f".{name}.{os.getpid()}.tmp.xlsx")
    started = time.perf_counter()
    try:
        write_business_workbook(tmp, n_rows, seed=seed, today=TODAY, region=region, settings=settings, errors=errors)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    took = time.perf_counter() - started
    _seal(path, key, seconds=took, bytes=path.stat().st_size)
    return path, took


def demo_inputs(data_dir: Path, seed: int, n_businesses: int = 5000) -> tuple[Path, float | None]:
    """The input folder `ukmreport demo` writes (write_demo_inputs), for the end-to-end build."""
    from ukmreport.demo import write_demo_inputs

    path = data_dir / f"demo_{n_businesses}_seed{seed}"
    key = {"n_businesses": n_businesses, "seed": seed, "today": TODAY.isoformat(), "generator": generator_digest()}
    if _fresh(path, key) and any(path.glob("*.xlsx")):
        return path, None
    settings, region = _settings_region()
    tmp = data_dir / f".{path.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    started = time.perf_counter()
    try:
        write_demo_inputs(tmp, seed=seed, today=TODAY, region=region, settings=settings, n_businesses=n_businesses)
        shutil.rmtree(path, ignore_errors=True)
        tmp.replace(path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    took = time.perf_counter() - started
    _seal(path, key, seconds=took)
    return path, took


def pdf_contexts(
    data_dir: Path, n_rows: int, seed: int, names: tuple[str, ...]
) -> tuple[dict[str, Path], float | None]:
    """JSON files of the report contexts with n_rows table rows, built from real demo owners.

    Owners come from a clean demo businesses workbook, each given a proposal for the configured
    program (status Diusulkan); the real rules decide them (pipeline.read + decide_proposals) and
    the real report builders make the contexts:
      usulan   the first n_rows *eligible* proposals: one letter whose attachment has n_rows rows
      seleksi  the first n_rows proposals, eligible or not, with their reasons in words
    """
    key = {"n_rows": n_rows, "seed": seed, "today": TODAY.isoformat(), "package": package_digest()}
    paths = {name: data_dir / f"ctx_{name}_{n_rows}_seed{seed}.json" for name in names}
    if all(_fresh(p, key) for p in paths.values()):
        return paths, None
    started = time.perf_counter()
    from tests.letters import propose_everyone
    from ukmreport.pipeline import read
    from ukmreport.reports import seleksi, usulan
    from ukmreport.rules.eligibility import decide_proposals

    settings, _ = _settings_region()
    owners = max(200, int(n_rows * 1.8) + 100)  # about 64 % of the demo's owners are eligible
    workbook, _ = business_workbook(data_dir, owners, seed, errors=False)
    region, data = read([workbook], settings, TODAY)
    proposals = propose_everyone(data.businesses, settings, TODAY)
    decisions = decide_proposals(proposals, data.businesses, [], settings.eligibility, region.code)
    eligible = [d for d in decisions if d.eligible]
    if len(eligible) < n_rows:
        raise RuntimeError(f"only {len(eligible)} of {len(decisions)} demo owners are eligible; need {n_rows}")
    builders = {
        "usulan": lambda: usulan.build(eligible[:n_rows], settings, TODAY),
        "seleksi": lambda: seleksi.build(decisions[:n_rows], settings, TODAY),
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, path in paths.items():
        ctx = builders[name]()
        path.write_text(ctx.model_dump_json(), encoding="utf-8")
        _seal(path, key)
    return paths, time.perf_counter() - started
