"""Fuzzing in CI (hypothesis): the bundle reader, the manifest validator, the CSV import and the PDF
builder get arbitrary and mutated input, and answer only with their documented rejection or a
correct result — never another exception, and nothing written when they refuse.

The material is real: a volunteer vault with the December 2021 sample imported and exported with
export_bundle, and a coordinator that trusts it. bench/fuzz.py runs the same targets for hours;
the regression tests at the end are inputs it (or hypothesis) found.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import struct
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import bundle
from kzdesk.core.exchange.bundle import BundleRejected, decrypt, open_bundle, parse_manifest, verify_signature
from kzdesk.core.exchange.chain import MAX_GAPS
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.exchange.own import age_identity, age_recipient
from kzdesk.core.ingest.csv_import import check_bytes, import_csv
from kzdesk.core.model.names import identity_key
from kzdesk.core.model.records import RECORD_TABLES, field_names
from kzdesk.core.model.revisions import make_revision
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.reports.case import _frame, build_pdf, gather
from kzdesk.core.reports.pdf import FAMILY, register_fonts
from kzdesk.core.vault.identity import SigningIdentity, key_id
from kzdesk.core.vault.kdf import floor_params

from ..bench import load_bench
from ..vaults import DATA, introduce, snapshot

fuzz = load_bench("fuzz")  # the long run's PDF text oracle, shared

# The properties (marked slow one by one) run for about 20 s; the regressions at the end take a moment.
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name")
PASS = "fuzz pass phrase"
FUZZ = settings(deadline=None, suppress_health_check=list(HealthCheck), print_blob=True)
# CI runs each property a few hundred times at most (about 20 s in all); KZDESK_FUZZ_SCALE=50
# runs fifty times as many, for a longer look without bench/fuzz.py.
SCALE = int(os.environ.get("KZDESK_FUZZ_SCALE", "1"))
# Each property is a @given function run inside its test, which counts what the examples did
# (refused, accepted, ...) and asserts afterwards that they reached what the property is about:
# a generator whose every example stopped at the first check would otherwise pass unseen.


@dataclass
class Field:
    """Real material shared by the tests of this module (made once: vaults cost a second each)."""

    root: Path
    volunteer: Vault
    coordinator: Vault
    secret: str
    recipient: str
    bundles: list[bytes]  # the December month, then one small bundle
    payloads: list[bytes]  # the same, decrypted


def new_vault(path: Path, role: str) -> Vault:
    return Vault.create(path, PASS, Profile(role, path.name, ""), kdf=floor_params())


@pytest.fixture(scope="module")
def field(tmp_path_factory: pytest.TempPathFactory) -> Field:
    root = tmp_path_factory.mktemp("fuzz")
    volunteer, coordinator = new_vault(root / "volunteer", "volunteer"), new_vault(root / "coordinator", "coordinator")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    import_csv(volunteer, DATA / "monitoring_2021_12.csv")
    export_bundle(volunteer, root / "month.kzb")
    changes = volunteer.changeset()
    changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор", "consent": "public"})
    volunteer.commit(changes)
    export_bundle(volunteer, root / "small.kzb")
    with coordinator.engine.connect() as conn:
        secret = age_identity(conn, create=False)
    assert secret is not None
    bundles = [(root / "month.kzb").read_bytes(), (root / "small.kzb").read_bytes()]
    yield Field(root, volunteer, coordinator, secret, age_recipient(secret), bundles,
                [decrypt(b, secret) for b in bundles])
    volunteer.close()
    coordinator.close()


def state(vault: Vault) -> tuple[object, ...]:
    """Every byte of the vault's files and the row counts a write would change."""
    with vault.engine.connect() as conn:
        counts = tuple(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                       for t in ("revision", "bundle_log", "quarantine", "blob", "person", "act", "source"))
    return counts, snapshot(vault.path)


