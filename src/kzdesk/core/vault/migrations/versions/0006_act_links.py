"""One act reported twice: an `act_link` record per pair of acts a coordinator decided about (the
same act, or different acts), merged and audited like every other record.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('act_link',
    sa.Column('uuid', sa.String(length=32), nullable=False),
    sa.Column('author', sa.String(length=64), nullable=False),
    sa.Column('rev', sa.String(length=64), nullable=False),
    sa.Column('hlc', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('act_a', sa.String(length=32), nullable=False),
    sa.Column('act_b', sa.String(length=32), nullable=False),
    sa.Column('decision', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('uuid')
    )
    with op.batch_alter_table('act_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_link_act_a'), ['act_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_act_link_act_b'), ['act_b'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('act_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_link_act_b'))
        batch_op.drop_index(batch_op.f('ix_act_link_act_a'))
    op.drop_table('act_link')
