"""Reading: input files → raw sheets of cells with Excel's row numbers and column indexes.

The only place python-calamine and the zip/XML safety pre-flight live. What goes in is a path
and the limits (``settings.Limits``); what comes out of open_workbook is a RawWorkbook, whose
RawSheets give rows of cell values, merged areas and formula cells without a saved value, or
Unreadable with a plain reason. read_sheet runs the caller's function over one sheet as if it
were read whole, whether or not it was read in pieces. Nothing here knows what a sheet means;
validation does.

The modules, in the order a file goes through them: files (the file itself), package (the zip
and its XML parts), area (each sheet's cells, before calamine loads it), calamine (the parser),
pieces (a big sheet in pieces), workbook (the sheets as the caller reads them).
"""

from ukmreport.read.area import EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, MAX_CELLS
from ukmreport.read.files import Unreadable, column_index, column_letter, sha256_file
from ukmreport.read.workbook import RawSheet, RawWorkbook, open_workbook, read_sheet

__all__ = [
    "EXCEL_MAX_COLUMNS",
    "EXCEL_MAX_ROWS",
    "MAX_CELLS",
    "RawSheet",
    "RawWorkbook",
    "Unreadable",
    "column_index",
    "column_letter",
    "open_workbook",
    "read_sheet",
    "sha256_file",
]
