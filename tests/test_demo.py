"""The demo input set: reproducible bytes, the layout staff use, clean rows clean, every planted case there."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from ukmreport import demo
from ukmreport.demo import write_business_workbook, write_demo_inputs
from ukmreport.demo.words import load_local_words, load_words
from ukmreport.office.region import Region, load_region
from ukmreport.settings import Settings
from ukmreport.validate.health import category_of_text, health_category

TODAY = date(2026, 11, 28)
N = 300
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "januari februari maret april mei juni juli agustus september oktober november desember".split()
    )
}
REASONS = (
    "invalid-nik",
    "invalid-data",
    "not-registered",
    "business-row-invalid",
    "not-micro",
    "civil-servant",
    "receiving-kur",
    "no-bank-account",
    "duplicate-proposal",
    "already-received",
)
NOTES = ("account-name-mismatch", "recent-aid", "possible-duplicate", "nik-outside-region", "name-mismatch")
CATEGORIES = ("sehat", "cukup_sehat", "dalam_pengawasan", "dalam_pengawasan_khusus", "tidak_dinilai")


@pytest.fixture(scope="module")
def region() -> Region:
    return load_region(None)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="module")
def demo_set(tmp_path_factory: pytest.TempPathFactory, region: Region, settings: Settings) -> demo.DemoFiles:
    return write_demo_inputs(
        tmp_path_factory.mktemp("demo"), seed=2024, today=TODAY, region=region, settings=settings, n_businesses=N
    )


@pytest.fixture(scope="module")
def books(demo_set: demo.DemoFiles) -> dict[str, openpyxl.Workbook]:
    return {p.name: openpyxl.load_workbook(p) for p in demo_set}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(ws, first: int, width: int) -> list[tuple]:
    """Data rows from `first` down to the first blank row."""
    rows = []
    for values in ws.iter_rows(min_row=first, max_col=width, values_only=True):
        if all(v is None for v in values):
            break
        rows.append(values)
    return rows


def _text_date(text: str) -> date:
    """The day-first text dates the demo writes: 12-03-1985, 12/03/1985, 12 Maret 1985."""
    m = re.fullmatch(r"(\d{1,2})[-/](\d{2})[-/](\d{4})", text)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    day, month, year = text.split()
    return date(int(year), MONTHS[month.lower()], int(day))


def _amount(value: object) -> int:
    """The amounts the demo writes: ints, `7,5 juta`, `500 rb`, `1,2 M`, `Rp 2.500.000`, `Rp2.500.000,-`."""
    if isinstance(value, int):
        return value
    text = str(value).lower().removeprefix("rp").removesuffix(",-").strip()
    for word, factor in (("miliar", 10**9), ("m", 10**9), ("juta", 10**6), ("ribu", 10**3), ("rb", 10**3)):
        if text.endswith(" " + word):
            return round(float(text[: -len(word)].strip().replace(",", ".")) * factor)
    return int(text.replace(".", ""))


def _nik_birth(nik: str) -> tuple[date, bool]:
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    return date(1900 + yy if yy > 3 else 2000 + yy, month, day - 40 * female), female


# ----------------------------------------------------------------------------- reproducibility
def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path, region: Region, settings: Settings) -> None:
    kw = {"today": TODAY, "region": region, "settings": settings, "n_businesses": 150, "n_cooperatives": 80}
    first = write_demo_inputs(tmp_path / "a", seed=7, **kw)
    again = write_demo_inputs(tmp_path / "b", seed=7, **kw)
    other = write_demo_inputs(tmp_path / "c", seed=8, **kw)
    assert [p.name for p in first] == [demo.BUSINESS_FILE, demo.PROPOSAL_FILE, demo.COOP_FILE]
    assert [_sha(p) for p in first] == [_sha(p) for p in again]
    assert all(_sha(p) != _sha(q) for p, q in zip(first, other, strict=True))
    assert first.planted == again.planted


def test_fixed_timestamps_and_properties(demo_set: demo.DemoFiles, books: dict) -> None:
    stamp = datetime(TODAY.year, TODAY.month, TODAY.day, 8, 0)
    for path in demo_set:
        with zipfile.ZipFile(path) as z:
            assert {info.date_time for info in z.infolist()} == {stamp.timetuple()[:6]}
        props = books[path.name].properties
        assert props.created == props.modified == stamp


def test_bytes_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Set or dict order must never leak into the files: two interpreters, two hash seeds."""
    script = (
        "import sys; from datetime import date; from pathlib import Path; "
        "from ukmreport.demo import write_demo_inputs; from ukmreport.office.region import load_region; "
        "from ukmreport.settings import Settings; "
        "write_demo_inputs(Path(sys.argv[1]), seed=3, today=date(2026, 11, 28), region=load_region(None), "
        "settings=Settings(), n_businesses=120, n_cooperatives=60)"
    )
    root = Path(__file__).resolve().parents[1]
    for name, hash_seed in (("x", "1"), ("y", "2")):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        subprocess.run([sys.executable, "-c", script, str(tmp_path / name)], check=True, env=env, cwd=root)
    for f in (demo.BUSINESS_FILE, demo.PROPOSAL_FILE, demo.COOP_FILE):
        assert _sha(tmp_path / "x" / f) == _sha(tmp_path / "y" / f)


