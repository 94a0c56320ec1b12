"""Bundles (.kzb): signed, encrypted packets of revisions carried from a volunteer to coordinators.

Outside: the age format, encrypted to the coordinators this vault trusts — a seized USB stick shows
neither names nor key ids nor the program's name. Inside: a ZIP with STORED members only:
manifest.json, manifest.sig (Ed25519 over a domain prefix and the exact manifest bytes) and
content-addressed blobs/<sha256>. The manifest names the signer, a per-signer sequence number,
the hash of the signer's previous manifest, the recipients, and every blob with its hash and size.
Member names are checked against a fixed pattern and never used as paths.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import tr
from kzdesk.core.model.derived_ids import derived_id
from kzdesk.core.model.records import CONSENT_LEVELS, RECORD_TABLES, field_names
from kzdesk.core.model.revisions import RevisionRow, canonical_json, make_revision, new_uuid, revision_of
from kzdesk.core.model.values import stored_problems
from kzdesk.core.vault.identity import SigningIdentity, key_id

FORMAT = "kzdesk-bundle"
VERSION = 1
SIGNATURE_DOMAIN = b"kzdesk/bundle-manifest/v1\n"
MAX_BUNDLE_BYTES = 1 << 30
MAX_MEMBERS = 2_000_000
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_BLOB_BYTES = 200 * 1024 * 1024
MEMBER = re.compile(r"^(manifest\.json|manifest\.sig|blobs/[0-9a-f]{64})$")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # no timestamps inside: they would tell when the volunteer worked
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1  # SQLite's INTEGER
MAX_PARENTS = 64  # a resolution names the conflicting revisions; no honest one has more


class BundleRejected(InputError):
    """The bundle is refused before anything is written; the message says why."""


@dataclass(frozen=True)
class Manifest:
    raw: bytes  # the exact signed bytes
    bundle: str
    signer: str
    signing_key: bytes
    seq: int
    prev: str | None
    recipients: tuple[str, ...]
    entries: tuple[dict[str, Any], ...]

    @property
    def hash(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


@dataclass(frozen=True)
class OpenedBundle:
    manifest: Manifest
    signature: bytes
    revisions: tuple[RevisionRow, ...]
    blobs: dict[str, bytes | memoryview]  # attachment bytes by sha256 (views into the payload, not copies)
    payload: bytes | memoryview  # the decrypted ZIP, for the quarantine
    # Signed manifests of the bundles its revisions first came in, for revisions written by someone
    # other than this bundle's signer (see authorship.py), and each revision's blob hash.
    proofs: tuple[Proof, ...] = ()
    revision_blobs: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, dict[str, Any]] = field(default_factory=dict)  # each revision's fields, parsed, by its id


@dataclass(frozen=True)
class Proof:
    """Another bundle's signed manifest, carried to prove who wrote the revisions it lists."""

    manifest: Manifest
    signature: bytes

    def holds(self) -> bool:
        return _signature_holds(self.manifest, self.signature)

    def blob(self) -> bytes:
        return canonical_json({"manifest": self.manifest.raw.decode("utf-8"),
                               "signature": self.signature.hex()}).encode()


# --- writing ----------------------------------------------------------------------------------
def revision_blob(rev: RevisionRow) -> bytes:
    return canonical_json({"id": rev.id, "kind": rev.kind, "record": rev.record, "parents": list(rev.parents),
                           "hlc": rev.hlc, "author": rev.author, "content_hash": rev.content_hash,
                           "deleted": rev.deleted, "body": json.loads(rev.body)}).encode()


Progress = Callable[[int, int], None]  # (items done, items in all)


