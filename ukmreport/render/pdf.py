"""PDF output: one WeasyPrint render for short documents, parallel pieces merged for long tables.

WeasyPrint lays out about three dense pages a second on one core and holds the whole document in
memory (5,000 usulan rows: 283 pages, 85-118 s, 1.17 GB here). A document whose long table (its
report's declaration names it) has more than ``settings.rendering.pdf_piece_rows`` rows is therefore cut into pieces along that table: the first piece holds what
comes before the table (the letter) and its first rows, the next ones continue the table under its
header, the last holds what follows (total, signature). Each piece is laid out in its own short-lived
worker process (``max_tasks_per_child=1`` gives its memory back; the workers fork from a forkserver
that has imported WeasyPrint once), with its page footer left blank. The pieces are merged with pypdf
and "Halaman X dari Y" is laid over every page from WeasyPrint documents of blank pages that carry
only style.css's footer, so it looks exactly as in a single render. The first piece carries the
metadata, the PDF/A identification (XMP, output intent, file ID) and the attachments; the merged file
keeps its catalog.

A piece ends on a page of its own, so a long table shows one partly filled page per piece boundary
(9 in 5,000 rows with the default 500-row pieces).
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ukmreport.access import PUBLIC, Access, write_bytes
from ukmreport.errors import RenderError
from ukmreport.render.html import (
    Part,
    pdf_bytes,
    render_html,
    render_page_numbers,
    template_dirs,
    write_pdf,
)
from ukmreport.render.workers import running as workers_running
from ukmreport.settings import Settings

log = logging.getLogger(__name__)

_STAMP_NAME = "/UkmPageNumber"


def render_pdf(
    name: str,
    ctx: BaseModel,
    dest: Path,
    settings: Settings,
    *,
    stamp: datetime,
    attachments: Sequence[Path] = (),
    pdf_variant: str | None = None,
    long_table: tuple[str, str] | None = None,
    access: Access = PUBLIC,
    on_pages: Callable[[int], None] | None = None,
) -> int:
    """Write report name as a PDF at dest and return its page count, in pieces if long_table is long.

    stamp dates the PDF and its attachments; long_table is (list field of the context, rows field
    of its items), as the report declares it; access says who may read the file (access.py);
    on_pages hears the pages laid out so far: as each piece comes back, or once for a single render.
    """
    if long_table is None or sum(row_counts(ctx, long_table)) <= settings.rendering.pdf_piece_rows:
        html = render_html(name, ctx, settings)
        title, author = _doc_info(ctx)
        pages = write_pdf(
            html,
            dest,
            settings=settings,
            title=title,
            author=author,
            stamp=stamp,
            attachments=attachments,
            pdf_variant=pdf_variant,
            access=access,
        )
        if on_pages is not None:
            on_pages(pages)
        return pages
    return render_chunked(
        name,
        ctx,
        dest,
        settings,
        long_table,
        stamp=stamp,
        attachments=attachments,
        pdf_variant=pdf_variant,
        access=access,
        on_pages=on_pages,
    )


def row_counts(ctx: BaseModel, table: tuple[str, str]) -> list[int]:
    """Return the number of table rows of each item of the context's sliced list."""
    items, rows = table
    return [len(getattr(item, rows)) for item in getattr(ctx, items)]


@dataclass(frozen=True)
class Slice:
    """Rows start:stop of item number `item` of the sliced list."""

    item: int
    start: int
    stop: int


def plan_pieces(sizes: Sequence[int], chunk_rows: int, workers: int = 1) -> list[list[Slice]]:
    """Cut items of the given row counts into pieces of at most chunk_rows rows, as even as possible.

    The number of pieces is rounded up to a multiple of the worker count so the last round keeps
    every worker busy. Items without rows ride along with their neighbours.
    """
    total = sum(sizes)
    count = max(1, math.ceil(total / max(1, chunk_rows)))
    count = math.ceil(count / max(1, workers)) * max(1, workers) if count > 1 else 1
    target = max(1, math.ceil(total / count))
    pieces: list[list[Slice]] = []
    current: list[Slice] = []
    filled = 0
    for item, size in enumerate(sizes):
        if size == 0:
            current.append(Slice(item, 0, 0))
            continue
        start = 0
        while start < size:
            take = min(size - start, target - filled)
            current.append(Slice(item, start, start + take))
            filled += take
            start += take
            if filled == target:
                pieces.append(current)
                current, filled = [], 0
    if current:
        if pieces and all(s.start == s.stop for s in current):
            pieces[-1].extend(current)
        else:
            pieces.append(current)
    return pieces


