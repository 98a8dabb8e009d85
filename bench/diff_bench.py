"""How long `ashyq diff` takes on two big runs: generated results, 20,000 findings each.

    .venv/bin/python bench/diff_bench.py                    # 20,000 findings per run, 5 rounds
    .venv/bin/python bench/diff_bench.py --findings 50000 --rounds 3

The later run keeps 90 % of the earlier run's findings, with what a redeploy changes (query-string
noise, positions shifted, hashed class names, dates in text), drops the rest (fixed) and adds as
many new ones. Timed: the diff alone (fingerprints of both runs, matching, tasks, scores), then
with Markdown and JSON written to strings, and loading both result.json files. Target: the diff
with its outputs under 1 s for 20,000 findings each. Figures depend on whatever else the machine
is doing: compare figures from the same run only.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tester.diff import diff_runs, render_markdown, to_json  # noqa: E402
from tester.fingerprint import _element_key, _link, page_key, stable_class  # noqa: E402
from tester.model import Finding, PageResult, RunResult, SiteResult, TaskResult  # noqa: E402
from tester.report.files import load_result  # noqa: E402

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


def run(total: int, keep: float, seed: int, later: bool) -> RunResult:
    rng = random.Random(seed)
    build, shift, noise = ("9z8y7x", 1, "?utm_source=tg&_=1764780000000") if later else (
        "1a2b3c", 0, "?sid=0123456789abcdef0123")
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


def timed(label: str, rounds: int, work: object) -> float:
    """Median and slowest of `rounds`, each with cold caches as a fresh `ashyq diff` has them;
    returns the median."""
    times = []
    for _ in range(rounds):
        page_key.cache_clear()
        _link.cache_clear()
        stable_class.cache_clear()
        _element_key.cache_clear()
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"{label:<40} median {median * 1000:8.1f} ms, slowest {max(times) * 1000:8.1f} ms")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--findings", type=int, default=20_000, help="findings per run")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    before = run(args.findings, 1.0, 1, later=False)
    after = run(args.findings, 0.9, 2, later=True)
    count = sum(len(p.findings) for s in before.sites for p in s.pages)
    print(f"{count} findings per run, {SITES} sites, {PER_PAGE} findings per page")
    texts = before.to_json(), after.to_json()
    diff = diff_runs(before, after)
    print(f"new {len(diff.new)}, fixed {len(diff.fixed)}, persisting {len(diff.persisting)}, "
          f"task regressions {len(diff.task_regressions)}")
    timed("json.loads of both files (no model)", args.rounds,
          lambda: [json.loads(t) for t in texts])
    timed("load both result.json (RunResult)", args.rounds,
          lambda: [RunResult.from_json(t) for t in texts])
    with tempfile.TemporaryDirectory() as folder:  # as `ashyq diff` reads them: from files
        paths = [Path(folder) / f"{n}.json" for n in (1, 2)]
        for path, text in zip(paths, texts, strict=True):
            path.write_text(text, encoding="utf-8")
        timed("load both files as `ashyq diff` does", args.rounds,
              lambda: [load_result(path) for path in paths])
    timed("diff", args.rounds, lambda: diff_runs(before, after))
    total = timed("diff + Markdown + JSON", args.rounds,
                  lambda: (lambda d: (render_markdown(d), to_json(d)))(diff_runs(before, after)))
    print(f"target < 1 s for the diff and its outputs: {'met' if total < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
