"""Sign a rendered usulan.pdf: a PAdES signature with a visible block and QR code in the signature area.

pyHanko appends the signature as an incremental update, so the PDF/A-3b objects WeasyPrint wrote
(XMP metadata, output intent, the attached XLSX) stay as they are. The block's text is set in the
packaged Liberation Sans, embedded as a subset, so the signed file stays PDF/A.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ukmreport import formatting as fmt
from ukmreport.errors import SigningError
from ukmreport.settings import Settings
from ukmreport.signing.certificate import SigningKey
from ukmreport.verify.letter import PrintedLetter, attachment, printed_letters

FIELD_NAME = "TandaTanganElektronik"
STAMP_FONT = "LiberationSans-Regular.ttf"
NAME_FONT = "LiberationSerif-Bold.ttf"  # the letter's signatory line, to centre the block under it
STAMP_TEXT = "Ditandatangani secara elektronik oleh\n%(nama)s\n%(jabatan)s\nTanggal: %(tanggal)s"
GAP = 2.0  # points kept clear above and below the block
WIDTH = 232.0  # points (82 mm): the right half of an A4 letter's text column
EDGE = 15 * 72 / 25.4  # never closer than 15 mm to the paper's edge


@dataclass(frozen=True)
class Box:
    page: int
    x1: float
    y1: float
    x2: float
    y2: float


def qr_payload(letters: list[PrintedLetter], attachment_name: str, attachment_sha256: str) -> str:
    """What the QR code carries: number, date, recipients, total and the attachment's SHA-256."""
    first = letters[0] if letters else PrintedLetter()
    count = sum(len(letter.rows) for letter in letters)
    total = sum(sum(row.nilai or 0 for row in letter.rows) for letter in letters)
    return "\n".join(
        [
            "Usulan calon penerima bantuan",
            f"Nomor: {first.number}",
            f"Tanggal: {first.date}",
            f"Penerima: {count}",
            f"Jumlah: {fmt.rupiah(total, cents=True)}",
            f"SHA-256 {attachment_name}: {attachment_sha256}",
        ]
    )


def sign_letter(path: Path, settings: Settings, key: SigningKey, today: date, fonts: Path) -> None:
    """Sign the letter at path in place (it is the staged copy; nothing is published on failure)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pypdf import PdfReader

    original = path.read_bytes()
    reader = PdfReader(io.BytesIO(original))
    letters = printed_letters(original)
    attached = attachment(reader)
    name, data = attached if attached else ("usulan.xlsx", b"")
    payload = qr_payload(letters, name, hashlib.sha256(data).hexdigest())
    box = signature_area(reader, settings.head.name, fonts / NAME_FONT)
    head = settings.head
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=head.name,
        location=settings.office.city,
        reason=f"Usulan calon penerima {settings.program.name}",
    )
    spec = fields.SigFieldSpec(
        sig_field_name=FIELD_NAME,
        on_page=box.page if box else 0,
        box=(box.x1, box.y1, box.x2, box.y2) if box else None,  # type: ignore[arg-type]
    )
    params = {
        "url": payload,
        "nama": head.name,
        "jabatan": "\n".join(textwrap.wrap(head.position, 46)[:2]),
        "tanggal": fmt.long_date(today),
    }
    out = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="ukmreport-sign-") as tmp:
        font = _stamp_font(fonts / STAMP_FONT, STAMP_TEXT % params, Path(tmp) / STAMP_FONT)
        pdf_signer = signers.PdfSigner(meta, key.signer, stamp_style=_style(font), new_field_spec=spec)
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(original))
            pdf_signer.sign_pdf(writer, appearance_text_params=params, output=out)
        except Exception as exc:  # pyHanko raises many kinds; the run stops with one line either way
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise SigningError(code="sign-failed", file=path.name, certificate=key.path, reason=first) from exc
    tmp = path.with_name(path.name + ".signing")
    tmp.write_bytes(out.getvalue())
    os.replace(tmp, path)


def _stamp_font(source: Path, text: str, dest: Path) -> Path:
    """The glyphs the block needs, at 1000 units per em: pyHanko writes glyph widths in font units
    as PDF widths (thousandths of an em), so a TrueType font at 2048 units would be set twice as wide."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    with TTFont(source) as font:
        options = subset.Options(hinting=False, layout_features=["kern", "liga"], name_IDs=["*"], notdef_outline=True)
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing to subset, and a warning if kept
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes={ord(ch) for ch in text} | set(range(0x20, 0x7F)))
        subsetter.subset(font)
        scale_upem(font, 1000)
        font.save(dest)
    return dest


def _style(font: Path) -> object:
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import QRPosition, QRStampStyle

    return QRStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font)), font_size=7, leading=9),
        border_width=0,
        background=None,
        qr_position=QRPosition.LEFT_OF_TEXT,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
        ),
    )


def signature_area(reader: object, signatory: str, name_font: Path) -> Box | None:
    """The empty space between the signatory's position and name on the first letter page, or None.

    It is found in the text as printed: the line with the signatory's name and the line above it;
    the block is centred under the name, as a wet signature would be.
    """
    for index, page in enumerate(reader.pages):  # type: ignore[attr-defined]
        lines = _text_lines(page)
        names = [line for line in lines if line[3] == signatory.strip()]
        if not names:
            continue
        x, y, size, text = names[0]
        above = [line for line in lines if line[1] > y + size]
        if not above:
            continue
        top = min(line[1] for line in above) - 0.3 * size - GAP  # below the position's descenders
        bottom = y + 0.9 * size + GAP  # above the name's capitals
        if top - bottom < 30:
            return None
        centre = x + _text_width(text, name_font, size) / 2
        width = float(page.mediabox.width)
        x1 = max(EDGE, min(centre - WIDTH / 2, width - EDGE - WIDTH))
        return Box(index, round(x1, 1), round(bottom, 1), round(x1 + WIDTH, 1), round(top, 1))
    return None


def _text_lines(page: object) -> list[tuple[float, float, float, str]]:
    """Each piece of text on the page: x, baseline y, size in points, text."""
    lines: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = abs(tm[3] * cm[3]) or 1.0
            lines.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size * scale, text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return lines


def _text_width(text: str, font: Path, size: float) -> float:
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as tt:
        cmap, hmtx, units = tt.getBestCmap(), tt["hmtx"], tt["head"].unitsPerEm
        advance = sum(hmtx[cmap.get(ord(ch), ".notdef")][0] for ch in text)
    return advance * size / units


def fonts_dir() -> Path:
    from ukmreport.render.html import packaged_template_dir

    return packaged_template_dir() / "fonts"
