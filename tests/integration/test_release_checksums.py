"""The checksum list and its signature, checked as a volunteer checks a copy from a USB stick: with
Debian's minisign and coreutils' sha256sum, not with the code that wrote them."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..system import debian_tool

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "checksums.py"
PUBLIC_KEY = ROOT / "packaging" / "kzdesk-release.pub"


def _key_pair(minisign: str, folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    secret, public = folder / "release.key", folder / "release.pub"
    subprocess.run([minisign, "-G", "-W", "-s", str(secret), "-p", str(public)], check=True, capture_output=True)
    return secret, public


def _dist(tmp_path: Path) -> Path:
    """A build's output: the unpacked folder (Kazakh names, a link as PyInstaller makes) and the archive."""
    dist = tmp_path / "dist"
    app = dist / "kzdesk" / "_internal" / "resources" / "guide"
    app.mkdir(parents=True)
    (dist / "kzdesk" / "kzdesk").write_bytes(b"\x7fELF program")
    (app / "нұсқаулық әғқ.pdf").write_bytes(b"%PDF-1.4 guide")
    (dist / "kzdesk" / "_internal" / "libQt6Core.so.6").symlink_to("resources/guide/нұсқаулық әғқ.pdf")
    (dist / "kzdesk-0.1.0-linux-x86_64.tar.gz").write_bytes(b"archive bytes")
    return dist


