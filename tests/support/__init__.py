"""Helpers for the test-suite only (imported as ``support.*``: pytest puts tests/ on sys.path,
as for tests/machine_path.py). Nothing here ships with ashyq."""
