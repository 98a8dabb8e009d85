"""The first history schema: runs, sites, tasks, findings.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen here on purpose: tester/history/tables.py may change, this revision may not.
Document = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_key", sa.String(400), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("report_dir", sa.Text, nullable=True),
        sa.Column("command", sa.String(32), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=True),
        sa.Column("tool_version", sa.String(64), nullable=False),
        sa.Column("schema_version", sa.String(16), nullable=False),
        sa.Column("stopped", sa.Boolean, nullable=False),
        sa.Column("fingerprint_version", sa.Integer, nullable=True),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("document", Document, nullable=False),
        sa.UniqueConstraint("run_key", name="uq_runs_run_key"),
    )
    op.create_index("ix_runs_started_at", "runs", ["started_at"])
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("scores", Document, nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("critical", sa.Integer, nullable=False),
        sa.Column("serious", sa.Integer, nullable=False),
        sa.Column("moderate", sa.Integer, nullable=False),
        sa.Column("minor", sa.Integer, nullable=False),
        sa.Column("document", Document, nullable=False),
        sa.UniqueConstraint("run_id", "url", name="uq_sites_run_url"),
    )
    op.create_index("ix_sites_host", "sites", ["host"])
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("task_id", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("clicks", sa.Integer, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("optimal_clicks", sa.Integer, nullable=True),
        sa.Column("within_three_clicks", sa.Boolean, nullable=True),
        sa.Column("target_url", sa.Text, nullable=True),
    )
    op.create_index("ix_tasks_site_id", "tasks", ["site_id"])
    op.create_index("ix_tasks_run_id", "tasks", ["run_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("page_url", sa.Text, nullable=False),
        sa.Column("page_variant", sa.String(64), nullable=False),
        sa.Column("check_id", sa.String(255), nullable=True),
        sa.Column("rule", sa.String(255), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("impact", sa.String(16), nullable=False),
        sa.Column("needs_review", sa.Boolean, nullable=False),
        sa.Column("selector", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=True),
    )
    op.create_index("ix_findings_site_id", "findings", ["site_id"])
    op.create_index("ix_findings_run_id", "findings", ["run_id"])
    op.create_index("ix_findings_fingerprint", "findings", ["fingerprint"])


def downgrade() -> None:
    for table in ("findings", "tasks", "sites", "runs"):
        op.drop_table(table)
