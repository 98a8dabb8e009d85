"""Write tester/report/axe_rules.json: axe-core's own description, help, help URL and tags of
every rule, from the axe-core ashyq injects (axe.getRules() in headless Chromium).

The SARIF rules table (tester/report/sarif_rules.py) describes an axe rule with these words,
not with the message of its first finding. Run again after upgrading axe-playwright-python;
tests/unit/test_output_schemas.py fails while the file names another axe-core version.

    python scripts/axe_rules.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

from tester.checks.axe import AXE_SOURCE, axe_version

OUT = Path(__file__).resolve().parents[1] / "tester" / "report" / "axe_rules.json"
_RULES_JS = """() => axe.getRules().map(r => [r.ruleId, {
  description: r.description, help: r.help, helpUrl: r.helpUrl, tags: r.tags}])"""


def main() -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium") or None)
        page = browser.new_page()
        page.add_script_tag(content=AXE_SOURCE)
        rules = dict(page.evaluate(_RULES_JS))
        browser.close()
    table = {"axe_version": axe_version(), "rules": dict(sorted(rules.items()))}
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(rules)} rules of axe-core {table['axe_version']}")


if __name__ == "__main__":
    main()
