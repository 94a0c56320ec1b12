"""A person's status over time: one `status` record per person and day a status began (in prison,
pre-trial detention, released…), merged and audited like every other record.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 11:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('status',
    sa.Column('uuid', sa.String(length=32), nullable=False),
    sa.Column('author', sa.String(length=64), nullable=False),
    sa.Column('rev', sa.String(length=64), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('person', sa.String(length=32), nullable=False),
    sa.Column('date', sa.String(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('reason', sa.String(), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['person'], ['person.uuid'], ),
    sa.PrimaryKeyConstraint('uuid')
    )
    with op.batch_alter_table('status', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_person'), ['person'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('status', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_person'))
    op.drop_table('status')
