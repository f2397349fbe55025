"""Rendering: a report's name and typed context in; HTML, PDF and XLSX files out.

html.py renders templates/<name>.html with Jinja (office overrides first) and holds the WeasyPrint
layout of one document; pdf.py cuts a long table into pieces laid out in parallel and merges them;
xlsx.py writes plain tables; charts.py draws the figures as SVG. Nothing here reads the clock: the
run's stamp is passed in.
"""
