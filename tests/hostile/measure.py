"""Time `ashyq check` on each hostile page alone (one subprocess per page), as a user would run it.

    .venv/bin/python tests/hostile/measure.py --tree /path/to/checkout --json before.json

`--tree` is the folder whose `tester` package runs (default: this checkout), so the same pages can
be timed against an older copy of the code. Settings are the defaults of that tree's
playwright.config.toml (the 120 s page budget), so the times are what a user would see.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from catalog import PAGES  # noqa: E402
from sites import HostileSite, OutsideListener  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def time_page(tree: Path, url: str, timeout_s: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="ashyq-hostile-") as out:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASHYQ_")}
        started = time.monotonic()
        try:
            proc = subprocess.run(
                [str(REPO / ".venv/bin/python"), "-m", "tester", "check", url, "--out", out,
                 "--quiet"],
                cwd=tree, env=env, capture_output=True, text=True, timeout=timeout_s,
            )
            code: int | str = proc.returncode
        except subprocess.TimeoutExpired:
            code = "timeout"
        seconds = round(time.monotonic() - started, 1)
        page: dict[str, object] = {}
        result = Path(out) / "result.json"
        if result.is_file():
            data = json.loads(result.read_text(encoding="utf-8"))
            pages = [p for s in data.get("sites", []) for p in s.get("pages", [])]
            page = pages[0] if pages else {}
        return {
            "seconds": seconds,
            "exit": code,
            "error_code": page.get("error_code"),
            "error": (page.get("error") or "")[:120],
            "axe_status": page.get("axe_status"),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=REPO)
    parser.add_argument("--json", type=Path, required=True, help="write the timings here")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only", help="comma-separated page paths")
    args = parser.parse_args()
    chosen = [p for p in PAGES if not args.only or p.path in args.only.split(",")]
    with OutsideListener() as outside, HostileSite(outside) as site:
        with ThreadPoolExecutor(args.jobs) as pool:
            futures = {
                p.path: pool.submit(time_page, args.tree, site.url(p.path), args.timeout)
                for p in chosen
            }
            timings = {}
            for path, future in futures.items():
                timings[path] = future.result()
                print(path, timings[path], flush=True)
        timings["_outside_forbidden_hits"] = outside.forbidden_hits()  # type: ignore[assignment]
    args.json.write_text(json.dumps(timings, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
