"""The demo: a realistic, deterministic synthetic input set for an office's region (`ukmreport demo`).

In: a seed, ``today``, the region (kecamatan, kelurahan, codes) and the settings (sectors, program,
cooperative rules). Out: three workbooks written into a folder, and a record of what was planted in them.

Three workbooks, laid out the way staff of Dinas Koperasi dan UKM Kota Baubau keep them
(title block, merged titles, header aliases of workbooks.md, typed and text values mixed):

* ``data_pelaku_usaha.xlsx`` sheet ``Data UMKM``: title rows 1-2, blank row 3, header row 4,
  data from row 5, then a blank row and a ``JUMLAH`` row totalling the asset column. One row per
  owner across the region's kecamatan and their own kelurahan; NIK, phone, NIB and account numbers
  as text; every owner's No. KK in the last column (the kecamatan's code, the card's issue date, a
  serial; a few households share one); about 91% micro, 8% small, 1% medium by turnover; text
  amounts (``7,5 juta``) and text dates (``12 Maret 2023``) here and there, all valid. About 0.5% of
  rows carry one planted error each (numeric or 15-digit NIK, misspelt kecamatan, phone typed as a
  number, 31-02 birth date, repeated NIK, blank Nama Usaha, 15-digit or numeric No. KK) or warning
  (kelurahan of another kecamatan, JK against the NIK); so do the rows of the two applicants
  refused as ``business-row-invalid`` (a phone, a No. KK typed as a number).
* ``usulan_bantuan.xlsx``: sheet ``Usulan Bantuan`` (header row 4, data from row 5) with a past
  round (29 proposals for ``settings.program`` dated last year: 11 ``Disalurkan``, 18 ``Ditolak``)
  followed by this year's round (``Diusulkan`` or blank) in which every eligibility reason and note
  of rules.md is planted; its ``Dikonfirmasi`` column leaves four proposals with a note that needs a
  person waiting and confirms one (``Ya``), which goes into the letter; sheet ``Riwayat Bantuan``
  (header row 3) with about 150 earlier grants, including the 11 from the past round under the same
  program name.
* ``data_koperasi.xlsx``: sheet ``Data Koperasi`` with a two-row header (rows 4-5: ``MODAL (Rp)``
  merged over ``Modal Sendiri``/``Modal Luar``, other labels merged down both rows; data from row 6)
  and sheet ``Penilaian Kesehatan`` (header row 4: ``Pedoman``, ``Predikat``, the seven 2016 aspects
  and the three more of 2021). With E = 31 December of ``today``'s year about 40% hold a current
  RAT, 20% are inactive; about 25 come out ``sehat`` (one with 7 members, kept from recognition),
  two score >= 80 without a current RAT, scores of exactly 80 and 79.75 sit on the boundary; about
  40% of the assessments from fiscal year 2021 on follow the 2021 guideline; the older ones make
  some cooperatives ``tidak_dinilai`` with ``assessment-outdated``.

Everything is drawn from ``random.Random(seed)`` and ``today``: the same pair gives byte-identical
files (fixed zip timestamps and document properties).

The modules, in the order the set is drawn: ``words`` (the word lists of ``words.toml``, generic
Indonesian, and ``kota_baubau.toml``, the region's own), ``people`` (owners, NIKs, names),
``businesses`` (the businesses sheet, streamed as XML: any size, flat memory), ``proposals`` (the
grant rounds and the aid history), ``cooperatives`` (register and assessments), ``workbook``
(titles, headers, reproducible saving), and ``inputs`` (the whole set and its ``planted`` record).

What was planted is returned, not guessed: ``write_demo_inputs`` returns a list of paths with a
``planted`` attribute, a JSON-ready dict: Excel row numbers, and the findings, reasons, notes and
categories rules.md gives them (cooperatives for the period ending E = 31 December of ``today``'s
year; a granted proposal's own record in Riwayat Bantuan is not counted as another grant)::

    planted = {
      "today", "seed", "period_end" (E used for the cooperative expectations), "program",
      "businesses": {file, sheet, header_row, first_row, rows, findings: [{row, column, field, code, severity,
                     value, duplicate_of?}]},
      "proposals": {file, sheet, header_row, rows: [{row, nik, nama, round: past|new, status, role,
                    eligible, waiting, dikonfirmasi, reasons, notes}], findings: [...],
                    by_code: {reason-or-note: [rows]}},
      "aid_history": {file, sheet, header_row, rows},
      "cooperatives": {file, sheet, header_rows: [4, 5], rows: [{row, nomor_badan_hukum, nama_koperasi,
                       category, score, assessment_year, guideline, rat_compliant, rat_on_time,
                       active, candidate, kept_out_by, reasons, notes}] (rows without errors),
                       findings: [...], health: {category: count},
                       rat_compliant: count},
      "assessments": {file, sheet, header_row, rows, findings: [...]}}
"""

from ukmreport.demo.businesses import BUSINESS_ERRORS, BUSINESS_FILE, BUSINESS_HEADERS, write_business_workbook
from ukmreport.demo.cooperatives import ASSESS_HEADERS, COOP_FILE, COOP_HEADERS
from ukmreport.demo.inputs import DemoFiles, write_demo_inputs
from ukmreport.demo.proposals import AID_HEADER_ROW, AID_HEADERS, PROPOSAL_FILE, PROPOSAL_HEADERS
from ukmreport.demo.workbook import FIRST_ROW, HEADER_ROW

__all__ = [
    "AID_HEADERS",
    "AID_HEADER_ROW",
    "ASSESS_HEADERS",
    "BUSINESS_ERRORS",
    "BUSINESS_FILE",
    "BUSINESS_HEADERS",
    "COOP_FILE",
    "COOP_HEADERS",
    "FIRST_ROW",
    "HEADER_ROW",
    "PROPOSAL_FILE",
    "PROPOSAL_HEADERS",
    "DemoFiles",
    "write_business_workbook",
    "write_demo_inputs",
]
