"""Long-run fuzzing of everything kzdesk reads from outside: bundles, manifests, CSV files, PDF text.

    python bench/fuzz.py [--seconds S | --iterations N] [--target NAME ...] [--corpus DIR]
                         [--crashes DIR] [--seed N] [--engine auto|builtin|atheris] [--replay FILE]

The CI suite runs the same properties with hypothesis for a few seconds (tests/security/test_fuzz.py);
this is the long run. At the start it makes real material in a temporary folder: a volunteer vault
with the December 2021 monitoring sample imported, exported with export_bundle, plus a few small
bundles (an edit, an attachment, hostile-looking text), and coordinators that trust the volunteer.
Those bundles, their decrypted archives and manifests, and the CSV sample seed the corpus (written
to --corpus DIR if given). Targets, each run for S seconds or N inputs:

- bundle: mutated .kzb files imported into a coordinator vault (import_bundles). Allowed: rejected,
  with the vault's files and tables unchanged; or accepted only as one of the bundles we signed.
- archive: mutated decrypted archives through open_bundle and the signature and recipient checks.
  Allowed: BundleRejected, or acceptance of exactly the content that was signed.
- signed: a volunteer whose key signs hostile content (manifests and records mutated as JSON, then
  re-hashed and re-signed; sometimes signed by a stranger) imported into a coordinator: it must be
  merged, quarantined or rejected, never crash the import, and what merged must still make a case
  summary. Unmodified, every seed must be accepted (all targets).
- manifest: mutated manifests through parse_manifest; what it accepts must really be valid.
- csv: mutated CSV files through check_bytes, and every 8th also import_csv into a vault: a plan
  (with problems per row) or an InputError; a rejected file leaves the vault unchanged.
- pdf: mutated text put in a person, event, act and source, then a case summary PDF: it always
  builds, pypdf opens it, the printable text is there and no markup was obeyed.

The engine is a coverage-less mutation fuzzer (bit flips, byte and dictionary-token insertions,
deletions, truncation, splicing between corpus entries, JSON-aware mutations), which keeps every
input that gives an outcome not seen before. With --engine atheris (pip install atheris; auto
picks it when importable) each target runs under libFuzzer's coverage guidance in a child process
(byte mutations only; kzdesk and csv instrumented). --replay FILE --target NAME runs one saved input.
Printed per target: iterations, rejected as expected, accepted, crashes (unexpected exceptions or
hangs), violations (a property broken), executions per second and peak memory. The first few
crashing inputs are saved with their tracebacks under --crashes (by default in the system temp
folder; the material is synthetic test data). The exit status is 1 if anything crashed or broke.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import logging
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "monitoring_2021_12.csv"
PASSPHRASE = "fuzz pass phrase"
SEP = b"\n--kzdesk-fuzz-part--\n"  # between the parts of a 'signed' input: manifest, then blobs
TARGETS = ("bundle", "archive", "signed", "manifest", "csv", "pdf")
SAVED_CRASHES = 5  # per target

# The product, imported by load(): under atheris it must be imported inside its instrumentation.
P = SimpleNamespace()


def load() -> None:
    from pypdf import PdfReader
    from pyrage import encrypt, x25519
    from reportlab.pdfbase import pdfmetrics

    from kzdesk.core.errors import InputError, KzdeskError
    from kzdesk.core.exchange import bundle, trust
    from kzdesk.core.exchange.card import Card
    from kzdesk.core.exchange.exporting import export_bundle
    from kzdesk.core.exchange.importing import import_bundles
    from kzdesk.core.exchange.own import age_identity, age_recipient, own_card
    from kzdesk.core.ingest import csv_import
    from kzdesk.core.model.attachments import attach
    from kzdesk.core.model.names import identity_key
    from kzdesk.core.model.revisions import make_revision
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.reports import case
    from kzdesk.core.reports.pdf import FAMILY, register_fonts
    from kzdesk.core.vault.identity import SigningIdentity
    from kzdesk.core.vault.kdf import floor_params
    from kzdesk.core.vault.layout import DATABASE_FILE

    P.__dict__.update(PdfReader=PdfReader, encrypt=encrypt, x25519=x25519, pdfmetrics=pdfmetrics,
                      InputError=InputError, KzdeskError=KzdeskError, bundle=bundle, trust=trust, Card=Card,
                      SigningIdentity=SigningIdentity, age_identity=age_identity, age_recipient=age_recipient,
                      own_card=own_card, export_bundle=export_bundle, import_bundles=import_bundles,
                      csv_import=csv_import, attach=attach, identity_key=identity_key, make_revision=make_revision,
                      case=case, FAMILY=FAMILY, register_fonts=register_fonts, floor_params=floor_params,
                      DATABASE_FILE=DATABASE_FILE, Profile=Profile, Vault=Vault)


# --- mutation ---------------------------------------------------------------------------------
INTERESTING_NUMBERS = [b"0", b"-1", b"1", b"255", b"65536", b"2147483648", b"4294967296", b"9223372036854775807",
                       b"9223372036854775808", b"-9223372036854775809", b"99999999999999999999", b"1e400",
                       b"-0", b"0.5", b"NaN", b"Infinity", b"1" * 30]
INTERESTING_JSON: list[Any] = [None, True, False, 0, -1, 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**19,
                               "", "x", "\x00", "\u202eevil", "<img src=x>", "merge", "a" * 64, "0" * 64,
                               "f" * 32, "public", "confidential", "revision", "attachment", "../x",
                               "9999999999999-00000000-zz", "١٧٠٠٠٠٠٠٠٠٠٠٠-٠٠٠٠٠٠٠٠-x", [], {}, [None], {"a": 1},
                               "\ufeff", "\u0301", "x" * 5000, "2021-12-05", "2021-13", "2021-02-30", "x-y-z",
                               "-1", "1e5", "NaN", "12,5", "[]", "{}", "[{\"text\": 1}]", "anonymised", "day"]


@dataclass
class Mutator:
    rnd: random.Random
    tokens: list[bytes]
    max_len: int

    def position(self, data: bytes | bytearray, end: bool = False) -> int:
        """Anywhere, with a bias to the first and last bytes, where headers and directories live."""
        n = len(data) + (1 if end else 0)
        if n <= 1:
            return 0
        pick = self.rnd.random()
        if pick < 0.25:
            return self.rnd.randrange(min(n, 512))
        if pick < 0.5:
            return max(0, n - 1 - self.rnd.randrange(min(n, 512)))
        return self.rnd.randrange(n)

    def token(self) -> bytes:
        if self.tokens and self.rnd.random() < 0.8:
            return self.rnd.choice(self.tokens)
        return self.rnd.choice(INTERESTING_NUMBERS)

    def once(self, data: bytearray, pool: list[bytes]) -> bytearray:
        rnd = self.rnd
        op = rnd.randrange(13)
        if not data and op not in (3, 4, 10):
            op = 4
        if op == 0:  # flip a bit
            i = self.position(data)
            data[i] ^= 1 << rnd.randrange(8)
        elif op == 1:  # a random byte
            data[self.position(data)] = rnd.randrange(256)
        elif op == 2:  # an edge byte
            data[self.position(data)] = rnd.choice((0, 1, 0x7F, 0x80, 0xFF, 0x22, 0x5C, 0x0A, 0x2C))
        elif op == 3:  # insert random bytes
            i = self.position(data, end=True)
            data[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif op == 4:  # insert a dictionary token
            i = self.position(data, end=True)
            data[i:i] = self.token()
        elif op == 5:  # overwrite with a token
            i, t = self.position(data), self.token()
            data[i:i + len(t)] = t
        elif op == 6:  # delete a range
            i = self.position(data)
            del data[i:i + rnd.choice((1, 2, 4, rnd.randint(1, 512)))]
        elif op == 7:  # duplicate a range
            i = self.position(data)
            chunk = data[i:i + rnd.randint(1, 256)]
            j = self.position(data, end=True)
            data[j:j] = chunk * rnd.choice((1, 1, 2, 16))
        elif op == 8:  # truncate
            del data[self.position(data):]
        elif op == 9:  # splice with another corpus entry
            other = rnd.choice(pool)
            data = data[:self.position(data)] + bytearray(other[self.position(other):])
        elif op == 10:  # replace a number with an interesting one
            numbers = [m.span() for m in re.finditer(rb"-?\d+", bytes(data[:200_000]))]
            if numbers:
                a, b = rnd.choice(numbers)
                data[a:b] = rnd.choice(INTERESTING_NUMBERS)
            else:
                data[0:0] = rnd.choice(INTERESTING_NUMBERS)
        elif op == 11:  # swap two ranges
            i, j = sorted((self.position(data), self.position(data)))
            n = rnd.randint(1, 64)
            if j - i >= n:
                data[i:i + n], data[j:j + n] = data[j:j + n], data[i:i + n]
        else:  # a sequence of one byte repeated (a long field, a long run of zeros)
            i = self.position(data, end=True)
            data[i:i] = bytes([rnd.choice((0, 0x41, 0x20, 0x2C, 0x22, 0xFF))]) * rnd.choice((8, 300, 5000))
        return data

    def bytes(self, seed: bytes, pool: list[bytes]) -> bytes:
        data = bytearray(seed)
        for _ in range(self.rnd.choice((1, 1, 1, 2, 2, 3, 4, 8))):
            data = self.once(data, pool)
        return bytes(data[:self.max_len])

    # JSON-aware: change one node of a parsed document (used by the manifest and signed targets).
    def json_value(self, depth: int = 0) -> Any:
        rnd = self.rnd
        if depth < 3 and rnd.random() < 0.2:
            if rnd.random() < 0.5:
                return [self.json_value(depth + 1) for _ in range(rnd.randint(0, 3))]
            return {rnd.choice(["type", "id", "sha256", "size", "seq", "a", ""]): self.json_value(depth + 1)
                    for _ in range(rnd.randint(0, 3))}
        return rnd.choice(INTERESTING_JSON)

    def json(self, doc: Any) -> Any:
        rnd = self.rnd
        paths: list[tuple[Any, Any]] = []  # (container, key)

        def walk(node: Any, depth: int) -> None:
            if depth > 6 or len(paths) > 5000:
                return
            items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
            for key, child in items:
                paths.append((node, key))
                walk(child, depth + 1)

        walk(doc, 0)
        if not paths:
            return self.json_value()
        container, key = rnd.choice(paths)
        pick = rnd.random()
        if pick < 0.5:
            container[key] = self.json_value()
        elif pick < 0.65:
            del container[key]
        elif pick < 0.8 and isinstance(container, dict):
            container[rnd.choice(["extra", "id", "type", "size", "format", "version"])] = self.json_value()
        elif pick < 0.9 and isinstance(container[key], str) and container[key]:
            text = container[key]
            i = rnd.randrange(len(text))
            container[key] = text[:i] + rnd.choice(["0", "G", "\u0430", "\x00", "", text[i] * 2]) + text[i + 1:]
        elif isinstance(container[key], int) and not isinstance(container[key], bool):
            container[key] = container[key] + rnd.choice((-1, 1, 2**32, 2**63, -(2**64)))
        else:
            container[key] = [container[key]]
        return doc


# --- the material: real vaults and bundles --------------------------------------------------------
def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def new_vault(path: Path, role: str) -> Any:
    return P.Vault.create(path, PASSPHRASE, P.Profile(role, path.name, ""), kdf=P.floor_params())


def introduce(a: Any, b: Any) -> None:
    """a trusts b's card."""
    with a.transaction() as conn:
        P.trust.add(conn, P.Card.parse(P.own_card(b).export(b.identity)), a.identity.key_id)


