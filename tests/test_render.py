"""Rendering: templates to HTML (escaped, self-contained) and PDF (single and in pieces)."""

from __future__ import annotations

import http.server
import logging
import os
import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from ukmreport.errors import RenderError, TemplateError
from ukmreport.render.html import packaged_template_dir, render_html, template_dirs, url_fetcher, write_pdf
from ukmreport.render.pdf import Slice, plan_pieces, render_pdf
from ukmreport.reports import REPORTS
from ukmreport.reports.contexts import (
    DocInfo,
    Figure,
    Letterhead,
    SeleksiContext,
    SeleksiGroup,
    SeleksiRow,
    Signature,
    UsulanContext,
    UsulanLetter,
    UsulanRow,
)
from ukmreport.reports.usulan import attachment_columns
from ukmreport.settings import Settings

TITLE = "Usulan Calon Penerima Bantuan — Dinas Koperasi dan UKM Kota Baubau"
AUTHOR = "Dinas Koperasi dan UKM Kota Baubau"
PROGRAM = "Bantuan Pemerintah bagi Pelaku Usaha Mikro (BPUM)"
HEADER = ("NIK", "Nama Usaha", "Bidang Usaha", "No Rekening")
NIK_RE = re.compile(r"7472\d{12}")
STAMP = datetime(2026, 11, 28, tzinfo=UTC)


pytestmark = pytest.mark.machine  # fonts are subset by HarfBuzz-Subset or fontTools, as the machine has

# Logged by WeasyPrint on a machine without HarfBuzz-Subset (a fresh one): what the machine has, not a fault.
MACHINE_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)


