"""`ashyq validate`: check scenario files without starting a browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from tester.i18n import counted
from tester.scenarios.loader import expand_paths, load_scenarios


def validate_command(paths: list[Path], out: TextIO | None = None) -> int:
    """Print "file:line: message" per problem and a summary; 0 when valid, 1 on any error."""
    out = out or sys.stdout
    scenarios, problems = load_scenarios(paths)
    files, _ = expand_paths(paths)
    for problem in sorted(problems, key=lambda p: (p.file, p.line, p.warning)):
        print(problem, file=out)
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    bad_files = len({p.file for p in problems if not p.warning})
    steps = sum(len(s.steps) for s in scenarios)
    summary = (
        f"{counted('file', len(files))}: {counted('valid-scenario', len(scenarios))} with "
        f"{counted('step', steps)}, {counted('error', errors)} in {counted('file', bad_files)}, "
        f"{counted('warning', warnings)}"
    )
    print(summary, file=out)
    return 1 if errors or not files else 0