def build(identity: SigningIdentity, seq: int, prev: str | None, recipients: list[str],
          revisions: list[RevisionRow], attachments: dict[str, bytes],
          progress: Progress | None = None, proofs: list[Proof] | None = None) -> tuple[bytes, Manifest]:
    """The encrypted bundle bytes and its manifest; progress hears about every record packed.

    proofs: signed manifests of earlier bundles, carried along so that revisions passed on by a
    coordinator still prove who wrote them."""
    from pyrage import encrypt, x25519

    if not recipients:
        raise InputError("No coordinator to send to: add a coordinator's card with 'kzdesk trust add'.")
    blobs: dict[str, bytes] = {}
    entries: list[dict[str, Any]] = []
    total = len(revisions) + len(attachments) + 1  # the last step is the encryption
    step = max(1, total // 200)  # a few hundred reports at most, whatever the size
    for done, rev in enumerate(revisions, 1):
        data = revision_blob(rev)
        digest = hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        entries.append({"type": "revision", "id": rev.id, "sha256": digest, "size": len(data)})
        if progress is not None and done % step == 0:
            progress(done, total)
    for digest, data in sorted(attachments.items()):
        blobs[digest] = data
        entries.append({"type": "attachment", "sha256": digest, "size": len(data)})
    for proof in proofs or ():
        data = proof.blob()
        digest = hashlib.sha256(data).hexdigest()
        if digest not in blobs:
            blobs[digest] = data
            entries.append({"type": "proof", "sha256": digest, "size": len(data)})
    doc = {"format": FORMAT, "version": VERSION, "bundle": new_uuid(),
           "created": datetime.now(UTC).strftime("%Y-%m-%d"), "signer": identity.key_id,
           "signing_key": identity.public_key.hex(), "seq": seq, "prev": prev, "recipients": sorted(recipients),
           "entries": entries}
    raw = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in [("manifest.json", raw), ("manifest.sig", identity.sign(SIGNATURE_DOMAIN + raw)),
                           *((f"blobs/{d}", b) for d, b in sorted(blobs.items()))]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
    if progress is not None:
        progress(total - 1, total)
    encrypted = encrypt(buffer.getvalue(), [x25519.Recipient.from_str(r) for r in recipients])
    if progress is not None:
        progress(total, total)
    return encrypted, parse_manifest(raw)


# --- reading ----------------------------------------------------------------------------------
def decrypt(data: bytes, age_secret: str | None) -> bytes:
    from pyrage import DecryptError, x25519
    from pyrage import decrypt as age_decrypt

    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleRejected("The bundle is larger than the limit; it was not read.")
    if age_secret is None:
        raise BundleRejected("This vault cannot read bundles: only a coordinator's vault can.")
    try:
        return bytes(age_decrypt(data, [x25519.Identity.from_str(age_secret)]))
    except (DecryptError, ValueError, TypeError):
        raise BundleRejected("The bundle is damaged or was not encrypted for this coordinator.") from None


def decrypt_file(path: Path, age_secret: str | None) -> memoryview:
    """Decrypt a bundle file straight from the disk: the encrypted bytes are never held in memory
    beside the decrypted ones, so a bundle costs about its own size once."""
    from pyrage import DecryptError, decrypt_io, x25519

    if path.stat().st_size > MAX_BUNDLE_BYTES:
        raise BundleRejected("The bundle is larger than the limit; it was not read.")
    if age_secret is None:
        raise BundleRejected("This vault cannot read bundles: only a coordinator's vault can.")
    out = io.BytesIO()
    try:
        with path.open("rb") as source:
            decrypt_io(source, out, [x25519.Identity.from_str(age_secret)])
    except (DecryptError, ValueError, TypeError):
        raise BundleRejected("The bundle is damaged or was not encrypted for this coordinator.") from None
    return out.getbuffer()


class _View(io.RawIOBase):
    """A read-only file over bytes already in memory, without copying them (io.BytesIO would copy a
    memoryview), for zipfile."""

    def __init__(self, data: bytes | memoryview) -> None:
        super().__init__()
        self.view = memoryview(data)
        self.pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.pos, io.SEEK_END: len(self.view)}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self.pos = base + offset
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, buffer: Any) -> int:
        chunk = self.view[self.pos:self.pos + len(buffer)]
        buffer[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


def _check_zip(payload: bytes | memoryview) -> zipfile.ZipFile:
    """Structure checks before any member is trusted: names, methods, sizes, overlaps, duplicates."""
    try:
        archive = zipfile.ZipFile(_View(payload))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, struct.error, OSError, NotImplementedError):
        raise BundleRejected("The bundle's contents are damaged (not a valid archive).") from None
    if len(infos) > MAX_MEMBERS:
        raise BundleRejected("The bundle holds too many files.")
    names = [i.filename for i in infos]
    spans = []
    for info in infos:
        if not MEMBER.match(info.filename) or info.is_dir() or info.orig_filename != info.filename:
            raise BundleRejected("The bundle holds an unexpected file name.")
        if info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size:
            raise BundleRejected("The bundle holds a compressed member; only stored members are allowed.")
        # Only the UTF-8 name flag is ours to write; encryption (0x1), a trailing data descriptor
        # (0x8), patched data (0x20) or strong encryption (0x40) are refused.
        if info.flag_bits & ~0x800 or info.external_attr >> 16 & 0o170000 == 0o120000:
            raise BundleRejected("The bundle holds an encrypted or linked member.")
        if info.file_size > MAX_BLOB_BYTES and info.filename != "manifest.json":
            raise BundleRejected("A file in the bundle is larger than the limit.")
        header_end = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        spans.append((info.header_offset, header_end + info.compress_size))
    if len(set(names)) != len(names):
        raise BundleRejected("The bundle lists the same file twice.")
    spans.sort()
    for (start_a, end_a), (start_b, _end_b) in itertools.pairwise(spans):
        if start_b < end_a or start_a < 0:
            raise BundleRejected("Files in the bundle overlap.")
    if spans and spans[-1][1] > len(payload):
        raise BundleRejected("The bundle is truncated.")
    if "manifest.json" not in names or "manifest.sig" not in names:
        raise BundleRejected("The bundle has no signed manifest.")
    return archive


