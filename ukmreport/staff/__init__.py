"""Staff tools beside the flow.

annotate.py: a validated Dataset in, copies of the office's workbooks out with every finding marked
on its cell. blank.py: Settings in, blank ready-to-fill workbooks out (`ukmreport init`).
"""