def slice_context(
    ctx: BaseModel, table: tuple[str, str], piece: list[Slice], *, first: bool, last: bool
) -> tuple[BaseModel, Part]:
    """Return the context holding only the piece's rows, and the Part telling the template what to show."""
    items_field, rows_field = table
    items = getattr(ctx, items_field)
    sliced = []
    for s in piece:
        item = items[s.item]
        sliced.append(item.model_copy(update={rows_field: getattr(item, rows_field)[s.start : s.stop]}))
    sizes = row_counts(ctx, table)
    part = Part(
        first=first,
        last=last,
        starts=frozenset(j for j, s in enumerate(piece) if s.start == 0),
        ends=frozenset(j for j, s in enumerate(piece) if s.stop == sizes[s.item]),
        page_numbers=False,
    )
    return ctx.model_copy(update={items_field: sliced}), part


def render_chunked(
    name: str,
    ctx: BaseModel,
    dest: Path,
    settings: Settings,
    table: tuple[str, str],
    *,
    stamp: datetime,
    attachments: Sequence[Path] = (),
    pdf_variant: str | None = None,
    access: Access = PUBLIC,
    on_pages: Callable[[int], None] | None = None,
) -> int:
    """Render the report in pieces along its long table, in parallel, into one PDF; return its page count.

    on_pages hears the pages laid out so far each time a piece comes back, in whatever order they do.
    """
    workers = settings.rendering.processes()
    pieces = plan_pieces(row_counts(ctx, table), settings.rendering.pdf_piece_rows, workers)
    title, author = _doc_info(ctx)
    dirs = template_dirs(settings)
    common: dict[str, Any] = {
        "dirs": dirs,
        "title": title,
        "author": author,
        "stamp": stamp,
        "subsetter": settings.rendering.font_subsetter,
    }
    started = time.perf_counter()

    with workers_running(min(workers, len(pieces)), start=settings.rendering.start_method, one_task_each=True) as pool:
        futures: list[Future[tuple[bytes, int]]] = []
        try:
            for i, piece in enumerate(pieces):
                piece_ctx, part = slice_context(ctx, table, piece, first=i == 0, last=i == len(pieces) - 1)
                futures.append(
                    pool.submit(
                        pdf_bytes,
                        render_html(name, piece_ctx, settings, part=part),
                        **common,
                        attachments=tuple(attachments) if i == 0 else (),
                        pdf_variant=pdf_variant if i == 0 else None,
                        label=f"{dest.name} (part {i + 1} of {len(pieces)})",
                    )
                )
            merged = _Merged()
            pending, laid_out = set(futures), 0
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                laid_out += sum(future.result()[1] for future in finished)
                if on_pages is not None:
                    on_pages(laid_out)
                while merged.pieces < len(futures) and futures[merged.pieces].done():  # in order, as they come
                    merged.append(futures[merged.pieces].result()[0])
                    log.debug("%s: piece %d done at %.1f s", dest.name, merged.pieces, time.perf_counter() - started)
            log.debug("%s: %d pieces laid out in %.1f s", dest.name, len(pieces), time.perf_counter() - started)
            sizes = merged.page_sizes
            number_futures = [
                pool.submit(
                    pdf_bytes,
                    render_page_numbers(sizes[start:stop], settings, first=start + 1, total=len(sizes)),
                    **common,
                    label=f"{dest.name} (page numbers)",
                )
                for start, stop in _spans(len(sizes), min(workers, len(pieces)))
            ]
            futures.extend(number_futures)
            numbers = [future.result()[0] for future in number_futures]
            log.debug("%s: page numbers done at %.1f s", dest.name, time.perf_counter() - started)
        except BrokenProcessPool as exc:
            raise RenderError(f"{dest.name}: a rendering process died (out of memory?)") from exc
        finally:
            for future in futures:
                future.cancel()

    data = merged.numbered(numbers)
    log.debug("%s: %d pages in %.1f s", dest.name, len(sizes), time.perf_counter() - started)
    try:
        write_bytes(Path(dest), data, access)
    except OSError as exc:
        raise RenderError(f"{dest}: {exc.strerror or exc}") from exc
    return len(sizes)


def _doc_info(ctx: BaseModel) -> tuple[str, str]:
    doc = getattr(ctx, "doc", None)
    if doc is None:
        raise RenderError(f"{type(ctx).__name__} has no doc (DocInfo) for the PDF title and author")
    return doc.title, doc.author


