"""The proposals workbook (``usulan_bantuan.xlsx``): this year's grant round, last year's, and the aid history.

Sheet ``Usulan Bantuan`` (header row 4, data from row 5) holds a past round (29 proposals for
``settings.program`` dated last year: 11 ``Disalurkan``, 18 ``Ditolak``) followed by this year's
round (``Diusulkan`` or blank) in which every eligibility reason and note of rules.md is planted,
each on people drawn for that role (`draw_applicants`). The last column, ``Dikonfirmasi``, says
which notes staff have checked by hand: the proposals with a note of ``confirm_notes`` wait for it
(blank or ``Tidak``), except one whose bank book was checked (``Ya``) and goes into the letter.
Sheet ``Riwayat Bantuan`` (header row 3) holds about 150 earlier grants, including the 11 from
the past round under the same program name.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ukmreport.demo.people import Owner, People
from ukmreport.demo.values import amount_text, date_text, day_between, rupiah
from ukmreport.demo.workbook import FIRST_ROW, HEADER_ROW, put, save, sheet

PROPOSAL_FILE = "usulan_bantuan.xlsx"
PROPOSAL_HEADERS = (
    "No",
    "NIK",
    "Nama Lengkap",
    "Jenis Bantuan",
    "Nilai Usulan",
    "Tgl Usulan",
    "Status",
    "Tanggal Keputusan",
    "Keterangan",
    "Dikonfirmasi",
)
# The errors planted on the businesses rows of the two `business-row-invalid` people: a phone
# number typed as a number, a No. KK typed as a number.
BROKEN_ROWS = ("bad-phone", "kk-numeric")
AID_HEADERS = ("No", "NIK", "Nama", "Program", "Tahun", "Nilai", "Sumber Dana")
AID_HEADER_ROW = 3


def draw_applicants(g: People, past: date) -> tuple[dict[str, list[Owner]], list[Owner]]:
    """The owners of each planted proposal role, and two applicants who never registered a business.

    All are clean grant candidates with distinct names; those of the past round registered before it.
    The returned owners already carry what their role plants (a civil servant's job, a KUR, ...).
    """
    r, today = g.r, g.today
    used: set[str] = set()

    def person(n: int, before: date | None = None, **kw: Any) -> list[Owner]:
        found = []
        while len(found) < n:
            reg = day_between(r, today - timedelta(days=1095), before - timedelta(days=1)) if before else None
            o = g.owner(eligible=True, registered=reg, **kw)
            if o.nama.lower() not in used and o.nik[-1] != "0":
                used.add(o.nama.lower())
                found.append(o)
        return found

    roles = {
        "funded": person(11, past),
        "rejected": person(18, past),
        "eligible": person(12),
        "duplicate": person(2),
        "invalid-nik": person(2),
        "invalid-data": person(2),
        "not-micro": person(2),
        "civil-servant": person(2),
        "receiving-kur": person(2),
        "no-bank-account": person(2),
        "account-name-mismatch": person(1, female=True),
        "recent-aid": person(1),
        "nik-outside-region": person(1, prefix=r.choice(g.neighbour)),
        "name-mismatch": person(1, female=True, name=g.local.name_mismatch),
    }
    roles["eligible"][0].job = "Pensiunan PNS"  # retired: not excluded
    for o in roles["not-micro"]:
        o.aset, o.omzet_bulan, o.workers = g.amounts("kecil")
    roles["civil-servant"][0].job, roles["civil-servant"][1].job = "PNS", "Anggota Polri"
    for o in roles["receiving-kur"]:
        o.kur = True
    for o in roles["no-bank-account"]:
        o.bank = o.account = o.account_name = None
    husband = f"{g.local.husband_prefix} {r.choice(g.words.male_names)}"
    roles["account-name-mismatch"][0].account_name = husband  # the husband's account
    twin = person(1)[0]
    roles["possible-duplicate"] = [
        twin,
        g.owner(eligible=True, female=twin.female, birth=twin.birth, name=twin.nama, prefix=r.choice(g.neighbour)),
    ]
    roles["business-row-invalid"] = person(len(BROKEN_ROWS))  # recorded, but their row has an error
    confirmed = person(1)[0]
    while confirmed.nama == confirmed.given:  # the bank book shows the given name alone
        confirmed = person(1)[0]
    confirmed.account_name = confirmed.given.upper()
    roles["confirmed"] = [confirmed]
    unregistered = person(2)  # drawn like the others but never written to the businesses sheet
    return roles, unregistered


def proposal_rows(
    g: People, roles: dict[str, list[Owner]], unregistered: list[Owner], past: date, decided: date
) -> list[dict[str, Any]]:
    """Every proposal row, past round first, with the decision rules.md gives it."""
    r, s, today = g.r, g.settings, g.today

    def row(o: Owner, role: str, reasons: tuple[str, ...] = (), notes: tuple[str, ...] = (), **cells: Any) -> dict:
        is_new = "status" not in cells
        base = {
            "nik": o.nik,
            "nama": o.nama.upper() if is_new and r.random() < 0.15 else o.nama,
            "nilai": s.program.amount if r.random() < 0.75 else rupiah(s.program.amount),
            "tgl": day_between(r, date(today.year, 1, 1), today) if is_new else past,
            "status": "Diusulkan",
            "keputusan": None,
            "ket": f"Usulan Kel. {o.kel}" if is_new and r.random() < 0.3 else None,
            "dikonfirmasi": None,
        }
        if not isinstance(base["tgl"], str) and r.random() < 0.2:
            base["tgl"] = date_text(base["tgl"], r)
        base.update(cells)
        return {
            **base,
            "round": "new" if is_new else "past",
            "role": role,
            "reasons": list(reasons),
            "notes": list(notes),
        }

    # The aid record of a row's own grant is not "another" grant: the funded rows stay eligible.
    past_rows = [
        row(o, "funded", status="Disalurkan", keputusan=decided, ket=f"Disalurkan ke rekening {o.bank}")
        for o in roles["funded"]
    ]
    past_rows += [
        row(
            o,
            "rejected",
            status="Ditolak",
            keputusan=decided,
            ket=r.choice(("Tidak lolos verifikasi", "Kuota terbatas", None)),
        )
        for o in roles["rejected"]
    ]
    r.shuffle(past_rows)
    new = [row(o, "eligible") for o in roles["eligible"]]
    for x in r.sample(range(len(new)), 3):
        new[x]["status"] = None
    new += [row(o, "duplicate-first") for o in roles["duplicate"]]
    new += [row(o, "duplicate-proposal", ("duplicate-proposal",)) for o in roles["duplicate"]]
    a, b = roles["invalid-nik"]
    new += [
        row(
            a,
            "invalid-nik",
            ("invalid-nik", "not-registered"),
            nik=a.nik[:9] + a.nik[10:],
            finding=("B", "nik", "nik-format"),
        ),
        row(
            b,
            "invalid-nik",
            ("invalid-nik", "not-registered"),
            nik=int(b.nik[:15] + "0"),
            finding=("B", "nik", "nik-numeric"),
        ),
    ]
    a, b = roles["invalid-data"]
    t = day_between(r, date(today.year, 1, 1), today)
    new += [
        row(a, "invalid-data", ("invalid-data",), nilai="tujuh juta", finding=("E", "nilai_usulan", "bad-amount")),
        row(
            b,
            "invalid-data",
            ("invalid-data",),
            tgl=f"{t.day:02d}-{t.month:02d}-{t.year % 100:02d}",
            finding=("F", "tanggal_usulan", "two-digit-year"),
        ),
    ]
    new += [row(o, "not-registered", ("not-registered",)) for o in unregistered]
    new += [row(o, "business-row-invalid", ("business-row-invalid",)) for o in roles["business-row-invalid"]]
    for role in ("not-micro", "civil-servant", "receiving-kur", "no-bank-account"):
        new += [row(o, role, (role,)) for o in roles[role]]
    new += [
        row(o, "already-received", ("duplicate-proposal", "already-received"), ("recent-aid",))
        for o in roles["funded"][:2]
    ]
    mismatch = "account-name-mismatch"  # the husband's account: staff have not seen the bank book yet
    new += [row(o, mismatch, (), (mismatch,), dikonfirmasi="Tidak") for o in roles[mismatch]]
    for role in ("recent-aid", "nik-outside-region"):
        new += [row(o, role, (), (role,)) for o in roles[role]]
    new += [
        row(o, "confirmed", (), (mismatch,), dikonfirmasi="Ya", ket=f"Buku tabungan a.n. {o.account_name} sudah dicek")
        for o in roles["confirmed"]
    ]
    new += [row(o, "name-mismatch", (), ("name-mismatch",), nama=o.nama[:-1]) for o in roles["name-mismatch"]]
    a, b = roles["possible-duplicate"]
    new += [
        row(a, "possible-duplicate", (), ("possible-duplicate",)),
        row(b, "possible-duplicate", (), ("possible-duplicate", "nik-outside-region")),
    ]
    r.shuffle(new)
    for o in roles["duplicate"]:  # a repeated proposal must come after the one it repeats
        x, z = (i for i, p in enumerate(new) if p["nik"] == o.nik)
        if new[x]["role"] != "duplicate-first":
            new[x], new[z] = new[z], new[x]
    return past_rows + new


def aid_rows(g: People, roles: dict[str, list[Owner]], captured: list[Owner], n_total: int = 150) -> list[list[Any]]:
    """Riwayat Bantuan: the past round's grants, the planted recent ones, then grants to other owners."""
    r, y, s = g.r, g.today.year, g.settings
    by_source = {p.source: p for p in g.words.aid_programs}
    provinsi, kota = by_source["Provinsi"], by_source["Kota"]
    rows = [[o.nik, o.nama, s.program.name, y - 1, s.program.amount, "Kementerian"] for o in roles["funded"]]
    rows += [
        [o.nik, o.nama, provinsi.name, y - r.randint(0, 1), provinsi.amounts[0], provinsi.source]
        for o in roles["recent-aid"]
    ]
    rows += [[o.nik, o.nama, kota.name, y - 3, kota.amounts[0], kota.source] for o in roles["eligible"][:2]]
    people = [(o.nik, o.nama) for o in captured]
    for _ in range(8):  # recorded by another office's list, never registered here
        female = r.random() < 0.5
        birth = date(r.randint(1960, 2000), r.randint(1, 12), r.randint(1, 28))
        people.append((g.nik(r.choice(g.kec_codes), birth, female), g.name(female)[0]))
    while len(rows) < n_total and people:
        nik, nama = people.pop(r.randrange(len(people)))
        for _ in range(1 if r.random() < 0.85 else 2):
            program = r.choice(g.words.aid_programs)
            value = r.choice(program.amounts)
            rows.append(
                [
                    nik,
                    nama,
                    program.name,
                    y - r.randint(1, 5),
                    value if r.random() < 0.85 else amount_text(value, r),
                    program.source,
                ]
            )
    return sorted(rows, key=lambda v: (v[3], v[2], v[1]))


def write_proposal_workbook(path: Path, g: People, rows: list[dict[str, Any]], aid: list[list[Any]]) -> dict[str, Any]:
    """Write both sheets; return the planted ``proposals`` entry (rows, findings, by_code)."""
    wb = Workbook()
    wb.remove(wb.active)
    ws = sheet(
        wb,
        "Usulan Bantuan",
        ["DAFTAR USULAN CALON PENERIMA BANTUAN USAHA MIKRO", (g.settings.office.short_name or g.region.name).upper()],
        PROPOSAL_HEADERS,
        [5, 19, 28, 34, 15, 13, 12, 13, 30, 12],
        HEADER_ROW,
    )
    planted_rows, findings, by_code = [], [], {}
    confirm = set(g.settings.eligibility.confirm_notes)
    for i, p in enumerate(rows):
        excel_row = FIRST_ROW + i
        put(
            ws,
            excel_row,
            [
                i + 1,
                p["nik"],
                p["nama"],
                g.settings.program.name,
                p["nilai"],
                p["tgl"],
                p["status"],
                p["keputusan"],
                p["ket"],
                p["dikonfirmasi"],
            ],
            text_cols=(2,),
        )
        if "finding" in p:
            column, field, code = p["finding"]
            findings.append(
                {
                    "row": excel_row,
                    "column": column,
                    "field": field,
                    "code": code,
                    "severity": "error",
                    "value": p[{"B": "nik", "E": "nilai", "F": "tgl"}[column]],
                }
            )
        nik = str(p["nik"])
        planted_rows.append(
            {
                "row": excel_row,
                "nik": nik,
                "nama": p["nama"],
                "round": p["round"],
                "status": p["status"] or "Diusulkan",
                "role": p["role"],
                "eligible": not p["reasons"],
                "waiting": not p["reasons"] and bool(confirm & set(p["notes"])) and p["dikonfirmasi"] != "Ya",
                "dikonfirmasi": p["dikonfirmasi"],
                "reasons": p["reasons"],
                "notes": p["notes"],
            }
        )
        for code in p["reasons"] + p["notes"]:
            by_code.setdefault(code, []).append(excel_row)
    ws2 = sheet(
        wb,
        "Riwayat Bantuan",
        ["RIWAYAT PENERIMA BANTUAN USAHA MIKRO"],
        AID_HEADERS,
        [5, 19, 28, 40, 8, 14, 14],
        AID_HEADER_ROW,
    )
    for i, values in enumerate(aid):
        put(ws2, AID_HEADER_ROW + 1 + i, [i + 1, *values], text_cols=(2,))
    save(wb, path, g.today, g.settings.office.short_name)
    return {
        "file": path.name,
        "sheet": "Usulan Bantuan",
        "header_row": HEADER_ROW,
        "rows": planted_rows,
        "findings": findings,
        "by_code": dict(sorted(by_code.items())),
    }
