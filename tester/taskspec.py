"""How a citizen task declares itself: `SPEC = TaskSpec(...)` in its module under tester/tasks/.

Pure data, so the registry (tester/registry.py) can know task specs without importing the
browser layer; the navigator (tester/navigator) runs them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tester.options import Option

if TYPE_CHECKING:
    from tester.model import Finding, TaskResult
    from tester.navigator.explorer import Explorer
    from tester.navigator.tasks import Outcome

TaskFn = Callable[["Explorer"], Awaitable["Outcome"]]


@dataclass(frozen=True)
class TaskSpec:
    """A citizen task as it declares itself (in its own module: `SPEC = TaskSpec(...)`).

    The registry (tester/registry.py) collects these; nothing else names a task.
    """

    id: str  # kebab-case, unique among tasks and scripted scenarios
    title: str  # English title recorded in TaskResult.title
    run: TaskFn  # async (Explorer) -> Outcome; the navigator turns it into a TaskResult
    # The target is a page a person navigates to: the navigator measures the shortest click path
    # to it (low vision and search are actions, not pages).
    measures_path: bool = False
    # While the task has the site's low-vision mode switched on, the runner audits that page
    # with the same page checks (the task calls env.on_low_vision_mode).
    audits_low_vision_mode: bool = False
    options: tuple[Option, ...] = ()  # settings it reads with settings.option(name)
    wcag: tuple[str, ...] = ()  # WCAG success criteria the task bears on
    # Items of the Kazakh rules' checklist it checks (shared/reference/kz-gov-sites.md §1.5:
    # S05 contacts, S06 appeals, N01 languages, N03 site map, N04 search, Q04 low vision).
    rules: tuple[str, ...] = ()
    # Pure: the first-class findings its result carries beside the verdict (TaskResult.findings),
    # worked out from the result's evidence once the task has ended (tester/runner/site.py).
    findings: Callable[[TaskResult], list[Finding]] | None = None
    title_key: str = ""  # report catalog key of the title; "" means task.title.<id>
    message_prefix: str = ""  # catalog key prefix of its messages; "" means task.<id>.

    def __post_init__(self) -> None:
        if not self.title_key:
            object.__setattr__(self, "title_key", f"task.title.{self.id}")
        if not self.message_prefix:
            object.__setattr__(self, "message_prefix", f"task.{self.id}.")
