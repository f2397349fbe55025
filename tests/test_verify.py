"""verify: a good letter holds; a changed byte, an altered attachment, repeated NIKs and shared accounts do not."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from tests.certs import PASSWORD, make_pki
from tests.letters import build_letter, demo_inputs, lengthen, share_account
from ukmreport.cli import main
from ukmreport.formatting import amount_in_words
from ukmreport.settings import Settings
from ukmreport.verify import verify_letters
from ukmreport.verify.letter import printed_letters
from ukmreport.verify.words import rupiah_words_to_int, words_to_int


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A signed letter, its CA, and an unsigned letter from the same people with one account shared."""
    root = tmp_path_factory.mktemp("verify")
    pki = make_pki(root / "pki")
    inputs = demo_inputs(root / "inputs")
    signed = build_letter(inputs, root / "signed", load_signing_key_for(pki.p12))
    rows = verify_letters([signed]).files[0]
    assert rows.letters and rows.letters[0].count >= 2
    first_two = _niks(signed)[:2]
    account = share_account(inputs, root / "inputs-shared", (first_two[0], first_two[1]))
    other = build_letter(root / "inputs-shared", root / "other")
    return {"signed": signed, "ca": pki.ca_pem, "other": other, "account": Path(account), "root": root}


def load_signing_key_for(p12: Path):  # type: ignore[no-untyped-def]
    from ukmreport.signing import load_signing_key

    return load_signing_key(p12, PASSWORD)


def _niks(letter: Path) -> list[str]:
    data = PdfReader(letter).attachments["usulan.xlsx"][0]
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "No" and row[1] == "NIK")
    return [str(row[1]) for row in rows[header + 1 :] if row[1] and str(row[1]).isdigit()]


def verify(*args: str, lang: str | None = "en") -> tuple[int, str]:
    """Run `ukmreport [--lang LANG] verify ARGS`; lang None: the default language, Indonesian."""
    chosen = ["--lang", lang] if lang else []
    result = CliRunner().invoke(main, [*chosen, "verify", *args], env={"UKMREPORT_LANG": None})
    return result.exit_code, result.output


def test_good_signed_letter_exits_0(letters: dict[str, Path]) -> None:
    code, out = verify(str(letters["signed"]), "--ca-bundle", str(letters["ca"]))
    assert code == 0, out
    assert "all checks hold" in out and "chain trusted" in out and "ENTIRE_FILE" in out


def test_json_shape(letters: dict[str, Path]) -> None:
    code, out = verify(str(letters["signed"]), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert set(report) == {"files", "duplicate_niks", "shared_accounts"}
    (file,) = report["files"]
    assert file["pdfa"] == "3B" and file["attachment"] == "usulan.xlsx" and len(file["attachment_sha256"]) == 64
    assert file["signature"] | {"signer": None, "signed_at": None} == {
        "signed": True,
        "intact": True,
        "valid": True,
        "trusted": None,
        "coverage": "ENTIRE_FILE",
        "signer": None,
        "signed_at": None,
        "qr_matches": True,
    }
    (letter,) = file["letters"]
    assert set(letter) == {"program", "number", "date", "count", "total"} and letter["total"] > 0
    assert file["problems"] == []


@pytest.mark.parametrize("where", [i / 12 for i in range(12)] + [0.999])
def test_a_changed_byte_anywhere_exits_1_naming_what_broke(
    letters: dict[str, Path], tmp_path: Path, where: float
) -> None:
    data = bytearray(letters["signed"].read_bytes())
    at = int(where * (len(data) - 1))
    data[at] = data[at] ^ 0x01 if data[at] not in b"\r\n" else ord("x")
    tampered = tmp_path / "usulan.pdf"
    tampered.write_bytes(bytes(data))
    code, out = verify(str(tampered))
    assert code == 1, out
    assert "FAIL" in out and ("signature:" in out or "file:" in out), out


def test_changed_byte_in_signed_range_is_a_digest_mismatch(letters: dict[str, Path], tmp_path: Path) -> None:
    data = bytearray(letters["signed"].read_bytes())
    at = data.index(b"Ditandatangani") if b"Ditandatangani" in data else len(data) // 3
    data[at + 2] ^= 0x01
    tampered = tmp_path / "usulan.pdf"
    tampered.write_bytes(bytes(data))
    code, out = verify(str(tampered))
    assert code == 1 and "changed after signing" in out, out


def test_attachment_altered_against_the_letter_exits_1(letters: dict[str, Path], tmp_path: Path) -> None:
    reader = PdfReader(letters["other"])
    workbook = load_workbook(io.BytesIO(reader.attachments["usulan.xlsx"][0]))
    sheet = workbook.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows, 1) if row[:2] == ["No", "NIK"])
    nilai = rows[header - 1].index("Nilai") + 1
    sheet.cell(header + 1, 2).value = "7472010101900001"  # row 1's NIK
    sheet.cell(header + 2, nilai).value = 9_000_000  # row 2's amount
    buffer = io.BytesIO()
    workbook.save(buffer)
    writer = PdfWriter(clone_from=reader)
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    names[1].get_object()["/EF"]["/F"].get_object().set_data(buffer.getvalue())
    altered = tmp_path / "usulan.pdf"
    with altered.open("wb") as f:
        writer.write(f)
    code, out = verify(str(altered))
    assert code == 1, out
    assert "row 1: nik '7472010101900001' in the attachment" in out
    assert "row 2: nilai 9000000 in the attachment, 7000000 in the letter" in out
    assert "the attachment totals" in out


