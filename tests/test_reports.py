"""Report contexts and their rendering: koperasi and berkala, read back as a reader would."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from pathlib import Path

import pytest
from pypdf import PdfReader

from ukmreport.demo import write_demo_inputs
from ukmreport.messages import CATEGORIES
from ukmreport.office.region import load_region
from ukmreport.period import parse_period
from ukmreport.pipeline import build, prepare
from ukmreport.rules.explanations import group_sentence, row_fact
from ukmreport.settings import load_settings

NIK_OR_ACCOUNT = re.compile(r"(?<!\d)\d{8,20}(?!\d)")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reports")
    write_demo_inputs(
        root / "inputs",
        seed=11,
        today=date.today(),
        region=load_region(None),
        settings=load_settings(None),
        n_businesses=300,
    )
    return root / "inputs"


@pytest.fixture(scope="module")
def year_build(inputs: Path, tmp_path_factory: pytest.TempPathFactory):
    return build(inputs, load_settings(None), out=tmp_path_factory.mktemp("out"), only=["koperasi", "berkala"])


def listed(sentence: str) -> str:
    """A group's sentence as listed after a colon: 'tidak ada RAT …' ('RAT …' stays)."""
    return sentence[0].lower() + sentence[1:] if sentence[1:2].islower() else sentence


def row_of(html: str, key: str) -> str:
    """The table row (<tr>…</tr>) of the HTML that holds key."""
    rows = [row for row in re.findall(r"<tr[ >].*?</tr>", html, flags=re.S) if key in row]
    assert len(rows) == 1, (key, len(rows))
    return rows[0]


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_koperasi_report_shows_every_category_and_the_candidates(year_build):
    text = text_of(year_build.out_dir / "koperasi.pdf")
    for words in CATEGORIES.values():
        assert words["id"] in text
    decisions = year_build.run.decisions.cooperatives
    candidates = [d for d in decisions if d.recognition]
    assert f"Calon penerima penghargaan ({len(candidates)})" in text
    inactive = [d for d in decisions if not d.active]
    assert f"calon pemeriksaan pembubaran ({len(inactive)})" in text
    html = (year_build.out_dir / "koperasi.html").read_text("utf-8")
    for d in decisions:
        assert d.cooperative.nomor_badan_hukum in html
    capped = [d for d in decisions if d.category == "cukup_sehat" and d.score is not None and d.score >= 80]
    assert capped
    assert html.count(escape(listed(group_sentence("score-capped", capped[0].facts["score-capped"])))) == 1
    for d in capped:  # the sentence once above the table, each row its own score
        assert escape(row_fact("score-capped", d.facts["score-capped"])) in row_of(
            html, d.cooperative.nomor_badan_hukum
        )
    assert 20 <= sum(d.category == "sehat" for d in decisions) <= 30
    kept_out = [d for d in decisions if d.kept_out_by]
    assert kept_out and f"Sehat, tetapi tidak diusulkan ({len(kept_out)})" in text
    scored = next(d for d in decisions if d.score is not None)
    assert f"({scored.assessment_year}, pedoman {scored.guideline})" in html
    assert "RAT tepat waktu" in text


def test_koperasi_keeps_every_reason_and_its_facts_in_view(year_build):
    """Each reason and note is said once above its group's table; what differs is in the row."""
    html = (year_build.out_dir / "koperasi.html").read_text("utf-8")
    for d in year_build.run.decisions.cooperatives:
        row = row_of(html, d.cooperative.nomor_badan_hukum)
        assert f">{d.cooperative.tahun_buku_rat or '–'}<" in row  # the RAT's year, for rat-missing and inactive
        codes = d.reasons + d.notes + (["score-capped"] if "score-capped" in d.facts else [])
        for code in codes:
            facts = d.facts.get(code)
            sentence = group_sentence(code, facts)
            assert escape(listed(sentence)) in html, code
            short = row_fact(code, facts)
            if short is not None:  # said in the row, or once for a group whose rows all share it
                assert escape(short) in row or f": {escape(short)}" in html, (d.cooperative.nama_koperasi, code)


def test_koperasi_pages_are_landscape_and_numbered(year_build):
    reader = PdfReader(year_build.out_dir / "koperasi.pdf")
    n = len(reader.pages)
    for i, page in enumerate(reader.pages, 1):
        assert page.mediabox.width > page.mediabox.height
        assert f"Halaman {i} dari {n}" in page.extract_text()
        if i > 1:
            assert "Nama koperasi" in page.extract_text()  # the header repeats