# ----------------------------------------------------------------------------- word lists
def test_word_lists_hold_what_the_generator_draws(region: Region, settings: Settings) -> None:
    """The data files, generic and regional, give every list the generator picks from by name."""
    words, local = load_words(), load_local_words()
    assert [m.lower() for m in words.months] == list(MONTHS)
    assert set(words.coop_names) == {t for t, _ in words.coop_types}
    assert {"Kementerian", "Provinsi", "Kota"} <= {p.source for p in words.aid_programs}
    assert all(re.fullmatch(r"\d+(-\d+)*", b.digits) for b in local.banks)
    assert set(local.business_names) <= set(settings.sectors)
    codes = [local.neighbour_code, *local.outside]
    assert all(re.fullmatch(r"\d{4}", c) for c in codes) and region.code not in codes
    assert local.name_mismatch.split()[-1] in words.female_names


# ----------------------------------------------------------------------------- businesses
def test_business_sheet_layout(books: dict, demo_set: demo.DemoFiles) -> None:
    ws = books[demo.BUSINESS_FILE]["Data UMKM"]
    assert ws["A1"].value == "DATA PELAKU USAHA MIKRO, KECIL DAN MENENGAH"
    assert ws["A2"].value == f"KOTA BAUBAU TAHUN {TODAY.year}"
    assert "A1:W1" in {str(m) for m in ws.merged_cells.ranges}
    assert all(c.value is None for c in ws[3])
    assert tuple(c.value for c in ws[demo.HEADER_ROW]) == demo.BUSINESS_HEADERS
    rows = _rows(ws, demo.FIRST_ROW, len(demo.BUSINESS_HEADERS))
    assert len(rows) == N == demo_set.planted["businesses"]["rows"]
    assert [r[0] for r in rows] == list(range(1, N + 1))
    total_row = demo.FIRST_ROW + N + 1
    assert ws.cell(total_row, 1).value == "JUMLAH"
    assert ws.cell(total_row, 14).value == sum(_amount(r[13]) for r in rows)
    assert ws.freeze_panes == "C5"