def _spans(total: int, count: int) -> list[tuple[int, int]]:
    """Cut range(total) into count nearly equal consecutive spans (fewer if total is small)."""
    count = max(1, min(count, total))
    edges = [round(total * i / count) for i in range(count + 1)]
    return list(zip(edges, edges[1:], strict=False))


class _Merged:
    """The pieces appended, in order, to the first one, whose catalog (XMP, output intents,
    attachments) and document information the result keeps; then page numbers laid over."""

    def __init__(self) -> None:
        self.writer: Any = None
        self.pieces = 0

    def append(self, data: bytes) -> None:
        from pypdf import PdfReader, PdfWriter

        reader = PdfReader(BytesIO(data))
        if self.writer is None:
            self.writer = PdfWriter(clone_from=reader)
        else:
            _retag_fonts(reader, self.pieces)
            for page in reader.pages:
                self.writer.add_page(page)
        self.pieces += 1

    @property
    def page_sizes(self) -> list[tuple[float, float]]:
        return [(round(float(p.mediabox.width), 3), round(float(p.mediabox.height), 3)) for p in self.writer.pages]

    def numbered(self, numbers: Sequence[bytes]) -> bytes:
        """Lay page i of the concatenated `numbers` PDFs over page i; return the finished PDF."""
        from pypdf import PdfReader

        writer = self.writer
        stamps = []
        for i, data in enumerate(numbers):
            reader = PdfReader(BytesIO(data))
            _retag_fonts(reader, self.pieces + i)
            stamps.extend(reader.pages)
        if len(stamps) != len(writer.pages):
            raise RenderError(f"page numbers: {len(stamps)} pages for a document of {len(writer.pages)}")
        save = writer._add_object(_stream(b"q\n"))
        draw = writer._add_object(_stream(f"Q\nq {_STAMP_NAME} Do Q\n".encode()))
        for page, stamp in zip(writer.pages, stamps, strict=True):
            _overlay(writer, page, stamp, save, draw)
        out = BytesIO()
        writer.write(out)
        return out.getvalue()


def _overlay(writer: Any, page: Any, stamp: Any, save: Any, draw: Any) -> None:
    """Draw stamp (a page of the same size) over page, as a form XObject after page's own content."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    form = DecodedStreamObject()
    form.set_data(_content_bytes(stamp))
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(stamp.mediabox),
            NameObject("/Resources"): stamp["/Resources"].clone(writer),
        }
    )
    form_ref = writer._add_object(form.flate_encode())
    # Pieces share one resource dictionary between their pages: give each page its own copy.
    resources = DictionaryObject(page["/Resources"].get_object())
    xobjects = resources.get("/XObject")
    xobjects = DictionaryObject(xobjects.get_object()) if xobjects is not None else DictionaryObject()
    xobjects[NameObject(_STAMP_NAME)] = form_ref
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    contents = page.get("/Contents")
    if contents is None:
        existing: list[Any] = []
    elif isinstance(contents.get_object(), ArrayObject):
        existing = list(contents.get_object())
    else:
        existing = [contents]
    # q … Q around the page's own content: whatever state it leaves must not move the stamp.
    page[NameObject("/Contents")] = ArrayObject([save, *existing, draw])


def _content_bytes(page: Any) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    streams = list(contents) if isinstance(contents, list) else [contents]
    return b"\n".join(stream.get_object().get_data() for stream in streams)


def _retag_fonts(reader: Any, piece: int) -> None:
    """Give the font subsets of a piece their own tags: WeasyPrint derives the six-letter tag from the
    font alone, so every piece would call its different subset ABCDEF+UKM-Sans (ISO 32000 9.6.4)."""
    from pypdf.generic import NameObject

    seen: set[int] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            targets = [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]
            descriptors = [t["/FontDescriptor"].get_object() for t in targets if "/FontDescriptor" in t]
            for obj, key in [*((t, "/BaseFont") for t in targets), *((d, "/FontName") for d in descriptors)]:
                name = str(obj.get(key, ""))
                if len(name) > 8 and name[7] == "+":
                    obj[NameObject(key)] = NameObject("/" + _tag(name[1:7], piece) + name[7:])


def _tag(tag: str, piece: int) -> str:
    digest = hashlib.md5(f"{tag}:{piece}".encode(), usedforsecurity=False).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _stream(data: bytes) -> Any:
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream
