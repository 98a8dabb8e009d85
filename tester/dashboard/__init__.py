"""The living dashboard: every recorded site, one row each, as a static site in kk, ru and en.

model: the dashboard as data from the history (pure); facts: what a site's latest result
document says about the table's columns (pure); render: pages as HTML (pure, jinja2,
autoescaped); build: the folder written to disk. tester.history.dashboard_query reads what
they need from the database; `ashyq dashboard` (tester/cli/dashboard_command.py) ties them.
"""

from tester.dashboard.build import Written, report_linker, write_dashboard
from tester.dashboard.model import Dashboard, SiteRow, build_dashboard, headline_score
from tester.dashboard.render import render_front, render_site

__all__ = [
    "Dashboard",
    "SiteRow",
    "Written",
    "build_dashboard",
    "headline_score",
    "render_front",
    "render_site",
    "report_linker",
    "write_dashboard",
]