# --- mutations --------------------------------------------------------------------------------
TOKENS = [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\xff\xff\xff\xff", b"\x00" * 4, b"manifest.json",
          b"blobs/", b"../", b"age-encryption.org/v1\n", b"-> X25519 ", b"--- ", b'"seq":', b"null", b"\\ud800",
          b"9223372036854775808", b"NaN", b"{", b"]"]


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """original with one to four edits: bit flips, insertions, deletions, truncation, splices.

    Every draw has fixed bounds (positions are taken modulo the length): the material is made
    afresh each run, and hypothesis replays saved examples against it."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        n = len(data)
        # Headers and directories sit at both ends: aim there half of the time.
        region, offset = draw(st.sampled_from(["any", "any", "head", "tail"])), draw(st.integers(0, 2**24))
        where = {"any": offset % (n + 1), "head": offset % (min(n, 600) + 1),
                 "tail": max(0, n - 1 - offset % (min(n, 600) + 1))}[region]
        op = draw(st.sampled_from(["flip", "byte", "insert", "token", "delete", "truncate", "splice", "repeat"]))
        if op == "flip" and n:
            data[min(where, n - 1)] ^= 1 << draw(st.integers(0, 7))
        elif op == "byte" and n:
            data[min(where, n - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=16))
        elif op == "token":
            data[where:where] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del data[where:where + draw(st.integers(1, 300))]
        elif op == "truncate":
            del data[where:]
        elif op == "splice":
            start = draw(st.integers(0, 2**24)) % (len(original) + 1)
            data = data[:where] + bytearray(original[start:start + draw(st.integers(1, 2000))]) + data[where:]
        else:
            data[where:where] = bytes(data[where:where + 8]) * draw(st.integers(2, 64))
    return bytes(data)


def same_as_signed(field: Field, opened: bundle.OpenedBundle) -> None:
    """An archive that still opens must carry exactly what was signed (a byte no check reads)."""
    originals = {o.manifest.hash: o for o in map(open_bundle, field.payloads)}
    original = originals.get(opened.manifest.hash)
    assert original is not None, "accepted a manifest nobody signed"
    assert (opened.signature, opened.revisions, opened.blobs) == (original.signature, original.revisions,
                                                                   original.blobs)


# --- bundle reader ----------------------------------------------------------------------------
@pytest.mark.slow
def test_arbitrary_bytes_are_refused_as_bundle_or_archive(field: Field) -> None:
    seen: Counter[str] = Counter()

    @settings(FUZZ, max_examples=150 * SCALE)
    @given(data=st.one_of(st.binary(max_size=3000), st.sampled_from(TOKENS).map(lambda t: t * 50)))
    def run(data: bytes) -> None:
        seen["run"] += 1
        for reader in (lambda: decrypt(data, field.secret), lambda: open_bundle(data)):
            with pytest.raises(BundleRejected) as refused:
                reader()
            assert refused.value.message()
            seen["refused"] += 1

    run()
    assert seen["run"] > 0 and seen["refused"] == 2 * seen["run"], seen


def test_the_real_bundles_open_unmodified(field: Field) -> None:
    for payload in field.payloads:
        opened = open_bundle(payload)
        assert verify_signature(opened) and field.recipient in opened.manifest.recipients
    assert len(open_bundle(field.payloads[0]).revisions) > 200


@pytest.mark.slow
def test_mutated_bundle_files_are_rejected_and_nothing_is_written(field: Field) -> None:
    seen: Counter[str] = Counter()

    @settings(FUZZ, max_examples=120 * SCALE)
    @given(which=st.integers(0, 1), data=st.data())
    def run(which: int, data: st.DataObject) -> None:
        original = field.bundles[which]
        fuzzed = data.draw(mutated(original))
        assume(fuzzed != original)
        path = field.root / "fuzzed.kzb"
        path.write_bytes(fuzzed)
        before = state(field.coordinator)
        outcome = import_bundles(field.coordinator, [path])[0]
        # age authenticates every byte: no edit of the file can decrypt to anything at all.
        assert outcome.status == "rejected", outcome
        assert outcome.reason
        assert state(field.coordinator) == before
        seen[f"rejected {which}"] += 1

    run()
    assert seen["rejected 0"] and seen["rejected 1"], seen
    # The same import merges the untouched bundles (so the rejections above were the edits' doing),
    # into a copy of the coordinator: the shared one stays as the other tests expect it.
    copy = field.root / "coordinator-copy"
    shutil.copytree(field.coordinator.path, copy)
    with Vault.open(copy, PASS) as coordinator:
        for index, original in enumerate(field.bundles):
            (field.root / f"untouched-{index}.kzb").write_bytes(original)
        untouched = [field.root / f"untouched-{index}.kzb" for index in range(len(field.bundles))]
        assert [o.status for o in import_bundles(coordinator, untouched)] == ["merged", "merged"]


@pytest.mark.slow
def test_mutated_archives_are_refused_or_carry_what_was_signed(field: Field) -> None:
    seen: Counter[str] = Counter()

    def check(fuzzed: bytes) -> None:
        try:
            opened = open_bundle(fuzzed)
        except BundleRejected as exc:
            assert exc.message()
            seen["refused"] += 1
            return
        if not verify_signature(opened):
            seen["bad signature"] += 1
            return
        same_as_signed(field, opened)
        seen["as signed"] += 1

    @settings(FUZZ, max_examples=200 * SCALE)
    @given(which=st.sampled_from([0, 1, 1, 1]), data=st.data())
    def run(which: int, data: st.DataObject) -> None:
        check(data.draw(mutated(field.payloads[which])))

    run()
    assert seen["refused"], seen  # the edits reached the reader, which refused them with its own error
    # A few edits touch a byte no check reads and pass as signed; the untouched archives always do.
    before = seen["as signed"]
    for payload in field.payloads:
        check(payload)
    assert seen["as signed"] == before + len(field.payloads), seen


@pytest.mark.slow
def test_mutated_archives_sealed_for_the_coordinator_change_nothing_when_refused(field: Field) -> None:
    """The archive edited and encrypted again for the coordinator (what anyone with its card can do)."""
    from pyrage import encrypt, x25519

    seen: Counter[str] = Counter()

    @settings(FUZZ, max_examples=40 * SCALE)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        fuzzed = data.draw(mutated(field.payloads[1]))
        path = field.root / "sealed.kzb"
        path.write_bytes(encrypt(fuzzed, [x25519.Recipient.from_str(field.recipient)]))
        before = state(field.coordinator)
        outcome = import_bundles(field.coordinator, [path])[0]
        seen[str(outcome.status)] += 1
        if outcome.status == "rejected":
            assert outcome.reason and state(field.coordinator) == before
        else:  # an edit of a byte no check reads: then it is the very content that was signed
            same_as_signed(field, open_bundle(fuzzed))

    run()
    assert seen["rejected"] > 0, seen  # the edited archives did reach the import and its checks


# --- manifest validator -----------------------------------------------------------------------
HEX64, HEX32 = re.compile(r"[0-9a-f]{64}"), re.compile(r"[0-9a-f]{32}")
HOSTILE_TEXT = ["", "\ud800", "\udfff", "\u202e", "\u2066x\u2069", "\x00", "a" * 64, "0" * 32, "F" * 64,
                "ab" * 16 + "\n", " " + "ab" * 16, "١" * 13, "kzdesk-bundle", "revision", "attachment", "age1x"]
SCALARS = st.one_of(
    st.none(), st.booleans(),
    st.integers(), st.sampled_from([2**63 - 1, 2**63, -(2**63) - 1, 10**19, 10**300, 0, 1, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=40), st.sampled_from(HOSTILE_TEXT),
)
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                       max_leaves=20)


def encode(doc: Any, canonical: bool = True) -> bytes:
    """JSON bytes as an attacker could write them: lone surrogates kept as raw (invalid) UTF-8."""
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) if canonical else json.dumps(doc)
    return text.encode("utf-8", "surrogatepass")


def really_valid(raw: bytes, manifest: bundle.Manifest) -> None:
    """An independent reading of the manifest format, for what parse_manifest accepted."""
    doc = json.loads(raw.decode("utf-8"))
    assert encode(doc) == raw
    assert set(doc) == {"format", "version", "bundle", "created", "signer", "signing_key", "seq", "prev",
                        "recipients", "entries"}
    assert doc["format"] == "kzdesk-bundle" and doc["version"] == 1 and not isinstance(doc["version"], bool)
    assert isinstance(doc["bundle"], str) and HEX32.fullmatch(doc["bundle"])
    assert isinstance(doc["signing_key"], str) and HEX64.fullmatch(doc["signing_key"])
    assert key_id(bytes.fromhex(doc["signing_key"])) == doc["signer"]
    assert type(doc["seq"]) is int and 1 <= doc["seq"] < 2**63
    assert doc["prev"] is None or (isinstance(doc["prev"], str) and HEX64.fullmatch(doc["prev"]))
    assert isinstance(doc["recipients"], list) and all(isinstance(r, str) for r in doc["recipients"])
    assert isinstance(doc["entries"], list)
    for entry in doc["entries"]:
        assert isinstance(entry, dict) and set(entry) <= {"type", "id", "sha256", "size"}
        assert entry["type"] in ("revision", "attachment")
        assert isinstance(entry["sha256"], str) and HEX64.fullmatch(entry["sha256"])
        assert type(entry["size"]) is int and entry["size"] >= 0
    assert (manifest.raw, manifest.bundle, manifest.seq, manifest.prev) == (raw, doc["bundle"], doc["seq"],
                                                                             doc["prev"])


def check_manifest(raw: bytes, seen: Counter[str] | None = None) -> bool:
    try:
        manifest = parse_manifest(raw)
    except BundleRejected as exc:
        assert "malformed" in exc.message()
        if seen is not None:
            seen["refused"] += 1
        return False
    really_valid(raw, manifest)
    if seen is not None:
        seen["valid"] += 1
    return True


@pytest.mark.slow
def test_jsonish_structures_are_refused_or_valid() -> None:
    seen: Counter[str] = Counter()

    @settings(FUZZ, max_examples=300 * SCALE)
    @given(doc=JSONISH, canonical=st.booleans())
    def run(doc: Any, canonical: bool) -> None:
        seen["objects" if isinstance(doc, dict) else "other"] += 1
        check_manifest(encode(doc, canonical), seen)

    run()
    # Random JSON is never a valid manifest, but objects as well as other values reached the validator.
    assert seen["refused"] == seen["objects"] + seen["other"] and seen["objects"] and seen["other"], seen


KEY = SigningIdentity.generate()
VALID_MANIFEST = {"format": "kzdesk-bundle", "version": 1, "bundle": "ab" * 16, "created": "2021-12-01",
                  "signer": KEY.key_id, "signing_key": KEY.public_key.hex(), "seq": 3, "prev": "cd" * 32,
                  "recipients": ["age1x"], "entries": [{"type": "revision", "id": "ef" * 32, "sha256": "01" * 32,
                                                        "size": 10}, {"type": "attachment", "sha256": "23" * 32,
                                                                      "size": 0}]}


@pytest.mark.slow
def test_mutated_manifest_fields_are_refused_or_valid() -> None:
    assert check_manifest(encode(VALID_MANIFEST))
    seen: Counter[str] = Counter()

    @settings(FUZZ, max_examples=300 * SCALE)
    @given(changes=st.lists(st.tuples(st.sampled_from([*VALID_MANIFEST, "entry", "extra"]), JSONISH,
                                      st.booleans()), min_size=1, max_size=3),
           canonical=st.sampled_from([True, True, True, False]))
    def run(changes: list[tuple[str, Any, bool]], canonical: bool) -> None:
        doc = json.loads(json.dumps(VALID_MANIFEST))
        for name, value, drop in changes:
            if name == "entry":  # one field of one entry
                entries = doc.get("entries")
                if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
                    continue
                entry = entries[0]
                key = ["type", "id", "sha256", "size", "other"][len(str(value)) % 5]
                entry.pop(key, None) if drop else entry.__setitem__(key, value)
            elif drop:
                doc.pop(name, None)
            else:
                doc[name] = value
        check_manifest(encode(doc, canonical), seen)

    run()
    # Some edits keep a valid manifest (a free-form field such as "created"), most do not: the
    # independent reading in really_valid() ran on the first kind, the refusal on the second.
    assert seen["refused"] and seen["valid"], seen


@pytest.mark.slow
def test_mutated_real_manifest_bytes_are_refused_or_valid(field: Field) -> None:
    seen: Counter[str] = Counter()

    @settings(FUZZ, max_examples=60 * SCALE)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        raw = open_bundle(field.payloads[data.draw(st.integers(0, 1))]).manifest.raw
        check_manifest(data.draw(mutated(raw)), seen)

    run()
    assert seen["refused"] > 0, seen


# --- CSV import -------------------------------------------------------------------------------
HEADER = (DATA / "monitoring_2021_12.csv").read_bytes().split(b"\n", 1)[0].decode().split(",")
CELL = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(["", "2021-12-05", "05.12.2021", "2021-02-30", "1990", "fine", "detention", "488", "73-1",
                     "145 850", "2,5", "MCI", "₸", "administrative_offences_code", "Уральск", "t.me/x",
                     "http://[x", "javascript:alert(1)", "=cmd|' /C calc'!A0", "\u202eevil", "a\x00b", "\ufeff",
                     '"quoted, with comma"', "line\nbreak", "x" * 10_001, "y" * 140_000]),
)
ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"]


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, "replace")


def check_plan(data: bytes, seen: Counter[str] | None = None) -> Any:
    """A plan, whose problems name real rows and columns, or None for a clear InputError (and only
    that: any other exception, KzdeskError or not, fails the test)."""
    seen = Counter() if seen is None else seen
    try:
        plan = check_bytes(data)
    except InputError as exc:
        assert exc.message()
        seen["refused"] += 1
        return None
    # A column is named as the file's header writes it ("-" for the whole row, a number for a column
    # without a header).
    assert all(p.row >= 2 and p.column.strip() for p in plan.problems)
    assert all(p.message() for p in plan.problems)
    if not plan.problems:
        assert all(row.person and row.act["act_type"] for row in plan.rows)
    seen["problems" if plan.problems else "clean"] += 1
    return plan


@pytest.mark.slow
def test_hostile_rows_under_the_real_header() -> None:
    seen: Counter[str] = Counter()

    @settings(FUZZ, max_examples=150 * SCALE)
    @given(rows=st.lists(st.lists(CELL, min_size=len(HEADER) - 3, max_size=len(HEADER) + 1), max_size=5),
           delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(ENCODINGS))
    def run(rows: list[list[str]], delimiter: str, encoding: str) -> None:
        check_plan(csv_bytes(HEADER, rows, delimiter, encoding), seen)

    run()
    # Files the reader refuses whole, and files it reads row by row into problems, both came up.
    assert seen["refused"] and seen["problems"], seen


@pytest.mark.slow
def test_arbitrary_bytes_after_the_real_header() -> None:
    seen: Counter[str] = Counter()
    sample = (DATA / "monitoring_2021_12.csv").read_bytes()

    @settings(FUZZ, max_examples=150 * SCALE)
    @given(prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]),
           body=st.binary(max_size=600), data=st.data())
    def run(prefix: bytes, body: bytes, data: st.DataObject) -> None:
        check_plan(prefix + ",".join(HEADER).encode() + b"\n" + body, seen)
        check_plan(data.draw(mutated(sample)), seen)

    run()
    assert seen["refused"] and seen["problems"] and seen["clean"], seen


@pytest.fixture(scope="module")
def csv_vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    vault = new_vault(tmp_path_factory.mktemp("csv") / "vault", "volunteer")
    yield vault
    vault.close()


REAL_ROWS = list(csv.reader(io.StringIO((DATA / "monitoring_2021_12.csv").read_text(encoding="utf-8"))))[1:]


@pytest.mark.slow
def test_a_refused_csv_file_leaves_the_vault_unchanged(csv_vault: Vault) -> None:
    seen: Counter[str] = Counter()
    # Hostile rows, and rows of the real monitoring file (taken as they are): files of only the
    # second kind are imported, so both answers of import_csv are checked.
    row = st.one_of(st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER)), st.sampled_from(REAL_ROWS))
    files = st.one_of(st.lists(row, min_size=1, max_size=4),
                      st.lists(st.sampled_from(REAL_ROWS), min_size=1, max_size=4))

    @settings(FUZZ, max_examples=30 * SCALE)
    @given(rows=files, encoding=st.sampled_from(ENCODINGS))
    def run(rows: list[list[str]], encoding: str) -> None:
        data = csv_bytes(HEADER, rows, ",", encoding)
        plan = check_plan(data)
        path = csv_vault.path.parent / "fuzzed.csv"
        path.write_bytes(data)
        before = state(csv_vault)
        try:
            report = import_csv(csv_vault, path)
        except InputError as exc:
            assert exc.message()
            assert state(csv_vault) == before
            assert plan is None or plan.problems
            seen["refused"] += 1
            return
        assert plan is not None and not plan.problems
        assert report.acts == len(plan.rows)
        assert state(csv_vault)[0][5] == before[0][5] + report.acts
        seen["imported"] += 1

    run()
    assert seen["refused"] and seen["imported"], seen


# --- PDF builder ------------------------------------------------------------------------------
MARKUP = ["<img src=x>", '<img src="/etc/hostname"/>', "<font size=400>big</font>", "<b>unclosed", "</i>",
          '<a href="https://evil.example">link</a>', "<para>x</para>", "<br/>", "<seq id=x/>", "&", "&amp;",
          "&#65;", "&bogus;", "<![CDATA[x]]>", "\x00", "\x07", "\x1b[31m", "\u202e", "\u200f", "\u200b", "\u00ad",
          "e\u0301\u0308", "שלום", "مرحبا", "中文", "😀", "\ufeff", "Жақсылықов Ерлан", "ӘәҒғҚқҢңӨөҰұҮүҺһІі"]
PDF_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=8)), max_size=6).map("".join),
    st.integers(200, 2500).map(lambda n: "W" * n),
    st.integers(50, 400).map(lambda n: "слово " * n),
)
PDF_FIELDS = [("person", "name"), ("person", "occupation"), ("person", "affiliation"), ("person", "notes"),
              ("event", "title"), ("event", "place"), ("event", "occasion"), ("event", "description"),
              ("act", "court"), ("act", "judge"), ("act", "case_number"), ("act", "appeal_outcome"),
              ("source", "title"), ("citation", "locator")]
TABLE_CELLS = {("act", "court"), ("act", "judge"), ("act", "case_number"), ("act", "appeal_outcome")}


@pytest.fixture(scope="module")
def case_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Vault, dict[str, str]]:
    vault = new_vault(tmp_path_factory.mktemp("pdf") / "vault", "volunteer")
    with vault.transaction() as conn:
        changes = vault.changeset()
        person = changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор", "consent": "public"})
        event = changes.create("event", {"date": "2021-12-05", "date_precision": "day", "date_start": "2021-12-05",
                                         "date_end": "2021-12-05", "city": "Oral", "consent": "public"})
        act = changes.create("act", {"event": event, "person": person, "act_type": "administrative_arrest",
                                     "legal_code": "KoAP", "article": "488", "arrest_days": 10})
        source = changes.create("source", {"url": "https://example.org/x"})
        citation = changes.create("citation", {"source": source, "target_kind": "person", "target": person})
        vault.commit(changes, conn)
    yield vault, {"person": person, "event": event, "act": act, "source": source, "citation": citation}
    vault.close()


def printable(text: str) -> str:
    """What a reader extracts as it was written: characters drawn with a glyph of the embedded font,
    and letters, marks, digits, punctuation or symbols (spaces and control characters are not).
    Beyond U+FFFF, reportlab writes the text map in a form pypdf cannot read (odd-length hex)."""
    glyphs = font_glyphs()
    return "".join(c for c in text if ord(c) in glyphs and ord(c) < 0x10000 and not c.isspace()
                   and unicodedata.category(c)[0] in "LMNPS")


def font_glyphs() -> dict[int, int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    glyphs: dict[int, int] = pdfmetrics.getFont(FAMILY).face.charToGlyph
    return glyphs


@pytest.mark.slow
@settings(FUZZ, max_examples=45 * SCALE)
@given(values=st.lists(PDF_TEXT, min_size=len(PDF_FIELDS), max_size=len(PDF_FIELDS)),
       lang=st.sampled_from(["en", "ru", "kk"]))
@example(values=['<img src="/etc/hostname"/> & <b>', *["<font size=400>big"] * 7, "W" * 2500,
                 *["x"] * 5], lang="en")
@example(values=[*[""] * 10, "\u05b0", ":<", "", ""], lang="en")  # a Hebrew point reverses the next column
@example(values=[*[""] * 13, "\ufeff:;"], lang="en")  # so does U+FEFF, in pypdf's right-to-left blocks
def test_any_text_gives_a_pdf_that_prints_it_literally(case_vault: tuple[Vault, dict[str, str]], values: list[str],
                                                       lang: str) -> None:
    vault, ids = case_vault
    assigned = dict(zip(PDF_FIELDS, values, strict=True))
    assigned[("person", "name")] = assigned[("person", "name")] or "—"
    with vault.transaction() as conn:
        changes = vault.changeset()
        for kind in ("person", "event", "act", "source", "citation"):
            fields: dict[str, Any] = {n: v or None for (k, n), v in assigned.items() if k == kind}
            if kind == "person":
                fields["name_key"] = identity_key(fields["name"])
            changes.update(conn, kind, ids[kind], fields)
        vault.commit(changes, conn)
    with vault.engine.connect() as conn:
        content = gather(conn, ids["person"], "full")
    data = build_pdf(content, lang, "2021-12-31")
    frame = _frame(content, lang, "2021-12-31")
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages
    # No markup obeyed: no image or form drawn, no link, no action, no font size of the user's.
    for page in reader.pages:
        assert "/XObject" not in (page.get("/Resources") or {}) and "/Annots" not in page
    assert not re.search(rb"/Subtype\s*/Image|/URI|/Launch|/JavaScript", data)
    streams = b"".join(page.get_contents().get_data() for page in reader.pages)
    sizes = set(re.findall(rb"/F\d+\+?\d* ([\d.]+) Tf", streams))
    # The styles' sizes, and reportlab's initial Helvetica 12 and 10 on every page: no user value
    # brings a size of its own (<font size=400>).
    assert b"9.5" in sizes and sizes <= {b"16", b"11.5", b"9.5", b"8.5", b"8", b"7.5", b"12", b"10"}
    pages = [printable(page.extract_text() or "") for page in reader.pages]
    # The marking, footer and page number of each page sit between the two halves of a paragraph
    # cut by a page break: without them the paragraph reads as one piece again.
    for n in range(len(pages)):
        for piece in (frame.marking, frame.footer, frame.page_label(n + 1, len(pages))):
            pages[n] = pages[n].replace(printable(piece), "")
    text = "".join(pages)
    if any(fuzz.rearranged(c) for value in assigned.values() for c in value):
        # See fuzz.rearranged(): a reversed run takes along what stands next to it on the line (another
        # column of the row), so then only count the characters.
        assert not Counter(printable("".join(assigned.values()))) - Counter(text)
        return
    for key, value in assigned.items():
        wanted = printable(value)
        # A table row taller than a page is cut across pages column by column: there every
        # character must still be there, in order; a short value must be there in one piece.
        if key in TABLE_CELLS and len(reader.pages) > 1:
            assert fuzz.is_subsequence(wanted, text), key
        else:
            assert wanted in text, key


# --- regressions: inputs the fuzzers found ----------------------------------------------------
def seal(field: Field, doc: dict[str, Any], blobs: list[bytes], identity: SigningIdentity) -> Path:
    """A bundle as anyone holding the coordinator's card could make it: any manifest, any blobs."""
    from pyrage import encrypt, x25519

    raw = encode(doc)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [("manifest.json", raw), ("manifest.sig", identity.sign(bundle.SIGNATURE_DOMAIN + raw)),
                           *((f"blobs/{hashlib.sha256(b).hexdigest()}", b) for b in blobs)]:
            archive.writestr(zipfile.ZipInfo(name, bundle.ZIP_TIME), data)
    path = field.root / f"sealed-{hashlib.sha256(raw).hexdigest()[:8]}.kzb"
    path.write_bytes(encrypt(buffer.getvalue(), [x25519.Recipient.from_str(field.recipient)]))
    return path


