"""Signing: a PAdES signature over the whole letter, PDF/A-3b and the XLSX kept, a visible block."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from tests.certs import PASSWORD, make_pki
from tests.letters import build_letter, demo_inputs
from ukmreport.cli import main
from ukmreport.errors import ConfigError, SigningError
from ukmreport.office.profile import for_region
from ukmreport.office.region import load_region
from ukmreport.settings import Settings, load_settings
from ukmreport.signing import load_signing_key
from ukmreport.signing.stamp import qr_payload, signature_area
from ukmreport.verify.letter import printed_letters

MM = 72 / 25.4


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(signed letter, CA certificate): the demo's letter, built and signed once for this module."""
    root = tmp_path_factory.mktemp("signing")
    pki = make_pki(root / "pki")
    key = load_signing_key(pki.p12, PASSWORD)
    return build_letter(demo_inputs(root / "inputs"), root / "reports", key), pki.ca_pem


def test_signature_is_intact_valid_and_covers_the_whole_file(signed: tuple[Path, Path]) -> None:
    letter, ca = signed
    with letter.open("rb") as f:
        signatures = PdfFileReader(f).embedded_signatures
        assert len(signatures) == 1
        status = validate_pdf_signature(signatures[0], ValidationContext(trust_roots=[load_cert_from_pemder(str(ca))]))
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage.name == "ENTIRE_FILE"
    assert "La Ode Muhammad Arsyad" in status.signing_cert.subject.human_friendly


def test_pdfa_metadata_and_attachment_are_kept(signed: tuple[Path, Path]) -> None:
    letter, _ = signed
    reader = PdfReader(letter)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfaid:part(>|=")3', xmp) and re.search(rb'pdfaid:conformance(>|=")B', xmp)
    assert reader.trailer["/Root"]["/OutputIntents"]
    assert reader.attachments["usulan.xlsx"][0] == (letter.parent / "usulan.xlsx").read_bytes()
    manifest = json.loads((letter.parent / "manifest.json").read_text())
    entry = next(o for o in manifest["outputs"] if o["path"] == "usulan.pdf")
    assert entry["sha256"] == hashlib.sha256(letter.read_bytes()).hexdigest()  # the signed file