# What zipfile raises on a member it cannot read: besides BadZipFile, EOFError when a local header
# points past the end, NotImplementedError for flag bits 5 and 6 (patched data, strong encryption).
READ_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _bounded_int(text: str) -> int:
    if len(text) > 20:
        raise ValueError("number too long")
    return int(text)


def _no_float(text: str) -> Any:
    return _no_constants("float")


# One parser and one writer for every blob (json.loads and json.dumps with options build a new one
# per call, which costs more than parsing a small revision). Neither keeps state between calls.
_DECODER = json.JSONDecoder(parse_constant=_no_constants, parse_int=_bounded_int, parse_float=_no_float)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # = canonical_json
_text = json.encoder.encode_basestring  # a JSON string as the writer above spells it (ensure_ascii=False)


def _strict_json(raw: bytes) -> Any:
    """Parse JSON that must be in canonical form (sorted keys, no spaces, UTF-8 as is).

    Re-encoding and comparing the bytes rejects in one step what a lenient parser would let
    through: duplicate keys (the second silently wins), lone surrogates (cannot be encoded), and any
    second spelling of the same signed content. NaN, Infinity, floats and very long numbers are
    refused while parsing.
    """
    text = raw.decode("utf-8")  # strict: invalid UTF-8 raises
    value = _DECODER.decode(text)
    if _ENCODER.encode(value).encode("utf-8") != raw:
        raise ValueError("not canonical JSON")
    return value


HEX64 = re.compile(r"[0-9a-f]{64}")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
HEX32 = re.compile(r"[0-9a-f]{32}")
SIGNATURE_HEX = re.compile(r"[0-9a-f]{128}")
STAMP = re.compile(r"[0-9]{13}-[0-9]{8}-[0-9a-z]{0,64}")  # \d would take any script's digits
AUTHOR = re.compile(r"[0-9a-f]{32}|merge")
ENTRY_FIELDS = frozenset({"type", "id", "sha256", "size"})
REVISION_FIELDS = frozenset({"id", "kind", "record", "parents", "hlc", "author", "content_hash", "deleted", "body"})
MANIFEST_FIELDS = frozenset({"format", "version", "bundle", "created", "signer", "signing_key", "seq", "prev",
                             "recipients", "entries"})


