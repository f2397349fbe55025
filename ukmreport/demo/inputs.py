"""The whole demo input set: the three workbooks drawn from one Random, and what was planted in them."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ukmreport.demo.businesses import BUSINESS_FILE, write_business_sheet
from ukmreport.demo.cooperatives import COOP_FILE, draw_cooperatives, write_cooperative_workbook
from ukmreport.demo.people import People
from ukmreport.demo.proposals import (
    AID_HEADER_ROW,
    BROKEN_ROWS,
    PROPOSAL_FILE,
    aid_rows,
    draw_applicants,
    proposal_rows,
    write_proposal_workbook,
)
from ukmreport.demo.workbook import FIRST_ROW, HEADER_ROW
from ukmreport.office.profile import for_region

if TYPE_CHECKING:
    from ukmreport.office.region import Region
    from ukmreport.settings import Settings


class DemoFiles(list):
    """The files written (a list of Path), with `.planted`: what the validator must find."""

    planted: dict[str, Any]


def write_demo_inputs(
    dest: Path,
    *,
    seed: int = 2024,
    today: date,
    region: Region,
    settings: Settings,
    n_businesses: int = 5000,
    n_cooperatives: int = 159,
) -> DemoFiles:
    """Write a realistic synthetic input set for the region into dest; return the files written.

    The returned list has a `planted` attribute saying which rows carry which finding, eligibility
    reason and note, and each cooperative's expected category (see the package docstring).
    """
    if n_businesses < 100 or n_cooperatives < 60:
        raise ValueError("the demo needs at least 100 businesses and 60 cooperatives")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    settings = for_region(settings, region)  # the workbooks' author and title name the office
    g = People(random.Random(seed), today, region, settings)
    r, y = g.r, today.year
    past = date(y - 1, r.randint(3, 5), r.randint(1, 28))
    decided = past + timedelta(days=r.randint(60, 120))
    roles, unregistered = draw_applicants(g, past)
    placed = [o for people in roles.values() for o in people]
    specials = dict(zip(r.sample(range(10, n_businesses), len(placed)), placed, strict=True))
    at = {id(o): i for i, o in specials.items()}
    broken = {at[id(o)]: code for o, code in zip(roles["business-row-invalid"], BROKEN_ROWS, strict=True)}
    rows = write_business_sheet(dest / BUSINESS_FILE, g, n_businesses, specials, True, n_capture=140, broken=broken)
    proposals = proposal_rows(g, roles, unregistered, past, decided)
    aid = aid_rows(g, roles, rows.captured)
    planted_proposals = write_proposal_workbook(dest / PROPOSAL_FILE, g, proposals, aid)
    # One extra register row carries the planted unknown-type error, so n_cooperatives stay valid.
    coops, assessments, info = draw_cooperatives(g, n_cooperatives + 1)
    coop, assess = write_cooperative_workbook(dest / COOP_FILE, g, coops, assessments, info)
    files = DemoFiles([dest / BUSINESS_FILE, dest / PROPOSAL_FILE, dest / COOP_FILE])
    files.planted = {
        "seed": seed,
        "today": today.isoformat(),
        "period_end": date(y, 12, 31).isoformat(),
        "program": settings.program.name,
        "businesses": {
            "file": BUSINESS_FILE,
            "sheet": "Data UMKM",
            "header_row": HEADER_ROW,
            "first_row": FIRST_ROW,
            "rows": n_businesses,
            "findings": rows.findings,
        },
        "proposals": planted_proposals,
        "aid_history": {
            "file": PROPOSAL_FILE,
            "sheet": "Riwayat Bantuan",
            "header_row": AID_HEADER_ROW,
            "rows": len(aid),
        },
        "cooperatives": coop,
        "assessments": assess,
    }
    return files