def test_clean_rows_are_clean(books: dict, demo_set: demo.DemoFiles, region: Region, settings: Settings) -> None:
    ws = books[demo.BUSINESS_FILE]["Data UMKM"]
    planted = {f["row"] for f in demo_set.planted["businesses"]["findings"]}
    sectors = {s.lower() for s in settings.sectors} | {a.lower() for al in settings.sectors.values() for a in al}
    for i, row in enumerate(_rows(ws, demo.FIRST_ROW, len(demo.BUSINESS_HEADERS))):
        if demo.FIRST_ROW + i in planted:
            continue
        nik, nama, jk, ttl, _, kel, kec = row[1:8]
        assert isinstance(nik, str) and re.fullmatch(r"\d{16}", nik) and nik[12:] != "0000", nik
        birth, female = _nik_birth(nik)
        assert date(1955, 1, 1) <= birth <= date(2003, 12, 31)
        assert jk in (("P", "Perempuan") if female else ("L", "Laki-laki")), (nik, jk)
        assert _text_date(re.split(r"\s*[,/]\s*", ttl, maxsplit=1)[1]) == birth, (nik, ttl)
        found_kec, found_kel = region.find_kecamatan(kec), region.find_kelurahan(kel)
        assert found_kec is not None and found_kel is not None and found_kel[1] == found_kec, (kec, kel)
        phone, sector, account = row[8], row[10], row[19]
        assert phone is None or isinstance(phone, str) and 10 <= len(re.sub(r"\D", "", phone)) <= 13
        assert sector.lower() in sectors
        assert account is None or isinstance(account, str) and 8 <= len(account.replace("-", "")) <= 20
        registered = row[21].date() if isinstance(row[21], datetime) else _text_date(row[21])
        assert TODAY.replace(year=TODAY.year - 3) <= registered <= TODAY
        kk = row[22]  # No. KK: the kecamatan's code, the issue date DDMMYY, a serial
        assert isinstance(kk, str) and re.fullmatch(r"\d{16}", kk) and kk[12:] != "0000", kk
        assert kk[:6] == found_kec.code.replace(".", ""), (kk, kec)
        issued = date(2000 + int(kk[10:12]), int(kk[8:10]), int(kk[6:8]))
        assert date(2005, 1, 1) <= issued <= registered, kk


def test_every_owner_has_a_family_card_and_some_share_one(books: dict, demo_set: demo.DemoFiles) -> None:
    rows = _rows(books[demo.BUSINESS_FILE]["Data UMKM"], demo.FIRST_ROW, len(demo.BUSINESS_HEADERS))
    assert demo.BUSINESS_HEADERS[22] == "No KK" and all(r[22] is not None for r in rows)
    shared = [kk for kk, n in Counter(r[22] for r in rows).items() if n > 1]
    assert 1 <= len(shared) <= 0.1 * len(rows)  # a husband and wife who both run a business


def test_planted_business_errors(books: dict, demo_set: demo.DemoFiles, region: Region) -> None:
    ws = books[demo.BUSINESS_FILE]["Data UMKM"]
    findings = demo_set.planted["businesses"]["findings"]
    assert {f["code"] for f in findings} == {code for code, *_ in demo.BUSINESS_ERRORS}
    for f in findings:
        value = ws[f"{f['column']}{f['row']}"].value
        match f["code"]:
            case "nik-numeric":
                assert isinstance(value, int) and len(str(value)) == 16
            case "nik-format":
                assert isinstance(value, str) and len(value) == 15
            case "unknown-kecamatan":
                assert region.find_kecamatan(value) is None and region.suggest_kecamatan(value)
            case "bad-phone":
                assert isinstance(value, int)
            case "bad-date":
                assert "31-02-" in value
            case "duplicate-nik":
                assert value == ws[f"B{f['duplicate_of']}"].value and f["duplicate_of"] < f["row"]
            case "missing-value":
                assert value is None
            case "kelurahan-mismatch":
                assert region.find_kelurahan(value)[1] != region.find_kecamatan(ws[f"H{f['row']}"].value)
            case "kk-format":
                assert isinstance(value, str) and re.fullmatch(r"\d{15}", value)
            case "kk-numeric":
                assert isinstance(value, int) and len(str(value)) == 16


def test_default_size_is_fast_and_errors_are_few(tmp_path: Path, region: Region, settings: Settings) -> None:
    start = time.perf_counter()
    files = write_demo_inputs(tmp_path, today=TODAY, region=region, settings=settings)
    elapsed = time.perf_counter() - start
    assert elapsed < 15, elapsed  # ~1.2 s on an idle machine; generous for a busy CI
    assert files.planted["businesses"]["rows"] == 5000
    assert 20 <= len(files.planted["businesses"]["findings"]) <= 30  # about 0.5% of rows
    ws = openpyxl.load_workbook(files[0], read_only=True)["Data UMKM"]
    assert ws.max_row == demo.FIRST_ROW + 5000 + 1  # the dimension tag is written


