"""Templates to HTML and PDF: the Jinja environment (office overrides first), the URL fetcher, WeasyPrint.

Template folders are searched in order: the office's override folder (``Settings.override_template_dir``),
then the packaged templates, which also stay reachable as ``packaged/<name>`` so an override can
``{% extends "packaged/letterhead.html" %}``. The same order serves CSS, images and fonts to WeasyPrint;
nothing else is ever fetched. WeasyPrint is imported only when a PDF is written (it costs ~0.5 s).
"""

from __future__ import annotations

import base64
import mimetypes
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

import ukmreport
from ukmreport.access import PUBLIC, Access, write_bytes
from ukmreport.errors import RenderError, TemplateError
from ukmreport.settings import Settings

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

PACKAGED_PREFIX = "packaged"
FONTS_CSS = "fonts.css"
PAGE_NUMBERS_TEMPLATE = "page_numbers.html"


def packaged_template_dir() -> Path:
    """Return the packaged templates: ukmreport/templates in a wheel, else the repository's templates/."""
    inside = Path(ukmreport.__file__).parent / "templates"
    if inside.is_dir():
        return inside
    return Path(ukmreport.__file__).resolve().parent.parent / "templates"


def template_dirs(settings: Settings) -> tuple[Path, ...]:
    """Return the folders templates and their files come from, override first."""
    packaged = packaged_template_dir().resolve()
    override = settings.override_template_dir
    if override is None:
        return (packaged,)
    override = override.resolve()
    if not override.is_dir():
        raise TemplateError(f"template folder {override} does not exist")
    return (override, packaged) if override != packaged else (packaged,)


@dataclass(frozen=True)
class Part:
    """Which piece of a document a rendering holds; a whole document is one piece.

    The chunked PDF path (pdf.py) renders a long table in pieces. ``first`` holds what comes
    before the sliced list, ``last`` what comes after it; ``opens(i)``/``closes(i)`` say whether
    the opening (a letter, a heading) and the closing (a total, a signature) of the i-th item of
    the sliced list belong to this piece. ``page_numbers`` off leaves the page footer blank, to be
    stamped once the pieces are merged.
    """

    first: bool = True
    last: bool = True
    starts: frozenset[int] | None = None
    ends: frozenset[int] | None = None
    page_numbers: bool = True

    def opens(self, index: int) -> bool:
        return self.starts is None or index in self.starts

    def closes(self, index: int) -> bool:
        return self.ends is None or index in self.ends


WHOLE = Part()


def render_html(name: str, ctx: BaseModel, settings: Settings, *, part: Part = WHOLE) -> str:
    """Render templates/<name>.html with the report's context; cell values are data, always escaped."""
    env = environment(template_dirs(settings))
    return _render(env, f"{name}.html", ctx=ctx, part=part)


def render_page_numbers(
    page_sizes: Sequence[tuple[float, float]], settings: Settings, *, first: int = 1, total: int | None = None
) -> str:
    """Render blank pages of the given sizes (pt) carrying only style.css's page-number footer.

    They are pages first, first+1, … of a document of `total` pages: the total is written out in
    the footer instead of counter(pages), so each span of pages is laid out once, on its own.
    """
    sizes = sorted(set(page_sizes))
    dirs = template_dirs(settings)
    total = total if total is not None else first + len(page_sizes) - 1
    # str(): Markup.replace would escape the quotes it puts in.
    css = Markup(str(stylesheet(dirs, "style.css")).replace("counter(pages)", f'"{total}"'))
    return _render(
        environment(dirs),
        PAGE_NUMBERS_TEMPLATE,
        css=css,
        sizes=sizes,
        pages=[sizes.index(size) for size in page_sizes],
        first=first,
    )