def parse_manifest(raw: bytes) -> Manifest:
    try:
        if len(raw) > MAX_MANIFEST_BYTES:
            raise ValueError("manifest too large")
        doc = _strict_json(raw)
        if doc.get("format") != FORMAT or doc.get("version") != VERSION or isinstance(doc["version"], bool):
            raise ValueError("not a bundle manifest of this version")
        if doc.keys() != MANIFEST_FIELDS:
            raise ValueError("unexpected manifest fields")
        if not HEX64.fullmatch(doc["signing_key"]):
            raise ValueError("bad signing key")  # bytes.fromhex() would also take spaces and capitals
        signing_key = bytes.fromhex(doc["signing_key"])
        if len(signing_key) != 32 or key_id(signing_key) != doc["signer"]:
            raise ValueError("signer does not match its key")
        seq = doc["seq"]
        if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= INT64_MAX:
            raise ValueError("bad sequence number")
        if not isinstance(doc["entries"], list) or not isinstance(doc["recipients"], list) \
                or not all(isinstance(r, str) for r in doc["recipients"]):
            raise ValueError("entries and recipients must be lists")  # tuple() would take a text or a dict too
        entries = tuple(doc["entries"])
        for entry in entries:
            if not isinstance(entry, dict) or not ENTRY_FIELDS.issuperset(entry) \
                    or entry["type"] not in ("revision", "attachment", "proof") \
                    or not HEX64.fullmatch(entry["sha256"]) or not isinstance(entry["size"], int) \
                    or isinstance(entry["size"], bool) or entry["size"] < 0:
                raise ValueError("bad entry")
        if not isinstance(doc["created"], str) or not DAY.fullmatch(doc["created"]):
            raise ValueError("bad creation day")  # only ever a day: a time would tell when the volunteer worked
        prev = doc["prev"]
        if prev is not None and not HEX64.fullmatch(prev):
            raise ValueError("bad previous hash")
        recipients = tuple(str(r) for r in doc["recipients"])
        bundle = str(doc["bundle"])
        if not HEX32.fullmatch(bundle):
            raise ValueError("bad bundle id")
        return Manifest(raw, bundle, str(doc["signer"]), signing_key, seq, prev, recipients, entries)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, UnicodeError):
        raise BundleRejected("The bundle's manifest is malformed.") from None


@cache
def _columns(kind: str) -> dict[str, tuple[type, bool]]:
    """Each field of a kind: its plain JSON type (text, whole number, true/false) and whether it may be empty."""
    from sqlalchemy import Boolean, Integer

    table = RECORD_TABLES[kind].__table__  # type: ignore[attr-defined]  # SQLModel sets it on table classes
    return {c.name: (bool if isinstance(c.type, Boolean) else int if isinstance(c.type, Integer) else str,
                     bool(c.nullable)) for c in table.columns}


@cache
def _field_set(kind: str) -> frozenset[str]:
    return frozenset(field_names(RECORD_TABLES[kind]))


_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
DAY_FIELDS = ("date_start", "date_end", "decision_date", "appeal_date")


def _check_domains(kind: str, body: dict[str, Any]) -> None:
    """The values reports look up or take apart, in the forms this program writes them: a consent
    level, dates as YYYY, YYYY-MM or YYYY-MM-DD, other spellings as a JSON list of objects. A
    trusted key could sign anything; a value outside these would stop every report on the record."""
    if body.get("consent") is not None and body["consent"] not in CONSENT_LEVELS:
        raise ValueError("unknown consent level")
    for name in ("date", *DAY_FIELDS):
        value = body.get(name)
        if value is not None and (not _DATE.fullmatch(value) or (name in DAY_FIELDS and len(value) != 10)):
            raise ValueError("a date not in ISO form")
        if value is not None:
            date.fromisoformat((value + "-01-01")[:10])  # a real month and day, or ValueError
    if kind == "person":
        names = json.loads(body["names"])
        if not isinstance(names, list) or not all(isinstance(n, dict) and isinstance(n.get("text", ""), str)
                                                  for n in names):
            raise ValueError("other spellings must be a list of objects with a text")


_REVISION_TEXTS = ("author", "content_hash", "hlc", "id", "kind", "record")


