"""Blank, ready-to-fill workbooks (`ukmreport init`): the sheets of shared/spec/workbooks.md, as the office keeps them.

Each sheet has a title row, a note row, then the header row (the first accepted header of every
field) and nothing below it: a hint row under the header would be read as data, so the hints live
in header comments and in the input messages of Excel's data validation. Identifier columns are
text so a NIK keeps its sixteenth digit; drop-downs come from the region file and the settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ukmreport.access import Access, make_folder, new_file
from ukmreport.errors import UkmreportError
from ukmreport.models import SheetKind
from ukmreport.office.profile import for_region
from ukmreport.office.region import Region, load_region
from ukmreport.settings import Settings
from ukmreport.validate import FIELDS, SHEET_NAMES, FieldSpec

WORKBOOKS: tuple[tuple[str, tuple[SheetKind, ...]], ...] = (
    ("data_pelaku_usaha.xlsx", (SheetKind.BUSINESSES,)),
    ("usulan_bantuan.xlsx", (SheetKind.PROPOSALS, SheetKind.AID_HISTORY)),
    ("data_koperasi.xlsx", (SheetKind.COOPERATIVES, SheetKind.COOP_ASSESSMENT)),
)
TITLES = {
    SheetKind.BUSINESSES: "DATA PELAKU USAHA",
    SheetKind.PROPOSALS: "USULAN CALON PENERIMA BANTUAN",
    SheetKind.AID_HISTORY: "RIWAYAT PENERIMA BANTUAN",
    SheetKind.COOPERATIVES: "DATA KOPERASI",
    SheetKind.COOP_ASSESSMENT: "PENILAIAN KESEHATAN KOPERASI",
}
SKIPPED_FIELDS = frozenset({"tempat_tanggal_lahir"})  # Tempat Lahir and Tanggal Lahir are offered apart
LISTS_SHEET = "Daftar"
TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1
VALIDATED_ROWS = 5000  # drop-downs and checks reach this far below the header
CREATED = datetime(2024, 1, 1)  # fixed, so two runs write the same workbook

STATUSES = ("Diusulkan", "Disetujui", "Ditolak", "Disalurkan")
COOP_TYPES = ("Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa")
TEXT_KINDS = frozenset({"nik", "phone", "account", "nib", "nik_koperasi", "kk"})
TEXT_FIELDS = frozenset({"nomor_badan_hukum"})  # numbers like 518/BH/XXV must not turn into dates
AMOUNT_KINDS = frozenset({"amount", "positive_amount", "signed_amount"})
NUMBER_FORMATS = {
    **dict.fromkeys(TEXT_KINDS, "@"),
    **dict.fromkeys(AMOUNT_KINDS, "#,##0"),
    "date": "dd-mm-yyyy",
    "year": "0",
    "count": "#,##0",
}
HINTS = {
    "nik": "16 angka",
    "text": "",
    "gender": "L atau P",
    "date": "hari-bulan-tahun, contoh 12-03-1985",
    "date_or_year": "tanggal (12-03-2015) atau tahunnya saja (2015)",
    "kelurahan": "pilih dari daftar kelurahan",
    "kecamatan": "pilih dari daftar kecamatan",
    "phone": "08…, 10–13 angka",
    "sector": "pilih dari daftar bidang usaha",
    "nib": "13 angka",
    "amount": "rupiah, angka saja (contoh 7000000)",
    "positive_amount": "rupiah, lebih dari 0 (contoh 7000000)",
    "signed_amount": "rupiah, angka saja (contoh 25000000)",
    "count": "bilangan bulat, 0 atau lebih",
    "year": "tahun empat angka, contoh 2024",
    "points": "nilai 0 sampai {max}",
    "yes_no": "Ya atau Tidak (kosong berarti Tidak)",
    "account": "8–20 angka",
    "status": "Diusulkan, Disetujui, Ditolak atau Disalurkan (kosong berarti Diusulkan)",
    "coop_type": "pilih: " + ", ".join(COOP_TYPES),
    "nik_koperasi": "16 angka",
    "kk": "No. KK 16 angka",
    "guideline": "2016 (tujuh aspek) atau 2021 (Tata Kelola, Profil Risiko, Kinerja Keuangan, Permodalan)",
}
FIELD_HINTS = {
    "predikat": "kategori yang ditulis penilai (Sehat, Cukup Sehat, Dalam Pengawasan, …); boleh kosong",
    "shu": "rupiah, angka saja; rugi ditulis negatif (contoh -2500000)",
    "nomor_badan_hukum": "tulis persis seperti pada akta badan hukum",
}
WIDTHS = {
    "kk": 20,
    "nik": 20,
    "nik_koperasi": 20,
    "account": 20,
    "phone": 16,
    "nib": 16,
    "date": 13,
    "date_or_year": 13,
}
WIDE_FIELDS = {"alamat": 36, "nama": 28, "nama_usaha": 28, "nama_koperasi": 30, "keterangan": 30, "program": 30}
REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass
class _Lists:
    """The hidden sheet of drop-down lists of one workbook; columns are added on first use."""

    wb: Workbook
    ws: Worksheet | None = None

    def range_for(self, title: str, values: Sequence[str]) -> str:
        if self.ws is None:
            self.ws = self.wb.create_sheet(LISTS_SHEET)
            self.ws.sheet_state = "hidden"
        col = 1
        while self.ws.cell(row=1, column=col).value not in (None, title):
            col += 1
        letter = get_column_letter(col)
        if self.ws.cell(row=1, column=col).value is None:
            self.ws.cell(row=1, column=col, value=title).font = Font(bold=True)
            for row, value in enumerate(values, 2):
                self.ws.cell(row=row, column=col, value=value).data_type = "s"
            self.ws.column_dimensions[letter].width = max(12, *(len(v) + 2 for v in values))
        return f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"


def write_blank_workbooks(directory: Path, settings: Settings) -> list[Path]:
    """Write the blank workbooks into directory; refuse, writing nothing, if any already exists."""
    directory = Path(directory)
    targets = [directory / name for name, _ in WORKBOOKS]
    for target in targets:
        if target.exists() or target.is_symlink():
            raise UkmreportError(f"{target} sudah ada; init tidak menimpa berkas yang sudah ada")
    region = load_region(settings.region_file)
    settings = for_region(settings, region)  # the workbooks' author: the office, when it is known
    access = Access(group=settings.output.group_readable)  # blank: no personal data (access.py)
    try:
        make_folder(directory, access)
    except OSError as exc:
        raise UkmreportError(f"folder {directory} tidak dapat dibuat: {exc.strerror or exc}") from exc
    for target, (_, kinds) in zip(targets, WORKBOOKS, strict=True):
        wb = blank_workbook(kinds, settings, region)
        try:
            with new_file(target, access, overwrite=False) as fh:
                wb.save(fh)
        except FileExistsError as exc:  # appeared while we were writing: still never overwrite
            raise UkmreportError(f"{target} sudah ada; init tidak menimpa berkas yang sudah ada") from exc
        except OSError as exc:
            raise UkmreportError(f"{target} tidak dapat ditulis: {exc.strerror or exc}") from exc
    return targets


def blank_workbook(kinds: Sequence[SheetKind], settings: Settings, region: Region) -> Workbook:
    """Build one workbook holding a blank sheet for each kind."""
    wb = Workbook()
    wb.remove(wb.active)
    lists = _Lists(wb)
    for kind in kinds:
        _blank_sheet(wb.create_sheet(SHEET_NAMES[kind][0]), kind, settings, region, lists)
    if lists.ws is not None:  # keep the hidden lists last, out of the way
        wb.move_sheet(lists.ws, offset=len(wb.sheetnames))
    wb.active = 0
    first = TITLES[kinds[0]].title()
    props = wb.properties
    props.title = f"{first} — {region.name}"
    props.subject = ", ".join(SHEET_NAMES[k][0] for k in kinds)
    props.creator = props.lastModifiedBy = settings.office.short_name or region.name
    props.description = f"Dibuat oleh ukmreport init; isi mulai baris {FIRST_DATA_ROW}, jangan ubah judul kolom."
    props.created = props.modified = CREATED
    return wb


def _fields(kind: SheetKind) -> list[FieldSpec]:
    return [spec for spec in FIELDS[kind] if spec.name not in SKIPPED_FIELDS]


def _blank_sheet(ws: Worksheet, kind: SheetKind, settings: Settings, region: Region, lists: _Lists) -> None:
    specs = _fields(kind)
    last_col = len(specs) + 1
    ws.cell(row=TITLE_ROW, column=1, value=f"{TITLES[kind]} — {region.name.upper()}").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=min(last_col, 10))
    note = ws.cell(
        row=NOTE_ROW,
        column=1,
        value="Judul kolom berwarna jingga wajib diisi. Arahkan kursor ke judul kolom untuk petunjuk. "
        f"Isi data mulai baris {FIRST_DATA_ROW}; jangan mengubah judul kolom.",
    )
    note.font = Font(italic=True, color="595959")
    ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=min(last_col, 10))

    header_font = Font(bold=True)
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    no_cell = ws.cell(row=HEADER_ROW, column=1, value="No")
    no_cell.font, no_cell.fill, no_cell.alignment = header_font, OPTIONAL_FILL, header_align
    ws.column_dimensions["A"].width = 5
    ws.row_dimensions[HEADER_ROW].height = 32
    last_row = HEADER_ROW + VALIDATED_ROWS
    for col, spec in enumerate(specs, 2):
        letter = get_column_letter(col)
        header = spec.headers[0]
        hint = _hint(kind, spec, settings)
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font, cell.alignment = header_font, header_align
        cell.fill = REQUIRED_FILL if spec.required else OPTIONAL_FILL
        cell.comment = Comment(f"{header}\n{hint}", "ukmreport", height=90, width=240)
        ws.column_dimensions[letter].width = max(len(header) + 4, WIDE_FIELDS.get(spec.name, WIDTHS.get(spec.kind, 14)))

        validation = _validation(spec, settings, region, lists)
        validation.showInputMessage = True
        validation.promptTitle = header[:32]
        validation.prompt = hint[:255]
        validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        ws.add_data_validation(validation)

        fmt = "@" if spec.name in TEXT_FIELDS else NUMBER_FORMATS.get(spec.kind)
        if fmt:
            # A column style, which Excel gives every cell typed into the column. Not cell by cell:
            # thousands of empty styled cells would make Ctrl+End, ws.append and readers go far below.
            ws.column_dimensions[letter].number_format = fmt
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _hint(kind: SheetKind, spec: FieldSpec, settings: Settings) -> str:
    """The input message: required or not, then how to write the value."""
    need = "Wajib diisi." if spec.required else "Boleh kosong."
    how = FIELD_HINTS.get(spec.name) or HINTS.get(spec.kind, "")
    if kind is SheetKind.COOP_ASSESSMENT and spec.name == "nomor_badan_hukum":
        need, how = "Wajib diisi, kecuali NIK Koperasi diisi.", "sama dengan lembar Koperasi"
    elif spec.kind == "points":
        rules = settings.cooperatives
        which = [g for g in ("2016", "2021") if spec.name in rules.aspect_maxima(g)]
        top = max(rules.aspect_maxima(g)[spec.name] for g in which) if which else 100
        how = how.format(max=_num(top)) + (f" (pedoman {' dan '.join(which)})" if which else "")
    if spec.hint and (spec.kind in AMOUNT_KINDS or not how):  # schema hints that add to the kind's
        how = f"{how}, {spec.hint}" if how else spec.hint
    if spec.kind in TEXT_KINDS:
        how += "; kolom ini berformat teks agar angka tidak berubah"
    if not how:
        return need
    return f"{need} {how[:1].upper()}{how[1:]}" + ("" if how.endswith(("…", ".")) else ".")


def _validation(spec: FieldSpec, settings: Settings, region: Region, lists: _Lists) -> DataValidation:
    """The drop-down or check for one column; a prompt-only validation where nothing is checked."""
    kind = spec.kind
    header = spec.headers[0]
    if kind == "kecamatan":
        names = sorted(region.kecamatan_names)
        return _list(lists.range_for("Kecamatan", names), header, "Pilih kecamatan dari daftar.")
    if kind == "kelurahan":
        names = sorted({kel for kec in region.kecamatan for kel in kec.kelurahan})
        return _list(lists.range_for("Kelurahan", names), header, "Kelurahan tidak ada di daftar.", "warning")
    if kind == "sector":
        sectors = list(settings.sectors)
        return _list(lists.range_for("Bidang Usaha", sectors), header, "Bidang usaha tidak ada di daftar.", "warning")
    if kind == "gender":
        return _list('"L,P"', header, "Isi L atau P.")
    if kind == "yes_no":
        return _list('"Ya,Tidak"', header, "Isi Ya atau Tidak.")
    if kind == "status":
        return _list(_inline(STATUSES), header, "Pilih status dari daftar.")
    if kind == "coop_type":
        return _list(_inline(COOP_TYPES), header, "Pilih jenis koperasi dari daftar.")
    if kind == "year":
        return _check("whole", "between", "1900", "2100", header, "Tahun harus empat angka (1900–2100).")
    if kind == "count":
        return _check("whole", "greaterThanOrEqual", "0", None, header, "Isi bilangan bulat 0 atau lebih.")
    if kind == "guideline":
        return _list('"2016,2021"', header, "Isi 2016 atau 2021.")
    if kind == "points":
        rules = settings.cooperatives
        top = _num(max(rules.aspect_max.get(spec.name, 0), rules.aspect_max_2021.get(spec.name, 0)) or 100)
        return _check("decimal", "between", "0", top, header, f"Nilai harus antara 0 dan {top}.")
    if kind == "amount":
        return _check("decimal", "greaterThanOrEqual", "0", None, header, "Isi angka rupiah, 0 atau lebih.")
    if kind == "positive_amount":
        return _check("decimal", "greaterThan", "0", None, header, "Isi angka rupiah lebih dari 0.")
    if kind == "date":
        return _check(
            "date",
            "between",
            "DATE(1900,1,1)",
            "DATE(2100,12,31)",
            header,
            "Tulis tanggal hari-bulan-tahun, contoh 12-03-1985.",
            "warning",
        )
    if kind in ("nik", "nik_koperasi"):
        style = "stop" if kind == "nik" else "warning"
        return _check("textLength", "equal", "16", None, header, "NIK harus 16 angka.", style)
    if kind == "nib":
        return _check("textLength", "equal", "13", None, header, "NIB harus 13 angka.")
    if kind == "kk":
        return _check("textLength", "equal", "16", None, header, "No. KK harus 16 angka.")
    if kind == "phone":
        return _check("textLength", "between", "10", "16", header, "Nomor HP 10–13 angka, diawali 08.", "warning")
    if kind == "account":
        return _check("textLength", "between", "8", "20", header, "Nomor rekening 8–20 angka.")
    return DataValidation(allow_blank=True)  # input message only


def _list(source: str, header: str, error: str, style: str = "stop") -> DataValidation:
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle=style,
        errorTitle=header[:32],
        error=error,
    )


def _check(
    type_: str, operator: str, low: str, high: str | None, header: str, error: str, style: str = "stop"
) -> DataValidation:
    return DataValidation(
        type=type_,
        operator=operator,
        formula1=low,
        formula2=high,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle=style,
        errorTitle=header[:32],
        error=error,
    )


def _inline(values: Sequence[str]) -> str:
    """An inline list for Excel: quoted, comma-separated, at most 255 characters."""
    text = ",".join(values)
    if len(text) > 255 or any("," in v or '"' in v for v in values):
        raise ValueError(f"list too long or with commas for an inline drop-down: {text[:40]}…")
    return f'"{text}"'


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
