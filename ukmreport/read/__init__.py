"""Reading: input files → raw sheets of cells with Excel's row numbers and column indexes.

The only place python-calamine and the zip/XML safety pre-flight live. What goes in is a path;
what comes out is a RawWorkbook (or Unreadable with a plain reason). Nothing here knows what a
sheet means; validation does.
"""
