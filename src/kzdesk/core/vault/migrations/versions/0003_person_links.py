"""Person links (coordinators' decisions that two person records are or are not one human), and
records waiting for what they point at (a bundle of the sequence is missing), and which bundle
brought each revision.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('link',
    sa.Column('uuid', sa.String(length=32), nullable=False),
    sa.Column('author', sa.String(length=64), nullable=False),
    sa.Column('rev', sa.String(length=64), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('person_a', sa.String(length=32), nullable=False),
    sa.Column('person_b', sa.String(length=32), nullable=False),
    sa.Column('decision', sa.String(), nullable=False),
    sa.Column('kept', sa.String(), nullable=True),
    sa.Column('note', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('uuid')
    )
    with op.batch_alter_table('link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_link_person_a'), ['person_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_link_person_b'), ['person_b'], unique=False)

    op.create_table('pending_record',
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('record', sa.String(length=32), nullable=False),
    sa.Column('rev', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'record')
    )
    op.create_table('revision_origin',
    sa.Column('revision', sa.String(length=64), nullable=False),
    sa.Column('bundle_id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('revision')
    )


def downgrade() -> None:
    op.drop_table('revision_origin')
    op.drop_table('pending_record')
    op.drop_table('link')