def _canonical_revision(doc: dict[str, Any], body_json: str) -> str:
    """canonical_json(doc) for a revision document whose fields have their plain types (texts, a
    list of texts, a true/false, the body as an object), given its body already in canonical JSON:
    the same keys in sorted order, each value as the encoder writes it."""
    return "".join(('{"author":', _text(doc["author"]), ',"body":', body_json,
                    ',"content_hash":', _text(doc["content_hash"]),
                    ',"deleted":', "true" if doc["deleted"] else "false",
                    ',"hlc":', _text(doc["hlc"]), ',"id":', _text(doc["id"]), ',"kind":', _text(doc["kind"]),
                    ',"parents":[', ",".join(map(_text, doc["parents"])), '],"record":', _text(doc["record"]), "}"))


def _revision_json(data: bytes) -> tuple[Any, str | None]:
    """A revision blob parsed and checked as _strict_json() does, and its body in canonical JSON
    (None when the document is not shaped like a revision; the checks after this refuse it). The
    blob is written out around the body's own encoding, so the body is encoded once, for the
    canonical check and for its hash alike."""
    doc = _DECODER.decode(data.decode("utf-8"))  # strict: invalid UTF-8 raises
    body_json = None
    if type(doc) is dict and doc.keys() == REVISION_FIELDS and type(doc["body"]) is dict \
            and type(doc["deleted"]) is bool and type(doc["parents"]) is list \
            and all(type(doc[name]) is str for name in _REVISION_TEXTS) and all(type(p) is str for p in doc["parents"]):
        body_json = _ENCODER.encode(doc["body"])
        canonical = _canonical_revision(doc, body_json)
    else:
        canonical = _ENCODER.encode(doc)
    if canonical.encode("utf-8") != data:
        raise ValueError("not canonical JSON")
    return doc, body_json


def _parse_revision(data: bytes, expected_id: str) -> tuple[RevisionRow, dict[str, Any]]:
    """Strict schema: a known kind, exactly its fields with plain JSON values in the forms the editor
    writes, and an id that re-hashes. Returns the revision and its fields, parsed."""
    try:
        doc, body_json = _revision_json(data)
        kind = doc["kind"]
        if kind not in RECORD_TABLES or doc.keys() != REVISION_FIELDS:
            raise ValueError("unknown kind or fields")
        body = doc["body"]
        if body.keys() != _field_set(kind):
            raise ValueError("fields do not match the kind")
        columns = _columns(kind)
        for name, value in body.items():
            plain, nullable = columns[name]
            # Checked here, before any write: the merge would stop on IntegrityError (an empty required
            # field) or OverflowError (a number beyond SQLite's INTEGER), and every bundle with it.
            if value is None:
                if not nullable:
                    raise ValueError("a required field is empty")
            elif type(value) is not plain:
                raise ValueError("field values must be of their column's type")
            elif isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
                raise ValueError("a whole number beyond what the database stores")
        _check_domains(kind, body)
        problems = stored_problems(kind, body)
        if problems:
            raise BundleRejected("A record in the bundle has a value kzdesk does not accept ({field}: {problem}); "
                                 "nothing was imported.", field=problems[0].field, problem=tr(problems[0].msgid))
        if not HEX32.fullmatch(doc["record"]) or not isinstance(doc["deleted"], bool):
            raise ValueError("bad record id")
        if derived_id(kind, body) not in (None, doc["record"]):  # a second record for one pair or day
            raise ValueError("a record id not derived from what the record is about")
        if not STAMP.fullmatch(doc["hlc"]):
            raise ValueError("bad stamp")
        if not isinstance(doc["parents"], list) or not all(isinstance(p, str) and HEX64.fullmatch(p)
                                                           for p in doc["parents"]) \
                or len(set(doc["parents"])) != len(doc["parents"]) or len(doc["parents"]) > MAX_PARENTS:
            raise ValueError("bad parents")
        if not isinstance(doc["author"], str) or not AUTHOR.fullmatch(doc["author"]):
            raise ValueError("bad author")
        parents = [str(p) for p in doc["parents"]]
        if body_json is None:
            rev = make_revision(kind, doc["record"], body, parents, str(doc["hlc"]), str(doc["author"]),
                                doc["deleted"])
        else:  # the same hashes, from the body as encoded for the canonical check
            rev = revision_of(kind, doc["record"], body_json, parents, doc["hlc"], doc["author"], doc["deleted"])
        if rev.id != doc["id"] or rev.id != expected_id or rev.content_hash != doc["content_hash"]:
            raise ValueError("revision does not hash to its id")
        return rev, body
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, UnicodeError):
        raise BundleRejected("A record in the bundle is malformed or does not match its hash.") from None


