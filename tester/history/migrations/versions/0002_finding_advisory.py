"""Findings say whether they were advisory under the run's WCAG standard (tester.wcag).

A column added with a default: every row recorded before keeps its values and reads as not
advisory (before the setting, every finding counted).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("advisory", sa.Boolean, nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("advisory")
