"""Help text that names the registry's ids (tasks, report formats), filled in only when shown.

Listing the ids loads every task module, and with them the browser layer: about 0.2 s that
every command (`ashyq diff` included) would pay at start-up for help nobody asked for.
"""

from __future__ import annotations

import argparse

TASK_IDS = "{task_ids}"  # placeholders a help string may hold
FORMAT_IDS = "{format_ids}"


class IdsHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Writes the registered task and format ids into help text at the moment it is printed."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        if text and (TASK_IDS in text or FORMAT_IDS in text):
            from tester.registry import ids_for_help

            if TASK_IDS in text:
                text = text.replace(TASK_IDS, ", ".join(ids_for_help("tasks")))
            if FORMAT_IDS in text:
                text = text.replace(FORMAT_IDS, ",".join(ids_for_help("formats")))
        return text
