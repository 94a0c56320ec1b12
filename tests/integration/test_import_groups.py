"""An import of many bundles at once gives what importing them one at a time gives: provenance held
until a group's end, bundles merged without a savepoint of their own, and the checkpoints of the
database log put off until the import ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzdesk.core.exchange import importing
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.model.vault import Vault

from ..vaults import MERGED_TABLES, import_bundle, introduce, make_vault, record, rows


def _origins(vault: Vault) -> dict[str, str]:
    with vault.engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT revision, bundle_id FROM revision_origin").fetchall())


@pytest.mark.parametrize("relay_first", [False, True])
def test_a_revision_brought_twice_in_one_import_keeps_the_first_bundle(tmp_path: Path, relay_first: bool) -> None:
    """A volunteer's bundle and a coordinator's relay of the same records in one import: each
    revision's provenance is the bundle that brought it first, as when imported one at a time."""
    v = make_vault(tmp_path / "v", "volunteer", "V")
    c1 = make_vault(tmp_path / "c1", "coordinator", "C1")
    together = make_vault(tmp_path / "together", "coordinator", "Together")
    single = make_vault(tmp_path / "single", "coordinator", "Single")
    for x, y in ((v, c1), (c1, v)):
        introduce(x, y)
    for c in (together, single):
        for x, y in ((v, c), (c, v), (c1, c), (c, c1)):
            introduce(x, y)
    record(v, "Әлиев Нұрлан")
    export_bundle(v, tmp_path / "v.kzb")
    assert import_bundle(c1, tmp_path / "v.kzb").status == "merged"
    record(c1, "Ғалымжанова Әйгерім")  # the relay carries records of its own as well
    export_bundle(c1, tmp_path / "relay.kzb", everything=True)
    files = [tmp_path / "v.kzb", tmp_path / "relay.kzb"]
    if relay_first:
        files.reverse()

    outcomes = import_bundles(together, files)
    assert [o.status for o in outcomes] == ["merged", "merged"]
    assert [import_bundle(single, f).status for f in files] == ["merged", "merged"]
    assert rows(together, *MERGED_TABLES) == rows(single, *MERGED_TABLES)
    first = outcomes[0].bundle
    with together.engine.connect() as conn:
        volunteers = {r for (r,) in conn.exec_driver_sql("SELECT id FROM revision WHERE author = ?",
                                                         (v.identity.key_id,))}
    origins = _origins(together)
    assert volunteers and all(origins[r] == first for r in volunteers)
    for vault in (v, c1, together, single):
        vault.close()


def _checkpoint_pages(vault: Vault) -> list[int]:
    """wal_autocheckpoint of every connection the pool holds (it keeps two)."""
    with vault.engine.connect() as a, vault.engine.connect() as b:
        return [int(c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() or 0) for c in (a, b)]


def test_an_import_gives_its_connection_back_as_it_came(tmp_path: Path) -> None:
    """The import puts off checkpoints on its own connection only, and sets it back whether the
    import ends well or not; what it merged is copied into the database file at its end."""
    v = make_vault(tmp_path / "v", "volunteer", "V")
    c = make_vault(tmp_path / "c", "coordinator", "C")
    introduce(v, c)
    introduce(c, v)
    files = []
    for n in range(3):
        record(v, f"Серікбаева Айгүл {n}")
        export_bundle(v, tmp_path / f"b{n}.kzb")
        files.append(tmp_path / f"b{n}.kzb")
    before = _checkpoint_pages(c)
    assert before == [importing.DEFAULT_CHECKPOINT_PAGES] * 2

    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        # During the import, its connection puts checkpoints off (it is the one writing).
        seen.append(done)
        if done == 2:
            raise RuntimeError("the window went away")

    with pytest.raises(RuntimeError):
        import_bundles(c, files, progress=progress)
    assert seen == [1, 2]
    assert _checkpoint_pages(c) == before
    with c.engine.connect() as conn:  # the group was rolled back whole: nothing of it stays
        assert conn.exec_driver_sql("SELECT count(*) FROM bundle_log").scalar() == 0

    assert [o.status for o in import_bundles(c, files)] == ["merged"] * 3
    assert _checkpoint_pages(c) == before
    with c.engine.connect() as conn:
        busy, logged, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
    assert busy == 0 and logged == copied  # everything logged is in the database file already
    for vault in (v, c):
        vault.close()
