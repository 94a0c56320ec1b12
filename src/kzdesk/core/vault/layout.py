"""What a vault folder holds, by name: the one place the file layout is written down.

Every module of the vault floor (and anything above that needs a name) takes these from here, so
none of them has to import another for a constant — which is what used to tie them in a loop.
"""

from __future__ import annotations

HEADER_FILE = "vault.json"  # format, vault id, key slots; no case data
DATABASE_FILE = "kzdesk.db"  # the SQLCipher database (+ -wal, -shm while open)
SIDECARS = ("-journal", "-wal", "-shm")  # files SQLite keeps beside a database
BACKUP_DIR = "backups"  # encrypted copies: before a migration, kzdesk backup, the daily copy
DAMAGED_DIR = "damaged"  # a damaged database set aside by repair (never deleted)
SCRATCH_DIR = "partial"  # copies still being made; swept by the next run and by erase
LOCK_FILE = "lock"  # in SCRATCH_DIR: held while a copy is being made
BACKUP_MEMBERS = (HEADER_FILE, DATABASE_FILE)  # exactly what a one-file backup (.kzbackup) holds