def test_business_workbook_helper(tmp_path: Path, region: Region, settings: Settings) -> None:
    kw = {"seed": 1, "today": TODAY, "region": region, "settings": settings}
    clean = write_business_workbook(tmp_path / "clean.xlsx", 400, errors=False, **kw)
    messy = write_business_workbook(tmp_path / "messy.xlsx", 1000, **kw)
    rows = _rows(openpyxl.load_workbook(clean, read_only=True)["Data UMKM"], demo.FIRST_ROW, 22)
    assert len(rows) == 400 and all(isinstance(r[1], str) and len(r[1]) == 16 for r in rows)
    niks = [r[1] for r in _rows(openpyxl.load_workbook(messy, read_only=True)["Data UMKM"], demo.FIRST_ROW, 22)]
    assert len(niks) == 1000
    assert any(isinstance(n, int) for n in niks) and any(isinstance(n, str) and len(n) == 15 for n in niks)
    assert len(niks) - len(set(niks)) >= 1


# ----------------------------------------------------------------------------- proposals
def test_proposal_rounds(books: dict, demo_set: demo.DemoFiles, settings: Settings) -> None:
    ws = books[demo.PROPOSAL_FILE]["Usulan Bantuan"]
    assert tuple(c.value for c in ws[demo.HEADER_ROW]) == demo.PROPOSAL_HEADERS
    rows = _rows(ws, demo.FIRST_ROW, len(demo.PROPOSAL_HEADERS))
    planted = demo_set.planted["proposals"]["rows"]
    assert len(rows) == len(planted)
    assert all(r[3] == settings.program.name for r in rows)
    past = [p for p in planted if p["round"] == "past"]
    new = [p for p in planted if p["round"] == "new"]
    assert len(past) == 29 and Counter(p["status"] for p in past) == {"Disalurkan": 11, "Ditolak": 18}
    assert len(new) == 41 and {p["status"] for p in new} == {"Diusulkan"}  # one per planted role and person
    for p, r in zip(planted, rows, strict=True):
        if p["role"] == "invalid-data" and isinstance(r[5], str) and re.fullmatch(r"\d\d-\d\d-\d\d", r[5]):
            continue  # the planted two-digit year
        when = r[5].date() if isinstance(r[5], datetime) else _text_date(r[5])
        if p["round"] == "past":
            assert when.year == TODAY.year - 1 and r[7] is not None  # with its Tanggal Keputusan
        else:
            assert when.year == TODAY.year and when <= TODAY
        assert r[6] in ("Disalurkan", "Ditolak", "Diusulkan", None)
    assert any(r[6] is None for r in rows) and any(isinstance(r[4], str) and r[4].startswith("Rp") for r in rows)
    assert all(p["eligible"] for p in past)  # the 11 funded and the 18 turned down were eligible people
    assert sum(p["eligible"] for p in new) >= 15


def test_every_reason_and_note_is_planted(demo_set: demo.DemoFiles) -> None:
    by_code = demo_set.planted["proposals"]["by_code"]
    for reason in REASONS:
        assert len(by_code.get(reason, [])) >= 2, reason
    for note in NOTES:
        assert by_code.get(note), note
    assert {f["code"] for f in demo_set.planted["proposals"]["findings"]} == {
        "nik-format",
        "nik-numeric",
        "bad-amount",
        "two-digit-year",
    }