def signed_doc(identity: SigningIdentity, seq: int, blobs: list[tuple[str, bytes]], tag: str) -> dict[str, Any]:
    return {"format": "kzdesk-bundle", "version": 1, "bundle": hashlib.sha256(tag.encode()).hexdigest()[:32],
            "created": "2021-12-01", "signer": identity.key_id, "signing_key": identity.public_key.hex(), "seq": seq,
            "prev": None, "recipients": [], "entries": [
                {"type": "revision", "id": rid, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)}
                for rid, b in blobs]}


REQUIRED = {"person": {"name": "Тест", "name_key": "тест", "names": "[]", "consent": "public"},
            "event": {"date": "2021-12-05", "date_precision": "day", "date_start": "2021-12-05",
                      "date_end": "2021-12-05", "consent": "public"}}


def record_revision(kind: str, author: str, hlc: str = "1700000000000-00000000-ab",
                    **values: Any) -> tuple[str, bytes]:
    """A new record's first revision as a signer's own program would hash it (id, blob)."""
    body: dict[str, Any] = {f: None for f in field_names(RECORD_TABLES[kind])}
    body.update(REQUIRED[kind])
    body.update(values)
    record = hashlib.sha256(json.dumps([kind, values], default=str).encode() + hlc.encode()).hexdigest()[:32]
    rev = make_revision(kind, record, body, [], hlc, author)
    return rev.id, bundle.revision_blob(rev)


