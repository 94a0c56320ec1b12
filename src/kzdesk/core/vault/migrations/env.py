"""Alembic environment: always runs on the open, keyed connection handed over by migrate.py."""

from alembic import context
from sqlmodel import SQLModel

import kzdesk.core.model.records  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
