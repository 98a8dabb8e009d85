"""Goal recognisers: pure functions that tell from a page snapshot whether a citizen's goal is met.

Each returns a `GoalCheck` (met, evidence, reason). They never touch the browser, so they are
unit-tested on hand-made `PageSnapshot`s; the navigator calls them on every landing page.
"""

from tester.goals.base import GoalCheck

__all__ = ["GoalCheck"]