def person_revision(author: str, hlc: str = "1700000000000-00000000-ab", **values: Any) -> tuple[str, bytes]:
    return record_revision("person", author, hlc, **values)


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**19])
def test_a_whole_number_beyond_sqlite_is_refused_not_a_crash(field: Field, value: int) -> None:
    """Was OverflowError out of import_bundles (a trusted signer's record with birth_year 10**19)."""
    identity = field.volunteer.identity
    blob = person_revision(identity.key_id, birth_year=value)
    doc = signed_doc(identity, 10**6 + value % 1000, [blob], f"big-{value}")
    doc["recipients"] = [field.recipient]
    before = state(field.coordinator)
    outcome = import_bundles(field.coordinator, [seal(field, doc, [blob[1]], identity)])[0]
    assert outcome.status == "rejected" and "malformed" in (outcome.reason or "")
    assert state(field.coordinator) == before


@pytest.mark.parametrize(("kind", "values", "was"), [
    ("person", {"name": None}, "IntegrityError on import (NOT NULL)"),
    ("event", {"date_precision": None}, "IntegrityError on import (NOT NULL)"),
    ("person", {"birth_year": "1987"}, "text in a number column"),
    ("person", {"birth_year": True}, "true/false in a number column"),
    ("person", {"consent": "bogus"}, "KeyError in every case summary of the person"),
    ("person", {"names": "not json"}, "JSONDecodeError in every case summary"),
    ("person", {"names": "5"}, "TypeError in every case summary"),
    ("person", {"names": '[{"text": 1}]'}, "TypeError in every case summary"),
    ("event", {"date": "x-y-z"}, "ValueError in every report with the event"),
    ("event", {"date": "2021-13"}, "IndexError in every report with the event"),
    ("event", {"date_start": "2021"}, "a start that is not a day"),
])
def test_a_signed_record_outside_its_schema_is_refused(field: Field, kind: str, values: dict[str, Any],
                                                       was: str) -> None:
    """What a trusted key (a stolen one, or a faulty program) could sign: refused before any write."""
    identity = field.volunteer.identity
    blob = record_revision(kind, identity.key_id, **values)
    doc = signed_doc(identity, 2 * 10**6 + len(was) + len(str(values)), [blob], f"schema-{kind}-{values}")
    doc["recipients"] = [field.recipient]
    before = state(field.coordinator)
    outcome = import_bundles(field.coordinator, [seal(field, doc, [blob[1]], identity)])[0]
    assert outcome.status == "rejected" and "malformed" in (outcome.reason or ""), was
    assert state(field.coordinator) == before