def test_repeated_niks_and_shared_accounts_across_letters(letters: dict[str, Path]) -> None:
    report = verify_letters([letters["signed"], letters["other"]])
    niks = _niks(letters["signed"])
    assert {d.nik for d in report.duplicate_niks} == set(niks)  # the same people, proposed twice
    assert all(len(d.places) == 2 for d in report.duplicate_niks)
    (shared,) = report.shared_accounts
    assert shared.no_rekening == str(letters["account"]) and shared.niks == sorted(niks[:2])
    code, out = verify(str(letters["signed"]), str(letters["other"]))
    assert code == 1
    assert "NIK proposed more than once" in out and f"{shared.no_rekening}:" in out


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    junk = tmp_path / "surat.pdf"
    junk.write_text("bukan pdf", encoding="utf-8")
    code, out = verify(str(junk))
    assert code == 2 and "not a PDF" in out, out


def test_wrong_ca_bundle_is_untrusted(letters: dict[str, Path]) -> None:
    stranger = make_pki(letters["root"] / "stranger", tag=" lain")
    code, out = verify(str(letters["signed"]), "--ca-bundle", str(stranger.ca_pem))
    assert code == 1 and "does not chain to the CA bundle" in out


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("nol", 0),
        ("sebelas", 11),
        ("dua belas", 12),
        ("seratus empat puluh juta", 140_000_000),
        (
            "satu miliar dua ratus tiga puluh empat juta lima ratus enam puluh tujuh ribu delapan ratus sembilan puluh",
            1_234_567_890,
        ),
        ("seribu", 1000),
        ("tujuh juta lima", 7_000_005),
        ("tujuh jutaan", None),
        ("", None),
    ],
)
def test_words_to_int(words: str, number: int | None) -> None:
    assert words_to_int(words) == number


@pytest.mark.parametrize("amount", [0, 7_000_000, 140_000_000, 343_000_000, 1_001_000, 999_999_999_999])
def test_total_in_words_reads_back(amount: int) -> None:
    assert rupiah_words_to_int(amount_in_words(amount)) == amount


@pytest.mark.parametrize("where", [0.002, 0.05, 0.08, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.5])
def test_a_changed_byte_in_the_unsigned_contents_exits_1(
    letters: dict[str, Path], tmp_path: Path, where: float
) -> None:
    """/Contents is outside what the signature signs: its CMS, certificates and padding are checked."""
    data = bytearray(letters["signed"].read_bytes())
    start = data.rindex(b"/Contents <") + len(b"/Contents <")  # '3082LLLL…': a DER SEQUENCE, then zeros
    cms_hex = 2 * (int.from_bytes(bytes.fromhex(data[start + 4 : start + 8].decode()), "big") + 4)
    at = start + int(where * cms_hex)
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    tampered = tmp_path / "usulan.pdf"
    tampered.write_bytes(bytes(data))
    code, out = verify(str(tampered))
    assert code == 1 and "signature" in out, out


def test_cells_wrapped_over_lines_are_read_as_one_cell(letters: dict[str, Path]) -> None:
    """A long address and business name wrap over several lines, and No. HP stands after the account
    number: the table is read by column, so the row still matches its attachment row."""
    root = letters["root"]
    nik = _niks(letters["signed"])[0]
    address = "Jl. Sultan Dayanu Ikhsanuddin Lorong Kelurahan Lama No. 117, RT 004/RW 002, Kompleks Pasar Wameo"
    lengthen(root / "inputs", root / "inputs-long", nik, **{"Alamat Usaha": address, "Nama Usaha": "Usaha " * 8})
    columns = ["No", "NIK", "Nama Lengkap", "Alamat", "Nama Usaha", "No Rekening", "No. HP", "Bank", "Nilai"]
    settings = Settings.model_validate({"letter": {"columns": columns}})
    letter = build_letter(root / "inputs-long", root / "long", settings=settings)
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(letter) as document:
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "117, RT 004/RW 002" in text.replace("\r\n", " ") and address not in text  # it did wrap
    code, out = verify(str(letter))
    assert code == 0 and "all checks hold" in out, out
    (printed,) = printed_letters(letter.read_bytes())
    row = next(r for r in printed.rows if r.nik == nik)
    (sheet,) = load_workbook(io.BytesIO(PdfReader(letter).attachments["usulan.xlsx"][0])).worksheets
    values = [[str(v) if v is not None else "" for v in r] for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in values if r[:2] == ["No", "NIK"])
    attached = next(r for r in values if nik in r)
    assert row.no_rekening == attached[header.index("No Rekening")] != attached[header.index("No. HP")]