def test_dikonfirmasi_column(books: dict, demo_set: demo.DemoFiles, settings: Settings) -> None:
    """Proposals with a note that needs a person wait (blank or Tidak) except one staff have confirmed (Ya)."""
    ws = books[demo.PROPOSAL_FILE]["Usulan Bantuan"]
    assert demo.PROPOSAL_HEADERS[-1] == "Dikonfirmasi" == ws.cell(demo.HEADER_ROW, 10).value
    confirm = set(settings.eligibility.confirm_notes)
    planted = demo_set.planted["proposals"]["rows"]
    for p in planted:
        assert ws.cell(p["row"], 10).value == p["dikonfirmasi"] in (None, "Ya", "Tidak")
        assert p["waiting"] == (p["eligible"] and bool(confirm & set(p["notes"])) and p["dikonfirmasi"] != "Ya")
    waiting = [p for p in planted if p["waiting"]]
    assert {n for p in waiting for n in p["notes"]} >= confirm and "Tidak" in {p["dikonfirmasi"] for p in waiting}
    [confirmed] = [p for p in planted if p["dikonfirmasi"] == "Ya"]
    assert confirmed["eligible"] and not confirmed["waiting"] and confirmed["notes"] == ["account-name-mismatch"]


def test_business_row_invalid_people_are_recorded_with_a_bad_cell(books: dict, demo_set: demo.DemoFiles) -> None:
    ws = books[demo.BUSINESS_FILE]["Data UMKM"]
    nik_at = {ws.cell(f["row"], 2).value: f for f in demo_set.planted["businesses"]["findings"]}
    broken = [p for p in demo_set.planted["proposals"]["rows"] if p["role"] == "business-row-invalid"]
    assert [p["reasons"] for p in broken] == [["business-row-invalid"]] * 2
    assert sorted(nik_at[p["nik"]]["code"] for p in broken) == ["bad-phone", "kk-numeric"]


def test_funded_people_are_eligible_owners(books: dict, demo_set: demo.DemoFiles, settings: Settings) -> None:
    owners = {r[1]: r for r in _rows(books[demo.BUSINESS_FILE]["Data UMKM"], demo.FIRST_ROW, 22)}
    funded = [p for p in demo_set.planted["proposals"]["rows"] if p["status"] == "Disalurkan"]
    assert len(funded) == 11
    for p in funded:
        owner = owners[p["nik"]]
        assert _amount(owner[14]) * 12 <= 2_000_000_000
        assert owner[16] in ("Wiraswasta", "Pedagang", "Nelayan", "Petani", "Ibu Rumah Tangga")
        assert owner[17] in ("Tidak", "T", None) and owner[19]


def test_aid_history(books: dict, demo_set: demo.DemoFiles, settings: Settings) -> None:
    ws = books[demo.PROPOSAL_FILE]["Riwayat Bantuan"]
    assert tuple(c.value for c in ws[3]) == demo.AID_HEADERS
    rows = _rows(ws, 4, len(demo.AID_HEADERS))
    assert 140 <= len(rows) <= 160 and len(rows) == demo_set.planted["aid_history"]["rows"]
    funded = {p["nik"] for p in demo_set.planted["proposals"]["rows"] if p["status"] == "Disalurkan"}
    same = [r for r in rows if r[3] == settings.program.name]
    assert {r[1] for r in same} == funded and {r[4] for r in same} == {TODAY.year - 1}
    assert {r[6] for r in rows} == {"Kementerian", "Provinsi", "Kota"}
    assert all(r[4] <= TODAY.year for r in rows)


# ----------------------------------------------------------------------------- cooperatives
def test_cooperative_sheet(books: dict, demo_set: demo.DemoFiles) -> None:
    ws = books[demo.COOP_FILE]["Data Koperasi"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"L4:M4", "A4:A5", "B4:B5", "J4:J5"} <= merged
    assert (ws["L4"].value, ws["L5"].value, ws["M5"].value) == ("MODAL (Rp)", "Modal Sendiri", "Modal Luar")
    rows = _rows(ws, 6, len(demo.COOP_HEADERS))
    assert len(rows) == 161  # 159 valid cooperatives, one of unknown type, and one entered twice
    bh = Counter(r[3] for r in rows)
    assert len(bh) == 160 and [n for n in bh.values() if n > 1] == [2]
    assert [r[2] for r in rows].count("Koperasi Syariah") == 1
    assert {r[2] for r in rows} - {"Koperasi Syariah"} == {
        "KSP",
        "Simpan Pinjam",
        "Konsumen",
        "Produsen",
        "Pemasaran",
        "Jasa",
    }
    assert {f["code"] for f in demo_set.planted["cooperatives"]["findings"]} == {"unknown-coop-type", "duplicate-coop"}
    assert any(r[8] < 9 for r in rows) and any(r[15] is not None and r[15] < 0 for r in rows)