def test_a_signed_record_in_its_schema_is_merged(field: Field) -> None:
    identity = field.volunteer.identity
    blobs = [record_revision("person", identity.key_id, names='[{"text": "Kim Viktor", "script": "Latn"}]',
                             birth_year=1979, consent="anonymised"),
             record_revision("event", identity.key_id, date="2021-12", date_precision="month",
                             date_start="2021-12-01", date_end="2021-12-31")]
    doc = signed_doc(identity, 3 * 10**6, blobs, "in-schema")
    doc["recipients"] = [field.recipient]
    assert import_bundles(field.coordinator, [seal(field, doc, [b for _, b in blobs], identity)])[0].status == "merged"


def test_a_sequence_number_beyond_sqlite_is_refused_not_a_crash(field: Field) -> None:
    """Was OverflowError while quarantining: any stranger with the coordinator's card could send it."""
    stranger = SigningIdentity.generate()
    doc = signed_doc(stranger, 2**63, [], "seq")
    doc["recipients"] = [field.recipient]
    before = state(field.coordinator)
    outcome = import_bundles(field.coordinator, [seal(field, doc, [], stranger)])[0]
    assert outcome.status == "rejected" and "malformed" in (outcome.reason or "")
    assert state(field.coordinator) == before


def test_the_highest_sequence_number_merges_without_walking_every_gap(tmp_path: Path) -> None:
    """Was a hang and unbounded memory: missing_bundles listed every number below 2**63 - 1."""
    coordinator, volunteer = new_vault(tmp_path / "c", "coordinator"), new_vault(tmp_path / "v", "volunteer")
    introduce(coordinator, volunteer)
    introduce(volunteer, coordinator)  # makes the coordinator's age identity
    with coordinator.engine.connect() as conn:
        secret = age_identity(conn, create=False)
    assert secret is not None
    local = Field(tmp_path, volunteer, coordinator, secret, age_recipient(secret), [], [])
    identity = volunteer.identity
    blob = person_revision(identity.key_id)
    doc = signed_doc(identity, 2**63 - 1, [blob], "last")
    doc["recipients"] = [local.recipient]
    outcome = import_bundles(coordinator, [seal(local, doc, [blob[1]], identity)])[0]
    assert outcome.status == "merged"
    assert outcome.missing == list(range(1, MAX_GAPS + 1))
    coordinator.close()
    volunteer.close()


def test_a_stamp_in_other_digits_is_refused(field: Field) -> None:
    """Stamps sort as ASCII text: Arabic-Indic digits would sort after every real one."""
    identity = field.volunteer.identity
    blob = person_revision(identity.key_id, hlc="١٧٠٠٠٠٠٠٠٠٠٠٠-٠٠٠٠٠٠٠٠-ab")
    doc = signed_doc(identity, 10**7, [blob], "digits")
    doc["recipients"] = [field.recipient]
    outcome = import_bundles(field.coordinator, [seal(field, doc, [blob[1]], identity)])[0]
    assert outcome.status == "rejected" and "malformed" in (outcome.reason or "")


def test_a_member_cut_short_by_its_local_header_is_refused(field: Field) -> None:
    """Was EOFError out of import_bundles: a local header claiming 24,064 extra bytes."""
    from pyrage import encrypt, x25519

    payload = bytearray(field.payloads[1])
    assert payload[:4] == b"PK\x03\x04"
    struct.pack_into("<H", payload, 28, 24_064)  # the first member's extra field length
    with pytest.raises(BundleRejected):
        open_bundle(bytes(payload))
    path = field.root / "eof.kzb"
    path.write_bytes(encrypt(bytes(payload), [x25519.Recipient.from_str(field.recipient)]))
    before = state(field.coordinator)
    assert import_bundles(field.coordinator, [path])[0].status == "rejected"
    assert state(field.coordinator) == before


@pytest.mark.parametrize("change", [
    {"entries": ""}, {"entries": {}}, {"recipients": "age1x"}, {"recipients": {"age1x": 1}}, {"recipients": [1]},
    {"version": True}, {"signing_key": " " + KEY.public_key.hex()}, {"signing_key": KEY.public_key.hex().upper()},
    {"entries": [{"type": "attachment", "sha256": "01" * 32, "size": -1}]},
    {"entries": [{"type": "attachment", "sha256": "01" * 32, "size": True}]},
    {"entries": [["type", "sha256", "size"]]},
])
def test_the_manifest_validator_takes_only_the_documented_types(change: dict[str, Any]) -> None:
    doc = {**VALID_MANIFEST, **change}
    with pytest.raises(BundleRejected):
        parse_manifest(encode(doc))


@pytest.mark.parametrize("bit", [0x20, 0x40])
def test_a_member_flagged_as_patched_or_strongly_encrypted_is_refused(field: Field, bit: int) -> None:
    """Was NotImplementedError out of import_bundles (found by hypothesis: one bit of the central directory)."""
    from pyrage import encrypt, x25519

    payload = bytearray(field.payloads[1])
    central = payload.rfind(b"PK\x01\x02")
    flags = struct.unpack_from("<H", payload, central + 8)[0]
    struct.pack_into("<H", payload, central + 8, flags | bit)
    with pytest.raises(BundleRejected):
        open_bundle(bytes(payload))
    path = field.root / f"flag-{bit}.kzb"
    path.write_bytes(encrypt(bytes(payload), [x25519.Recipient.from_str(field.recipient)]))
    before = state(field.coordinator)
    assert import_bundles(field.coordinator, [path])[0].status == "rejected"
    assert state(field.coordinator) == before