def _render(env: jinja2.Environment, template: str, **variables: Any) -> str:
    try:
        return env.get_template(template).render(**variables)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found") from exc
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or template
        raise TemplateError(f"{where}:{exc.lineno}: {_one_line(exc.message)}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: {_one_line(exc.message)}") from exc


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    """Return the Jinja environment over these folders: first folder wins, packaged/ prefix for the last."""
    packaged = jinja2.FileSystemLoader(dirs[-1])
    loader = jinja2.ChoiceLoader(
        [*(jinja2.FileSystemLoader(d) for d in dirs), jinja2.PrefixLoader({PACKAGED_PREFIX: packaged})]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["stylesheet"] = lambda name: stylesheet(dirs, name)
    env.globals["data_uri"] = lambda name: data_uri(dirs, name)
    return env


def find_file(dirs: Iterable[Path], name: str) -> Path:
    """Return the first template folder's file called name (a relative path inside the folder)."""
    for folder in dirs:
        candidate = (folder / name).resolve()
        if candidate.is_relative_to(folder) and candidate.is_file():
            return candidate
    raise TemplateError(f"{name} not found in the template folders")


def stylesheet(dirs: Iterable[Path], name: str) -> Markup:
    """Return a CSS file's text, safe to inline in <style> (autoescape would break its quotes)."""
    text = find_file(dirs, name).read_text(encoding="utf-8")
    if "</style" in text.lower():
        raise TemplateError(f"{name}: a stylesheet cannot contain </style>")
    return Markup(text)


def data_uri(dirs: Iterable[Path], name: str) -> str:
    """Return a template folder's file (a logo) as a data: URI, so the HTML stands alone.

    An absolute path is the office's logo beside ukmreport.toml (office.py made it absolute).
    """
    given = Path(name)
    image = (mimetypes.guess_type(given.name)[0] or "").startswith("image/")
    path = given if given.is_absolute() and image and given.is_file() else find_file(dirs, name)
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


# --- PDF ---------------------------------------------------------------------------------------


def url_fetcher(dirs: Sequence[Path]) -> URLFetcher:
    """Return a WeasyPrint URL fetcher serving only the template folders' files and data: URIs.

    A file under the packaged folder is looked up in the override folder first, so an office can
    replace a font or an image by putting one with the same relative path in its folder. Anything
    else (http, https, ftp, files elsewhere) raises, and the fetcher makes WeasyPrint stop on it.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = tuple(d.resolve() for d in dirs)

    class TemplateFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = _template_file(roots, url)
                if path is not None:
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
            raise ValueError(f"refused {_short(url)}: only template-folder files and data: URIs may be loaded")

    return TemplateFetcher(fail_on_errors=True)


def _template_file(roots: tuple[Path, ...], url: str) -> Path | None:
    """Return the template-folder file a file: URL names, override first, or None if outside."""
    try:
        path = Path(url2pathname(urlsplit(url).path)).resolve()
    except (ValueError, OSError):
        return None
    for root in roots:
        if path.is_relative_to(root):
            relative = path.relative_to(root)
            for candidate in ((r / relative).resolve() for r in roots):
                if any(candidate.is_relative_to(r) for r in roots) and candidate.is_file():
                    return candidate
            return None
    return None


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


def write_pdf(
    html: str,
    dest: Path,
    *,
    settings: Settings,
    title: str,
    author: str,
    stamp: datetime,
    attachments: Sequence[Path] = (),
    pdf_variant: str | None = None,
    access: Access = PUBLIC,
) -> int:
    """Write html as a PDF (fonts embedded, title and author set, dated stamp), readable as access
    says; return its page count."""
    data, pages = pdf_bytes(
        html,
        template_dirs(settings),
        title=title,
        stamp=stamp,
        author=author,
        attachments=attachments,
        pdf_variant=pdf_variant,
        label=Path(dest).name,
        subsetter=settings.rendering.font_subsetter,
    )
    try:
        write_bytes(Path(dest), data, access)
    except OSError as exc:
        raise RenderError(f"{dest}: {exc.strerror or exc}") from exc
    return pages


def pdf_bytes(
    html: str,
    dirs: Sequence[Path],
    *,
    title: str,
    author: str,
    stamp: datetime,
    attachments: Sequence[Path] = (),
    pdf_variant: str | None = None,
    label: str = "PDF",
    subsetter: str = "auto",
) -> tuple[bytes, int]:
    """Lay out html with WeasyPrint and return the PDF and its page count (runs in pdf.py's workers too).

    stamp dates the PDF, its attachments and its font subsets (the run's clock, to the second);
    subsetter "fonttools" subsets the fonts as on a machine without HarfBuzz-Subset.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    dirs = tuple(dirs)
    for path in attachments:
        if not Path(path).is_file():
            raise RenderError(f"{label}: attachment {path} not found")
    fetcher = url_fetcher(dirs)
    base_url = dirs[-1].as_uri() + "/"
    try:
        fonts = FontConfiguration()
        fonts_css = weasyprint.CSS(
            string=find_file(dirs, FONTS_CSS).read_text(encoding="utf-8"),
            base_url=base_url,
            url_fetcher=fetcher,
            font_config=fonts,
        )
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            font_config=fonts, stylesheets=[fonts_css], pdf_variant=pdf_variant
        )
        document.metadata.title = title
        document.metadata.authors = [author]
        document.metadata.created = document.metadata.modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        files = [
            weasyprint.Attachment(
                filename=str(path), name=Path(path).name, created=stamp, modified=stamp, relationship="Data"
            )
            for path in attachments
        ]
        with font_subsets(stamp, subsetter):
            data = document.write_pdf(attachments=files or None, pdf_variant=pdf_variant)
    except FatalURLFetchingError as exc:
        raise RenderError(f"{label}: {_one_line(exc.__cause__ or exc)}") from exc
    except (TemplateError, RenderError):
        raise
    except Exception as exc:  # WeasyPrint raises many kinds; the CLI needs one line
        raise RenderError(f"{label}: WeasyPrint failed: {type(exc).__name__}: {_one_line(exc)}") from exc
    return data, len(document.pages)


@contextmanager
def font_subsets(stamp: datetime, subsetter: str) -> Iterator[None]:
    """Make the fonts WeasyPrint subsets while writing a PDF the same on every machine.

    Where the system has no HarfBuzz-Subset, WeasyPrint subsets with fontTools, which dates each
    subset from SOURCE_DATE_EPOCH as it is at that moment: it is the run's stamp for the call (a
    forkserver worker keeps the environment it started with). subsetter "fonttools" makes WeasyPrint
    take that path on any machine.
    """
    from weasyprint.pdf import fonts

    saved_epoch, saved_harfbuzz = os.environ.get("SOURCE_DATE_EPOCH"), fonts.harfbuzz_subset
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    if subsetter == "fonttools":
        fonts.harfbuzz_subset = None
    try:
        yield
    finally:
        fonts.harfbuzz_subset = saved_harfbuzz
        if saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved_epoch