def vault_state(vault: Any) -> tuple[Any, ...]:
    """What a write would change: row counts, and the size and time of every file of the vault."""
    with vault.engine.connect() as conn:
        counts = tuple(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in (
            "revision", "bundle_log", "quarantine", "blob", "person", "event", "act", "source", "pending_record",
            "conflict"))
    files = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(vault.path.iterdir())
                  if p.is_file())
    return counts, files


def vault_digest(vault: Any) -> str:
    digest = hashlib.sha256()
    for p in sorted(vault.path.iterdir()):
        if p.is_file():
            digest.update(p.name.encode() + b"\0" + p.read_bytes())
    return digest.hexdigest()


class Lab:
    """The vaults and the bundles every target starts from, in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.volunteer = new_vault(root / "volunteer", "volunteer")
        self.coordinator = new_vault(root / "coordinator", "coordinator")  # imports mutated .kzb files
        self.receiver = new_vault(root / "receiver", "coordinator")  # merges what a hostile signer signs
        for coordinator in (self.coordinator, self.receiver):
            introduce(self.volunteer, coordinator)
            introduce(coordinator, self.volunteer)
        self.stranger = P.SigningIdentity.generate()
        self.bundles: list[bytes] = []
        P.csv_import.import_csv(self.volunteer, SAMPLE)
        self._export("month")
        with self.volunteer.transaction() as conn:
            changes = self.volunteer.changeset()
            person = changes.create("person", {"name": "Ким Виктор <b>&amp;", "name_key": "ким виктор <b>&amp;",
                                               "consent": "public", "birth_year": 1979, "notes": "\u202eevil"})
            P.attach(changes, conn, b"%PDF-1.4 court ruling\n", "ruling.pdf", "person", person)
            self.volunteer.commit(changes, conn)
        self._export("attachment")
        with self.volunteer.transaction() as conn:
            changes = self.volunteer.changeset()
            changes.update(conn, "person", person, {"occupation": "журналист", "consent": "anonymised"})
            self.volunteer.commit(changes, conn)
        self._export("edit")
        with self.coordinator.engine.connect() as conn:
            self.secret = P.age_identity(conn, create=False)
        with self.receiver.engine.connect() as conn:
            self.receiver_recipient = P.age_recipient(P.age_identity(conn, create=False))
        self.payloads = [P.bundle.decrypt(b, self.secret) for b in self.bundles]
        self.opened = {o.manifest.hash: o for o in map(P.bundle.open_bundle, self.payloads)}
        self.coordinator.close()
        shutil.copytree(root / "coordinator", root / "coordinator-template")
        self.coordinator = P.Vault.open(root / "coordinator", PASSPHRASE)

    def _export(self, name: str) -> None:
        path = self.root / f"{name}.kzb"
        P.export_bundle(self.volunteer, path)
        self.bundles.append(path.read_bytes())

    def restore_coordinator(self) -> None:
        self.coordinator.close()
        shutil.rmtree(self.root / "coordinator")
        shutil.copytree(self.root / "coordinator-template", self.root / "coordinator")
        self.coordinator = P.Vault.open(self.root / "coordinator", PASSPHRASE)

    def close(self) -> None:
        for vault in (self.volunteer, self.coordinator, self.receiver):
            vault.close()


# --- targets ----------------------------------------------------------------------------------
class Violation(Exception):
    """A property broken without an exception from the product (counted apart from crashes)."""


class Hang(BaseException):
    """One input took longer than --timeout (BaseException: no product handler may swallow it)."""


ZIP_TOKENS = [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07", b"\xff\xff\xff\xff",
              b"\x00\x00\x00\x00", b"manifest.json", b"manifest.sig", b"blobs/", b"../", b"\x08\x00", b"\x01\x00"]
AGE_TOKENS = [b"age-encryption.org/v1\n", b"-> X25519 ", b"--- ", b"\n", b"-> scrypt ", b"-> ", b"=="]
JSON_TOKENS = [b'"', b"{", b"}", b"[", b"]", b",", b":", b"null", b"true", b"\\u0000", b"\\ud800", b'"seq":',
               b'"entries":[', b'"type":"revision"', b'"size":', b"NaN", b"1.5", b"  ", b"\xff", b"\xed\xa0\x80"]
CSV_TOKENS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b'"', b'""', b",", b";", b"\t", b"\r\n", b"\r",
              b"\n", b"person", b"event_type", b"event_ref", b"fine_amount", b"consent", b"2021-12-05",
              b"05.12.2021", b"2021-02-30", b"1990", b"MCI", b"KZT", b"\xe2\x82\xb8", b"fine", b"detention", b"488",
              b"73-1", b"145 850", b"2,5", b"t.me/x", b"javascript:alert(1)", b"=HYPERLINK(\"x\")",
              b"\xc3\x28", b"\xed\xa0\x80", b"\xcf\xf0\xe8\xe2\xe5\xf2", b"\xe2\x80\xae", b"\xcc\x81",
              b"x" * 10_001, b"\xd0\x9e\xd1\x80\xd0\xb0\xd0\xbb"]
PDF_TOKENS = [s.encode() for s in (
    "<img src=x>", "<img src=\"/etc/hostname\"/>", "<font size=400>", "</font>", "<b>", "</i>", "<a href=\"x\">",
    "<para>", "<br/>", "<seq id=x/>", "<onDraw name=x/>", "&", "&amp;", "&#65;", "&lt;", "&bogus;", "<![CDATA[",
    "\x00", "\x07", "\x1b[31m", "\x7f", "\u202e", "\u202d", "\u2066", "\u200f", "\u200b", "\u00ad", "\u0301",
    "e\u0301\u0308\u0323", "שלום", "مرحبا", "中文", "😀", "\ufeff", "\ufffd", "\t", "\r\n", "\x1f",
    "Жақсылықов Ерлан", "Серікбаева Айгүл", "Ким Виктор", "ӘәҒғҚқҢңӨөҰұҮүҺһІі", "№ 2-123/2021",
    "x" * 300, "W" * 2000, "слово " * 200)]


@dataclass
class Target:
    name: str
    lab: Lab
    work: Path
    max_len: int = 2_000_000
    tokens: list[bytes] = field(default_factory=list)

    def seeds(self) -> list[bytes]:
        raise NotImplementedError

    def run(self, data: bytes) -> tuple[str, str]:
        """(outcome, detail): outcome is 'rejected' or 'accepted'; an exception is a crash."""
        raise NotImplementedError

    def structured(self, mutator: Mutator, data: bytes) -> bytes | None:
        """A target-aware mutation, or None for plain byte mutation."""
        return None

    def close(self) -> None:
        vault = getattr(self, "vault", None)
        if vault is not None:
            vault.close()


class BundleTarget(Target):
    def seeds(self) -> list[bytes]:
        return list(self.lab.bundles)

    def run(self, data: bytes) -> tuple[str, str]:
        lab = self.lab
        path = self.work / "fuzzed.kzb"
        path.write_bytes(data)
        before = vault_state(lab.coordinator)
        try:
            outcome = P.import_bundles(lab.coordinator, [path])[0]
        except P.KzdeskError as exc:
            status, reason = "rejected", exc.msgid
        else:
            status, reason = outcome.status, outcome.reason or ""
        if status == "rejected":
            if vault_state(lab.coordinator) != before:
                raise Violation("a rejected bundle changed the coordinator's vault")
            return "rejected", reason
        # Only a bundle we signed may get in, with exactly the content we signed.
        opened = P.bundle.open_bundle(P.bundle.decrypt(data, lab.secret))
        same_as_signed(lab, opened)
        lab.restore_coordinator()
        return "accepted", status


def same_as_signed(lab: Lab, opened: Any) -> None:
    original = lab.opened.get(opened.manifest.hash)
    if original is None:
        raise Violation("accepted a manifest nobody signed")
    if (opened.signature, opened.revisions, opened.blobs) != (original.signature, original.revisions, original.blobs):
        raise Violation("accepted a bundle whose records differ from what was signed")


class ArchiveTarget(Target):
    def seeds(self) -> list[bytes]:
        return list(self.lab.payloads)

    def run(self, data: bytes) -> tuple[str, str]:
        # The checks of importing.verify after decryption, in its order.
        try:
            opened = P.bundle.open_bundle(data)
            if not P.bundle.verify_signature(opened):
                raise P.bundle.BundleRejected("The bundle's signature does not match its contents.")
            if P.age_recipient(self.lab.secret) not in opened.manifest.recipients:
                raise P.bundle.BundleRejected("The bundle was not made for this coordinator.")
        except P.bundle.BundleRejected as exc:
            return "rejected", exc.msgid
        same_as_signed(self.lab, opened)
        return "accepted", "as signed"


def split_signed(data: bytes) -> tuple[int, list[bytes]]:
    flags = data[0] if data else 0
    return flags, data[1:].split(SEP)


def join_signed(flags: int, parts: list[bytes]) -> bytes:
    return bytes([flags & 0xFF]) + SEP.join(parts)


FIX_ENTRIES, FIX_REVISIONS, FRESH, STRANGER, FIX_RECIPIENTS = 1, 2, 4, 8, 16


class SignedTarget(Target):
    """A trusted (or unknown) signer's hostile content: whatever is signed must not crash the import,
    nor the case summary of a person it brought."""

    merges = 0

    def seeds(self) -> list[bytes]:
        out = []
        for payload in self.lab.payloads:
            archive = zipfile.ZipFile(io.BytesIO(payload))
            raw = archive.read("manifest.json")  # blobs in the order of its entries, which FIX_ENTRIES keeps
            parts = [raw, *(archive.read(f"blobs/{e['sha256']}") for e in json.loads(raw)["entries"])]
            out.append(join_signed(FIX_ENTRIES | FIX_REVISIONS | FRESH | FIX_RECIPIENTS, parts))
            out.append(join_signed(FIX_ENTRIES | FIX_REVISIONS | FRESH | STRANGER, parts))
        return out

    def structured(self, mutator: Mutator, data: bytes) -> bytes | None:
        rnd = mutator.rnd
        flags, parts = split_signed(data)
        if rnd.random() < 0.1:
            flags ^= 1 << rnd.randrange(5)
        index = 0 if len(parts) == 1 or rnd.random() < 0.3 else rnd.randrange(1, len(parts))
        try:
            doc = json.loads(parts[index])
        except ValueError:
            return None
        if index and isinstance(doc, dict) and isinstance(doc.get("body"), dict) and rnd.random() < 0.6:
            body = doc["body"]
            if body:  # the values a hostile signer would choose, field by field
                body[rnd.choice(sorted(body))] = mutator.json_value()
        else:
            doc = mutator.json(doc)
        parts[index] = canonical(doc) if rnd.random() < 0.95 else json.dumps(doc).encode()
        return join_signed(flags, parts)

    def build(self, data: bytes) -> bytes:
        """The archive bytes a signer with these fix-ups would produce (harness side: never a crash)."""
        lab = self.lab
        flags, parts = split_signed(data)
        raw, blobs = parts[0], parts[1:]
        if flags & FIX_REVISIONS:
            blobs = [fix_revision(b) for b in blobs]
        signer = lab.stranger if flags & STRANGER else lab.volunteer.identity
        try:
            doc = json.loads(raw)
        except (ValueError, RecursionError):
            doc = None
        if isinstance(doc, dict):
            if flags & FIX_ENTRIES:
                old = doc.get("entries") if isinstance(doc.get("entries"), list) else []
                entries = []
                for n, blob in enumerate(blobs):
                    entry = dict(old[n]) if n < len(old) and isinstance(old[n], dict) else {"type": "attachment"}
                    entry["sha256"], entry["size"] = hashlib.sha256(blob).hexdigest(), len(blob)
                    with contextlib.suppress(Exception):
                        entry["id"] = json.loads(blob)["id"]
                    entries.append(entry)
                doc["entries"] = entries
            if flags & FRESH:
                tag = hashlib.sha256(data).digest()
                doc["bundle"] = tag[:16].hex()
                doc["seq"] = int.from_bytes(tag[16:20]) + 2
            if flags & STRANGER or "signer" not in doc:
                doc["signer"], doc["signing_key"] = signer.key_id, signer.public_key.hex()
            if flags & FIX_RECIPIENTS and isinstance(doc.get("recipients"), list) \
                    and lab.receiver_recipient not in doc["recipients"]:
                doc["recipients"] = sorted([*map(str, doc["recipients"]), lab.receiver_recipient])
            with contextlib.suppress(ValueError, TypeError, RecursionError):
                raw = canonical(doc)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            members = [("manifest.json", raw), ("manifest.sig", signer.sign(P.bundle.SIGNATURE_DOMAIN + raw)),
                       *((f"blobs/{hashlib.sha256(b).hexdigest()}", b) for b in blobs)]
            seen = set()
            for name, blob in members:
                if name not in seen:
                    seen.add(name)
                    archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), blob)
        return P.encrypt(buffer.getvalue(), [P.x25519.Recipient.from_str(lab.receiver_recipient)])

    def run(self, data: bytes) -> tuple[str, str]:
        encrypted = self.build(data)
        path = self.work / "signed.kzb"
        path.write_bytes(encrypted)
        receiver = self.lab.receiver
        try:
            outcome = P.import_bundles(receiver, [path])[0]
        except P.KzdeskError as exc:
            return "rejected", exc.msgid
        if outcome.status == "rejected":
            return "rejected", outcome.reason or ""
        if outcome.status == "merged":
            self.merges += 1
            if self.merges % 50 == 0:
                with receiver.engine.connect() as conn:
                    if [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")] != ["ok"]:
                        raise Violation("the coordinator's database fails its integrity check after a merge")
            self.report_on(outcome.bundle)
        return "accepted", outcome.status

    def report_on(self, bundle_id: str | None) -> None:
        """What was merged must still make a case summary: the coordinator's next step."""
        with self.lab.receiver.engine.connect() as conn:
            persons = [r[0] for r in conn.exec_driver_sql(
                "SELECT DISTINCT p.uuid FROM person p JOIN revision r ON r.record = p.uuid JOIN revision_origin o "
                "ON o.revision = r.id WHERE o.bundle_id = ? AND p.deleted = 0 LIMIT 2", (bundle_id,))]
            for person in persons:
                try:
                    content = P.case.gather(conn, person, "full")
                except P.KzdeskError:
                    continue
                P.case.build_pdf(content, "en")


