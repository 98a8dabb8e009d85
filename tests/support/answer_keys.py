"""Answer keys of the navigator's test sites: what each citizen task must conclude on each site.

Each fixture site tests/fixtures/nav-*/ carries its key as answers.json; the bundled demo site's
key is tests/fixtures/demo-answers.json (the site ships with ashyq, its key is test data). The
e2e navigator tests and bench/findability.py both read the keys from here, so the expected
verdicts are written once, next to the sites, and neither grades itself against its own copy.

Per task id, an answer says:
- "status": the expected verdict ("passed" or "failed");
- "target" (optional): the page found, a site path (with ?query or #route when it matters) or
  an absolute URL for an outbound link;
- "optimal_clicks" (optional): the shortest click count from the start page;
- "max_extra_clicks" (optional): how many clicks over the shortest path a pass may take;
- "within_three_clicks" (optional): the expected value of TaskResult.within_three_clicks;
- "evidence" (optional): evidence keys and the exact values the result must carry.
Keys starting with "_" (such as "_note") are comments, not tasks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tester.demo import DEMO_ROOT

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEMO_ANSWERS = FIXTURES / "demo-answers.json"
STATUSES = {"passed", "failed"}


@dataclass(frozen=True)
class AnswerKey:
    site: str  # the site folder's name, as reports and the benchmark name it
    root: Path  # the folder the site is served from
    answers: dict[str, dict[str, Any]]  # task id -> expected answer

    def statuses(self) -> dict[str, str]:
        """Task id -> expected verdict, in the key's order."""
        return {task_id: answer["status"] for task_id, answer in self.answers.items()}


def read_answers(path: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    answers = {key: value for key, value in data.items() if not key.startswith("_")}
    for task_id, answer in answers.items():
        if answer.get("status") not in STATUSES:
            raise ValueError(f"{path}: {task_id} needs a status, one of {sorted(STATUSES)}")
    return answers


def answer_key(root: Path) -> AnswerKey:
    """The key of the fixture site served from `root` (its answers.json)."""
    return AnswerKey(root.name, root, read_answers(root / "answers.json"))


def fixture_answer_keys() -> list[AnswerKey]:
    """The nav-* fixture sites, in name order."""
    return [answer_key(path.parent) for path in sorted(FIXTURES.glob("nav-*/answers.json"))]


def demo_answer_key() -> AnswerKey:
    return AnswerKey(DEMO_ROOT.name, DEMO_ROOT, read_answers(DEMO_ANSWERS))
