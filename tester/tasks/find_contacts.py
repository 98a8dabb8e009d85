"""find-contacts: reach a page with the body's contact details (address, phone, e-mail)."""

from __future__ import annotations

from tester.goals.base import GoalCheck
from tester.goals.contacts import recognise_contacts
from tester.i18n import say
from tester.navigator.explorer import Explorer
from tester.navigator.scoring import goal_scorer
from tester.navigator.tasks import (
    Outcome,
    TaskSpec,
    check_then_seek,
    not_found,
    open_start,
    tried_evidence,
    where_found,
)
from tester.snapshot import PageSnapshot


async def find_contacts(x: Explorer) -> Outcome:
    snap = await open_start(x)
    if isinstance(snap, Outcome):
        return snap

    def check(page: PageSnapshot, _from: str) -> GoalCheck:
        return recognise_contacts(page)

    found = await check_then_seek(x, snap, goal_scorer(x.lex.goal("contacts")), check)
    if found is None:
        return Outcome.said("failed", not_found(x, "task.find-contacts.what"),
                            evidence=tried_evidence(x))
    return Outcome.said("passed", say("task.find-contacts.found", where=where_found(x),
                                      url=found.url,
                                      reason=found.check.reason),
                        found.url, found.check.evidence)


SPEC = TaskSpec(
    id="find-contacts",
    title="Find the contact information",
    run=find_contacts,
    measures_path=True,
    rules=("S05",),
)