def fix_revision(blob: bytes) -> bytes:
    """Re-hash a revision so that its id matches whatever it now says (what a signer's key allows)."""
    try:
        doc = json.loads(blob)
        rev = P.make_revision(doc["kind"], doc["record"], doc["body"], [str(p) for p in doc["parents"]],
                              str(doc["hlc"]), str(doc["author"]), doc["deleted"])
        doc["id"], doc["content_hash"] = rev.id, rev.content_hash
        return canonical(doc)
    except Exception:  # harness side: a blob that cannot be fixed travels as it is
        return blob


HEX64, HEX32 = re.compile(r"[0-9a-f]{64}"), re.compile(r"[0-9a-f]{32}")
MANIFEST_FIELDS = {"format", "version", "bundle", "created", "signer", "signing_key", "seq", "prev", "recipients",
                   "entries"}


def manifest_problem(raw: bytes, manifest: Any) -> str | None:
    """An independent reading of the manifest format: why an accepted manifest is not valid, or None."""
    doc = json.loads(raw.decode("utf-8"))
    if canonical(doc) != raw:
        return "not in canonical form"
    if not isinstance(doc, dict) or set(doc) != MANIFEST_FIELDS:
        return "fields"
    if doc["format"] != "kzdesk-bundle" or doc["version"] != 1 or isinstance(doc["version"], bool):
        return "format"
    if not isinstance(doc["bundle"], str) or not HEX32.fullmatch(doc["bundle"]):
        return "bundle id"
    key = doc["signing_key"]
    if not isinstance(key, str) or len(key) != 64 or P.bundle.key_id(bytes.fromhex(key)) != doc["signer"]:
        return "signer"
    seq = doc["seq"]
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq < 2**63:
        return "seq"
    if doc["prev"] is not None and not (isinstance(doc["prev"], str) and HEX64.fullmatch(doc["prev"])):
        return "prev"
    if not isinstance(doc["recipients"], list) or not all(isinstance(r, str) for r in doc["recipients"]):
        return "recipients"
    if not isinstance(doc["entries"], list):
        return "entries"
    for entry in doc["entries"]:
        if not isinstance(entry, dict) or not set(entry) <= {"type", "id", "sha256", "size"} \
                or entry.get("type") not in ("revision", "attachment") \
                or not isinstance(entry.get("sha256"), str) or not HEX64.fullmatch(entry["sha256"]) \
                or not isinstance(entry.get("size"), int) or isinstance(entry["size"], bool) or entry["size"] < 0:
            return "entry"
    if manifest.seq != seq or manifest.bundle != doc["bundle"] or manifest.raw != raw:
        return "parsed values differ from the document"
    return None


