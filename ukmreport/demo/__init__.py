"""The demo: a realistic, deterministic synthetic input set for an office's region."""