def test_an_unclosed_ipv6_address_is_a_row_problem() -> None:
    """Was ValueError('Invalid IPv6 URL') out of the CSV check."""
    plan = check_bytes(b"person,event_type,source_url\nKim,fine,http://[x\n")
    assert [(p.row, p.column) for p in plan.problems] == [(2, "source_url")]


def test_a_value_taller_than_a_page_in_a_table_cell(case_vault: tuple[Vault, dict[str, str]]) -> None:
    """Was LayoutError: a long court name in the 31 mm column of the chronology."""
    vault, ids = case_vault
    court = "Специализированный межрайонный административный суд " * 120
    with vault.transaction() as conn:
        changes = vault.changeset()
        changes.update(conn, "act", ids["act"], {"court": court})
        changes.update(conn, "person", ids["person"], {"name": "Ким Виктор", "name_key": "ким виктор"})
        vault.commit(changes, conn)
    with vault.engine.connect() as conn:
        data = build_pdf(gather(conn, ids["person"]), "ru")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 2
    # Narrow columns hyphenate long words at line ends ("Специализи-рованный"): read them joined.
    text = re.sub(r"[\s\-\u2010\u00ad]+", "", "".join(page.extract_text() for page in reader.pages))
    # Every word, in order; only where the row crosses a page do other texts come in between.
    assert fuzz.is_subsequence(re.sub(r"\s+", "", court), text)
    assert text.count("Специализированный") >= 120 - (len(reader.pages) - 1)