class ManifestTarget(Target):
    def seeds(self) -> list[bytes]:
        return [o.manifest.raw for o in self.lab.opened.values()]

    def structured(self, mutator: Mutator, data: bytes) -> bytes | None:
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):
            return None
        doc = mutator.json(doc)
        if isinstance(doc, dict) and mutator.rnd.random() < 0.3:  # keep the signer consistent with its key
            identity = P.SigningIdentity.generate()
            doc["signer"], doc["signing_key"] = identity.key_id, identity.public_key.hex()
        try:
            return canonical(doc) if mutator.rnd.random() < 0.9 else json.dumps(doc).encode()
        except (ValueError, TypeError):
            return None

    def run(self, data: bytes) -> tuple[str, str]:
        try:
            manifest = P.bundle.parse_manifest(data)
        except P.bundle.BundleRejected as exc:
            return "rejected", exc.msgid
        problem = manifest_problem(data, manifest)
        if problem:
            raise Violation(f"parse_manifest accepted an invalid manifest ({problem})")
        return "accepted", "valid"


class CsvTarget(Target):
    runs = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vault = new_vault(Path(tempfile.mkdtemp(dir=self.work)) / "csv-vault", "volunteer")

    def seeds(self) -> list[bytes]:
        sample = SAMPLE.read_bytes()
        lines = sample.split(b"\n")
        return [sample, b"\xef\xbb\xbf" + sample.replace(b",", b";"),
                sample.replace(b",", b"\t").replace(b"\n", b"\r\n"), b"\n".join(lines[:4]) + b"\n",
                lines[0] + b"\n", b"person,event_type\n\"A \"\"B\"\"\",fine\n"]

    def run(self, data: bytes) -> tuple[str, str]:
        self.runs += 1
        try:
            plan = P.csv_import.check_bytes(data)
        except P.InputError as exc:
            outcome = ("rejected", exc.msgid)
            plan = None
        else:
            if any(p.row < 2 for p in plan.problems):
                raise Violation("a problem without a row number")
            if not plan.problems and any(not r.person or not r.act["act_type"] for r in plan.rows):
                raise Violation("a plan without problems has a row without a person or an event type")
            outcome = ("accepted", "problems" if plan.problems else "clean")
        if self.runs % 8 == 0:
            self.through_vault(data, plan)
        return outcome

    def through_vault(self, data: bytes, plan: Any) -> None:
        path = self.work / "fuzzed.csv"
        path.write_bytes(data)
        before = vault_state(self.vault)
        try:
            report = P.csv_import.import_csv(self.vault, path)
        except P.InputError:
            if vault_state(self.vault) != before:
                raise Violation("a rejected CSV file changed the vault") from None
            if plan is not None and not plan.problems:
                raise Violation("import_csv refused a file whose plan had no problems") from None
            return
        if plan is None or plan.problems or report.acts != len(plan.rows):
            raise Violation("import_csv stored a file the plan found problems in")