def test_block_sits_in_the_signature_area_with_an_embedded_font(signed: tuple[Path, Path]) -> None:
    letter, _ = signed
    page = PdfReader(letter).pages[0]
    widget = next(a.get_object() for a in page["/Annots"] if a.get_object().get("/FT") == "/Sig")
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert int(widget["/F"]) & 4  # printed
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert min(x1, y1, width - x2, height - y2) >= 10 * MM
    spots: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            spots.setdefault(text.strip(), tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    head = for_region(Settings(), load_region(None)).head  # the Baubau profile's (sample) head
    position_last_line = next(y for text, y in spots.items() if text.endswith(","))  # 'Menengah Kota Baubau,'
    assert spots[head.name] < y1 < y2 < position_last_line  # between the position and the name
    stamp = widget["/AP"]["/N"].get_object()
    fonts = list(_fonts(stamp))
    assert fonts and all("/FontFile2" in f["/DescendantFonts"][0]["/FontDescriptor"] for f in fonts)
    assert "Ditandatangani secara elektronik oleh" in stamp.get_data().decode("latin-1")


def _fonts(stream: object):  # type: ignore[no-untyped-def]
    resources = stream.get("/Resources", {})  # type: ignore[attr-defined]
    for font in resources.get("/Font", {}).values():
        yield font.get_object()
    for xobject in resources.get("/XObject", {}).values():
        yield from _fonts(xobject.get_object())


def test_qr_payload_carries_number_date_count_total_and_attachment_hash(signed: tuple[Path, Path]) -> None:
    letter, _ = signed
    letters = printed_letters(letter.read_bytes())
    sha = hashlib.sha256((letter.parent / "usulan.xlsx").read_bytes()).hexdigest()
    payload = qr_payload(letters, "usulan.xlsx", sha)
    count = len(letters[0].rows)
    assert count > 0
    assert f"Nomor: {letters[0].number}" in payload and f"Penerima: {count}" in payload
    assert f"Tanggal: {letters[0].date}" in payload and sha in payload
    assert "Jumlah: Rp" in payload


def test_no_signature_area_without_the_signatory(signed: tuple[Path, Path]) -> None:
    letter, _ = signed
    from ukmreport.signing.stamp import NAME_FONT, fonts_dir

    assert signature_area(PdfReader(letter), "Nobody Signs This", fonts_dir() / NAME_FONT) is None


@pytest.mark.parametrize(
    ("expired", "password", "lang", "message"),
    [
        (False, "salah", "en", "error: cannot open certificate {p12}: wrong password or not a PKCS#12 file"),
        (True, PASSWORD, "en", "error: certificate {p12} (CN="),
        (False, "salah", None, "kesalahan: sertifikat {p12} tidak dapat dibuka: kata sandi salah"),
        (True, PASSWORD, None, "kesalahan: sertifikat {p12} (CN="),
    ],
    ids=["wrong password, en", "expired certificate, en", "wrong password, id", "expired certificate, id"],
)
def test_refused_certificate_is_one_line_and_publishes_nothing(
    signed: tuple[Path, Path], tmp_path: Path, expired: bool, password: str, lang: str | None, message: str
) -> None:
    letter, _ = signed
    inputs = letter.parent.parent.parent / "inputs"
    pki = make_pki(tmp_path / "pki", expired=expired)
    out = tmp_path / "reports"
    chosen = ["--lang", lang] if lang else []  # none: Indonesian, the default
    result = CliRunner().invoke(
        main,
        [*chosen, "build", str(inputs), "--out", str(out), "--only", "usulan", "--sign", str(pki.p12)],
        env={"UKMREPORT_SIGN_PASSWORD": password, "UKMREPORT_LANG": None},
    )
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("ukmreport: " + message.format(p12=pki.p12)), line
    if expired:
        assert ("expired on " if lang else "kedaluwarsa pada ") in line
    assert not out.exists() or not any(out.rglob("usulan.pdf"))


def test_load_signing_key_errors_are_signing_errors(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    with pytest.raises(SigningError) as refused:
        load_signing_key(pki.p12, "salah")
    assert refused.value.code == "sign-wrong-password" and refused.value.params["certificate"] == pki.p12
    with pytest.raises(SigningError) as refused:
        load_signing_key(tmp_path / "missing.p12", PASSWORD)
    assert refused.value.code == "sign-cannot-read"
    assert str(refused.value).startswith(f"sertifikat {tmp_path / 'missing.p12'} tidak dapat dibaca: ")


def test_password_is_never_read_from_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "ukmreport.toml"
    config.write_text('[signing]\ncertificate = "dinas.p12"\npassword = "rahasia"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="signing.password"):
        load_settings(config)
    config.write_text('[signing]\ncertificate = "dinas.p12"\n', encoding="utf-8")
    assert load_settings(config).signing.certificate == tmp_path / "dinas.p12"  # beside the settings file


def test_configured_certificate_is_found_beside_the_settings_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """[signing] certificate = "dinas.p12" names the file next to ukmreport.toml, wherever the run starts."""
    office = tmp_path / "kantor"
    pki = make_pki(office / "pki")
    (office / "ukmreport.toml").write_text('[signing]\ncertificate = "pki/dinas.p12"\n', encoding="utf-8")
    (office / "pki" / "dinas.p12").write_bytes(pki.p12.read_bytes())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(
        main,
        ["--lang", "en", "--config", str(office / "ukmreport.toml"), "build", str(tmp_path / "inputs")],
        env={"UKMREPORT_SIGN_PASSWORD": "salah"},
    )
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(office / "pki" / "dinas.p12") in line and "wrong password" in line, line  # opened, not missing
    assert not (elsewhere / "reports").exists()


def test_stamp_font_is_subset_at_1000_units(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    from ukmreport.signing.stamp import STAMP_FONT, _stamp_font, fonts_dir

    made = _stamp_font(fonts_dir() / STAMP_FONT, "Ditandatangani", tmp_path / "f.ttf")
    with TTFont(io.BytesIO(made.read_bytes())) as font:
        assert font["head"].unitsPerEm == 1000
