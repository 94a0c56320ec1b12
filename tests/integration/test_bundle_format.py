"""docs/BUNDLE-FORMAT.md checked as an outsider would check a bundle: the document's own shell
commands (every ```sh block, in order, in one bash) run on real bundles with age, unzip, openssl,
jq and coreutils; a changed manifest or blob makes its step fail; the table of record fields is the
code's; and kzdesk's canonical JSON is held against an independent RFC 8785 implementation."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from kzdesk.core.exchange.bundle import (
    INT64_MAX,
    OpenedBundle,
    Proof,
    _columns,
    decrypt,
    open_bundle,
    parse_manifest,
    revision_blob,
    verify_signature,
)
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.exchange.own import age_identity, age_key_file, own_card
from kzdesk.core.exchange.receipts import write_receipt
from kzdesk.core.model.attachments import attach
from kzdesk.core.model.records import RECORD_TABLES, field_names
from kzdesk.core.model.revisions import canonical_json, make_revision

from ..system import debian_tool
from ..vaults import introduce, make_vault, record_case

DOC = Path(__file__).resolve().parents[2] / "docs" / "BUNDLE-FORMAT.md"
PASSPHRASE = "pass phrase"  # make_vault's
# Text the editor accepts and canonical JSON must get right: quotes, a backslash, a tab, DEL, an emoji.
NOTES = 'Ол "Жаңа газет" үшін жазды \\ 2021\tжыл \x7f, суд: 15 тәулік 😐'


def shell_steps() -> list[str]:
    """The document's shell commands: every ```sh block, in the order written."""
    return re.findall(r"^```sh\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.M | re.S)


def step(containing: str) -> int:
    found = [i for i, block in enumerate(shell_steps()) if containing in block]
    assert len(found) == 1, containing
    return found[0]


FILES = ("bundle.kzb", "previous.kzb", "volunteer.card", "coordinator.card", "receipt.json")


@dataclass(frozen=True)
class Bundles:
    folder: Path  # holds FILES, as the worked example expects
    coordinator: Path
    signer: str
    previous: OpenedBundle
    current: OpenedBundle
    age_key: bytes  # what step 1 writes, for the runs that start after it


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    """A volunteer's two bundles to a coordinator: a case (person, event, act, source, citation),
    then an attachment, an edit with awkward text and a deletion; both cards, and the coordinator's
    receipt for the two bundles."""
    root = tmp_path_factory.mktemp("bundle-format")
    folder = root / "work"
    folder.mkdir()
    volunteer = make_vault(root / "volunteer", "volunteer", "Айгүл")
    coordinator = make_vault(root / "coordinator", "coordinator", "Ерлан")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    person = record_case(volunteer, "Жақсылықов Ерлан", "Oral", "2021-12-05", "public")
    export_bundle(volunteer, folder / "previous.kzb")
    with volunteer.transaction() as conn:
        changes = volunteer.changeset()
        attach(changes, conn, "Хаттама № 17, 05.12.2021\n".encode(), "хаттама.txt", "person", person)
        changes.update(conn, "person", person, {"notes": NOTES})
        citation = conn.exec_driver_sql("SELECT uuid FROM citation").scalar_one()
        changes.delete(conn, "citation", citation)
        volunteer.commit(changes, conn)
    export_bundle(volunteer, folder / "bundle.kzb")
    for vault, name in ((volunteer, "volunteer.card"), (coordinator, "coordinator.card")):
        (folder / name).write_bytes(own_card(vault).export(vault.identity))
    merged = import_bundles(coordinator, [folder / "previous.kzb", folder / "bundle.kzb"])
    assert [str(o.status) for o in merged] == ["merged", "merged"], [o.reason for o in merged]
    with coordinator.transaction() as conn:
        (folder / "receipt.json").write_bytes(write_receipt(conn, coordinator.identity, volunteer.identity.key_id))
    with coordinator.transaction() as conn:
        secret = age_identity(conn, create=False)
        age_key = age_key_file(coordinator, conn)
    assert secret is not None
    opened = [open_bundle(decrypt((folder / name).read_bytes(), secret)) for name in ("previous.kzb", "bundle.kzb")]
    signer = volunteer.identity.key_id
    volunteer.close()
    coordinator.close()
    return Bundles(folder, root / "coordinator", signer, *opened, age_key)


def tools() -> None:
    for command, package in (("age", "age"), ("openssl", "openssl"), ("unzip", "unzip"), ("jq", "jq")):
        debian_tool(command, package)


def tampered(bundles: Bundles, folder: Path, steps: list[str], at: int, change: str
             ) -> subprocess.CompletedProcess[str]:
    """The document's steps up to step AT, then CHANGE (a tampering), then step AT: which must fail,
    and stop the script there."""
    done = run_steps(bundles, folder, *steps[1:at], change, steps[at], age_key=True)
    assert done.returncode != 0 and done.stdout.count("@@ step") == at + 1  # it stopped there
    return done


def run_steps(bundles: Bundles, folder: Path, *parts: str, age_key: bool = False) -> subprocess.CompletedProcess[str]:
    """Run shell text in one bash in folder (a fresh copy of the bundles), as the document asks:
    with `set -euo pipefail`, kzdesk on the PATH, the coordinator's vault and its passphrase given.
    age_key: start with the file step 1 writes (and skip step 1's second of starting kzdesk)."""
    folder.mkdir()
    for name in FILES:
        (folder / name).write_bytes((bundles.folder / name).read_bytes())
    if age_key:
        (folder / "coordinator.age").write_bytes(bundles.age_key)
    shim = folder / ".bin" / "kzdesk"  # this kzdesk, however the suite was installed
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kzdesk "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "KZDESK_VAULT": str(bundles.coordinator), "KZDESK_PASSPHRASE": PASSPHRASE, "KZDESK_LANG": "en",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "XDG_CONFIG_HOME": str(folder / ".config"), "XDG_CACHE_HOME": str(folder / ".cache")}
    script = "set -euo pipefail\n" + "".join(f"echo '@@ step'\n{part}" for part in parts)
    return subprocess.run(["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True, timeout=300)


def test_the_worked_example_checks_a_real_bundle(bundles: Bundles, tmp_path: Path) -> None:
    """Every command of the worked example runs and says what the document says it says."""
    tools()
    steps = shell_steps()
    assert len(steps) == 11
    done = run_steps(bundles, tmp_path / "run", *steps)
    assert done.returncode == 0, done.stderr
    out = [block.strip().splitlines() for block in done.stdout.split("@@ step\n")[1:]]
    manifest, previous = bundles.current.manifest, bundles.previous.manifest
    blobs = [e["sha256"] for e in manifest.entries]
    assert {e["type"] for e in manifest.entries} == {"revision", "attachment"}

    assert (tmp_path / "run" / "coordinator.age").read_text().startswith("# public key: age1")
    listing = out[step("unzip -Z")]
    members = [line for line in listing if line.startswith("?rw")]
    assert [m.split()[-1] for m in members] == ["manifest.json", "manifest.sig", *(f"blobs/{h}" for h in sorted(blobs))]
    assert all(" stor 80-Jan-01 00:00 " in m for m in members)
    assert out[step("-in signed.bin")] == ["Signature Verified Successfully"]
    assert out[step("kzdesk/key-id/v1")] == [bundles.signer, bundles.signer]
    assert out[step("sha256sum -c")] == [*(f"blobs/{h}: OK" for h in blobs), "sizes and names: OK"]
    revisions = [e["id"] for e in manifest.entries if e["type"] == "revision"]
    assert len(revisions) == 3  # the attachment's record, the edit, the deletion
    assert out[step("kzdesk/revision/v1")] == [f"revision {r}: OK" for r in revisions]
    assert manifest.prev == previous.hash and out[step("previous.kzb")] == [previous.hash, previous.hash]
    assert out[step("card-signed.bin")] == ["Signature Verified Successfully", "the card's key signed the bundle"]
    assert out[step("receipt-signed.bin")] == ["Signature Verified Successfully", f"{previous.bundle} {previous.hash}",
                                              f"{manifest.bundle} {manifest.hash}"]


def test_the_worked_example_catches_a_changed_manifest_or_blob(bundles: Bundles, tmp_path: Path) -> None:
    """A manifest changed after signing fails the openssl step; a changed blob fails sha256sum -c."""
    tools()
    steps = shell_steps()
    signature, checksums = step("-in signed.bin"), step("sha256sum -c")
    changed = tampered(bundles, tmp_path / "manifest", steps, signature,
                       "sed -i 's/\"seq\":2,/\"seq\":3,/' bundle/manifest.json\n")
    assert "Signature Verified Successfully" not in changed.stdout
    assert "Signature Verification Failure" in changed.stdout + changed.stderr
    attachment = next(e["sha256"] for e in bundles.current.manifest.entries if e["type"] == "attachment")
    damaged = tampered(bundles, tmp_path / "blob", steps, checksums, f"printf x >> bundle/blobs/{attachment}\n")
    assert f"blobs/{attachment}: FAILED" in damaged.stdout
    revision = next(e["sha256"] for e in bundles.current.manifest.entries if e["type"] == "revision")
    edited = tampered(bundles, tmp_path / "revision", steps, checksums,
                      f"sed -i 's/\"deleted\":false/\"deleted\":true/' bundle/blobs/{revision}\n")
    assert f"blobs/{revision}: FAILED" in edited.stdout
    # Past the checksums, step 8 on its own finds a changed body (content_hash) or header (id).
    person = next(r for r in bundles.current.revisions if r.kind == "person")
    blob = bundles.current.revision_blobs[person.id]
    for change in ("s/Жақсылықов/Жаксылыков/", "s/\"deleted\":false/\"deleted\":true/"):
        redone = run_steps(bundles, tmp_path / f"body{len(change)}", *steps[1:checksums],
                           f"sed -i '{change}' bundle/blobs/{blob}\n", steps[step("kzdesk/revision/v1")],
                           age_key=True)
        assert redone.returncode == 0, redone.stderr
        assert f"revision {person.id}: FAILED" in redone.stdout.splitlines()


def test_the_documented_fields_are_the_codes() -> None:
    """The table of each kind's fields in the document is the one the bundle reader holds bodies to."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- fields:", 1)[1].split("\n\n", 1)[0]
    documented = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", table, re.M))
    expected = {}
    for kind, table_class in RECORD_TABLES.items():
        columns = _columns(kind)
        expected[kind] = ", ".join(name + ("" if columns[name][0] is str else f":{columns[name][0].__name__}")
                                   + ("?" if columns[name][1] else "") for name in field_names(table_class))
    assert documented == expected


def test_the_documented_constants_are_the_codes() -> None:
    from kzdesk.core.exchange import bundle, card, receipts
    from kzdesk.core.model import revisions

    text = DOC.read_text(encoding="utf-8")
    for domain in (bundle.SIGNATURE_DOMAIN, revisions.REVISION_DOMAIN, card.CARD_DOMAIN, receipts.RECEIPT_DOMAIN,
                   b"kzdesk/key-id/v1\n", b"kzdesk/fingerprint/v1\n"):
        assert f'"{domain.decode().rstrip()}\\n"' in text, domain
    assert bundle.MEMBER.pattern in text
    assert (bundle.MAX_BUNDLE_BYTES, bundle.MAX_MEMBERS, bundle.MAX_MANIFEST_BYTES, bundle.MAX_BLOB_BYTES) == \
        (1 << 30, 2_000_000, 64 << 20, 200 << 20)
    assert (bundle.MAX_PARENTS, card.MAX_CARD_BYTES, receipts.MAX_RECEIPT_BYTES) == (64, 16 << 10, 4 << 20)
    assert "| `manifest.json` | 64 MiB |" in text and "| parents of a revision | 64 |" in text


# --- canonical JSON and RFC 8785 ---------------------------------------------------------------------

def test_a_real_bundles_json_is_rfc8785(bundles: Bundles) -> None:
    """Manifests, revision blobs and a proof blob of real bundles, byte for byte as RFC 8785 writes them."""
    for opened in (bundles.previous, bundles.current):
        assert verify_signature(opened)
        raw = opened.manifest.raw
        assert raw == rfc8785.dumps(json.loads(raw))
        for rev in opened.revisions:
            blob = revision_blob(rev)
            assert hashlib.sha256(blob).hexdigest() == opened.revision_blobs[rev.id]
            assert blob == rfc8785.dumps(json.loads(blob))
            assert rev.content_hash == hashlib.sha256(rfc8785.dumps(json.loads(rev.body))).hexdigest()
    assert any(json.loads(r.body).get("notes") == NOTES for r in bundles.current.revisions)
    proof = Proof(bundles.previous.manifest, bundles.previous.signature).blob()
    assert proof == rfc8785.dumps(json.loads(proof))


def test_integers_beyond_2_53_are_where_kzdesk_and_rfc8785_part(bundles: Bundles) -> None:
    """As the document says: kzdesk writes and reads 64-bit integers as plain digits; RFC 8785 cannot."""
    doc = json.loads(bundles.current.manifest.raw)
    doc["seq"] = INT64_MAX
    raw = canonical_json(doc).encode()
    assert f'"seq":{INT64_MAX},'.encode() in raw
    assert parse_manifest(raw).seq == INT64_MAX
    with pytest.raises(rfc8785.IntegerDomainError):
        rfc8785.dumps(doc)
    doc["seq"] = 2**53 - 1
    assert canonical_json(doc).encode() == rfc8785.dumps(doc)


SAFE = st.integers(-(2**53 - 1), 2**53 - 1)
LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІабвгдеёжзийклмнопрстуфхцчшщъыьэюяЁЖЩЪ"
TEXT = st.text(st.one_of(st.sampled_from(LETTERS), st.characters(max_codepoint=0x1F),
                         st.sampled_from('"\\/\x7f\u2028\u2029\ufeff'),
                         st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
                         st.characters(blacklist_categories=("Cs",))), max_size=30)
KEY = st.from_regex(r"[a-z][a-z_]{0,19}", fullmatch=True)
VALUE = st.one_of(st.none(), st.booleans(), SAFE, TEXT)
HEX64 = st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
HEX32 = st.from_regex(r"[0-9a-f]{32}", fullmatch=True)
BODY = st.dictionaries(KEY, VALUE, max_size=12)


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries({
    "id": HEX64, "kind": st.sampled_from(sorted(RECORD_TABLES)), "record": HEX32,
    "parents": st.lists(HEX64, max_size=3), "hlc": TEXT, "author": HEX32, "content_hash": HEX64,
    "deleted": st.booleans(), "body": BODY,
    "entries": st.lists(st.fixed_dictionaries({"type": st.sampled_from(["revision", "attachment", "proof"]),
                                               "sha256": HEX64, "size": SAFE}), max_size=3)}))
def test_canonical_json_is_rfc8785_for_revision_like_documents(doc: dict[str, object]) -> None:
    assert canonical_json(doc).encode("utf-8") == rfc8785.dumps(doc)


@settings(max_examples=100, deadline=None)
@given(kind=st.sampled_from(sorted(RECORD_TABLES)), record=HEX32, body=BODY, parents=st.lists(HEX64, max_size=3),
       author=HEX32, deleted=st.booleans())
def test_revision_blobs_and_hashes_are_rfc8785(kind: str, record: str, body: dict[str, object], parents: list[str],
                                               author: str, deleted: bool) -> None:
    """A revision's blob is RFC 8785, and its content_hash is the SHA-256 of its body's RFC 8785 form."""
    rev = make_revision(kind, record, body, parents, "1796595456894-00000000-562c82b73729", author, deleted)
    blob = revision_blob(rev)
    assert blob == rfc8785.dumps(json.loads(blob))
    assert rev.content_hash == hashlib.sha256(rfc8785.dumps(body)).hexdigest()


def test_the_worked_example_catches_an_altered_card_or_receipt(bundles: Bundles, tmp_path: Path) -> None:
    """A card whose name was changed, or a receipt that confirms one more bundle, fails its openssl step."""
    tools()
    steps = shell_steps()
    card, receipt = step("card-signed.bin"), step("receipt-signed.bin")
    renamed = tampered(bundles, tmp_path / "card", steps, card, "sed -i 's/\"Айгүл\"/\"Ерлан\"/' volunteer.card\n")
    assert "Signature Verification Failure" in renamed.stdout + renamed.stderr
    other = "0" * 32
    widened = tampered(bundles, tmp_path / "receipt", steps, receipt,
                       f"sed -i 's/\"bundles\":\\[/&{{\"bundle\":\"{other}\",\"manifest\":\"0\"}},/' receipt.json\n"
                       f"grep -q '\"bundle\":\"{other}\"' receipt.json\n")
    assert "Signature Verification Failure" in widened.stdout + widened.stderr