def _write(dist: Path, key: Path | None, public: Path, comment: str = "kzdesk 0.1.0, fingerprint 00e4 5562"
           ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KZDESK_RELEASE_KEY"}
    if key is not None:
        env["KZDESK_RELEASE_KEY"] = str(key)
    return subprocess.run([sys.executable, str(SCRIPT), str(dist), "kzdesk-0.1.0-linux-x86_64",
                           "kzdesk-0.1.0-linux-x86_64.tar.gz", "kzdesk", "--comment", comment,
                           "--public-key", str(public)], capture_output=True, text=True, env=env)


def test_a_signed_list_checks_the_archive_and_every_file_and_catches_a_change(tmp_path: Path) -> None:
    minisign = debian_tool("minisign", "minisign")
    secret, public = _key_pair(minisign, tmp_path / "keys")
    dist = _dist(tmp_path)
    done = _write(dist, secret, public)
    assert done.returncode == 0, done.stderr
    sums = dist / "kzdesk-0.1.0-linux-x86_64.sha256"
    listed = [line.split("  ", 1)[1] for line in sums.read_text(encoding="utf-8").splitlines()]
    assert listed == sorted(listed) and set(listed) == {
        "kzdesk-0.1.0-linux-x86_64.tar.gz", "kzdesk/kzdesk", "kzdesk/_internal/libQt6Core.so.6",
        "kzdesk/_internal/resources/guide/нұсқаулық әғқ.pdf"}
    # What the volunteer runs: the signature, whose signed comment names the fingerprint, then the files.
    verified = subprocess.run([minisign, "-V", "-p", str(public), "-m", str(sums)], capture_output=True, text=True)
    assert verified.returncode == 0 and "fingerprint 00e4 5562" in verified.stdout, verified.stdout
    assert subprocess.run(["sha256sum", "--strict", "-c", sums.name], cwd=dist, capture_output=True).returncode == 0
    # A folder copied to a stick without links (FAT) still checks: the link's content is what is listed.
    stick = tmp_path / "stick"
    subprocess.run(["cp", "-rL", str(dist), str(stick)], check=True)
    assert subprocess.run(["sha256sum", "--strict", "-c", sums.name], cwd=stick, capture_output=True).returncode == 0
    # One changed byte in one program file fails the files; a changed list fails the signature.
    (stick / "kzdesk" / "kzdesk").write_bytes(b"\x7fELF progran")
    failed = subprocess.run(["sha256sum", "--strict", "-c", sums.name], cwd=stick, capture_output=True, text=True)
    assert failed.returncode != 0 and "kzdesk/kzdesk: FAILED" in failed.stdout
    # The one who changed it rewrites the list to match: the files check, the signature does not.
    forged = stick / sums.name
    changed = hashlib.sha256(b"\x7fELF progran").hexdigest()
    rewritten = re.sub(r"(?m)^[0-9a-f]{64}(  kzdesk/kzdesk)$", changed + r"\1", forged.read_text(encoding="utf-8"))
    forged.write_text(rewritten, encoding="utf-8")
    assert subprocess.run(["sha256sum", "--strict", "-c", sums.name], cwd=stick, capture_output=True).returncode == 0
    assert subprocess.run([minisign, "-V", "-p", str(public), "-m", str(forged)], capture_output=True).returncode != 0


def test_a_key_other_than_the_release_key_signs_nothing(tmp_path: Path) -> None:
    minisign = debian_tool("minisign", "minisign")
    _, public = _key_pair(minisign, tmp_path / "release")
    stranger, _ = _key_pair(minisign, tmp_path / "stranger")
    dist = _dist(tmp_path)
    done = _write(dist, stranger, public)
    assert done.returncode != 0 and "does not verify" in done.stderr
    assert not list(dist.glob("*.minisig"))


def test_without_the_key_the_list_is_written_unsigned_and_says_so(tmp_path: Path) -> None:
    dist = _dist(tmp_path)
    (dist / "kzdesk-0.1.0-linux-x86_64.sha256.minisig").write_text("an older list's signature")
    done = _write(dist, None, PUBLIC_KEY)
    assert done.returncode == 0 and "unsigned" in done.stdout
    assert (dist / "kzdesk-0.1.0-linux-x86_64.sha256").is_file() and not list(dist.glob("*.minisig"))


def test_a_link_to_nothing_stops_the_list(tmp_path: Path) -> None:
    dist = _dist(tmp_path)
    (dist / "kzdesk" / "_internal" / "libQt6Network.so.6").symlink_to("PySide6/Qt/lib/libQt6Network.so.6")
    done = _write(dist, None, PUBLIC_KEY)
    assert done.returncode != 0 and "link to nothing" in done.stderr
    assert not (dist / "kzdesk-0.1.0-linux-x86_64.sha256").exists()


def test_the_release_key_is_printed_where_volunteers_read_it() -> None:
    """One public key: the file the build checks against, the README and each language's guide."""
    comment, key = PUBLIC_KEY.read_text(encoding="utf-8").splitlines()
    raw = base64.b64decode(key, validate=True)
    # minisign's public key: "Ed", an 8-byte key id (printed reversed in the comment), 32 bytes of Ed25519.
    assert len(raw) == 42 and raw[:2] == b"Ed"
    assert comment == f"untrusted comment: minisign public key {raw[2:10][::-1].hex().upper()}"
    for document in ("README.md", "docs/guide/ru.md", "docs/guide/kk.md", "docs/guide/en.md"):
        text = (ROOT / document).read_text(encoding="utf-8")
        shown = re.findall(r"\bRW[A-Za-z0-9+/]{54}", text)
        assert shown and set(shown) == {key}, document


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_the_shipped_guide_prints_the_release_key(lang: str) -> None:
    from pypdf import PdfReader

    key = PUBLIC_KEY.read_text(encoding="utf-8").splitlines()[1]
    pdf = ROOT / "resources" / "guide" / f"kzdesk-guide-{lang}.pdf"
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert key in text


def test_a_path_outside_the_build_or_a_folder_linked_into_itself_stops_the_list(tmp_path: Path) -> None:
    dist = _dist(tmp_path)
    for outside in (str(tmp_path / "keys"), "../dist/kzdesk"):
        done = subprocess.run([sys.executable, str(SCRIPT), str(dist), "list", outside], capture_output=True, text=True)
        assert done.returncode != 0 and "is not a path inside" in done.stderr
    (dist / "kzdesk" / "_internal" / "loop").symlink_to("..")
    done = _write(dist, None, PUBLIC_KEY)
    assert done.returncode != 0 and "links back into itself" in done.stderr
    assert not list(dist.glob("*.sha256"))