def test_berkala_has_every_section_chart_and_figure(year_build):
    html = (year_build.out_dir / "berkala.html").read_text("utf-8")
    text = text_of(year_build.out_dir / "berkala.pdf")
    for title in (
        "Daftar isi",
        "Ringkasan",
        "Pelaku usaha",
        "Usulan bantuan",
        "Koperasi",
        "Mutu data",
        "Pelaku usaha per kecamatan",
        "Pelaku usaha per sektor",
        "Pelaku usaha per kelas usaha",
        "Pelaku usaha per jenis kelamin",
        "Pendataan pelaku usaha baru per bulan",
        "Usulan bantuan menurut status",
        "Usulan bantuan menurut program",
        "Koperasi menurut kategori kesehatan",
        "Kepatuhan RAT",
        "Baris data per lembar",
        "Usulan ditolak kementerian menurut keterangan",
        "Riwayat keputusan usulan per tahun",
        "Kata pengantar",
        "Sorotan",
        "Konsep dan definisi",
        "Sumber:",
        "Tabel 1.1",
        "Gambar 1.1",
    ):
        assert title in text, title
    assert html.count("<svg") >= 5
    assert "<script" not in html.lower()
    run = year_build.run
    assert f"{run.period.start.year - 1}" in text  # the previous period (or its same span) beside
    if run.period.start <= run.today < run.period.end:
        assert "(angka sementara)" in text


def test_berkala_toc_has_page_numbers(year_build):
    reader = PdfReader(year_build.out_dir / "berkala.pdf")
    pages = [page.extract_text() for page in reader.pages]
    assert "Daftar isi" in pages[1]
    numbers = [int(line) for line in pages[1].splitlines() if line.strip().isdigit()][:6]
    assert len(numbers) == 6 and numbers == sorted(numbers)
    chapters = ["1. Pelaku usaha", "2. Usulan bantuan", "3. Koperasi", "4. Mutu data"]
    for title, number in zip(chapters, numbers[2:], strict=True):
        assert pages[number - 1].lstrip().startswith(title), (title, number)


def test_leadership_reports_never_show_a_full_nik_or_account(year_build):
    """Every output the manifest marks personal_data: false (tests/test_access.py scans a full build)."""
    data = year_build.run.data
    secrets = {b.nik for b in data.businesses if b.nik} | {b.no_rekening for b in data.businesses if b.no_rekening}
    secrets |= {p.nik for p in data.proposals if p.nik}
    public = [entry for entry in year_build.outputs if not entry["personal_data"]]
    assert {e["name"] for e in public} == {"berkala", "koperasi"}
    for entry in public:
        path = year_build.out_dir / entry["path"]
        blob = text_of(path) if entry["format"] == "pdf" else path.read_text("utf-8")
        leaked = [m for m in NIK_OR_ACCOUNT.findall(blob) if m in secrets]
        assert leaked == [], (entry["path"], leaked[:3])


def test_quarterly_build_compares_with_the_previous_quarter(inputs, tmp_path):
    quarter = f"{date.today().year}-Q2"
    result = build(
        inputs, load_settings(None), out=tmp_path, period=parse_period(quarter), only=["berkala"], formats=["html"]
    )
    html = (result.out_dir / "berkala.html").read_text("utf-8")
    assert result.out_dir.name == quarter
    assert f"Triwulan II {date.today().year}" in html and f"Triwulan I {date.today().year}" in html
    businesses = result.run.data.businesses
    q2 = parse_period(quarter)
    new = sum(1 for b in businesses if b.valid and b.tanggal_pendataan and b.tanggal_pendataan in q2)
    assert new > 0 and f">{new}<" in html.replace(".", "")


def test_berkala_context_counts_match_the_data(inputs):
    from ukmreport.reports import berkala

    settings = load_settings(None)
    run = prepare(inputs, settings)
    ctx = berkala.build(run)
    kecamatan = next(t for s in ctx.sections for t in s.tables if t.title == "Pelaku usaha per kecamatan")
    registered = [
        b
        for b in run.data.businesses
        if b.valid and (b.tanggal_pendataan is None or b.tanggal_pendataan <= run.period.end)
    ]
    assert kecamatan.total[1] == f"{len(registered):,}".replace(",", ".")


def test_validasi_groups_findings_and_caps_long_lists(make_workbook, tmp_path):
    from tests.conftest import BUSINESS_HEADERS, business_row

    hostile = [
        business_row(1, NIK="7472014503850001", Kecamatan="<script>alert(1)</script>"),
        business_row(2, NIK="7472014503850002", Kecamatan="{{ 7*7 }}"),
    ]
    rows = [business_row(i, NIK=f"74720145038{i:05d}", Kecamatan="Betoambri") for i in range(3, 52)]
    path = make_workbook({"Data UMKM": [BUSINESS_HEADERS, *hostile, *rows]})
    result = build([path], load_settings(None), out=tmp_path / "out", only=["validasi"], formats=["html"])
    html = (result.out_dir / "validasi.html").read_text("utf-8")
    unknown = [f for f in result.run.data.findings if f.code == "unknown-kecamatan"]
    assert len(unknown) == 51
    assert "51×" in html and "dan 11 lainnya" in html  # 40 cells shown, the rest counted
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert 'href="anotasi/book.xlsx"' in html
    assert (result.out_dir / "anotasi" / "book.xlsx").is_file()


def test_build_writes_annotated_copies_and_lists_them_in_the_manifest(year_build, inputs):
    import json

    manifest = json.loads((year_build.out_dir / "manifest.json").read_text("utf-8"))
    copies = [o for o in manifest["outputs"] if o["name"] == "anotasi"]
    assert {Path(o["path"]).name for o in copies} == {p.name for p in inputs.glob("*.xlsx")}
    for entry in manifest["inputs"]:
        import hashlib

        assert hashlib.sha256(Path(entry["path"]).read_bytes()).hexdigest() == entry["sha256"]


# --- the declarations and the registry --------------------------------------------------------


def test_every_declared_report_has_its_template_and_a_known_long_table():
    from ukmreport.render.html import packaged_template_dir
    from ukmreport.reports import REPORTS, contexts

    assert list(REPORTS) == ["usulan", "seleksi", "koperasi", "validasi", "berkala"]
    for name, report in REPORTS.items():
        assert report.name == name and (packaged_template_dir() / f"{name}.html").is_file()
        assert {"html"} <= set(report.formats) and set(report.attachments) <= set(report.formats)
        if report.long_table is not None:
            items, rows = report.long_table
            context = getattr(contexts, f"{name.capitalize()}Context")
            item_type = context.model_fields[items].annotation.__args__[0]  # list[Item]
            assert rows in item_type.model_fields


def test_attachments_come_with_the_pdf_and_formats_filter_the_rest():
    from ukmreport.reports import REPORTS

    usulan, validasi = REPORTS["usulan"], REPORTS["validasi"]
    assert usulan.wanted(None) == ["pdf", "html", "xlsx"]
    assert usulan.wanted(["pdf"]) == ["pdf", "xlsx"]
    assert usulan.wanted(["html"]) == ["html"]
    assert validasi.wanted(["pdf"]) == [] and validasi.needs_annotated


def test_the_office_setting_replaces_a_reports_declared_masking(inputs):
    from ukmreport.reports import REPORTS, berkala

    settings = load_settings(None)
    assert REPORTS["berkala"].masked(settings) == {"nik", "no_rekening"}
    paid = next(p for p in prepare(inputs, settings).data.proposals if p.status == "Disalurkan" and p.tanggal_usulan)
    year = parse_period(str(paid.tanggal_usulan.year))

    def cells(masking: dict[str, list[str]]) -> str:
        run = prepare(inputs, settings.model_copy(update={"masking": masking}), year)
        return " ".join(c for s in berkala.build(run).sections for t in s.tables for r in t.rows for c in r)

    assert paid.nik not in cells({}) and f"{paid.nik[:6]}******{paid.nik[-4:]}" in cells({})
    assert paid.nik in cells({"berkala": []})


def test_a_masking_setting_for_no_report_is_a_config_error(tmp_path):
    from ukmreport.errors import ConfigError
    from ukmreport.reports import select

    config = tmp_path / "ukmreport.toml"
    config.write_text('[masking]\nberkla = ["nik"]\n')
    with pytest.raises(ConfigError, match="masking: no report called berkla"):
        select(None, load_settings(config))