PDF_FIELDS = (("person", "name"), ("person", "occupation"), ("person", "affiliation"), ("person", "notes"),
              ("event", "title"), ("event", "place"), ("event", "occasion"), ("event", "description"),
              ("act", "court"), ("act", "judge"), ("act", "case_number"), ("act", "appeal_outcome"),
              ("source", "title"), ("citation", "locator"))
TABLE_FIELDS = {("act", "court"), ("act", "judge"), ("act", "case_number"), ("act", "appeal_outcome")}
# The styles of pdf.py and the page frame, and reportlab's initial Helvetica 12 and 10 of every page.
FONT_SIZES = {b"16", b"11.5", b"9.5", b"8.5", b"8", b"7.5", b"12", b"10"}


class PdfTarget(Target):
    runs = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        P.register_fonts()
        self.cmap: dict[int, int] = P.pdfmetrics.getFont(P.FAMILY).face.charToGlyph
        vault = self.vault = new_vault(Path(tempfile.mkdtemp(dir=self.work)) / "pdf-vault", "volunteer")
        with vault.transaction() as conn:
            changes = vault.changeset()
            person = changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор", "consent": "public"})
            event = changes.create("event", {"date": "2021-12-05", "date_precision": "day", "consent": "public",
                                             "date_start": "2021-12-05", "date_end": "2021-12-05", "city": "Oral"})
            act = changes.create("act", {"event": event, "person": person, "act_type": "administrative_arrest",
                                         "legal_code": "KoAP", "article": "488", "arrest_days": 10})
            source = changes.create("source", {"url": "https://example.org/x"})
            citation = changes.create("citation", {"source": source, "target_kind": "person", "target": person})
            vault.commit(changes, conn)
        self.ids = {"person": person, "event": event, "act": act, "source": source, "citation": citation}

    def seeds(self) -> list[bytes]:
        names = [line.split(b",")[3] for line in SAMPLE.read_bytes().split(b"\n")[1:] if line.count(b",") > 4]
        descriptions = [line.split(b",")[11] for line in SAMPLE.read_bytes().split(b"\n")[1:]
                        if line.count(b",") > 12]
        return [b"\x1f".join(names[i:i + 4] + descriptions[i:i + 4]) for i in range(0, 40, 8)] + [
            b"\x1f".join(PDF_TOKENS[:14]), b"<img src=x>\x1f<font size=400>big</font>\x1f&amp; &\x1f<b>unclosed"]

    def run(self, data: bytes) -> tuple[str, str]:
        self.runs += 1
        text = data.decode("utf-8", "replace")
        values = text.split("\x1f")
        assigned = {key: values[n] or None if n < len(values) else None for n, key in enumerate(PDF_FIELDS)}
        assigned[("person", "name")] = assigned[("person", "name")] or "—"
        vault = self.vault
        try:
            with vault.transaction() as conn:
                changes = vault.changeset()
                for kind in ("person", "event", "act", "source", "citation"):
                    fields = {n: v for (k, n), v in assigned.items() if k == kind}
                    if kind == "person":
                        fields["name_key"] = P.identity_key(fields["name"])
                    changes.update(conn, kind, self.ids[kind], fields)
                vault.commit(changes, conn)
            lang = ("en", "ru", "kk")[self.runs % 3]
            with vault.engine.connect() as conn:
                content = P.case.gather(conn, self.ids["person"], "full")
        except P.KzdeskError as exc:
            return "rejected", exc.msgid
        today = time.strftime("%Y-%m-%d")
        pdf = P.case.build_pdf(content, lang, today)
        frame = P.case._frame(content, lang, today)
        self.check(pdf, assigned, [frame.marking, frame.footer], frame.page_label)
        return "accepted", "pdf"

    def printable(self, text: str) -> str:
        """The characters a PDF reader gets back from the page as they were written: drawn with a
        glyph of the embedded font, and letters, marks, digits, punctuation or symbols (not spaces,
        control or format characters, which are shown as boxes or nothing)."""
        return "".join(c for c in text if ord(c) < 0x10000 and ord(c) in self.cmap and not c.isspace()
                       and unicodedata.category(c)[0] in "LMNPS")

    def check(self, pdf: bytes, assigned: dict[tuple[str, str], str | None], frame: list[str],
              page_label: Callable[[int, int], str]) -> None:
        reader = P.PdfReader(io.BytesIO(pdf))
        if not reader.pages:
            raise Violation("a PDF without pages")
        contents = [page.get_contents() for page in reader.pages]
        streams = b"".join(c.get_data() for c in contents if c is not None)  # (an empty stream is falsy)
        for page in reader.pages:
            resources = page.get("/Resources") or {}
            if "/XObject" in resources or "/Annots" in page or b" Do" in streams:
                raise Violation("markup in a user value was obeyed (an image or a link in the PDF)")
        if re.search(rb"/Subtype\s*/Image|/URI|/Launch|/JavaScript|/OpenAction", pdf):
            raise Violation("markup in a user value was obeyed (an image or an action in the PDF)")
        sizes = set(re.findall(rb"/F\d+\+?\d* ([\d.]+) Tf", streams))
        if not sizes:
            raise Violation("no text drawn at all")
        if not sizes <= FONT_SIZES:
            raise Violation(f"a font size no style uses: {sorted(sizes - FONT_SIZES)}")
        pages = [self.printable(page.extract_text() or "") for page in reader.pages]
        # What the frame stamps on every page sits between the two halves of a paragraph cut by a
        # page break: take it out so that the paragraph reads as one piece again.
        for n, page in enumerate(pages):
            for piece in (*frame, page_label(n + 1, len(pages))):
                page = page.replace(self.printable(piece), "")
            pages[n] = page
        text = "".join(pages)
        values = [v for v in assigned.values() if v]
        if any(rearranged(c) for value in values for c in value):
            # See rearranged(): a reversed run takes along what stands next to it on the line (another
            # column of the row), so then only count the characters.
            if Counter(self.printable("".join(values))) - Counter(text):
                raise Violation("characters of the values are missing from the PDF text")
            return
        for (kind, name), value in assigned.items():
            if not value:
                continue
            wanted = self.printable(value)
            if not wanted:
                continue
            # Table rows taller than a page are cut across pages, column by column: there the
            # characters must all be there in order; everywhere else, as one piece.
            if wanted not in text and not ((kind, name) in TABLE_FIELDS and len(pages) > 1
                                           and is_subsequence(wanted, text)):
                raise Violation(f"the {kind}'s {name} is missing from the PDF text")


