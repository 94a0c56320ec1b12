#!/usr/bin/env bash
# Build the one-folder Linux app, its .tar.gz and their checksum list:   bash packaging/build.sh
#
# A separate venv (build/venv) gets the hash-pinned build requirements (--require-hashes: a
# changed or substituted package on the registry stops the build), then kzdesk itself without
# dependencies, then PyInstaller runs the spec. Everything lands in build/dist/. Prints the build
# time and the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
# No list, signature or archive of an earlier build may outlive a failed one beside the new folder.
rm -f build/dist/*.tar.gz build/dist/*.sha256 build/dist/*.sha256.minisig
python3 -m venv build/venv
build/venv/bin/pip install -q --require-hashes -r packaging/requirements-build-linux.txt
build/venv/bin/pip install -q --no-deps --no-build-isolation .
build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work packaging/kzdesk.spec
app=build/dist/kzdesk
# A link to a file the build left out would make the copy fail where it reads every file (its fingerprint).
if dangling=$(find "$app" -xtype l | grep .); then echo "BUILD FAILED: links to nothing: $dangling" >&2; exit 1; fi
cp packaging/linux/org.kzdesk.kzdesk.desktop packaging/linux/org.kzdesk.kzdesk.metainfo.xml "$app/"
cp packaging/linux/install-desktop-entry.sh packaging/linux/kzdesk-cli "$app/"
version=$(build/venv/bin/python -c "import kzdesk; print(kzdesk.__version__)")
name="kzdesk-$version-linux-x86_64"
archive="build/dist/$name.tar.gz"
tar -C build/dist -czf "$archive" kzdesk
# The checksum list of the archive and of every file of the folder, signed when the release key is
# given (KZDESK_RELEASE_KEY): what a volunteer checks a copy from a USB stick against. The signed
# comment carries the fingerprint the copy itself shows in Help -> About.
fingerprint=$("$app/kzdesk-cli" about --json | build/venv/bin/python -c "import json, sys; print(json.load(sys.stdin)['fingerprint'])")
build/venv/bin/python packaging/checksums.py build/dist "$name" "$name.tar.gz" kzdesk \
  --comment "kzdesk $version linux-x86_64, fingerprint $fingerprint"
finished=$(date +%s)
echo "built $app in $((finished - started)) s"
echo "folder: $(du -sh "$app" | cut -f1), archive: $(du -h "$archive" | cut -f1) ($archive)"
