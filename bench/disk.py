"""Where the bytes of a bench vault go: bytes per act, by table, index and full-text index.

    python bench/disk.py [VAULT_DIR] [--synthetic] [--vacuum]
        (default: the cached 100,000-act vault of bench/scale_vaults.py, which builds or migrates it
        first when it is missing or older than the schema; a vault named here is only read)

SQLCipher here is built without `dbstat`, so the vault's pages are decrypted into a plaintext image
of the same file (same pages, same layout, the free pages and SQLCipher's 80 reserved bytes per page
included) in a private folder under /var/tmp, measured with the standard library's sqlite3 and its
`dbstat` table, and deleted. kzdesk never writes case data in plaintext: this script refuses any
vault that is not a synthetic bench vault (built by bench/scale_vaults.py from bench/generate.py rows,
passphrase "bench") — one under the bench cache folder, or one named with --synthetic — and it never
writes into the vault (the database is opened read-only and immutable; only its pages are read).

Printed: the file and bytes per act; SQLCipher's per-page overhead (16-byte IV + 64-byte HMAC of each
4,096-byte page) and the free pages; every table, index and FTS5 shadow table with its pages, bytes,
share, bytes per act and fill (payload / page bytes); which columns fill the largest tables (average
stored bytes per row, via sum(length(...))). With --vacuum the plaintext image is also VACUUMed (the
reserve kept) and the size a VACUUM would leave is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

sys.path.insert(0, str(Path(__file__).parent))

from kzdesk.core.vault.layout import DATABASE_FILE
from kzdesk.core.vault.pages import IV_SIZE, LOCK_BYTE_PAGE, MAC_SIZE, PAGE_SIZE, SALT_SIZE
from kzdesk.core.vault.vault import KeyedVault
from scale_vaults import PASSPHRASE, cache_root, vault_path

RESERVE = IV_SIZE + MAC_SIZE  # what SQLCipher 4 keeps at the end of every page
CHUNK_PAGES = 256
PLAIN_HEADER = b"SQLite format 3\x00"
TOP_TABLES = 4  # the largest tables whose columns are measured


def refuse_unless_synthetic(vault: Path, synthetic: bool) -> None:
    """Only bench vaults are ever decrypted to a plaintext file."""
    inside_cache = cache_root().resolve() in vault.resolve().parents
    if not (inside_cache or synthetic):
        sys.exit(f"refused: {vault} is not under the bench cache {cache_root()}. This script writes a "
                 "plaintext copy of the database; run it only on synthetic bench vaults (bench/scale_vaults.py), "
                 "naming such a vault elsewhere with --synthetic.")
    wal = vault / (DATABASE_FILE + "-wal")
    if wal.exists() and wal.stat().st_size:
        sys.exit(f"refused: {wal} is not empty (the vault is open, or was not closed): close it first.")


def decrypt(database: Path, dek: bytes, into: Path) -> int:
    """Write the plaintext image of an SQLCipher 4 database (raw key) page by page; return the pages."""
    aes = algorithms.AES(dek)  # with a raw key SQLCipher encrypts with the key itself
    pages = 0
    with database.open("rb") as src, into.open("wb") as out:
        while chunk := src.read(CHUNK_PAGES * PAGE_SIZE):
            for start in range(0, len(chunk), PAGE_SIZE):
                pages += 1
                page = chunk[start:start + PAGE_SIZE]
                if pages == LOCK_BYTE_PAGE:
                    out.write(bytes(PAGE_SIZE))  # never written or read by SQLite
                    continue
                skip = SALT_SIZE if pages == 1 else 0  # page 1 holds the salt where the header was
                end = PAGE_SIZE - RESERVE
                decryptor = Cipher(aes, modes.CBC(page[end:end + IV_SIZE])).decryptor()
                plain = decryptor.update(page[skip:end]) + decryptor.finalize()
                out.write((PLAIN_HEADER if skip else b"") + plain + bytes(RESERVE))
    return pages


def objects(db: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """name -> (kind, group): kind is table / index / fts (a full-text index's shadow table)."""
    found: dict[str, tuple[str, str]] = {"sqlite_schema": ("table", "sqlite_schema")}
    fts = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")}
    listed = db.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")
    for kind, name, table in listed:
        owner = next((f for f in fts if table.startswith(f + "_")), None)
        found[name] = ("fts", owner) if owner else (kind, table)
    return found


def measure(plain: Path) -> dict[str, tuple[int, int, int]]:
    """name -> (pages, payload bytes, unused bytes) from dbstat."""
    with sqlite3.connect(f"file:{plain}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT name, sum(pageno IS NOT NULL), sum(payload), sum(unused) "
                          "FROM dbstat GROUP BY name").fetchall()
    return {name: (pages, payload, unused) for name, pages, payload, unused in rows}


def columns(db: sqlite3.Connection, table: str) -> list[tuple[str, float]]:
    """Average stored bytes per row of each column (text as UTF-8, blobs as is, numbers as digits)."""
    names = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
    rows = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] or 1
    sums = db.execute("SELECT " + ", ".join(f'sum(length(CAST("{n}" AS BLOB)))' for n in names)
                      + f' FROM "{table}"').fetchone()
    return sorted(((n, (s or 0) / rows) for n, s in zip(names, sums, strict=True)), key=lambda c: -c[1])


def mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


def report(vault: Path, plain: Path, pages: int, acts: int, vacuum: bool) -> None:
    size = pages * PAGE_SIZE
    stats = measure(plain)
    with plain.open("rb") as fh:
        reserve = fh.read(21)[20]  # the header's "reserved space at the end of each page"
    with sqlite3.connect(f"file:{plain}?mode=ro", uri=True) as db:
        kinds = objects(db)
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
        counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                  for t in ("act", "event", "person", "source", "citation", "revision")}
    print(f"vault {vault}")
    print("records: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
    print(f"file {size:,} bytes ({mib(size)}, {pages:,} pages of {PAGE_SIZE}): {size / acts:,.0f} bytes per act")
    print(f"SQLCipher per page: {reserve} bytes (16 IV + 64 HMAC-SHA512) = {mib(pages * reserve)}, "
          f"{reserve / PAGE_SIZE:.1%}, {pages * reserve / acts:,.0f} bytes per act")
    print(f"free pages: {free:,} ({mib(free * PAGE_SIZE)}, {free / pages:.1%})")
    print()
    print(f"{'object':<34} {'kind':<6} {'pages':>9} {'MiB':>9} {'share':>6} {'B/act':>7} {'fill':>5}")
    rows = sorted(stats.items(), key=lambda item: -item[1][0])
    for name, (n, payload, _unused) in rows:
        kind = kinds.get(name, ("?", ""))[0]
        if n == 1:
            continue  # empty or near-empty tables and indexes: counted together below
        print(f"{name:<34} {kind:<6} {n:>9,} {n * PAGE_SIZE / 2**20:>9,.1f} {n / pages:>6.1%} "
              f"{n * PAGE_SIZE / acts:>7,.0f} {payload / (n * (PAGE_SIZE - reserve)):>5.0%}")
    small = [name for name, (n, _p, _u) in rows if n == 1]
    print(f"{len(small)} objects of one page each ({', '.join(sorted(small)[:4])}, ...)")
    print()
    groups: dict[str, int] = {}
    for name, (n, _payload, _unused) in rows:
        kind, owner = kinds.get(name, ("?", name))
        key = f"{owner} ({'full-text index' if kind == 'fts' else 'table + its indexes'})"
        groups[key] = groups.get(key, 0) + n
    by_kind = {k: sum(n for name, (n, _p, _u) in rows if kinds.get(name, ("?",))[0] == k)
               for k in ("table", "index", "fts")}
    print("by kind: " + ", ".join(f"{k} {mib(n * PAGE_SIZE)} ({n / pages:.0%})" for k, n in by_kind.items())
          + f", free {free / pages:.0%}")
    print("by table, with its indexes (FTS apart):")
    for key, n in sorted(groups.items(), key=lambda item: -item[1])[:10]:
        print(f"  {key:<46} {mib(n * PAGE_SIZE):>12} {n / pages:>6.1%} {n * PAGE_SIZE / acts:>7,.0f} B/act")
    print()
    tables = [name for name, (n, _p, _u) in rows if kinds.get(name, ("?",))[0] == "table"][:TOP_TABLES]
    with sqlite3.connect(f"file:{plain}?mode=ro", uri=True) as db:
        for table in tables:
            widths = columns(db, table)
            total = sum(w for _c, w in widths) or 1
            print(f"{table}: {total:,.0f} stored bytes per row of column values; the largest columns:")
            print("  " + ", ".join(f"{c} {w:,.0f} ({w / total:.0%})" for c, w in widths[:8]))
    if vacuum:
        started = time.perf_counter()
        with sqlite3.connect(plain) as db:
            db.execute("VACUUM")
        after = plain.stat().st_size
        print()
        print(f"after VACUUM ({time.perf_counter() - started:.0f} s): {mib(after)}, {after / acts:,.0f} bytes per act, "
              f"{1 - after / size:.1%} less")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", nargs="?", type=Path, help="a bench vault (default: the cached 100,000-act one)")
    parser.add_argument("--synthetic", action="store_true",
                        help="the vault is a synthetic bench vault outside the bench cache")
    parser.add_argument("--vacuum", action="store_true", help="also measure what a VACUUM would leave")
    args = parser.parse_args()
    vault: Path = args.vault or vault_path(100_000)
    refuse_unless_synthetic(vault, args.synthetic)
    dek = KeyedVault.unwrap(vault, PASSPHRASE)
    work = Path(tempfile.mkdtemp(prefix="kzdesk-disk-", dir="/var/tmp"))  # mode 0700
    try:
        plain = work / "plain.db"
        pages = decrypt(vault / DATABASE_FILE, dek, plain)
        with sqlite3.connect(f"file:{plain}?mode=ro", uri=True) as db:
            if db.execute("PRAGMA page_count").fetchone()[0] != pages:
                sys.exit("the decrypted image does not read back: not an SQLCipher 4 raw-key database?")
            acts = db.execute("SELECT count(*) FROM act").fetchone()[0] or 1
        report(vault, plain, pages, acts, args.vacuum)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if work.exists():
            print(f"could not remove {work}: delete it by hand", file=sys.stderr)


if __name__ == "__main__":
    os.umask(0o077)
    main()
