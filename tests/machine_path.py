"""Simulate a machine without some programs, for real: a PATH of one folder holding links to
every program on this PATH except those left out. (Importable from tests: pytest puts tests/ on
sys.path for its conftest.py.)"""

from __future__ import annotations

import os
from pathlib import Path


def path_without(folder: Path, left_out: set[str]) -> str:
    """A PATH (one folder, created) with every program of the current PATH but `left_out`."""
    folder.mkdir(parents=True, exist_ok=True)
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not directory or not Path(directory).is_dir():
            continue
        for program in Path(directory).iterdir():
            link = folder / program.name
            if program.name in left_out or link.exists() or link.is_symlink():
                continue
            if program.is_file() and os.access(program, os.X_OK):
                link.symlink_to(program)
    return str(folder)