def library_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    """WeasyPrint's warnings, less those that depend on the machine's libraries."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("weasyprint") and not r.getMessage().startswith(MACHINE_WARNINGS)
    ]


def pdf(
    name: str,
    ctx: object,
    dest: Path,
    settings: Settings,
    *,
    piece_rows: int | None = None,
    subsetter: str = "auto",
    **kwargs: object,
) -> int:
    """render_pdf as the pipeline calls it: the report's declared long table, the run's clock."""
    rendering = {"font_subsetter": subsetter} | ({"pdf_piece_rows": piece_rows} if piece_rows else {})
    settings = settings.model_copy(update={"rendering": settings.rendering.model_copy(update=rendering)})
    declared = REPORTS[name]
    return render_pdf(name, ctx, dest, settings, stamp=STAMP, long_table=declared.long_table, **kwargs)  # type: ignore[arg-type]


def nik(i: int) -> str:
    return f"747201{i % 28 + 1:02d}0{i % 9 + 1}90{i:04d}"


def usulan_row(i: int, **overrides: str) -> UsulanRow:
    values = {
        "no": i,
        "nik": nik(i),
        "nama": ["Wa Ode Hasnah", "La Ode Muhammad Ridwan", "Sitti Rahmawati"][i % 3],
        "jenis_kelamin": "LP"[i % 2],
        "alamat": f"Jl. Sultan Hasanuddin No. {i}, Kel. Katobengke",
        "kecamatan": "Betoambari",
        "nama_usaha": "Kue Hasnah",
        "bidang_usaha": "Kuliner",
        "bank": "BRI",
        "no_rekening": f"0123010{i:08d}",
        "nilai": "Rp7.000.000",
    }
    values.update(overrides)
    return UsulanRow(**values)  # type: ignore[arg-type]


def usulan_ctx(rows: list[UsulanRow], *, logo: str | None = None, letters: int = 1) -> UsulanContext:
    letter = UsulanLetter(
        program=PROGRAM,
        number="500.3/___/DKUKM/XI/2026",
        place_date="Baubau, 28 November 2026",
        date="28 November 2026",
        sifat="Penting",
        lampiran="1 (satu) berkas",
        hal=f"Usulan Calon Penerima {PROGRAM}",
        addressee=["Menteri Usaha Mikro, Kecil, dan Menengah Republik Indonesia", "c.q. Deputi Bidang Usaha Mikro"],
        addressee_place="Jakarta",
        paragraphs=[
            "Bersama ini kami mengusulkan calon penerima bantuan sebagaimana terlampir.",
            "Demikian usulan ini kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.",
        ],
        columns=attachment_columns(Settings()),
        rows=rows,
        count=str(len(rows)),
        count_words="tiga",
        total="Rp77.000.000,00",
        total_words="tujuh puluh tujuh juta rupiah",
        amount_each="Rp7.000.000,00",
        copies_to=["Wali Kota Baubau (sebagai laporan)", "Arsip"],
    )
    return UsulanContext(
        doc=DocInfo(title=TITLE, author=AUTHOR, subject="Usulan calon penerima bantuan", generated="28 November 2026"),
        letterhead=Letterhead(
            government="PEMERINTAH KOTA BAUBAU",
            office="DINAS KOPERASI DAN USAHA KECIL MENENGAH",
            address="Jl. Betoambari No. 18, Kelurahan Lanto, Kecamatan Batupoaro, Kota Baubau 93712",
            contact="Telp. (0402) 2821234 · diskopukm@baubaukota.go.id · baubaukota.go.id",
            logo=logo,
        ),
        signature=Signature(
            position="Plt. Kepala Dinas Koperasi dan Usaha Kecil Menengah Kota Baubau",
            name="Drs. La Ode Muhammad Arsyad, M.Si.",
            rank="Pembina Tingkat I (IV/b)",
            nip="19710412 199803 1 006",
        ),
        letters=[letter] * letters,
    )


@pytest.fixture
def three_rows() -> UsulanContext:
    """Three proposals worth Rp77.000.000 in all, one of them with hostile text in its cells."""
    return usulan_ctx(
        [
            usulan_row(1, nama="<script>alert('x')</script>", nilai="Rp25.000.000"),
            usulan_row(2, nama_usaha="Warung {{ 7*7 }} {% if true %}", nilai="Rp25.000.000"),
            usulan_row(3, nilai="Rp27.000.000"),
        ]
    )


@pytest.fixture
def xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "usulan.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["No", "NIK", "Nama"])
    book.active.append([1, nik(1), "Wa Ode Hasnah"])
    book.save(path)
    return path


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def assert_page_numbers(texts: list[str]) -> None:
    total = len(texts)
    for i, text in enumerate(texts, 1):
        assert f"Halaman {i} dari {total}" in text, f"page {i}"


# --- HTML ------------------------------------------------------------------------------------


def test_cell_values_are_escaped_data_never_jinja(three_rows: UsulanContext, settings: Settings) -> None:
    html = render_html("usulan", three_rows, settings)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "Warung {{ 7*7 }} {% if true %}" in html
    assert "Warung 49" not in html


def test_html_is_self_contained_with_css_intact(three_rows: UsulanContext, settings: Settings) -> None:
    html = render_html("usulan", three_rows, settings)
    assert '"Halaman " counter(page) " dari " counter(pages)' in html  # quotes not escaped in <style>
    assert "&#34;" not in html.split("</style>")[0]
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:|#)""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html


def test_usulan_html_lays_out_the_letter_and_its_attachment(three_rows: UsulanContext, settings: Settings) -> None:
    html = render_html("usulan", three_rows, settings)
    for text in (
        "Baubau, 28 November 2026",
        "Nomor",
        "Sifat",
        "Lampiran",
        "Hal",
        "Yth.",
        "Tembusan:",
        "NIP. 19710412 199803 1 006",
        "Terbilang:",
        "tujuh puluh tujuh juta rupiah",
        "JUMLAH",
    ):
        assert text in html
    assert "Baubau, 28 November 2026." not in html
    assert html.count('class="ttd"') == 2  # under the letter and under the attachment
    assert 'Tanggal</td><td class="colon">:</td><td>28 November 2026<' in html


def test_logo_is_inlined_as_data_uri(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "logo.png").write_bytes(_tiny_png())
    html = render_html("usulan", usulan_ctx([usulan_row(1)], logo="logo.png"), _with_override(settings, tmp_path))
    assert 'src="data:image/png;base64,' in html


def test_seleksi_shows_decisions_in_colour_and_in_black_and_white(settings: Settings) -> None:
    html = render_html("seleksi", seleksi_ctx(), settings)
    assert 'class="layak">● Layak' in html
    assert 'class="tidak-layak">× Tidak layak' in html
    assert "<li>Sedang menerima KUR.</li>" in html
    assert "sama dengan baris 7" in html
    assert "Alasan tidak layak" in html


# --- templates: overrides and errors ---------------------------------------------------------


def test_override_letterhead_extends_the_packaged_one(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "letterhead.html").write_text(
        '{% extends "packaged/letterhead.html" %}{% block office %}UPTD PELATIHAN KOPERASI{% endblock %}',
        encoding="utf-8",
    )
    ctx = usulan_ctx([usulan_row(1)])
    html = render_html("usulan", ctx, _with_override(settings, tmp_path))
    assert "UPTD PELATIHAN KOPERASI" in html
    assert "DINAS KOPERASI DAN USAHA KECIL MENENGAH" not in html
    assert "PEMERINTAH KOTA BAUBAU" in html  # the rest still comes from the packaged template
    assert "DINAS KOPERASI DAN USAHA KECIL MENENGAH" in render_html("usulan", ctx, settings)


def test_override_stylesheet_replaces_the_packaged_one(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "style.css").write_text('body { font-family: "Office Font"; }', encoding="utf-8")
    html = render_html("usulan", usulan_ctx([usulan_row(1)]), _with_override(settings, tmp_path))
    assert 'body { font-family: "Office Font"; }' in html
    assert "kop-rule {" not in html


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "template nope.html not found"),
        ({"nope.html": "{% if %}"}, "nope.html:1:"),
        ({"nope.html": "{{ ctx.no_such_field }}"}, "no_such_field"),
        ({"nope.html": "{{ stylesheet('missing.css') }}"}, "missing.css not found"),
    ],
    ids=["missing", "syntax-error", "undefined-field", "missing-stylesheet"],
)
def test_broken_templates_raise_one_line_template_errors(
    tmp_path: Path, settings: Settings, files: dict[str, str], message: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=re.escape(message)) as caught:
        render_html("nope", usulan_ctx([usulan_row(1)]), _with_override(settings, tmp_path))
    assert "\n" not in str(caught.value)


def test_missing_override_folder_is_a_template_error(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(TemplateError, match="does not exist"):
        template_dirs(_with_override(settings, tmp_path / "nowhere"))


# --- URL fetcher -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/logo.png",
        "https://baubaukota.go.id/logo.png",
        "ftp://example.org/x.png",
        "file:///etc/passwd",
        "file://{packaged}/../../../../etc/passwd",
        "file://{packaged}/fonts/../../pyproject.toml",
    ],
    ids=["http", "https", "ftp", "file-outside", "file-traversal", "file-parent"],
)
def test_url_fetcher_refuses_everything_but_template_files(settings: Settings, url: str) -> None:
    fetcher = url_fetcher(template_dirs(settings))
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url.format(packaged=packaged_template_dir().resolve()))


def test_url_fetcher_serves_template_files_override_first(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "LICENSE").write_text("office licence", encoding="utf-8")
    fetcher = url_fetcher(template_dirs(_with_override(settings, tmp_path)))
    packaged = packaged_template_dir().resolve()
    assert fetcher.fetch((packaged / "fonts" / "LICENSE").as_uri()).read() == b"office licence"
    assert fetcher.fetch((packaged / "style.css").as_uri()).read().startswith(b"/*")
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(_tiny_png())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("kind", ["http", "file"])
def test_pdf_never_fetches_outside_the_template_folders(
    tmp_path: Path, settings: Settings, web_server: tuple[str, list[str]], kind: str
) -> None:
    base, requests = web_server
    src = f"{base}/logo.png" if kind == "http" else "file:///etc/passwd"
    html = f'<html><body><p>x</p><img src="{src}"><link rel="stylesheet" href="{base}/s.css"></body></html>'
    with pytest.raises(RenderError, match="refused") as caught:
        write_pdf(html, tmp_path / "x.pdf", settings=settings, title="t", author="a", stamp=STAMP)
    assert "\n" not in str(caught.value)
    assert requests == []
    assert not (tmp_path / "x.pdf").exists()


# --- PDF, one render -------------------------------------------------------------------------


def test_usulan_pdf_text_numbers_metadata_fonts(
    tmp_path: Path, three_rows: UsulanContext, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    dest = tmp_path / "usulan.pdf"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pages = pdf("usulan", three_rows, dest, settings)
    assert library_warnings(caplog) == []
    texts = pages_text(dest)
    assert pages == len(texts) >= 2
    assert_page_numbers(texts)
    everything = "\n".join(texts)
    assert "Rp77.000.000,00" in everything
    assert "tujuh puluh tujuh juta rupiah" in everything
    assert "DAFTAR CALON PENERIMA BANTUAN PEMERINTAH BAGI PELAKU USAHA MIKRO (BPUM)" in everything
    for row in three_rows.letters[0].rows:
        assert row.nik in everything
    assert "<script>alert('x')</script>" in everything.replace("\n", "")  # the cell wraps
    assert "{{ 7*7 }}" in everything
    attachment_pages = [t for t in texts if "No Rekening" in t]
    assert attachment_pages and all(all(h in t for h in HEADER) for t in attachment_pages)

    reader = PdfReader(dest)
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == AUTHOR
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height  # the letter: A4 portrait
    assert reader.pages[-1].mediabox.width > reader.pages[-1].mediabox.height  # the attachment: landscape
    fonts = _fonts(reader)
    assert fonts and all(embedded for _, embedded in fonts)
    assert {name.split("+")[1] for name, _ in fonts} <= {
        "UKM-Serif",
        "UKM-Serif-Bold",
        "UKM-Serif-Italic",
        "UKM-Serif-BoldItalic",
        "UKM-Sans",
        "UKM-Sans-Bold",
        "UKM-Sans-Italic",
        "UKM-Sans-BoldItalic",
    }


def test_each_letter_starts_on_a_new_page(tmp_path: Path, settings: Settings) -> None:
    dest = tmp_path / "usulan.pdf"
    pdf("usulan", usulan_ctx([usulan_row(1)], letters=2), dest, settings)
    texts = pages_text(dest)
    letter_pages = [i for i, t in enumerate(texts) if "PEMERINTAH KOTA BAUBAU" in t]
    assert len(letter_pages) == 2
    assert all(texts[i].lstrip().startswith("PEMERINTAH KOTA BAUBAU") for i in letter_pages)


def test_pdf_a3b_carries_the_xlsx(tmp_path: Path, three_rows: UsulanContext, settings: Settings, xlsx: Path) -> None:
    dest = tmp_path / "usulan.pdf"
    pdf("usulan", three_rows, dest, settings, attachments=[xlsx], pdf_variant="pdf/a-3b")
    reader = PdfReader(dest)
    assert reader.attachments["usulan.xlsx"] == [xlsx.read_bytes()]
    _assert_pdfa(reader)


def test_seleksi_pdf_is_landscape_with_its_groups(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    dest = tmp_path / "seleksi.pdf"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf("seleksi", seleksi_ctx(), dest, settings)
    assert library_warnings(caplog) == []
    reader = PdfReader(dest)
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    assert_page_numbers(texts)
    everything = "\n".join(texts)
    for text in (
        "HASIL SELEKSI USULAN BANTUAN",
        "Usulan layak",
        "Usulan ganda",
        "Sedang menerima KUR.",
        "× Tidak layak",
        "● Layak",
    ):
        assert text in everything


def test_missing_attachment_is_a_render_error(tmp_path: Path, three_rows: UsulanContext, settings: Settings) -> None:
    with pytest.raises(RenderError, match="attachment .*nowhere.xlsx not found"):
        pdf("usulan", three_rows, tmp_path / "u.pdf", settings, attachments=[tmp_path / "nowhere.xlsx"])


# "fonttools": WeasyPrint subsets the fonts as on a machine without HarfBuzz-Subset, which dates
# each subset; "auto" takes HarfBuzz-Subset where the machine has it. Both must give the same bytes
# twice over with the same stamp, whatever SOURCE_DATE_EPOCH the process started with.
SUBSETTERS = pytest.mark.parametrize("subsetter", ["auto", "fonttools"])


@SUBSETTERS
def test_pdf_is_reproducible_with_the_same_stamp(
    tmp_path: Path,
    three_rows: UsulanContext,
    settings: Settings,
    xlsx: Path,
    subsetter: str,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")  # the run's stamp wins over the environment
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf("usulan", three_rows, first, settings, attachments=[xlsx], pdf_variant="pdf/a-3b", subsetter=subsetter)
        xlsx.touch()  # a newer file date must not change the PDF
        time.sleep(1.1)  # nor a later second on the clock
        pdf("usulan", three_rows, second, settings, attachments=[xlsx], pdf_variant="pdf/a-3b", subsetter=subsetter)
    assert first.read_bytes() == second.read_bytes()
    assert library_warnings(caplog) == []
    assert os.environ["SOURCE_DATE_EPOCH"] == "1"  # put back as it was
    assert PdfReader(first).metadata["/CreationDate"].startswith("D:20261128000000")


# --- PDF in pieces ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "chunk_rows", "workers", "expected"),
    [
        ([10], 20, 2, [[(0, 0, 10)]]),
        ([10], 4, 1, [[(0, 0, 4)], [(0, 4, 8)], [(0, 8, 10)]]),
        ([10], 4, 2, [[(0, 0, 3)], [(0, 3, 6)], [(0, 6, 9)], [(0, 9, 10)]]),
        ([3, 0, 5], 4, 1, [[(0, 0, 3), (1, 0, 0), (2, 0, 1)], [(2, 1, 5)]]),
        ([4, 0], 2, 1, [[(0, 0, 2)], [(0, 2, 4), (1, 0, 0)]]),
    ],
    ids=["short-one-piece", "even-pieces", "pieces-per-worker", "empty-item-rides-along", "trailing-empty-item"],
)
def test_plan_pieces(
    sizes: list[int], chunk_rows: int, workers: int, expected: list[list[tuple[int, int, int]]]
) -> None:
    assert plan_pieces(sizes, chunk_rows, workers) == [[Slice(*s) for s in piece] for piece in expected]


@SUBSETTERS
def test_chunked_pdf_is_reproducible_and_keeps_pdfa(
    tmp_path: Path, settings: Settings, xlsx: Path, subsetter: str
) -> None:
    # Two letters of five rows in pieces of three: a seam inside each letter, one piece closing the
    # first letter and opening the second.
    ctx = usulan_ctx([usulan_row(i) for i in range(1, 6)], letters=2)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    options = {"attachments": [xlsx], "pdf_variant": "pdf/a-3b", "piece_rows": 4, "subsetter": subsetter}
    pages = pdf("usulan", ctx, first, settings, **options)  # type: ignore[arg-type]
    time.sleep(1.1)  # the workers' clock moves on; the PDF must not
    pdf("usulan", ctx, second, settings, **options)  # type: ignore[arg-type]
    assert first.read_bytes() == second.read_bytes()
    reader = PdfReader(first)
    assert pages == len(reader.pages)
    assert reader.attachments["usulan.xlsx"] == [xlsx.read_bytes()]
    assert reader.metadata.title == TITLE and reader.metadata.author == AUTHOR
    _assert_pdfa(reader)
    texts = [page.extract_text() for page in reader.pages]
    assert_page_numbers(texts)
    assert sum((NIK_RE.findall(t) for t in texts), []) == [r.nik for letter in ctx.letters for r in letter.rows]
    assert sum("Yth." in t for t in texts) == 2 and sum("Terbilang" in t for t in texts) == 2
    subset_names = [name for name, _ in _fonts(reader)]
    assert len(subset_names) == len(set(subset_names))  # each piece's font subsets keep their own tag


def test_chunked_seleksi_keeps_every_group_in_order(tmp_path: Path, settings: Settings) -> None:
    ctx = seleksi_ctx(rows_per_group=12)
    dest = tmp_path / "seleksi.pdf"
    pdf("seleksi", ctx, dest, settings, piece_rows=10)
    texts = pages_text(dest)
    assert_page_numbers(texts)
    everything = "\n".join(texts)
    assert everything.count("HASIL SELEKSI USULAN BANTUAN") == 1
    positions = [everything.index(group.title) for group in ctx.groups]
    assert positions == sorted(positions)
    expected = [row.nik for group in ctx.groups for row in group.rows]
    assert NIK_RE.findall(everything) == expected


@pytest.mark.slow  # 17-32 s on the shared 2-core machine
def test_700_rows_render_in_parallel_pieces_into_one_pdf(tmp_path: Path, settings: Settings) -> None:
    rows = [usulan_row(i) for i in range(1, 701)]
    ctx = usulan_ctx(rows)
    dest = tmp_path / "usulan.pdf"
    pages = pdf("usulan", ctx, dest, settings, piece_rows=400)
    texts = pages_text(dest)
    assert pages == len(texts) > 20
    assert_page_numbers(texts)
    found = [n for t in texts for n in NIK_RE.findall(t)]
    assert found == [r.nik for r in rows]  # every row once, in order: none lost, doubled or split
    table_pages = [t for t in texts if NIK_RE.search(t)]
    assert len(table_pages) >= len(texts) - 2  # all but the letter and perhaps the signature's own page
    assert all(all(h in t for h in HEADER) for t in table_pages)  # the header repeats on every page
    assert "tujuh puluh tujuh juta rupiah" in texts[-1] and "NIP. 19710412 199803 1 006" in texts[-1]
    assert "Yth." in texts[0] and "Yth." not in "".join(texts[1:])


# --- helpers ---------------------------------------------------------------------------------


def seleksi_ctx(rows_per_group: int = 2) -> SeleksiContext:
    def row(no: int, eligible: bool) -> SeleksiRow:
        return SeleksiRow(
            no=no,
            file_row=f"usulan_bantuan.xlsx, baris {no + 5}",
            nik=nik(no),
            nama="Wa Ode Hasnah" if eligible else "La Ode <b>Ridwan</b>",
            program="BPUM",
            status="Diusulkan",
            nilai="Rp7.000.000",
            eligible=eligible,
            verdict="Layak" if eligible else "Tidak layak",
            reasons=[] if eligible else ["Sedang menerima KUR.", "Bekerja sebagai ASN."],
            notes=["Menerima bantuan pada 2024."] if no % 2 else [],
            related="" if eligible else "sama dengan baris 7",
        )

    groups = [
        ("layak", "Usulan layak", True),
        ("ganda", "Usulan ganda", False),
        ("tidak-layak", "Usulan tidak layak", False),
    ]
    counter = iter(range(1, 1000))
    return SeleksiContext(
        doc=DocInfo(
            title="Hasil Seleksi Usulan Bantuan", author=AUTHOR, generated="28 November 2026", period="Tahun 2026"
        ),
        letterhead=usulan_ctx([]).letterhead,
        figures=[Figure(label="Usulan", value="29"), Figure(label="Layak", value="11", detail="Rp77.000.000")],
        reason_counts=[Figure(label="Sedang menerima KUR", value="6"), Figure(label="ASN/TNI/Polri", value="3")],
        groups=[
            SeleksiGroup(
                key=key,
                title=title,
                description=f"{title} menurut aturan seleksi.",
                rows=[row(next(counter), eligible) for _ in range(rows_per_group)],
            )
            for key, title, eligible in groups
        ]
        + [SeleksiGroup(key="kosong", title="Sudah pernah menerima", description="", rows=[])],
    )


def _with_override(settings: Settings, folder: Path) -> Settings:
    return settings.model_copy(update={"template_dir": folder})


def _tiny_png() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4), (20, 60, 140)).save(out, format="PNG")
    return out.getvalue()


def _fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """Every font object of the PDF: (base name, embedded)."""
    found: dict[int, tuple[str, bool]] = {}
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[ref.idnum] = (str(font["/BaseFont"])[1:], embedded)
    return list(found.values())


def _assert_pdfa(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp or b"<pdfaid:part>3</pdfaid:part>" in xmp
    assert TITLE.encode() in xmp
    assert reader.pdf_header == "%PDF-1.7"
    assert reader.trailer.get("/ID") is not None
