"""Validation: raw sheets → pydantic models and findings (shared/spec/workbooks.md).

What goes in is the input folder's files as the read stage gives them; what comes out is a
Dataset: the valid rows of each sheet kind, every finding with its file, sheet, row and column.
"""