def _member(view: memoryview, info: zipfile.ZipInfo) -> memoryview:
    """A stored member's bytes as a view into the payload (no copy). Its local header must agree
    with the central directory (name and extra length), so the bytes are exactly the span checked
    for overlaps; their hash is checked by the caller."""
    start = info.header_offset
    header = bytes(view[start:start + 30])
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise BundleRejected("The bundle's contents are damaged.")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    name = bytes(view[start + 30:start + 30 + name_length])
    flags = struct.unpack("<H", header[6:8])[0]
    if name != info.filename.encode() or extra_length != len(info.extra) or flags != info.flag_bits:
        raise BundleRejected("The bundle's contents are damaged.")
    begin = start + 30 + name_length + extra_length
    data = view[begin:begin + info.file_size]
    if len(data) != info.file_size:
        raise BundleRejected("The bundle is truncated.")
    return data


def open_bundle(payload: bytes | memoryview) -> OpenedBundle:
    """Check the archive, the manifest and every blob (hash, size, schema). The signature is
    verified by the caller against the trust store."""
    archive = _check_zip(payload)
    view = memoryview(payload)
    infos = {i.filename: i for i in archive.infolist()}
    try:
        raw = archive.read("manifest.json")
        signature = archive.read("manifest.sig")
    except READ_ERRORS:
        raise BundleRejected("The bundle's contents are damaged.") from None
    manifest = parse_manifest(raw)
    listed = {e["sha256"] for e in manifest.entries}
    present = {i.filename.removeprefix("blobs/") for i in archive.infolist() if i.filename.startswith("blobs/")}
    if listed != present:
        raise BundleRejected("The bundle's files do not match its manifest.")
    revisions: list[RevisionRow] = []
    blobs: dict[str, bytes | memoryview] = {}
    proofs: list[Proof] = []
    revision_blobs: dict[str, str] = {}
    bodies: dict[str, dict[str, Any]] = {}
    for entry in manifest.entries:
        data = _member(view, infos[f"blobs/{entry['sha256']}"])
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise BundleRejected("A file in the bundle does not match its hash.")
        if entry["type"] == "revision":
            rev, body = _parse_revision(bytes(data), str(entry.get("id")))
            revisions.append(rev)
            bodies[rev.id] = body
            revision_blobs[rev.id] = entry["sha256"]
        elif entry["type"] == "proof":
            proofs.append(_parse_proof(bytes(data)))
        else:
            blobs[entry["sha256"]] = data
    return OpenedBundle(manifest, signature, tuple(revisions), blobs, payload, tuple(proofs), revision_blobs, bodies)


def _parse_proof(data: bytes) -> Proof:
    """A carried manifest: strict JSON of the manifest text and its signature (checked later against
    the trust store, only when a revision needs it)."""
    try:
        doc = _strict_json(data)
        if set(doc) != {"manifest", "signature"} or not isinstance(doc["manifest"], str) \
                or not isinstance(doc["signature"], str) or not SIGNATURE_HEX.fullmatch(doc["signature"]):
            raise ValueError("bad proof")
        raw = doc["manifest"].encode("utf-8")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, UnicodeError):
        raise BundleRejected("A record in the bundle is malformed or does not match its hash.") from None
    return Proof(parse_manifest(raw), bytes.fromhex(doc["signature"]))


def _signature_holds(manifest: Manifest, signature: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(manifest.signing_key).verify(signature, SIGNATURE_DOMAIN + manifest.raw)
    except InvalidSignature:
        return False
    return True


def verify_signature(opened: OpenedBundle) -> bool:
    return _signature_holds(opened.manifest, opened.signature)
