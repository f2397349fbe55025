"""Every document the demo builds, read back as the page a person holds (outputs.md "PDFs").

The demo is built on 4 December 2026, inside its period, so the periodic report is provisional.
The layout is read back with pdfplumber (a test-only dependency): it gives each word's box and
each drawn rule's, where pypdf's text visitor gives only where text starts and nothing drawn.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from ukmreport.demo import write_demo_inputs
from ukmreport.office.region import load_region
from ukmreport.pipeline import BuildResult, build
from ukmreport.render.html import packaged_template_dir, pdf_bytes
from ukmreport.rules.explanations import group_sentence
from ukmreport.settings import load_settings

MM = 72 / 25.4
EDGE = 10 * MM  # printers cut here: nothing closer to the paper's edge
TEXT_AREA = (25 * MM, 20 * MM)  # style.css @page: left and right margins
SLACK = 1.0  # points: a rule's half width may sit on the margin
EMPTY_SLOTS = (
    re.compile(r"\(\s*\)"),  # '()'
    re.compile(r"\s,(\s|$)"),  # 'Kecamatan , bukan'
    re.compile(r"\b(di|ke|dari|oleh|sama dengan)\s*[,.;)]"),  # 'berada di .'
    re.compile(r"\b(Kecamatan|Kelurahan|baris|dan|atau|bukan)\s+[,.;)]"),  # 'di baris .'
    re.compile(r"[^\s:]:\s*[,.;)]"),  # 'Nilai: .'
)


@pytest.fixture(scope="module")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("documents")
    settings = load_settings(None)
    today = date(2026, 12, 4)
    write_demo_inputs(root / "inputs", seed=2024, today=today, region=load_region(None), settings=settings)
    return build(root / "inputs", settings, out=root / "reports", now=datetime(2026, 12, 4, 9, tzinfo=UTC))


def documents(build_: BuildResult, suffix: str) -> list[Path]:
    found = sorted(build_.out_dir.glob(f"*.{suffix}"))
    assert found, suffix
    return found


def test_the_demo_builds_every_document(demo_build: BuildResult) -> None:
    assert [p.stem for p in documents(demo_build, "pdf")] == ["berkala", "koperasi", "seleksi", "usulan"]
    assert {p.stem for p in documents(demo_build, "html")} == {"berkala", "koperasi", "seleksi", "usulan", "validasi"}


def test_nothing_near_the_paper_edge_and_no_table_past_the_text_area(demo_build: BuildResult) -> None:
    problems = []
    for path in documents(demo_build, "pdf"):
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                where = f"{path.name} p.{number}"
                width, height = page.width, page.height
                for w in page.extract_words():
                    if w["x0"] < EDGE or w["x1"] > width - EDGE or w["top"] < EDGE or w["bottom"] > height - EDGE:
                        problems.append(f"{where}: {w['text']!r} within 10 mm of the edge")
                left, right = TEXT_AREA[0] - SLACK, width - TEXT_AREA[1] + SLACK
                for w in page.extract_words():
                    if w["x1"] > right or w["x0"] < left:
                        problems.append(f"{where}: {w['text']!r} outside the text area")
                for shape in page.rects + page.lines:
                    if shape["x1"] > right or shape["x0"] < left:
                        problems.append(f"{where}: a rule from x={shape['x0']:.0f} to {shape['x1']:.0f} pt")
    assert not problems, "\n".join(problems[:20])


class _Text(HTMLParser):
    """The text of each block of an HTML document (cells, items, paragraphs), scripts and styles left out."""

    BLOCKS = {"p", "td", "th", "li", "h1", "h2", "h3", "h4", "div", "figcaption", "caption", "title", "dd", "dt", "br"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("style", "script", "svg"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "svg"):
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def empty_slots(lines: list[str], *, brackets: bool = True) -> list[str]:
    """Lines with an empty slot, or (brackets: whole blocks of text, not a PDF's wrapped lines) a
    bracket left open by a message cut short."""
    return [
        line
        for line in lines
        if any(p.search(line) for p in EMPTY_SLOTS) or (brackets and line.count("(") != line.count(")"))
    ]


def test_the_slot_finder_finds_what_it_is_for() -> None:
    assert empty_slots(["Kelurahan berada di Kecamatan , bukan", "Jenis kelamin di NIK () bukan ()"]) == [
        "Kelurahan berada di Kecamatan , bukan",
        "Jenis kelamin di NIK () bukan ()",
    ]
    assert empty_slots(["Nilai: .", "sama dengan baris ."]) == ["Nilai: .", "sama dengan baris ."]
    assert empty_slots(["Nomor HP tidak valid (10–13 angka diawali 08"]) == [
        "Nomor HP tidak valid (10–13 angka diawali 08"
    ]
    assert not empty_slots(
        [
            "Kelurahan Lanto berada di Kecamatan Batupoaro, bukan Wolio",
            "Rp7.000.000 (1,5%)",
            "alasan tercantum pada setiap baris.",
        ]
    )


def test_no_text_with_an_empty_slot(demo_build: BuildResult) -> None:
    found = []
    for path in documents(demo_build, "pdf"):
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                lines = (page.extract_text() or "").splitlines()
                found += [f"{path.name} p.{number}: {line}" for line in empty_slots(lines, brackets=False)]
    for path in documents(demo_build, "html"):
        parser = _Text()
        parser.feed(path.read_text("utf-8"))
        parser.flush()
        found += [f"{path.name}: {text}" for text in empty_slots(parser.blocks)]
    assert not found, "\n".join(found[:20])


# -- issue #17: a report a head of office reads: reasons once, tight rows, no half-empty page ---------

TEXT_TOP, TEXT_BOTTOM = 15 * MM, 20 * MM  # style.css @page: top and bottom margins; the footer sits below
CHAPTER_SIZE = 11.9  # points: a chapter's heading (koperasi's part, berkala's chapters, a cover) and up
# A page ends early when the next block (a heading, its note, a table's header and first rows, or a
# signature with the rows it holds on to) does not fit: that can cost a third of a landscape page.
# Less filled than that is a page left half empty (berkala's pages 2 and 4 were three-quarters empty).
FILLED = 0.6


def page_fills(path: Path) -> list[tuple[float, bool]]:
    """Each page's (share of the text area's height down to its lowest text, whether it opens a
    chapter: its first line set at a chapter heading's size or larger)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = [w for w in page.extract_words(extra_attrs=["size"]) if w["top"] < page.height - TEXT_BOTTOM]
            if not words:
                pages.append((0.0, False))
                continue
            top = min(w["top"] for w in words)
            first_line = [w["size"] for w in words if w["top"] - top < 3]
            lowest = max(w["bottom"] for w in words)
            pages.append(
                ((lowest - TEXT_TOP) / (page.height - TEXT_TOP - TEXT_BOTTOM), max(first_line) >= CHAPTER_SIZE)
            )
    return pages


def test_the_koperasi_report_says_a_groups_reason_once_and_stays_short(demo_build: BuildResult) -> None:
    path = demo_build.out_dir / "koperasi.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) <= 13  # 159 cooperatives; 25 pages when every row carried its sentences
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    inactive = [d for d in demo_build.run.decisions.cooperatives if not d.active]
    assert len(inactive) >= 10
    sentence = group_sentence("inactive", inactive[0].facts["inactive"])
    sentence = sentence[0].lower() + sentence[1:]  # listed after a colon
    assert text.count(sentence) == 1, sentence
    assert f"Semua {len(inactive)} koperasi di bawah ini: " in text
    assert "Jumlah: " in text and "NIP." in reader.pages[-1].extract_text()


@pytest.mark.parametrize("name", ["seleksi", "koperasi", "berkala"])
def test_no_page_left_half_empty_unless_a_chapter_follows(demo_build: BuildResult, name: str) -> None:
    pages = page_fills(demo_build.out_dir / f"{name}.pdf")
    half_empty = [
        f"p.{number}: {fill:.0%} filled"
        for number, ((fill, _), (_, next_opens)) in enumerate(zip(pages, pages[1:], strict=False), 1)
        if fill < FILLED and not next_opens
    ]
    assert not half_empty, half_empty


def test_seleksi_opens_its_first_list_on_the_first_page(demo_build: BuildResult) -> None:
    """Tall rows carried "Perlu dikonfirmasi" to page 2 and left page 1 half empty."""
    first = PdfReader(demo_build.out_dir / "seleksi.pdf").pages[0].extract_text()
    assert "Alasan tidak layak" in first
    assert first.count("Perlu dikonfirmasi") >= 2  # the headline figure's label, and the list's heading


def test_the_fill_reader_sees_a_half_empty_page(tmp_path: Path) -> None:
    """page_fills reads a short page as short and a big heading as a chapter's start."""
    html = (
        "<html><body style='font-size:10pt'><p>one line</p>"
        "<h1 style='break-before:page;font-size:16pt'>Bab</h1><p>more</p></body></html>"
    )
    data, _ = pdf_bytes(html, [packaged_template_dir()], title="t", author="a", stamp=datetime(2026, 12, 4, tzinfo=UTC))
    (tmp_path / "x.pdf").write_bytes(data)
    (first, first_opens), (_, second_opens) = page_fills(tmp_path / "x.pdf")
    assert first < 0.1 and not first_opens and second_opens


def test_the_periodic_reports_proposals_chapter_gives_the_letter_refusals_and_history(demo_build: BuildResult) -> None:
    from collections import Counter

    from ukmreport import formatting as fmt
    from ukmreport.reports.usulan import proposed

    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(demo_build.out_dir / "berkala.pdf").pages).split()
    )
    run = demo_build.run
    letter = [d for rows in proposed(run.decisions.proposals).values() for d in rows]
    assert f"{len(letter)} Masuk surat usulan {fmt.rupiah(sum(d.proposal.nilai_usulan or 0 for d in letter))}" in text
    refused = [p for p in run.data.proposals if p.status == "Ditolak"]
    assert refused and "Usulan ditolak kementerian menurut keterangan" in text
    for reason, count in Counter((p.keterangan or "").strip() or "Tanpa keterangan" for p in refused).items():
        assert f"{reason} {count}" in text, reason
    assert f"Jumlah ditolak {len(refused)}" in text
    last_year = [p for p in run.data.proposals if p.tanggal_usulan and p.tanggal_usulan.year == 2025]
    granted = sum(p.status in ("Disetujui", "Disalurkan") for p in last_year)
    assert f"{granted} dari {len(last_year)} (" in text  # the approval history: 11 of 29
    assert "data s.d. 4 Desember 2026 (angka sementara)" in text and "1 Jan–4 Des 2025" in text