def test_cooperative_health_plan(demo_set: demo.DemoFiles) -> None:
    coops = demo_set.planted["cooperatives"]
    rows = coops["rows"]
    assert len(rows) == 159
    assert set(coops["health"]) == set(CATEGORIES) and coops["health"]["sehat"] == 25
    assert 0.35 <= coops["rat_compliant"] / 159 <= 0.45
    assert 0.15 <= sum(not r["active"] for r in rows) / 159 <= 0.25
    capped = [r for r in rows if r["score"] is not None and r["score"] >= 80 and r["category"] == "cukup_sehat"]
    assert len(capped) >= 2 and all("rat-missing" in r["reasons"] for r in capped)
    assert any(r["score"] == 80 and r["category"] == "sehat" for r in rows)
    assert any(r["score"] == 79.75 and r["rat_compliant"] and r["category"] == "cukup_sehat" for r in rows)
    notes = {n for r in rows for n in r["notes"]}
    assert notes == {"rat-late", "below-min-members", "negative-shu", "assessment-outdated"}
    outdated = [r for r in rows if "assessment-outdated" in r["notes"]]
    assert outdated and all(r["category"] == "tidak_dinilai" and r["score"] is None for r in outdated)
    assert 100 <= sum(r["score"] is not None for r in rows) <= 115
    scored = [r for r in rows if r["score"] is not None]
    assert all(r["assessment_year"] and r["guideline"] for r in scored)
    assert all(r["assessment_year"] is None and r["guideline"] is None for r in rows if r["score"] is None)
    assert {r["guideline"] for r in scored} == {"2016", "2021"}
    assert any(r["guideline"] == "2021" and r["category"] == "sehat" for r in scored)
    candidates = [r for r in rows if r["candidate"]]
    assert candidates and all(r["category"] == "sehat" and r["rat_on_time"] and r["active"] for r in candidates)
    kept_out = {n for r in rows if r["kept_out_by"] for n in r["kept_out_by"]}
    assert "below-min-members" in kept_out and all(r["category"] == "sehat" for r in rows if r["kept_out_by"])
    assert len(candidates) + sum(bool(r["kept_out_by"]) for r in rows) == coops["health"]["sehat"]


def test_a_sehat_cooperative_below_the_legal_minimum_is_kept_from_recognition(
    books: dict, demo_set: demo.DemoFiles
) -> None:
    members = {r[3]: r[8] for r in _rows(books[demo.COOP_FILE]["Data Koperasi"], 6, 16)}
    kept = [r for r in demo_set.planted["cooperatives"]["rows"] if "below-min-members" in r["kept_out_by"]]
    assert kept and all(members[r["nomor_badan_hukum"]] < 9 and not r["candidate"] for r in kept)
    assert 7 in {members[r["nomor_badan_hukum"]] for r in kept}


ASPECTS_2016 = (
    "Permodalan",
    "Kualitas Aktiva Produktif",
    "Manajemen",
    "Efisiensi",
    "Likuiditas",
    "Kemandirian dan Pertumbuhan",
    "Jatidiri Koperasi",
)
ASPECTS_2021 = ("Tata Kelola", "Profil Risiko", "Kinerja Keuangan", "Permodalan")


