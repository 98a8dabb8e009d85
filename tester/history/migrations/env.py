"""Alembic environment for the history database, run programmatically (tester.history.store).

The caller hands over an open connection (inside its transaction and lock) through
`config.attributes["connection"]`; there is no alembic.ini and no logging setup here.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
# Batch mode: SQLite cannot ALTER most things, so later revisions copy-and-move tables there.
context.configure(connection=connection, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
