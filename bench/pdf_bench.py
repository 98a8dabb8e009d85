"""How long printing reports to PDF takes (tester/browser/pdf.py, `ashyq report --format pdf`).

    .venv/bin/python bench/pdf_bench.py                 # the demo golden report, 1 and 10 files
    .venv/bin/python bench/pdf_bench.py --copies 30 --lang ru

The demo run's report (tests/golden/demo, 20 pages with screenshots) is rendered once, copied
`--copies` times, and printed: first one file alone (Chromium's launch included, as one
`ashyq report --format pdf` pays it), then all copies through one Chromium (as the dashboard's
site pages are printed). Prints seconds per file and the PDF's pages and size. Figures depend on
what else the machine is doing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester.browser.pdf import print_to_pdf  # noqa: E402
from tester.config import load_settings  # noqa: E402
from tester.report import load_result, write_report  # noqa: E402

DEMO = ROOT / "tests" / "golden" / "demo"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--lang", default="kk")
    args = parser.parse_args()
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_report(load_result(DEMO / "result.json"), folder, args.lang, formats=["html"])
        shutil.copytree(DEMO / "screenshots", folder / "screenshots")
        html = (folder / "index.html").read_text(encoding="utf-8")
        copies = [folder / f"copy-{n}.html" for n in range(args.copies)]
        for copy in copies:
            copy.write_text(html, encoding="utf-8")

        started = time.perf_counter()
        (one,) = print_to_pdf([folder / "index.html"], settings)
        alone = time.perf_counter() - started
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", one.read_bytes()))
        print(f"one report ({pages} PDF pages, {one.stat().st_size / 1e6:.2f} MB): "
              f"{alone:.2f} s, Chromium's launch included")

        started = time.perf_counter()
        print_to_pdf(copies, settings)
        batch = time.perf_counter() - started
        print(f"{len(copies)} reports through one Chromium: {batch:.2f} s, "
              f"{batch / len(copies):.2f} s per report")


if __name__ == "__main__":
    main()
