"""Hostile archives and manifests (testing.md): each is refused by the reader, in bounded time."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import time
import zipfile

import pytest

from kzdesk.core.exchange.bundle import SIGNATURE_DOMAIN, BundleRejected, open_bundle
from kzdesk.core.vault.identity import SigningIdentity

pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name")

IDENTITY = SigningIdentity.generate()


def manifest(entries: list[dict[str, object]] | None = None, **changes: object) -> bytes:
    doc: dict[str, object] = {"format": "kzdesk-bundle", "version": 1, "bundle": "ab" * 16, "created": "2021-12-01",
                              "signer": IDENTITY.key_id, "signing_key": IDENTITY.public_key.hex(), "seq": 1,
                              "prev": None, "recipients": ["age1x"], "entries": entries or []}
    doc.update(changes)
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def archive(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            zf.writestr(info, data)
    return buffer.getvalue()


def signed(raw: bytes, extra: list[tuple[str, bytes]] | None = None, method: int = zipfile.ZIP_STORED) -> bytes:
    return archive([("manifest.json", raw), ("manifest.sig", IDENTITY.sign(SIGNATURE_DOMAIN + raw)),
                    *(extra or [])], method)


def refused(payload: bytes) -> str:
    start = time.perf_counter()
    with pytest.raises(BundleRejected) as info:
        open_bundle(payload)
    assert time.perf_counter() - start < 5  # bounded: refusal never takes long
    return info.value.message()


def test_a_well_formed_empty_bundle_opens() -> None:
    assert open_bundle(signed(manifest())).manifest.seq == 1


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "C:\\\\Windows\\\\x", "blobs/../../x",
                                  "blobs/" + "0" * 63, "Blobs/" + "0" * 64, "blobs/" + "0" * 64 + "/", "other.txt"])
def test_unexpected_member_names(name: str) -> None:
    assert "unexpected file name" in refused(signed(manifest(), [(name, b"x")]))


def test_nul_in_a_member_name() -> None:
    payload = signed(manifest(), [("manifest.jsonQ.txt", b"x")])
    payload = payload.replace(b"manifest.jsonQ.txt", b"manifest.json\x00.txt")
    assert "unexpected file name" in refused(payload)


def test_duplicate_member_names() -> None:
    data = b"x"
    digest = hashlib.sha256(data).hexdigest()
    raw = manifest([{"type": "attachment", "sha256": digest, "size": 1}])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, payload in [("manifest.json", raw), ("manifest.sig", IDENTITY.sign(SIGNATURE_DOMAIN + raw)),
                              (f"blobs/{digest}", data), (f"blobs/{digest}", data)]:
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), payload)
    assert "twice" in refused(buffer.getvalue())


def test_compressed_member() -> None:
    assert "compressed" in refused(signed(manifest(), method=zipfile.ZIP_DEFLATED))


def test_symlink_member() -> None:
    digest = hashlib.sha256(b"target").hexdigest()
    buffer = io.BytesIO()
    raw = manifest([{"type": "attachment", "sha256": digest, "size": 6}])
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("manifest.json", (1980, 1, 1, 0, 0, 0)), raw)
        zf.writestr(zipfile.ZipInfo("manifest.sig", (1980, 1, 1, 0, 0, 0)), IDENTITY.sign(SIGNATURE_DOMAIN + raw))
        link = zipfile.ZipInfo(f"blobs/{digest}", (1980, 1, 1, 0, 0, 0))
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, b"target")
    assert "linked" in refused(buffer.getvalue())


def test_overlapping_members() -> None:
    payload = bytearray(signed(manifest()))
    # Point the second central-directory entry at the first member's local header.
    cd = payload.rfind(b"PK\x01\x02")
    struct.pack_into("<I", payload, cd + 42, 0)
    assert refused(bytes(payload))


def test_size_lies_zip64_style() -> None:
    payload = bytearray(signed(manifest()))
    cd = payload.find(b"PK\x01\x02")
    struct.pack_into("<I", payload, cd + 24, 0xFFFFFFFF)  # uncompressed size claims 4 GiB
    assert refused(bytes(payload))


def test_truncated_and_garbage() -> None:
    good = signed(manifest())
    for cut in (0, 4, len(good) // 2, len(good) - 5):
        assert refused(good[:cut])
    assert refused(b"\x00" * 1000)


def test_manifest_and_blobs_must_agree() -> None:
    data = b"evidence"
    digest = hashlib.sha256(data).hexdigest()
    listed = manifest([{"type": "attachment", "sha256": digest, "size": len(data)}])
    assert "do not match its manifest" in refused(signed(listed))  # listed, not present
    assert "do not match its manifest" in refused(signed(manifest(), [(f"blobs/{digest}", data)]))
    wrong = "0" * 64
    assert refused(signed(manifest([{"type": "attachment", "sha256": wrong, "size": 8}]), [(f"blobs/{wrong}", data)]))


@pytest.mark.parametrize("raw", [
    b'{"format": "kzdesk-bundle", "format": "kzdesk-bundle"}',  # duplicate keys
    b'{"a": NaN}', b'{"a": Infinity}', b'{"a": -Infinity}',
    b"[" * 100_000 + b"]" * 100_000,  # deeply nested
    b'{"seq": ' + b"9" * 5000 + b"}",  # 5,000-digit integer
    b'{"a": "\xff\xfe"}',  # invalid UTF-8
    b'{"a": "\\ud800"}',  # lone surrogate
    b'{"a": 1.5}',
    b"",
])
def test_hostile_manifest_json(raw: bytes) -> None:
    assert "malformed" in refused(signed(raw))


def test_huge_manifest_is_bounded() -> None:
    raw = manifest(padding="x" * 20_000_000)
    assert refused(signed(raw))


def test_non_canonical_spelling_of_a_manifest() -> None:
    spaced = json.dumps(json.loads(manifest())).encode()  # same content, other bytes
    assert "malformed" in refused(signed(spaced))


def test_signer_must_match_its_key() -> None:
    other = SigningIdentity.generate()
    assert "malformed" in refused(signed(manifest(signer=other.key_id)))


@pytest.mark.parametrize("field", ["seq", "bundle", "prev", "entries"])
def test_field_types(field: str) -> None:
    bad = {"seq": 0, "bundle": "../x", "prev": "zz", "entries": [{"type": "revision", "sha256": "x", "size": 1}]}
    assert "malformed" in refused(signed(manifest(**{field: bad[field]})))


@pytest.mark.parametrize("created", [None, 20211201, "2021-12-01T23:59:59Z", "1 декабря", ""])
def test_the_creation_day_is_a_day_and_nothing_more(created: object) -> None:
    """Only ever a day: a time or anything else in it could tell when, or where, the volunteer worked."""
    assert "malformed" in refused(signed(manifest(created=created)))


@pytest.mark.slow
def test_every_byte_of_a_small_bundle_matters(tmp_path) -> None:
    """Flip each byte of a real one-record bundle in turn: every variant is refused, nothing written."""
    from kzdesk.core.exchange import trust
    from kzdesk.core.exchange.card import Card
    from kzdesk.core.exchange.exporting import export_bundle
    from kzdesk.core.exchange.importing import import_bundles
    from kzdesk.core.exchange.own import own_card
    from kzdesk.core.model.vault import Profile, Vault
    from kzdesk.core.vault.kdf import floor_params

    coordinator = Vault.create(tmp_path / "c", "pass phrase", Profile("coordinator", "C", ""), kdf=floor_params())
    volunteer = Vault.create(tmp_path / "v", "pass phrase", Profile("volunteer", "V", ""), kdf=floor_params())
    with volunteer.transaction() as conn:
        trust.add(conn, Card.parse(own_card(coordinator).export(coordinator.identity)), volunteer.identity.key_id)
    with coordinator.transaction() as conn:
        trust.add(conn, Card.parse(own_card(volunteer).export(volunteer.identity)), coordinator.identity.key_id)
    changes = volunteer.changeset()
    changes.create("person", {"name": "Ким Виктор", "name_key": "ким виктор"})
    volunteer.commit(changes)
    good = tmp_path / "good.kzb"
    export_bundle(volunteer, good)
    data = good.read_bytes()
    variants = []
    for index in range(len(data)):
        path = tmp_path / "flipped" / f"{index}.kzb"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:])
        variants.append(path)
    outcomes = import_bundles(coordinator, variants)
    assert len(data) > 500
    assert {o.status for o in outcomes} == {"rejected"}
    with coordinator.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM bundle_log").scalar() == 0
    assert import_bundles(coordinator, [good])[0].status == "merged"
    coordinator.close()
    volunteer.close()
