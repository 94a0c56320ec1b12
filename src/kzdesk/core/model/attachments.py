"""Evidence files (photos, court rulings, protocols) kept inside the encrypted database.

The bytes go into `blob`, addressed by their SHA-256 (stored once however often attached); the
Attachment record keeps the hash, size, media type and the file's base name — never its path,
which could name the volunteer's folders.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.model.revisions import Changeset

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
TARGET_KINDS = ("person", "event", "act", "source")


def base_name(original: str) -> str:
    """The file name without any directory part (POSIX or Windows), trimmed to 255 characters."""
    name = re.split(r"[\\/]", original)[-1].strip() or "attachment"
    return name[:255]


def attach(changes: Changeset, conn: Connection, data: bytes, original_name: str, target_kind: str,
           target: str, media_type: str | None = None, description: str | None = None) -> str:
    """Store data in the vault and record it as evidence for a person, event, act or source."""
    if target_kind not in TARGET_KINDS:
        raise ValueError(f"cannot attach to {target_kind}")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InputError("The file is too large ({size} bytes; the limit is {limit}).",
                         size=len(data), limit=MAX_ATTACHMENT_BYTES)
    digest = hashlib.sha256(data).hexdigest()
    name = base_name(original_name)
    conn.exec_driver_sql("INSERT INTO blob (sha256, size, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                         (digest, len(data), data))
    kind = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return changes.create("attachment", {"sha256": digest, "size": len(data), "media_type": kind,
                                         "original_name": name, "target_kind": target_kind,
                                         "target": target, "description": description})


def read_attachment(conn: Connection, attachment: str) -> tuple[str, bytes]:
    """The base name and the bytes of an attachment, checked against its SHA-256."""
    row = conn.exec_driver_sql(
        "SELECT a.original_name, a.sha256, b.data FROM attachment a JOIN blob b ON b.sha256 = a.sha256 "
        "WHERE a.uuid = ?", (attachment,)).one()
    if hashlib.sha256(row[2]).hexdigest() != row[1]:
        raise InputError("The attachment {name} is damaged (its SHA-256 does not match).", name=row[0])
    return row[0], row[2]
