"""ukmreport: validate an Indonesian cooperative and SME office's workbooks and render its reports."""

__version__ = "0.1.0"
