"""How long `ashyq diff` takes on two big runs: generated results, 20,000 findings each.

    .venv/bin/python bench/diff_bench.py                    # 20,000 findings per run, 5 rounds
    .venv/bin/python bench/diff_bench.py --findings 50000 --rounds 3

The later run keeps 90 % of the earlier run's findings, with what a redeploy changes (query-string
noise, positions shifted, hashed class names, dates in text), drops the rest (fixed) and adds as
many new ones (`--same-markup`: the kept ones unchanged, so the second run's element keys come
from the cache, as on a typical redeploy). Both are written as result.json files in run folders.
Timed, each stage as the command runs it (garbage collector paused, caches cold): loading both
files, fingerprinting both runs, the whole diff, each output; then the whole command: `ashyq diff
A B --out DIR` in this process, and as a fresh `python -m tester` process (the user's wait:
Python's start, the CLI's own start-up and its exit included), and that start-up alone (`ashyq
--version`). Target: the whole command under 1 s. Figures depend on whatever else the machine is
doing: compare figures from one run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester import fingerprint as fingerprint_module  # noqa: E402
from tester.cli import main as ashyq  # noqa: E402
from tester.cli.diff_command import no_gc_pauses  # noqa: E402
from tester.diff import diff_runs, render_markdown, to_json  # noqa: E402
from tester.fingerprint import located_findings  # noqa: E402
from tester.model import Finding, PageResult, RunResult, SiteResult, TaskResult  # noqa: E402
from tester.report.diff_html import render_diff_html  # noqa: E402
from tester.report.files import load_result  # noqa: E402

CACHED = ("page_key", "_link", "stable_class", "_classes", "_element_key")

RULES = ["image-alt", "link-name", "color-contrast", "label", "button-name", "region",
         "heading-order", "min-font-size", "target-size", "aria-valid-attr-value"]
IMPACTS = ["critical", "serious", "moderate", "minor"]
PER_PAGE = 100
SITES = 4


def finding(n: int, shift: int, build: str, page: str) -> Finding:
    """The n-th finding of a page, as one deploy or the next shows it (each page's own: no two
    pages share an element, so no cache helps; the worst case)."""
    rule = RULES[n % len(RULES)]
    return Finding(
        rule=rule, source="axe", impact=IMPACTS[n % 4], wcag=["1.4.3"],
        selector=f"main > ul.list > li:nth-child({n + shift}) > a.css-{build}{n}",
        snippet=f'<a href="/ru/news/{page}-{n}" class="link css-{build}{n}">  Новость {n}: '
        f"{1 + n % 28:02d}.0{1 + n % 9}.2026, просмотров {n * 7 + shift}</a>",
    )


def run(total: int, keep: float, seed: int, later: bool, same_markup: bool = False) -> RunResult:
    rng = random.Random(seed)
    build, shift, noise = ("9z8y7x", 1, "?utm_source=tg&_=1764780000000") if later else (
        "1a2b3c", 0, "?sid=0123456789abcdef0123")
    if same_markup:  # a redeploy that left the markup alone: only the URLs' noise differs
        build, shift = "1a2b3c", 0
    sites = []
    pages_per_site = max(1, total // PER_PAGE // SITES)
    for s in range(SITES):
        pages = []
        for p in range(pages_per_site):
            numbers = list(range(PER_PAGE))
            if later:  # some fixed, as many new (numbered past the earlier ones)
                numbers = [n for n in numbers if rng.random() < keep]
                numbers += range(PER_PAGE, PER_PAGE + PER_PAGE - len(numbers))
            pages.append(PageResult(url=f"https://site{s}.gov.kz/ru/page{p}/{noise}",
                                    findings=[finding(n, shift, build, f"{s}-{p}")
                                              for n in numbers]))
        tasks = [TaskResult(id=f"task-{i}", status="failed" if later and i == 0 else "passed",
                            clicks=2 + (later and i == 1) * 3) for i in range(6)]
        sites.append(SiteResult(url=f"https://site{s}.gov.kz/", pages=pages, tasks=tasks,
                                scores={"accessibility": 40.0 + later * 5, "tasks": 80.0}))
    return RunResult(sites=sites)


def cold_caches() -> None:
    """As a fresh `ashyq diff` process has them."""
    for name in CACHED:
        getattr(fingerprint_module, name).cache_clear()


def timed(label: str, rounds: int, work: Callable[[], object], cold: bool = True) -> float:
    """Median and slowest of `rounds`; returns the median (seconds)."""
    times = []
    for _ in range(rounds):
        if cold:
            cold_caches()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"{label:<46} median {median * 1000:7.1f} ms, slowest {max(times) * 1000:7.1f} ms")
    return median


def in_process(before: Path, after: Path, out: Path) -> None:
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            assert ashyq(["diff", str(before), str(after), "--out", str(out)]) == 0
        finally:
            sys.stdout = stdout


def as_process(*argv: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "tester", *argv], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--findings", type=int, default=20_000, help="findings per run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--same-markup", action="store_true",
                        help="the kept findings' elements unchanged (the common redeploy), "
                        "instead of each one shifted and re-hashed (the worst case)")
    args = parser.parse_args()
    before = run(args.findings, 1.0, 1, later=False)
    after = run(args.findings, 0.9, 2, later=True, same_markup=args.same_markup)
    count = sum(len(p.findings) for s in before.sites for p in s.pages)
    print(f"{count} findings per run, {SITES} sites, {PER_PAGE} findings per page")
    with tempfile.TemporaryDirectory() as folder:
        a, b, out = (Path(folder) / name for name in ("before", "after", "diff"))
        for path, result in ((a, before), (b, after)):
            path.mkdir()
            (path / "result.json").write_text(result.to_json(), encoding="utf-8")
        diff = diff_runs(before, after)
        print(f"new {len(diff.new)}, fixed {len(diff.fixed)}, persisting "
              f"{len(diff.persisting)}, task regressions {len(diff.task_regressions)}")
        with no_gc_pauses():  # each stage as the command runs it
            timed("load both result.json", args.rounds, lambda: [load_result(a), load_result(b)])
            timed("fingerprint both runs", args.rounds,
                  lambda: [located_findings(before), located_findings(after)])
            timed("diff (fingerprints, matching, tasks, scores)", args.rounds,
                  lambda: diff_runs(before, after))
            timed("Markdown", args.rounds, lambda: render_markdown(diff), cold=False)
            timed("JSON", args.rounds, lambda: to_json(diff), cold=False)
            timed("HTML", args.rounds, lambda: render_diff_html(diff, before, after), cold=False)
        whole = timed("whole command, in this process", args.rounds,
                      lambda: in_process(a, b, out))
        startup = timed("start-up alone: python -m tester --version", args.rounds,
                        lambda: as_process("--version"), cold=False)
        process = timed("whole command, a fresh process", args.rounds,
                        lambda: as_process("diff", str(a), str(b), "--out", str(out)), cold=False)
    verdict = "met" if process < 1 else "NOT met"
    print(f"target < 1 s for the whole command: {verdict} ({process:.2f} s as a process, of "
          f"which {startup:.2f} s start-up; {whole:.2f} s in a warm process)")


if __name__ == "__main__":
    main()
