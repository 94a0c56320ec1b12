"""Proven authors and bounded quarantine: the signed manifests of merged bundles, kept as proofs
of who wrote which revision (so a coordinator can relay a volunteer's revisions and the next
coordinator can check who wrote them), and a quarantined bundle kept by reference to its file
instead of a full copy when it is large.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('proof',
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('signer', sa.String(length=32), nullable=False),
    sa.Column('manifest', sa.LargeBinary(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('hash')
    )
    op.create_table('revision_proof',
    sa.Column('revision', sa.String(length=64), nullable=False),
    sa.Column('proof', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('revision')
    )
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.alter_column('payload', existing_type=sa.LargeBinary(), nullable=True)
        batch_op.add_column(sa.Column('source_path', sa.String(), nullable=True))
        batch_op.add_column(sa.Column('source_sha256', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.drop_column('source_sha256')
        batch_op.drop_column('source_path')
        batch_op.alter_column('payload', existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table('revision_proof')
    op.drop_table('proof')