def rearranged(c: str) -> bool:
    """Characters around which the extracted text differs in order or adds a character: pypdf
    reverses runs with right-to-left letters or anything in the blocks it takes for right-to-left
    (U+FEFF, the byte order mark, among them); a soft hyphen becomes "-" where a line breaks."""
    return unicodedata.bidirectional(c) in ("R", "AL", "AN") or "\u0590" <= c <= "\u08ff" \
        or "\ufb1d" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" or c == "\u00ad"


def is_subsequence(needle: str, haystack: str) -> bool:
    chars = iter(haystack)
    return all(c in chars for c in needle)


def make_target(name: str, lab: Lab, work: Path) -> Target:
    if name == "bundle":
        return BundleTarget(name, lab, work, 2_000_000, AGE_TOKENS + ZIP_TOKENS)
    if name == "archive":
        return ArchiveTarget(name, lab, work, 2_000_000, ZIP_TOKENS + JSON_TOKENS)
    if name == "signed":
        return SignedTarget(name, lab, work, 2_000_000, JSON_TOKENS)
    if name == "manifest":
        return ManifestTarget(name, lab, work, 1_000_000, JSON_TOKENS)
    if name == "csv":
        return CsvTarget(name, lab, work, 1_000_000, CSV_TOKENS)
    return PdfTarget(name, lab, work, 32_000, PDF_TOKENS)


