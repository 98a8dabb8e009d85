"""The navigator's answer keys (tests/support/answer_keys.py) name real tasks and cover the demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.answer_keys import (
    FIXTURES,
    answer_key,
    demo_answer_key,
    fixture_answer_keys,
    read_answers,
)

from tester.registry import task_ids


def test_every_fixture_site_has_a_key_naming_registered_tasks() -> None:
    keys = fixture_answer_keys()
    assert {k.site for k in keys} == {p.name for p in FIXTURES.glob("nav-*") if p.is_dir()}
    for key in keys:
        assert key.answers and set(key.answers) <= set(task_ids()), key.site
        assert (key.root / "index.html").is_file() or (key.root / "_routes.json").is_file()


def test_the_demo_key_covers_every_task() -> None:
    key = demo_answer_key()
    assert key.root.name == "site" and (key.root / "FLAWS.md").is_file()
    assert list(key.answers) == task_ids()


def test_a_key_without_a_valid_status_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "answers.json"
    bad.write_text(json.dumps({"find-contacts": {"status": "pass"}}), encoding="utf-8")
    with pytest.raises(ValueError, match="find-contacts needs a status"):
        read_answers(bad)


def test_notes_in_a_key_are_not_tasks() -> None:
    key = answer_key(FIXTURES / "lv-mode-flawed")
    assert key.statuses() == {"find-low-vision-version": "passed"}
