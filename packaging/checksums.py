"""The checksum list a volunteer checks a copy of kzdesk against, and its detached signature.

    python packaging/checksums.py DIST NAME PATH... [--comment TEXT] [--public-key FILE]

Writes DIST/NAME.sha256: one line per file, in the form `sha256sum -c` reads, for each PATH under
DIST (a folder is walked, links followed as a copy on a stick follows them). Paths are written as
they are under DIST, so the same list checks the archive, the unpacked folder, or both.

With KZDESK_RELEASE_KEY set to the release key (minisign's secret key file; minisign asks for
its password), also writes DIST/NAME.sha256.minisig, carrying TEXT as its signed ("trusted")
comment, then checks that signature against the project's public key (packaging/
kzdesk-release.pub, printed in the README and the guide): signed with any other key, the
signature is removed and the command fails. Without the key the list is written unsigned and the
command says so; the key's holder signs it later with the same command.

build.sh runs it for the Linux build; for the Windows installer and the macOS archive the key's
holder runs it on the files the build machines made. Check a copy with:

    minisign -Vm NAME.sha256 -P <the public key>      then      sha256sum -c NAME.sha256
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_KEY = ROOT / "packaging" / "kzdesk-release.pub"


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def listed(dist: Path, paths: list[str]) -> list[str]:
    """`HASH  PATH` lines, sorted by path, for every file of PATHS under DIST."""
    files: list[Path] = []
    for name in paths:
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise SystemExit(f"checksums: {name} is not a path inside {dist}")
        top = dist / name
        if top.is_dir():
            seen: set[str] = set()
            for folder, _, names in os.walk(top, followlinks=True):
                real = os.path.realpath(folder)
                if real in seen:  # a link back to a folder above would list it forever
                    raise SystemExit(f"checksums: {Path(folder).relative_to(dist)} links back into itself")
                seen.add(real)
                files += [Path(folder) / f for f in names]
        elif top.is_file():
            files.append(top)
        else:
            raise SystemExit(f"checksums: {top} does not exist")
    lines = []
    for path in sorted(files, key=lambda p: p.relative_to(dist).as_posix()):
        relative = path.relative_to(dist).as_posix()
        if "\n" in relative or "\\" in relative:  # sha256sum would escape them; none of kzdesk's names has one
            raise SystemExit(f"checksums: a file name sha256sum cannot list plainly: {relative!r}")
        if not path.exists():
            raise SystemExit(f"checksums: {relative} is a link to nothing")
        lines.append(f"{digest(path)}  {relative}\n")
    return lines


def sign(sums: Path, key: Path, comment: str, public_key: Path) -> None:
    minisign = shutil.which("minisign")
    if minisign is None:
        raise SystemExit("checksums: KZDESK_RELEASE_KEY is set but minisign is not installed")
    signature = sums.with_name(sums.name + ".minisig")
    signature.unlink(missing_ok=True)
    subprocess.run([minisign, "-S", "-s", str(key), "-m", str(sums), "-x", str(signature), "-t", comment], check=True)
    checked = subprocess.run([minisign, "-V", "-p", str(public_key), "-m", str(sums), "-x", str(signature)],
                             capture_output=True, text=True)
    if checked.returncode != 0:
        signature.unlink(missing_ok=True)
        raise SystemExit(f"checksums: the signature does not verify with {public_key}: was the release key used? "
                         f"{checked.stderr.strip()}")
    print(f"signed: {signature}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dist", type=Path)
    parser.add_argument("name")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--comment", default="kzdesk")
    parser.add_argument("--public-key", type=Path, default=PUBLIC_KEY)
    args = parser.parse_args(argv)
    sums = args.dist / f"{args.name}.sha256"
    lines = listed(args.dist, args.paths)
    sums.with_name(sums.name + ".minisig").unlink(missing_ok=True)  # an older list's signature would mislead
    sums.write_text("".join(lines), encoding="utf-8")
    print(f"{sums}: {len(lines)} files")
    key = os.environ.get("KZDESK_RELEASE_KEY")
    if key:
        sign(sums, Path(key), args.comment, args.public_key)
    else:
        again = shlex.join(["python", "packaging/checksums.py", *(sys.argv[1:] if argv is None else argv)])
        print(f"unsigned: the holder of the release key signs it with KZDESK_RELEASE_KEY=KEY {again}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