# --- running ----------------------------------------------------------------------------------
@dataclass
class Stats:
    target: str
    iterations: int = 0
    rejected: int = 0
    accepted: int = 0
    crashes: int = 0
    violations: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)  # crash and violation kinds seen
    outcomes: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        rate = self.iterations / self.seconds if self.seconds else 0.0
        return (f"{self.target:9s} iterations {self.iterations:8d}  rejected {self.rejected:8d}  accepted "
                f"{self.accepted:7d}  crashes {self.crashes:3d}  violations {self.violations:3d}  "
                f"{rate:8.1f} exec/s  peak RSS {self.peak_rss_mb:6.0f} MB")


class Recorder:
    """Counts outcomes and keeps the first crashing inputs with their tracebacks."""

    def __init__(self, target: str, crashes: Path, timeout: float) -> None:
        self.stats = Stats(target)
        self.crashes = crashes
        self.timeout = timeout
        self.saved = 0

    def execute(self, target: Target, data: bytes) -> str | None:
        """Run one input; returns the outcome signature (None after a crash or violation)."""
        stats = self.stats
        stats.iterations += 1
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            outcome, detail = target.run(data)
        except Violation as exc:
            stats.violations += 1
            self.keep(data, "violation", exc)
            return None
        except Hang as exc:
            stats.crashes += 1
            self.keep(data, "hang", exc)
            return None
        except Exception as exc:  # this is what is being looked for
            stats.crashes += 1
            self.keep(data, "crash", exc)
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if outcome == "rejected":
            stats.rejected += 1
        else:
            stats.accepted += 1
        signature = f"{outcome}:{detail}"
        stats.outcomes[signature] = stats.outcomes.get(signature, 0) + 1
        return signature

    def keep(self, data: bytes, kind: str, exc: BaseException) -> None:
        label = f"{kind}: {type(exc).__name__}: {str(exc)[:200]}"
        new = label not in self.stats.kinds
        self.stats.kinds[label] = self.stats.kinds.get(label, 0) + 1
        if self.saved >= SAVED_CRASHES and not (new and self.saved < 4 * SAVED_CRASHES):
            return  # the first few, and the first of each kind
        self.saved += 1
        self.crashes.mkdir(parents=True, exist_ok=True)
        stem = f"{self.stats.target}-{kind}-{hashlib.sha256(data).hexdigest()[:12]}"
        (self.crashes / f"{stem}.bin").write_bytes(data)
        (self.crashes / f"{stem}.txt").write_text(
            label + "\n\n" + "".join(traceback.format_exception(exc)), encoding="utf-8")


def _alarm(signum: int, frame: Any) -> None:
    raise Hang("no answer within the time limit")


