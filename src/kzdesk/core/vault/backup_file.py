"""A whole vault in one file, to carry away or keep on a stick, and its restore.

The file is a STORED ZIP of exactly two members: the key slots (`vault.json`, as they are now)
and an encrypted copy of the database made with `sqlcipher_export` under the same data key, so it
opens with the passphrase that was current when the backup was taken, and nothing in it is
readable without that passphrase. The copy is consistent (one read transaction, taken while the
vault stays in use) and is only made after both integrity checks pass: a damaged vault is never
copied over a good backup. Restoring writes into an empty or absent folder only.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from kzdesk.core.atomic import fsync_dir, write_atomic
from kzdesk.core.errors import InputError, VaultDamaged, VaultError
from kzdesk.core.files import write_output
from kzdesk.core.vault import scratch
from kzdesk.core.vault import settings as vault_settings
from kzdesk.core.vault.layout import BACKUP_DIR, BACKUP_MEMBERS, DATABASE_FILE, HEADER_FILE
from kzdesk.core.vault.vault import KeyedVault

MAX_HEADER = 64 * 1024
V = TypeVar("V", bound=KeyedVault)


def write_backup(vault: KeyedVault, out: Path, between_steps: Callable[[], None] | None = None) -> int:
    """Write the vault to one backup file; returns its size in bytes. `between_steps` is called after
    the check and after the copy: what it raises (a cancel) stops the backup with nothing written."""
    step = between_steps or (lambda: None)
    if vault.integrity_problems():
        raise VaultError("The vault failed its integrity check; no backup was written. Restore an earlier "
                         "backup instead of copying a damaged one.")
    step()
    # The encrypted copy is made in the vault's partial/ folder (never in a shared temp folder), mode
    # 0600, read, then overwritten and removed; one a kill or a full disk leaves is removed next time.
    scratch.sweep(vault.path)
    with scratch.new_copy(vault.path, "export") as copy:
        vault.export_copy(copy)
        step()
        database = copy.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo(HEADER_FILE, (1980, 1, 1, 0, 0, 0)),
                         (vault.path / HEADER_FILE).read_bytes())
        archive.writestr(zipfile.ZipInfo(DATABASE_FILE, (1980, 1, 1, 0, 0, 0)), database)
    data = buffer.getvalue()
    write_output(out, data)
    # Noted only once the file is there, by whichever face wrote it: the window's reminder then
    # counts a `kzdesk backup --out` as much as its own.
    with vault.engine.begin() as conn:
        vault_settings.put(conn, vault_settings.LAST_BACKUP, date.today().isoformat())
    return len(data)


def _members(data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sorted(i.filename for i in infos) != sorted(BACKUP_MEMBERS) or any(
                    i.compress_type != zipfile.ZIP_STORED or i.flag_bits & 0x1 for i in infos):
                raise ValueError("unexpected members")
            header = next(i for i in infos if i.filename == HEADER_FILE)
            if header.file_size > MAX_HEADER:
                raise ValueError("header too large")
            return {i.filename: archive.read(i) for i in infos}
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, EOFError):
        raise InputError("This is not a kzdesk backup, or it is damaged.") from None


def restore(data: bytes, target: Path) -> None:
    """Unpack a backup into `target`, which must be empty or absent (nothing is ever overwritten)."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("Restore into an empty or new folder: {path} already holds files.", path=str(target))
    members = _members(data)
    if members[DATABASE_FILE][:16] == b"SQLite format 3\x00":
        raise InputError("This is not a kzdesk backup, or it is damaged.")  # never restore plaintext
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        # The database through partial/ (a kill leaves it where the next open or an erase finds it),
        # the key slots last: a half restore never looks like a vault.
        with scratch.new_copy(target, "restore") as staged:
            with staged.open("r+b") as fh:
                fh.write(members[DATABASE_FILE])
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(staged, target / DATABASE_FILE)
        write_atomic(target / HEADER_FILE, members[HEADER_FILE], mode=0o600)
        fsync_dir(target)
    except OSError as exc:
        for name in BACKUP_MEMBERS:
            (target / name).unlink(missing_ok=True)
        shutil.rmtree(scratch.folder(target), ignore_errors=True)
        raise InputError("Cannot write {path}: {reason}", path=str(target), reason=exc.strerror or "") from None


def restore_vault(data: bytes, target: Path, passphrase: Callable[[], str], kind: type[V]) -> V:
    """Restore into an empty or absent `target`, open the result (as `kind`, the vault class the
    caller works with) and check it whole; the vault is returned open. The passphrase is asked only
    once the file has proved to be a backup. On any failure after unpacking, everything the restore
    and the opening made is removed again."""
    from sqlalchemy.exc import DatabaseError

    restore(data, target)
    vault: V | None = None
    try:
        try:
            vault = kind.open(target, passphrase())
            whole = not vault.integrity_problems()
        except (DatabaseError, VaultDamaged):  # a damaged page met while opening or checking
            whole = False
        if not whole:
            raise VaultError("This backup is damaged: the restored vault failed its integrity check, so "
                             "nothing was restored. Try another backup file.")
    except BaseException:
        if vault is not None:
            vault.close()
        # The folder was empty before restore() wrote into it: these are all ours.
        for name in (*BACKUP_MEMBERS, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", f"{DATABASE_FILE}-journal"):
            (target / name).unlink(missing_ok=True)
        shutil.rmtree(target / BACKUP_DIR, ignore_errors=True)  # a migration's copy, if one was taken
        shutil.rmtree(scratch.folder(target), ignore_errors=True)
        raise
    assert vault is not None
    return vault
