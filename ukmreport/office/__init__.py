"""The office: its region (kecamatan, kelurahan, NIK code) and its profile (kop, head, letter).

What goes in is the region file (ukmreport/regions/*.toml or the office's own) and the settings;
what comes out is a Region and the settings with every office field filled from the profile
shipped beside the region file or derived from the region (shared/spec/outputs.md, Configuration).
"""