def test_assessment_sheet(books: dict, demo_set: demo.DemoFiles, settings: Settings) -> None:
    """Both guidelines' rows, Pedoman where written agreeing with the columns, one row of each planted fault."""
    ws = books[demo.COOP_FILE]["Penilaian Kesehatan"]
    assert tuple(c.value for c in ws[demo.HEADER_ROW]) == demo.ASSESS_HEADERS
    rows = [dict(zip(demo.ASSESS_HEADERS, r, strict=True)) for r in _rows(ws, demo.FIRST_ROW, len(demo.ASSESS_HEADERS))]
    known = {r[3] for r in _rows(books[demo.COOP_FILE]["Data Koperasi"], 6, 16)}
    rules = settings.cooperatives
    maxima = {
        "2016": dict(zip(ASPECTS_2016, rules.aspect_max.values(), strict=True)),
        "2021": dict(zip(ASPECTS_2021, rules.aspect_max_2021.values(), strict=True)),
    }
    by_guideline, incomplete, out_of_range, mismatched = Counter(), [], [], []
    for r in rows:
        guideline = "2021" if any(r[h] is not None for h in ASPECTS_2021[:3]) else "2016"
        assert r["Pedoman"] in (None, int(guideline)), r
        assert guideline == "2016" or r["Tahun Buku"] >= 2021, r
        assert all(r[h] is None for h in set(ASPECTS_2016 + ASPECTS_2021) - set(maxima[guideline])), r
        by_guideline[guideline] += 1
        points = {h: r[h] for h in maxima[guideline]}
        if None in points.values():
            incomplete.append((guideline, [h for h, v in points.items() if v is None]))
        elif any(not 0 <= v <= maxima[guideline][h] for h, v in points.items()):
            out_of_range.append(r)
        elif r["Predikat"] is not None:
            score = sum(points.values())
            if category_of_text(r["Predikat"]) != health_category(score, rules, guideline):
                mismatched.append(r["Predikat"])
    assert by_guideline["2016"] >= 40 and by_guideline["2021"] >= 20, by_guideline
    assert incomplete == [("2021", ["Profil Risiko"])] and len(out_of_range) == 1 and len(mismatched) == 1
    assert sum(r["Predikat"] is not None for r in rows) >= len(rows) / 3
    assert len([r for r in rows if r["No Badan Hukum"] not in known]) == 1
    assert {f["code"] for f in demo_set.planted["assessments"]["findings"]} == {
        "score-out-of-range",
        "assessment-incomplete",
        "predicate-mismatch",
        "assessment-unknown-coop",
    }


# ----------------------------------------------------------------------------- against the real validator
def test_validator_finds_exactly_what_was_planted(demo_set: demo.DemoFiles, settings: Settings) -> None:
    """Every planted finding, reason, note and category, and nothing on the clean rows."""
    pipeline = pytest.importorskip("ukmreport.pipeline")
    from ukmreport.rules.cooperatives import decide_cooperatives
    from ukmreport.rules.eligibility import decide_proposals

    planted = demo_set.planted
    region, data = pipeline.read(demo_set[0].parent, settings, TODAY)
    expected = {
        (planted[k]["file"], planted[k]["sheet"], f["row"], f["code"]): f["column"]
        for k in ("businesses", "proposals", "cooperatives", "assessments")
        for f in planted[k]["findings"]
    }
    got = {(Path(f.file).name, f.sheet, f.row, f.code): f.column for f in data.findings}
    assert got.keys() == expected.keys()
    assert all(got[key] in (column, None) for key, column in expected.items())  # None: a row-level finding
    decisions = decide_proposals(data.proposals, data.businesses, data.aid_history, settings.eligibility, region.code)
    want = {p["row"]: (sorted(p["reasons"]), sorted(p["notes"]), p["waiting"]) for p in planted["proposals"]["rows"]}
    assert {d.proposal.row: (sorted(d.reasons), sorted(d.notes), d.waiting) for d in decisions} == want
    period_end = date.fromisoformat(planted["period_end"])
    coops = decide_cooperatives(data.cooperatives, data.assessments, period_end, settings.cooperatives)
    keys = ("category", "score", "assessment_year", "guideline", "rat_compliant", "rat_on_time", "active")
    keys += ("candidate", "kept_out_by", "reasons", "notes")
    want_c = {r["row"]: {k: r[k] for k in keys} for r in planted["cooperatives"]["rows"]}
    got_c = {d.cooperative.row: {k: getattr(d, k) for k in keys} for d in coops}
    assert got_c == want_c
