"""The whole run on the demo data: what `ukmreport demo` leaves, read back as a user would."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from markupsafe import escape
from pypdf import PdfReader

from ukmreport import formatting as fmt
from ukmreport.demo import write_demo_inputs
from ukmreport.messages import reason_text
from ukmreport.office.region import load_region
from ukmreport.pipeline import BuildResult, build
from ukmreport.rules.eligibility import NOTE_ORDER, REASON_ORDER
from ukmreport.rules.explanations import explain
from ukmreport.settings import load_settings


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("demo")
    settings = load_settings(None)
    files = write_demo_inputs(
        root / "inputs", seed=7, today=date.today(), region=load_region(None), settings=settings, n_businesses=400
    )
    result = build(root / "inputs", settings, out=root / "reports")
    result.planted = files.planted  # type: ignore[attr-defined]
    return result


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_every_report_file_is_written(demo_build):
    names = sorted(p.name for p in demo_build.out_dir.iterdir())
    for expected in [
        "usulan.pdf",
        "usulan.html",
        "usulan.xlsx",
        "seleksi.pdf",
        "seleksi.html",
        "manifest.json",
        "decisions.json",
    ]:
        assert expected in names
    assert not [p for p in demo_build.out_dir.parent.iterdir() if p.name.startswith(".")]


def test_every_reason_and_note_is_produced_by_the_demo(demo_build):
    reasons = {r for d in demo_build.run.decisions.proposals for r in d.reasons}
    notes = {n for d in demo_build.run.decisions.proposals for n in d.notes}
    assert reasons == set(REASON_ORDER)
    assert notes == set(NOTE_ORDER)
    assert any(d.waiting for d in demo_build.run.decisions.proposals)


def test_seleksi_explains_every_reason_in_words(demo_build):
    text = " ".join(" ".join(pdf_text(demo_build.out_dir / "seleksi.pdf")).split())
    decisions = demo_build.run.decisions.proposals
    for code in {r for d in decisions for r in d.reasons}:
        assert reason_text(code) in text, code  # the counts table
    html = (demo_build.out_dir / "seleksi.html").read_text("utf-8")
    for d in decisions:
        assert d.proposal.nik in html or d.proposal.nik is None
        for code in d.reasons + d.notes:  # every reason and note as its sentence with its facts
            assert escape(explain(code, d.facts.get(code))) in html, (d.proposal.row, code)
    assert "Perlu dikonfirmasi" in text


def test_the_letter_lists_exactly_the_eligible_proposed(demo_build):
    proposed = [
        d
        for d in demo_build.run.decisions.proposals
        if d.eligible and not d.waiting and d.proposal.status == "Diusulkan"
    ]
    total = sum(int(d.proposal.nilai_usulan) for d in proposed)
    pages = pdf_text(demo_build.out_dir / "usulan.pdf")
    text = " ".join(" ".join(pages).split())
    assert fmt.rupiah(total, cents=True) in text
    assert fmt.amount_in_words(total) in text
    assert f"Baubau, {fmt.long_date(date.today())}" in text
    assert "NIP. " in text and "Yth." in text and "Hal" in text and "Lampiran" in text
    for d in proposed:
        assert d.proposal.nik in text
    ineligible = [d for d in demo_build.run.decisions.proposals if (not d.eligible or d.waiting) and d.proposal.nik]
    assert not [
        d.proposal.nik
        for d in ineligible
        if d.proposal.nik in text and not any(e.proposal.nik == d.proposal.nik for e in proposed)
    ]
    n = len(pages)
    for i, page in enumerate(pages, 1):
        assert f"Halaman {i} dari {n}" in page


def test_the_letter_is_pdfa_with_the_xlsx_inside(demo_build):
    reader = PdfReader(demo_build.out_dir / "usulan.pdf")
    assert "usulan.xlsx" in reader.attachments
    assert reader.attachments["usulan.xlsx"][0] == (demo_build.out_dir / "usulan.xlsx").read_bytes()
    assert reader.metadata.title and reader.metadata.author
    xmp = reader.xmp_metadata
    assert xmp is not None and "pdfaid" in xmp.rdf_root.toxml()


def test_the_xlsx_is_the_same_table(demo_build):
    proposed = [
        d
        for d in demo_build.run.decisions.proposals
        if d.eligible and not d.waiting and d.proposal.status == "Diusulkan"
    ]
    wb = openpyxl.load_workbook(demo_build.out_dir / "usulan.xlsx")
    ws = wb.worksheets[0]
    values = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(values) if r[0] == "No")
    assert list(values[header]) == load_settings(None).letter.columns
    rows, total = values[header + 1 : -1], values[-1]
    assert total[0] == f"JUMLAH ({len(proposed)} orang)" and total[-1] == sum(r[-1] for r in rows)
    assert ws.title == "BPUM" and ws.print_title_rows == f"${header + 1}:${header + 1}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert [r[1] for r in rows] == [d.proposal.nik for d in proposed]
    assert all(isinstance(r[1], str) and len(r[1]) == 16 for r in rows)
    assert sum(r[-1] for r in rows) == sum(d.proposal.nilai_usulan for d in proposed)


def test_manifest_describes_inputs_and_outputs(demo_build):
    manifest = json.loads((demo_build.out_dir / "manifest.json").read_text("utf-8"))
    assert manifest["period"] == str(date.today().year)
    for entry in manifest["outputs"]:
        data = (demo_build.out_dir / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        if entry["format"] == "pdf":
            assert entry["pages"] == len(PdfReader(demo_build.out_dir / entry["path"]).pages)
    for entry in manifest["inputs"]:
        assert hashlib.sha256(Path(entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    s = manifest["summary"]
    decisions = demo_build.run.decisions.proposals
    assert s["proposals"] == len(decisions)
    assert s["eligible"] == sum(d.eligible for d in decisions)
    assert s["ineligible"] == s["proposals"] - s["eligible"]
    assert s["amount_eligible"] == sum(d.proposal.nilai_usulan for d in decisions if d.eligible)
    assert s["businesses"] == sum(b.valid for b in demo_build.run.data.businesses)
    assert set(s["cooperative_health"]) == {
        "sehat",
        "cukup_sehat",
        "dalam_pengawasan",
        "dalam_pengawasan_khusus",
        "tidak_dinilai",
    }
    assert set(s["findings"]) == {"error", "warning", "info"}


def test_decisions_json_shape(demo_build):
    doc = json.loads((demo_build.out_dir / "decisions.json").read_text("utf-8"))
    first = doc["proposals"][0]
    assert set(first) == {
        "file",
        "row",
        "nik",
        "nama",
        "program",
        "status",
        "nilai",
        "eligible",
        "waiting",
        "reasons",
        "notes",
        "explanations",
    }
    assert set(first["explanations"]) == set(first["reasons"] + first["notes"])
    coop = doc["cooperatives"][0]
    assert set(coop) == {
        "file",
        "row",
        "nomor_badan_hukum",
        "nama_koperasi",
        "category",
        "score",
        "assessment_year",
        "guideline",
        "active",
        "rat_compliant",
        "rat_on_time",
        "candidate",
        "reasons",
        "notes",
        "explanations",
    }


def test_planted_decisions_match(demo_build):
    planted = {r["row"]: r for r in demo_build.planted["proposals"]["rows"]}
    for d in demo_build.run.decisions.proposals:
        expected = planted[d.proposal.row]
        assert (d.eligible, d.reasons, d.notes) == (expected["eligible"], expected["reasons"], expected["notes"]), (
            d.proposal.row
        )


def test_the_clock_is_source_date_epoch_when_set_and_refuses_a_bad_one(monkeypatch):
    from datetime import UTC, datetime

    from ukmreport.errors import ConfigError
    from ukmreport.pipeline import clock

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")
    assert clock() == datetime(2026, 11, 28, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " ")
    assert clock().microsecond == 0 and clock().tzinfo is UTC
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "28-11-2026")
    with pytest.raises(ConfigError, match=r"SOURCE_DATE_EPOCH='28-11-2026' bukan jumlah detik sejak 1970"):
        clock()


def test_the_letter_has_every_recipients_no_kk_and_the_confirmed_proposal(demo_build):
    """No. KK filled from the businesses sheet; the confirmed proposal in, the waiting ones out."""
    wb = openpyxl.load_workbook(demo_build.out_dir / "usulan.xlsx")
    values = list(wb.worksheets[0].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(values) if r[0] == "No")
    nik_col, kk_col = values[header].index("NIK"), values[header].index("No. KK")
    kk_of = {b.nik: b.no_kk for b in demo_build.run.data.businesses if b.valid}
    rows = values[header + 1 : -1]
    assert rows and all(r[kk_col] == kk_of[r[nik_col]] and len(r[kk_col]) == 16 for r in rows)
    planted = demo_build.planted["proposals"]["rows"]
    [confirmed] = [p for p in planted if p["dikonfirmasi"] == "Ya"]
    letter = " ".join(" ".join(pdf_text(demo_build.out_dir / "usulan.pdf")).split())
    assert confirmed["nik"] in {r[nik_col] for r in rows} and confirmed["nik"] in letter
    waiting = [p["nik"] for p in planted if p["waiting"]]
    assert len(waiting) == 4 and not [nik for nik in waiting if nik in letter or nik in {r[nik_col] for r in rows}]


def test_decisions_json_explains_the_planted_cases(demo_build):
    doc = json.loads((demo_build.out_dir / "decisions.json").read_text("utf-8"))
    proposals = {p["row"]: p for p in doc["proposals"]}
    for planted in demo_build.planted["proposals"]["rows"]:
        got = proposals[planted["row"]]
        assert (got["eligible"], got["waiting"]) == (planted["eligible"], planted["waiting"]), planted["row"]
        assert set(got["explanations"]) == set(planted["reasons"] + planted["notes"])
    broken = [p for p in doc["proposals"] if p["reasons"] == ["business-row-invalid"]]
    assert len(broken) == 2
    for p in broken:
        sentence = p["explanations"]["business-row-invalid"]
        assert "data_pelaku_usaha.xlsx, lembar Data UMKM, baris" in sentence and "jangan didaftarkan ulang" in sentence
    cells = " ".join(p["explanations"]["business-row-invalid"] for p in broken)
    assert "bukan nomor HP yang sah" in cells and "diketik sebagai angka" in cells
    coops = doc["cooperatives"]
    by_2021 = [c for c in coops if c["guideline"] == "2021"]
    assert by_2021 and all(c["assessment_year"] >= 2021 and c["score"] is not None for c in by_2021)
    outdated = [c for c in coops if "assessment-outdated" in c["notes"]]
    assert outdated and all(
        (c["category"], c["score"], c["guideline"]) == ("tidak_dinilai", None, None) for c in outdated
    )
    assert all("perlu dinilai ulang" in c["explanations"]["assessment-outdated"] for c in outdated)
    kept = [c for c in coops if c["category"] == "sehat" and not c["candidate"]]
    assert any("below-min-members" in c["notes"] for c in kept)
