"""Markup checks: what a government-site auditor flags beyond low vision and beyond axe-core.

Non-specific link text, placeholder-only labels, choice groups without a legend, file-name and
empty-with-title alt text, data tables without headers, obsolete presentational elements. All
read one shared, bounded walk of the page (facts.py, gather.js); each module declares its
`CHECK` (group "markup", run at `--checks all`), listed in tester/registry.py.
"""
