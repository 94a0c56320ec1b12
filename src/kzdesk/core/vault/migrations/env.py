"""Alembic environment: always runs on the open, keyed connection handed over by migrate.py."""

from alembic import context
from sqlmodel import SQLModel

import kzdesk.core.exchange.tables
import kzdesk.core.model.records  # noqa: F401  (registers the record tables on SQLModel.metadata)

config = context.config
connection = config.attributes["connection"]


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Autogenerate must not touch the FTS5 tables (created by hand in 0001) or their shadows."""
    return not (type_ == "table" and name is not None and "_fts" in name)


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