def fuzz_builtin(target: Target, recorder: Recorder, seconds: float | None, iterations: int | None,
                 seed: int) -> None:
    rnd = random.Random(seed)
    mutator = Mutator(rnd, target.tokens, target.max_len)
    seeds = target.seeds()
    pool = list(seeds)
    seen: set[str] = set()
    start = time.perf_counter()
    for data in seeds:  # the unmodified material must pass (a bundle we made is accepted)
        signature = recorder.execute(target, data)
        if signature and signature.startswith("rejected"):
            recorder.stats.violations += 1
            recorder.keep(data, "violation", Violation(f"real material, unmodified, was refused: {signature}"))
        if signature:
            seen.add(signature)
    while True:
        elapsed = time.perf_counter() - start
        if (seconds is not None and elapsed >= seconds) or \
                (iterations is not None and recorder.stats.iterations >= iterations):
            break
        parent = rnd.choice(pool)
        data = None
        for _ in range(8):  # an edit that changes nothing (a swap of equal bytes) is drawn again
            if rnd.random() < 0.5:
                with contextlib.suppress(Exception):  # a structured mutation that fails falls back to bytes
                    data = target.structured(mutator, parent)
            if data is None:
                data = mutator.bytes(parent, pool)
            if data != parent:
                break
            data = None
        if data is None:
            continue
        signature = recorder.execute(target, data)
        if signature and signature not in seen:  # a new way through: keep it to mutate further
            seen.add(signature)
            if len(pool) < 256:
                pool.append(data)
        stats = recorder.stats
        if stats.iterations % 64 == 0:
            stats.peak_rss_mb = max(stats.peak_rss_mb, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    recorder.stats.seconds = time.perf_counter() - start
    recorder.stats.peak_rss_mb = max(recorder.stats.peak_rss_mb,
                                     resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def atheris_child(args: argparse.Namespace) -> None:
    """One target under libFuzzer (a process of its own: atheris.Fuzz() never returns)."""
    import atheris

    with atheris.instrument_imports(include=["kzdesk", "csv"]):  # zipfile and json: imported already
        load()
    work = Path(tempfile.mkdtemp(prefix="kzdesk-fuzz-"))
    lab = Lab(work / "lab")
    target = make_target(args.target[0], lab, work)
    recorder = Recorder(target.name, args.crashes, args.timeout)
    corpus = args.corpus / target.name
    corpus.mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(target.seeds()):
        (corpus / f"seed-{n}").write_bytes(data)
    start = time.perf_counter()

    def finish() -> None:
        stats = recorder.stats
        stats.seconds = time.perf_counter() - start
        stats.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print("FUZZ-STATS " + json.dumps(stats.__dict__), flush=True)
        lab.close()
        shutil.rmtree(work, ignore_errors=True)
        os._exit(0)

    def one(data: bytes) -> None:
        recorder.execute(target, data)
        stats = recorder.stats
        if (args.seconds is not None and time.perf_counter() - start >= args.seconds) or \
                (args.iterations is not None and stats.iterations >= args.iterations):
            finish()

    atheris.Setup([sys.argv[0], f"-max_len={target.max_len}", "-rss_limit_mb=4096", f"-seed={args.seed}",
                   f"-timeout={int(args.timeout) + 5}", str(corpus)], one)
    atheris.Fuzz()


def run_atheris(name: str, args: argparse.Namespace, corpus: Path) -> Stats:
    command = [sys.executable, str(Path(__file__).resolve()), "--atheris-child", "--target", name,
               "--crashes", str(args.crashes), "--corpus", str(corpus), "--seed", str(args.seed),
               "--timeout", str(args.timeout)]
    command += ["--seconds", str(args.seconds)] if args.seconds is not None else []
    command += ["--iterations", str(args.iterations)] if args.iterations is not None else []
    log = corpus / f"{name}-libfuzzer.log"
    with log.open("w") as err:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=err, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("FUZZ-STATS "):
            return Stats(**json.loads(line.removeprefix("FUZZ-STATS ")))
    # libFuzzer stopped the child itself (a crash in native code, out of memory, a timeout).
    print(log.read_text(errors="replace")[-2000:], file=sys.stderr)
    return Stats(name, crashes=1, kinds={f"libFuzzer exit {done.returncode}": 1})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, help="per target (default 60 unless --iterations)")
    parser.add_argument("--iterations", type=int, help="per target")
    parser.add_argument("--target", action="append", choices=TARGETS, help="repeatable; default all")
    parser.add_argument("--corpus", type=Path, help="write the seed corpus here (atheris also keeps its finds)")
    parser.add_argument("--crashes", type=Path, default=Path(tempfile.gettempdir()) / "kzdesk-fuzz-crashes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds one input may take")
    parser.add_argument("--engine", choices=("auto", "builtin", "atheris"), default="auto")
    parser.add_argument("--replay", type=Path, help="run one saved input against --target and show the outcome")
    parser.add_argument("--atheris-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seconds is None and args.iterations is None:
        args.seconds = 60.0
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    signal.signal(signal.SIGALRM, _alarm)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # characters beyond U+FFFF: see PdfTarget.printable
    os.environ.setdefault("KZDESK_LANG", "en")
    if args.atheris_child:
        atheris_child(args)
        return 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "builtin"
    load()
    names = args.target or list(TARGETS)
    work = Path(tempfile.mkdtemp(prefix="kzdesk-fuzz-"))
    try:
        lab = Lab(work / "lab")
        if args.replay:
            target = make_target(names[0], lab, work)
            print(target.run(args.replay.read_bytes()))
            return 0
        if args.corpus:
            for name in names:
                folder = args.corpus / name
                folder.mkdir(parents=True, exist_ok=True)
                target = make_target(name, lab, work)
                for n, data in enumerate(target.seeds()):
                    (folder / f"seed-{n}").write_bytes(data)
                target.close()
        print(f"engine {engine}; {len(lab.bundles)} bundles ({', '.join(str(len(b)) for b in lab.bundles)} bytes) "
              f"and the CSV sample ({SAMPLE.stat().st_size} bytes) as seeds; crashes go to {args.crashes}",
              flush=True)
        results = []
        for name in names:
            if engine == "atheris":
                stats = run_atheris(name, args, args.corpus or work / "corpus")
            else:
                target = make_target(name, lab, work)
                recorder = Recorder(name, args.crashes, args.timeout)
                fuzz_builtin(target, recorder, args.seconds, args.iterations, args.seed)
                target.close()
                stats = recorder.stats
            results.append(stats)
            print(stats.line(), flush=True)
            for label, count in sorted(stats.kinds.items()):
                print(f"    {count:5d} × {label}", flush=True)
        lab.close()
        total = sum(s.crashes + s.violations for s in results)
        print(f"total: {sum(s.iterations for s in results)} inputs, {sum(s.crashes for s in results)} crashes, "
              f"{sum(s.violations for s in results)} violations")
        return 1 if total else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
