"""The history schema as SQLAlchemy Core tables: the shape the code reads and writes.

Migrations (migrations/versions/) create and change it; they never import this module, so an
old revision stays what it was. tests/unit/test_history_migrations.py checks that the head
revision builds exactly these tables.

A run is one `ashyq run`/`check` (or one imported result.json), keyed by `run_key`
(report folder name @ start time), so recording it again never adds a second run. A site row is
one site of one run, unique per (run, url), and holds the site's whole result document, so a
report can be rendered again from the database alone (tester.history.query.load_run).
Timestamps are naive UTC.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

# JSON documents: JSONB on PostgreSQL (indexable, compact), JSON text elsewhere.
Document = sa.JSON().with_variant(JSONB(), "postgresql")

metadata = sa.MetaData()

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_key", sa.String(400), nullable=False),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("report_dir", sa.Text, nullable=True),
    sa.Column("command", sa.String(32), nullable=False),
    sa.Column("started_at", sa.DateTime, nullable=False, index=True),
    sa.Column("finished_at", sa.DateTime, nullable=True),
    sa.Column("tool_version", sa.String(64), nullable=False),
    sa.Column("schema_version", sa.String(16), nullable=False),
    sa.Column("stopped", sa.Boolean, nullable=False),
    sa.Column("fingerprint_version", sa.Integer, nullable=True),
    sa.Column("recorded_at", sa.DateTime, nullable=False),
    # The run without its sites: tool, settings, notices, times (see query.load_run).
    sa.Column("document", Document, nullable=False),
    sa.UniqueConstraint("run_key", name="uq_runs_run_key"),
)

sites = sa.Table(
    "sites",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"),
              nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("url", sa.String(2048), nullable=False),
    sa.Column("host", sa.String(255), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("error_code", sa.String(64), nullable=True),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("scores", Document, nullable=False),
    sa.Column("pages", sa.Integer, nullable=False),
    # Findings by impact, needs-review ones left out: what trend charts draw.
    sa.Column("critical", sa.Integer, nullable=False),
    sa.Column("serious", sa.Integer, nullable=False),
    sa.Column("moderate", sa.Integer, nullable=False),
    sa.Column("minor", sa.Integer, nullable=False),
    sa.Column("document", Document, nullable=False),
    sa.UniqueConstraint("run_id", "url", name="uq_sites_run_url"),
)

tasks = sa.Table(
    "tasks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("task_id", sa.String(255), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("clicks", sa.Integer, nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("optimal_clicks", sa.Integer, nullable=True),
    sa.Column("within_three_clicks", sa.Boolean, nullable=True),
    sa.Column("target_url", sa.Text, nullable=True),
)

findings = sa.Table(
    "findings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("page_url", sa.Text, nullable=False),  # the site's URL for a site check's finding
    sa.Column("page_variant", sa.String(64), nullable=False),
    sa.Column("check_id", sa.String(255), nullable=True),  # None: a page's own (axe) findings
    sa.Column("rule", sa.String(255), nullable=False),
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("impact", sa.String(16), nullable=False),
    sa.Column("needs_review", sa.Boolean, nullable=False),
    # Advisory under the run's WCAG standard (tester.wcag); never counted in the impacts.
    sa.Column("advisory", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("selector", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    # tester.fingerprint's identity of the finding across runs (of the run's fingerprint_version).
    sa.Column("fingerprint", sa.String(128), nullable=True, index=True),
)