def test_report_is_indonesian_by_default(letters: dict[str, Path], tmp_path: Path) -> None:
    code, out = verify(str(letters["signed"]), "--ca-bundle", str(letters["ca"]), lang=None)
    assert code == 0, out
    assert out.startswith("BAIK ") and "rantai sertifikat terpercaya" in out and "semua pemeriksaan terpenuhi" in out
    assert "ditandatangani oleh" in out and "all checks hold" not in out
    data = bytearray(letters["signed"].read_bytes())
    at = data.index(b"Ditandatangani") if b"Ditandatangani" in data else len(data) // 3
    data[at + 2] ^= 0x01
    (tmp_path / "usulan.pdf").write_bytes(bytes(data))
    code, out = verify(str(tmp_path / "usulan.pdf"), lang=None)
    assert code == 1 and out.startswith("GAGAL")
    assert "tanda tangan: bagian yang ditandatangani diubah setelah penandatanganan" in out, out


def test_repeated_niks_are_said_in_indonesian(letters: dict[str, Path]) -> None:
    code, out = verify(str(letters["signed"]), str(letters["other"]), lang=None)
    assert code == 1
    assert "NIK yang diusulkan lebih dari sekali" in out and "Nomor rekening yang dipakai NIK berbeda" in out
    assert "masalah." in out and "no. 1)" in out


@pytest.mark.parametrize(("lang", "words"), [("en", "not a PDF: "), (None, "bukan PDF: ")], ids=["en", "id"])
def test_json_gives_stable_codes_and_the_message_in_the_run_language(
    tmp_path: Path, lang: str | None, words: str
) -> None:
    junk = tmp_path / "surat.pdf"
    junk.write_text("bukan pdf", encoding="utf-8")
    code, out = verify(str(junk), "--format", "json", lang=lang)
    assert code == 2
    (problem,) = json.loads(out)["files"][0]["problems"]
    assert problem["check"] == "file" and problem["code"] == "file-not-pdf"
    assert problem["message"].startswith(words) and problem["params"]["reason"]


def test_jobs_read_files_in_parallel_with_the_same_result(letters: dict[str, Path]) -> None:
    files = [str(letters["signed"]), str(letters["other"]), str(letters["signed"])]
    one = verify(*files, "--format", "json", "--jobs", "1")
    two = verify(*files, "--format", "json", "--jobs", "2")
    assert one == two and one[0] == 1
    assert len(json.loads(one[1])["duplicate_niks"]) == len(_niks(letters["signed"]))


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "error: cannot read the CA bundle"), (None, "kesalahan: bundel CA")]
)
def test_unreadable_ca_bundle_is_one_line(
    letters: dict[str, Path], tmp_path: Path, lang: str | None, words: str
) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\nrusak\n-----END CERTIFICATE-----\n", encoding="utf-8")
    chosen = ["--lang", lang] if lang else []
    result = CliRunner().invoke(
        main, [*chosen, "verify", str(letters["signed"]), "--ca-bundle", str(bundle)], env={"UKMREPORT_LANG": None}
    )
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"ukmreport: {words}") and str(bundle) in line, line


def test_javascript_breaks_pdfa(letters: dict[str, Path], tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(letters["other"]))
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    script = {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('halo');")}
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(script)
    scripted = tmp_path / "usulan.pdf"
    with scripted.open("wb") as f:
        writer.write(f)
    code, out = verify(str(scripted), "--format", "json")
    assert code == 1
    problems = json.loads(out)["files"][0]["problems"]
    assert [p["code"] for p in problems if p["check"] == "pdfa"] == ["pdfa-javascript"], problems


@pytest.mark.slow
def test_a_letter_of_more_than_999_rows_reads_back(tmp_path: Path) -> None:
    """Row numbers of four digits stay on one line in the No column (they wrapped as '100' / '0' and
    verify then found every row from 1,000 on misplaced): a national-scale letter holds."""
    from tests.letters import long_letter

    letter = long_letter(tmp_path, 1003)
    code, out = verify(str(letter))
    assert code == 0, out
    assert "1003 recipients" in out
    (printed,) = printed_letters(letter.read_bytes())
    assert [row.no for row in printed.rows[-4:]] == [1000, 1001, 1002, 1003]
